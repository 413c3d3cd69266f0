"""Fixtures for the rules-backend tests: the bundled seeds and their references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
SEED_PREFIXES = ("000", "001", "002", "003", "004")


def seed_file(prefix: str) -> Path:
    """The raw text file of the seed whose id starts with ``prefix``."""
    return next(SEEDS_DIR.glob(f"{prefix}_*.txt"))


def seed_reference(prefix: str) -> dict:
    """The hand-made reference extraction of a seed."""
    return json.loads(seed_file(prefix).with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_doc():
    """``seed_doc("003")`` → (clean document, structure) of a seed, cached per session."""
    from summarizer.preprocess import clean
    from summarizer.structure import parse_structure

    cache = {}

    def load(prefix: str):
        if prefix not in cache:
            doc = clean(seed_file(prefix))
            cache[prefix] = (doc, parse_structure(doc))
        return cache[prefix]

    return load


@pytest.fixture(scope="session")
def seed_summary():
    """``seed_summary("000")`` → the SummaryResult of the rules backend on a seed (cached)."""
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    cache = {}

    def run(prefix: str):
        if prefix not in cache:
            path = seed_file(prefix)
            cache[prefix] = SummaryService(Settings(cache_enabled=False)).summarize_sync(
                path, backend="rules", name=path.name
            )
        return cache[prefix]

    return run


@pytest.fixture(scope="session")
def seed_ref():
    """``seed_ref("000")`` → the reference extraction (dict) of a seed."""
    return seed_reference
