"""CI gate on what a reader sees, over every seed and every devset report (rules backend).

Issue 9: no figure that lost its qualifier, every figure inside its item; the summary Dice per
part is reported. Issue 16 made the well-formedness, label and unit checks a reader's: their
shares are gated per dataset by evals/baselines/ (tests/evals/test_baseline_gate.py), and here
every summary or figure counted as broken must be listed with its reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evals.dataset import load_dataset
from summarizer.evals.runner import run_eval_sync
from summarizer.evals.scoring import ALL_PARTS
from summarizer.settings import Settings

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"


@pytest.fixture(scope="module", params=["seeds", "devset"])
def run(request):
    from summarizer.service import SummaryService

    report = run_eval_sync(SummaryService(Settings(cache_enabled=False)), load_dataset(DATASETS / request.param),
                           backend="rules")
    assert not [d.doc_id for d in report.documents if d.status == "failed"]
    return report


def _problems(report, kind: str) -> list[str]:
    return [f"{d.doc_id} {part}: {p}" for d in report.documents for part, r in d.reader.items()
            if part != ALL_PARTS for p in r.problems if p.startswith(kind)]


def test_every_broken_summary_and_figure_is_listed_with_its_reason(run):
    for d in run.documents:
        for part, r in d.reader.items():
            if part == ALL_PARTS:
                continue
            summaries = [p for p in r.problems if p.startswith("summary")]
            figures = [p for p in r.problems if p.startswith("figure")]
            assert len(summaries) == min(r.n_summaries - r.well_formed, 20) or len(r.problems) == 20, (d.doc_id, part)
            assert bool(figures) >= bool(r.label_bad or r.unit_bad), (d.doc_id, part)


def test_every_figure_keeps_its_qualifier_and_lies_in_its_item(run):
    pooled = run.overall.reader[ALL_PARTS]
    assert pooled.n_figures > 0 and pooled.qualifier_expected > 0  # the checks had something to check
    assert (pooled.qualifier_lost, pooled.outside_item) == (0, 0), "\n".join(_problems(run, "figure"))


def test_summary_dice_is_reported_per_part(run):
    for part in ("achievements", "problems", "plans"):
        dice = run.overall.reader[part].summary_dice
        assert dice is not None and 0.2 < dice <= 1, (part, dice)
