"""The scripted server itself: concurrency, deterministic faults, the script entry point."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import httpx
import openai
import pytest
from scripted_openai.server import ScriptedApp, ScriptedServer, ServerScript

from .conftest import ROOT

# Starts the scripted server as a process and times it: the full tier.
pytestmark = pytest.mark.slow

REPORT = "<<<REPORT>>>\n[1]一是强化理论中心组学习。[2]坚持街领导班子成员带头学法。\n<<<END REPORT>>>"


async def test_it_serves_many_requests_at_once():
    with ScriptedServer(latency_ms=300) as server:
        client = openai.AsyncOpenAI(base_url=server.url, api_key="k", max_retries=0)

        async def one(i: int):
            messages = [{"role": "user", "content": f"{REPORT}\n{i}"}]
            return await client.chat.completions.create(model="m", messages=messages)

        await one(-1)  # warm up the client (first use builds its models)
        started = time.monotonic()
        answers = await asyncio.gather(*(one(i) for i in range(32)))
        elapsed = time.monotonic() - started
        await client.close()
    # Served at once, not one after another: the server saw many requests in flight together, and
    # one at a time they would take at least 32 x 300 ms of the server's own waiting (bounds of
    # the server's script, not of this machine's speed, so a busy machine does not fail them).
    assert len(answers) == 32 and server.state.max_in_flight > 1
    assert elapsed < 32 * 0.3, f"{elapsed:.1f} s: no faster than one request at a time"
    assert all(a.choices[0].message.content.startswith("```json") for a in answers)


def test_faults_at_a_rate_are_deterministic_per_request_seed():
    script = ServerScript(fault_rate=0.3, fault_kinds=("rate_limit", "server_error"), seed=7)
    bodies = [f'{{"n": {i}}}'.encode() for i in range(200)]
    first = [ScriptedApp(script, references=[])._fault_for(b) for b in bodies]
    again_app = ScriptedApp(script, references=[])
    assert [again_app._fault_for(b) for b in bodies] == first
    assert 30 <= sum(f is not None for f in first) <= 90
    # the same body retried draws anew, so a retry can succeed
    assert [again_app._fault_for(bodies[0]) for _ in range(20)].count(None) > 0


def test_usage_and_finish_reason_follow_max_tokens():
    with ScriptedServer() as server:
        client = openai.OpenAI(base_url=server.url, api_key="k", max_retries=0)
        messages = [{"role": "user", "content": REPORT}]
        full = client.chat.completions.create(model="m", messages=messages, response_format={"type": "json_object"})
        cut = client.chat.completions.create(model="m", messages=messages, max_tokens=20,
                                             response_format={"type": "json_object"})
    assert full.choices[0].finish_reason == "stop" and full.usage.completion_tokens > 20
    assert cut.choices[0].finish_reason == "length" and cut.usage.completion_tokens <= 20
    assert full.usage.prompt_tokens == cut.usage.prompt_tokens > 20


def test_it_runs_as_a_script():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "scripted_openai" / "server.py"), "--port", str(port),
         "--latency-ms", "10", "--fault-rate", "0.1"],
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).json() == {"ok": True}
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _cassette_exchanges():
    import json

    import yaml

    for path in sorted((ROOT / "tests" / "cassettes" / "test_seeds").glob("*.yaml")):
        for exchange in yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]:
            yield json.loads(exchange["request"]["body"]), json.loads(exchange["response"]["body"]["string"])


def test_answers_and_usage_are_still_those_recorded_in_the_cassettes():
    # The server's per-request work is cached and indexed; what it answers must not change.
    import json

    from scripted_openai.answers import Reference, scripted_answer
    from scripted_openai.tokens import count_chat_prompt, encoding_name

    references = Reference.load_all()
    checked = 0
    for request, response in _cassette_exchanges():
        message = response["choices"][0]["message"]
        recorded = message["content"] or message["tool_calls"][0]["function"]["arguments"]
        assert scripted_answer(request["messages"], references) == json.loads(recorded.strip().strip("`").removeprefix("json"))
        if encoding_name() == "cl100k_base":
            extra = json.dumps(request.get("tools") or request.get("response_format") or "", ensure_ascii=False)
            assert count_chat_prompt(request["messages"], extra) == response["usage"]["prompt_tokens"]
        checked += 1
    assert checked >= 5


def test_counting_tokens_line_by_line_is_exact():
    import random

    import pytest
    from scripted_openai import tokens

    encoding = tokens._encoding()
    if encoding is None:
        pytest.skip("tiktoken (dev extra) is not installed: counts are approximate")
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "evals" / "datasets" / "seeds").glob("*.txt")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "prompts").glob("*/*/*.md")]
    pieces = ["\n", "\n\n", " ", " \n", "\t", "\r\n", "\u3000", "。", "，", "a", "Bc", "7", "123", "法", "治", "'s", "[",
              "]", "\x1c", "\xa0", "\u2028", "!", "é", "😀", "<|endoftext|>"]
    rng = random.Random(0)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        assert tokens.count_tokens(text) == len(encoding.encode(text, disallowed_special=())), repr(text[:80])


def test_it_reports_requests_faults_and_the_most_in_flight():
    with ScriptedServer(latency_ms=300) as server:
        server.queue_faults("rate_limit")

        async def main():
            client = openai.AsyncOpenAI(base_url=server.url, api_key="k", max_retries=0)
            messages = [{"role": "user", "content": REPORT}]
            calls = [client.chat.completions.create(model="m", messages=messages) for _ in range(4)]
            results = await asyncio.gather(*calls, return_exceptions=True)
            await client.close()
            return results

        results = asyncio.run(main())
        stats = httpx.get(server.url.removesuffix("/v1") + "/stats").json()
    assert sum(isinstance(r, openai.RateLimitError) for r in results) == 1
    assert stats == {"requests": 4, "faults": {"rate_limit": 1, "none": 3}, "max_in_flight": 4}
