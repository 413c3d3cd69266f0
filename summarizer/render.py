"""Human-readable forms of a ReportSummary: Markdown, and rich renderables for a terminal."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.schema import PART_NAMES, Figure, Item, PartName, ReportSummary

PART_TITLES: dict[PartName, str] = {
    "achievements": "主要举措和成效 Achievements",
    "problems": "存在的不足 Problems",
    "causes": "原因 Causes",
    "leader_duties": "第一责任人职责 Leaders' duties",
    "plans": "下一年度安排 Plans",
}

_LEVELS = {
    "province": "省级 province",
    "city": "市级 city",
    "county": "县级 county",
    "township": "乡镇街道 township",
    "department": "部门 department",
}


def _mark(flag: bool | None) -> str:
    return {True: "✔", False: "✘", None: "?"}[flag]


def format_figure(fig: Figure) -> str:
    """``label value unit``, e.g. ``受理行政复议案件 81 件``."""
    value = f"{fig.value:g}" if fig.value != int(fig.value) else str(int(fig.value))
    return f"{fig.label} {value}{fig.unit}"


def _metadata_rows(summary: ReportSummary) -> list[tuple[str, str]]:
    m = summary.metadata
    return [
        ("Title", m.title or "—"),
        ("Issuer", m.issuer or "—"),
        ("Level", _LEVELS.get(m.issuer_level or "", "—")),
        ("Year reported on", str(m.report_year) if m.report_year else "—"),
        ("Published", m.published_date.isoformat() if m.published_date else "—"),
    ]


def _compliance_rows(summary: ReportSummary) -> list[tuple[str, str]]:
    c = summary.compliance
    rows = [(PART_TITLES[p], _mark(getattr(c, p))) for p in PART_NAMES]
    rows.append(("Causes given for the shortcomings", _mark(c.causes_given)))
    rows.append(("Published in Q1 of the next year", _mark(c.published_in_q1)))
    return rows


def _provenance_line(summary: ReportSummary) -> str:
    p = summary.provenance
    bits = [f"backend={p.backend}"]
    if p.input_kind not in ("text", "html"):
        bits.append(f"input={p.input_kind}" + (f", {p.pages} pages" if p.pages else ""))
    if p.model:
        bits.append(f"model={p.model}")
    if p.prompt_version:
        bits.append(f"prompt={p.prompt_version}")
    if p.usage:
        bits.append(f"tokens={p.usage.prompt_tokens}+{p.usage.completion_tokens}")
        if p.usage.cost is not None:
            bits.append(f"cost={p.usage.cost:.4f} {p.usage.currency or ''}".rstrip())
    if p.cached:
        bits.append("cached")
    bits.append(f"repairs={p.repairs_count}")
    bits.append(f"time={sum(p.timing_ms.values()):.1f} ms")
    return " · ".join(bits)


def to_markdown(summary: ReportSummary, *, evidence_chars: int = 120) -> str:
    """The summary as a Markdown document (evidence quoted, cut at ``evidence_chars``)."""
    m = summary.metadata
    lines = [f"# {m.title or summary.doc_id or 'Report summary'}", ""]
    lines += ["| Field | Value |", "| --- | --- |"]
    lines += [f"| {k} | {_md_cell(v)} |" for k, v in _metadata_rows(summary)]
    lines.append("")
    if summary.overview:
        lines += ["## Overview", "", summary.overview, ""]
    for part in PART_NAMES:
        items = summary.items(part)
        lines += [f"## {PART_TITLES[part]} ({len(items)})", ""]
        if not items:
            lines += ["_None stated._", ""]
            continue
        for n, item in enumerate(items, 1):
            lines.append(f"{n}. **{item.summary}**")
            if item.figures:
                lines.append(f"   - Figures: {'；'.join(format_figure(f) for f in item.figures)}")
            where = f" · p. {item.page}" if item.page else ""
            lines.append(f"   - > {_cut(item.evidence, evidence_chars)} `[{item.span.start}:{item.span.end}]`{where}")
        lines.append("")
    lines += ["## Compliance", "", "| Requirement | Met |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in _compliance_rows(summary)]
    if summary.compliance.missing:
        lines += ["", "Missing: " + "; ".join(summary.compliance.missing)]
    lines += ["", f"_{_provenance_line(summary)}_", ""]
    if summary.provenance.input_notes:
        lines += ["Input:", *[f"- {n}" for n in summary.provenance.input_notes], ""]
    if summary.provenance.warnings:
        lines += ["Warnings:", *[f"- {w}" for w in summary.provenance.warnings], ""]
    return "\n".join(lines)


def to_rich(summary: ReportSummary, *, evidence_chars: int = 80) -> Group:
    """The summary as rich renderables for a terminal."""
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan")
    head.add_column()
    for k, v in _metadata_rows(summary):
        head.add_row(k, v)
    parts: list = [Panel(head, title=summary.metadata.title or summary.doc_id or "Report", expand=False)]
    if summary.overview:
        parts.append(Panel(Text(summary.overview), title="Overview", expand=False))
    for part in PART_NAMES:
        items = summary.items(part)
        body = Text()
        for n, item in enumerate(items, 1):
            body.append(f"{n:>2}. ", style="dim")
            body.append(item.summary + "\n")
            if item.figures:
                body.append(f"    {_figures_text(item)}\n", style="green")
            body.append(f"    「{_cut(item.evidence, evidence_chars)}」\n", style="dim")
        if not items:
            body.append("None stated.\n", style="yellow")
        parts.append(Text(f"{PART_TITLES[part]} ({len(items)})", style="bold magenta"))
        parts.append(body)
    checks = Table(title="Compliance", title_justify="left")
    checks.add_column("Requirement")
    checks.add_column("Met", justify="center")
    for k, v in _compliance_rows(summary):
        checks.add_row(k, v)
    parts.append(checks)
    if summary.compliance.missing:
        parts.append(Text("Missing: " + "; ".join(summary.compliance.missing), style="yellow"))
    parts.append(Text(_provenance_line(summary), style="dim"))
    for w in summary.provenance.warnings:
        parts.append(Text(f"warning: {w}", style="yellow"))
    return Group(*parts)


def _figures_text(item: Item) -> str:
    return "；".join(format_figure(f) for f in item.figures[:4]) + (" …" if len(item.figures) > 4 else "")


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")
