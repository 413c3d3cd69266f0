"""Build the HTML report page from batch outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from summarizer.basis import item_note, metadata_note, part_note
from summarizer.htmlreport.highlight import Mark, Run, runs
from summarizer.htmlreport.template import PAGE
from summarizer.parts import PARTS, Language, part_label
from summarizer.render import figures_text
from summarizer.run.outcome import DocumentOutcome
from summarizer.schema import PART_NAMES, ReportSummary

# The page's own words; the part names come from summarizer.parts.
UI: dict[str, dict[str, str]] = {
    "zh": {
        "title": "法治政府建设年度报告摘要", "reports": "份报告", "summarised": "已摘要", "failed": "失败",
        "generated": "生成于", "checklist": "合规检查", "clean_text": "清洗后的全文",
        "none_found": "未找到", "missing": "缺少", "missing_parts": "缺少 {n} 项",
        "not_report": "不是法治政府建设年度报告", "yes": "是", "no": "否", "unknown": "未知",
        "causes_given": "不足及其原因均已说明", "published_in_q1": "次年第一季度内公开",
        "published": "发布于", "backend": "摘要方式", "year": "{year}年度", "inferred": "推断",
        "issuer": "发布主体", "late": "未在次年第一季度内公开",
        "title_other": "政府报告摘要", "title_mixed": "报告摘要",
    },
    "en": {
        "title": "Summaries of 法治政府建设年度报告", "reports": "report(s)", "summarised": "summarised",
        "failed": "failed", "generated": "generated", "checklist": "Compliance checklist",
        "clean_text": "Clean text", "none_found": "none found", "missing": "Missing",
        "missing_parts": "missing {n} part(s)", "not_report": "not a rule-of-law annual report",
        "yes": "yes", "no": "no", "unknown": "unknown",
        "causes_given": "Shortcomings stated with their causes",
        "published_in_q1": "Published in the first quarter", "published": "published",
        "backend": "backend", "year": "year {year}", "inferred": "inferred",
        "issuer": "issuer", "late": "not published in the first quarter after the year reported on",
        "title_other": "Summaries of government reports", "title_mixed": "Summaries of reports",
    },
}

KIND_LABELS_ZH = {"other_government_report": "其他政府报告（如政府工作报告、工作总结）",
                  "not_a_report": "不是报告（如新闻、通知）", "rule_of_law_report": "法治政府建设年度报告"}

# How each backend is named in the page (provenance.backend as a reader would say it).
BACKEND_LABELS: dict[str, dict[str, str]] = {
    "zh": {"rules": "规则抽取", "llm": "大模型", "hybrid": "规则 + 大模型"},
    "en": {"rules": "rules", "llm": "LLM", "hybrid": "rules + LLM"},
}

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


def render_page(entries: list[ReportEntry], *, title: str | None = None, lang: Language = "zh") -> str:
    """The whole self-contained HTML page, labelled in ``lang`` (zh or en). All report text is escaped.
    Summaries of another genre (a 政府工作报告) follow, each shown from its genre's table."""
    from summarizer.genre_views import summary_genre, to_html_section
    from summarizer.genres import RULE_OF_LAW

    others = [e for e in entries if e.outcome.summary is not None and summary_genre(e.outcome.summary) is not RULE_OF_LAW]
    title = title or _default_title(entries, lang)
    entries = [e for e in entries if e not in others]
    ui = UI[lang]
    reports = [_report_view(i, e, lang) for i, e in enumerate(entries)]
    page = _page.render(
        title=title,
        lang="zh-CN" if lang == "zh" else "en",
        ui=ui,
        reports=reports,
        parts=[{"key": p.name, "label": part_label(p.name, lang), "colour": p.colour} for p in PARTS],
        done=sum(1 for r in reports if not r["failed"]),
        failed=sum(1 for r in reports if r["failed"]),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    if not others:
        return page
    sections = "\n".join(to_html_section(e.outcome.summary, lang=lang) for e in others)
    head, _, tail = page.rpartition("</body>")
    return f"{head}{sections}\n</body>{tail}"


def _default_title(entries: list[ReportEntry], lang: Language) -> str:
    """The page's title by what its documents are: rule-of-law reports, other government reports, or a mix."""
    ui = UI[lang]
    kinds = {e.outcome.summary.document_kind.kind for e in entries
             if e.outcome.summary is not None and e.outcome.summary.document_kind is not None}
    if not kinds or kinds == {"rule_of_law_report"}:
        return ui["title"]
    if kinds == {"other_government_report"}:
        return ui["title_other"]
    return ui["title_mixed"]


def _missing(summary: ReportSummary, lang: Language) -> list[str]:
    """What the report lacks, in the page's language (the parts' own labels)."""
    compliance = summary.compliance
    missing = [part_label(p, lang) for p in PART_NAMES if not getattr(compliance, p)]
    if compliance.published_in_q1 is False:
        missing.append(UI[lang]["late"])
    return missing


def _report_view(index: int, entry: ReportEntry, lang: Language) -> dict[str, object]:
    """What the page template shows of one report (its ``reports`` list)."""
    ui = UI[lang]
    o = entry.outcome
    s = o.summary
    view: dict[str, object] = {"index": index, "name": o.name, "failed": s is None, "error": o.error,
                  "heading": o.name, "facts": [], "missing": [], "not_report": None}
    if not isinstance(s, ReportSummary):  # failed (another genre's summaries are shown apart)
        return view
    meta = s.metadata
    view["heading"] = meta.title or o.name
    facts = [
        ("issuer", meta.issuer),
        ("report_year", meta.report_year and ui["year"].format(year=meta.report_year)),
        ("published_date", meta.published_date and f"{ui['published']} {meta.published_date}"),
        (None, f"{ui['backend']}: {BACKEND_LABELS[lang].get(s.provenance.backend, s.provenance.backend)}"),
    ]
    view["facts"] = [
        {"text": str(x), "inferred": metadata_note(meta, key, lang) if key else None} for key, x in facts if x
    ]
    # Fields left null with a reason (an issuer that would rest on a generic word).
    view["unsourced"] = "; ".join(
        f"{ui[key]}: {note}" for key in ("issuer",) if getattr(meta, key) is None and (note := metadata_note(meta, key, lang))
    )
    kind = s.document_kind
    if kind is not None and not kind.is_rule_of_law_report:
        # The reason is the classifier's English; the Chinese page names the kind instead.
        view["not_report"] = kind.reason if lang == "en" else KIND_LABELS_ZH[kind.kind]
    view["overview"] = s.overview
    view["missing"] = _missing(s, lang) if view["not_report"] is None else []
    checks: list[tuple[str, str]] = [(p, part_label(p, lang)) for p in PART_NAMES]
    checks += [("causes_given", ui["causes_given"]), ("published_in_q1", ui["published_in_q1"])]
    view["checklist"] = [
        {**_check_row(key, label, getattr(s.compliance, key), ui),
         "inferred": part_note(s, key, lang) if key in PART_NAMES else None}
        for key, label in checks
    ]
    view["parts"] = [
        {"key": part, "label": part_label(part, lang), "inferred": part_note(s, part, lang), "entries": [
            {"id": item_anchor(index, part, i), "summary": item.summary, "category": item.category,
             "page": item.page, "inferred": item_note(s, part, item, lang),
             "evidence": item.evidence,
             "figures": figures_text(item.figures)}
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


def _check_row(key: str, label: str, value: bool | None, ui: dict[str, str]) -> dict[str, str]:
    css = {True: "yes", False: "no", None: "unknown"}[value]
    return {"key": key, "label": label, "answer": ui[css], "css": css}


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
