"""A job survives the server being killed in the middle of it: pending documents resume on start."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from .conftest import API_KEY, free_port, seed_texts

HEADERS = {"Authorization": f"Bearer {API_KEY}"}


def start_server(tmp_path: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update(
        SUMMARIZER_API_KEYS=API_KEY,
        SUMMARIZER_JOBS_URL=str(tmp_path / "jobs.sqlite3"),
        SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"),
        SUMMARIZER_BACKEND="rules",
        SUMMARIZER_LLM_CONCURRENCY="1",  # one document at a time, so the kill lands mid-job
    )
    process = subprocess.Popen(
        [sys.executable, "-c", "from summarizer.cli import app; app()", "serve", "--port", str(port), "--log-level", "warning"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stdout.read().decode(errors='replace')}")
    process.kill()
    raise AssertionError("server did not start")


def test_killed_server_resumes_the_job_on_restart(tmp_path):
    documents = [{"name": f"{doc_id}-{n}.txt", "text": text}
                 for n in range(3) for doc_id, text in seed_texts().items()]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(tmp_path, port)
    try:
        job_id = httpx.post(f"{url}/v1/jobs", json={"documents": documents}, headers=HEADERS).json()["id"]
        deadline = time.monotonic() + 30
        while True:
            progress = httpx.get(f"{url}/v1/jobs/{job_id}", headers=HEADERS).json()["progress"]
            if progress["done"] >= 1:
                break
            assert time.monotonic() < deadline, progress
            time.sleep(0.005)
        server.send_signal(signal.SIGKILL)  # no graceful shutdown: as if the machine died
        server.wait(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()

    with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
        states = dict(db.execute("SELECT status, COUNT(*) FROM documents GROUP BY status").fetchall())
    finished_before = states.get("done", 0)
    assert 1 <= finished_before < len(documents), states  # really killed in the middle

    server = start_server(tmp_path, port)
    try:
        deadline = time.monotonic() + 60
        while True:
            status = httpx.get(f"{url}/v1/jobs/{job_id}", headers=HEADERS).json()
            if status["status"] == "done":
                break
            assert time.monotonic() < deadline, status["progress"]
            time.sleep(0.05)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    assert status["progress"] == {"total": len(documents), "pending": 0, "running": 0,
                                  "done": len(documents), "failed": 0}
    assert [d["name"] for d in status["documents"]] == [d["name"] for d in documents]


def test_a_killed_server_leaves_no_worker_processes(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from process_tree import HAS_PROC, alive, descendants

    if not HAS_PROC:
        pytest.skip("needs /proc to see the worker processes")
    port = free_port()
    server = start_server(tmp_path, port)
    text = next(iter(seed_texts().values()))
    assert httpx.post(f"http://127.0.0.1:{port}/v1/summaries", json={"text": text}, headers=HEADERS,
                      timeout=60).status_code == 200
    from tests.hostile.corpus import FAMILIES

    busy = threading.Thread(target=_post_quietly, args=(port, FAMILIES["flat_headings"](1_000_000)), daemon=True)
    busy.start()  # a worker is deep in a long document when the server dies
    time.sleep(1.5)
    workers = descendants(server.pid)
    assert len(workers) >= 2  # the fork server and the worker processes
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)
    deadline = time.monotonic() + 2  # far less than the long document takes
    while alive(workers):
        assert time.monotonic() < deadline, f"orphans left after kill -9: {sorted(alive(workers))}"
        time.sleep(0.1)


def _post_quietly(port: int, text: str) -> None:
    with contextlib.suppress(httpx.HTTPError):
        httpx.post(f"http://127.0.0.1:{port}/v1/summaries", json={"text": text}, headers=HEADERS, timeout=60)
