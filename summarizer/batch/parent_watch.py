"""Moved to ``summarizer.run.parent_watch``; this name keeps working for one release."""

from summarizer.run.parent_watch import die_with

__all__ = ["die_with"]
