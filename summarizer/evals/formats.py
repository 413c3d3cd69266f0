"""The eval's format check: a dataset's text reports made into PDF and Word files, or run into one line.

Reports reach readers as PDF and .docx far more often than as scraped text,
and such files carry no scraper record (``标题: …`` lines, a ``==== 正文 ====``
rule) and often no title line; a web page's text often arrives with every line
break lost. ``make_format_copies`` writes each report of a dataset as
``<id>.pdf`` (drawn with reportlab's built-in CID font STSong-Light: A4, wrapped
lines, a page number at the foot), ``<id>.docx`` (python-docx, one paragraph
per line) or ``<id>.txt`` for ``oneline`` (the paragraphs run together with
nothing between them, as the text of a page whose paragraph tags were dropped),
from its body only: the record above the rule and the title line are dropped.
``write_format_copy`` makes one such copy, for evals that keep their own cases
(the genre eval). reportlab is a dev dependency; without it the PDF format is
reported as unavailable and skipped.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from summarizer.errors import InputError
from summarizer.evals.dataset import Dataset

FORMATS = ("text", "pdf", "docx", "oneline")
# The file each format is written as (oneline is text: a .txt with no line break).
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "oneline": ".txt"}
# The rule an archive draws between its record and the text (the same shape chrome.py removes).
_RECORD_RULE = re.compile(r"^\s*[=\-─━*#~]{3,}\s*(?:正文|内容|全文|原文|正 文)?\s*[=\-─━*#~]*\s*$", re.MULTILINE)
_TITLE_LINE = re.compile(r"^.{4,60}(?:报告|情况|工作总结)\s*$")


def body_of(text: str) -> list[str]:
    """The report's paragraphs without the scraper record and without a title line."""
    rule = _RECORD_RULE.search(text)
    if rule and text[: rule.start()].count("\n") < 40:
        text = text[rule.end():]
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    if paragraphs and _TITLE_LINE.match(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return paragraphs


def pdf_available() -> bool:
    """True when reportlab (a dev dependency) can be imported."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return False
    return True


def make_pdf(paragraphs: list[str]) -> bytes:
    """A4 PDF of ``paragraphs``: first lines indented two characters, wrapped at the page width,
    a page number at the foot (as government PDFs are laid out)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, leading, margin = "STSong-Light", 12, 19, 72
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    page, y = 1, height - margin

    def new_page() -> None:
        nonlocal page, y
        c.setFont(font, 9)
        c.drawCentredString(width / 2, 36, f"— {page} —")
        c.showPage()
        page, y = page + 1, height - margin

    for para in paragraphs:
        line, room = "", width - 2 * margin - 2 * size
        lines = []
        for token in re.findall(r"[0-9A-Za-z.%]+|.", para):  # a number or Latin word is never cut
            if line and pdfmetrics.stringWidth(line + token, font, size) > room:
                lines.append(line)
                line, room = "", width - 2 * margin
            line += token
        lines.append(line)
        for i, text in enumerate(lines):
            if y - leading < margin:
                new_page()
            y -= leading
            c.setFont(font, size)
            c.drawString(margin + (2 * size if i == 0 else 0), y, text)
    c.setFont(font, 9)
    c.drawCentredString(width / 2, 36, f"— {page} —")
    c.showPage()
    c.save()
    return out.getvalue()


def make_docx(paragraphs: list[str]) -> bytes:
    """A .docx with one paragraph per line of the report."""
    import io

    import docx

    document = docx.Document()
    for para in paragraphs:
        document.add_paragraph(para)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_oneline(paragraphs: list[str]) -> bytes:
    """UTF-8 text of ``paragraphs`` run together: every line break lost, nothing in its place."""
    return "".join(paragraphs).encode("utf-8")


def write_format_copy(report_path: Path, doc_id: str, fmt: str, folder: Path) -> Path:
    """``report_path``'s body written as ``fmt`` (pdf, docx, oneline) into ``folder``; its path."""
    if fmt not in SUFFIXES:
        raise InputError(f"unknown format {fmt!r}", hint=f"use some of {', '.join(FORMATS)}")
    text = report_path.read_bytes().decode("utf-8", errors="replace")
    paragraphs = body_of(text)
    make = {"pdf": make_pdf, "docx": make_docx, "oneline": make_oneline}[fmt]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc_id}{SUFFIXES[fmt]}"
    path.write_bytes(make(paragraphs))
    return path


def make_format_copies(dataset: Dataset, fmt: str, folder: Path) -> Dataset:
    """``dataset`` with each report written as ``fmt`` into ``folder``; references unchanged."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"use some of {', '.join(FORMATS)}")
    if fmt == "text":
        return dataset
    cases = [dataclasses.replace(case, report_path=write_format_copy(case.report_path, case.doc_id, fmt, folder))
             for case in dataset.cases]
    return Dataset(root=dataset.root, cases=cases)
