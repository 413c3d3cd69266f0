"""``summarizer report RESULTS``: a self-contained HTML page of batch results, for people."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import ExitCode, exit_codes_help, fail, write_output
from summarizer.errors import SummarizerError


class LanguageOption(str, Enum):
    zh = "zh"
    en = "en"


@app.command("report", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, failed="a results file cannot be read, or a page could not be written"))
def report(
    results: Annotated[list[Path], typer.Argument(metavar="RESULTS.jsonl...", help="Results JSONL file(s) written by `summarizer batch`.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    title: Annotated[str | None, typer.Option(metavar="TEXT", help="The page title (default: in the page's language).")] = None,
    lang: Annotated[LanguageOption, typer.Option(help="Labels of the page: Chinese or English.")] = LanguageOption.zh,
    corpus: Annotated[Path | None, typer.Option(help="Also write the corpus page (table, charts, follow-through) "
                                                "here, its rows linking to this report page.")] = None,
) -> None:
    """Write an HTML page: each report's summary beside its clean text, evidence highlighted, compliance checklist."""
    from summarizer.batch.store import read_results_file
    from summarizer.htmlreport import render_page
    from summarizer.htmlreport.entries import report_entries

    outcomes = []
    try:
        for path in results:
            outcomes.extend(read_results_file(path))
        entries = report_entries(outcomes)
        page = render_page(entries, title=title, lang=lang.value)
        write_output(out, page)
        if corpus is not None:
            import os

            from summarizer.htmlreport.corpus_page import render_corpus_page

            href = Path(os.path.relpath(out.resolve(), corpus.resolve().parent)).as_posix()
            write_output(corpus, render_corpus_page(outcomes, lang=lang.value, report_href=href))
    except SummarizerError as exc:
        fail(exc)
    without_text = sum(1 for e in entries if e.outcome.summary is not None and e.clean_text is None)
    typer.echo(f"{out}: {len(entries)} report(s)" + (f", {without_text} without clean text" if without_text else "")
               + (f"; corpus page {corpus}" if corpus is not None else ""))

