"""Space in the SQLite jobs file: a full disk still lets callers DELETE jobs to free it, and retention
gives the space of deleted jobs back to the disk (VACUUM when most pages are free)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3

import httpx

from summarizer.api.bodies import Upload
from summarizer.api.job_store import JobLimits, JobOptions
from summarizer.api.sqlite_jobs import SqliteJobStore
from summarizer.batch.outcome import DocumentOutcome
from summarizer.jobs.disk_reserve import DEFAULT_RESERVE_BYTES

from .conftest import API_KEY, LiveServer, make_settings, seed_texts
from .test_jobs_db_faults import _tmpfs

SEED = next(iter(seed_texts().values()))
OPTIONS = JobOptions("rules", include_text=False, include_repairs=False)
ROOMY = JobLimits(max_jobs=100, max_documents=1000, max_jobs_per_owner=100, max_documents_per_owner=1000)


def _fill(disk) -> None:
    with contextlib.suppress(OSError), (disk / "filler").open("wb", buffering=0) as out:
        while True:
            out.write(b"\0" * 4096)


def _json(body: dict) -> dict:
    """The request as UTF-8 JSON: httpx before 0.28 escapes every Chinese character (\\uXXXX),
    which would make the ~3 MB report a 6 MB body, over the API's 5 MiB request limit."""
    return {"content": json.dumps(body, ensure_ascii=False).encode("utf-8"),
            "headers": {"Content-Type": "application/json"}}


def test_delete_frees_space_on_a_full_disk(tmp_path):
    with _tmpfs(tmp_path / "small", "16m") as disk:
        settings = make_settings(disk)
        with LiveServer(settings) as server, httpx.Client(
                base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60) as client:
            assert (disk / "jobs.sqlite3.reserve").stat().st_size == DEFAULT_RESERVE_BYTES
            text = (SEED * (1_000_000 // len(SEED) + 1))[:1_000_000]  # about 3 MB in UTF-8
            job = client.post("/v1/jobs", **_json({"documents": [{"name": "big.txt", "text": text}]}))
            assert job.status_code == 202, job.text
            _fill(disk)
            refused = client.post("/v1/jobs", **_json({"documents": [{"name": "more.txt", "text": text}]}))
            assert refused.status_code == 503, refused.text  # the disk is full
            deleted = client.delete(f"/v1/jobs/{job.json()['id']}")
            assert deleted.status_code == 204, deleted.text
            assert client.get(f"/v1/jobs/{job.json()['id']}").status_code == 404
            assert not (disk / "jobs.sqlite3.reserve").exists()  # given up to let the delete run
            # the freed pages take new work, though the disk is still full
            small = client.post("/v1/jobs", json={"documents": [{"name": "small.txt", "text": SEED}]})
            assert small.status_code == 202, small.text
            (disk / "filler").unlink()
            assert client.get("/readyz").status_code == 200
            assert (disk / "jobs.sqlite3.reserve").stat().st_size == DEFAULT_RESERVE_BYTES  # set aside again


async def test_retention_vacuums_a_mostly_free_file(tmp_path):
    path = tmp_path / "jobs.sqlite3"
    store = SqliteJobStore(path)
    try:
        kept = await store.create_job("alice", [Upload(b"kept report", "kept.txt")], OPTIONS, ROOMY)
        old = await store.create_job("alice", [Upload(os.urandom(300_000), f"d{i}.pdf") for i in range(10)],
                                     OPTIONS, ROOMY)
        for ref in await store.pending_documents(old):
            await store.record(ref.key, DocumentOutcome(
                key=ref.key, name=ref.name, sha256=ref.sha256, backend="rules", status="failed",
                error={"code": "input_error", "message": "unreadable"}, elapsed_ms=1.0,
                finished_at=dt.datetime.now(dt.UTC)))
        # recording dropped the inputs: the file is now mostly free pages
        with sqlite3.connect(path) as conn:
            free, pages = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("freelist_count", "page_count"))
        assert free > pages / 2, (free, pages)
        size_before = path.stat().st_size
        assert await store.purge_finished(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)) == 1
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert path.stat().st_size < size_before / 4
        assert (await store.status(kept, "alice", offset=0, limit=10)).progress.pending == 1
    finally:
        await store.close()


async def test_a_file_with_little_free_space_is_not_rewritten(tmp_path):
    path = tmp_path / "jobs.sqlite3"
    store = SqliteJobStore(path)
    try:
        await store.create_job("alice", [Upload(os.urandom(2_000_000), "big.pdf")], OPTIONS, ROOMY)
        small = await store.create_job("alice", [Upload(b"x" * 1000, "small.txt")], OPTIONS, ROOMY)
        for ref in await store.pending_documents(small):
            await store.record(ref.key, DocumentOutcome(
                key=ref.key, name=ref.name, sha256=ref.sha256, backend="rules", status="failed",
                error={"code": "input_error", "message": "unreadable"}, elapsed_ms=1.0,
                finished_at=dt.datetime.now(dt.UTC)))
        assert await store.purge_finished(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)) == 1
        assert not store._vacuum_if_sparse()
    finally:
        await store.close()
