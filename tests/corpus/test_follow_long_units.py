"""Follow-through between long units: the genre's review units range from a few sentences to a
whole field's year of work, and a long one holds some of any plan's words by chance, so matching
by measures asks for shared measures in proportion to the other unit's length."""

from __future__ import annotations

from pathlib import Path

from summarizer.corpus.follow import (
    LINK_MIN_COMMITMENTS,
    MEASURE_TERMS_PER_COMMITMENT,
    follow_through,
    measures_needed,
)

from .summaries import make_govwork_summary

_ROOT = Path(__file__).resolve().parents[2]


def _unit(path: str, heading: str, next_heading: str) -> str:
    """A work unit of a bundled report as found: from its heading to the next unit's, one paragraph a line."""
    lines = [line.strip("\u3000 ") for line in (_ROOT / path).read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(next_heading))
    return "\n".join(line for line in lines[start:end] if line)


# 罗湖区's report to the 2014 session: a task unit on industry (finance, e-commerce, jewellery, talent).
PLAN_UPGRADE = _unit("evals/datasets/govwork/g01.txt", "（二）突出升级", "（三）突出更新")
# Its report to the 2015 session: the review unit on public services, 1,800 characters over
# schools, hospitals, welfare, housing, sanitation and safety (about 250 key terms).
REVIEW_SERVICES = _unit("evals/follow/reports/luohu2015.txt", "（三）着力民生实事", "（四）着力改革创新")

# A task unit in the genre's usual shape, one measure to a clause (made up, no place names).
PLAN_UNIT = ("（四）突出环境，增强城区吸引力。优化生态环境。实施80个小区排水管网改造。"
             "完成24座农贸市场公厕改造。启动视频门禁系统改造。整治地质灾害隐患点。推进老旧住宅区管道燃气改造。")
# Three of its measures reported next year, each in other words and by one term.
THREE_DONE = "升级改造24座集贸市场公厕。视频门禁系统全部建成。完成45个小区排水管网改造主体工程。"


def _other_work() -> str:
    """The real review unit without its paragraphs that report the plan's measures (66个政府投资民生项目…,
    标准提升…): schools, hospitals, welfare and safety, about 200 key terms."""
    return "\n".join(p for p in REVIEW_SERVICES.splitlines() if not p.startswith(("66个", "标准提升")))


def _linked(plan: str, review: list[str]) -> list[int]:
    earlier = make_govwork_summary({"plans": [plan]}, issuer="罗湖区", session_year=2014)
    later = make_govwork_summary({"review": review}, issuer="罗湖区", session_year=2015)
    [followed] = follow_through(earlier, later).plans
    return [link.item.index for link in followed.results]


def test_a_short_unit_needs_the_fixed_count_and_a_long_one_more():
    assert measures_needed(20) == LINK_MIN_COMMITMENTS
    assert measures_needed(LINK_MIN_COMMITMENTS * MEASURE_TERMS_PER_COMMITMENT) == LINK_MIN_COMMITMENTS
    assert measures_needed(LINK_MIN_COMMITMENTS * MEASURE_TERMS_PER_COMMITMENT + 1) == LINK_MIN_COMMITMENTS + 1
    assert measures_needed(250) > measures_needed(120)


def test_a_plan_unit_is_not_carried_out_by_a_long_review_unit_sharing_a_few_incidental_words():
    # The real pair: the industry plan and the public-services review share 能量 (汇聚发展能量 /
    # 正能量), 莲塘 (an e-commerce park / a housing estate) and 打响 (a brand / a campaign), one
    # word in each of three sentences, none of them the same measure.
    assert len(REVIEW_SERVICES) > 1500 and PLAN_UPGRADE.startswith("（二）突出升级")
    assert _linked(PLAN_UPGRADE, [REVIEW_SERVICES]) == []


def test_three_measures_carry_a_plan_out_in_a_short_unit_but_not_buried_in_a_long_one():
    assert _linked(PLAN_UNIT, [THREE_DONE]) == [0]
    # The same three sentences inside a long review of other work.
    other_work = _other_work()
    assert _linked(PLAN_UNIT, [other_work]) == []
    assert _linked(PLAN_UNIT, [other_work + "\n" + THREE_DONE]) == []


def test_a_long_unit_reporting_measures_in_proportion_still_carries_the_plan_out():
    other_work = _other_work()
    more_done = THREE_DONE + "整治地质灾害隐患点和危险边坡16处。新增26个老旧住宅区开通管道燃气。"
    assert _linked(PLAN_UNIT, [other_work + "\n" + more_done]) == [0]
