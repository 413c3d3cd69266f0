"""What changed between two runs: overall scores and per document, per part."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.markup import escape

from summarizer.evals.report import SHORT_LABELS, compact_table, pct
from summarizer.evals.scoring import (
    ALL_PARTS,
    DocumentScore,
    FieldResult,
    RunReport,
    headline_scores,
)
from summarizer.schema import PART_NAMES

PARTS = (*PART_NAMES, ALL_PARTS)


@dataclass(frozen=True)
class Change:
    """One score in run A and run B (None where a run lacks it)."""

    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """``after - before``, None when either is missing."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def changed(self) -> bool:
        """True when the score differs (appeared, disappeared, or moved beyond float noise)."""
        if self.before is None or self.after is None:
            return self.before is not self.after
        return abs(self.after - self.before) >= 1e-9


@dataclass
class Comparison:
    """The differences between run A (before) and run B (after)."""

    overall: list[Change]
    documents: dict[str, list[Change]]
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)
    status_changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    field_changes: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _mark(result: FieldResult | None) -> str:
    return "—" if result is None else ("✔" if result.correct else "✘")


def _field_changes(a: DocumentScore, b: DocumentScore) -> list[str]:
    """Metadata fields and compliance parts whose prediction changed between the runs."""
    changes = []
    for group, fa, fb in (("metadata", a.metadata, b.metadata), ("compliance", a.compliance, b.compliance)):
        for name in dict.fromkeys([*fa, *fb]):
            ra, rb = fa.get(name), fb.get(name)
            if ra is not None and rb is not None and ra.predicted == rb.predicted:
                continue
            before = "—" if ra is None else repr(ra.predicted)
            after = "—" if rb is None else repr(rb.predicted)
            changes.append(f"{group}.{name}: {before} {_mark(ra)} → {after} {_mark(rb)}")
    return changes


def compare_runs(a: RunReport, b: RunReport) -> Comparison:
    """Compare every headline score and each document's per-part F1."""
    warnings = []
    if a.run.matching_rule_version != b.run.matching_rule_version:
        warnings.append(
            f"the runs were scored with different matching rules ({a.run.matching_rule_version} vs "
            f"{b.run.matching_rule_version}): differences may come from the rule, not the summaries"
        )
    if a.run.dataset != b.run.dataset:
        warnings.append(f"the runs are over different datasets ({a.run.dataset} vs {b.run.dataset})")
    sa, sb = headline_scores(a.overall), headline_scores(b.overall)
    overall = [Change(k, sa.get(k), sb.get(k)) for k in dict.fromkeys([*sa, *sb])]
    docs_a = {d.doc_id: d for d in a.documents}
    docs_b = {d.doc_id: d for d in b.documents}
    documents: dict[str, list[Change]] = {}
    status_changes: dict[str, tuple[str, str]] = {}
    field_changes: dict[str, list[str]] = {}
    for doc_id in (i for i in docs_a if i in docs_b):
        da, db = docs_a[doc_id], docs_b[doc_id]
        if da.status != db.status:
            status_changes[doc_id] = (da.status, db.status)
        if changed := _field_changes(da, db):
            field_changes[doc_id] = changed
        documents[doc_id] = [
            Change(part, da.parts[part].f1 if part in da.parts else None,
                   db.parts[part].f1 if part in db.parts else None)
            for part in PARTS if part in da.parts or part in db.parts
        ]
    return Comparison(
        overall=overall,
        documents=documents,
        only_in_a=[i for i in docs_a if i not in docs_b],
        only_in_b=[i for i in docs_b if i not in docs_a],
        status_changes=status_changes,
        field_changes=field_changes,
        warnings=warnings,
    )


def _delta(change: Change) -> str:
    d = change.delta
    if d is None:
        if not change.changed:
            return "—"
        return "new" if change.before is None else "gone"
    if abs(d) < 1e-9:
        return "="
    colour = "green" if d > 0 else "red"
    return f"[{colour}]{d * 100:+.1f}[/{colour}]"


def _f1_cell(change: Change) -> str:
    before, after = pct(change.before, 0), pct(change.after, 0)
    if not change.changed:
        return f"[dim]{after}[/dim]"
    if change.delta is None:
        return f"{before}→{after}"
    colour = "green" if change.delta > 0 else "red"
    return f"[{colour}]{before}→{after}[/{colour}]"


def rich_comparison(comparison: Comparison, *, a_label: str = "A", b_label: str = "B",
                    only_changed: bool = False) -> Group:
    """Tables of the overall and the per-document changes (F1 per part, in %)."""
    overall = compact_table(f"Overall: {a_label} → {b_label} (in %)")
    for header in ("score", a_label, b_label, "Δ"):
        overall.add_column(header, justify="left" if header == "score" else "right")
    for c in comparison.overall:
        if not only_changed or c.changed:
            overall.add_row(c.name, pct(c.before), pct(c.after), _delta(c))
    docs = compact_table("Per document: F1 per part in %, A→B where it changed")
    docs.add_column("doc", no_wrap=True)
    for part in PARTS:
        docs.add_column(SHORT_LABELS[part], justify="right", no_wrap=True)
    for doc_id, changes in comparison.documents.items():
        by_part = {c.name: c for c in changes}
        if only_changed and not any(c.changed for c in changes) and doc_id not in comparison.status_changes:
            continue
        cells = []
        for part in PARTS:
            change = by_part.get(part)
            cells.append("" if change is None else _f1_cell(change))
        label = doc_id
        if doc_id in comparison.status_changes:
            before, after = comparison.status_changes[doc_id]
            label += f" ({before}→{after})"
        docs.add_row(label, *cells)
    notes = [f"[yellow]warning:[/yellow] {w}" for w in comparison.warnings]
    notes += [f"only in {a_label}: {', '.join(comparison.only_in_a)}"] if comparison.only_in_a else []
    notes += [f"only in {b_label}: {', '.join(comparison.only_in_b)}"] if comparison.only_in_b else []
    fields = [
        escape(f"{doc_id}: {change}") for doc_id, changes in comparison.field_changes.items() for change in changes
    ]
    if fields:
        fields.insert(0, "Metadata and compliance predictions that changed (✔ right, ✘ wrong):")
    return Group(*notes, overall, docs, *fields)
