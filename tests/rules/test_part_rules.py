"""Parts decided as the genre writes them (issue 16, part 4), and how each part was decided.

Each rule is tested on a passage quoted from a bundled report (``evals/datasets/devset`` or
``seeds``, named in the test) and on other shapes the genre allows: other numbering, the
line breaks lost, other wording.
"""

from __future__ import annotations

import pytest

from summarizer.service import SummaryService
from summarizer.settings import Settings

from .test_genre_shapes import D03_CLOSING


@pytest.fixture(scope="module")
def summarize():
    service = SummaryService(Settings(_env_file=None))

    def run(text: str):
        return service.summarize_sync(text, backend="rules").summary

    return run


def _starts(summary, part: str, n: int = 4) -> list[str]:
    return [item.evidence[:n] for item in summary.items(part)]


D03_TITLE = "平潭综合实验区2021年法治政府建设情况\n"
# d03's closing, its plans lead-in without 将: only the next year's date opens the part.
D03_YEAR_ONLY = D03_CLOSING.replace("2022年，我们将继续", "2022年，我们继续")


# -- plans opened by the next year's date --------------------------------------------------


@pytest.mark.parametrize(
    "closing",
    [
        D03_YEAR_ONLY,  # one line, （一）（二）
        D03_YEAR_ONLY.replace("。（", "。\n（"),  # with its line breaks
        D03_YEAR_ONLY.replace("（一）", "1.").replace("（二）", "2."),  # other numbering
        D03_YEAR_ONLY.replace("（一）", "一是").replace("（二）", "二是"),
        # other wording: the body names itself, no 将, 要 or 继续
        D03_CLOSING.replace("2022年，我们将继续以", "2022年，区政府重点做好以下工作，以"),
    ],
    ids=["one-line", "line-breaks", "arabic", "yishi", "other-wording"],
)
def test_a_closing_paragraph_opened_by_the_next_years_date_is_the_plans(summarize, closing):
    summary = summarize(D03_TITLE + closing)
    assert len(summary.plans) == 2, _starts(summary, "plans")
    assert [item.evidence[:4] for item in summary.problems] == ["一年来，"]  # not shortcomings
    assert summary.compliance.plans
    # Found from the date, not under a heading naming the part: the checklist says so.
    assert summary.compliance.basis.plans in ("cue", "position")
    assert {item.part_basis for item in summary.plans} <= {"cue", "position"}


def test_a_later_years_date_with_a_month_or_without_units_after_it_is_no_plan(summarize):
    # 2022年1月，…: an event early in the next year, told among the results.
    month = D03_YEAR_ONLY.replace("2022年，我们继续", "2022年1月，我们继续")
    assert summarize(D03_TITLE + month).plans == []
    # The year alone with no numbered units after it: nothing says a list of plans follows.
    no_units = D03_YEAR_ONLY.split("（一）")[0]
    assert summarize(D03_TITLE + no_units).plans == []


def test_a_heading_naming_the_plans_part_is_basis_heading(summarize):
    text = (
        "某某县2022年法治政府建设年度报告\n一、主要举措和成效\n（一）完善制度。制定规范性文件3件。\n"
        "二、存在的不足\n执法队伍专业化水平有待提升。\n三、2023年工作打算\n（一）加强学习。组织培训4期。\n"
    )
    summary = summarize(text)
    assert summary.compliance.basis.plans == "heading"
    assert summary.compliance.basis.problems == "heading"
    assert summary.compliance.basis.achievements == "heading"
    assert [i.part_basis for i in summary.plans] == ["heading"]


# -- reasons inside a problem sentence are causes, quoted as their own clause ---------------

PROBLEMS_HEAD = (
    "某某县2022年法治政府建设年度报告\n一、主要举措和成效\n（一）完善制度。制定规范性文件3件。\n"
    "二、存在的不足\n"
)
PLANS_TAIL = "\n三、2023年工作打算\n（一）加强学习。组织培训4期。\n"


@pytest.mark.parametrize(
    ("problem", "cause"),
    [
        # d01 (平潭综合实验区2023年法治政府建设情况), the 由于 clause inside its problem sentence
        (
            (
                "当前，执法力量配置与适应日益繁重的工作任务矛盾突出，法制力量普遍紧缺，工作容易疲于应付，"
                "且由于日常工作繁重，缺乏定期、系统、高质量的培训，法律知识更新不足，专业素养和综合指导能力不强。"
            ),
            "由于日常工作繁重，缺乏定期、系统、高质量的培训，法律知识更新不足",
        ),
        ("一是行政执法水平有待提高，因执法人员流动频繁，部分案件办理不够规范。", "因执法人员流动频繁"),
        ("一是行政执法水平有待提高，受限于编制人数，部分单位没有专职法制审核人员。", "受限于编制人数"),
        ("1.执法案卷质量不高，主要是部分执法人员法治意识不强。", "主要是部分执法人员法治意识不强"),
        ("（一）基层法治力量薄弱，经费保障不足，导致法律顾问作用发挥不到位。",
         "经费保障不足，导致法律顾问作用发挥不到位"),
    ],
    ids=["d01-youyu", "yin", "shouxianyu", "zhuyaoshi", "daozhi"],
)
def test_a_reason_inside_a_problem_sentence_is_a_cause_of_its_own(summarize, problem, cause):
    summary = summarize(PROBLEMS_HEAD + problem + PLANS_TAIL)
    assert [item.evidence for item in summary.causes] in ([cause], ["且" + cause])
    assert summary.problems and summary.problems[0].evidence.startswith(problem[:8])
    assert summary.compliance.causes_given
    assert [item.part_basis for item in summary.causes] == ["cue"]


def test_a_consequence_that_is_no_shortcoming_is_no_cause(summarize):
    # seed 000 (环市街2022年法治政府建设年度报告): 导致 here tells what the attitude leads to among
    # the public, not why the body's work falls short.
    problem = (
        "三是人民群众法治意识还比较淡薄。部分基层群众仍存在“信访不信法”现象,认为“法”不如“访”实惠,"
        "导致部分群众争先效仿,信访量逐年加大,形成恶性循环,为社会的稳定埋下了隐患。"
    )
    assert summarize(PROBLEMS_HEAD + problem + PLANS_TAIL).causes == []


# -- leaders' duties are the sentences about the principal leaders ---------------------------

# d06 (苏平片区2022年法治政府建设工作情况报告), one line as published.
D06_LEADERS = (
    "二、工作开展情况（一）加强组织领导，不断完善法治建设机制。一是坚持党对法治政府建设的领导。"
    "按照《党政主要负责人履行推进法治建设第一责任人职责规定》要求，党政主要负责人切实履行推进法治建设"
    "第一责任人职责，班子成员充分履行“一岗双责”，形成主要领导亲自抓、分管领导具体抓、部门密切配合、"
    "上下齐抓共管的工作格局。将依法行政列入党委重要工作议事日程，及时召开会议研究解决法治政府建设重大问题，"
    "强力推进学法、执法、普法等重点工作，确保依法行政工作有效落实。二是严格落实行政决策程序。"
    "坚持党对一切工作的领导的基本原则，充分发扬民主，实行民主集中制。"
)


@pytest.mark.parametrize(
    "body",
    [
        D06_LEADERS,
        D06_LEADERS.replace("。按照", "。\n按照").replace("。将依法", "。\n将依法"),  # line breaks
        D06_LEADERS.replace("党政主要负责人切实履行", "党组书记切实履行"),  # other wording
    ],
    ids=["one-line", "line-breaks", "dangzushuji"],
)
def test_leaders_duties_are_the_sentences_about_the_leaders(summarize, body):
    summary = summarize("苏平片区2022年法治政府建设工作情况报告\n" + body)
    duties = [item.evidence for item in summary.leader_duties]
    assert len(duties) == 1 and duties[0].startswith("按照《党政主要负责人"), duties
    assert "将依法行政列入" not in duties[0]  # the unit's next sentence is not about the leaders
    assert "一是坚持" not in duties[0]


def test_a_unit_headed_by_the_leaders_duty_starts_with_its_heading(summarize):
    # d01: （二）切实履行法治政府建设第一责任人职责。 … — the heading names the duty.
    text = (
        "平潭综合实验区2023年法治政府建设情况\n一、加强党的领导\n"
        "（二）切实履行法治政府建设第一责任人职责。 实验区高度重视法治政府建设工作，党政主要负责人积极履行"
        "推进法治建设第一责任人职责，坚持把依法行政推进法治政府建设作为全局性、综合性、基础性的系统工程。"
        "通过理论学习中心组学习，集中学习贯彻党的二十大精神。\n"
    )
    duties = summarize(text).leader_duties
    assert len(duties) == 1 and duties[0].evidence.startswith("（二）切实履行")
    assert "通过理论学习中心组学习" not in duties[0].evidence
    assert duties[0].part_basis == "heading"


# -- headings run together when line breaks were lost ----------------------------------------


@pytest.mark.parametrize(
    ("joined", "alone"),
    [
        ("工作开展情况（一）加强组织领导，不断完善法治建设机制", "工作开展情况"),  # d06, one line
        ("强化组织领导，全面推进法治政府建设1.深入学习宣传习近平法治思想", "强化组织领导，全面推进法治政府建设"),
        ("全面推进法治政府建设（1）深入学习", "全面推进法治政府建设"),
        ("深化“放管服”改革二、存在的问题", "深化“放管服”改革"),
        ("落实《条例（2021年版）》规定", "落实《条例（2021年版）》规定"),  # a year in brackets is no marker
        ("推进“八五”普法规划", "推进“八五”普法规划"),
    ],
)
def test_a_heading_alone_without_the_unit_run_into_it(joined, alone):
    from summarizer.structure import heading_alone

    assert heading_alone(joined) == alone


def test_two_headings_run_together_make_neither_one_label_nor_two_parts(summarize):
    from summarizer.extract.rules.part_classifier import heading_parts

    # 一、…工作成效 run into 二、存在的问题: the heading announces the measures only.
    assert heading_parts("2022年法治政府建设工作成效二、存在的问题") == ["achievements"]
    summary = summarize("苏平片区2022年法治政府建设工作情况报告\n" + D06_LEADERS)
    categories = {item.category for item in summary.achievements}
    assert categories == {"工作开展情况"}, categories
