"""Word's automatic numbering, written out: ``一、`` ``（二）`` ``3.`` as the reader sees them.

A heading numbered by Word's list numbering (rather than typed) has no number
in its text; without it the heading tree of the report (``一、…（一）…``)
cannot be read. The number is rebuilt from the numbering definitions: a
counter per list and level (deeper levels restart when a higher one moves on),
formatted by the level's ``numFmt`` and ``lvlText`` (``%1、``, ``（%2）``).
Bullets carry no number and are left out.

The definitions come from the file, so every number is bounded: a level
(``w:ilvl``) is 0-8 as in Word, a start beyond Word's own range (0-32767) or
not a number is ignored (the list starts at 1, and a note says so), a level
text longer than any real one is ignored, and Roman numerals stop at 3999
(decimal after, as no Roman numeral is written beyond it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

_DIGITS = "〇一二三四五六七八九"
_CHINESE_FORMATS = frozenset({
    "chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
    "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographLegalTraditional",
})
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CLOSERS = "、．.）)]】:："
_LEVELS = range(9)  # Word's list levels, w:ilvl 0-8
_MAX_START = 32_767  # the largest start Word accepts
_MAX_LEVEL_TEXT = 64  # characters; a real level text is a few ("%1、", "（%2）", "%1.%2.%3")
_MAX_ROMAN = 3_999


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """The numbering definitions of one document and the counters so far."""

    levels: dict[str, dict[int, _Level]]  # numId -> ilvl -> level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was ignored, for the summary's provenance

    @classmethod
    def of(cls, document: Document) -> Numbering:
        """The definitions of ``document`` (none when it has no numbering part)."""
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls({})
        ignored: set[str] = set()
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(qn("w:abstractNum")):
            defs: dict[int, _Level] = {}
            for lvl in node.iterchildren(qn("w:lvl")):
                ilvl = _small_int(lvl.get(qn("w:ilvl"), "0"))
                if ilvl is not None and ilvl in _LEVELS:
                    defs[ilvl] = _level(lvl, ignored)
                else:
                    ignored.add("a list level outside 0-8")
            abstract[node.get(qn("w:abstractNumId"))] = defs
        levels: dict[str, dict[int, _Level]] = {}
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
        return cls(levels, notes=[f"Word list numbering: ignored {what}" for what in sorted(ignored)])

    def label(self, paragraph_element: BaseOxmlElement, style_element: BaseOxmlElement | None = None) -> str:
        """The number Word shows before this paragraph, with what follows it ("" for none);
        the paragraph's own numbering, else its style's (headings numbered by a template)."""
        num_id, ilvl = _num_pr(paragraph_element)
        if num_id is None and style_element is not None:
            num_id, ilvl = _num_pr(style_element)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        if ilvl < 0:
            self._note("a paragraph's list level outside 0-8 (no number written)")
            return ""
        defs = self.levels[num_id]
        level = defs.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                value = counts.get(k, defs[k].start if k in defs else 1)
                text = text.replace(f"%{k + 1}", _format(value, defs[k].fmt if k in defs else "decimal"))
        if not text:
            return ""
        return text if text[-1] in _CLOSERS else text + " "

    def _note(self, what: str) -> None:
        note = f"Word list numbering: ignored {what}"
        if note not in self.notes:
            self.notes.append(note)


def _level(node: BaseOxmlElement, ignored: set[str]) -> _Level:
    def val(tag: str, default: str) -> str:
        child = node.find(qn(tag))
        return child.get(qn("w:val"), default) if child is not None else default

    start = _small_int(val("w:start", "1"))
    if start is None or not 0 <= start <= _MAX_START:
        ignored.add(f"a list start that is not a number from 0 to {_MAX_START} (the list starts at 1)")
        start = 1
    text = val("w:lvlText", "")
    if len(text) > _MAX_LEVEL_TEXT:
        ignored.add(f"a list number text longer than {_MAX_LEVEL_TEXT} characters (no number written)")
        text = ""
    return _Level(start=start, fmt=val("w:numFmt", "decimal"), text=text)


def _small_int(value: str | None) -> int | None:
    """``value`` as an int when it is a short decimal number, else None (never reads a huge one)."""
    value = (value or "").strip()
    if not value or len(value) > 9 or not value.lstrip("-").isdigit():
        return None
    return int(value)


def _num_pr(p: BaseOxmlElement) -> tuple[str | None, int]:
    ppr = p.find(qn("w:pPr"))
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None, 0
    num_id = numpr.find(qn("w:numId"))
    ilvl = numpr.find(qn("w:ilvl"))
    level = _small_int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
    # A level Word cannot show: the paragraph is left unnumbered (-1 matches no definition).
    return (num_id.get(qn("w:val")) if num_id is not None else None,
            level if level is not None and level in _LEVELS else -1)


def _format(n: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return chinese_numeral(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n <= _MAX_ROMAN:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (as numbered headings write them)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if n >= 1000:
        return str(n)
    tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else
                                 ("一" + chinese_numeral(rest) if rest < 20 else chinese_numeral(rest)))
    return _DIGITS[hundreds] + "百" + tail


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)
