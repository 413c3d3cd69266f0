"""Jobs and their documents in SQLite, so they survive a restart.

A document is ``pending`` until a worker takes it (``running``) and then
``done`` or ``failed`` with its outcome. On startup ``requeue_interrupted``
puts documents that were running when the server stopped back to ``pending``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from summarizer.api.bodies import Upload
from summarizer.api.models import JobDocument, JobProgress, JobStatus
from summarizer.batch.outcome import DocumentOutcome, WorkItem, content_sha256
from summarizer.schema import BackendName

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    backend TEXT NOT NULL,
    include_text INTEGER NOT NULL,
    include_repairs INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    job_id TEXT NOT NULL REFERENCES jobs(id),
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    content BLOB NOT NULL,
    is_text INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status, job_id);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass(frozen=True)
class JobOptions:
    """How a job's documents are summarised."""

    backend: BackendName
    include_text: bool
    include_repairs: bool


class JobStore:
    """The SQLite file holding jobs; safe to use from several threads (one connection per call)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as conn:
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:  # one transaction, committed on success
                yield conn

    def ping(self) -> bool:
        """True when the database answers."""
        try:
            with self._connect() as conn:
                conn.execute("SELECT 1 FROM jobs LIMIT 1")
            return True
        except sqlite3.Error:
            return False

    def create_job(self, documents: list[Upload], options: JobOptions) -> str:
        """Store a new job with all its documents pending; return its id."""
        job_id = uuid.uuid4().hex
        now = _now()
        rows = []
        for idx, doc in enumerate(documents):
            is_text = isinstance(doc.content, str)
            data = doc.content.encode("utf-8") if isinstance(doc.content, str) else doc.content
            rows.append((job_id, idx, doc.name or f"document-{idx}", data, is_text,
                         content_sha256(data), "pending"))
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?)",
                (job_id, options.backend, options.include_text, options.include_repairs, now, now),
            )
            conn.executemany(
                "INSERT INTO documents (job_id, idx, name, content, is_text, sha256, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return job_id

    def options(self, job_id: str) -> JobOptions | None:
        """A job's options, or None for an unknown id."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT backend, include_text, include_repairs FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
        return JobOptions(row[0], bool(row[1]), bool(row[2])) if row else None

    def requeue_interrupted(self) -> int:
        """Put documents left ``running`` by a stopped server back to ``pending``; return how many."""
        with self._connect() as conn:
            return conn.execute("UPDATE documents SET status = 'pending' WHERE status = 'running'").rowcount

    def unfinished_job_ids(self) -> list[str]:
        """Jobs with pending or running documents, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT DISTINCT j.id, j.created_at FROM jobs j JOIN documents d ON d.job_id = j.id "
                "WHERE d.status IN ('pending', 'running') ORDER BY j.created_at"
            ).fetchall()
        return [r[0] for r in rows]

    def pending_items(self, job_id: str) -> list[WorkItem]:
        """A job's pending documents as work for the runner."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT idx, name, content, is_text, sha256 FROM documents "
                "WHERE job_id = ? AND status = 'pending' ORDER BY idx",
                (job_id,),
            ).fetchall()
        return [
            WorkItem(key=f"{job_id}/{idx}", name=name,
                     content=bytes(content).decode("utf-8") if is_text else bytes(content), sha256=sha)
            for idx, name, content, is_text, sha in rows
        ]

    def mark_running(self, key: str) -> None:
        """A worker took this document."""
        self._set_status(key, "running", None)

    def record(self, key: str, outcome: DocumentOutcome) -> None:
        """Keep a finished document's outcome."""
        self._set_status(key, outcome.status, outcome.model_dump_json(exclude_none=True))

    def _set_status(self, key: str, status: str, outcome_json: str | None) -> None:
        job_id, idx = key.rsplit("/", 1)
        with self._connect() as conn:
            conn.execute(
                "UPDATE documents SET status = ?, outcome = COALESCE(?, outcome) WHERE job_id = ? AND idx = ?",
                (status, outcome_json, job_id, int(idx)),
            )
            conn.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (_now(), job_id))

    def finished_keys(self, job_id: str) -> set[str]:
        """Keys of a job's documents that are done or failed."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT idx FROM documents WHERE job_id = ? AND status IN ('done', 'failed')", (job_id,)
            ).fetchall()
        return {f"{job_id}/{r[0]}" for r in rows}

    def status(self, job_id: str) -> JobStatus | None:
        """A job's state, progress and finished results; None for an unknown id."""
        with self._connect() as conn:
            job = conn.execute(
                "SELECT backend, created_at, updated_at FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
            if job is None:
                return None
            rows = conn.execute(
                "SELECT idx, name, status, outcome FROM documents WHERE job_id = ? ORDER BY idx", (job_id,)
            ).fetchall()
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
        counts = {s: sum(1 for d in documents if d.status == s) for s in ("pending", "running", "done", "failed")}
        progress = JobProgress(total=len(documents), **counts)
        if counts["done"] + counts["failed"] == len(documents):
            overall = "done"
        elif counts["pending"] == len(documents):
            overall = "pending"
        else:
            overall = "running"
        return JobStatus(id=job_id, status=overall, backend=job[0],
                         created_at=dt.datetime.fromisoformat(job[1]),
                         updated_at=dt.datetime.fromisoformat(job[2]),
                         progress=progress, documents=documents)


class JobDocumentsStore:
    """One job seen through the batch runner's ``ResultStore`` interface."""

    def __init__(self, store: JobStore, job_id: str):
        self.store = store
        self.job_id = job_id

    def finished_keys(self) -> set[str]:
        """Documents of this job already done or failed (failures are reported, not retried)."""
        return self.store.finished_keys(self.job_id)

    def record(self, outcome: DocumentOutcome) -> None:
        """Keep one document's outcome."""
        self.store.record(outcome.key, outcome)
