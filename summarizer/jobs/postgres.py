"""``PostgresJobStore``: jobs in PostgreSQL, shared by any number of API replicas and workers.

The jobs and documents live in tables of our own (``summarizer_*``); which
document runs where is procrastinate's business (``document_queue.py``): a new
job's documents are deferred as procrastinate jobs, ``summarizer worker``
processes run them, and the documents of a worker that stops beating its
heart are retried by another. A document is *claimed* before it runs (its
``attempts`` go up by one) and its outcome is kept only if no later claim
took it meanwhile, so a document is recorded once even when a worker thought
dead comes back.

Limits are checked under a transaction-level advisory lock, so two replicas
cannot both admit the job that fills the queue. The schema is migrated when
the store is built, under a session advisory lock (``migrations.py``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool

from summarizer.errors import StorageError
from summarizer.jobs.migrations import migrate_postgres
from summarizer.jobs.queue import DocumentQueue
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

log = logging.getLogger("summarizer.api.jobs")

_LIMITS_LOCK = 0x5355_4D4C  # pg_advisory_xact_lock key serialising admissions ("SUML")
_UNFINISHED = "('pending', 'running')"


@dataclass(frozen=True)
class Claim:
    """A document a worker took: what to run, and the attempt its outcome must carry."""

    ref: DocumentRef
    content: str | bytes
    options: JobOptions
    attempt: int


def _unavailable(exc: Exception, url: str) -> StorageError:
    return StorageError(f"the jobs database cannot be used: {str(exc).strip().splitlines()[0]}",
                        source=_redacted(url),
                        hint="retry later; the operator should check PostgreSQL and SUMMARIZER_JOBS_URL "
                        "(readiness at /readyz)")


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    return f"postgresql://{info.get('user', '')}@{info.get('host', '')}:{info.get('port', 5432)}/{info.get('dbname', '')}"


class PostgresJobStore(JobStore):
    """Jobs in the PostgreSQL database at ``url``; migrated (race-safe) when built.

    ``queue`` defers documents to the workers; ``pool_size`` caps this
    process's connections.
    """

    runs_own_jobs = False  # separate ``summarizer worker`` processes run them

    def __init__(self, url: str, *, pool_size: int = 10, queue: DocumentQueue | None = None):
        self.url = url
        try:
            migrate_postgres(url)
        except psycopg.Error as exc:
            raise StorageError(f"the jobs database cannot be opened: {str(exc).strip().splitlines()[0]}",
                               source=_redacted(url),
                               hint="check SUMMARIZER_JOBS_URL and that PostgreSQL is running") from None
        self.queue = queue or DocumentQueue(url)
        self._pool = AsyncConnectionPool(url, min_size=1, max_size=pool_size, open=False,
                                         kwargs={"autocommit": True})
        self._opened = False
        self._opening = asyncio.Lock()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[psycopg.AsyncConnection]:
        """A pooled connection; any database failure becomes ``StorageError``."""
        try:
            if not self._opened:
                async with self._opening:  # the first calls may come at once
                    if not self._opened:
                        await self._pool.open(wait=True, timeout=10)
                        self._opened = True
            async with self._pool.connection(timeout=30) as conn:
                yield conn
        except psycopg.Error as exc:
            raise _unavailable(exc, self.url) from None
        except TimeoutError as exc:  # psycopg_pool.PoolTimeout is one
            raise _unavailable(exc, self.url) from None

    async def probe(self) -> str | None:
        try:
            async with self._connection() as conn:
                await conn.execute("INSERT INTO summarizer_write_probe VALUES (1, now()) "
                                   "ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at")
        except StorageError as exc:
            return exc.message
        return None

    async def create_job(self, owner: str, documents: Sequence[NewDocument], options: JobOptions,
                         limits: JobLimits) -> str:
        job_id = uuid.uuid4().hex

        def rows() -> Iterator[tuple[Any, ...]]:  # one document in memory at a time (a DB row)
            for idx, doc in enumerate(documents):
                data, is_text = stored_form(doc)
                yield (job_id, idx, doc.name or f"document-{idx}", data, is_text, content_sha256(data))

        async with self._connection() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LIMITS_LOCK,))
            await _check_limits(conn, owner, len(documents), limits)
            # clock_timestamp(), not now() (the transaction's start): the wait for the limits lock
            # must not age the job, or a worker's sweep takes it for one a dead replica never queued.
            await conn.execute(
                "INSERT INTO summarizer_jobs (id, owner, backend, include_text, include_repairs, genre, created_at, "
                "updated_at) VALUES (%s, %s, %s, %s, %s, %s, clock_timestamp(), clock_timestamp())",
                (job_id, owner, options.backend, options.include_text, options.include_repairs, options.genre),
            )
            async with conn.cursor() as cur:
                await cur.executemany(
                    "INSERT INTO summarizer_documents (job_id, idx, name, content, is_text, sha256, status) "
                    "VALUES (%s, %s, %s, %s, %s, %s, 'pending')",
                    rows(),
                )
        await self.enqueue([job_key(job_id, idx) for idx in range(len(documents))])
        return job_id

    async def admit(self, owner: str, new_documents: int, limits: JobLimits) -> None:
        async with self._connection() as conn:
            await _check_limits(conn, owner, new_documents, limits)

    async def enqueue(self, keys: list[str]) -> None:
        """Defer ``keys`` to the workers; on failure they stay unqueued and a worker's sweep defers them."""
        if not keys:
            return
        try:
            await self.queue.defer(keys)
        except Exception as exc:  # noqa: BLE001 - the job is stored; the sweep finishes what failed here
            log.warning("could not queue %d document(s) now (%s); a worker will queue them", len(keys), exc)
            return
        by_job: dict[str, list[int]] = {}
        for key in keys:
            job_id, idx = split_key(key)
            by_job.setdefault(job_id, []).append(idx)
        async with self._connection() as conn:
            for job_id, indexes in by_job.items():
                await conn.execute("UPDATE summarizer_documents SET queued = true WHERE job_id = %s "
                                   "AND idx = ANY(%s)", (job_id, indexes))

    async def unqueued(self, older_than: dt.timedelta) -> list[str]:
        """Pending documents of jobs created before ``older_than`` ago that were never queued."""
        async with self._connection() as conn:
            rows = await (await conn.execute(
                "SELECT d.job_id, d.idx FROM summarizer_documents d JOIN summarizer_jobs j ON j.id = d.job_id "
                "WHERE d.status = 'pending' AND NOT d.queued AND j.created_at < now() - %s", (older_than,)
            )).fetchall()
        return [job_key(job_id, idx) for job_id, idx in rows]

    async def status(self, job_id: str, owner: str, *, offset: int, limit: int) -> JobStatus | None:
        async with self._connection() as conn, conn.transaction():
            job = await (await conn.execute(
                "SELECT backend, created_at, updated_at, genre FROM summarizer_jobs WHERE id = %s AND owner = %s",
                (job_id, owner),
            )).fetchone()
            if job is None:
                return None
            counts = dict(await (await conn.execute(
                "SELECT status, COUNT(*) FROM summarizer_documents WHERE job_id = %s GROUP BY status", (job_id,)
            )).fetchall())
            rows = await (await conn.execute(
                "SELECT idx, name, status, outcome FROM summarizer_documents WHERE job_id = %s "
                "ORDER BY idx LIMIT %s OFFSET %s", (job_id, limit, offset),
            )).fetchall()
        return job_status(job_id, (job[0], job[1].isoformat(), job[2].isoformat(), job[3]), counts, rows, offset)

    async def delete(self, job_id: str, owner: str) -> bool:
        async with self._connection() as conn:
            cur = await conn.execute("DELETE FROM summarizer_jobs WHERE id = %s AND owner = %s", (job_id, owner))
            return cur.rowcount > 0  # its documents go with it (ON DELETE CASCADE)

    async def purge_finished(self, before: dt.datetime) -> int:
        async with self._connection() as conn:
            cur = await conn.execute(
                "DELETE FROM summarizer_jobs j WHERE updated_at < %s AND NOT EXISTS (SELECT 1 FROM "
                f"summarizer_documents d WHERE d.job_id = j.id AND d.status IN {_UNFINISHED})", (before,),
            )
            return cur.rowcount

    async def requeue_interrupted(self, job_id: str | None = None) -> int:
        # Only for one owner of the database; with workers apart, stalled ones are found by heartbeat.
        async with self._connection() as conn:
            if job_id is None:
                cur = await conn.execute("UPDATE summarizer_documents SET status = 'pending' WHERE status = 'running'")
            else:
                cur = await conn.execute("UPDATE summarizer_documents SET status = 'pending' "
                                         "WHERE status = 'running' AND job_id = %s", (job_id,))
            return cur.rowcount

    async def unfinished_job_ids(self) -> list[str]:
        async with self._connection() as conn:
            rows = await (await conn.execute(
                "SELECT j.id FROM summarizer_jobs j WHERE EXISTS (SELECT 1 FROM summarizer_documents d "
                f"WHERE d.job_id = j.id AND d.status IN {_UNFINISHED}) ORDER BY j.created_at"
            )).fetchall()
        return [r[0] for r in rows]

    async def options(self, job_id: str) -> JobOptions | None:
        async with self._connection() as conn:
            row = await (await conn.execute(
                "SELECT backend, include_text, include_repairs, genre FROM summarizer_jobs WHERE id = %s", (job_id,)
            )).fetchone()
        return JobOptions(*row) if row else None

    async def pending_documents(self, job_id: str) -> list[DocumentRef]:
        async with self._connection() as conn:
            rows = await (await conn.execute(
                "SELECT idx, name, sha256 FROM summarizer_documents WHERE job_id = %s AND status = 'pending' "
                "ORDER BY idx", (job_id,),
            )).fetchall()
        return [DocumentRef(job_key(job_id, idx), name, sha) for idx, name, sha in rows]

    async def content(self, key: str) -> str | bytes | None:
        job_id, idx = split_key(key)
        async with self._connection() as conn:
            row = await (await conn.execute(
                "SELECT content, is_text FROM summarizer_documents WHERE job_id = %s AND idx = %s "
                f"AND status IN {_UNFINISHED}", (job_id, idx),
            )).fetchone()
        if row is None:
            return None
        return bytes(row[0]).decode("utf-8") if row[1] else bytes(row[0])

    async def mark_running(self, key: str) -> None:
        await self.claim(key)

    async def record(self, key: str, outcome: DocumentOutcome) -> None:
        job_id, idx = split_key(key)
        async with self._connection() as conn:
            await conn.execute(
                "UPDATE summarizer_documents SET status = %s, outcome = %s, content = ''::bytea "
                "WHERE job_id = %s AND idx = %s", (outcome.status, outcome.model_dump_json(exclude_none=True),
                                                   job_id, idx),
            )
            await conn.execute("UPDATE summarizer_jobs SET updated_at = now() WHERE id = %s", (job_id,))

    # The separate workers' side.

    async def claim(self, key: str) -> Claim | None:
        """Take a pending document, or one whose last claim was given up (its worker died); None when
        it is finished or its job was deleted."""
        job_id, idx = split_key(key)
        async with self._connection() as conn, conn.transaction():
            row = await (await conn.execute(
                "UPDATE summarizer_documents d SET status = 'running', attempts = attempts + 1 "
                f"FROM summarizer_jobs j WHERE d.job_id = %s AND d.idx = %s AND j.id = d.job_id "
                f"AND d.status IN {_UNFINISHED} RETURNING d.attempts, d.name, d.sha256, d.content, d.is_text, "
                "j.backend, j.include_text, j.include_repairs, j.genre", (job_id, idx),
            )).fetchone()
            if row is None:
                return None
            await conn.execute("UPDATE summarizer_jobs SET updated_at = now() WHERE id = %s", (job_id,))
        attempt, name, sha, content, is_text, backend, include_text, include_repairs, genre = row
        return Claim(DocumentRef(key, name, sha), bytes(content).decode("utf-8") if is_text else bytes(content),
                     JobOptions(backend, include_text, include_repairs, genre), attempt)

    async def record_claimed(self, claim: Claim, outcome: DocumentOutcome, worker: str | None) -> bool:
        """Keep the outcome of ``claim`` (run by ``worker``) unless a later claim took the document (or
        it was deleted); True when it was kept."""
        job_id, idx = split_key(claim.ref.key)
        async with self._connection() as conn, conn.transaction():
            cur = await conn.execute(
                "UPDATE summarizer_documents SET status = %s, outcome = %s, content = ''::bytea, worker = %s "
                "WHERE job_id = %s AND idx = %s AND status = 'running' AND attempts = %s",
                (outcome.status, outcome.model_dump_json(exclude_none=True), worker, job_id, idx, claim.attempt),
            )
            if cur.rowcount == 0:
                return False
            await conn.execute("UPDATE summarizer_jobs SET updated_at = now() WHERE id = %s", (job_id,))
        return True

    async def close(self) -> None:
        if self._opened:
            await self._pool.close()
            self._opened = False
        await self.queue.close()


async def _check_limits(conn: psycopg.AsyncConnection[Any], owner: str, new_documents: int, limits: JobLimits) -> None:
    """Raise ``QueueFullError`` when a job of ``new_documents`` would pass a limit on unfinished work."""
    everyone = await (await conn.execute(
        f"SELECT COUNT(DISTINCT job_id), COUNT(*) FROM summarizer_documents WHERE status IN {_UNFINISHED}"
    )).fetchone()
    mine = await (await conn.execute(
        "SELECT COUNT(DISTINCT d.job_id), COUNT(*) FROM summarizer_documents d JOIN summarizer_jobs j "
        f"ON j.id = d.job_id WHERE d.status IN {_UNFINISHED} AND j.owner = %s", (owner,)
    )).fetchone()
    if everyone is None or mine is None:  # an aggregate without GROUP BY always gives one row
        raise StorageError("the jobs database answered a count with no row")
    refuse_past_limits(everyone, mine, new_documents, limits)
