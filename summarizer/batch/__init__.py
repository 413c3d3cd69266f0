"""Summarise many reports: one runner, two stores (a JSONL file, the API's SQLite jobs).

``runner.run_documents`` takes ``WorkItem``s and a ``ResultStore`` and runs each on
the run path (``summarizer.run``) with bounded concurrency, recording every
document's outcome (summary or error) as soon as it is known.
"""

from summarizer.batch.runner import RunTotals, run_documents
from summarizer.batch.store import JsonlStore, ResultStore, load_outcomes
from summarizer.run.outcome import DocumentOutcome, ErrorInfo, WorkItem

__all__ = [
    "DocumentOutcome",
    "ErrorInfo",
    "JsonlStore",
    "ResultStore",
    "RunTotals",
    "WorkItem",
    "load_outcomes",
    "run_documents",
]
