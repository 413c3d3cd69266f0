"""``create_app(settings)``: the FastAPI application, with its service, job store, work pool and worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

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
from summarizer.errors import ConfigError
from summarizer.jobs.runner import JobWorker
from summarizer.jobs.sqlite import SqliteJobStore
from summarizer.jobs.store import JobStore
from summarizer.run.pool import WorkPool
from summarizer.run.runner import Runner
from summarizer.service import SummaryService
from summarizer.settings import Settings

DESCRIPTION = """\
Checked, structured summaries of Chinese 法治政府建设年度报告 (annual rule-of-law reports).

Send `Authorization: Bearer KEY` (or `X-API-Key: KEY`) to every `/v1` endpoint.
Errors always come as `{"error": {"code", "message", "field", "hint", "details"}}`.
"""


def jobs_db_path(settings: Settings) -> Path:
    """Where jobs are kept: ``SUMMARIZER_API_JOBS_DB``, else ``<cache_dir>/jobs.sqlite3``."""
    return settings.api.jobs_db or settings.cache_dir / "jobs.sqlite3"


def open_job_store(settings: Settings) -> JobStore:
    """The job store ``SUMMARIZER_JOBS_URL`` names (PostgreSQL or a SQLite file), else the SQLite file
    of ``jobs_db_path``. Raises ``ConfigError`` for a URL it cannot use and ``StorageError`` when the
    database cannot be used."""
    url = settings.jobs.url
    if not url:
        return SqliteJobStore(jobs_db_path(settings))
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        try:
            from summarizer.jobs.postgres import PostgresJobStore
        except ImportError as exc:
            raise ConfigError(f"SUMMARIZER_JOBS_URL names PostgreSQL but {exc.name} is not installed",
                              hint="pip install 'summarizer[postgres]'") from None
        return PostgresJobStore(url, pool_size=settings.jobs.pool_size)
    if scheme == "sqlite":
        return SqliteJobStore(Path(url.removeprefix("sqlite://")))
    if scheme:
        raise ConfigError(f"SUMMARIZER_JOBS_URL has an unknown scheme {scheme!r}",
                          hint="use postgresql://user:password@host:5432/db, sqlite:///path/jobs.sqlite3 "
                          "or a plain path")
    return SqliteJobStore(Path(url))


def create_app(settings: Settings) -> FastAPI:
    """Build the API. Raises ``ConfigError`` when no usable API key is configured and open access
    is not set, and ``StorageError`` (one line) when the jobs database is damaged or cannot be opened."""
    key_checker = KeyChecker(settings.api)
    service = SummaryService(settings)
    job_store = open_job_store(settings)
    hide_query_strings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkPool(settings, workers=settings.api.workers, cpu_budget_s=settings.api.cpu_budget_s)
        runner = Runner(service, pool)
        # With workers apart (PostgreSQL), this process only takes and answers requests.
        worker = JobWorker(runner, job_store, concurrency=settings.llm.concurrency,
                           retention=dt.timedelta(hours=settings.api.job_retention_hours)
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
