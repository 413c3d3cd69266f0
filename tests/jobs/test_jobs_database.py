"""One setting names the jobs database (SUMMARIZER_JOBS_URL); the old SUMMARIZER_API_JOBS_DB
keeps working for one release, with a deprecation warning."""

from __future__ import annotations

import asyncio
import warnings

import pytest

from summarizer.jobs.database import open_job_store
from summarizer.settings import Settings


def _store_file(settings: Settings):
    store = open_job_store(settings)
    try:
        return store.path
    finally:
        asyncio.run(store.close())


def test_the_jobs_url_names_the_database_without_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_JOBS_URL", str(tmp_path / "jobs.sqlite3"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _store_file(Settings()) == tmp_path / "jobs.sqlite3"


def test_the_old_name_still_works_and_says_it_is_deprecated(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_API_JOBS_DB", str(tmp_path / "old.sqlite3"))
    with pytest.warns(DeprecationWarning, match="SUMMARIZER_JOBS_URL"):
        assert _store_file(Settings()) == tmp_path / "old.sqlite3"


def test_the_jobs_url_wins_over_the_old_name(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_API_JOBS_DB", str(tmp_path / "old.sqlite3"))
    monkeypatch.setenv("SUMMARIZER_JOBS_URL", f"sqlite://{tmp_path / 'new.sqlite3'}")
    with pytest.warns(DeprecationWarning):
        assert _store_file(Settings()) == tmp_path / "new.sqlite3"
