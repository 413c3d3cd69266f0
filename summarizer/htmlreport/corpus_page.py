"""The corpus page: one self-contained page over many summaries (``summarizer corpus``).

A sortable, filterable table (one row per report, linking to the report's own view), charts of
compliance by part and by level, the publication timeline against the 1 April deadline, the
shortcomings most often admitted, and each issuer's year-on-year follow-through.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Sequence

from jinja2 import Environment
from markupsafe import Markup

from summarizer.batch.outcome import DocumentOutcome
from summarizer.corpus.follow import FollowThrough, consecutive_pairs, follow_through
from summarizer.corpus.table import DEADLINE_MONTH_DAY, CorpusRow, corpus_rows
from summarizer.corpus.topics import problem_topics
from summarizer.htmlreport.charts import Bar, bar_chart, deadline_offset, heat_grid, timeline
from summarizer.htmlreport.corpus_template import PAGE, SCRIPT
from summarizer.parts import PARTS, Language, part_label, short_label
from summarizer.schema import ISSUER_LEVEL_LABELS, ReportSummary

UI: dict[str, dict[str, str]] = {
    "zh": {
        "title": "法治政府建设年度报告汇总", "reports": "份报告", "generated": "生成于", "overview": "概览",
        "by_part": "各部分覆盖情况（报告数）", "by_level": "各层级覆盖率", "timeline": "发布时间与4月1日期限（天）",
        "topics": "最常承认的不足（按主题，报告数）", "heading": "有标题", "inferred": "推断",
        "no_dates": "没有发布日期", "no_topics": "没有可归类的不足", "table": "报告一览", "filter": "筛选",
        "filter_hint": "名称、发布主体、标题…", "level": "层级", "kind": "文档类型", "year": "年度", "all": "全部",
        "shown": "显示", "follow": "逐年落实情况", "plans_reported": "{total} 项计划中 {done} 项次年有所报告",
        "plan_of": "{year}年的计划", "results_of": "{year}年的成效", "shared": "共同关键词",
        "not_reported": "未见报告", "recurring": "反复出现的不足", "new_commitments": "新的承诺",
        "deadline": "4月1日", "yes": "是", "no": "否", "absent": "—", "failed": "失败",
        "col_name": "报告", "col_issuer": "发布主体", "col_level": "层级", "col_year": "年度",
        "col_published": "发布日期", "col_q1": "一季度内", "col_kind": "文档类型", "col_causes": "原因",
        "col_items": "条目", "col_figures": "数字",
    },
    "en": {
        "title": "Rule-of-law annual reports: corpus", "reports": "report(s)", "generated": "generated",
        "overview": "Overview", "by_part": "Parts covered (reports)", "by_level": "Coverage by level",
        "timeline": "Publication against the 1 April deadline (days)",
        "topics": "Shortcomings most often admitted (by topic, reports)", "heading": "under a heading",
        "inferred": "inferred", "no_dates": "no publication dates", "no_topics": "no shortcomings to group",
        "table": "Reports", "filter": "Filter", "filter_hint": "name, issuer, title…", "level": "Level",
        "kind": "Document kind", "year": "Year", "all": "all", "shown": "shown",
        "follow": "Year-on-year follow-through", "plans_reported": "{done} of {total} plans reported on the next year",
        "plan_of": "Plans for after {year}", "results_of": "Results reported for {year}", "shared": "shared terms",
        "not_reported": "not reported", "recurring": "Recurring shortcomings", "new_commitments": "New commitments",
        "deadline": "1 April", "yes": "yes", "no": "no", "absent": "—", "failed": "failed",
        "col_name": "Report", "col_issuer": "Issuer", "col_level": "Level", "col_year": "Year",
        "col_published": "Published", "col_q1": "In Q1", "col_kind": "Kind", "col_causes": "Causes",
        "col_items": "Items", "col_figures": "Figures",
    },
}
LEVELS = ISSUER_LEVEL_LABELS
KINDS: dict[str, dict[str, str]] = {
    "zh": {"rule_of_law_report": "法治政府建设年度报告", "other_government_report": "其他政府报告",
           "not_a_report": "不是报告"},
    "en": {"rule_of_law_report": "rule-of-law report", "other_government_report": "other government report",
           "not_a_report": "not a report"},
}
_HEADING_COLOUR, _INFERRED_COLOUR = "#1b7837", "#e0a526"

_env = Environment(autoescape=True)
_page = _env.from_string(PAGE)
_SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")


def render_corpus_page(
    outcomes: Sequence[DocumentOutcome], *, title: str | None = None, lang: Language = "zh",
    report_href: str | None = None, follows: Sequence[FollowThrough] | None = None,
) -> str:
    """The whole page. ``report_href`` is the page holding each report's own view (its sections
    are ``#report-<index>``); ``follows`` defaults to every issuer's consecutive years."""
    ui = UI[lang]
    rows = corpus_rows(outcomes)
    if follows is None:
        follows = corpus_follow_through(outcomes)
    named = [(o.name, o.summary if isinstance(o.summary, ReportSummary) else None) for o in outcomes]
    levels = sorted({r.issuer_level for r in rows if r.issuer_level}, key=list(LEVELS["en"]).index)
    return _page.render(
        title=title or ui["title"], lang="zh-CN" if lang == "zh" else "en", ui=ui,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        columns=_columns(lang),
        reports=[_row_view(r, lang, report_href) for r in rows],
        levels=[(v, LEVELS[lang][v]) for v in levels],
        kinds=[(v, KINDS[lang][v]) for v in KINDS[lang] if any(r.document_kind == v for r in rows)],
        years=sorted({r.report_year for r in rows if r.report_year}),
        charts={
            "by_part": _by_part_chart(rows, lang), "by_level": _by_level_chart(rows, lang),
            "timeline": _timeline_chart(rows, lang), "topics": _topics_chart(named, lang),
        },
        follows=[_follow_view(f) for f in follows],
        script=Markup(SCRIPT), script_hash=_SCRIPT_HASH,
    )


def corpus_follow_through(outcomes: Sequence[DocumentOutcome]) -> list[FollowThrough]:
    """The follow-through of every issuer that has reports for consecutive years in ``outcomes``."""
    # Pairs are of one genre; each genre names its plan, result and problem parts (Genre.follow).
    named = [(o.name, o.summary) for o in outcomes if o.summary is not None]
    return [follow_through(a, b, earlier_name=na, later_name=nb) for (na, a), (nb, b) in consecutive_pairs(named)]


def _columns(lang: Language) -> list[dict[str, str]]:
    ui = UI[lang]
    cols = [("name", ui["col_name"]), ("issuer", ui["col_issuer"]), ("level", ui["col_level"]),
            ("year", ui["col_year"]), ("published", ui["col_published"]), ("q1", ui["col_q1"]),
            ("kind", ui["col_kind"])]
    cols += [(f"part-{p.name}", short_label(p.name, lang)) for p in PARTS]
    cols += [("causes", ui["col_causes"]), ("items", ui["col_items"]), ("figures", ui["col_figures"])]
    return [{"key": k, "label": label} for k, label in cols]


def _yes_no(value: bool | None, ui: dict[str, str]) -> tuple[str, str]:
    if value is None:
        return "", ui["absent"]
    return ("1" if value else "0"), (ui["yes"] if value else ui["no"])


def _row_view(row: CorpusRow, lang: Language, report_href: str | None) -> dict[str, object]:
    ui = UI[lang]
    href = f"{report_href}#report-{row.index}" if report_href else None
    cells: list[dict[str, object]] = [{"key": "name", "value": row.name, "text": row.name, "href": href}]
    if row.status == "failed":
        cells.append({"key": "issuer", "value": "", "text": f"{ui['failed']}: {row.error or ''}"})
        return {"index": row.index, "status": row.status, "level": None, "kind": None, "year": None,
                "cells": cells}
    q1_value, q1_text = _yes_no(row.published_in_q1, ui)
    causes_value, causes_text = _yes_no(row.causes_given, ui)
    cells += [
        {"key": "issuer", "value": row.issuer or "", "text": row.issuer or ui["absent"],
         "inferred": row.inferred.get("issuer")},
        {"key": "level", "value": row.issuer_level or "",
         "text": LEVELS[lang].get(row.issuer_level or "", ui["absent"]), "inferred": row.inferred.get("issuer_level")},
        {"key": "year", "value": row.report_year or "", "text": row.report_year or ui["absent"], "num": True,
         "inferred": row.inferred.get("report_year")},
        {"key": "published", "value": row.published_date.isoformat() if row.published_date else "",
         "text": row.published_date.isoformat() if row.published_date else ui["absent"],
         "inferred": row.inferred.get("published_date")},
        {"key": "q1", "value": q1_value, "text": q1_text},
        {"key": "kind", "value": row.document_kind or "",
         "text": KINDS[lang].get(row.document_kind or "", ui["absent"])},
    ]
    for part in PARTS:
        state = row.parts.get(part.name, "absent")
        text = {"heading": "✓", "inferred": ui["inferred"], "absent": ui["absent"]}[state]
        rank = {"heading": 2, "inferred": 1, "absent": 0}[state]
        cells.append({"key": f"part-{part.name}", "value": rank, "text": text, "css": f"state-{state}"})
    cells += [
        {"key": "causes", "value": causes_value, "text": causes_text},
        {"key": "items", "value": row.items, "text": row.items, "num": True},
        {"key": "figures", "value": row.figures, "text": row.figures, "num": True},
    ]
    return {"index": row.index, "status": row.status, "level": row.issuer_level, "kind": row.document_kind,
            "year": row.report_year, "cells": cells}


def _by_part_chart(rows: list[CorpusRow], lang: Language) -> Markup:
    ui = UI[lang]
    done = [r for r in rows if r.status == "done"]
    bars = []
    for part in PARTS:
        heading = sum(1 for r in done if r.parts.get(part.name) == "heading")
        inferred = sum(1 for r in done if r.parts.get(part.name) == "inferred")
        bars.append(Bar(part_label(part.name, lang),
                        ((heading, _HEADING_COLOUR, ui["heading"]), (inferred, _INFERRED_COLOUR, ui["inferred"])),
                        note=f"{heading + inferred}/{len(done)}"))
    return bar_chart(bars, maximum=max(len(done), 1), title=ui["by_part"])


def _by_level_chart(rows: list[CorpusRow], lang: Language) -> Markup:
    done = [r for r in rows if r.status == "done"]
    levels = [lv for lv in LEVELS["en"] if any(r.issuer_level == lv for r in done)]
    if any(r.issuer_level is None for r in done):
        levels.append("")
    names = {lv: LEVELS[lang].get(lv, UI[lang]["absent"]) for lv in levels}
    cells = {}
    for lv in levels:
        group = [r for r in done if (r.issuer_level or "") == lv]
        for part in PARTS:
            found = sum(1 for r in group if r.parts.get(part.name, "absent") != "absent")
            share = found / len(group) if group else None
            cells[(names[lv], short_label(part.name, lang))] = (share, f"{found}/{len(group)}")
    return heat_grid([names[lv] for lv in levels], [short_label(p.name, lang) for p in PARTS], cells,
                     title=UI[lang]["by_level"])


def _timeline_chart(rows: list[CorpusRow], lang: Language) -> Markup:
    points = [(deadline_offset(r.published_date, r.report_year, DEADLINE_MONTH_DAY),
               f"{r.issuer or r.name} {r.report_year}: {r.published_date.isoformat()}")
              for r in rows if r.published_date is not None and r.report_year is not None]
    return timeline(points, deadline_label=UI[lang]["deadline"], title=UI[lang]["timeline"])


def _topics_chart(named: Sequence[tuple[str, ReportSummary | None]], lang: Language) -> Markup:
    topics = problem_topics(named)
    if not topics:
        return Markup("")
    bars = [Bar(t.term, ((t.reports, "#b3261e", "; ".join(p.summary for p in t.problems[:5])),),
                note=str(t.reports)) for t in topics]
    return bar_chart(bars, maximum=max(t.reports for t in topics), title=UI[lang]["topics"])


def _follow_view(f: FollowThrough) -> dict[str, object]:
    return {
        "issuer": f.issuer, "earlier_year": f.years[0], "later_year": f.years[1],
        "reported": sum(1 for p in f.plans if p.status == "reported"),
        "plans": [{"plan": p.plan.summary,
                   "results": [{"summary": r.item.summary, "shared": "、".join(r.shared)} for r in p.results]}
                  for p in f.plans],
        "recurring": [{"later": r.problem.summary, "earlier": r.earlier.item.summary,
                       "shared": "、".join(r.earlier.shared)} for r in f.recurring_problems],
        "new": [c.plan.summary for c in f.commitments if c.status == "new"],
    }
