"""The paragraphs of a clean text: segmented once, here, for every later step and every backend.

A paragraph is a line of the clean text, blanks trimmed, except where the line breaks do not
mark the report's paragraphs:

- *Still wrapped*: lines of one common width, none longer, that cleaning could not prove
  wrapped and so left in the text (``unwrap.join_wrapped_lines``, where both tests of
  wrapping live side by side): a full line that does not end a sentence continues in the next,
  unless that line opens a unit.
- *Headings run in*: a heading marker right after a sentence end (``…不足。（二）宣传…``) starts
  a paragraph of its own.
- *Breaks lost*: a report in one line, or a few far longer than the genre's paragraphs (a web
  page's text run together, a PDF drawn from it), is also cut before ``（一）`` anywhere but in a
  citation (``第（一）项``), before an opener of a part after a sentence (``下一步，`` ``展望2024年``),
  at the blanks left of an indent, and before ``1.`` / ``（1）`` glued to a heading; a heading
  at the start of a piece ends at the blank left of its line break, or, where nothing is left
  of it (``一、2015年工作回顾2015年是…``), after the word that ends such headings, or before the
  first unit of its enumeration glued to it (``（一）经济回升向好态势更加巩固|一是…``).
  A government work report's paragraphs that open its parts are cut too: after the thanks
  that close its review (``…表示衷心的感谢！``), before ``各位代表，`` and before the sentence
  that admits its problems (``在看到成绩的同时…`` ``我们也清醒地认识到…``) or states its targets
  (``今年经济社会发展的主要预期目标是：``), before a dash headline
  (``。——经济指标强劲跃升。``), around an appendix label (``。附件1|2021年省十件民生实事``) and before
  a dated subtitle run into the title (``政府工作报告|——2015年2月5日在…``), around an
  unnumbered section heading that names a time (``。2016年主要工作|2016年是…``), and before the
  tally that closes the review (``经过…共同努力，…67项…``) and the turn from the tasks to their means
  (``为确保上述…``).

The paragraphs are offsets into the text, never a changed text: ``clean`` puts them on
``CleanDocument.paragraphs``, the section parser reads its headings from them, and the rules,
LLM and hybrid backends all see these same paragraphs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import pairwise

from summarizer.preprocess.markers import CN, heading_marker, opens_unit
from summarizer.preprocess.unwrap import join_wrapped_lines


# Every pattern below but ``_HEADING_AFTER_SENTENCE`` is searched in a run-on text only. Most reports
# keep their line breaks, so those are kept as strings and compiled the first time one is needed, not
# at import (one with a CJK class takes about a millisecond to compile, for nothing in most one-shot runs).
@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled, once per process."""
    return re.compile(pattern)


# One line for the whole report, or a few: a PDF drawn from such text breaks it at pages
# into paragraphs far longer than the genre writes them.
_RUN_ON_PARAGRAPHS = 3
_RUN_ON_LENGTH = 1500
_RUN_ON_MEAN_PARAGRAPH = 1000  # the genre's paragraphs run to a few hundred characters
_HEADING_AHEAD = rf"{CN}、|[（(]{CN}[）)]|\d{{1,2}}[.．、](?!\d)"
_HEADING_AFTER_SENTENCE = re.compile(rf"[。！？!?；;：:”]\s*(?={_HEADING_AHEAD})")  # the cut is its end
# (Every pattern here opens with the character it consumes, not with an assertion: the regex
# engine then skips to its candidates in C; one that opens with an assertion is tried at
# every position of the text, many times slower on a long paragraph.)
# Not after 第/条/款 (第（一）项, 第三十条（二）款): a citation, no heading. (The bracket is matched
# first and the lookbehinds read back from it.)
# (One pattern per bracket: a pattern that opens with one character is found by a plain
# character search, many times faster than a class; the ASCII bracket is rare in such text.)
_FULL_PAREN_ANYWHERE = rf"（(?<![第条款]（)(?<!第 （)(?={CN}[）)])"
_ASCII_PAREN_ANYWHERE = rf"\((?<![第条款]\()(?<!第 \()(?={CN}[）)])"
# …and where the blanks that indented a line are left between two sentences or a heading
# and its text (路线图  11月2日，…): a line break was there.
# The cut is its end; the blanks are matched first and a lookbehind reads the character before.
_LOST_BREAK = r"[ \t\u3000](?<=\S[ \t\u3000])(?:(?<=[ \t])[ \t]+|(?<=\u3000)\u3000*)(?=\S)"
# …and 1. / （1） glued right after a heading (…推进法治政府建设1.深入学习…): a Han character
# before, one after (1.5亿元, 第1., 附件1. are no marker), and the number continues the
# paragraph's enumeration (1, or one more than an earlier such marker), so a count that
# happens to sit there (建设2.再…) is not taken for one.
# (One scan finds every such marker, ``_arabic_markers``; what comes before each says whether it is
# glued, ``_GLUED_AFTER`` and not after 第/件/附, and whether it can be an earlier one, not after a digit.)
# A marker is 1–2 digits and a stop (1. 12、) or a digit or two in brackets (（1）), before a Han
# character. The scan finds the character that ends it, a class of five plain characters, and reads
# the digits and bracket back from there: a pattern that opens with ``\d`` looks up a Unicode
# category at every character, about twenty times the cost on a report run into one line.
_ARABIC_MARKER_END = r"[.．、）)](?:(?<=\d[.．、])|(?<=[（(]\d[）)])|(?<=[（(]\d\d[）)]))(?=[\u4e00-\u9fff])"
_GLUED_AFTER = r"[\u4e00-\u9fff。；;：:！？!?](?<![第件附])"
# Sentences that open a part of their own (a paragraph start in a well-formed report).
_OPENER_AHEAD = (
    r"(?:下一步|下步|接下来|今后)[，,]|展望(?:19|20)\d\d年"
    # a government work report's address to the congress and its admission of problems, …
    r"|各位代表[，,！!：:]|在(?:取得|看到|总结|肯定)(?:成绩|成就)的同时|看到成绩(?:的同时)?也要看到"
    r"|(?:同时[，,])?我们(?:也|还)?(?:必须|要)?清醒(?:地)?(?:看到|认识到)"
    # …and its statement of the year's targets (今年全区经济社会发展主要目标是：…)
    r"|(?:今年|(?:19|20)\d\d年)(?:全[省市区县州旗])?经济(?:和)?社会发展(?:的)?主要(?:预期)?(?:目标|指标)"
    # …and the sentence that turns from the tasks to what will make them happen (为确保上述“八大重点工程”
    # 全面落地、取得实效，我们将在政府系统实施…)
    r"|为(?:确保|实现|完成)上述"
    # …and the tally of the year's work that closes its review (经过全区上下共同努力，已经全面完成…67项…)
    r"|经过[^，。！？]{0,20}努力[，,][^。]{0,80}?\d+(?:项|件)"
)
# …and the sentence that announces them, however its lead runs (根据这一总体思路，综合考虑各方面
# 因素，今年我区经济社会发展主要预期目标：…): it opens the targets paragraph.
# (Found from the phrase, a plain search, back to the sentence end at most 60 characters before it.)
_TARGETS = r"主要(?:预期)?(?:目标|指标)(?:是|为)?[：:]"
_TARGETS_LEAD = 60
# The subtitle that dates the delivery (——2015年2月5日在…会议上), run into the title before it
# (政府工作报告——2015年2月5日…): a paragraph of its own.
# The cut is its start: the dash is matched first (one pattern per dash, each found by a plain
# search), a lookbehind reads the character before it.
_DATED = r"\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日"
_DATED_SUBTITLE_DASH = rf"—(?<=[^\s—\-]—)—?{_DATED}"
_DATED_SUBTITLE_HYPHENS = rf"--(?<=[^\s—\-]--){_DATED}"
# A dash headline (——经济指标强劲跃升。…), the way government work reports head the units of
# their review, and an appendix label (附件1, 附件：) after a sentence start a paragraph; the
# label is one of its own (what follows it is the appendix's title).
_DASH_OR_APPENDIX_AHEAD = r"——[\u4e00-\u9fff“]|附件[0-9０-９一二三四五六七八九十]{0,2}[：:]?"
# (附件12021年…: the label is 附件1, a year follows it)
_APPENDIX_LABEL = r"附件(?:[0-9０-９]{1,2}(?![0-9０-９]{3,}年)|[0-9０-９](?=[0-9０-９]{4}年))?[：:]?"
# The thanks a government work report closes its review with (…表示衷心的感谢！…致以崇高的敬意！):
# the paragraph ends there.
_THANKS_WORDS = ("感谢", "谢意", "敬意")
# (The mark is matched first and the words read back from it: a pattern that opens with a choice of
# words is tried at every character.)
_THANKS_END = rf"[！!](?<=(?:{'|'.join(_THANKS_WORDS)})[！!])"
# A top-level heading run into its first sentence (一、2015年工作回顾和“十二五”发展成就2015年是…):
# it ends after a word that ends the genres' section headings, within its first clause, …
_HEADING_END_WORD = (
    r"回顾|成就|成效|安排|任务|部署|思路|目标|要求|工作|建设|问题|不足|打算|计划|举措|措施"
)
# …where the body's first sentence opens as it does after such a heading: with a
# year or 今年/去年/过去…, an address, a quoted plan period (“十三五”时期是…), 我们/做好/面对, 一是,
# or the turn to what comes next (接下来，…).
_BODY_OPENER = (
    r"(?:19|20)\d\d年|今年|去年|过去|一年来|五年来|各位代表|[“\"]|我们|做好|面对|当前|在|一是|接下来|下一步|今后"
)
_GLUED_HEADING_MAX = 30  # characters of heading text after its marker
# A heading that leads with a slogan of two four-character phrases (三、干字当头、凝心聚力，全面抓好
# 2025年政府工作): its words are in the clause after the slogan, and there a body that opens with
# the year (…迈出新的坚实步伐2024年是…) or the government's own subject (…政府工作全区政府系统要…)
# ends it too.
_SLOGAN = r"[\u4e00-\u9fff]{4}、[\u4e00-\u9fff]{4}[，,]"
_SLOGAN_BODY_OPENER = r"(?:19|20)\d\d年是|全[省市区县州旗](?:各级)?政府"
# The glossary a report ends with, run into its closing appeal (…作出新的更大贡献！有关名词解释1.…):
# its label starts a paragraph of its own, and so does its first entry.
# (the label may name the report first: 政府工作报告名词、术语注释, 《政府工作报告》名词解释)
_GLOSSARY = r"(?:《?政府工作报告》?)?(?:有关)?(?:名词|术语)(?:、术语)?(?:解释|注释)[：:]?\s*(?:1|一)[\.．、]"  # matched where a cut is
_GLOSSARY_LABEL = r"(?:《?政府工作报告》?)?(?:有关)?(?:名词|术语)(?:、术语)?(?:解释|注释)[：:]?"
# A government work report's unnumbered section heading run in between two sentences (…提出意见。2015年
# 工作回顾2015年，在… / 。“十三五”时期中心城区建设主要思路“十三五”，是… / 。2016年主要工作2016年是…):
# it names a time (a year, a plan period, 今年) and ends with the word that ends such headings, and the
# body after it opens with a time or an address. It is a paragraph of its own (both ends are cuts).
_TIMED_HEADING = (
    r"[。！？!?]((?:(?:19|20)\d\d年|[“\"]十[一二三四五六]五[”\"]|(?:今后|过去)五年|今年)[^。，,；;：:！!？?\s]{0,24}?"
    r"(?:工作回顾|回顾|工作安排|主要工作|重点工作|工作任务|主要任务|主要思路|目标任务|形势任务|总体要求|发展成就|主要成绩))"
    r"(?=(?:19|20)\d\d年|今年|去年|过去|一年来|五年来|各位代表|[“\"]十[一二三四五六]五|当前)"
)
# In run-on text, one scan for every cut made after a sentence mark and the blanks after it:
# a heading (after any of the marks), an opener, a dash headline or appendix label, a glossary
# (after a sentence end). The cut is the match's end.
_CUT_AFTER_SENTENCE = (
    rf"[。！？!?；;：:”](?:(?<=[。！？!?])\s*(?={_HEADING_AHEAD}|{_OPENER_AHEAD}|{_DASH_OR_APPENDIX_AHEAD}|{_GLOSSARY})"
    rf"|\s*(?={_HEADING_AHEAD}))"
)
# A heading run into the first unit of its enumeration (（一）经济回升向好态势更加巩固一是主要指标稳中
# 有进。…): no sentence mark before 一是 in the heading, a character of the heading right before it.
_FIRST_SHI = r"一是(?<=[\u4e00-\u9fff”」]一是)(?<![统唯之]一是)(?=[\u4e00-\u9fff])"  # (一是 first: found by a plain search)
_CLAUSE_MARKS = r"[。；;：:！？!?]"  # a heading may hold a comma (改革，扩大开放), no sentence end
_HEADING_MAX = 60  # characters: a heading is short
_SENTENCE_END = "。！!？?"
_HEADING_STOP = rf"[{_SENTENCE_END} \u3000\t]"  # what may end a heading's line
_CLAUSE_END = r"[，,。；;：:！？!?]"


def segment(text: str) -> list[tuple[int, int]]:
    """The paragraphs of a clean text as (start, end) offsets, blanks trimmed, in order."""
    spans, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    if not spans:
        return []
    spans = join_wrapped_lines(text, spans, opens_unit)
    total = sum(e - s for s, e in spans)
    run_on = total > _RUN_ON_LENGTH and (
        len(spans) <= _RUN_ON_PARAGRAPHS or total / len(spans) > _RUN_ON_MEAN_PARAGRAPH
    )
    return [piece for span in spans for piece in _split_run_on(text, *span, run_on)]


def _glued_markers(text: str, start: int, end: int) -> set[int]:
    """Where 1. / （1） markers glued after a heading start, in a paragraph that lost its breaks."""
    cuts: set[int] = set()
    last: dict[tuple[bool, int], int] = {}  # where the latest marker of each kind and number starts
    for at, marker in _arabic_markers(text, start, end):
        paren = marker[0] in "（("
        number = int(marker[1:-1] if paren else marker[:-1])
        before = text[at - 1] if at else ""
        if at > start and _compiled(_GLUED_AFTER).match(before) and (
            number == 1 or last.get((paren, number - 1), -1) >= max(start, at - 3000)
        ):
            cuts.add(at)
        if not before.isdecimal():  # (after a digit it is part of a number, never an earlier marker)
            last[paren, number] = at
    return cuts


def _arabic_markers(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """Each 1. / （1） marker before a Han character in ``text[start:end]`` as (start, marker), in
    order: the markers a left-to-right scan for them finds (none overlaps another: each ends before
    a Han character, and holds none)."""
    for m in _compiled(_ARABIC_MARKER_END).finditer(text, start, end):
        stop = m.start()
        if text[stop] in ".．、":  # two digits when two are there (the scan would start at the first)
            at = stop - 2 if stop - 2 >= start and text[stop - 2].isdecimal() else stop - 1
        else:
            at = stop - 2 if text[stop - 2] in "（(" else stop - 3
        if at >= start:
            yield at, text[at : stop + 1]


def _thanks_ends(text: str, start: int, end: int) -> set[int]:
    """Where the thanks that close a review end: after a thanks word and its mark, both in
    ``text[start:end]``."""
    return {m.end() for m in _compiled(_THANKS_END).finditer(text, start, end) if m.start() - 2 >= start}


def _targets_cuts(text: str, start: int, end: int) -> set[int]:
    """Where a sentence that announces the year's targets starts: after the sentence end at most
    ``_TARGETS_LEAD`` characters before the phrase, with no sentence end in between."""
    cuts = set()
    for m in _compiled(_TARGETS).finditer(text, start + 1, end):
        at = m.start()
        mark = max(text.rfind(c, max(start, at - _TARGETS_LEAD - 1), at) for c in _SENTENCE_END)
        if mark >= 0:
            cuts.add(mark + 1)
    return cuts


def _holds(text: str, start: int, end: int, *needles: str) -> bool:
    """Whether ``text[start:end]`` holds any of ``needles`` (a search in C, no slice): a
    pattern that needs one of them is not run where none is."""
    return any(text.find(needle, start, end) >= 0 for needle in needles)


def _split_run_on(text: str, start: int, end: int, run_on: bool) -> list[tuple[int, int]]:
    """A paragraph cut where headings were run into it."""
    if not run_on:
        cuts = {m.end() for m in _HEADING_AFTER_SENTENCE.finditer(text, start, end)}
    else:
        cuts = set()
        for m in _compiled(_CUT_AFTER_SENTENCE).finditer(text, start, end):
            cut = m.end()
            cuts.add(cut)
            # An appendix label, or a glossary's, is a paragraph of its own.
            if (label := _compiled(_APPENDIX_LABEL).match(text, cut, end)) or (
                _compiled(_GLOSSARY).match(text, cut, end) and (label := _compiled(_GLOSSARY_LABEL).match(text, cut, end))
            ):
                cuts.add(label.end())
        cuts |= {m.start() for m in _compiled(_FULL_PAREN_ANYWHERE).finditer(text, start + 1, end)}
        if _holds(text, start, end, "("):
            cuts |= {m.start() for m in _compiled(_ASCII_PAREN_ANYWHERE).finditer(text, start + 1, end)}
        if _holds(text, start, end, *_THANKS_WORDS):
            cuts |= _thanks_ends(text, start + 1, end)
        cuts |= _targets_cuts(text, start, end)
        for m in _compiled(_TIMED_HEADING).finditer(text, start, end):
            cuts |= {m.start(1), m.end(1)}
        for dash, subtitle in (("—", _DATED_SUBTITLE_DASH), ("--", _DATED_SUBTITLE_HYPHENS)):
            if _holds(text, start, end, dash):
                cuts |= {m.start() for m in _compiled(subtitle).finditer(text, start + 1, end)}
        if _holds(text, start, end, "\u3000", "  ", "\t"):
            cuts |= {m.end() for m in _compiled(_LOST_BREAK).finditer(text, start + 1, end)}
        cuts |= _glued_markers(text, start, end)
    if not cuts:
        return [(start, end)]
    bounds = [start, *sorted(c for c in cuts if start < c < end), end]
    pieces = []
    for a, b in pairwise(bounds):
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.extend(_heading_line(text, a, b) if run_on else [(a, b)])
    return pieces


def _heading_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A piece of run-on text that opens with a heading, cut where a blank ends the
    heading (路线图 11月2日，…): the blank is what is left of the heading's line break."""
    marker = heading_marker(text, start, end)
    if marker is None:
        return [(start, end)]
    heading_start = marker[2]
    limit = min(end, heading_start + _HEADING_MAX)
    pos = heading_start
    # The first sentence end or blank (after a non-ASCII character) within a heading's length.
    while (stop := _compiled(_HEADING_STOP).search(text, pos, limit)) is not None:
        pos = stop.start()
        if text[pos] in _SENTENCE_END:
            break
        if not text[pos - 1].isascii():
            rest = pos
            while rest < end and text[rest] in " \u3000\t":
                rest += 1
            if rest < end and (not text[rest].isascii() or text[rest].isdigit()):
                return [(start, pos), (rest, end)]
            break
        pos += 1
    first = _compiled(_FIRST_SHI).search(text, heading_start, min(end, heading_start + _HEADING_MAX))
    if first is not None and not _compiled(_CLAUSE_MARKS).search(text, heading_start, first.start()):
        return [(start, first.start()), (first.start(), end)]
    if marker[0] == "cn" and (cut := _glued_heading_end(text, heading_start, end)) is not None:
        return [(start, cut), (cut, end)]
    return [(start, end)]


def _glued_heading_end(text: str, heading_start: int, end: int) -> int | None:
    """Where a top-level heading with no break left after it ends: after the first heading-final
    word of its first clause that a body opener follows; None when there is none (a word of the
    heading's own may end it too: 一、党委在推进法治建设中的领导核心作用一是…, so without an
    opener after it, nothing is cut)."""
    limit = min(end, heading_start + _GLUED_HEADING_MAX)
    clause_end = _clause_end(text, heading_start, end)
    if clause_end == end:
        return None  # the heading alone (its break was cut at already), or no sentence after it
    found = next((m.end() for m in _compiled(_HEADING_END_WORD).finditer(text, heading_start, min(limit, clause_end))
                  if m.end() < clause_end and _compiled(_BODY_OPENER).match(text, m.end())), None)
    if found is None and _compiled(_SLOGAN).match(text, heading_start):
        second = clause_end + 1
        second_end = _clause_end(text, second, end)
        stop = min(second_end, second + _GLUED_HEADING_MAX)
        found = next((m.end() for m in _compiled(_HEADING_END_WORD).finditer(text, second, stop)
                      if m.end() < second_end and (_compiled(_BODY_OPENER).match(text, m.end())
                                                   or _compiled(_SLOGAN_BODY_OPENER).match(text, m.end()))), None)
        if found is None:
            found = next((m.start() for m in _compiled(_SLOGAN_BODY_OPENER).finditer(text, second + 4, stop)), None)
    return found


def _clause_end(text: str, start: int, end: int) -> int:
    """Where the clause from ``start`` ends (its comma or sentence mark), or ``end``."""
    m = _compiled(_CLAUSE_END).search(text, start, end)
    return m.start() if m else end


__all__ = ["segment"]
