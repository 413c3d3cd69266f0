"""``Runner.run_one``: the one path from a document to its ``DocumentOutcome``.

The CLI, batch, the API (requests and jobs), ``summarizer worker`` and the eval all run
documents here. The CPU half goes to the executor chosen for the run; the backend's model
calls (if any) are awaited on the event loop; any error becomes a failed outcome.
"""

from __future__ import annotations

import time

from summarizer.run.cpu import CpuTask
from summarizer.run.executors import Executor
from summarizer.run.options import RunOptions
from summarizer.run.outcome import DocumentOutcome, WorkItem, done_outcome, failed_outcome
from summarizer.service import SummaryService


class Runner:
    """Runs documents with one service and one executor."""

    def __init__(self, service: SummaryService, executor: Executor):
        self.service = service
        self.executor = executor

    async def run_one(self, item: WorkItem, options: RunOptions) -> DocumentOutcome:
        """Summarise ``item`` as ``options`` ask; never raises for a bad document (its outcome
        says what went wrong), only for cancellation."""
        started = time.perf_counter()
        backend = str(options.backend or self.service.settings.backend)
        try:
            backend = self.service.backend_name(options.backend)
            answer = await self.executor.run(CpuTask(item.source(), item.name, backend, options))
            if answer.error is not None:
                return failed_outcome(item, backend, answer.error, elapsed_s=time.perf_counter() - started)
            if answer.work is not None:  # the backend calls a model: on the loop, after the CPU work
                result = await self.service.finish(answer.work, name=item.name, backend=backend,
                                                   use_cache=options.use_cache)
                return done_outcome(item, backend, result.summary, clean_text=result.document.text,
                                    repairs=list(result.document.repairs), options=options,
                                    elapsed_s=time.perf_counter() - started)
            assert answer.summary is not None, "a CPU answer has a summary, work or an error"
            return done_outcome(item, backend, answer.summary, clean_text=answer.clean_text, repairs=answer.repairs,
                                options=options, elapsed_s=time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
            return failed_outcome(item, backend, exc, elapsed_s=time.perf_counter() - started)

    def close(self) -> None:
        """Close the executor."""
        self.executor.close()
