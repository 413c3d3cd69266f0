"""The inputs users have, read into text: PDF, Word (.docx, .doc, .wps), web pages by URL.

``detect.detect_kind`` decides what an input is (by its bytes); ``read_document``
turns a PDF or Word document into ``Extracted`` text with its pages;
``web.fetch_report`` fetches a URL. Text and HTML are read by preprocessing
itself. ``ReadLimits`` bounds what one document may take (sizes, pages, text,
time in OCR and conversions). This is the bottom layer: it knows nothing of settings or the schema.
"""

from __future__ import annotations

from summarizer.inputs.detect import DOCUMENT_KINDS, REPORT_SUFFIXES, InputKind, detect_kind, is_url
from summarizer.inputs.extracted import Extracted
from summarizer.inputs.limits import DEFAULT_LIMITS, Deadline, ReadLimits


def read_document(data: bytes, kind: str, label: str | None, *, limits: ReadLimits = DEFAULT_LIMITS,
                  time_limit_s: float | None = None) -> Extracted:
    """The text of a document of ``kind`` (one of ``DOCUMENT_KINDS``); ``InputError`` if unreadable
    or past ``limits``. ``time_limit_s`` bounds the OCR and LibreOffice runs of this read together
    (default ``limits.subprocess_seconds``): the caller passes what is left of the document's budget."""
    deadline = Deadline(limits.subprocess_seconds if time_limit_s is None else time_limit_s)
    if kind == "pdf":
        from summarizer.inputs.pdf import extract_pdf

        return extract_pdf(data, label, limits=limits, deadline=deadline)
    if kind == "docx":
        from summarizer.inputs.docx import extract_docx

        return extract_docx(data, label, limits=limits)
    if kind in ("doc", "wps"):
        from summarizer.inputs.legacy_word import extract_legacy_word

        return extract_legacy_word(data, label, kind, limits=limits, deadline=deadline)
    raise ValueError(f"not a document kind: {kind!r}")


__all__ = ["DEFAULT_LIMITS", "DOCUMENT_KINDS", "REPORT_SUFFIXES", "Extracted", "InputKind", "ReadLimits",
           "detect_kind", "is_url", "read_document"]
