"""Moved to ``summarizer.run.pool``; this name keeps working for one release."""

from summarizer.run.pool import PoolAnswer, PoolTask, WorkPool

__all__ = ["PoolAnswer", "PoolTask", "WorkPool"]
