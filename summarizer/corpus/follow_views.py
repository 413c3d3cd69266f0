"""Follow-through for people and spreadsheets: Markdown, and CSV rows (one per link or finding)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from summarizer.corpus.follow import Confirmation, FollowThrough

FOLLOW_CSV_COLUMNS = [
    "issuer", "earlier_year", "later_year", "kind", "earlier_summary", "later_summary", "score",
    "shared_terms", "earlier_evidence", "later_evidence",
]


def follow_markdown(ft: FollowThrough) -> str:
    """The follow-through as a Markdown section."""
    e, later = ft.years
    lines = [f"## {ft.issuer or '?'}: {e} → {later}", ""]
    reported = sum(1 for p in ft.plans if p.status == "reported")
    lines += [f"{reported} of {len(ft.plans)} plans of the {e} report are reported on in {later}.", ""]
    lines += [f"### Plans ({e}) and results ({later})", ""]
    for plan in ft.plans:
        lines.append(f"- **{plan.plan.summary}**")
        if not plan.results:
            lines.append("  - not reported")
        for link in plan.results:
            lines.append(f"  - {link.item.summary} (score {link.score:.2f}; shared: {'、'.join(link.shared)})"
                         + _confirmed(link.confirmation))
    if ft.recurring_problems:
        lines += ["", "### Recurring shortcomings", ""]
        for r in ft.recurring_problems:
            lines.append(f"- {r.problem.summary} ← {r.earlier.item.summary} (shared: {'、'.join(r.earlier.shared)})"
                         + _confirmed(r.earlier.confirmation))
    if ft.rejected:
        lines += ["", f"### Links {ft.confirmed_by} rejected", ""]
        for x in ft.rejected:
            lines.append(f"- {x.earlier.summary} → {x.later.summary}: {x.confirmation.reason} "
                         f"(「{x.confirmation.earlier_quote}」/「{x.confirmation.later_quote}」)")
    new = [c for c in ft.commitments if c.status == "new"]
    if new:
        lines += ["", "### New commitments", ""]
        lines += [f"- {c.plan.summary}" for c in new]
    lines += ["", f"_Method: {ft.method}_", ""]
    return "\n".join(lines)


def _confirmed(confirmation: Confirmation | None) -> str:
    if confirmation is None:
        return ""
    return (f"; confirmed by {confirmation.model}: 「{confirmation.earlier_quote}」→「{confirmation.later_quote}」"
            f" ({confirmation.reason})")


def follow_csv_rows(follows: Iterable[FollowThrough]) -> Iterator[dict[str, object]]:
    """Rows of ``follow.csv`` (years as ``FollowThrough.years`` gives them): plan_result, plan_not_reported, recurring_problem, new_commitment,
    repeated_plan (columns ``FOLLOW_CSV_COLUMNS``)."""
    for ft in follows:
        base = {"issuer": ft.issuer, "earlier_year": ft.years[0], "later_year": ft.years[1]}
        for plan in ft.plans:
            if not plan.results:
                yield {**base, "kind": "plan_not_reported", "earlier_summary": plan.plan.summary,
                       "earlier_evidence": plan.plan.evidence}
            for link in plan.results:
                yield {**base, "kind": "plan_result", "earlier_summary": plan.plan.summary,
                       "later_summary": link.item.summary, "score": link.score,
                       "shared_terms": "、".join(link.shared), "earlier_evidence": plan.plan.evidence,
                       "later_evidence": link.item.evidence}
        for r in ft.recurring_problems:
            yield {**base, "kind": "recurring_problem", "earlier_summary": r.earlier.item.summary,
                   "later_summary": r.problem.summary, "score": r.earlier.score,
                   "shared_terms": "、".join(r.earlier.shared), "earlier_evidence": r.earlier.item.evidence,
                   "later_evidence": r.problem.evidence}
        for c in ft.commitments:
            row: dict[str, object] = {**base, "kind": "new_commitment" if c.status == "new" else "repeated_plan",
                   "later_summary": c.plan.summary, "later_evidence": c.plan.evidence}
            if c.earlier is not None:
                row.update(earlier_summary=c.earlier.item.summary, score=c.earlier.score,
                           shared_terms="、".join(c.earlier.shared), earlier_evidence=c.earlier.item.evidence)
            yield row
