"""Human-readable forms of a ReportSummary: Markdown, and rich renderables for a terminal.

rich is imported by the terminal view only: Markdown (and a one-shot ``--markdown``) does not pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarizer.basis import INFERRED, item_note, metadata_cell, part_note
from summarizer.parts import bilingual_label
from summarizer.schema import PART_NAMES, Figure, PartName, ReportSummary

if TYPE_CHECKING:
    from rich.console import Group, RenderableType

    from summarizer.summary_types import AnySummary

KIND_LABELS = {
    "rule_of_law_report": "法治政府建设年度报告 rule-of-law annual report",
    "other_government_report": "其他政府报告 another government report",
    "not_a_report": "非报告 not a report",
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
    """``label value unit`` with the text's qualifier (``受理行政复议案件 81件``, ``清理规章 近400条``), the
    quote when the figure has no label, and its scope when it is not the year's own (``Figure.shown``)."""
    return fig.shown()


# How many of an item's figures a terminal line shows before "…" (the other views show them all).
TERMINAL_FIGURES = 4


def figures_text(figures: Sequence[Figure], limit: int | None = None) -> str:
    """An item's figures as every view and genre shows them (terminal, Markdown, HTML, CSV): each
    ``format_figure``, joined with a full-width ``；`` (the figures are Chinese text); past ``limit``
    figures, `` …``."""
    shown = "；".join(format_figure(f) for f in figures[:limit])
    return shown + " …" if limit is not None and len(figures) > limit else shown


def _metadata_rows(summary: ReportSummary) -> list[tuple[str, str]]:
    m = summary.metadata
    kind = summary.document_kind
    return [
        ("Document", KIND_LABELS[kind.kind] if kind else "—"),
        ("Title", metadata_cell(m, "title", m.title or "—")),
        ("Issuer", metadata_cell(m, "issuer", m.issuer or "—")),
        ("Level", metadata_cell(m, "issuer_level", _LEVELS.get(m.issuer_level or "", "—"))),
        ("Year reported on", metadata_cell(m, "report_year", str(m.report_year) if m.report_year else "—")),
        ("Published", metadata_cell(
            m, "published_date", m.published_date.isoformat() if m.published_date else "—")),
    ]


def _compliance_rows(summary: ReportSummary) -> list[tuple[str, str]]:
    c = summary.compliance
    rows = [
        (bilingual_label(p), _mark(getattr(c, p)) + (f" {INFERRED}" if part_note(summary, p) else ""))
        for p in PART_NAMES
    ]
    rows.append(("Shortcomings stated with their causes", _mark(c.causes_given)))
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


def to_markdown(
    summary: AnySummary, *, evidence_chars: int = 120, parts: Sequence[str] | None = None
) -> str:
    """The summary as a Markdown document (evidence quoted, cut at ``evidence_chars``).

    ``parts`` limits the items shown to those parts (all by default). A summary of another
    genre is shown from its genre's table (summarizer.genre_views).
    """
    if not isinstance(summary, ReportSummary):
        from summarizer import genre_views
        return genre_views.to_markdown(summary, evidence_chars=evidence_chars, parts=parts)
    m = summary.metadata
    lines = [f"# {m.title or summary.doc_id or 'Report summary'}", ""]
    lines += ["| Field | Value |", "| --- | --- |"]
    lines += [f"| {k} | {_md_cell(v)} |" for k, v in _metadata_rows(summary)]
    lines.append("")
    if summary.overview:
        lines += ["## Overview", "", summary.overview, ""]
    if summary.document_kind and not summary.document_kind.is_rule_of_law_report:
        lines += [f"> **Not a rule-of-law annual report**: {summary.document_kind.reason}", ""]
    for part in _shown(parts):
        items = summary.items(part)
        note = part_note(summary, part)
        lines += [f"## {bilingual_label(part)} ({len(items)})" + (f" · _{note}_" if note else ""), ""]
        if not items:
            lines += ["_None stated._", ""]
            continue
        for n, item in enumerate(items, 1):
            mark = item_note(summary, part, item)
            lines.append(f"{n}. **{item.summary}**" + (f" _({mark})_" if mark else ""))
            if item.figures:
                lines.append(f"   - Figures: {figures_text(item.figures)}")
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


def to_rich(
    summary: AnySummary, *, evidence_chars: int = 80, width: int = 80, parts: Sequence[str] | None = None
) -> Group:
    """The summary as rich renderables for a terminal ``width`` columns wide.

    Items are laid out by hand with hanging indents (Chinese has no spaces for a
    terminal to wrap at): a number never stands alone on a line and quote lines
    stay indented. ``parts`` limits the items shown to those parts.
    """
    if not isinstance(summary, ReportSummary):  # another genre: shown from its genre's table
        from summarizer import genre_views
        return genre_views.to_rich(summary, evidence_chars=evidence_chars, width=width, parts=parts)

    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan", no_wrap=True)
    head.add_column()
    for k, v in _metadata_rows(summary):
        head.add_row(k, v)
    out: list[RenderableType] = [Panel(head, title=summary.metadata.title or summary.doc_id or "Report", expand=False)]
    kind = summary.document_kind
    if kind and not kind.is_rule_of_law_report:
        out.append(Text(hang(f"Not a rule-of-law annual report: {kind.reason}", "", "  ", width),
                        style="bold yellow"))
    if summary.overview:
        out.append(Panel(Text(summary.overview), title="Overview", expand=False))
    for part in _shown(parts):
        items = summary.items(part)
        body = Text()
        for n, item in enumerate(items, 1):
            mark = item_note(summary, part, item)
            body.append(hang(item.summary + (f"（{mark}）" if mark else ""), f"{n:>2}. ", "    ", width) + "\n")
            if item.figures:
                body.append(hang(figures_text(item.figures, TERMINAL_FIGURES), "    ", "    ", width) + "\n",
                            style="green")
            quote = f"「{_cut(item.evidence, evidence_chars)}」"
            body.append(hang(quote, "    ", "     ", width) + "\n", style="dim")
        if not items:
            body.append("None stated.\n", style="yellow")
        header = Text(f"{bilingual_label(part)} ({len(items)})", style="bold magenta")
        if note := part_note(summary, part):
            header.append(f" · {note}", style="yellow")
        out.append(header)
        out.append(body)
    checks = Table(title="Compliance", title_justify="left")
    checks.add_column("Requirement")
    checks.add_column("Met", justify="center")
    for k, v in _compliance_rows(summary):
        checks.add_row(k, v)
    out.append(checks)
    if summary.compliance.missing:
        out.append(Text(hang("Missing: " + "; ".join(summary.compliance.missing), "", "  ", width),
                        style="yellow"))
    out.append(Text(_provenance_line(summary), style="dim"))
    for w in summary.provenance.warnings:
        out.append(Text(hang(f"warning: {w}", "", "  ", width), style="yellow"))
    return Group(*out)


_NO_LINE_START = frozenset("。，、；：！？）」』”’》〉…,.;:!?)]")
# A Latin word or number (wrapped whole), a space, or any other single character.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,:;!?()\-]*|\s|.")


def _shown(parts: Sequence[str] | None) -> list[PartName]:
    """The parts to show, in statutory order."""
    return [p for p in PART_NAMES if parts is None or p in parts]


def hang(text: str, first: str, rest: str, width: int) -> str:
    """``text`` wrapped at ``width`` terminal cells, after ``first`` and then ``rest`` on each line.

    Chinese wraps between any two characters, Latin words and numbers only at
    spaces; closing punctuation never starts a line (the typesetting rule of
    Chinese text); a line never begins with a space, so it keeps its indent.
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line = first
    for token in _TOKEN.findall(" ".join(text.split())):
        indent = len(rest) if lines else len(first)
        fits = cell_len(line) + cell_len(token) <= width
        if fits or not line[indent:].strip() or cell_len(token) > width - cell_len(rest):
            line += token  # (a word longer than a line is cut below, not moved down alone)
        elif token == " ":
            lines.append(line.rstrip())
            line = rest
        else:
            carried = ""
            if token[0] in _NO_LINE_START and len(line) > indent + 1:
                line, carried = line[:-1], line[-1]  # take the last character down with the punctuation
            lines.append(line.rstrip())
            line = rest + carried + token
        indent = len(rest) if lines else len(first)
        while cell_len(line) > width and len(line) > indent + 1:  # a word longer than a line
            cut = indent + 1
            while cell_len(line[: cut + 1]) <= width:
                cut += 1
            lines.append(line[:cut])
            line, indent = rest + line[cut:], len(rest)
    lines.append(line.rstrip())
    return "\n".join(lines)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")
