"""``summarizer batch --provider-batch``: a run whose LLM calls go through the provider's Batch API.

The documents run as in any batch (``run_documents``, the same store, the
same resume by key), but the LLM backend's requests travel through a
``ProviderBatcher``: they are sent as provider batches, which cost about half
and answer within the completion window. The batcher's state file (answers
received, batches pending) sits beside the results file, so a run stopped
while a batch is pending picks that batch up again when rerun.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from pathlib import Path

from summarizer.batch.runner import RunTotals, run_documents
from summarizer.batch.store import ResultStore
from summarizer.errors import SummarizerError
from summarizer.llm.provider_batch import ProviderBatcher
from summarizer.run.executors import ThreadExecutor
from summarizer.run.options import RunOptions
from summarizer.run.outcome import DocumentOutcome, WorkItem
from summarizer.run.runner import Runner
from summarizer.service import SummaryService
from summarizer.settings import Settings


def state_path_for(results: Path) -> Path:
    """Where a run writing ``results`` keeps its provider-batch state."""
    return results.with_name(results.name + ".provider-batch.sqlite3")


def batch_priced(settings: Settings, requests_at_once: int) -> Settings:
    """``settings`` with every price at its batch price and room for ``requests_at_once`` requests held."""
    llm = settings.llm.model_copy(update={
        "prices": {model: price.batch_price() for model, price in settings.llm.prices.items()},
        "concurrency": requests_at_once,  # held requests wait on the batch, not on the endpoint
    })
    return settings.model_copy(update={"llm": llm})


async def run_with_provider_batch(
    settings: Settings,
    items: Iterable[WorkItem],
    store: ResultStore,
    *,
    state_path: Path,
    concurrency: int,
    include_text: bool = False,
    include_repairs: bool = False,
    use_cache: bool = True,
    on_outcome: Callable[[DocumentOutcome], None] | None = None,
    on_note: Callable[[str], None] = lambda note: None,
    max_requests: int = 50_000,
    settle_s: float = 0.2,
) -> RunTotals:
    """Summarise ``items`` with the LLM backend through provider batches of up to ``concurrency`` documents.

    Falls back to direct calls (at the direct price, ``settings.llm.concurrency``
    at a time) when the endpoint has no Batch API, saying so through
    ``on_note``. Raises ``BackendError`` when the provider fails a batch; the
    documents finished so far are in ``store`` and the pending batches in
    ``state_path``, so a rerun resumes.
    """
    batcher = ProviderBatcher(settings.llm, state_path, max_requests=max_requests, settle_s=settle_s)
    options = RunOptions(backend="llm", include_text=include_text, include_repairs=include_repairs,
                         use_cache=use_cache)
    try:
        if not await batcher.supported():
            on_note("the endpoint has no Batch API (/v1/batches): summarising with direct calls at the direct price")
            direct = SummaryService(settings)
            return await run_documents(Runner(direct, ThreadExecutor(direct)), items, store,
                                       concurrency=settings.llm.concurrency, options=options, on_outcome=on_outcome)
        service = SummaryService(batch_priced(settings, max_requests), llm_transport=batcher.transport)

        def finished(outcome: DocumentOutcome) -> None:
            batcher.document_finished(outcome.key)
            if on_outcome is not None:
                on_outcome(outcome)

        try:
            async with asyncio.TaskGroup() as group:
                serving = group.create_task(batcher.serve())
                totals = await run_documents(
                    Runner(service, ThreadExecutor(service)), items, store, concurrency=concurrency,
                    options=options, on_start=lambda item: batcher.document_started(item.key), on_outcome=finished,
                )
                serving.cancel()
        except* SummarizerError as group_error:
            raise _first(group_error) from None
        on_note(
            f"provider batches: {batcher.batches_submitted} submitted ({batcher.requests_submitted} requests), "
            f"{batcher.batches_resumed} resumed from an earlier run; cost at the batch price"
        )
        return totals
    finally:
        await batcher.aclose()


def _first(group: BaseExceptionGroup) -> BaseException:
    found = group.exceptions[0]
    return _first(found) if isinstance(found, BaseExceptionGroup) else found
