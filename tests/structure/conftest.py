"""Fixtures for the section-tree tests: the bundled seeds, cleaned once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"


@pytest.fixture(scope="session")
def seed_doc():
    """``seed_doc("000")`` → the cleaned seed report whose id starts with 000."""
    from summarizer.preprocess import clean

    cache = {}

    def load(prefix: str):
        if prefix not in cache:
            path = next(SEEDS_DIR.glob(f"{prefix}_*.txt"))
            cache[prefix] = clean(path)
        return cache[prefix]

    return load
