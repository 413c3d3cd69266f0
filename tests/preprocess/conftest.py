"""Fixtures for preprocessing tests: the bundled seeds, cleaned once per session.

A test that takes a ``doc_id`` argument runs once per bundled seed report.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer.preprocess import CleanDocument, clean

SEEDS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "doc_id" in metafunc.fixturenames:
        metafunc.parametrize("doc_id", SEED_IDS)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of bundled seed reports."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def cleaned() -> dict[str, CleanDocument]:
    """Every seed report, cleaned from its file."""
    return {doc_id: clean(SEEDS_DIR / f"{doc_id}.txt") for doc_id in SEED_IDS}


@pytest.fixture(scope="session")
def reference() -> Callable[[str], dict]:
    """Loads the hand-made reference extraction of a seed."""

    def load(doc_id: str) -> dict:
        return json.loads((SEEDS_DIR / f"{doc_id}.json").read_text(encoding="utf-8"))

    return load
