"""``summarizer eval`` as a user runs it: compare, errors, and a real run over the seeds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from evalkit import ACH_1, ACH_2, PLAN, FakeService, make_summary, write_case
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.dataset import load_dataset
from summarizer.evals.report import load_run, write_report
from summarizer.evals.runner import run_eval_sync

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
runner = CliRunner(env={"COLUMNS": "250"})


def _write_run(tmp_path: Path, name: str, achievements: list[str]) -> Path:
    root = tmp_path / "ds"
    if not root.exists():
        write_case(root, "doc1", {"achievements": [{"text": "学法", "evidence": ACH_1},
                                                   {"text": "培训", "evidence": ACH_2}],
                                  "plans": [{"text": "执法", "evidence": PLAN}]})
    summary = make_summary(parts={"achievements": achievements, "plans": [PLAN]})
    report = run_eval_sync(FakeService({"doc1": summary}), load_dataset(root))
    json_path, _ = write_report(report, tmp_path / name)
    return json_path


def test_compare_shows_what_changed(tmp_path):
    a = _write_run(tmp_path, "a", [ACH_1])
    b = _write_run(tmp_path, "b", [ACH_1, ACH_2])
    result = runner.invoke(app, ["eval", "--compare", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "micro.achievements.recall" in result.output
    assert "50.0" in result.output and "+50.0" in result.output  # recall 1/2 -> 2/2
    assert "doc1" in result.output and "67→100" in result.output  # achievements F1


def test_compare_only_changed_hides_equal_rows(tmp_path):
    a = _write_run(tmp_path, "a", [ACH_1])
    b = _write_run(tmp_path, "b", [ACH_1, ACH_2])
    result = runner.invoke(app, ["eval", "--compare", str(a), str(b), "--only-changed"])
    assert result.exit_code == 0, result.output
    assert "micro.achievements.recall" in result.output
    assert "micro.plans.f1" not in result.output


def test_compare_with_a_bad_file_is_a_clear_error(tmp_path):
    a = _write_run(tmp_path, "a", [ACH_1])
    bogus = tmp_path / "bogus.json"
    bogus.write_text("[1, 2]", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--compare", str(a), str(bogus)])
    assert result.exit_code == 1  # a bad input (README, "Exit codes")
    assert "bogus.json" in result.output and "not an eval run" in result.output


def test_bad_reference_names_file_and_field(tmp_path):
    write_case(tmp_path / "ds", "doc1", {"plans": [{"text": "x", "evidence": 5}]})
    result = runner.invoke(app, ["eval", "--dataset", str(tmp_path / "ds")])
    assert result.exit_code == 1  # a bad input (README, "Exit codes")
    assert "doc1.json" in result.output and "plans[0].evidence" in result.output


def test_eval_needs_a_dataset_or_compare():
    result = runner.invoke(app, ["eval"])
    assert result.exit_code == 2
    assert "--dataset" in result.output


def test_rules_eval_over_the_seeds_writes_reports_and_baseline(tmp_path):
    out, baseline = tmp_path / "run", tmp_path / "baseline.json"
    result = runner.invoke(app, ["eval", "--dataset", str(SEEDS), "--backend", "rules", "--out", str(out),
                                 "--write-baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    report = load_run(out)
    assert report.run.backend == "rules" and report.overall.n_documents == 5
    assert {d.doc_id for d in report.documents} == {p.stem for p in SEEDS.glob("*.json")}
    assert "micro" in (out / "report.md").read_text(encoding="utf-8")
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["scores"]["schema_valid_rate"] == report.overall.schema_valid_rate
    # Checking the run against the baseline it just recorded passes.
    again = runner.invoke(app, ["eval", "--dataset", str(SEEDS), "--out", str(tmp_path / "run2"),
                                "--check-baseline", str(baseline)])
    assert again.exit_code == 0, again.output
    assert "no score below the baseline" in again.output


def test_check_baseline_exits_1_and_names_every_drop(tmp_path):
    baseline = tmp_path / "baseline.json"
    first = runner.invoke(app, ["eval", "--dataset", str(SEEDS), "--out", str(tmp_path / "run1"),
                                "--write-baseline", str(baseline)])
    assert first.exit_code == 0, first.output
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    recorded["scores"]["micro.plans.recall"] = 1.5  # no run can reach it
    recorded["scores"]["metadata.nonexistent"] = 0.1
    baseline.write_text(json.dumps(recorded), encoding="utf-8")
    result = runner.invoke(app, ["eval", "--dataset", str(SEEDS), "--out", str(tmp_path / "run2"),
                                 "--check-baseline", str(baseline)])
    assert result.exit_code == 1
    assert "2 scores dropped below the baseline" in result.output
    assert "micro.plans.recall" in result.output and "metadata.nonexistent: missing" in result.output


def test_dataset_of_an_unknown_genre_is_refused_with_usage_exit(tmp_path):
    (tmp_path / "index.json").write_text('{"genre": "annual_budget"}', encoding="utf-8")
    result = runner.invoke(app, ["eval", "--dataset", str(tmp_path), "--backend", "rules"])
    assert result.exit_code == 2, result.output
    assert "genre annual_budget is not supported by this version" in result.output


def _govwork_subset(folder: Path, ids: tuple[str, ...] = ("g01", "g02")) -> Path:
    """A dataset of two government work reports (g02 has every part, g01 no self-building): the
    command's routing and gate, run twice, without scoring all eleven twice (the whole dataset is
    gated by tests/evals/test_baseline_gate.py)."""
    source = SEEDS.parent / "govwork"
    index = json.loads((source / "index.json").read_text(encoding="utf-8"))
    index["reports"] = [r for r in index["reports"] if r["id"] in ids]
    folder.mkdir()
    (folder / "index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    for doc_id in ids:
        for suffix in (".txt", ".json"):
            shutil.copy(source / f"{doc_id}{suffix}", folder)
    return folder


def test_the_govwork_dataset_is_scored_as_its_genre_and_gated(tmp_path):
    govwork = _govwork_subset(tmp_path / "govwork")
    baseline = tmp_path / "govwork.json"
    result = runner.invoke(app, ["eval", "--dataset", str(govwork), "--out", str(tmp_path / "run"),
                                 "--write-baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["scores"]
    assert {"review.f1", "problems.f1", "targets.f1", "plans.f1", "metadata.issuer.accuracy"} <= set(recorded)
    recorded["targets.f1"] = 1.01  # no run reaches it
    baseline.write_text(json.dumps({**json.loads(baseline.read_text(encoding="utf-8")), "scores": recorded}),
                        encoding="utf-8")
    result = runner.invoke(app, ["eval", "--dataset", str(govwork), "--out", str(tmp_path / "run2"),
                                 "--check-baseline", str(baseline)])
    assert result.exit_code == 1
    assert "targets.f1" in result.output
