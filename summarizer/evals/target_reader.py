"""What a reader sees in a 政府工作报告's targets: each indicator and figure read against its evidence.

A reader of the 主要预期目标 table reads each row against the clause it quotes. Per target
this module checks (``target_problems``):

- **indicator**: written in the text near the target, whole: it starts and ends where jieba's
  words of the text start and end (not 总值增长 of 生产总值增长, not 地区生产总值增 of …增长), it
  does not start or end with a dangling word (…控制在, …达到, 和…), and it holds no figure. An
  indicator the text does not write as one run (万元GDP水耗下降 of 万元GDP能耗、水耗分别下降,
  composed of a list's shared head and verb; 城镇… of 城乡…分别) is *inferred*: counted apart,
  and wrong when the target does not say so (``Target.indicator_basis`` ``inferred``).
- **value**: the number is written in the evidence (8 of 8%左右; 1 of 1万亿元).
- **unit**: the one written right after the number, whole (亿元 not 亿, 万人 not 万, 个百分点 not
  个, % kept); none lost (a figure written with % has unit %).
- **qualifier**: kept where the text bounds the number (6%左右, 4.5%以内, 不超过3%, 不低于…).
- **range**: ``value_high`` set where the text writes a range (8%—8.5%, 5.5%至6%).

The counts pool over documents like ``reader.ReaderPart``'s (``TargetReader.add``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, Field

from summarizer.evals.reader import EXAMPLES_KEPT, _squash, qualifier_in_text, unit_problem
from summarizer.extract.phrases import (
    DANGLING_ENDS,
    DANGLING_STARTS,
    first_word,
    is_word_boundary,
    last_word,
    splits_unknown_word,
    starts_in_list,
)
from summarizer.schema import Figure, Span

# How far before its evidence an indicator's words may stand (a list's head: 万元GDP能耗、水耗分别…).
_INDICATOR_REACH = 40
# A piece of a composed indicator is at least this long (a single character is found anywhere).
_PIECE_MIN = 2
_PIECES_MAX = 3
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?")
# Whitespace inside an indicator a reader would see as a break (not a blank between Latin words).
_BROKEN = re.compile(r"(?<![A-Za-z0-9])\s|\s(?![A-Za-z0-9])")
# Words that bound a target's number besides those of the rule-of-law figures (reader.py): the
# genre sets floors and ceilings (不低于, 高于, 低于, 不高于).
_BOUNDS_BEFORE = ("不低于", "不高于", "高于", "低于")
# A figure a clause writes: a number with its measure (1250亿斤, 5%), not a year (2025年).
_WRITTEN_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:万亿|[万亿千百])?(?:[%％‰]|(?=[元人个套张吨所家户间亩座辆台项部天件条床宗斤岁倍])\w)")
# A range between two numbers: 8%—8.5%, 5.5%至6%, 3~5个.
_RANGE_DASH = re.compile(r"\s*[—–\-－~～至到]\s*(?=\d)")
# Measure characters a number may carry; one written after the number means a unit (not none).
_MEASURE_START = "%％‰元人个套张吨所家户间亩座辆台项部天件条床宗万亿千百公平立标微"


class TargetReader(BaseModel):
    """The reader's checks of the targets of one summary (or of a run, pooled)."""

    n_targets: int = 0
    indicator_bad: int = Field(0, description="indicators torn, dangling, or inferred without saying so")
    indicator_inferred: int = Field(0, description="indicators the text does not write as one run")
    n_figures: int = Field(0, description="targets with a value")
    value_bad: int = Field(0, description="values not written in their evidence")
    value_lost: int = Field(0, description="figureless targets whose clause writes a figure (稳定在1250亿斤以上)")
    unit_bad: int = Field(0, description="units cut, lost or not as written")
    qualifier_expected: int = Field(0, description="figures whose number the text bounds (左右, 以内 …)")
    qualifier_lost: int = 0
    range_expected: int = Field(0, description="figures the text writes as a range (8%—8.5%)")
    range_lost: int = 0
    problems: list[str] = Field(default_factory=list, description="examples, for reading the run")

    @property
    def indicator_ok_rate(self) -> float | None:
        """Share of targets whose indicator a reader finds whole in the text (or marked inferred)."""
        return 1 - self.indicator_bad / self.n_targets if self.n_targets else None

    @property
    def value_ok_rate(self) -> float | None:
        """Share of targets whose value is the number written: for a figure, in its evidence; for a
        figureless target, none written in its clause."""
        return 1 - (self.value_bad + self.value_lost) / self.n_targets if self.n_targets else None

    @property
    def unit_ok_rate(self) -> float | None:
        """Share of figures whose unit is the one written, whole."""
        return 1 - self.unit_bad / self.n_figures if self.n_figures else None

    @property
    def qualifier_kept_rate(self) -> float | None:
        """Share of bounded figures that keep their bound."""
        return 1 - self.qualifier_lost / self.qualifier_expected if self.qualifier_expected else None

    @property
    def range_kept_rate(self) -> float | None:
        """Share of ranges whose upper end is kept (``value_high``)."""
        return 1 - self.range_lost / self.range_expected if self.range_expected else None

    def rates(self) -> dict[str, float]:
        """The rates that have a denominator, by name."""
        found = {"indicator_ok_rate": self.indicator_ok_rate, "value_ok_rate": self.value_ok_rate,
                 "unit_ok_rate": self.unit_ok_rate, "qualifier_kept_rate": self.qualifier_kept_rate,
                 "range_kept_rate": self.range_kept_rate}
        return {name: round(value, 6) for name, value in found.items() if value is not None}

    def add(self, other: TargetReader) -> None:
        """Pool ``other``'s counts into this one (examples are not pooled)."""
        for name in ("n_targets", "indicator_bad", "indicator_inferred", "n_figures", "value_bad", "value_lost", "unit_bad",
                     "qualifier_expected", "qualifier_lost", "range_expected", "range_lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def pooled_targets(parts: Iterable[TargetReader]) -> TargetReader:
    """The counts of several documents added up."""
    total = TargetReader()
    for part in parts:
        total.add(part)
    return total


def _indicator_pieces(indicator: str, text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The indicator as up to three verbatim pieces of ``text[start:end]``, in order, longest first
    (one piece: written as is). None when it is not made of the text's words there."""
    whole = text.find(indicator, start, end)
    if whole != -1:
        return [(whole, whole + len(indicator))]
    pieces: list[tuple[int, int]] = []
    pos, rest = start, indicator
    while rest:
        if len(pieces) == _PIECES_MAX:
            return None
        for cut in range(len(rest), _PIECE_MIN - 1, -1):
            at = text.find(rest[:cut], pos, end)
            if at != -1:
                pieces.append((at, at + cut))
                pos, rest = at + cut, rest[cut:]
                break
        else:
            return None
    return pieces


def _indicator_problem(text: str, target: Any) -> tuple[bool, str | None]:
    """``(inferred, problem)`` of a target's indicator (see the module docstring)."""
    indicator = target.indicator.strip()
    start, end = max(0, target.span.start - _INDICATOR_REACH), target.span.end
    pieces = _indicator_pieces(indicator, text, start, end)
    says_inferred = getattr(target, "indicator_basis", None) in ("composed", "inferred")
    if pieces is None:
        if says_inferred:
            return True, None
        return True, (f"indicator {indicator!r} is not written in the text near its target and marked "
                      f"{getattr(target, 'indicator_basis', None)!r}")
    if re.search(r"\d$", indicator):  # (PM2.5 is a name; a number at its end is the figure's)
        return len(pieces) > 1, f"indicator {indicator!r} holds a figure"
    for a, b in pieces:
        if not is_word_boundary(text, a) or not is_word_boundary(text, b):
            return len(pieces) > 1, f"indicator {indicator!r} cuts a word ({text[max(0, a - 2):b + 2]!r})"
    if first_word(indicator) in DANGLING_STARTS or last_word(indicator) in DANGLING_ENDS:
        return len(pieces) > 1, f"indicator {indicator!r} starts or ends with a dangling word"
    for a, b in pieces:  # edges jieba's words do not show (…等|区, 来|邮): see phrases.splits_unknown_word
        if starts_in_list(text[a:b]) or splits_unknown_word(text, a) or splits_unknown_word(text, b):
            return len(pieces) > 1, f"indicator {indicator!r} cuts a word or a list ({text[max(0, a - 2):b + 2]!r})"
    if len(pieces) > 1 and not says_inferred:
        return True, f"indicator {indicator!r} is composed from the text and marked {target.indicator_basis!r}"
    return len(pieces) > 1, None


def _as_figure(target: Any, value: float) -> Figure:
    """The target as the rule-of-law reader's ``Figure`` at one of its numbers (for its unit and
    qualifier checks, which find the number by its value inside the span)."""
    return Figure(value=value, unit=target.unit or "", qualifier=target.qualifier,
                  evidence=target.evidence, span=Span(start=target.span.start, end=target.span.end))


def _number_spans(text: str, target: Any, value: float) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NUMBER.finditer(text, target.span.start, target.span.end)
            if float(m.group().replace("．", ".")) == value]


def target_problems(text: str, target: Any) -> dict[str, Any]:
    """What a reader finds wrong with one target, and which checks applied to it:
    ``{"inferred", "qualified", "ranged", "problems": [..]}`` (problems start with the check's name)."""
    out: dict[str, Any] = {"inferred": False, "qualified": False, "ranged": False, "problems": []}
    problems: list[str] = out["problems"]
    out["inferred"], bad_indicator = _indicator_problem(text, target)
    if bad_indicator:
        problems.append(bad_indicator)
    if target.value is None:
        written = _WRITTEN_FIGURE.search(text, target.span.start, target.span.end)
        if written:  # a criterion is figureless; a clause that writes its figure is not
            problems.append(f"value lost: the clause writes {written.group()!r}")
        return out
    low = _number_spans(text, target, target.value)
    if not low:
        problems.append(f"value {target.value:g} is not written in its evidence")
        return out
    number_end = low[0][1]
    dash = _RANGE_DASH.match(text, number_end + len(target.unit or "") if text.startswith(
        target.unit or "\0", number_end) else number_end)
    if dash:
        high = _NUMBER.match(text, dash.end())
        out["ranged"] = True
        if high is None or target.value_high != float(high.group().replace("．", ".")):
            problems.append(f"range {text[low[0][0]:dash.end() + 6]!r} lost its upper end (value_high)")
    anchor = target.value_high if target.value_high is not None and out["ranged"] else target.value
    figure = _as_figure(target, anchor)
    spans = _number_spans(text, target, anchor)
    anchor_end = spans[-1][1] if spans else number_end
    if target.unit:
        bad = unit_problem(text, figure)
        unit_end = anchor_end + len(target.unit)
        if bad is None and text.startswith(target.unit, anchor_end) and not is_word_boundary(text, unit_end) \
                and not _after_unit_word(text, unit_end):
            bad = f"unit {target.unit!r} is cut ({text[anchor_end:unit_end + 2]!r})"
        if bad:
            problems.append(bad)
    elif anchor_end < len(text) and text[anchor_end] in _MEASURE_START:
        problems.append(f"unit lost ({text[anchor_end - 3:anchor_end + 3]!r})")
    word = qualifier_in_text(text, figure) or next(
        (w for w in _BOUNDS_BEFORE if text.endswith(w, 0, low[0][0])), None)
    if word is not None:
        out["qualified"] = True
        if target.qualifier is None:
            problems.append(f"qualifier {word!r} lost")
    return out


def _after_unit_word(text: str, pos: int) -> bool:
    """True when a bounding word follows the unit (jieba may glue %左 or 元以 into one word)."""
    return text.startswith(("左右", "上下", "以上", "以下", "以内", "有余"), pos)


def _on_flat(target: Any, flat: str, where: tuple[int, ...]) -> Any:
    """The target as read in the text without whitespace (``flat``; ``where`` maps it back): a
    line break of a PDF or a narrow page inside a clause is no break a reader sees."""
    start, end = bisect.bisect_left(where, target.span.start), bisect.bisect_left(where, target.span.end)
    return SimpleNamespace(
        indicator="".join(target.indicator.split()), value=target.value, value_high=target.value_high,
        unit="".join((target.unit or "").split()) or None, qualifier=target.qualifier,
        indicator_basis=getattr(target, "indicator_basis", None), evidence=flat[start:end],
        span=Span(start=start, end=end))


def check_targets(targets: list[Any], text: str) -> TargetReader:
    """The reader's checks of one summary's targets against its clean text (read without its
    whitespace, as ``reader.summary_problems`` reads clauses)."""
    result = TargetReader(n_targets=len(targets))
    flat, where = _squash(text)
    for target in targets:
        found = target_problems(flat, _on_flat(target, flat, where))
        if _BROKEN.search(target.indicator):
            found["problems"].insert(0, f"indicator {target.indicator!r} holds a line break")
        problems: list[str] = found["problems"]
        result.indicator_inferred += found["inferred"]
        result.indicator_bad += any(p.startswith("indicator") for p in problems)
        if target.value is not None:
            result.n_figures += 1
            result.value_bad += any(p.startswith("value") for p in problems)
            result.unit_bad += any(p.startswith("unit") for p in problems)
            result.qualifier_expected += found["qualified"]
            result.qualifier_lost += any(p.startswith("qualifier") for p in problems)
            result.range_expected += found["ranged"]
            result.range_lost += any(p.startswith("range") for p in problems)
        else:
            result.value_lost += any(p.startswith("value") for p in problems)
        if problems:
            result.problems.append(f"target {target.evidence!r}: {'; '.join(problems)}")
    del result.problems[EXAMPLES_KEPT:]
    return result
