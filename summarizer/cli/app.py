"""The typer application; each command lives in its own module beside this one."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument
from typer.main import get_command_name
from typer.models import CommandInfo

from summarizer import __version__
from summarizer.cli.common import EXIT_CODES_HELP

if TYPE_CHECKING:
    import click  # for annotations only: recent typer releases run on their own copy (typer._click)


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


class _OneCommandTyper(typer.Typer):
    """A Typer that, when the command line names a command, builds only that command.

    typer turns every registered command into a click command (reading its signature and type
    hints) before it parses the command line: for the eleven commands here that is about a
    tenth of a one-shot ``summarizer summarize`` run's CPU after the imports. A run only needs
    the command it names; the top-level help, an unknown name or a leading option
    (``--version``) still build them all. ``typer.testing.CliRunner`` builds the whole group itself.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        argv = kwargs.get("args", args[0] if args else None)
        argv = sys.argv[1:] if argv is None else list(argv)
        every = self.registered_commands
        named = [c for c in every if argv and _command_name(c) == argv[0]]
        if not named:
            return super().__call__(*args, **kwargs)
        self.registered_commands = named
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self.registered_commands = every


def _command_name(info: CommandInfo) -> str:
    return info.name or get_command_name(info.callback.__name__ if info.callback else "")


app = _OneCommandTyper(
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
