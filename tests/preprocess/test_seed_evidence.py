"""End-to-end: every reference evidence is a passage of the cleaned seed text."""

from __future__ import annotations

import re

from summarizer.preprocess.t2s import to_simplified

PARTS = ("achievements", "problems", "causes", "leader_duties", "plans")
_ASCII_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})


def unify(text: str) -> str:
    """As evals/REFERENCE_FORMAT.md matches: simplified, whitespace removed, ASCII/full-width punctuation alike."""
    return re.sub(r"\s+", "", to_simplified(text)).translate(_ASCII_TO_FULL)


def test_every_reference_evidence_is_in_the_clean_text(cleaned, reference, doc_id):
    text = unify(cleaned[doc_id].text)
    ref = reference(doc_id)
    evidences = [item["evidence"] for part in PARTS for item in ref[part]]
    assert evidences, "the reference has evidence to check"
    missing = [e for e in evidences if unify(e) not in text]
    assert not missing, missing


def test_reference_title_is_the_title_hint(cleaned, reference, doc_id):
    doc = cleaned[doc_id]
    title = reference(doc_id)["metadata"]["title"]
    assert doc.hints.title == title
    if title is not None:
        assert doc.paragraph_texts()[0] == title
        start, end = doc.hints.title_span
        assert doc.text[start:end] == title


def test_reference_published_date_is_a_hint(cleaned, reference, doc_id):
    published = reference(doc_id)["metadata"]["published_date"]
    dates = {d.date for d in cleaned[doc_id].hints.dates if d.context in ("header", "closing")}
    if published:
        assert published in dates
