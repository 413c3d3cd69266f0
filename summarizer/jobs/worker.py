"""``summarizer worker``: runs the documents of jobs kept in PostgreSQL, apart from the API.

A procrastinate worker takes document keys from the queue (``document_queue.py``)
and, for each, claims the document, summarises it as the API's own job worker
would (CPU work in the process pool, the LLM awaited) and records its outcome
unless a later claim took it. Beside it, every ``heartbeat_s`` a housekeeping
task:

- retries the queue jobs of workers that stopped beating their heart for
  ``stalled_after_s`` (killed, frozen, machine lost), so another worker takes
  their documents up;
- queues documents an API replica stored but could not queue (it died in
  between, or the queue call failed);
- deletes finished jobs older than the retention period.

Every worker does this; the statements are safe to run from several at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
from collections.abc import Callable

import procrastinate
from procrastinate import RetryStrategy

from summarizer.errors import ConfigError, StorageError
from summarizer.jobs.postgres import PostgresJobStore
from summarizer.jobs.queue import QUEUE, TASK, queue_app
from summarizer.jobs.runner import JobRunner
from summarizer.run.outcome import WorkItem, failed_outcome
from summarizer.run.pool import WorkPool
from summarizer.run.runner import Runner
from summarizer.service import SummaryService
from summarizer.settings import Settings

log = logging.getLogger("summarizer.worker")

_RETRY_STORAGE = RetryStrategy(max_attempts=12, wait=1, exponential_wait=2, retry_exceptions={StorageError})


async def run_worker(settings: Settings, *, concurrency: int, name: str | None = None,
                     on_ready: Callable[[], None] | None = None) -> None:
    """Run documents from the queue until cancelled or signalled (SIGINT/SIGTERM stop it gracefully).

    ``name`` (default: host and process id) marks the documents it finishes. Raises ``ConfigError`` unless ``SUMMARIZER_JOBS_URL`` names PostgreSQL, and
    ``StorageError`` when the database cannot be used at start.
    """
    url = settings.jobs.url or ""
    if not url.lower().startswith(("postgresql://", "postgres://")):
        raise ConfigError(
            "summarizer worker needs the jobs in PostgreSQL",
            hint="set SUMMARIZER_JOBS_URL=postgresql://user:password@host:5432/db (with a SQLite jobs file "
            "`summarizer serve` runs the jobs itself); see docs/deploy.md",
        )
    name = name or f"{socket.gethostname()}-{os.getpid()}"
    store = PostgresJobStore(url, pool_size=max(settings.jobs.pool_size, concurrency + 2))
    pool = WorkPool(settings, workers=settings.run.workers, cpu_budget_s=settings.run.cpu_budget_s)
    retention = dt.timedelta(hours=settings.jobs.retention_hours)
    runner = JobRunner(Runner(SummaryService(settings), pool), store, concurrency=concurrency, retention=retention)
    app = queue_app(url)

    @app.task(name=TASK, queue=QUEUE, retry=_RETRY_STORAGE)
    async def summarize_document(key: str) -> None:
        claim = await store.claim(key)
        if claim is None:
            return  # finished meanwhile, or its job was deleted
        try:
            outcome = await runner.summarize(claim.ref, claim.content, claim.options)
        except StorageError:
            raise  # procrastinate retries the document later
        except Exception as exc:  # a bug: report it on the document rather than leave it running forever
            log.exception("document %s failed unexpectedly", key)
            item = WorkItem(key=key, name=claim.ref.name, content=None, sha256=claim.ref.sha256)
            outcome = failed_outcome(item, claim.options.backend, exc)
        if not await store.record_claimed(claim, outcome, name):
            log.warning("document %s was taken up by another worker (or deleted); this outcome is dropped", key)

    try:
        async with app.open_async():
            housekeeping = asyncio.create_task(_housekeeping(app, store, settings, retention), name="housekeeping")
            if on_ready is not None:
                on_ready()
            try:
                await app.run_worker_async(
                    queues=[QUEUE], concurrency=concurrency, name=name, delete_jobs="successful",
                    update_heartbeat_interval=settings.jobs.heartbeat_s,
                    stalled_worker_timeout=settings.jobs.stalled_after_s,
                    fetch_job_polling_interval=max(settings.jobs.heartbeat_s, 1.0),
                )
            finally:
                housekeeping.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await housekeeping
    finally:
        pool.close()
        await store.close()


async def _housekeeping(app: procrastinate.App, store: PostgresJobStore, settings: Settings, retention: dt.timedelta) -> None:
    every = settings.jobs.heartbeat_s
    last_purge = 0.0
    loop = asyncio.get_running_loop()
    while True:
        asleep_since = loop.time()
        await asyncio.sleep(every)
        # A process that was itself frozen (starved of CPU, swapped out, a blocked loop) wakes with
        # every heartbeat stale, its own included: its judgement of who stalled waits a round.
        frozen = loop.time() - asleep_since > every + max(every, 1.0)
        try:
            for job in [] if frozen else await app.job_manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=settings.jobs.stalled_after_s
            ):
                try:
                    await app.job_manager.retry_job(job)
                    log.warning("document %s was held by a stalled worker; queued again", job.task_kwargs.get("key"))
                except Exception:  # noqa: BLE001 - another worker retried it first
                    log.debug("stalled queue job %s already retried", job.id)
            # A replica queues right after storing; one that has not for this long died in between.
            if keys := await store.unqueued(dt.timedelta(seconds=settings.jobs.stalled_after_s)):
                log.info("queueing %d stored but unqueued document(s)", len(keys))
                await store.enqueue(keys)
            if loop.time() - last_purge > min(retention.total_seconds() / 4, 300.0):
                last_purge = loop.time()
                if purged := await store.purge_finished(dt.datetime.now(dt.UTC) - retention):
                    log.info("deleted %d finished job(s) past the retention period", purged)
        except StorageError as exc:
            log.warning("housekeeping skipped: %s", exc)
        except Exception:
            log.exception("housekeeping failed; trying again in %.0f s", every)
