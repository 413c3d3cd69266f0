"""Where the parts of a 政府工作报告 lie: review, problems, targets, plans, self-building.

Rules of the genre: the report reviews the past year (一、2024年工作回顾 / 过去一年… /
过去五年…), then admits its difficulties in a paragraph that opens with a cue (我们也清醒
地看到…困难和挑战；…存在的问题和短板), then turns to this year (二、2025年工作安排 /
主要任务 / 主要工作), states the 主要预期目标 and lists the tasks; it ends the tasks with
the section on the government's own building (加强政府自身建设), then an appeal (各位代表！…)
and sometimes appendices (附件, 名词解释).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from summarizer.extract.govwork.units import (
    MARKER,
    Unit,
    has_run_in_headline,
    is_formula,
    is_heading_line,
)

# A section heading of the review: 2019年工作回顾, 过去五年工作回顾, 一、过去一年的工作.
_REVIEW_HEADING = re.compile(r"回顾|过去[一五]年|工作总结|一年来的工作|成就|成绩")
# A section heading of this year's work: 2025年工作安排, 2018年主要工作, 发展目标和主要任务; the
# State Council's 今年发展主要目标和下一阶段工作总体部署 (targets and the deployment of the year).
_PLANS_HEADING = re.compile(r"(工作|主要|重点)(安排|任务|工作|部署)|总体部署|发展目标|主要目标|目标任务|总体要求|"
                            r"今年(的)?(工作|发展)")
# An outlook section that also reviews the period closed (“十三五”时期发展成就和…), and the
# paragraphs that do so.
_ACHIEVEMENTS = re.compile(r"成就|回顾")
_PERIOD_REVIEW = re.compile(r"过去五年|五年来")
_PLAN_PERIOD = re.compile(r"十[一二三四五六]五")
# The review of a closed plan period set before the year's, unnumbered, under the review's heading
# (“十三五”时期主要成绩及2020年工作回顾 / 过去的五年，是…的五年。… 五年时光荏苒，…：地区生产总值从…): a
# paragraph that opens with the period starts it, one that opens with the year reviewed ends it
# (各位代表！刚刚过去的2020年，… / 2020年是…收官之年 / 过去一年，…).
_ADDRESSED = r"(?:各位代表[！!，,：:]\s*)?"
_PERIOD_OPENER = re.compile(_ADDRESSED + r"(?:过去(?:的)?五年|五年来|[“\"]?十[一二三四五六]五[”\"]?(?:时期|期间|以来))")
_YEAR_OPENER = re.compile(_ADDRESSED + r"(?:刚刚过去的|过去(?:的)?一年|一年来|去年|(?:19|20)\d\d年)")
# The paragraph of an outlook section that states the goals of the plan period ahead (“十四五”时期我省
# 经济社会发展的主要目标是：… / 今后五年…主要目标是：… / 未来五年，政府要努力实现以下目标：…): the plans
# of the period, set apart from the year's tasks by the period they name.
# The cue's sentence names the period (not the year's 今年…主要目标是：).
_PERIOD_GOALS = re.compile(r"(?:(?:今后|未来)五年|十[一二三四五六]五)[^。！？]{0,40}?"
                           r"(?:(?:主要|奋斗|发展)目标(?:是|为)[：:]|(?:实现|完成)以下(?:几个)?(?:方面的?)?目标)")
# The heading of the year's tasks themselves: 三、2014年重点工作, 主要任务, 重点任务; or one that
# calls to do the year's work after a section on its goals (二、…全力实现2025年政府工作总体目标要求 /
# 三、干字当头、凝心聚力，全面抓好2025年政府工作; 扎实做好今年各项工作).
_TASKS_HEADING = re.compile(r"重点工作|主要任务|重点任务|工作任务|"
                            r"[抓做]好(?:\d{4}年|今年|全年)?(?:的)?(?:政府|各项)?工作")
# A heading that looks further than the year (今后五年, 十四五时期的目标): neither part.
_OUTLOOK_HEADING = re.compile(r"(今后|未来)五年|五年(的)?(奋斗|发展|主要)?目标|十[一二三四五六]五[”\"’]?(时期|规划)")
# The sentence that admits difficulties: 清醒地认识到/看到, 困难和问题/挑战, 问题和短板, 存在的不足
# (not the review's remedy of them: 认真整改存在的问题, 解决存在的问题).
PROBLEM_CUE = re.compile(
    r"清醒(地)?(认识|看到)|困难和(问题|挑战)|问题和(不足|短板)|不足和问题|(?<!整改)(?<!解决)(?<!查摆)(?<!查找)(?<!梳理)存在(的)?(问题|不足|短板)|"
    r"(短板|软肋)不容忽视|差距和不足|不足和差距|看到不足|不足之处|问题和挑战"
)
# The statement of the year's targets: 主要预期目标是：…, 主要预期指标为…, 主要预期目标：…. A
# mention in passing (完成全年主要目标任务, in the review) states none: the cue is the noun
# followed by 是/为/如下 or a colon, or 主要预期目标 itself.
TARGETS_CUE = re.compile(r"主要(预期)?(目标|指标)(是|为|如下)[：:]?|主要(预期)?(目标|指标)[：:]|主要预期(目标|指标)|"
                         r"预期目标(是|为)[：:]?")
# Where no sentence announces them so (我们对…预期目标作了适当调整。…；城镇新增就业900万人以上，
# 城镇调查失业率6%左右…), the targets paragraph is the first of the year's part that speaks of its
# 预期目标/主要目标 and sets bounded figures (6%左右, 900万人以上) in it.
_TARGETS_MENTION = re.compile(r"(预期|主要)(目标|指标)")
_BOUNDED_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|个百分点|[万亿]?[元人户个])?\s*(?:左右|以上|以内|以下|上下)")
_BOUNDED_MIN = 2
_ENUMERATOR = re.compile(r"[一二三四五六七八九十]{1,2}是")
# The end of the report's body: its appendices (附件, a glossary, the notes that explain how the
# year's indicators were estimated: 2015年主要指标测算说明, 附表).
_APPENDIX = re.compile(r"附件|附录|名词解释|术语解释|注释|名词、术语|(?:测算|编制|指标)说明|附表")
# The closing appeal that ends the body (各位代表，…让我们…而努力奋斗！): a heading line after it opens
# an appendix, whatever its wording.
_CLOSING_APPEAL = re.compile(r"让我们[^。！!？?\n]*[！!]\s*$")
# A glossary's label alone, its colon kept (名词解释：), a line of its own once cut from a run-on text.
_GLOSSARY_LABEL = re.compile(r"\s*(?:《?政府工作报告》?)?(?:有关)?(?:名词|术语)(?:、术语)?(?:解释|注释)[：:]\s*")


@dataclass(frozen=True)
class Layout:
    """Paragraph index ranges ``[a, b)`` of each part's run, and the targets paragraph."""

    review: tuple[int, int]
    problems: tuple[int, int] | None
    targets: int | None
    plans: tuple[int, int]
    # Paragraphs reviewing a closed plan period under a section that also looks ahead
    # (二、“十三五”时期发展成就和“十四五”时期主要目标任务 / 过去五年，…), or unnumbered before the
    # year's review (see ``_PERIOD_OPENER``): review, each one item.
    five_year_review: tuple[tuple[int, int], ...] = ()  # their spans
    # The paragraphs of an outlook section that state the next plan period's goals (see
    # ``_PERIOD_GOALS``): plans, each one item.
    five_year_goals: tuple[int, ...] = ()
    # The closed plan period as the review's heading or opening names it (“十三五”时期), else 过去五年:
    # the category that marks its review items.
    closed_period: str = "过去五年"
    # The plan period ahead as its goals' sentence names it (“十四五”时期目标), else 今后五年目标: the
    # category that marks its goals among the plans.
    next_period: str = "今后五年目标"


def _top_heading(text: str, start: int, end: int) -> bool:
    """A section heading of the report's first level: a short line, numbered 一、 or not."""
    if not is_heading_line(text, start, end):
        return False
    line = text[start:end].strip()
    return not MARKER.match(line) or re.match(r"[一二三四五六七八九十]{1,2}、", line) is not None


def find_layout(text: str, paragraphs: list[tuple[int, int]]) -> Layout:
    """Where each part lies, by the genre's headings and cues (see the module docstring)."""
    n = len(paragraphs)
    body_end = next((i for i, (s, e) in enumerate(paragraphs)
                     if (is_heading_line(text, s, e) and _APPENDIX.search(text, s, e))
                     or _GLOSSARY_LABEL.fullmatch(text, s, e)), n)
    appeal = next((i for i in range(body_end - 1, -1, -1) if _CLOSING_APPEAL.search(text, *paragraphs[i])), None)
    if appeal is not None:
        body_end = next((i for i in range(appeal + 1, body_end) if is_heading_line(text, *paragraphs[i])), body_end)
    review_at = plans_at = None
    outlook: list[int] = []
    for i, (s, e) in enumerate(paragraphs[:body_end]):
        if not _top_heading(text, s, e):
            continue
        line = text[s:e]
        if review_at is None and plans_at is None and _REVIEW_HEADING.search(line):
            review_at = i  # (一、“十三五”时期发展成就和2020年主要工作: a review, though it names a plan period)
        elif _OUTLOOK_HEADING.search(line):
            outlook.append(i)
        elif plans_at is None and review_at is not None and _PLANS_HEADING.search(line):
            plans_at = i
    targets_at = _targets_paragraph(text, paragraphs, plans_at, review_at, body_end)
    if plans_at is None:
        plans_at = targets_at if targets_at is not None else body_end
    review_start = review_at + 1 if review_at is not None else 0
    problems_at = next((i for i in range(review_start, plans_at)
                        if PROBLEM_CUE.search(*_first_sentence(text, *paragraphs[i]))), None)
    review_end = problems_at if problems_at is not None else plans_at
    # An outlook section inside the review's range (十三五 vision) ends the review.
    review_end = min([review_end, *(o for o in outlook if review_start < o < review_end)])
    problems = None
    if problems_at is not None:
        problems_end = next((i for i in range(problems_at + 1, plans_at)
                             if _top_heading(text, *paragraphs[i]) or MARKER.match(text, paragraphs[i][0])
                             and not _ENUMERATOR.match(text, paragraphs[i][0])),
                            plans_at)
        problems = (problems_at, problems_end)
    plans_start = (targets_at + 1) if targets_at is not None else plans_at + 1
    # A report that deploys the year first (二、2014年工作总体部署: targets, principles 第一，…) and
    # lists its tasks under a later heading of their own (三、2014年重点工作) starts the plans there.
    tasks_at = next((i for i in range(plans_start, body_end) if _top_heading(text, *paragraphs[i])
                     and _TASKS_HEADING.search(text, *paragraphs[i])), None)
    if tasks_at is not None and targets_at is not None:
        plans_start = tasks_at + 1
    plans_end = min([body_end, *(o for o in outlook if o > plans_start)])
    five_years = tuple(i for o in outlook if _ACHIEVEMENTS.search(text, *paragraphs[o])
                       for i in _period_review(text, paragraphs, o + 1, body_end))
    block = _period_block(text, paragraphs, review_start, review_end) if review_at is not None else []
    goals: list[int] = []
    ahead = None  # the period they look to, as their sentence or else their section's heading names it
    for o in outlook:
        section_end = next((j for j in range(o + 1, body_end) if _top_heading(text, *paragraphs[j])), body_end)
        for i in range(o + 1, section_end):
            if i not in five_years and i not in block and i != targets_at and (cue := _PERIOD_GOALS.search(text, *paragraphs[i])):
                goals.append(i)
                ahead = ahead or _PLAN_PERIOD.search(cue.group(0)) or _PLAN_PERIOD.search(text, *paragraphs[o])
    # (the review's heading, the period its first paragraph opens with, the heading of an outlook
    # section that reviews it)
    named = [paragraphs[review_start - 1]] if review_at is not None else []
    if review_start < n and (opener := _PERIOD_OPENER.match(text, paragraphs[review_start][0])):
        named.append(opener.span())
    named += [paragraphs[o] for o in outlook if _ACHIEVEMENTS.search(text, *paragraphs[o])]
    closed = next((m.group(0) for s, e in named if (m := _PLAN_PERIOD.search(text, s, e))), None)
    spans = [paragraphs[i] for i in (*block, *five_years)]
    if not block and review_at is not None:
        spans[:0] = _run_on_period(text, paragraphs, review_start)
    return Layout((review_start, review_end), problems, targets_at, (plans_start, plans_end), tuple(spans),
                  tuple(goals), f"“{closed}”时期" if closed else "过去五年",
                  f"“{ahead.group(0)}”时期目标" if ahead else "今后五年目标")


# A unit of the review that says it covers the plan period in its opening sentences (一是…。五年来，
# 我们… / ——五年来，… / 过去五年，…).
_OVER_THE_PERIOD = re.compile(r"五年来|过去(?:的)?五年|五年(?:共|累计|间)")
_PERIOD_OPENING_CHARS = 80


_YEAR_NAMED = re.compile(r"(?:19|20)\d\d年")


def period_units(text: str, paragraphs: list[tuple[int, int]], review: tuple[int, int],
                 units: list[Unit]) -> set[Unit]:
    """The review units that review the closed plan period: those after a lead-in paragraph (one
    that is no unit's) opening with the period (“十三五”时期是…的五年。) and before one opening with
    the year (2020年是…收官之年), those whose opening says it (五年来，…), and the others of the
    series such a unit is numbered in (一是…七是: one account of the period)."""
    inside = [(u.start, u.end) for u in units]
    leads = []
    # A review headed by its year alone (一、2023年工作回顾) reviews that year: five-year rhetoric in
    # its opening (过去的五年，是…的五年。) frames it and marks no unit; only a unit's own opening does.
    heading = text[slice(*paragraphs[review[0] - 1])] if review[0] > 0 else ""
    year_only = bool(_YEAR_NAMED.search(heading)) and "五年" not in heading and not _PLAN_PERIOD.search(heading)
    for s, e in paragraphs[slice(*review)] if not year_only else ():
        if any(a <= s < b for a, b in inside):
            continue
        # (a run-on lead-in, its line breaks lost, turns to the year in one of its sentences)
        starts = [s, *(p + 1 for p in range(s, e - 1) if text[p] in "。！？")] if e - s > _RUN_ON_OPENER else [s]
        leads += [(p, "period" if _PERIOD_OPENER.match(text, p) else "year") for p in starts
                  if _PERIOD_OPENER.match(text, p) or _YEAR_OPENER.match(text, p)]
    found = set()
    for unit in units:
        lead = next((kind for s, kind in reversed(leads) if s < unit.start), None)
        opening = text[unit.start:min(unit.end, (unit.heading_end or unit.start) + _PERIOD_OPENING_CHARS)]
        if lead == "period" or _OVER_THE_PERIOD.search(opening):
            found.add(unit)
    kinds = [_number_kind(text, u.start) for u in units]
    run: list[Unit] = []
    for index, unit in enumerate(units):
        if kinds[index] is None or (run and kinds[index] != kinds[index - 1]):
            if any(u in found for u in run):
                found.update(run)
            run = []
        if kinds[index] is not None:
            run.append(unit)
    if any(u in found for u in run):
        found.update(run)
    return found


def _number_kind(text: str, start: int) -> str | None:
    m = MARKER.match(text, start)
    return re.sub(r"[一二三四五六七八九十]+|\d+", "N", m.group(0)) if m else None


# After the goals, in a text that lost its line breaks, the next paragraph of the outlook: a sentence
# that opens with the period again (“十四五”时期我省…的指导思想是：… / 今后五年，我们要…) or states the
# guideline (…总体要求是：). The goals end before it.
_AFTER_GOALS = re.compile(r"(?:(?:今后|未来)五年|[“\"]?十[一二三四五六]五[”\"]?时期)[，,我]|[^。！？]{0,40}(?:指导思想|总体要求)(?:是|为)[：:]")


def goals_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the goals of a plan period lie in their paragraph: from the sentence of their cue
    (a text that lost its line breaks runs the outlook's context into it) to the first sentence
    after it that opens the next paragraph of the outlook (see ``_AFTER_GOALS``), else the
    paragraph's end."""
    cue = _PERIOD_GOALS.search(text, start, end)
    if cue is None:
        return start, end
    first = max(start, *(text.rfind(c, start, cue.start()) + 1 for c in "。！？"))
    for pos in range(cue.end(), end):
        if text[pos] in "。！？" and _AFTER_GOALS.match(text, pos + 1, end):
            return first, pos + 1
    return first, end


# A period opener paragraph far longer than the genre's (its line breaks lost: “十三五”时期是…的五年。…五年
# 时光荏苒，…。2020年是“十三五”规划收官之年。…一是…): its paragraphs of the period run from its second
# sentence (after the opening summary's) to the year's, and can only be told apart where they open with
# a run-in headline (经济综合实力迈上大台阶，质量效益显著提高。…): one item each, else one item.
_RUN_ON_OPENER = 1000


def _run_on_period(text: str, paragraphs: list[tuple[int, int]], first: int) -> list[tuple[int, int]]:
    """The review of the closed period in a run-on opener paragraph (see ``_RUN_ON_OPENER``)."""
    if first >= len(paragraphs):
        return []
    start, end = paragraphs[first]
    if end - start <= _RUN_ON_OPENER or not _PERIOD_OPENER.match(text, start):
        return []
    begin = min((i for i in (text.find(c, start, end) for c in "。！？") if i >= 0), default=end) + 1
    stop = end
    for pos in range(begin, end):
        if text[pos - 1] in "。！？" and (_YEAR_OPENER.match(text, pos, end) or _INLINE_FIRST.match(text, pos, end)):
            stop = pos
            break
    if stop - begin <= _RUN_ON_OPENER // 2:
        return []
    cuts = [pos for pos in range(begin + 1, stop) if text[pos - 1] in "。！？" and has_run_in_headline(text, pos, stop)
            and not _FIRST_PERSON.match(text, pos)]
    bounds = [begin, *cuts, stop]
    return [(a, b) for a, b in pairwise(bounds) if b > a]


_INLINE_FIRST = re.compile(r"一是|一要")
# (a headline states a result; a sentence of the report's own doing, 我们坚持…，推动…。, is body)
_FIRST_PERSON = re.compile(r"我们|我[省市区县州旗]")


def _period_block(text: str, paragraphs: list[tuple[int, int]], first: int, end: int) -> list[int]:
    """The unnumbered paragraphs that review a closed plan period at the review's start, before
    the year's account (see ``_PERIOD_OPENER``): each is an item but the first, the period's
    opening summary (过去的五年，是…的五年。), and the thanks (五年的成绩来之不易)."""
    if first >= end or not _PERIOD_OPENER.match(text, paragraphs[first][0]):
        return []
    found = []
    for i in range(first + 1, end):
        start, stop = paragraphs[i]
        if (MARKER.match(text, start) or is_heading_line(text, start, stop) or has_run_in_headline(text, start, stop)
                or _YEAR_OPENER.match(text, start)):
            break  # the period's units are numbered or headed (they are units then), or the year begins
        if not is_formula(text, start, stop) and not text[start:stop].rstrip().endswith(("：", ":")):
            found.append(i)
    return found


def _period_review(text: str, paragraphs: list[tuple[int, int]], first: int, end: int) -> list[int]:
    """The paragraphs after an outlook heading that names achievements which review the period
    closed (过去五年，…; 五年来，…; the period the heading names first: “十三五”时期…), up to the
    first that looks ahead (“十四五”时期是…)."""
    heading = text[paragraphs[first - 1][0]:paragraphs[first - 1][1]]
    period = _PLAN_PERIOD.search(heading)
    found = []
    for i in range(first, end):
        start = paragraphs[i][0]
        opening = text[start:start + 8]
        if not (_PERIOD_REVIEW.match(opening) or (period and period.group(0) in opening)):
            break
        found.append(i)
    return found


def _targets_paragraph(text: str, paragraphs: list[tuple[int, int]], plans_at: int | None,
                       review_at: int | None, body_end: int) -> int | None:
    """The paragraph that states the year's 主要预期目标: announced by the cue, else the first of the
    year's part (after the review's heading when the year's own is not found, anywhere in a text
    that lost its headings with its line breaks) that speaks of its targets and sets two or more
    bounded figures."""
    after = range(plans_at + 1 if plans_at is not None else 0, body_end)
    found = next((i for i in after if TARGETS_CUE.search(text, *paragraphs[i])), None)
    if found is None:
        first = plans_at if plans_at is not None else review_at if review_at is not None else -1
        found = next((i for i in range(first + 1, body_end) if _TARGETS_MENTION.search(text, *paragraphs[i])
                      and len(_BOUNDED_FIGURE.findall(text, *paragraphs[i])) >= _BOUNDED_MIN), None)
    return found


def targets_start(text: str, start: int, end: int) -> int:
    """Where the targets begin in their paragraph: after the cue (主要预期目标是：), or after the
    sentence that speaks of them (…预期目标作了适当调整。), else at the paragraph's start."""
    if cue := TARGETS_CUE.search(text, start, end):
        return cue.end()
    if mention := _TARGETS_MENTION.search(text, start, end):
        stop = text.find("。", mention.end(), end)
        return stop + 1 if stop > 0 else start
    return start


# What the genre says right after its targets: their rationale or the means to reach them
# (上述预期目标，是…; 实现这些目标，关键是…; 加强对增长、就业…等主要目标的统筹平衡; 这里，着重对两个
# 目标加以说明). In a report whose line breaks were lost, nothing else ends the targets paragraph.
_AFTER_TARGETS = re.compile(r"(?:上述|这些|以上|这里|关于|加强对|做好今年|今年要|为(?:实现|完成)|"
                            r"(?:实现|完成|全面完成)(?:上述|这些|以上|今年|全年))")


def targets_end(text: str, start: int, end: int) -> int:
    """Where the targets end in their paragraph: before the first sentence after ``start`` that
    turns from them to their rationale or means (上述预期目标，…), else at the paragraph's end."""
    for pos in range(start, end):
        if text[pos] in "。！？" and _AFTER_TARGETS.match(text, pos + 1, end):
            return pos + 1
    return end


def _first_sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``(text, start, stop)`` bounding the paragraph's first two sentences (where a cue sits)."""
    stop, seen = start, 0
    while stop < end and seen < 2:
        if text[stop] in "。：:":
            seen += 1
        stop += 1
    return text, start, stop
