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


def test_a_request_names_the_genre_and_it_overrides_the_documents_kind(client):
    forced = client.post("/v1/summaries", json={"text": GOVWORK, "name": "g05.txt", "backend": "rules",
                                                "genre": "rule_of_law"})
    assert forced.status_code == 200, forced.text
    assert "genre" not in forced.json()["summary"] and "achievements" in forced.json()["summary"]
    for genre in ("auto", "government_work_report"):
        chosen = client.post("/v1/summaries", json={"text": GOVWORK, "backend": "rules", "genre": genre})
        assert chosen.json()["summary"]["genre"] == "government_work_report"
    # as a form field of an upload, too
    upload = client.post("/v1/summaries", files={"file": ("g05.txt", GOVWORK.encode("gb18030"))},
                         data={"backend": "rules", "genre": "rule_of_law"})
    assert upload.status_code == 200, upload.text
    assert "genre" not in upload.json()["summary"]


def test_an_unknown_genre_is_refused_naming_the_accepted_ones(client):
    from summarizer.genres import GENRE_NAMES

    from .conftest import assert_error_shape

    for body in ({"text": GOVWORK, "genre": "budget_report"}, {"documents": [{"text": GOVWORK}], "genre": "x"}):
        path = "/v1/jobs" if "documents" in body else "/v1/summaries"
        error = assert_error_shape(client.post(path, json=body), 422, "invalid_request", "body.genre")
        assert all(name in error["message"] for name in ("auto", *GENRE_NAMES)), error
    form = client.post("/v1/summaries", files={"file": ("g05.txt", GOVWORK.encode())}, data={"genre": "budget"})
    assert_error_shape(form, 422, "invalid_request")


def test_a_job_carries_its_genre_to_every_document(client):
    from .test_jobs import wait_for_job

    created = client.post("/v1/jobs", json={"documents": [{"name": "g05.txt", "text": GOVWORK}],
                                            "backend": "rules", "genre": "rule_of_law"})
    assert created.status_code == 202, created.text
    assert created.json()["genre"] == "rule_of_law"
    job = wait_for_job(client, created.json()["id"])
    assert job["genre"] == "rule_of_law"
    (document,) = job["documents"]
    assert document["status"] == "done" and "achievements" in document["summary"]
    assert "genre" not in document["summary"]


def test_the_openapi_lists_the_genres_of_the_table(client):
    from summarizer.genres import GENRE_NAMES

    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/summaries"]["post"]["requestBody"]["content"]
    for media in ("application/json", "multipart/form-data"):
        genre = body[media]["schema"]["properties"]["genre"]
        assert set(genre["enum"]) >= {"auto", *GENRE_NAMES} and "government_work_report" in genre["description"]
    jobs = spec["paths"]["/v1/jobs"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "genre" in jobs["properties"]
