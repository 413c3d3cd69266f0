"""``summarizer summarize FILE...``: summarise one or a few reports."""

from __future__ import annotations

import asyncio
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from summarizer.cli.app import app
from summarizer.cli.common import load_settings, report_error
from summarizer.errors import SummarizerError
from summarizer.render import to_markdown, to_rich
from summarizer.schema import ReportSummary
from summarizer.service import SummaryService


class BackendOption(str, Enum):
    auto = "auto"
    rules = "rules"
    llm = "llm"


_SUFFIX = {"json": ".json", "markdown": ".md", "text": ".txt"}


@app.command("summarize")
def summarize(
    files: Annotated[list[str], typer.Argument(
        help="Report files (text, HTML, PDF, Word .docx/.doc/.wps) or http(s):// addresses; - reads stdin.")],
    backend: Annotated[
        BackendOption, typer.Option(help="auto: the LLM when an endpoint is configured, else rules.")
    ] = BackendOption.auto,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ReportSummary as JSON.")] = False,
    as_markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Write to this file (one input) or into this directory (several inputs)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM cache.")] = False,
    follow_attachments: Annotated[bool, typer.Option(
        "--follow-attachments", help="For an address whose page links its report as a PDF/Word attachment "
        "(相关附件), summarise the attachment.")] = False,
) -> None:
    """Summarise reports: what was achieved, what went wrong and why, what leaders did, what comes next."""
    if as_json and as_markdown:
        raise typer.BadParameter("choose one of --json and --markdown")
    fmt = "json" if as_json else "markdown" if (as_markdown or out is not None) else "text"
    service = SummaryService(load_settings())
    console = Console()
    failed = 0
    for path in files:
        try:
            from summarizer.cli.inputs import read_input

            source, name = read_input(path, service, follow_attachments=follow_attachments)
            result = asyncio.run(
                service.summarize(source, name=name, backend=backend.value, use_cache=not no_cache)
            )
        except SummarizerError as exc:
            report_error(exc)
            failed += 1
            continue
        _emit(result.summary, fmt, console, _target(out, path, fmt, many=len(files) > 1))
    if failed:
        raise typer.Exit(1)


def _target(out: Path | None, path: str, fmt: str, *, many: bool) -> Path | None:
    if out is None:
        return None
    if many or out.is_dir():
        out.mkdir(parents=True, exist_ok=True)
        stem = "stdin" if path == "-" else Path(path).stem
        return out / f"{stem}{_SUFFIX[fmt]}"
    return out


def _emit(summary: ReportSummary, fmt: str, console: Console, target: Path | None) -> None:
    if fmt == "json":
        body = summary.model_dump_json(indent=2)
    elif fmt == "markdown":
        body = to_markdown(summary)
    else:
        console.print(to_rich(summary))
        return
    if target is None:
        typer.echo(body)
    else:
        target.write_text(body + "\n", encoding="utf-8")
        typer.echo(f"wrote {target}", err=True)
