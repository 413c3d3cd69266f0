"""``create_app(settings)``: the FastAPI application, with its service, job store and worker."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from summarizer import __version__
from summarizer.api.auth import KeyChecker
from summarizer.api.errors import install_error_handlers
from summarizer.api.job_store import JobStore
from summarizer.api.job_worker import JobWorker
from summarizer.api.limits import BodySizeLimit
from summarizer.api.routes import public, v1
from summarizer.service import SummaryService
from summarizer.settings import Settings

DESCRIPTION = """\
Checked, structured summaries of Chinese 法治政府建设年度报告 (annual rule-of-law reports).

Send `Authorization: Bearer KEY` (or `X-API-Key: KEY`) to every `/v1` endpoint.
Errors always come as `{"error": {"code", "message", "field", "hint", "details"}}`.
"""


def jobs_db_path(settings: Settings):
    """Where jobs are kept: ``SUMMARIZER_API_JOBS_DB``, else ``<cache_dir>/jobs.sqlite3``."""
    return settings.api.jobs_db or settings.cache_dir / "jobs.sqlite3"


def create_app(settings: Settings) -> FastAPI:
    """Build the API. Raises ``ConfigError`` when no API key is configured and open access is not set."""
    key_checker = KeyChecker(settings.api)
    service = SummaryService(settings)
    job_store = JobStore(jobs_db_path(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        worker = JobWorker(service, job_store, concurrency=settings.llm.concurrency,
                           cpu_slots=app.state.cpu_slots)
        app.state.job_worker = worker
        worker.resume()
        try:
            yield
        finally:
            await worker.stop()

    # /docs and /redoc with Swagger UI and ReDoc served from the package (fastapi-offline
    # bundles them): the docs work on a machine without internet access.
    app = FastAPIOffline(title="summarizer", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         static_url="/docs-assets")
    app.state.settings = settings
    app.state.service = service
    app.state.key_checker = key_checker
    app.state.job_store = job_store
    app.state.cpu_slots = asyncio.Semaphore(1)  # rules-backend threads; see summarize_off_loop
    app.add_middleware(BodySizeLimit, max_bytes=settings.api.max_request_bytes)
    install_error_handlers(app)
    app.include_router(public)
    app.include_router(v1)
    return app
