"""Moved to ``summarizer.jobs.postgres``; this name keeps working for one release."""

from summarizer.jobs.postgres import Claim, PostgresJobStore

__all__ = ["Claim", "PostgresJobStore"]
