"""Fixtures for the batch tests: a folder of reports and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

SEEDS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    """The seed reports (text only) copied into a folder, one re-encoded as GB18030."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for doc_id in SEED_IDS:
        shutil.copy(SEEDS_DIR / f"{doc_id}.txt", folder / f"{doc_id}.txt")
    first = folder / f"{SEED_IDS[0]}.txt"
    first.write_bytes(first.read_text(encoding="utf-8").encode("gb18030"))
    return folder


@pytest.fixture
def cli():
    """Run ``summarizer ARGS...`` in-process; returns the click Result."""
    from summarizer.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke
