"""Cut a text into runs by the spans laid over it, so each run can be marked up once."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise


@dataclass(frozen=True)
class Mark:
    """A span to highlight: ``text[start:end]``, named ``mark_id``, of some ``kind``."""

    start: int
    end: int
    mark_id: str
    kind: str


@dataclass
class Run:
    """A stretch of text and the marks covering all of it; ``opens`` are marks starting here."""

    text: str
    covering: list[Mark] = field(default_factory=list)
    opens: list[Mark] = field(default_factory=list)


def runs(text: str, marks: list[Mark]) -> list[Run]:
    """Split ``text`` at every mark boundary; marks beyond the text are clipped, empty ones dropped.

    Overlapping and nested marks are fine: a run lists every mark covering it.
    Concatenating the runs gives ``text`` back.
    """
    usable = [m for m in marks if 0 <= m.start < m.end and m.start < len(text)]
    cuts = sorted({0, len(text), *(m.start for m in usable), *(min(m.end, len(text)) for m in usable)})
    starting: dict[int, list[Mark]] = {}
    for m in usable:
        starting.setdefault(m.start, []).append(m)
    result = []
    for a, b in pairwise(cuts):
        covering = [m for m in usable if m.start <= a and b <= m.end]
        result.append(Run(text[a:b], covering, starting.get(a, [])))
    return result
