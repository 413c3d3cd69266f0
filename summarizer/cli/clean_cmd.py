"""``summarizer clean FILE``: print a report's clean text (and optionally what was repaired)."""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import read_source, report_error
from summarizer.errors import SummarizerError
from summarizer.preprocess import CleanDocument, clean


@app.command("clean")
def clean_command(
    file: Annotated[str, typer.Argument(help="A report: text or HTML in any Chinese encoding, PDF or Word; - reads stdin.")],
    sections: Annotated[bool, typer.Option("--sections", help="Also print the heading tree.")] = False,
    repairs: Annotated[bool, typer.Option("--repairs", help="Also list the repairs and warnings (on stderr).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole CleanDocument as JSON instead.")] = False,
) -> None:
    """Print the clean text of a report: decoded, repaired, simplified, without website chrome."""
    source, name = read_source(file)
    try:
        doc = clean(source, name=name)
    except SummarizerError as exc:
        report_error(exc)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(doc.model_dump_json(indent=2))
        return
    typer.echo(doc.text)
    if sections:
        _print_sections(doc)
    if repairs:
        _print_repairs(doc)


def _print_sections(doc: CleanDocument) -> None:
    from summarizer.structure import parse_structure

    structure = parse_structure(doc)
    typer.echo("\n# sections")
    if structure.title:
        typer.echo(structure.title)
    for section in structure.walk():
        indent = "  " * (section.level - 1)
        typer.echo(f"{indent}{section.marker}{section.heading[:60]}  [{section.start}:{section.end}]")


def _print_repairs(doc: CleanDocument) -> None:
    err = typer.echo
    err(f"# {len(doc.repairs)} repairs (encoding: {doc.hints.encoding or 'text'}, "
        f"format: {doc.hints.source_format})", err=True)
    for r in doc.repairs:
        where = f"[{r.start}:{r.end}]" if r.start is not None else "[removed]" if r.kind == "chrome" else ""
        count = f" x{r.count}" if r.count > 1 else ""
        change = f"{r.before!r} -> {r.after!r}" if (r.before or r.after) else ""
        note = f"  ({r.note})" if r.note else ""
        err(f"{r.kind:<12}{count} {where} {change}{note}".rstrip(), err=True)
    for d in doc.hints.dates:
        where = f" [{d.start}:{d.end}]" if d.start is not None else ""
        err(f"date {d.date} {d.context}{where}  {d.raw!r}", err=True)
    for w in doc.warnings:
        err(f"warning: {w}", err=True)
