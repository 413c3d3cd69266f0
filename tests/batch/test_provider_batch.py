"""``summarizer batch --provider-batch`` end to end against the scripted server's Batch API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/scripted_openai
from scripted_openai.server import ScriptedServer

from summarizer.batch.store import load_outcomes

from .conftest import SEED_IDS

PRICE = {"prompt": 2.0, "completion": 8.0, "currency": "CNY"}  # batch share: the default 0.5


@pytest.fixture
def endpoint(monkeypatch, tmp_path):
    """Point the LLM settings at a scripted server; yields a function that starts one."""
    servers: list[ScriptedServer] = []

    def start(**script) -> ScriptedServer:
        server = ScriptedServer(**script).start()
        servers.append(server)
        for name, value in _env(server, tmp_path).items():
            monkeypatch.setenv(name, value)
        return server

    yield start
    for server in servers:
        server.stop()


def _env(server: ScriptedServer, tmp_path: Path) -> dict[str, str]:
    return {
        "SUMMARIZER_LLM_BASE_URL": server.url,
        "SUMMARIZER_LLM_MODEL": "scripted",
        "SUMMARIZER_LLM_API_KEY": "test",
        "SUMMARIZER_LLM_BATCH_POLL_S": "0.1",
        "SUMMARIZER_LLM_RETRY_INITIAL_WAIT_S": "0.05",
        "SUMMARIZER_LLM_PRICES": json.dumps({"scripted": PRICE}),
        "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
    }


def _vias(server: ScriptedServer) -> list[str]:
    return [r.get("via", "direct") for r in server.requests]


def _costs_match(outcomes, share: float) -> None:
    for outcome in outcomes:
        usage = outcome.summary.provenance.usage
        expected = (usage.prompt_tokens * PRICE["prompt"] + usage.completion_tokens * PRICE["completion"]) * share / 1e6
        assert usage.cost == pytest.approx(expected, abs=1e-6) and usage.currency == "CNY"


def test_documents_go_through_one_provider_batch_at_the_batch_price(reports_dir, tmp_path, endpoint, cli):
    server = endpoint()
    out = tmp_path / "results.jsonl"
    result = cli("batch", reports_dir, "--out", out, "--backend", "llm", "--provider-batch", "--no-cache")
    assert result.exit_code == 0, result.output
    outcomes = load_outcomes(out)
    assert len(outcomes) == len(SEED_IDS) and all(o.status == "done" for o in outcomes)
    assert _vias(server) == ["batch"] * len(SEED_IDS), "every request went through the batch, none directly"
    assert len(server.state.batches.batches) == 1
    _costs_match(outcomes, 0.5)
    assert "cost at the batch price" in result.output
    # the answers validate as direct ones do: every item's evidence is the clean text at its span
    assert sum(len(o.summary.achievements) for o in outcomes) > 0


def test_an_endpoint_without_a_batch_api_gets_direct_calls_at_the_direct_price(reports_dir, tmp_path, endpoint, cli):
    server = endpoint(batch_api=False)
    out = tmp_path / "results.jsonl"
    result = cli("batch", reports_dir, "--out", out, "--backend", "llm", "--provider-batch", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "no Batch API" in result.output
    outcomes = load_outcomes(out)
    assert len(outcomes) == len(SEED_IDS) and all(o.status == "done" for o in outcomes)
    assert _vias(server) == ["direct"] * len(SEED_IDS)
    _costs_match(outcomes, 1.0)


def test_a_failed_line_and_a_reask_go_into_the_next_batch(reports_dir, tmp_path, endpoint, cli):
    server = endpoint()
    server.queue_faults("server_error", "schema_invalid")  # the first two lines of the first batch
    out = tmp_path / "results.jsonl"
    result = cli("batch", reports_dir, "--out", out, "--backend", "llm", "--provider-batch", "--no-cache")
    assert result.exit_code == 0, result.output
    outcomes = load_outcomes(out)
    assert all(o.status == "done" for o in outcomes), [o.error for o in outcomes]
    assert len(server.state.batches.batches) == 2
    assert _vias(server) == ["batch"] * (len(SEED_IDS) + 2)  # the 500 sent again, the bad answer re-asked
    assert any(o.summary.provenance.usage.calls == 2 for o in outcomes)  # the re-ask is that document's 2nd call


def test_a_run_killed_while_its_batch_is_pending_resumes_it_without_sending_again(reports_dir, tmp_path, endpoint, cli):
    server = endpoint(hold_batches=True)
    out = tmp_path / "results.jsonl"
    env = {**os.environ, **_env(server, tmp_path)}
    command = [sys.executable, "-c", "from summarizer.cli import app; app()", "batch", str(reports_dir), "--out", str(out), "--backend",
               "llm", "--provider-batch", "--no-cache"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not server.state.batches.batches:
            assert first.poll() is None, first.stdout.read().decode()
            assert time.monotonic() < deadline, "the first run never submitted its batch"
            time.sleep(0.1)
        time.sleep(0.5)  # it is polling the pending batch now
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    assert not out.exists() or all(o.status != "done" for o in load_outcomes(out))
    (pending,) = server.state.batches.batches.values()
    assert pending.status == "in_progress"

    server.script.hold_batches = False  # the provider finishes the batch while nobody is watching
    result = cli("batch", reports_dir, "--out", out, "--backend", "llm", "--provider-batch", "--no-cache")
    assert result.exit_code == 0, result.output
    outcomes = load_outcomes(out)
    assert len(outcomes) == len(SEED_IDS) and all(o.status == "done" for o in outcomes)
    assert len(server.state.batches.batches) == 1, "the rerun waited on the pending batch instead of sending again"
    assert _vias(server) == ["batch"] * len(SEED_IDS)
    assert "0 submitted (0 requests), 1 resumed from an earlier run" in result.output


def test_a_batch_failed_as_a_whole_stops_the_run_and_a_rerun_sends_it_again(reports_dir, tmp_path, endpoint, cli):
    server = endpoint(fail_batches=True)
    out = tmp_path / "results.jsonl"
    args = ("batch", reports_dir, "--out", out, "--backend", "llm", "--provider-batch", "--no-cache")
    failed = cli(*args)
    assert failed.exit_code == 1 and "the provider failed batch" in failed.output
    assert "scripted_failure: the batch was refused" in " ".join(failed.output.split())
    server.script.fail_batches = False
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert all(o.status == "done" for o in load_outcomes(out)) and len(load_outcomes(out)) == len(SEED_IDS)
    assert len(server.state.batches.batches) == 2 and "1 submitted" in result.output


def test_a_batch_created_by_a_run_killed_before_recording_it_is_found_not_sent_again(
        reports_dir, tmp_path, endpoint, cli, monkeypatch):
    from summarizer.errors import BackendError
    from summarizer.extract.llm.provider_batch import BatchState

    server = endpoint()
    out = tmp_path / "results.jsonl"
    args = ("batch", reports_dir, "--out", out, "--backend", "llm", "--provider-batch", "--no-cache")

    def killed(*_args, **_kwargs):  # the run stops right after the provider created the batch
        raise BackendError("killed between creating the batch and recording it")

    with monkeypatch.context() as patch:
        patch.setattr(BatchState, "add_batch", killed)
        stopped = cli(*args)
    assert stopped.exit_code == 1 and "killed between" in stopped.output
    assert len(server.state.batches.batches) == 1
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert "0 submitted (0 requests), 1 resumed from an earlier run" in result.output
    assert len(server.state.batches.batches) == 1 and _vias(server) == ["batch"] * len(SEED_IDS)
    assert all(o.status == "done" for o in load_outcomes(out)) and len(load_outcomes(out)) == len(SEED_IDS)
