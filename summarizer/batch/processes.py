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
import os
import queue as queue_module
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

from summarizer.batch.runner import RunTotals, items_to_run, run_documents
from summarizer.batch.store import ResultStore
from summarizer.run.outcome import DocumentOutcome, WorkItem
from summarizer.run.parent_watch import die_with
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


# The queue outcomes go back to the parent on, handed to each worker process when it starts
# (a multiprocessing queue can only be passed then, not with each task).
_outbox = None


def _start_worker(outbox, parent_pid: int) -> None:
    global _outbox
    die_with(parent_pid)
    _outbox = outbox


def _work(settings: Settings, items: list[WorkItem], options: dict) -> None:
    """A worker process: summarise ``items`` and send each outcome to the parent's queue."""
    asyncio.run(run_documents(SummaryService(settings), items, _QueueStore(_outbox), **options))


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
    outbox = context.Queue()  # no manager process: nothing is left behind if this one is killed
    with ProcessPoolExecutor(max_workers=max(len(shards), 1), mp_context=context,
                             initializer=_start_worker, initargs=(outbox, os.getpid())) as pool:
        options = {"concurrency": max(1, concurrency // max(len(shards), 1)), "backend": backend,
                   "include_text": include_text, "include_repairs": include_repairs, "use_cache": use_cache}
        futures = [loop.run_in_executor(pool, _work, settings, shard, options) for shard in shards]
        workers_done = False
        received = 0
        while received < len(todo):  # each document sends exactly one outcome
            # Once every worker has returned, what is still on its way arrives within the drain
            # time; a worker that died sent nothing more (its documents resume on a rerun).
            message = await asyncio.to_thread(_next_message, outbox, 0.2 if not workers_done else _DRAIN_S)
            if message is None:
                if workers_done:
                    break
                workers_done = all(f.done() for f in futures)
                continue
            received += 1
            outcome = DocumentOutcome.model_validate_json(message)
            store.record(outcome)
            totals.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        for future in futures:
            await future  # a worker that died raises here; its unrecorded documents resume on a rerun
    totals.elapsed_s = time.perf_counter() - started
    return totals


_DRAIN_S = 2.0


def _next_message(outbox, timeout: float) -> str | None:
    try:
        return outbox.get(timeout=timeout)
    except queue_module.Empty:
        return None
