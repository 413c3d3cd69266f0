"""Where a run's CPU work goes, chosen once per run: inline, a thread, or worker processes.

Every executor runs ``do_cpu_work`` and answers a ``CpuAnswer`` (errors as data); model
calls never run here (the runner awaits them on the event loop).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Literal, Protocol

from summarizer.run.cpu import CpuAnswer, CpuTask, do_cpu_work
from summarizer.run.outcome import ErrorInfo
from summarizer.service import SummaryService

if TYPE_CHECKING:
    from summarizer.settings import Settings

ExecutorKind = Literal["inline", "thread", "process"]


class Executor(Protocol):
    """Runs the CPU half of a document's run somewhere."""

    async def run(self, task: CpuTask) -> CpuAnswer:
        """``task``'s CPU work; every failure comes back as ``CpuAnswer.error``."""
        ...

    def close(self) -> None:
        """Release what the executor holds (processes, threads)."""
        ...


def _answer(service: SummaryService, task: CpuTask) -> CpuAnswer:
    try:
        return do_cpu_work(service, task)
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller as data
        return CpuAnswer(error=ErrorInfo.from_exception(exc, task.name or ""))


class InlineExecutor:
    """On the event loop's own thread: for one document at a time (the CLI, the eval), where
    nothing else waits on the loop. No CPU budget (SIGPROF would interrupt the caller)."""

    def __init__(self, service: SummaryService):
        self.service = service

    async def run(self, task: CpuTask) -> CpuAnswer:
        """``task``'s CPU work, blocking the loop until done."""
        return _answer(self.service, task)

    def close(self) -> None:
        """Nothing to release."""


class ThreadExecutor:
    """In worker threads, at most ``slots`` at once: under the GIL more threads only slow the
    event loop down (measured: with 8 threads the API's /healthz p50 was ~240 ms, with 1 ~17 ms).
    No CPU budget (SIGPROF is handled on the main thread only)."""

    def __init__(self, service: SummaryService, *, slots: int = 1):
        self.service = service
        self._slots = asyncio.Semaphore(slots)

    async def run(self, task: CpuTask) -> CpuAnswer:
        """``task``'s CPU work in a thread, keeping the loop free."""
        async with self._slots:
            return await asyncio.to_thread(_answer, self.service, task)

    def close(self) -> None:
        """Nothing to release (the threads are asyncio's)."""


def make_executor(kind: ExecutorKind, service: SummaryService, *, settings: Settings | None = None,
                  workers: int = 1, cpu_budget_s: float | None = None) -> Executor:
    """The executor of ``kind``: ``process`` starts ``workers`` worker processes (with their own
    service built from ``settings``) enforcing ``cpu_budget_s`` per document."""
    if kind == "inline":
        return InlineExecutor(service)
    if kind == "thread":
        return ThreadExecutor(service)
    # pebble and multiprocessing: imported only for worker processes, not by a one-shot run.
    from summarizer.run.pool import WorkPool

    return WorkPool(settings or service.settings, workers=workers, cpu_budget_s=cpu_budget_s)
