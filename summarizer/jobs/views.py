"""What the job store shows of a job: its status, progress and documents (the API answers these)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from summarizer.preprocess.document import Repair
from summarizer.run.outcome import ErrorInfo
from summarizer.summary_types import AnySummary

DocumentState = Literal["pending", "running", "done", "failed"]


class JobDocument(BaseModel):
    """One document of a job: its state and, once finished, its summary or error."""

    index: int
    name: str
    status: DocumentState
    summary: AnySummary | None = None  # ReportSummary, or another genre's (its ``genre`` says which)
    clean_text: str | None = None
    repairs: list[Repair] | None = None
    error: ErrorInfo | None = None
    elapsed_ms: float | None = None


class JobProgress(BaseModel):
    """How many documents are in each state."""

    total: int
    pending: int
    running: int
    done: int
    failed: int


class JobStatus(BaseModel):
    """A job: ``pending`` (nothing started), ``running``, or ``done`` (every document done or failed).

    ``documents`` is one page, starting at document ``offset``; ``next_offset`` is where the next
    page starts (``?offset=``); it is left out after the last page.
    """

    id: str
    status: Literal["pending", "running", "done"]
    backend: str
    genre: str | None = None  # the genre the request named (absent: auto, each document's kind decided)
    created_at: dt.datetime
    updated_at: dt.datetime
    progress: JobProgress
    documents: list[JobDocument]
    offset: int = 0
    next_offset: int | None = None
