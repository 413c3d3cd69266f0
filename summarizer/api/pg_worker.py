"""Moved to ``summarizer.jobs.worker``; this name keeps working for one release."""

from summarizer.jobs.worker import run_worker

__all__ = ["run_worker"]
