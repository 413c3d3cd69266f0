"""The inputs users have, read into text: PDF, Word (.docx, .doc, .wps), web pages by URL.

``detect.detect_kind`` decides what an input is (by its bytes); ``read_document``
turns a PDF or Word document into ``Extracted`` text with its pages;
``web.fetch_report`` fetches a URL. Text and HTML are read by preprocessing
itself. This is the bottom layer: it knows nothing of settings or the schema.
"""

from __future__ import annotations

from summarizer.inputs.detect import DOCUMENT_KINDS, REPORT_SUFFIXES, InputKind, detect_kind, is_url
from summarizer.inputs.extracted import Extracted


def read_document(data: bytes, kind: str, label: str | None) -> Extracted:
    """The text of a document of ``kind`` (one of ``DOCUMENT_KINDS``); ``InputError`` if unreadable."""
    if kind == "pdf":
        from summarizer.inputs.pdf import extract_pdf

        return extract_pdf(data, label)
    if kind == "docx":
        from summarizer.inputs.docx import extract_docx

        return extract_docx(data, label)
    if kind in ("doc", "wps"):
        from summarizer.inputs.legacy_word import extract_legacy_word

        return extract_legacy_word(data, label, kind)
    raise ValueError(f"not a document kind: {kind!r}")


__all__ = ["DOCUMENT_KINDS", "REPORT_SUFFIXES", "Extracted", "InputKind", "detect_kind", "is_url", "read_document"]
