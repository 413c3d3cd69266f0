"""Runs jobs in the background of the API process: resumes unfinished ones on startup,
waits out database faults, and deletes finished jobs after the retention period."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging

from summarizer.errors import StorageError
from summarizer.jobs.store import DocumentRef, JobOptions, JobStore
from summarizer.run.options import RunOptions
from summarizer.run.outcome import DocumentOutcome, WorkItem
from summarizer.run.runner import Runner

log = logging.getLogger("summarizer.api.jobs")


class JobRunner:
    """One task per job; all jobs share one limit on documents in flight (``concurrency``) and
    one ``Runner`` (whose executor is the API's worker processes)."""

    def __init__(self, runner: Runner, store: JobStore, *, concurrency: int,
                 retention: dt.timedelta, fault_retry_s: tuple[float, float] = (0.5, 15.0)):
        self.runner = runner
        self.store = store
        self.retention = retention
        self.fault_retry_s = fault_retry_s
        self._limit = asyncio.Semaphore(concurrency)
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._housekeeping: asyncio.Task[None] | None = None
        self._resuming: asyncio.Task[None] | None = None

    async def start(self) -> int:
        """Resume every job with pending documents (after a restart) and start the retention sweep;
        return how many jobs resumed. A database fault here is waited out in the background."""
        self._housekeeping = asyncio.create_task(self._sweep_expired(), name="jobs-retention")
        try:
            return await self._resume()
        except StorageError as exc:
            log.warning("jobs cannot resume yet: %s", exc)
            self._resuming = asyncio.create_task(self._resume_when_writable(), name="jobs-resume")
            return 0

    async def _resume(self) -> int:
        requeued = await self.store.requeue_interrupted()
        job_ids = await self.store.unfinished_job_ids()
        if job_ids:
            log.info("resuming %d unfinished job(s) (%d interrupted document(s) requeued)", len(job_ids), requeued)
        for job_id in job_ids:
            self.submit(job_id)
        return len(job_ids)

    async def _resume_when_writable(self) -> None:
        while True:
            await self._wait_until_writable()
            try:
                await self._resume()
                return
            except StorageError:
                continue

    def submit(self, job_id: str) -> None:
        """Start working on a stored job."""
        if job_id in self._tasks:
            return
        task = asyncio.create_task(self._run(job_id), name=f"job-{job_id}")
        self._tasks[job_id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(job_id, None))

    async def cancel(self, job_id: str) -> None:
        """Stop working on a job (it was deleted); its documents in worker processes are abandoned."""
        task = self._tasks.get(job_id)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self, job_id: str) -> None:
        """Run a job to the end; on a database fault, wait until it can be written and go on."""
        while True:
            try:
                await self._run_pending(job_id)
                return
            except Exception as exc:
                fault = _storage_fault(exc)
                if fault is None:
                    log.exception("job %s stopped unexpectedly; its pending documents resume on restart", job_id)
                    return
                log.warning("job %s paused until the jobs database can be written: %s", job_id, fault)
            await self._wait_until_writable()
            try:
                await self.store.requeue_interrupted(job_id)
            except StorageError:
                continue

    async def _wait_until_writable(self) -> None:
        wait, longest = self.fault_retry_s
        while await self.store.probe() is not None:
            await asyncio.sleep(wait)
            wait = min(wait * 2, longest)

    async def _run_pending(self, job_id: str) -> None:
        options = await self.store.options(job_id)
        if options is None:
            return
        pending = await self.store.pending_documents(job_id)
        async with asyncio.TaskGroup() as group:
            for ref in pending:
                group.create_task(self._run_document(ref, options))

    async def _run_document(self, ref: DocumentRef, options: JobOptions) -> None:
        async with self._limit:
            content = await self.store.content(ref.key)
            if content is None:  # the job was deleted meanwhile
                return
            await self.store.mark_running(ref.key)
            outcome = await self.summarize(ref, content, options)
            await self.store.record(ref.key, outcome)

    async def summarize(self, ref: DocumentRef, content: str | bytes, options: JobOptions) -> DocumentOutcome:
        """One document's outcome (summary or error), on the run path."""
        item = WorkItem(key=ref.key, name=ref.name, content=content, sha256=ref.sha256)
        return await self.runner.run_one(item, RunOptions(
            backend=options.backend, include_text=options.include_text, include_repairs=options.include_repairs,
            genre=options.genre))

    async def _sweep_expired(self) -> None:
        """Delete finished jobs older than the retention period, now and then."""
        every_s = min(self.retention.total_seconds() / 4, 300.0)
        while True:
            try:
                purged = await self.store.purge_finished(dt.datetime.now(dt.UTC) - self.retention)
                if purged:
                    log.info("deleted %d finished job(s) past the retention period", purged)
            except StorageError as exc:
                log.warning("retention sweep skipped: %s", exc)
            await asyncio.sleep(every_s)

    async def stop(self) -> None:
        """Cancel running jobs; their unfinished documents resume on the next start."""
        tasks = [*self._tasks.values(), *(t for t in (self._housekeeping, self._resuming) if t is not None)]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _storage_fault(exc: BaseException) -> StorageError | None:
    """The database fault that stopped a job (alone or in a task group's exceptions), if that is what did."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        return next((f for e in exc.exceptions if (f := _storage_fault(e)) is not None), None)
    return None


# The old name, for one release: "worker" now means only a ``summarizer worker`` process.
JobWorker = JobRunner
