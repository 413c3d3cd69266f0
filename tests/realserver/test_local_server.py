"""End to end against a real OpenAI-compatible server (llama-cpp-python) on loopback.

No mode is configured: the server refuses ``response_format: json_schema`` with
a 500, and the backend must step down the ladder by itself. Whatever the
model says, the output validates and every evidence is the clean text at its
span. The figures (time, tokens, F1) are printed by ``benchmarks/local_model.py``.
"""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

from summarizer.extract.llm.cache import ExtractionCache
from summarizer.schema import PART_NAMES
from summarizer.service import SummaryService
from summarizer.settings import LLMSettings, Settings

SEED = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds" / "000_7146bd087c0c1040.txt"


def local_settings(server, tmp_path: Path, **llm_fields) -> Settings:
    """Settings as a user of a slow local server writes them: endpoint, model, streaming, window."""
    # One call at a time: llama-cpp-python serves one request and, by default, interrupts a
    # running one when the next arrives (its --interrupt_requests).
    fields = {"base_url": server.url, "model": server.model, "stream": True, "timeout_s": 300, "concurrency": 1,
              "idle_timeout_s": 60, "budget_tokens": 2_000_000, **llm_fields}
    return Settings(cache_dir=tmp_path / "cache", llm=LLMSettings(**fields))


def _grounded(result) -> None:
    items = [i for p in PART_NAMES for i in result.summary.items(p)]
    assert items and all(result.document.text[i.span.start : i.span.end] == i.evidence for i in items)


def _mode_used(settings: Settings) -> str | None:
    key = f"{settings.llm.base_url}|{settings.llm.model}"
    return ExtractionCache(settings.cache_dir / "llm.sqlite3").load_mode(key)


def test_the_server_refuses_json_schema_with_a_500_naming_response_format(tiny_server):
    client = openai.OpenAI(base_url=tiny_server.url, api_key="none", max_retries=0)
    with pytest.raises(openai.InternalServerError) as err:
        client.chat.completions.create(
            model=tiny_server.model, messages=[{"role": "user", "content": "hi"}], max_tokens=8,
            response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}},
        )
    assert "response_format" in str(err.value)


def test_hybrid_with_the_tiny_model_validates_and_is_grounded(tiny_server, tmp_path):
    settings = local_settings(tiny_server, tmp_path, context_tokens=12_000)
    result = SummaryService(settings).summarize_sync(SEED, backend="hybrid")
    _grounded(result)
    assert result.summary.provenance.backend == "hybrid"
    assert _mode_used(settings) not in (None, "json_schema")  # stepped down by itself
    # llama-cpp-python's stream carries no usage: said, not guessed.
    assert any("no token usage" in w for w in result.summary.provenance.warnings)


def test_llm_with_the_tiny_model_steps_down_by_itself_and_validates(tiny_server, tmp_path):
    settings = local_settings(tiny_server, tmp_path, context_tokens=12_000, max_output_tokens=512, stream=False)
    result = SummaryService(settings).summarize_sync(SEED, backend="llm")
    items = [i for p in PART_NAMES for i in result.summary.items(p)]
    assert all(result.document.text[i.span.start : i.span.end] == i.evidence for i in items)
    assert "structured output via mode tools" in result.summary.provenance.warnings
    assert _mode_used(settings) == "tools"
    assert result.summary.provenance.usage.prompt_tokens > 10_000  # unstreamed, the server reports usage


@pytest.mark.slow
def test_hybrid_with_gemma_3_270m_validates_and_is_grounded(gemma_server, tmp_path):
    settings = local_settings(gemma_server, tmp_path, context_tokens=8192)
    result = SummaryService(settings).summarize_sync(SEED, backend="hybrid")
    _grounded(result)
    assert _mode_used(settings) not in (None, "json_schema")
