"""Fixtures for the LLM backend tests: the scripted server, VCR settings, seed documents."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "tests" / "cassettes"
SNAPSHOTS = CASSETTES / "seeds"
SEEDS_DIR = ROOT / "evals" / "datasets" / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))

sys.path.insert(0, str(ROOT / "tests"))  # the scripted server lives in tests/scripted_openai

from scripted_openai.server import ScriptedServer

from summarizer.preprocess.document import CleanDocument
from summarizer.settings import LLMSettings, Settings
from summarizer.structure import DocumentStructure

# Headers and query parameters that may carry credentials never reach a cassette.
SECRET_HEADERS = [
    "authorization", "api-key", "x-api-key", "cookie", "set-cookie",
    "openai-organization", "openai-project", "x-goog-api-key",
]


def _scrub_response(response: dict) -> dict:
    for name in list(response.get("headers", {})):
        if name.lower() in SECRET_HEADERS:
            del response["headers"][name]
    return response


@pytest.fixture
def vcr_config() -> dict:
    """Replay by method, path and body (not host/port: recordings come from a random local port)."""
    return {
        "filter_headers": SECRET_HEADERS,
        "filter_query_parameters": ["api-key", "key", "api_key"],
        "before_record_response": _scrub_response,
        "match_on": ["method", "path", "body"],
        "allow_playback_repeats": False,
        "decode_compressed_response": True,
    }


@pytest.fixture(autouse=True)
def _cassette_fully_played(request, vcr, record_mode):
    """On replay, every recorded interaction must have been used (and, by vcr_config, only once)."""
    yield
    if vcr is not None and record_mode in (None, "none"):
        unplayed = len(vcr.data) - vcr.play_count
        assert vcr.all_played, f"{unplayed} recorded interaction(s) of {vcr._path} were not played"


@pytest.fixture(scope="module")
def vcr_cassette_dir(request) -> str:
    """Cassettes under ``tests/cassettes/<module>/<test>.yaml``."""
    return str(CASSETTES / Path(request.node.fspath).stem)


@pytest.fixture
def scripted_server():
    """A fresh scripted server on 127.0.0.1 and a free port."""
    with ScriptedServer() as server:
        yield server


@pytest.fixture
def cassette_endpoint(record_mode):
    """The base URL for cassette tests: a live scripted server when recording, else a dead port."""
    if record_mode in (None, "none"):
        yield "http://127.0.0.1:9/v1"  # never reached: VCR replays, and fails on any unplayed request
        return
    with ScriptedServer() as server:
        yield server.url


def llm_settings(base_url: str, tmp_path: Path, *, cache: bool = False, **llm_fields) -> Settings:
    """Settings for the scripted endpoint; fast retries so fault tests take milliseconds."""
    fields = {
        "base_url": base_url,
        "api_key": "test-key",
        "model": "scripted-strong",
        "retry_initial_wait_s": 0.01,
        "retry_max_wait_s": 2.0,
        "timeout_s": 10.0,
    }
    fields.update(llm_fields)
    return Settings(cache_dir=tmp_path / "cache", cache_enabled=cache, llm=LLMSettings(**fields))


def seed_snapshot(seed_id: str) -> tuple[CleanDocument, DocumentStructure]:
    """The frozen clean document and structure of a seed (see tests/cassettes/README.md)."""
    data = json.loads((SNAPSHOTS / f"{seed_id}.json").read_text(encoding="utf-8"))
    return CleanDocument.model_validate(data["document"]), DocumentStructure.model_validate(data["structure"])


def seed_reference(seed_id: str) -> dict:
    """The hand-made reference extraction of a seed."""
    return json.loads((SEEDS_DIR / f"{seed_id}.json").read_text(encoding="utf-8"))


def live_enabled() -> bool:
    """Live tests run only with SUMMARIZER_LIVE_TESTS=1 (read before the env is isolated)."""
    return os.environ.get("SUMMARIZER_LIVE_TESTS") == "1"


def raw_seed_document(seed_id: str) -> CleanDocument:
    """A seed's raw text as a CleanDocument (uncleaned, segmented as every document is), for
    tests with a live server."""
    text = (SEEDS_DIR / f"{seed_id}.txt").read_text(encoding="utf-8")
    return CleanDocument(text=text, source_name=f"{seed_id}.txt", input_sha256=seed_id)
