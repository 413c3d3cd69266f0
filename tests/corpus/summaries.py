"""Summaries made by hand for the corpus tests: only the fields follow-through and the table read."""

from __future__ import annotations

import datetime as dt

from summarizer import __version__
from summarizer.genres import GOVERNMENT_WORK_REPORT
from summarizer.govwork_schema import GovWorkSummary
from summarizer.schema import PART_NAMES, ReportSummary


def _items(text_by_part: dict[str, list[str]], part_names) -> dict[str, list[dict]]:
    parts: dict[str, list[dict]] = {}
    offset = 0
    for part in part_names:
        items = []
        for passage in text_by_part.get(part, []):
            items.append({"summary": passage[:60], "evidence": passage,
                          "span": {"start": offset, "end": offset + len(passage)}})
            offset += len(passage) + 1
        parts[part] = items
    return parts


def make_summary(text_by_part: dict[str, list[str]], *, issuer: str = "某某区司法局", year: int = 2022,
                 published: dt.date | None = None, level: str = "department") -> ReportSummary:
    """A ReportSummary whose items are the given passages (each its own summary and evidence)."""
    parts = _items(text_by_part, PART_NAMES)
    return ReportSummary.model_validate({
        "metadata": {"title": f"{issuer}{year}年法治政府建设年度报告", "issuer": issuer, "issuer_level": level,
                     "report_year": year, "published_date": published.isoformat() if published else None},
        **parts,
        "compliance": {**{p: bool(parts[p]) for p in PART_NAMES}, "causes_given": bool(parts["causes"])},
        "provenance": {"backend": "rules", "summarizer_version": __version__, "input_sha256": "0" * 64,
                       "created_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC).isoformat()},
    })


def make_govwork_summary(text_by_part: dict[str, list[str]], *, issuer: str = "某某区",
                         session_year: int = 2022) -> GovWorkSummary:
    """A GovWorkSummary (report to the session of ``session_year``) whose items are the given passages."""
    parts = _items(text_by_part, [p for p in GOVERNMENT_WORK_REPORT.part_names if p != "targets"])
    return GovWorkSummary.model_validate({
        "metadata": {"issuer": issuer, "issuer_level": "county", "session_year": session_year,
                     "report_year": session_year - 1},
        **parts,
        "checklist": {"problems_admitted": bool(parts["problems"]), "targets_quantified": False},
        "provenance": {"backend": "rules", "summarizer_version": __version__, "input_sha256": "0" * 64,
                       "created_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC).isoformat()},
    })
