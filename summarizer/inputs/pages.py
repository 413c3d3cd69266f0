"""From the lines of each page to one text: page furniture removed, pages joined.

What a PDF adds to a report on every page is no part of the report: the page
number (``— 5 —``, ``- 5 -``, ``第5页 共9页``, ``5/9``), a running header or
footer (the same line at the top or bottom of most pages), and, when the PDF
was printed from a browser, the print stamp (date and time with the page
title at the top, the address and ``1/9`` at the bottom). Only lines at the top
or bottom edge of a page are candidates, so a figure like ``5/9`` in the body
is never touched.

Pages are then joined with a line break: a sentence cut by the page edge
becomes an ordinary hard wrap, which preprocessing's unwrap step joins like any
other. One case unwrap cannot see is joined here: a heading whose second line
went to the next page (headings are set larger, so their first line is not
"full" by the body's measure).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.inputs.extracted import Extracted

_EDGE = 2  # lines at the top and at the bottom of a page that may be furniture
_DASHES = r"—–－―~～_\-"
_PAGE_NUMBER = re.compile(
    rf"[{_DASHES}\s]*\d{{1,4}}[{_DASHES}\s]*"  # 5, — 5 —, - 5 -
    r"|第\s*\d{1,4}\s*页\s*[，,/]?\s*(?:共\s*\d{1,4}\s*页)?"  # 第5页 共9页
    r"|共\s*\d{1,4}\s*页\s*[，,/]?\s*第\s*\d{1,4}\s*页"  # 共9页 第5页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 5/9
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?",  # Page 5 of 9
    re.IGNORECASE,
)
# A browser's print header starts with the date and time of printing
# (11/30/26, 6:18 AM · 2026/11/30 06:18 · 2026/11/30 上午6:18) before the page title.
_PRINT_TIME = re.compile(
    r"^\s*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{4}年\d{1,2}月\d{1,2}日)[,，]?\s*"
    r"(?:[上下]午\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s|$)"
)
# Its footer starts with the page's address: a URL or a local file path.
_PRINT_ADDRESS = re.compile(r"^\s*(?:(?:https?|file)://|[A-Za-z]:[\\/]|/(?:home|Users|tmp)/)\S*")
_HEADING = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分)")
_UNIT = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|第[一二三四五六七八九十]{1,3})")
_SENTENCE = re.compile(r"[。！？；!?;]")
_HEADING_MAX = 60  # characters: longer is a paragraph
_DIGITS = re.compile(r"\d+")
_SHORT_LINE = 24  # characters; body lines run the width of the page
_INDENT = ("\u3000", " ", "\t")
# The genre's title names the report; printed again as a running header on later
# pages, its copy on the first page is the title itself and stays.
_TITLE_WORDS = ("报告", "報告")


@dataclass(frozen=True)
class PageLine:
    """A line of a page and how high on the page it sits (larger is higher)."""

    text: str
    top: float


@dataclass
class _Removed:
    page_numbers: int = 0
    running: int = 0
    print_stamps: int = 0


def join_pages(pages: Sequence[Sequence[PageLine]], kind: str, notes: Sequence[str] = ()) -> Extracted:
    """One text from each page's lines (in reading order), without page furniture,
    and each page's start offset."""
    removed = _Removed()
    running = _running_lines(pages)
    kept: list[list[str]] = []
    for number, lines in enumerate(pages, start=1):
        kept.append(_strip_page(lines, number, running, removed))
    if _document_indents(kept):
        kept = _join_headings(kept)
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for i, page_lines in enumerate(kept):
        if i:
            parts.append("\n")
            pos += 1
        starts.append(pos)
        page_text = "\n".join(page_lines)
        parts.append(page_text)
        pos += len(page_text)
    said = list(notes)
    if removed.page_numbers or removed.running or removed.print_stamps:
        said.append(
            f"page furniture removed: {removed.page_numbers} page numbers, "
            f"{removed.running} running header/footer lines, {removed.print_stamps} browser print stamps"
        )
    return Extracted(text="".join(parts), kind=kind, page_starts=tuple(starts), notes=tuple(said))


def is_page_number(line: str) -> bool:
    """A line that is only a page number, in any of the usual forms."""
    return bool(_PAGE_NUMBER.fullmatch(line.strip()))


def is_print_stamp(line: str) -> bool:
    """A browser's print header (date, time, title) or footer (address, page counter)."""
    return bool(_PRINT_TIME.match(line) or _PRINT_ADDRESS.match(line))


def _edge_indices(lines: Sequence[PageLine]) -> list[int]:
    """Indices of the non-blank lines at the top and bottom edges of a page (by
    height on the page: a PDF may draw its header and footer first or last)."""
    filled = sorted((i for i, line in enumerate(lines) if line.text.strip()), key=lambda i: -lines[i].top)
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _key(line: str) -> str:
    """A line as compared across pages: blanks dropped; in a short line (a header or
    footer, not body text) numbers alike (``年度报告 第3页`` ~ ``年度报告 第4页``)."""
    key = "".join(line.split())
    return _DIGITS.sub("#", key) if len(key) <= _SHORT_LINE else key


def _running_lines(pages: Sequence[Sequence[PageLine]]) -> set[str]:
    """Keys of edge lines repeated on most pages (at least two): running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_key(lines[i].text) for i in _edge_indices(lines)})
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, n in seen.items() if n >= needed and key}


def _strip_page(lines: Sequence[PageLine], number: int, running: set[str], removed: _Removed) -> list[str]:
    drop: set[int] = set()
    for i in _edge_indices(lines):
        line = lines[i].text
        if is_print_stamp(line):
            removed.print_stamps += 1
        elif is_page_number(line):
            removed.page_numbers += 1
        elif _key(line) in running and not (number == 1 and any(w in line for w in _TITLE_WORDS)):
            removed.running += 1
        else:
            continue
        drop.add(i)
    return [line.text for i, line in enumerate(lines) if i not in drop and line.text.strip()]


def _document_indents(pages: list[list[str]]) -> bool:
    """True when the document marks its paragraphs by indenting their first line."""
    lines = [line for page in pages for line in page]
    indented = sum(1 for line in lines if line.startswith(_INDENT))
    return len(lines) >= 4 and indented >= 0.1 * len(lines)


def _join_headings(pages: list[list[str]]) -> list[list[str]]:
    """Each heading whose second line follows it (on its page or the next) joined to it.

    In a document that indents its paragraphs, a line at the margin after a
    heading that has not closed is no new paragraph: it is the heading's rest.
    A heading's line is set larger than the body's, so unwrap, which measures
    lines against the body's width, cannot tell; a page edge between the two
    hides it further."""
    out: list[list[str]] = []
    for lines in pages:
        page: list[str] = []
        for line in lines:
            previous = page[-1] if page else (out[-1][-1] if out and out[-1] else None)
            if previous is not None and _heading_continues(previous, line):
                if page:
                    page[-1] = previous + line
                else:
                    out[-1][-1] = previous + line
                continue
            page.append(line)
        out.append(page)
    return out


def _heading_continues(last: str, first: str) -> bool:
    """``first`` continues the heading ``last``: it is neither indented nor a new unit.

    A heading is short and holds no sentence; a paragraph that opens with a
    run-in heading (``（一）…。一是…``) is prose, wrapped like the body."""
    return (
        bool(_HEADING.match(last))
        and not _SENTENCE.search(last)
        and len(last.strip()) + len(first.strip()) <= _HEADING_MAX
        and "\t" not in first  # a table row (cells apart) under the heading
        and not first.startswith(_INDENT)
        and not _UNIT.match(first)
    )
