"""Shared fixtures (the bundled seed reports, isolated settings) and the test tiers (tests/tiers.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.tiers import in_slow_folder, mark_slow_folders, skips_slow_folders

# CI must be reproducible: there hypothesis draws the same examples every run
# (a failure found locally is kept in .hypothesis/ and replayed). Local runs
# keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "evals" / "datasets" / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave the slow folders uncollected when ``-m`` deselects every slow test anyway."""
    if in_slow_folder(collection_path) and skips_slow_folders(config):
        return True
    return None  # let pytest decide (--ignore, norecursedirs...)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of a slow folder is in the slow tier."""
    mark_slow_folders(items)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """Keep tests away from the user's config, cache and keys."""
    for var in list(os.environ):
        if var.startswith("SUMMARIZER_") or var in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}:
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # so no .env of the developer's is read


def seed_path(doc_id: str) -> Path:
    """The raw text file of a bundled seed report."""
    return SEEDS_DIR / f"{doc_id}.txt"


def seed_reference(doc_id: str) -> dict:
    """The reference extraction of a bundled seed report."""
    return json.loads((SEEDS_DIR / f"{doc_id}.json").read_text(encoding="utf-8"))
