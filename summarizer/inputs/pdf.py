"""Text of a PDF, page by page and line by line, with pypdfium2.

pypdfium2 binds PDFium, the PDF engine of Chrome: permissively licensed
(Apache-2.0/BSD-3-Clause), shipped as wheels with nothing to compile, and fast
(see benchmarks/bench_pdf.py). PDFium reports the text as runs ("rects") in the
order the page draws them; runs on one baseline become one line, so a table
row reads as one line with its cells apart, while two columns drawn one after
the other stay apart. A line that starts well right of the page's text margin
is an indented first line: it gets the two ideographic spaces a Chinese
paragraph is indented with, so the unwrap step sees where paragraphs begin.

A page without a text layer (a scan, a seal) is read with OCR when tesseract
and its Chinese data are installed (see ``ocr``); without OCR it is skipped with
a note, and the PDF is refused, with what to install, only when no page has
text. A blank page (nothing drawn) is skipped. A PDF of more pages or more text
than ``ReadLimits`` allows is refused before it is read whole.
"""

from __future__ import annotations

import ctypes
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from summarizer.errors import InputError
from summarizer.inputs import ocr
from summarizer.inputs.extracted import Extracted
from summarizer.inputs.limits import DEFAULT_LIMITS, Deadline, ReadLimits, check_text_size
from summarizer.inputs.pages import PageLine, join_pages
from summarizer.inputs.pdfium_lock import PDFIUM

_INDENT = "\u3000\u3000"
_MIN_INDENT_EMS = 1.5  # an indent is two characters; less is ragged alignment
_CELL_GAP_EMS = 1.5  # a wider gap between runs on one line separates table cells
_RESCAN_MAX_RUNS = 500  # runs on a page read by asking PDFium for each one's text (see _runs)
_LOOKAHEAD = 8  # rectangles looked at past the current one for a character's (see _runs_in_one_pass)


# A rectangle as PDFium gives it: left, bottom, right, top (points).
_Box = tuple[float, float, float, float]


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


def extract_pdf(data: bytes, label: str | None, *, limits: ReadLimits = DEFAULT_LIMITS,
                deadline: Deadline | None = None) -> Extracted:
    """The text of a PDF given as bytes; raises ``InputError`` for a broken, locked,
    oversized or (without OCR) wholly scanned one. ``deadline`` bounds OCR."""
    with PDFIUM:  # released only while tesseract reads a drawn page (ocr.read_page)
        return _extract_pdf(data, label, limits, deadline)


def _extract_pdf(data: bytes, label: str | None, limits: ReadLimits, deadline: Deadline | None) -> Extracted:
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
        total = len(pdf)
        if total > limits.pdf_pages:
            raise InputError(f"the PDF has {total:,} pages (at most {limits.pdf_pages:,} are read)", source=label,
                             hint="a report is far shorter: check that this is the report, or split the file")
        try:
            pages, blank, scanned = _page_lines(pdf, limits, label)
        except pdfium.PdfiumError as exc:
            raise InputError(f"a page of the PDF cannot be read ({exc})", source=label,
                             hint="check that the file is a complete PDF; print it to a new PDF and retry") from exc
        notes: list[str] = []
        if blank and len(blank) < total:
            notes.append(f"{pages_phrase(blank, total)} blank, skipped")
        if scanned:
            notes.append(_read_scans(pdf, pages, scanned, total, blank, label, deadline or Deadline(
                limits.subprocess_seconds)))
        return join_pages(pages, "pdf", notes)
    finally:
        pdf.close()


def _read_scans(pdf: pdfium.PdfDocument, pages: list[list[PageLine]], scanned: list[int], total: int,
                blank: list[int], label: str | None, deadline: Deadline) -> str:
    """OCR the pages without a text layer, or, without OCR, skip them when some page has text;
    the note that says which. ``InputError`` when no page can be read."""
    if ocr.available():
        for index in scanned:
            pages[index] = ocr.read_page(pdf[index], deadline, label)
        which = "every page" if len(scanned) == total else pages_phrase(scanned, total)
        return (f"text of {which} recognised by OCR (tesseract {ocr.LANGUAGE}); "
                "check figures against the original")
    if len(scanned) + len(blank) == total:
        raise InputError(
            f"the PDF has no text layer on {pages_phrase(scanned, total)} (it is a scan)",
            source=label,
            hint="install tesseract with its Chinese data (Debian/Ubuntu: apt-get install "
            "tesseract-ocr tesseract-ocr-chi-sim) to read scans, or give a PDF with text",
        )
    return (f"{pages_phrase(scanned, total)} without a text layer (images only) skipped: "
            "no OCR installed (tesseract with chi_sim)")


_LISTED = 3  # page numbers named in a message; the rest are counted


def pages_phrase(indices: list[int], total: int) -> str:
    """``page 3``, ``pages 3, 7 and 9``, ``pages 3, 7, 9 and 4,996 more``, ``any page``/``every page``
    for 0-based ``indices`` of a document of ``total`` pages."""
    if len(indices) == total:
        return "any page" if total > 1 else "its page"
    numbers = [f"{i + 1:,}" for i in indices[:_LISTED]]
    if len(indices) == 1:
        return f"page {numbers[0]}"
    rest = len(indices) - _LISTED
    if rest > 0:
        return f"pages {', '.join(numbers)} and {rest:,} more"
    return f"pages {', '.join(numbers[:-1])} and {numbers[-1]}"


def _page_lines(pdf: pdfium.PdfDocument, limits: ReadLimits,
                label: str | None) -> tuple[list[list[PageLine]], list[int], list[int]]:
    """Each page's runs grouped into lines, the indices of blank pages (nothing drawn) and of
    pages drawn without text (scans, seals)."""
    runs_by_page: list[list[list[_Run]]] = []
    ems: list[float] = []
    blank: list[int] = []
    scanned: list[int] = []
    chars = 0
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            chars += count
            check_text_size(chars, limits, label, "pdf")
            runs = _runs(textpage, count)
            drawn = count or pdfium_c.FPDFPage_CountObjects(page)
        finally:
            textpage.close()
            page.close()
        em = _em(runs)
        lines = _lines((r for r in runs if r.text.strip()), em)
        if not lines:
            (scanned if drawn else blank).append(index)
        runs_by_page.append(lines)
        ems.append(em)
    margin = _text_margin(runs_by_page)
    pages = [[PageLine(_line_text(line, margin, em), max(r.top for r in line)) for line in lines]
             for lines, em in zip(runs_by_page, ems, strict=True)]
    return pages, blank, scanned


def _runs(textpage: pdfium.PdfTextPage, count: int) -> list[_Run]:
    """The page's runs (the characters one text object draws, in drawing order), each with its box.

    These are PDFium's text rectangles (``FPDFText_GetRect``: one per text object). Asking
    PDFium for a rectangle's text scans the whole page in C: fast for the few hundred runs
    of a real page, quadratic on a page of tens of thousands. Past ``_RESCAN_MAX_RUNS`` the
    characters are given to the rectangles in one pass instead (a few ctypes calls each, slower
    per character but linear), so the work is at most ``_RESCAN_MAX_RUNS`` visits per character."""
    rects = textpage.count_rects()
    if rects <= _RESCAN_MAX_RUNS:
        boxes: list[_Box] = [textpage.get_rect(i) for i in range(rects)]
        return [_Run(*box, textpage.get_text_bounded(*box)) for box in boxes]
    return _runs_in_one_pass(textpage, count)


def _runs_in_one_pass(textpage: pdfium.PdfTextPage, count: int) -> list[_Run]:
    """``_runs`` read linearly: PDFium's rectangles (computed in one pass in C), each character
    given to the rectangle that holds it. Rectangles follow the characters' order, so one pointer
    moves forward through them: a character outside the current one goes to one of the next
    few that holds it (a character without extent, a space, stays with the current one)."""
    boxes: list[_Box] = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    texts: list[list[str]] = [[] for _ in boxes]
    current = 0
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    for i in range(count):
        if not boxes:
            break
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
            if code == 0x20 and texts[current]:
                texts[current].append(" ")  # a space PDFium inferred after the run (from the gap to the next one)
            continue
        if (pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
                and right.value - left.value >= 0.01 and top.value - bottom.value >= 0.01):
            x, y = (left.value + right.value) / 2, (bottom.value + top.value) / 2
            if not _holds(boxes[current], x, y):
                for ahead in range(current + 1, min(current + 1 + _LOOKAHEAD, len(boxes))):
                    if _holds(boxes[ahead], x, y):
                        current = ahead
                        break
        if code:
            texts[current].append(chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd")
    return [_Run(*box, "".join(text)) for box, text in zip(boxes, texts, strict=True)]


def _holds(box: _Box, x: float, y: float) -> bool:
    left, bottom, right, top = box
    return left - 0.01 <= x <= right + 0.01 and bottom - 0.01 <= y <= top + 0.01


def _em(runs: list[_Run]) -> float:
    """The page's usual character height (PDFium gives some runs no height: those are skipped)."""
    heights = sorted(r.top - r.bottom for r in runs if r.top - r.bottom > 1)
    return heights[len(heights) // 2] if heights else 10.0


def _lines(runs: Iterable[_Run], em: float) -> list[list[_Run]]:
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
    parts: list[str] = []
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
