"""Figures: a number with its unit and the phrase it measures.

``find_figures(text, start, end)`` finds, in ``text[start:end]``, statements
like 受理行政复议案件81件, 成功率99.6%, 96.15万元 (scale 1e4), 1.04亿元
(scale 1e8), 法学专业的仅有6人, 共有25个服务窗口. Each ``Figure`` carries its
verbatim phrase and span, so it is grounded in the clean text by
construction. Years, dates, ordinals (第13名), document numbers (〔2022〕7号)
and bare numbers without a unit are not figures.
"""

from __future__ import annotations

import re

from summarizer.extract.phrases import (
    DANGLING_ENDS,
    DANGLING_STARTS,
    PHRASE_OPENERS,
    balanced,
    is_phrase_end,
    is_word_boundary,
    tagged_spans,
    word_spans,
)
from summarizer.schema import UNIT_SCALES, Figure, Qualifier, Span

# Units a report counts in, longest first so that 人次 wins over 人.
_UNIT_WORDS = (
    "人次 场次 户次 件次 批次 车次 架次 平方米 平方公里 公里 千米 米 亩 公顷 吨 元 件 宗 起 人 名 位 次 场 "
    "个 家 项 条 份 期 本 册 篇 部 所 处 座 间 台 辆 套 支 组 类 批 轮 届 小时 天 日 周 月 户 村 校 单 例 "
    "张 块 株 棵 头 只 票 分 倍 个百分点 百分点 % ％ ‰"
)
_UNITS = sorted(_UNIT_WORDS.split(), key=len, reverse=True)
# Units that are nouns rather than measure words: no noun may follow them.
_NOUN_UNITS = {"元", "%", "％", "‰", "倍", "百分点", "个百分点", "天", "小时", "分"}

_NUMBER = r"(?P<num>\d+(?:[.．]\d+)?)"
_FIGURE = re.compile(
    _NUMBER
    + r"(?P<approx1>余|多)?"
    + r"(?P<mag>万亿|万|亿|千|百)?"
    + r"(?P<approx2>余|多)?"
    + "(?P<unit>"
    + "|".join(re.escape(u) for u in _UNITS)
    + ")"
)
# Words that bound a number (name -> Figure.qualifier). Before it: 近400条, 超过360项;
# right after it (or its 万/亿): 20余场, 10多家, 30万余条; after its unit: 100人以上.
QUALIFIERS_BEFORE: dict[str, Qualifier] = {
    "接近": "nearly", "将近": "nearly", "近": "nearly", "超过": "over", "超": "over", "逾": "over",
    "多于": "over", "大约": "about", "约": "about", "不到": "under", "不足": "under", "少于": "under",
    "不少于": "at_least", "至少": "at_least", "不超过": "at_most", "最多": "at_most",
}
QUALIFIERS_AFTER_NUMBER: dict[str, Qualifier] = {"余": "more_than", "多": "more_than"}
QUALIFIERS_AFTER_UNIT: dict[str, Qualifier] = {
    "以上": "at_least", "有余": "more_than", "左右": "about", "上下": "about", "以下": "at_most", "以内": "at_most",
}
# Words between a label and its number that are not part of the label (longest first).
_TAIL_WORDS = sorted(
    (*QUALIFIERS_BEFORE, "均", "都", "共计", "共有", "累计", "合计", "分别", "总计", "仅有", "只有", "达到", "达",
     "高达", "多达", "共", "为", "有", "是", "的", "了", "至", "计"),
    key=len, reverse=True,
)
# Scene-setting words a label does not start with, one at a time (longest first within a kind).
_HEAD_WORD = re.compile(
    r"\d{4}年(?:度|初|底|末)?(?:以来|至今)?|[全我本](?:街道|县|区|市|镇|乡|街|省|局|委|单位)|其中|截至目前|截至"
    r"|目前|今年以来|年初以来|年初至今|全年|同时|共计|累计|分别|先后|并|还|又|另|已|均|共|对|向|和|与|及"
    r"|[一二三四五六七八九十]{1,2}是在?|是在|的"
)
# What a label cut to _MAX_LABEL may start with: the tail of a word before it.
_CUT_HEAD = re.compile(r"^[是在从于由的了]+")
_CLAUSE_BREAK = "，,。；;：:、！？!?\n"
_OPENING_MARKS = "（(“《【〔「"
_CLOSING_MARKS = "）)”》】〕」"
_SENTENCE_BREAK = "。！？!?\n"
_MAX_LABEL = 20
_MAX_NOUN = 10
# Parts of speech (jieba's tags) that end the noun after a measure word: verbs, adverbs,
# prepositions, conjunctions, particles, numbers, punctuation (vn, a verbal noun, stays: 法律咨询).
_NOT_IN_A_NOUN = ("v", "d", "p", "c", "u", "m", "x", "y")


def _strip_head(text: str, pos: int, start: int) -> int:
    """``pos`` moved past scene-setting words (2022年, 全县, 其中, 共…), each a whole word."""
    while pos < start:
        m = _HEAD_WORD.match(text, pos, start)
        if not m or not is_word_boundary(text, m.end()):
            break
        pos = m.end()
    return pos


def _strip_tail(text: str, pos: int, end: int) -> tuple[int, str | None]:
    """The label's end before fillers and a qualifier (共有, 达, 接近 …) and before a word that
    leads into the number's phrase (调解室和|43例…, 管理局将|33项…); and the qualifier word."""
    qualifier = None
    while end > pos:
        word = next(
            (w for w in _TAIL_WORDS if text.endswith(w, pos, end) and is_word_boundary(text, end - len(w))),
            None,
        )
        if word is None:
            spans = word_spans(text, pos, end)
            if spans and text[spans[-1][0] : end] in DANGLING_ENDS and is_word_boundary(text, spans[-1][0]):
                word = text[spans[-1][0] : end]
        if word is None:
            break
        if word in QUALIFIERS_BEFORE and qualifier is None:
            qualifier = word
        end -= len(word)
    return end, qualifier


def _strip_dangling_start(text: str, pos: int, end: int) -> int:
    """``pos`` moved past words that hang off what came before (和, 等, 的 …)."""
    while pos < end:
        spans = word_spans(text, pos, end)
        if not spans or text[spans[0][0] : spans[0][1]] not in DANGLING_STARTS:
            return pos
        pos = spans[0][1]
    return pos


def _phrase_start(text: str, start: int, floor: int) -> int:
    """Where the phrase before ``start`` begins: the previous clause break outside quotes and
    brackets (“下基层、走基层”活动|7次 keeps its quotation whole), at most 40 characters back;
    when that reach ends inside a quotation, right after the quotation instead."""
    pos, depth, after_open_mark = start, 0, None
    while pos > floor and start - pos < 40:
        char = text[pos - 1]
        if char in _CLOSING_MARKS:
            depth += 1
            after_open_mark = after_open_mark or pos
        elif char in _OPENING_MARKS:
            if depth == 0:
                break  # an opening bracket with the number inside it: 其中(…12件)
            depth -= 1
            if depth == 0:
                after_open_mark = None
        elif depth == 0 and char in _CLAUSE_BREAK:
            break
        pos -= 1
    if depth and after_open_mark is not None:
        return after_open_mark  # the quotation started beyond reach: start after it
    return pos


def _label_before(text: str, start: int, floor: int) -> tuple[int, int, str | None]:
    """The phrase right before a number, back to the previous clause break: (start, end, qualifier).

    Every cut falls between words, so the label is a whole phrase of the text."""
    pos = _phrase_start(text, start, floor)
    if text[pos : pos + 1] in ("（", "("):  # a note on what came before: 77家单位(部门)|近3000人次
        close = max(text.find("）", pos, start), text.find(")", pos, start))
        pos = close + 1 if close != -1 else pos
    if not is_word_boundary(text, pos):  # the 40-character reach stopped inside a word
        pos = next((s for s, _ in word_spans(text, pos, start) if is_word_boundary(text, s)), start)
    while pos < start and text[pos].isspace():
        pos += 1
    pos = _strip_head(text, pos, start)
    label_end, qualifier = _strip_tail(text, pos, start)
    pos = _strip_dangling_start(text, pos, label_end)
    if label_end - pos > _MAX_LABEL:
        starts = [s for s, _ in word_spans(text, label_end - _MAX_LABEL, label_end) if is_word_boundary(text, s)]
        after_marks = max((i + 1 for i in range(pos, label_end) if text[i] in _CLOSING_MARKS), default=label_end)
        pos = next((s for s in starts if balanced(text[s:label_end])), after_marks)
        cut = _CUT_HEAD.match(text, pos, label_end)  # the cut may have left 是在… at the front
        if cut and is_word_boundary(text, cut.end()):
            pos = cut.end()
        pos = _strip_dangling_start(text, pos, label_end)
    while pos < label_end and text[pos].isspace():
        pos += 1
    while label_end > pos and text[label_end - 1].isspace():
        label_end -= 1
    return pos, max(pos, label_end), qualifier


def _noun_after(text: str, end: int, ceiling: int) -> int:
    """Where the noun right after a measure word ends (25个<服务窗口>): whole words up to a
    clause break, a number, a verb or a word that opens a new phrase (和, 的, 对 …)."""
    pos = end
    words = tagged_spans(text, end, min(ceiling, end + _MAX_NOUN + 4))
    for i, (s, e, tag) in enumerate(words):
        if s != pos or text[s].isdigit() or text[s:e] in PHRASE_OPENERS or e - end > _MAX_NOUN:
            break
        if tag.startswith(_NOT_IN_A_NOUN) and tag != "vn":
            following = words[i + 1] if i + 1 < len(words) and words[i + 1][0] == e else None
            compound = (tag == "v" and following is not None and following[2].startswith("n")
                        and is_phrase_end(text, following[1]))
            if not compound:
                break  # a verb inside a compound noun (行政|执法|事项) stays; one that starts a clause ends it
        pos = e
    return pos


def _is_not_a_figure(text: str, m: re.Match[str], floor: int) -> bool:
    start = m.start()
    before = text[start - 1] if start > floor else ""
    if before in "第〔[【+＋" or (before.isascii() and before.isalpha()) or before in ".．-—":
        return True  # ordinal, document number, FM88.7, part of a range or decimal
    unit = m.group("unit")
    after = text[m.end()] if m.end() < len(text) else ""
    if unit in {"月", "日", "周"} and not m.group("mag"):
        return True  # dates (8月24日) and weekdays
    return unit == "分" and after == "之"  # 三分之一


def _qualifier_after(text: str, m: re.Match[str], end: int) -> tuple[str | None, int]:
    """A qualifier right after the number (余/多, captured by the pattern) or after the unit
    (以上, 左右 …), and where the figure then ends."""
    word = m.group("approx1") or m.group("approx2")
    after = next((w for w in QUALIFIERS_AFTER_UNIT if text.startswith(w, m.end()) and m.end() + len(w) <= end), None)
    if after is not None:
        return word or after, m.end() + len(after)
    return word, m.end()


def _qualifier_name(word: str | None) -> Qualifier | None:
    if word is None:
        return None
    return QUALIFIERS_BEFORE.get(word) or QUALIFIERS_AFTER_NUMBER.get(word) or QUALIFIERS_AFTER_UNIT.get(word)


def _breakdown(
    gap: str, figures: list[Figure], total: int | None, outer: list[int | None]
) -> tuple[int | None, list[int | None]]:
    """The total the next figure is a part of, from the text since the previous figure:
    ``…9宗，其中行政处罚5宗、…`` (until the sentence ends) and ``…46宗（其中正职25宗，…）`` or
    ``…54个（总体应急预案1个，…）`` (until the bracket closes)."""
    if any(c in _SENTENCE_BREAK for c in gap):
        return None, []
    if outer and any(c in "）)" for c in gap):
        total = outer.pop()
    if not figures:
        return total, outer
    previous = len(figures) - 1
    opened = max(gap.rfind("（"), gap.rfind("("))
    if gap.lstrip()[:1] in ("（", "(") and opened > max(gap.rfind("）"), gap.rfind(")")):
        return previous, [*outer, total]
    if "其中" in gap and total is None:
        whole = figures[previous].part_of
        return (previous if whole is None else whole), outer
    return total, outer


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure stated in ``text[start:end]``, in order, with spans into ``text``.

    A figure after 其中 in the sentence of an earlier one is a part of it (``part_of``)."""
    end = len(text) if end is None else end
    figures: list[Figure] = []
    floor = start  # a label never reaches back into the previous figure
    total: int | None = None  # the figure that 其中 or a bracket breaks down, while it lasts
    outer: list[int | None] = []  # the totals a bracketed breakdown interrupted
    for m in _FIGURE.finditer(text, start, end):
        if m.start() > start and text[m.start() - 1].isdigit():
            continue
        if _is_not_a_figure(text, m, floor):
            continue
        unit_core = m.group("unit")
        magnitude = m.group("mag") or ""
        label_start, label_end, word_before = _label_before(text, m.start(), floor)
        label = text[label_start:label_end]
        word_after, figure_end = _qualifier_after(text, m, end)
        if not label:  # nothing before the number names it (…下放的829项…): start at the number
            label_start = m.start() - (len(word_before) if word_before else 0)
        if unit_core not in _NOUN_UNITS and figure_end == m.end():
            noun_end = _noun_after(text, m.end(), end)
            if noun_end - m.end() >= 2 or (noun_end > m.end() and not label):
                label += text[m.end() : noun_end]
                figure_end = noun_end
        if not label.strip():
            continue
        if unit_core in _NOUN_UNITS - {"元"}:
            part_of = None  # a rate (率达100%) or a multiple is no subtotal
        else:
            total, outer = _breakdown(text[floor:label_start], figures, total, outer)
            part_of = total
        floor = figure_end
        value = float(m.group("num").replace("．", "."))
        evidence_start = min(m.start(), label_start)
        word = word_before or word_after
        figures.append(
            Figure(
                label=label,
                value=value,
                unit=magnitude + unit_core,
                scale=UNIT_SCALES.get(magnitude, 1.0),
                evidence=text[evidence_start:figure_end],
                span=Span(start=evidence_start, end=figure_end),
                qualifier=_qualifier_name(word),
                qualifier_text=word,
                part_of=part_of,
            )
        )
    return figures


__all__ = ["QUALIFIERS_AFTER_NUMBER", "QUALIFIERS_AFTER_UNIT", "QUALIFIERS_BEFORE", "find_figures"]
