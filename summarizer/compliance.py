"""Check a report against what the 2019 regulation requires it to cover."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from summarizer.extract.base import Extraction
from summarizer.parts import PART_BY_NAME, Part
from summarizer.schema import PART_NAMES, Compliance, ComplianceBasis, DocumentKind, Item, PartBasis


def published_on_time(report_year: int | None, published: dt.date | None) -> bool | None:
    """True when published by 31 March of the year after ``report_year``; None if unknown."""
    if report_year is None or published is None:
        return None
    return published <= dt.date(report_year + 1, 3, 31)


def _missing_label(part: Part) -> str:
    return f"{part.zh} ({part.en.lower()})"


# A part found under its heading anywhere is found; else the firmest inference of its items.
_BASIS_ORDER: tuple[PartBasis, ...] = ("heading", "cue", "position", "model")


def part_basis(items: Iterable[Item]) -> PartBasis | None:
    """The firmest basis among ``items`` (heading before cue before position before model);
    None for no items, or items that carry no basis (summaries made before schema 2.0)."""
    found = {item.part_basis for item in items}
    return next((b for b in _BASIS_ORDER if b in found), None)


def assess(extraction: Extraction, kind: DocumentKind | None = None) -> Compliance:
    """Which statutory parts the extraction found, and what is missing.

    A document that is not a rule-of-law annual report (``kind``) meets none of
    the requirements, whatever the backend found in it: the checklist is about
    the genre, and passages that merely read like measures or plans are not it.
    """
    if kind is not None and not kind.is_rule_of_law_report:
        return Compliance(
            **dict.fromkeys(PART_NAMES, False), causes_given=False, published_in_q1=None,
            missing=[f"not a rule-of-law annual report (法治政府建设年度报告): {kind.reason}"],
        )
    covered = {part: bool(extraction.items(part)) for part in PART_NAMES}
    on_time = published_on_time(extraction.metadata.report_year, extraction.metadata.published_date)
    missing = [_missing_label(PART_BY_NAME[name]) for name in PART_NAMES if not covered[name]]
    # Stated together: no shortcomings (or shortcomings without reasons) is not "causes given".
    causes_given = covered["problems"] and covered["causes"]
    if on_time is False:
        missing.append("not published in the first quarter after the year reported on")
    basis = ComplianceBasis(**{part: part_basis(extraction.items(part)) for part in PART_NAMES})
    return Compliance(
        **covered, causes_given=causes_given, published_in_q1=on_time, missing=missing, basis=basis
    )
