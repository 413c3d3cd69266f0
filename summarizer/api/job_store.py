"""Moved to ``summarizer.jobs.store``; this name keeps working for one release."""

from summarizer.jobs.store import (
    DEFAULT_RETRY_AFTER_S,
    OPEN_ACCESS_OWNER,
    DocumentRef,
    JobLimits,
    JobOptions,
    JobStore,
    QueueFullError,
    job_key,
    job_status,
    owner_of_key,
    refuse_past_limits,
    split_key,
)

__all__ = ["DEFAULT_RETRY_AFTER_S", "OPEN_ACCESS_OWNER", "DocumentRef", "JobLimits", "JobOptions", "JobStore", "QueueFullError", "job_key", "job_status", "owner_of_key", "refuse_past_limits", "split_key"]
