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
weighs nothing, and folds the genre's interchangeable wordings, 法治宣传教育 = 普法),
and every link lists the terms it rests on.

Items are compared commitment by commitment, as the genre writes them: a plan
unit is a heading and a body of several commitments, one to a sentence, and an
achievement carries the plan out when it repeats the specific terms of one of
them (a unit on 普法 may be carried out by the 讲师团 achievement for one sentence
and by the 重点对象 achievement for another). The score is the share of that
commitment's weighted terms the other item repeats, terms of the other item's
heading counting more than terms of its body.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from summarizer.corpus.terms import terms, weight
from summarizer.errors import InputError
from summarizer.extract.phrases import words
from summarizer.schema import Item, ReportSummary, Span

if TYPE_CHECKING:
    from summarizer.summary_types import AnySummary

FOLLOW_SCHEMA_VERSION = "1.0"
# An item is matched to another through one of its commitments (its heading, or one sentence of
# its body): they must share terms weighing at least this much together ...
LINK_MIN_SHARED_WEIGHT = 1.5
# ... at least this many distinct shared terms (a term inside another shared term is not
# distinct: 讲师团 in 普法讲师团), one word in common being a coincidence, not a link; a term
# that both items' headings name counts twice (see HEADING_WEIGHT) ...
LINK_MIN_TERMS = 2
# ... and a score (the share of the commitment's weighted terms the other item repeats, where
# repeating all of them in its heading scores 1 and in its body 1 / HEADING_WEIGHT) of at least
# this. It is low on purpose: a commitment that lists several measures (宪法、民法典、党内法规 …)
# is carried out one measure at a time; the shared weight and distinct terms above are the
# real guards, this only drops a match lost in a long commitment.
LINK_MIN_SCORE = 0.02
# A term in the heading of the item matched counts this many times: the genre's unit headings
# (（二）聚焦重点对象，加大全民普法力度。) name the measure the unit is about, while a body mentions
# many things in passing (the laws studied, the bodies taking part).
HEADING_WEIGHT = 2
# A heading is the unit's first sentence when it is at most this long: the genre heads a unit
# with a short phrase and a full stop, then writes its body (longer first sentences are body).
HEADING_MAX_CHARS = 40
# Besides a commitment's best match, other matches within this share of its score are kept too.
KEEP_NEAR_BEST = 0.6
# How many shared terms a link shows.
SHOWN_TERMS = 6

METHOD = (
    "lexical, commitment by commitment: an item is split into its heading and the sentences of its "
    "body (a plan unit makes several commitments); each is compared with the other item's key terms "
    "(jieba nouns and adjacent pairs, the genre's interchangeable wordings folded to one form, the "
    "issuer's own name left out), each "
    "weighted by its inverse document frequency over reports of the genre, so stock phrases weigh "
    f"nothing; a term of the other item's heading counts {HEADING_WEIGHT} times. A link needs shared "
    f"terms weighing >= {LINK_MIN_SHARED_WEIGHT}, at least {LINK_MIN_TERMS} distinct shared terms "
    f"(a term named in both headings counts twice) and a score (the share of the commitment's "
    f"weight the other item repeats, heading terms counting {HEADING_WEIGHT} times, over "
    f"{HEADING_WEIGHT} times the commitment's weight) >= {LINK_MIN_SCORE}"
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


# Where a sentence (and so a commitment) ends in the genre's prose.
_SENTENCE_END = re.compile(r"[。；;！!？?]")
# The numbering a unit's heading starts with: 一、 （二） (三) 3. 3、 一是 第一，.
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+[，,、])\s*")


def _weights(text: str, own: frozenset[str] = frozenset()) -> dict[str, float]:
    return {t: w for t in terms(text) if t not in own and (w := weight(t)) > 0}


def own_name_terms(*names: str | None) -> frozenset[str]:
    """The words and terms of an issuer's own name (平潭综合实验区 → 平潭, 实验区, 综合实验区 …):
    both years' reports name their issuer throughout, and the genre's other reports rarely do,
    so the name would weigh most while saying nothing about what two items of the pair share."""
    parts = {t for name in names if name for t in terms(name)} | {w for name in names if name for w in words(name)
                                                               if len(w) >= 2}
    return frozenset(parts)


class _Unit:
    """An item as follow-through compares it: its heading's terms, and each commitment's terms.

    The commitments are the heading and each sentence of the body (the genre writes one measure
    to a sentence: 严格落实学法用法制度。建好用好普法讲师团和普法志愿者队伍，开展专题系列宣讲。);
    an item with no short first sentence has no heading, and its sentences are its commitments."""

    def __init__(self, item: Item, own: frozenset[str] = frozenset()):
        text = item.evidence or item.summary
        sentences = [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if s]
        first = _MARKER.sub("", sentences[0]) if sentences else ""
        self.heading = set(_weights(first, own)) if 0 < len(first) <= HEADING_MAX_CHARS else set()
        self.commitments = [w for s in sentences if (w := _weights(s, own))]
        self.weights = _weights(text, own)


def _by_commitment(a: _Unit, b: _Unit) -> list[tuple[float, list[str]]]:
    """For each commitment of ``a``: how well ``b`` repeats it (the share of the commitment's
    weight that ``b`` repeats, 0 when not shared enough) and the terms it rests on."""
    found_by_commitment = []
    for commitment in a.commitments:
        shared = commitment.keys() & b.weights.keys()
        ordered = _without_parts(sorted(shared, key=lambda t: (-commitment[t], -len(t), t)))
        # A term both headings name counts twice: the two units are headed by the same measure.
        distinct = len(ordered) + sum(1 for t in ordered if t in a.heading and t in b.heading)
        found = sum(commitment[t] * (HEADING_WEIGHT if t in b.heading else 1) for t in shared)
        score = min(found / (HEADING_WEIGHT * sum(commitment.values())), 1.0)
        if distinct < LINK_MIN_TERMS or found < LINK_MIN_SHARED_WEIGHT or score < LINK_MIN_SCORE:
            score = 0.0
        found_by_commitment.append((score, ordered[:SHOWN_TERMS] if score else []))
    return found_by_commitment


def _without_parts(ordered: list[str]) -> list[str]:
    """Drop a term when a longer shared term already shows it (执法监督 under 执法监督考评)."""
    return [t for t in ordered if not any(t != o and t in o for o in ordered)]


def _ref(part: str, index: int, item: Item) -> ItemRef:
    return ItemRef(part=part, index=index, summary=item.summary, evidence=item.evidence, span=item.span)


def _matches(item: _Unit, candidates: Sequence[tuple[int, Item, _Unit]], part: str) -> list[Link]:
    """The candidates that repeat a commitment of ``item``, best first: for each commitment, the
    candidate that repeats it best and those within ``KEEP_NEAR_BEST`` of it (a unit's commitments
    may each be carried out by a different item). A link's score is its best commitment's."""
    table = [(index, other, _by_commitment(item, weighted)) for index, other, weighted in candidates]
    kept: dict[int, Link] = {}
    for j in range(len(item.commitments)):
        best = max((row[j][0] for _, _, row in table), default=0.0)
        if best <= 0:
            continue
        for index, other, row in table:
            if row[j][0] >= best * KEEP_NEAR_BEST:
                score, shared = max(row)
                kept.setdefault(index, Link(item=_ref(part, index, other), score=round(score, 3), shared=shared))
    return sorted(kept.values(), key=lambda link: (-link.score, link.item.index))


def _indexed(items: list[Item], own: frozenset[str]) -> list[tuple[int, Item, _Unit]]:
    return [(i, item, _Unit(item, own)) for i, item in enumerate(items)]


def rule_of_law_summary(summary: AnySummary, source: str) -> ReportSummary:
    """``summary`` when it is a rule-of-law annual report's; else an ``InputError`` naming
    ``source``: follow-through links plans to achievements, parts of that genre only (a
    政府工作报告 is summarised as its own genre, with other parts)."""
    if isinstance(summary, ReportSummary):
        return summary
    raise InputError(
        f"not a rule-of-law annual report (法治政府建设年度报告): it was summarised as a {summary.genre}",
        source=source,
        hint="follow-through compares one issuer's rule-of-law annual reports of two consecutive years",
    )


def follow_through(
    earlier: ReportSummary, later: ReportSummary, *, earlier_name: str = "earlier", later_name: str = "later"
) -> FollowThrough:
    """Compare one issuer's report of year N (``earlier``) with its report of year N+1 (``later``)."""
    own = own_name_terms(earlier.metadata.issuer, later.metadata.issuer)
    achievements = _indexed(later.achievements, own)
    plans = []
    for index, plan, weighted in _indexed(earlier.plans, own):
        results = _matches(weighted, achievements, "achievements")
        plans.append(PlanFollowUp(plan=_ref("plans", index, plan),
                                  status="reported" if results else "not_reported", results=results))
    earlier_problems = _indexed(earlier.problems, own)
    recurring = []
    for index, problem, weighted in _indexed(later.problems, own):
        found = _matches(weighted, earlier_problems, "problems")
        if found:
            recurring.append(RecurringProblem(problem=_ref("problems", index, problem), earlier=found[0]))
    earlier_plans = _indexed(earlier.plans, own)
    commitments = []
    for index, plan, weighted in _indexed(later.plans, own):
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
