"""Summaries of the genre's lists and of headings that lost their line break (issue 16, closing)."""

from __future__ import annotations

import pytest

from summarizer.evals.reader import summary_problems
from summarizer.extract.rules.summaries import build_summary
from summarizer.schema import Item, Span


def _check(text: str, summary: str) -> list[str]:
    item = Item(summary=summary, evidence=text, span=Span(start=0, end=len(text)))
    return summary_problems(summary, text, item)


@pytest.mark.parametrize(("text", "expected"), [
    # d08's shape: the list after 存在的问题主要是, closed by 等
    (("2024年，我办在法治政府建设工作中存在的问题主要是指导各单位加强依法决策水平的能力有待提升、"
      "统筹全区普法工作质效方面有待加强、行政执法监督工作质量有待加强等。我办坚持问题导向。"),
     "指导各单位加强依法决策水平的能力有待提升、统筹全区普法工作质效方面有待加强、行政执法监督工作质量有待加强"),
    ("存在的不足主要有执法队伍专业化程度不高、法治宣传形式单一等等。另外还有不足。",
     "执法队伍专业化程度不高、法治宣传形式单一"),
    ("我县法治建设还存在一些短板，主要表现在执法人员素质参差不齐，基层法治力量薄弱等。",
     "执法人员素质参差不齐，基层法治力量薄弱"),
    # d05's shape: an example list opened by 如 and closed by 等
    ("各项工作取得了一定成效，但与新期待仍有一定差距，如部分基层单位及少数民警法治意识、法律素养还有待提升等。",
     "如部分基层单位及少数民警法治意识、法律素养还有待提升"),
])
def test_a_list_of_shortcomings_is_quoted_without_its_formula_and_closing_etc(text, expected):
    summary = build_summary(text, 0, len(text), [])
    assert summary == expected
    assert _check(text, summary) == []


def test_an_etc_inside_a_word_stays():
    text = "切实保障各类市场主体平等。"
    assert build_summary(text, 0, len(text), []).endswith("平等")


@pytest.mark.parametrize(("text", "heading", "expected"), [
    ("二、2023年工作开展情况（一）加强组织领导，压实主体责任。我局充分发挥局党委的领导核心作用。",
     "2023年工作开展情况（一）加强组织领导，压实主体责任", "加强组织领导，压实主体责任"),
    ("四、下一步工作计划1.紧抓重点内容学习。结合主题教育深入学习。",
     "下一步工作计划1.紧抓重点内容学习", "紧抓重点内容学习"),
    ("三、主要做法一是落实权责清单制度。全面梳理。", "主要做法一是落实权责清单制度", "主要做法一是落实权责清单制度"),
])
def test_a_heading_run_into_its_parents_summarises_the_unit_alone(text, heading, expected):
    start = text.index(heading)
    summary = build_summary(text, start, len(text), [], (start, start + len(heading)))
    assert summary.split("：")[0] == expected


def test_a_problem_word_outside_the_formula_starts_no_list():
    text = "帮助群众解决问题有效提升了满意度，受理投诉120件。"
    assert build_summary(text, 0, len(text), []).startswith("帮助群众解决问题")


@pytest.mark.parametrize(("body", "clause"), [
    ("在7月和11月，宅梧镇分别召开专题会议，传达学习讲话精神。", "宅梧镇分别召开专题会议"),
    ("截至2025年12月，我办已完成31张听证员证发放工作。", "已完成31张听证员证发放工作"),
    ("于3月、9月，组织全体干部开展集中学法。", "组织全体干部开展集中学法"),
])
def test_a_clause_of_dates_only_is_no_result(body, clause):
    heading = "加强学习培训"
    text = f"（一）{heading}。{body}"
    summary = build_summary(text, 0, len(text), [], (3, 3 + len(heading)))
    assert summary == f"{heading}：{clause}"


def test_a_heading_longer_than_a_summary_gives_way_to_a_clause_of_the_body():
    title = "《平潭综合实验区管委会办公室关于印发平潭综合实验区危险化学品生产事故应急预案（2023年修订版）的通知》"
    text = f"三是印发{title}（岚综管办〔2023〕35号）和烟花爆竹预案，组织各单位共同开展应急预案的桌面推演。"
    summary = build_summary(text, 0, len(text), [], (2, len(text) - 1))  # an inline 三是 heading: its sentence
    assert summary == "组织各单位共同开展应急预案的桌面推演"
    assert _check(text, summary) == []
