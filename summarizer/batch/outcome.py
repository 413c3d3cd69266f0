"""Moved to ``summarizer.run.outcome``; this name keeps working for one release."""

from summarizer.run.outcome import DocumentOutcome, ErrorInfo, WorkItem, content_sha256

__all__ = ["DocumentOutcome", "ErrorInfo", "WorkItem", "content_sha256"]
