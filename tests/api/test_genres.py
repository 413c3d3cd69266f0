"""The API carries the genre: a 政府工作报告 comes back as a GovWorkSummary."""

from __future__ import annotations

from pathlib import Path

from summarizer.govwork_schema import GovWorkSummary

GOVWORK = (Path(__file__).resolve().parents[2] / "evals" / "datasets" / "govwork" / "g05.txt").read_text(encoding="utf-8")


def test_a_government_work_report_is_summarised_as_its_genre(client):
    response = client.post("/v1/summaries", json={"text": GOVWORK, "name": "g05.txt", "backend": "rules"})
    assert response.status_code == 200, response.text
    summary = GovWorkSummary.model_validate(response.json()["summary"])
    assert summary.genre == "government_work_report"
    assert summary.metadata.issuer == "宝安区" and summary.targets
