"""Freeze the seeds' clean documents and structures for the cassette tests.

Cassettes match requests by body, and the body holds the clean text and the
section outline; freezing them keeps the recordings valid while the
preprocessor and the structure parser evolve. Re-run this, then re-record
(``pytest tests/llm --record-mode=rewrite``), to pick up their changes.

    .venv/bin/python tests/llm/snapshot_seeds.py
"""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.preprocess import clean
from summarizer.structure import parse_structure

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "evals" / "datasets" / "seeds"
OUT = ROOT / "tests" / "cassettes" / "seeds"
# Reports of another genre the cassette tests read (tests/llm/test_govwork.py), frozen beside them.
GENRE_REPORTS = (ROOT / "evals" / "datasets" / "govwork" / "g01.txt",)
GENRE_OUT = ROOT / "tests" / "cassettes" / "govwork"


def main() -> None:
    """Write ``tests/cassettes/seeds/<id>.json`` for every seed report (and ``govwork/<id>.json``)."""
    jobs = [(path, OUT) for path in sorted(SEEDS_DIR.glob("*.txt"))] + [(path, GENRE_OUT) for path in GENRE_REPORTS]
    for path, out in jobs:
        out.mkdir(parents=True, exist_ok=True)
        doc = clean(path, name=path.name)
        structure = parse_structure(doc)
        data = {"document": doc.model_dump(mode="json"), "structure": structure.model_dump(mode="json")}
        (out / f"{path.stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{path.stem}: {len(doc.text)} chars, {len(list(structure.walk()))} sections")


if __name__ == "__main__":
    main()
