"""Whether a model's summary of a unit may replace the rules' summary.

A reader relies on a summary's figures: a number in the summary must be a
whole number of the unit's text (``84家`` not ``8``; ``1.04亿`` not ``1.04``
from ``11.04亿``). Anything else (a figure the text does not have, or a cut
one) is a model error, and the rules' summary is kept. A summary also stays
short (about a line) and has no unbalanced brackets or quotes.
"""

from __future__ import annotations

import re

SUMMARY_MAX = 60
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?")
_PAIRS = (("（", "）"), ("(", ")"), ("“", "”"), ("《", "》"), ("【", "】"))


def _numbers(text: str) -> list[str]:
    return [n.replace("．", ".") for n in _NUMBER.findall(text)]


def figures_kept_whole(summary: str, evidence: str) -> bool:
    """Every number of ``summary`` is a whole number of ``evidence``."""
    stated = set(_numbers(evidence))
    return all(n in stated for n in _numbers(summary))


def summary_problem(summary: str, evidence: str) -> str | None:
    """Why ``summary`` cannot stand for ``evidence`` ('' is never returned), or None when it can."""
    if not summary:
        return "empty"
    if len(summary) > SUMMARY_MAX:
        return f"longer than {SUMMARY_MAX} characters"
    if not figures_kept_whole(summary, evidence):
        return "a figure not stated whole in the text"
    for left, right in _PAIRS:
        if summary.count(left) != summary.count(right):
            return f"unbalanced {left}{right}"
    return None
