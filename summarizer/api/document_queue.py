"""Moved to ``summarizer.jobs.queue``; this name keeps working for one release."""

from summarizer.jobs.queue import QUEUE, TASK, DocumentQueue, queue_app

__all__ = ["QUEUE", "TASK", "DocumentQueue", "queue_app"]
