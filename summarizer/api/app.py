"""``create_app(settings)``: the FastAPI application, with its service, job store, work pool and worker.

``jobs_db_path`` and ``open_job_store`` live in ``summarizer.jobs.database``; their names here keep
working for one release."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from summarizer import __version__
from summarizer.api.access_log import hide_query_strings
from summarizer.api.auth import KeyChecker
from summarizer.api.errors import install_error_handlers
from summarizer.api.limits import BodySizeLimit
from summarizer.api.readiness import ReadinessProbe
from summarizer.api.routes import public, v1
from summarizer.api.urls import FetchBudget
from summarizer.jobs.database import jobs_db_path, open_job_store
from summarizer.jobs.runner import JobRunner
from summarizer.run.pool import WorkPool
from summarizer.run.runner import Runner
from summarizer.service import SummaryService
from summarizer.settings import Settings

__all__ = ["create_app", "jobs_db_path", "open_job_store"]

DESCRIPTION = """\
Checked, structured summaries of Chinese 法治政府建设年度报告 (annual rule-of-law reports).

Send `Authorization: Bearer KEY` (or `X-API-Key: KEY`) to every `/v1` endpoint.
Errors always come as `{"error": {"code", "message", "field", "hint", "details"}}`.
"""


def create_app(settings: Settings) -> FastAPI:
    """Build the API. Raises ``ConfigError`` when no usable API key is configured and open access
    is not set, and ``StorageError`` (one line) when the jobs database is damaged or cannot be opened."""
    key_checker = KeyChecker(settings.api)
    service = SummaryService(settings)
    job_store = open_job_store(settings)
    hide_query_strings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkPool(settings, workers=settings.run.workers, cpu_budget_s=settings.run.cpu_budget_s)
        runner = Runner(service, pool)
        # With workers apart (PostgreSQL), this process only takes and answers requests.
        worker = JobRunner(runner, job_store, concurrency=settings.llm.concurrency,
                           retention=dt.timedelta(hours=settings.jobs.retention_hours)
                           ) if job_store.runs_own_jobs else None
        app.state.runner = runner
        app.state.job_worker = worker
        if worker is not None:
            await worker.start()
        try:
            yield
        finally:
            if worker is not None:
                await worker.stop()
            pool.close()
            await job_store.close()

    # /docs and /redoc with Swagger UI and ReDoc served from the package (fastapi-offline
    # bundles them): the docs work on a machine without internet access, and a key pasted
    # into Authorize meets no third-party code. SUMMARIZER_API_DOCS=false closes them.
    docs = settings.api.docs
    app = FastAPIOffline(title="summarizer", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         static_url="/docs-assets", docs_url="/docs" if docs else None,
                         redoc_url="/redoc" if docs else None)
    app.state.settings = settings
    app.state.service = service
    app.state.key_checker = key_checker
    app.state.job_store = job_store
    app.state.fetch_budget = FetchBudget(settings.api.url_key_bytes, settings.api.url_server_bytes)
    app.state.readiness = ReadinessProbe(settings, service, job_store)
    app.add_middleware(BodySizeLimit, max_bytes=settings.api.max_request_bytes)
    install_error_handlers(app)
    app.include_router(public)
    app.include_router(v1)
    return app
