"""Check a report against what the 2019 regulation requires it to cover."""

from __future__ import annotations

import datetime as dt

from summarizer.extract.base import Extraction
from summarizer.schema import PART_NAMES, Compliance

_PART_LABELS = {
    "achievements": "主要举措和成效 (measures and results)",
    "problems": "存在的不足 (shortcomings)",
    "causes": "不足的原因 (reasons for the shortcomings)",
    "leader_duties": "党政主要负责人履行第一责任人职责情况 (principal leaders' duties)",
    "plans": "下一年度主要安排 (next year's plans)",
}


def published_on_time(report_year: int | None, published: dt.date | None) -> bool | None:
    """True when published by 31 March of the year after ``report_year``; None if unknown."""
    if report_year is None or published is None:
        return None
    return published <= dt.date(report_year + 1, 3, 31)


def assess(extraction: Extraction) -> Compliance:
    """Which statutory parts the extraction found, and what is missing."""
    covered = {part: bool(extraction.items(part)) for part in PART_NAMES}
    on_time = published_on_time(extraction.metadata.report_year, extraction.metadata.published_date)
    missing = [_PART_LABELS[p] for p in PART_NAMES if not covered[p]]
    causes_given = covered["causes"] or not covered["problems"]
    if on_time is False:
        missing.append("not published in the first quarter after the year reported on")
    return Compliance(**covered, causes_given=causes_given, published_in_q1=on_time, missing=missing)
