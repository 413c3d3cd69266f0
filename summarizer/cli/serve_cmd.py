"""``summarizer serve``: run the HTTP API with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import ExitCode, exit_codes_help, fail, load_settings
from summarizer.errors import SummarizerError


@app.command("serve", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, failed="the server could not start"))
def serve(
    host: Annotated[str, typer.Option(metavar="HOST", help="Interface to listen on (0.0.0.0 for all).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    jobs_db: Annotated[
        Path | None, typer.Option(help="SQLite file for jobs (default: SUMMARIZER_JOBS_URL, else jobs.sqlite3 in the cache directory).")
    ] = None,
    log_level: Annotated[str, typer.Option(metavar="LEVEL", help="uvicorn log level: debug, info, warning, error.")] = "info",
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs). Needs SUMMARIZER_API_KEYS, or SUMMARIZER_API_OPEN_ACCESS=true."""
    import uvicorn

    from summarizer.api import create_app

    settings = load_settings()
    if jobs_db is not None:
        settings = settings.model_copy(update={"api": settings.api.model_copy(update={"jobs_db": None}),
                                               "jobs": settings.jobs.model_copy(update={"url": str(jobs_db)})})
    try:
        api = create_app(settings)
    except SummarizerError as exc:
        fail(exc)
    uvicorn.run(api, host=host, port=port, log_level=log_level)
