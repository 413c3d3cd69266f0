"""Running a dataset through a (stand-in) service and scoring it, per document and overall."""

from __future__ import annotations

import pytest
from evalkit import (
    ACH_1,
    ACH_2,
    ACH_3,
    PLAN,
    PROBLEM,
    REPORT_TEXT,
    FakeService,
    make_summary,
    write_case,
)

from summarizer.errors import OutputError
from summarizer.evals.dataset import load_dataset
from summarizer.evals.runner import run_eval_sync
from summarizer.evals.scoring import ALL_PARTS, headline_scores
from summarizer.schema import Usage

FULL_REFERENCE = {
    "metadata": {"title": "环市街2022年法治政府建设年度报告", "issuer": "环市街", "issuer_level": "township",
                 "report_year": 2022, "published_date": None},
    "sections_present": {"achievements": True, "problems": True, "causes": False,
                         "leader_duties": False, "plans": True},
    "achievements": [{"text": "学法", "evidence": ACH_1}, {"text": "培训", "evidence": ACH_2},
                     {"text": "公开", "evidence": ACH_3}],
    "problems": [{"text": "人才缺乏", "evidence": PROBLEM}],
    "causes": [],
    "leader_duties": [],
    "plans": [{"text": "执法", "evidence": PLAN}],
}
RIGHT_METADATA = {"title": "环市街2022年法治政府建设年度报告", "issuer": "环市街",
                  "issuer_level": "township", "report_year": 2022}


def _run(tmp_path, refs: dict[str, dict], summaries: dict, **kwargs):
    for doc_id, ref in refs.items():
        write_case(tmp_path / "ds", doc_id, ref)
    service = FakeService(summaries)
    return run_eval_sync(service, load_dataset(tmp_path / "ds"), **kwargs), service


def test_perfect_summary_scores_one_everywhere(tmp_path):
    perfect = make_summary(parts={"achievements": [ACH_1, ACH_2, ACH_3], "problems": [PROBLEM], "plans": [PLAN]},
                           metadata=RIGHT_METADATA)
    report, _ = _run(tmp_path, {"a": FULL_REFERENCE}, {"a": perfect})
    doc = report.documents[0]
    assert doc.status == "ok"
    assert doc.parts["achievements"].f1 == 1.0 and doc.parts[ALL_PARTS].f1 == 1.0
    assert doc.parts["causes"].f1 is None  # nothing expected, nothing predicted
    assert doc.metadata_exact is True
    assert all(f.correct for f in doc.compliance.values())
    o = report.overall
    assert o.schema_valid_rate == 1.0 and o.grounding_rate == 1.0 and o.span_exact_rate == 1.0
    assert o.micro[ALL_PARTS].f1 == 1.0 and o.macro[ALL_PARTS].f1 == 1.0
    assert o.metadata_accuracy == {f: 1.0 for f in FULL_REFERENCE["metadata"]}


def test_wrong_parts_metadata_and_compliance_are_counted(tmp_path):
    summary = make_summary(
        parts={"achievements": [f"{ACH_1}\n{ACH_2}\n{ACH_3}\n{PROBLEM}"], "causes": [PROBLEM]},
        metadata={**RIGHT_METADATA, "issuer": "蓬江区", "report_year": 2023},
    )
    report, _ = _run(tmp_path, {"a": FULL_REFERENCE}, {"a": summary})
    doc = report.documents[0]
    ach = doc.parts["achievements"]
    assert (ach.matched_ref, ach.n_ref, ach.matched_pred, ach.n_pred) == (3, 3, 0, 1)  # sprawling passage
    assert doc.parts["causes"].precision == 0.0 and doc.parts["plans"].recall == 0.0
    assert not doc.metadata["issuer"].correct and not doc.metadata["report_year"].correct
    assert doc.metadata["title"].correct and doc.metadata_exact is False
    assert doc.compliance["causes"].correct is False and doc.compliance["problems"].correct is False
    assert doc.compliance["achievements"].correct is True
    assert report.overall.compliance_accuracy_all == pytest.approx(2 / 5)


def test_metadata_compares_after_normalisation(tmp_path):
    ref = {"metadata": {"title": "環市街2022年法治政府建設年度報告", "published_date": "2023-03-01"}}
    summary = make_summary(metadata={"title": "环市街２０２２年法治政府建设年度报告", "published_date": "2023-03-01"})
    report, _ = _run(tmp_path, {"a": ref}, {"a": summary})
    assert report.overall.metadata_accuracy == {"title": 1.0, "published_date": 1.0}
    assert report.overall.metadata_exact_rate == 1.0


def test_partial_reference_scores_only_its_parts(tmp_path):
    summary = make_summary(parts={"achievements": [ACH_1], "plans": [PLAN]}, metadata={"issuer": "别处"})
    report, _ = _run(tmp_path, {"a": {"achievements": FULL_REFERENCE["achievements"]}}, {"a": summary})
    doc = report.documents[0]
    assert set(doc.parts) == {"achievements", ALL_PARTS}
    assert doc.metadata == {} and doc.metadata_exact is None and doc.compliance == {}
    assert report.overall.metadata_exact_rate is None
    assert "micro.plans.f1" not in headline_scores(report.overall)


def test_failed_document_is_reported_and_counts_against_schema_valid_rate(tmp_path):
    good = make_summary(parts={"achievements": [ACH_1, ACH_2, ACH_3]})
    boom = OutputError("the rules backend produced a summary that does not validate", source="b.txt")
    report, service = _run(tmp_path, {"a": FULL_REFERENCE, "b": FULL_REFERENCE}, {"a": good, "b": boom})
    assert sorted(service.calls) == ["a.txt", "b.txt"]
    failed = next(d for d in report.documents if d.doc_id == "b")
    assert failed.status == "failed" and "output_error" in failed.error and failed.parts == {}
    o = report.overall
    assert (o.n_documents, o.n_scored, o.n_failed) == (2, 1, 1)
    assert o.schema_valid_rate == 0.5
    assert o.micro["achievements"].f1 == 1.0  # the other document is still scored


def test_unexpected_crash_in_one_document_does_not_end_the_run(tmp_path):
    good = make_summary(parts={"achievements": [ACH_1]})
    report, _ = _run(tmp_path, {"a": FULL_REFERENCE, "b": FULL_REFERENCE}, {"a": good, "b": KeyError("x")})
    assert [d.status for d in report.documents] == ["ok", "failed"]
    assert "KeyError" in report.documents[1].error


def test_micro_pools_items_macro_averages_documents(tmp_path):
    # doc a: 3 reference achievements, all found; doc b: 1 reference achievement, missed.
    ref_b = {"achievements": [{"text": "公开", "evidence": ACH_3}]}
    a = make_summary(parts={"achievements": [ACH_1, ACH_2, ACH_3]})
    b = make_summary(parts={"achievements": [ACH_1]})
    report, _ = _run(tmp_path, {"a": {"achievements": FULL_REFERENCE["achievements"]}, "b": ref_b},
                     {"a": a, "b": b})
    micro, macro = report.overall.micro["achievements"], report.overall.macro["achievements"]
    assert micro.recall == pytest.approx(3 / 4) and micro.precision == pytest.approx(3 / 4)
    assert macro.recall == pytest.approx((1 + 0) / 2) and macro.f1 == pytest.approx(0.5)
    assert macro.n_documents == 2


def test_grounding_is_checked_against_the_clean_text_itself(tmp_path):
    # The service's clean text differs from what the spans were made on: a line break
    # inserted inside ACH_2 (found whitespace-insensitively, span no longer exact) and
    # ACH_3 removed entirely (not found at all).
    summary = make_summary(parts={"achievements": [ACH_1, ACH_2, ACH_3]})
    shifted = REPORT_TEXT.replace(ACH_2, ACH_2[:5] + "\n" + ACH_2[5:]).replace(ACH_3, "")
    write_case(tmp_path / "ds", "a", {"achievements": []})
    service = FakeService({"a": summary}, text=shifted)
    report = run_eval_sync(service, load_dataset(tmp_path / "ds"))
    g = report.documents[0].grounding
    assert (g.n_evidence, g.found, g.span_exact) == (3, 2, 1)
    assert report.documents[0].status == "invalid"  # re-validation against the clean text fails
    assert report.overall.schema_valid_rate == 0.0


def test_usage_and_run_info_are_recorded(tmp_path):
    usage = Usage(prompt_tokens=1000, completion_tokens=200, calls=2, cost=0.01, currency="USD")
    summary = make_summary(parts={"plans": [PLAN]}, usage=usage, model="qwen-test")
    report, _ = _run(tmp_path, {"a": {"plans": []}, "b": {"plans": []}}, {"a": summary, "b": summary},
                     backend="llm", concurrency=2)
    o = report.overall
    assert (o.prompt_tokens, o.completion_tokens, o.calls) == (2000, 400, 4)
    assert o.cost == pytest.approx(0.02) and o.currency == "USD"
    assert o.latency_ms_mean is not None
    assert report.run.backend == "llm" and report.run.model == "qwen-test"
    assert report.run.matching_rule_version and report.run.summarizer_version
    assert report.documents[0].timing_ms == {"extract": 1.0}


def test_misses_and_unmatched_predictions_are_listed(tmp_path):
    summary = make_summary(parts={"achievements": [ACH_1, PLAN]})
    report, _ = _run(tmp_path, {"a": {"achievements": FULL_REFERENCE["achievements"]}}, {"a": summary})
    ach = report.documents[0].parts["achievements"]
    assert [m.split(" ｜ ")[0] for m in ach.missed] == ["培训", "公开"]
    assert len(ach.unmatched) == 1 and ach.unmatched[0].endswith(" ｜ " + PLAN)
    assert report.overall.micro["achievements"].missed == []  # pooled scores carry counts only
