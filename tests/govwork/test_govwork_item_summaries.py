"""A government work report's item summaries: a heading that states its section is the summary by
itself; a short heading takes a clause only from its unit's opening, and only one that opens its
sentence. Real passages (bundled govwork reports) and other shapes the genre allows (other
numbering, text that lost its line breaks, sub-tasks under run-in headlines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evals.reader import summary_problems
from summarizer.extract.govwork.backend import _states_itself, extract_govwork
from summarizer.extract.rules.items import make_item
from summarizer.preprocess import clean

GOVWORK = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "govwork"


def _joined(summary: str, text: str, item) -> list[str]:
    return [p for p in summary_problems(summary, text, item) if "joins its heading" in p]


@pytest.fixture(scope="module")
def reports():
    out = {}
    for name in ("g01", "g02", "g06", "g09", "g17"):
        doc = clean((GOVWORK / f"{name}.txt").read_text(encoding="utf-8"))
        out[name] = (doc.text, extract_govwork(doc))
    return out


@pytest.mark.parametrize("name", ["g01", "g02", "g06", "g09", "g17"])
def test_no_bundled_summary_joins_a_clause_a_reader_would_not_quote(reports, name):
    text, got = reports[name]
    for item in [*got.review, *got.plans, *got.government_self_building]:
        assert _joined(item.summary, text, item) == [], item.summary


def test_a_heading_that_states_its_section_is_the_summary_by_itself(reports):
    _, got = reports["g01"]
    # 一、促升级，“质量罗湖”效益彰显 over a 1,600-character section: no one clause of it stands for it
    assert "促升级，“质量罗湖”效益彰显" in [i.summary for i in got.review]


def test_a_short_heading_keeps_its_opening_result(reports):
    _, got = reports["g06"]
    # 八是社会保障坚实有力。区养老护理院完工，…驿站339个。新增托位10243个，总量约两万个…: the
    # second sentence of the opening states the result whole; 建成…驿站339个 leans on its sentence.
    summaries = [i.summary for i in got.review]
    assert "社会保障坚实有力：新增托位10243个" in summaries, summaries


@pytest.mark.parametrize("heading,alone", [
    ("统筹疫情防控和经济社会发展，主要指标好于预期", True),
    ("坚持先行示范、蹄疾步稳，改革开放展现新气象", True),
    ("以更高标准推进现代化国际化创新型城区建设", True),  # long: a statement of its own
    ("教育事业全面发展", False),
    ("推进产业空间拓展", False),
])
def test_which_headings_state_their_section(heading, alone):
    assert _states_itself(heading, 0, len(heading)) is alone


def _summary(text: str, heading: str, **options) -> tuple[str, object]:
    at = text.index(heading)
    item = make_item(text, 0, len(text), (at, at + len(heading)), None, whole_sentences=True, **options)
    return item.summary, item


OPENING = "推进产业空间拓展{br}全年新增产业空间120万平方米，同比增长15%。加快园区改造，建成标准厂房8栋。完成土地整备300公顷。"


@pytest.mark.parametrize("marker", ["（二）", "2.", "二、"])
@pytest.mark.parametrize("br", ["\n", ""])
def test_a_short_heading_takes_the_opening_clause_with_its_subject(marker, br):
    text = marker + OPENING.format(br=br)
    summary, item = _summary(text, "推进产业空间拓展")
    assert summary == "推进产业空间拓展：全年新增产业空间120万平方米"
    assert _joined(summary, text, item) == []


@pytest.mark.parametrize("br", ["\n", ""])
def test_a_section_of_sub_tasks_under_run_in_headlines_keeps_its_heading_alone(br):
    text = f"（二）推进科技创新{br}创新载体加快建设。新建实验室3家，建成各类创新平台100个。{br}人才队伍不断壮大。引进人才300人。"
    summary, _ = _summary(text, "推进科技创新")
    assert summary == "推进科技创新"


def test_a_later_clause_of_its_sentence_is_not_taken():
    text = "（三）优化营商环境\n深化商事制度改革，新登记经营主体1.2万户，增长12%。"
    summary, item = _summary(text, "优化营商环境")
    assert summary == "优化营商环境：深化商事制度改革"
    assert _joined(summary, text, item) == []


def test_a_background_sentence_is_no_measure():
    text = "（四）发展全域旅游\n旅游是我区的优势产业，面临设施老化的问题。加快景区提升，新建游客中心。"
    summary, _ = _summary(text, "发展全域旅游")
    assert summary == "发展全域旅游：加快景区提升"
    text = "（四）发展全域旅游\n面对客流下降的压力，我们稳住了市场。"
    assert _summary(text, "发展全域旅游")[0] == "发展全域旅游"


def test_heading_alone():
    text = "（二）" + OPENING.format(br="\n")
    assert _summary(text, "推进产业空间拓展", heading_alone=True)[0] == "推进产业空间拓展"


# --- the overview: the report's own summary of the year, never the period's rhetoric -----------

_FILLER = "坚持稳中求进工作总基调，推动各项工作落实落细，" * 40  # a report is longer than 1,500 characters


def _report(lead: list[str], unit: str = "（{n}）") -> list[str]:
    return [
        "各位代表：现在，我代表区人民政府向大会报告工作，请予审议。",
        "一、2023年工作回顾", *lead,
        unit.format(n="一") + "经济实力稳步提升。地区生产总值增长6%，固定资产投资增长8%。" + _FILLER + "。",
        unit.format(n="二") + "民生福祉持续增进。新增学位1万个，新增就业岗位3万个。",
        "在看到成绩的同时，我们也清醒地认识到，发展还面临不少困难和问题：产业结构不优；创新能力不强。",
        "二、2024年工作安排", "2024年是关键之年。主要预期目标是：地区生产总值增长5.5%左右。",
        unit.format(n="一") + "扩大有效投资。推进重大项目建设100个。",
    ]


YEAR_SUM = ("2023年是全面贯彻党的二十大精神的开局之年，是经济恢复发展的一年。一年来，我们在区委的坚强领导下，"
            "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神，统筹推进稳增长、惠民生各项工作，"
            "较好完成区人大确定的主要目标任务。")


@pytest.mark.parametrize("join", ["\n", ""])
@pytest.mark.parametrize("unit", ["（{n}）", "{n}是"])
def test_the_overview_is_the_years_sum_not_its_rhetoric(join, unit):
    got = extract_govwork(clean(join.join(_report([YEAR_SUM], unit))))
    assert got.overview == "统筹推进稳增长、惠民生各项工作，较好完成区人大确定的主要目标任务"


@pytest.mark.parametrize("rhetoric", [
    "过去的五年，是我区发展历程中极不平凡的五年，也是干部群众逐梦前行的五年。",
    "“十三五”时期是我区发展史上具有重大意义的五年。",
    "各位代表！刚刚过去的2023年，是极不平凡的一年，一年来，我们主要做了以下工作：",
])
def test_without_a_sum_of_the_year_the_overview_is_the_reviews_first_statement(rhetoric):
    got = extract_govwork(clean("\n".join(_report([rhetoric]))))
    assert got.overview == got.review[0].summary
    assert got.overview.startswith("经济实力稳步提升")


def test_the_overview_skips_the_national_events_the_review_opens_with():
    national = "在全党全国各族人民迈上新征程的关键时刻，党的第二十次全国代表大会胜利召开，取得了重大成果。"
    got = extract_govwork(clean("\n".join(_report([national + YEAR_SUM]))))
    assert got.overview.endswith("较好完成区人大确定的主要目标任务")


@pytest.mark.parametrize("name,want", [
    ("g02", "较好完成区五届人大五次会议确定的各项工作任务"),  # after 过去一年，在…领导下，坚持以…为指导，…
    ("g10", "总体完成了区八届人大第二次会议确定的目标任务"),  # not 过去一年，是…极为重要的一年 nor the congress
])
def test_the_overview_of_bundled_reports(reports, name, want):
    if name not in reports:
        doc = clean((GOVWORK / f"{name}.txt").read_text(encoding="utf-8"))
        reports[name] = (doc.text, extract_govwork(doc))
    overview = reports[name][1].overview
    assert overview.endswith(want), overview
    assert "是" not in overview[:12]
