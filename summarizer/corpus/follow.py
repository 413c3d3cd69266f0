"""Year-on-year follow-through: what one issuer planned for year N+1, and what it reported then.

Given the summaries of one issuer's reports for years N and N+1:

- each **plan** of year N is linked to the achievements of year N+1 that carry
  it out, or marked ``not_reported``;
- each **problem** of year N+1 that repeats a problem of year N is a
  **recurring shortcoming**;
- each **plan** of year N+1 is a **new commitment**, or ``repeated`` when it
  restates a plan of year N.

Matching is lexical and explainable: two items are linked when they share key
terms that reports of the genre do not all repeat (``summarizer.corpus.terms``
weighs each term by how rarely the genre uses it, so 坚持以习近平法治思想为指导
weighs nothing), and every link lists the terms it rests on. The score is the
cosine of the two items' weighted term sets.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from summarizer.corpus.terms import terms, weight
from summarizer.schema import Item, ReportSummary, Span

FOLLOW_SCHEMA_VERSION = "1.0"
# A link needs a cosine of at least this, over terms the genre does not all repeat ...
LINK_MIN_SCORE = 0.01
# ... and shared terms weighing at least this much together (one rare term, or two fairly rare).
LINK_MIN_SHARED_WEIGHT = 1.5
# ... and at least this many distinct shared terms (a term inside another shared term is not
# distinct: 讲师团 in 普法讲师团): one word in common is a coincidence, not a link.
LINK_MIN_TERMS = 2
# Besides the best match, other matches within this share of its score are kept too.
KEEP_NEAR_BEST = 0.6
# How many shared terms a link shows.
SHOWN_TERMS = 6

METHOD = (
    "lexical: cosine of the items' key terms (jieba words and adjacent pairs), each weighted by "
    "its inverse document frequency over reports of the genre, so stock phrases weigh nothing; "
    f"a link needs a score >= {LINK_MIN_SCORE}, shared terms weighing >= {LINK_MIN_SHARED_WEIGHT} "
    f"and at least {LINK_MIN_TERMS} distinct shared terms"
)


class ItemRef(BaseModel):
    """One item of a summary, as the follow-through quotes it."""

    part: str
    index: int = Field(ge=0, description="Its position in the summary's list for that part")
    summary: str
    evidence: str
    span: Span | None = None


class Link(BaseModel):
    """An item matched to another, with the score and the shared terms it rests on."""

    item: ItemRef
    score: float = Field(ge=0, le=1)
    shared: list[str] = Field(description="The key terms both items use, heaviest first")


class PlanFollowUp(BaseModel):
    """One plan of year N and what year N+1 reports of it."""

    plan: ItemRef
    status: Literal["reported", "not_reported"]
    results: list[Link] = Field(default_factory=list, description="Achievements of year N+1 that carry it out")


class RecurringProblem(BaseModel):
    """A shortcoming of year N+1 that repeats one of year N."""

    problem: ItemRef
    earlier: Link


class Commitment(BaseModel):
    """A plan of year N+1: new, or a restatement of a plan of year N."""

    plan: ItemRef
    status: Literal["new", "repeated"]
    earlier: Link | None = None


class ReportRef(BaseModel):
    """Which report a side of the comparison is."""

    name: str
    title: str | None = None
    issuer: str | None = None
    report_year: int | None = None


class FollowThrough(BaseModel):
    """One issuer's follow-through from year N to year N+1."""

    schema_version: str = FOLLOW_SCHEMA_VERSION
    issuer: str | None
    earlier: ReportRef
    later: ReportRef
    plans: list[PlanFollowUp]
    recurring_problems: list[RecurringProblem]
    commitments: list[Commitment]
    method: str = METHOD

    @property
    def reported_share(self) -> float | None:
        """The share of year N's plans that year N+1 reports on (None without plans)."""
        if not self.plans:
            return None
        return sum(1 for p in self.plans if p.status == "reported") / len(self.plans)


# The forms an issuer's name takes on its reports: the government itself or its offices.
_ISSUER_SUFFIXES = ("人民政府", "党工委管委会", "管理委员会", "管委会")


def issuer_key(name: str | None) -> str | None:
    """The name an issuer is matched by across years: NFKC, no spaces or brackets' contents,
    without the 人民政府/管委会 that some years add (平潭综合实验区管委会 = 平潭综合实验区)."""
    if not name:
        return None
    key = unicodedata.normalize("NFKC", name)
    key = re.sub(r"\s+|\([^)]*\)", "", key)
    for suffix in _ISSUER_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
            break
    return key or None


class _Weighted:
    """An item's key terms with their weights (terms that weigh nothing dropped)."""

    def __init__(self, item: Item):
        self.weights = {t: w for t in terms(f"{item.summary}。{item.evidence}") if (w := weight(t)) > 0}
        self.norm = math.sqrt(sum(w * w for w in self.weights.values()))


def _compare(a: _Weighted, b: _Weighted) -> tuple[float, list[str]]:
    shared = a.weights.keys() & b.weights.keys()
    if not shared or not a.norm or not b.norm:
        return 0.0, []
    if sum(a.weights[t] for t in shared) < LINK_MIN_SHARED_WEIGHT:
        return 0.0, []
    ordered = _without_parts(sorted(shared, key=lambda t: (-a.weights[t], -len(t), t)))
    if len(ordered) < LINK_MIN_TERMS:
        return 0.0, []
    score = sum(a.weights[t] ** 2 for t in shared) / (a.norm * b.norm)
    return min(score, 1.0), ordered[:SHOWN_TERMS]


def _without_parts(ordered: list[str]) -> list[str]:
    """Drop a term when a longer shared term already shows it (执法监督 under 执法监督考评)."""
    return [t for t in ordered if not any(t != o and t in o for o in ordered)]


def _ref(part: str, index: int, item: Item) -> ItemRef:
    return ItemRef(part=part, index=index, summary=item.summary, evidence=item.evidence, span=item.span)


def _matches(item: _Weighted, candidates: Sequence[tuple[int, Item, _Weighted]], part: str) -> list[Link]:
    scored = []
    for index, other, weighted in candidates:
        score, shared = _compare(item, weighted)
        if score > 0 and score >= LINK_MIN_SCORE:
            scored.append(Link(item=_ref(part, index, other), score=round(score, 3), shared=shared))
    if not scored:
        return []
    best = max(link.score for link in scored)
    kept = [link for link in scored if link.score >= best * KEEP_NEAR_BEST]
    return sorted(kept, key=lambda link: -link.score)


def _indexed(items: list[Item]) -> list[tuple[int, Item, _Weighted]]:
    return [(i, item, _Weighted(item)) for i, item in enumerate(items)]


def follow_through(
    earlier: ReportSummary, later: ReportSummary, *, earlier_name: str = "earlier", later_name: str = "later"
) -> FollowThrough:
    """Compare one issuer's report of year N (``earlier``) with its report of year N+1 (``later``)."""
    achievements = _indexed(later.achievements)
    plans = []
    for index, plan, weighted in _indexed(earlier.plans):
        results = _matches(weighted, achievements, "achievements")
        plans.append(PlanFollowUp(plan=_ref("plans", index, plan),
                                  status="reported" if results else "not_reported", results=results))
    earlier_problems = _indexed(earlier.problems)
    recurring = []
    for index, problem, weighted in _indexed(later.problems):
        found = _matches(weighted, earlier_problems, "problems")
        if found:
            recurring.append(RecurringProblem(problem=_ref("problems", index, problem), earlier=found[0]))
    earlier_plans = _indexed(earlier.plans)
    commitments = []
    for index, plan, weighted in _indexed(later.plans):
        found = _matches(weighted, earlier_plans, "plans")
        commitments.append(Commitment(plan=_ref("plans", index, plan), status="repeated" if found else "new",
                                      earlier=found[0] if found else None))
    return FollowThrough(
        issuer=later.metadata.issuer or earlier.metadata.issuer,
        earlier=_report_ref(earlier, earlier_name),
        later=_report_ref(later, later_name),
        plans=plans,
        recurring_problems=recurring,
        commitments=commitments,
    )


def _report_ref(summary: ReportSummary, name: str) -> ReportRef:
    m = summary.metadata
    return ReportRef(name=name, title=m.title, issuer=m.issuer, report_year=m.report_year)


def consecutive_pairs(named: Sequence[tuple[str, ReportSummary]]) -> list[tuple[tuple[str, ReportSummary], tuple[str, ReportSummary]]]:
    """Every pair of reports of one issuer (matched by ``issuer_key``) for consecutive years, oldest first.

    Reports without an issuer or a year are left out; of two reports for the same issuer and year
    the first given is used."""
    by_issuer: dict[str, dict[int, tuple[str, ReportSummary]]] = {}
    for name, summary in named:
        key = issuer_key(summary.metadata.issuer)
        year = summary.metadata.report_year
        if key is None or year is None:
            continue
        by_issuer.setdefault(key, {}).setdefault(year, (name, summary))
    pairs = []
    for years in by_issuer.values():
        for year in sorted(years):
            if year + 1 in years:
                pairs.append((years[year], years[year + 1]))
    return pairs
