"""A scripted OpenAI-compatible chat-completions server, with injectable faults.

In tests::

    with ScriptedServer() as server:          # 127.0.0.1, a free port, in a thread
        server.queue_faults("rate_limit")     # the next request gets a 429
        client = openai.OpenAI(base_url=server.url, api_key="test")

As a script (for load tests; an asyncio server, so it serves many requests at once)::

    python tests/scripted_openai/server.py --port 8765 --latency-ms 500 --fault-rate 0.1

It answers ``POST /v1/chat/completions`` in the format the request asks for:
a tool call when ``tools`` are given, JSON content for ``response_format``
``json_schema``/``json_object``, and a fenced ```json block otherwise. Answers
come from the reference extractions (see ``answers.py``; the prompts of another genre,
a 政府工作报告, from its gold files: ``genre_answers.py``). ``usage`` counts
tokens with ``tokens.py``; ``finish_reason`` is ``length`` when the answer
exceeds ``max_tokens``/``max_completion_tokens``.

Faults (one-shot via ``queue_faults``, or at ``fault_rate`` chosen
deterministically from a seed, the request body and how often that body was
seen): ``rate_limit`` (429 with ``Retry-After``), ``server_error`` (500),
``slow`` (answers after ``slow_s``), ``truncated`` (half an answer,
``finish_reason=length``), ``invalid_json``, ``schema_invalid`` (JSON that
does not fit the schema), ``bad_citations`` (items citing sentences that do
not exist). ``reject_modes`` makes the server refuse ``json_schema`` (as
DeepSeek does) or ``tools`` (as reasoning models do) with a 400, or, with
``refusal_status=500``, with a 500 whose body is the request's validation
error, as llama-cpp-python's server answers a ``response_format`` it does not
know;
``omit_usage`` leaves ``usage`` out (as some local servers do); ``api_key``
makes it answer 401 to any other key; ``ignore_response_format`` answers
JSON-schema and JSON-mode requests in prose, as endpoints that drop
``response_format`` do. A request with ``stream: true`` is answered as
server-sent chunks (``usage`` in a last chunk when ``stream_options``
asks for it), ``chunk_delay_s`` apart, as a slow local model generates;
``stall_s`` adds one silence of that length halfway through the next one.
``think_first`` starts every text answer with a ``<think>`` block, as
reasoning models do.

The Batch API (``batches.py``): ``POST /v1/files`` (``purpose=batch``),
``GET /v1/files/{id}`` and ``/content``, ``POST /v1/batches``, ``GET
/v1/batches[/{id}]`` and ``POST /v1/batches/{id}/cancel``. Each line of a
batch is answered as a direct ``/v1/chat/completions`` request would be (faults
included); ``batch_api=False`` answers those routes 404, as endpoints without
a Batch API do, ``hold_batches`` keeps batches ``in_progress`` until cleared,
and ``fail_batches`` fails them as a whole.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

if __package__ in (None, ""):  # run as a script: make the sibling modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from scripted_openai.answers import (
        Reference,
        numbered_report,
        scripted_answer,
        scripted_link_answer,
        scripted_metadata_answer,
        scripted_units_answer,
    )
    from scripted_openai.batches import BatchRoutes
    from scripted_openai.genre_answers import load_genre_references, scripted_genre_answer
    from scripted_openai.tokens import count_chat_prompt, count_tokens
else:
    from .answers import (
        Reference,
        numbered_report,
        scripted_answer,
        scripted_link_answer,
        scripted_metadata_answer,
        scripted_units_answer,
    )
    from .batches import BatchRoutes
    from .genre_answers import load_genre_references, scripted_genre_answer
    from .tokens import count_chat_prompt, count_tokens

FAULTS = ("rate_limit", "server_error", "slow", "truncated", "invalid_json", "schema_invalid", "bad_citations")
_CREATED = 1_700_000_000  # fixed, so recorded cassettes do not change from run to run


@dataclass
class ServerScript:
    """What the server does: latency, faults and refused modes."""

    latency_ms: float = 0.0
    fault_rate: float = 0.0
    fault_kinds: tuple[str, ...] = ("rate_limit", "server_error")
    seed: int = 0
    reject_modes: frozenset[str] = frozenset()
    refusal_status: int = 400  # 500: refuse as llama-cpp-python's server does (validation error in a 500)
    retry_after: str = "1"
    slow_s: float = 3.0
    omit_usage: bool = False
    api_key: str | None = None  # when set, other keys get a 401
    ignore_response_format: bool = False  # accept response_format but answer in prose, as some proxies do
    chunk_delay_s: float = 0.0  # between streamed chunks
    stall_s: float = 0.0  # one silence halfway through the next streamed answer (then none)
    think_first: bool = False  # content starts with a <think> block, as reasoning models write
    batch_api: bool = True  # False: /v1/files and /v1/batches answer 404, as many local servers do
    hold_batches: bool = False  # True: batches stay in_progress until it is cleared
    fail_batches: bool = False  # True: batches end "failed" as a whole, as a provider refusing the input does
    queued: list[str] = field(default_factory=list)


def _error(status: int, message: str, kind: str, headers: dict | None = None) -> JSONResponse:
    body = {"error": {"message": message, "type": kind, "param": None, "code": kind}}
    return JSONResponse(body, status_code=status, headers=headers)


class ScriptedApp:
    """The Starlette app and its state (request log, fault queue)."""

    def __init__(self, script: ServerScript, references: list[Reference] | None = None):
        self.script = script
        self.references = references if references is not None else Reference.load_all()
        self.genre_references = load_genre_references()  # 政府工作报告 gold (genre_answers.py)
        self.requests: list[dict] = []
        self._seen: Counter[str] = Counter()
        self.in_flight = 0  # chat requests being answered right now
        self.max_in_flight = 0  # the most at once: what the client's concurrency really was
        self._lock = threading.Lock()
        count_tokens("warm up")  # load the BPE ranks now, not inside the first request
        self.batches = BatchRoutes(self)
        self.app = Starlette(
            routes=[
                *self.batches.routes(),
                Route("/v1/chat/completions", self.chat, methods=["POST"]),
                Route("/v1/models", self.models, methods=["GET"]),
                Route("/health", self.health, methods=["GET"]),
                Route("/stats", self.stats, methods=["GET"]),
            ]
        )

    async def health(self, request: Request) -> Response:
        return JSONResponse({"ok": True})

    async def stats(self, request: Request) -> Response:
        """How many chat requests arrived and which faults they got (for load tests to check accounting)."""
        with self._lock:
            faults = Counter(r["fault"] or "none" for r in self.requests)
        return JSONResponse({"requests": sum(faults.values()), "faults": dict(faults), "max_in_flight": self.max_in_flight})

    async def models(self, request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": "scripted", "object": "model", "owned_by": "tests"}]})

    def _fault_for(self, raw: bytes) -> str | None:
        with self._lock:
            if self.script.queued:
                return self.script.queued.pop(0)
            digest = hashlib.sha256(raw).hexdigest()
            self._seen[digest] += 1
            nth = self._seen[digest]
        if self.script.fault_rate <= 0:
            return None
        rng = random.Random(f"{self.script.seed}:{digest}:{nth}")
        if rng.random() < self.script.fault_rate:
            return rng.choice(self.script.fault_kinds)
        return None

    def authorized(self, request: Request) -> bool:
        """Whether the request carries the key the script asks for (any key when none is set)."""
        return not self.script.api_key or request.headers.get("authorization") == f"Bearer {self.script.api_key}"

    async def chat(self, request: Request) -> Response:
        raw = await request.body()
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            return _error(400, "request body is not JSON", "invalid_request_error")
        if not self.authorized(request):
            with self._lock:
                self.requests.append({"body": body, "fault": "unauthorized", "at": time.time()})
            return _error(401, "Incorrect API key provided", "invalid_api_key")
        return await self.answer_chat(raw, body, via="direct")

    async def answer_chat(self, raw: bytes, body: dict, *, via: str) -> Response:
        """Answer one chat request (``via`` ``direct`` or ``batch``), counting it and its fault."""
        fault = self._fault_for(raw)
        with self._lock:
            self.requests.append({"body": body, "fault": fault, "at": time.time(), "via": via})
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(body, fault)
        finally:
            with self._lock:
                self.in_flight -= 1

    async def _answer(self, body: dict, fault: str | None) -> Response:
        if self.script.latency_ms:
            await asyncio.sleep(self.script.latency_ms / 1000)

        mode = _mode_of(body)
        if mode in self.script.reject_modes:
            if self.script.refusal_status >= 500:
                return _validation_500(mode)
            if mode == "json_schema":
                return _error(400, "This response_format type is unavailable now", "invalid_request_error")
            return _error(400, f"{body.get('model')} does not support Function Calling", "invalid_request_error")
        if fault == "rate_limit":
            return _error(429, "Rate limit reached, please retry later", "rate_limit_exceeded",
                          headers={"Retry-After": self.script.retry_after})
        if fault == "server_error":
            return _error(500, "The server had an error while processing your request", "server_error")
        if fault == "slow":
            await asyncio.sleep(self.script.slow_s)

        messages = body.get("messages", [])
        if self.script.ignore_response_format and mode in ("json_schema", "json"):
            prose = "好的。这份报告总结了一年来法治政府建设的主要举措、存在的问题和下一步打算。"
            return JSONResponse(_completion(body, "text", prose, "stop"))
        answer = (
            scripted_genre_answer(messages, self.genre_references)
            or scripted_units_answer(messages, self.references)
            or scripted_metadata_answer(messages, self.references)
            or scripted_link_answer(messages)
            or scripted_answer(messages, self.references)
        )
        if fault == "schema_invalid" and "verdict" in answer:  # a follow-through link's answer
            answer["verdict"] = "也许"
        elif fault == "schema_invalid" and "units" in answer:
            answer["units"] = [{"summary": u["summary"]} for u in answer["units"]] or [{"id": "x"}]
        elif fault == "schema_invalid" and "achievements" not in answer:  # a metadata answer
            answer["report_year"] = "去年"
        elif fault == "schema_invalid":
            answer["metadata"] = {**answer["metadata"], "report_year": "去年"}
            answer["achievements"] = [{"summary": i["summary"]} for i in answer["achievements"]] or [{"cite": "x"}]
        if fault == "bad_citations" and "review" in answer:  # a 政府工作报告's answer (genre_answers.py)
            last = max((sid for sid, _ in numbered_report(messages) or []), default=0)
            answer["review"] = [{**i, "cite": [last + 1000 + n]} for n, i in enumerate(answer["review"])]
        if fault == "bad_citations" and "achievements" in answer:
            last = max((sid for sid, _ in numbered_report(messages) or []), default=0)
            answer["achievements"] = [{**i, "cite": [last + 1000 + n]} for n, i in enumerate(answer["achievements"])]
        text = json.dumps(answer, ensure_ascii=False)
        finish = "stop"
        limit = body.get("max_completion_tokens") or body.get("max_tokens")
        if fault == "invalid_json":
            text = text[: len(text) // 2]
        if fault == "truncated" or (limit and count_tokens(_wrapped(text, mode)) > limit):
            text = _cut_to(text, (limit or count_tokens(text)) // 2 if fault == "truncated" else limit, mode)
            finish = "length"
        completion = _completion(body, mode, text, finish)
        if self.script.think_first and mode != "tools":
            message = completion["choices"][0]["message"]
            message["content"] = "<think>报告分为几个部分，先找出举措 {\"draft\": true}。</think>\n" + message["content"]
        if self.script.omit_usage:  # as some local servers do
            del completion["usage"]
        if body.get("stream"):
            return StreamingResponse(self._chunks(body, completion), media_type="text/event-stream")
        return JSONResponse(completion)

    async def _chunks(self, body: dict, completion: dict):
        """The completion as server-sent ``chat.completion.chunk`` events, paced as the script says."""
        choice = completion["choices"][0]
        message = choice["message"]
        call = (message.get("tool_calls") or [None])[0]
        text = call["function"]["arguments"] if call else (message["content"] or "")
        pieces = [text[i : i + 24] for i in range(0, len(text), 24)] or [""]
        base = {key: completion[key] for key in ("id", "created", "model")} | {"object": "chat.completion.chunk"}

        def event(delta: dict, finish: str | None = None, usage: dict | None = None) -> str:
            chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]}
            if usage is not None:
                chunk = {**base, "choices": [], "usage": usage}
            return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

        for n, piece in enumerate(pieces):
            if n:
                await asyncio.sleep(self.script.chunk_delay_s)
            if n == len(pieces) // 2 and self.script.stall_s:
                stall, self.script.stall_s = self.script.stall_s, 0.0
                await asyncio.sleep(stall)
            if call:
                tool = {"index": 0, "function": {"arguments": piece}}
                if n == 0:
                    tool.update(id=call["id"], type="function", function={"name": call["function"]["name"],
                                                                          "arguments": piece})
                yield event({"role": "assistant", "tool_calls": [tool]} if n == 0 else {"tool_calls": [tool]})
            else:
                yield event({"role": "assistant", "content": piece} if n == 0 else {"content": piece})
        yield event({}, choice["finish_reason"])
        if (body.get("stream_options") or {}).get("include_usage") and "usage" in completion:
            yield event({}, usage=completion["usage"])
        yield "data: [DONE]\n\n"


def _validation_500(mode: str) -> JSONResponse:
    """A refused option as llama-cpp-python's server reports it: the request's validation error, in a 500."""
    if mode == "tools":
        loc, msg = "('body', 'tool_choice')", "Input should be 'none' or 'auto'"
    else:
        kind = "json_schema" if mode == "json_schema" else "json_object"
        loc, msg = "('body', 'response_format', 'type')", f"Input should be 'text' or 'json_object' (got {kind!r})"
    detail = f"[{{'type': 'literal_error', 'loc': {loc}, 'msg': \"{msg}\"}}]"
    return _error(500, detail, "internal_server_error")


def _mode_of(body: dict) -> str:
    if body.get("tools"):
        return "tools"
    kind = (body.get("response_format") or {}).get("type")
    return {"json_schema": "json_schema", "json_object": "json"}.get(kind, "md_json")


def _wrapped(text: str, mode: str) -> str:
    return f"```json\n{text}\n```" if mode == "md_json" else text


def _cut_to(text: str, tokens: int, mode: str) -> str:
    """The longest prefix of the answer (as sent in ``mode``) with at most ``tokens`` tokens."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if count_tokens(_wrapped(text[:mid], mode)) <= tokens:
            low = mid
        else:
            high = mid - 1
    return text[:low]


def _completion(body: dict, mode: str, text: str, finish: str) -> dict:
    messages = body.get("messages", [])
    extra = json.dumps(body.get("tools") or body.get("response_format") or "", ensure_ascii=False)
    prompt_tokens = count_chat_prompt(messages, extra if extra != '""' else "")
    ident = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]
    if mode == "tools":
        name = body["tools"][0]["function"]["name"]
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": f"call_{ident[:12]}", "type": "function", "function": {"name": name, "arguments": text}}],
        }
        completion_tokens = count_tokens(text) + 8  # the call's name and framing
    else:
        content = _wrapped(text, mode) if (finish == "stop" or mode != "md_json") else f"```json\n{text}"
        message = {"role": "assistant", "content": content}
        completion_tokens = count_tokens(content)
    return {
        "id": f"chatcmpl-{ident}",
        "object": "chat.completion",
        "created": _CREATED,
        "model": body.get("model", "scripted"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


class ScriptedServer:
    """The scripted server on 127.0.0.1 and a free port, run by uvicorn in a background thread."""

    def __init__(self, script: ServerScript | None = None, **script_fields):
        self.script = script or ServerScript(**script_fields)
        self.state = ScriptedApp(self.script)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        """The base URL to give the openai client (ends in ``/v1``)."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[dict]:
        """Every request received so far: ``{"body", "fault", "at"}``."""
        return self.state.requests

    def queue_faults(self, *kinds: str) -> None:
        """Give the next ``len(kinds)`` requests these faults (``"ok"`` for none)."""
        unknown = set(kinds) - set(FAULTS) - {"ok"}
        if unknown:
            raise ValueError(f"unknown faults {sorted(unknown)}; known: {FAULTS}")
        self.script.queued.extend(None if k == "ok" else k for k in kinds)

    def start(self) -> ScriptedServer:
        """Bind a free port and serve in a daemon thread; returns when it accepts connections."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by accepted sockets
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.state.app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the scripted server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> ScriptedServer:  # noqa: PYI034 (the server, started)
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--faults", default="rate_limit,server_error", help=f"comma-separated, of {FAULTS}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reject-modes", default="", help="comma-separated: json_schema, tools, json")
    parser.add_argument("--retry-after", default="1", help="Retry-After header value for 429 faults")
    parser.add_argument("--slow-s", type=float, default=3.0)
    args = parser.parse_args(argv)
    kinds = tuple(k for k in args.faults.split(",") if k)
    if set(kinds) - set(FAULTS):
        parser.error(f"unknown faults {sorted(set(kinds) - set(FAULTS))}")
    script = ServerScript(
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
        fault_kinds=kinds,
        seed=args.seed,
        reject_modes=frozenset(m for m in args.reject_modes.split(",") if m),
        retry_after=args.retry_after,
        slow_s=args.slow_s,
    )
    uvicorn.run(ScriptedApp(script).app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
