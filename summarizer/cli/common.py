"""What every CLI command shares: exit codes, building settings once, reporting errors to a person.

Imports here stay light (no rich, no pydantic-settings at import time) so that
``summarizer --help`` starts fast; commands import what they use when they run.
"""

from __future__ import annotations

import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from summarizer.backends import backends_help
from summarizer.errors import ConfigError, SummarizerError

if TYPE_CHECKING:
    from rich.console import Console

    from summarizer.settings import Settings


class ExitCode(IntEnum):
    """The exit codes of every command (README, "Exit codes")."""

    OK = 0
    FAILED = 1  # an input could not be read or summarised, or is not what the command reads;
    #             an output could not be written; a batch with failed documents; an eval below its baseline
    USAGE = 2  # a wrong option or argument, or invalid settings: nothing was done
    NOT_A_REPORT = 3  # --strict, and an input is not a rule-of-law annual report
    INTERRUPTED = 130  # stopped with Ctrl-C (finished work is kept)


# What each exit code means in a command's help: one phrase each.
_EXIT_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.FAILED: "an input failed or is not what the command reads, or an output could not be written",
    ExitCode.USAGE: "wrong usage or settings",
    ExitCode.NOT_A_REPORT: "with --strict, an input is not a rule-of-law annual report",
    ExitCode.INTERRUPTED: "interrupted",
}


def exit_codes_help(*codes: ExitCode, failed: str | None = None) -> str:
    """The "Exit codes: …" line of a command's help, naming only ``codes`` (all when none are
    given); ``failed`` words code 1 for this command."""
    chosen = codes or tuple(ExitCode)
    meanings = {**_EXIT_MEANINGS, **({ExitCode.FAILED: failed} if failed else {})}
    return "Exit codes: " + "; ".join(f"{int(c)} {meanings[c]}" for c in chosen) + "."


EXIT_CODES_HELP = exit_codes_help()  # the whole table: the top-level help


def exit_code_for(exc: SummarizerError) -> ExitCode:
    """The exit code for an error: settings problems are usage (2), everything else a failure (1)."""
    return ExitCode.USAGE if isinstance(exc, ConfigError) else ExitCode.FAILED


def fail(exc: SummarizerError) -> NoReturn:
    """Report ``exc`` to the user and exit with its code."""
    report_error(exc)
    raise typer.Exit(exit_code_for(exc))

BACKENDS_HELP = backends_help()

ALLOW_PRIVATE_HELP = ("Let a web page on a public address redirect or link to a non-public one (loopback, "
                      "private, link-local); refused by default, so a page cannot make this machine reach its "
                      "own network.")


def load_settings() -> Settings:
    """Build the settings from the environment and ``.env``, or exit with a readable error."""
    from pydantic import ValidationError

    from summarizer.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        fail(ConfigError(f"invalid settings: {problems}", hint="check your environment and .env"))


# When output goes to a file or a pipe, rich would lay tables out for 80 columns and cut their cells;
# there is no screen to fit, so tables get the width their cells need (up to this).
PIPE_WIDTH = 1000


def stdout_console() -> Console:
    """A rich console on stdout: the terminal's width on a terminal (or ``COLUMNS``), else room
    for whole tables."""
    import os

    from rich.console import Console

    return Console() if sys.stdout.isatty() or os.environ.get("COLUMNS") else Console(width=PIPE_WIDTH)


def write_output(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8, creating missing folders; ``OutputError`` (one line)
    when it cannot be written."""
    from summarizer.errors import OutputError

    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise OutputError(f"cannot write here: {blocker} is a file, not a folder", source=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", source=str(path)) from None
    return path


def err_console() -> Console:
    """A rich console on stderr (created on first use: rich is slow to import)."""
    from rich.console import Console

    return Console(stderr=True)


def report_error(exc: SummarizerError) -> None:
    """Print an error as ``error: source: message`` plus a hint line, without a traceback."""
    from rich.markup import escape

    console = err_console()
    where = f"{exc.source}: " if exc.source else ""
    # Names and messages are data: a file called '[/x].txt' must not be read as rich markup.
    console.print(f"[bold red]error:[/] {escape(where + exc.message)}", highlight=False, soft_wrap=True)
    if exc.hint:
        console.print(f"  [dim]hint:[/] {escape(exc.hint)}", highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    """Print a warning on stderr."""
    from rich.markup import escape

    err_console().print(f"[bold yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)

