"""Items from the section tree: one per lowest-level unit, with verbatim evidence.

A *unit* is a lowest-level section (一是…, （一）…, 1. …), the own text of a
section that has sub-sections but also body paragraphs of its own, or an
unheaded paragraph in a part (the one-paragraph problems of many reports,
``下一步,…``). A unit ends where its paragraphs change part, so a unit never
runs from achievements into the problems paragraph that follows it.

Evidence is ``doc.text[start:end]`` for a span inside the unit: its opening
sentence(s), so that it stays inside the passage an analyst would quote.
Causes and the leaders' duties are also found by sentence inside other parts
(``究其原因…``, ``受…影响``, ``…第一责任人职责…``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

from summarizer.extract.rules.figures import find_figures, states_a_figure
from summarizer.extract.rules.part_classifier import PartLabel, heading_parts
from summarizer.extract.rules.summaries import build_summary, fallback_summary
from summarizer.schema import Item, Span
from summarizer.structure import DocumentStructure, Section, heading_alone

EVIDENCE_TARGET = 80  # take sentences until the evidence is at least this long
EVIDENCE_MAX = 250  # and cut a sprawling sentence at a clause boundary
# How far an achievement's evidence may run on to take in the results its unit lists (the genre
# writes a unit as a measure, then its results sentence by sentence: 新收…279件，…；共排查…585件).
# The figures an item lists must lie in its evidence; longer reaches make the evidence a longer
# quote than analysts take (the matching rule's precision), shorter ones drop listed results.
RESULTS_REACH = 400

_SENTENCE_END = "。！？!?"
_SENTENCE_END_CHAR = re.compile(f"[{_SENTENCE_END}]")
_LINE_BREAK = re.compile("\n")
_CLAUSE_END = "，,；;。"
_CAUSE_CUE = re.compile(
    r"究其原因|分析原因|其原因|主要原因|根本原因|原因(?:主要)?(?:是|在于|有|为)"
    r"|(?:^|[，,])受[^。，,；;]{1,24}(?:影响|限制|制约)|(?:^|[，,])(?:且|并且|而且|加之)?由于"
)
# A 由于 clause inside a sentence gives the reason in itself and the clauses right after it
# (且由于日常工作繁重，缺乏…培训，法律知识更新不足，…): at most this many clauses.
_MID_CAUSE = re.compile(r"[，,](?:且|并且|而且|加之)?由于")
_MID_CAUSE_CLAUSES = 3
_CLAUSE_CAUSE_CUE = re.compile(r"究其原因|分析原因|其原因")
# A reason written inside a problem sentence, in a clause of its own (the genre states the
# shortcoming and its reason in one sentence): a clause opened by 因/因为/由于/受限于 (…，因人员
#流动频繁，…), a clause explaining the one before it (…不够规范，主要是…), or a clause that
# leads to a shortcoming (…经费保障不足，导致…不到位). Each is quoted as that clause.
_REASON_CLAUSE = re.compile(
    r"(?:^|(?<=[，,；;：:]))(?:且|并且|而且|加之|这)?(?:主要)?(?:是)?"
    r"(?:因为|因(?![此而素地时事材势果循])|由于|受限于)"
    r"|(?<=[，,；;])(?:这)?(?:主要)?是(?:因为|由于)|(?<=[，,；;])(?:这)?主要是(?!指)"
)
_LEADS_TO = re.compile(r"导致|造成|致使")
_REASON_MIN = 6  # 受限于编制人数: a reason clause is short
_CLAUSE_BOUNDARY = "，,；;：:"
# The principal leaders by the names the genre gives them (Article 25's 党政主要负责人).
_LEADER_CUE = re.compile(r"第一责任人|党政主要负责人|主要负责同志|主要负责人|主要领导|党组书记|述法|一把手")
# A problems lead-in that names its shortcomings (…能力有待提升、…质效有待加强) states them;
# one that only admits there are some (还存在一些问题和不足) introduces the list.
_SHORTCOMING = re.compile(
    r"有待|不够|欠缺|不强|不高|不到位|滞后|薄弱|较弱|偏低|不健全|不完善|不充分|需进一步|仍需"
)
_INTRO = re.compile(r"如下[:：]?$|[:：]$")
_PUNCT_STRIP = " \u3000,，。；;:：、"


def find_cue(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``pattern`` first matches in ``text[start:end]``, line breaks ignored (a cue
    word may be split by the wrapping of a hard-wrapped paragraph: 究其\n原因)."""
    piece = text[start:end]
    if "\n" not in piece:
        m = pattern.search(piece)
        return (start + m.start(), start + m.end()) if m else None
    keep = [i for i, c in enumerate(piece) if c != "\n"]
    m = pattern.search("".join(piece[i] for i in keep))
    if not m or m.end() == m.start():
        return None
    return start + keep[m.start()], start + keep[m.end() - 1] + 1


def _has_cue(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return find_cue(pattern, text, start, end) is not None


@dataclass
class Unit:
    """A stretch of the clean text that makes one item."""

    start: int
    end: int
    part: PartLabel
    section: Section | None
    evidence_start: int
    category: str | None = None
    breaks: tuple[int, ...] = ()  # ends of the paragraphs the unit spans

    def paragraph_end(self, offset: int) -> int:
        """The end of the unit's paragraph that contains ``offset``."""
        i = bisect.bisect_right(self.breaks, offset)
        return min(self.breaks[i], self.end) if i < len(self.breaks) else self.end


def _paragraph_index(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """The paragraph containing ``offset``, else the next one (the last at the end)."""
    i = bisect.bisect_right(paragraphs, (offset, float("inf"))) - 1
    if i >= 0 and offset < paragraphs[i][1]:
        return i
    return min(i + 1, len(paragraphs) - 1)


def _body_paragraph_count(paragraphs: list[tuple[int, int]], first: int, end: int) -> int:
    # Paragraphs are in order: a bisect, not a scan of every later paragraph per section.
    return bisect.bisect_left(paragraphs, end, lo=first + 1, key=lambda p: p[0]) - (first + 1)


def _is_heading_only(section: Section, paragraph: tuple[int, int], text: str) -> bool:
    """True when the section's heading fills its whole paragraph (a heading line).

    An inline unit (二是…不深入。) is content however short: never a heading line."""
    if section.inline:
        return False
    rest = text[section.heading_end : paragraph[1]].strip(_PUNCT_STRIP)
    return section.start == paragraph[0] and not rest


def _clip_to_part(
    start: int,
    end: int,
    paragraphs: list[tuple[int, int]],
    labels: list[PartLabel | None],
    part: PartLabel | None,
) -> int:
    """The end of a unit, cut at the first later paragraph of another part."""
    first = _paragraph_index(paragraphs, start)
    for i in range(first + 1, len(paragraphs)):
        p_start, _ = paragraphs[i]
        if p_start >= end:
            break
        if labels[i] != part:
            return max(paragraphs[i - 1][1], start + 1)
    return end


class _Coverage:
    """Spans, asked whether any overlaps a given one in log time (a scan per paragraph is
    quadratic on reports made of thousands of headings)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = list(accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span (s, e) has s < end and start < e."""
        before = bisect.bisect_left(self.starts, end)  # the spans with s < end
        return before > 0 and self.max_end[before - 1] > start


def find_units(
    text: str,
    paragraphs: list[tuple[int, int]],
    labels: list[PartLabel | None],
    structure: DocumentStructure,
) -> list[Unit]:
    """Every unit of the report's body, in document order, with its part.

    Own text of a section with sub-sections is a unit when it states results
    (figures) or, in the problems, names shortcomings; else it is a lead-in."""
    units: list[Unit] = []
    lead_ins: set[int] = set()
    starts = section_starts(structure)
    tops = {id(top) for top in structure.sections}
    for section in structure.walk():
        first = _paragraph_index(paragraphs, section.start)
        part = labels[first]
        if part is None:
            continue
        heading_only = _is_heading_only(section, paragraphs[first], text)
        if section.children:
            # Own text before the first sub-section: the heading paragraph's body, and whole
            # paragraphs that state results (figures). Others are lead-ins (2022年，我局…推进).
            child_paragraph = _paragraph_index(paragraphs, section.children[0].start)
            own_paragraphs = [first] if not heading_only and first < child_paragraph else []
            h_start, h_end = paragraphs[first]
            if own_paragraphs and _has_cue(_INTRO, text, h_start, h_end) and not states_a_figure(
                text, h_start, h_end
            ):
                own_paragraphs = []  # 三、存在的问题…仍存在一些差距，主要表现在：introduces its units
            for i in range(first + 1, child_paragraph):
                if labels[i] != labels[first]:
                    break  # a part switch: the paragraph is a unit of its own (below)
                p_start, p_end = paragraphs[i]
                names_shortcomings = part == "problems" and _has_cue(
                    _SHORTCOMING, text, p_start, p_end
                )
                if not names_shortcomings and (
                    _has_cue(_INTRO, text, p_start, p_end) or not states_a_figure(text, p_start, p_end)
                ):
                    lead_ins.add(i)
                else:
                    own_paragraphs.append(i)
            if not own_paragraphs:
                continue
            end = paragraphs[own_paragraphs[-1]][1]
        else:
            end = section.end
            is_top = id(section) in tops
            if heading_only and is_top and _body_paragraph_count(paragraphs, first, end) > 1:
                continue  # a whole part without enumeration: each paragraph is an item (below)
        evidence_start = section.start
        if heading_only and first + 1 < len(paragraphs) and paragraphs[first + 1][0] < end:
            evidence_start = paragraphs[first + 1][0]
        part = labels[_paragraph_index(paragraphs, evidence_start)] or part
        end = _clip_to_part(section.start, end, paragraphs, labels, labels[first])
        if evidence_start >= end:
            evidence_start = section.start
        topics = _topic_starts(text, evidence_start, end) if part in _LISTED_PARTS else []
        if not section.children and len(topics) >= 2:
            bounds = [*topics, end]
            units.extend(Unit(a, b, part, None, a) for a, b in pairwise(bounds))
            continue
        units.append(Unit(section.start, end, part, section, evidence_start))
    covered = _Coverage((u.start, u.end) for u in units)
    # Paragraph ends right before a list's first heading (（一）/一是 numbered 1).
    first_of_list = {s.start for s in structure.walk() if s.number == 1}
    list_ahead = {
        end for (_, end), (nxt, _) in pairwise(paragraphs) if nxt in first_of_list
    }
    for i, (start, end) in enumerate(paragraphs):
        part = labels[i]
        if part is None or i in lead_ins or covered.overlaps(start, end):
            continue
        if bisect.bisect_left(starts, start) < bisect.bisect_left(starts, end):
            continue  # a heading line, or the lead-in of an inline enumeration
        if _has_cue(_INTRO, text, start, end) or _is_signoff(text[start:end]):
            continue
        if part == "plans" and end in list_ahead and not states_a_figure(text, start, end):
            continue  # 2022年，我们将…保障。（一）…: the lead-in of the list of plans
        units.append(Unit(start, end, part, None, start))
    units.sort(key=lambda u: u.start)
    _categorise(units, structure, paragraphs, labels)
    ends = [e for _, e in paragraphs]
    for unit in units:
        first = bisect.bisect_right(ends, unit.start)
        last = bisect.bisect_left(ends, unit.end)
        unit.breaks = tuple(ends[first : last + 1])
    return units


_SIGNOFF_MAX = 20
# Shortcomings and plans are often un-numbered paragraphs that each open with a short
# topic sentence (执法监督管理有待加强。少数单位…); with the line breaks lost, those
# sentences are all that is left of the units' bounds.
_LISTED_PARTS = ("problems", "plans")
_TOPIC_MIN, _TOPIC_MAX = 6, 32
_TOPIC_INNER_PUNCT = re.compile(r"[，,、；;：:]")
_LEADING_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")


def _topic_starts(text: str, start: int, end: int) -> list[int]:
    """Where the un-numbered units of ``text[start:end]`` start, when it opens with a short
    topic sentence followed by its body and more such sentences follow; else []."""
    sentences = sentence_spans(text, start, end, breaks=())
    topics = []
    for (s, e), (next_s, next_e) in pairwise(sentences):
        sentence = _LEADING_MARKER.sub("", text[s:e])
        if (
            _TOPIC_MIN <= len(sentence) <= _TOPIC_MAX
            and sentence.endswith("。")
            and not _TOPIC_INNER_PUNCT.search(sentence)
            and _TOPIC_INNER_PUNCT.search(text[next_s:next_e])  # a body sentence follows
        ):
            topics.append(s)
    if not topics or topics[0] != sentences[0][0]:
        return []
    return topics


def _is_signoff(paragraph: str) -> bool:
    """A closing line (issuer name, date) rather than content: short and without a sentence."""
    return len(paragraph) <= _SIGNOFF_MAX and not any(c in paragraph for c in "。；;，,")


def sentence_spans(
    text: str, start: int, end: int, breaks: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``: ending at 。！？ or a paragraph end.

    ``breaks`` are the paragraph ends (offsets) to cut at; without them every line
    break is one (a hard-wrapped paragraph has line breaks that are not)."""
    # Only sentence ends and cuts end a sentence: visit those offsets, in order, not every one.
    ends = [m.start() for m in _SENTENCE_END_CHAR.finditer(text, start, end)]
    if breaks is None:
        cuts = [m.start() for m in _LINE_BREAK.finditer(text, start, end)]
    else:
        cuts = [i for i in set(breaks) if start <= i < end]
    spans, pos = [], start
    for i in sorted({*ends, *cuts}) if cuts else ends:
        if text[i] in _SENTENCE_END:
            spans.append((pos, i + 1))
            pos = i + 1
        else:
            spans.append((pos, i))
            pos = i + 1 if text[i] == "\n" else i
    if pos < end:
        spans.append((pos, end))
    return [_strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    kept = piece.lstrip()  # str.strip drops what str.isspace calls blank
    start += len(piece) - len(kept)
    return start, start + len(kept.rstrip())


def evidence_span(
    text: str, start: int, end: int, paragraph_end: int | None = None
) -> tuple[int, int]:
    """The opening sentence(s) of ``text[start:end]``: at least EVIDENCE_TARGET chars if the
    first paragraph (ending at ``paragraph_end``, else the next line break) allows, at most
    EVIDENCE_MAX (cut at a clause end)."""
    if paragraph_end is None:
        line_break = text.find("\n", start, end)
        paragraph_end = end if line_break == -1 else line_break
    limit = min(end, paragraph_end)
    # The sentences are taken up to the first one that ends EVIDENCE_TARGET characters on (its
    # mark at ``start + EVIDENCE_TARGET - 1`` or later): those after it are never looked at, so
    # a long paragraph is not cut into all of its sentences for one or two.
    reach = _SENTENCE_END_CHAR.search(text, start + EVIDENCE_TARGET - 1, limit)
    chosen_end = start
    for _, e in sentence_spans(text, start, reach.end() if reach else limit, breaks=()):
        chosen_end = e
        if e - start >= EVIDENCE_TARGET:
            break
    if chosen_end - start > EVIDENCE_MAX:
        cut = max(
            (
                i
                for i in range(start + EVIDENCE_TARGET, start + EVIDENCE_MAX)
                if text[i] in _CLAUSE_END
            ),
            default=None,
        )
        chosen_end = cut + 1 if cut is not None else start + EVIDENCE_MAX
    return _strip_span(text, start, chosen_end)


def make_item(
    text: str,
    start: int,
    end: int,
    heading: tuple[int, int] | None,
    category: str | None,
    *,
    heading_alone: bool = False,
    whole_sentences: bool = False,
) -> Item:
    """An Item for ``text[start:end]`` with the figures it states and a summary of it
    (``summaries.build_summary``, whose options the keywords are: the heading at ``heading``
    or the key clause, with figures)."""
    figures = find_figures(text, start, end)
    summary = (build_summary(text, start, end, figures, heading, heading_alone=heading_alone,
                             whole_sentences=whole_sentences)
               or fallback_summary(text, start, end))
    return Item(
        summary=summary,
        evidence=text[start:end],
        span=Span(start=start, end=end),
        category=category,
        figures=figures,
    )


def through_figures(text: str, start: int, end: int, paragraph_end: int) -> int:
    """The evidence's end moved to the end of the last whole sentence, within the paragraph and
    RESULTS_REACH, that states a result (a figure): the figures an item lists and its summary
    quotes must lie in its evidence, and the analyst's passage runs through them."""
    limit = min(paragraph_end, start + RESULTS_REACH)
    best = end
    for s, e in sentence_spans(text, end, limit, breaks=()):
        whole = text[e - 1] in _SENTENCE_END or e == paragraph_end
        if whole and states_a_figure(text, s, e):
            best = _strip_span(text, start, e)[1]
    return best


def unit_item(text: str, unit: Unit, structure: DocumentStructure) -> Item | None:
    """The item of a unit: its topic as summary, its opening sentence(s) as evidence."""
    start, end = evidence_span(
        text, unit.evidence_start, unit.end, unit.paragraph_end(unit.evidence_start)
    )
    if end - start < 4:
        return None
    if unit.part == "problems":
        end = _before_cause(text, start, end, unit.breaks)
    elif unit.part == "achievements":
        end = through_figures(text, start, end, unit.paragraph_end(start))
    section = unit.section
    heading: tuple[int, int] | None = None
    if section is not None:
        heading = (section.heading_start, section.heading_end)
        names_a_part = section.level == 1 and heading_parts(section.heading)
        if names_a_part and unit.evidence_start != section.start:
            heading = None  # 二、存在问题 names the part, not the item: summarise the body
    return make_item(text, start, end, heading, _category(unit, structure))


def _before_cause(text: str, start: int, end: int, breaks: Sequence[int]) -> int:
    """Problems end where their reasons begin: a 究其原因 clause or a sentence giving a cause."""
    cut = end
    hit = find_cue(_CLAUSE_CAUSE_CUE, text, start, end)
    if hit and hit[0] - start >= 8:
        cut = hit[0]
    for s, e in sentence_spans(text, start, end, breaks)[1:]:
        if s < cut and _is_cause_sentence(text, s, e):
            cut = s
            break
    if cut == end:
        return end
    while cut > start and text[cut - 1] in _PUNCT_STRIP:
        cut -= 1
    return cut if cut - start >= 8 else end


def _category(unit: Unit, structure: DocumentStructure) -> str | None:
    return unit.category


def _categorise(
    units: list[Unit],
    structure: DocumentStructure,
    paragraphs: list[tuple[int, int]],
    labels: list[PartLabel | None],
) -> None:
    """Each unit's category: the heading of the section it falls under, when that section
    is of the unit's part (an unheaded problems paragraph is not under an achievements heading)."""
    for unit in units:
        path = structure.path_to(unit.start)
        if unit.section is not None and path and path[-1] is unit.section:
            path = path[:-1]
        for section in reversed(path):
            if section.inline:
                continue
            if labels[_paragraph_index(paragraphs, section.start)] == unit.part:
                # Never two headings run together (…建设1.深入学习…) as one label.
                unit.category = heading_alone(section.heading)
            break


def cause_items(
    text: str, unit: Unit, structure: DocumentStructure, starts: list[int]
) -> list[Item]:
    """Reasons given for shortcomings, sentence by sentence (究其原因…, 受…影响, …原因为…).

    ``starts`` is ``section_starts(structure)``."""
    items = []
    for s, e in _unit_sentences(text, unit, starts):
        hit = find_cue(_CAUSE_CUE, text, s, e)
        if not hit:
            clause = reason_clause(text, s, e)
            if clause is not None:
                items.append(make_item(text, *clause, None, _category(unit, structure)))
            continue
        # 究其原因 after a comma starts the reason; any other cue makes the whole sentence one.
        cue = text[hit[0] : hit[1]].replace("\n", "")
        start, end = (hit[0] if _CLAUSE_CAUSE_CUE.match(cue) else s), e
        if _MID_CAUSE.match(cue):
            start = hit[0] + 1
            clause_ends = [i for i in range(start, e) if text[i] in "，,；;"]
            if len(clause_ends) >= _MID_CAUSE_CLAUSES:
                end = clause_ends[_MID_CAUSE_CLAUSES - 1]
        start, end = _strip_span(text, start, end)
        if end - start >= 8:
            items.append(make_item(text, start, end, None, _category(unit, structure)))
    return items


def _clause_bounds(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The clause of ``text[start:end]`` that holds offset ``at`` (bounded by ，；：)."""
    left = max((i + 1 for i in range(start, at) if text[i] in _CLAUSE_BOUNDARY), default=start)
    right = next((i for i in range(at, end) if text[i] in _CLAUSE_BOUNDARY), end)
    return left, right


def reason_clause(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The clause of the sentence ``text[start:end]`` that gives a reason (因…, 由于…, 受限于…,
    …，主要是…, or the clause before …导致<a shortcoming>), or None."""
    hit = find_cue(_REASON_CLAUSE, text, start, end)
    if hit is not None:
        a, b = _clause_bounds(text, start, end, hit[1])
    else:
        leads = find_cue(_LEADS_TO, text, start, end)
        if leads is None:
            return None
        a, b = _clause_bounds(text, start, end, leads[0])
        if not _has_cue(_SHORTCOMING, text, leads[1], b):
            return None  # what follows is a consequence, not a shortcoming of the body's work
        if a == leads[0]:  # …不足，导致…: the reason is the clause before
            a = _clause_bounds(text, start, end, max(start, a - 2))[0]
    a, b = _strip_span(text, a, b)
    while b > a and text[b - 1] in _PUNCT_STRIP:
        b -= 1
    return (a, b) if b - a >= _REASON_MIN else None


def _is_cause_sentence(text: str, start: int, end: int) -> bool:
    return _has_cue(_CAUSE_CUE, text, start, end)


def leader_items(
    text: str, unit: Unit, structure: DocumentStructure, starts: list[int]
) -> list[Item]:
    """What the principal leaders did, from runs of sentences naming them (第一责任人, 述法…).

    ``starts`` is ``section_starts(structure)``."""
    if not _has_cue(_LEADER_CUE, text, unit.evidence_start, unit.end):
        return []  # the cues are words: a unit that names no leader has no sentence that does
    items, run = [], None
    for s, e in _unit_sentences(text, unit, starts):
        if _has_cue(_LEADER_CUE, text, s, e):
            run = (run[0], e) if run else (s, e)
            continue
        if run:
            items.append(run)
            run = None
    if run:
        items.append(run)
    section = unit.section
    heading = (section.heading_start, section.heading_end) if section is not None else None

    def summarised_by(start: int) -> tuple[int, int] | None:
        # A run that opens with the unit's heading is summed up by it, as the unit is.
        return heading if section is not None and start <= section.heading_start else None

    return [
        make_item(text, s, e, summarised_by(s), _category(unit, structure)) for s, e in items if e - s >= 8
    ]


def section_starts(structure: DocumentStructure) -> list[int]:
    """Where every section starts, sorted."""
    return sorted({s.start for s in structure.walk()})


def _unit_sentences(text: str, unit: Unit, starts: list[int]) -> list[tuple[int, int]]:
    """Sentences of a unit, also split where an inline unit starts mid-sentence."""
    cuts = starts[bisect.bisect_right(starts, unit.start) : bisect.bisect_left(starts, unit.end)]
    spans: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, unit.evidence_start, unit.end, unit.breaks):
        pieces = [c for c in cuts if s < c < e]
        bounds = [s, *pieces, e]
        spans.extend(_strip_span(text, a, b) for a, b in pairwise(bounds) if text[a:b].strip())
    return spans


def dedupe(items: list[Item]) -> list[Item]:
    """Drop items whose span repeats an earlier one's."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for item in items:
        key = (item.span.start, item.span.end)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
