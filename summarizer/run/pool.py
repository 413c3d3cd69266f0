"""``WorkPool``: the API's CPU work (preprocessing, structure, the rules extractor) in worker processes.

The event loop only moves bytes, so ``/healthz`` and every other request keep
answering while the workers are busy. The pool is bounded (``workers``
processes; more work waits its turn). Each document has a CPU budget: a
worker process counts the CPU time it spends on the document (``SIGPROF``)
and stops it with ``CpuBudgetExceededError``; should it not stop, the pool
ends that process after a wall-clock backstop and starts a new one. Cancelling
the awaiting coroutine (a caller that hung up, a deleted job) ends the
worker process that is on the document, so abandoned work costs nothing more.

With the LLM backend only preparation (preprocess and structure) runs in the
pool; the model calls are awaited on the loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass

import pebble

from summarizer.backends import BackendName
from summarizer.errors import CpuBudgetExceededError, SummarizerError
from summarizer.run.outcome import DocumentOutcome, ErrorInfo
from summarizer.run.parent_watch import die_with
from summarizer.service import Prepared, SummaryService
from summarizer.settings import Settings

# Modules the worker processes need, imported once in the fork server they are forked from.
_PRELOAD = ["summarizer.service", "summarizer.extract.rules", "summarizer.run.outcome"]


def _budget_error(budget_s: float, name: str | None) -> CpuBudgetExceededError:
    return CpuBudgetExceededError(
        f"summarising this document needs more than {budget_s:g} s of CPU time, the limit for one document",
        source=name,
        hint="split the report into smaller files, or ask the operator to raise SUMMARIZER_API_CPU_BUDGET_S",
    )


@dataclass(frozen=True)
class PoolTask:
    """One document for a worker process; ``key`` and ``sha256`` label a job's outcome."""

    source: str | bytes
    name: str | None
    backend: BackendName
    include_text: bool
    include_repairs: bool
    key: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class PoolAnswer:
    """What a worker sends back: the finished outcome (rules), or the prepared document (LLM)."""

    outcome: DocumentOutcome | None = None
    prepared: Prepared | None = None
    error: ErrorInfo | None = None


_WORKER_NICENESS = 5

# The worker process's own service, built once when the process starts (a process-wide
# object by nature: it lives exactly as long as the worker process).
_worker_service: SummaryService | None = None


class _OutOfCpu(BaseException):
    """Raised by the SIGPROF handler; a BaseException so no ``except Exception`` swallows it."""


def _on_sigprof(signum, frame) -> None:
    raise _OutOfCpu


# A few lines in the genre's shape, summarised once when a worker starts so that its first
# real document does not pay for loading dictionaries and compiling patterns.
_WARM_UP = "2024年法治政府建设年度报告\n一、主要成效\n一是完善制度，办理案件12件。\n二、存在的不足\n一是宣传不够。\n"


def _start_worker(settings: Settings, server_pid: int) -> None:
    global _worker_service
    # The parent is the fork server, which waits for its children: watch the server itself.
    die_with(server_pid)
    # Workers do batch work; the server's event loop answers people. When CPU is short, the
    # scheduler should run the loop first (on an idle machine the workers still get every core).
    os.nice(_WORKER_NICENESS)
    _worker_service = SummaryService(settings)
    signal.signal(signal.SIGPROF, _on_sigprof)
    try:
        _worker_service.summarize_sync(_WARM_UP, name="warm-up", backend="rules", use_cache=False)
    except Exception:  # noqa: BLE001, S110 - warming up is an optimisation; real work reports errors itself
        pass


def _run_task(task: PoolTask, cpu_budget_s: float) -> PoolAnswer:
    """In a worker process: summarise (rules) or prepare (LLM) ``task`` within ``cpu_budget_s`` of CPU."""
    assert _worker_service is not None, "the pool's initializer builds the service"
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_PROF, cpu_budget_s)
    try:
        if not _worker_service.runs_on_cpu(task.backend):  # an LLM backend: its calls await on the loop
            return PoolAnswer(prepared=_worker_service.prepare(task.source, name=task.name))
        result = _worker_service.summarize_sync(task.source, name=task.name, backend="rules")
        outcome = DocumentOutcome(
            key=task.key, name=task.name or "", sha256=task.sha256, backend="rules", status="done",
            summary=result.summary,
            clean_text=result.document.text if task.include_text else None,
            repairs=list(result.document.repairs) if task.include_repairs else None,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 3), finished_at=dt.datetime.now(dt.UTC),
        )
        return PoolAnswer(outcome=outcome)
    except _OutOfCpu:
        return PoolAnswer(error=ErrorInfo.from_exception(_budget_error(cpu_budget_s, task.name), task.name or ""))
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller as data
        return PoolAnswer(error=ErrorInfo.from_exception(exc, task.name or ""))
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


class WorkPool:
    """A bounded pool of worker processes for the API's CPU-bound work."""

    def __init__(self, settings: Settings, *, workers: int, cpu_budget_s: float):
        self.cpu_budget_s = cpu_budget_s
        # The budget is CPU time; the backstop is wall time, generous for a machine shared with others.
        self.backstop_s = cpu_budget_s * 3 + 30
        context = multiprocessing.get_context("forkserver")  # no fork of a process with live threads
        context.set_forkserver_preload(_PRELOAD)
        self._pool = pebble.ProcessPool(max_workers=workers, context=context,
                                        initializer=_start_worker, initargs=(settings, os.getpid()))

    async def run(self, task: PoolTask) -> PoolAnswer:
        """Run ``task`` in a worker process. Cancelling this coroutine ends that worker's work on it."""
        future = self._pool.schedule(_run_task, args=(task, self.cpu_budget_s), timeout=self.backstop_s)
        try:
            return await asyncio.wrap_future(future)
        except concurrent.futures.TimeoutError:
            return PoolAnswer(error=ErrorInfo.from_exception(_budget_error(self.cpu_budget_s, task.name),
                                                             task.name or ""))
        except pebble.ProcessExpired as exc:  # the worker died (out of memory, killed): this document only
            error = SummarizerError(f"the worker process summarising this document died ({exc})",
                                    hint="the document may need more memory than the server has; retry, "
                                    "or split it")
            return PoolAnswer(error=ErrorInfo.from_exception(error, task.name or ""))
        except asyncio.CancelledError:
            future.cancel()
            raise

    def close(self) -> None:
        """Stop the worker processes (work in progress is abandoned)."""
        self._pool.stop()
        self._pool.join(timeout=10)
