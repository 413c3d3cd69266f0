"""``summarizer schema``: print the JSON Schema of a genre's output (ReportSummary by default), or of follow-through."""

import json
from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import ExitCode, exit_codes_help
from summarizer.cli.genre_option import AUTO_GENRE, GenreOption


@app.command("schema", epilog=exit_codes_help(ExitCode.OK, ExitCode.USAGE))
def schema(
    genre: Annotated[GenreOption, typer.Option(
        help="Whose output: rule_of_law (ReportSummary, also for auto) or government_work_report (GovWorkSummary).",
    )] = AUTO_GENRE,
    follow: Annotated[bool, typer.Option(
        "--follow", help="Print the schema of `summarizer follow --json` (FollowThrough) instead.")] = False,
) -> None:
    """Print the JSON Schema of the ReportSummary output (or another genre's, --genre; or of the
    year-on-year follow-through, --follow)."""
    if follow:
        from summarizer.corpus.follow import FollowThrough

        typer.echo(json.dumps(FollowThrough.model_json_schema(), ensure_ascii=False, indent=2))
        return
    from summarizer.genres import DEFAULT_GENRE, genre_named

    chosen = DEFAULT_GENRE if genre.value == "auto" else genre_named(genre.value)
    typer.echo(json.dumps(chosen.output_model().model_json_schema(), ensure_ascii=False, indent=2))
