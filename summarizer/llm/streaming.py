"""One chat completion as instructor receives it: streamed with an idle timeout, ``<think>`` removed.

A local model on a small machine generates a few tokens a second: a whole
answer outlasts any sensible request timeout, and a timed-out request is
retried from zero. Streamed, the answer arrives token by token, so what is
timed is the silence: the first token may take ``first_token_s`` (the prompt
is read first), every later one ``idle_s``. A generation that is slow but
alive is never cut. The chunks are put back together into one
``ChatCompletion``, so instructor, the meter and the mode ladder see what a
non-streamed call returns. (Not with the SDK's ``ChatCompletionStreamState``:
llama-cpp-python repeats a tool call's id and name in every chunk, which that
accumulator concatenates into a name no one asked for.)

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
from openai.types.chat import ChatCompletion, ChatCompletionChunk

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
    state = _Assembly()
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
            state.add(chunk)
            wait = idle_s
    finally:
        await stream.close()
    return state.completion()


class _Assembly:
    """The first choice of a streamed completion, put together chunk by chunk."""

    def __init__(self) -> None:
        self.head: dict[str, Any] = {}
        self.content: list[str] = []
        self.calls: dict[int, dict[str, Any]] = {}
        self.finish: str | None = None
        self.usage: dict[str, Any] | None = None

    def add(self, chunk: ChatCompletionChunk) -> None:
        """Take one chunk in."""
        self.head = self.head or {"id": chunk.id, "created": chunk.created, "model": chunk.model}
        if chunk.usage is not None:
            self.usage = chunk.usage.model_dump()
        for choice in chunk.choices[:1]:
            delta = choice.delta
            if delta.content:
                self.content.append(delta.content)
            for call in delta.tool_calls or []:
                found = self.calls.setdefault(call.index, {"id": None, "name": None, "arguments": []})
                found["id"] = found["id"] or call.id
                if call.function is not None:
                    found["name"] = found["name"] or call.function.name  # sent once, or (llama.cpp) every time
                    found["arguments"].append(call.function.arguments or "")
            self.finish = choice.finish_reason or self.finish

    def completion(self) -> ChatCompletion:
        """The assembled ``ChatCompletion``."""
        message: dict[str, Any] = {"role": "assistant", "content": "".join(self.content) or None}
        if self.calls:
            message["tool_calls"] = [
                {"id": c["id"] or f"call_{i}", "type": "function",
                 "function": {"name": c["name"] or "", "arguments": "".join(c["arguments"])}}
                for i, c in sorted(self.calls.items())
            ]
        return ChatCompletion.model_validate({
            **self.head, "object": "chat.completion", "usage": self.usage,
            "choices": [{"index": 0, "message": message, "finish_reason": self.finish or "stop", "logprobs": None}],
        })


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
