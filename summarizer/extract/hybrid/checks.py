"""Whether a model's summary of a unit may replace the rules' summary.

A reader relies on a summary's figures: a number in the summary must be a
whole number of the unit's text (``84家`` not ``8``; ``1.04亿`` not ``1.04``
from ``11.04亿``). Anything else (a figure the text does not have, or a cut
one) is a model error, and the rules' summary is kept. A summary also stays
short (about a line), has no unbalanced brackets or quotes, and is drawn from
the unit's own words: reports say what they did in set phrases, and a summary
sharing few of the unit's character pairs is about something else (a small
model repeating the prompt's example, measured with Gemma 3 270M).
"""

from __future__ import annotations

import re

SUMMARY_MAX = 60
MIN_SHARED_PAIRS = 0.3  # of the summary's Chinese character pairs, found in the unit's text
_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?")
_PAIRS = (("（", "）"), ("(", ")"), ("“", "”"), ("《", "》"), ("【", "】"))


def _numbers(text: str) -> list[str]:
    return [n.replace("．", ".") for n in _NUMBER.findall(text)]


def figures_kept_whole(summary: str, evidence: str) -> bool:
    """Every number of ``summary`` is a whole number of ``evidence``."""
    stated = set(_numbers(evidence))
    return all(n in stated for n in _numbers(summary))


def shared_pairs(summary: str, evidence: str) -> float:
    """The share of the summary's Chinese character pairs that occur in ``evidence`` (1.0 with none)."""
    pairs = _CJK_PAIR.findall(summary)
    if not pairs:
        return 1.0
    found = set(_CJK_PAIR.findall(evidence))
    return sum(pair in found for pair in pairs) / len(pairs)


def summary_problem(summary: str, evidence: str) -> str | None:
    """Why ``summary`` cannot stand for ``evidence`` ('' is never returned), or None when it can."""
    if not summary:
        return "empty"
    if len(summary) > SUMMARY_MAX:
        return f"longer than {SUMMARY_MAX} characters"
    if not figures_kept_whole(summary, evidence):
        return "a figure not stated whole in the text"
    if shared_pairs(summary, evidence) < MIN_SHARED_PAIRS:
        return "not drawn from the unit's text"
    for left, right in _PAIRS:
        if summary.count(left) != summary.count(right):
            return f"unbalanced {left}{right}"
    return None
