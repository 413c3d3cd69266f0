"""Hybrid units: sureness from headings, even groups, summary checks, re-labelling of unsure units only."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarizer.extract.base import Extraction
from summarizer.extract.hybrid.answer import UnitAnswer
from summarizer.extract.hybrid.backend import _apply
from summarizer.extract.hybrid.checks import summary_problem
from summarizer.extract.hybrid.units import HybridUnit, collect_units, excerpt, plan_batches
from summarizer.preprocess import clean
from summarizer.schema import Item, Span
from summarizer.structure import parse_structure

REPORT = (
    "某区2023年法治政府建设情况报告\n"
    "一、2023年推进法治政府建设的主要举措和成效\n"
    "（一）深化放管服改革。全年取消行政许可事项12项。\n"
    "二、存在的不足\n"
    "基层执法人员法律素养有待提高。\n"
)


def _unit(n: int, chars: int) -> HybridUnit:
    return HybridUnit(n, n * 100, n * 100 + chars, ("achievements",), True, "字" * chars)


@given(st.lists(st.integers(1, 120), min_size=1, max_size=40), st.integers(100, 600), st.integers(1, 12))
def test_groups_are_consecutive_complete_and_within_bounds(sizes, limit, max_units):
    units = [_unit(n, size) for n, size in enumerate(sizes, start=1)]
    batches = plan_batches(units, limit, max_units)
    assert [u for b in batches for u in b] == units
    assert all(1 <= len(b) <= max_units for b in batches)


def test_groups_come_out_even():
    units = [_unit(n, 60) for n in range(1, 12)]  # 11 units, room for 5 per call
    assert [len(b) for b in plan_batches(units, 5 * 90, 12)] == [4, 4, 3]


def test_a_part_named_by_a_heading_is_sure_a_guessed_one_is_not():
    doc = clean(REPORT, name="r.txt")
    structure = parse_structure(doc)
    text = doc.text
    s1 = text.index("（一）")
    s2 = text.index("基层")
    e1, e2 = text.index("。", s1) + 1, text.index("。", s2) + 1
    rules = Extraction(achievements=[_item(text, s1, e1), _item(text, s2, e2)])
    units = collect_units(rules, structure, text)
    assert [u.sure for u in units] == [True, False]  # 基层… sits under 二、存在的不足, not under 举措
    assert units[1].render().startswith("[2] 部分=？（规则猜测 achievements） 原文：基层")


def _item(text: str, start: int, end: int) -> Item:
    return Item(summary=text[start:end][:10], evidence=text[start:end], span=Span(start=start, end=end))


def test_only_unsure_units_move_and_bad_summaries_are_refused():
    text = "甲乙丙丁。全年办理案件84件。基层法律素养有待提高。"
    a, b, c = _item(text, 0, 5), _item(text, 5, 15), _item(text, 15, 28)
    rules = Extraction(achievements=[a, b, c])
    units = [HybridUnit(1, 0, 5, ("achievements",), True, ""), HybridUnit(2, 5, 15, ("achievements",), True, ""),
             HybridUnit(3, 15, 28, ("achievements",), False, "")]
    answers = {1: UnitAnswer(id=1, summary="甲乙", part="plans"),  # sure: not moved
               2: UnitAnswer(id=2, summary="办理案件8件", part=None),  # a figure cut: refused
               3: UnitAnswer(id=3, summary="基层法律素养不足", part="problems")}
    items, notes = _apply(rules, units, answers)
    assert [i.summary for i in items["achievements"]] == ["甲乙", b.summary]
    assert [i.summary for i in items["problems"]] == ["基层法律素养不足"]
    assert any("moved" in n for n in notes) and any("failed the checks" in n for n in notes)
    # The model settled the unsure unit's part; the sure ones keep the rules' basis.
    assert [i.part_basis for i in items["problems"]] == ["model"]
    assert [i.part_basis for i in items["achievements"]] == [None, None]


def test_summary_checks():
    evidence = "清收欠款11.04亿元，接待群众咨询接近3000人次（含来电）。"
    assert summary_problem("清收欠款11.04亿元", evidence) is None
    assert summary_problem("清收欠款1.04亿元", evidence) == "a figure not stated whole in the text"
    assert summary_problem("接待咨询近300人次", evidence) is not None
    assert summary_problem("接待咨询（含来电", evidence) is not None
    assert summary_problem("长" * 61, evidence) is not None
    assert summary_problem("基层执法人员法律素养有待提高", evidence) == "not drawn from the unit's text"
    assert summary_problem("接待群众咨询近3000人次", evidence) is None


def test_long_units_are_excerpted_at_a_sentence_end():
    text = "第一句说的是主题。" * 30
    cut = excerpt(text)
    assert cut.endswith("。…") and len(cut) <= 102
