"""``summarizer schema``: print the JSON Schema of ReportSummary."""

import json

import typer

from summarizer.cli.app import app
from summarizer.cli.common import ExitCode, exit_codes_help


@app.command("schema", epilog=exit_codes_help(ExitCode.OK))
def schema() -> None:
    """Print the JSON Schema of the ReportSummary output."""
    from summarizer.schema import ReportSummary

    typer.echo(json.dumps(ReportSummary.model_json_schema(), ensure_ascii=False, indent=2))
