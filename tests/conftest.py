"""Shared fixtures (the bundled seed reports, isolated settings) and the test tiers (tests/tiers.py)."""

from __future__ import annotations

import gc
import itertools
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tests.tiers import in_slow_folder, load_fast_examples, mark_slow_folders, skips_slow_folders

# CI must be reproducible: there hypothesis draws the same examples every run
# (a failure found locally is kept in .hypothesis/ and replayed). Local runs
# keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "evals" / "datasets" / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


def pytest_configure(config: pytest.Config) -> None:
    """The fast tier draws fewer hypothesis examples (tests/tiers.py)."""
    load_fast_examples(config)


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session):
    """Collect with the garbage collector off, then freeze what collection made.

    Collecting imports some 2,000 modules and builds every test: objects that live as long as
    the run. The collector's full passes over them cost each process (each xdist worker) about
    two seconds of CPU while collecting and nearly as much while the tests run and at exit.
    Frozen (``gc.freeze``),
    they are left out of every later pass; the tests' own garbage is collected as before."""
    gc.disable()
    try:
        return (yield)
    finally:
        gc.enable()
        gc.freeze()


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave the slow folders uncollected when ``-m`` deselects every slow test anyway."""
    if in_slow_folder(collection_path) and skips_slow_folders(config):
        return True
    return None  # let pytest decide (--ignore, norecursedirs...)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of a slow folder is in the slow tier."""
    mark_slow_folders(items)


@pytest.fixture(scope="session")
def _empty_folder(tmp_path_factory) -> Path:
    """The working folder of the tests that ask for no ``tmp_path`` (emptied after each)."""
    return tmp_path_factory.mktemp("cwd")


_CACHES = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_env(request, monkeypatch, _empty_folder):
    """Keep tests away from the user's config, cache and keys: each starts in an empty folder
    (its ``tmp_path`` if it asks for one), so no .env of the developer's is read, with a cache
    folder of its own. Most tests ask for no ``tmp_path``: they share one empty folder, as making
    a numbered folder for each cost a millisecond or two of CPU per test."""
    for var in list(os.environ):
        if var.startswith("SUMMARIZER_") or var in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}:
            monkeypatch.delenv(var, raising=False)
    if "tmp_path" in request.fixturenames:
        home: Path = request.getfixturevalue("tmp_path")
        cache = home / "cache"
    else:
        home, cache = _empty_folder, _empty_folder.parent / f"cache-{next(_CACHES)}"
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(cache))
    monkeypatch.chdir(home)
    yield
    if home is _empty_folder:  # what the test wrote where it ran: gone before the next test
        for left in home.iterdir():
            if left.is_dir() and not left.is_symlink():
                shutil.rmtree(left, ignore_errors=True)
            else:
                left.unlink(missing_ok=True)


def seed_path(doc_id: str) -> Path:
    """The raw text file of a bundled seed report."""
    return SEEDS_DIR / f"{doc_id}.txt"


def seed_reference(doc_id: str) -> dict:
    """The reference extraction of a bundled seed report."""
    return json.loads((SEEDS_DIR / f"{doc_id}.json").read_text(encoding="utf-8"))
