"""``SqliteJobStore``: jobs in one SQLite file, the embedded default behind ``JobStore``.

Each call opens its own connection in a small thread pool of the store's own,
so the event loop never waits on the disk and a slow disk cannot take the
threads everything else uses. One server process owns a database file.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from summarizer.errors import StorageError
from summarizer.jobs.disk_reserve import DEFAULT_RESERVE_BYTES, DiskReserve
from summarizer.jobs.store import (
    DocumentRef,
    JobLimits,
    JobOptions,
    JobStore,
    NewDocument,
    job_key,
    job_status,
    refuse_past_limits,
    split_key,
    stored_form,
)
from summarizer.jobs.views import JobStatus
from summarizer.run.outcome import DocumentOutcome, content_sha256

T = TypeVar("T")

log = logging.getLogger("summarizer.api")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    backend TEXT NOT NULL,
    include_text INTEGER NOT NULL,
    include_repairs INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    job_id TEXT NOT NULL REFERENCES jobs(id),
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    content BLOB NOT NULL,
    is_text INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status, job_id);
CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
"""

# Columns added after the first release; an older file gets them on start.
_ADDED_COLUMNS = (("jobs", "owner", "TEXT NOT NULL DEFAULT 'open-access'"), ("jobs", "genre", "TEXT"))

# Retention vacuums the file when at least this share of its pages is free, and it has this many pages.
VACUUM_FREE_SHARE = 0.5
VACUUM_MIN_PAGES = 256  # 1 MiB of 4 KiB pages: below, a rewrite gives back too little to be worth it

# How long quick_check's first complaint may be in the one-line message.
_MESSAGE_CHARS = 200


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _damaged(path: Path, what: str) -> StorageError:
    return StorageError(
        f"the jobs database is damaged ({what[:_MESSAGE_CHARS]})",
        source=str(path),
        hint="stop the server, move the file aside (its jobs are lost) or restore a backup, then start "
        "again; a new empty database is created in its place",
    )


class SqliteJobStore(JobStore):
    """Jobs in the SQLite file ``path``; checked (``PRAGMA quick_check``) when built."""

    def __init__(self, path: Path, *, busy_timeout_s: float = 5.0, threads: int = 4,
                 reserve_bytes: int = DEFAULT_RESERVE_BYTES):
        self.path = Path(path)
        self._reserve = DiskReserve(self.path.with_name(self.path.name + ".reserve"), reserve_bytes)
        self.busy_timeout_s = busy_timeout_s
        self._threads = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="jobs-db")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._open_and_check()
            self._reserve.ensure()
        except sqlite3.DatabaseError as exc:
            self._threads.shutdown(wait=False)
            if isinstance(exc, sqlite3.OperationalError):
                raise StorageError(f"the jobs database cannot be opened: {exc}", source=str(self.path),
                                   hint="check that the file and its folder exist and are writable, "
                                   "or set SUMMARIZER_JOBS_URL to another path") from None
            raise _damaged(self.path, str(exc)) from None
        except OSError as exc:
            self._threads.shutdown(wait=False)
            raise StorageError(f"the jobs database cannot be created: {exc.strerror or exc}",
                               source=str(self.path),
                               hint="set SUMMARIZER_JOBS_URL to a writable path") from None

    def _open_and_check(self) -> None:
        with closing(sqlite3.connect(self.path, timeout=self.busy_timeout_s)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise _damaged(self.path, "; ".join(problems))
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            for table, column, decl in _ADDED_COLUMNS:
                present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
                if column not in present:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
            conn.commit()

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """One connection, one transaction (``BEGIN IMMEDIATE`` for writes, so checks and writes are atomic)."""
        with closing(sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None)) as conn:
            conn.execute("PRAGMA synchronous=NORMAL")
            # Freed pages go to the freelist without being overwritten (this build's default zeroes them,
            # which writes a whole document's pages to delete it: no DELETE on a full disk). The space
            # is reused by later inserts, and retention vacuums a file that has become mostly free.
            conn.execute("PRAGMA secure_delete=FAST")
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    async def _run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in the store's threads; a database or disk failure becomes ``StorageError``."""
        try:
            return await asyncio.get_running_loop().run_in_executor(self._threads, fn)
        except sqlite3.OperationalError as exc:  # locked, read-only, disk full, I/O error
            raise StorageError(f"the jobs database cannot be used: {exc}", source=str(self.path),
                               hint="retry later; the server's operator should check the disk and the file's "
                               "permissions (readiness at /readyz)") from None
        except sqlite3.DatabaseError as exc:  # damaged pages
            raise _damaged(self.path, str(exc)) from None
        except OSError as exc:
            raise StorageError(f"the jobs database cannot be used: {exc.strerror or exc}",
                               source=str(self.path), hint="retry later") from None

    async def probe(self) -> str | None:
        def write() -> None:
            with self._connect(write=True) as conn:
                conn.execute("INSERT OR REPLACE INTO write_probe VALUES (1, ?)", (_now(),))

        try:
            await self._run(write)
        except StorageError as exc:
            return exc.message
        await asyncio.get_running_loop().run_in_executor(self._threads, self._reserve.ensure)
        return None

    async def create_job(self, owner: str, documents: Sequence[NewDocument], options: JobOptions,
                         limits: JobLimits) -> str:
        job_id = uuid.uuid4().hex
        now = _now()

        def rows() -> Iterator[tuple[Any, ...]]:  # one document in memory at a time (a DB row)
            for idx, doc in enumerate(documents):
                data, is_text = stored_form(doc)
                yield (job_id, idx, doc.name or f"document-{idx}", data, is_text, content_sha256(data), "pending")

        def insert() -> None:
            with self._connect(write=True) as conn:
                _check_limits(conn, owner, len(documents), limits)
                conn.execute(
                    "INSERT INTO jobs (id, backend, include_text, include_repairs, created_at, updated_at, owner, "
                    "genre) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (job_id, options.backend, options.include_text, options.include_repairs, now, now, owner,
                     options.genre),
                )
                conn.executemany(
                    "INSERT INTO documents (job_id, idx, name, content, is_text, sha256, status) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows(),
                )

        await self._run(insert)
        return job_id

    async def admit(self, owner: str, new_documents: int, limits: JobLimits) -> None:
        def check() -> None:
            with self._connect() as conn:
                _check_limits(conn, owner, new_documents, limits)

        await self._run(check)

    async def status(self, job_id: str, owner: str, *, offset: int, limit: int) -> JobStatus | None:
        def read() -> JobStatus | None:
            with self._connect() as conn:
                job = conn.execute(
                    "SELECT backend, created_at, updated_at, genre FROM jobs WHERE id = ? AND owner = ?",
                    (job_id, owner),
                ).fetchone()
                if job is None:
                    return None
                counts = dict(conn.execute(
                    "SELECT status, COUNT(*) FROM documents WHERE job_id = ? GROUP BY status", (job_id,)
                ).fetchall())
                rows = conn.execute(
                    "SELECT idx, name, status, outcome FROM documents WHERE job_id = ? "
                    "ORDER BY idx LIMIT ? OFFSET ?",
                    (job_id, limit, offset),
                ).fetchall()
            return job_status(job_id, job, counts, rows, offset)

        return await self._run(read)

    async def delete(self, job_id: str, owner: str) -> bool:
        def remove() -> bool:
            with self._connect(write=True) as conn:
                if conn.execute("DELETE FROM jobs WHERE id = ? AND owner = ?", (job_id, owner)).rowcount == 0:
                    return False
                conn.execute("DELETE FROM documents WHERE job_id = ?", (job_id,))
                return True

        try:
            return await self._run(remove)
        except StorageError as exc:
            # A full disk: give up the space set aside for this, so that deleting can free more.
            if not _out_of_space(exc) or not self._reserve.release():
                raise
        return await self._run(remove)

    async def purge_finished(self, before: dt.datetime) -> int:
        def purge() -> int:
            with self._connect(write=True) as conn:
                ids = [r[0] for r in conn.execute(
                    "SELECT id FROM jobs WHERE updated_at < ? AND NOT EXISTS (SELECT 1 FROM documents d "
                    "WHERE d.job_id = jobs.id AND d.status IN ('pending', 'running'))",
                    (before.astimezone(dt.UTC).isoformat(),),
                ).fetchall()]
                for job_id in ids:
                    conn.execute("DELETE FROM documents WHERE job_id = ?", (job_id,))
                    conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
            self._vacuum_if_sparse()
            return len(ids)

        return await self._run(purge)

    def _vacuum_if_sparse(self) -> bool:
        """Rewrite the file when most of its pages are free (deleted inputs and outcomes), giving the
        space back to the disk and dropping deleted content; True when it did. A VACUUM needs room for
        a copy of the live pages: without it the file stays as it is and the next sweep tries again."""
        with closing(sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None)) as conn:
            free = conn.execute("PRAGMA freelist_count").fetchone()[0]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            if pages < VACUUM_MIN_PAGES or free < pages * VACUUM_FREE_SHARE:
                return False
            try:
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.OperationalError as exc:
                log.warning("the jobs database was not vacuumed (%d of %d pages free): %s", free, pages, exc)
                return False
        log.info("vacuumed the jobs database: %d of %d pages were free", free, pages)
        return True

    async def requeue_interrupted(self, job_id: str | None = None) -> int:
        def requeue() -> int:
            with self._connect(write=True) as conn:
                if job_id is None:
                    return conn.execute("UPDATE documents SET status = 'pending' WHERE status = 'running'").rowcount
                return conn.execute("UPDATE documents SET status = 'pending' WHERE status = 'running' "
                                    "AND job_id = ?", (job_id,)).rowcount

        return await self._run(requeue)

    async def unfinished_job_ids(self) -> list[str]:
        def read() -> list[str]:
            with self._connect() as conn:
                rows = conn.execute(
                    "SELECT j.id FROM jobs j WHERE EXISTS (SELECT 1 FROM documents d WHERE d.job_id = j.id "
                    "AND d.status IN ('pending', 'running')) ORDER BY j.created_at"
                ).fetchall()
            return [r[0] for r in rows]

        return await self._run(read)

    async def options(self, job_id: str) -> JobOptions | None:
        def read() -> JobOptions | None:
            with self._connect() as conn:
                row = conn.execute(
                    "SELECT backend, include_text, include_repairs, genre FROM jobs WHERE id = ?", (job_id,)
                ).fetchone()
            return JobOptions(row[0], bool(row[1]), bool(row[2]), row[3]) if row else None

        return await self._run(read)

    async def pending_documents(self, job_id: str) -> list[DocumentRef]:
        def read() -> list[DocumentRef]:
            with self._connect() as conn:
                rows = conn.execute(
                    "SELECT idx, name, sha256 FROM documents WHERE job_id = ? AND status = 'pending' ORDER BY idx",
                    (job_id,),
                ).fetchall()
            return [DocumentRef(job_key(job_id, idx), name, sha) for idx, name, sha in rows]

        return await self._run(read)

    async def content(self, key: str) -> str | bytes | None:
        job_id, idx = split_key(key)

        def read() -> str | bytes | None:
            with self._connect() as conn:
                row = conn.execute(
                    "SELECT content, is_text FROM documents WHERE job_id = ? AND idx = ? AND status IN "
                    "('pending', 'running')",
                    (job_id, idx),
                ).fetchone()
            if row is None:
                return None
            return bytes(row[0]).decode("utf-8") if row[1] else bytes(row[0])

        return await self._run(read)

    async def mark_running(self, key: str) -> None:
        job_id, idx = split_key(key)

        def update() -> None:
            with self._connect(write=True) as conn:
                conn.execute("UPDATE documents SET status = 'running' WHERE job_id = ? AND idx = ?", (job_id, idx))
                conn.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (_now(), job_id))

        await self._run(update)

    async def record(self, key: str, outcome: DocumentOutcome) -> None:
        job_id, idx = split_key(key)

        def update() -> None:
            outcome_json = outcome.model_dump_json(exclude_none=True)
            with self._connect(write=True) as conn:
                conn.execute(
                    "UPDATE documents SET status = ?, outcome = ?, content = x'' WHERE job_id = ? AND idx = ?",
                    (outcome.status, outcome_json, job_id, idx),
                )
                conn.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (_now(), job_id))

        await self._run(update)

    async def close(self) -> None:
        self._threads.shutdown(wait=True)


def _out_of_space(exc: StorageError) -> bool:
    """SQLite's words for a disk with no room: SQLITE_FULL, or an I/O error creating its WAL files."""
    return "full" in exc.message or "disk I/O error" in exc.message


def _check_limits(conn: sqlite3.Connection, owner: str, new_documents: int, limits: JobLimits) -> None:
    """Raise ``QueueFullError`` when a job of ``new_documents`` would pass a limit on unfinished work."""
    everyone = conn.execute(
        "SELECT COUNT(DISTINCT job_id), COUNT(*) FROM documents WHERE status IN ('pending', 'running')"
    ).fetchone()
    mine = conn.execute(
        "SELECT COUNT(DISTINCT d.job_id), COUNT(*) FROM documents d JOIN jobs j ON j.id = d.job_id "
        "WHERE d.status IN ('pending', 'running') AND j.owner = ?",
        (owner,),
    ).fetchone()
    refuse_past_limits(everyone, mine, new_documents, limits)
