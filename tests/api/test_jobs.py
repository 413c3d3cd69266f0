"""Jobs over real HTTP: submit, poll, a bad document among good ones, unknown ids."""

from __future__ import annotations

import base64
import time

import httpx

from summarizer.schema import ReportSummary

from .conftest import assert_error_shape, seed_texts

SEEDS = seed_texts()


def wait_for_job(client: httpx.Client, job_id: str, timeout: float = 30.0) -> dict:
    """Poll until the job is done; return its final status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/v1/jobs/{job_id}").json()
        if status["status"] == "done":
            return status
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} not done after {timeout} s: {status['progress']}")


def test_job_with_one_bad_document_reports_it_and_finishes_the_rest(client):
    documents = [{"name": f"{doc_id}.txt", "text": text} for doc_id, text in SEEDS.items()]
    not_a_report = "Quarterly sales figures, in English only.\n".encode("utf-16")
    documents.insert(2, {"name": "sales.txt", "content_base64": base64.b64encode(not_a_report).decode()})
    response = client.post("/v1/jobs", json={"documents": documents, "include_text": True})
    assert response.status_code == 202, response.text
    created = response.json()
    assert response.headers["location"] == f"/v1/jobs/{created['id']}"
    assert created["progress"]["total"] == len(documents)

    final = wait_for_job(client, created["id"])
    assert final["progress"] == {"total": len(documents), "pending": 0, "running": 0,
                                 "done": len(SEEDS), "failed": 1}
    bad = final["documents"][2]
    assert bad["name"] == "sales.txt" and bad["status"] == "failed"
    assert bad["error"]["code"] == "input_error"
    assert bad["error"]["source"] == "sales.txt"
    assert "no Chinese text" in bad["error"]["message"] and bad["error"]["hint"]
    assert "summary" not in bad
    for doc in final["documents"]:
        if doc["status"] == "done":
            ReportSummary.model_validate(doc["summary"], context={"clean_text": doc["clean_text"]})


def test_job_by_multipart_upload_of_files_in_several_encodings(client):
    (id_a, text_a), (id_b, text_b) = list(SEEDS.items())[:2]
    files = [("files", (f"{id_a}.txt", text_a.encode("gb18030"), "text/plain")),
             ("files", (f"{id_b}.txt", b"\xef\xbb\xbf" + text_b.encode("utf-8"), "text/plain"))]
    response = client.post("/v1/jobs", files=files, data={"backend": "rules"})
    assert response.status_code == 202, response.text
    final = wait_for_job(client, response.json()["id"])
    assert [d["status"] for d in final["documents"]] == ["done", "done"]
    assert [d["summary"]["doc_id"] for d in final["documents"]] == [id_a, id_b]
    assert final["backend"] == "rules"


def test_unknown_job_id_is_a_404_naming_the_field(client):
    error = assert_error_shape(client.get("/v1/jobs/no-such-job"), 404, "not_found", field="job_id")
    assert "no-such-job" in error["message"]


def test_invalid_job_requests(client):
    assert_error_shape(client.post("/v1/jobs", json={"documents": []}), 422, "invalid_request",
                       field="body.documents")
    assert_error_shape(client.post("/v1/jobs", json={"documents": [{"name": "a"}]}), 422, "invalid_request",
                       field="body.documents.0")
    assert_error_shape(client.post("/v1/jobs", json={"documents": [{"text": "x"}], "backend": "llm"}),
                       400, "config_error", field="backend")
    assert_error_shape(client.post("/v1/jobs", files={"file": ("a.txt", b"x")}), 422, "invalid_request",
                       field="body.files")
