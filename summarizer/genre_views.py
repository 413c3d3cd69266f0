"""Views of a summary of any genre, from the genre table (summarizer.genres): terminal,
Markdown, HTML and CSV rows.

Every view takes the parts, their labels, order, colour and shape (items, or targets shown
as a table), the metadata fields and the checklist from the summary's ``Genre``; a genre
added to the table is shown without edits here. The rule-of-law summary keeps its own
views (summarizer.render, summarizer.htmlreport), which these leave unchanged; an item's
figures and its layout in a terminal are written as there (``render.figures_text``, ``render.hang``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from markupsafe import Markup, escape
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.basis import NoteLanguage, metadata_note
from summarizer.genres import RULE_OF_LAW, Genre, genre_named
from summarizer.render import TERMINAL_FIGURES, figures_text, hang
from summarizer.schema import ISSUER_LEVEL_LABELS, BasedMetadata

TARGET_COLUMNS: tuple[str, ...] = ("indicator", "value", "unit", "qualifier", "comparison")
# The page's own words in Chinese, for the HTML view in Chinese (the default).
# ISSUER_LEVEL_LABELS (schema) names the levels.
TARGET_COLUMNS_ZH: tuple[str, ...] = ("指标", "数值", "单位", "限定", "比较")
METADATA_LABELS_ZH: dict[str, str] = {
    "title": "标题", "issuer": "发布主体", "issuer_level": "层级", "report_year": "报告年度",
    "session_year": "会议年份", "congress_session": "会议", "speaker": "报告人", "delivery_date": "报告日期",
    "published_date": "发布日期",
}
# year_basis (last, so that older readers of the file keep their columns): where the year was read
# when it is inferred (body: a heading; model), else empty.
TARGETS_CSV_COLUMNS: tuple[str, ...] = ("doc_id", "issuer", "year", "indicator", "value", "value_high", "unit",
                                        "qualifier", "comparison", "evidence", "indicator_basis", "year_basis")
# How the targets table marks an indicator the text does not write as such (Target.indicator_basis).
INDICATOR_BASIS_MARKS: dict[str, str] = {"composed": "（合成）", "inferred": "（推断）"}


def summary_genre(summary: Any) -> Genre:
    """The genre a summary is of: its ``genre`` field, else rule-of-law (``ReportSummary``)."""
    name = getattr(summary, "genre", None)
    return genre_named(name) if name else RULE_OF_LAW


def _title(summary: Any) -> str | None:
    """The summary's title, for genres whose metadata has one."""
    return getattr(summary.metadata, "title", None)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def metadata_rows(summary: Any, genre: Genre) -> list[tuple[str, str]]:
    """(field, value) for each metadata field the genre declares."""
    return [(name, _value(getattr(summary.metadata, name, None))) for name in genre.metadata_fields]


def metadata_field_note(summary: Any, field: str, lang: NoteLanguage = "both") -> str | None:
    """How a reader is told a metadata value was not stated (``推断 inferred from the body``), or why
    it is null (summarizer.basis.metadata_note); None for a stated value or metadata without a basis."""
    metadata = summary.metadata
    return metadata_note(metadata, field, lang) if isinstance(metadata, BasedMetadata) else None


def _noted(summary: Any, field: str, shown: str) -> str:
    note = metadata_field_note(summary, field)
    return f"{shown} ({note})" if note else shown


def target_year(summary: Any) -> tuple[int | None, str | None]:
    """The year a summary's targets are set for (the session year, else the year reviewed), and
    the source of that year where it is inferred (else None)."""
    metadata = summary.metadata
    for field in ("session_year", "report_year"):
        if (year := getattr(metadata, field, None)) is not None:
            basis = metadata.field_basis(field) if isinstance(metadata, BasedMetadata) else None
            return year, basis.source if basis is not None and basis.inferred else None
    return None, None


def checklist_rows(summary: Any, genre: Genre, lang: str | None = None) -> list[tuple[str, bool]]:
    """(label, met) for each check of the genre's checklist, labelled in ``lang`` (None: both)."""
    checklist = summary.checklist
    return [(_label(c.zh, c.en, lang), bool(getattr(checklist, c.name))) for c in genre.checklist]


def _shown(genre: Genre, parts: Sequence[str] | None) -> list[str]:
    return [p for p in genre.part_names if parts is None or p in parts]


def target_cells(target: Any) -> list[str]:
    """A target's cells in ``TARGET_COLUMNS`` order."""
    value = _value(target.value)
    if target.value is not None and getattr(target, "value_high", None) is not None:
        value = f"{value}—{target.value_high:g}"
    indicator = target.indicator + INDICATOR_BASIS_MARKS.get(getattr(target, "indicator_basis", None) or "", "")
    return [indicator, value, target.unit or "", target.qualifier_text or target.qualifier or "",
            target.comparison or ""]


def to_markdown(summary: Any, *, evidence_chars: int = 120, parts: Sequence[str] | None = None) -> str:
    """The summary as Markdown: metadata, each part (targets as a table), the checklist."""
    genre = summary_genre(summary)
    lines = [f"# {_title(summary) or summary.doc_id or genre.zh}", "", f"_{genre.zh} {genre.en}_", ""]
    lines += ["| Field | Value |", "| --- | --- |",
              *[f"| {k} | {_noted(summary, k, v).replace('|', '/')} |" for k, v in metadata_rows(summary, genre)], ""]
    if summary.overview:
        lines += ["## Overview", "", summary.overview, ""]
    for name in _shown(genre, parts):
        part = genre.part(name)
        entries = getattr(summary, name)
        lines += [f"## {part.zh} {part.en} ({len(entries)})", ""]
        if not entries:
            lines += ["_None stated._", ""]
        elif part.shape == "targets":
            lines += ["| " + " | ".join(TARGET_COLUMNS) + " |", "|" + " --- |" * len(TARGET_COLUMNS)]
            lines += ["| " + " | ".join(c.replace("|", "\\|") for c in target_cells(t)) + " |" for t in entries]
            lines.append("")
        else:
            for n, item in enumerate(entries, 1):
                # (the category says when an item is of a plan period, not the year: “十三五”时期)
                lines.append(f"{n}. **{item.summary}**" + (f" _[{item.category}]_" if item.category else ""))
                if item.figures:  # as the rule-of-law view shows them (summarizer.render.figures_text)
                    lines.append(f"   - Figures: {figures_text(item.figures)}")
                lines.append(f"   - > {_cut(item.evidence, evidence_chars)} `[{item.span.start}:{item.span.end}]`")
            lines.append("")
    lines += ["## Checklist", "", "| Check | Met |", "| --- | --- |"]
    lines += [f"| {k} | {'✔' if v else '✘'} |" for k, v in checklist_rows(summary, genre)]
    lines += ["", f"_backend={summary.provenance.backend}_", ""]
    return "\n".join(lines)


def to_rich(summary: Any, *, evidence_chars: int = 80, width: int = 80, parts: Sequence[str] | None = None) -> Group:
    """The summary as rich renderables for a terminal (targets as a table)."""
    genre = summary_genre(summary)
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan", no_wrap=True)
    head.add_column()
    for k, v in metadata_rows(summary, genre):
        head.add_row(k, _noted(summary, k, v))
    out: list[Any] = [Panel(head, title=_title(summary) or summary.doc_id or genre.zh, expand=False)]
    if summary.overview:
        out.append(Panel(Text(summary.overview), title="Overview", expand=False))
    for name in _shown(genre, parts):
        part = genre.part(name)
        entries = getattr(summary, name)
        out.append(Text(f"{part.zh} {part.en} ({len(entries)})", style="bold magenta"))
        if part.shape == "targets" and entries:
            table = Table(*TARGET_COLUMNS, width=min(width, 120))
            for t in entries:
                table.add_row(*target_cells(t))
            out.append(table)
            continue
        body = Text()
        for n, item in enumerate(entries, 1):
            # laid out as the rule-of-law view lays out its items (summarizer.render.to_rich)
            headline = item.summary + (f" [{item.category}]" if item.category else "")
            body.append(hang(headline, f"{n:>2}. ", "    ", width) + "\n")
            if item.figures:
                body.append(hang(figures_text(item.figures, TERMINAL_FIGURES), "    ", "    ", width) + "\n",
                            style="green")
            body.append(hang(f"「{_cut(item.evidence, evidence_chars)}」", "    ", "     ", width) + "\n", style="dim")
        if not entries:
            body.append("None stated.\n", style="yellow")
        out.append(body)
    checks = Table(title="Checklist", title_justify="left")
    checks.add_column("Check")
    checks.add_column("Met", justify="center")
    for label, met in checklist_rows(summary, genre):
        checks.add_row(label, "✔" if met else "✘")
    out.append(checks)
    out.append(Text(f"backend={summary.provenance.backend}", style="dim"))
    return Group(*out)


def _label(zh: str, en: str, lang: str | None) -> str:
    """A label in ``lang`` (zh, en), or both (None: views read by both)."""
    return zh if lang == "zh" else en if lang == "en" else f"{zh} {en}"


def _html_note(summary: Any, field: str, lang: str | None) -> Markup:
    """An inferred value's mark (推断, its source in the tooltip), or a null value's reason."""
    words: NoteLanguage = "zh" if lang == "zh" else "en" if lang == "en" else "both"
    note = metadata_field_note(summary, field, words)
    if note is None:
        return Markup("")
    if getattr(summary.metadata, field, None) is None:  # the reason is in English: a Chinese page says 未写明
        if words == "zh":
            return Markup(' <span class="note" title="{}">（未写明）</span>').format(note)
        return Markup(' <span class="note">({})</span>').format(note)
    mark = {"zh": "推断", "en": "inferred"}.get(words, "推断 inferred")
    return Markup(' <span class="inferred" title="{}">{}</span>').format(note, mark)


def to_html_section(summary: Any, *, parts: Sequence[str] | None = None, lang: str | None = None) -> Markup:
    """One summary as an HTML ``<section>``: metadata, parts in their colours, targets as a table;
    labelled in ``lang`` (zh, en; None: both)."""
    genre = summary_genre(summary)
    html = [f'<section class="genre-summary" data-genre="{escape(genre.name)}">',
            f"<h2>{escape(_title(summary) or summary.doc_id or genre.zh)}</h2>",
            f"<p>{escape(_label(genre.zh, genre.en, lang))}</p>", "<table class=\"metadata\">"]
    html += [f"<tr><th>{escape(METADATA_LABELS_ZH.get(k, k) if lang == 'zh' else k)}</th>"
             f"<td>{escape(ISSUER_LEVEL_LABELS[lang].get(v, v) if k == 'issuer_level' and lang else v)}"
             f"{_html_note(summary, k, lang)}</td></tr>" for k, v in metadata_rows(summary, genre)]
    html.append("</table>")
    for name in _shown(genre, parts):
        part = genre.part(name)
        entries = getattr(summary, name)
        html.append(f'<h3 id="{escape(name)}" style="background:{escape(part.colour)}">'
                    f"{escape(_label(part.zh, part.en, lang))} ({len(entries)})</h3>")
        if part.shape == "targets":
            columns = TARGET_COLUMNS_ZH if lang == "zh" else TARGET_COLUMNS
            html.append('<table class="targets"><tr>' + "".join(f"<th>{c}</th>" for c in columns) + "</tr>")
            html += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in target_cells(t)) + "</tr>" for t in entries]
            html.append("</table>")
            continue
        html.append("<ol>")
        html += [_html_item(i, part.colour) for i in entries]
        html.append("</ol>")
    html.append('<table class="checklist">')
    html += [f"<tr><th>{escape(k)}</th><td>{'✔' if v else '✘'}</td></tr>" for k, v in checklist_rows(summary, genre, lang)]
    html += ["</table>", "</section>"]
    return Markup("\n".join(html))


def _html_item(item: Any, colour: str) -> str:
    """One item as an HTML list entry: its summary, its plan period (category), its figures (as every
    view shows them, summarizer.render.figures_text) and its evidence in the part's colour."""
    category = f' <span class="note">[{escape(item.category)}]</span>' if item.category else ""
    figures = f'<div class="figures">{escape(figures_text(item.figures))}</div>' if item.figures else ""
    return (f"<li><b>{escape(item.summary)}</b>{category}{figures}"
            f'<blockquote style="border-left:4px solid {escape(colour)}">{escape(item.evidence)}</blockquote></li>')


def to_html_page(summaries: Sequence[Any], *, parts: Sequence[str] | None = None) -> str:
    """A standalone HTML page of summaries of genres other than rule-of-law."""
    body = "\n".join(to_html_section(s, parts=parts) for s in summaries)
    return ("<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>summarizer</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:2px 6px}blockquote{margin:4px 0;padding-left:8px}"
            ".inferred{color:#8a5a00;font-size:.8em;border:1px solid #e0c080;border-radius:3px;padding:0 .25em}"
            ".note{color:#666;font-size:.8em}.figures{color:#444;font-size:.9em}</style>"
            f"</head><body>\n{body}\n</body></html>\n")


def target_rows(summary: Any) -> Iterator[dict[str, Any]]:
    """One CSV row per target of a summary (``TARGETS_CSV_COLUMNS``), for comparing regions."""
    metadata = summary.metadata
    year, year_basis = target_year(summary)
    for t in getattr(summary, "targets", []) or []:
        yield {"doc_id": summary.doc_id, "issuer": getattr(metadata, "issuer", None), "year": year,
               "year_basis": year_basis, "indicator": t.indicator,
               "value": t.value, "value_high": t.value_high, "unit": t.unit, "qualifier": t.qualifier,
               "comparison": t.comparison, "evidence": t.evidence, "indicator_basis": t.indicator_basis}
