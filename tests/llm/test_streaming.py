"""Slow local models: streamed answers with an idle timeout, <think> stripped."""

from __future__ import annotations

import time

import pytest
from openai.types.chat import ChatCompletion

from summarizer.extract.llm import LLMBackend
from summarizer.extract.llm.streaming import strip_think
from summarizer.structure import parse_structure

from .conftest import llm_settings, raw_seed_document

# Real waits on a loopback server (slow and stalled streams): the full tier.
pytestmark = pytest.mark.slow

SEED = "000_7146bd087c0c1040"


async def _extract(server, tmp_path, **llm_fields):
    doc = raw_seed_document(SEED)
    backend = LLMBackend(llm_settings(server.url, tmp_path, **llm_fields))
    return await backend.extract(doc, parse_structure(doc)), doc


async def test_a_streamed_answer_is_assembled_with_its_usage(scripted_server, tmp_path):
    ex, doc = await _extract(scripted_server, tmp_path, stream=True)
    assert scripted_server.requests[0]["body"]["stream"] is True
    assert len(ex.achievements) == 15 and ex.usage.calls == 1 and ex.usage.completion_tokens > 0
    assert all(doc.text[i.span.start : i.span.end] == i.evidence for i in ex.achievements)


async def test_a_slow_stream_that_stays_alive_is_not_cut(scripted_server, tmp_path):
    # About 2.5 s in all, far beyond the 0.8 s timeout, but never more than 0.05 s silent.
    scripted_server.script.chunk_delay_s = 0.05
    started = time.monotonic()
    ex, _ = await _extract(scripted_server, tmp_path, stream=True, timeout_s=0.8, idle_timeout_s=0.8)
    assert time.monotonic() - started > 0.8
    assert len(scripted_server.requests) == 1 and len(ex.achievements) == 15
    assert not any("Timeout" in w for w in ex.warnings)


async def test_a_stalled_stream_is_cut_after_the_idle_timeout_and_retried(scripted_server, tmp_path):
    scripted_server.script.stall_s = 1.5
    scripted_server.script.chunk_delay_s = 0.0
    ex, _ = await _extract(scripted_server, tmp_path, stream=True, timeout_s=5, idle_timeout_s=0.3, max_retries=1)
    # The first answer falls silent for 1.5 s and is cut after 0.3 s; the retry streams through.
    # Cut before the silence ended: the retry reached the server within the 1.5 s (the server's
    # clock on both ends, and no extraction work in between, so a busy machine does not fail it).
    assert len(scripted_server.requests) == 2
    first, retry = scripted_server.requests
    assert retry["at"] - first["at"] < 1.5, f"retried {retry['at'] - first['at']:.2f} s later"
    assert len(ex.achievements) == 15
    assert any("APITimeoutError" in w for w in ex.warnings)


def test_think_blocks_are_stripped_from_the_content():
    completion = ChatCompletion.model_validate({
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {
            "role": "assistant", "content": "<think>先想一想 {\"a\": 1}</think>\n{\"metadata\": {}}"}}],
    })
    assert strip_think(completion).choices[0].message.content == '{"metadata": {}}'


async def test_a_model_that_thinks_first_is_parsed(scripted_server, tmp_path):
    scripted_server.script.think_first = True
    ex, _ = await _extract(scripted_server, tmp_path, mode="json")
    assert len(ex.achievements) == 15
