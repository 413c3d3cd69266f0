"""API jobs: the store interface (``jobs.store``), its SQLite and PostgreSQL stores, their
migrations, the PostgreSQL document queue, the in-process job runner and ``summarizer worker``."""
