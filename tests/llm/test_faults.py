"""Fault handling against the live scripted server (no cassettes needed)."""

from __future__ import annotations

import time

import pytest

from summarizer.errors import BackendError, OutputError
from summarizer.extract.llm import LLMBackend
from summarizer.structure import parse_structure

from .conftest import llm_settings, raw_seed_document

# Real waits on a loopback server (timeouts, Retry-After, backoff): the full tier.
pytestmark = pytest.mark.slow

SEED = "000_7146bd087c0c1040"


@pytest.fixture
def doc():
    return raw_seed_document(SEED)


async def _extract(server, tmp_path, doc, **llm_fields):
    backend = LLMBackend(llm_settings(server.url, tmp_path, **llm_fields))
    return await backend.extract(doc, parse_structure(doc))


def _grounded(extraction, doc) -> bool:
    parts = ("achievements", "problems", "causes", "leader_duties", "plans")
    return all(doc.text[i.span.start : i.span.end] == i.evidence for p in parts for i in extraction.items(p))


async def test_a_clean_run_makes_one_call_with_json_schema(scripted_server, tmp_path, doc):
    ex = await _extract(scripted_server, tmp_path, doc)
    assert len(scripted_server.requests) == 1
    assert scripted_server.requests[0]["body"]["response_format"]["type"] == "json_schema"
    assert len(ex.achievements) == 15 and ex.usage.calls == 1 and ex.warnings == []
    assert _grounded(ex, doc)


async def test_429_is_retried_after_the_retry_after_delay(scripted_server, tmp_path, doc):
    scripted_server.script.retry_after = "0.5"
    scripted_server.queue_faults("rate_limit")
    started = time.monotonic()
    ex = await _extract(scripted_server, tmp_path, doc, retry_initial_wait_s=0.01)
    assert time.monotonic() - started >= 0.5  # waited as the server asked, not the 10 ms backoff
    assert [r["fault"] for r in scripted_server.requests] == ["rate_limit", None]
    assert len(ex.achievements) == 15 and any("RateLimitError" in w for w in ex.warnings)


async def test_500_is_retried(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("server_error", "server_error")
    ex = await _extract(scripted_server, tmp_path, doc)
    assert len(scripted_server.requests) == 3 and len(ex.achievements) == 15


async def test_retries_give_up_with_a_clear_backend_error(scripted_server, tmp_path, doc):
    scripted_server.queue_faults(*["server_error"] * 3)
    with pytest.raises(BackendError, match="server error after 3 attempts: HTTP 500") as info:
        await _extract(scripted_server, tmp_path, doc, max_retries=2)
    assert "overloaded" not in info.value.hint and "server's log" in info.value.hint


async def test_a_slow_answer_times_out_and_is_retried(scripted_server, tmp_path, doc):
    scripted_server.script.slow_s = 3.0
    scripted_server.queue_faults("slow")
    started = time.monotonic()
    ex = await _extract(scripted_server, tmp_path, doc, timeout_s=0.5)
    assert time.monotonic() - started < 2.5
    assert len(ex.achievements) == 15 and any("APITimeoutError" in w for w in ex.warnings)


async def test_invalid_json_is_reasked_with_the_error(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("invalid_json")
    ex = await _extract(scripted_server, tmp_path, doc)
    assert len(scripted_server.requests) == 2 and len(ex.achievements) == 15
    reask = scripted_server.requests[1]["body"]["messages"]
    assert len(reask) > 2 and "error" in str(reask[-1]["content"]).lower()
    assert ex.usage.calls == 2  # the failed answer's tokens are paid for too


async def test_schema_invalid_json_is_reasked(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("schema_invalid")
    ex = await _extract(scripted_server, tmp_path, doc)
    assert len(scripted_server.requests) == 2 and ex.metadata.report_year == 2022


async def test_validation_failures_beyond_max_reasks_are_an_output_error(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("schema_invalid", "schema_invalid")
    with pytest.raises(OutputError, match="did not validate after 1 re-ask"):
        await _extract(scripted_server, tmp_path, doc, max_reasks=1, mode="json_schema")
    assert len(scripted_server.requests) == 2


async def test_in_auto_mode_an_endpoint_ignoring_response_format_falls_to_tools(scripted_server, tmp_path, doc):
    scripted_server.script.ignore_response_format = True
    backend = LLMBackend(llm_settings(scripted_server.url, tmp_path, max_reasks=1))
    ex = await backend.extract(doc, parse_structure(doc))
    kinds = ["tools" if r["body"].get("tools") else r["body"]["response_format"]["type"] for r in scripted_server.requests]
    assert kinds == ["json_schema", "json_schema", "tools"] and len(ex.achievements) == 15
    assert any("did not validate in mode json_schema" in w for w in ex.warnings)
    assert backend.caller.ladder()[0] == "tools"  # remembered


async def test_a_429_during_a_reask_goes_to_the_transport_retry_not_the_reask_loop(scripted_server, tmp_path, doc):
    # instructor wraps API errors raised inside its re-ask loop; they must not count as bad answers.
    scripted_server.queue_faults("schema_invalid", "rate_limit")
    scripted_server.script.retry_after = "0"
    ex = await _extract(scripted_server, tmp_path, doc, max_reasks=1)
    assert [r["fault"] for r in scripted_server.requests] == ["schema_invalid", "rate_limit", None]
    assert len(ex.achievements) == 15


async def test_a_4xx_is_not_retried_and_says_what_to_check(scripted_server, tmp_path, doc):
    scripted_server.script.reject_modes = frozenset({"json_schema"})
    with pytest.raises(BackendError, match="rejected the request in mode 'json_schema'") as info:
        await _extract(scripted_server, tmp_path, doc, mode="json_schema")
    assert len(scripted_server.requests) == 1 and "SUMMARIZER_LLM_MODE=auto" in info.value.hint


async def test_citations_of_missing_sentences_are_dropped_warned_and_reasked(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("bad_citations")
    ex = await _extract(scripted_server, tmp_path, doc)
    assert len(scripted_server.requests) == 2
    follow_up = scripted_server.requests[1]["body"]["messages"][-1]["content"]
    assert "不存在的句子编号" in follow_up
    assert len(ex.achievements) == 15 and any("re-asked after 15 item(s)" in w for w in ex.warnings)


async def test_missing_citations_without_reasks_are_dropped_and_recorded(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("bad_citations")
    ex = await _extract(scripted_server, tmp_path, doc, max_reasks=0)
    assert ex.achievements == [] and len(ex.problems) == 3
    assert sum("cited no existing sentence" in w for w in ex.warnings) == 15


async def test_a_truncated_answer_is_never_parsed_but_asked_again_with_twice_the_budget(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("truncated")
    ex = await _extract(scripted_server, tmp_path, doc)
    assert scripted_server.requests[0]["fault"] == "truncated"
    assert [r["body"]["max_tokens"] for r in scripted_server.requests] == [4096, 8192]
    assert any("truncated at 4096 tokens; asked again with 8192" in w for w in ex.warnings)
    assert len(ex.achievements) == 15 and _grounded(ex, doc)


async def test_truncated_again_after_the_raise_the_part_is_split(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("truncated", "truncated")
    ex = await _extract(scripted_server, tmp_path, doc)
    assert [r["body"]["max_tokens"] for r in scripted_server.requests][:2] == [4096, 8192]
    assert len(scripted_server.requests) >= 4 and any(" parts" in w and "truncated at 8192" in w for w in ex.warnings), ex.warnings
    assert len(ex.achievements) == 15 and _grounded(ex, doc)


async def test_the_raise_stays_inside_the_context_window(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("truncated")
    await _extract(scripted_server, tmp_path, doc, context_tokens=12_000, max_output_tokens=3000)
    first, second = (r["body"]["max_tokens"] for r in scripted_server.requests[:2])
    assert first == 3000 and 3000 < second < 6000


async def test_an_answer_longer_than_max_tokens_is_split_until_it_fits(scripted_server, tmp_path, doc):
    ex = await _extract(scripted_server, tmp_path, doc, max_output_tokens=700)
    lengths = [r["body"]["max_tokens"] for r in scripted_server.requests]
    assert set(lengths) == {700, 1400} and len(lengths) >= 3
    assert len(ex.achievements) == 15 and _grounded(ex, doc)


async def test_the_mode_ladder_falls_back_like_deepseek_and_remembers(scripted_server, tmp_path, doc):
    scripted_server.script.reject_modes = frozenset({"json_schema"})
    backend = LLMBackend(llm_settings(scripted_server.url, tmp_path))
    structure = parse_structure(doc)
    ex = await backend.extract(doc, structure)
    kinds = ["tools" if r["body"].get("tools") else r["body"]["response_format"]["type"] for r in scripted_server.requests]
    assert kinds == ["json_schema", "tools"] and len(ex.achievements) == 15
    assert "structured output via mode tools" in ex.warnings
    await backend.extract(doc.model_copy(update={"text": doc.text + "\n"}), structure)
    assert scripted_server.requests[-1]["body"].get("tools")  # went straight to what worked
    assert len(scripted_server.requests) == 3


async def test_the_ladder_reaches_json_mode_when_tools_are_refused_too(scripted_server, tmp_path, doc):
    scripted_server.script.reject_modes = frozenset({"json_schema", "tools"})
    ex = await _extract(scripted_server, tmp_path, doc)
    assert scripted_server.requests[-1]["body"]["response_format"] == {"type": "json_object"}
    assert len(ex.achievements) == 15


async def test_prompted_json_is_the_last_rung(scripted_server, tmp_path, doc):
    scripted_server.script.reject_modes = frozenset({"json_schema", "tools", "json"})
    ex = await _extract(scripted_server, tmp_path, doc)
    assert "response_format" not in scripted_server.requests[-1]["body"] and len(ex.achievements) == 15


async def test_the_mode_that_worked_is_remembered_across_processes_in_the_cache(scripted_server, tmp_path, doc):
    scripted_server.script.reject_modes = frozenset({"json_schema"})
    settings = llm_settings(scripted_server.url, tmp_path, cache=True)
    await LLMBackend(settings).extract(doc, parse_structure(doc))
    assert len(scripted_server.requests) == 2
    fresh = LLMBackend(settings, use_cache=True)  # as a new process would build it
    await fresh.extract(doc.model_copy(update={"text": doc.text + "\n"}), parse_structure(doc))
    assert len(scripted_server.requests) == 3 and scripted_server.requests[-1]["body"].get("tools")


async def test_an_endpoint_refusing_every_mode_says_so_with_its_reasons(scripted_server, tmp_path, doc):
    scripted_server.script.reject_modes = frozenset({"json_schema", "tools", "json", "md_json"})
    with pytest.raises(BackendError, match="refused every structured-output mode") as info:
        await _extract(scripted_server, tmp_path, doc)
    assert "response_format type is unavailable" in info.value.message and len(scripted_server.requests) == 4


async def test_a_wrong_key_is_a_401_not_retried_with_a_hint_about_the_key(scripted_server, tmp_path, doc):
    scripted_server.script.api_key = "the-right-key"
    with pytest.raises(BackendError, match="HTTP 401: Incorrect API key") as info:
        await _extract(scripted_server, tmp_path, doc)
    assert "SUMMARIZER_LLM_API_KEY" in info.value.hint
    assert [r["fault"] for r in scripted_server.requests] == ["unauthorized"]  # not retried
