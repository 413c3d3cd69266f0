"""Text of a PDF, page by page and line by line, with pypdfium2.

pypdfium2 binds PDFium, the PDF engine of Chrome: permissively licensed
(Apache-2.0/BSD-3-Clause), shipped as wheels with nothing to compile, and fast
(see benchmarks/bench_pdf.py). PDFium reports the text as runs ("rects") in the
order the page draws them; runs on one baseline become one line, so a table
row reads as one line with its cells apart, while two columns drawn one after
the other stay apart. A line that starts well right of the page's text margin
is an indented first line: it gets the two ideographic spaces a Chinese
paragraph is indented with, so the unwrap step sees where paragraphs begin.

A PDF without a text layer (a scan) is read with OCR when tesseract and its
Chinese data are installed (see ``ocr``), else refused with what to install.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium

from summarizer.errors import InputError
from summarizer.inputs import ocr
from summarizer.inputs.extracted import Extracted
from summarizer.inputs.pages import PageLine, join_pages

_INDENT = "\u3000\u3000"
_MIN_INDENT_EMS = 1.5  # an indent is two characters; less is ragged alignment
_CELL_GAP_EMS = 1.5  # a wider gap between runs on one line separates table cells


@dataclass(frozen=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def extract_pdf(data: bytes, label: str | None) -> Extracted:
    """The text of a PDF given as bytes; raises ``InputError`` for a broken,
    locked or (without OCR) scanned one."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        locked = "password" in str(exc).lower()
        raise InputError(
            "the PDF is password-protected" if locked else f"the PDF cannot be read ({exc})",
            source=label,
            hint="remove the password and retry" if locked else "check that the file is a complete PDF",
        ) from exc
    try:
        try:
            pages, scanned = _page_lines(pdf)
        except pdfium.PdfiumError as exc:
            raise InputError(f"a page of the PDF cannot be read ({exc})", source=label,
                             hint="check that the file is a complete PDF; print it to a new PDF and retry") from exc
        notes: list[str] = []
        if scanned:
            if not ocr.available():
                raise InputError(
                    f"the PDF has no text layer on {_pages_phrase(scanned, len(pdf))} (it is a scan)",
                    source=label,
                    hint="install tesseract with its Chinese data (Debian/Ubuntu: apt-get install "
                    "tesseract-ocr tesseract-ocr-chi-sim) to read scans, or give a PDF with text",
                )
            for index in scanned:
                pages[index] = ocr.read_page(pdf[index])
            which = "every page" if len(scanned) == len(pdf) else _pages_phrase(scanned, len(pdf))
            notes.append(f"text of {which} recognised by OCR (tesseract {ocr.LANGUAGE}); "
                         "check figures against the original")
        return join_pages(pages, "pdf", notes)
    finally:
        pdf.close()


def _pages_phrase(indices: list[int], total: int) -> str:
    if len(indices) == total:
        return "any page" if total > 1 else "its page"
    return "page" + ("s " if len(indices) > 1 else " ") + ", ".join(str(i + 1) for i in indices)


def _page_lines(pdf: pdfium.PdfDocument) -> tuple[list[list[PageLine]], list[int]]:
    """Each page's runs grouped into lines, and the indices of pages without text."""
    runs_by_page: list[list[list[_Run]]] = []
    ems: list[float] = []
    scanned: list[int] = []
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            runs = [_Run(*textpage.get_rect(i), "") for i in range(textpage.count_rects())]
            runs = [_Run(r.left, r.bottom, r.right, r.top, textpage.get_text_bounded(r.left, r.bottom, r.right, r.top))
                    for r in runs]
        finally:
            textpage.close()
            page.close()
        em = _em(runs)
        lines = _lines((r for r in runs if r.text.strip()), em)
        if not lines:
            scanned.append(index)
        runs_by_page.append(lines)
        ems.append(em)
    margin = _text_margin(runs_by_page)
    pages = [[PageLine(_line_text(line, margin, em), max(r.top for r in line)) for line in lines]
             for lines, em in zip(runs_by_page, ems, strict=True)]
    return pages, scanned


def _em(runs: list[_Run]) -> float:
    """The page's usual character height (PDFium gives some runs no height: those are skipped)."""
    heights = sorted(r.top - r.bottom for r in runs if r.top - r.bottom > 1)
    return heights[len(heights) // 2] if heights else 10.0


def _lines(runs, em: float) -> list[list[_Run]]:
    """Consecutive runs on one line (middles within half a character), left to right, form a line."""
    lines: list[list[_Run]] = []
    for run in runs:
        if lines:
            last = lines[-1][-1]
            if abs(last.middle - run.middle) < 0.6 * em and run.left >= last.right - 0.5 * em:
                lines[-1].append(run)
                continue
        lines.append([run])
    return lines


def _text_margin(pages: list[list[list[_Run]]]) -> float | None:
    """The left edge most lines start at (to whole points): the body's margin."""
    lefts = Counter(round(line[0].left) for lines in pages for line in lines)
    return lefts.most_common(1)[0][0] if lefts else None


def _line_text(line: list[_Run], margin: float | None, em: float) -> str:
    parts = []
    for prev, run in zip([None, *line], line):
        text = run.text.replace("\r", "").replace("\n", "")
        if prev is not None and not parts[-1][-1:].isspace():
            gap = run.left - prev.right
            parts.append("\t" if gap > _CELL_GAP_EMS * em else " " if gap > 0.3 * em else "")
        parts.append(text)
    text = "".join(parts)
    first = line[0]
    if margin is not None and first.left - margin >= _MIN_INDENT_EMS * em and not text[:1].isspace():
        text = _INDENT + text
    return text
