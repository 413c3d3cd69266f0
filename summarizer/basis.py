"""How each answer was reached, in the few words the views show (terminal, Markdown, HTML, CSV).

A part found under a heading that names it, and metadata read from the report's
title, page record or signature, are shown as they are. A part inferred from
cue sentences or position, and metadata read from the opening sentence or the
body, carry one small marker (``推断 inferred``): on the part's heading, on the
metadata row, or on an item only when its part is otherwise found under its
heading, never on every line. A metadata field left null says why.

This module depends only on the schema.
"""

from __future__ import annotations

from summarizer.schema import INFERRED_PART_BASES, Item, Metadata, ReportSummary

INFERRED = "推断 inferred"

_PART_BASIS_WORDS = {
    "cue": "from cue sentences",
    "position": "from its position",
}
_SOURCE_WORDS = {
    "title": "title",
    "page record": "page record",
    "signature": "signature",
    "opening sentence": "opening sentence",
    "body": "body",
    "model": "model",
}


def part_note(summary: ReportSummary, part: str) -> str | None:
    """``推断 inferred from cue sentences`` for a part found only by inference, else None."""
    compliance = getattr(summary, "compliance")  # noqa: B009  # a create_model field mypy cannot see
    basis = getattr(compliance.basis, part, None)
    if basis not in INFERRED_PART_BASES:
        return None
    return f"{INFERRED} {_PART_BASIS_WORDS[basis]}"


def item_note(summary: ReportSummary, part: str, item: Item) -> str | None:
    """``推断 inferred`` for an inferred item in a part otherwise found under its heading
    (the part's own note covers its items when the whole part is inferred)."""
    if item.part_basis in INFERRED_PART_BASES and part_note(summary, part) is None:
        return INFERRED
    return None


def metadata_note(metadata: Metadata, field: str) -> str | None:
    """For an inferred value, ``推断 inferred from the opening sentence``; for a null one with
    a reason, the reason; else None (read from the title, page record or signature)."""
    basis = metadata.field_basis(field)
    value = getattr(metadata, field)
    if value is None:
        return basis.reason
    if basis.inferred and basis.source is not None:
        return f"{INFERRED} from the {_SOURCE_WORDS[basis.source]}"
    return None


def metadata_cell(metadata: Metadata, field: str, shown: str) -> str:
    """``shown`` (the value as displayed, or —) followed by its note in brackets, if any."""
    note = metadata_note(metadata, field)
    return f"{shown} ({note})" if note else shown


__all__ = ["INFERRED", "item_note", "metadata_cell", "metadata_note", "part_note"]
