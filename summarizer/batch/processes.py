"""Spread a run over several worker processes, for when one event loop's CPU is the limit.

Preprocessing, the rules backend and the LLM backend's request and answer
handling all cost CPU in the process that runs them (tens of milliseconds
per document), so one process tops out well below what a fast endpoint at
high concurrency could serve. Each worker runs ``run_documents`` on its share
with its own ``SummaryService``; outcomes come back to this process, which
records them in the store (so resuming works exactly as with one process).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue as queue_module
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

from summarizer.batch.outcome import DocumentOutcome, WorkItem
from summarizer.batch.runner import RunTotals, items_to_run, run_documents
from summarizer.batch.store import ResultStore
from summarizer.schema import BackendChoice
from summarizer.service import SummaryService
from summarizer.settings import Settings


class _QueueStore:
    """The worker side of the store: every outcome goes back to the parent."""

    def __init__(self, outbox):
        self.outbox = outbox

    def finished_keys(self) -> set[str]:
        return set()  # the parent already left out what was finished

    def record(self, outcome: DocumentOutcome) -> None:
        self.outbox.put(outcome.model_dump_json())


def _work(settings: Settings, items: list[WorkItem], outbox, options: dict) -> None:
    """A worker process: summarise ``items`` and send each outcome to ``outbox``."""
    asyncio.run(run_documents(SummaryService(settings), items, _QueueStore(outbox), **options))


async def run_in_processes(
    settings: Settings,
    items: Iterable[WorkItem],
    store: ResultStore,
    *,
    workers: int,
    concurrency: int,
    backend: BackendChoice | None = None,
    include_text: bool = False,
    include_repairs: bool = False,
    use_cache: bool = True,
    on_outcome: Callable[[DocumentOutcome], None] | None = None,
) -> RunTotals:
    """Like ``run_documents``, over ``workers`` processes sharing ``concurrency`` between them."""
    if workers < 1 or concurrency < workers:
        raise ValueError(f"need 1 <= workers ({workers}) <= concurrency ({concurrency})")
    SummaryService(settings).backend_name(backend)  # ConfigError here, not in every worker
    started = time.perf_counter()
    items = list(items)
    todo = items_to_run(items, store)
    totals = RunTotals(total=len(items), skipped=len(items) - len(todo))
    if not todo:
        return totals
    shards = [todo[i::workers] for i in range(workers)]
    shards = [s for s in shards if s]
    context = multiprocessing.get_context("spawn")  # no fork of a process with live threads
    loop = asyncio.get_running_loop()
    with context.Manager() as manager, ProcessPoolExecutor(max_workers=max(len(shards), 1), mp_context=context) as pool:
        outbox = manager.Queue()
        options = {"concurrency": max(1, concurrency // max(len(shards), 1)), "backend": backend,
                   "include_text": include_text, "include_repairs": include_repairs, "use_cache": use_cache}
        futures = [loop.run_in_executor(pool, _work, settings, shard, outbox, options) for shard in shards]
        workers_done = False
        while True:
            message = await asyncio.to_thread(_next_message, outbox, 0.2 if not workers_done else 0)
            if message is None:
                if workers_done:
                    break  # every worker has returned, and everything it sent has been read
                workers_done = all(f.done() for f in futures)  # then drain what is left once more
                continue
            outcome = DocumentOutcome.model_validate_json(message)
            store.record(outcome)
            totals.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        for future in futures:
            await future  # a worker that died raises here; its unrecorded documents resume on a rerun
    totals.elapsed_s = time.perf_counter() - started
    return totals


def _next_message(outbox, timeout: float) -> str | None:
    try:
        return outbox.get(timeout=timeout) if timeout else outbox.get_nowait()
    except queue_module.Empty:
        return None
