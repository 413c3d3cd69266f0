"""Pair batch outcomes with the clean text their spans index into."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import SummarizerError
from summarizer.htmlreport.page import ReportEntry
from summarizer.preprocess import clean
from summarizer.run.outcome import DocumentOutcome


def report_entries(outcomes: list[DocumentOutcome]) -> list[ReportEntry]:
    """One entry per outcome, with its clean text: from the results line when it was kept
    (``batch --text``, the default), else by cleaning the recorded source file again,
    provided that file still has the content that was summarised."""
    return [_entry(o) for o in outcomes]


def _entry(outcome: DocumentOutcome) -> ReportEntry:
    if outcome.summary is None or outcome.clean_text is not None:
        return ReportEntry(outcome, outcome.clean_text)
    if not outcome.source_path:
        return ReportEntry(outcome, None, "the results line has no clean text and no source file")
    path = Path(outcome.source_path)
    try:
        doc = clean(path, name=outcome.name)
    except (OSError, SummarizerError) as exc:
        return ReportEntry(outcome, None, f"the source file {path} cannot be cleaned again: {exc}")
    if doc.input_sha256 != outcome.summary.provenance.input_sha256:
        return ReportEntry(outcome, None, f"the source file {path} has changed since it was summarised")
    return ReportEntry(outcome, doc.text)

