"""The CPU half of a run: what goes to wherever the CPU work runs, and what comes back.

Both are picklable, so the same step runs inline, in a thread or in a worker process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarizer.backends import BackendName
from summarizer.preprocess.document import Repair
from summarizer.run.options import RunOptions
from summarizer.run.outcome import ErrorInfo
from summarizer.service import CpuWork, SummaryService
from summarizer.summary_types import AnySummary


@dataclass(frozen=True)
class CpuTask:
    """One document's CPU work: its content, its name, the (resolved) backend and the options."""

    source: str | bytes | Path
    name: str | None
    backend: BackendName
    options: RunOptions


@dataclass(frozen=True)
class CpuAnswer:
    """What the CPU half sends back: a finished summary (a backend that calls no model), the
    work the model calls start from, or the error that stopped it."""

    summary: AnySummary | None = None  # ReportSummary, or another genre's
    clean_text: str | None = None
    repairs: list[Repair] | None = None
    work: CpuWork | None = None
    error: ErrorInfo | None = None


def do_cpu_work(service: SummaryService, task: CpuTask) -> CpuAnswer:
    """Run ``task``'s CPU work on the calling thread; raises what the pipeline raises.

    A backend that calls no model is finished here (so only the summary, and the text and
    repairs when asked for, travel back from a worker process)."""
    # OCR and LibreOffice run in processes of their own, whose CPU the budget's timer does not
    # see: they get the document's budget as their time limit, and are killed (their whole
    # process group) when it runs out.
    work = service.cpu_work(task.source, name=task.name, backend=task.backend, use_cache=task.options.use_cache,
                            read_time_limit_s=task.options.cpu_budget_s, genre=task.options.genre)
    if not service.runs_on_cpu(task.backend):
        return CpuAnswer(work=work)
    result = service.finish_on_cpu(work, name=task.name, backend=task.backend)
    return CpuAnswer(
        summary=result.summary,
        clean_text=result.document.text if task.options.include_text else None,
        repairs=list(result.document.repairs) if task.options.include_repairs else None,
    )
