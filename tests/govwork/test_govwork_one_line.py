"""A 政府工作报告 that reached the user in one line (a web page's paragraphs run together, all
breaks lost): preprocessing segments it (preprocess/paragraphs.py), and the genre's units are
read from paragraphs that start inside a line. The passage is written in the genre's shape
(headings run into their first sentence, (一) units, the thanks closing the review, the
admission of problems, a dash-headed review) in two numberings."""

from __future__ import annotations

import pytest

from summarizer.extract.govwork.backend import extract_govwork
from summarizer.extract.govwork.units import MARKER
from summarizer.preprocess import clean

_INTRO = "过去一年，面对复杂严峻的外部环境，我们坚持稳中求进工作总基调，推动经济社会持续健康发展。" * 40  # a report is longer than 1,500 characters


def _report(unit: str) -> list[str]:
    return [
        "各位代表：现在，我代表区人民政府向大会报告工作，请予审议。",
        "一、2023年工作回顾", _INTRO,
        unit.format(n="一") + "经济实力稳步提升。地区生产总值增长6%，固定资产投资增长8%。",
        unit.format(n="二") + "改革开放纵深推进。出台改革措施30项，新增市场主体2万户。",
        unit.format(n="三") + "民生福祉持续增进。新增学位1万个，新增就业岗位3万个。",
        "各位代表！成绩来之不易。在此，我代表区人民政府，向全区人民表示衷心的感谢！",
        "在看到成绩的同时，我们也清醒地认识到，发展还面临不少困难和问题：产业结构不优；创新能力不强；公共服务存在短板。",
        "二、2024年工作安排", "2024年是关键之年。主要预期目标是：地区生产总值增长5.5%左右。",
        unit.format(n="一") + "扩大有效投资。推进重大项目建设100个。",
        unit.format(n="二") + "提升公共服务。新建学校5所。",
    ]


@pytest.mark.parametrize("unit", ["（{n}）", "({n})", "——"])
def test_a_report_in_one_line_gives_the_parts_of_its_lines(unit):
    paragraphs = _report(unit)
    as_lines = clean("\n".join(paragraphs))
    one_line = clean("".join(paragraphs))
    want, got = extract_govwork(as_lines), extract_govwork(one_line)
    for part in ("review", "problems", "plans"):
        assert [i.evidence for i in getattr(got, part)] == [i.evidence for i in getattr(want, part)], part
    assert len(got.review) == 3 and len(got.problems) == 3 and len(got.plans) == 2
    assert [t.value for t in got.targets] == [5.5]


def test_a_unit_marker_is_read_at_a_paragraph_start_inside_a_line():
    text = "前文。（一）经济实力稳步提升。"
    assert MARKER.match(text, 3) and MARKER.match(text, 0) is None


@pytest.mark.parametrize("tasks_heading", ["二、2024年工作安排", "二、2024年主要任务"])
def test_the_session_year_of_a_report_in_one_line_is_read_from_its_headings(tasks_heading):
    # The review opens with the year reviewed (2023年是…): the tasks' heading dates the session,
    # though it is in no line of its own.
    paragraphs = ["各位代表：现在，我代表区人民政府向大会报告工作，请予审议。", "一、2023年工作回顾",
                  "2023年是极不平凡的一年。" + _INTRO, tasks_heading, "今年是关键之年。要扩大有效投资。"]
    metadata = extract_govwork(clean("".join(paragraphs))).metadata
    assert (metadata.session_year, metadata.report_year) == (2024, 2023)


@pytest.mark.parametrize("after", [
    "上述预期目标，是充分考虑发展现状确定的，增长8%是积极稳妥的。",
    "实现这些目标，关键是抓好项目建设，全年安排重点项目105个。",
    "加强对增长、就业、物价等主要目标的统筹平衡。这里，着重对两个目标加以说明。把增长目标定在7.5%左右。",
    "为实现上述目标，今年要突出抓好十个方面的工作：（一）抓好投资，安排项目100个。",
])
def test_the_targets_of_a_report_in_one_line_end_where_it_turns_to_their_rationale(after):
    targets = ("今年经济社会发展主要预期目标是：地区生产总值增长8%；固定资产投资扭转下滑态势，实现正增长。"
               "城镇新增就业1万人以上，主要约束性指标达到上级要求。")
    text = _INTRO + targets + after
    got = extract_govwork(clean(text)).targets
    assert [(t.indicator, t.value) for t in got] == [
        ("地区生产总值增长", 8.0), ("固定资产投资", None), ("城镇新增就业", 1.0), ("主要约束性指标", None)]


@pytest.mark.parametrize("series", ["一是{0}。二是{1}。三是{2}。", "一是{0}；二是{1}；三是{2}。"])
def test_the_problems_end_where_their_enumeration_does_not_continue(series):
    # In one line the problems run on into the next passage, which enumerates again (一是…二是…).
    problems = series.format("支柱产业转型步伐较慢", "科技创新引领带动作用发挥不足", "公共服务资源总量偏少")
    text = (_INTRO + "在看到成绩的同时，我们也必须清醒认识到，发展还面临不少困难和挑战，主要表现在："
            + problems + "2024年工作的总体要求是：一是在变与不变中把握主动。二是在危与机中保持定力。"
            + "今年经济社会发展主要预期目标是：地区生产总值增长6%。")
    got = [i.evidence.rstrip("。；") for i in extract_govwork(clean(text)).problems]
    assert got == ["一是支柱产业转型步伐较慢", "二是科技创新引领带动作用发挥不足", "三是公共服务资源总量偏少"]


@pytest.mark.parametrize(("title", "subtitle"), [
    ("政 府 工 作 报 告", "——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上"),
    ("政府工作报告", "--2015年2月5日在海拉尔区第十四届人民代表大会第四次会议上"),
    ("2024年某某区政府工作报告", "—2024年1月10日在某某区第七届人民代表大会第四次会议上"),
])
def test_the_title_of_a_report_in_one_line_is_read_before_its_dated_subtitle(title, subtitle):
    text = title + subtitle + "区长 张三各位代表：现在，我代表区人民政府向大会作政府工作报告，请予审议。" + _INTRO
    metadata = extract_govwork(clean(text)).metadata
    assert metadata.title == title.replace(" ", "")
    assert metadata.delivery_date is not None and metadata.congress_session is not None


def test_an_opening_that_names_the_report_is_no_title():
    text = "各位代表：现在，我代表市人民政府向大会作政府工作报告，请予审议。一、2023年工作回顾2023年是关键之年。" + _INTRO
    assert extract_govwork(clean(text)).metadata.title is None


def test_a_paragraph_that_opens_with_its_enumeration_inside_a_line_keeps_its_first_unit():
    from summarizer.extract.govwork.units import split_inline

    text = "前文。一是主要指标稳中有进。建立日调度。二是产业结构更优。新增企业。"
    units = split_inline(text, 3, len(text), [(0, len(text))])
    assert [text[u.start:u.start + 2] for u in units] == ["一是", "二是"]
