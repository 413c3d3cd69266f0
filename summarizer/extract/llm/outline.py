"""What the section tree tells the LLM backend: headings as hints, cut points, categories.

Works with ``summarizer.structure.DocumentStructure``: sections with
``level``, ``heading``, ``start``/``end`` and ``children``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import Any

from summarizer.extract.llm.citations import Sentence

_HINT_LEVELS = 2  # outline depth given to the model


def walk_sections(structure: Any) -> Iterator[Any]:
    """Every section, depth first, in document order."""
    if structure is None:
        return
    if hasattr(structure, "walk"):
        yield from structure.walk()
        return
    stack = list(reversed(getattr(structure, "sections", [])))
    while stack:
        section = stack.pop()
        yield section
        stack.extend(reversed(getattr(section, "children", [])))


def _sentence_index(ends: Sequence[int], offset: int) -> int:
    """Index of the first sentence ending after ``offset`` (``ends``: the sentences' ends, in order)."""
    return bisect.bisect_right(ends, offset)


def section_outline(structure: Any, sentences: Sequence[Sentence], text: str) -> list[str]:
    """``[first–last] heading`` lines for the top levels of the section tree."""
    if not sentences:
        return []
    levels = sorted({s.level for s in walk_sections(structure)})[:_HINT_LEVELS]
    ends = [s.end for s in sentences]
    lines = []
    for section in walk_sections(structure):
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


def cut_ranks(structure: Any, sentences: Sequence[Sentence]) -> dict[int, int]:
    """For sentences where a section begins, the section's level (smaller = better place to cut)."""
    ranks: dict[int, int] = {}
    ends = [s.end for s in sentences]
    for section in walk_sections(structure):
        i = _sentence_index(ends, section.start)
        if i < len(sentences):
            sid = sentences[i].id
            ranks[sid] = min(ranks.get(sid, section.level), section.level)
    return ranks


def heading_at(structure: Any, start: int) -> str | None:
    """The heading of the deepest numbered section (not an inline 一是 unit) containing ``start``."""
    if hasattr(structure, "path_to"):
        path = structure.path_to(start)
    else:
        path = [s for s in walk_sections(structure) if s.start <= start < s.end]
    for section in reversed(path):
        heading = (section.heading or "").strip()
        if heading and not getattr(section, "inline", False):
            return heading
    return None
