"""The queue of documents to summarise, on procrastinate (a PostgreSQL task queue).

Each document of a job is one procrastinate job of the task ``TASK`` with
its key as argument. ``summarizer worker`` processes register the task's body
(``pg_worker.py``) and run it; the API only defers. Why procrastinate, and
what it gives (retries, heartbeats and stalled-worker recovery, locks): see
docs/serving.md.
"""

from __future__ import annotations

import procrastinate

TASK = "summarizer.summarize_document"
QUEUE = "summarizer_documents"


def queue_app(url: str) -> procrastinate.App:
    """A procrastinate app on the database at ``url`` (not yet open)."""
    return procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url, min_size=1, max_size=4))


class DocumentQueue:
    """Defers documents to the workers, opening its connections on first use."""

    def __init__(self, url: str):
        self.app = queue_app(url)
        self._open = False

    async def defer(self, keys: list[str]) -> None:
        """Queue one procrastinate job per document key, in one statement.

        Each job is locked by its key: a document can be queued twice (a worker's sweep
        re-queues what a slow replica stored but had not yet marked queued), and
        procrastinate never runs two jobs of one lock at once, so the second waits for
        the first and then finds the document finished instead of claiming it again.
        """
        if not self._open:
            await self.app.open_async()
            self._open = True
        template = self.app.configure_task(TASK, queue=QUEUE).job
        jobs = [template.evolve(lock=key, task_kwargs={"key": key}) for key in keys]
        await self.app.job_manager.batch_defer_jobs_async(jobs)

    async def close(self) -> None:
        """Close the connections, if opened."""
        if self._open:
            await self.app.close_async()
            self._open = False
