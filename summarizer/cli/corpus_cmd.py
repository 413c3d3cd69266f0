"""``summarizer corpus RESULTS``: one page over many summaries, and ``corpus.csv``/``follow.csv``."""

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


@app.command("corpus", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, failed="a results file cannot be read, or an output could not be written"))
def corpus(
    results: Annotated[list[Path], typer.Argument(metavar="RESULTS.jsonl...",
                                                  help="Results files written by `summarizer batch`.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The corpus page to write.")] = Path("corpus.html"),
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Also write corpus.csv and follow.csv into this folder.")] = None,
    title: Annotated[str | None, typer.Option(metavar="TEXT", help="The page title (default: in the page's language).")] = None,
    lang: Annotated[LanguageOption, typer.Option(help="Labels of the page: Chinese or English.")] = LanguageOption.zh,
    no_reports: Annotated[bool, typer.Option("--no-reports", help="Do not write the reports' own page "
                                              "(<out>-reports.html) that the table links to.")] = False,
) -> None:
    """A sortable, filterable table of many reports, charts of compliance and publication, the
    shortcomings most often admitted, and each issuer's year-on-year follow-through."""
    from summarizer.batch.csv_export import write_csv
    from summarizer.batch.store import read_results_file
    from summarizer.corpus.follow_views import FOLLOW_CSV_COLUMNS, follow_csv_rows
    from summarizer.corpus.table import CSV_COLUMNS, corpus_rows, csv_row
    from summarizer.htmlreport import render_page
    from summarizer.htmlreport.corpus_page import corpus_follow_through, render_corpus_page
    from summarizer.htmlreport.entries import report_entries

    try:
        outcomes = [o for path in results for o in read_results_file(path)]
        follows = corpus_follow_through(outcomes)
        reports_page = out.with_name(f"{out.stem}-reports.html")
        page = render_corpus_page(outcomes, title=title, lang=lang.value, follows=follows,
                                  report_href=None if no_reports else reports_page.name)
        written = [write_output(out, page)]
        if not no_reports:
            written.append(write_output(reports_page, render_page(report_entries(outcomes), lang=lang.value)))
        if csv_dir is not None:
            rows = [csv_row(r) for r in corpus_rows(outcomes)]
            for name, columns, lines in (("corpus.csv", CSV_COLUMNS, rows),
                                         ("follow.csv", FOLLOW_CSV_COLUMNS, follow_csv_rows(follows))):
                write_csv(csv_dir / name, columns, lines)
                written.append(csv_dir / name)
    except SummarizerError as exc:
        fail(exc)
    typer.echo(f"{len(outcomes)} report(s), {len(follows)} follow-through pair(s): " + ", ".join(map(str, written)))

