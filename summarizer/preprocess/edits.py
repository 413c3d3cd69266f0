"""Text edits that keep track of where things moved.

Every preprocessing step is expressed as a list of non-overlapping ``Edit``s on
the current text. Applying them gives the new text and an ``OffsetMap`` that
moves offsets of earlier repairs to the new text, so each repair can finally
say where its result sits in the clean text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import NamedTuple


class Edit(NamedTuple):  # a tuple: steps create thousands, and tuples are cheap
    """Replace ``text[start:end]`` with ``new``; ``kind`` names the repair (None: untracked).

    ``single`` repairs are reported one by one; the others are counted per
    (kind, before, after) in aggregate entries.
    """

    start: int
    end: int
    new: str
    kind: str | None = None
    single: bool = False
    note: str = ""
    # Further repairs inside ``new``: (kind, start, end, after, note), offsets relative to ``new``.
    extra: tuple[tuple[str, int, int, str, str], ...] = ()


_SPAN = itemgetter(0, 1)  # (start, end) of an Edit


class OffsetMap:
    """Maps offsets in the text before a set of edits to offsets after them.

    Built on first use: most steps replace characters one for one, and then nothing asks.
    """

    __slots__ = ("_edits", "_ends", "_new_ends", "_new_starts", "_starts", "_text", "moves")

    def __init__(self, edits: Sequence[Edit], text: str | None = None, *, moves: bool | None = None):
        # With ``text``, each edit is first trimmed of what it leaves unchanged (``_trimmed_span``).
        self._edits: Sequence[Edit] | None = edits
        self._text = text
        #: Whether any offset moves (an edit changes the length of what it replaces).
        self.moves = any(len(e.new) != e.end - e.start for e in edits) if moves is None else moves

    def _build(self) -> None:
        text, edits = self._text, self._edits
        if edits is None:
            return  # built already
        # (A deletion has nothing to trim, and an edit keeping the start of what it replaces
        # (``區(qū)`` -> ``區``, hundreds in an annotated text) only removes what follows it:
        # both are the outcome of ``_trimmed_span``, without the call.)
        spans = ([(e.start, e.end, 0) if not e.new
                  else (e.start + len(e.new), e.end, 0) if text.startswith(e.new, e.start, e.end)
                  else _trimmed_span(text, e) for e in edits] if text is not None
                 else [(e.start, e.end, len(e.new)) for e in edits])
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        shift = 0
        for start, end, new_length in spans:
            self._starts.append(start)
            self._ends.append(end)
            self._new_starts.append(start + shift)
            shift += new_length - (end - start)
            self._new_ends.append(end + shift)
        self._edits = self._text = None

    def __call__(self, pos: int, *, is_end: bool = False) -> int:
        """The new offset of old offset ``pos`` (``is_end`` for the end of a span)."""
        return self.many((pos,), is_end=is_end)[0]

    def many(self, positions: Iterable[int], *, is_end: bool = False) -> list[int]:
        """The new offsets of old ``positions``, in one call (a step moves hundreds of repairs)."""
        if self._edits is not None:
            self._build()
        starts, ends, new_starts, new_ends = self._starts, self._ends, self._new_starts, self._new_ends
        out = []
        for pos in positions:
            i = bisect_right(starts, pos) - 1
            if i < 0:
                out.append(pos)
            elif pos == starts[i]:
                out.append(new_starts[i])
            elif pos >= ends[i]:
                out.append(new_ends[i] + (pos - ends[i]))
            else:  # inside a replaced stretch: shrink the span to what survives unchanged
                out.append(new_starts[i] if is_end else new_ends[i])
        return out


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit], OffsetMap]:
    """Apply edits (sorted, overlaps dropped) and return new text, the edits kept and the map."""
    kept: list[Edit] = []
    moves = False
    last_end = -1
    for e in sorted(edits, key=_SPAN):
        if e.start < last_end or (e.start == e.end and e.start == last_end and kept and kept[-1].start == e.start):
            continue  # overlapping edits: the first one wins
        if text[e.start : e.end] == e.new:
            continue
        kept.append(e)
        moves = moves or len(e.new) != e.end - e.start
        last_end = e.end
    if not kept:
        return text, kept, OffsetMap(kept)
    pieces: list[str] = []
    pos = 0
    for e in kept:
        pieces.append(text[pos : e.start])
        pieces.append(e.new)
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces), kept, OffsetMap(kept, text, moves=moves)


def _trimmed_span(text: str, e: Edit) -> tuple[int, int, int]:
    """``e`` without the part of ``new`` that equals the old text at either end, as (start, end,
    length of what replaces it): all the offset map needs of it.

    ``區(qū)`` -> ``區`` keeps ``區``: only ``(qū)`` is really removed, so an offset
    just after ``區`` must stay after it.
    """
    old, new = text[e.start : e.end], e.new
    if not old or not new or (old[0] != new[0] and old[-1] != new[-1]):
        return e.start, e.end, len(new)  # nothing in common at either end (most edits)
    if old.startswith(new):  # 區(qū) -> 區: only what follows goes
        return e.start + len(new), e.end, 0
    k = 0
    while k < len(old) and k < len(new) and old[k] == new[k]:
        k += 1
    j = 0
    while j < len(old) - k and j < len(new) - k and old[-1 - j] == new[-1 - j]:
        j += 1
    return e.start + k, e.end - j, len(new) - k - j
