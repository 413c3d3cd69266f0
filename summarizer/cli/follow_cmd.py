"""``summarizer follow EARLIER LATER``: one issuer's plans of year N against its results of year N+1."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.backends import BackendChoice
from summarizer.cli.app import app
from summarizer.cli.arguments import local_argument
from summarizer.cli.common import (
    BACKENDS_HELP,
    ExitCode,
    exit_codes_help,
    fail,
    load_settings,
    warn,
)
from summarizer.errors import SummarizerError


@app.command("follow", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, failed="a report cannot be read or summarised, or the CSV could not be written"))
def follow(
    earlier: Annotated[str, typer.Argument(metavar="EARLIER", help="The issuer's report for year N (any input kind).")],
    later: Annotated[str, typer.Argument(metavar="LATER", help="Its report for year N+1.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the FollowThrough as JSON.")] = False,
    as_markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown (the default view).")] = False,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Also write the links as CSV to this file.")] = None,
    backend: Annotated[BackendChoice, typer.Option(help="How to summarise the two reports. " + BACKENDS_HELP)] = "rules",
) -> None:
    """Which plans of year N were reported as done in year N+1, which shortcomings recur, and what is new.

    Matching is lexical and explainable: each link lists the key terms both items share, weighted
    against the stock phrases every report of the genre repeats."""
    from summarizer.corpus.follow import follow_through, issuer_key, rule_of_law_summary
    from summarizer.corpus.follow_views import FOLLOW_CSV_COLUMNS, follow_csv_rows, follow_markdown
    from summarizer.service import SummaryService

    if as_json and as_markdown:
        raise typer.BadParameter("give at most one of --json and --markdown")
    try:
        service = SummaryService(load_settings())
        summaries = []
        for arg in (earlier, later):
            source, name = local_argument(arg)
            summary = service.summarize_sync(source, name=name, backend=backend).summary
            summaries.append(rule_of_law_summary(summary, arg))
        a, b = summaries
        ya, yb = a.metadata.report_year, b.metadata.report_year
        if ya is not None and yb is not None and ya > yb:
            warn(f"{earlier} reports on {ya}, after {later} ({yb}): comparing them the other way round")
            a, b = b, a
            earlier, later = later, earlier
        elif ya is not None and yb is not None and yb != ya + 1:
            warn(f"the reports are for {ya} and {yb}, not consecutive years")
        if issuer_key(a.metadata.issuer) != issuer_key(b.metadata.issuer):
            warn(f"the issuers differ ({a.metadata.issuer} / {b.metadata.issuer}): is this one issuer's follow-through?")
        ft = follow_through(a, b, earlier_name=earlier, later_name=later)
        if csv_out is not None:
            from summarizer.batch.csv_export import write_csv

            write_csv(csv_out, FOLLOW_CSV_COLUMNS, follow_csv_rows([ft]))
    except SummarizerError as exc:
        fail(exc)
    typer.echo(ft.model_dump_json(indent=2) if as_json else follow_markdown(ft))
