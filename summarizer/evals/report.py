"""Present a run: rich tables for the terminal, Markdown and JSON files."""

from __future__ import annotations

import json
from pathlib import Path

from rich import box
from rich.console import Group
from rich.markup import escape
from rich.table import Table

from summarizer.errors import InputError
from summarizer.evals.scoring import ALL_PARTS, DocumentScore, MeanResult, PartResult, RunReport
from summarizer.parts import PARTS
from summarizer.schema import PART_NAMES

PART_LABELS = {**{p.name: p.en for p in PARTS}, ALL_PARTS: "all parts"}
RUN_FILE = "run.json"
MARKDOWN_FILE = "report.md"


def pct(value: float | None, digits: int = 1) -> str:
    """A rate as ``83.3``; ``—`` when undefined."""
    return "—" if value is None else f"{value * 100:.{digits}f}"


def _prf(r: PartResult | MeanResult | None, digits: int = 1) -> str:
    if r is None:
        return "—"
    if r.precision is None and r.recall is None:
        return "— (nothing expected or found)" if digits else "—"
    return f"{pct(r.f1, digits)} ({pct(r.precision, digits)}/{pct(r.recall, digits)})"


def _grounding(d: DocumentScore) -> str:
    g = d.grounding
    if g is None or not g.n_evidence:
        return "—"
    return f"{g.found}/{g.n_evidence}"


def _metadata_cell(d: DocumentScore) -> str:
    if not d.metadata:
        return "—"
    return f"{sum(f.correct for f in d.metadata.values())}/{len(d.metadata)}"


def _compliance_cell(d: DocumentScore) -> str:
    if not d.compliance:
        return "—"
    return f"{sum(f.correct for f in d.compliance.values())}/{len(d.compliance)}"


def _doc_row(d: DocumentScore, digits: int = 1) -> list[str]:
    if d.status == "failed":
        return [d.doc_id, "FAILED", *["" for _ in (*PART_NAMES, ALL_PARTS)], "", "", "", _ms(d.latency_ms)]
    return [
        d.doc_id, d.status,
        *[_prf(d.parts.get(p), digits) for p in (*PART_NAMES, ALL_PARTS)],
        _metadata_cell(d), _compliance_cell(d), _grounding(d), _ms(d.latency_ms),
    ]


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


DOC_HEADERS = ["doc", "status", *[PART_LABELS[p] for p in (*PART_NAMES, ALL_PARTS)],
               "metadata", "compliance", "grounded", "ms"]


def _overall_rows(report: RunReport) -> list[list[str]]:
    o = report.overall
    rows = []
    for part in (*PART_NAMES, ALL_PARTS):
        micro, macro = o.micro.get(part), o.macro.get(part)
        counts = f"{micro.matched_pred}/{micro.n_pred} pred, {micro.matched_ref}/{micro.n_ref} ref" if micro else "—"
        rows.append([PART_LABELS[part], pct(micro.precision if micro else None), pct(micro.recall if micro else None),
                     pct(micro.f1 if micro else None), pct(macro.precision if macro else None), pct(macro.recall if macro else None),
                     pct(macro.f1 if macro else None), counts])
    return rows


OVERALL_HEADERS = ["part", "micro P", "micro R", "micro F1", "macro P", "macro R", "macro F1", "matched"]


def _other_rows(report: RunReport) -> list[tuple[str, str]]:
    o = report.overall
    rows = [
        ("documents", f"{o.n_documents} ({o.n_scored} scored, {o.n_failed} failed)"),
        ("schema-valid rate", pct(o.schema_valid_rate)),
        ("grounding rate (evidence in clean text, whitespace-insensitive)", pct(o.grounding_rate)),
        ("span-exact rate (clean_text[span] == evidence)", pct(o.span_exact_rate)),
        *[(f"metadata accuracy: {k}", pct(v)) for k, v in o.metadata_accuracy.items()],
        ("metadata exact (all fields right)", pct(o.metadata_exact_rate)),
        *[(f"compliance accuracy: {k}", pct(v)) for k, v in o.compliance_accuracy.items()],
        ("compliance accuracy: all parts", pct(o.compliance_accuracy_all)),
        *[(name, value) for name, value in reader_headline_rows(report)],
        ("latency ms mean / p50 / max", f"{_ms(o.latency_ms_mean)} / {_ms(o.latency_ms_p50)} / {_ms(o.latency_ms_max)}"),
    ]
    if o.calls or o.prompt_tokens or o.completion_tokens:
        rows.append(("tokens prompt / completion (calls)", f"{o.prompt_tokens} / {o.completion_tokens} ({o.calls})"))
        rows.append(("cost", "—" if o.cost is None else f"{o.cost:.4f} {o.currency or ''}".strip()))
    return rows


def _share(count: int, of: int) -> str:
    return f"{count}/{of} ({pct(count / of)})" if of else "—"


def reader_headline_rows(report: RunReport) -> list[tuple[str, str]]:
    """The issue-16 measures of a run, one row each: well-formed share, figure gold, confident-wrong."""
    o = report.overall
    r = o.reader.get(ALL_PARTS)
    rows = [("well-formed summaries (reader's check)", _share(r.well_formed, r.n_summaries) if r else "—")]
    f = o.figures
    if f is not None:
        rows += [
            ("figure gold: recall (gold figures matched)", _share(f.matched, f.n_gold)),
            ("figure gold: precision (predicted figures matched)", _share(f.matched, f.n_pred)),
            ("figure gold: unit as written", _share(f.unit_right, f.matched)),
            ("figure gold: qualifier right", _share(f.qualifier_right, f.matched)),
            ("figure gold: label right", _share(f.label_right, f.matched)),
            ("figure gold: label wrong", _share(f.label_wrong, f.matched)),
            ("figure gold: label empty (not wrong)", _share(f.label_empty, f.matched)),
        ]
    c = o.confidence
    rows += [("confident-wrong metadata (wrong / stated fields)", _share(c.metadata_wrong, c.metadata_stated)),
             ("items in the wrong part", _share(c.wrong_part, c.n_items))]
    return rows


FORMAT_LEGEND = ("The same reports made into PDF, .docx or one line (every break lost) without their scraper record and title line "
                 "(`--formats`); each cell is the score, with its difference from text in points.")
# The scores the format check shows (run.json's formats keeps them all).
FORMAT_SCORES = (
    "micro.all.f1", "metadata.exact_rate", "reader.all.well_formed_rate", "figures.recall", "figures.precision",
    "figures.unit", "figures.qualifier", "figures.label_right", "figures.label_not_wrong",
    "confidence.metadata_not_wrong", "confidence.items_in_right_part",
)


def format_rows(report: RunReport) -> list[list[str]]:
    """Per score: the text run's value, then each other format's and its difference in points."""
    from summarizer.evals.scoring import headline_scores

    if not report.formats:
        return []
    text = headline_scores(report.overall)
    rows = []
    for name in FORMAT_SCORES:
        if name not in text and not any(name in s for s in report.formats.values()):
            continue
        cells = [name, pct(text.get(name))]
        for scores in report.formats.values():
            value, base = scores.get(name), text.get(name)
            delta = "" if value is None or base is None else f" ({(value - base) * 100:+.1f})"
            cells.append(pct(value) + delta)
        rows.append(cells)
    return rows


READER_HEADERS = ["part", "well-formed", "summary Dice", "pairs", "figures", "qualifier lost",
                  "labels wrong", "labels empty", "units cut", "outside item", "ranges cut", "decreases lost"]
READER_LEGEND = (
    "What a reader sees (evals/reader.py, rules in evals/README.md): well-formed = summaries whose "
    "copied clauses end where the text's clauses end, not stitched, no dangling last word, no joined "
    "headings, at most 60 characters; summary Dice = character-bigram Dice of each matched summary to "
    "its reference text, averaged over the matched pairs; qualifier lost = figures whose number the "
    "text bounds (近, 余, 以上 …) without a qualifier; labels wrong = a label that is no noun phrase of "
    "the text near the figure; labels empty = no label (not wrong); units cut = a unit not as written "
    "(家 of 家次) or full-width (％); outside item = figure span not inside its item's evidence; ranges cut = "
    "a figure whose number ends a range (5至7家) without its other end (value_high); decreases lost = a "
    "figure the text states as a decrease (下降35%) whose change field does not say so."
)


def _reader_rows(report: RunReport) -> list[tuple[str, list[str]]]:
    """(part, cells after the part's name) of the reader table."""
    rows = []
    for part in (*PART_NAMES, ALL_PARTS):
        r = report.overall.reader.get(part)
        if r is None:
            continue
        rows.append((part, [
            f"{r.well_formed}/{r.n_summaries} ({pct(r.well_formed_rate)})",
            pct(r.summary_dice), str(r.n_pairs), str(r.n_figures),
            f"{r.qualifier_lost}/{r.qualifier_expected}", str(r.label_bad), str(r.label_empty), str(r.unit_bad),
            str(r.outside_item), str(r.range_cut), str(r.direction_lost),
        ]))
    return rows


def _run_line(report: RunReport) -> str:
    r = report.run
    bits = [f"backend={r.backend}"]
    if r.model:
        bits.append(f"model={r.model}")
    if r.prompt_version:
        bits.append(f"prompt={r.prompt_version}")
    bits += [f"summarizer={r.summarizer_version}", f"matching={r.matching_rule_version}",
             f"dataset={r.dataset}", f"at={r.created_at:%Y-%m-%d %H:%M:%S}Z"]
    if r.wall_s is not None:
        bits.append(f"wall={r.wall_s:.1f}s")
    return " ".join(bits)


LEGEND = (
    "Cells are F1 (precision/recall) in %. micro = item matches pooled over all documents; "
    "macro = mean of per-document scores. Failed documents are not scored for items and count "
    "against the schema-valid rate."
)


SHORT_LABELS = {**{p.name: p.short for p in PARTS}, ALL_PARTS: "all"}


def compact_table(title: str) -> Table:
    """A table that fits about 80 columns: light rules, one space between columns."""
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False,
                 collapse_padding=True)


def _compact_doc_row(d: DocumentScore) -> list[str]:
    if d.status == "failed":
        return ["FAILED", *["" for _ in PART_NAMES], "", "", "", _ms(d.latency_ms)]
    return [
        *[pct(d.parts[p].f1, 0) if p in d.parts else "" for p in (*PART_NAMES, ALL_PARTS)],
        _metadata_cell(d), _compliance_cell(d), _grounding(d), _ms(d.latency_ms),
    ]


def rich_report(report: RunReport) -> Group:
    """Per-document and overall tables for a terminal (about 80 columns)."""
    docs = compact_table("Per document: F1 in % (P/R per document in report.md)")
    docs.add_column("doc", no_wrap=True)
    for header in (*SHORT_LABELS.values(), "meta", "comp", "grnd", "ms"):
        docs.add_column(header, justify="right", no_wrap=True, min_width=len(header))
    for d in report.documents:
        style = {"ok": None, "invalid": "yellow", "failed": "red"}[d.status]
        label = d.doc_id + (" *" if d.status == "invalid" else "")
        docs.add_row(escape(label), *_compact_doc_row(d), style=style)
    overall = compact_table("Overall: micro = pooled over documents, macro = mean per document")
    for header in ("part", "micro P", "micro R", "micro F1", "macro P", "macro R", "macro F1", "pred ok", "ref ok"):
        overall.add_column(header, justify="left" if header == "part" else "right", no_wrap=True, min_width=7)
    for part in (*PART_NAMES, ALL_PARTS):
        micro, macro = report.overall.micro.get(part), report.overall.macro.get(part)
        if micro is None or macro is None:
            continue
        overall.add_row(SHORT_LABELS[part], pct(micro.precision), pct(micro.recall), pct(micro.f1),
                        pct(macro.precision), pct(macro.recall), pct(macro.f1),
                        f"{micro.matched_pred}/{micro.n_pred}", f"{micro.matched_ref}/{micro.n_ref}")
    reader = compact_table("What a reader sees: summaries and figures")
    for header in ("part", "well-formed", "Dice", "figs", "qual lost", "label bad", "empty", "unit", "out"):
        reader.add_column(header, justify="left" if header == "part" else "right", no_wrap=True)
    for part, cells in _reader_rows(report):
        well_formed, dice, _pairs, *figures = cells
        reader.add_row(SHORT_LABELS[part], well_formed, dice, *figures)
    other = compact_table("")
    other.show_header = False
    other.add_column("measure")
    other.add_column("value", justify="right")
    for name, value in _other_rows(report):
        other.add_row(escape(name), escape(value))
    notes = [
        ("meta/comp: metadata fields / compliance parts right; grnd: evidence found in the clean text; "
         "ms: latency. " + ", ".join(f"{p.short} = {p.name}" for p in PARTS) + ". "
         "* = summary does not re-validate."),
        *[f"[red]{escape(d.doc_id)}[/red]: {escape(d.error)}" for d in report.documents if d.error],
    ]
    tables = [docs, overall, reader, other]
    if report.formats:
        fmt = compact_table("Format check: the same reports as files without their record or title line "
                            "(difference from text in points)")
        for header in ("score", "text", *report.formats):
            fmt.add_column(header, justify="left" if header == "score" else "right", no_wrap=True)
        for row in format_rows(report):
            fmt.add_row(*row)
        tables.append(fmt)
    return Group(escape(_run_line(report)), *tables, *notes)


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown_report(report: RunReport) -> str:
    """The run as Markdown: run line, overall table, other measures, per-document table."""
    parts = [
        "# Eval run", "", f"`{_run_line(report)}`", "", LEGEND, "",
        "## Overall", "", _md_table(OVERALL_HEADERS, _overall_rows(report)), "",
        _md_table(["measure", "value"], [list(r) for r in _other_rows(report)]), "",
        "## What a reader sees", "", READER_LEGEND, "", _md_table(READER_HEADERS, [[PART_LABELS[p], *cells] for p, cells in _reader_rows(report)]), "",
        "## Per document", "", _md_table(DOC_HEADERS, [_doc_row(d) for d in report.documents]), "",
    ]
    if report.formats:
        parts += ["## Format check", "", FORMAT_LEGEND, "", _md_table(["score", "text", *report.formats], format_rows(report)), ""]
    gold_problems = [f"- `{d.doc_id}`: {p}" for d in report.documents if d.figures for p in d.figures.problems]
    if gold_problems:
        parts += ["## Figures against the gold (misses and wrong units, qualifiers, labels)", "", *gold_problems, ""]
    confident = [f"- `{d.doc_id}`: {p}" for d in report.documents for p in d.confidence.problems]
    if confident:
        parts += ["## Confident-wrong metadata and items in the wrong part", "", *confident, ""]
    reader_problems = [f"- `{d.doc_id}` {part}: {problem}" for d in report.documents
                       for part in PART_NAMES if part in d.reader for problem in d.reader[part].problems]
    if reader_problems:
        parts += ["## Summaries and figures a reader would stumble on", "", *reader_problems, ""]
    misses = _misses_markdown(report)
    if misses:
        parts += ["## Misses (reference items not found) and unmatched predictions", "", *misses, ""]
    failures = [d for d in report.documents if d.error]
    if failures:
        parts += ["## Failures", ""] + [f"- `{d.doc_id}`: {d.error}" for d in failures] + [""]
    return "\n".join(parts)


def _misses_markdown(report: RunReport) -> list[str]:
    lines = []
    for d in report.documents:
        for part in PART_NAMES:
            r = d.parts.get(part)
            if r is None:
                continue
            lines += [f"- `{d.doc_id}` {part} missed: {m}" for m in r.missed]
            lines += [f"- `{d.doc_id}` {part} unmatched: {u}" for u in r.unmatched]
    return lines


def write_report(report: RunReport, out_dir: Path) -> tuple[Path, Path]:
    """Write ``run.json`` and ``report.md`` into ``out_dir`` (created); returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / RUN_FILE, out_dir / MARKDOWN_FILE
    json_path.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    md_path.write_text(markdown_report(report), encoding="utf-8")
    return json_path, md_path


def load_run(path: Path) -> RunReport:
    """Read a ``run.json`` (or a run folder holding one); clear error when it is not one."""
    path = Path(path)
    if path.is_dir():
        path = path / RUN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the run file: {exc.strerror}", source=str(path),
                         hint="pass the run.json an earlier `summarizer eval` wrote (or its folder)") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno}", source=str(path),
                         hint="pass the run.json an earlier `summarizer eval` wrote") from exc
    try:
        return RunReport.model_validate(data)
    except ValueError as exc:
        raise InputError(f"not an eval run file: {str(exc).splitlines()[0]}", source=str(path),
                         hint="pass the run.json an earlier `summarizer eval` wrote") from exc


def rich_side_by_side(reports: dict[str, RunReport]) -> Table:
    """The headline scores of several datasets' runs in one table: F1 per part (macro, then
    micro in brackets) and metadata accuracy per field, one column per dataset."""
    table = Table(title="Datasets side by side (F1: macro, micro in brackets; metadata: exact)",
                  box=box.SIMPLE_HEAD)
    table.add_column("score")
    for name, report in reports.items():
        table.add_column(f"{escape(name)} ({report.overall.n_scored} docs)", justify="right")
    for part in (*PART_NAMES, ALL_PARTS):
        cells = []
        for report in reports.values():
            macro, micro = report.overall.macro.get(part), report.overall.micro.get(part)
            cells.append(f"{pct(macro.f1 if macro else None)} ({pct(micro.f1 if micro else None)})")
        table.add_row(PART_LABELS[part], *cells)
    per_report = [dict(reader_headline_rows(r)) for r in reports.values()]
    for name in dict.fromkeys(k for rows in per_report for k in rows):
        table.add_row(escape(name), *[rows.get(name, "—") for rows in per_report])
    fields = dict.fromkeys(k for r in reports.values() for k in r.overall.metadata_accuracy)
    for field in fields:
        table.add_row(f"metadata: {field}",
                      *[pct(r.overall.metadata_accuracy.get(field)) for r in reports.values()])
    return table
