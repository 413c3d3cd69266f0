"""A jobs database that cannot be written (locked, full, read-only) or is damaged.

Writes answer 503 ``jobs_db_unavailable`` with Retry-After, ``/readyz`` says so, a running job
waits and finishes by itself once the database can be written again, and a damaged file stops
startup with one line on what to do (``PRAGMA quick_check``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from summarizer.api import create_app
from summarizer.errors import StorageError

from .conftest import API_KEY, LiveServer, assert_error_shape, make_settings, seed_texts
from .test_jobs import wait_for_job

SEEDS = list(seed_texts().values())


def _job(n: int) -> dict:
    return {"documents": [{"name": f"d{i}.txt", "text": SEEDS[i % len(SEEDS)]} for i in range(n)]}


def _client(server: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60)


def _wait_readiness(client: httpx.Client, ready: bool, timeout: float = 40) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        answer = client.get("/readyz")
        if (answer.status_code == 200) == ready:
            return answer.json()
        assert time.monotonic() < deadline, f"/readyz did not become ready={ready}: {answer.text}"
        time.sleep(0.5)


@contextlib.contextmanager
def _locked(db: Path):
    """Another process's write lock on the database, as a stuck tool or a second server would hold it."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


@contextlib.contextmanager
def _tmpfs(where: Path, size: str):
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          check=False, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root and mount rights): {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_locked_database_answers_503_and_a_running_job_resumes_when_it_is_free(tmp_path):
    settings = make_settings(tmp_path, workers=1)
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"concurrency": 1})})
    with LiveServer(settings) as server, _client(server) as client:
        job_id = client.post("/v1/jobs", json=_job(20)).json()["id"]
        deadline = time.monotonic() + 30
        while client.get(f"/v1/jobs/{job_id}").json()["progress"]["done"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        with _locked(Path(settings.jobs.url or '')):
            refused = client.post("/v1/jobs", json=_job(1))
            error = assert_error_shape(refused, 503, "jobs_db_unavailable")
            assert "locked" in error["message"] and int(refused.headers["Retry-After"]) > 0
            readiness = _wait_readiness(client, ready=False)
            assert readiness["jobs_db"] is False and "locked" in readiness["jobs_db_detail"]
            paused = client.get(f"/v1/jobs/{job_id}", params={"limit": 100}).json()  # reads still work
            assert paused["status"] == "running" and paused["progress"]["done"] < 20
        _wait_readiness(client, ready=True)
        final = wait_for_job(client, job_id, timeout=120)
    assert final["progress"] == {"total": 20, "pending": 0, "running": 0, "done": 20, "failed": 0}


def test_a_full_disk_answers_503_until_there_is_room_again(tmp_path):
    with _tmpfs(tmp_path / "small", "1m") as disk:
        settings = make_settings(disk)
        with LiveServer(settings) as server, _client(server) as client:
            filler = disk / "filler"
            with contextlib.suppress(OSError), filler.open("wb") as out:
                while True:
                    out.write(b"\0" * 65536)
                    out.flush()
            big = {"documents": [{"name": "big.txt", "text": SEEDS[0] * 20}]}
            error = assert_error_shape(client.post("/v1/jobs", json=big), 503, "jobs_db_unavailable")
            assert "full" in error["message"] or "I/O error" in error["message"]  # SQLite says either
            assert _wait_readiness(client, ready=False)["jobs_db"] is False
            filler.unlink()
            _wait_readiness(client, ready=True)
            job_id = client.post("/v1/jobs", json=_job(1)).json()["id"]
            assert wait_for_job(client, job_id)["progress"]["done"] == 1


def test_a_read_only_database_answers_503_and_readyz_says_so(tmp_path):
    with _tmpfs(tmp_path / "disk", "8m") as disk:
        settings = make_settings(disk)
        with LiveServer(settings) as server, _client(server) as client:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            try:
                assert_error_shape(client.post("/v1/jobs", json=_job(1)), 503, "jobs_db_unavailable")
                assert _wait_readiness(client, ready=False)["jobs_db"] is False
            finally:
                subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
            _wait_readiness(client, ready=True)
            assert client.post("/v1/jobs", json=_job(1)).status_code == 202


def _serve_once(tmp_path: Path, db: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update(SUMMARIZER_API_KEYS=API_KEY, SUMMARIZER_JOBS_URL=str(db),
               SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="200")
    return subprocess.run([sys.executable, "-c", "from summarizer.cli import app; app()", "serve", "--port", "0"],
                          check=False, env=env, capture_output=True, text=True, timeout=60)


def test_a_damaged_header_stops_startup_with_one_line_on_what_to_do(tmp_path):
    db = tmp_path / "jobs.sqlite3"
    db.write_bytes(b"this is not an SQLite file, it was overwritten" * 100)
    with pytest.raises(StorageError, match="damaged"):
        create_app(make_settings(tmp_path))
    done = _serve_once(tmp_path, db)
    assert done.returncode == 1  # the exit-code table: a bad input or output file
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("error: ") and "jobs database is damaged" in lines[0] and str(db) in lines[0]
    assert "move the file aside" in done.stderr


def test_damage_in_the_middle_of_the_file_is_found_at_startup(tmp_path):
    db = tmp_path / "jobs.sqlite3"
    settings = make_settings(tmp_path)
    create_app(settings)  # a fresh database with its tables
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        for n in range(300):
            conn.execute("INSERT INTO jobs (id, backend, include_text, include_repairs, created_at, updated_at) "
                         "VALUES (?, 'rules', 0, 0, '2026-01-01', '2026-01-01')", (f"job{n:04d}",))
            conn.execute("INSERT INTO documents VALUES (?, 0, 'a.txt', ?, 1, 'x', 'done', '{}')",
                         (f"job{n:04d}", os.urandom(2000)))
    data = bytearray(db.read_bytes())
    middle = len(data) // 2 // 4096 * 4096  # a whole page halfway in: b-tree pages, not the header
    data[middle:middle + 4096] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="damaged") as caught:
        create_app(settings)
    assert "\n" not in str(caught.value)


def test_a_server_started_on_a_locked_database_resumes_its_jobs_once_it_is_free(tmp_path):
    settings = make_settings(tmp_path, workers=1)
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"concurrency": 1})})
    with LiveServer(settings) as server, _client(server) as client:
        job_id = client.post("/v1/jobs", json=_job(12)).json()["id"]
    # That server stopped with the job unfinished; the next one starts while another process
    # holds the write lock, and takes the job up once the lock is gone.
    lock = contextlib.ExitStack()
    lock.enter_context(_locked(Path(settings.jobs.url or '')))
    try:
        with LiveServer(settings) as server, _client(server) as client:
            assert _wait_readiness(client, ready=False)["jobs_db"] is False
            assert client.get(f"/v1/jobs/{job_id}").json()["status"] != "done"
            lock.close()
            final = wait_for_job(client, job_id, timeout=120)
    finally:
        lock.close()
    assert final["progress"] == {"total": 12, "pending": 0, "running": 0, "done": 12, "failed": 0}
