"""Benchmark: API jobs on PostgreSQL run by 1, 2 and 4 ``summarizer worker`` processes.

    .venv/bin/python benchmarks/bench_jobs_postgres.py [--workers 1,2,4] [--rules-docs 600] [--llm-docs 160]
                                                       [--latency-ms 500] [--url postgresql://...]

For each backend (rules; the LLM against the scripted server answering every
call after ``--latency-ms``) and each number of workers, on a fresh database:
stores the documents as one-document jobs through ``PostgresJobStore.create_job``
(what ``POST /v1/jobs`` calls; 8 at once, as replicas would; the admission
rate is printed too), then starts the workers and times from the first
document finished to the last (each outcome's ``finished_at``), so neither
admission nor worker start-up is counted. Prints documents per second and the ratio to one
worker, with the load average (other work on the machine takes CPU too). It
also checks that every document was done exactly once (``attempts == 1``).

Each worker runs ``--rules-concurrency`` / ``--llm-concurrency`` documents at
once, with one CPU process of its own (``SUMMARIZER_RUN_WORKERS=1``).
PostgreSQL: ``--url`` or ``SUMMARIZER_TEST_POSTGRES_URL`` (a server's
maintenance database; a database is created per run), else a throwaway
cluster from Debian's packages (``tests/pg_cluster.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "evals" / "datasets" / "seeds").glob("*.txt"))


def _pg_cluster():
    spec = importlib.util.spec_from_file_location("pg_cluster", ROOT / "tests" / "pg_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def fresh_database(server_url: str) -> str:
    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rpartition("/")[0] + "/" + name


def drop_database(server_url: str, url: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}" WITH (FORCE)')


async def store_jobs(url: str, docs: int, backend: str) -> float:
    """Store ``docs`` one-document jobs; return when storing began (perf_counter)."""
    from summarizer.api.bodies import Upload
    from summarizer.jobs.postgres import PostgresJobStore
    from summarizer.jobs.store import JobLimits, JobOptions

    store = PostgresJobStore(url)
    limits = JobLimits(max_jobs=10**6, max_documents=10**6, max_jobs_per_owner=10**6, max_documents_per_owner=10**6)
    options = JobOptions(backend, include_text=False, include_repairs=False)
    texts = [SEEDS[n % len(SEEDS)].read_text(encoding="utf-8") + f"\n（第{n}份）\n" for n in range(docs)]
    slots = asyncio.Semaphore(8)  # as several API replicas' requests would arrive

    async def create(n: int) -> None:
        async with slots:
            await store.create_job("bench", [Upload(content=texts[n], name=f"r{n}.txt")], options, limits)

    started = time.perf_counter()
    try:
        await asyncio.gather(*(create(n) for n in range(docs)))
    finally:
        await store.close()
    return started


def wait_done(url: str, docs: int, timeout_s: float) -> list[tuple]:
    deadline = time.monotonic() + timeout_s
    with psycopg.connect(url, autocommit=True) as conn:
        while True:
            rows = conn.execute("SELECT status, attempts FROM summarizer_documents").fetchall()
            if sum(1 for r in rows if r[0] in ("done", "failed")) >= docs:
                return rows
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {sum(r[0] == 'done' for r in rows)} of {docs} done in {timeout_s} s")
            time.sleep(0.05)


def run_once(server_url: str, backend: str, workers: int, docs: int, concurrency: int, env: dict) -> dict:
    url = fresh_database(server_url)
    from summarizer.jobs.migrations import migrate_postgres

    migrate_postgres(url)
    procs = []
    try:
        stored_from = asyncio.run(store_jobs(url, docs, backend))
        admitted_per_s = docs / (time.perf_counter() - stored_from)
        before = load()
        for n in range(workers):
            procs.append(subprocess.Popen(
                [sys.executable, "-c", "from summarizer.cli import app; app()", "worker", "--name", f"w{n}",
                 "--concurrency", str(concurrency), "--log-level", "warning"],
                env={**env, "SUMMARIZER_JOBS_URL": url}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            ))
        rows = wait_done(url, docs, timeout_s=900)
        with psycopg.connect(url, autocommit=True) as conn:
            first, last = conn.execute(
                "SELECT min((outcome::json->>'finished_at')::timestamptz), "
                "max((outcome::json->>'finished_at')::timestamptz) FROM summarizer_documents"
            ).fetchone()
        elapsed = (last - first).total_seconds()
        return {"backend": backend, "workers": workers, "docs": docs, "seconds": elapsed,
                "docs_per_s": (docs - 1) / elapsed, "admitted_per_s": admitted_per_s,
                "done": sum(1 for r in rows if r[0] == "done"), "exactly_once": all(r[1] == 1 for r in rows),
                "load_before": before, "load_after": load()}
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
        drop_database(server_url, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--rules-docs", type=int, default=600)
    parser.add_argument("--llm-docs", type=int, default=160)
    parser.add_argument("--rules-concurrency", type=int, default=2)
    parser.add_argument("--llm-concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=500)
    parser.add_argument("--url", default=os.environ.get("SUMMARIZER_TEST_POSTGRES_URL"))
    parser.add_argument("--backends", default="rules,llm")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]

    cluster_dir = None
    server_url = args.url
    if not server_url:
        cluster_dir = Path(tempfile.mkdtemp(prefix="summarizer-bench-pg-"))
        server_url = _pg_cluster().start(cluster_dir)
    port = free_port()
    llm = subprocess.Popen([sys.executable, str(ROOT / "tests" / "scripted_openai" / "server.py"), "--port", str(port),
                            "--latency-ms", str(args.latency_ms)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env = {**base, "SUMMARIZER_RUN_WORKERS": "1", "SUMMARIZER_CACHE_ENABLED": "false",
           "SUMMARIZER_CACHE_DIR": tempfile.mkdtemp(prefix="summarizer-bench-cache-"),
           "SUMMARIZER_LLM_BASE_URL": f"http://127.0.0.1:{port}/v1", "SUMMARIZER_LLM_MODEL": "scripted",
           "SUMMARIZER_LLM_API_KEY": "bench", "SUMMARIZER_JOBS_HEARTBEAT_S": "2"}
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        print(f"cores {os.cpu_count()} · {load()} · scripted LLM latency {args.latency_ms:.0f} ms")
        print(f"{'backend':8} {'workers':>7} {'docs':>5} {'seconds':>8} {'docs/s':>7} {'× 1 worker':>10} "
              f"{'jobs admitted/s':>15}  exactly once · load before → after")
        for backend in args.backends.split(","):
            docs = args.rules_docs if backend == "rules" else args.llm_docs
            concurrency = args.rules_concurrency if backend == "rules" else args.llm_concurrency
            first = None
            for workers in counts:
                r = run_once(server_url, backend, workers, docs, concurrency, env)
                first = first or r["docs_per_s"]
                print(f"{backend:8} {workers:>7} {r['docs']:>5} {r['seconds']:>8.2f} {r['docs_per_s']:>7.2f} "
                      f"{r['docs_per_s'] / first:>10.2f} {r['admitted_per_s']:>15.1f}  "
                      f"{r['exactly_once'] and r['done'] == docs} · "
                      f"{r['load_before']} → {r['load_after']}", flush=True)
    finally:
        llm.terminate()
        llm.wait()
        if cluster_dir is not None:
            _pg_cluster().stop(cluster_dir)


if __name__ == "__main__":
    main()
