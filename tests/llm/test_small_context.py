"""An 8 k context window: every call (prompt and answer budget) fits it, and the report is read whole."""

from __future__ import annotations

import json

import pytest
from scripted_openai.tokens import count_chat_prompt

from summarizer.extract.llm import LLMBackend
from summarizer.structure import parse_structure

from .conftest import SEED_IDS, llm_settings, raw_seed_document


@pytest.mark.parametrize("seed", ["001_b013c1bd2a4005fb", SEED_IDS[0]])
async def test_every_call_fits_an_8k_window(scripted_server, tmp_path, seed):
    doc = raw_seed_document(seed)
    whole = await LLMBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, parse_structure(doc))
    scripted_server.requests.clear()
    small = await LLMBackend(llm_settings(scripted_server.url, tmp_path, context_tokens=8192)).extract(
        doc, parse_structure(doc))
    if seed.startswith("001"):  # the longest seed: about 7 k prompt tokens whole
        assert len(scripted_server.requests) > 1 and "read in" in small.warnings[0]
    for request in scripted_server.requests:
        body = request["body"]
        schema = json.dumps(body.get("response_format") or body.get("tools") or "", ensure_ascii=False)
        assert count_chat_prompt(body["messages"], schema) + body["max_tokens"] <= 8192
    # Read in parts, the report yields the same items (the scripted model answers each part).
    for part in ("achievements", "problems", "plans"):
        assert {i.evidence for i in small.items(part)} == {i.evidence for i in whole.items(part)}
