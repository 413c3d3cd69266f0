"""Hints for the model: the section outline, and the rule-based extractor's part assignment."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.extract.base import Extraction
from summarizer.extract.llm.citations import Sentence
from summarizer.extract.llm.outline import section_outline
from summarizer.schema import PART_NAMES
from summarizer.structure import DocumentStructure


def _ranges(ids: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in sorted(set(ids)):
        if runs and i <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def rules_part_lines(guess: Extraction, sentences: Sequence[Sentence]) -> list[str]:
    """``part: [a–b], [c–d]`` — the sentences where the rules backend found each part's items."""
    lines = []
    for part in PART_NAMES:
        ids = [
            s.id
            for item in guess.items(part)
            for s in sentences
            if s.start < item.span.end and item.span.start < s.end
        ]
        if ids:
            lines.append(f"{part}: " + ", ".join(f"[{a}–{b}]" if a != b else f"[{a}]" for a, b in _ranges(ids)))
    return lines


def render_hints(text: str, structure: DocumentStructure, part: Sequence[Sentence], guess: Extraction | None, outline: bool) -> str:
    """The hint block of the user message for one part of a report ('' when there is none)."""
    blocks = []
    if outline and (lines := section_outline(structure, part, text)):
        blocks.append("报告的章节结构（供参考，编号为该节的句子范围）：\n" + "\n".join(lines))
    if guess is not None and (lines := rules_part_lines(guess, part)):
        blocks.append("规则抽取器的初步划分（可能有误，仅供参考）：\n" + "\n".join(lines))
    return "".join(block + "\n" for block in blocks)
