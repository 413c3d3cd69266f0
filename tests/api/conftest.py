"""Fixtures for the API tests: settings with a key, and the app served by uvicorn on a free port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Self

import httpx
import pytest
import uvicorn

from summarizer.api import create_app
from summarizer.settings import JobsSettings, LLMSettings, RunSettings, ServerSettings, Settings

API_KEY = "test-key-1234567890"
SEEDS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"


def seed_texts() -> dict[str, str]:
    """The bundled seed reports by id."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_settings(tmp_path: Path, **api: object) -> Settings:
    """Settings for a test server: rules backend, one key, jobs in ``tmp_path/jobs.sqlite3`` (``SUMMARIZER_JOBS_URL``). ``workers`` and
    ``cpu_budget_s`` go to the run group (``SUMMARIZER_RUN_*``), ``retention_hours`` to the jobs
    group (``SUMMARIZER_JOBS_*``), the rest to ``api``."""
    run = {name: api.pop(name) for name in ("workers", "cpu_budget_s") if name in api}
    jobs = {name: api.pop(name) for name in ("retention_hours",) if name in api}
    server = {"keys": [API_KEY], **api}
    return Settings(
        backend="rules", cache_dir=tmp_path / "cache", llm=LLMSettings(), api=ServerSettings(**server),
        run=RunSettings(**run), jobs=JobsSettings(url=str(tmp_path / "jobs.sqlite3"), **jobs),
    )


class LiveServer:
    """uvicorn serving an app in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, settings: Settings):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def live_server(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(settings) as server:
        yield server


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    """An HTTP client for the live server that sends the API key."""
    with httpx.Client(base_url=live_server.url, headers={"Authorization": f"Bearer {API_KEY}"},
                      timeout=30) as http:
        yield http


@pytest.fixture
def anonymous(live_server: LiveServer) -> Iterator[httpx.Client]:
    """An HTTP client for the live server without a key."""
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        yield http


def assert_error_shape(response: httpx.Response, status: int, code: str, field: str | None = None) -> dict:
    """The response is ``status`` with the API's one error shape; returns the error body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    if field is not None:
        assert error["field"] == field, error
    assert "Traceback" not in response.text
    return error
