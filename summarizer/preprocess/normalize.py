"""Whitespace and punctuation normalisation, as edits.

- Line breaks become ``\\n``; zero-width and control characters go.
- Indents and trailing blanks (spaces, tabs, full-width spaces, NBSP) go; runs of
  blanks inside a line become one space; blank lines go, so every line is a
  paragraph.
- ASCII ``, ; : ! ?`` written against Chinese text become ``， ； ： ！ ？`` and
  ASCII brackets around Chinese text become ``（）``. Numbers, decimals,
  percentages, dates and times (``1,467`` ``99.3%`` ``17:01:57``) are left alone,
  and nothing is NFKC-normalised.
"""

from __future__ import annotations

import re

from summarizer.preprocess.edits import Edit

_BLANK = r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_JUNK = re.compile(r"\r\n?|[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_SPACING = re.compile(rf"(?P<nl>{_BLANK}*\n[\s\u3000]*)|(?P<blank>{_BLANK}+)")
_ASCII_PUNCT = re.compile(r"[,;:!?]")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_BRACKETED = re.compile(r"[(（](?P<inner>[^()（）\n]{1,80})[)）]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_cjk(ch: str) -> bool:
    """A CJK ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _is_cjk_side(ch: str) -> bool:
    # Ideographs, CJK punctuation (U+3000 block), full-width forms, curly quotes.
    return is_cjk(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’"


def control_edits(text: str) -> list[Edit]:
    """Edits turning ``\\r\\n``/``\\r`` into ``\\n`` and dropping zero-width/control characters."""
    return [
        Edit(m.start(), m.end(), "\n" if m.group().startswith("\r") else "", kind="whitespace",
             note="line break" if m.group().startswith("\r") else "invisible character")
        for m in _JUNK.finditer(text)
    ]


def spacing_edits(text: str) -> list[Edit]:
    """Edits removing indents, trailing blanks and blank lines, and collapsing blank runs."""
    edits = []
    n = len(text)
    for m in _SPACING.finditer(text):
        at_edge = m.start() == 0 or m.end() == n
        if m.group("nl") is not None:
            new = "" if at_edge else "\n"
            note = "blank lines and indents"
        else:
            new = "" if at_edge else " "
            note = "blanks"
        if m.group() != new:
            edits.append(Edit(m.start(), m.end(), new, kind="whitespace", note=note))
    return edits


def punctuation_edits(text: str) -> list[Edit]:
    """Edits making ASCII ``, ; : ! ?`` in Chinese text full-width."""
    edits = []
    n = len(text)
    converted_at = -1
    for m in _ASCII_PUNCT.finditer(text):
        i = m.start()
        # Left to right, so that in "法::" the second mark sees the first one converted.
        prev = "：" if converted_at == i - 1 and i else (text[i - 1] if i else "")
        nxt = text[i + 1] if i + 1 < n else ""
        if prev.isdigit() and nxt.isdigit():
            continue  # 1,467 / 17:01
        if (prev and _is_cjk_side(prev)) or (nxt and is_cjk(nxt)):
            edits.append(Edit(i, i + 1, _FULL[m.group()], kind="punctuation"))
            converted_at = i
    return edits


def bracket_edits(text: str) -> list[Edit]:
    """Edits making ASCII brackets around Chinese text full-width (run before ``punctuation_edits``)."""
    edits = []
    for m in _BRACKETED.finditer(text):
        if not _CJK.search(m.group("inner")):
            continue
        if text[m.start()] == "(":
            edits.append(Edit(m.start(), m.start() + 1, "（", kind="punctuation"))
        if text[m.end() - 1] == ")":
            edits.append(Edit(m.end() - 1, m.end(), "）", kind="punctuation"))
    return edits
