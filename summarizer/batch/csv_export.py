"""CSV files for analysts from batch outcomes: one row per report, per item, per figure.

Files are UTF-8 with a byte-order mark so that spreadsheet programs show the
Chinese correctly. Text cells that a spreadsheet would run as a formula
(starting with = + - @) are prefixed with an apostrophe: reports are untrusted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from summarizer.genre_views import TARGETS_CSV_COLUMNS, summary_genre, target_rows
from summarizer.genres import RULE_OF_LAW
from summarizer.govwork_schema import GovWorkMetadata
from summarizer.render import figures_text
from summarizer.run.outcome import DocumentOutcome
from summarizer.schema import (
    METADATA_FIELDS,
    PART_NAMES,
    BasedMetadata,
    Item,
    Metadata,
    ReportSummary,
)

REPORT_COLUMNS = [
    "name", "status", "error_code", "error_message", "genre", "document_kind", "document_kind_reason", "title", "issuer", "issuer_level",
    "report_year", "published_date", "overview",
    *(f"n_{part}" for part in PART_NAMES), "n_figures",
    *(f"has_{part}" for part in PART_NAMES), "causes_given", "published_in_q1", "missing",
    "backend", "model", "prompt_tokens", "completion_tokens", "cost", "currency",
    "source_path", "sha256",
    # How each answer was reached: where a metadata value was read (title, page record,
    # signature: stated; opening sentence, body, model: inferred), why one was left null, and
    # per part heading (found under its heading) or cue / position (inferred) / model.
    *(f"{field}_basis" for field in METADATA_FIELDS), "metadata_notes",
    *(f"{part}_basis" for part in PART_NAMES),
]
ITEM_COLUMNS = [
    "name", "issuer", "report_year", "part", "index", "category", "summary", "figures",
    "evidence", "span_start", "span_end", "page", "part_basis",
]
FIGURE_COLUMNS = [
    "name", "issuer", "report_year", "part", "item_index", "label", "value", "value_high", "unit", "scale",
    "value_in_base_unit", "qualifier", "qualifier_text", "part_of", "scope", "scope_text", "change",
    "change_text", "label_lists", "evidence", "span_start", "span_end",
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Row = dict[str, object]  # one CSV row: column -> value (None, bool, number or text)


def write_csvs(outcomes: Iterable[DocumentOutcome], out_dir: Path) -> dict[str, int]:
    """Write reports.csv, items.csv, figures.csv and targets.csv (the 主要预期目标 of the
    reports of a genre that has them, ready to compare across regions) into ``out_dir``;
    return rows per file."""
    outcomes = list(outcomes)
    counts = {}
    for filename, columns, rows in (
        ("reports.csv", REPORT_COLUMNS, _report_rows(outcomes)),
        ("items.csv", ITEM_COLUMNS, _item_rows(outcomes)),
        ("figures.csv", FIGURE_COLUMNS, _figure_rows(outcomes)),
        ("targets.csv", TARGETS_CSV_COLUMNS,
         (row for o in outcomes if o.summary is not None for row in target_rows(o.summary))),
    ):
        counts[filename] = write_csv(Path(out_dir) / filename, list(columns), rows)
    return counts


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _report_rows(outcomes: list[DocumentOutcome]) -> Iterator[Row]:
    for o in outcomes:
        row: Row = {"name": o.name, "status": o.status, "backend": o.backend,
                     "source_path": o.source_path, "sha256": o.sha256}
        if o.error is not None:
            row.update(error_code=o.error.code, error_message=o.error.message)
        s = o.summary
        if s is not None and not isinstance(s, ReportSummary):  # another genre: what all genres share
            genre = summary_genre(s)
            row.update(genre=genre.name, title=s.metadata.title, issuer=s.metadata.issuer,
                       issuer_level=s.metadata.issuer_level, report_year=s.metadata.report_year,
                       overview=s.overview, model=s.provenance.model,
                       n_figures=sum(len(i.figures) for p in genre.parts if p.shape == "items"
                                     for i in s.items(p.name)),
                       document_kind=s.document_kind.kind if s.document_kind else None,
                       missing="; ".join(s.checklist.missing))
            if isinstance(s.metadata, BasedMetadata):  # its metadata's basis, as for a rule-of-law report
                row.update(_basis_cells(s.metadata, genre.metadata_fields))
        elif isinstance(s, ReportSummary):
            row["genre"] = RULE_OF_LAW.name
            meta, comp, prov = s.metadata, s.compliance, s.provenance
            if s.document_kind is not None:
                row.update(document_kind=s.document_kind.kind, document_kind_reason=s.document_kind.reason)
            row.update(
                title=meta.title, issuer=meta.issuer, issuer_level=meta.issuer_level,
                report_year=meta.report_year,
                published_date=meta.published_date.isoformat() if meta.published_date else None,
                overview=s.overview,
                n_figures=sum(len(i.figures) for p in PART_NAMES for i in s.items(p)),
                causes_given=comp.causes_given, published_in_q1=comp.published_in_q1,
                missing="; ".join(comp.missing), model=prov.model,
            )
            for part in PART_NAMES:
                row[f"n_{part}"] = len(s.items(part))
                row[f"has_{part}"] = getattr(comp, part)
                row[f"{part}_basis"] = getattr(comp.basis, part)
            row.update(_basis_cells(meta, METADATA_FIELDS))
            if prov.usage is not None:
                row.update(prompt_tokens=prov.usage.prompt_tokens,
                           completion_tokens=prov.usage.completion_tokens,
                           cost=prov.usage.cost, currency=prov.usage.currency)
        yield row


def _basis_cells(meta: BasedMetadata, fields: Iterable[str]) -> Row:
    """``<field>_basis`` (where each value was read) for the report columns, and ``metadata_notes``:
    ``field: reason`` for each of ``fields`` that gives one (why it is null, how it was inferred)."""
    cells: Row = {f"{field}_basis": meta.field_basis(field).source for field in METADATA_FIELDS
                  if field in type(meta).model_fields}
    cells["metadata_notes"] = "; ".join(
        f"{field}: {basis.reason}" for field in fields if (basis := meta.field_basis(field)).reason)
    return cells


def _items(outcomes: list[DocumentOutcome]) -> Iterator[tuple[DocumentOutcome, Metadata | GovWorkMetadata, str, int, Item]]:
    """Every item of every summarised report, with the report's metadata, its part and index in that part."""
    for o in outcomes:
        s = o.summary
        if s is None:
            continue
        if isinstance(s, ReportSummary):
            parts: list[tuple[str, list[Item]]] = [(p, s.items(p)) for p in PART_NAMES]
        else:  # another genre: its parts that list items
            parts = [(p.name, s.items(p.name)) for p in summary_genre(s).parts if p.shape == "items"]
        for part, items in parts:
            for index, item in enumerate(items):
                yield o, s.metadata, part, index, item


def _item_rows(outcomes: list[DocumentOutcome]) -> Iterator[Row]:
    for o, meta, part, index, item in _items(outcomes):
        yield {
            "name": o.name, "issuer": meta.issuer, "report_year": meta.report_year,
            "part": part, "index": index, "category": item.category,
            "summary": item.summary,
            "figures": figures_text(item.figures),
            "evidence": item.evidence, "span_start": item.span.start, "span_end": item.span.end,
            "page": item.page, "part_basis": item.part_basis,
        }


def _figure_rows(outcomes: list[DocumentOutcome]) -> Iterator[Row]:
    for o, meta, part, index, item in _items(outcomes):
        for fig in item.figures:
            yield {
                "name": o.name, "issuer": meta.issuer, "report_year": meta.report_year,
                "part": part, "item_index": index, "label": fig.label, "value": fig.value,
                "value_high": fig.value_high, "unit": fig.unit, "scale": fig.scale,
                "value_in_base_unit": fig.value * fig.scale, "qualifier": fig.qualifier,
                "qualifier_text": fig.qualifier_text, "part_of": fig.part_of,
                "scope": fig.scope, "scope_text": fig.scope_text, "change": fig.change,
                "change_text": fig.change_text, "label_lists": fig.label_lists, "evidence": fig.evidence,
                "span_start": fig.span.start if fig.span else None,
                "span_end": fig.span.end if fig.span else None,
            }


def write_csv(path: Path, columns: list[str], rows: Iterable[Row]) -> int:
    """Write ``rows`` to ``path`` as a spreadsheet-safe CSV (UTF-8 with BOM, formulas defused);
    return how many rows. ``OutputError`` when it cannot be written."""
    from summarizer.errors import OutputError

    n = 0
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
                n += 1
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", source=str(path)) from None
    return n
