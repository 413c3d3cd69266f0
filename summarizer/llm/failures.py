"""Why a call to the endpoint failed, read from its status and body, and what helps.

Endpoints do not agree on status codes: hosted providers refuse an
unsupported structured-output option with a 400, while local servers
(llama-cpp-python's, some proxies) answer the same with a 500 whose body is
the request validation error (``loc: ('body', 'response_format', 'type')``).
So the cause is read from the body first and the status second, and every
cause maps to one hint naming the setting that helps.
"""

from __future__ import annotations

import json
from enum import Enum

import openai

# Words by which an error body names a structured-output option of the request.
_MODE_WORDS = ("response_format", "json_schema", "tool_choice", "tools", "function call", "function_call")
_CONTEXT_WORDS = ("context length", "context_length", "maximum context", "too long", "too many tokens",
                  "context window", "exceeds the context", "n_ctx")
_OVERLOADED_STATUS = {503, 529}
_TRANSIENT_STATUS = {408, 409, 429}


class Cause(Enum):
    """What went wrong with one call."""

    MODE_REFUSED = "the endpoint does not accept this way of asking for structured output"
    CONTEXT = "the request is longer than the model accepts"
    RATE_LIMITED = "the provider is rate-limiting"
    OVERLOADED = "the provider is overloaded"
    SERVER_ERROR = "the endpoint failed with a server error"
    TIMEOUT = "the endpoint did not answer in time"
    UNREACHABLE = "the endpoint could not be reached"
    AUTH = "the key was refused"
    FORBIDDEN = "the key may not use this model"
    NOT_FOUND = "no such endpoint or model"
    REFUSED = "the endpoint refused the request"


HINTS: dict[Cause, str] = {
    Cause.MODE_REFUSED: "SUMMARIZER_LLM_MODE=auto steps down to a mode it accepts; or set SUMMARIZER_LLM_MODE "
                        "(json, md_json) to one it supports",
    Cause.CONTEXT: "set SUMMARIZER_LLM_CONTEXT_TOKENS to the model's context window so long reports are split",
    Cause.RATE_LIMITED: "lower SUMMARIZER_LLM_CONCURRENCY, or retry later (SUMMARIZER_LLM_MAX_RETRIES, "
                        "SUMMARIZER_LLM_RETRY_MAX_WAIT_S wait longer)",
    Cause.OVERLOADED: "retry later or lower SUMMARIZER_LLM_CONCURRENCY",
    Cause.SERVER_ERROR: "check the server's log; if the error names a request option, set SUMMARIZER_LLM_MODE "
                        "or SUMMARIZER_LLM_TOKEN_LIMIT_PARAM accordingly",
    Cause.TIMEOUT: "a slow (local) model: raise SUMMARIZER_LLM_TIMEOUT_S, or set SUMMARIZER_LLM_STREAM=true so "
                   "a generation that is still producing tokens is not cut (SUMMARIZER_LLM_IDLE_TIMEOUT_S), or "
                   "lower SUMMARIZER_LLM_CONTEXT_TOKENS for smaller calls (or use --backend hybrid)",
    Cause.UNREACHABLE: "check SUMMARIZER_LLM_BASE_URL (usually ends in /v1), that the server is running, "
                       "and the network",
    Cause.AUTH: "check SUMMARIZER_LLM_API_KEY (or OPENAI_API_KEY)",
    Cause.FORBIDDEN: "the key is not allowed to use this model; check the account and SUMMARIZER_LLM_MODEL",
    Cause.NOT_FOUND: "check SUMMARIZER_LLM_BASE_URL (usually ends in /v1) and SUMMARIZER_LLM_MODEL",
    Cause.REFUSED: "check the SUMMARIZER_LLM_* settings (see .env.example)",
}


def error_text(exc: openai.APIStatusError) -> str:
    """The endpoint's error message, or its whole body when it has no message field."""
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        return json.dumps(body, ensure_ascii=False)
    if isinstance(body, str) and body:
        return body
    return exc.message


def _body_text(exc: openai.APIStatusError) -> str:
    try:
        raw = exc.response.text
    except Exception:  # noqa: BLE001 - a streamed or closed response: the parsed body is enough
        raw = ""
    return f"{error_text(exc)} {raw}".lower()


def classify(exc: BaseException) -> Cause:
    """The cause of a failed call (an ``openai`` exception)."""
    if isinstance(exc, openai.APITimeoutError):
        return Cause.TIMEOUT
    if isinstance(exc, openai.APIConnectionError):
        return Cause.UNREACHABLE
    if not isinstance(exc, openai.APIStatusError):
        return Cause.REFUSED
    status, body = exc.status_code, _body_text(exc)
    if status >= 400 and any(w in body for w in _CONTEXT_WORDS):
        return Cause.CONTEXT
    if status >= 400 and any(w in body for w in _MODE_WORDS):
        return Cause.MODE_REFUSED
    if status in (400, 422):
        # A bare 400 to a request that differs from a plain chat call only in its
        # structured-output option ("model does not support Function Calling").
        return Cause.MODE_REFUSED
    if status == 429:
        return Cause.RATE_LIMITED
    if status in _OVERLOADED_STATUS:
        return Cause.OVERLOADED
    if status == 408:
        return Cause.TIMEOUT
    if status >= 500 or status in _TRANSIENT_STATUS:
        return Cause.SERVER_ERROR
    return {401: Cause.AUTH, 403: Cause.FORBIDDEN, 404: Cause.NOT_FOUND}.get(status, Cause.REFUSED)


RETRIED = frozenset({Cause.RATE_LIMITED, Cause.OVERLOADED, Cause.SERVER_ERROR, Cause.TIMEOUT, Cause.UNREACHABLE})


def is_transient(exc: BaseException) -> bool:
    """Whether a failed call is worth retrying as it is (never a refused mode, even as a 500)."""
    return isinstance(exc, openai.APIError) and classify(exc) in RETRIED
