"""``summarizer schema``: print the JSON Schema of ReportSummary."""

import json

import typer

from summarizer.cli.app import app
from summarizer.schema import ReportSummary


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of the ReportSummary output."""
    typer.echo(json.dumps(ReportSummary.model_json_schema(), ensure_ascii=False, indent=2))
