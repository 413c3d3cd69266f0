"""Whitespace and punctuation normalisation, as edits.

- Line breaks become ``\\n``; zero-width and control characters go; space
  entities left in scraped text (``&nbsp;`` ``&emsp;``) become blanks.
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
_INVISIBLE = r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
# ``\r\n?`` or a run of invisible characters, written to start with one character class
# (the engine then skips to those in C).
_JUNK = re.compile(rf"[\r\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f](?:(?<=\r)\n?|{_INVISIBLE}*)")
_SPACE_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp);|&#(?:160|12288|8194|8195|x[aA]0|x3000);")
_BLANK_NOT_SPACE = r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Runs of whitespace around a line break (``[blank]*\n\s*``) or inside a line (``[blank]+``),
# but only those that need a change: a line break alone and a single space inside a line
# (most of a text) are not matched at all, so they cost no Python. Each alternative starts
# with the blank or line break it consumes, so the engine skips to those in C; lookbehinds
# then say which it was. (\s holds \u3000 and every blank.)
_SPACING = re.compile(
    rf"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\n]"
    rf"(?:(?<=\n)(?:\s+|(?<![\s\S]\n)|\Z)"  # a line break: with whitespace after, first, or last
    rf"|(?<={_BLANK})(?:{_BLANK}*\n\s*|{_BLANK}+|(?<={_BLANK_NOT_SPACE})|(?<![\s\S].)|\Z))"  # blanks
)
_CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# After an ideograph, CJK punctuation, a full-width form or a curly quote (a whole run of
# marks); or right before an ideograph. The mark comes first, so the engine skips to marks in C.
_PUNCT_IN_CHINESE = (
    rf"[,;:!?](?:(?<=[{_CJK_CLASS}\u3000-\u303f\uff00-\uffef“”‘’][,;:!?])[,;:!?]*|(?=[{_CJK_CLASS}]))"
)
# The same, as one group: ``split`` then returns each match between the text around it, and
# ``finditer`` finds the same matches (one compiled pattern: a CJK class costs ~1 ms to compile).
_PUNCT_IN_CHINESE_KEPT = re.compile(f"({_PUNCT_IN_CHINESE})")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
#: Each ASCII mark and bracket these steps convert, and its full-width form.
FULL_WIDTH = {**_FULL, "(": "（", ")": "）"}
_TO_FULL_WIDTH = str.maketrans(FULL_WIDTH)
# A bracketed stretch with at least one ASCII bracket: full-width pairs need nothing, and
# stretches never overlap (none holds a bracket), so skipping those finds the same others.
_BRACKETED = re.compile(r"\((?P<inner>[^()（）\n]{1,80})[)）]|（(?P<inner2>[^()（）\n]{1,80})\)")
# Its two halves, each opening with one character: a plain search finds it (a class is tried at
# every character, and each （ of the text would start a look for a ``)`` 80 characters on); each
# is run only where its ASCII bracket is.
_OPEN_BRACKETED = re.compile(r"\((?P<inner>[^()（）\n]{1,80})[)）]")
_CLOSE_BRACKETED = re.compile(r"（(?P<inner2>[^()（）\n]{1,80})\)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_cjk(ch: str) -> bool:
    """A CJK ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def control_edits(text: str) -> list[Edit]:
    """Edits turning ``\\r\\n``/``\\r`` into ``\\n`` and dropping zero-width/control characters."""
    edits = []
    for m in _JUNK.finditer(text):
        if m.group().startswith("\r"):
            edits.append(Edit(m.start(), m.end(), "\n", kind="whitespace", note="line break"))
        else:
            edits.append(Edit(m.start(), m.end(), "", kind="whitespace", note="invisible character"))
    return edits


def entity_edits(text: str) -> list[Edit]:
    """Edits turning space entities that scraped text kept literally (``&nbsp;``) into blanks.

    Run after ``control_edits``, which may join the pieces of one."""
    return [Edit(m.start(), m.end(), " ", kind="whitespace", note="HTML space entity")
            for m in _SPACE_ENTITY.finditer(text)]


def spacing_edits(text: str) -> list[Edit]:
    """Edits removing indents, trailing blanks and blank lines, and collapsing blank runs."""
    edits = []
    n = len(text)
    for m in _SPACING.finditer(text):
        at_edge = m.start() == 0 or m.end() == n
        if "\n" in m.group():
            new = "" if at_edge else "\n"
            note = "blank lines and indents"
        else:
            new = "" if at_edge else " "
            note = "blanks"
        if m.group() != new:
            edits.append(Edit(m.start(), m.end(), new, kind="whitespace", note=note))
    return edits


def punctuation_edits(text: str) -> list[Edit]:
    """Edits making ASCII ``, ; : ! ?`` in Chinese text full-width.

    A mark is converted after Chinese text or punctuation (a run of marks all
    together: ``法::``) or right before a Chinese character; between digits
    (``1,467``, ``17:01``) neither side is Chinese, so numbers stay.
    """
    return [
        Edit(i, i + 1, _FULL[mark], kind="punctuation")
        for m in _PUNCT_IN_CHINESE_KEPT.finditer(text)
        for i, mark in enumerate(m.group(), m.start())
    ]


def full_width_punctuation(text: str) -> tuple[str, str]:
    """``punctuation_edits`` applied: the new text and the ASCII marks converted, in order.

    The pipeline's way (the edits are for callers that want offsets): a few marks are found
    by plain searches and judged run by run; many, by one regex scan.
    """
    found = sum(map(text.count, _FULL))  # (a plain count each: most texts hold a handful)
    if not found:
        return text, ""
    return (_full_width_runs if found <= _FEW_MARKS else _full_width_split)(text)


_FEW_MARKS = 64


def _after_chinese(ch: str) -> bool:
    """What a run of marks may follow to be converted whole (``_PUNCT_IN_CHINESE``'s look back)."""
    return is_cjk(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’"


def _full_width_runs(text: str) -> tuple[str, str]:
    """``full_width_punctuation`` of a text with few ASCII marks: each run of marks is
    converted whole after Chinese text or punctuation, else only its last mark and only
    right before a Chinese character (what ``_PUNCT_IN_CHINESE`` matches, run by run)."""
    at = sorted(i for mark in _FULL if mark in text for i in _positions(text, mark))
    runs: list[list[int]] = []
    for i in at:
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    parts: list[str] = []
    converted: list[str] = []
    pos = 0
    for start, end in runs:
        if start and _after_chinese(text[start - 1]):
            first = start
        elif end < len(text) and _CJK.match(text, end):
            first = end - 1
        else:
            continue
        marks = text[first:end]
        parts += (text[pos:first], marks.translate(_TO_FULL_WIDTH))
        converted.append(marks)
        pos = end
    if not converted:
        return text, ""
    parts.append(text[pos:])
    return "".join(parts), "".join(converted)


def _positions(text: str, mark: str) -> list[int]:
    out, i = [], text.find(mark)
    while i >= 0:
        out.append(i)
        i = text.find(mark, i + 1)
    return out


def _full_width_split(text: str) -> tuple[str, str]:
    """``full_width_punctuation`` in one regex scan, no Python per match: split keeps each
    match between the pieces around it."""
    parts = _PUNCT_IN_CHINESE_KEPT.split(text)
    marks = parts[1::2]
    if not marks:
        return text, ""
    parts[1::2] = [mark.translate(_TO_FULL_WIDTH) for mark in marks]
    return "".join(parts), "".join(marks)


def bracket_edits(text: str) -> list[Edit]:
    """Edits making ASCII brackets around Chinese text full-width (run before ``punctuation_edits``)."""
    edits = []
    for m in _BRACKETED.finditer(text):
        if _holds_chinese(m):
            if text[m.start()] == "(":
                edits.append(Edit(m.start(), m.start() + 1, "（", kind="punctuation"))
            if text[m.end() - 1] == ")":
                edits.append(Edit(m.end() - 1, m.end(), "）", kind="punctuation"))
    return edits


def full_width_brackets(text: str) -> tuple[str, str]:
    """``bracket_edits`` applied: the new text and the ASCII brackets converted, in order."""
    # The stretches never overlap (none holds a bracket): the two halves of ``_BRACKETED``
    # find the same ones, put back in order.
    found = list(_OPEN_BRACKETED.finditer(text)) if "(" in text else []
    if ")" in text:
        found += _CLOSE_BRACKETED.finditer(text)
        found.sort(key=_start)
    parts: list[str] = []
    converted: list[str] = []
    pos = 0
    for m in found:
        if not _holds_chinese(m):
            continue
        start, end = m.span()
        if text[start] == "(":
            parts += (text[pos:start], "（")
            pos = start + 1
            converted.append("(")
        if text[end - 1] == ")":
            parts += (text[pos : end - 1], "）")
            pos = end
            converted.append(")")
    if not converted:
        return text, ""
    parts.append(text[pos:])
    return "".join(parts), "".join(converted)


def _start(m: re.Match[str]) -> int:
    return m.start()


def _holds_chinese(bracketed: re.Match[str]) -> bool:
    inner = bracketed.groupdict()
    return _CJK.search(inner.get("inner") or inner.get("inner2") or "") is not None
