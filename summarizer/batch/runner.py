"""Run many documents on the run path (``Runner.run_one``) with bounded concurrency."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from summarizer.batch.store import ResultStore
from summarizer.run.options import RunOptions
from summarizer.run.outcome import DocumentOutcome, WorkItem
from summarizer.run.runner import Runner


@dataclass
class RunTotals:
    """What one run did: counts, tokens, money and wall time."""

    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    currency: str | None = None
    elapsed_s: float = 0.0
    failures: list[DocumentOutcome] = field(default_factory=list)

    def add(self, outcome: DocumentOutcome) -> None:
        """Count one finished document."""
        if outcome.status == "failed":
            self.failed += 1
            self.failures.append(outcome)
            return
        self.done += 1
        usage = outcome.summary.provenance.usage if outcome.summary else None
        if usage is not None:
            self.prompt_tokens += usage.prompt_tokens
            self.completion_tokens += usage.completion_tokens
            if usage.cost is not None:
                self.cost += usage.cost
                self.currency = self.currency or usage.currency


def items_to_run(items: list[WorkItem], store: ResultStore) -> list[WorkItem]:
    """The items whose keys ``store`` has not finished, each key once, in order."""
    finished = store.finished_keys()
    todo: list[WorkItem] = []
    seen: set[str] = set()
    for item in items:
        if item.key not in finished and item.key not in seen:
            seen.add(item.key)
            todo.append(item)
    return todo


async def run_documents(
    runner: Runner,
    items: Iterable[WorkItem],
    store: ResultStore,
    *,
    concurrency: int,
    options: RunOptions,
    on_start: Callable[[WorkItem], None] | None = None,
    on_outcome: Callable[[DocumentOutcome], None] | None = None,
) -> RunTotals:
    """Summarise ``items`` not yet finished in ``store``, at most ``concurrency`` at a time.

    Each document goes through ``runner.run_one`` (its CPU work on the runner's executor, its
    model calls on this loop). Each outcome is recorded in ``store`` as soon as it is known, so
    an interrupted run loses at most the documents in flight; ``on_start`` and ``on_outcome``
    are called as each document starts and ends. Raises ``ConfigError`` up front when
    ``options.backend`` cannot be used.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")
    runner.service.backend(options.backend, use_cache=options.use_cache)  # fail fast on config
    started = time.perf_counter()
    items = list(items)
    todo = items_to_run(items, store)
    totals = RunTotals(total=len(items), skipped=len(items) - len(todo))
    limit = asyncio.Semaphore(concurrency)

    async def work(item: WorkItem) -> None:
        async with limit:
            if on_start is not None:
                on_start(item)
            outcome = await runner.run_one(item, options)
        store.record(outcome)
        totals.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    async with asyncio.TaskGroup() as group:
        for item in todo:
            group.create_task(work(item))
    totals.elapsed_s = time.perf_counter() - started
    return totals
