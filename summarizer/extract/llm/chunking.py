"""Splitting a report that does not fit the context budget along its section tree."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.extract.llm.citations import Sentence

_PARAGRAPH_RANK = 50  # a paragraph break is a worse cut than any section start
_SENTENCE_RANK = 100  # and a bare sentence boundary the worst


def plan_chunks(
    sentences: Sequence[Sentence], costs: Sequence[int], limit: int, ranks: dict[int, int]
) -> list[list[Sentence]]:
    """Consecutive runs of sentences, each costing at most ``limit`` tokens where possible.

    ``costs[i]`` is the token cost of ``sentences[i]`` as rendered; ``ranks``
    maps a sentence id where a section begins to the section's level. When a
    chunk is full it is closed before the best cut point in its second half:
    the highest-level section start, else a paragraph break, else the latest
    sentence. A single sentence larger than ``limit`` becomes its own chunk.
    """
    chunks: list[list[Sentence]] = []
    start = 0
    while start < len(sentences):
        total, end = 0, start
        while end < len(sentences) and (end == start or total + costs[end] <= limit):
            total += costs[end]
            end += 1
        if end < len(sentences):
            end = _best_cut(sentences, costs, ranks, start, end, limit)
        chunks.append(list(sentences[start:end]))
        start = end
    return chunks


def _rank(sentences: Sequence[Sentence], ranks: dict[int, int], i: int) -> int:
    if sentences[i].id in ranks:
        return ranks[sentences[i].id]
    if sentences[i].paragraph != sentences[i - 1].paragraph:
        return _PARAGRAPH_RANK
    return _SENTENCE_RANK


def _best_cut(sentences: Sequence[Sentence], costs: Sequence[int], ranks: dict[int, int], start: int, end: int,
              limit: int) -> int:
    """The index in ``(start, end]`` to begin the next chunk at."""
    best, best_key = end, (_rank(sentences, ranks, end), -end)
    filled = 0
    for i in range(start + 1, end):
        filled += costs[i - 1]
        if filled * 2 < limit:
            continue
        key = (_rank(sentences, ranks, i), -i)
        if key < best_key:
            best, best_key = i, key
    return best
