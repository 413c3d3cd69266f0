"""Build the HTML report page from batch outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from summarizer.batch.outcome import DocumentOutcome
from summarizer.htmlreport.highlight import Mark, Run, runs
from summarizer.htmlreport.template import PAGE
from summarizer.schema import PART_NAMES, ReportSummary

PART_LABELS = {
    "achievements": "主要举措和成效 Achievements",
    "problems": "存在的不足 Problems",
    "causes": "原因 Causes",
    "leader_duties": "主要负责人履职 Leaders' duties",
    "plans": "下一年度安排 Plans",
}
_CHECKS = [
    ("achievements", "Measures and results"),
    ("problems", "Shortcomings"),
    ("causes", "Reasons for the shortcomings"),
    ("leader_duties", "Principal leaders' duties"),
    ("plans", "Next year's plans"),
    ("causes_given", "Shortcomings stated with their reasons"),
    ("published_in_q1", "Published in the first quarter"),
]

_env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
_page = _env.from_string(PAGE)


@dataclass(frozen=True)
class ReportEntry:
    """One report for the page: its outcome and the clean text its spans index into (if known)."""

    outcome: DocumentOutcome
    clean_text: str | None
    text_note: str = ""


def item_anchor(report_index: int, part: str, item_index: int) -> str:
    """The HTML id of an item's highlighted evidence."""
    return f"r{report_index}-{part}-{item_index}"


def render_page(entries: list[ReportEntry], *, title: str = "Summaries of 法治政府建设年度报告") -> str:
    """The whole self-contained HTML page. All report text is escaped."""
    reports = [_report_view(i, e) for i, e in enumerate(entries)]
    return _page.render(
        title=title,
        reports=reports,
        parts=[{"key": p, "label": PART_LABELS[p]} for p in PART_NAMES],
        done=sum(1 for r in reports if not r["failed"]),
        failed=sum(1 for r in reports if r["failed"]),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _report_view(index: int, entry: ReportEntry) -> dict:
    o = entry.outcome
    s = o.summary
    view: dict = {"index": index, "name": o.name, "failed": s is None, "error": o.error,
                  "heading": o.name, "facts": [], "missing": []}
    if s is None:
        return view
    meta = s.metadata
    view["heading"] = meta.title or o.name
    view["facts"] = [str(x) for x in (meta.issuer, meta.report_year and f"{meta.report_year}年度",
                                      meta.published_date and f"published {meta.published_date}",
                                      f"backend {s.provenance.backend}") if x]
    view["overview"] = s.overview
    view["missing"] = list(s.compliance.missing)
    view["checklist"] = [_check_row(key, label, getattr(s.compliance, key)) for key, label in _CHECKS]
    view["parts"] = [
        {"key": part, "label": PART_LABELS[part], "entries": [
            {"id": item_anchor(index, part, i), "summary": item.summary, "category": item.category,
             "page": item.page,
             "evidence": item.evidence,
             "figures": [f"{f.label}: {f.value:g}{f.unit}" for f in item.figures]}
            for i, item in enumerate(s.items(part))
        ]}
        for part in PART_NAMES
    ]
    text = entry.clean_text
    view["has_text"] = text is not None
    view["text_note"] = entry.text_note
    if text is not None:
        view["runs"] = [_render_run(r) for r in runs(text, _marks(index, s))]
    return view


def _check_row(key: str, label: str, value: bool | None) -> dict:
    answer, css = {True: ("yes", "yes"), False: ("no", "no"), None: ("unknown", "unknown")}[value]
    return {"key": key, "label": label, "answer": answer, "css": css}


def _marks(index: int, summary: ReportSummary) -> list[Mark]:
    marks = []
    for part in PART_NAMES:
        for i, item in enumerate(summary.items(part)):
            marks.append(Mark(item.span.start, item.span.end, item_anchor(index, part, i), part))
            for j, fig in enumerate(item.figures):
                if fig.span is not None:
                    marks.append(Mark(fig.span.start, fig.span.end, f"{item_anchor(index, part, i)}-f{j}", "figure"))
    return marks


def _render_run(run: Run) -> Markup:
    items = [m for m in run.covering if m.kind != "figure"]
    figures = [m for m in run.covering if m.kind == "figure"]
    html = Markup("{}").format(run.text)
    if figures:
        html = Markup('<b class="fig" data-figures="{}">{}</b>').format(" ".join(m.mark_id for m in figures), html)
    if items:
        opens = [m for m in run.opens if m.kind != "figure"]
        anchor = Markup(' id="{}"').format(opens[0].mark_id) if opens else Markup("")
        extra = Markup("").join(Markup('<a id="{}"></a>').format(m.mark_id) for m in opens[1:])
        html = Markup('{}<mark class="hl hl-{}" data-items="{}"{}>{}</mark>').format(
            extra, items[0].kind, " ".join(m.mark_id for m in items), anchor, html)
    return html
