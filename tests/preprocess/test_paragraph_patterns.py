"""The run-on cuts of ``preprocess.paragraphs`` are compiled when a run-on text needs them, not
before: a report that kept its line breaks (most of them) pays nothing for them, which is a
tenth of a one-shot run's regex compiling (issue 20, docs/architecture.md#start-up-of-a-one-shot-run)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.preprocess import paragraphs
from tests.tiers import examples

REPORT = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds" / "002_93df2457fec9964f.txt"


def _lines() -> list[str]:
    return [line.strip() for line in REPORT.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_a_report_with_its_line_breaks_compiles_no_run_on_pattern():
    paragraphs._compiled.cache_clear()
    text = "\n".join(_lines())
    assert len(paragraphs.segment(text)) >= 10
    assert paragraphs._compiled.cache_info().currsize == 0


def test_a_report_in_one_line_compiles_them_once_and_is_cut():
    paragraphs._compiled.cache_clear()
    text = "".join(_lines())
    first = paragraphs.segment(text)
    compiled = paragraphs._compiled.cache_info().currsize
    assert len(first) >= 10 and compiled >= 10
    # A second run-on text reuses them: nothing is compiled again.
    assert paragraphs.segment(text + "二、下一步工作计划。") and paragraphs._compiled.cache_info().currsize == compiled


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一是统唯之法治”」a。 ")), max_size=40), st.data())
def test_the_first_unit_after_a_heading_is_found_as_the_look_behind_found_it(text, data):
    # 一是 comes first in the pattern (a plain search finds it), its look-behinds after it.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    look_behind_first = re.compile(r"(?<=[\u4e00-\u9fff”」])(?<![统唯之])一是(?=[\u4e00-\u9fff])")
    found = paragraphs._compiled(paragraphs._FIRST_SHI).search(text, start, end)
    expected = look_behind_first.search(text, start, end)
    assert (found and found.span()) == (expected and expected.span())


def test_the_first_unit_after_a_heading_on_the_shapes_that_matter():
    pattern = paragraphs._compiled(paragraphs._FIRST_SHI)
    for text, at in (("加强法治建设一是完善制度", 6), ("统一是法", None), ("唯一是指", None), ("“法治”一是加强", 4),
                     ("一是加强", None), ("建设一是", None), ("建设a一是加强", None)):
        found = pattern.search(text)
        assert (found.start() if found else None) == at, text


# The marker pattern as one scan from the marker's first character: what ``_arabic_markers`` must find.
_MARKER_FROM_ITS_START = re.compile(r"[\d（(](?:(?<=\d)\d?[.．、]|(?<=[（(])\d{1,2}[）)])(?=[\u4e00-\u9fff])")


@settings(max_examples=examples(600), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("12３٣（(）).．、法a 。")), max_size=30), st.data())
def test_glued_markers_are_read_back_from_their_end_as_a_scan_from_their_start_finds_them(text, data):
    # Full-width and Arabic-Indic digits are digits (\d) too; the bounds may cut a marker.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [(m.start(), m.group()) for m in _MARKER_FROM_ITS_START.finditer(text, start, end)]
    assert list(paragraphs._arabic_markers(text, start, end)) == expected


def test_glued_markers_on_the_shapes_that_matter():
    for text, found in (("推进法治政府建设1.深入学习", [(8, "1.")]), ("建设12、完善", [(2, "12、")]),
                        ("建设123、完善", [(3, "23、")]), ("措施（1）加强", [(2, "（1）")]), ("措施(12)加强", [(2, "(12)")]),
                        ("1.5亿元", []), ("（1、加强", [(1, "1、")]), ("（123）加强", []), ("１．加强", [(0, "１．")])):
        assert list(paragraphs._arabic_markers(text, 0, len(text))) == found, text
    # A marker cut by the bounds is read from where the scan may start.
    assert list(paragraphs._arabic_markers("建设12、完善", 3, 7)) == [(3, "2、")]


@settings(max_examples=examples(400), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("感谢意敬！!法。")), max_size=20), st.data())
def test_the_thanks_are_read_back_from_their_mark_as_a_scan_for_the_words_finds_them(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words_first = re.compile(r"(?:感谢|谢意|敬意)[！!]")
    assert paragraphs._thanks_ends(text, start, end) == {m.end() for m in words_first.finditer(text, start, end)}
