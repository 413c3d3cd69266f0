"""A seed through the LLM backend as llama-cpp-python's server answered it, replayed from a cassette.

Recorded against the real server serving the tiny random model of
``tests/realserver/tiny_gguf.py`` (``--record-mode=rewrite`` starts it; needs
``llama-cpp-python[server]``). Replayed everywhere else, so the server's own
answers (a 500 refusing ``json_schema`` with its validation error in the body,
then a forced tool call) are tested even where the server cannot be built.
"""

from __future__ import annotations

import pytest

from summarizer.extract.llm import LLMBackend
from summarizer.schema import PART_NAMES
from summarizer.service import build_summary

from .conftest import llm_settings, seed_snapshot

SEED = "000_7146bd087c0c1040"


@pytest.fixture
def llama_cpp_endpoint(record_mode, tmp_path_factory):
    """A dead port on replay; the real server with the tiny model when recording."""
    if record_mode in (None, "none"):
        yield "http://127.0.0.1:9/v1"
        return
    from realserver.conftest import _serve
    from realserver.tiny_gguf import write_tiny_model

    folder = tmp_path_factory.mktemp("tiny")
    for server in _serve(write_tiny_model(folder / "tiny.gguf"), "tiny-random", 32768, folder / "server.log"):
        yield server.url


@pytest.mark.vcr
async def test_llama_cpp_refuses_json_schema_with_a_500_and_the_ladder_steps_down(llama_cpp_endpoint, tmp_path):
    doc, structure = seed_snapshot(SEED)
    settings = llm_settings(llama_cpp_endpoint, tmp_path, model="tiny-random", concurrency=1,
                            context_tokens=12_000, max_output_tokens=512, timeout_s=300)
    extraction = await LLMBackend(settings).extract(doc, structure)
    summary = build_summary(extraction, doc, backend="llm", name=doc.source_name)  # validates
    assert all(doc.text[i.span.start : i.span.end] == i.evidence for p in PART_NAMES for i in summary.items(p))
    assert "structured output via mode tools" in extraction.warnings
    assert extraction.usage.calls == 2 and extraction.usage.prompt_tokens > 10_000
