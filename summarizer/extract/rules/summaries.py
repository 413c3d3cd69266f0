"""Item summaries of the rules backend: an extractive compression of the unit.

A summary is at most SUMMARY_MAX characters and made only of whole phrases of
the clean text:

1. **The head**: the unit's heading when it has one (一是落实政府权责清单制度 →
   落实政府权责清单制度), else its *key clause*: the first clause of its
   first sentence that states something (scene-setting such as 2021年以来，/
   下一步，/ 取得了一定成绩，但… and boilerplate such as 坚持以习近平…为指导 /
   深入贯彻… are passed over; after 存在…问题，如： the clause after the colon).
   A head longer than the budget keeps its leading clauses; a single clause
   longer than that is cut at the last phrase end that fits
   (``summarizer.extract.phrases``).
2. **Figures**: the item's figures are quoted whole, each as its verbatim
   phrase (label, qualifier, number, unit: 受理行政复议案件57件, 接近3000人次),
   after a colon, while they fit; subtotals (其中…) only after the totals, and
   never a figure whose phrase does not end a phrase of the text.

Nothing is glued from fragments and nothing is cut inside a word, so every
summary passes the eval's well-formedness check (``summarizer.evals.reader``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from summarizer.extract.phrases import (
    DANGLING_ENDS,
    DANGLING_STARTS,
    PAIRS,
    balanced,
    first_word,
    is_phrase_end,
    is_word_boundary,
    last_word,
    tagged_spans,
)
from summarizer.schema import Figure
from summarizer.structure import marker_end, own_heading_start

SUMMARY_MAX = 60
# Where a clause of the text ends: a summary copies clauses whole, from one of these to the next.
CLAUSE_STOPS = "，,；;。：:！？!?\n"
# Words a clause may open with that link it to what came before or name the issuer itself
# (同时，/ 此外 / 我县 / 全区): a rule of the genre, where the issuer writes of itself as 我X
# and every sentence is its own. A copied clause starts after them.
LEADING_CONNECTIVE = re.compile(
    r"(?:与此同时|同时|此外|另外|另一方面|首先|其次|再次|最后|并且|并"
    r"|[我全本](?:街道|办事处|单位|部门|系统|县|区|市|局|镇|乡|委|厅|省|州|盟|旗|办|院|处|署|中心))[，,]?"
)
_CN_NUMERALS = "一二三四五六七八九十"
_RATE_UNITS = ("%", "％", "‰", "倍", "百分点")
_MIN_HEAD = 4  # a heading shorter than this (一、 总体情况 …) does not say what the item is
_MIN_BODY = 12  # room a heading must leave before the body's first clause is added to it
_SENTENCE_END = "。！？!?\n"
_CLAUSE_BREAK = "，,；;。！？!?\n"
_STRIP = " \u3000\t,，。；;:：、"
_OPENING = "".join(a for a, _ in PAIRS)
_CLOSING = "".join(b for _, b in PAIRS)
# Openings that set the scene rather than state the item: 2021年以来，/ 下一步，/ 同时，
# Scene-setting: times (a clause of dates only, 在7月和11月, 截至2025年12月, states no result),
# linking words, inline markers. The genre writes the year so far in several ways (今年以来,
# 今年来, 近年以来): each is tried before the bare 今年/近年, which would otherwise leave a torn
# 来， at the summary's start. (五年来 is left: a plan-period review states its results by it.)
_SCENE_SETTING = re.compile(
    r"(?:(?:在|于|截至|截止)?(?:(?:19|20)\d\d年(?:以来|度|[上下]半年|初|底|末)?|\d{1,2}月(?:\d{1,2}日)?(?:以来|份|底|初|末)?"
    r"|一年来|(?:今|近)年(?:以)?来|今年|近年|年初|年中|年底|近期|日前|当前|目前|截至目前|下一步|下步|接下来|今后|同时|此外|另外"
    r"|[一二三四五六七八九十]是)(?:[和、至到](?=\d))?\s*)+[，,]?"
)
# The genre's formula that opens a list of shortcomings (存在的问题主要是…、…；不足主要表现在…):
# the list that follows is the statement, as after the colon of 存在…问题，如：….
_PROBLEMS_LEAD = re.compile(
    r"(?:存在的?(?:主要)?(?:问题|不足|短板|差距)[，,]?(?:主要)?|(?:问题|不足|短板|差距)[，,]?主要)"
    r"(?:是|有|在于|表现为|表现在)[：:，,]?"
)
# An enumeration's closing 等 (…有待加强等。): a reader loses nothing when a summary drops it.
_CLOSING_ETC = ("等等", "等")
# 取得了一定成绩，但…，: the concession before a stated shortcoming.
_CONCESSION = re.compile(r"[^。]*?取得[^。]*?(?:成绩|成效|进展)[^。]*?[，,](?:但|然而|不过)[^。]*?[，,:：]")
# A clause that only gives the means or the grounds (根据…标准, 结合党史学习教育): it sets the
# scene for the clause after it.
_ADVERBIAL = re.compile(r"(?:根据|按照|依照|依据|依托|结合|围绕|对照|对标|通过|借助|利用|为了|随着|针对)[^，,；;]*")
# Clauses every report opens with: they say nothing about this item.
_BOILERPLATE = re.compile(
    r"习近平|党的[二十]+大|贯彻落实《|(?:贯彻|落实)[^，,]{0,30}(?:精神|部署|要求)|围绕[^，,]{2,30}(?:中心工作|重点工作|大局)|在[^，,]{2,24}(?:领导|指导)下"
    r"|(?:按照|根据)[^，,]{2,40}(?:要求|部署|规定)|紧紧围绕|坚持党的领导|^为(?:深入|全面|进一步|推进|加强|切实)"
)


def build_summary(
    text: str,
    start: int,
    end: int,
    figures: list[Figure],
    heading: tuple[int, int] | None = None,
    *,
    heading_alone: bool = False,
    whole_sentences: bool = False,
) -> str:
    """The summary of the item whose evidence is ``text[start:end]``.

    ``heading`` is the span of the unit's heading, when it has one worth saying. With a heading:
    the heading, then ``：`` and one whole clause of the body stating its result when both fit
    (with ``whole_sentences``, a government work report's rule: only a clause of the unit's
    opening, ``unit_opening``, that opens its sentence); with ``heading_alone``, the heading by
    itself; without a heading: the first whole clause(s) of the evidence that state what was done
    or found."""
    head = _trim(text, *heading) if heading else (0, 0)
    if head[1] > head[0]:
        # A PDF line or a one-line text may run the parent's heading into the unit's
        # (2023年工作开展情况（一）加强组织领导): the unit's own heading follows the last marker.
        head = (head[0] + own_heading_start(text[head[0] : head[1]]), head[1])
    if head[1] - head[0] >= _MIN_HEAD:
        # A heading is kept whole or by whole leading clauses; one that cannot be (一是印发《…》
        # with a title longer than a summary) gives way to the body's stated clause.
        head_start, head_end = _fit(text, *head, SUMMARY_MAX, clauses_only=True)
        summary = text[head_start:head_end]
        budget = SUMMARY_MAX - len(summary) - 1
        if summary and head_end == head[1] and budget >= _MIN_HEAD and not heading_alone:
            body = max(start, head[1])
            while body < end and (text[body] in _STRIP or text[body] in _SENTENCE_END):
                body += 1
            if whole_sentences:
                end = unit_opening(text, body, end).end
            clause = _result_clause(text, body, end, figures, budget, whole_sentences)
            if clause is not None and text[clause[0] : clause[1]] not in summary:
                clause_end = _without_closing_etc(text, *clause)
                summary += ("：" if "：" not in summary else "，") + text[clause[0] : clause_end]
        if summary:
            return summary
    stated = _stated_clauses(text, start, end, figures)
    return text[stated[0] : _without_closing_etc(text, *stated)] if stated else ""


def _without_closing_etc(text: str, start: int, end: int) -> int:
    """``end`` before an enumeration's closing 等 that ends the clause (…有待加强等。)."""
    for word in _CLOSING_ETC:
        cut = end - len(word)
        if (cut - start >= _MIN_HEAD and text.endswith(word, start, end) and is_word_boundary(text, cut)
                and (end >= len(text) or text[end] in CLAUSE_STOPS)):
            return cut
    return end


def _result_clause(
    text: str, start: int, end: int, figures: list[Figure], budget: int, whole_sentences: bool = False
) -> tuple[int, int] | None:
    """One whole clause of ``text[start:end]`` that states the unit's main result, within ``budget``:
    the first clause with a figure of the report year (named, not a subtotal, no earlier period,
    comparison or sub-unit in the clause), else the first clause that states what was done; with
    ``whole_sentences`` only one that opens its sentence (its subject is not in a clause before it)."""
    clauses = _clauses(text, start, end)
    for s, e in clauses:
        inside = _figures_in(figures, s, e)
        if not inside or any(f.scope is not None for f in inside) or not any(f.label and f.part_of is None
                                                                              for f in inside):
            continue  # (asked first: most clauses state no figure, and their lead-in need not be found)
        if not opens_sentence(text, s, start):
            if whole_sentences:
                continue
            # A rule-of-law report states a unit's results late in the unit, often in a later clause
            # of a sentence. One that leans on the clause before for its subject (…信息平台，|覆盖…176家
            # 执法单位; …已办结1388件，|及时办结率100%) is quoted with its sentence from the subject when
            # that fits, else passed over; one that names its own subject is quoted alone.
            # A share (…已办结1388件，|及时办结率100%) names its measure but not its base: the sentence
            # when it fits, else the share alone, a result still.
            leans, share = leans_on_clause_before(text, s, start), _SHARE_ONLY.fullmatch(text, s, e) is not None
            if leans or share:
                whole = _copyable(text, _sentence_begin(text, s, start), e, figures)
                if whole and whole[1] - whole[0] <= budget and not _BOILERPLATE.search(text, *whole):
                    return whole
                rest = _respective_rest(text, s, e) if leans else None
                if rest is None:
                    if leans:
                        continue
                else:
                    s = rest
        copied = _copyable(text, s, e, figures)
        if copied and copied[1] - copied[0] <= budget:
            return copied
    key_start = _key_clause(text, start, end)[0]
    if whole_sentences:  # the first sentence of the opening that states a measure, from its start
        return next((c for s, e in clauses if e > key_start and opens_sentence(text, s, start)
                     and (c := _copyable(text, max(s, key_start), e, figures)) is not None
                     and c[1] - c[0] <= budget and not _background(text, *c) and not _BOILERPLATE.search(text, *c)
                     and not any(f.scope is not None for f in _figures_in(figures, *c))), None)
    first = next(((s, e) for s, e in clauses if e > key_start), None)
    stated = _copyable(text, max(first[0], key_start), first[1], figures) if first else None
    if stated is None or stated[1] - stated[0] > budget:
        return None
    if any(f.scope is not None for f in _figures_in(figures, *stated)):
        return None  # an earlier period's figure is no result of the year
    return stated


# A government work report opens many a unit with its background, not its measure: a judgement
# (港口是盐田发展的最大优势), the situation faced (面对世界经济复苏乏力…; 盐田旅游面临着…), a time
# (新年伊始), what must be (我们必须坚决破除…). After a heading such a clause says nothing the unit
# did or will do.
_BACKGROUND_OPENERS = ("面对", "面临", "随着", "伴随", "必须", "我们必须")
_BACKGROUND_WORDS = frozenset({"是", "面临", "面临着", "事关", "关系到", "伊始"})
_MIN_STATED = 6  # a shorter clause (新年伊始, 成效明显) states no measure


def _background(text: str, start: int, end: int) -> bool:
    """Whether the clause ``text[start:end]`` gives the unit's background rather than a measure."""
    if end - start < _MIN_STATED or text.startswith(_BACKGROUND_OPENERS, start):
        return True
    return any(text[s:e] in _BACKGROUND_WORDS for s, e, _ in tagged_spans(text, start, end))


# 分别 (respectively) spreads a verb over the subjects named before it (…“两平台”与12345热线平台，|分别
# 办理行政检查案987宗、行政处罚案15宗). Where each number has its own noun (no bare 、15宗 list), the
# clause after 分别 is the issuer's own measure, as a reader quotes it (办理行政检查案987宗、…).
_RESPECTIVELY = "分别"
_BARE_NUMBER_LIST = re.compile(r"、\s*\d")


def _respective_rest(text: str, start: int, end: int) -> int | None:
    """Where the clause ``text[start:end]`` goes on after its opening 分别, when what follows is a
    measure that stands alone (``_RESPECTIVELY``); None otherwise."""
    rest = start + len(_RESPECTIVELY)
    if not text.startswith(_RESPECTIVELY, start) or not is_word_boundary(text, rest):
        return None
    clause = text[rest:end]
    if (first_word(clause) in PREDICATING_OPENERS or clause.startswith(_PREDICATING_PREFIXES)
            or _BARE_NUMBER_LIST.search(clause) or not re.search(r"\d", clause)):
        return None
    return rest


def _figures_in(figures: list[Figure], start: int, end: int) -> list[Figure]:
    return [f for f in figures if f.span is not None and start <= f.span.start and f.span.end <= end]


def _copyable(text: str, start: int, end: int, figures: list[Figure]) -> tuple[int, int] | None:
    """The clause ``text[start:end]`` without its lead-in (numbering marker, 同时/此外/我县…, 2021年以来):
    the span a summary may copy. The lead-in stays when it states the scope of a figure in the
    clause (2021年以来累计…): without it the figure would read as the year's. None when what is
    left is no statement (too short, unbalanced, a lone scene-setting phrase)."""
    lead = _lead_in_end(text, start, end)
    if lead > start and any(f.scope_text and f.scope_text in text[start:lead] for f in _figures_in(figures, start, end)):
        lead = start
    if end - lead < _MIN_HEAD or not balanced(text[lead:end]):
        return None
    if first_word(text[lead:end]) in DANGLING_STARTS or _SCENE_SETTING.fullmatch(text, lead, end):
        return None
    return lead, end


def _stated_clauses(text: str, start: int, end: int, figures: list[Figure]) -> tuple[int, int] | None:
    """The statement of an unheaded passage, copied whole: from its key clause (``_key_clause``) as
    many clauses of that sentence as fit in SUMMARY_MAX; when its first clause alone is longer, the
    next clause of the evidence that fits; as a last resort the key clause cut at a phrase end."""
    key_start, key_end = _key_clause(text, start, end)
    copied = _copyable(text, key_start, key_end, figures) or (key_start, key_end)
    if figures and any(f.scope_text and f.scope_text in text[key_start:copied[0]] for f in figures):
        copied = (key_start, copied[1])
    fit = _fit(text, *copied, SUMMARY_MAX, clauses_only=True)
    if fit[1] > fit[0] and fit[1] - fit[0] >= _MIN_HEAD:
        return fit
    first_clause = next(iter(_clauses(text, *copied)), copied)
    for c_start, c_end in _clauses(text, first_clause[1], end):
        c = _copyable(text, c_start, c_end, figures)
        if c and c[1] - c[0] <= SUMMARY_MAX and not _BOILERPLATE.search(text[c[0] : c[1]]):
            return c
    fit = _fit(text, *copied, SUMMARY_MAX)
    return fit if fit[1] > fit[0] else None


def clause_bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` starts and ends where clauses of the text do.

    It ends before ``，；。：`` (or ！？, a line break, a blank, the text's end, an enumeration's
    closing 等 before one); it starts after one of them, a numbering marker or leading
    connectives (``LEADING_CONNECTIVE``) or scene-setting time words (2021年以来，) in front of the
    clause, or after the genre's formula that opens a list of shortcomings (存在的问题主要是)."""
    if start >= end:
        return False
    if not (end >= len(text) or text[end] in CLAUSE_STOPS or text[end].isspace()
            or _without_closing_etc(text, start, end + 2) == end or _without_closing_etc(text, start, end + 1) == end):
        return False  # (…有待加强|等。: an enumeration's closing 等 may be dropped)
    lead = _PROBLEMS_LEAD.search(text, max(0, start - 12), start)
    if lead and lead.end() == start:
        return True  # 存在的问题主要是|…: the list after the genre's formula
    floor = start
    while floor > 0 and not _stop_before(text, floor) and start - floor < 40:
        floor -= 1
    if (floor == 0 or _stop_before(text, floor)) and _lead_in_end(text, floor, start) == start:
        return True
    # A heading whose line break was lost (…全面加强（一）坚持…): it starts after its marker.
    return any(marker_end(text, p, len(text)) is not None and _lead_in_end(text, p, start) == start
               for p in range(max(floor, start - 12), start))


# Where a sentence of the genre ends, for ``opens_sentence``: its full stop, or the ； that
# closes each of the genre's listed measures (…；二是…), or a line break (a paragraph).
_SENTENCE_STOPS = "。！？!?；;\n"


def opens_sentence(text: str, pos: int, floor: int = 0) -> bool:
    """True when the clause at ``pos`` opens its sentence: only a lead-in (a numbering marker,
    leading connectives, scene-setting words such as 2021年以来，/ 今年，我区) stands between the
    sentence's start (not before ``floor``: a unit's body, where a heading whose line break was
    lost ends) and ``pos``. A clause further on in its sentence leans on the ones before it
    for its subject or object (完成…项目60个，|获市财政奖补资金8亿元): quoted alone after a heading,
    it reads as the heading's result, which it is not."""
    return _lead_in_end(text, _sentence_begin(text, pos, floor), pos) >= pos


def _sentence_begin(text: str, pos: int, floor: int = 0) -> int:
    """Where the sentence holding ``pos`` begins (``_SENTENCE_STOPS``; not before ``floor``)."""
    begin = pos
    while begin > floor and text[begin - 1] not in _SENTENCE_STOPS:
        begin -= 1
    while begin < pos and (text[begin] in _STRIP or text[begin].isspace()):
        begin += 1
    return begin


# How far into its unit a clause joined to the unit's heading may come from: the body's opening
# sentences. Both genres open a unit with its main measure or result, then list the rest.
OPENING_SENTENCES = 2
_FULL_STOPS = "。！？!?"
# A run-in headline inside a unit (创新载体加快建设。… under a section's heading): a short sentence
# without a comma or a number at a paragraph's or sentence's start (a short sentence with a number,
# 组织案卷评查2次。, states a result). A 政府工作报告 heads each sub-task of a long section so; a
# clause after it belongs to that sub-task, not to the section.
_HEADLINE = r"[ \u3000\n]*([^，,；;：:。！？\n\d０-９]{4,16})。"
_RUN_IN_HEADLINE = re.compile(r"(?:^|(?<=[。！？\n]))" + _HEADLINE, re.MULTILINE)
_HEADLINE_AT = re.compile(_HEADLINE)
# Words that open a clause stating something of what the clause before it names: its rise or
# fall, share, rank or reach (地区生产总值1100亿元，|增长5.7%; …项目60个，|获…奖补资金; …前列). The
# genre writes such a result in the clause after the thing it counts: alone after a heading, the
# clause has no subject (a reader asks: what grew?).
PREDICATING_OPENERS = frozenset({"增长", "下降", "增加", "减少", "提高", "降低", "高于", "低于", "超过", "达到",
                                 "分别", "均", "同比", "比上年", "较上年", "占", "居", "位居", "位列", "排名", "获",
                                 "获得", "惠及", "覆盖", "涉及", "其中", "相当于"})
# (jieba glues 获 to what follows it, 获市…; other one-character openers are taken as words: 居 not 居民)
_PREDICATING_PREFIXES = tuple(w for w in PREDICATING_OPENERS if len(w) > 1 or w == "获")


class Opening(NamedTuple):
    """Where a unit's opening ends (``end``), and the run-in headline that ends it, if one does."""

    end: int
    headline: tuple[int, int] | None


def unit_opening(text: str, body: int, end: int) -> Opening:
    """The opening of the unit whose body (after its heading) is ``text[body:end]``: its first
    OPENING_SENTENCES sentences, up to the first run-in headline of a sub-task (none at all when
    the body starts with one: the section's heading is then its only statement of its own)."""
    pos = body
    while pos < end and (text[pos] in _STRIP or text[pos] in _FULL_STOPS or text[pos].isspace()):
        pos += 1  # (the heading's own full stop: （一）…发展。…)
    at_start = _HEADLINE_AT.match(text, pos, end)  # a heading whose line break was lost runs into it
    headline = at_start or _RUN_IN_HEADLINE.search(text, pos, end)
    stop, seen = end, 0
    for m in _SENTENCE_END_MARK.finditer(text, pos, end):
        if text[m.start()] in _FULL_STOPS:
            seen += 1
            if seen == OPENING_SENTENCES:
                stop = m.end()
                break
    if headline and headline.start(1) < stop:
        return Opening(headline.start(1), headline.span(1))
    return Opening(stop, None)


# A clause that states only a share (及时办结率100%, 参考率、优秀率达100%, 网上可办率99.3%): a rule-of-law
# report writes it after the clause that counts its base (共受理…1388件，已办结1388件，|及时办结率100%).
_SHARE_ONLY = re.compile(r"[^\d，,；;。：:]{1,16}?(?:达到|高达|达|为)?\d+(?:[.．]\d+)?[%％]")


def leans_on_clause_before(text: str, pos: int, floor: int = 0) -> bool:
    """True when the clause at ``pos`` is a later clause of its sentence (``opens_sentence``) that
    states something of what the clause before it names (its rise, share, rank or reach:
    PREDICATING_OPENERS)."""
    if opens_sentence(text, pos, floor):
        return False
    stop = _CLAUSE_MARKS.search(text, pos)
    clause = text[pos:stop.start() if stop else len(text)]
    return first_word(clause) in PREDICATING_OPENERS or clause.startswith(_PREDICATING_PREFIXES)


def _stop_before(text: str, pos: int) -> bool:
    """True when a clause ends right before ``pos``: a clause stop, or a blank between Chinese
    characters, which Chinese does not write between words: what a lost line break left of
    itself (…法治政府建设 区委区政府…) in text that lost its line breaks."""
    char = text[pos - 1]
    return char in CLAUSE_STOPS or (char.isspace() and pos > 1 and not text[pos - 2].isascii())


def _lead_in_end(text: str, pos: int, limit: int) -> int:
    """Where the lead-in of a clause starting at ``pos`` ends: blanks, a numbering marker, then
    leading connectives and scene-setting words, each a whole word (not past ``limit``)."""
    while pos < limit and text[pos].isspace():
        pos += 1
    after_marker = marker_end(text, pos, len(text))
    if after_marker is not None and after_marker <= limit:
        pos = after_marker
    elif (pos < limit and (text[pos] == "是" or (text[pos] in _CN_NUMERALS and text[pos + 1 : pos + 2] not in _CN_NUMERALS))
          and is_word_boundary(text, pos + 1)):
        # 一是 with its numeral or its 是 lost (是加强…, 二充分发挥…), as structure repairs it; a numeral
        # that begins a word of the clause is its content (一些领域, 五年来, 十件实事, 一体推进).
        pos += 1
    while pos < limit:
        while pos < limit and text[pos].isspace():
            pos += 1
        m = LEADING_CONNECTIVE.match(text, pos, limit) or _SCENE_SETTING.match(text, pos, limit)
        if not m or m.end() == pos or not is_word_boundary(text, m.end()):
            break
        pos = m.end()
    return pos


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces and punctuation."""
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


# The characters a clause split looks at; the rest of the text is skipped at C speed.
_CLAUSE_MARKS = re.compile("[" + re.escape(_CLAUSE_BREAK + _OPENING + _CLOSING) + "]")
_SENTENCE_END_MARK = re.compile("[" + re.escape(_SENTENCE_END) + "]")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]`` (split at ，；。 and line breaks outside brackets
    and quotes), trimmed."""
    spans, pos, depth = [], start, 0  # depth: brackets or quotes open before the character
    for m in _CLAUSE_MARKS.finditer(text, start, end):
        i = m.start()
        char = text[i]
        if char in _CLAUSE_BREAK and (not depth or char == "\n"):
            spans.append(_trim(text, pos, i))
            pos = i + 1
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
    spans.append(_trim(text, pos, end))
    return [(s, e) for s, e in spans if e > s]


def _key_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The statement of an unheaded passage: its first sentence from its first clause that
    states something, or what follows the colon of 存在…问题，如：…"""
    first_end = _SENTENCE_END_MARK.search(text, start, end)
    s_end = first_end.start() if first_end else end
    for colon in ("：", ":"):
        at = text.find(colon, start, s_end)
        if at != -1 and s_end - at > 8 and at - start <= 80:
            return _trim(text, at + 1, s_end)
    lead = _PROBLEMS_LEAD.search(text, start, s_end)
    if lead and s_end - lead.end() > 8 and lead.start() - start <= 80:
        return _trim(text, lead.end(), s_end)
    m = _CONCESSION.match(text, start, s_end)
    pos = m.end() if m else start
    clauses = _clauses(text, pos, s_end)
    for i, (c_start, c_end) in enumerate(clauses):
        m = _SCENE_SETTING.fullmatch(text, c_start, c_end) or _SCENE_SETTING.match(text, c_start, c_end)
        if m and m.end() == c_end:
            continue  # a clause of scene-setting only: 2021年以来，
        if i + 1 < len(clauses) and (
            _BOILERPLATE.search(text[c_start:c_end]) or _ADVERBIAL.fullmatch(text, c_start, c_end)
        ):
            continue
        if m and is_word_boundary(text, m.end()):
            c_start = m.end()
        return _trim(text, c_start, s_end)
    return _trim(text, start, s_end)


def statement_start(text: str, start: int, end: int) -> int:
    """Where the first sentence of ``text[start:end]`` starts to state something: after its
    scene-setting (过去一年，) and boilerplate clauses (在…领导下，坚持以习近平…为指导，深入贯彻…精神，)."""
    return _key_clause(text, start, end)[0]


def _drop_trailing_scene(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without closing clauses that only set the scene (…材料，年初以来)."""
    clauses = _clauses(text, start, end)
    while len(clauses) > 1 and _SCENE_SETTING.fullmatch(text, *clauses[-1]):
        clauses.pop()
    return (start, clauses[-1][1]) if clauses else (start, end)


def _fit(text: str, start: int, end: int, budget: int, clauses_only: bool = False) -> tuple[int, int]:
    """``text[start:end]`` cut to at most ``budget`` characters: at the last clause end that
    fits, else (unless ``clauses_only``) at the last phrase end that fits and does not leave a
    dangling word."""
    if end - start <= budget:
        return start, end
    clause_ends = [e for _, e in _clauses(text, start, end) if e - start <= budget]
    if clause_ends:
        return _trim(text, start, clause_ends[-1])
    if clauses_only:
        return start, start
    for cut in range(start + budget, start + _MIN_HEAD, -1):
        piece = text[start:cut]
        if (is_phrase_end(text, cut) and text[cut - 1] not in _STRIP and balanced(piece)
                and last_word(piece) not in DANGLING_ENDS):
            return _trim(text, start, cut)
    return start, start


def fallback_summary(text: str, start: int, end: int) -> str:
    """A summary when neither heading nor key clause gives one: the evidence's first clauses
    that fit, else its first SUMMARY_MAX characters cut between words."""
    fit_start, fit_end = _fit(text, *_trim(text, start, end), SUMMARY_MAX)
    if fit_end > fit_start:
        return text[fit_start:fit_end]
    s, e = _trim(text, start, end)
    cut = next((c for c in range(min(e, s + SUMMARY_MAX), s, -1) if is_word_boundary(text, c)), e)
    # An evidence of punctuation only (a garbled page) has no words to choose: quote it.
    return text[s:cut].strip() or text[start:end].strip()[:SUMMARY_MAX]
