"""Hostile documents (Word, PDF, text posing as PDF), each generated at any size.

The shapes an attacker (or a broken export) gives a document reader: a list
numbered from 10¹², a ZIP member that inflates a thousandfold, malformed Word
parts, thousands of styles, a page of tens of thousands of text objects,
thousands of pages sharing one content stream, blank and image-only pages, a
text report that mentions ``%PDF-``. Each maker returns the file's bytes and
its name; ``size`` scales the work (paragraphs, styles, pages, text objects,
uncompressed bytes), so the benchmark can grow it and the tests can pick a size
that shows the bug. ``ordinary_docx`` and ``ordinary_pdf`` are the reference
each hostile file is measured against. Nothing large is committed: everything
is made here, at test time.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BODY = ("一是深入学习贯彻习近平法治思想，召开4次委员会会议，办理行政复议案件126件，"
         "同比增长12.5%。二是健全依法决策机制，完善重大行政决策程序。")
_TITLE = "某某县2024年法治政府建设年度报告"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)


def _paragraph(text: str, num: tuple[str, str] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">{body}</w:document>'


def _numbering(fmt: str = "chineseCounting", start: str = "1", text: str = "%1、") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{_W}">'
            f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


def _styles(count: int = 0) -> str:
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="Style {i}"/></w:style>'
                     for i in range(count))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{_W}">'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            f"{styles}</w:styles>")


def _docx(document: str | bytes, numbering: str | None = None, styles: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering or _numbering())
        archive.writestr("word/styles.xml", styles or _styles())
    return out.getvalue()


def _report_body(paragraphs: int, **numbered) -> str:
    lines = [_paragraph(_TITLE)]
    for i in range(paragraphs):
        lines.append(_paragraph("加强法治政府建设", **numbered) if i % 5 == 0 else _paragraph(_BODY))
    return "<w:body>" + "".join(lines) + "</w:body>"


def ordinary_docx(size: int) -> bytes:
    """The reference: a report of ``size`` paragraphs, every fifth a numbered heading (一、二、…)."""
    return _docx(_document(_report_body(size, num=("1", "0"))))


def docx_numbering_bomb(size: int) -> bytes:
    """``size`` paragraphs, the headings in an ``upperRoman`` list that starts at 10¹²."""
    return _docx(_document(_report_body(size, num=("1", "0"))), numbering=_numbering("upperRoman", str(10**12)))


def docx_long_start(size: int) -> bytes:
    """A list whose ``w:start`` has 5,000 digits (Python refuses to read such an int)."""
    return _docx(_document(_report_body(size, num=("1", "0"))), numbering=_numbering("decimal", "9" * 5000))


def docx_bad_start(size: int) -> bytes:
    """A list whose ``w:start`` is not a number."""
    return _docx(_document(_report_body(size, num=("1", "0"))), numbering=_numbering("decimal", "abc"))


def docx_bad_ilvl(size: int) -> bytes:
    """Numbered paragraphs whose level (``w:ilvl``) is not a number."""
    return _docx(_document(_report_body(size, num=("1", "abc"))))


def docx_long_level_text(size: int) -> bytes:
    """A list level whose text (``w:lvlText``) is 100,000 characters, repeated before every heading."""
    return _docx(_document(_report_body(size, num=("1", "0"))), numbering=_numbering(text="%1" * 50_000))


def docx_no_body(size: int) -> bytes:
    """A document part without ``w:body``."""
    return _docx(_document(""))


def _table(rows: str) -> str:
    return f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"


def docx_bad_grid_span(size: int) -> bytes:
    """A table cell spanning ``abc`` grid columns."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="abc"/></w:tcPr>' + _paragraph("复议案件合计") + "</w:tc>"
    return _docx(_document("<w:body>" + _paragraph(_TITLE) + _table(f"<w:tr>{cell}</w:tr>") + _report_body(size)[8:]))


def docx_orphan_merge(size: int) -> bytes:
    """A table whose first row continues a vertical merge: a merged cell with nothing above."""
    cell = '<w:tc><w:tcPr><w:vMerge/></w:tcPr>' + _paragraph("70件") + "</w:tc>"
    plain = "<w:tc>" + _paragraph("81件") + "</w:tc>"
    return _docx(_document("<w:body>" + _paragraph(_TITLE) + _table(f"<w:tr>{cell}{plain}</w:tr>")
                           + _report_body(size)[8:]))


def docx_many_styles(size: int) -> bytes:
    """``size`` paragraph styles, and ``size`` paragraphs: half in the default style (no ``w:pStyle``,
    which python-docx resolves by scanning every style in Python), half in the last style."""
    body = "<w:body>" + _paragraph(_TITLE) + "".join(
        _paragraph(f"{_BODY}（{i}）", style=None if i % 2 else f"S{size - 1}") for i in range(size)) + "</w:body>"
    return _docx(_document(body), styles=_styles(size))


def docx_zip_bomb(size: int) -> bytes:
    """A ``document.xml`` of ``size`` bytes of paragraphs, deflated to a few hundred times smaller."""
    head = _document("<w:body>" + _paragraph(_TITLE)).removesuffix("</w:document>").encode()
    tail = b"</w:body></w:document>"
    unit = _paragraph(_BODY).encode() * 256
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunks = [deflate.compress(head)]
    written = len(head)
    while written < size:
        chunks.append(deflate.compress(unit))
        written += len(unit)
    chunks.append(deflate.compress(tail) + deflate.flush())
    # zipfile cannot store a member deflated elsewhere: write it raw, then patch sizes and CRC in.
    crc = 0
    crc = zlib.crc32(head, crc)
    for _ in range(len(chunks) - 2):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    return _with_raw_member(_docx(_document("<w:body/>")), "word/document.xml", b"".join(chunks),
                            written + len(tail), crc)


def _with_raw_member(package: bytes, name: str, deflated: bytes, size: int, crc: int) -> bytes:
    """``package`` with member ``name`` replaced by an already deflated stream."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info, source.read(info))
    entries = out.getvalue()
    # Append the member by hand (local header, data), then rewrite the central directory.
    count = len(zipfile.ZipFile(io.BytesIO(entries)).infolist()) + 1
    cd_start = _central_directory_offset(entries)
    body = bytearray(entries[:cd_start])
    offset = len(body)
    encoded = name.encode()
    assert size < 0xFFFFFFFF, "a member this large needs ZIP64 records, which this maker does not write"
    local = (b"PK\x03\x04" + (20).to_bytes(2, "little") + b"\x00\x00" + b"\x08\x00"
             + b"\x00\x00\x00\x00" + crc.to_bytes(4, "little") + len(deflated).to_bytes(4, "little")
             + size.to_bytes(4, "little") + len(encoded).to_bytes(2, "little") + b"\x00\x00" + encoded)
    body += local + deflated
    directory = bytearray(entries[cd_start:_end_record_offset(entries)])
    directory += (b"PK\x01\x02" + (20).to_bytes(2, "little") + (20).to_bytes(2, "little")
                  + b"\x00\x00\x08\x00" + b"\x00\x00\x00\x00" + crc.to_bytes(4, "little")
                  + len(deflated).to_bytes(4, "little") + size.to_bytes(4, "little")
                  + len(encoded).to_bytes(2, "little") + b"\x00\x00" + b"\x00\x00" + b"\x00\x00"
                  + b"\x00\x00" + b"\x00\x00\x00\x00" + offset.to_bytes(4, "little") + encoded)
    record = (b"PK\x05\x06" + b"\x00\x00\x00\x00" + count.to_bytes(2, "little") + count.to_bytes(2, "little")
              + len(directory).to_bytes(4, "little") + len(body).to_bytes(4, "little") + b"\x00\x00")
    return bytes(body + directory + record)


def _end_record_offset(data: bytes) -> int:
    return data.rindex(b"PK\x05\x06")


def _central_directory_offset(data: bytes) -> int:
    end = _end_record_offset(data)
    return int.from_bytes(data[end + 16 : end + 20], "little")


# --- PDF -------------------------------------------------------------------------------------

def _canvas():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    return out, canvas.Canvas(out, pagesize=A4)


def _report_page(c, lines: int = 30) -> None:
    c.setFont("STSong-Light", 16)
    c.drawString(72, 780, _TITLE)
    c.setFont("STSong-Light", 10)
    for i in range(lines):
        c.drawString(72, 750 - i * 22, _BODY[:40] if i % 2 else _BODY[40:])
    c.showPage()


def ordinary_pdf(size: int) -> bytes:
    """The reference: a report of ``size`` pages, each of 30 text lines."""
    out, c = _canvas()
    for _ in range(size):
        _report_page(c)
    c.save()
    return out.getvalue()


def pdf_many_rects(size: int) -> bytes:
    """A report page, then a page of ``size`` text objects of one character each (each its own run)."""
    out, c = _canvas()
    _report_page(c)
    c.setFont("STSong-Light", 4)
    chars = "法治政府建设年度报告"
    for i in range(size):
        c.drawString(10 + (i % 100) * 5.7, 830 - (i // 100 % 200) * 4.1, chars[i % len(chars)])
    c.showPage()
    c.save()
    return out.getvalue()


def pdf_blank_pages(size: int) -> bytes:
    """A report page, then ``size`` blank pages."""
    out, c = _canvas()
    _report_page(c)
    for _ in range(size):
        c.showPage()
    c.save()
    return out.getvalue()


def pdf_image_pages(size: int) -> bytes:
    """A cover drawn without text (a seal: shapes only), a report page, then ``size`` more such pages."""
    out, c = _canvas()

    def seal() -> None:
        c.setFillColorRGB(0.8, 0.1, 0.1)
        c.circle(300, 420, 80, stroke=1, fill=1)
        c.showPage()

    seal()
    _report_page(c)
    for _ in range(size):
        seal()
    c.save()
    return out.getvalue()


def pdf_shared_pages(size: int) -> bytes:
    """``size`` pages that all draw one content stream of 400 text lines (the stream is stored once:
    a few KB per thousand pages)."""
    content = b"".join(b"BT /F1 8 Tf 36 %d Td (Line %d of the annual report on law-based government) Tj ET\n"
                       % (800 - (i % 95) * 8, i) for i in range(400))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(size))
        + b"] /Count %d >>" % size,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>stream\n" % len(content) + content + b"\nendstream",
    ]
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 4 0 R >>")
    objects += [page] * size
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- text ------------------------------------------------------------------------------------

def text_with_pdf_magic(size: int) -> bytes:
    """A text report that quotes ``%PDF-`` near its start (a note on an attachment's format)."""
    head = f"{_TITLE}\n附件格式说明：电子版文件头为%PDF-1.7，请使用阅读器打开。\n"
    return (head + (_BODY + "\n") * max(1, size)).encode()


# name -> (maker, file suffix, reference maker)
CASES: dict[str, tuple[Callable[[int], bytes], str, Callable[[int], bytes]]] = {
    "docx_numbering_bomb": (docx_numbering_bomb, ".docx", ordinary_docx),
    "docx_long_start": (docx_long_start, ".docx", ordinary_docx),
    "docx_bad_start": (docx_bad_start, ".docx", ordinary_docx),
    "docx_bad_ilvl": (docx_bad_ilvl, ".docx", ordinary_docx),
    "docx_long_level_text": (docx_long_level_text, ".docx", ordinary_docx),
    "docx_no_body": (docx_no_body, ".docx", ordinary_docx),
    "docx_bad_grid_span": (docx_bad_grid_span, ".docx", ordinary_docx),
    "docx_orphan_merge": (docx_orphan_merge, ".docx", ordinary_docx),
    "docx_many_styles": (docx_many_styles, ".docx", ordinary_docx),
    "docx_zip_bomb": (docx_zip_bomb, ".docx", ordinary_docx),
    "pdf_many_rects": (pdf_many_rects, ".pdf", ordinary_pdf),
    "pdf_blank_pages": (pdf_blank_pages, ".pdf", ordinary_pdf),
    "pdf_image_pages": (pdf_image_pages, ".pdf", ordinary_pdf),
    "pdf_shared_pages": (pdf_shared_pages, ".pdf", ordinary_pdf),
    "text_with_pdf_magic": (text_with_pdf_magic, ".txt", ordinary_docx),
}
