"""What goes into a run (``WorkItem``) and what comes out for each document (``DocumentOutcome``).

A ``DocumentOutcome`` is also the line format of a batch results JSONL file. Outcomes are
built here only: ``done_outcome`` and ``failed_outcome``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict

from pydantic import BaseModel

from summarizer.errors import InputError, SummarizerError
from summarizer.preprocess.document import Repair
from summarizer.summary_types import AnySummary

if TYPE_CHECKING:
    from summarizer.run.options import RunOptions


def content_sha256(content: str | bytes) -> str:
    """The hex SHA-256 of a document's content (text is hashed as UTF-8)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class WorkItem:
    """One document to summarise.

    ``key`` identifies it in its store (a rerun skips keys already done);
    ``content`` is passed to ``SummaryService.summarize`` as is (``str`` text or
    raw bytes); when it is None the file at ``source_path`` is read only when
    the document's turn comes, so a large batch is not held in memory.
    """

    key: str
    name: str
    content: str | bytes | Path | None = field(repr=False)  # a Path is read by the pipeline
    sha256: str
    source_path: Path | None = None

    def source(self) -> str | bytes | Path:
        """The content to summarise."""
        if self.content is not None:
            return self.content
        if self.source_path is None:
            raise ValueError(f"work item {self.key} has neither content nor a source path")
        try:
            data = self.source_path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot be read: {exc.strerror or exc}", source=str(self.source_path)) from exc
        if content_sha256(data) != self.sha256:  # else its result would be filed under the old content
            raise InputError("the file changed during the run", source=str(self.source_path),
                             hint="run the batch again to summarise its new content")
        return data


class ErrorInfo(BaseModel):
    """Why a document failed: the ``SummarizerError.to_dict()`` shape."""

    code: str
    message: str
    source: str | None = None
    hint: str | None = None

    @classmethod
    def from_exception(cls, exc: BaseException, source: str) -> ErrorInfo:
        """Describe ``exc``; unexpected exceptions become ``internal_error``."""
        if isinstance(exc, SummarizerError):
            info = exc.to_dict()
            return cls(**{**info, "source": info.get("source") or source})
        return cls(
            code="internal_error",
            message=f"unexpected {type(exc).__name__}: {exc}",
            source=source,
            hint="this is a bug in summarizer; please report it with the input",
        )

    def to_error(self) -> SummarizerError:
        """The error this describes, as its ``SummarizerError`` class (by ``code``), to report or raise."""
        cls = _error_classes().get(self.code, SummarizerError)
        error = cls(self.message, source=self.source, hint=self.hint)
        if cls is SummarizerError:
            error.code = self.code  # e.g. internal_error: said as it was recorded
        return error


def _error_classes() -> dict[str, type[SummarizerError]]:
    found: dict[str, type[SummarizerError]] = {}
    pending: list[type[SummarizerError]] = [SummarizerError]
    while pending:
        cls = pending.pop()
        found.setdefault(cls.code, cls)
        pending.extend(cls.__subclasses__())
    return found


class DocumentOutcome(BaseModel):
    """The result of one document: its summary, or the error that stopped it."""

    key: str
    name: str
    source_path: str | None = None
    sha256: str
    backend: str
    status: Literal["done", "failed"]
    summary: AnySummary | None = None  # ReportSummary, or another genre's (its ``genre`` says which)
    clean_text: str | None = None
    repairs: list[Repair] | None = None
    error: ErrorInfo | None = None
    elapsed_ms: float
    finished_at: dt.datetime


def done_outcome(item: WorkItem, backend: str, summary: AnySummary, *, clean_text: str | None,
                 repairs: list[Repair] | None, options: RunOptions, elapsed_s: float) -> DocumentOutcome:
    """The outcome of a document summarised; text and repairs kept as ``options`` ask."""
    return DocumentOutcome(
        **_identity(item, backend, elapsed_s), status="done", summary=summary,
        clean_text=clean_text if options.include_text else None,
        repairs=list(repairs) if options.include_repairs and repairs is not None else None,
    )


def failed_outcome(item: WorkItem, backend: str, error: ErrorInfo | BaseException, *,
                   elapsed_s: float = 0.0) -> DocumentOutcome:
    """The outcome of a document that could not be summarised (read, fetched, run)."""
    info = error if isinstance(error, ErrorInfo) else ErrorInfo.from_exception(error, item.name)
    return DocumentOutcome(**_identity(item, backend, elapsed_s), status="failed", error=info)


class _Identity(TypedDict):
    key: str
    name: str
    source_path: str | None
    sha256: str
    backend: str
    elapsed_ms: float
    finished_at: dt.datetime


def _identity(item: WorkItem, backend: str, elapsed_s: float) -> _Identity:
    """The fields every outcome of ``item`` carries, whether it succeeded or not."""
    return {
        "key": item.key,
        "name": item.name,
        "source_path": str(item.source_path) if item.source_path else None,
        "sha256": item.sha256,
        "backend": backend,
        "elapsed_ms": round(elapsed_s * 1000, 3),
        "finished_at": dt.datetime.now(dt.UTC),
    }
