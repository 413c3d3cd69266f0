"""Moved to ``summarizer.jobs.sqlite``; this name keeps working for one release."""

from summarizer.jobs.sqlite import SqliteJobStore

__all__ = ["SqliteJobStore"]
