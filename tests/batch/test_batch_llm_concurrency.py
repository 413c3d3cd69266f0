"""``summarizer batch --concurrency N`` really keeps N LLM calls in flight."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/scripted_openai
from scripted_openai.server import ScriptedServer

from .conftest import SEED_IDS, SEEDS_DIR


def test_the_concurrency_flag_sets_the_llm_calls_in_flight(tmp_path, monkeypatch, cli):
    count = 12
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(count):
        doc_id = SEED_IDS[n % len(SEED_IDS)]
        text = (SEEDS_DIR / f"{doc_id}.txt").read_text(encoding="utf-8")
        (folder / f"{doc_id}-{n}.txt").write_text(f"{text}\n（{n}）\n", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    # Long enough that every document is cleaned and its call sent before the first answer comes back.
    with ScriptedServer(latency_ms=1500) as server:
        monkeypatch.setenv("SUMMARIZER_LLM_BASE_URL", server.url)
        monkeypatch.setenv("SUMMARIZER_LLM_MODEL", "scripted")
        monkeypatch.setenv("SUMMARIZER_LLM_API_KEY", "test")
        monkeypatch.setenv("SUMMARIZER_LLM_CONCURRENCY", "4")  # the flag, not this, decides
        monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
        result = cli("batch", folder, "--out", out, "--backend", "llm", "--concurrency", str(count), "--no-cache",
                     "--no-text")
        assert result.exit_code == 0, result.output
        assert server.state.max_in_flight == count and len(server.requests) == count
