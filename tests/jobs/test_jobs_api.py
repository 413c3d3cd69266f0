"""A job through the HTTP API, end to end, on both stores: SQLite (the server runs it) and PostgreSQL
(a separate ``summarizer worker`` does)."""

from __future__ import annotations

import time

import httpx

from .conftest import API_KEY, process_env
from .test_postgres_replicas import free_port, report

HEADERS = {"Authorization": f"Bearer {API_KEY}"}


def test_a_job_posted_to_the_api_is_done_and_deleted(jobs_url, tmp_path, processes):
    env = process_env(tmp_path, jobs_url)
    server = processes.serve(env, free_port(), "serve")
    if jobs_url.startswith("postgresql://"):
        processes.start(["worker", "--concurrency", "2"], env, "worker")
    reply = httpx.post(f"{server}/v1/jobs", headers=HEADERS, timeout=30, json={
        "documents": [{"name": f"r{n}.txt", "text": report(n)} for n in range(3)] + [{"name": "bad.txt", "text": "x"}]})
    assert reply.status_code == 202, reply.text
    job_url = f"{server}/v1/jobs/{reply.json()['id']}"
    deadline = time.monotonic() + 120
    while (body := httpx.get(job_url, headers=HEADERS, timeout=30).json())["status"] != "done":
        assert time.monotonic() < deadline, body["progress"]
        time.sleep(0.3)
    assert body["progress"] | {"total": 4} == {"total": 4, "pending": 0, "running": 0, "done": 3, "failed": 1}
    assert body["documents"][3]["error"]["code"] == "input_error"
    assert all(d["summary"]["metadata"] for d in body["documents"][:3])
    assert httpx.delete(job_url, headers=HEADERS, timeout=30).status_code == 204
    assert httpx.get(job_url, headers=HEADERS, timeout=30).status_code == 404
