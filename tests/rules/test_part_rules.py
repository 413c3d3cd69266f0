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
