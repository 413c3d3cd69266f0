"""Usage and cost accounting, the per-document budget, and the cache."""

from __future__ import annotations

import pytest

from summarizer.errors import BudgetExceededError, ConfigError
from summarizer.extract.llm import LLMBackend
from summarizer.extract.llm.meter import Meter, estimate_tokens
from summarizer.settings import Price
from summarizer.structure import parse_structure

from .conftest import llm_settings, raw_seed_document

SEED = "000_7146bd087c0c1040"
PRICES = {"scripted-strong": {"prompt": 2.0, "completion": 8.0, "currency": "CNY"}}


@pytest.fixture
def doc():
    return raw_seed_document(SEED)


def _server_usage(server) -> tuple[int, int]:
    """What the server billed, recomputed from its own answers."""
    import json

    from scripted_openai.tokens import count_chat_prompt

    prompt = 0
    for r in server.requests:
        body = r["body"]
        extra = json.dumps(body.get("tools") or body.get("response_format") or "", ensure_ascii=False)
        prompt += count_chat_prompt(body["messages"], extra if extra != '""' else "")
    return prompt, len(server.requests)


async def test_usage_sums_every_call_including_reasks_and_prices_it(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("invalid_json")
    backend = LLMBackend(llm_settings(scripted_server.url, tmp_path, prices=PRICES))
    ex = await backend.extract(doc, parse_structure(doc))
    prompt, calls = _server_usage(scripted_server)
    assert ex.usage.calls == calls == 2 and ex.usage.prompt_tokens == prompt
    expected = (ex.usage.prompt_tokens * 2.0 + ex.usage.completion_tokens * 8.0) / 1e6
    assert ex.usage.cost == pytest.approx(expected, abs=1e-6) and ex.usage.currency == "CNY"
    assert ex.model == "scripted-strong" and ex.prompt_version == "extract/v1"


async def test_without_a_price_the_cost_is_unknown_not_zero(scripted_server, tmp_path, doc):
    ex = await LLMBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, parse_structure(doc))
    assert ex.usage.cost is None and ex.usage.currency is None and ex.usage.prompt_tokens > 0


async def test_a_token_budget_too_small_for_the_document_fails_clearly(scripted_server, tmp_path, doc):
    backend = LLMBackend(llm_settings(scripted_server.url, tmp_path, budget_tokens=2_000))
    with pytest.raises(BudgetExceededError, match="budget is spent") as info:
        await backend.extract(doc, parse_structure(doc))
    assert scripted_server.requests == [] and "SUMMARIZER_LLM_BUDGET_TOKENS" in info.value.hint


async def test_reasks_stop_when_the_budget_is_spent(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("schema_invalid", "schema_invalid", "schema_invalid")
    backend = LLMBackend(llm_settings(scripted_server.url, tmp_path, budget_tokens=12_000, max_reasks=5))
    with pytest.raises(BudgetExceededError):
        await backend.extract(doc, parse_structure(doc))
    assert len(scripted_server.requests) < 3  # the budget, not max_reasks, ended it


async def test_a_cost_budget_is_enforced_across_calls(scripted_server, tmp_path, doc):
    scripted_server.queue_faults("bad_citations")  # forces a second call
    backend = LLMBackend(llm_settings(scripted_server.url, tmp_path, prices=PRICES, budget_cost=0.00001))
    with pytest.raises(BudgetExceededError, match="CNY"):
        await backend.extract(doc, parse_structure(doc))
    assert len(scripted_server.requests) == 1


def test_meter_check_shrinks_max_tokens_to_the_room_left():
    meter = Meter(10_000, None, Price(prompt=1, completion=1), "x")
    assert meter.check(prompt_estimate=8_000, max_tokens=4_096) == 2_000
    with pytest.raises(BudgetExceededError):
        meter.check(prompt_estimate=9_990, max_tokens=4_096)


def test_estimate_counts_cjk_at_one_and_a_quarter_tokens_each():
    assert estimate_tokens("法治政府") == 5 and estimate_tokens("abcdef") == 2


async def test_the_second_run_is_a_cache_hit_and_costs_nothing(scripted_server, tmp_path, doc):
    settings = llm_settings(scripted_server.url, tmp_path, cache=True, prices=PRICES)
    first = await LLMBackend(settings).extract(doc, parse_structure(doc))
    second = await LLMBackend(settings).extract(doc, parse_structure(doc))  # a new process would do the same
    assert len(scripted_server.requests) == 1
    assert not first.cached and second.cached
    assert second.usage.calls == 0 and second.usage.cost in (None, 0) and second.achievements == first.achievements
    assert (tmp_path / "cache" / "llm.sqlite3").is_file()


async def test_the_cache_key_changes_with_text_model_and_prompt(scripted_server, tmp_path, doc):
    settings = llm_settings(scripted_server.url, tmp_path, cache=True)
    backend = LLMBackend(settings)
    key = backend.key_for(doc)
    assert backend.key_for(doc.model_copy(update={"text": doc.text + "。"})) != key
    other_model = LLMBackend(llm_settings(scripted_server.url, tmp_path, cache=True, model="other"))
    assert other_model.key_for(doc) != key


async def test_use_cache_false_and_cache_disabled_bypass_it(scripted_server, tmp_path, doc):
    settings = llm_settings(scripted_server.url, tmp_path, cache=True)
    await LLMBackend(settings).extract(doc, parse_structure(doc))
    again = await LLMBackend(settings, use_cache=False).extract(doc, parse_structure(doc))
    assert len(scripted_server.requests) == 2 and not again.cached
    disabled = llm_settings(scripted_server.url, tmp_path, cache=False)
    await LLMBackend(disabled).extract(doc, parse_structure(doc))
    assert len(scripted_server.requests) == 3


def test_an_unwritable_cache_dir_is_a_config_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    settings = llm_settings("http://127.0.0.1:9/v1", tmp_path, cache=True)
    settings = settings.model_copy(update={"cache_dir": blocker / "cache"})
    with pytest.raises(ConfigError, match="cannot open the LLM cache"):
        LLMBackend(settings)


async def test_an_endpoint_without_usage_still_gets_reasks_and_says_budgets_are_off(scripted_server, tmp_path, doc):
    scripted_server.script.omit_usage = True
    scripted_server.queue_faults("schema_invalid")
    ex = await LLMBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, parse_structure(doc))
    assert len(scripted_server.requests) >= 2 and ex.metadata.report_year == 2022
    assert ex.usage.prompt_tokens == 0 and ex.usage.calls >= 2
    assert any("no token usage" in w for w in ex.warnings)


async def test_a_cache_hit_does_not_replay_the_first_runs_retries(scripted_server, tmp_path, doc):
    scripted_server.script.retry_after = "0"
    scripted_server.queue_faults("rate_limit")
    settings = llm_settings(scripted_server.url, tmp_path, cache=True)
    first = await LLMBackend(settings).extract(doc, parse_structure(doc))
    second = await LLMBackend(settings).extract(doc, parse_structure(doc))
    assert any(w.startswith("transport retries: 1") for w in first.warnings)
    assert second.cached and not any("retries" in w for w in second.warnings)


async def test_calls_count_every_attempt_sent_and_tokens_only_the_answered_ones(scripted_server, tmp_path, doc):
    scripted_server.script.retry_after = "0"
    scripted_server.queue_faults("rate_limit", "server_error")
    ex = await LLMBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, parse_structure(doc))
    assert [r["fault"] for r in scripted_server.requests] == ["rate_limit", "server_error", None]
    prompt, sent = _server_usage(scripted_server)
    assert ex.usage.calls == sent == 3
    # the three bodies are identical; only the answered one is billed
    assert ex.usage.prompt_tokens == prompt // 3 and ex.usage.completion_tokens > 0
    assert any(w.startswith("transport retries: 2") for w in ex.warnings)


async def test_a_refused_mode_is_a_call_too(scripted_server, tmp_path, doc):
    scripted_server.script.reject_modes = frozenset({"json_schema"})
    ex = await LLMBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, parse_structure(doc))
    assert ex.usage.calls == len(scripted_server.requests) == 2
