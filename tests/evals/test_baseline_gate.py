"""CI gate: the rules backend over the bundled seeds must not score below evals/baseline.json.

Raising the baseline is a deliberate commit:
``summarizer eval --dataset evals/datasets/seeds --backend rules --write-baseline evals/baseline.json``
"""

from __future__ import annotations

from pathlib import Path

from summarizer.evals.baseline import check_against_baseline, load_baseline
from summarizer.evals.dataset import load_dataset
from summarizer.evals.runner import run_eval_sync
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "evals" / "baseline.json"
SEEDS = ROOT / "evals" / "datasets" / "seeds"


def test_rules_backend_does_not_drop_below_the_baseline():
    from summarizer.service import SummaryService

    baseline = load_baseline(BASELINE)
    assert baseline.backend == "rules" and baseline.scores
    report = run_eval_sync(SummaryService(Settings()), load_dataset(SEEDS), backend="rules")
    failures = [f"{d.doc_id}: {d.error}" for d in report.documents if d.status == "failed"]
    regressions = check_against_baseline(report, baseline)
    assert not regressions, (
        "scores dropped below evals/baseline.json:\n  " + "\n  ".join(map(str, regressions))
        + ("\nfailed documents:\n  " + "\n  ".join(failures) if failures else "")
    )
