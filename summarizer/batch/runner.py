"""Run ``SummaryService.summarize`` over many documents with bounded concurrency."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from summarizer.batch.store import ResultStore
from summarizer.run.outcome import DocumentOutcome, ErrorInfo, WorkItem
from summarizer.schema import BackendChoice
from summarizer.service import SummaryResult, SummaryService


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


async def summarize_off_loop(
    service: SummaryService,
    source: str | bytes,
    *,
    name: str | None,
    backend: BackendChoice | None = None,
    use_cache: bool = True,
    cpu_slots: asyncio.Semaphore | None = None,
) -> SummaryResult:
    """``service.summarize`` without blocking the event loop on CPU work.

    The rules backend is CPU-bound, so it runs in a worker thread (keeping the
    progress bar and HTTP requests responsive), at most ``cpu_slots`` at once:
    under the GIL more threads only slow the event loop down (measured: with 8
    threads the API's /healthz p50 was ~240 ms, with 1 ~17 ms; in the loop
    itself requests waited seconds). The LLM backend awaits its endpoint on
    the loop. Raises what ``summarize`` raises.
    """
    chosen = service.backend_name(backend)
    if service.runs_on_cpu(chosen):
        async with cpu_slots or contextlib.nullcontext():
            return await asyncio.to_thread(
                service.summarize_sync, source, name=name, backend=chosen, use_cache=use_cache
            )
    return await service.summarize(source, name=name, backend=chosen, use_cache=use_cache)


async def summarize_one(
    service: SummaryService,
    item: WorkItem,
    *,
    backend: BackendChoice | None = None,
    include_text: bool = False,
    include_repairs: bool = False,
    use_cache: bool = True,
    cpu_slots: asyncio.Semaphore | None = None,
) -> DocumentOutcome:
    """Summarise one document; any error becomes a failed outcome instead of propagating."""
    name = service.backend_name(backend)
    started = time.perf_counter()
    try:
        result = await summarize_off_loop(
            service, item.source(), name=item.name, backend=name, use_cache=use_cache, cpu_slots=cpu_slots
        )
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
        return DocumentOutcome(
            **_identity(item, name, started), status="failed", error=ErrorInfo.from_exception(exc, item.name)
        )
    return DocumentOutcome(
        **_identity(item, name, started),
        status="done",
        summary=result.summary,
        clean_text=result.document.text if include_text else None,
        repairs=list(result.document.repairs) if include_repairs else None,
    )


def _identity(item: WorkItem, backend: str, started: float) -> dict:
    """The fields every outcome of ``item`` carries, whether it succeeded or not."""
    return {
        "key": item.key,
        "name": item.name,
        "source_path": str(item.source_path) if item.source_path else None,
        "sha256": item.sha256,
        "backend": backend,
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 3),
        "finished_at": dt.datetime.now(dt.UTC),
    }


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
    service: SummaryService,
    items: Iterable[WorkItem],
    store: ResultStore,
    *,
    concurrency: int,
    backend: BackendChoice | None = None,
    include_text: bool = False,
    include_repairs: bool = False,
    use_cache: bool = True,
    on_start: Callable[[WorkItem], None] | None = None,
    on_outcome: Callable[[DocumentOutcome], None] | None = None,
) -> RunTotals:
    """Summarise ``items`` not yet finished in ``store``, at most ``concurrency`` at a time.

    Each outcome is recorded in ``store`` as soon as it is known, so an
    interrupted run loses at most the documents in flight. Rules-backend work
    runs in one thread at a time (it is CPU-bound: use worker processes for
    more); ``on_start`` and
    ``on_outcome`` are called as each document starts and ends. Raises ``ConfigError``
    up front when ``backend`` cannot be used.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")
    service.backend(backend, use_cache=use_cache)  # fail fast on config; warm it outside the threads
    started = time.perf_counter()
    items = list(items)
    todo = items_to_run(items, store)
    totals = RunTotals(total=len(items), skipped=len(items) - len(todo))
    limit = asyncio.Semaphore(concurrency)
    cpu_slots = asyncio.Semaphore(1)

    async def work(item: WorkItem) -> None:
        async with limit:
            if on_start is not None:
                on_start(item)
            outcome = await summarize_one(
                service,
                item,
                backend=backend,
                include_text=include_text,
                include_repairs=include_repairs,
                use_cache=use_cache,
                cpu_slots=cpu_slots,
            )
        store.record(outcome)
        totals.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    async with asyncio.TaskGroup() as group:
        for item in todo:
            group.create_task(work(item))
    totals.elapsed_s = time.perf_counter() - started
    return totals
