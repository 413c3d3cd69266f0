"""``WorkPool``: the process executor. CPU work (reading, preprocessing, structure, a backend's
``cpu_step``) runs in worker processes, each document within a CPU budget.

The event loop only moves bytes, so ``/healthz`` and every other request keep answering while
the workers are busy. The pool is bounded (``workers`` processes; more work waits its turn).

The CPU budget bites: the work runs on the worker process's main thread, where ``SIGPROF``
(``ITIMER_PROF``, counting the process's CPU time) is handled, so a document is stopped with
``CpuBudgetExceededError`` as soon as it has used its budget. Should it not stop (a C call that
does not return to Python), the pool ends that process after a wall-clock backstop and starts a
new one. Cancelling the awaiting coroutine (a caller that hung up, a deleted job) ends the
worker process that is on the document, so abandoned work costs nothing more. A worker that
dies (out of memory, a signal) fails that document only, with ``WorkerLostError``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import multiprocessing
import os
import signal
from types import FrameType

import pebble

from summarizer.errors import CpuBudgetExceededError, WorkerLostError
from summarizer.run.cpu import CpuAnswer, CpuTask, do_cpu_work
from summarizer.run.options import RunOptions
from summarizer.run.outcome import ErrorInfo
from summarizer.run.parent_watch import die_with
from summarizer.service import SummaryService
from summarizer.settings import Settings

# Modules the worker processes need, imported once in the fork server they are forked from.
_PRELOAD = ["summarizer.service", "summarizer.extract.rules", "summarizer.run.cpu"]

# The names this module had as summarizer/api/work_pool.py.
PoolTask = CpuTask
PoolAnswer = CpuAnswer


def budget_error(budget_s: float, name: str | None) -> CpuBudgetExceededError:
    """The error of a document that needed more than ``budget_s`` seconds of CPU."""
    return CpuBudgetExceededError(
        f"summarising this document needs more than {budget_s:g} s of CPU time, the limit for one document",
        source=name,
        hint="split the report into smaller files, or ask the operator to raise SUMMARIZER_RUN_CPU_BUDGET_S",
    )


def worker_lost_error(exc: BaseException, name: str | None) -> WorkerLostError:
    """The error of a document whose worker process died under it."""
    return WorkerLostError(
        f"the worker process summarising this document died ({exc}); the document may be too large "
        "for the memory the worker has",
        source=name,
        hint="retry later; if it happens again, split the report into smaller files",
    )


_WORKER_NICENESS = 5

# The worker process's own service, built once when the process starts (a process-wide
# object by nature: it lives exactly as long as the worker process).
_worker_service: SummaryService | None = None


class _OutOfCpu(BaseException):
    """Raised by the SIGPROF handler; a BaseException so no ``except Exception`` swallows it."""


def _on_sigprof(signum: int, frame: FrameType | None) -> None:
    raise _OutOfCpu


# A few lines in the genre's shape, summarised once when a worker starts so that its first
# real document does not pay for loading dictionaries and compiling patterns.
_WARM_UP = "2024年法治政府建设年度报告\n一、主要成效\n一是完善制度，办理案件12件。\n二、存在的不足\n一是宣传不够。\n"


def _start_worker(settings: Settings, owner_pid: int, niceness: int) -> None:
    global _worker_service
    # The parent may be a fork server, which waits for its children: watch the owner itself.
    die_with(owner_pid)
    # Workers do batch work; the server's event loop answers people. When CPU is short, the
    # scheduler should run the loop first (on an idle machine the workers still get every core).
    if niceness:
        os.nice(niceness)
    _worker_service = SummaryService(settings)
    signal.signal(signal.SIGPROF, _on_sigprof)
    try:
        do_cpu_work(_worker_service, CpuTask(_WARM_UP, "warm-up", "rules", RunOptions(use_cache=False)))
    except Exception:  # noqa: BLE001, S110 - warming up is an optimisation; real work reports errors itself
        pass


def _run_task(task: CpuTask) -> CpuAnswer:
    """In a worker process, on its main thread (where SIGPROF is handled): ``task``'s CPU work
    within its CPU budget. Every failure goes back as data."""
    assert _worker_service is not None, "the pool's initializer builds the service"
    budget = task.options.cpu_budget_s
    if budget:
        signal.setitimer(signal.ITIMER_PROF, budget)
    try:
        return do_cpu_work(_worker_service, task)
    except _OutOfCpu:
        return CpuAnswer(error=ErrorInfo.from_exception(budget_error(budget or 0.0, task.name), task.name or ""))
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller as data
        return CpuAnswer(error=ErrorInfo.from_exception(exc, task.name or ""))
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


class WorkPool:
    """A bounded pool of worker processes for CPU-bound work (the process executor)."""

    def __init__(self, settings: Settings, *, workers: int, cpu_budget_s: float | None = None,
                 niceness: int = _WORKER_NICENESS):
        self.cpu_budget_s = cpu_budget_s  # the default for tasks whose options give none
        context = multiprocessing.get_context("forkserver")  # no fork of a process with live threads
        context.set_forkserver_preload(_PRELOAD)
        self._pool = pebble.ProcessPool(max_workers=workers, context=context, initializer=_start_worker,
                                        initargs=(settings, os.getpid(), niceness))

    async def run(self, task: CpuTask) -> CpuAnswer:
        """Run ``task`` in a worker process. Cancelling this coroutine ends that worker's work on it."""
        budget = task.options.cpu_budget_s or self.cpu_budget_s
        if budget != task.options.cpu_budget_s:
            task = dataclasses.replace(task, options=dataclasses.replace(task.options, cpu_budget_s=budget))
        # The budget is CPU time; the backstop is wall time, generous for a machine shared with others.
        backstop_s = budget * 3 + 30 if budget else None
        future = self._pool.schedule(_run_task, args=(task,), timeout=backstop_s)
        try:
            return await asyncio.wrap_future(future)
        except concurrent.futures.TimeoutError:
            return CpuAnswer(error=ErrorInfo.from_exception(budget_error(budget or 0.0, task.name), task.name or ""))
        except pebble.ProcessExpired as exc:  # the worker died (out of memory, killed): this document only
            return CpuAnswer(error=ErrorInfo.from_exception(worker_lost_error(exc, task.name), task.name or ""))
        except asyncio.CancelledError:
            future.cancel()
            raise

    def close(self) -> None:
        """Stop the worker processes (work in progress is abandoned)."""
        self._pool.stop()
        self._pool.join(timeout=10)
