"""Moved to ``summarizer.jobs.migrations``; this name keeps working for one release."""

from summarizer.jobs.migrations import MIGRATIONS, migrate_postgres

__all__ = ["MIGRATIONS", "migrate_postgres"]
