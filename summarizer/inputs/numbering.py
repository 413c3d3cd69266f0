"""Word's automatic numbering, written out: ``一、`` ``（二）`` ``3.`` as the reader sees them.

A heading numbered by Word's list numbering (rather than typed) has no number
in its text; without it the heading tree of the report (``一、…（一）…``)
cannot be read. The number is rebuilt from the numbering definitions: a
counter per list and level (deeper levels restart when a higher one moves on),
formatted by the level's ``numFmt`` and ``lvlText`` (``%1、``, ``（%2）``).
Bullets carry no number and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn

_DIGITS = "〇一二三四五六七八九"
_CHINESE_FORMATS = frozenset({
    "chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
    "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographLegalTraditional",
})
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CLOSERS = "、．.）)]】:："


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

    @classmethod
    def of(cls, document: Document) -> Numbering:
        """The definitions of ``document`` (none when it has no numbering part)."""
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls({})
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in node.iterchildren(qn("w:lvl"))
            }
        levels: dict[str, dict[int, _Level]] = {}
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
        return cls(levels)

    def label(self, paragraph_element, style_element=None) -> str:
        """The number Word shows before this paragraph, with what follows it ("" for none);
        the paragraph's own numbering, else its style's (headings numbered by a template)."""
        num_id, ilvl = _num_pr(paragraph_element)
        if num_id is None and style_element is not None:
            num_id, ilvl = _num_pr(style_element)
        if num_id is None or num_id == "0" or num_id not in self.levels:
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


def _level(node) -> _Level:
    def val(tag: str, default: str) -> str:
        child = node.find(qn(tag))
        return child.get(qn("w:val"), default) if child is not None else default

    return _Level(start=int(val("w:start", "1")), fmt=val("w:numFmt", "decimal"), text=val("w:lvlText", ""))


def _num_pr(p) -> tuple[str | None, int]:
    ppr = p.find(qn("w:pPr"))
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None, 0
    num_id = numpr.find(qn("w:numId"))
    ilvl = numpr.find(qn("w:ilvl"))
    return (num_id.get(qn("w:val")) if num_id is not None else None,
            int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0)


def _format(n: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return chinese_numeral(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
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
