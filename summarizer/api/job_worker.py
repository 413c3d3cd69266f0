"""Moved to ``summarizer.jobs.runner``; this name keeps working for one release."""

from summarizer.jobs.runner import JobRunner, JobWorker

__all__ = ["JobRunner", "JobWorker"]
