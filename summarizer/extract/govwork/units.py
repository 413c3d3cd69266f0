"""Paragraphs and numbered units of a 政府工作报告, at the lowest level the report numbers.

Rules of the genre (every such report, any province, city or county):

- A unit starts at a paragraph opening with a marker: a dash headline (——经济指标强劲跃升。),
  a numbered heading (一、 （一） (一) 1. 1、 （1）), or an enumerator (一是 一要 第一，); or at a
  heading line (a short line with no sentence end), whose body is the unmarked paragraphs
  that follow it (run-in headed paragraphs: 速度效益双提升。…).
- An unmarked paragraph after a unit that is a paragraph of its own is an item of its own
  (an unnumbered paragraph of the review: 企业是经济发展的主体…).
- A unit that enumerates inline (…。一是…。二是…) is split at them: the lowest numbered
  level is the item, and the lead-in before 一是 is its heading, not an item.
- Address and thanks formulas (各位代表！…, 致以崇高的敬意) are not content.
- A first-level section (三、加大宏观政策实施力度…) that numbers nothing below it (its
  paragraphs are run-in headed: 加大减税降费力度。…) is one unit: the lowest level the report
  numbers. A bare address line (各位代表！) ends it: what follows is another passage.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

_CN = "[一二三四五六七八九十]{1,3}"
MARKER = re.compile(
    rf"(?:——|—|{_CN}、|{_CN}是|{_CN}要(?=[^，。；]{{1,12}}[，。])|第{_CN}[，,、]|[（(]{_CN}[）)]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)])",
)  # matched (.match) at a paragraph's start, which need not follow a line break: a report that
# lost its breaks (a web page's text run together) is segmented within its one line.
# An inline enumerator at a sentence or clause start: …。一是… / …：一是… / …；二是…
# (一要…二要…三要…: the same enumeration, worded as what must be done.)
INLINE = re.compile(rf"(?:(?<=[。；：:;！])|^)\s*({_CN}是|{_CN}要(?=[^，。；]{{1,12}}[，。]))", re.MULTILINE)
_OPENING_ENUMERATOR = re.compile(rf"{_CN}是|{_CN}要(?=[^，。；]{{1,12}}[，。])")
# How a headed unit's heading ends: the first 。 (or ！), when it is short.
_SENTENCE_END = "。！？"
_HEADING_LINE_MAX = 60
# How far into a paragraph a cue that opens a section is looked for (its first sentences).
_CUE_CHARS = 80
# A catch-all sentence after the units (此外，审计、统计…等工作也取得新进展): no item of its own.
_ASIDE = re.compile(r"此外|另外")
# …, or the catch-all paragraph of the other fields (过去的一年，…安全生产、国资监管、民族宗教…等工作
# 取得新成绩，科普、工青妇…等事业持续健康发展): a list of fields closed by 等, no unit of its own.
# Also worded …等工作扎实推进，…等事业取得积极成效.
_CATCH_ALL = re.compile(r"等(各项)?(工作|事业)(也|均|都)?((取得|实现|有)了?(新|积极|明显)(的)?(成绩|进展|成效|进步|发展)|"
                        r"(扎实|稳步|有序|协调)推进)")
_CATCH_ALL_MAX = 200
_RUN_IN_MAX = 25
# The review's opening summary starts with the time it covers (去年，我国发展面临诸多困难挑战。
# 过去一年，…; 一年来，…): no headline of a unit, however short its first clause.
_TIME_OPENER = re.compile(r"(去年|今年|过去(的)?(一|五)年|一年来|五年来|近年来|上年|"
                          # the plan period reviewed (“十二五”时期，是我区发展极不平凡的五年。)
                          r"[“\"]?十[一二三四五六]五[”\"]?(时期|期间)|\d{4}年)([，,]|是)")
# A short dash unit (a review's dash headline and a framing sentence: ——产业结构不断优化。五年来，我区
# 着力促转型、调结构，…, no figure: it states no result yet) goes on in the unnumbered paragraphs after it
# that open with a run-in headline of their own (现代服务业发展迅速。… 旅游业持续发展。…): they are its
# body, as a numbered unit's run-in paragraphs are. One that states its result (——民生进一步改善。居民人均
# 可支配收入超过3万元。) is whole: a run-in headed paragraph after it is a field of its own (中国特色大国外交
# 成果丰硕。…).
_SHORT_UNIT = 100
_RUN_IN_HEAD = re.compile(r"[^，。！？；\n]{2,15}。")
# Thanks and appeals: 致以崇高的敬意, 表示衷心的感谢, 成绩来之不易, 让我们…团结奋斗. A paragraph
# that merely opens with 各位代表 may still be content (各位代表！…对政府自身建设提出了更高要求…).
# The closing appeal ends in the call to strive (…为…而努力奋斗！/不懈奋斗！).
# A maxim that turns from the review to the problems (常怀忧患之思，方能行稳致远。), a paragraph of
# its own where the line breaks were lost: two short clauses, no figure, no item.
_MAXIM = re.compile(r"\s*[\u4e00-\u9fff]{3,8}，[\u4e00-\u9fff]{3,8}[。！!]\s*")
_FORMULA = re.compile(r"崇高的?敬意|(衷心|诚挚|真诚|由衷)的?感谢|来之不易|让我们|奋斗[！!]\s*$")
# A section heading of the report's first level (三、着力提升政府“四项能力”…。): its lead-in
# paragraphs (认真贯彻…) introduce the numbered units below it and are no item.
_TOP_MARKER = re.compile(rf"{_CN}、")
# The government's own building (the genre's last task section): 加强政府自身建设, 建设人民满意的
# 政府, 法治政府/廉洁政府/有为政府, 从严治政.
# A government named by the count of its qualities (全面加强“六型政府”建设, 建设“四型”政府) is the same.
SELF_BUILDING = re.compile(r"自身[^，。]{0,4}建设|满意的(服务型|有为)?政府|(有为|法治|廉洁|服务型|效能|阳光|清廉)政府|从严治政|"
                           r"[“\"]?[一二三四五六七八九十]型[”\"]?政府|"
                           # a task heading that makes the government's own service its subject
                           # (（十）努力在提高政府服务质量与效率上实现新突破)
                           r"(提高|提升|改进)政府服务(的)?(质量|效率|水平)")
# An unheaded paragraph whose first sentence makes the government itself its subject (面对艰巨
# 繁重任务，各级政府要…; 政府工作人员要…; 全市政府系统要…): the self-building, however it is worded.
GOVERNMENT_SUBJECT = re.compile(r"[^。！？]{0,16}?(各级政府|政府(工作人员|系统|全体人员|各部门)|"
                                r"全(省|市|区|县|州|旗)(各级)?政府(系统)?)(要|必须|将|务必|始终)")
# An unnumbered paragraph that opens the section (…打造人民群众满意的政府。) rather than a
# topic of a task (抓作风打造廉洁政府。…, a run-in paragraph of a task).
_OPENS_SELF_BUILDING = re.compile(r"自身建设|满意的(服务型|有为)?政府")
# A paragraph addressed to the deputies (各位代表，过去一年…) frames the parts and is no item,
# unless it opens a section of its own: the self-building, or an enumeration (…一是…二是…).
_ADDRESS = re.compile(r"各位代表")
# A line that is only the address (各位代表！): it opens a new passage of the report.
_ENUMERATOR = re.compile(r"([一二三四五六七八九十])是")
_CN_ORDER = "一二三四五六七八九十"
_BARE_ADDRESS = re.compile(r"各位代表[！!：:，,]?\s*$")
# A paragraph that opens with the address and names the government's own building (各位代表！新征程
# 新使命，对政府工作提出了新的更高要求。…全面加强“六型政府”建设…) opens the self-building as a
# section heading would: it ends the task before it, frames (no item) the unnumbered paragraphs
# after it, and is their lead. Only a short one with paragraphs of its own after it frames: one that
# goes on to say what the government did or will do (各位代表，过去一年，我们…法治政府…), or that
# only the closing appeal follows (各位代表！…要坚持把政治建设摆在首位。…), is the unit itself.
_ADDRESS_OPENING = re.compile(r"各位代表[！!：:，,]")
_FRAMING_MAX = 160
# Where the line breaks were lost, the same address runs on into the self-building's paragraphs,
# headed in parallel (…现代化水平。强化党建引领，铸牢政治忠诚之魂。…强化依法行政，厚植民主法治之基。…):
# three or more short run-in headlines opening with the same two characters start its units.
_PARALLEL_HEADLINE = re.compile(r"(?<=[。！？!?])[\u4e00-\u9fff]{2,8}，[\u4e00-\u9fff“”]{2,10}。")
_PARALLEL_MIN = 3
# A short paragraph that only announces what follows (一年来，我们主要做了以下工作。): no unit.
_ANNOUNCES = re.compile(r"[^。！？]{0,30}(以下|如下|下列)(几个方面的?|几项)?(工作|方面|几点)[。：:]\s*$")
# ... also after a sentence that places the year (2025年是“十四五”规划收官之年。一年来，我们主要做了以下
# 工作。): a short unnumbered paragraph that ends by announcing the units is their lead-in (a numbered
# or dash unit stays a unit, whatever it ends with).
_ENDS_ANNOUNCING = re.compile(r"[。！？][^。！？]{0,30}(以下|如下|下列)(几个方面的?|几项)?(工作|方面|几点)[。：:]\s*$")
_ANNOUNCING_MAX = 120
# …the sentence that announces the units, at the end of a unit it was run into (see units_in).
_ANNOUNCING_UNITS = re.compile(r"(以下|如下|下列)|[一二三四五六七八九十]个方面")
# Where a unit's passage ends though no marker follows (rules of the genre): the tally of the whole
# year's work that closes the review (经过全区上下共同努力，已经全面完成市政府交办的67项重点工作和民生
# 实事…尚有9项未按期完成。), no unit's and no item; and a paragraph that turns to the situation at the time
# of the report (当前，新冠肺炎疫情仍在全球蔓延…全区上下要…), after the body of the unit before it: a
# passage of its own, under no section heading.
_TALLY = re.compile(r"经过[^，。！？]{0,20}努力[，,][^。]*?\d+(?:项|件)[^。]{0,12}(?:重点工作|民生实事|实事|目标任务|重点任务)")
_TURNS_TO_THE_PRESENT = re.compile(r"当前(?:和今后一个时期)?[，,]")
# A lead-in paragraph far longer than the genre writes its paragraphs (a text that lost its line
# breaks, where the part's opening runs into its units: “十三五”时期是…。…2020年是…收官之年。…一是坚持人民
# 至上…二是…) still holds those units: its inline series 一是… gives them, its lead is dropped.
_RUN_ON_LEAD = 1000
# A lesson drawn from the years reviewed (——必须始终坚持…; 一是必须…): no achievement.
LESSON = re.compile(rf"(——|{_CN}是|[（(]{_CN}[）)])?(必须|始终坚持)")


def _parallel_headlines(text: str, start: int, end: int) -> list[int]:
    """Where the parallel run-in headlines of a run-on paragraph start (see ``_PARALLEL_HEADLINE``):
    the largest set of three or more with the same opening, in order; [] when there is none."""
    by_opening: dict[str, list[int]] = {}
    for m in _PARALLEL_HEADLINE.finditer(text, start + 1, end):
        by_opening.setdefault(m.group(0)[:2], []).append(m.start())
    best = max(by_opening.values(), key=len, default=[])
    return best if len(best) >= _PARALLEL_MIN else []


@dataclass(frozen=True)
class Unit:
    """A span of the clean text that is one item, and where its heading ends (or None)."""

    start: int
    end: int
    heading_end: int | None = None
    lead: tuple[int, int] | None = None  # the lead-in its enumeration was split from (加强政府自身建设。一是…)
    section: tuple[int, int] | None = None  # the first-level heading it falls under (三、…服务型政府。)


def _next_stops(text: str, paragraphs: list[tuple[int, int]]) -> list[int | None]:
    """For each paragraph, the index of the next one that is marked, a heading line or a bare
    address (None when there is none): one backward pass, so a long run of unmarked paragraphs
    costs no more than its length."""
    stops: list[int | None] = [None] * len(paragraphs)
    following: int | None = None
    for i in range(len(paragraphs) - 1, -1, -1):
        stops[i] = following
        start, stop = paragraphs[i]
        if MARKER.match(text, start) or is_heading_line(text, start, stop) or _BARE_ADDRESS.match(text, start, stop):
            following = i
    return stops


def _continues_enumeration(text: str, unit_start: int, paragraphs: list[tuple[int, int]], stop: int | None) -> bool:
    """Whether an unmarked paragraph lies inside an enumerated unit (一是…): the unit is numbered
    一是/二是… and the next stop after the paragraph (``stop``, see ``_next_stops``) resumes that
    series (二是) rather than being another marker, a heading or an address. Such a unit runs
    over its paragraphs."""
    m = _ENUMERATOR.match(text, unit_start)
    if m is None or stop is None:
        return False
    follow = _ENUMERATOR.match(text, paragraphs[stop][0])
    return follow is not None and _CN_ORDER.find(follow.group(1)) == _CN_ORDER.find(m.group(1)) + 1


def _leads_series(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    """Whether the paragraph at ``index`` is directly followed by the first unit of an
    enumeration (一是…), whose lead-in it then is."""
    if index + 1 >= len(paragraphs):
        return False
    m = _ENUMERATOR.match(text, paragraphs[index + 1][0])
    return m is not None and m.group(1) == "一"


def _kind(text: str, start: int) -> str | None:
    """The numbering style of a marked paragraph (（N） N、 N是 D. ——), None when unmarked."""
    m = MARKER.match(text, start)
    return re.sub(r"[一二三四五六七八九十]+|\d+", "N", m.group(0)) if m else None


def is_heading_line(text: str, start: int, end: int) -> bool:
    """A short line that is not a sentence: a heading (一、2019年工作回顾, （一）促升级，…). A line
    ending in a colon leads into what follows (一年来，我们主要做了以下工作：) and is none."""
    line = text[start:end].strip()
    return (0 < len(line) <= _HEADING_LINE_MAX and not any(c in line for c in _SENTENCE_END)
            and not line.endswith(("：", ":")))


def has_run_in_headline(text: str, start: int, end: int) -> bool:
    """A paragraph that opens with a short two-clause headline and no figure (经济综合实力迈上
    大台阶，质量效益显著提高。…): an unnumbered unit, as a numbered one would be."""
    stop = next((i for i in range(start, min(end, start + _RUN_IN_MAX + 1)) if text[i] in _SENTENCE_END), None)
    if stop is None or stop + 1 >= end:
        return False
    headline = text[start:stop]
    return ("，" in headline and not any(c.isdigit() for c in headline)
            and not _TIME_OPENER.match(headline))


def is_headline(text: str, start: int, end: int) -> bool:
    """A heading line, or a marked paragraph that is one short sentence (（一）促进经济稳健发展。)."""
    if is_heading_line(text, start, end):
        return True
    line = text[start:end].strip()
    return (bool(MARKER.match(line)) and len(line) <= _HEADING_LINE_MAX
            and sum(line.count(c) for c in _SENTENCE_END) == 1 and line[-1] in _SENTENCE_END)


def is_formula(text: str, start: int, end: int) -> bool:
    """Address and thanks formulas (各位代表！…; 致以崇高的敬意): no item of any part."""
    if SELF_BUILDING.search(text, start, end) or len(INLINE.findall(text, start, end)) >= 2:
        return False  # it opens the self-building or an enumeration, whatever its address
    return bool(_FORMULA.search(text, start, end) or _ADDRESS.match(text, start)
                or _MAXIM.fullmatch(text, start, end))


def _heading_end(text: str, start: int, end: int) -> int | None:
    """Where the headline of a marked unit ends (its first sentence, when short)."""
    for i in range(start, min(end, start + _HEADING_LINE_MAX)):
        if text[i] in _SENTENCE_END:
            return i + 1
    return None


def split_inline(text: str, start: int, end: int, paragraphs: Sequence[tuple[int, int]]) -> list[Unit]:
    """``[start, end)`` split at its inline enumerators (一是…二是…), when it has two or
    more; else the span itself. The lead-in before 一是 is dropped (it heads them).

    Where the list is one paragraph of a unit of several (（九）全面发展各项社会事业… over five run-in
    paragraphs, then 扎实办好十件民生实事。一是…十是…, then a paragraph on 国防…), only that part of the
    unit is enumerated: the list ends with its paragraph, the paragraphs before it (with the unit's
    heading) are one more unit, and those after it another. ``paragraphs``: the document's
    (preprocessing's, so a text that lost its line breaks has them too)."""
    hits = [m.start(1) for m in INLINE.finditer(text, start, end)]
    if hits[:1] != [start] and _OPENING_ENUMERATOR.match(text, start, end):
        hits.insert(0, start)  # a paragraph that opens with 一是 inside a line (its ^ did not match)
    if len(hits) < 2:
        return [Unit(start, end, _heading_end(text, start, end))]
    inside = [(max(a, start), min(b, end)) for a, b in paragraphs if a < end and b > start]
    first = next((i for i, (_, b) in enumerate(inside) if b > hits[0]), 0)
    last = next((i for i, (_, b) in enumerate(inside) if b > hits[-1]), len(inside) - 1)
    one_paragraph = bool(inside) and first == last  # a list over several paragraphs runs to the end
    list_start = inside[first][0] if inside else start
    outside: list[Unit] = []
    if first > _FRAMING_PARAGRAPHS:  # a heading and a framing paragraph only: they head the list
        outside.append(Unit(start, _trim(text, start, list_start), _heading_end(text, start, list_start)))
    elif first == 0 and hits[0] - start > _LEAD_CONTENT and not _TOP_MARKER.match(text, start):
        # the unit's paragraphs before its list, run together with it once the line breaks were lost
        # ((十)扎实办好民生实事，…。坚持以人为本…。…全力办好十件民生实事：一是…): more than a heading and
        # its framing, one more unit (a first-level section's opening is its lead-in, no unit)
        outside.append(Unit(start, _trim(text, start, hits[0]), _heading_end(text, start, hits[0])))
    after = inside[last + 1:] if one_paragraph else []
    bounds = [*hits, inside[last][1] if after else end]
    # (a paragraph that opens with 一是 has no lead-in of its own: the heading over it leads it)
    lead = (start, hits[0]) if hits[0] > start else None
    units = []
    for index, (a, b) in enumerate(itertools.pairwise(bounds)):
        restart = _restart_lead(text, a, bounds[index + 2]) if index + 2 < len(bounds) else None
        if restart is not None:  # the next unit opens another series: its lead-in is no part of this one
            b = restart[0]
        units.append(Unit(a, _trim(text, a, b), _heading_end(text, a, b), lead))
        lead = restart or lead
    if after:
        units.append(Unit(after[0][0], after[-1][1], _heading_end(text, after[0][0], after[-1][1])))
    return outside + units


_FRAMING_PARAGRAPHS = 2  # a unit's heading line and one framing paragraph before its enumerated list
_LEAD_CONTENT = 300  # characters: more than a heading and a framing sentence or two before a list


def _restart_lead(text: str, unit_start: int, next_end: int) -> tuple[int, int] | None:
    """Where the unit after the one at ``unit_start`` opens a series of its own (一是 again, its
    lead-in run into the unit before it once the line breaks were lost: …五是…示范城市。做好政府工作，
    需要…建设人民满意的服务型政府。一是抓学习…): that lead-in, the sentence before the new 一是;
    None when the next unit continues the series."""
    nxt = next((m for m in INLINE.finditer(text, unit_start + 1, next_end)), None)
    if nxt is None or not nxt.group(1).startswith("一") or _OPENING_ENUMERATOR.match(text, unit_start) is None:
        return None
    at = nxt.start(1)
    lead_end = max(text.rfind(c, unit_start, at) for c in _SENTENCE_END)
    lead_start = max(text.rfind(c, unit_start, lead_end) for c in _SENTENCE_END) + 1
    return (lead_start, at) if unit_start < lead_start < lead_end else None


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_SUBUNIT = re.compile(rf"[（(]{_CN}[）)]")


def _heads_subunits(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    """A first-level section whose headline (its first sentence, short) and framing sentences
    share a paragraph (a text that lost its line breaks: 三、着力提升政府“四项能力”，加快建设人民满意的
    服务型政府。认真贯彻…), directly followed by its numbered sub-units (（一）…): a section heading."""
    start, end = paragraphs[index]
    return (_heading_end(text, start, end) is not None and index + 1 < len(paragraphs)
            and _SUBUNIT.match(text, paragraphs[index + 1][0]) is not None)


def _runs_into_series(text: str, start: int, end: int) -> int | None:
    """Where the units start in a lead-in run into them (see ``_RUN_ON_LEAD``): its inline series
    from 一是; None when it is no such lead-in."""
    if end - start <= _RUN_ON_LEAD:
        return None
    hits = list(INLINE.finditer(text, start, end))
    return hits[0].start(1) if len(hits) >= 2 and hits[0].group(1).startswith("一") else None


def _names_self_building(text: str, start: int) -> bool:
    """Whether the headline at ``start`` (its first line, or its first sentence when shorter)
    names the government's own building."""
    stop = min(end for end in (text.find("\n", start), text.find("。", start), start + _HEADING_LINE_MAX, len(text))
               if end >= start)
    return SELF_BUILDING.search(text, start, stop) is not None


def units_in(text: str, paragraphs: list[tuple[int, int]]) -> list[Unit]:
    """The items of a run of paragraphs (a part's range), at the lowest numbered level.

    Unmarked paragraphs before the first marked unit are the part's lead-in (过去一年，在…
    领导下…) and give no item."""
    groups: list[list[int]] = []  # [start, end, open, section start, section end, lead start, lead end]
    framing: tuple[int, int, str] | None = None  # the heading over numbered sub-units, and their kind
    seen_marked = in_lead = False
    section = (-1, -1)
    # A first-level section heading whose paragraphs have given no unit yet: [start, end, count].
    pending: list[int] | None = None

    def close_section() -> None:
        nonlocal pending, in_lead
        if pending is not None and pending[1] > section[1]:
            groups.append([pending[0], pending[1], 0, *section, -1, -1])  # it numbered nothing below it
        pending, in_lead = None, False

    stops = _next_stops(text, paragraphs)
    address_lead = (-1, -1)  # an address paragraph that opened the self-building (see _ADDRESS_OPENING)
    short_unit: list[int] | None = None  # the last marked unit, when short (see _SHORT_UNIT)
    for index, (start, end) in enumerate(paragraphs):
        opens_self_building = ((_ADDRESS_OPENING.match(text, start) is not None and SELF_BUILDING.search(text, start, end)
                                is not None
                                # (or, after the tasks, a short unmarked paragraph that opens it without the
                                # address: 为确保上述…工程全面落地…，…打造人民群众满意的政府。)
                                or (bool(groups) and not MARKER.match(text, start)
                                    and _OPENS_SELF_BUILDING.search(text, start, min(end, start + _CUE_CHARS)) is not None
                                    and index + 1 < len(paragraphs) and not MARKER.match(text, paragraphs[index + 1][0])))
                               and end - start <= _FRAMING_MAX
                               and index + 1 < len(paragraphs)
                               and _ADDRESS.match(text, paragraphs[index + 1][0]) is None
                               and len(INLINE.findall(text, start, end)) < 2)
        heads = (_parallel_headlines(text, start, end)
                 if ((_ADDRESS_OPENING.match(text, start) and not opens_self_building
                      and SELF_BUILDING.search(text, start, end))
                     # (or a paragraph that opens the self-building without the address: 为确保上述…工程
                     # 全面落地…，…打造人民群众满意的政府。转变作风，提振精神。…转变观念，提升能力。…)
                     or (not MARKER.match(text, start)
                         and _OPENS_SELF_BUILDING.search(text, start, min(end, start + _CUE_CHARS))))
                 and len(INLINE.findall(text, start, end)) < 2 else [])
        if heads:
            close_section()
            section, framing = (-1, -1), None
            if groups:
                groups[-1][2] = 0
            address_lead = (start, heads[0])  # the address before the first headline frames them
            for a, b in pairwise([*heads, end]):
                groups.append([a, b, 0, -1, -1, *address_lead])
            continue
        if _BARE_ADDRESS.match(text, start, end) or opens_self_building:
            close_section()
            section = (-1, -1)  # what follows the address is under no section heading
            if groups:
                groups[-1][2] = 0  # nor the body of the heading before it
            framing = None
            address_lead = (start, end) if opens_self_building else (-1, -1)
            continue
        if groups and groups[-1][2] and _ADDRESS_OPENING.match(text, start) and len(INLINE.findall(text, start, end)) >= 2:
            # An address that lists points of its own (各位代表！全面完成今年各项目标任务，必须…。一是…二是…)
            # opens a passage of its own, as a bare address does: no body of the heading before it.
            close_section()
            section, framing, address_lead = (-1, -1), None, (-1, -1)
            groups[-1][2] = 0
            groups.append([start, end, 0, -1, -1, -1, -1])
            continue
        if _ANNOUNCES.match(text, start, end) or (
                end - start <= _ANNOUNCING_MAX and not MARKER.match(text, start)
                and _ENDS_ANNOUNCING.search(text, start, end)):
            continue
        if is_formula(text, start, end) or _ASIDE.match(text, start) or (
                end - start <= _CATCH_ALL_MAX and not MARKER.match(text, start) and _CATCH_ALL.search(text, start, end)):
            continue
        if text[start:end].rstrip().endswith(("：", ":")):
            last = max(text.rfind(c, start, end) for c in _SENTENCE_END)
            if not (MARKER.match(text, start) and last > start
                    and sum(text.count(c, start, last) for c in _SENTENCE_END) >= 1
                    and _ANNOUNCING_UNITS.search(text, last, end)):
                continue  # a lead-in to what follows (一年来，我们主要做了以下工作：)
            # a unit the lead-in of the next units was run into, its line break lost (——社会治理求精
            # 求细。…考评第一名。一年来，我们主要抓好六个方面的工作：): the unit ends before it
            end = last + 1
        tally = _TALLY.match(text, start, end) is not None
        if tally or (_TURNS_TO_THE_PRESENT.match(text, start, end) and index > 0 and (
                (pending is not None and paragraphs[index - 1][0] != pending[0])
                or (groups and groups[-1][2] and paragraphs[index - 1][0] != groups[-1][0]))):
            close_section()  # see _TALLY: what came before ends here
            section, framing, address_lead = (-1, -1), None, (-1, -1)
            if groups:
                groups[-1][2] = 0
            if not tally:
                groups.append([start, end, 0, -1, -1, -1, -1])
            continue
        series_at = None if seen_marked or MARKER.match(text, start) else _runs_into_series(text, start, end)
        if series_at is not None:
            start = series_at  # its lead is the part's lead-in: no unit
        marked = bool(MARKER.match(text, start)) or (not seen_marked and has_run_in_headline(text, start, end))
        heading = is_headline(text, start, end)
        if _TOP_MARKER.match(text, start) and (heading or _heads_subunits(text, paragraphs, index)):
            close_section()
            seen_marked = in_lead = True  # a section heading: its lead-in is skipped
            section = (start, end)
            pending = [start, end]
            continue
        if in_lead and not marked and not heading:
            if pending is not None:
                pending[1] = end
            continue
        pending = None
        in_lead = False
        if marked or heading:
            seen_marked = True
            kind = _kind(text, start)
            if (groups and groups[-1][2] and groups[-1][1] > groups[-1][0] and kind
                    and _kind(text, groups[-1][0]) not in (None, kind)):
                # numbered sub-units under a heading line ((七)全力加强自身建设 / 面对新形势…
                # / 一要…二要…): the sub-units are the items, the heading and its framing none
                # (it heads them: their lead, where the self-building is named)
                popped = groups.pop()
                framing = (popped[0], popped[1], kind)
            elif framing is not None and kind != framing[2]:
                framing = None
            lead = (framing[0], framing[1]) if framing is not None else (-1, -1)
            groups.append([start, end, int(heading), *section, *lead])
            short_unit = (groups[-1] if not heading and end - start <= _SHORT_UNIT and text.startswith("—", start)
                          and not any(c.isdigit() for c in text[start:end]) else None)
        elif (groups and groups[-1][2] and _OPENS_SELF_BUILDING.search(text, start, min(end, start + _CUE_CHARS))
              and not _names_self_building(text, groups[-1][0])):
            # a paragraph that opens the self-building; under a heading that already names it
            # (（十）切实加强政府自身建设，…建设人民满意的服务型政府。 / 建设法治政府。… / 建设人民满意的
            # 服务型政府。…) it is one of its run-in paragraphs, as 建设法治政府。 is
            groups.append([start, end, 1, *section, -1, -1])
        elif groups and groups[-1][2]:
            groups[-1][1] = end  # the body of a heading line
        elif (groups and short_unit is groups[-1] and _RUN_IN_HEAD.match(text, start, end)
              and not _TIME_OPENER.match(text, start, end)):
            groups[-1][1] = end  # a run-in headed paragraph of a short unit (see _SHORT_UNIT)
        elif groups and _continues_enumeration(text, groups[-1][0], paragraphs, stops[index]):
            groups[-1][1] = end  # a paragraph inside 一是…, before 二是 resumes the series
        elif _leads_series(text, paragraphs, index):
            continue  # the lead-in of the 一是… series that follows it (一年来，我们坚持…): no unit
        elif seen_marked:
            groups.append([start, end, 0, *section, *address_lead])
    close_section()
    units: list[Unit] = []
    for start, end, _open, sec_start, sec_end, lead_start, lead_end in groups:
        if is_headline(text, start, end) and "\n" not in text[start:end].strip():
            continue  # a heading with no body (a short heading line with a short body is a unit)
        within = (sec_start, sec_end) if sec_start >= 0 else None
        address = (lead_start, lead_end) if lead_start >= 0 else None
        units.extend(replace(u, section=within, lead=u.lead or address) for u in split_inline(text, start, end, paragraphs))
    return units
