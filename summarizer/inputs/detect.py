"""The one place that decides what kind of input a report is.

By content first (magic bytes at the start, after at most a byte-order mark and
blank space, never anywhere in the head: a text report may quote ``%PDF-``):
``%PDF-`` is a PDF, a ZIP holding
``word/document.xml`` is a .docx, an OLE compound file is a legacy Word
(.doc) or WPS (.wps) document, bytes that start like a web page are HTML,
anything else is text. The file name only refines what the content leaves
open: an OLE file named ``.wps`` is WPS, a ``.html`` file is HTML even when it
starts with prose. ``REPORT_SUFFIXES`` is the one list of file names a folder
search takes for reports.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import PurePath
from typing import Literal

from summarizer.errors import InputError

InputKind = Literal["text", "html", "pdf", "docx", "doc", "wps"]
DOCUMENT_KINDS: frozenset[str] = frozenset({"pdf", "docx", "doc", "wps"})

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".wps"})
# What a folder search (batch, eval datasets) takes for a report file; the
# content still decides how each one is read.
REPORT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCUMENT_SUFFIXES

_PDF_MAGIC = b"%PDF-"
_BOM = b"\xef\xbb\xbf"
_LEAD = 1024  # at most this much BOM and blank space before the magic
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table|title)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</(?:p|div|html|body|span|td|br|h\d)\s*>|<br\s*/?>", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)


def suffix_of(name: str | None) -> str:
    """The lower-case file suffix of ``name`` (a path or URL), or ``""``."""
    if not name:
        return ""
    path = name.split("?", 1)[0].split("#", 1)[0]
    return PurePath(path).suffix.lower()


def is_url(value: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return bool(_URL.match(value.strip()))


def detect_kind(data: bytes, suffix: str = "", label: str | None = None) -> InputKind:
    """The kind of the input ``data`` from its content; ``suffix`` (``.wps``) is its
    file name's, if any, and ``label`` names it in errors.

    Raises ``InputError`` for a ZIP archive that is not a Word document.
    """
    head = data[:_LEAD + 8].removeprefix(_BOM).lstrip(b" \t\r\n\f\x00")
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        if _zip_holds(data, "word/document.xml"):
            return "docx"
        raise InputError(
            "this is a ZIP archive but not a Word (.docx) document",
            source=label,
            hint="give the report as PDF, Word (.docx/.doc/.wps), HTML or text; unpack archives first",
        )
    if data.startswith(_OLE_MAGIC):
        return "wps" if suffix == ".wps" else "doc"
    if head[:1] in (b"{", b"[") and _is_json(data.removeprefix(_BOM)):
        raise InputError(
            "this is JSON data, not a report",
            source=label,
            hint="give the report itself (text, HTML, PDF or Word); `summarizer report` and `summarizer "
            "export` read the results files of `summarizer batch`",
        )
    if looks_like_html_bytes(data, suffix):
        return "html"
    return "text"


def _is_json(data: bytes) -> bool:
    """True for a JSON document, or JSON lines (a first line that is a whole JSON object or array):
    no report of any kind starts so."""
    first_line = data.lstrip().split(b"\n", 1)[0]
    for candidate in (first_line, data) if len(data) <= 50_000_000 else (first_line,):
        try:
            value = json.loads(candidate)
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(value, dict | list):
            return True
    return False


def looks_like_html_bytes(data: bytes, suffix: str = "") -> bool:
    """True for a file named as HTML or bytes that start like a web page."""
    return suffix in HTML_SUFFIXES or bool(_HTML_START.match(data[:2048]))


def looks_like_html(text: str, suffix: str = "") -> bool:
    """True for a file named as HTML or text that starts like a web page and has closing tags."""
    if suffix in HTML_SUFFIXES:
        return True
    head = text[:2048].encode("utf-8", "ignore")
    return bool(_HTML_START.match(head)) and bool(_HTML_TAGS.search(text))


def _zip_holds(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
