"""Figures: a number with its unit and the phrase it measures.

``find_figures(text, start, end)`` finds, in ``text[start:end]``, statements
like 受理行政复议案件81件, 成功率99.6%, 96.15万元 (scale 1e4), 1.04亿元
(scale 1e8), 法学专业的仅有6人, 共有25个服务窗口. Each ``Figure`` carries its
verbatim phrase and span, so it is grounded in the clean text by
construction. Years, dates, ordinals (第13名), document numbers (〔2022〕7号)
and bare numbers without a unit are not figures.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from summarizer.extract.phrases import (
    DANGLING_ENDS,
    DANGLING_STARTS,
    PHRASE_OPENERS,
    balanced,
    first_word_span,
    is_phrase_end,
    is_word_boundary,
    last_word_span,
    splits_unknown_word,
    starts_in_list,
    tagged_piece,
    tagged_spans,
    word_spans,
)
from summarizer.schema import UNIT_SCALES, ChangeDirection, Figure, FigureScope, Qualifier, Span
from summarizer.structure import cn_number

# Units a report counts in, longest first so that 人次 wins over 人 (and 个月, a duration: 8个月, over 个).
_UNIT_WORDS = (
    "人次 家次 场次 户次 件次 批次 车次 架次 个工作日 工作日 个小时 个月 课时 学时 平方米 平方公里 公里 千米 米 亩 公顷 吨 元 件 宗 起 人 名 位 次 场 "
    "个 家 项 条 份 期 本 册 篇 部 所 处 座 间 台 辆 套 支 组 类 批 轮 届 小时 天 日 周 月 户 村 校 单 例 "
    "张 块 株 棵 头 只 艘 票 门 分 倍 个百分点 百分点 % ％ ‰ ㎡ m²"
)
_UNITS = sorted(_UNIT_WORDS.split(), key=len, reverse=True)
# Labels that are time phrases, not things counted (相较去年, 2021年以来, 同比).
TIME_LABEL = re.compile(r"(?:相较|相比|较|比|与)(?:去年|上年|前年|同期)|同比|环比|以来|^(?:去年|上年|前年|今年|全年|年初|年底)")
# Units that are nouns rather than measure words: no noun may follow them.
_NOUN_UNITS = {"元", "%", "％", "‰", "倍", "百分点", "个百分点", "天", "小时", "分", "个工作日", "工作日", "个小时", "课时", "学时"}

_NUMBER = r"(?P<num>\d+(?:[.．]\d+)?)"
# A range in Chinese numerals (五至七家, 一到两个): the genre writes small ranges so in plans. A single
# number in Chinese numerals is no figure (一个, 三是 …); a range of two is one.
_CN_RANGE = r"(?P<cn>[一二三四五六七八九十两]{1,3}(?:至|到|—|－|~|～)[一二三四五六七八九十两]{1,3})"
_AFTER_NUMBER = (
    # One blank between number and unit, as PDF extraction and some editors leave it (15 个工作日).
    r"(?:[ \u00a0](?=[余多万亿千百]?[^\d\s]))?"
    + r"(?P<approx1>余|多)?"
    + r"(?P<mag>万亿|万|亿|千|百)?"
    + r"(?P<approx2>余|多)?"
    + "(?P<unit>(?:"
    + "|".join(re.escape(u) for u in _UNITS)
    # A measure word and 次 make a unit of times (辆次, 艘次, 6千余辆次 as written; 次日/次年 are
    # the next day or year): the genre counts visits and dispatches so, beyond the listed 人次, 家次.
    + ")(?:(?<!次)次(?![日年月]))?)"
)
_FIGURE = re.compile(_NUMBER + _AFTER_NUMBER)
# The same with ranges in Chinese numerals, scanned only in a text that holds one (most hold none:
# the alternative would slow the scan of every text).
_FIGURE_OR_CN_RANGE = re.compile("(?:" + _NUMBER + "|" + _CN_RANGE + ")" + _AFTER_NUMBER)
_HAS_CN_RANGE = re.compile(_CN_RANGE)
# Words that bound a number (name -> Figure.qualifier). Before it: 近400条, 超过360项;
# right after it (or its 万/亿): 20余场, 10多家, 30万余条; after its unit: 100人以上.
QUALIFIERS_BEFORE: dict[str, Qualifier] = {
    "接近": "nearly", "将近": "nearly", "近": "nearly", "超过": "over", "超": "over", "逾": "over",
    "多于": "over", "大约": "about", "约": "about", "不到": "under", "不足": "under", "少于": "under",
    "不少于": "at_least", "至少": "at_least", "不超过": "at_most", "最多": "at_most",
    # a floor or a ceiling set or passed (服务业增加值占比不低于32%, 总数突破115家), as plans and targets put it
    "不低于": "at_least", "不高于": "at_most", "突破": "over",
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
_TAIL_SET = frozenset(_TAIL_WORDS)
_TAIL_LENGTHS = sorted({len(w) for w in _TAIL_WORDS}, reverse=True)
# The verbs of a change the genre states right before its size (同比下降35%, 增长5.7%, 压减50%): the
# figure is the change, its direction one of Figure.change's. After 至/为/达 the number is a level
# (下降至5%, 压缩至3个工作日), not a change.
DECREASE_VERBS = frozenset(("下降", "减少", "压减", "降低", "缩减", "缩短", "回落", "削减", "压缩", "下滑"))
INCREASE_VERBS = frozenset(("增长", "增加", "提高", "上升", "提升"))
CHANGE_VERBS = DECREASE_VERBS | INCREASE_VERBS
_LEVEL_WORDS = frozenset(("至", "为", "达", "达到"))
_COMPARED_WITH = re.compile(
    r"(?:同比|环比|(?:相较于?|相比于?|较|比|与)(?:去年|上年|前年|上一年|(?:19|20)\d\d年)(?:同期)?(?:相比)?"
    r")$")
# A level reached or held, written between an indicator and its value (一般性转移支付比重提高到|60%,
# 在建项目攀升至|18个, 专项资金压减至|230项, 城镇登记失业率控制在|3.5%以内, 占比保持在|80%以上): the
# genre's plans and reviews name the indicator, then the verb and 到/至/在, then the level; the verb
# and its 到/至/在 are no part of the label (jieba glues some: 压|减至, 降至). The number is the level,
# not a change (Figure.change stays None).
_LEVEL_VERB = (
    r"(?:(?:提高|提升|增加|增长|上升|攀升|扩大|延长|下降|降低|减少|压减|压缩|缩减|缩短|缩小|回落|调整|调|提|增|升|降|减|缩)"
    r"(?:到|至)|(?:控制|保持|维持|稳定)在)")
_LEVEL_REACHED = re.compile(_LEVEL_VERB + "$")
_LEVEL_ENDS = frozenset("到至在")
# The year of each level in a change between two (地区生产总值从2015年的|681亿元增长到2020年约|1100亿元,
# 由2010年底的…提高到2015年的…): the genre's five-year reviews date both levels; the year goes with the
# value, not the label, after 从/由 and after the verb's 到/至.
_LEVEL_YEAR = r"(?:(?:19|20)\d\d年(?:底|末)?|(?:上|去)年(?:底|末)?)的?"
_YEAR_OF_LEVEL = re.compile(r"(?<=[从由到至])" + _LEVEL_YEAR + "$")
_YEAR_ENDS = frozenset("年底末的")
# The base of a rate written before its value (从每公里15万元, 每人每月150元, 每生每年2500元): the genre's
# allowances and standards are per person, per month or per kilometre.
_PER_UNIT = re.compile(r"[从由]?(?:每[\u4e00-\u9fff]{1,2}?(?=每|$)){1,3}$")
# How a change is measured, written before its verb and kept with it (年均增长6%, 同口径增长15.9%).
_CHANGE_MEASURES = ("年均", "同口径", "可比价", "平均")
# Scene-setting words a label does not start with, one at a time (longest first within a kind).
_HEAD_WORD = re.compile(
    r"\d{4}年(?:度|初|底|末)?(?:以来|至今)?|\d{1,2}月(?:\d{1,2}日)?(?:份)?(?:以来|至今)?|[全我本](?:街道|县|区|市|镇|乡|街|省|局|委|单位)|其中|截至目前|截至"
    r"|目前|今年以来|年初以来|年初至今|全年|本年度|同时|共计|累计|分别|先后|并|还|又|另|已|均|共|对|向|和|与|及"
    r"|[一二三四五六七八九十]{1,2}是在?|是在|的"
)
# Fillers the genre writes between a rate or count and its number, which jieba glues to the
# suffix before them (率达, 数为): the noun suffixes (_NOUN_SUFFIXES) they follow.
_GLUED_FILLERS = "达为"
_NOUN_SUFFIX_CHARS = "率数量额比"
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


class _Tail(NamedTuple):
    """What ``_strip_tail`` found between a label and its number."""

    end: int  # where the label ends
    qualifier: str | None  # the bounding word (近, 超过 …)
    change: str | None  # the verb of a change right before the number (下降35%), as written
    respectively: bool  # 分别 was among the words: the label may be a list paired with a list of values
    level: bool  # a level reached or dated was stated (提高到, 控制在, 从2020年): the number is one though nothing else names it
    dated: bool  # the level's year was stated before it (从2015年的, 增长到2020年): the quote keeps it


def _strip_tail(text: str, pos: int, end: int) -> _Tail:
    """The label's end before fillers and a qualifier (共有, 达, 接近 …), before the verb of a change
    and its comparison (同比下降|35%, 分别压减|50%) and before a word that leads into the number's
    phrase (调解室和|43例…, 管理局将|33项…); the qualifier word; the change verb."""
    qualifier = change = None
    respectively = levelled = dated = False
    while end > pos:
        # The longest tail word the label ends with as a whole word: one candidate per length.
        word = None
        if change is None and not levelled and text[end - 1] in _LEVEL_ENDS:
            reached = _LEVEL_REACHED.search(text, pos, end)
            if reached is not None and is_word_boundary(text, reached.start()):
                word = reached.group()  # 比重提高到|60%: the level reached, its verb no part of the label
                levelled = True
        if word is None and change is None and not levelled and text[end - 1] in _YEAR_ENDS \
                and (year := _YEAR_OF_LEVEL.search(text, pos, end)) is not None and year.start() > pos:
            word = year.group()  # 从2015年的|681亿元, 增长到2020年约|1100亿元: the level's year, not the label
            dated = True  # (a dated level is a figure though nothing else names it: 从2020年|3847亿元，)
        for n in _TAIL_LENGTHS if word is None else ():
            if end - n >= pos and text[end - n : end] in _TAIL_SET and is_word_boundary(text, end - n):
                word = text[end - n : end]
                break
        if word is None and text.find("每", pos, end) != -1 and (per := _PER_UNIT.search(text, pos, end)) is not None \
                and per.start() > pos and is_word_boundary(text, per.start()):
            word = per.group()  # 补助标准从每公里|15万元: the base of a rate goes with its unit, not the label
        if word is None and end - pos >= 2 and text[end - 1] in _GLUED_FILLERS and text[end - 2] in _NOUN_SUFFIX_CHARS:
            word = text[end - 1]  # jieba glues the filler to a noun suffix: 审查率达|100%, 人数为|…
        if word is None and change is None and not levelled and text[end - 2 : end] in CHANGE_VERBS \
                and end - 2 >= pos and is_word_boundary(text, end - 2):
            word = change = text[end - 2 : end]  # 下降|35%: a change (下降至|5% is the level reached)
            measure = next((w for w in _CHANGE_MEASURES if text.endswith(w, pos, end - 2)), None)
            if measure is not None and is_word_boundary(text, end - 2 - len(measure)):
                word = change = measure + change  # 年均增长: a yearly mean, not the year's change
        if word is None and change is not None:
            compared = _COMPARED_WITH.search(text, pos, end)
            if compared is not None and is_word_boundary(text, compared.start()):
                word = compared.group()  # 各类事故死亡人数|同比|下降: the comparison is the scope's, not the label's
        if word is None:
            last = last_word_span(text, pos, end)
            if last and text[last[0] : end] in DANGLING_ENDS and is_word_boundary(text, last[0]):
                word = text[last[0] : end]
        if word is None:
            break
        if word in QUALIFIERS_BEFORE and qualifier is None:
            qualifier = word
        levelled = levelled or word in _LEVEL_WORDS
        respectively = respectively or word == "分别"
        end -= len(word)
    return _Tail(end, qualifier, change, respectively, levelled or dated, dated)


def _strip_dangling_start(text: str, pos: int, end: int) -> int:
    """``pos`` moved past words that hang off what came before (和, 等, 的 …)."""
    while pos < end:
        first = first_word_span(text, pos, end)
        if not first or text[first[0] : first[1]] not in DANGLING_STARTS:
            return pos
        pos = first[1]
    return pos


_QUOTE_OR_BRACKET = re.compile("[" + re.escape(_OPENING_MARKS + _CLOSING_MARKS) + "]")
_LAST_CLAUSE_BREAK = re.compile("(?s:.*)[" + re.escape(_CLAUSE_BREAK) + "]")


def _phrase_start(text: str, start: int, floor: int) -> int:
    """Where the phrase before ``start`` begins: the previous clause break outside quotes and
    brackets (“下基层、走基层”活动|7次 keeps its quotation whole), at most 40 characters back;
    when that reach ends inside a quotation, right after the quotation instead."""
    reach = max(floor, start - 40)
    if reach >= start:
        return start
    if _QUOTE_OR_BRACKET.search(text, reach, start) is None:
        # No quotation or bracket within reach (most numbers): right after the last clause break.
        last_break = _LAST_CLAUSE_BREAK.match(text, reach, start)
        return last_break.end() if last_break else reach
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


def _label_before(text: str, start: int, floor: int) -> tuple[int, int, _Tail]:
    """The phrase right before a number, back to the previous clause break: (start, end, the words
    stripped between it and the number).

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
    tail = _strip_tail(text, pos, start)
    label_end = tail.end
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
    return pos, max(pos, label_end), tail


def _noun_after(text: str, end: int, ceiling: int) -> int:
    """Where the noun right after a measure word ends (25个<服务窗口>): whole words up to a
    clause break, a number, a verb or a word that opens a new phrase (和, 的, 对 …).

    The words are segmented from the measure word on (``tagged_piece``): jieba glues a measure
    word to the next character (108项|涉台 read as 项涉). A quoted name right after the measure
    word is part of the noun (25个“高效办成一件事”事项: the genre quotes the names it counts)."""
    pos = end
    quote = _QUOTATION.match(text, end, ceiling)
    if quote:
        pos = quote.end()
    words = noun_after_modifier(text, [(s, e, _genre_tag(text[s:e], tag))
                                        for s, e, tag in tagged_piece(text, pos, min(ceiling, pos + _MAX_NOUN + 4))])
    seen_noun, words_start = quote is not None, pos
    for i, (s, e, tag) in enumerate(words):
        if e - words_start > _MAX_NOUN and s == pos and _nounlike(tag):
            return end  # a longer noun than a label holds (5支防台风应急抢险救灾队伍): none cut from it
        if s != pos or text[s].isdigit() or text[s:e] in PHRASE_OPENERS or e - words_start > _MAX_NOUN:
            break
        following = words[i + 1] if i + 1 < len(words) and words[i + 1][0] == e else None
        if seen_noun and tag.startswith("s") and following is not None \
                and following[2].startswith(("d", "v")) and following[2] != "vn":
            break  # 5274名员工|家门口|快速上车: a place word between the noun and its predicate says where
        if tag == "zg" and seen_noun and not is_phrase_end(text, e):
            # After a noun a one-character zg ends it (卫生|村。) or binds to what follows (实事|较|好);
            # right after the measure word it is the counted noun (2个|村|被命名).
            break
        if tag.startswith(_NOT_IN_A_NOUN) and tag != "vn" or (seen_noun and tag.startswith("a")):
            # Right after the measure word a verb-tagged word opens the noun (6个|区直|单位, 11个|区直|
            # 执法|部门); later only a verb of administration stays inside it (行政|执法|人员, not
            # 台胞|担任|调解员); after a noun an adverb or adjective starts the predicate (文件|严格审查).
            compound = following is not None and tag == "v" and (
                (text[s:e] in COMPOUND_VERBS and _nounlike(following[2]))
                or (i == 0 and _noun_follows(text, words, i + 1))
            )
            if not compound:
                break
        elif tag == "vn" and seen_noun and following is not None and following[2] != "vn" \
                and following[2].startswith(("v", "a", "d")) \
                and text[s:e] not in VERBAL_NOUNS and text[s:e] not in COMPOUND_VERBS:
            break  # 15个文件|启动|修订工作, 车辆|营造|安全: a verbal noun with no noun after it is the predicate
        seen_noun = seen_noun or tag.startswith("n") or tag == "vn"
        pos = e
    # A modifier before a quoted name is the start of the noun, not all of it (3个省级|“卫生村”):
    # the genre quotes the titles it counts, after their level (省级, 国家级).
    after = _QUOTATION.match(text, pos, ceiling)
    if after is not None and pos > words_start and not seen_noun:
        pos = after.end()
    return pos


def noun_after_modifier(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``words`` with a word jieba tags a verb read as a noun where it ends a phrase right after a
    distinguishing word (34条|主次|干道。): a distinguishing word (b: 主次, 省级, 公共) only modifies a
    noun, so the word it modifies at the end of the phrase is one, whatever the dictionary says."""
    for i in range(1, len(words)):
        s, e, tag = words[i]
        if tag == "v" and words[i - 1][2].startswith("b") and words[i - 1][1] == s and is_phrase_end(text, e):
            words[i] = (s, e, "n")
    return words


def _noun_follows(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """True when ``words[i:]`` are verbs of administration and then a noun that ends a phrase
    or is followed by a verb (区直|执法|部门的, 听证员证|发放): the verb before them opens a noun."""
    while i < len(words) and words[i][2] == "v" and text[words[i][0] : words[i][1]] in COMPOUND_VERBS:
        i += 1
    if i >= len(words) or not words[i][2].startswith("n"):
        return False
    while i + 1 < len(words) and words[i + 1][0] == words[i][1] and words[i + 1][2].startswith("n"):
        i += 1  # 进出|岛|车辆
    nxt = words[i + 1] if i + 1 < len(words) and words[i + 1][0] == words[i][1] else None
    return is_phrase_end(text, words[i][1]) or (nxt is not None and nxt[2].startswith(("v", "d")))


# A quoted name (“四门四访”, “两违”): the genre quotes the names of what it counts.
_QUOTATION = re.compile(r"“[^“”\n]{1,20}”")


# jieba's tags of words a counted noun phrase is made of: nouns (n, nr, ns, nz …), verbal
# nouns (法律咨询), abbreviations, idioms, distinguishing words (公共), adjectives (重大), and a
# one-character noun that ends a compound, which jieba tags zg (省级|卫生|村, 村（社区）|预案).
_NOUN_TAGS = ("n", "vn", "j", "l", "b", "an", "i", "nz", "a", "g", "s", "zg")
# Verbs of public administration that form compound nouns with the nouns around them (行政|执法|人员,
# 人民|调解|组织); any other verb between two nouns starts a clause (台胞|担任|调解员).
COMPOUND_VERBS = frozenset((
    "执法", "审批", "监督", "调解", "管理", "服务", "执行", "审查", "复议", "应诉", "仲裁", "鉴定", "公证", "救助",
    "援助", "办案", "巡查", "监管", "审核", "备案", "许可", "处罚", "强制", "督察", "督查", "考核", "评估", "咨询",
    "学习", "登记",
    # and the states of people and works the genre counts by (国企退休人员, 退役军人, 在建项目)
    "退休", "退役", "在建",
))
# Verbs the genre also uses as nouns, but never alone as what is counted (组织24名: 24 people organised).
_NEVER_ALONE = frozenset(("组织", "新建"))  # (新建|3座污水处理站: 新建、改扩建工程 keeps it)
# Things a report counts that jieba's dictionary tags as verbs (收到行政复议|申请12件).
VERBAL_NOUNS = frozenset(("申请", "咨询", "投诉", "举报", "建议", "提案", "议案", "信访", "诉讼", "培训", "讲座", "检查",
                          "调解", "审查", "宣传", "活动", "会议", "组织", "占比", "学习", "收入", "预算"))
# The genre's reporting verbs, which jieba's dictionary tags as nouns (办理 n): they are the action,
# never the thing counted (城关镇办理|3件). And things a report counts that the dictionary tags as
# verbs (收到行政复议|申请12件): verbal nouns.
_REPORTING_VERBS = ("印发", "落实", "办理", "受理", "办结", "处理", "接待", "开展", "组织", "举办", "召开", "出具", "提供", "完成",
                    "收到", "化解", "落地", "审结", "立案", "查处", "发放", "挽回", "清收", "减免", "覆盖", "涉及", "新增")
# Adverbs of the genre's results that jieba tags as nouns (确诊病人|全部|治愈, 工程项目|全面|复工): they
# start the predicate; and 相对 before a noun (6个相对贫困村) is a modifier, not an adverb, as are 在建
# and 常住 (在建项目, 城镇常住居民: a state, not an action; 城镇 and 农村 residents must stay apart).
GENRE_ADVERBS = frozenset(("全部", "全面", "全数"))
_TAG_OVERRIDES = {**dict.fromkeys(_REPORTING_VERBS, "v"), **dict.fromkeys(VERBAL_NOUNS, "vn"),
                  **dict.fromkeys(GENRE_ADVERBS, "d"), "相对": "b", "在建": "b", "常住": "b",
                  # jieba tags 新建 a place name (ns); in the genre it is the action (新建|学校20所)
                  "新建": "v"}


def _genre_tag(word: str, tag: str) -> str:
    """jieba's tag of ``word`` corrected for the genre: a reporting verb, alone or ending a set
    phrase (依法办理, tagged an idiom), is a verb; a counted thing tagged a verb is a verbal noun."""
    if word in _TAG_OVERRIDES:
        return _TAG_OVERRIDES[word]
    return "v" if len(word) > 2 and word.endswith(_REPORTING_VERBS) else tag
# Suffixes that make a noun of the verb before them (败诉率, 办结率, 参与人数): jieba tags 率 a verb.
_NOUN_SUFFIXES = ("率", "数", "量", "额", "比", "比例", "会")
_JOINERS = ("、", "和", "及", "与", "以及")
_BRACKET_NOTE = re.compile(r"[（(][\u4e00-\u9fff]{1,4}[）)]")
_QUOTE_MARKS = "“”《》"


def _nounlike(tag: str) -> bool:
    return tag.startswith(_NOUN_TAGS)


def _label_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """jieba's words of ``text[start:end]``, a noun suffix (率) glued to the word before it."""
    out: list[tuple[int, int, str]] = []
    quotes = [m.span() for m in _QUOTATION.finditer(text, start, end)]
    notes = [m.span() for m in _BRACKET_NOTE.finditer(text, start, end)]
    for s, e, tag in tagged_spans(text, start, end):
        if notes:  # (most labels hold no bracketed note and no quotation: nothing to look up)
            note = next((n for n in notes if n[0] < e and s < n[1]), None)
            if note is not None and out and out[-1][1] <= note[0]:
                out[-1] = (out[-1][0], note[1], out[-1][2])  # a short note stays with its word: 中心组（扩大）学习
                continue
            if note is not None and out and out[-1][1] == note[1]:
                continue
        if quotes:
            quote = next((q for q in quotes if q[0] < e and s < q[1]), None)
            if quote is not None:  # a quoted name is one noun whatever its words (新增“两违”)
                if not out or out[-1][:2] != quote:
                    out.append((quote[0], quote[1], "n"))
                continue
        word = text[s:e]
        tag = _genre_tag(word, tag)
        if out and out[-1][1] == s and text[out[-1][0] : out[-1][1]] == "可" and tag.startswith("v"):
            out[-1] = (out[-1][0], e, "b")  # 可|支配|收入, 可|再生|能源: 可 and a verb make a modifier
            continue
        if out and word in _NOUN_SUFFIXES and all(c in _QUOTE_MARKS for c in text[out[-1][1] : s]):
            out[-1] = (out[-1][0], e, "n")
        else:
            out.append((s, e, tag))
    return out


def noun_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends ``text[start:end]``: what a number after it counts (受理|行政复议案件,
    开展|执法检查, 法学专业). Whole words back from the end while they name a thing: nouns, verbal
    nouns and modifiers, a verb only inside a compound noun (行政|执法|事项), joined by 、/和/及.
    A leading verbal noun that governs the noun after it (审查|规范性文件, 培训|干部) is the action,
    not the thing. None when the phrase does not end in a noun (废止, 增长, 出庭应诉)."""
    core_end = end
    while core_end > start and text[core_end - 1] in "》" or (
            text[core_end - 1 : core_end] == "”" and not text.startswith("“", core_end - 1 - 21, core_end)
            and not _QUOTATION.search(text, max(start, core_end - 22), core_end)):
        core_end -= 1  # a book title ends the phrase: 学习《民法典》 (a quotation is a noun: 新增“两违”)
    words = _label_words(text, start, core_end)
    if not words or not _nounlike(words[-1][2]) or words[-1][1] != core_end:
        return None
    first = len(words) - 1
    while first > 0:
        prev_s, prev_e, prev_tag = words[first - 1]
        gap = text[prev_e : words[first][0]]
        if gap and not all(c in _QUOTE_MARKS for c in gap):
            break
        word = text[prev_s:prev_e]
        if _nounlike(prev_tag):
            first -= 1
        elif word in _JOINERS and first >= 2 and _nounlike(words[first - 2][2]):
            first -= 2
        elif prev_tag == "v" and word in COMPOUND_VERBS and first >= 2 and _nounlike(words[first - 2][2]):
            first -= 1  # a verb between two nouns: one compound (行政执法事项)
        else:
            break
    if first + 1 < len(words) and words[first][2] == "vn" and words[first + 1][2].startswith("n") \
            and not _modifies_the_noun(text, words, first):
        first += 1  # 审查|规范性文件: the verbal noun governs the object
    while first < len(words) and (words[first][2] == "v" or text[words[first][0] : words[first][1]] in _JOINERS):
        first += 1  # the compound's verb was not between nouns after all
    if first >= len(words):
        return None
    s = _past_torn_head(text, words[first][0], core_end)
    kept = [w for w in words[first:] if w[1] > s]
    if not kept:
        return None
    while s > start and text[s - 1] in "“《":
        s -= 1  # the quotation the phrase names: “四门四访”
    piece = text[s:end]
    # An action and its result (调解成功5762件: how many were mediated successfully) names no thing.
    result_of_action = len(kept) >= 2 and kept[-1][2] == "a" and kept[-2][2] in ("v", "vn")
    if piece in _NEVER_ALONE or piece in _SERIAL_ACTIONS or all(t.startswith("b") for _, _, t in kept) \
            or (len(kept) == 1 and kept[0][2] == "a") \
            or result_of_action:
        return None  # 组织24名; a modifier alone (省级8个, 重大3项) names no thing
    if len(piece) < 2 or not balanced(piece) or TIME_LABEL.search(piece):
        return None
    if not piece[0].isalnum() and piece[0] not in "“《":
        return None
    return s, end


# Verbs of building, supplying and fostering that the genre chains with another before their object
# (开工|建设|道路, 筹集|建设|保障性住房, 引进|培育|人才, 新增|储备|项目): the second is an action too.
_SERIAL_ACTIONS = frozenset(("建设", "供应", "消化", "储备", "培育", "引进", "改造", "筹集", "回收", "整合", "建成",
                             "打造", "升级", "提升", "扶持", "培养", "招引", "吸引", "安置", "治理", "整治"))


def _modifies_the_noun(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """True when ``words[i]``, a verbal noun right before a noun, names the noun's function because
    the clause's verb stands right before it (引进|研究|机构: the verb's object is 研究机构, a research
    body). Not a counted action of the genre (完成|审查|规范性文件, 组织|培训|干部: there the verbal noun
    governs the noun), nor a verb of administration or of the genre's own actions. (A plain verb
    in that place, 新建|发热|门诊, is left: jieba cannot tell 发热门诊 from 筹集|保障性住房.)"""
    if i < 1 or i + 1 >= len(words) or words[i][2] != "vn" or not words[i + 1][2].startswith("n"):
        return False
    word, before = text[words[i][0] : words[i][1]], words[i - 1]
    if word in _LEADING_VERBS or word in VERBAL_NOUNS or word in COMPOUND_VERBS or word in _SERIAL_ACTIONS \
            or _genre_tag(word, "") == "v":
        return False
    return before[2] in ("v", "vn") and before[1] == words[i][0] and text[words[i][1] : words[i + 1][0]] == ""


def _past_torn_head(text: str, start: int, end: int) -> int:
    """Where a label starting at ``start`` starts at a word edge of the text: past a list's closing
    等/及/和 that jieba's HMM glued to the next character (…》等|区规范性文件: 等 ends the list of
    titles, the label is 区规范性文件), and past the one-character tail of a word jieba does not
    know (来|邮投诉, mail received: 投诉). A short whole label beats a torn long one."""
    if starts_in_list(text[start:end]):
        start += 1
    while start < end and splits_unknown_word(text, start):
        first = first_word_span(text, start, end)
        if first is None:
            break
        start = first[1]
    return start


def _counted_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun right after a measure word (3个|督察组), when it is a whole noun phrase: it ends a
    phrase (3件提案|的答复意见) or a predicate follows it (6名台胞|担任…, 55份文件|严格审查)."""
    if end <= start:
        return None
    quote = _QUOTATION.match(text, start, end)
    words = noun_after_modifier(text, [(s, e, _genre_tag(text[s:e], tag)) for s, e, tag in tagged_piece(text, start, end)])
    if quote and quote.end() == end:
        words = [(start, end, "n")]
    if not words or not (_nounlike(words[-1][2]) or end - start == 1):
        return None
    if all(tag.startswith("b") for _, _, tag in words):
        return None  # a modifier alone (34条|主次|干道, jieba's 干道 a verb) names no thing
    following = tagged_piece(text, end, min(len(text), end + 6))
    predicate_next = bool(following) and following[0][0] == end and (
        _genre_tag(text[end : following[0][1]], following[0][2]).startswith(("v", "d", "a", "s"))
        and text[end : following[0][1]] not in COMPOUND_VERBS)
    if not (is_phrase_end(text, end) or predicate_next):
        return None
    if not is_phrase_end(text, end):
        clause_end = next((i for i in range(end, min(len(text), end + 30)) if text[i] in _CLAUSE_BREAK), len(text))
        if "的" in text[end:clause_end]:
            return None  # 63项|实验区对应承接的省级下放事项: the noun opens a clause that modifies another

    return (start, end) if balanced(text[start:end]) and not TIME_LABEL.search(text[start:end]) else None


# What sets a figure's scope (Figure.scope), a rule of the genre: an annual report states the
# year's results; figures of a longer period, a comparison or one sub-unit say so in front of them.
_PERIOD = re.compile(
    r"(?P<year>(?:19|20)\d\d)年(?:以来|来)|(?:“十[二三四]五”|十[二三四]五|党的十[八九]大|近[一二三四五六七八九十两\d]{1,2}年|近年|多年)(?:以来|来)?"
    r"|(?:19|20)\d\d年?[—\-－~～至到](?P<until>(?:19|20)?\d\d)年|(?<![相较比与])(?:去年|上年|前年|上一年)(?!同期)"
)
_COMPARISON = re.compile(
    r"(?:相较于?|相比于?|较|比|与|同)(?:去年|上年|前年|上一年|(?:19|20)\d\d年)(?:同期)?(?:相比|比较)?|同比|环比"
)
_CUMULATIVE = re.compile(r"累计")
# 其中XX镇/XX街道/县人民法院…: a named part of the issuer or another body (not 我县, 全区, 各镇).
_SUB_UNIT = re.compile(
    r"(?:其中[，,]?)?(?P<unit>(?![我全本各该])[\u4e00-\u9fff]{2,12}?(?:镇|乡|街道|人民法院|法院|检察院|司法所|派出所|分局))"
)
_YEAR = re.compile(r"((?:19|20)\d\d)年")
# The report's own year named again after an earlier period (…，今年办理… / …，2022年办理…).
_THIS_YEAR = re.compile(r"今年|本年度?|全年|年内|当年|(?P<year>(?:19|20)\d\d)年(?!以来|来)")


@functools.lru_cache(maxsize=8)
def _report_year(text: str) -> int | None:
    """The year the text names most: an annual report is about its year (the genre's rule)."""
    counts = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


@functools.lru_cache(maxsize=16)
def _break_offsets(text: str, breaks: str) -> list[int]:
    """Where ``text`` holds one of ``breaks``, found in one scan and kept for the text's next
    figures (each asks where its clause and sentence start)."""
    return [m.start() for m in re.finditer("[" + re.escape(breaks) + "]", text)]


def _clause_start(text: str, pos: int, floor: int, breaks: str) -> int:
    """Right after the last of ``breaks`` before ``pos``, not before ``floor`` (``pos`` itself
    when it is not past ``floor``)."""
    if pos <= floor:
        return pos
    offsets = _break_offsets(text, breaks)
    i = bisect.bisect_left(offsets, pos)  # offsets[i - 1] is the last break before pos
    return max(floor, offsets[i - 1] + 1) if i else floor


def figure_scope(text: str, start: int, floor: int = 0) -> tuple[FigureScope | None, str | None]:
    """The scope of the figure whose phrase starts at ``start`` (see ``Figure.scope``), from the
    words before it: a comparison in its clause (or a clause of its own just before: 与上年相比，),
    累计 in its clause, an earlier period in its sentence, a named sub-unit opening its clause."""
    clause = _clause_start(text, start, floor, _CLAUSE_BREAK)
    sentence = _clause_start(text, start, floor, _SENTENCE_BREAK)
    previous = _clause_start(text, clause - 1, sentence, _CLAUSE_BREAK) if clause > sentence else clause
    for m in _COMPARISON.finditer(text, previous, start):
        if m.start() >= clause or m.end() >= clause - 1:
            return "comparison", m.group()
    cumulative = _CUMULATIVE.search(text, clause, start)
    if cumulative:
        return "cumulative", cumulative.group()
    report_year = _report_year(text)
    for m in _THIS_YEAR.finditer(text, sentence, start):
        year = m.group("year")
        if year is None or (report_year is not None and int(year) == report_year):
            sentence = m.end()  # 2019年以来…，今年办理…: the period ends where the year is named again
    for m in _PERIOD.finditer(text, sentence, start):
        year, until = m.group("year"), m.group("until")
        if year and report_year is not None and int(year) >= report_year:
            continue  # 2022年以来 in the report on 2022: the year itself
        if until and (text[m.start() - 1 : m.start()] in "（(" or (
                report_year is not None and int(until[-2:]) >= report_year % 100)):
            continue  # a plan's period (纲要（2021-2025年）), not the figure's
        return "earlier_period", m.group()
    among = text.find("其中", clause, start)
    sub = _SUB_UNIT.match(text, among if among != -1 else clause, start)
    if sub:
        return "sub_unit", sub.group("unit")
    return None, None


def _is_not_a_figure(text: str, m: re.Match[str], floor: int) -> bool:
    start = m.start()
    before = text[start - 1] if start > floor else ""
    if before and (before in "第〔[【+＋.．-—" or (before.isascii() and before.isalpha())):
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


# Verbs of taking part: a number of people before one is a figure though nothing names it
# (累计500余人次参加, 共计约600人参训): the genre counts attendance so.
_TAKING_PART = ("参加", "参与", "参训", "受训", "出席", "参会", "受益", "观看", "到场")
_LIST_JOINERS = ("、", "和", "及", "与")


# Units of size, not measure words: the noun after one is the thing of that size (500米群众诉求服务圈),
# counted only where the noun ends the phrase (建成绿道|30公里; 新增500平方米|场地。).
SIZE_UNITS = frozenset(("米", "千米", "公里", "平方米", "平方公里", "亩", "公顷", "吨", "㎡", "m²"))
_PERCENT_UNITS = ("%", "％")
_DAY_UNITS = ("天", "日")


def _share_or_days_of(text: str, m: re.Match[str], unit: str, figure_end: int, end: int) -> int | None:
    """Where the noun phrase a percentage or a number of days is of begins, when the genre writes
    it right after the figure: ``N%（以上）的`` + noun (the share of what), ``N天零`` + noun (days
    without an event: 实现100天零事故). None otherwise."""
    if unit in _PERCENT_UNITS and text.startswith("的", figure_end) and figure_end + 1 < end:
        return figure_end + 1
    if unit in _DAY_UNITS and figure_end == m.end() and text.startswith("零", figure_end) and not m.group("mag"):
        return figure_end
    return None


def _stated_unnamed(text: str, m: re.Match[str], figure_end: int, figures: list[Figure]) -> bool:
    """True for a number nothing names that the genre still states as a figure: one counting the
    same thing as the figure right before it in another unit (办理案件112件|152人, 核酸检测15轮|
    305612人次, 拆除703宗|33576平方米), one listed after an earlier figure with 、/和 (实现132天零刑事
    警情、|270天零电诈警情), and a number of people taking part (累计500余人次|参加)."""
    if text.startswith(_TAKING_PART, figure_end):
        return True
    if not figures or figures[-1].span is None:
        return False
    gap = text[figures[-1].span.end : m.start()]
    if not gap.strip():
        return True
    joiner = next((j for j in _LIST_JOINERS if gap.endswith(j)), None)
    return joiner is not None and not any(c in _CLAUSE_BREAK for c in gap[: -len(joiner)])


_QUOTE_REACH = 24  # at most this many characters added to a label-less figure's quote


def _phrase_end_from(text: str, pos: int, end: int) -> int:
    """The first offset from ``pos`` where a phrase of ``text`` may end (within ``_QUOTE_REACH``),
    else ``pos``."""
    limit = min(end, pos + _QUOTE_REACH)
    for at in range(pos, limit + 1):
        if is_phrase_end(text, at):
            return at
    return pos


# A range the genre writes as low, a dash or 至/到, high: 5至7家, 5—7家, 5~7家, 3到5个百分点 (the low
# end bare), 5%—8%, 3个月至6个月 (the low end with the unit). 从/由 A 到 B is a change, not a range.
_RANGE_DASH = r"\s*(?:至|到|—|－|-|~|～|–)+\s*"
_DASH_CHARS = frozenset("至到—－-~～– ")
_BARE_LOW = re.compile(_NUMBER.replace("num", "low") + _RANGE_DASH + r"$")
_HIGH_AFTER = re.compile(_RANGE_DASH + _NUMBER.replace("num", "high"))
_FROM_TO = re.compile(r"[从由][^，,。；;：:]*$")


def _range_low(text: str, m: re.Match[str], floor: int) -> re.Match[str] | None:
    """The bare low end before ``m``'s number when ``m`` ends a range (5至|7家), else None."""
    if text[m.start() - 1 : m.start()] not in _DASH_CHARS:
        return None  # (most numbers: no dash right before them)
    found = _BARE_LOW.search(text, max(floor, m.start() - 12), m.start())
    if found is None:
        return None
    low_start = found.start("low")
    before = text[low_start - 1] if low_start > floor else ""
    if before.isdigit() or before in "第〔[【.．" or _FROM_TO.search(text, max(floor, low_start - 20), low_start):
        return None
    if float(found.group("low").replace("．", ".")) >= float(m.group("num").replace("．", ".")):
        return None  # 12-3: no range runs downwards (a code or a score)
    return found


def _range_high(text: str, m: re.Match[str], floor: int, end: int) -> tuple[float, int] | None:
    """The high end and where it ends when ``m`` (number and unit) opens a range with the same unit
    after the dash (5%—8%, 3个月至6个月), else None."""
    if text[m.end() : m.end() + 1] not in _DASH_CHARS:
        return None  # (most figures: no dash right after them)
    after = _HIGH_AFTER.match(text, m.end(), end)
    if after is None or _FROM_TO.search(text, max(floor, m.start() - 20), m.start()):
        return None
    unit = m.group("mag") or ""
    unit += m.group("unit")
    if not text.startswith(unit, after.end()):
        return None
    high = float(after.group("high").replace("．", "."))
    return (high, after.end() + len(unit)) if high > float(m.group("num").replace("．", ".")) else None


def _cn_range(m: re.Match[str]) -> tuple[float, float] | None:
    """(low, high) of a range in Chinese numerals (五至七家: 5, 7), when ``m`` is one that rises."""
    if not m.group("cn"):
        return None
    low, high = (cn_number(n.replace("两", "二")) for n in re.split("[至到—－~～]", m.group("cn")))
    return (float(low), float(high)) if low is not None and high is not None and low < high else None


# Verbs the genre writes between an indicator and its amount when the amount ends the clause (生产总值
# 完成1488亿元，, 网络零售实现161.29亿元、, 118项民生实事完成116项，): "amounted to", not an action on
# the number's noun (完成4个城中村…整治, 深圳机场实现24小时通关 go on after the figure and stay as they are).
_AMOUNTED_TO = ("完成", "实现")
_CLAUSE_ENDS = frozenset(_CLAUSE_BREAK) | {""}


class _Stated(NamedTuple):
    """A number that states a figure, before it is named (see ``_named_numbers``)."""

    m: re.Match[str]
    floor: int
    number_start: int  # where its number starts: the low end of a range
    label_start: int
    label_end: int
    tail: _Tail
    word_after: str | None
    figure_end: int
    counted: tuple[int, int] | None
    value: float
    value_high: float | None


def _named_numbers(text: str, start: int, end: int, figures: list[Figure]) -> Iterator[_Stated]:
    """The numbers of ``text[start:end]`` that state a figure, in order, each before it is named.

    ``figures`` are those made so far (the caller appends each before asking for the next): an
    unnamed number is a figure when it follows one (``_stated_unnamed``). The floor (no label
    reaches back past the previous figure) moves to each one's ``figure_end``."""
    floor = start  # a label never reaches back into the previous figure
    pattern = _FIGURE_OR_CN_RANGE if _HAS_CN_RANGE.search(text, start, end) else _FIGURE
    for m in pattern.finditer(text, start, end):
        if m.start() < floor or (m.start() > start and text[m.start() - 1].isdigit()):
            continue  # (the high end of a range already read)
        cn = _cn_range(m) if pattern is _FIGURE_OR_CN_RANGE else None
        if cn is None and pattern is _FIGURE_OR_CN_RANGE and m.group("cn"):
            continue  # (not a range the numerals can say: 十十)
        low = None if cn else _range_low(text, m, floor)
        if low is None and _is_not_a_figure(text, m, floor):
            continue
        value, value_high = cn if cn else (float(m.group("num").replace("．", ".")), None)
        number_start = m.start()
        if low is not None:
            value, value_high, number_start = float(low.group("low").replace("．", ".")), value, low.start("low")
        unit_core = m.group("unit")
        label_start, label_end, tail = _label_before(text, number_start, floor)
        phrase = text[label_start:label_end]
        word_after, figure_end = _qualifier_after(text, m, end)
        if word_after in _THRESHOLD_WORDS and unit_core == "元" and _COUNTED_NEXT.match(text, figure_end, end):
            continue  # 年产值10亿元以上|企业5家: a threshold of what the next number counts, not a figure
        if not cn and low is None and figure_end == m.end() and (high := _range_high(text, m, floor, end)) is not None:
            value_high, figure_end = high
            if (after := next((w for w in QUALIFIERS_AFTER_UNIT if text.startswith(w, figure_end, end)), None)):
                word_after, figure_end = after, figure_end + len(after)
        word_before = tail.qualifier
        if not phrase and not tail.change and not tail.dated:  # nothing names the number (…下放的829项…): start at it
            label_start = number_start - (len(word_before) if word_before else 0)
        counted = None
        if unit_core not in _NOUN_UNITS and figure_end == m.end():
            noun_end = _noun_after(text, m.end(), end)
            if noun_end - m.end() >= 2 or (noun_end > m.end() and not phrase):
                counted = _counted_after(text, m.end(), noun_end)
                if counted and unit_core in SIZE_UNITS and not is_phrase_end(text, noun_end):
                    counted = None  # 500米|群众|诉求服务圈: a size modifies the whole phrase after it
                figure_end = noun_end
        elif unit_core not in _NOUN_UNITS and word_after in _THRESHOLD_WORDS[:1] and figure_end == m.end() + 2:
            # 扶持100家以上|重点品牌企业, 引进30家以上|知名商业品牌: the genre's plans bound a count with 以上
            # between the measure word and the noun, which must end its phrase (not 30家以上|国内外|知名品牌);
            # not a threshold of a later number (20人以上企业|3家).
            noun_end = _noun_after(text, figure_end, end)
            found = _counted_after(text, figure_end, noun_end) if noun_end - figure_end >= 2 else None
            if found and is_phrase_end(text, noun_end) and not text[noun_end : noun_end + 1].isdigit():
                counted, figure_end = found, noun_end
        else:
            # A share of a noun phrase (91.83%以上的|行政许可事项), days without an event
            # (132天|零刑事警情): the genre writes what the number is of right after it.
            noun_start = _share_or_days_of(text, m, unit_core, figure_end, end)
            if noun_start is not None:
                words_start = noun_start + text.startswith("零", noun_start)  # 零|刑事警情: 零 is no noun
                noun_end = _noun_after(text, words_start, end)
                found = _counted_after(text, words_start, noun_end) if noun_end - words_start >= 2 else None
                if found:
                    counted, figure_end = (noun_start, noun_end), noun_end
        if counted is None and text.endswith(_AMOUNTED_TO, label_start, label_end) \
                and text[figure_end : figure_end + 1] in _CLAUSE_ENDS and is_word_boundary(text, label_end - 2):
            # 生产总值完成|1488亿元，: the indicator's amount for the year, 完成 no part of its label
            named = _strip_tail(text, label_start, label_end - 2)
            if text[label_start : named.end].strip():  # (118项民生实事|完成116项: the noun is the earlier figure's)
                tail, label_end = named, named.end
                phrase = text[label_start:label_end]
        if not phrase.strip() and not tail.change and not tail.level and figure_end == m.end() \
                and not _stated_unnamed(text, m, figure_end, figures):
            continue  # nothing names the number at all
        yield _Stated(m, floor, number_start, label_start, label_end, tail, word_after, figure_end, counted,
                      value, value_high)
        floor = figure_end


def states_a_figure(text: str, start: int, end: int) -> bool:
    """True when ``find_figures(text, start, end)`` finds any figure: stops at the first number that
    states one, before naming it (the rules ask this of every sentence an item might run through)."""
    return next(_named_numbers(text, start, end, []), None) is not None


# A change stated right after a figure, in its clause (地区生产总值1100.7亿元，增长5.7%; 税收收入147.8亿元，
# 同比增长4.6%): the genre reports an indicator's level, then its change, naming it once.
# The genre also lists the change after a 、 (实际利用外资268.7亿美元、增长7.7%) and says how large it is
# (、大幅增长41.0%).
_CHANGE_AFTER_FIGURE = re.compile(
    r"[，,、]\s*(?:同比|比上年|较上年)?(?:大幅|稳步)?(?:增长|下降|提高|降低|上升|减少|增加)了?\s*")


def _change_of(text: str, previous: Figure, number_start: int) -> tuple[str, int] | None:
    """The label and evidence start of a change stated right after ``previous`` (see
    ``_CHANGE_AFTER_FIGURE``), when ``previous`` has a label; None otherwise."""
    if previous.label is None or previous.span is None or previous.span.end > number_start:
        return None
    if _CHANGE_AFTER_FIGURE.fullmatch(text, previous.span.end, number_start) is None:
        return None
    return previous.label, previous.span.start


# The level a figure went from, stated right before the level it reached (满意度从82%|上升到|85%, 权责清单
# 事项从5567项|压减到|1069项): the genre names the indicator once, before 从/由; both numbers are its levels.
_FROM_LEVEL = re.compile(r"[从由](?:每[\u4e00-\u9fff]{1,3}|" + _LEVEL_YEAR + ")?$")
# What the genre writes between the two levels: the verb and its 到/至, the second level's year and a
# bounding word (增长到|2020年|约|1100亿元).
_TO_LEVEL = re.compile(
    _LEVEL_VERB + "(?:" + _LEVEL_YEAR + ")?(?:" + "|".join(sorted(QUALIFIERS_BEFORE, key=len, reverse=True)) + ")?")


def _level_of(text: str, previous: Figure, number_start: int) -> tuple[str, int] | None:
    """The label and evidence start of a level reached right after the level ``previous`` went from
    (see ``_FROM_LEVEL``), when ``previous`` has a label; None otherwise."""
    if previous.label is None or previous.span is None or previous.span.end > number_start:
        return None
    if _TO_LEVEL.fullmatch(text, previous.span.end, number_start) is None:
        return None
    number = _FIGURE.search(text, previous.span.start, previous.span.end)
    if number is None or _FROM_LEVEL.search(text, previous.span.start, number.start()) is None:
        return None
    return previous.label, previous.span.start


# A 分别 list (文件、会议、考核数量分别压减50%、2.1%、27%; A和B分别为x、y): the genre pairs the listed
# nouns with the listed values in order. Pairs are made when there are as many values as nouns and
# each noun names its thing alone; a list whose nouns share a head written once (城镇、农村居民人均
# 可支配收入: 城镇 is no noun of its own) keeps the whole list as each value's label, and says so.
_LIST_SEPARATORS = "、和及与"  # the joiners of a list of nouns, where they are words of their own
_NUMBER_IN_LIST = re.compile(r"\d+(?:[.．]\d+)?")
_LIST_ENDS = "，,。；;：:\n"  # what ends a list of values (、 joins them)
_LIST_END = re.compile("[" + _LIST_ENDS + "]")
_LIST_SEPARATOR = re.compile("[" + _LIST_SEPARATORS + "]")
_PAIRABLE_LENGTHS = 2.5  # the longest noun at most this many times the shortest: none is a shared head's stub


class _Respective(NamedTuple):
    """A 分别 list being read: its nouns (spans), whether they pair one by one with the values, the
    whole list's span, the rank of the last value read and where the list's clause ends."""

    nouns: list[tuple[int, int]]
    paired: bool
    whole: tuple[int, int]
    rank: int
    clause_end: int


def _respective_list(text: str, floor: int, span: tuple[int, int], figure_end: int, end: int) -> _Respective | None:
    """The 分别 list that ends with the label ``span`` (its nouns joined by 、, which the label's
    phrase stops at, or by 和/及), read against the values after its first figure."""
    s, e = span
    reach = max(floor, s - 60)
    s = max(reach, *(text.rfind(c, reach, s) + 1 for c in _LIST_ENDS))
    s = _strip_head(text, s, e)
    cuts = [m.start() for m in _LIST_SEPARATOR.finditer(text, s, e)
            if is_word_boundary(text, m.start()) and is_word_boundary(text, m.end())]
    if not cuts:
        return None
    bounds = [s, *[c + 1 for c in cuts]]
    nouns = []
    for n0, n1 in zip(bounds, [*cuts, e]):
        named = noun_phrase(text, n0, n1)
        if named is None:
            return None  # (a list of actions, not of things)
        nouns.append(_whole_head(text, named, n0))
    s = nouns[0][0]
    list_end = _LIST_END.search(text, figure_end, min(end, figure_end + 60))
    clause_end = list_end.start() if list_end else end
    values = 1 + len(_NUMBER_IN_LIST.findall(text, figure_end, clause_end))
    lengths = [n1 - n0 for n0, n1 in nouns]
    paired = (values == len(nouns) and min(lengths) >= 2 and max(lengths) <= _PAIRABLE_LENGTHS * min(lengths)
              and all(n0 == b0 for (n0, _), b0 in zip(nouns[1:], bounds[1:])))
    return _Respective(nouns, paired, (s, e), 0, clause_end)


# Nouns of measure that name nothing without the words before them (各类事故死亡|人数, 考核|数量,
# 建筑|面积): the genre writes them after what they measure, often after a verb jieba splits off.
_BARE_HEADS = frozenset(("人数", "数量", "总量", "总数", "比例", "比重", "面积", "金额", "总额", "规模", "强度", "时限", "时长",
                         "数", "量", "率", "额",
                         # and the standards and levels of allowances (省补助|标准, 孤儿集中供养|水平)
                         "标准", "水平"))


_LEADING_VERBS = frozenset((*_REPORTING_VERBS, *CHANGE_VERBS, "实现", "推动", "推进", "加快"))
_CLAUSE_BREAK_RE = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")


def _whole_head(text: str, span: tuple[int, int], phrase_start: int) -> tuple[int, int]:
    """``span`` grown back to ``phrase_start`` when it is a bare noun of measure (人数 of
    各类事故死亡人数) and the words before it, in its phrase, make one balanced phrase."""
    s, e = span
    if text[s:e] not in _BARE_HEADS or s <= phrase_start or e - phrase_start > _MAX_LABEL:
        return span
    first = first_word_span(text, phrase_start, s)
    if first is not None and text[first[0] : first[1]] in _LEADING_VERBS:
        phrase_start = first[1]  # 完成|固投总额: the reporting verb is no part of what is measured
    piece = text[phrase_start:e]
    if not balanced(piece) or _CLAUSE_BREAK_RE.search(piece) or not is_word_boundary(text, phrase_start) \
            or phrase_start >= s:
        return span
    return phrase_start, e


# Labels the genre writes in ways a noun phrase of the words before the number misses, each mended
# to a phrase of the text: a threshold before an indicator (规模以上|工业增加值: another indicator than
# 工业增加值), the base of a share (经济总量仅占|全市|3.9%: the share is the 经济总量's), a noun coordinated
# with the label's by 、 (硕士、|博士占比87%: the share of both; not after a value: 合同12份、协议3份).
_THRESHOLD = re.compile(  # 亿元以上|项目: projects of that size; 10亿元以上|企业
    r"(?:(?P<amount>\d+(?:[.．]\d+)?)?(?:亿元|千万元|百万元|万元|元)|规模|限额)(?:以上|以下)$")
_THRESHOLD_WORDS = ("以上", "以下")
# The noun a money threshold qualifies, right before the number that counts it (10亿元以上|企业|5家).
_COUNTED_NEXT = re.compile(r"[\u4e00-\u9fff“”]{1,12}?(?=\d)")
_SHARE_NOUNS = ("比重", "比例", "比")  # a label that names the share itself (占总投资比重): no base
_SHARE_ADVERBS = re.compile(r"(?:仅|只|约|已|共|均|则|就)+$")
_MAX_COORDINATED = 4
_A_DIGIT = re.compile(r"\d")
_LEVELS = frozenset("省市区县镇乡村")  # one-character levels of government the genre lists: 省、市、区…


def _mended_label(text: str, floor: int, span: tuple[int, int], phrase_start: int, unit: str) -> tuple[int, int] | None:
    """The label ``span`` (a noun phrase before its number) mended as the genre writes such labels
    (see above); None when what it should be is not a whole phrase."""
    s, e = _whole_head(text, span, phrase_start)
    threshold = _THRESHOLD.search(text, max(floor, s - 16), s) if text.endswith(_THRESHOLD_WORDS, 0, s) else None
    if threshold is not None:
        s = threshold.start()
        if threshold.group("amount"):  # 年产值|10亿元以上|企业: the threshold names what it measures
            measured = noun_phrase(text, max(floor, phrase_start), s)
            s = measured[0] if measured and measured[1] == s else s
    base = text[s - 1 : s] == "占" and unit in _PERCENT_UNITS and not text.endswith(_SHARE_NOUNS, s, e)
    if base and s - 1 > phrase_start:
        owner_end = s - 1
        adverbs = _SHARE_ADVERBS.search(text, phrase_start, owner_end)
        owner = noun_phrase(text, phrase_start, adverbs.start() if adverbs else owner_end)
        return (owner[0], e) if owner else None
    if base:
        return None  # 占|全市22.1%: whose share the clause does not say
    while text[s - 1 : s] in _LIST_SEPARATORS and s - 1 > floor and is_word_boundary(text, s - 1):
        segment_start = max(floor, *(text.rfind(c, floor, s - 1) + 1 for c in _LIST_ENDS + _LIST_SEPARATORS))
        segment = (segment_start, s - 1)
        named = noun_phrase(text, *segment) if segment[1] - segment[0] >= 2 else None
        if named is None and text.endswith(tuple(_NEVER_ALONE), segment[0], segment[1]):
            word = next(w for w in _NEVER_ALONE if text.endswith(w, segment[0], segment[1]))
            named = (segment[1] - len(word), segment[1])  # 新建、|改扩建工程: a word never alone, here listed
        if text[s - 2 : s - 1] in _LEVELS and is_word_boundary(text, s - 2):
            named = (s - 2, s - 1)  # 办理市、|区人大代表建议: one-character levels listed
        elif named is None and _one_modifier(text, *segment) and _one_modifier(text, s, _first_word_end(text, s, e)):
            named = segment  # 国家级、|省级医学重点学科: levels listed before the head they share
        if named is None or _A_DIGIT.search(text, segment_start, s - 1) \
                or sum(text.count(c, s - 1, e) for c in _LIST_SEPARATORS) >= _MAX_COORDINATED:
            break
        s = named[0]
    return s, e


def _one_modifier(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is one distinguishing word (jieba's b: 国家级, 省级, 公共)."""
    words = tagged_spans(text, start, end)
    return len(words) == 1 and words[0][:2] == (start, end) and words[0][2].startswith("b")


def _first_word_end(text: str, start: int, end: int) -> int:
    """Where the first word of ``text[start:end]`` ends (``start`` when there is none)."""
    first = first_word_span(text, start, end)
    return first[1] if first else start


def _change_name(verb: str | None) -> ChangeDirection | None:
    if verb is None:
        return None
    return "decrease" if verb[-2:] in DECREASE_VERBS else "increase"


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure stated in ``text[start:end]``, in order, with spans into ``text``.

    A figure after 其中 in the sentence of an earlier one is a part of it (``part_of``); the values
    of a 分别 list take the listed nouns in order; a value listed after a change (下降7.5%、9.5%) is
    one too."""
    end = len(text) if end is None else end
    figures: list[Figure] = []
    total: int | None = None  # the figure that 其中 or a bracket breaks down, while it lasts
    outer: list[int | None] = []  # the totals a bracketed breakdown interrupted
    respective: _Respective | None = None  # the 分别 list whose values are being read
    for st in _named_numbers(text, start, end, figures):
        m, floor, number_start, label_start, label_end = st.m, st.floor, st.number_start, st.label_start, st.label_end
        figure_end, word_after = st.figure_end, st.word_after
        word_before = st.tail.qualifier
        unit_core = m.group("unit").replace("％", "%")  # one percent sign for every figure
        magnitude = m.group("mag") or ""
        # What is counted: the noun after the measure word (组成3个|督察组), else the noun phrase
        # before the number (受理|行政复议案件|57件); none when neither is a whole noun phrase.
        counted = st.counted or noun_phrase(text, label_start, label_end)
        if counted and not st.counted:
            counted = _mended_label(text, floor, counted, label_start, unit_core)
        label = text[counted[0] : counted[1]] if counted else None
        evidence_start = min(number_start, label_start, counted[0] if counted else number_start)
        change_text = st.tail.change
        listed: bool | None = bool(figures) and not text[floor:number_start].strip(" " + _LIST_SEPARATORS)
        label_lists = False
        if counted and st.tail.respectively and not st.counted:
            respective = _respective_list(text, floor, counted, figure_end, end)
            if respective is None:
                label = None  # a 分别 list not read (城乡居民收入分别增长…): no pair rather than a wrong one
            else:
                label_lists = not respective.paired
                s, e = respective.nouns[0] if respective.paired else respective.whole
                label, evidence_start = text[s:e], min(s, evidence_start)
        elif respective is not None and listed and label is None and number_start < respective.clause_end \
                and respective.rank + 1 < max(len(respective.nouns), 99 * (not respective.paired)):
            respective = respective._replace(rank=respective.rank + 1)
            s, e = respective.nouns[respective.rank] if respective.paired else respective.whole
            label, evidence_start, label_lists = text[s:e], min(s, evidence_start), not respective.paired
            listed = None  # (a value of the list: it takes the list's verb)
        else:
            respective = None
        if change_text is None and figures and figures[-1].change_text and (listed is None or listed and label is None):
            change_text = figures[-1].change_text  # 下降7.5%、|9.5%: the verb governs the list
        if label is None and figures and (rate_of := _change_of(text, figures[-1], number_start)) is not None:
            label, evidence_start = rate_of  # 地区生产总值1100.7亿元，增长5.7%: the rate of that figure
        if label is None and figures and (level_of := _level_of(text, figures[-1], number_start)) is not None:
            label, evidence_start = level_of  # 满意度从82%上升到85%: the level reached, of the same indicator
        if label is None and change_text is not None and st.tail.change is None and figures[-1].span is not None:
            evidence_start = min(evidence_start, figures[-1].span.start)  # the quote shows the list's verb: 下降7.5%、9.5%
        scope, scope_text = figure_scope(text, number_start, max(start - 200, 0))
        if unit_core in _NOUN_UNITS - {"元"}:
            part_of = None  # a rate (率达100%) or a multiple is no subtotal
        else:
            total, outer = _breakdown(text[floor:label_start], figures, total, outer)
            part_of = total
        if label is None:
            # No label: the reader is shown the quote, so it must not stop inside a phrase
            # (选聘20名行政|执法特约监督员): it runs on to where the phrase ends (never past a number).
            figure_end = _phrase_end_from(text, figure_end, end)
        word = word_before or word_after
        figures.append(
            Figure(
                label=label,
                value=st.value,
                value_high=st.value_high,
                unit=magnitude + unit_core,
                scale=UNIT_SCALES.get(magnitude, 1.0),
                evidence=text[evidence_start:figure_end],
                span=Span(start=evidence_start, end=figure_end),
                qualifier=_qualifier_name(word),
                qualifier_text=word,
                part_of=part_of,
                scope=scope,
                scope_text=scope_text,
                change=_change_name(change_text),
                change_text=change_text,
                label_lists=label_lists,
            )
        )
    return figures


__all__ = ["CHANGE_VERBS", "COMPOUND_VERBS", "DECREASE_VERBS", "GENRE_ADVERBS", "QUALIFIERS_AFTER_NUMBER", "QUALIFIERS_AFTER_UNIT", "QUALIFIERS_BEFORE", "SIZE_UNITS", "TIME_LABEL", "VERBAL_NOUNS", "figure_scope", "find_figures", "noun_after_modifier", "noun_phrase", "states_a_figure"]
