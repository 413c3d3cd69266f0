"""Failures classified by cause from status and body, with hints naming the setting that helps."""

from __future__ import annotations

import httpx
import openai
import pytest

from summarizer.errors import BackendError
from summarizer.extract.llm import LLMBackend
from summarizer.extract.llm.failures import HINTS, Cause, classify, is_transient
from summarizer.structure import parse_structure

from .conftest import llm_settings, raw_seed_document

SEED = "000_7146bd087c0c1040"
_REQUEST = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")


def _status(status: int, body: dict | str) -> openai.APIStatusError:
    response = httpx.Response(status, json=body, request=_REQUEST) if isinstance(body, dict) else httpx.Response(
        status, text=body, request=_REQUEST)
    cls = {400: openai.BadRequestError, 429: openai.RateLimitError}.get(status, openai.InternalServerError)
    return cls(f"Error code: {status}", response=response, body=body)


def test_a_500_naming_response_format_is_a_mode_refusal_not_retried():
    exc = _status(500, {"error": {"message": "[{'loc': ('body', 'response_format', 'type'), "
                                             "'msg': \"Input should be 'text' or 'json_object'\"}]"}})
    assert classify(exc) is Cause.MODE_REFUSED and not is_transient(exc)


@pytest.mark.parametrize("word", ["json_schema", "tools", "tool_choice"])
def test_any_status_naming_a_structured_output_option_is_a_mode_refusal(word):
    assert classify(_status(502, {"error": {"message": f"unsupported parameter: {word}"}})) is Cause.MODE_REFUSED
    assert classify(_status(400, f"bad {word}")) is Cause.MODE_REFUSED


def test_causes_by_status_when_the_body_names_no_option():
    assert classify(_status(429, {"error": {"message": "slow down"}})) is Cause.RATE_LIMITED
    assert classify(_status(503, {"error": {"message": "busy"}})) is Cause.OVERLOADED
    assert classify(_status(500, {"error": {"message": "boom"}})) is Cause.SERVER_ERROR
    assert classify(_status(400, {"error": {"message": "maximum context length is 8192"}})) is Cause.CONTEXT
    assert classify(openai.APITimeoutError(request=_REQUEST)) is Cause.TIMEOUT
    assert classify(openai.APIConnectionError(request=_REQUEST)) is Cause.UNREACHABLE


def test_every_hint_names_a_setting():
    for cause in Cause:
        assert "SUMMARIZER_" in HINTS[cause], cause
    assert "overloaded" not in HINTS[Cause.TIMEOUT] and "SUMMARIZER_LLM_TIMEOUT_S" in HINTS[Cause.TIMEOUT]


async def test_a_mode_refused_with_a_500_steps_down_the_ladder_and_is_remembered(scripted_server, tmp_path):
    doc = raw_seed_document(SEED)
    scripted_server.script.reject_modes = frozenset({"json_schema"})
    scripted_server.script.refusal_status = 500
    backend = LLMBackend(llm_settings(scripted_server.url, tmp_path))
    ex = await backend.extract(doc, parse_structure(doc))
    # One refusal, not five retries of it: then tools, which the server accepts.
    assert [bool(r["body"].get("tools")) for r in scripted_server.requests] == [False, True]
    assert len(ex.achievements) == 15 and "structured output via mode tools" in ex.warnings
    await backend.extract(doc.model_copy(update={"text": doc.text + "\n"}), parse_structure(doc))
    assert len(scripted_server.requests) == 3 and scripted_server.requests[-1]["body"].get("tools")


async def test_json_mode_refused_as_llama_cpp_does_reaches_prompted_json(scripted_server, tmp_path):
    doc = raw_seed_document(SEED)
    scripted_server.script.reject_modes = frozenset({"json_schema", "tools", "json"})
    scripted_server.script.refusal_status = 500
    ex = await LLMBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, parse_structure(doc))
    assert len(scripted_server.requests) == 4 and len(ex.achievements) == 15


async def test_a_timeout_says_timeout_and_names_the_timeout_setting(scripted_server, tmp_path):
    doc = raw_seed_document(SEED)
    scripted_server.script.slow_s = 2.0
    scripted_server.queue_faults("slow", "slow")
    with pytest.raises(BackendError, match="did not answer in time") as info:
        await LLMBackend(llm_settings(scripted_server.url, tmp_path, timeout_s=0.3, max_retries=1)).extract(
            doc, parse_structure(doc))
    assert "SUMMARIZER_LLM_TIMEOUT_S" in info.value.hint and "overloaded" not in info.value.hint
