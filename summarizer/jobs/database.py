"""Which jobs database to open: one setting names it, ``SUMMARIZER_JOBS_URL``.

``SUMMARIZER_API_JOBS_DB`` (the SQLite file, the old name) keeps working for one release,
with a deprecation warning; unset both and jobs live in ``<cache_dir>/jobs.sqlite3``.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from summarizer.errors import ConfigError
from summarizer.jobs.sqlite import SqliteJobStore
from summarizer.jobs.store import JobStore
from summarizer.settings import Settings

log = logging.getLogger("summarizer.jobs")

_DEPRECATED = ("SUMMARIZER_API_JOBS_DB (api.jobs_db) is deprecated and goes in the next release: "
               "name the jobs database with SUMMARIZER_JOBS_URL (a path, sqlite:///path or postgresql://...)")


def jobs_db_path(settings: Settings) -> Path:
    """The SQLite file jobs are kept in when ``SUMMARIZER_JOBS_URL`` is unset: the deprecated
    ``SUMMARIZER_API_JOBS_DB``, else ``<cache_dir>/jobs.sqlite3``."""
    return settings.api.jobs_db or settings.cache_dir / "jobs.sqlite3"


def open_job_store(settings: Settings) -> JobStore:
    """The job store ``SUMMARIZER_JOBS_URL`` names (PostgreSQL or a SQLite file), else the SQLite file
    of ``jobs_db_path``. Raises ``ConfigError`` for a URL it cannot use and ``StorageError`` when the
    database cannot be used."""
    url = settings.jobs.url
    if settings.api.jobs_db is not None:
        warnings.warn(_DEPRECATED, DeprecationWarning, stacklevel=2)
        log.warning(_DEPRECATED + ("; SUMMARIZER_JOBS_URL is set and wins" if url else ""))
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
