"""Fixtures for the job-store tests: a real PostgreSQL, a fresh database per test, and processes.

PostgreSQL comes from ``SUMMARIZER_TEST_POSTGRES_URL`` (``.ci/run`` starts a
cluster and sets it), else a throwaway cluster this session starts itself
from Debian's packages (``tests/pg_cluster.py``); the tests that need it skip,
saying so, when neither can be had.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
API_KEY = "jobs-test-key-0123456789"


def _load_pg_cluster():
    spec = importlib.util.spec_from_file_location("pg_cluster", ROOT / "tests" / "pg_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's ``postgres`` database, or a skip saying why there is none."""
    if url := os.environ.get("SUMMARIZER_TEST_POSTGRES_URL"):
        yield url
        return
    cluster = _load_pg_cluster()
    directory = Path(tempfile.mkdtemp(prefix="summarizer-test-pg-"))  # under /tmp: the postgres user can enter it
    try:
        url = cluster.start(directory)
    except (RuntimeError, OSError) as exc:
        cluster.stop(directory)
        pytest.skip(f"no PostgreSQL for the job-store tests ({exc}); .ci/run installs Debian's postgresql, "
                    "or set SUMMARIZER_TEST_POSTGRES_URL")
    try:
        yield url
    finally:
        cluster.stop(directory)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database for one test; dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = postgres_server.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def jobs_url(request, tmp_path: Path) -> str:
    """Where the jobs go, once per store: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite://{tmp_path / 'jobs.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def process_env(tmp_path: Path, jobs_url: str, **extra: str) -> dict[str, str]:
    """The environment of a ``summarizer serve``/``worker`` process of these tests."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update({
        "SUMMARIZER_JOBS_URL": jobs_url, "SUMMARIZER_API_KEYS": API_KEY, "SUMMARIZER_BACKEND": "rules",
        "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"), "SUMMARIZER_RUN_WORKERS": "1",
        "SUMMARIZER_JOBS_HEARTBEAT_S": "0.5", "SUMMARIZER_JOBS_STALLED_AFTER_S": "3",
        **extra,
    })
    return env


class Processes:
    """``summarizer`` commands started as processes, each in its own session; all killed at the end."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.started: list[subprocess.Popen] = []

    def start(self, args: list[str], env: dict[str, str], log_name: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"{log_name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen([sys.executable, "-c", "from summarizer.cli import app; app()", *args],
                                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.tmp_path,
                                start_new_session=True)
        proc.log_path = self.tmp_path / f"{log_name}.log"
        self.started.append(proc)
        return proc

    def serve(self, env: dict[str, str], port: int, log_name: str) -> str:
        """Start ``summarizer serve`` on ``port``; return its URL once ``/healthz`` answers."""
        proc = self.start(["serve", "--port", str(port), "--log-level", "warning"], env, log_name)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    return url
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{log_name} did not start: {proc.log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)

    def stop_all(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    """Start ``summarizer`` processes; they are killed when the test ends."""
    running = Processes(tmp_path)
    try:
        yield running
    finally:
        running.stop_all()
