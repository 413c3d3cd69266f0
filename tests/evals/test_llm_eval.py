"""``summarizer eval --backend llm`` against the scripted OpenAI-compatible server: tokens, cost, latency."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.report import load_run

ROOT = Path(__file__).resolve().parents[2]
SEED = "003_0826f129c47e1bb2"  # the shortest seed report

sys.path.insert(0, str(ROOT / "tests"))  # the scripted server lives in tests/scripted_openai
from scripted_openai.server import ScriptedServer


# Slow (tests/tiers.py, as every test that talks to the scripted server): the whole eval
# command through the LLM backend and a model server on loopback.
@pytest.mark.slow
def test_llm_eval_records_tokens_cost_and_latency(tmp_path, monkeypatch):
    dataset = tmp_path / "ds"
    dataset.mkdir()
    for suffix in (".txt", ".json"):
        shutil.copy(ROOT / "evals" / "datasets" / "seeds" / f"{SEED}{suffix}", dataset)
    with ScriptedServer() as server:
        monkeypatch.setenv("SUMMARIZER_LLM_BASE_URL", server.url)
        monkeypatch.setenv("SUMMARIZER_LLM_MODEL", "scripted")
        monkeypatch.setenv("SUMMARIZER_LLM_API_KEY", "test")
        monkeypatch.setenv("SUMMARIZER_LLM_PRICES", '{"scripted": {"prompt": 1.0, "completion": 2.0}}')
        result = CliRunner(env={"COLUMNS": "250"}).invoke(
            app, ["eval", "--dataset", str(dataset), "--backend", "llm", "--out", str(tmp_path / "run"), "--no-cache"]
        )
    assert result.exit_code == 0, result.output
    assert "tokens prompt / completion" in result.output and "USD" in result.output
    report = load_run(tmp_path / "run")
    run, overall, doc = report.run, report.overall, report.documents[0]
    assert run.backend == "llm" and run.model == "scripted" and run.prompt_version
    assert overall.prompt_tokens > 0 and overall.completion_tokens > 0 and overall.calls >= 1
    expected_cost = (overall.prompt_tokens * 1.0 + overall.completion_tokens * 2.0) / 1e6
    assert abs(overall.cost - expected_cost) < 1e-9 and overall.currency == "USD"
    assert doc.latency_ms > 0 and "extract" in doc.timing_ms
    assert overall.micro["achievements"].recall == 1.0  # the scripted model answers from the reference


def test_llm_eval_without_an_endpoint_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--dataset", str(ROOT / "evals" / "datasets" / "seeds"),
                                      "--backend", "llm", "--out", str(tmp_path / "run")])
    assert result.exit_code == 2
    assert "SUMMARIZER_LLM_MODEL" in result.output
