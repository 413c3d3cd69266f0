"""Live tests against a real provider: off unless SUMMARIZER_LIVE_TESTS=1.

    SUMMARIZER_LIVE_TESTS=1 SUMMARIZER_LLM_BASE_URL=https://api.deepseek.com/v1 \\
    SUMMARIZER_LLM_MODEL=deepseek-chat SUMMARIZER_LLM_API_KEY=sk-... \\
    .venv/bin/pytest tests/llm/test_live.py -m live --record-mode=rewrite

(``--disable-recording`` calls the provider without recording; see
tests/cassettes/README.md.)

The shared test fixtures clear SUMMARIZER_* from the environment, so the
endpoint is read here at import time, before they run.
"""

from __future__ import annotations

import os

import pytest

from summarizer.extract.llm import LLMBackend
from summarizer.schema import PART_NAMES
from summarizer.service import build_summary
from summarizer.settings import LLMSettings, Settings

from .conftest import live_enabled, seed_snapshot

_LIVE_ENV = {k: v for k, v in os.environ.items() if k.startswith("SUMMARIZER_LLM_") or k == "OPENAI_API_KEY"}

pytestmark = [
    pytest.mark.live,
    pytest.mark.vcr,  # --record-mode=rewrite records under tests/cassettes/test_live/
    pytest.mark.skipif(not live_enabled(), reason="live LLM tests are off; set SUMMARIZER_LIVE_TESTS=1"),
]


async def test_a_real_model_summarises_a_seed_with_grounded_citations(tmp_path, monkeypatch):
    for name, value in _LIVE_ENV.items():
        monkeypatch.setenv(name, value)
    llm = LLMSettings()
    if not llm.configured:
        pytest.fail("SUMMARIZER_LIVE_TESTS=1 but no SUMMARIZER_LLM_MODEL / BASE_URL / API key is set")
    settings = Settings(cache_dir=tmp_path, cache_enabled=False, llm=llm)
    doc, structure = seed_snapshot("000_7146bd087c0c1040")
    extraction = await LLMBackend(settings).extract(doc, structure)
    summary = build_summary(extraction, doc, backend="llm", name=doc.source_name)
    assert sum(len(summary.items(p)) for p in PART_NAMES) >= 10
    assert summary.provenance.usage.prompt_tokens > 0
