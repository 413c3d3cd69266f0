"""Compliance with the statutory parts, and the first-quarter publication rule."""

import datetime as dt

from summarizer.compliance import assess, published_on_time
from summarizer.extract.base import Extraction
from summarizer.schema import Item, Metadata, Span


def _item(text: str = "一是强化学法。") -> Item:
    return Item(summary="x", evidence=text, span=Span(start=0, end=len(text)))


def test_published_on_time_is_by_31_march_of_next_year():
    assert published_on_time(2022, dt.date(2023, 3, 31)) is True
    assert published_on_time(2022, dt.date(2023, 4, 1)) is False
    assert published_on_time(2022, None) is None
    assert published_on_time(None, dt.date(2023, 3, 1)) is None


def test_assess_lists_what_is_missing():
    ext = Extraction(
        metadata=Metadata(report_year=2021, published_date=dt.date(2022, 5, 6)),
        achievements=[_item()],
        problems=[_item()],
    )
    c = assess(ext)
    assert (c.achievements, c.problems, c.causes, c.leader_duties, c.plans) == (True, True, False, False, False)
    assert c.causes_given is False
    assert c.published_in_q1 is False
    assert len(c.missing) == 4  # causes, leader duties, plans, late publication
    assert any("first quarter" in m for m in c.missing)


def test_no_problems_means_no_causes_are_owed():
    c = assess(Extraction(achievements=[_item()]))
    assert c.causes_given is True
    assert c.published_in_q1 is None
