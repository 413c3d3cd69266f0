"""How each answer was reached, in the few words the views show (terminal, Markdown, HTML, CSV).

A part found under a heading that names it, and metadata read from the report's
title, page record or signature (or a 政府工作报告's subtitle or address), are shown as they are. A part inferred from
cue sentences or position, and metadata read from the opening sentence or the
body, carry one small marker (``推断 inferred``): on the part's heading, on the
metadata row, or on an item only when its part is otherwise found under its
heading, never on every line. A metadata field left null says why.

This module depends only on the schema.
"""

from __future__ import annotations

from typing import Literal

from summarizer.schema import INFERRED_PART_BASES, BasedMetadata, Item, ReportSummary

# The views' language: Chinese, English, or both (terminal, Markdown and CSV are read by both).
NoteLanguage = Literal["zh", "en", "both"]

_INFERRED = {"zh": "推断", "en": "inferred", "both": "推断 inferred"}
INFERRED = _INFERRED["both"]

_PART_BASIS_WORDS = {
    "zh": {"cue": "（依据提示句）", "position": "（依据位置）"},
    "en": {"cue": " from cue sentences", "position": " from its position"},
}
_SOURCE_WORDS = {
    "zh": {"title": "标题", "page record": "页面信息", "signature": "落款", "opening sentence": "开头一句",
           "body": "正文", "model": "模型", "subtitle": "副标题", "address": "开头的我代表…人民政府"},
    "en": {"title": "the title", "page record": "the page record", "signature": "the signature",
           "opening sentence": "the opening sentence", "body": "the body", "model": "the model",
           "subtitle": "the subtitle", "address": "the address (我代表…人民政府)"},
}


def _basis_words(table: dict[str, dict[str, str]], key: str, lang: NoteLanguage) -> str:
    if lang == "zh":
        return table["zh"][key]
    return table["en"][key]


def part_note(summary: ReportSummary, part: str, lang: NoteLanguage = "both") -> str | None:
    """``推断 inferred from cue sentences`` (``推断（依据提示句）`` in Chinese) for a part found only
    by inference, else None."""
    basis = getattr(summary.compliance.basis, part, None)
    if basis not in INFERRED_PART_BASES:
        return None
    return f"{_INFERRED[lang]}{_basis_words(_PART_BASIS_WORDS, basis, lang)}"


def item_note(summary: ReportSummary, part: str, item: Item, lang: NoteLanguage = "both") -> str | None:
    """``推断 inferred`` for an inferred item in a part otherwise found under its heading
    (the part's own note covers its items when the whole part is inferred)."""
    if item.part_basis in INFERRED_PART_BASES and part_note(summary, part, lang) is None:
        return _INFERRED[lang]
    return None


def metadata_note(metadata: BasedMetadata, field: str, lang: NoteLanguage = "both") -> str | None:
    """For an inferred value, ``推断 inferred from the opening sentence`` (``推断（依据开头一句）``);
    for a null one with a reason, the reason; else None (stated: read from the title, page record,
    signature, or a 政府工作报告's subtitle or address). Any genre's metadata with a basis."""
    basis = metadata.field_basis(field)
    value = getattr(metadata, field)
    if value is None:
        return basis.reason
    if basis.inferred and basis.source is not None:
        if lang == "zh":
            return f"推断（依据{_SOURCE_WORDS['zh'][basis.source]}）"
        return f"{_INFERRED[lang]} from {_SOURCE_WORDS['en'][basis.source]}"
    return None


def metadata_cell(metadata: BasedMetadata, field: str, shown: str) -> str:
    """``shown`` (the value as displayed, or —) followed by its note in brackets, if any."""
    note = metadata_note(metadata, field)
    return f"{shown} ({note})" if note else shown


__all__ = ["INFERRED", "item_note", "metadata_cell", "metadata_note", "part_note"]
