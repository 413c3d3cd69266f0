"""The devset loads as a dataset: its index.json describes the reports and is not a reference."""

from pathlib import Path

from summarizer.evals.dataset import load_dataset

DEVSET = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "devset"


def test_the_devset_loads_without_its_index():
    dataset = load_dataset(DEVSET)
    assert len(dataset.cases) == 8 and "index" not in {c.doc_id for c in dataset.cases}
