"""Score year-on-year follow-through against hand-made link gold (``evals/follow/*.json``).

A gold file names two reports of one issuer (``earlier``, ``later``: ``<dataset>/<id>`` under the
datasets folder, without suffix, or a file relative to the gold folder) and the links a careful
reader draws between them:

- ``plans``: each plan of the earlier year (quoted by the start of its text) with the
  achievements of the later year that carry it out (quoted the same way), possibly none;
- ``recurring_problems``: ``{"problem": later, "earlier": earlier}`` pairs;
- ``repeated_plans``: ``{"plan": later, "earlier": earlier}`` pairs (later plans not listed are new);
- ``genre`` (optional): the genre both reports are read as (``government_work_report``), else
  each report's genre is decided from its text.

An extracted item stands for a gold quote when the quote occurs in its evidence (whitespace
aside). A link is right when both its ends stand for the two quotes of one gold link. Link
precision and recall count plan→result links and recurring problems together; repeated
plans are scored on their own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.corpus.follow import FollowThrough, ItemRef, follow_through
from summarizer.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table

    from summarizer.service import SummaryService

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class FollowGold:
    """One gold file: the two reports and the links between them."""

    name: str
    earlier: Path
    later: Path
    results: frozenset[tuple[str, str]]  # (earlier plan quote, later achievement quote)
    plans: tuple[str, ...]  # every earlier plan quote
    recurring: frozenset[tuple[str, str]]  # (later problem quote, earlier problem quote)
    repeated: frozenset[tuple[str, str]]  # (later plan quote, earlier plan quote)
    genre: str | None = None  # the genre both reports are summarised as (None: decided from each text)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one kind of link."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, found: set[tuple[str, str]], gold: frozenset[tuple[str, str]]) -> None:
        """Count ``found`` links against ``gold`` links."""
        self.tp += len(found & gold)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP); None when nothing was found."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN); None when the gold has no link."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class FollowScore:
    """Scores over all gold pairs."""

    links: Counts = field(default_factory=Counts)
    repeated: Counts = field(default_factory=Counts)
    per_pair: dict[str, Counts] = field(default_factory=dict)


def _source(datasets: Path, ref: str, gold_path: Path) -> Path:
    """The report ``ref`` names: a file relative to the gold file's folder (a pair found for the
    follow-through gold alone, e.g. ``reports/x2023.txt``), else ``<dataset>/<id>`` under ``datasets``."""
    beside = gold_path.parent / ref
    if beside.is_file():
        return beside
    matches = sorted((datasets / ref).parent.glob(Path(ref).name + ".*"))
    reports = [m for m in matches if m.suffix != ".json"]
    if not reports:
        raise InputError(f"names report {ref!r}, which is neither a file beside it nor under {datasets}",
                         source=str(gold_path),
                         hint="give 'earlier' and 'later' as <dataset>/<id> (e.g. devset/d06) or as a "
                              "file relative to the gold folder (e.g. reports/x2023.txt)")
    return reports[0]


def load_follow_gold(folder: Path, datasets: Path) -> list[FollowGold]:
    """Every ``*.json`` gold file in ``folder``; a report is a file relative to ``folder``, else is
    resolved under ``datasets``."""
    gold = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            results = frozenset((_norm(p["plan"]), _norm(r)) for p in data["plans"] for r in p["results"])
            gold.append(FollowGold(
                name=path.stem,
                earlier=_source(datasets, data["earlier"], path),
                later=_source(datasets, data["later"], path),
                results=results,
                plans=tuple(_norm(p["plan"]) for p in data["plans"]),
                recurring=frozenset((_norm(p["problem"]), _norm(p["earlier"])) for p in data["recurring_problems"]),
                repeated=frozenset((_norm(p["plan"]), _norm(p["earlier"])) for p in data["repeated_plans"]),
                genre=data.get("genre"),
            ))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"is not a follow-through gold file: {exc}", source=str(path),
                             hint="see evals/follow/README.md for the format") from None
    if not gold:
        raise InputError("holds no follow-through gold (*.json)", source=str(folder))
    return gold


def _quote_of(item: ItemRef, quotes: set[str]) -> str:
    """The gold quote ``item`` stands for, else its own evidence (a link no gold has)."""
    evidence = _norm(item.evidence)
    for quote in quotes:
        if quote in evidence:
            return quote
    return evidence


def score_pair(ft: FollowThrough, gold: FollowGold) -> tuple[Counts, Counts]:
    """Link counts (plan→result and recurring problems) and repeated-plan counts of one pair."""
    quotes = {q for pair in gold.results | gold.recurring | gold.repeated for q in pair} | set(gold.plans)
    found_results = {(_quote_of(p.plan, quotes), _quote_of(r.item, quotes)) for p in ft.plans for r in p.results}
    found_recurring = {(_quote_of(r.problem, quotes), _quote_of(r.earlier.item, quotes))
                       for r in ft.recurring_problems}
    found_repeated = {(_quote_of(c.plan, quotes), _quote_of(c.earlier.item, quotes))
                      for c in ft.commitments if c.earlier is not None}
    links, repeated = Counts(), Counts()
    links.add(found_results, gold.results)
    links.add(found_recurring, gold.recurring)
    repeated.add(found_repeated, gold.repeated)
    return links, repeated


def score_follow(service: SummaryService, gold: list[FollowGold], *, backend: str = "rules") -> FollowScore:
    """Summarise both reports of every gold pair with ``backend`` and score the follow-through."""
    score = FollowScore()
    for pair in gold:
        earlier = service.summarize_sync(pair.earlier, backend=backend, genre=pair.genre).summary
        later = service.summarize_sync(pair.later, backend=backend, genre=pair.genre).summary
        links, repeated = score_pair(follow_through(earlier, later), pair)
        score.per_pair[pair.name] = links
        for total, part in ((score.links, links), (score.repeated, repeated)):
            total.tp += part.tp
            total.fp += part.fp
            total.fn += part.fn
    return score


FOLLOW_BASELINE = "follow.json"  # the follow-through floors' file name in a baselines folder


def follow_regressions(score: FollowScore, baseline: dict[str, Any]) -> list[str]:
    """Every follow-through score below its floor in ``baseline`` (evals/baselines/follow.json):
    over all pairs, and each pair against its own (a gain on one must not hide a loss on another)."""
    dropped = []
    overall = (("link_precision", score.links.precision), ("link_recall", score.links.recall),
               ("repeated_plan_recall", score.repeated.recall))
    for name, value in overall:
        if name in baseline and (value or 0.0) < baseline[name]:
            dropped.append(f"follow {name}: {value or 0.0:.3f} < {baseline[name]}")
    for pair, floors in baseline.get("pairs", {}).items():
        counts = score.per_pair.get(pair, Counts())  # a pair no longer scored counts as 0
        for name, value in (("link_precision", counts.precision), ("link_recall", counts.recall)):
            if name in floors and (value or 0.0) < floors[name]:
                dropped.append(f"follow {pair} {name}: {value or 0.0:.3f} < {floors[name]}")
    return dropped


def load_follow_baseline(path: Path) -> dict[str, Any]:
    """The floors in ``path`` (a file, or a baselines folder holding ``follow.json``)."""
    file = path / FOLLOW_BASELINE if path.is_dir() else path
    try:
        data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the follow-through baseline: {exc}", source=str(file),
                         hint="give the baselines folder (evals/baselines) or its follow.json") from exc
    return data


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def rich_follow_score(score: FollowScore) -> Table:
    """A rich table of the follow-through scores: links and repeated plans, then each pair."""
    from rich.table import Table

    table = Table(title="Year-on-year follow-through (links: plan→result and recurring problems)")
    for column in ("pair", "link precision", "link recall", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "pair" else "right")
    for name, counts in score.per_pair.items():
        table.add_row(name, _pct(counts.precision), _pct(counts.recall), str(counts.tp), str(counts.fp), str(counts.fn))
    table.add_row("all links", _pct(score.links.precision), _pct(score.links.recall),
                  str(score.links.tp), str(score.links.fp), str(score.links.fn), style="bold")
    table.add_row("repeated plans", _pct(score.repeated.precision), _pct(score.repeated.recall),
                  str(score.repeated.tp), str(score.repeated.fp), str(score.repeated.fn))
    return table
