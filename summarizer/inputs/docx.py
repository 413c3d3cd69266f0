"""Text of a Word .docx document with python-docx.

The body's paragraphs and tables in document order, a table row per line
(its cells apart by a tab, a merged cell once), each paragraph with the number
Word's list numbering shows before it (``numbering``). Headers and footers live in
parts of their own and are not read: they carry page numbers and running
titles, no part of the report. A .docx has no pages until it is laid out,
so it gives none.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from summarizer.errors import InputError
from summarizer.inputs.extracted import Extracted
from summarizer.inputs.numbering import Numbering

_P, _TBL = qn("w:p"), qn("w:tbl")


def extract_docx(data: bytes, label: str | None, *, kind: str = "docx", notes: tuple[str, ...] = ()) -> Extracted:
    """The text of a .docx given as bytes; raises ``InputError`` for a broken one."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(f"the Word document cannot be read ({exc})", source=label,
                         hint="open it in Word or WPS and save it again as .docx") from exc
    numbering = Numbering.of(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == _P:
            paragraph = Paragraph(block, document)
            text = paragraph.text
            style = paragraph.style.element if paragraph.style is not None else None
            lines.append(numbering.label(block, style) + text if text.strip() else text)
        elif block.tag == _TBL:
            lines.extend(_table_rows(Table(block, document)))
    text = "\n".join(line for line in lines if line.strip())
    return Extracted(text=text, kind=kind, notes=notes)


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append("\t".join(c for c in cells if c))
    return rows
