"""The typer application; each command lives in its own module beside this one."""

from typing import Annotated

import typer

from summarizer import __version__
from summarizer.cli.common import EXIT_CODES_HELP

app = typer.Typer(
    name="summarizer",
    help="Checked, structured summaries of Chinese 法治政府建设年度报告.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: rich help costs ~0.3 s of start-up (its import and layout) on every --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Checked, structured summaries of Chinese 法治政府建设年度报告 (annual rule-of-law reports)."""
