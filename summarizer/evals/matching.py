"""The matching rule of evals/REFERENCE_FORMAT.md: predicted items vs reference items.

Both sides are normalised first (``normalize``): OpenCC ``t2s``, all
whitespace removed, full-width and ASCII punctuation unified by an explicit
table. Then, per statutory part:

- L = length of the longest common substring of a predicted evidence P and a
  reference evidence R.
- A reference item is *covered* (recall) when some predicted item has
  ``L >= 8`` and ``L >= min(|P|, |R|) / 2``.
- A predicted item is *correct* (precision) when some reference item has
  ``L >= 8`` and ``L >= |P| / 2``.
- When either item of a pair has no usable evidence (fewer than 8 characters
  after normalisation, so the rule above could never hold) the pair is judged
  on its texts instead: character-bigram Dice >= 0.5 counts for recall and
  for precision alike ("both ways").

Speed: a pair can only reach ``L >= 8`` if it shares an 8-character gram.
The reference evidences of a part are indexed by their 8-grams once, and L
is found by extending forward from the shared 8-grams of a predicted
evidence (``_longest_runs``), in time linear in its length: no all-pairs
dynamic programme. A reference part is scored many times over (once per
run, then once per predicted item of every other part by the wrong-part
check of ``figure_gold``), so its normalised side and gram index are kept
for the last few reference parts (``_reference_side``), and normalised
texts for the last few thousand strings (``normalize``).

Bump ``MATCHING_RULE_VERSION`` whenever anything here changes what matches,
so that runs scored under different rules are never compared silently.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

MATCHING_RULE_VERSION = "ref-format-1"
MIN_COMMON_CHARS = 8
DICE_THRESHOLD = 0.5

# Full-width / CJK punctuation -> its ASCII counterpart. Written out on purpose:
# NFKC would also do this but rewrites much else (it must never touch the text).
_PUNCTUATION_PAIRS = (
    ("，", ","), ("。", "."), ("．", "."), ("！", "!"), ("？", "?"), ("：", ":"), ("；", ";"),
    ("（", "("), ("）", ")"), ("［", "["), ("］", "]"), ("【", "["), ("】", "]"),
    ("｛", "{"), ("｝", "}"), ("“", '"'), ("”", '"'), ("＂", '"'), ("‘", "'"), ("’", "'"),
    ("＇", "'"), ("％", "%"), ("＋", "+"), ("－", "-"), ("／", "/"), ("＜", "<"), ("＞", ">"),
    ("＝", "="), ("＆", "&"), ("＃", "#"), ("＊", "*"), ("＠", "@"), ("～", "~"), ("＿", "_"),
    ("｜", "|"), ("＼", "\\"), ("＄", "$"), ("＾", "^"), ("｀", "`"),
)
# Full-width digits and Latin letters (Ａ-Ｚ ａ-ｚ ０-９) -> ASCII.
_WIDE_ALNUM = [(chr(0xFF10 + i), chr(0x30 + i)) for i in range(10)] + [
    (chr(base_wide + i), chr(base_ascii + i))
    for base_wide, base_ascii in ((0xFF21, 0x41), (0xFF41, 0x61))
    for i in range(26)
]
# Characters that are invisible but not ``str.isspace``.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

_TRANSLATION = str.maketrans(
    {**{wide: ascii_ for wide, ascii_ in (*_PUNCTUATION_PAIRS, *_WIDE_ALNUM)}, **{c: None for c in _INVISIBLE}}
)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@functools.lru_cache(maxsize=1)
def _t2s() -> _Converter:
    import opencc  # no type information: its converter is described by _Converter

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def normalize(text: str | None) -> str:
    """Text as compared for matching: simplified, no whitespace, punctuation unified."""
    if not text:
        return ""
    return _normalize(text)


@functools.lru_cache(maxsize=8192)  # the same evidences and summaries are compared part after part
def _normalize(text: str) -> str:
    simplified = _t2s().convert(text)
    return "".join(simplified.translate(_TRANSLATION).split())


def longest_common_substring(a: str, b: str) -> int:
    """Length of the longest common substring of two (already normalised) strings."""
    if not a or not b:
        return 0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


GramIndex = dict[str, list[tuple[int, int]]]


def _gram_index(evidences: dict[int, str]) -> GramIndex:
    """Every 8-character gram of the reference evidences -> [(item, offset), …]."""
    index: GramIndex = {}
    for j, evidence in evidences.items():
        for k in range(len(evidence) - MIN_COMMON_CHARS + 1):
            index.setdefault(evidence[k : k + MIN_COMMON_CHARS], []).append((j, k))
    return index


def _longest_runs(p: str, index: GramIndex, evidences: dict[int, str]) -> dict[int, int]:
    """For each reference item sharing at least 8 characters with ``p``: the longest common run.

    A longest common substring of length >= 8 starts with a shared 8-gram at a
    place where the two strings did not already agree one character earlier
    (else it would extend to the left), so extending forward from each such
    anchor finds it. About linear in ``len(p)``.
    """
    best: dict[int, int] = {}
    for i in range(len(p) - MIN_COMMON_CHARS + 1):
        for j, k in index.get(p[i : i + MIN_COMMON_CHARS], ()):
            r = evidences[j]
            if i and k and p[i - 1] == r[k - 1]:
                continue  # inside a run found from an earlier anchor
            # The longest n with p[i:i+n] == r[k:k+n], by bisection on C-level slice compares.
            n, most = MIN_COMMON_CHARS, min(len(p) - i, len(r) - k)
            while n < most:
                mid = (n + most + 1) // 2
                if p[i + n : i + mid] == r[k + n : k + mid]:
                    n = mid
                else:
                    most = mid - 1
            if n > best.get(j, 0):
                best[j] = n
    return best


def _bigrams(text: str) -> Counter[str]:
    if len(text) < 2:
        return Counter([text]) if text else Counter()
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def bigram_dice(a: str, b: str) -> float:
    """Dice coefficient of the character-bigram multisets of two normalised strings."""
    ga, gb = _bigrams(a), _bigrams(b)
    total = sum(ga.values()) + sum(gb.values())
    if not total:
        return 0.0
    return 2 * sum((ga & gb).values()) / total


@dataclass(frozen=True)
class MatchItem:
    """One item as the matching rule sees it: a short statement and its evidence."""

    text: str
    evidence: str | None = None


@dataclass(frozen=True)
class _Prepared:
    text: str
    evidence: str

    @property
    def usable(self) -> bool:
        return len(self.evidence) >= MIN_COMMON_CHARS


def _prepare(items: Iterable[MatchItem]) -> list[_Prepared]:
    return [_Prepared(normalize(i.text), normalize(i.evidence)) for i in items]


@dataclass(frozen=True)
class _ReferenceSide:
    """One part's reference items as the rule compares them (read only: it is shared)."""

    refs: tuple[_Prepared, ...]
    evidences: dict[int, str]  # item -> normalised evidence, for the items with usable evidence
    index: GramIndex


# A reference part is immutable (a tuple of frozen items): its side is built once and reused
# by every scoring of it while it is among the last few parts scored: the genre eval scores each
# part twice (counts, then the reader's pairs), the wrong-part check once per item of another part.
@functools.lru_cache(maxsize=16)  # a government work report has eight parts; up to about 1 MB each
def _reference_side(reference: tuple[MatchItem, ...]) -> _ReferenceSide:
    refs = tuple(_prepare(reference))
    evidences = {j: r.evidence for j, r in enumerate(refs) if r.usable}
    return _ReferenceSide(refs, evidences, _gram_index(evidences))


@dataclass(frozen=True)
class PartScore:
    """How one part's predicted items matched its reference items.

    ``precision`` is None when nothing was predicted, ``recall`` None when the
    reference has no items; ``f1`` is None only when both sides are empty
    (nothing to score) and 0 when exactly one side is.
    """

    n_pred: int
    n_ref: int
    matched_pred: int
    matched_ref: int
    precision: float | None
    recall: float | None
    f1: float | None
    pred_correct: tuple[bool, ...] = ()
    ref_covered: tuple[bool, ...] = ()
    pairs: tuple[tuple[int, int], ...] = ()  # (prediction, reference) per covered reference item


def precision_recall_f1(
    matched_pred: int, n_pred: int, matched_ref: int, n_ref: int
) -> tuple[float | None, float | None, float | None]:
    """P, R and F1 from counts (used per document and for micro-averages)."""
    precision = matched_pred / n_pred if n_pred else None
    recall = matched_ref / n_ref if n_ref else None
    if precision is None and recall is None:
        return None, None, None
    if precision is None or recall is None:
        return precision, recall, 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_part(predicted: Sequence[MatchItem], reference: Sequence[MatchItem]) -> PartScore:
    """Score one part of one document with the evals/REFERENCE_FORMAT.md rule."""
    preds, side = _prepare(predicted), _reference_side(tuple(reference))
    refs, evidences, index = side.refs, side.evidences, side.index
    pred_correct = [False] * len(preds)
    ref_covered = [False] * len(refs)
    best: dict[int, tuple[float, int]] = {}  # reference -> (strength, prediction) of its best cover
    for i, p in enumerate(preds):
        if p.usable:
            for j, common in _longest_runs(p.evidence, index, evidences).items():
                if 2 * common >= len(p.evidence):
                    pred_correct[i] = True
                if 2 * common >= min(len(p.evidence), len(evidences[j])):
                    ref_covered[j] = True
                    best[j] = max(best.get(j, (-1.0, -1)), (float(common), -i))
        # Pairs where either side lacks usable evidence are judged on their texts.
        for j, r in enumerate(refs):
            if (not p.usable or j not in evidences) and p.text and r.text:
                dice = bigram_dice(p.text, r.text)
                if dice >= DICE_THRESHOLD:
                    pred_correct[i] = ref_covered[j] = True
                    best[j] = max(best.get(j, (-1.0, -1)), (dice, -i))
    mp, mr = sum(pred_correct), sum(ref_covered)
    precision, recall, f1 = precision_recall_f1(mp, len(preds), mr, len(refs))
    return PartScore(
        n_pred=len(preds),
        n_ref=len(refs),
        matched_pred=mp,
        matched_ref=mr,
        precision=precision,
        recall=recall,
        f1=f1,
        pred_correct=tuple(pred_correct),
        ref_covered=tuple(ref_covered),
        pairs=tuple((-i, j) for j, (_, i) in sorted(best.items())),
    )
