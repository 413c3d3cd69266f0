"""Repairing GBK text that was decoded one byte out of step (seed 004).

What happened to such a page: a byte was lost, the decoder printed ``?`` and
read every following pair of bytes across character boundaries - ``（一）深入``
(``A3A8 D2BB A3A9 C9EE C8EB``) became ``?。ㄒ唬┥钊…`` - until an ASCII byte
put it back in step. Pairs that are undefined in GBK were dropped silently, so
sometimes a whole character vanished as well (``（二）`` -> ``。ǘ┯``).

The repair re-encodes the shifted characters to GBK, puts back the lost first
byte and decodes them in step again:

- the lost first byte is never known; the character it began is restored only
  when one punctuation mark fits (``　`` at a line start, ``。`` after text),
- the last character's second byte is the ASCII letter that re-aligned the
  decoder (``七M`` -> ``進``), or was lost too (``鋵?shí)``), in which case the
  pinyin printed after it decides among the characters the document annotates
  with that syllable,
- a heading number that vanished with an undefined pair (``（醛`` = ``（三`` +
  ``）`` fused) is restored only when the heading numbering makes it certain,
- a character dropped inside a word is restored when exactly one candidate
  makes the passage read like the rest of the document (its bigrams occur there).

Whatever cannot be restored with certainty becomes ``〓`` (the conventional
mark for a missing character) with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import itemgetter

from summarizer.preprocess.charstats import commonness
from summarizer.preprocess.edits import Edit
from summarizer.preprocess.pinyin import annotated_chars, is_pinyin
from summarizer.preprocess.t2s import to_simplified_char

MISSING = "〓"
_DROPPED_PAIR_MAX_SPAN = 60
_BIGRAM_SET_FROM = 50_000  # characters
_NUMERALS = "一二三四五六七八九十"
# '?', the first shifted character (an ASCII mark here was full-width before an NFKC step),
# then the shifted run.
_SPAN = re.compile(r"\?(?P<run>[,.;:!?]?[^\x00-\x7f〓\s\u3000\u00a0\ufeff\u200b-\u200d\u2060]*)")
_LOST_PINYIN = re.compile(r"\?(?P<py>[a-zü\u00e0-\u01dc]{1,6})\)")
_ANNOTATION_AFTER = re.compile(r"[(（](?P<py>[a-zü\u00e0-\u01dc]{1,6})[)）]")
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in ",.;:!?"}
# Characters a lost first byte most plausibly began, by position.
_LINE_START_MARKS = "\u3000"
_AFTER_TEXT_MARKS = "。，、；：！？"
# After any indent (a PDF's indented first line has one).
_TOP_HEADING = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]+、")
_SUB_HEADING = re.compile(r"^[\s\u3000]*[(（](?P<n>[一二三四五六七八九十])[)）]")


# (rel_start, rel_end, after, note) of each lost character of a span
_Lost = list[tuple[int, int, str, str]]


@dataclass
class _Span:
    start: int
    end: int
    new: str
    lost: _Lost
    warnings: list[str]
    kind: str = "mojibake"
    note: str = "GBK bytes re-decoded in step"


@lru_cache(maxsize=65536)
def _gbk(ch: str) -> bytes | None:
    try:
        b = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


def _gbk_bytes(ch: str) -> bytes:
    """``_gbk(ch)``, or two zero bytes for a character with none (0 is no GBK byte: it matches none)."""
    return _gbk(ch) or b"\0\0"


@lru_cache(maxsize=65536)
def _decode_pair(lead: int, trail: int) -> str | None:
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


def _is_undefined_pair(a: int, b: int) -> bool:
    return _decode_pair(a, b) is None


def _starts_heading(shifted: bytearray) -> bool:
    """True when the in-step bytes after the lost character begin with ``（``."""
    return len(shifted) >= 3 and _decode_pair(shifted[1], shifted[2]) in ("（", "(")


def _first_char(trail: int, at_line_start: bool) -> str | None:
    """The one punctuation mark whose second byte is ``trail`` and that fits the position."""
    marks = _LINE_START_MARKS if at_line_start else _AFTER_TEXT_MARKS
    fits = [m for m in marks if _gbk_bytes(m)[1] == trail]
    return fits[0] if len(fits) == 1 else None


class _Doc:
    """What the document says elsewhere: annotated syllables, character bigrams."""

    def __init__(self, text: str):
        self.text = text
        self.annotated = annotated_chars(text)
        self._after: dict[str, frozenset[str]] = {}
        self._before: dict[str, frozenset[str]] = {}
        self._has: dict[str, bool] = {}

    def by_pinyin(self, syllable: str, lead: int | None) -> str | None:
        """The one character annotated with ``syllable`` (whose GBK lead byte is ``lead``)."""
        chars = {c for c in self.annotated.get(syllable, ()) if lead is None or (_gbk(c) or b"\0")[0] == lead}
        return next(iter(chars)) if len(chars) == 1 else None

    @cached_property
    def _bigrams(self) -> frozenset[str]:
        return frozenset(map(str.__add__, self.text, self.text[1:]))

    def has(self, bigram: str) -> bool:
        """True when the document contains ``bigram`` somewhere."""
        # Remembered: ``support`` asks about each bigram of a span twice (as the second of one
        # trigram and the first of the next), and an absent one costs a search of the whole text.
        found = self._has.get(bigram)
        if found is None:
            # A substring search is faster than building the set, except on long texts.
            found = self._has[bigram] = bigram in (self._bigrams if len(self.text) > _BIGRAM_SET_FROM else self.text)
        return found

    # ``after`` and ``before`` split the text at the character, in C: the piece after each
    # occurrence opens with the character that follows it (an empty piece: the character
    # itself follows, or the text ends), the piece before it ends with the one that precedes.

    def after(self, ch: str) -> frozenset[str]:
        """The characters that follow ``ch`` (one character) somewhere in the document."""
        if ch not in self._after:
            following = self.text.split(ch)[1:]
            found = set(map(itemgetter(0), filter(None, following)))
            if not all(following[:-1]):  # ch twice in a row
                found.add(ch)
            self._after[ch] = frozenset(found)
        return self._after[ch]

    def before(self, ch: str) -> frozenset[str]:
        """The characters that precede ``ch`` (one character) somewhere in the document."""
        if ch not in self._before:
            preceding = self.text.split(ch)[:-1]
            found = set(map(itemgetter(-1), filter(None, preceding)))
            if not all(preceding[1:]):  # ch twice in a row
                found.add(ch)
            self._before[ch] = frozenset(found)
        return self._before[ch]

    def support(self, s: str) -> int:
        """How many bigrams of ``s`` occur elsewhere in the document."""
        return sum(1 for i in range(len(s) - 1) if self.has(s[i : i + 2]))


def mojibake_edits(text: str) -> tuple[list[Edit], list[str]]:
    """Edits repairing every shifted span and lost character, and the warnings for what stays lost."""
    if "?" not in text:
        return [], []
    doc = _Doc(text)
    edits: list[Edit] = []
    warnings: list[str] = []
    sub_numbers: list[str] = []  # sub-heading numbers seen since the last top-level heading
    pos = 0
    for line in text.split("\n"):
        if _TOP_HEADING.match(line):
            sub_numbers = []
        spans = _line_spans(line, pos, doc, sub_numbers)
        for span in spans:
            extra = tuple(("lost_char", a, b, after, note) for a, b, after, note in span.lost)
            if span.kind == "lost_char":
                extra = ()  # the span itself is the one lost character
            edits.append(Edit(span.start, span.end, span.new, kind=span.kind, single=True,
                              note=span.note, extra=extra))
            warnings.extend(span.warnings)
        repaired = _apply_local(line, pos, spans)
        m = _SUB_HEADING.match(repaired)
        if m:
            sub_numbers.append(m.group("n"))
        pos += len(line) + 1
    return edits, warnings


def _apply_local(line: str, offset: int, spans: list[_Span]) -> str:
    out, cur = [], 0
    for s in spans:
        out.append(line[cur : s.start - offset])
        out.append(s.new)
        cur = s.end - offset
    out.append(line[cur:])
    return "".join(out)


# Headings inside a line (a page whose line breaks were lost): after a sentence end or a blank.
_INLINE_HEADING = re.compile(
    r"(?:^|(?<=[。！？；：\s\u3000]))(?:(?P<top>[一二三四五六七八九十]+、)|[(（](?P<n>[一二三四五六七八九十])[)）])"
)


def _note_headings(text: str, sub_numbers: list[str]) -> None:
    """Track the sub-heading numbers of ``text`` (reset at a top-level heading)."""
    for m in _INLINE_HEADING.finditer(text):
        if m.group("top"):
            sub_numbers.clear()
        else:
            sub_numbers.append(m.group("n"))


def _line_spans(line: str, offset: int, doc: _Doc, sub_numbers: list[str]) -> list[_Span]:
    spans: list[_Span] = []
    i = 0
    while True:
        q = line.find("?", i)
        if q < 0:
            return spans
        _note_headings(line[i:q], sub_numbers)
        span = _shifted_span(line, q, doc, sub_numbers) or _lost_annotated(line, q, doc)
        if span is None:
            i = q + 1
            continue
        _note_headings(span.new.lstrip("\u3000")[:4], sub_numbers)
        i = span.end
        span.start += offset
        span.end += offset
        spans.append(span)


def _shifted_span(line: str, q: int, doc: _Doc, sub_numbers: list[str]) -> _Span | None:
    """Re-decode the shifted run after the ``?`` at ``q``, or None when it is not one."""
    m = _SPAN.match(line, q)
    run = m.group("run") if m else ""
    if m is None or not run:
        return None
    shifted = bytearray()
    for ch in run:
        b = _gbk(_FULLWIDTH.get(ch, ch))
        if b is None:
            return None
        shifted += b
    end = m.end()
    lost: _Lost = []
    warnings: list[str] = []
    # The last character's second byte: the re-aligning ASCII letter, or lost with a '?'.
    tail: str | None = None
    nxt = line[end] if end < len(line) else ""
    confirmed = False  # the pinyin printed after the last character names it
    if nxt and "\x40" <= nxt <= "\x7e" and nxt not in "()":
        shifted.append(ord(nxt))
        end += 1
        ann = _ANNOTATION_AFTER.match(line, end)
        if ann and len(shifted) >= 2:
            last = _decode_pair(shifted[-2], shifted[-1])
            confirmed = last is not None and last in doc.annotated.get(ann.group("py"), ())
    else:
        lp = _LOST_PINYIN.match(line, end)
        lead = shifted[-1]
        if lp and is_pinyin(lp.group("py"), after_traditional=True):
            tail = doc.by_pinyin(lp.group("py"), lead)
            confirmed = tail is not None
            end = lp.end()
            if tail is None:
                warnings.append(f"a character read '{lp.group('py')}' was lost with a byte; marked {MISSING}")
        tail = tail or MISSING
        shifted = shifted[:-1]
    # Decode in step: the pair (lost, shifted[0]) then the rest.
    # A full-width indent before a heading is what a lost line break leaves mid-line.
    first = _first_char(shifted[0], at_line_start=q == 0 or _starts_heading(shifted))
    pairs = [(shifted[k], shifted[k + 1]) for k in range(1, len(shifted) - 1, 2)]
    if len(shifted) % 2 == 0:
        return None  # cannot be in step again
    chars: list[str] = []
    for lead_byte, trail_byte in pairs:
        ch = _decode_pair(lead_byte, trail_byte)
        if ch is None:
            return None
        chars.append(ch)
    body = "".join(chars)
    reads_better = commonness(body) >= 0.75 and commonness(body) - commonness(run) >= 0.25
    if not (reads_better or confirmed):
        return None  # no sign that this is a shifted span: leave it
    if first is None:
        first = MISSING
        warnings.append(f"the character before '{body[:6]}' was lost with a byte; marked {MISSING}")
    new = first + body
    if first == MISSING:
        lost.append((0, 1, MISSING, "lost, marked"))
    elif not first.isspace():  # a restored indent is removed with the other indents
        lost.append((0, 1, first, "first character of a shifted span"))
    if tail is not None:
        lost.append((len(new), len(new) + 1, tail, "character lost with its second byte"))
        new += tail
    new, lost, more = _restore_heading_number(new, lost, sub_numbers)
    warnings.extend(more)
    new, lost = _restore_dropped_pair(new, lost, doc)
    return _Span(q, end, new, lost, warnings)


def _restore_heading_number(new: str, lost: _Lost, sub_numbers: list[str]) -> tuple[str, _Lost, list[str]]:
    """``（X`` where X fused a heading number's first byte with ``）``'s second: restore ``（N）``."""
    m = re.match(r"^\u3000?（(?P<c>.)", new)
    if not m or "）" in new[m.end() : m.end() + 2]:
        return new, lost, []
    fused = _gbk(m.group("c"))
    if fused is None or fused[1] != 0xA9:
        return new, lost, []
    candidates = [n for n in _NUMERALS if _gbk_bytes(n)[0] == fused[0] and _is_undefined_pair(_gbk_bytes(n)[1], 0xA3)]
    # The number the heading must have: one after the previous sibling's (or 一).
    last = _NUMERALS.index(sub_numbers[-1]) if sub_numbers else -1
    expected = _NUMERALS[last + 1] if last + 1 < len(_NUMERALS) else None
    i = m.start("c")
    if expected is not None and candidates == [expected]:
        restored, note, warns = expected + "）", "heading number lost with an undefined byte pair", []
    else:
        restored = MISSING + "）"
        note = "heading number lost, marked"
        warns = [f"a heading number was lost with a byte pair before '{new[i + 1 : i + 7]}'; marked {MISSING}"]
    new = new[:i] + restored + new[i + 1 :]
    lost = [(a + (1 if a > i else 0), b + (1 if a > i else 0), after, n) for a, b, after, n in lost]
    lost.append((i, i + 1, restored[0], note))
    return new, lost, warns


def _restore_dropped_pair(new: str, lost: _Lost, doc: _Doc) -> tuple[str, _Lost]:
    """A pair dropped inside the run (``有衅進`` for ``有效推進``): restore it when exactly one
    candidate makes the passage read like the rest of the document."""
    if len(new) > _DROPPED_PAIR_MAX_SPAN:
        return new, lost  # the search is per character: keep it to span-sized runs
    for i in range(1, len(new) - 1):
        c = new[i]
        gc = _gbk(c)
        if gc is None or MISSING in new[i - 1 : i + 2] or doc.support(new[i - 1 : i + 2]) > 0:
            continue
        # c = (x, y) was read from (x, t1) (l2, y): the pair (t1, l2) between them was
        # undefined in GBK and dropped.
        # Only characters the document has after new[i-1] / before new[i+1] can score.
        firsts = [c1 for c1 in doc.after(new[i - 1]) if (_gbk(c1) or b"\0")[0] == gc[0]]
        seconds = [c2 for c2 in doc.before(new[i + 1]) if (_gbk(c2) or b"\0\0")[1] == gc[1]]
        found = [
            c1 + c2
            for c1 in firsts
            for c2 in seconds
            if doc.has(c1 + c2) and _is_undefined_pair(_gbk_bytes(c1)[1], _gbk_bytes(c2)[0])
        ]
        if len(found) != 1:
            continue  # nothing reads right, or not certain which
        new = new[:i] + found[0] + new[i + 1 :]
        lost = [(a + (1 if a > i else 0), b + (1 if a > i else 0), after, n) for a, b, after, n in lost]
        lost.append((i, i + 2, found[0], "characters dropped with an undefined byte pair"))
        break
    return new, lost


def _lost_annotated(line: str, q: int, doc: _Doc) -> _Span | None:
    """``?bào)``: a character lost with its '(' whose pinyin survived."""
    m = _LOST_PINYIN.match(line, q)
    if not m or not is_pinyin(m.group("py"), after_traditional=True):
        return None
    restored = doc.by_pinyin(m.group("py"), None)
    if restored is not None:
        return _Span(q, m.end(), restored, [], [], kind="lost_char",
                     note=f"lost with its '('; restored from its pinyin '{m.group('py')}'")
    # A ghost: the bytes of the characters around it read out of step (日報 -> 請).
    before = line[q - 1] if q else ""
    after_m = _LOST_PINYIN.match(line, m.end())
    if before and after_m:
        nxt = doc.by_pinyin(after_m.group("py"), None)
        gb, gn = _gbk(before), _gbk(nxt) if nxt else None
        ghost = _decode_pair(gb[1], gn[0]) if gb and gn else None
        if ghost is not None and to_simplified_char(ghost) != ghost:
            return _Span(q, m.end(), "", [], [], note=f"ghost '{ghost}' read across '{before}' and the next character, removed")
    return _Span(q, m.end(), MISSING, [], [f"a character read '{m.group('py')}' was lost; marked {MISSING}"],
                 kind="lost_char", note="lost with its '(', marked")
