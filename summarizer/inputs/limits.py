"""How much a document reader may take from one file: the bounds that keep a hostile file harmless.

A report is a few hundred pages at most; a Word file of one holds a
``document.xml`` of a few megabytes. The bounds sit far above any real report
and far below what would exhaust a worker: a file past one is refused with an
``InputError`` that says which bound and what to do. docs/inputs.md lists them.
The reading layer knows nothing of settings: ``read_document`` takes a
``ReadLimits`` (defaults here) and a time limit from its caller.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from summarizer.errors import InputError

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on reading one PDF or Word document."""

    # .docx (a ZIP archive): checked on the archive's directory before anything is inflated.
    zip_member_bytes: int = 32 * MIB  # one member, inflated
    zip_total_bytes: int = 256 * MIB  # all members together, inflated (pictures included)
    zip_ratio: float = 100.0  # inflated / stored size of one member ...
    zip_ratio_above_bytes: int = 4 * MIB  # ... for members larger than this (tiny parts compress well)
    zip_members: int = 10_000
    # PDF
    pdf_pages: int = 2_000
    # Any document: the text it gives, in characters.
    text_chars: int = 1_000_000  # 25 times the longest report of the genre (about 40,000 characters)
    # OCR and LibreOffice subprocesses of one read, together (seconds).
    subprocess_seconds: float = 300.0


DEFAULT_LIMITS = ReadLimits()


class Deadline:
    """A point in time (monotonic clock) by which the subprocesses of one read must be done."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._at = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (never below zero)."""
        return max(0.0, self._at - time.monotonic())

    def check(self, what: str, label: str | None) -> float:
        """The seconds left for ``what``; ``InputError`` when none are."""
        left = self.remaining()
        if left <= 0:
            raise InputError(f"{what} did not finish within the {self.seconds:.0f} s a document may take",
                             source=label, hint="give a smaller document, or one with a text layer (not a scan)")
        return left


def check_text_size(chars: int, limits: ReadLimits, label: str | None, kind: str) -> None:
    """``InputError`` when a document gives more text than any report holds."""
    if chars > limits.text_chars:
        raise InputError(
            f"the {kind.upper()} document gives more than {limits.text_chars:,} characters of text",
            source=label, hint="a report is far shorter: check that this is the report, or split it",
        )
