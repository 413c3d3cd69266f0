"""Runs jobs in the background of the API process, resuming unfinished ones on startup."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from summarizer.api.job_store import JobDocumentsStore, JobStore
from summarizer.batch.outcome import DocumentOutcome, ErrorInfo
from summarizer.batch.runner import run_documents
from summarizer.errors import SummarizerError
from summarizer.service import SummaryService

log = logging.getLogger("summarizer.api.jobs")


class JobWorker:
    """One task per job; all jobs share one limit on documents in flight, and with the
    summaries endpoint one limit (``cpu_slots``) on rules-backend threads."""

    def __init__(self, service: SummaryService, store: JobStore, concurrency: int, cpu_slots: asyncio.Semaphore):
        self.service = service
        self.store = store
        self.concurrency = concurrency
        self._limit = asyncio.Semaphore(concurrency)
        self._cpu_slots = cpu_slots
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def resume(self) -> int:
        """Start every job with pending documents (after a restart); return how many."""
        requeued = self.store.requeue_interrupted()
        job_ids = self.store.unfinished_job_ids()
        if job_ids:
            log.info("resuming %d unfinished job(s) (%d interrupted document(s) requeued)", len(job_ids), requeued)
        for job_id in job_ids:
            self.submit(job_id)
        return len(job_ids)

    def submit(self, job_id: str) -> None:
        """Start working on a stored job."""
        if job_id in self._tasks:
            return
        task = asyncio.create_task(self._run(job_id), name=f"job-{job_id}")
        self._tasks[job_id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(job_id, None))

    async def _run(self, job_id: str) -> None:
        options = self.store.options(job_id)
        if options is None:
            return
        items = self.store.pending_items(job_id)
        docs = JobDocumentsStore(self.store, job_id)
        try:
            await run_documents(
                self.service, items, docs,
                concurrency=self.concurrency, semaphore=self._limit, cpu_slots=self._cpu_slots,
                backend=options.backend,
                include_text=options.include_text, include_repairs=options.include_repairs,
                on_start=lambda item: self.store.mark_running(item.key),
            )
        except SummarizerError as exc:
            # e.g. an LLM job resumed by a server that no longer has an endpoint configured:
            # report it on every document left instead of leaving them pending forever.
            log.warning("job %s cannot run: %s", job_id, exc)
            for item in self.store.pending_items(job_id):
                docs.record(DocumentOutcome(
                    key=item.key, name=item.name, sha256=item.sha256, backend=options.backend,
                    status="failed", error=ErrorInfo.from_exception(exc, item.name), elapsed_ms=0.0,
                    finished_at=dt.datetime.now(dt.UTC),
                ))
        except Exception:
            log.exception("job %s stopped unexpectedly; its pending documents resume on restart", job_id)

    async def stop(self) -> None:
        """Cancel running jobs; their unfinished documents resume on the next start."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
