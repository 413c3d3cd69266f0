"""The PostgreSQL jobs schema, migrated on start by every process, idempotent and race-safe.

Each migration runs once, in its own transaction, and is recorded in
``summarizer_schema_migrations``. The whole run holds a session advisory
lock, so when several processes (API replicas, workers) start at once one
migrates and the others wait, then find nothing left to do. procrastinate's
own schema is installed the same way when it is missing. Append new
migrations; never edit one that has shipped.
"""

from __future__ import annotations

import psycopg
from procrastinate.schema import SchemaManager

_MIGRATION_LOCK = 0x5355_4D4D  # pg_advisory_lock key ("SUMM")

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
CREATE TABLE summarizer_jobs (
    id text PRIMARY KEY,
    owner text NOT NULL,
    backend text NOT NULL,
    include_text boolean NOT NULL,
    include_repairs boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE TABLE summarizer_documents (
    job_id text NOT NULL REFERENCES summarizer_jobs(id) ON DELETE CASCADE,
    idx integer NOT NULL,
    name text NOT NULL,
    content bytea NOT NULL,
    is_text boolean NOT NULL,
    sha256 text NOT NULL,
    status text NOT NULL,
    outcome text,
    attempts integer NOT NULL DEFAULT 0,
    worker text,
    queued boolean NOT NULL DEFAULT false,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX summarizer_documents_unfinished ON summarizer_documents (job_id)
    WHERE status IN ('pending', 'running');
CREATE TABLE summarizer_write_probe (id integer PRIMARY KEY, at timestamptz NOT NULL);
"""),
    # A job's genre (API ``genre``): null for auto, each document's kind decides.
    (2, "ALTER TABLE summarizer_jobs ADD COLUMN genre text;"),
)


def migrate_postgres(url: str) -> list[int]:
    """Bring the database at ``url`` up to date; return the versions applied (none when it was)."""
    applied: list[int] = []
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS summarizer_schema_migrations "
                         "(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            done = {row[0] for row in conn.execute("SELECT version FROM summarizer_schema_migrations")}
            for version, sql in MIGRATIONS:
                if version in done:
                    continue
                with conn.transaction():
                    conn.execute(sql)
                    conn.execute("INSERT INTO summarizer_schema_migrations (version) VALUES (%s)", (version,))
                applied.append(version)
            # SELECT of one expression always returns one row; its value is NULL when the table is missing.
            found = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
            if found is None or found[0] is None:
                with conn.transaction():
                    conn.execute(SchemaManager.get_schema())
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    return applied
