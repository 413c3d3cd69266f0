"""Year-on-year follow-through: what one issuer planned for year N+1, and what it reported then.

Given the summaries of one issuer's reports for years N and N+1 (of one genre; which
parts hold its plans, results and problems is declared once per genre,
``summarizer.genres``: ``Genre.follow``; for a 政府工作报告 the report to the session
of year N sets year N's tasks and the report to the next session reviews them):

- each **plan** of year N is linked to the achievements of year N+1 that carry
  it out, or marked ``not_reported``;
- each **problem** of year N+1 that repeats a problem of year N is a
  **recurring shortcoming**;
- each **plan** of year N+1 is a **new commitment**, or ``repeated`` when it
  restates a plan of year N.

Matching is lexical and explainable: two items are linked when they share key
terms that reports of the genre do not all repeat (``summarizer.corpus.terms``
weighs each term by how rarely the genre's reports use it, so 坚持以习近平法治思想为指导
weighs nothing, and folds the genre's interchangeable wordings, 法治宣传教育 = 普法),
and every link lists the terms it rests on.

Items are compared commitment by commitment, as the genre writes them: a plan
unit is a heading and a body of several commitments, one to a sentence, and an
achievement carries the plan out when it repeats the specific terms of one of
them (a unit on 普法 may be carried out by the 讲师团 achievement for one sentence
and by the 重点对象 achievement for another). The score is the share of that
commitment's weighted terms the other item repeats, terms of the other item's
heading counting more than terms of its body. A recurring problem, or a repeated plan, names
the one earlier item it restates most: the one that repeats the most of its commitments, then
the best scored (a later unit restating a whole earlier unit may repeat one measure of another
more closely).

A unit that lists many measures, one short clause each, also matches a unit that reports several
of them, each by one specific term (``LINK_MIN_COMMITMENTS``); how many it takes grows with the
length of the unit reported in (``measures_needed``), since a long review unit holds a few of any
plan's words by chance.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from summarizer.corpus.terms import terms, weight
from summarizer.errors import InputError
from summarizer.extract.phrases import words
from summarizer.genres import Genre, genre_named
from summarizer.schema import Item, Span
from summarizer.summary_types import AnySummary as _Summary

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
# A unit that lists many measures, one short clause each (完成24座农贸市场公厕改造。实施80个小区排水管网
# 改造。), is carried out by a unit that reports several of them, each by its one specific term
# (升级改造24座集贸市场公厕 …45个小区排水管网改造主体工程), though no single sentence shares two terms.
# So an item also matches when at least this many of its commitments each share a term with it ...
LINK_MIN_COMMITMENTS = 3
# ... that weighs at least this (a word found in about a third or less of the genre's reports),
# each commitment through a term of its own (distinct terms) ...
COMMITMENT_TERM_WEIGHT = 1.0
# ... and at least one such commitment for every this many key terms of the other item. One
# shared term a commitment is a coincidence as often as the other item is long: the genre's review
# units range from a few sentences to a whole field's year of work (1,800 characters, 250 terms,
# naming dozens of places, bodies and campaigns), and a long unit holds one of a plan's words
# found in a third of the genre's reports (能量, 打响, 福利) in many of its commitments by chance.
# A term's weight is its rarity across the genre's reports whatever their number, so rebuilding the
# table moves the words near COMMITMENT_TERM_WEIGHT across it (打响: 7 of 18 reports, 0.93; 7 of
# 20, 1.03) and a fixed count let a long unit collect three of them; asking for hits in
# proportion to the other item's terms holds for any table and any unit length. Up to
# LINK_MIN_COMMITMENTS * MEASURE_TERMS_PER_COMMITMENT terms (a unit of about 1,200 characters)
# the count above is enough.
MEASURE_TERMS_PER_COMMITMENT = 60

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
    f"{HEADING_WEIGHT} times the commitment's weight) >= {LINK_MIN_SCORE}; or, by its measures, at "
    f"least {LINK_MIN_COMMITMENTS} of its commitments each sharing a distinct term weighing >= "
    f"{COMMITMENT_TERM_WEIGHT} with the other item, and one more such commitment for every "
    f"{MEASURE_TERMS_PER_COMMITMENT} key terms the other item has beyond "
    f"{LINK_MIN_COMMITMENTS * MEASURE_TERMS_PER_COMMITMENT} (a long unit shares single words by chance)"
)


class ItemRef(BaseModel):
    """One item of a summary, as the follow-through quotes it."""

    part: str
    index: int = Field(ge=0, description="Its position in the summary's list for that part")
    summary: str
    evidence: str
    span: Span | None = None


class Confirmation(BaseModel):
    """An LLM's verdict on a link, citing both sides (``summarizer.corpus.confirm``)."""

    verdict: Literal["confirmed", "rejected"]
    earlier_quote: str = Field(description="The earlier item's words the verdict rests on, verbatim")
    later_quote: str = Field(description="The later item's words the verdict rests on, verbatim")
    reason: str
    model: str = Field(description="The model that gave the verdict")


class Link(BaseModel):
    """An item matched to another, with the score and the shared terms it rests on."""

    item: ItemRef
    score: float = Field(ge=0, le=1)
    shared: list[str] = Field(description="The key terms both items use, heaviest first")
    confirmation: Confirmation | None = Field(
        default=None, description="An LLM's confirmation, when links were confirmed (else none)")


class RejectedLink(BaseModel):
    """A candidate link an LLM rejected: no longer a result or a recurring problem."""

    kind: Literal["plan_result", "recurring_problem"]
    earlier: ItemRef
    later: ItemRef
    shared: list[str]
    confirmation: Confirmation


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
    session_year: int | None = Field(
        default=None, description="For a 政府工作报告: the session it was made to (whose year's tasks it sets)")


class FollowThrough(BaseModel):
    """One issuer's follow-through from year N to year N+1."""

    schema_version: str = FOLLOW_SCHEMA_VERSION
    genre: str = Field(default="rule_of_law", description="The genre of both reports (summarizer.genres)")
    issuer: str | None
    earlier: ReportRef
    later: ReportRef
    plans: list[PlanFollowUp]
    recurring_problems: list[RecurringProblem]
    commitments: list[Commitment]
    method: str = METHOD
    confirmed_by: str | None = Field(default=None, description="The model that confirmed or rejected each link, if any")
    rejected: list[RejectedLink] = Field(default_factory=list, description="Candidate links the model rejected")
    notes: list[str] = Field(default_factory=list, description="What the confirmation could not do, and its cost")

    @property
    def years(self) -> tuple[int | None, int | None]:
        """The years the two reports are known by: a 政府工作报告's session year (2015年政府工作报告
        reviews 2014), else the year reported on."""
        return (self.earlier.session_year or self.earlier.report_year,
                self.later.session_year or self.later.report_year)

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


def _weights(text: str, own: frozenset[str], table: str) -> dict[str, float]:
    return {t: w for t in terms(text) if t not in own and (w := weight(t, table)) > 0}


def own_name_terms(*names: str | None) -> frozenset[str]:
    """The words and terms of an issuer's own name (平潭综合实验区 → 平潭, 实验区, 综合实验区 …):
    both years' reports name their issuer throughout, and the genre's other reports rarely do,
    so the name would weigh most while saying nothing about what two items of the pair share."""
    parts = {t for name in names if name for t in terms(name)} | {w for name in names if name for w in words(name)
                                                               if len(w) >= 2}
    # A place is written by its stem as often as by its name (罗湖区 → 幸福罗湖, 罗湖标准; 平潭县 → 平潭).
    parts |= {stem for name in names if name and (stem := _place_stem(name))}
    return frozenset(parts)


# The administrative suffixes of a place's name, longest first (a 政府工作报告's issuer is a place).
_PLACE_SUFFIXES = ("综合实验区", "特别行政区", "自治州", "自治县", "自治区", "新区", "片区", "街道", "省", "市", "区",
                   "县", "镇", "乡")


def _place_stem(name: str) -> str | None:
    """The name without its administrative suffix, when at least two characters are left."""
    for suffix in _PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


class _Unit:
    """An item as follow-through compares it: its heading's terms, and each commitment's terms.

    The commitments are the heading and each sentence of the body (the genre writes one measure
    to a sentence: 严格落实学法用法制度。建好用好普法讲师团和普法志愿者队伍，开展专题系列宣讲。);
    an item with no short first sentence has no heading, and its sentences are its commitments."""

    def __init__(self, item: Item, own: frozenset[str], table: str):
        text = item.evidence or item.summary
        sentences = [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if s]
        first = _MARKER.sub("", sentences[0]) if sentences else ""
        self.heading = set(_weights(first, own, table)) if 0 < len(first) <= HEADING_MAX_CHARS else set()
        self.commitments = [w for s in sentences if (w := _weights(s, own, table))]
        # A term never spans a sentence's end (``terms`` reads each punctuation-free run), so the
        # item's terms are its sentences' terms, and the text need not be segmented twice.
        self.weights = {t: w for commitment in self.commitments for t, w in commitment.items()}


def _by_commitment(a: _Unit, b: _Unit) -> list[tuple[float, list[str]]]:
    """For each commitment of ``a``: how well ``b`` repeats it (the share of the commitment's
    weight that ``b`` repeats, 0 when not shared enough) and the terms it rests on."""
    found_by_commitment = []
    for commitment in a.commitments:
        shared = commitment.keys() & b.weights.keys()
        ordered = _without_parts(sorted(shared, key=lambda t: (-commitment[t], -len(t), t)))
        # A term both headings name counts twice: the two units are headed by the same measure.
        distinct = len(ordered) + sum(1 for t in ordered if t in a.heading and t in b.heading)
        # fsum: a score must not depend on the order a set happens to hold its terms in
        found = math.fsum(commitment[t] * (HEADING_WEIGHT if t in b.heading else 1) for t in shared)
        score = min(found / (HEADING_WEIGHT * math.fsum(commitment.values())), 1.0)
        if distinct < LINK_MIN_TERMS or found < LINK_MIN_SHARED_WEIGHT or score < LINK_MIN_SCORE:
            score = 0.0
        found_by_commitment.append((score, ordered[:SHOWN_TERMS] if score else []))
    return found_by_commitment


def measures_needed(other_terms: int) -> int:
    """How many commitments an item must share a specific term each with another item of
    ``other_terms`` key terms to match it by its measures: ``LINK_MIN_COMMITMENTS``, and one more
    for every ``MEASURE_TERMS_PER_COMMITMENT`` terms beyond (a long item shares single words by chance)."""
    return max(LINK_MIN_COMMITMENTS, math.ceil(other_terms / MEASURE_TERMS_PER_COMMITMENT))


def _by_measures(a: _Unit, b: _Unit) -> tuple[float, list[str]]:
    """How many of ``a``'s commitments ``b`` repeats, each by one specific term of its own (see
    ``LINK_MIN_COMMITMENTS``): the share of ``a``'s commitments so repeated (0 when fewer than
    ``LINK_MIN_COMMITMENTS``) and those terms, heaviest first."""
    used: dict[str, float] = {}
    for commitment in a.commitments:
        shared = [(w, t) for t, w in commitment.items()
                  if t in b.weights and w >= COMMITMENT_TERM_WEIGHT and t not in used]
        if shared:
            w, t = max(shared)
            used[t] = w
    if len(used) < measures_needed(len(b.weights)):
        return 0.0, []
    ordered = sorted(used, key=lambda t: (-used[t], -len(t), t))
    return min(len(used) / len(a.commitments), 1.0), ordered[:SHOWN_TERMS]


def _without_parts(ordered: list[str]) -> list[str]:
    """Drop a term when a longer shared term already shows it (执法监督 under 执法监督考评)."""
    return [t for t in ordered if not any(t != o and t in o for o in ordered)]


def _ref(part: str, index: int, item: Item) -> ItemRef:
    return ItemRef(part=part, index=index, summary=item.summary, evidence=item.evidence, span=item.span)


# An item of one side, as the comparison holds it: its part, its index in that part's list, the
# item and its terms.
_Indexed = tuple[str, int, Item, _Unit]


def _matches(item: _Unit, candidates: Sequence[_Indexed]) -> list[Link]:
    """The candidates that repeat a commitment of ``item``, best first: for each commitment, the
    candidate that repeats it best and those within ``KEEP_NEAR_BEST`` of it (a unit's commitments
    may each be carried out by a different item). A link's score is its best commitment's."""
    table = [(part, index, other, _by_commitment(item, weighted)) for part, index, other, weighted in candidates]
    kept: dict[tuple[str, int], Link] = {}
    for j in range(len(item.commitments)):
        best = max((row[j][0] for _, _, _, row in table), default=0.0)
        if best <= 0:
            continue
        for part, index, other, row in table:
            if row[j][0] >= best * KEEP_NEAR_BEST:
                score, shared = max(row)
                kept.setdefault((part, index), Link(item=_ref(part, index, other), score=round(score, 3),
                                                    shared=shared))
    for part, index, other, weighted in candidates:
        score, shared = _by_measures(item, weighted)
        if score > 0:
            kept.setdefault((part, index), Link(item=_ref(part, index, other), score=round(score, 3), shared=shared))
    return sorted(kept.values(), key=lambda link: (-link.score, link.item.part, link.item.index))


def _breadth(item: _Unit, other: _Unit) -> int:
    """How many of ``item``'s commitments ``other`` repeats, by either rule (a shared specific term,
    or a commitment matched whole)."""
    whole = _by_commitment(item, other)
    return sum(1 for j, commitment in enumerate(item.commitments)
               if whole[j][0] > 0 or any(w >= COMMITMENT_TERM_WEIGHT and t in other.weights
                                         for t, w in commitment.items()))


def _closest(item: _Unit, candidates: Sequence[_Indexed]) -> Link | None:
    """The one candidate ``item`` restates most: of its matches, the one that repeats the most of
    its commitments (a later unit restating a whole earlier unit, not one measure of another), then
    the best scored."""
    found = _matches(item, candidates)
    if not found:
        return None
    units = {(part, index): weighted for part, index, _, weighted in candidates}
    return max(found, key=lambda link: (_breadth(item, units[(link.item.part, link.item.index)]), link.score))


def genre_of(summary: _Summary) -> Genre:
    """The genre of a summary (its ``genre`` field; a rule-of-law ``ReportSummary`` has none)."""
    return genre_named(getattr(summary, "genre", None) or "rule_of_law")


def _indexed(summary: _Summary, parts: tuple[str, ...], own: frozenset[str], table: str) -> list[_Indexed]:
    """The items of ``parts`` of ``summary``, in the order the parts are named."""
    return [(part, i, item, _Unit(item, own, table))
            for part in parts for i, item in enumerate(getattr(summary, part))]


def follow_through(
    earlier: _Summary, later: _Summary, *, earlier_name: str = "earlier", later_name: str = "later"
) -> FollowThrough:
    """Compare one issuer's report of year N (``earlier``) with its report of year N+1 (``later``).

    Both are summaries of one genre that has follow-through (``Genre.follow``); its parts say
    which items are plans, results and problems, and its table which words are stock."""
    genre = genre_of(earlier)
    if genre_of(later) is not genre:
        raise InputError(f"is a {genre_of(later).name} summary; {earlier_name} is a {genre.name} summary",
                         source=later_name, hint="follow-through compares two reports of one genre")
    if genre.follow is None:
        raise InputError(f"is a {genre.name} summary, a genre without year-on-year follow-through",
                         source=earlier_name, hint="give reports of a genre with plans and results "
                                                   "(summarizer.genres: Genre.follow)")
    parts, table = genre.follow, genre.follow.terms_table
    own = own_name_terms(earlier.metadata.issuer, later.metadata.issuer)
    achievements = _indexed(later, parts.results, own, table)
    earlier_plans = _indexed(earlier, parts.plans, own, table)
    plans = []
    for part, index, plan, weighted in earlier_plans:
        results = _matches(weighted, achievements)
        plans.append(PlanFollowUp(plan=_ref(part, index, plan),
                                  status="reported" if results else "not_reported", results=results))
    earlier_problems = _indexed(earlier, parts.problems, own, table)
    recurring = []
    for part, index, problem, weighted in _indexed(later, parts.problems, own, table):
        closest = _closest(weighted, earlier_problems)
        if closest is not None:
            recurring.append(RecurringProblem(problem=_ref(part, index, problem), earlier=closest))
    commitments = []
    for part, index, plan, weighted in _indexed(later, parts.plans, own, table):
        closest = _closest(weighted, earlier_plans)
        commitments.append(Commitment(plan=_ref(part, index, plan), status="new" if closest is None else "repeated",
                                      earlier=closest))
    return FollowThrough(
        genre=genre.name,
        issuer=later.metadata.issuer or earlier.metadata.issuer,
        earlier=_report_ref(earlier, earlier_name),
        later=_report_ref(later, later_name),
        plans=plans,
        recurring_problems=recurring,
        commitments=commitments,
    )


def _report_ref(summary: _Summary, name: str) -> ReportRef:
    m = summary.metadata
    return ReportRef(name=name, title=m.title, issuer=m.issuer, report_year=m.report_year,
                     session_year=getattr(m, "session_year", None))


def consecutive_pairs(named: Sequence[tuple[str, _Summary]]) -> list[tuple[tuple[str, _Summary], tuple[str, _Summary]]]:
    """Every pair of reports of one genre and one issuer (matched by ``issuer_key``) for consecutive
    years, oldest first (a rule-of-law report and a government work report of one place are not
    a pair).

    Reports without an issuer or a year, or of a genre without follow-through, are left out; of
    two reports for the same genre, issuer and year the first given is used."""
    by_issuer: dict[tuple[str, str], dict[int, tuple[str, _Summary]]] = {}
    for name, summary in named:
        key = issuer_key(summary.metadata.issuer)
        year = summary.metadata.report_year
        genre = genre_of(summary)
        if key is None or year is None or genre.follow is None:
            continue
        by_issuer.setdefault((genre.name, key), {}).setdefault(year, (name, summary))
    pairs = []
    for years in by_issuer.values():
        for year in sorted(years):
            if year + 1 in years:
                pairs.append((years[year], years[year + 1]))
    return pairs
