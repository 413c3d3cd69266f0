"""``RulesBackend``: the extraction that needs no model, built from the section tree."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from summarizer.extract.base import Extraction
from summarizer.extract.rules.figures import states_a_figure
from summarizer.extract.rules.items import (
    Unit,
    cause_items,
    dedupe,
    find_units,
    leader_items,
    make_item,
    section_starts,
    sentence_spans,
    unit_item,
)
from summarizer.extract.rules.metadata import extract_metadata
from summarizer.extract.rules.part_classifier import (
    PartLabel,
    heading_parts,
    paragraph_parts,
    split_at_switches,
)
from summarizer.preprocess.document import CleanDocument
from summarizer.schema import PART_NAMES, BackendName, Item, PartBasis, PartName
from summarizer.structure import DocumentStructure

OVERVIEW_MAX = 200
OVERVIEW_MIN = 12
_CLAUSE_SPLIT = re.compile(r"[。；;]")
# "现将…报告如下：" closes an opening sentence without saying anything about the year.
_REPORT_FORMULA = re.compile(r"[，,]?\s*现将[^。]*?如下[:：。]?$")


class RulesBackend:
    """Rule-based extraction: part cues, enumerated units, figures and metadata."""

    name: BackendName = "rules"

    def cpu_step(self, doc: CleanDocument, structure: DocumentStructure) -> Extraction:
        """All of the rules' work: CPU on the calling thread (no I/O; safe to call concurrently)."""
        return extract_with_rules(doc, structure)

    async def extract(
        self, doc: CleanDocument, structure: DocumentStructure, cpu: Extraction | None = None
    ) -> Extraction:
        """Extract metadata and items from one clean report; ``cpu`` is ``cpu_step``'s result when
        the run layer ran it already (else the work runs here, blocking the caller)."""
        return cpu if cpu is not None else extract_with_rules(doc, structure)


def extract_with_rules(doc: CleanDocument, structure: DocumentStructure) -> Extraction:
    """The rules backend's work, synchronously."""
    text = doc.text
    metadata = extract_metadata(doc, structure)
    year = metadata.report_year
    starts = section_starts(structure)
    whole = doc.paragraph_spans
    decided = paragraph_parts(text, whole, structure, year)
    paragraphs = split_at_switches(text, whole, [label for label, _ in decided], year, starts)
    if paragraphs != whole:  # a paragraph was cut where its part switches: decide again
        decided = paragraph_parts(text, paragraphs, structure, year)
    labels = [label for label, _ in decided]
    found: dict[PartName, list[Item]] = {part: [] for part in PART_NAMES}
    preamble = _preamble(paragraphs, labels, structure)
    preamble = [(s, e) for s, e in preamble if not _is_page_line(text[s:e])]
    for start, end in preamble:
        item = _preamble_item(text, start, end)
        if item is not None:
            # Results stated before the first section: measures by their place in the report.
            found["achievements"].append(_with_basis(item, "position"))
    for unit in find_units(text, paragraphs, labels, structure):
        if unit.part == "other":
            continue
        basis = _unit_basis(unit, paragraphs, decided)
        item = unit_item(text, unit, structure)
        if item is not None:
            found[unit.part].append(_with_basis(item, basis))
        # Reasons and leaders' duties found by their cue sentences inside another part's unit.
        if unit.part == "problems":  # a causes unit is already one reason
            found["causes"].extend(_with_basis(i, "cue") for i in cause_items(text, unit, structure, starts))
        if unit.part == "achievements":
            # The leaders' duties are the sentences about the principal leaders, not the unit
            # around them. A unit whose heading names the duty (（一）强化法治建设第一责任人职责 /
            # 二是履行法治建设第一责任人职责) is about them throughout (its sentences tell how they
            # did it, the leaders their unstated subject): a measure of the year that is also
            # the leaders' duty (analysts count it in both parts).
            if item is not None and _names_leaders(unit):
                found["leader_duties"].append(item.model_copy(update={"part_basis": "heading"}))
            else:
                found["leader_duties"].extend(
                    _with_basis(i, "cue") for i in leader_items(text, unit, structure, starts)
                )
    warnings = []
    if not structure.sections:
        warnings.append(
            "rules: no numbered headings found; parts were assigned from paragraph openers only"
        )
    return Extraction(
        metadata=metadata,
        overview=_overview(
            text,
            [(s, e) for s, e in _opening(paragraphs, structure) if not _is_page_line(text[s:e])],
            metadata.title,
        ),
        warnings=warnings,
        **{part: dedupe(items) for part, items in found.items()},
    )


# How reports reach readers: a news site reposts a report under its own lead, a dateline
# (中新网 3月29日电) or a source (据司法部网站消息，…发布…报告): that sentence is the site's, not the report's.
_NEWS_LEAD = re.compile(r"^\S{0,12}\s*(?:\d{1,2}月\d{1,2}日)?电(?:\s|（|\(|$)|^据[^，,。]{2,24}(?:消息|报道)")


def _repeats_title(sentence: str, title: str | None) -> bool:
    """A line that prints the title again, whole or cut (券桥镇2022年度法治政府建设 under the title
    券桥镇2022年度法治政府建设工作报告): web pages repeat the title above the body."""
    line = re.sub(r"\s+", "", sentence).rstrip("。：:")
    return bool(title) and bool(line) and (line in re.sub(r"\s+", "", title or "") or line == title)


# A line of the web page kept with the report (日期: 2023-03-01 浏览量:200 来源:…).
_PAGE_LINE = re.compile(
    r"(?:日期|时间|来源|浏览|阅读|点击|访问量|发布|字体|责任编辑|作者)\s*[:：]|\d{4}-\d{1,2}-\d{1,2}"
)


def _is_page_line(paragraph: str) -> bool:
    return len(paragraph) <= 120 and _PAGE_LINE.search(paragraph) is not None


def _with_basis(item: Item, basis: PartBasis | None) -> Item:
    """``item`` (just made for this one place: never shared) with its part's basis set in place,
    not copied (a copy per item cost about 2 % of a report's rules time)."""
    item.part_basis = basis
    return item


def _unit_basis(
    unit: Unit, paragraphs: list[tuple[int, int]], decided: Sequence[tuple[object, PartBasis | None]]
) -> PartBasis | None:
    """How the unit's part was decided: that of the paragraph its evidence starts in."""
    i = bisect.bisect_right(paragraphs, (unit.evidence_start, float("inf"))) - 1
    i = max(0, min(i, len(paragraphs) - 1))
    label, basis = decided[i]
    return basis if label == unit.part else "position"


def _names_leaders(unit: Unit) -> bool:
    return unit.section is not None and "leader_duties" in heading_parts(unit.section.heading)


def _preamble(
    paragraphs: list[tuple[int, int]], labels: list[PartLabel | None], structure: DocumentStructure
) -> list[tuple[int, int]]:
    """Paragraphs between the title and the first section that belong to no part yet."""
    if not structure.sections:
        return []
    title_end = structure.title_span[1] if structure.title_span else -1
    return [(s, e) for (s, e), label in zip(paragraphs, labels) if label is None and s >= title_end]


def _opening(paragraphs: list[tuple[int, int]], structure: DocumentStructure) -> list[tuple[int, int]]:
    """Paragraphs between the title and the first section (or all, without sections)."""
    title_end = structure.title_span[1] if structure.title_span else -1
    body = structure.body_start()
    return [(s, e) for s, e in paragraphs if s >= title_end and (body is None or s < body)]


def _preamble_item(text: str, start: int, end: int) -> Item | None:
    """An opening paragraph counts as an achievement when it states results (figures):
    the evidence runs from its first to its last clause with a figure."""
    clauses, pos = [], start
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        clauses.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        clauses.append((pos, end))
    with_figures = [(s, e) for s, e in clauses if states_a_figure(text, s, e)]
    if not with_figures:
        return None
    span_start, span_end = with_figures[0][0], with_figures[-1][1]
    while span_start < span_end and text[span_start] in " \u3000,，":
        span_start += 1
    if span_end - span_start < 8:
        return None
    return make_item(text, span_start, span_end, None, None)


def _overview(text: str, preamble: list[tuple[int, int]], title: str | None = None) -> str | None:
    """The report's opening sentence, as the report itself sums up its year (extractive):
    not the title printed again above the body, nor a repost's news lead."""
    for start, end in preamble:
        sentences = sentence_spans(text, start, end, breaks=())
        if not sentences:
            continue
        s, e = sentences[0]
        sentence = _REPORT_FORMULA.sub("", text[s:e])
        if len(sentence) < OVERVIEW_MIN or _repeats_title(sentence, title) or _NEWS_LEAD.search(sentence):
            continue
        if len(sentence) > OVERVIEW_MAX:
            cut = max(
                (i for i, c in enumerate(sentence[:OVERVIEW_MAX]) if c in "，,；;"),
                default=OVERVIEW_MAX - 1,
            )
            sentence = sentence[:cut] + "…"
        return sentence
    return None
