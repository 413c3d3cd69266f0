"""Where in a cited passage a target is stated: the clauses from its indicator to its figure.

The model cites the sentence that states a target; a 主要预期目标 sentence states many
(地区生产总值增长6%左右，城镇新增就业5万人，居民消费价格涨幅3%左右). A target's evidence is
the run of clauses (cut at ，；。：) from the one naming its indicator to the one giving its
figure, verbatim; where the passage names neither as written, the whole cited passage.
"""

from __future__ import annotations

import itertools
import re

_CLAUSE_END = re.compile(r"[，；。：,;:]")
_SPACE = re.compile(r"\s+")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start, *(m.end() for m in _CLAUSE_END.finditer(text, start, end)), end]
    out = []
    for a, b in itertools.pairwise(bounds):
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or _CLAUSE_END.match(text[b - 1])):
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _figure(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def target_span(text: str, start: int, end: int, indicator: str, value: float | None) -> tuple[int, int]:
    """The clauses of ``text[start:end]`` that state the target (see the module docstring)."""
    clauses = _clauses(text, start, end)
    wanted = _SPACE.sub("", indicator)
    figure = _figure(value)
    named = [i for i, (a, b) in enumerate(clauses) if wanted and wanted in _SPACE.sub("", text[a:b])]
    if not named:
        # 万元GDP能耗、水耗分别下降…: the indicator as the model wrote it may join words the
        # clause keeps apart; the clause holding its figure then stands for it.
        with_figure = [i for i, (a, b) in enumerate(clauses) if figure and _has_number(text[a:b], figure)]
        if len(with_figure) == 1:
            a, b = clauses[with_figure[0]]
            return a, b
        return start, end
    first = named[0]
    if figure is None:
        return clauses[first]
    for last in range(first, len(clauses)):
        if _has_number(text[clauses[last][0]:clauses[last][1]], figure):
            return clauses[first][0], clauses[last][1]
    return clauses[first]


def _has_number(clause: str, figure: str) -> bool:
    """``figure`` occurs in ``clause`` as a whole number (6 not inside 16 or 6.5)."""
    return re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d]|\.\d)", clause) is not None
