"""The typer application; each command lives in its own module beside this one."""

from typing import Annotated

import click
import typer
from typer.core import TyperArgument

from summarizer import __version__
from summarizer.cli.common import EXIT_CODES_HELP


# typer's plain help writes an argument's Python annotation beside it (`FILE... <list[str]>`) and
# wraps a required variadic metavar again in the usage line (`{FILE...}...`). Every argument here
# has a metavar that says what it takes, so help shows that alone: `summarizer summarize FILE...`.
def _argument_type(self: TyperArgument, ctx: click.Context) -> str | None:
    return None


def _argument_usage(self: TyperArgument) -> str:
    name = self.metavar or (self.name or "").upper()
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if self.required else f"[{name}]"


TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign,assignment]  # on purpose: above
if hasattr(TyperArgument, "_usage_display_name"):  # typer >= 0.2x; older ones print the metavar
    TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]  # on purpose: above

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
