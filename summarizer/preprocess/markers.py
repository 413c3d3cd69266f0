"""The numbering markers that open a report's headings and units, as the genre writes them.

``一、`` / ``第一部分`` (``cn``), ``（一）`` / ``一)`` (``paren_cn``), ``1.`` / ``1、``
(``arabic``), ``（1）`` (``paren_arabic``) open a paragraph; ``一是`` / ``第一，`` / ``①``
(``shi``) open a unit anywhere a sentence starts. The section parser (``summarizer.structure``)
builds its tree from them, and paragraph segmentation (``preprocess.paragraphs``) never joins
a line that opens with one to the line before and cuts run-on text before them.
"""

from __future__ import annotations

import re

CN = "[一二三四五六七八九十]{1,3}"  # a Chinese numeral up to 99, as headings number

PARAGRAPH_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paren_cn", re.compile(rf"[（(]\s*(?P<num>{CN})\s*[）)]")),
    ("paren_cn", re.compile(rf"(?P<num>{CN})[）)]")),  # opening bracket lost: 七)
    ("cn", re.compile(rf"(?P<num>{CN})\s*[、．.]")),
    ("cn", re.compile(rf"第(?P<num>{CN})部分\s*[、，,：:．.]?")),
    ("paren_arabic", re.compile(r"[（(]\s*(?P<num>\d{1,2})\s*[）)]")),
    ("arabic", re.compile(r"(?P<num>\d{1,2})\s*(?:[、．]|\.(?!\d))")),
)
SHI = re.compile(
    rf"(?P<num>{CN})是|第(?P<ord>[一二三四五六七八九十]{{1,2}})[，,、](?=\S)|(?P<circ>[①-⑳])(?=\S)"
)


def heading_marker(text: str, start: int, end: int) -> tuple[str, re.Match[str], int] | None:
    """The heading marker opening ``text[start:end]``: its kind, its match and where the
    heading text after it begins; None when the paragraph opens with none.

    A marker must be followed by heading text, and ``1.5亿元``-like numbers are no marker."""
    for kind, pattern in PARAGRAPH_MARKERS:
        m = pattern.match(text, start, end)
        if not m:
            continue
        after = m.end()
        while after < end and text[after] in " \u3000\t":
            after += 1
        if after >= end or (kind in ("arabic", "paren_arabic") and text[after] in "0123456789％%"):
            continue
        return kind, m, after
    return None


def opens_unit(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` opens with a heading marker or an inline unit's (一是)."""
    return heading_marker(text, start, end) is not None or SHI.match(text, start, end) is not None


__all__ = ["CN", "PARAGRAPH_MARKERS", "SHI", "heading_marker", "opens_unit"]
