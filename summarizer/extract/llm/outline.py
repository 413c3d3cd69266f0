"""What the section tree (``summarizer.structure.DocumentStructure``) tells the LLM backend:
headings as hints, cut points, categories."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from summarizer.extract.llm.citations import Sentence
from summarizer.structure import DocumentStructure

_HINT_LEVELS = 2  # outline depth given to the model


def _sentence_index(ends: Sequence[int], offset: int) -> int:
    """Index of the first sentence ending after ``offset`` (``ends``: the sentences' ends, in order)."""
    return bisect.bisect_right(ends, offset)


def section_outline(structure: DocumentStructure, sentences: Sequence[Sentence], text: str) -> list[str]:
    """``[first–last] heading`` lines for the top levels of the section tree."""
    if not sentences:
        return []
    levels = sorted({s.level for s in structure.walk()})[:_HINT_LEVELS]
    ends = [s.end for s in sentences]
    lines = []
    for section in structure.walk():
        if section.level not in levels:
            continue
        first = _sentence_index(ends, section.start)
        last = _sentence_index(ends, max(section.end - 1, section.start))
        if first >= len(sentences):
            continue
        last = min(last, len(sentences) - 1)
        indent = "  " * levels.index(section.level)
        heading = (section.heading or "").strip() or text[section.start : section.start + 30]
        lines.append(f"{indent}[{sentences[first].id}–{sentences[last].id}] {heading}")
    return lines


def cut_ranks(structure: DocumentStructure, sentences: Sequence[Sentence]) -> dict[int, int]:
    """For sentences where a section begins, the section's level (smaller = better place to cut)."""
    ranks: dict[int, int] = {}
    ends = [s.end for s in sentences]
    for section in structure.walk():
        i = _sentence_index(ends, section.start)
        if i < len(sentences):
            sid = sentences[i].id
            ranks[sid] = min(ranks.get(sid, section.level), section.level)
    return ranks


def heading_at(structure: DocumentStructure, start: int) -> str | None:
    """The heading of the deepest numbered section (not an inline 一是 unit) containing ``start``."""
    for section in reversed(structure.path_to(start)):
        heading = section.heading.strip()
        if heading and not section.inline:
            return heading
    return None
