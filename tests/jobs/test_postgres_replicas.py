"""API replicas and workers as separate processes on one PostgreSQL: every document done exactly once,
a killed worker's documents finished by another, limits held across replicas, migrations raced."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest

from summarizer.api.migrations import MIGRATIONS, migrate_postgres

from .conftest import API_KEY, ROOT, process_env

sys.path.insert(0, str(ROOT / "tests"))  # tests/scripted_openai
from scripted_openai.server import ScriptedServer

SEEDS = sorted((ROOT / "evals" / "datasets" / "seeds").glob("*.txt"))
HEADERS = {"Authorization": f"Bearer {API_KEY}"}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def report(n: int) -> str:
    """The n-th test report: a seed report with a line of its own, so no two are the same."""
    return SEEDS[n % len(SEEDS)].read_text(encoding="utf-8") + f"\n（第{n}份）\n"


def documents(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT job_id, idx, status, attempts, worker FROM summarizer_documents").fetchall()


def wait_until(url: str, done: int, timeout_s: float) -> list[tuple]:
    deadline = time.monotonic() + timeout_s
    while True:
        rows = documents(url)
        if sum(1 for r in rows if r[2] in ("done", "failed")) >= done:
            return rows
        assert time.monotonic() < deadline, f"only {sum(r[2] == 'done' for r in rows)} of {done} done in time"
        time.sleep(0.5)


def post_job(server: str, texts: list[str], backend: str = "rules") -> str:
    reply = httpx.post(f"{server}/v1/jobs", headers=HEADERS, timeout=30, json={
        "documents": [{"name": f"r{i}.txt", "text": t} for i, t in enumerate(texts)], "backend": backend})
    assert reply.status_code == 202, reply.text
    return reply.json()["id"]


def test_two_servers_and_two_workers_do_200_jobs_exactly_once(postgres_url, tmp_path, processes):
    # No worker dies here: a long stall limit, so a loaded machine's slow heartbeat retries nothing.
    env = process_env(tmp_path, postgres_url, SUMMARIZER_API_MAX_QUEUED_JOBS="1000",
                      SUMMARIZER_API_MAX_QUEUED_JOBS_PER_KEY="1000", SUMMARIZER_JOBS_STALLED_AFTER_S="120")
    servers = [processes.serve(env, free_port(), f"serve-{n}") for n in (1, 2)]
    for n in (1, 2):
        processes.start(["worker", "--name", f"worker-{n}", "--concurrency", "2"], env, f"worker-{n}")
    with ThreadPoolExecutor(8) as pool:
        job_ids = list(pool.map(lambda n: post_job(servers[n % 2], [report(n)]), range(200)))
    assert len(set(job_ids)) == 200
    rows = wait_until(postgres_url, 200, timeout_s=600)
    assert len(rows) == 200 and all(r[2] == "done" for r in rows), {r[2] for r in rows}
    assert all(r[3] == 1 for r in rows), "a document was claimed more than once"
    assert {r[4] for r in rows} == {"worker-1", "worker-2"}, "both workers took part"
    for n, job_id in enumerate(job_ids[:10]):  # either replica answers for any job
        body = httpx.get(f"{servers[(n + 1) % 2]}/v1/jobs/{job_id}", headers=HEADERS, timeout=30).json()
        assert body["status"] == "done" and body["documents"][0]["summary"]["provenance"]["backend"] == "rules"


def test_a_worker_killed_mid_job_has_its_documents_finished_by_another_none_twice(postgres_url, tmp_path,
                                                                                   processes):
    with ScriptedServer(latency_ms=3000) as llm:
        env = process_env(tmp_path, postgres_url, SUMMARIZER_LLM_BASE_URL=llm.url, SUMMARIZER_LLM_MODEL="scripted",
                          SUMMARIZER_LLM_API_KEY="test", SUMMARIZER_CACHE_ENABLED="false")
        server = processes.serve(env, free_port(), "serve")
        doomed = processes.start(["worker", "--name", "doomed", "--concurrency", "3"], env, "doomed")
        post_job(server, [report(n) for n in range(6)], backend="llm")
        deadline = time.monotonic() + 60
        while len(llm.requests) < 3:  # three documents claimed and waiting on the model
            assert time.monotonic() < deadline, doomed.log_path.read_text(errors="replace")[-2000:]
            time.sleep(0.1)
        os.killpg(doomed.pid, signal.SIGKILL)  # the worker and its process pool, mid-document
        doomed.wait()
        held = {(r[0], r[1]) for r in documents(postgres_url) if r[2] == "running"}
        assert held, "the killed worker held documents"
        processes.start(["worker", "--name", "survivor", "--concurrency", "3"], env, "survivor")
        rows = wait_until(postgres_url, 6, timeout_s=180)
    assert all(r[2] == "done" for r in rows), [(r[2], r[4]) for r in rows]
    for job_id, idx, _status, attempts, worker in rows:
        if (job_id, idx) in held:
            assert (attempts, worker) == (2, "survivor"), "taken up again once, by the survivor"
        else:
            assert attempts == 1, "a document the killed worker never held was done once"
    calls = sum(1 for r in llm.requests if r.get("via", "direct") == "direct")
    assert calls == 6 + len(held), "each held document was asked again once, the others once"


def test_limits_hold_across_replicas(postgres_url, tmp_path, processes):
    env = process_env(tmp_path, postgres_url, SUMMARIZER_API_MAX_QUEUED_JOBS="3")
    first, second = (processes.serve(env, free_port(), f"serve-{n}") for n in (1, 2))  # no workers: jobs wait
    post_job(first, [report(0)])
    post_job(second, [report(1)])
    post_job(first, [report(2)])
    refused = httpx.post(f"{second}/v1/jobs", headers=HEADERS, timeout=30,
                         json={"documents": [{"name": "x.txt", "text": report(3)}]})
    assert refused.status_code == 429 and refused.headers.get("Retry-After")
    assert "unfinished jobs on this server" in refused.json()["error"]["message"]


def _migrate_at_once(url: str, barrier, results) -> None:
    barrier.wait()
    results.put(migrate_postgres(url))


def test_migrations_raced_by_four_processes_run_once(postgres_url):
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(4), context.Queue()
    racers = [context.Process(target=_migrate_at_once, args=(postgres_url, barrier, results)) for _ in range(4)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    assert [r.exitcode for r in racers] == [0, 0, 0, 0], "a racing migration failed"
    applied = sorted(v for _ in racers for v in results.get(timeout=5))
    assert applied == [v for v, _ in MIGRATIONS], "each migration applied by exactly one process"
    with psycopg.connect(postgres_url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM summarizer_schema_migrations")]
        assert conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()[0] is not None
    assert versions == [v for v, _ in MIGRATIONS]
    assert migrate_postgres(postgres_url) == [], "idempotent: nothing left to do"


def test_a_worker_without_postgresql_or_an_unknown_jobs_url_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from summarizer.api.app import open_job_store
    from summarizer.cli import app
    from summarizer.errors import ConfigError
    from summarizer.settings import JobsSettings, Settings

    result = CliRunner().invoke(app, ["worker"], env={"SUMMARIZER_JOBS_URL": f"sqlite://{tmp_path}/jobs.sqlite3"})
    assert result.exit_code == 2 and "needs the jobs in PostgreSQL" in result.output
    with pytest.raises(ConfigError, match="unknown scheme 'mysql'"):
        open_job_store(Settings(jobs=JobsSettings(url="mysql://db/jobs")))


class _QueueDown:
    """A document queue whose every call fails, as when a replica dies between storing and queuing."""

    async def defer(self, keys: list[str]) -> None:
        raise ConnectionError("queue unreachable")

    async def close(self) -> None:
        pass


def test_documents_stored_but_never_queued_are_queued_by_a_worker(postgres_url, tmp_path, processes):
    import asyncio

    from summarizer.api.bodies import Upload
    from summarizer.api.job_store import JobLimits, JobOptions
    from summarizer.api.postgres_jobs import PostgresJobStore

    async def store_without_queue() -> str:
        store = PostgresJobStore(postgres_url, queue=_QueueDown())
        try:
            limits = JobLimits(max_jobs=10, max_documents=10, max_jobs_per_owner=10, max_documents_per_owner=10)
            return await store.create_job("alice", [Upload(content=report(n), name=f"r{n}.txt") for n in range(2)],
                                          JobOptions("rules", False, False), limits)
        finally:
            await store.close()

    asyncio.run(store_without_queue())
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM procrastinate_jobs").fetchone()[0] == 0
        assert conn.execute("SELECT bool_or(queued) FROM summarizer_documents").fetchone()[0] is False
    processes.start(["worker", "--name", "sweeper"], process_env(tmp_path, postgres_url), "sweeper")
    rows = wait_until(postgres_url, 2, timeout_s=60)
    assert [(r[2], r[3], r[4]) for r in rows] == [("done", 1, "sweeper")] * 2


def test_a_document_queued_twice_is_still_run_once(postgres_url, tmp_path, processes):
    """A worker's sweep can queue again what a slow replica stored but had not yet marked queued:
    the two queue entries of one document never run at once, so it is claimed once."""
    import asyncio

    from summarizer.api.bodies import Upload
    from summarizer.jobs.postgres import PostgresJobStore
    from summarizer.jobs.store import JobLimits, JobOptions, job_key

    async def store_and_queue_twice() -> None:
        store = PostgresJobStore(postgres_url)
        try:
            limits = JobLimits(max_jobs=10, max_documents=10, max_jobs_per_owner=10, max_documents_per_owner=10)
            job_id = await store.create_job("alice", [Upload(content=report(n), name=f"r{n}.txt") for n in range(2)],
                                            JobOptions("llm", False, False), limits)
            await store.enqueue([job_key(job_id, idx) for idx in range(2)])
        finally:
            await store.close()

    asyncio.run(store_and_queue_twice())
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM procrastinate_jobs").fetchone()[0] == 4
    with ScriptedServer(latency_ms=1500) as llm:  # slow enough that both entries would be in hand at once
        env = process_env(tmp_path, postgres_url, SUMMARIZER_LLM_BASE_URL=llm.url, SUMMARIZER_LLM_MODEL="scripted",
                          SUMMARIZER_LLM_API_KEY="test", SUMMARIZER_CACHE_ENABLED="false",
                          SUMMARIZER_JOBS_STALLED_AFTER_S="120")  # no worker dies: nothing is retried
        processes.start(["worker", "--name", "only", "--concurrency", "4"], env, "only")
        rows = wait_until(postgres_url, 2, timeout_s=120)
        deadline = time.monotonic() + 30  # the second entries run after the first, find them done, are deleted
        with psycopg.connect(postgres_url) as conn:
            while conn.execute("SELECT count(*) FROM procrastinate_jobs").fetchone()[0]:
                assert time.monotonic() < deadline, "the second queue entries never ran"
                time.sleep(0.2)
        rows = documents(postgres_url)
    assert [(r[2], r[3]) for r in rows] == [("done", 1)] * 2, rows
    assert sum(1 for r in llm.requests if r.get("via", "direct") == "direct") == 2


def test_sigterm_stops_a_worker_after_the_documents_in_hand(postgres_url, tmp_path, processes):
    with ScriptedServer(latency_ms=2000) as llm:
        env = process_env(tmp_path, postgres_url, SUMMARIZER_LLM_BASE_URL=llm.url, SUMMARIZER_LLM_MODEL="scripted",
                          SUMMARIZER_LLM_API_KEY="test", SUMMARIZER_CACHE_ENABLED="false")
        server = processes.serve(env, free_port(), "serve")
        worker = processes.start(["worker", "--name", "leaving", "--concurrency", "2"], env, "leaving")
        post_job(server, [report(n) for n in range(3)], backend="llm")
        deadline = time.monotonic() + 60
        while len(llm.requests) < 2:
            assert time.monotonic() < deadline, worker.log_path.read_text(errors="replace")[-2000:]
            time.sleep(0.1)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0, worker.log_path.read_text(errors="replace")[-2000:]
    rows = sorted(documents(postgres_url), key=lambda r: r[1])
    assert [(r[2], r[3]) for r in rows[:2]] == [("done", 1), ("done", 1)], "the two in hand were finished"
    assert rows[2][2] == "pending", "the third waits for another worker"
