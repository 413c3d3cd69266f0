"""Run a dataset through the run path (``Runner.run_one``) and score every document.

One service instance serves the whole run; documents are summarised concurrently
(bounded by ``concurrency``), their CPU work in as many threads (``ThreadExecutor``),
the model calls on the event loop: the same path the CLI, batch and the API take.
A document that fails is recorded as failed with its error and the run goes on.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from summarizer import __version__
from summarizer.evals.dataset import Case, Dataset
from summarizer.evals.scoring import (
    DocumentScore,
    RunInfo,
    RunReport,
    aggregate,
    failed_document,
    score_document,
)
from summarizer.run.executors import ThreadExecutor
from summarizer.run.options import RunOptions
from summarizer.run.outcome import WorkItem
from summarizer.run.runner import Runner
from summarizer.schema import SCHEMA_VERSION, ReportSummary

if TYPE_CHECKING:
    from summarizer.backends import BackendName
    from summarizer.schema import BackendChoice
    from summarizer.service import SummaryService

ProgressCallback = Callable[[DocumentScore], None]


async def _run_case(runner: Runner, case: Case, options: RunOptions, gate: asyncio.Semaphore) -> DocumentScore:
    # The report file is read by the pipeline when its turn comes (content is its path).
    item = WorkItem(key=case.doc_id, name=case.report_path.name, content=case.report_path, sha256="")
    async with gate:
        started = time.perf_counter()
        outcome = await runner.run_one(item, options)  # never raises for a bad report
        latency = _ms_since(started)
    if outcome.error is not None:
        info = outcome.error
        # An unexpected exception's message already says "unexpected <type>: ..." (internal_error).
        said = info.message if info.code == "internal_error" else f"{info.code}: {info.to_error()}"
        return failed_document(case, said, latency_ms=latency)
    assert outcome.summary is not None and outcome.clean_text is not None, "a done outcome with include_text"
    if not isinstance(outcome.summary, ReportSummary):  # another genre's summary: not comparable
        return failed_document(case, f"not scored: the report was summarised as a {type(outcome.summary).__name__}, "
                               "and the references are of rule-of-law annual reports", latency_ms=latency)
    # Scoring is CPU work outside the gate so that a slow backend keeps its slots busy.
    return score_document(case, outcome.summary, outcome.clean_text, latency_ms=latency)


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


async def run_eval(
    service: SummaryService,
    dataset: Dataset,
    *,
    backend: BackendChoice = "rules",
    concurrency: int = 4,
    use_cache: bool = True,
    on_document: ProgressCallback | None = None,
) -> RunReport:
    """Summarise and score every case of ``dataset``; never raises for one bad document."""
    backend_name: BackendName = service.backend_name(backend)  # ConfigError now if llm is not configured
    # Build the backend (and import its libraries) now, so the first document's latency is not inflated.
    service.backend(backend_name, use_cache=use_cache)
    slots = max(1, concurrency)
    gate = asyncio.Semaphore(slots)
    # The clean text is kept: the reader checks score summaries against the text their spans index.
    options = RunOptions(backend=backend_name, include_text=True, use_cache=use_cache)
    runner = Runner(service, ThreadExecutor(service, slots=slots))
    started = time.perf_counter()
    created_at = dt.datetime.now(dt.UTC)

    async def run_one(case: Case) -> DocumentScore:
        score = await _run_case(runner, case, options, gate)
        if on_document:
            on_document(score)
        return score

    try:
        documents = list(await asyncio.gather(*(run_one(c) for c in dataset.cases)))
    finally:
        runner.close()
    models = {d.model for d in documents if d.model}
    prompts = {d.prompt_version for d in documents if d.prompt_version}
    info = RunInfo(
        created_at=created_at,
        dataset=str(dataset.root),
        backend=backend_name,
        model=", ".join(sorted(models)) or None,
        prompt_version=", ".join(sorted(prompts)) or None,
        summarizer_version=__version__,
        schema_version=SCHEMA_VERSION,
        concurrency=concurrency,
        use_cache=use_cache,
        wall_s=round(time.perf_counter() - started, 3),
    )
    return RunReport(run=info, documents=documents, overall=aggregate(documents))


def run_eval_sync(
    service: SummaryService,
    dataset: Dataset,
    *,
    backend: BackendChoice = "rules",
    concurrency: int = 4,
    use_cache: bool = True,
    on_document: ProgressCallback | None = None,
) -> RunReport:
    """``run_eval`` for callers without an event loop."""
    return asyncio.run(run_eval(service, dataset, backend=backend, concurrency=concurrency, use_cache=use_cache,
                                on_document=on_document))


async def add_format_runs(
    service: SummaryService,
    dataset: Dataset,
    report: RunReport,
    formats: list[str],
    *,
    backend: BackendChoice = "rules",
    concurrency: int = 4,
    use_cache: bool = True,
    on_document: ProgressCallback | None = None,
) -> None:
    """The format check: run ``dataset`` again as each of ``formats`` (pdf, docx; made by
    ``formats.make_format_copies``) and store each run's headline scores in ``report.formats``."""
    import tempfile
    from pathlib import Path

    from summarizer.evals.formats import make_format_copies
    from summarizer.evals.scoring import headline_scores

    with tempfile.TemporaryDirectory(prefix="summarizer-eval-formats-") as tmp:
        for fmt in formats:
            copies = make_format_copies(dataset, fmt, Path(tmp) / fmt)
            # One PDF at a time: the service reads inputs in threads, and PDFium is not thread-safe.
            fmt_report = await run_eval(service, copies, backend=backend,
                                        concurrency=1 if fmt == "pdf" else concurrency,
                                        use_cache=use_cache, on_document=on_document)
            report.formats[fmt] = headline_scores(fmt_report.overall)
