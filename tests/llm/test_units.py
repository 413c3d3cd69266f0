"""Small units: chunk planning, Retry-After parsing, the outline, the mode ladder order."""

from __future__ import annotations

import email.utils
import time

import httpx
import openai
from hypothesis import given
from hypothesis import strategies as st

from summarizer.extract.llm.chunking import plan_chunks
from summarizer.extract.llm.citations import Sentence
from summarizer.extract.llm.client import (
    LADDER,
    ChatCaller,
    ModeMemory,
    is_transient,
    retry_after_seconds,
)
from summarizer.settings import LLMSettings


@given(
    st.lists(st.integers(1, 50), min_size=1, max_size=60),
    st.integers(10, 200),
    st.dictionaries(st.integers(1, 60), st.integers(1, 4)),
)
def test_chunks_partition_the_sentences_in_order_within_the_limit(costs, limit, ranks):
    sentences = [Sentence(i + 1, i * 10, i * 10 + 5, i // 3) for i in range(len(costs))]
    chunks = plan_chunks(sentences, costs, limit, ranks)
    assert [s for c in chunks for s in c] == sentences
    for chunk in chunks:
        cost = sum(costs[s.id - 1] for s in chunk)
        assert chunk and (cost <= limit or len(chunk) == 1)


def test_a_chunk_is_cut_where_the_highest_level_section_begins():
    sentences = [Sentence(i, i * 10, i * 10 + 5, i) for i in range(1, 11)]
    chunks = plan_chunks(sentences, [10] * 10, 80, {6: 1, 8: 4})
    assert [c[0].id for c in chunks] == [1, 6]


def _status_error(status: int, headers: dict[str, str]) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://x/v1/chat/completions")
    response = httpx.Response(status, headers=headers, request=request)
    cls = {429: openai.RateLimitError, 500: openai.InternalServerError, 400: openai.BadRequestError}[status]
    return cls("error", response=response, body=None)


def test_retry_after_in_seconds_milliseconds_or_a_date():
    assert retry_after_seconds(_status_error(429, {"retry-after": "2"})) == 2.0
    assert retry_after_seconds(_status_error(429, {"retry-after-ms": "250", "retry-after": "9"})) == 0.25
    soon = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after_seconds(_status_error(429, {"retry-after": soon})) <= 31
    assert retry_after_seconds(_status_error(429, {})) is None


def test_what_counts_as_transient():
    assert is_transient(_status_error(429, {})) and is_transient(_status_error(500, {}))
    assert not is_transient(_status_error(400, {}))
    assert is_transient(openai.APITimeoutError(request=httpx.Request("POST", "http://x")))


def test_the_ladder_starts_from_the_mode_that_worked():
    memory = ModeMemory()
    caller = ChatCaller(LLMSettings(model="m", base_url="http://x/v1"), memory)
    assert caller.ladder() == LADDER
    memory.remember(caller.endpoint_key, "json")
    assert caller.ladder() == ("json", "md_json")
    fixed = ChatCaller(LLMSettings(model="m", base_url="http://x/v1", mode="tools"), memory)
    assert fixed.ladder() == ("tools",)
