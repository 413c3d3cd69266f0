"""Which statutory part each paragraph of a report belongs to.

Two sources of evidence, both from the genre's own language (DOMAIN.md):

- Headings. ``heading_parts`` reads the cue words of a heading and returns
  the parts it announces, in the order it names them, so a merged heading
  (``存在的问题及下步工作打算``) yields ``["problems", "plans"]``. Top-level
  sections without a cue (``一、深入学习宣传贯彻习近平法治思想…``) are
  achievements until a problems/plans section has been seen.
- Paragraph openers. A paragraph that does not start with a marker but opens
  with the language of another part (``2021年,宅梧镇存在…不足``,
  ``究其原因…``, ``下一步,…``, ``展望2022年…``) switches to that part,
  until the next heading at the same or an outer level.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from summarizer.schema import PartBasis, PartName
from summarizer.structure import DocumentStructure, Section, heading_alone

PartLabel = PartName | Literal["other"]

_HEADING_CUES: tuple[tuple[PartLabel, re.Pattern[str]], ...] = (
    (
        "leader_duties",
        re.compile(r"第一责任人|主要负责人|党政主要负责|主要负责同志|述法|领导核心作用"),
    ),
    (
        "problems",
        re.compile(
            r"存在的?(?:主要)?(?:问题|不足|短板|困难|差距)|问题(?:和|与|及)(?:不足|短板|差距|困难)"
            r"|不足之处|^(?:主要)?(?:问题|不足)"
        ),
    ),
    ("causes", re.compile(r"原因")),
    (
        "plans",
        re.compile(
            r"下一步|下步|下一年|明年|今后|打算|展望|努力方向|工作安排|主要安排|工作计划|工作思路"
        ),
    ),
    (
        "achievements",
        re.compile(
            r"主要举措|举措|成效|成绩|工作情况|建设情况|开展情况|推进情况|落实情况|主要做法|做法|主要工作"
            r"|工作开展|进展|取得|亮点"
        ),
    ),
    ("other", re.compile(r"其他需要报告|其他事项|其他情况")),
)
# Cue words that also occur in thematic headings of the achievements (补齐短板, 统筹安排):
# they count only in the last sections of a report, or in a short heading (存在不足).
_WEAK_HEADING_CUES: tuple[tuple[PartLabel, re.Pattern[str]], ...] = (
    ("problems", re.compile(r"不足|短板|差距|薄弱环节|困难")),
    ("plans", re.compile(r"计划|安排|思路|工作重点|重点工作|工作目标")),
)
# 上年度存在问题及整改情况: last year's shortcomings (the heading's own text) and the measures
# taken to rectify them (its sub-units), which are measures of the year reported on.
_RECTIFICATION = re.compile(r"整改")
_SHORT_HEADING = 6
_TRAILING_SECTIONS = 3
_LEADING_YEAR = re.compile(r"^(?:关于)?(20\d\d)年")

_PROBLEM_OPENER = re.compile(
    r"(?<![不未没])(?:存在|仍有|还有|尚有|面临|也有)[^。]{0,60}?(?:问题|不足|短板|差距|薄弱|困难|挑战|瓶颈)"
    r"|取得[^。]{0,20}(?:成绩|成效|进展|成果)[^。]{0,8}(?:但|然而|不过)"
    r"|(?:问题|不足)(?:主要)?(?:表现在|有)[:：]"
)
_PROBLEM_OPENER_NOT = re.compile(r"(?:针对|对|整改|解决|排查|梳理|查找|发现|化解)[^。，,]{0,8}存在")
# 附件：1.…统计表 — what follows is no part of the report's text.
_ATTACHMENT = re.compile(r"^(?:相关)?附件\s*(?:\d|[:：]|$)")
_CAUSE_OPENER = re.compile(r"^(?:究其原因|分析原因|原因(?:主要)?(?:是|在于|有))")
# 2023年，我们… / 2024年，区政府重点做好以下工作：a paragraph opened by a later year (the year
# alone, no month: the year as a whole) and followed by numbered units is that year's
# arrangements, the plans part, whether or not it says 将: the genre often gives its plans as
# only a year and a list.
_YEAR_OPENER = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)年度?[，,]")
_PLAN_OPENER = re.compile(
    r"^(?:下一步|下步|接下来|今后|展望|新的一年|明年|(?P<year>20\d\d)年[^。]{0,40}将)"
)


def heading_parts(
    heading: str, report_year: int | None = None, trailing: bool = True
) -> list[PartLabel]:
    """The statutory parts a heading announces, in the order it names them.

    ``trailing`` says the heading is among a report's last top-level sections
    (or below one), where the weaker cue words (计划, 安排, 短板…) are trusted.
    """
    return list(_heading_parts(heading, report_year, trailing))


@functools.lru_cache(maxsize=1024)
def _heading_parts(heading: str, report_year: int | None, trailing: bool) -> tuple[PartLabel, ...]:
    """``heading_parts``, kept per heading: the rules ask it of each heading several times
    (its section's part, its units' parts and bases, whether it names the leaders' duty)."""
    # A hard-wrapped heading; and one that ran into the next unit's heading when the line
    # breaks were lost (存在的问题（一）…, 推进法治政府建设1.…): only its own words count.
    heading = heading_alone(heading.replace("\n", ""))
    found: list[tuple[int, PartLabel]] = []
    for part, cue in _HEADING_CUES:
        m = cue.search(heading)
        if m:
            found.append((m.start(), part))
    if trailing or len(heading) <= _SHORT_HEADING:
        for part, cue in _WEAK_HEADING_CUES:
            m = cue.search(heading)
            if m and not any(p == part for _, p in found):
                found.append((m.start(), part))
    # A heading about a year after the one reported on is about plans (2023年工作计划 etc.).
    m = _LEADING_YEAR.match(heading)
    future = report_year is not None and m is not None and int(m.group(1)) > report_year
    if m is not None and future and not any(p in ("plans", "achievements") for _, p in found):
        found.append((m.start(), "plans"))
    parts = [p for _, p in sorted(found)]
    if "leader_duties" in parts:
        # 党政主要负责人履行…职责…有关情况: the achievements words describe the duties.
        parts = [p for p in parts if p != "achievements"]
    return tuple(dict.fromkeys(parts))


# How much of a sentence the opener rules read (the genre's sentences are far shorter).
_OPENER_WINDOW = 600


def paragraph_opener(
    text: str, report_year: int | None = None, units_follow: bool = False
) -> PartLabel | None:
    """The part an unheaded paragraph opens, judged by its first sentence; ``units_follow``
    says numbered units (（一）, 1., 一是) come right after it or inside it."""
    text = text.replace("\n", "")  # a hard-wrapped paragraph
    first = text.split("。", 1)[0]
    if _ATTACHMENT.match(text):
        return "other"
    if _CAUSE_OPENER.match(text):
        return "causes"
    m = _PLAN_OPENER.match(text)
    # 将 is also the preposition 把 (2022年，我局将法治建设纳入…): a year opener needs a later year.
    if m and (
        m.group("year") is None or (report_year is not None and int(m.group("year")) > report_year)
    ):
        return "plans"
    if units_follow and _opens_with_later_year(text, report_year):
        return "plans"
    if _PROBLEM_OPENER.search(first) and not _PROBLEM_OPENER_NOT.search(first):
        return "problems"
    return None


def _opens_with_later_year(text: str, report_year: int | None) -> bool:
    m = _YEAR_OPENER.match(text)
    return m is not None and report_year is not None and int(m.group("year")) > report_year


def units_follow(starts: list[int], sentence_start: int, end: int, next_start: int | None) -> bool:
    """True when a numbered unit starts after ``sentence_start`` within its paragraph (which
    ends at ``end``) or opens the next paragraph (at ``next_start``); ``starts``: the sorted
    starts of every section."""
    i = bisect.bisect_right(starts, sentence_start)
    if i == len(starts):
        return False
    return starts[i] < end or (next_start is not None and starts[i] == next_start)


# A part that starts mid-paragraph (the paragraph breaks were lost, or the report runs its
# closing parts together): only the unmistakable openers count there. A shortcoming is
# admitted after a concession (取得了一定成效，但…仍存在差距); plans open with a later year
# or 下一步 (the same openers as at a paragraph start).
_ADMISSION = re.compile(
    r"取得[^。]{0,20}(?:成绩|成效|进展|成果)[^。]{0,12}(?:但|然而|不过)"
    r"|(?:但|仍|还|尚)[^。]{0,30}(?:存在|有)[^。]{0,40}(?:问题|不足|短板|差距|薄弱)"
)
# …or stated as what the body "has" at the start of a sentence (2021年，宅梧镇存在…不足).
_ADMISSION_START = re.compile(
    r"^(?:(?:19|20)\d\d年度?[，,])?[^，,。]{0,20}?(?:存在|仍有|还有|尚有)[^。]{0,60}?"
    r"(?:问题|不足|短板|差距|薄弱)"
)
_UNIT_REMARK = re.compile(r"(?:下一步|下步|接下来|今后)")
# A sentence's start is the end of a match: the mark is consumed, not looked back at, so the
# engine skips to the marks in C (a pattern that opens with a look-behind is tried at every
# character of the paragraph).
_SENTENCE_START = re.compile(r"[。！？!?][ \u3000]*(?=\S)")


def split_at_switches(
    text: str,
    paragraphs: list[tuple[int, int]],
    labels: list[PartLabel | None],
    report_year: int | None = None,
    starts: list[int] | None = None,
) -> list[tuple[int, int]]:
    """Paragraphs cut where a sentence inside them opens problems or plans, when that is
    not the part the paragraph is in already (``labels``, from ``assign_paragraphs``);
    ``starts``: the sorted starts of every section (numbered units after a sentence)."""
    out: list[tuple[int, int]] = []
    starts = starts or []
    for index, ((start, end), label) in enumerate(zip(paragraphs, labels)):
        cuts = []
        current = label
        next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        # A paragraph of no part yet (title, preamble) has no part to switch from: kept whole.
        for m in _SENTENCE_START.finditer(text, start, end) if label is not None else ():
            # Only how a sentence opens decides (its first sentence at most): a window, not the rest
            # of the paragraph, else a paragraph of many sentences (text that lost its line breaks)
            # is read again from each sentence on, which grows with the square of its length.
            sentence = text[m.end() : min(end, m.end() + _OPENER_WINDOW)]
            opener = paragraph_opener(
                sentence, report_year, units_follow(starts, m.end(), end, next_start)
            )
            if opener == current or opener not in ("plans", "problems"):
                continue  # only plans and problems cut a paragraph
            # 下一步，将… closing an achievement unit is a remark of that unit, not the plans.
            announces = opener == "plans" and not _UNIT_REMARK.match(sentence)
            if announces or (opener == "problems" and _admits(sentence.split("。", 1)[0])):
                cuts.append(m.end())
                current = opener
        bounds = [start, *cuts, end]
        for a, b in pairwise(bounds):
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
    return out


def _admits(first: str) -> bool:
    """True when a sentence (``first``, up to its 。) admits a shortcoming as the genre does
    mid-paragraph: after a concession, or as what the body still has (存在…不足)."""
    return bool(_ADMISSION.search(first) or _ADMISSION_START.match(first))


@dataclass
class _State:
    top: Section | None = None
    override: PartLabel | None = None
    override_level: int = 0


def section_parts(
    structure: DocumentStructure, report_year: int | None = None
) -> dict[int, list[PartLabel]]:
    """The parts of every section, keyed by ``id(section)``."""
    return {key: parts for key, (parts, _) in section_parts_with_basis(structure, report_year).items()}


def section_parts_with_basis(
    structure: DocumentStructure, report_year: int | None = None
) -> dict[int, tuple[list[PartLabel], PartBasis]]:
    """The parts of every section and how they were decided, keyed by ``id(section)``:
    ``heading`` when its own heading or an enclosing one names the part, ``position`` when
    it takes its part from where it stands (an unnamed top section before any later part is
    a measure; after one, it continues that part)."""
    result: dict[int, tuple[list[PartLabel], PartBasis]] = {}
    seen_later_part = False
    previous: list[PartLabel] = ["achievements"]
    tops = structure.sections
    for index, top in enumerate(tops):
        own = heading_parts(
            top.heading, report_year, trailing=0 < index and index >= len(tops) - _TRAILING_SECTIONS
        )
        basis: PartBasis = "heading"
        if not own:
            own = ["achievements"] if not seen_later_part else [previous[-1]]
            basis = "position"
        if any(p in ("problems", "plans", "causes") for p in own):
            seen_later_part = True
        result[id(top)] = (own, basis)
        previous = own
        _children_parts(top, own, basis, result, report_year)
    return result


def _children_parts(
    section: Section,
    parts: list[PartLabel],
    basis: PartBasis,
    result: dict[int, tuple[list[PartLabel], PartBasis]],
    report_year: int | None,
) -> None:
    if parts[0] == "problems" and _RECTIFICATION.search(section.heading):
        parts = ["achievements"]
    current = parts[0]
    for child in section.children:
        child_basis = basis
        if len(parts) > 1 and not child.inline:
            own: list[PartLabel] = [p for p in heading_parts(child.heading, report_year) if p != "other"]
            if own:
                current = own[0]
                child_basis = "heading"
            child_parts: list[PartLabel] = own or [current]
        else:
            child_parts = [parts[0]] if len(parts) == 1 else [current]
            if not child.inline:
                # （五）存在的问题 nested inside the achievements: strong cues only.
                strong = heading_parts(child.heading, report_year, trailing=False)
                later: list[PartLabel] = [p for p in strong if p in ("problems", "causes", "plans")]
                if later and later[0] != child_parts[0]:
                    child_parts = later
                    child_basis = "heading"
        result[id(child)] = (child_parts, child_basis)
        _children_parts(child, child_parts, child_basis, result, report_year)


def _restarts_numbering(section: Section, path: list[Section]) -> bool:
    """True for a first heading (（一）) that follows siblings of its own kind: a new list."""
    if section.number != 1 or len(path) < 2:
        return False
    siblings = path[-2].children
    i = next((k for k, s in enumerate(siblings) if s is section), 0)
    return i > 0 and siblings[i - 1].marker[:1] == section.marker[:1]


def assign_paragraphs(
    text: str,
    paragraphs: list[tuple[int, int]],
    structure: DocumentStructure,
    report_year: int | None = None,
) -> list[PartLabel | None]:
    """The part of each paragraph (None before the first section: title, preamble)."""
    return [label for label, _ in paragraph_parts(text, paragraphs, structure, report_year)]


def paragraph_parts(
    text: str,
    paragraphs: list[tuple[int, int]],
    structure: DocumentStructure,
    report_year: int | None = None,
) -> list[tuple[PartLabel | None, PartBasis | None]]:
    """The part of each paragraph and how it was decided (None, None before the first
    section: title, preamble). A paragraph whose opener switches the part is ``cue``; the
    paragraphs that follow it in that part are ``position``; a paragraph under a section
    takes the section's basis (``section_parts_with_basis``)."""
    parts_of = section_parts_with_basis(structure, report_year)
    out: list[tuple[PartLabel | None, PartBasis | None]] = []
    state = _State()
    headless = not structure.sections
    first_part = parts_of[id(structure.sections[0])][0][0] if structure.sections else None
    opens_with_later_part = first_part in ("problems", "causes", "plans")
    title_start = structure.title_span[0] if structure.title_span else None
    starts = sorted({s.start for s in structure.walk()})
    for index, (start, end) in enumerate(paragraphs):
        path = structure.path_to(start)
        next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        follow = units_follow(starts, start, end, next_start)
        if headless and start != title_start or (
            not path and opens_with_later_part and (title_start is None or start > title_start)
        ):
            # No numbered headings at all, or achievements told without a heading before
            # 一、存在的问题: achievements until an opener says otherwise.
            opener = paragraph_opener(text[start:end], report_year, follow)
            state.override = opener or state.override
            out.append((state.override or "achievements", "cue" if opener else "position"))
            continue
        if not path:
            out.append((None, None))
            continue
        if path[0] is not state.top:
            state = _State(top=path[0])
        innermost = path[-1]
        base, base_basis = parts_of[id(innermost)][0][0], parts_of[id(innermost)][1]
        heading_here = next((s for s in path if s.start == start), None)
        switched = False
        if heading_here is not None and not heading_here.inline:
            if state.override is not None and _restarts_numbering(heading_here, path):
                # （一）…（四） then an unheaded 2022年，我们将… then （一）…（五）: the numbering
                # starts over because a new part began; its list belongs to that part.
                state.override_level = heading_here.level - 1
            elif state.override is not None and heading_here.level <= state.override_level:
                state.override = None
            own = heading_parts(heading_here.heading, report_year)
            if own and state.override is not None:
                state.override = None
        elif heading_here is None:
            opener = paragraph_opener(text[start:end], report_year, follow)
            if opener is not None and (opener != base or state.override is not None):
                state.override = opener
                state.override_level = max((s.level for s in path if not s.inline), default=1)
                switched = True
        if state.override is not None:
            out.append((state.override, "cue" if switched else "position"))
        else:
            out.append((base, base_basis))
    return out


__all__ = ["PartLabel", "assign_paragraphs", "heading_parts", "paragraph_opener", "paragraph_parts", "section_parts", "section_parts_with_basis", "split_at_switches", "units_follow"]
