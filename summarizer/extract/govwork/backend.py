"""The rules extraction of a 政府工作报告: the genre's parts, targets and metadata."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from summarizer.extract.govwork.layout import (
    PROBLEM_CUE,
    TARGETS_CUE,
    find_layout,
    goals_span,
    period_units,
    targets_end,
    targets_start,
)
from summarizer.extract.govwork.metadata import govwork_metadata
from summarizer.extract.govwork.targets import find_targets
from summarizer.extract.govwork.units import (
    GOVERNMENT_SUBJECT,
    LESSON,
    MARKER,
    SELF_BUILDING,
    Unit,
    is_formula,
    units_in,
)
from summarizer.extract.rules.items import make_item
from summarizer.extract.rules.summaries import statement_start
from summarizer.govwork_schema import GovWorkMetadata, Target
from summarizer.schema import Item, Usage

if TYPE_CHECKING:
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure

# The section on the government's own work (the genre's last task section): 加强政府自身建设,
# 建设人民满意的政府, or a 法治政府、廉洁政府 heading. Read in a unit's heading or lead-in.
# A sentence that resolves to act on the problems: not a problem (对此，我们将…; 我们一定…).
_RESOLVE = re.compile(r"^(对此|对于这些|这些问题|针对|对(存在的|上述|以上)?(这些)?问题|对这些(问题|困难)|我们(一定|将|要|必须)|必须(高度重视|认真)|"
                      r"要(高度重视|认真))")
_ENUMERATED = re.compile(r"(?:(?<=[。；：:])|^)\s*[一二三四五六七八九十]{1,2}是", re.MULTILINE)
_SENTENCES = re.compile(r"[^。！？]+[。！？]?")
_CN_ORDER = "一二三四五六七八九十"
_CLAUSES = re.compile(r"[^。；！？]+[。；！？]?")
_OVERVIEW_MAX = 200
_CUE_CHARS = 80  # the opening of a unit, where it names the self-building (各位代表！…对政府自身建设…)
_ADDRESS_LINE = re.compile(r"\s*各位代表")
_FORMULA_THANKS = re.compile(r"崇高的?敬意|(?:衷心|诚挚|真诚|由衷)的?感谢")
_RUN_IN_HEADLINE = 15  # a run-in heading of a paragraph: one short sentence (深入推进依法行政。)
_HEADLINE_LINE_MAX = 60  # a numbered headline on a line of its own, without a full stop
# An address to the deputies after the tasks that makes the government's own work the subject of the
# points it lists (各位代表！全面完成今年各项目标任务，必须…促进政府治理能力现代化，努力开创政府工作新
# 局面。一是加强民主法治建设。…四是推进政府作风建设。…, 广东省 2017): the self-building, unheaded.
_ADDRESS_ON_GOVERNMENT = re.compile(r"\s*各位代表[！!，,：:][^一]{0,160}?政府(治理能力|治理体系|工作新局面|效能|公信力|执行力|"
                                    r"自身|作风)")
# The government's own work named in a paragraph's opening: its staff, style, integrity, law.
_GOVERNMENT_WORK = re.compile(r"政府|干部|公务员|作风|廉洁|廉政|依法行政|法治|担当|形式主义|官僚主义")


class GovWorkExtraction(BaseModel):
    """What a backend found in one 政府工作报告, before its checklist and provenance."""

    metadata: GovWorkMetadata = Field(default_factory=GovWorkMetadata)
    overview: str | None = None
    review: list[Item] = Field(default_factory=list)
    problems: list[Item] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    plans: list[Item] = Field(default_factory=list)
    government_self_building: list[Item] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    model: str | None = None
    prompt_version: str | None = None
    cached: bool = False


# A text that lost its line breaks (a web page flattened, a PDF badly extracted) is cut where
# the genre starts a unit: before a heading number after a sentence end (。一、 。（一）), before a
# numbered unit glued to its section heading (工作回顾（一）…), and before the sentence that
# admits the difficulties or states the targets (…。在看到成绩的同时，我们也清醒认识到…).
_FEW_PARAGRAPHS = 8  # a report in so few paragraphs, with units glued in them, lost its breaks
_GLUED_UNITS = 3
_GLUED_UNIT = re.compile(r"(?<=[。！？：])(?=[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,3}[）)]|——)"
                         r"|(?<=[^\s。！？，；：、])(?=[（(][一二三四五六七八九十]{1,3}[）)])")
_SENTENCE_START = re.compile(r"(?<=[。！？])")
_EXPECTED_TARGETS = "预期目标"  # …。我们对疫情前考虑的预期目标作了适当调整。…: where the targets begin


def _unglued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = {m.start() for m in _GLUED_UNIT.finditer(text, start, end)}
    for m in _SENTENCE_START.finditer(text, start, end):
        stop = text.find("。", m.start(), end)
        opening = text[m.start():stop if stop > 0 else end]  # the sentence that starts here
        if PROBLEM_CUE.search(opening) or TARGETS_CUE.search(opening) or _EXPECTED_TARGETS in opening:
            cuts.add(m.start())
    bounds = sorted({start, *cuts, end})
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _paragraphs(doc: CleanDocument) -> list[tuple[int, int]]:
    """The report's paragraphs as preprocessing segmented them, cut further where units of a
    government work report are glued together in a report that lost its breaks."""
    text = doc.text
    out = doc.paragraph_spans
    if len(out) < _FEW_PARAGRAPHS and sum(len(_GLUED_UNIT.findall(text, s, e)) for s, e in out) >= _GLUED_UNITS:
        out = [piece for s, e in out for piece in _unglued(text, s, e)]
    return out


_DASHES = "—–-－"
# The number a unit opens with (（一） 一是 1. ——), and the blanks after it.
_LEADING_MARKER = re.compile(rf"\s*(?:{MARKER.pattern})\s*")


def _item(text: str, unit: Unit, part_basis: str = "heading", category: str | None = None) -> Item:
    heading = (unit.start, unit.heading_end) if unit.heading_end else None
    if heading is not None and (brk := text.find("\n", *heading)) >= 0 and text[heading[0] : brk].strip():
        # A unit whose heading runs over lines (（一）… over a headline of its body, as the genre
        # sets a numbered unit over its first run-in headline): its summary is headed by its
        # numbered line; a summary that puts two lines together reads stitched. The evidence
        # keeps both.
        heading = (heading[0], brk)
    if heading is not None and (number := _LEADING_MARKER.match(text, heading[0], heading[1])):
        # The genre numbers its units (一、 （一） 1. 一是, and the dash headline ——经济指标强劲
        # 跃升。… of reviews): the number says where the unit stands, not what it says, so the
        # summary is made from the heading after it. The evidence keeps it, as written.
        heading = (number.end(), heading[1]) if number.end() < heading[1] else heading
    # A heading that is a statement of its own (two clauses or more, or a long one: 统筹疫情防控和
    # 经济社会发展，…主要指标好于预期) says what its section did or will do: the genre's section is
    # long and lists many tasks, and one clause of it would stand for them all. A short heading
    # (教育事业全面发展) takes a clause only from the unit's opening, and only one that opens its
    # sentence (its subject is its own).
    alone = heading is not None and _states_itself(text, *heading)
    item = make_item(text, unit.start, unit.end, heading, None, heading_alone=alone, whole_sentences=True)
    # A summary made from the body's first clause, or from a heading the number was glued into,
    # loses the number too.
    summary = item.summary.lstrip(_DASHES + " \u3000")
    if (number := _LEADING_MARKER.match(summary)) and number.end() < len(summary):
        summary = summary[number.end():]
    return item.model_copy(update={"part_basis": part_basis, "summary": summary or item.summary, "category": category})


_STATEMENT_HEADING = 20  # a heading this long without a comma is a statement of its own too
_HEADING_CLAUSE_BREAK = re.compile(r"[，,；;]")


def _states_itself(text: str, start: int, end: int) -> bool:
    """Whether the heading ``text[start:end]`` is a statement of its own: two clauses or more
    (坚持先行示范、蹄疾步稳，改革开放展现新气象), or a long one."""
    heading = text[start:end].strip(" \u3000\n。")
    return bool(_HEADING_CLAUSE_BREAK.search(heading)) or len(heading) >= _STATEMENT_HEADING


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One admitted problem each: the 一是… units, else the ；-clauses, else the sentences."""
    if len(_ENUMERATED.findall(text, start, end)) >= 2:
        hits = [m.end() - 2 for m in _ENUMERATED.finditer(text, start, end)]
        # The admitted problems are one series (一是…五是); an enumerator that does not continue it
        # (二是 again after 五是) opens another passage run into the paragraph (the year's
        # principles, in a report whose line breaks were lost): the problems end before it.
        order = [_CN_ORDER.find(text[h]) for h in hits]
        series = next((i for i in range(1, len(hits)) if order[i] != order[i - 1] + 1), len(hits))
        stop = end
        if series < len(hits):  # …at the end of the sentence before the one that leads into it
            stop = max(text.rfind(c, hits[series - 1], hits[series]) for c in "。；！？") + 1
            stop = stop if stop > hits[series - 1] else hits[series]
        bounds = [*hits[:series], stop]
        pieces = list(itertools.pairwise(bounds))
        # A one-sentence list (一是…；二是…；…六是…。) ends with its sentence: a sentence after it is
        # one more problem (个别公职人员…不相适应等。), or the resolve (对此，…), not the last unit's.
        if len(pieces) >= 2 and all(text[a:b].rstrip().endswith("；") for a, b in pieces[:-1]):
            last_start, last_end = pieces[-1]
            full_stop = text.find("。", last_start, last_end) + 1
            if 0 < full_stop < last_end:
                pieces[-1] = (last_start, full_stop)
                pieces += [(m.start(), m.end()) for m in _SENTENCES.finditer(text, full_stop, last_end)]
        return pieces
    colon = max(text.rfind("：", start, end), text.rfind(":", start, end))
    # the list after 主要是： (its ；-clauses, or its sentences when the cue before the colon
    # announced it: 我们清醒认识到…困难和问题。主要是：…。…。)
    announced = colon > start and PROBLEM_CUE.search(text, start, colon) is not None
    body = colon + 1 if colon > start and ("；" in text[colon:end] or announced) else start
    pattern = _CLAUSES if text.count("；", body, end) >= 1 else _SENTENCES
    return [(m.start(), m.end()) for m in pattern.finditer(text, body, end)]


def problem_items(text: str, paragraphs: list[tuple[int, int]]) -> list[Item]:
    """Each difficulty the report admits (the 困难和问题 paragraphs), without the cue sentence
    that announces them or the resolve that follows them."""
    items = []
    for pstart, pend in paragraphs:
        if is_formula(text, pstart, pend):
            continue
        for n, (start, end) in enumerate(_pieces(text, pstart, pend)):
            while start < end and text[start].isspace():
                start += 1
            piece = text[start:end]
            if _RESOLVE.match(piece):
                break  # the resolve after the problems (这些问题，…; 对此，…): the rest is pledge
            # The last of several sentences of a 七是… unit may be the resolve that closes the list
            # (…党风廉政建设任务依然艰巨。对这些问题，我们要勇于面对，…加以解决。): no part of the problem.
            resolve = next((m.start() for m in _SENTENCES.finditer(text, start, end)
                            if m.start() > start and _RESOLVE.match(text[m.start():end])), None)
            if resolve is not None:
                end = resolve
                while end > start and text[end - 1].isspace():
                    end -= 1
                piece = text[start:end]
            if len(piece.strip("。；，： ")) < 6:
                continue
            if PROBLEM_CUE.search(piece) and (piece.rstrip().endswith(("：", ":")) or (n == 0 and len(piece) <= 45)):
                # 我们也清醒地看到，…还面临不少困难和挑战。 announces, admits nothing itself; a cue
                # later in the paragraph names a problem (政府工作存在不足，形式主义…仍较突出).
                continue
            items.append(_item(text, Unit(start, end, None), "cue"))
    return items


def extract_govwork(doc: CleanDocument, structure: DocumentStructure | None = None) -> GovWorkExtraction:
    """The rules backend's work on a 政府工作报告, synchronously."""
    text = doc.text
    paragraphs = _paragraphs(doc)
    layout = find_layout(text, paragraphs)
    review_units = [u for u in units_in(text, paragraphs[slice(*layout.review)]) if not LESSON.match(text, u.start)]
    # The review of a closed plan period (see layout.period_units) is marked with the period.
    of_period = {*period_units(text, paragraphs, layout.review, review_units),
                 *(Unit(s, e, None) for s, e in layout.five_year_review)}
    review = [_item(text, u, category=layout.closed_period if u in of_period else None)
              for u in sorted({*review_units, *of_period}, key=lambda u: u.start)]
    problems = problem_items(text, paragraphs[slice(*layout.problems)]) if layout.problems else []
    targets: list[Target] = []
    if layout.targets is not None:
        start, end = paragraphs[layout.targets]
        begin = targets_start(text, start, end)
        targets = find_targets(text, begin, targets_end(text, begin, end))
    plans: list[Item] = []
    self_building: list[Item] = []
    self_building_section: tuple[int, int] | None = None
    tasks = units_in(text, paragraphs[slice(*layout.plans)])
    for index, unit in enumerate(tasks):
        lead = text[unit.lead[0]:unit.lead[1]] if unit.lead else ""
        section = text[unit.section[0]:unit.section[1]] if unit.section else ""
        # A numbered unit names its subject in its headline; an unnumbered paragraph in its opening.
        numbered = MARKER.match(text, unit.start) and unit.heading_end
        opening = text[unit.start:unit.heading_end if numbered else min(unit.end, unit.start + _CUE_CHARS)]
        names_it = (any(SELF_BUILDING.search(x) for x in (lead, section)) or _ADDRESS_ON_GOVERNMENT.match(lead) is not None
                    or (SELF_BUILDING.search(opening) is not None and not _task_before_others(text, tasks, index))
                    or (not numbered and GOVERNMENT_SUBJECT.match(opening) is not None))
        if names_it or (self_building and _continues(text, unit, self_building_section, self_building[-1])):
            if not self_building:
                self_building_section = unit.section
            self_building.append(_item(text, unit))
        else:
            plans.append(_item(text, unit))
    # The next plan period's goals (see layout._PERIOD_GOALS): plans, marked with the period they look to.
    plans = sorted([*plans, *(_item(text, Unit(*goals_span(text, *paragraphs[i]), None), category=layout.next_period)
                              for i in layout.five_year_goals)],
                   key=lambda item: item.span.start)
    # With no summary of the year in the lead-in, the overview falls back to the year's first review
    # item, not to the closed period's review (its opening is the period's rhetoric).
    year_first = next((item.summary for item in review if item.category is None), None)
    overview = _overview(text, paragraphs[slice(*layout.review)], review_units, year_first)
    return GovWorkExtraction(
        metadata=govwork_metadata(text, (structure.title if structure else None) or doc.hints.title, paragraphs),
        overview=overview, review=review, problems=problems,
        targets=targets, plans=plans, government_self_building=self_building,
    )


def _number_kind(text: str, start: int) -> str | None:
    """How a unit is numbered (（N） N、 N是 N.), None when it is not."""
    m = MARKER.match(text, start)
    return re.sub(r"[一二三四五六七八九十]+|\d+", "N", m.group(0)) if m else None


def _headline_end(text: str, unit: Unit) -> int | None:
    """Where a numbered unit's headline ends: its first sentence, or its first line when the
    headline is a line of its own without a full stop (（六）建设“智慧罗湖”，全面提升政府效能)."""
    if unit.heading_end:
        return unit.heading_end
    brk = text.find("\n", unit.start, unit.end)
    return brk if 0 < brk - unit.start <= _HEADLINE_LINE_MAX else None


def _task_before_others(text: str, tasks: list[Unit], index: int) -> bool:
    """Whether the numbered task at ``index`` is followed, under the same section heading, by a task
    numbered alike (（N） N、 N.) whose headline does not name the government's own building. The genre closes its
    tasks with the self-building: a task headed by the rule of law or a 法治政府 to strive for, before
    the other tasks (（一）争当法治政府排头兵，推进城区治理体系和治理能力现代化再提升 over （二）…（六）), is
    one of them (as 增强“法治罗湖”公信力 is)."""
    unit = tasks[index]
    kind = _number_kind(text, unit.start)
    if kind is None or kind.endswith(("是", "要")) or _headline_end(text, unit) is None:
        # (一是…五是 are the points of one section, which may name the government's own building
        # one by one: 二是建设一流法治政府。三是永葆干事创业锐气。…, in a text that lost the heading
        # over them with its line breaks)
        return False
    for later in tasks[index + 1:]:
        end = _headline_end(text, later)
        if (_number_kind(text, later.start) == kind and later.section == unit.section and end is not None
                and not SELF_BUILDING.search(text, later.start, end)):
            return True
    return False


def _continues(text: str, unit: Unit, section: tuple[int, int] | None, previous: Item) -> bool:
    """Whether a unit after the self-building's start still belongs to it: a numbered unit
    (its 一是…/（一）… units), one under the same section heading, a run-in headed paragraph
    (自觉主动接受监督。…), or a paragraph that names the government's own work in its opening.
    A bare address (各位代表！) before it opens another passage, and an unheaded task after it
    (今年要编制好“十四五”规划; the State Council's 国防, 港澳, 台湾 paragraphs) is a plan again."""
    if _ADDRESS_LINE.search(text, previous.span.end, unit.start):
        return False
    if MARKER.match(text, unit.start) or unit.lead is not None:
        return True
    if section is not None and unit.section == section:
        return True
    first = _SENTENCES.match(text, unit.start, unit.end)
    if first and len(first.group(0)) <= _RUN_IN_HEADLINE and first.end() < unit.end:
        return True
    return bool(_GOVERNMENT_WORK.search(text, unit.start, min(unit.end, unit.start + _CUE_CHARS)))


# The genre's rhetoric on the period under review, which states nothing it did: 2023年是…的开局之年，
# 是…的一年。/ 过去的五年，是…极不平凡…的五年。/ “十三五”时期是…具有重大意义的五年。
_PERIOD_RHETORIC = re.compile(r"^[^。！？]{0,24}?(?:年|时期|五年)[，,]?(?:是|为)[^。！？]*?(?:之年|一年|五年|时期)[。！？]?$")
# What a sentence that sums up the year says: the targets met, the results reached (…实现经济社会平稳
# 健康发展，较好完成…各项工作任务 / 推动经济社会发展取得了新成绩 / 呈现…发展态势).
_YEAR_RESULT = re.compile(r"完成|实现|取得|好于预期|成效|成绩|态势|目标任务|新突破|新进展|新台阶|新跨越|交上")
# A clause of the frame the genre sets the year's work in (在…领导下, 在…监督支持下, 以…为指导, 贯彻…
# 精神, 按照…部署): the overview starts after the last one.
_OVERVIEW_FRAME = re.compile(r"[^，,；;。]*(?:领导下|支持下|监督下|习近平|精神|部署|要求|为指导|为统领|总基调)[^，,；;。]*[，,；;]")
# The national events a review may open with, which the government did not do (the party congress
# held, a leader's visit): 举世瞩目的中国共产党第二十次全国代表大会胜利召开，…
_NATIONAL_EVENT = re.compile(r"全国代表大会|中央委员会|胜利召开|亲临|视察")
_TOP_HEADING = re.compile(r"\s*[一二三四五六七八九十]{1,2}、")
_ANNOUNCES = re.compile(r"(?:如下|以下[^。]{0,8})[：:。]?$|[：:]$")


def _overview(text: str, review: list[tuple[int, int]], units: list[Unit],
              first_statement: str | None) -> str | None:
    """The report's own summary of the year: the first sentence of the review's lead-in (the
    paragraphs right before its first unit, back to the address that opens them) that states a
    result, from where it states it (after 过去一年，在…领导下，坚持以…为指导，…), keeping its closing
    clauses (the genre ends the sentence with the sum: …较好完成…各项工作任务) within _OVERVIEW_MAX.
    Never the period's rhetoric (2023年是…之年; 过去的五年，是…极不平凡…的五年), an announcement
    (一年来，我们主要做了以下工作：) or a formula; without such a sentence, the review's first
    statement (its first unit's summary)."""
    lead: list[tuple[int, int]] = []
    first_unit = units[0].start if units else None
    # (a paragraph that runs on into the first unit, in a text that lost its breaks, up to it)
    before = [(s, e if first_unit is None else min(e, first_unit)) for s, e in review
              if first_unit is None or s < first_unit]
    for start, end in reversed(before):
        if _FORMULA_THANKS.search(text, start, end):
            break  # the thanks that close the passage before (…表示衷心的感谢！)
        lead.insert(0, (start, end))
        if _ADDRESS_LINE.match(text, start):
            break  # 各位代表！… opens the lead-in
    if len(units) > 1 and _TOP_HEADING.match(text, units[0].start) and not _TOP_HEADING.match(text, units[1].start):
        # The review's first-level heading run into its lead-in, in a text that lost its line breaks
        # (一、2023年工作回顾2023年是…。一年来，…), before its units of the next level ((一)…, 一是…):
        # the lead-in is in it.
        lead.append((units[0].start, units[0].end))
    for start, end in lead:
        for m in _SENTENCES.finditer(text, start, end):
            sentence = m.group(0).strip()
            body = sentence.removeprefix("各位代表").lstrip("！!，,：: \u3000")
            if (not body or _PERIOD_RHETORIC.match(body) or _ANNOUNCES.search(body) or _NATIONAL_EVENT.search(body)
                    or not _YEAR_RESULT.search(body)):
                continue
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in "。！？ \n":
                e -= 1
            s = max(s, statement_start(text, s, e))
            # (the guidance and the leadership it worked under come first, the year's sum last)
            s = max([s, *(c.end() for c in _OVERVIEW_FRAME.finditer(text, s, e))])
            if _YEAR_RESULT.search(text, s, e):
                return _closing_clauses(text, s, e, _OVERVIEW_MAX)
    return first_statement


def _closing_clauses(text: str, start: int, end: int, limit: int) -> str:
    """``text[start:end]``, or its closing clauses that fit in ``limit`` characters."""
    if end - start <= limit:
        return text[start:end]
    cuts = [m.end() for m in re.finditer(r"[，,；;]", text[start:end])]
    for cut in cuts:
        if end - (start + cut) <= limit:
            return text[start + cut:end]
    return text[end - limit:end]
