"""One row per report: what the corpus page's table and ``corpus.csv`` show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from summarizer.basis import metadata_note
from summarizer.batch.outcome import DocumentOutcome
from summarizer.compliance import published_on_time
from summarizer.genres import genre_named
from summarizer.schema import PART_NAMES, BasedMetadata, PartName, ReportSummary

# How a statutory part stands in a report: found under its own heading, inferred from cue
# sentences or position (no heading names it), or absent.
PartState = Literal["heading", "inferred", "absent"]

# The legal deadline for publishing a report: 1 April of the year after the one reported on
# (法治政府建设与责任落实督察工作规定, art. 25: 每年4月1日之前).
DEADLINE_MONTH_DAY = (4, 1)


@dataclass(frozen=True)
class CorpusRow:
    """One report of the corpus, as a row of the table."""

    index: int
    name: str
    status: Literal["done", "failed"]
    error: str | None = None
    title: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None
    report_year: int | None = None
    published_date: dt.date | None = None
    published_in_q1: bool | None = None
    days_to_deadline: int | None = None  # positive: published that many days before 1 April
    document_kind: str | None = None
    parts: dict[str, PartState] = field(default_factory=dict)
    causes_given: bool | None = None
    items: int = 0
    figures: int = 0
    # How each inferred metadata value was reached (field → 推断 inferred from the body), for the
    # fields the table shows; a stated value is absent.
    inferred: dict[str, str] = field(default_factory=dict)

    @property
    def parts_present(self) -> int:
        """How many statutory parts the report covers (under a heading or inferred)."""
        return sum(1 for state in self.parts.values() if state != "absent")


def part_state(summary: ReportSummary, part: PartName) -> PartState:
    """Whether ``part`` is present in ``summary``, and on what basis.

    Found under its heading when the compliance check says so (``compliance.basis``: a
    heading of the report names the part); inferred when it rests on cue sentences, position
    or a model's placing. Summaries made before schema 2.0 have no basis: a part they found
    counts as found under its heading."""
    if not summary.items(part):
        return "absent"
    basis = getattr(summary.compliance.basis, part, None)
    return "heading" if basis in (None, "heading") else "inferred"


_SHOWN_METADATA = ("issuer", "issuer_level", "report_year", "published_date")


def _inferred(metadata: BasedMetadata) -> dict[str, str]:
    """The table's metadata fields whose value is inferred, each with its note."""
    return {name: note for name in _SHOWN_METADATA
            if getattr(metadata, name, None) is not None and metadata.field_basis(name).inferred
            and (note := metadata_note(metadata, name)) is not None}


def corpus_rows(outcomes: Iterable[DocumentOutcome]) -> list[CorpusRow]:
    """The table's rows, in the order the outcomes were given."""
    rows = []
    for index, o in enumerate(outcomes):
        s = o.summary
        if s is not None and not isinstance(s, ReportSummary):  # another genre: what all genres share
            meta_other = s.metadata
            listed = [i for p in genre_named(s.genre).parts if p.shape == "items" for i in s.items(p.name)]
            rows.append(CorpusRow(
                index=index, name=o.name, status="done", title=meta_other.title, issuer=meta_other.issuer,
                issuer_level=meta_other.issuer_level, report_year=meta_other.report_year,
                published_date=meta_other.published_date,
                document_kind=s.document_kind.kind if s.document_kind else None,
                items=len(listed), figures=sum(len(i.figures) for i in listed),  # (targets are no items)
                inferred=_inferred(meta_other) if isinstance(meta_other, BasedMetadata) else {},
            ))
            continue
        if s is None:
            rows.append(CorpusRow(index=index, name=o.name, status="failed",
                                  error=o.error.message if o.error else None))
            continue
        meta = s.metadata
        deadline_days = None
        if meta.report_year is not None and meta.published_date is not None:
            deadline = dt.date(meta.report_year + 1, *DEADLINE_MONTH_DAY)
            deadline_days = (deadline - meta.published_date).days
        rows.append(CorpusRow(
            index=index, name=o.name, status="done", title=meta.title, issuer=meta.issuer,
            issuer_level=meta.issuer_level, report_year=meta.report_year,
            published_date=meta.published_date,
            published_in_q1=published_on_time(meta.report_year, meta.published_date),
            days_to_deadline=deadline_days,
            document_kind=s.document_kind.kind if s.document_kind else None,
            parts={part: part_state(s, part) for part in PART_NAMES},
            causes_given=s.compliance.causes_given,
            items=sum(len(s.items(p)) for p in PART_NAMES),
            figures=sum(len(i.figures) for p in PART_NAMES for i in s.items(p)),
            inferred=_inferred(meta),
        ))
    return rows


CSV_COLUMNS = [
    "name", "status", "error", "title", "issuer", "issuer_level", "report_year", "published_date",
    "published_in_q1", "days_to_deadline", "document_kind",
    *(f"part_{p}" for p in PART_NAMES), "parts_present", "causes_given", "items", "figures",
    "inferred_metadata",  # the metadata fields whose value is inferred (issuer; report_year …)
]


def csv_row(row: CorpusRow) -> dict[str, object]:
    """``row`` as a ``corpus.csv`` line (columns ``CSV_COLUMNS``)."""
    out: dict[str, object] = {
        "name": row.name, "status": row.status, "error": row.error, "title": row.title,
        "issuer": row.issuer, "issuer_level": row.issuer_level, "report_year": row.report_year,
        "published_date": row.published_date.isoformat() if row.published_date else None,
        "published_in_q1": row.published_in_q1, "days_to_deadline": row.days_to_deadline,
        "document_kind": row.document_kind, "parts_present": row.parts_present if row.parts else None,
        "causes_given": row.causes_given, "items": row.items, "figures": row.figures,
        "inferred_metadata": "; ".join(row.inferred),
    }
    for part in PART_NAMES:
        out[f"part_{part}"] = row.parts.get(part)
    return out
