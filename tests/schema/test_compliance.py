"""Compliance with the statutory parts, and the first-quarter publication rule."""

import datetime as dt

from summarizer.compliance import assess, published_on_time
from summarizer.extract.base import Extraction
from summarizer.schema import PART_NAMES, DocumentKind, Item, Metadata, Span


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


def test_causes_given_agrees_with_the_parts_found():
    # Shortcomings with reasons is a requirement: without shortcomings it is not met, so the
    # checklist never shows "Causes ✘" beside "Causes given ✔".
    c = assess(Extraction(achievements=[_item()]))
    assert (c.problems, c.causes, c.causes_given) == (False, False, False)
    assert c.published_in_q1 is None
    c = assess(Extraction(problems=[_item()], causes=[_item()]))
    assert c.causes_given is True


def test_nothing_is_met_by_a_document_of_another_kind():
    ext = Extraction(achievements=[_item()], problems=[_item()], causes=[_item()], plans=[_item()])
    kind = DocumentKind(kind="not_a_report", reason="it reads as news (「本报讯」)")
    c = assess(ext, kind)
    assert not any(getattr(c, p) for p in PART_NAMES) and c.causes_given is False
    assert c.missing == ["not a rule-of-law annual report (法治政府建设年度报告): it reads as news (「本报讯」)"]
    ok = assess(ext, DocumentKind(kind="rule_of_law_report", reason="title"))
    assert ok.achievements and ok.causes_given
