"""What preprocessing produces: the clean text and what was learnt on the way.

All offsets are Python ``str`` indices (Unicode code points) into
``CleanDocument.text``, never bytes or UTF-16 units, so ``text[start:end]`` is
always the passage meant.
"""

from __future__ import annotations

import bisect
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

RepairKind = Literal[
    "decode",  # bytes that could not be decoded (replaced, reported)
    "html",  # markup removed / main text extracted
    "mojibake",  # a GBK step-shifted span re-decoded
    "lost_char",  # a character lost with a byte: restored, or marked
    "pinyin",  # a pinyin annotation after a character removed
    "t2s",  # traditional characters converted to simplified
    "chrome",  # website chrome removed before/after the report
    "punctuation",  # ASCII punctuation between CJK turned full-width
    "whitespace",  # indents, NBSP, blank-line runs normalised
    "unwrap",  # hard-wrapped lines joined back into paragraphs
]


class Repair(BaseModel):
    """One change preprocessing made, with where it was made.

    ``start``/``end`` locate the result in the clean text when it survives
    there, else they are None (e.g. chrome that was removed).
    """

    model_config = ConfigDict(frozen=True)

    kind: RepairKind
    before: str = ""
    after: str = ""
    start: int | None = None
    end: int | None = None
    count: int = 1
    note: str = ""


class Paragraph(BaseModel):
    """A paragraph of the clean text: ``text[start:end]``."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class DateSeen(BaseModel):
    """A date found in the text (or its removed chrome), with its context."""

    model_config = ConfigDict(frozen=True)

    date: str  # YYYY-MM-DD
    raw: str
    context: Literal["body", "closing", "chrome", "header"]
    start: int | None = None  # offset in the clean text when context is body/closing
    end: int | None = None  # end offset in the clean text, with ``start``


class Hints(BaseModel):
    """Things preprocessing noticed that later steps may use."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    dates: list[DateSeen] = Field(default_factory=list)
    encoding: str | None = None
    source_format: Literal["text", "html", "pdf", "docx", "doc", "wps"] = "text"
    # Offset in the clean text where each page begins (inputs with pages: PDF).
    page_starts: list[int] = Field(default_factory=list)
    # How the text was obtained, when it took more than decoding (OCR, a conversion).
    input_notes: list[str] = Field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """The 1-based page an offset of the clean text lies on, or None without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))


class CleanDocument(BaseModel):
    """A report turned into clean simplified Chinese."""

    text: str
    # The report's paragraphs, segmented once (``summarizer.preprocess.paragraphs``): what the
    # section parser and every backend read. A document made from a text alone gets them here.
    paragraphs: list[Paragraph] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    hints: Hints = Field(default_factory=Hints)
    source_name: str | None = None
    input_sha256: str = ""

    @model_validator(mode="after")
    def _segmented(self) -> CleanDocument:
        if not self.paragraphs and self.text.strip():
            # Imported here: segmentation imports modules that import this one.
            from summarizer.preprocess.paragraphs import segment

            self.paragraphs = [Paragraph(start=s, end=e) for s, e in segment(self.text)]
        return self

    @property
    def paragraph_spans(self) -> list[tuple[int, int]]:
        """The paragraphs as (start, end) offsets into ``text``, in order."""
        return [(p.start, p.end) for p in self.paragraphs]

    @property
    def repair_count(self) -> int:
        """How many repairs were made (a record may stand for several: ``Repair.count``); what
        ``clean --repairs`` and a summary's ``provenance.repairs_count`` both report."""
        return sum(r.count for r in self.repairs)

    def paragraph_texts(self) -> list[str]:
        """The text of each paragraph, in order."""
        return [self.text[p.start : p.end] for p in self.paragraphs]
