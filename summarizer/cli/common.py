"""What every CLI command shares: building settings once, and reporting errors to a person."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from summarizer.errors import ConfigError, SummarizerError
from summarizer.settings import Settings

err_console = Console(stderr=True)


def load_settings() -> Settings:
    """Build the settings from the environment and ``.env``, or exit with a readable error."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        report_error(ConfigError(f"invalid settings: {problems}", hint="check your environment and .env"))
        raise typer.Exit(2) from exc


def report_error(exc: SummarizerError) -> None:
    """Print an error as ``error: source: message`` plus a hint line, without a traceback."""
    where = f"{exc.source}: " if exc.source else ""
    # Names and messages are data: a file called '[/x].txt' must not be read as rich markup.
    err_console.print(f"[bold red]error:[/] {escape(where + exc.message)}", highlight=False)
    if exc.hint:
        err_console.print(f"  [dim]hint:[/] {escape(exc.hint)}", highlight=False)


def read_source(path: str) -> tuple[bytes | Path, str]:
    """A CLI input argument as something ``clean`` accepts, and its display name (``-`` is stdin)."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    return Path(path), path
