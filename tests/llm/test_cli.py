"""The CLI edges with the LLM backend against the scripted server: summarize and eval."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import SEEDS_DIR


@pytest.fixture
def llm_env(scripted_server, monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_LLM_BASE_URL", scripted_server.url)
    monkeypatch.setenv("SUMMARIZER_LLM_MODEL", "scripted-strong")
    monkeypatch.setenv("SUMMARIZER_LLM_API_KEY", "test-key")
    monkeypatch.setenv("SUMMARIZER_LLM_PRICES", '{"scripted-strong": {"prompt": 1, "completion": 4, "currency": "USD"}}')
    return scripted_server


def test_summarize_backend_llm_writes_grounded_json_and_caches(llm_env, tmp_path):
    files = [str(SEEDS_DIR / "000_7146bd087c0c1040.txt"), str(SEEDS_DIR / "003_0826f129c47e1bb2.txt")]
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["summarize", *files, "--backend", "llm", "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    summaries = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json"))]
    assert len(summaries) == 2 and len(llm_env.requests) == 2  # two event loops, one backend: both worked
    for s in summaries:
        assert s["provenance"]["backend"] == "llm" and s["provenance"]["usage"]["cost"] > 0
        assert s["achievements"] and not s["provenance"]["cached"]

    again = CliRunner().invoke(app, ["summarize", files[0], "--backend", "llm", "--json"])
    assert again.exit_code == 0 and json.loads(again.stdout)["provenance"]["cached"] is True
    fresh = CliRunner().invoke(app, ["summarize", files[0], "--backend", "llm", "--json", "--no-cache"])
    assert fresh.exit_code == 0 and json.loads(fresh.stdout)["provenance"]["cached"] is False
    assert len(llm_env.requests) == 3


def test_eval_backend_llm_scores_and_sums_usage(llm_env, tmp_path):
    out = tmp_path / "run"
    result = CliRunner().invoke(
        app, ["eval", "--dataset", str(SEEDS_DIR), "--backend", "llm", "--out", str(out), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    overall = run["overall"]
    assert run["run"]["backend"] == "llm" and run["run"]["prompt_version"] == "extract/v1"
    assert overall["schema_valid_rate"] == 1.0 and overall["grounding_rate"] == 1.0
    assert overall["calls"] == 5 and overall["prompt_tokens"] > 20_000 and overall["cost"] > 0
    assert overall["micro"]["all"]["f1"] >= 0.95


def test_summarize_backend_llm_without_an_endpoint_says_what_to_set():
    result = CliRunner().invoke(app, ["summarize", str(SEEDS_DIR / "000_7146bd087c0c1040.txt"), "--backend", "llm"])
    assert result.exit_code == 2  # a settings problem (README, "Exit codes")
    assert "SUMMARIZER_LLM_MODEL" in result.output and "SUMMARIZER_LLM_BASE_URL" in result.output
