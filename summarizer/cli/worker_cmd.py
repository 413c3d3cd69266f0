"""``summarizer worker``: run the documents of API jobs kept in PostgreSQL, apart from the API."""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import ExitCode, exit_codes_help, fail, load_settings
from summarizer.errors import SummarizerError


@app.command("worker", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, ExitCode.INTERRUPTED, failed="the jobs database cannot be used"))
def worker(
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="Documents in flight at once (default: SUMMARIZER_LLM_CONCURRENCY).")
    ] = None,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="This worker's name in the queue's records and logs.")] = None,
    log_level: Annotated[str, typer.Option(metavar="LEVEL", help="Log level: debug, info, warning, error.")] = "info",
) -> None:
    """Run API jobs from the PostgreSQL queue (SUMMARIZER_JOBS_URL); start any number, on any machine."""
    import asyncio
    import logging

    from summarizer.jobs.worker import run_worker

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings()
    try:
        asyncio.run(run_worker(settings, concurrency=concurrency or settings.llm.concurrency, name=name))
    except SummarizerError as exc:
        fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(ExitCode.INTERRUPTED) from None
