"""Real-shaped PDF and Word files, made by the tests (imported as ``makers``).

PDFs are drawn with reportlab's built-in CID font STSong-Light (no font file
needed) the way government PDFs look: A4, a centred title, paragraphs whose
first line is indented two characters and which wrap at the page width, a
running header, a page number at the foot (``— 5 —``), and optionally a
browser's print stamp (date and time with the title on top, the address and
``n/N`` below). Word files are made with python-docx.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import docx
import pypdfium2 as pdfium
from docx.enum.text import WD_BREAK
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
MARGIN = 72
BODY, HEADING, TITLE, SMALL = 12, 14, 18, 9
LEADING = 1.6
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")

PRINT_TIME = "11/30/26, 6:18 AM"
PRINT_ADDRESS = "file:///C:/Users/user/Desktop/report.html"


_TOKENS = re.compile(r"[0-9A-Za-z\u00c0-\u024f.%]+|.")  # a number or Latin word is never cut
_CJK = r"[\u4e00-\u9fff“”《》、。]"
_FULL = {",": "，", ";": "；", ":": "："}
# Only separators: a "?" or bracket may be part of damage the pipeline repairs (mojibake, pinyin).
_ASCII_PUNCT = re.compile(rf"(?<={_CJK})[,;:]|[,;:](?={_CJK})")


def typeset(text: str) -> str:
    """``text`` as a word processor's Chinese document holds it: punctuation in
    Chinese context full-width (the seeds were scraped with ASCII commas)."""
    return _ASCII_PUNCT.sub(lambda m: _FULL[m.group()], text)


def _wrap(text: str, size: float, width: float, indent: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` (the first ``indent`` narrower)."""
    lines, line = [], ""
    room = width - indent
    for token in _TOKENS.findall(text):
        if line and pdfmetrics.stringWidth(line + token, FONT, size) > room:
            lines.append(line)
            line, room = "", width
        line += token
    if line:
        lines.append(line)
    return lines


def _layout(paragraphs: Sequence[str], title: str | None) -> list[list[tuple[float, float, float, str]]]:
    """Pages of (x, y, size, text) lines."""
    pages: list[list[tuple[float, float, float, str]]] = [[]]
    y = HEIGHT - MARGIN
    body_width = WIDTH - 2 * MARGIN

    def put(x: float, size: float, text: str) -> None:
        nonlocal y
        if y - size * LEADING < MARGIN:
            pages.append([])
            y = HEIGHT - MARGIN
        y -= size * LEADING
        pages[-1].append((x, y, size, text))

    for para in paragraphs:
        para = typeset(para.strip())
        if not para:
            continue
        if para == typeset(title or ""):
            put((WIDTH - pdfmetrics.stringWidth(para, FONT, TITLE)) / 2, TITLE, para)
            continue
        size = HEADING if _HEADING.match(para) and len(para) <= 40 else BODY  # run-in headings are body text
        indent = 2 * size
        for i, line in enumerate(_wrap(para, size, body_width, indent)):
            put(MARGIN + (indent if i == 0 else 0), size, line)
    return pages


def make_pdf(
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    running_header: str | None = None,
    page_number: str | None = "— {n} —",
    print_stamp: bool = False,
    table: Sequence[Sequence[str]] | None = None,
) -> bytes:
    """A Chinese report as a PDF, one text line per drawn line; ``table`` adds a
    page with a grid of cells drawn cell by cell."""
    pages = _layout(paragraphs, title)
    total = len(pages) + (1 if table else 0)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)

    def furniture(n: int) -> None:
        c.setFont(FONT, SMALL)
        if running_header and n > 1:
            c.drawCentredString(WIDTH / 2, HEIGHT - 40, running_header)
        if page_number:
            c.drawCentredString(WIDTH / 2, 36, page_number.format(n=n, total=total))
        if print_stamp:
            c.drawString(24, HEIGHT - 20, PRINT_TIME)
            c.drawRightString(WIDTH - 24, HEIGHT - 20, title or "")
            c.drawString(24, 14, PRINT_ADDRESS)
            c.drawRightString(WIDTH - 24, 14, f"{n}/{total}")

    for n, lines in enumerate(pages, start=1):
        furniture(n)
        for x, y, size, text in lines:
            c.setFont(FONT, size)
            c.drawString(x, y, text)
        c.showPage()
    if table:
        furniture(total)
        c.setFont(FONT, BODY)
        col = (WIDTH - 2 * MARGIN) / len(table[0])
        for r, row in enumerate(table):
            y = HEIGHT - MARGIN - (r + 1) * BODY * 2
            for k, cell in enumerate(row):
                c.rect(MARGIN + k * col, y - 6, col, BODY * 2, stroke=1, fill=0)
                c.drawString(MARGIN + k * col + 4, y, cell)
        c.showPage()
    c.save()
    return out.getvalue()


def make_scanned_pdf(text_pdf: bytes) -> bytes:
    """``text_pdf`` as a scan would be: each page only an image, no text layer."""
    source = pdfium.PdfDocument(text_pdf)
    scan = pdfium.PdfDocument.new()
    for index in range(len(source)):
        page = source[index]
        width, height = page.get_size()
        grey = page.render(scale=200 / 72).to_pil().convert("L")
        new = scan.new_page(width, height)
        image = pdfium.PdfImage.new(scan)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(grey))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new.insert_obj(image)
        new.gen_content()
    out = io.BytesIO()
    scan.save(out)
    return out.getvalue()


def has_ink(pdf: bytes) -> bool:
    """True when PDFium draws something on the first page (it needs a CJK font
    installed to draw the non-embedded STSong-Light)."""
    page = pdfium.PdfDocument(pdf)[0]
    return page.render(scale=0.5).to_pil().convert("L").getextrema()[0] < 128


def make_docx(
    paragraphs: Sequence[str],
    *,
    table: Sequence[Sequence[str]] | None = None,
    table_after: int = 0,
    header: str | None = None,
    footer: str | None = None,
    page_breaks: bool = False,
    numbered: bool = False,
) -> bytes:
    """A Chinese report as a .docx: paragraphs, a table after paragraph
    ``table_after``, a header and footer, optionally a page break between paragraphs;
    ``numbered``: headings (``一、`` ``（一）``) numbered by Word's list numbering
    instead of typed, as in documents made from a template."""
    document = docx.Document()
    num_id = _chinese_numbering(document) if numbered else None
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    for i, para in enumerate(paragraphs):
        level = _numbered_level(para) if num_id else None
        if level is not None:
            para = _NUMBERED[level].sub("", para, count=1)
        p = document.add_paragraph(para)
        if level is not None:
            _set_numbering(p, num_id, level)
        if page_breaks and i % 7 == 6:
            p.add_run().add_break(WD_BREAK.PAGE)
        if table and i == table_after:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for k, cell in enumerate(row):
                    grid.cell(r, k).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_NUMBERED = (re.compile(r"^[一二三四五六七八九十]{1,3}、"), re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]"))


def _numbered_level(para: str) -> int | None:
    for level, pattern in enumerate(_NUMBERED):
        if pattern.match(para) and len(para) <= 60:
            return level
    return None


def _chinese_numbering(document) -> str:
    """Add a list definition ``一、`` / ``（一）`` to ``document``; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    root = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = root.find(num.tag)
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions come before the instances
    else:
        root.append(abstract)
    root.append(num)
    return "90"


def _set_numbering(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def seed_paragraphs(text: str) -> list[str]:
    """A seed report's paragraphs: its non-blank lines, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` and return it."""
    path.write_bytes(data)
    return path
