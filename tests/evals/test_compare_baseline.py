"""Comparing two runs, the baseline gate, and the written reports."""

from __future__ import annotations

import json

import pytest
from evalkit import ACH_1, ACH_2, ACH_3, PLAN, FakeService, make_summary, write_case
from rich.console import Console

from summarizer.errors import InputError
from summarizer.evals.baseline import (
    baseline_from_run,
    check_against_baseline,
    load_baseline,
    write_baseline,
)
from summarizer.evals.compare import compare_runs, rich_comparison
from summarizer.evals.dataset import load_dataset
from summarizer.evals.report import load_run, markdown_report, rich_report, write_report
from summarizer.evals.runner import run_eval_sync

REF = {
    "metadata": {"report_year": 2022},
    "achievements": [{"text": "学法", "evidence": ACH_1}, {"text": "培训", "evidence": ACH_2},
                     {"text": "公开", "evidence": ACH_3}],
    "plans": [{"text": "执法", "evidence": PLAN}],
}


def _report(tmp_path, achievements: list[str], plans: list[str], year: int = 2022):
    root = tmp_path / "ds"
    if not root.exists():
        write_case(root, "a", REF)
        write_case(root, "b", {"plans": REF["plans"]})
    summary = make_summary(parts={"achievements": achievements, "plans": plans}, metadata={"report_year": year})
    return run_eval_sync(FakeService({"a": summary, "b": summary}), load_dataset(root))


@pytest.fixture
def before(tmp_path):
    return _report(tmp_path, [ACH_1], [])


@pytest.fixture
def after(tmp_path):
    return _report(tmp_path, [ACH_1, ACH_2, ACH_3], [PLAN], year=2021)


def test_compare_reports_overall_and_per_document_changes(before, after):
    comparison = compare_runs(before, after)
    overall = {c.name: c for c in comparison.overall}
    assert overall["micro.achievements.recall"].before == pytest.approx(1 / 3)
    assert overall["micro.achievements.recall"].delta == pytest.approx(2 / 3)
    assert overall["metadata.report_year"].delta == -1.0
    plans_b = {c.name: c for c in comparison.documents["b"]}["plans"]
    assert (plans_b.before, plans_b.after) == (0.0, 1.0)
    assert comparison.warnings == [] and comparison.only_in_a == []
    assert comparison.field_changes == {"a": ["metadata.report_year: 2022 ✔ → 2021 ✘"]}
    console = Console(record=True, width=250)
    console.print(rich_comparison(comparison))
    assert "a: metadata.report_year: 2022 ✔ → 2021 ✘" in console.export_text()


def test_compare_flags_different_matching_rules_and_missing_documents(before, after):
    after.run.matching_rule_version = "some-other-rule"
    after.documents = [d for d in after.documents if d.doc_id == "a"]
    comparison = compare_runs(before, after)
    assert any("different matching rules" in w for w in comparison.warnings)
    assert comparison.only_in_a == ["b"]
    console = Console(record=True, width=250)
    console.print(rich_comparison(comparison))
    assert "only in A: b" in console.export_text()


def test_run_files_round_trip(before, tmp_path):
    json_path, md_path = write_report(before, tmp_path / "run1")
    assert load_run(tmp_path / "run1") == before
    assert load_run(json_path) == before
    markdown = md_path.read_text(encoding="utf-8")
    assert "micro" in markdown and "macro" in markdown and "| a |" in markdown


def test_load_run_rejects_other_files(tmp_path):
    (tmp_path / "x.json").write_text('{"run": {}}', encoding="utf-8")
    with pytest.raises(InputError, match="x.json.*not an eval run"):
        load_run(tmp_path / "x.json")
    with pytest.raises(InputError, match="cannot read"):
        load_run(tmp_path / "missing.json")


def test_reports_show_micro_and_macro_and_failures(before):
    before.documents[1].status = "failed"
    before.documents[1].error = "input_error: cannot decode"
    console = Console(record=True, width=250)
    console.print(rich_report(before))
    text = console.export_text()
    assert "micro = pooled over documents" in text and "macro = mean per document" in text
    assert "FAILED" in text and "cannot decode" in text
    assert "cannot decode" in markdown_report(before)


def test_baseline_passes_on_equal_and_better_runs_and_fails_on_a_drop(before, after, tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(baseline_from_run(before, dataset="ds", path=str(path)), path)
    recorded = load_baseline(path)
    assert "--write-baseline" in recorded.command
    assert check_against_baseline(before, recorded) == []
    # `after` improves items but states a wrong report year: exactly that must be flagged, and
    # a stated wrong value is also a confident-wrong one (issue 16).
    regressions = check_against_baseline(after, recorded)
    assert [r.name for r in regressions] == ["metadata.report_year", "metadata.exact_rate",
                                             "confidence.metadata_not_wrong"]


def test_baseline_fails_when_a_recorded_score_disappears(before, tmp_path):
    recorded = baseline_from_run(before, dataset="ds", path="b.json")
    recorded.scores["micro.causes.f1"] = 0.5
    regressions = check_against_baseline(before, recorded)
    assert [(r.name, r.current) for r in regressions] == [("micro.causes.f1", None)]


def test_baseline_with_another_matching_rule_must_be_re_recorded(before):
    recorded = baseline_from_run(before, dataset="ds", path="b.json")
    recorded.matching_rule_version = "old"
    with pytest.raises(InputError, match="re-record"):
        check_against_baseline(before, recorded)


def test_malformed_baseline_names_the_field(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"backend": "rules"}), encoding="utf-8")
    with pytest.raises(InputError, match="baseline.json.*field dataset"):
        load_baseline(path)


def test_change_knows_undefined_scores_are_unchanged():
    from summarizer.evals.compare import Change

    assert not Change("x", None, None).changed
    assert Change("x", None, 0.5).changed and Change("x", 0.5, None).changed
    assert not Change("x", 0.5, 0.5 + 1e-12).changed and Change("x", 0.5, 0.6).changed
