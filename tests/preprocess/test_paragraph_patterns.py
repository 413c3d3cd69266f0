"""The run-on cuts of ``preprocess.paragraphs`` are compiled when a run-on text needs them, not
before: a report that kept its line breaks (most of them) pays nothing for them, which is a
tenth of a one-shot run's regex compiling (issue 20, docs/architecture.md#start-up-of-a-one-shot-run)."""

from __future__ import annotations

from pathlib import Path

from summarizer.preprocess import paragraphs

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
