"""``summarizer report RESULTS``: a self-contained HTML page of batch results, for people."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.batch.store import load_outcomes
from summarizer.cli.app import app
from summarizer.cli.common import report_error
from summarizer.errors import InputError


@app.command("report")
def report(
    results: Annotated[list[Path], typer.Argument(help="Results JSONL file(s) written by `summarizer batch`.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    title: Annotated[str, typer.Option(help="The page title.")] = "Summaries of 法治政府建设年度报告",
) -> None:
    """Write an HTML page: each report's summary beside its clean text, evidence highlighted, compliance checklist."""
    from summarizer.htmlreport import render_page
    from summarizer.htmlreport.entries import report_entries

    outcomes = []
    for path in results:
        if not path.is_file():
            report_error(InputError("no such results file", source=str(path),
                                    hint="run `summarizer batch ... --out FILE` first"))
            raise typer.Exit(2)
        outcomes.extend(load_outcomes(path))
    entries = report_entries(outcomes)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_page(entries, title=title), encoding="utf-8")
    without_text = sum(1 for e in entries if e.outcome.summary is not None and e.clean_text is None)
    typer.echo(f"{out}: {len(entries)} report(s)" + (f", {without_text} without clean text" if without_text else ""))
