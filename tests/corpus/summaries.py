"""Summaries made by hand for the corpus tests: only the fields follow-through and the table read."""

from __future__ import annotations

import datetime as dt

from summarizer import __version__
from summarizer.schema import PART_NAMES, ReportSummary


def make_summary(text_by_part: dict[str, list[str]], *, issuer: str = "某某区司法局", year: int = 2022,
                 published: dt.date | None = None, level: str = "department") -> ReportSummary:
    """A ReportSummary whose items are the given passages (each its own summary and evidence)."""
    parts: dict[str, list[dict]] = {}
    offset = 0
    for part in PART_NAMES:
        items = []
        for passage in text_by_part.get(part, []):
            items.append({"summary": passage[:60], "evidence": passage,
                          "span": {"start": offset, "end": offset + len(passage)}})
            offset += len(passage) + 1
        parts[part] = items
    return ReportSummary.model_validate({
        "metadata": {"title": f"{issuer}{year}年法治政府建设年度报告", "issuer": issuer, "issuer_level": level,
                     "report_year": year, "published_date": published.isoformat() if published else None},
        **parts,
        "compliance": {**{p: bool(parts[p]) for p in PART_NAMES}, "causes_given": bool(parts["causes"])},
        "provenance": {"backend": "rules", "summarizer_version": __version__, "input_sha256": "0" * 64,
                       "created_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC).isoformat()},
    })
