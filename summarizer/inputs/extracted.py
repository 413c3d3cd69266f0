"""What reading a document (PDF, Word) gives: its text, page by page, and notes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Extracted:
    """A document's text with line breaks as laid out, and where each page begins.

    ``page_starts[i]`` is the offset in ``text`` of page ``i + 1``'s first
    character; empty when the format has no pages (.docx). ``notes`` say how the
    text was obtained (e.g. OCR, a conversion) for the summary's provenance.
    """

    text: str
    kind: str
    page_starts: tuple[int, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
