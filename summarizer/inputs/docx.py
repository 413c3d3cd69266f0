"""Text of a Word .docx document with python-docx.

The body's paragraphs and tables in document order, a table row per line
(its cells apart by a tab, a merged cell once), each paragraph with the number
Word's list numbering shows before it (``numbering``). Headers and footers live in
parts of their own and are not read: they carry page numbers and running
titles, no part of the report. A .docx has no pages until it is laid out,
so it gives none.

A .docx is a ZIP archive from the user: its directory is checked against
``ReadLimits`` before anything is inflated (a member of a few KB can inflate to
gigabytes), the work is linear in the file (each style looked up once, tables
walked row by row, not through python-docx's per-cell grid search), and any
error of the ZIP, XML or python-docx layer is an ``InputError``.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
from docx.document import Document
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from summarizer.errors import InputError
from summarizer.inputs.extracted import Extracted
from summarizer.inputs.limits import DEFAULT_LIMITS, ReadLimits, check_text_size
from summarizer.inputs.numbering import Numbering

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_MAX_GRID = 64  # Word tables have at most 63 columns
# What a damaged or hand-made .docx makes the ZIP, XML and python-docx layers raise.
_BROKEN = (PackageNotFoundError, PythonDocxError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error,
           etree.LxmlError, KeyError, ValueError, IndexError, EOFError)
_HINT = "open it in Word or WPS and save it again as .docx"


def extract_docx(data: bytes, label: str | None, *, kind: str = "docx", notes: tuple[str, ...] = (),
                 limits: ReadLimits = DEFAULT_LIMITS) -> Extracted:
    """The text of a .docx given as bytes; raises ``InputError`` for a broken one or one past ``limits``."""
    check_archive(data, limits, label)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        if body is None:
            raise InputError("the Word document has no body (its main part is empty)", source=label, hint=_HINT)
        numbering = Numbering.of(document)
        styles = _ParagraphStyles(document)
        lines: list[str] = []
        chars = 0
        for block in body.iterchildren():
            if block.tag == _P:
                text = block.text
                new = [numbering.label(block, styles.of(block)) + text] if text.strip() else []
            elif block.tag == _TBL:
                new = _table_rows(block)
            else:
                continue
            lines.extend(new)
            chars += sum(len(line) + 1 for line in new)
            check_text_size(chars, limits, label, kind)
    except _BROKEN as exc:
        raise InputError(f"the Word document cannot be read ({type(exc).__name__}: {str(exc)[:200]})",
                         source=label, hint=_HINT) from exc
    text = "\n".join(line for line in lines if line.strip())
    return Extracted(text=text, kind=kind, notes=(*notes, *numbering.notes))


def check_archive(data: bytes, limits: ReadLimits, label: str | None) -> None:
    """``InputError`` unless every member of the ZIP archive ``data`` stays within ``limits``
    (inflated size, compression ratio, member count), read from its directory alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(f"the Word document is not a readable ZIP archive ({exc})", source=label,
                         hint=_HINT) from exc
    if len(members) > limits.zip_members:
        raise _too_large(label, f"holds {len(members):,} parts (at most {limits.zip_members:,})")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > limits.zip_member_bytes:
            raise _too_large(label, f"part {member.filename[:80]} inflates to {size:,} bytes "
                                    f"(at most {limits.zip_member_bytes:,})")
        if size > limits.zip_ratio_above_bytes and size > limits.zip_ratio * max(member.compress_size, 1):
            raise _too_large(label, f"part {member.filename[:80]} inflates {size / max(member.compress_size, 1):,.0f} "
                                    f"times (at most {limits.zip_ratio:,.0f}: a ZIP bomb, not a document)")
    if total > limits.zip_total_bytes:
        raise _too_large(label, f"inflates to {total:,} bytes in all (at most {limits.zip_total_bytes:,})")


def _too_large(label: str | None, what: str) -> InputError:
    return InputError(f"the Word document {what}", source=label,
                      hint="a report's .docx is far smaller; save it again from Word, or give it as PDF")


class _ParagraphStyles:
    """Each paragraph's style element, from one table of the styles part (as python-docx resolves
    them: the style of that id if it is a paragraph style, else the default paragraph style)."""

    def __init__(self, document: Document) -> None:
        self.by_id: dict[str, BaseOxmlElement] = {}
        self.default: BaseOxmlElement | None = None
        for style in document.styles.element.iterchildren(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            self.by_id.setdefault(style.get(qn("w:styleId")), style)
            if style.get(qn("w:default")) == "1":
                self.default = style  # the last default wins, as in python-docx

    def of(self, paragraph: BaseOxmlElement) -> BaseOxmlElement | None:
        """The style element of the paragraph element ``paragraph``, or None."""
        ppr = paragraph.find(qn("w:pPr"))
        ref = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = ref.get(qn("w:val")) if ref is not None else None
        return self.by_id.get(style_id, self.default) if style_id is not None else self.default


def _table_rows(table: BaseOxmlElement) -> list[str]:
    """One line per row: its cells' text apart by tabs. A cell spanning columns counts once;
    a cell continuing a vertical merge shows the text of the merge's first cell (as python-docx
    reads it), or its own when nothing is above it."""
    rows = []
    above: dict[int, BaseOxmlElement] = {}  # grid column -> the cell (a w:tc element) that holds it in the row above
    for tr in table.iterchildren(_TR):
        column = _grid_int(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
        cells: list[BaseOxmlElement] = []
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(qn("w:tcPr"))
            span = max(1, _grid_int(tcpr.find(qn("w:gridSpan")) if tcpr is not None else None, 1))
            merge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            holder = tc
            if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                holder = above.get(column, tc)
            for k in range(column, min(column + span, _MAX_GRID)):
                above[k] = holder
            column += span
            if not any(c is holder for c in cells):
                cells.append(holder)
        texts = [" ".join(p.text.strip() for p in c.iterchildren(_P) if p.text.strip()) for c in cells]
        rows.append("\t".join(t for t in texts if t))
    return rows


def _grid_int(node: BaseOxmlElement | None, default: int) -> int:
    """A grid count (``w:gridSpan``, ``w:gridBefore``) as Word bounds it; ``default`` when absent or not a number."""
    value = node.get(qn("w:val"), "") if node is not None else ""
    return min(int(value), _MAX_GRID) if value.isdigit() and len(value) < 4 else default
