"""The shortcomings most often admitted across a corpus, grouped by their own words.

No model is needed: each problem item's key terms (``summarizer.corpus.terms``: nouns the
genre does not repeat everywhere) are counted over the reports that admit them, and topics are
drawn greedily: the term that the most reports' problems share becomes a topic, its problems
are set aside, and so on while a term is shared by at least ``min_reports`` reports. A topic is
named by that term, and lists the problems it groups, so every grouping can be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.corpus.terms import terms, weight
from summarizer.schema import ReportSummary


@dataclass(frozen=True)
class TopicProblem:
    """One admitted shortcoming, as a topic lists it."""

    report: int  # index of the report in the corpus
    name: str
    summary: str


@dataclass(frozen=True)
class Topic:
    """Shortcomings that share a key term."""

    term: str
    reports: int  # how many reports admit a shortcoming with this term
    problems: tuple[TopicProblem, ...]


def problem_topics(
    named: Sequence[tuple[str, ReportSummary | None]], *, min_reports: int = 2, limit: int = 12
) -> list[Topic]:
    """The shortcomings of the corpus grouped into at most ``limit`` topics, most widely admitted first."""
    pending: list[tuple[TopicProblem, set[str]]] = []
    for index, (name, summary) in enumerate(named):
        if summary is None:
            continue
        for item in summary.items("problems"):
            keys = {t for t in terms(item.summary) if weight(t) > 0}
            if keys:
                pending.append((TopicProblem(report=index, name=name, summary=item.summary), keys))
    topics: list[Topic] = []
    while pending and len(topics) < limit:
        reports_by_term: dict[str, set[int]] = {}
        for problem, keys in pending:
            for key in keys:
                reports_by_term.setdefault(key, set()).add(problem.report)
        # the widest-shared term; among equals the more specific (heavier, then longer) one
        term, reports = max(reports_by_term.items(),
                            key=lambda kv: (len(kv[1]), weight(kv[0]), len(kv[0]), kv[0]))
        if len(reports) < min_reports:
            break
        grouped = tuple(p for p, keys in pending if term in keys)
        topics.append(Topic(term=term, reports=len(reports), problems=grouped))
        pending = [(p, keys) for p, keys in pending if term not in keys]
    return topics
