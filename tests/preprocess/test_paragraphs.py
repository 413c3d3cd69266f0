"""Paragraph segmentation (``preprocess.paragraphs``) on a real report in the shapes it reaches users in.

The passage is a whole report of the genre (seed 002: a title, an opening paragraph, 一、 and
（一） headings with run-in 一是 units, a problems and a plans part), laid out as a plain-text
export indents it, as a PDF wraps it, as a web page flattened to one line loses its breaks.
Each shape must give back the report's own paragraphs, or, where the shape destroyed the
information, never run two of them together.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.evals.formats import make_pdf
from summarizer.preprocess import clean
from summarizer.preprocess.document import CleanDocument
from summarizer.preprocess.markers import opens_unit
from summarizer.preprocess.paragraphs import segment

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "evals" / "datasets" / "seeds" / "002_93df2457fec9964f.txt"
_BLANKS = re.compile(r"\s")


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """The report's paragraphs, from its text with one paragraph per line."""
    found = clean(REPORT).paragraph_texts()
    assert len(found) == 14 and found[2].startswith("一、") and found[3].startswith("（一）")
    return found


def _wrap(paragraph: str, width: int) -> list[str]:
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


def _starts(texts: list[str]) -> set[int]:
    """Where each paragraph starts in the text with every blank and break removed."""
    out, pos = set(), 0
    for text in texts:
        out.add(pos)
        pos += len(_BLANKS.sub("", text))
    return out


def _never_joined(got: list[str], want: list[str]) -> None:
    """``got`` keeps every paragraph break of ``want`` (it may break more, never fewer)."""
    assert _BLANKS.sub("", "".join(got)) == _BLANKS.sub("", "".join(want))
    assert _starts(want) <= _starts(got)


@pytest.mark.parametrize("indent", ["\u3000\u3000", "    ", "\t"])
def test_indented_lines_are_the_paragraphs(paragraphs, indent):
    # A Word or plain-text export indents each paragraph's first line (full-width blanks, spaces, a tab).
    text = "\n".join(indent + p for p in paragraphs)
    assert clean(text).paragraph_texts() == paragraphs
    assert CleanDocument(text=text).paragraph_texts() == paragraphs


def test_hard_wrapped_lines_with_indented_paragraph_starts_are_joined_back(paragraphs):
    # A PDF's text: lines of one width, each paragraph's first line indented two characters.
    text = "\n".join(line for p in paragraphs for line in _wrap("\u3000\u3000" + p, 32))
    assert clean(text).paragraph_texts() == paragraphs


def test_hard_wrapped_lines_with_blank_lines_between_paragraphs_are_joined_back(paragraphs):
    text = "\n\n".join("\n".join(_wrap(p, 30)) for p in paragraphs)
    assert clean(text).paragraph_texts() == paragraphs


def test_a_pdf_of_the_report_keeps_every_paragraph_break(paragraphs):
    # Drawn and read back as a PDF: wrapped by display columns, first lines indented. A line
    # that opens with a unit (三是…) after a page's break is kept apart: the only extra cut.
    got = clean(make_pdf(paragraphs), name="report.pdf").paragraph_texts()
    _never_joined(got, paragraphs)
    kept = _starts(paragraphs)
    extra = [p for p, start in zip(got, sorted(_starts(got)), strict=True) if start not in kept]
    assert all(opens_unit(p, 0, len(p)) for p in extra)
    assert len(extra) <= 2


def test_wrapped_lines_without_paragraph_marks_are_never_run_together(paragraphs):
    # No indent, no blank line: a full line ending with 。 may or may not end its paragraph, so
    # it is left a break; but no paragraph break of the report is lost, in the text cleaning
    # joined or in lines it left as they were (read by the segmentation's own wrap test).
    text = "\n".join(line for p in paragraphs for line in _wrap(p, 30))
    _never_joined(clean(text).paragraph_texts(), paragraphs)
    doc = CleanDocument(text=text)
    assert "\n" in doc.paragraph_texts()[3]  # (the lines are still in the text)
    _never_joined(doc.paragraph_texts(), paragraphs)


def test_a_report_that_lost_its_line_breaks_but_kept_its_indents_is_cut_at_them(paragraphs):
    # A web page flattened to one line keeps the blanks that indented each paragraph.
    got = clean("\u3000\u3000".join(paragraphs)).paragraph_texts()
    # The title and the opening run together: a title has no sentence end to cut after.
    assert got[0] == paragraphs[0] + " " + paragraphs[1]
    assert got[1:] == paragraphs[2:]


def test_a_report_in_one_line_is_cut_before_each_heading(paragraphs):
    # No line break and no blank left: a heading after a sentence end (…全过程。（二）…) starts a
    # paragraph; a heading whose text runs on into the paragraph after it (二、存在问题2021年以来…)
    # or a title before the opening has nothing to cut at.
    got = clean("".join(paragraphs)).paragraph_texts()
    p = paragraphs
    assert got == [p[0] + p[1], *p[2:10], p[10] + p[11], p[12] + p[13]]


def test_segmentation_is_offsets_into_the_text_trimmed():
    text = "\u3000\u3000一、总体情况\n\n  2022年，我局依法行政。 \n\t（一）加强领导。\n"
    spans = segment(text)
    assert [text[s:e] for s, e in spans] == ["一、总体情况", "2022年，我局依法行政。", "（一）加强领导。"]
    assert CleanDocument(text=text).paragraph_spans == spans
    assert segment("") == [] and segment(" \n\u3000\n") == []
