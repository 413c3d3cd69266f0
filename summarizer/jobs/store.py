"""What the API and its job worker need from wherever jobs are kept.

``JobStore`` is the seam: ``SqliteJobStore`` (``summarizer/jobs/sqlite.py``)
is the embedded default; another database implements the same methods. An
implementation checks its database when it is built and raises ``StorageError``
(one line: what is wrong, what to do) when it cannot be used. Every
method is a coroutine, so no implementation blocks the event loop, and every
failure of the database itself raises ``StorageError`` (the API answers 503
and the worker waits until the database can be written again).

A document is ``pending`` until a worker takes it (``running``) and then
``done`` or ``failed`` with its outcome. Its input stays in the database until
it is finished, and is read only when its turn comes.
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from summarizer.backends import BackendName
from summarizer.errors import SummarizerError
from summarizer.jobs.spool import SpooledBytes
from summarizer.jobs.views import JobDocument, JobProgress, JobStatus
from summarizer.run.outcome import DocumentOutcome

OPEN_ACCESS_OWNER = "open-access"


def owner_of_key(key: str | None) -> str:
    """The owner id jobs are filed under: a digest of the caller's API key (the key itself is never stored)."""
    if key is None:
        return OPEN_ACCESS_OWNER
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class NewDocument(Protocol):
    """One document of a new job, as a store needs it (the API's ``Upload`` is one)."""

    @property
    def content(self) -> str | bytes | SpooledBytes:
        """The report: text, or raw bytes in any supported encoding or format (maybe spooled to a file)."""
        ...

    @property
    def name(self) -> str | None:
        """Its file name or address, if any."""
        ...


@dataclass(frozen=True)
class JobOptions:
    """How a job's documents are summarised."""

    backend: BackendName
    include_text: bool
    include_repairs: bool
    genre: str | None = None  # the genre to summarise as (None or ``auto``: each document's kind decides)


@dataclass(frozen=True)
class JobLimits:
    """How much unfinished work may wait: over the whole server, and for one owner (API key)."""

    max_jobs: int
    max_documents: int
    max_jobs_per_owner: int
    max_documents_per_owner: int


@dataclass(frozen=True)
class DocumentRef:
    """A pending document, without its content (read with ``JobStore.content`` when its turn comes)."""

    key: str
    name: str
    sha256: str


# How long a caller refused for a full queue is asked to wait before retrying.
DEFAULT_RETRY_AFTER_S = 30


class QueueFullError(SummarizerError):
    """A new job would pass a limit on unfinished work; the caller should retry later."""

    code = "queue_full"

    def __init__(self, message: str, *, hint: str, retry_after_s: int):
        super().__init__(message, hint=hint)
        self.retry_after_s = retry_after_s


def stored_form(doc: NewDocument) -> tuple[bytes, bool]:
    """A document's bytes as stored and whether it was text; a spooled page is read now (so a
    store inserting documents one by one holds one at a time)."""
    if isinstance(doc.content, str):
        return doc.content.encode("utf-8"), True
    if isinstance(doc.content, SpooledBytes):
        return doc.content.read(), False
    return doc.content, False


def job_key(job_id: str, index: int) -> str:
    """The key of one document of a job (as used in outcomes and logs)."""
    return f"{job_id}/{index}"


def split_key(key: str) -> tuple[str, int]:
    """``job_key`` reversed."""
    job_id, index = key.rsplit("/", 1)
    return job_id, int(index)


class JobStore(abc.ABC):
    """Jobs, their documents and outcomes, kept where they survive a restart.

    ``runs_own_jobs``: the server that opens the store runs its jobs (the
    embedded SQLite default); False when separate ``summarizer worker``
    processes do (PostgreSQL).
    """

    runs_own_jobs = True

    @abc.abstractmethod
    async def probe(self) -> str | None:
        """Try a small write: None when the store can be written, else why not (for ``/readyz``)."""

    @abc.abstractmethod
    async def create_job(self, owner: str, documents: Sequence[NewDocument], options: JobOptions,
                         limits: JobLimits) -> str:
        """Store a new job with its documents pending and return its id; ``QueueFullError`` past a limit."""

    @abc.abstractmethod
    async def admit(self, owner: str, new_documents: int, limits: JobLimits) -> None:
        """``QueueFullError`` when a job of ``new_documents`` would pass a limit now; checked before
        any work for the job (fetching its URLs), and again, atomically, by ``create_job``."""

    @abc.abstractmethod
    async def status(self, job_id: str, owner: str, *, offset: int, limit: int) -> JobStatus | None:
        """A job's state and progress, with documents ``offset`` to ``offset + limit``; None when
        there is no such job for this owner."""

    @abc.abstractmethod
    async def delete(self, job_id: str, owner: str) -> bool:
        """Delete a job, its inputs and outcomes; False when there is no such job for this owner."""

    @abc.abstractmethod
    async def purge_finished(self, before: dt.datetime) -> int:
        """Delete jobs whose every document finished before ``before``; return how many."""

    # The worker's side.

    @abc.abstractmethod
    async def requeue_interrupted(self, job_id: str | None = None) -> int:
        """Put documents left ``running`` (by a stopped server, or a job stopped by a database
        fault: only ``job_id``'s) back to ``pending``; return how many."""

    @abc.abstractmethod
    async def unfinished_job_ids(self) -> list[str]:
        """Jobs with pending or running documents, oldest first."""

    @abc.abstractmethod
    async def options(self, job_id: str) -> JobOptions | None:
        """A job's options, or None when it no longer exists."""

    @abc.abstractmethod
    async def pending_documents(self, job_id: str) -> list[DocumentRef]:
        """A job's pending documents, in order."""

    @abc.abstractmethod
    async def content(self, key: str) -> str | bytes | None:
        """A pending document's input; None when its job was deleted meanwhile."""

    @abc.abstractmethod
    async def mark_running(self, key: str) -> None:
        """A worker took this document."""

    @abc.abstractmethod
    async def record(self, key: str, outcome: DocumentOutcome) -> None:
        """Keep a finished document's outcome (serialised off the event loop); its input is no
        longer needed and is dropped. A document of a deleted job is not recorded."""

    async def close(self) -> None:
        """Release what the store holds (connections, threads)."""


def refuse_past_limits(everyone: tuple[int, int], mine: tuple[int, int], new_documents: int,
                       limits: JobLimits) -> None:
    """Raise ``QueueFullError`` when a job of ``new_documents`` would pass a limit, given the unfinished
    (jobs, documents) of everyone and of the job's owner."""
    checks = (
        (mine[0] + 1, limits.max_jobs_per_owner, "unfinished jobs for this API key", "MAX_QUEUED_JOBS_PER_KEY"),
        (mine[1] + new_documents, limits.max_documents_per_owner, "unfinished documents for this API key",
         "MAX_QUEUED_DOCUMENTS_PER_KEY"),
        (everyone[0] + 1, limits.max_jobs, "unfinished jobs on this server", "MAX_QUEUED_JOBS"),
        (everyone[1] + new_documents, limits.max_documents, "unfinished documents on this server",
         "MAX_QUEUED_DOCUMENTS"),
    )
    for wanted, limit, what, setting in checks:
        if wanted > limit:
            raise QueueFullError(
                f"this job would make {wanted} {what}; the limit is {limit}",
                hint=f"wait for running jobs to finish (or delete some) and retry; the operator sets the "
                f"limit with SUMMARIZER_API_{setting}",
                retry_after_s=DEFAULT_RETRY_AFTER_S,
            )


def job_status(job_id: str, job: tuple[Any, ...], counts: dict[str, int], rows: list[tuple[Any, ...]],
               offset: int) -> JobStatus:
    """A job's ``JobStatus`` from its row (backend, created_at, updated_at as ISO text, genre), its documents'
    counts by status, and the page of (index, name, status, outcome JSON) rows starting at ``offset``."""
    documents = []
    for idx, name, state, outcome_json in rows:
        doc = JobDocument(index=idx, name=name, status=state)
        if outcome_json and state in ("done", "failed"):
            outcome = DocumentOutcome.model_validate_json(outcome_json)
            doc = JobDocument(
                index=idx, name=name, status=state, summary=outcome.summary,
                clean_text=outcome.clean_text, repairs=outcome.repairs, error=outcome.error,
                elapsed_ms=outcome.elapsed_ms,
            )
        documents.append(doc)
    progress = JobProgress(total=sum(counts.values()),
                           **{s: counts.get(s, 0) for s in ("pending", "running", "done", "failed")})
    if progress.done + progress.failed == progress.total:
        overall = "done"
    elif progress.pending == progress.total:
        overall = "pending"
    else:
        overall = "running"
    following = offset + len(documents)
    return JobStatus(id=job_id, status=overall, backend=job[0], genre=job[3],
                     created_at=dt.datetime.fromisoformat(job[1]),
                     updated_at=dt.datetime.fromisoformat(job[2]),
                     progress=progress, documents=documents, offset=offset,
                     next_offset=following if following < progress.total else None)
