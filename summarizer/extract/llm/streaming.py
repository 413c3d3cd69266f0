"""One chat completion as instructor receives it: streamed with an idle timeout, ``<think>`` removed.

A local model on a small machine generates a few tokens a second: a whole
answer outlasts any sensible request timeout, and a timed-out request is
retried from zero. Streamed, the answer arrives token by token, so what is
timed is the silence: the first token may take ``first_token_s`` (the prompt
is read first), every later one ``idle_s``. A generation that is slow but
alive is never cut. The chunks are put back together into one
``ChatCompletion`` (the SDK's ``ChatCompletionStreamState``), so instructor,
the meter and the mode ladder see what a non-streamed call returns.

Reasoning models (DeepSeek-R1 distills, Qwen3, …) put their reasoning in
``<think>…</think>`` before the answer; it is removed from the content before
instructor parses it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

import openai
from openai.lib.streaming.chat import ChatCompletionStreamState
from openai.types.chat import ChatCompletion

# A closed reasoning block, or one the answer budget cut before it closed.
_THINK = re.compile(r"<think>.*?(?:</think>|\Z)\s*", re.DOTALL)

CreateFn = Callable[..., Awaitable[ChatCompletion]]


def strip_think(completion: ChatCompletion) -> ChatCompletion:
    """The completion with ``<think>…</think>`` blocks removed from every message's content."""
    for choice in completion.choices:
        content = choice.message.content
        if content and "<think>" in content:
            choice.message.content = _THINK.sub("", content)
    return completion


async def streamed_completion(
    client: openai.AsyncOpenAI, *, first_token_s: float, idle_s: float, **request: Any
) -> ChatCompletion:
    """Ask for ``request`` streamed and return the assembled completion (usage included when sent).

    Raises ``openai.APITimeoutError`` when the first chunk takes longer than
    ``first_token_s`` or any later one longer than ``idle_s``.
    """
    request = {**request, "stream": True, "stream_options": {"include_usage": True}}
    stream = await client.chat.completions.create(**request)
    state: ChatCompletionStreamState = ChatCompletionStreamState()
    chunks = stream.__aiter__()
    wait = first_token_s
    try:
        while True:
            try:
                chunk = await asyncio.wait_for(chunks.__anext__(), timeout=wait)
            except StopAsyncIteration:
                break
            except TimeoutError as exc:
                raise openai.APITimeoutError(request=stream.response.request) from exc
            state.handle_chunk(chunk)
            wait = idle_s
    finally:
        await stream.close()
    try:
        final: ChatCompletion = state.get_final_completion()
    except openai.LengthFinishReasonError as exc:  # cut at max_tokens: instructor reports it as such
        final = exc.completion
    return final


def completion_fn(client: openai.AsyncOpenAI, *, stream: bool, first_token_s: float, idle_s: float) -> CreateFn:
    """The ``create`` function instructor is given: plain or streamed, ``<think>`` stripped either way."""

    async def create(**request: Any) -> ChatCompletion:
        request.pop("stream", None)
        if stream:
            completion = await streamed_completion(client, first_token_s=first_token_s, idle_s=idle_s, **request)
        else:
            completion = await client.chat.completions.create(**request)
        return strip_think(completion)

    return create
