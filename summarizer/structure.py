"""The section tree of a clean report: numbered headings and inline 一是/二是 units.

Markers and their levels (decided by the marker's kind):

1. ``一、`` / ``第一部分``          (level 1)
2. ``（一）`` / ``(一)`` / ``一)``   (level 2; a lost opening bracket is tolerated)
3. ``1.`` / ``1、`` / ``1．`` / ``（1）`` (level 3)
4. ``一是`` / ``二是`` …, ``第一，`` / ``第二，`` and ``①②`` (level 4, inline: anywhere a sentence starts)

Nesting follows the conventional order of the kinds; a kind a report does not
use is simply skipped, so a report that starts at ``（一）`` has ``（一）``
sections at the top. Broken inline markers are repaired from their
neighbours: a paragraph that starts with a bare ``是`` right after an ``N是``
unit is unit N+1 (``是加强…``), and a bare numeral at a sentence start that
fills a gap between ``一是`` and ``三是`` is unit 二 (``二充分发挥…``).

Headings are read from the document's paragraphs as preprocessing segmented them
(``doc.paragraphs``, ``summarizer.preprocess.paragraphs``), the ones every backend sees; the
markers' grammar is ``summarizer.preprocess.markers``.

All offsets are ``str`` indices into ``doc.text``. ``heading`` is
``doc.text[heading_start:heading_end]``: the text after the marker up to the
end of the heading line, or for inline headings up to the first 。/；.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from pydantic import BaseModel, Field

from summarizer.preprocess.chrome import RECORD_FIELD
from summarizer.preprocess.document import CleanDocument
from summarizer.preprocess.markers import CN as _CN
from summarizer.preprocess.markers import SHI as _SHI
from summarizer.preprocess.markers import heading_marker

CN_DIGITS = "〇零一二三四五六七八九十两"
_CN_VALUES = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NAMES = "一二三四五六七八九十"  # _CN_NAMES[n] is the numeral of n + 1

# Rank of each marker kind in the conventional nesting order (smaller = outer).
KIND_RANK = {"cn": 0, "paren_cn": 1, "arabic": 2, "paren_arabic": 3, "shi": 4}
KIND_LEVEL = {"cn": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 3, "shi": 4}

# Where an inline unit may begin: after a sentence or clause end, or a colon.
_UNIT_BOUNDARY = "。；;：:！!？?"
_SENTENCE_END = "。！!？?"
_HEADING_END = "。；;！!？?"
_HEADING_STOP = re.compile(f"[{_SENTENCE_END}]")  # where a heading ends (``_set_heading``)
_UNIT_HEADING_STOP = re.compile(f"[{_HEADING_END}]")  # … and an inline unit's (一是…；)


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 99 (一 → 1, 十二 → 12, 二十 → 20)."""
    if not text or any(c not in _CN_VALUES and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_VALUES[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    t = _CN_VALUES.get(tens, None) if tens else 1
    u = _CN_VALUES.get(units, None) if units else 0
    if t is None or u is None:
        return None
    return t * 10 + u


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else cn_number(raw)


# A marker glued to the text before it (推进法治政府建设1.深入学习 / 工作打算（一）加强): the next
# unit's number right after a Chinese character, where a line break was lost. (一是 is left
# out: 统一是, 之一是 are words.)
_GLUED_MARKER = re.compile(
    rf"(?<=[\u4e00-\u9fff”》])(?:[（(]{_CN}[）)]|[（(]\d{{1,2}}[）)]|(?<!第){_CN}、"
    r"|\d{1,2}(?:[、．]|\.(?!\d)))"
)


def heading_alone(heading: str) -> str:
    """A heading without the unit run into it when line breaks were lost
    (``推进法治政府建设1.深入学习…`` → ``推进法治政府建设``): two headings never make one label."""
    m = _GLUED_MARKER.search(heading, 2)
    return heading[: m.start()] if m else heading


def own_heading_start(heading: str) -> int:
    """Where a unit's own heading starts in a heading that lost its line break before it
    (``2023年工作开展情况（一）加强组织领导`` → the offset of ``加强组织领导``): its parent's
    heading and the marker come first. 0 when no numbered marker is glued inside it."""
    ends = [m.end() for m in _GLUED_MARKER.finditer(heading, 2)]
    return ends[-1] if ends and ends[-1] < len(heading) else 0


class Section(BaseModel):
    """One numbered part of the report, with its heading and sub-sections."""

    level: int = Field(description="1 = 一、; 2 = （一）; 3 = 1. / （1）; 4 = 一是 (inline)")
    marker: str = Field(
        description="As written, e.g. 一、 （一） 1. 一是; a broken one as written (是, 七))"
    )
    number: int | None = Field(
        description="Ordinal; inferred from neighbours when the marker is broken"
    )
    heading: str
    start: int
    end: int
    heading_start: int
    heading_end: int
    children: list[Section] = Field(default_factory=list)

    @property
    def inline(self) -> bool:
        """True for 一是/二是 units (which may start mid-paragraph)."""
        return self.level == 4

    def walk(self) -> Iterator[Section]:
        """This section and all below it, depth-first in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


class DocumentStructure(BaseModel):
    """The report's title and its tree of sections."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    sections: list[Section] = Field(default_factory=list)
    def walk(self) -> Iterator[Section]:
        """Every section, depth-first in document order."""
        for section in self.sections:
            yield from section.walk()

    def leaves(self) -> list[Section]:
        """Sections without sub-sections, in document order."""
        return [s for s in self.walk() if not s.children]

    def body_start(self) -> int | None:
        """Where the first section starts (None when there are no sections)."""
        return self.sections[0].start if self.sections else None

    def path_to(self, offset: int) -> list[Section]:
        """The sections containing ``offset``, outermost first."""
        path: list[Section] = []
        level = self.sections
        while True:
            # Siblings are in document order and do not overlap: bisect, so a flat tree of
            # thousands of headings costs log(n) per lookup, not n.
            i = bisect.bisect_right(level, offset, key=lambda s: s.start) - 1
            hit = level[i] if i >= 0 and offset < level[i].end else None
            if hit is None:
                return path
            path.append(hit)
            level = hit.children


@dataclass
class _Marker:
    kind: str
    start: int  # where the marker begins
    marker_end: int  # where the heading text begins
    marker: str
    number: int | None
    paragraph: int  # index into the paragraph list
    at_paragraph_start: bool
    heading_start: int = 0
    heading_end: int = 0


def _paragraph_marker(text: str, start: int, end: int, index: int) -> _Marker | None:
    found = heading_marker(text, start, end)
    if found is None:
        return None
    kind, m, after = found
    return _Marker(kind, start, after, text[start : m.end()], _number(m.group("num")), index, True)


def marker_end(text: str, start: int, end: int) -> int | None:
    """Where the numbering marker that opens ``text[start:end]`` ends (一、 （一） 1. （1） 一是
    第一， ①), None when none opens it."""
    marker = _paragraph_marker(text, start, end, 0)
    if marker is not None:
        return marker.marker_end
    m = _SHI.match(text, start, end)
    return m.end() if m else None


_BARE_SHI_AFTER_BREAK = re.compile(r"(?<=[。！？])[ \u3000]+是(?=[\u4e00-\u9fff])(?!否)")


def _char_before(text: str, pos: int, floor: int) -> str:
    """The last non-blank character before ``pos`` (not before ``floor``): a paragraph whose
    line breaks were lost keeps the blanks that indented its lines (。  一是…)."""
    pos -= 1
    while pos > floor and text[pos] in " \u3000\t":
        pos -= 1
    return text[pos] if pos >= floor else ""


def _inline_units(text: str, start: int, end: int, index: int, skip_to: int) -> list[_Marker]:
    """一是/二是 units inside one paragraph, repaired where a marker lost a character."""
    units: list[_Marker] = []
    for m in _SHI.finditer(text, skip_to, end):
        if m.start() > skip_to and _char_before(text, m.start(), skip_to) not in _UNIT_BOUNDARY:
            continue
        if m.end() >= end:
            continue
        number: int | None
        if m.group("circ"):
            number = ord(m.group("circ")) - ord("①") + 1
        else:
            number = cn_number(m.group("num") or m.group("ord"))
        units.append(
            _Marker("shi", m.start(), m.end(), m.group(), number, index, m.start() == start)
        )
    # 一是 glued to the text before it (存在的问题一是…二是…): the sequence says it is a unit.
    if units and units[0].number == 2:
        glued = text.rfind("一是", skip_to, units[0].start)
        if glued != -1 and glued + 2 < units[0].start:
            units.insert(0, _Marker("shi", glued, glued + 2, "一是", 1, index, glued == start))
    # A bare numeral filling a gap (一是 … 二充分发挥 … 三是): the 是 was lost.
    repaired: list[_Marker] = []
    for before, after in pairwise(units):
        if before.number is None or after.number != before.number + 2:
            continue
        wanted = _CN_NAMES[before.number] if before.number < len(_CN_NAMES) else None
        if wanted is None:
            continue
        for pos in range(before.marker_end, after.start):
            if _char_before(text, pos, before.marker_end) not in _UNIT_BOUNDARY:
                continue
            # 二充分发挥… (the 是 lost) or 是加强… (the numeral lost; a paragraph start
            # in a report that kept its line breaks, mid-line in one that did not).
            if (text[pos] == wanted and text[pos + 1] != "是") or text[pos] == "是":
                repaired.append(
                    _Marker("shi", pos, pos + 1, text[pos], before.number + 1, index, False)
                )
                break
    # 是深化… after the last unit, where a lost line break left its indent (。  是…): the
    # numeral was lost and the unit follows the last one.
    last = max(units + repaired, key=lambda u: u.start, default=None)
    if last is not None and last.number is not None:
        for m in _BARE_SHI_AFTER_BREAK.finditer(text, last.marker_end, end):
            repaired.append(_Marker("shi", m.end() - 1, m.end(), "是", last.number + 1, index, False))
            break
    return sorted(units + repaired, key=lambda u: u.start)


def _collect_markers(text: str, paragraphs: list[tuple[int, int]]) -> list[_Marker]:
    markers: list[_Marker] = []
    for index, (start, end) in enumerate(paragraphs):
        head = _paragraph_marker(text, start, end, index)
        if head is not None:
            markers.append(head)
            skip_to = head.marker_end
        else:
            skip_to = start
            # 是加强… right after an N是 unit: the numeral was lost.
            # 二充分发挥… likewise when the 是 was lost instead.
            last = markers[-1] if markers else None
            if (
                last is not None
                and last.kind == "shi"
                and last.number is not None
                and end - start > 4
            ):
                following = _CN_NAMES[last.number] if last.number < len(_CN_NAMES) else None
                if text[start] == "是":
                    markers.append(
                        _Marker("shi", start, start + 1, "是", last.number + 1, index, True)
                    )
                    skip_to = start + 1
                elif text[start] == following and text[start + 1] not in "是、．.）)" + CN_DIGITS:
                    markers.append(
                        _Marker("shi", start, start + 1, following, last.number + 1, index, True)
                    )
                    skip_to = start + 1
        markers.extend(_inline_units(text, start, end, index, skip_to))
    return markers


def _set_heading(text: str, marker: _Marker, paragraph_end: int, limit: int) -> None:
    """Heading = the text after the marker up to the line end or the first 。/；."""
    stop = min(paragraph_end, limit)
    # The first such mark found in C, not by a step per character (a heading line runs on to
    # the paragraph's end when it has no mark).
    found = (_HEADING_STOP if marker.kind != "shi" else _UNIT_HEADING_STOP).search(text, marker.marker_end, stop)
    end = found.start() if found else max(stop, marker.marker_end)
    while end > marker.marker_end and text[end - 1] in " \u3000,，、:：":
        end -= 1
    marker.heading_start = marker.marker_end
    marker.heading_end = max(end, marker.marker_end)


def _build_tree(
    text: str, markers: list[_Marker], paragraphs: list[tuple[int, int]], doc_end: int
) -> list[Section]:
    roots: list[Section] = []
    stack: list[tuple[Section, _Marker]] = []

    def close(until: int) -> None:
        section, marker = stack.pop()
        end = until
        if marker.kind == "shi" and not marker.at_paragraph_start:
            # An inline unit lives in its paragraph.
            end = min(end, paragraphs[marker.paragraph][1])
        section.end = max(end, section.heading_end)

    for i, marker in enumerate(markers):
        next_start = markers[i + 1].start if i + 1 < len(markers) else doc_end
        _set_heading(text, marker, paragraphs[marker.paragraph][1], next_start)
        rank = KIND_RANK[marker.kind]
        while stack and KIND_RANK[stack[-1][1].kind] >= rank:
            close(marker.start)
        section = Section(
            level=KIND_LEVEL[marker.kind],
            marker=marker.marker,
            number=marker.number,
            heading=text[marker.heading_start : marker.heading_end],
            start=marker.start,
            end=doc_end,
            heading_start=marker.heading_start,
            heading_end=marker.heading_end,
        )
        (stack[-1][0].children if stack else roots).append(section)
        stack.append((section, marker))
    while stack:
        # Outer sections end where their last child ends, or at the document's end.
        close(doc_end)
    _clip_to_children(roots, doc_end)
    return roots


def _clip_to_children(sections: list[Section], limit: int) -> None:
    """Make every section end inside its parent and before its next sibling."""
    for i, section in enumerate(sections):
        bound = sections[i + 1].start if i + 1 < len(sections) else limit
        # Most end in time already: assigned only when it changes (each assignment is a pydantic call).
        if bound < section.end:  # noqa: PLR1730
            section.end = bound
        _clip_to_children(section.children, section.end)


_TITLE_CUE = re.compile(r"报告|总结|情况")
_TITLE_TOPIC = re.compile(r"法治|依法行政|法制")
# A title line that does not name its issuer (2022年度法治政府建设情况的报告)…
_TITLE_WITHOUT_ISSUER = re.compile(
    r"^(?:关于)?(?:(?:19|20)\d\d年|[一二][〇零○一二三四五六七八九]{3}年|法治|依法行政)"
)
# …may continue the line before it: an issuer, ending with 关于 or an office's name: an issuer, ending with 关于 or an office's name.
_TITLE_FIRST_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:关于|人民政府|政府|委员会|办公室|办事处|局|委|厅|县|区|市|镇|乡|街道)$"
)


def find_title(
    doc: CleanDocument, paragraphs: list[tuple[int, int]], body_start: int | None
) -> tuple[str, tuple[int, int] | None] | None:
    """The report's title: a short line before the body naming the report, or the title
    preprocessing read from the page's record (then without a span in the text)."""
    hints = doc.hints
    if (
        hints.title
        and hints.title_span
        and doc.text[hints.title_span[0] : hints.title_span[1]] == hints.title
    ):
        return hints.title, hints.title_span
    if hints.title and not hints.title_span:
        # Read from the page's record or furniture (标题: …), not a line of the text.
        return hints.title, None
    previous: tuple[int, int] | None = None
    for start, end in paragraphs:
        if body_start is not None and start >= body_start:
            break
        line = doc.text[start:end]
        if (
            len(line) <= 60
            and "。" not in line
            and _TITLE_CUE.search(line)
            and _TITLE_TOPIC.search(line)
            # 区2022年…报告 发文字号： 无 发布日期：…: a wrapped line of the page's record.
            and not RECORD_FIELD.search(line)
        ):
            if (
                previous is not None
                and _TITLE_WITHOUT_ISSUER.match(line)
                and _TITLE_FIRST_LINE.search(doc.text[previous[0] : previous[1]])
            ):
                # 某某市人民政府关于 / 2022年度法治政府建设情况的报告: one title on two lines.
                return doc.text[previous[0] : previous[1]] + line, (previous[0], end)
            return line, (start, end)
        previous = (start, end)
    return None


def parse_structure(doc: CleanDocument) -> DocumentStructure:
    """Parse the title and the section tree of a clean report."""
    paragraphs = doc.paragraph_spans
    if not paragraphs:
        return DocumentStructure()
    markers = _collect_markers(doc.text, paragraphs)
    doc_end = paragraphs[-1][1]
    sections = _build_tree(doc.text, markers, paragraphs, doc_end)
    title = find_title(doc, paragraphs, sections[0].start if sections else None)
    return DocumentStructure(
        title=title[0] if title else None,
        title_span=title[1] if title else None,
        sections=sections,
    )


__all__ = ["DocumentStructure", "Section", "cn_number", "heading_alone", "marker_end",
           "parse_structure"]
