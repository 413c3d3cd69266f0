"""The rules' items as units for the model: which part each is in, how sure, and how they are grouped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from summarizer.extract.base import Extraction
from summarizer.extract.rules.part_classifier import heading_parts
from summarizer.llm.meter import estimate_tokens
from summarizer.schema import PART_NAMES, PartName
from summarizer.structure import DocumentStructure, Section

EXCERPT_CHARS = 100  # what the model reads of a long unit: its opening states what the unit is about
_SENTENCE_END = re.compile(r"[。；;！？]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class HybridUnit:
    """One span the rules made an item of, with the parts they listed it under."""

    id: int
    start: int
    end: int
    parts: tuple[PartName, ...]
    sure: bool  # the part is named by a heading above the unit
    excerpt: str

    def render(self) -> str:
        """The unit's line in the prompt: ``[id] 部分=part 原文：…`` (``部分=？`` when unsure)."""
        label = "/".join(self.parts) if self.sure else f"？（规则猜测 {self.parts[0]}）"
        return f"[{self.id}] 部分={label} 原文：{self.excerpt}"


def _enclosing(sections: list[Section], offset: int) -> Iterator[Section]:
    for section in sections:
        if section.start <= offset < section.end:
            yield section
            yield from _enclosing(section.children, offset)


def part_is_sure(structure: DocumentStructure, offset: int, part: PartName, report_year: int | None) -> bool:
    """Whether a heading above ``offset`` names ``part`` (the rules then did not guess it)."""
    return any(part in heading_parts(s.heading, report_year) for s in _enclosing(structure.sections, offset))


def excerpt(text: str) -> str:
    """The unit's text with whitespace removed, cut after a sentence near ``EXCERPT_CHARS``."""
    flat = _SPACE.sub("", text)
    if len(flat) <= EXCERPT_CHARS:
        return flat
    ends = [m.end() for m in _SENTENCE_END.finditer(flat, 0, EXCERPT_CHARS)]
    cut = ends[-1] if ends and ends[-1] >= EXCERPT_CHARS // 2 else EXCERPT_CHARS
    return flat[:cut] + "…"


def collect_units(extraction: Extraction, structure: DocumentStructure, text: str) -> list[HybridUnit]:
    """Every distinct span among the rules' items, in document order, with its parts.

    A span listed under one part only is unsure when no heading above it names
    that part; one the rules listed under two parts on purpose (a measure that
    is also the leaders' duty) is left where it is.
    """
    parts_of: dict[tuple[int, int], list[PartName]] = {}
    for part in PART_NAMES:
        for item in extraction.items(part):
            parts_of.setdefault((item.span.start, item.span.end), []).append(part)
    year = extraction.metadata.report_year
    units = []
    for n, ((start, end), parts) in enumerate(sorted(parts_of.items()), start=1):
        sure = len(parts) > 1 or part_is_sure(structure, start, parts[0], year)
        units.append(HybridUnit(n, start, end, tuple(parts), sure, excerpt(text[start:end])))
    return units


def plan_batches(units: list[HybridUnit], token_limit: int, max_units: int) -> list[list[HybridUnit]]:
    """Consecutive units in as few groups as ``token_limit`` (estimated tokens of their prompt
    lines) and ``max_units`` allow, the groups about equally large (no small remainder call)."""
    costs = [estimate_tokens(unit.render()) for unit in units]
    if not costs:
        return []
    fewest = len(_greedy(costs, token_limit, max_units))
    # The smallest limit that still needs no more groups than that: the groups come out even.
    low, high = max(costs), max(token_limit, max(costs))
    while low < high:
        mid = (low + high) // 2
        if len(_greedy(costs, mid, max_units)) <= fewest:
            high = mid
        else:
            low = mid + 1
    return [[units[i] for i in group] for group in _greedy(costs, low, max_units)]


def _greedy(costs: list[int], limit: int, max_units: int) -> list[list[int]]:
    """Indices in consecutive groups, each closed before it passes ``limit`` or ``max_units``."""
    result: list[list[int]] = []
    current: list[int] = []
    used = 0
    for i, cost in enumerate(costs):
        if current and (used + cost > limit or len(current) >= max_units):
            result.append(current)
            current, used = [], 0
        current.append(i)
        used += cost
    if current:
        result.append(current)
    return result
