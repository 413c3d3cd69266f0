"""The API records whether an input is a rule-of-law annual report at all."""

from __future__ import annotations

from pathlib import Path

from summarizer.schema import PART_NAMES, ReportSummary

from .conftest import seed_texts
from .test_jobs import wait_for_job

NEWS = (Path(__file__).resolve().parents[1] / "doc_kind" / "data" / "news_weather.txt").read_text(encoding="utf-8")
FIRST_ID, FIRST_TEXT = next(iter(seed_texts().items()))


def test_a_news_paragraph_is_recorded_as_not_a_report(client):
    body = client.post("/v1/summaries", json={"text": NEWS, "name": "news.txt"}).json()
    summary = ReportSummary.model_validate(body["summary"])
    assert summary.document_kind.kind == "not_a_report" and "news" in summary.document_kind.reason
    assert not any(getattr(summary.compliance, p) for p in PART_NAMES) and not summary.compliance.causes_given
    assert any("not a rule-of-law annual report" in w for w in summary.provenance.warnings)


def test_a_job_records_the_kind_of_each_document(client):
    documents = [{"name": "report.txt", "text": FIRST_TEXT}, {"name": "news.txt", "text": NEWS}]
    created = client.post("/v1/jobs", json={"documents": documents}).json()
    final = wait_for_job(client, created["id"])
    kinds = [doc["summary"]["document_kind"]["kind"] for doc in final["documents"]]
    assert kinds == ["rule_of_law_report", "not_a_report"]
