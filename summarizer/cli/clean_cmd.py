"""``summarizer clean FILE``: print a report's clean text (and optionally what was repaired)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.arguments import local_argument
from summarizer.cli.common import ExitCode, exit_codes_help, fail

if TYPE_CHECKING:
    from summarizer.preprocess.document import CleanDocument, Repair


@app.command("clean", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE))
def clean_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A report: text or HTML in any Chinese encoding, PDF or Word; - reads stdin.")],
    sections: Annotated[bool, typer.Option("--sections", help="Also print the heading tree.")] = False,
    repairs: Annotated[
        bool, typer.Option("--repairs", help="Also list the repairs, one line per kind, and warnings (on stderr).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole CleanDocument as JSON instead.")] = False,
) -> None:
    """Print the clean text of a report: decoded, repaired, simplified, without website chrome."""
    from summarizer.errors import SummarizerError
    from summarizer.preprocess import clean

    source, name = local_argument(file)
    try:
        doc = clean(source, name=name)
    except SummarizerError as exc:
        fail(exc)
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
    """The repairs on stderr, one line per kind: how many, what was done, the commonest changes."""
    groups: dict[str, list[Repair]] = {}
    for r in doc.repairs:
        groups.setdefault(r.kind, []).append(r)
    total = doc.repair_count
    typer.echo(f"# {total} repairs of {len(groups)} kinds (encoding: {doc.hints.encoding or 'text'}, "
               f"format: {doc.hints.source_format})", err=True)
    for kind, group in groups.items():
        typer.echo(_repair_line(kind, group), err=True)
    for d in doc.hints.dates:
        where = f" [{d.start}:{d.end}]" if d.start is not None else ""
        typer.echo(f"date {d.date} {d.context}{where}  {d.raw!r}", err=True)
    for w in doc.warnings:
        typer.echo(f"warning: {w}", err=True)


def _repair_line(kind: str, group: list[Repair], examples: int = 3) -> str:
    changes: Counter[tuple[str, str]] = Counter()
    for r in group:
        if r.before or r.after:
            changes[(r.before, r.after)] += r.count
    notes = Counter(r.note for r in group if r.note)
    head = f"{kind:<12} x{sum(r.count for r in group)}"
    bits: list[str] = []
    if notes:
        note, _ = notes.most_common(1)[0]
        bits.append(note + (f" (and {len(notes) - 1} other notes)" if len(notes) > 1 else ""))
    if changes:
        shown = ", ".join(f"{b!r} -> {a!r}" + (f" x{n}" if n > 1 else "")
                          for (b, a), n in changes.most_common(examples))
        more = f" … {len(changes)} distinct" if len(changes) > examples else ""
        bits.append(f"e.g. {shown}{more}")
    located = [r for r in group if r.start is not None]
    if located:
        bits.append(f"first at [{located[0].start}:{located[0].end}]")
    return f"{head:<19} {' · '.join(bits)}".rstrip()
