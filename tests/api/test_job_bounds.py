"""Bounded jobs over real HTTP: limits per key and overall (429 + Retry-After), paging, DELETE,
retention, and jobs visible only to the key that made them."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from .conftest import API_KEY, LiveServer, assert_error_shape, make_settings, seed_texts
from .test_jobs import wait_for_job

SEEDS = list(seed_texts().values())
OTHER_KEY = "second-test-key-0987654321"


def _client(server: LiveServer, key: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=60)


def _job(n: int) -> dict:
    return {"documents": [{"name": f"d{i}.txt", "text": SEEDS[i % len(SEEDS)]} for i in range(n)]}


@pytest.fixture
def bounded(tmp_path):
    # One worker process and one document in flight, so queued work stays queued while we look.
    settings = make_settings(tmp_path, keys=[API_KEY, OTHER_KEY], max_queued_jobs_per_key=2,
                             max_queued_documents_per_key=5, max_queued_jobs=3, max_queued_documents=8,
                             workers=1)
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"concurrency": 1})})
    with LiveServer(settings) as server:
        yield server


def test_limits_per_key_and_overall_answer_429_with_retry_after(bounded):
    with _client(bounded, API_KEY) as mine, _client(bounded, OTHER_KEY) as theirs:
        assert mine.post("/v1/jobs", json=_job(4)).status_code == 202
        too_many_docs = mine.post("/v1/jobs", json=_job(2))  # 4 + 2 > 5 for this key
        error = assert_error_shape(too_many_docs, 429, "queue_full")
        assert "this API key" in error["message"] and "MAX_QUEUED_DOCUMENTS_PER_KEY" in error["hint"]
        assert int(too_many_docs.headers["Retry-After"]) > 0
        assert mine.post("/v1/jobs", json=_job(1)).status_code == 202
        third = assert_error_shape(mine.post("/v1/jobs", json=_job(1)), 429, "queue_full")
        assert "unfinished jobs for this API key" in third["message"]
        # Another key still has room of its own, until the server's overall limit (8 documents).
        assert theirs.post("/v1/jobs", json=_job(2)).status_code == 202
        overall = assert_error_shape(theirs.post("/v1/jobs", json=_job(2)), 429, "queue_full")
        assert "on this server" in overall["message"]


def test_a_finished_job_no_longer_counts_against_the_limits(tmp_path):
    settings = make_settings(tmp_path, max_queued_jobs_per_key=1)
    with LiveServer(settings) as server, _client(server, API_KEY) as client:
        first = client.post("/v1/jobs", json=_job(1)).json()["id"]
        wait_for_job(client, first)
        assert client.post("/v1/jobs", json=_job(1)).status_code == 202


def test_results_come_in_pages(client):
    created = client.post("/v1/jobs", json=_job(5)).json()
    assert len(created["documents"]) == 5 and "next_offset" not in created  # one page holds them all
    wait_for_job(client, created["id"])
    page = client.get(f"/v1/jobs/{created['id']}", params={"limit": 2}).json()
    assert [d["index"] for d in page["documents"]] == [0, 1]
    assert page["progress"]["total"] == 5 and page["next_offset"] == 2
    seen = []
    offset = 0
    while offset is not None:
        page = client.get(f"/v1/jobs/{created['id']}", params={"limit": 2, "offset": offset}).json()
        seen += [d["index"] for d in page["documents"]]
        offset = page.get("next_offset")  # absent after the last page
    assert seen == [0, 1, 2, 3, 4]
    assert_error_shape(client.get(f"/v1/jobs/{created['id']}", params={"limit": 1000}), 422,
                       "invalid_request", field="query.limit")


def test_delete_removes_the_job_and_its_inputs(client, settings):
    job_id = client.post("/v1/jobs", json=_job(3)).json()["id"]
    assert client.delete(f"/v1/jobs/{job_id}").status_code == 204
    assert_error_shape(client.get(f"/v1/jobs/{job_id}"), 404, "not_found")
    assert_error_shape(client.delete(f"/v1/jobs/{job_id}"), 404, "not_found")
    time.sleep(0.5)  # a document that was in flight must not come back as an orphan row
    with sqlite3.connect(Path(settings.jobs.url or '')) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents WHERE job_id = ?", (job_id,)).fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM jobs WHERE id = ?", (job_id,)).fetchone()[0] == 0


def test_a_job_is_visible_only_to_the_key_that_made_it(tmp_path):
    settings = make_settings(tmp_path, keys=[API_KEY, OTHER_KEY])
    with LiveServer(settings) as server, _client(server, API_KEY) as mine, _client(server, OTHER_KEY) as theirs:
        job_id = mine.post("/v1/jobs", json=_job(1)).json()["id"]
        assert_error_shape(theirs.get(f"/v1/jobs/{job_id}"), 404, "not_found")
        assert_error_shape(theirs.delete(f"/v1/jobs/{job_id}"), 404, "not_found")
        assert mine.get(f"/v1/jobs/{job_id}").status_code == 200


def test_finished_jobs_are_deleted_after_the_retention_period(tmp_path):
    settings = make_settings(tmp_path, retention_hours=1 / 3600)  # one second
    with LiveServer(settings) as server, _client(server, API_KEY) as client:
        job_id = client.post("/v1/jobs", json=_job(1)).json()["id"]
        wait_for_job(client, job_id)
        deadline = time.monotonic() + 15
        while client.get(f"/v1/jobs/{job_id}").status_code == 200:
            assert time.monotonic() < deadline, "the finished job was not deleted"
            time.sleep(0.2)
        assert_error_shape(client.get(f"/v1/jobs/{job_id}"), 404, "not_found")


def test_finished_documents_drop_their_input(client, settings):
    job_id = client.post("/v1/jobs", json=_job(2)).json()["id"]
    wait_for_job(client, job_id)
    with sqlite3.connect(Path(settings.jobs.url or '')) as conn:
        sizes = [r[0] for r in conn.execute("SELECT length(content) FROM documents WHERE job_id = ?", (job_id,))]
    assert sizes == [0, 0]
