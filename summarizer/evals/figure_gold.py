"""Figures scored against hand-made figure gold, and confident-wrong answers.

**Figure gold** (a reference's ``figures`` list, evals/README.md): each gold
figure has a value, its unit as written, scale, qualifier, label (the noun
phrase counted, or null) and a short verbatim quote. A predicted figure
(of any item of any part) matches a gold figure when ``value × scale`` is the
same (to 1e-9, relative) and its span overlaps the gold quote's place in the
clean text or lies within ``NEAR`` characters of it (whitespace ignored).
Matching is one-to-one, nearest first. Of the matched pairs: the unit is
right when it is the gold unit; the qualifier when it is the gold qualifier
(both null included); the label is *empty* when the prediction has none
(null or blank: not wrong), *right* when it equals the gold label or one
contains the other (normalised as for item matching), else *wrong*.

**Confident-wrong**: a stated (non-null) metadata field whose value is not
the reference's; a null one is not confident. **Wrong part**: a predicted
item whose evidence matches (by the item matching rule) a reference item of
another part and none of its own part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from summarizer.evals.matching import MatchItem, normalize, score_part
from summarizer.schema import PART_NAMES, ReportSummary

if TYPE_CHECKING:
    from summarizer.evals.dataset import Reference, ReferenceFigure

NEAR = 12  # characters between a predicted figure and the gold quote that still count as the same place


class FigureScore(BaseModel):
    """Figure gold of one document (or pooled): counts and the pairs that went wrong."""

    n_gold: int = 0
    n_pred: int = 0
    matched: int = 0
    unit_right: int = 0
    qualifier_right: int = 0
    label_right: int = 0
    label_wrong: int = 0
    label_empty: int = 0
    problems: list[str] = Field(default_factory=list, description="examples, for reading the run")

    def add(self, other: FigureScore) -> None:
        """Pool ``other``'s counts into this one (examples are not pooled)."""
        for name in ("n_gold", "n_pred", "matched", "unit_right", "qualifier_right", "label_right",
                     "label_wrong", "label_empty"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def _share(self, count: int, of: int) -> float | None:
        return count / of if of else None

    @property
    def recall(self) -> float | None:
        """Share of gold figures some prediction matches."""
        return self._share(self.matched, self.n_gold)

    @property
    def precision(self) -> float | None:
        """Share of predicted figures that match a gold figure."""
        return self._share(self.matched, self.n_pred)

    @property
    def unit_rate(self) -> float | None:
        """Share of matched figures with the gold unit."""
        return self._share(self.unit_right, self.matched)

    @property
    def qualifier_rate(self) -> float | None:
        """Share of matched figures with the gold qualifier."""
        return self._share(self.qualifier_right, self.matched)

    @property
    def label_right_rate(self) -> float | None:
        """Share of matched figures whose label is right."""
        return self._share(self.label_right, self.matched)

    @property
    def label_wrong_rate(self) -> float | None:
        """Share of matched figures whose label is stated and wrong (lower is better)."""
        return self._share(self.label_wrong, self.matched)

    @property
    def label_empty_rate(self) -> float | None:
        """Share of matched figures without a label."""
        return self._share(self.label_empty, self.matched)


def _flat(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and where each kept character stood."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def _same_quantity(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _label_verdict(predicted: str | None, gold: str | None) -> str:
    """``empty``, ``right`` or ``wrong``."""
    p = normalize(predicted or "")
    if not p:
        return "empty"
    g = normalize(gold or "")
    return "right" if g and (p == g or p in g or g in p) else "wrong"


def score_figures(summary: ReportSummary, gold: list[ReferenceFigure], clean_text: str) -> FigureScore:
    """Match the summary's figures to the gold figures of one document (module docstring)."""
    flat, where = _flat(clean_text)
    predicted = [f for part in PART_NAMES for item in summary.items(part) for f in item.figures]
    result = FigureScore(n_gold=len(gold), n_pred=len(predicted))
    gold_at: list[tuple[int, int] | None] = []
    for g in gold:
        pos = flat.find("".join(g.quote.split()))
        gold_at.append(None if pos == -1 else (where[pos], where[pos + len("".join(g.quote.split())) - 1] + 1))
    candidates = []
    for gi, g in enumerate(gold):
        place = gold_at[gi]
        if place is None:
            result.problems.append(f"gold quote not in the clean text: {g.quote!r}")
            continue
        start, end = place
        for pi, f in enumerate(predicted):
            if f.span is None or not _same_quantity(f.value * f.scale, g.value * g.scale):
                continue
            gap = max(start - f.span.end, f.span.start - end, 0)
            if gap <= NEAR:
                candidates.append((gap, gi, pi))
    used_gold, used_pred = set(), set()
    for _gap, gi, pi in sorted(candidates):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        g, f = gold[gi], predicted[pi]
        result.matched += 1
        unit_ok = normalize(f.unit) == normalize(g.unit)
        qualifier_ok = f.qualifier == g.qualifier
        verdict = _label_verdict(getattr(f, "label", None), g.label)
        result.unit_right += unit_ok
        result.qualifier_right += qualifier_ok
        result.label_right += verdict == "right"
        result.label_wrong += verdict == "wrong"
        result.label_empty += verdict == "empty"
        wrong = [w for w, bad in (("unit", not unit_ok), ("qualifier", not qualifier_ok),
                                  ("label", verdict == "wrong")) if bad]
        if wrong:
            result.problems.append(
                f"{g.quote!r}: {', '.join(wrong)} (predicted {f.value:g} {f.unit!r} {f.qualifier} "
                f"label {getattr(f, 'label', None)!r}; gold {g.unit!r} {g.qualifier} label {g.label!r})")
    result.problems += [f"missed {g.quote!r}" for gi, g in enumerate(gold) if gi not in used_gold][:10]
    del result.problems[30:]
    return result


class ConfidenceScore(BaseModel):
    """Answers stated with confidence that are wrong: metadata fields and items' parts."""

    metadata_stated: int = Field(0, description="metadata fields the summary states (non-null) and the reference scores")
    metadata_wrong: int = Field(0, description="of those, the ones that are wrong")
    n_items: int = Field(0, description="predicted items in the parts the reference scores")
    wrong_part: int = Field(0, description="items whose evidence matches a reference item of another part only")
    problems: list[str] = Field(default_factory=list)

    def add(self, other: ConfidenceScore) -> None:
        """Pool ``other``'s counts into this one."""
        for name in ("metadata_stated", "metadata_wrong", "n_items", "wrong_part"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def confident_wrong_rate(self) -> float | None:
        """Share of stated metadata fields that are wrong (lower is better)."""
        return self.metadata_wrong / self.metadata_stated if self.metadata_stated else None

    @property
    def wrong_part_rate(self) -> float | None:
        """Share of predicted items filed in the wrong part (lower is better)."""
        return self.wrong_part / self.n_items if self.n_items else None


def wrong_part_items(summary: ReportSummary, reference: Reference) -> tuple[int, int, list[str]]:
    """(items, items in the wrong part, examples) over the parts the reference scores."""
    scored = reference.scored_parts()
    n_items = wrong = 0
    examples = []
    for part in scored:
        items = summary.items(part)
        n_items += len(items)
        predicted = [MatchItem(text=i.summary, evidence=i.evidence) for i in items]
        own = score_part(predicted, reference.match_items(part)).pred_correct if predicted else []
        for k, item in enumerate(items):
            if own and own[k]:
                continue
            for other in scored:
                if other == part:
                    continue
                hit = score_part([predicted[k]], reference.match_items(other)).pred_correct
                if hit and hit[0]:
                    wrong += 1
                    examples.append(f"{part} item {item.summary!r} belongs to {other}")
                    break
    return n_items, wrong, examples
