"""What goes into a run (``WorkItem``) and what comes out for each document (``DocumentOutcome``).

A ``DocumentOutcome`` is also the line format of a batch results JSONL file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from summarizer.errors import InputError, SummarizerError
from summarizer.preprocess.document import Repair
from summarizer.summary_types import AnySummary


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
    content: str | bytes | None = field(repr=False)
    sha256: str
    source_path: Path | None = None

    def source(self) -> str | bytes:
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
