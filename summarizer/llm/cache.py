"""A content-addressed SQLite cache of extractions, and of the modes endpoints accepted.

The key is a hash of everything that decides the answer: the clean text, the
endpoint and model, the prompt (name, version and file hash), the schema
version and the knobs that change the request (hints, chunk size). The value
is the ``Extraction`` as JSON. One short-lived connection per operation keeps
it safe across threads and processes (SQLite serialises the writers).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from summarizer.errors import ConfigError

ModelT = TypeVar("ModelT", bound=BaseModel)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS modes (endpoint TEXT PRIMARY KEY, mode TEXT NOT NULL, updated_at REAL NOT NULL);
"""


def cache_key(**parts: object) -> str:
    """A stable hash of the named parts (JSON with sorted keys)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ExtractionCache:
    """Extractions by key in ``<cache_dir>/llm.sqlite3``."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"cannot open the LLM cache at {self.path}: {exc}",
                hint="set SUMMARIZER_CACHE_DIR to a writable folder, or SUMMARIZER_CACHE_ENABLED=false",
            ) from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:  # commit or roll back
                yield db
        finally:
            db.close()

    def get(self, key: str, model: type[ModelT]) -> ModelT | None:
        """The cached extraction for ``key`` as a ``model`` (the backend's ``Extraction``), or None."""
        with self._connect() as db:
            row = db.execute("SELECT value FROM extractions WHERE key = ?", (key,)).fetchone()
        return None if row is None else model.model_validate_json(row[0])

    def put(self, key: str, extraction: BaseModel) -> None:
        """Store (or replace) the extraction for ``key``."""
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO extractions (key, value, created_at) VALUES (?, ?, ?)",
                (key, extraction.model_dump_json(), time.time()),
            )

    def load_mode(self, endpoint: str) -> str | None:
        """The structured-output mode that last worked for ``endpoint``."""
        with self._connect() as db:
            row = db.execute("SELECT mode FROM modes WHERE endpoint = ?", (endpoint,)).fetchone()
        return None if row is None else row[0]

    def save_mode(self, endpoint: str, mode: str) -> None:
        """Remember that ``mode`` worked for ``endpoint``."""
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO modes (endpoint, mode, updated_at) VALUES (?, ?, ?)",
                (endpoint, mode, time.time()),
            )
