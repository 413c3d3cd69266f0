"""Numbered sentences of the clean text, and turning cited ids back into evidence.

The model never copies evidence: it cites sentence ids, and the backend takes
``evidence = text[start:end]`` from the ids, so grounding is exact by
construction. Offsets are ``str`` indices into ``CleanDocument.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summarizer.preprocess.document import CleanDocument

# A sentence ends at 。！？；!?; (a run of them), plus any closing quotes or brackets.
_SENTENCE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)】\"']*|$)")
# Cited ids further apart than this are not one passage.
_MAX_GAP = 2


@dataclass(frozen=True)
class Sentence:
    """Sentence ``id`` (1-based) is ``text[start:end]``; ``paragraph`` is its paragraph's index."""

    id: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Citation:
    """A cited passage resolved to the clean text, and the ids that could not be used."""

    start: int
    end: int
    used: tuple[int, ...]
    unknown: tuple[int, ...]
    ignored: tuple[int, ...]


def number_sentences(doc: CleanDocument) -> list[Sentence]:
    """Split every paragraph into sentences, numbered from 1, with surrounding blanks trimmed."""
    text = doc.text
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(doc.paragraph_spans):
        for m in _SENTENCE.finditer(text, p_start, p_end):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                sentences.append(Sentence(len(sentences) + 1, start, end, p_index))
    return sentences


def render_numbered(text: str, sentences: Sequence[Sentence]) -> str:
    """One line per paragraph, each sentence prefixed by ``[id]``."""
    lines: list[str] = []
    current = None
    for s in sentences:
        piece = f"[{s.id}]" + text[s.start : s.end].replace("\n", " ")
        if s.paragraph != current:
            lines.append(piece)
            current = s.paragraph
        else:
            lines[-1] += piece
    return "\n".join(lines)


def resolve_citation(ids: Iterable[int], by_id: dict[int, Sentence]) -> Citation | None:
    """The passage from the first to the last cited sentence, or None when no id exists.

    Ids that do not exist are reported in ``unknown``. When the known ids are
    not (nearly) consecutive, the longest consecutive run is kept and the
    rest reported in ``ignored``, so one item never sprawls over the report.
    """
    wanted = sorted(set(ids))
    known = [i for i in wanted if i in by_id]
    unknown = tuple(i for i in wanted if i not in by_id)
    if not known:
        return None
    runs: list[list[int]] = [[known[0]]]
    for i in known[1:]:
        if i - runs[-1][-1] <= _MAX_GAP + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    best = max(runs, key=lambda r: (r[-1] - r[0], -r[0]))
    ignored = tuple(i for i in known if i not in best)
    return Citation(
        start=by_id[best[0]].start,
        end=by_id[best[-1]].end,
        used=tuple(best),
        unknown=unknown,
        ignored=ignored,
    )
