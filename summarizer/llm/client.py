"""Asking an OpenAI-compatible endpoint for a validated answer (any pydantic response model).

Layers, from the inside out:

- ``instructor`` turns the answer into the response model and re-asks with the
  validation error (``max_reasks``). In instructor 1.17 an API error raised
  inside its loop is not re-asked: it is wrapped in ``InstructorRetryException``
  (``__cause__`` is the API error). We unwrap it here so that transport errors
  reach our own retry layer and never count as a bad answer.
- ``tenacity`` retries transport failures (429 honouring ``Retry-After``,
  408/409/5xx, timeouts, connection errors) with capped exponential backoff
  and jitter; the openai client's own retries are off (``max_retries=0``).
- The mode ladder: with ``mode=auto`` a refusal of the structured-output mode
  (``failures.classify``: a 4xx or 5xx whose body names ``response_format``,
  ``json_schema``, ``tools`` or ``tool_choice``, or a bare 400/422) is never
  retried; the next mode is tried (JSON schema, tools, JSON mode, prompted
  JSON). The mode that worked is remembered per endpoint and model.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx
import instructor
import openai
from instructor.v2.core.client import AsyncInstructor
from instructor.v2.core.errors import (
    IncompleteOutputException,
    InstructorRetryException,
    TokenBudgetExceeded,
    TokenUsageUnavailableError,
)
from instructor.v2.core.hooks import Hooks
from instructor.v2.core.patch import patch_v2
from instructor.v2.core.providers import Provider
from instructor.v2.core.registry import normalize_mode
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from summarizer.errors import BackendError, OutputError
from summarizer.llm.failures import (
    HINTS,
    RETRIED,
    Cause,
    classify,
    error_text,
    is_transient,
)
from summarizer.llm.meter import Meter
from summarizer.llm.streaming import CreateFn, completion_fn
from summarizer.settings import LLMSettings

log = logging.getLogger(__name__)

LADDER: tuple[str, ...] = ("json_schema", "tools", "json", "md_json")
_INSTRUCTOR_MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
_OPENAI_BASE_URL = "https://api.openai.com/v1"


class AnswerTruncated(Exception):
    """The model stopped at ``max_tokens`` (``finish_reason == "length"``)."""

    def __init__(self, max_tokens: int):
        super().__init__(f"answer truncated at max_tokens={max_tokens}")
        self.max_tokens = max_tokens


class ModeRefused(Exception):
    """The endpoint rejected the way structured output was asked for."""


AnswerT = TypeVar("AnswerT", bound=BaseModel)
# A chat as sent: system and user messages (and the model's earlier answer when re-asking).
Message = ChatCompletionMessageParam
Messages = list[Message]


@dataclass
class Asked(Generic[AnswerT]):
    """A validated answer and the mode that produced it."""

    answer: AnswerT
    mode: str


class ModeMemory:
    """What structured-output mode worked, per (endpoint, model); optionally persisted."""

    def __init__(self, load: Callable[[str], str | None] | None = None, save: Callable[[str, str], None] | None = None):
        self._known: dict[str, str] = {}
        self._load = load
        self._save = save

    def get(self, key: str) -> str | None:
        """The mode that worked last time, if any."""
        if key not in self._known and self._load is not None:
            found = self._load(key)
            if found in _INSTRUCTOR_MODES:
                self._known[key] = found
        return self._known.get(key)

    def remember(self, key: str, mode: str) -> None:
        """Record that ``mode`` worked."""
        if self._known.get(key) != mode:
            self._known[key] = mode
            if self._save is not None:
                self._save(key, mode)


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The delay a 429/503 asks for in ``retry-after-ms`` or ``Retry-After`` (seconds or a date)."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    headers = response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return None if parsed is None else max(parsed.timestamp() - time.time(), 0.0)


def _waiter(settings: LLMSettings) -> Callable[[RetryCallState], float]:
    backoff = wait_exponential_jitter(
        multiplier=settings.retry_initial_wait_s, max=settings.retry_max_wait_s, jitter=settings.retry_initial_wait_s
    )

    def wait(state: RetryCallState) -> float:
        asked = retry_after_seconds(state.outcome.exception() if state.outcome else None)
        if asked is not None:
            return min(asked, settings.retry_max_wait_s)
        return backoff(state)

    return wait


@dataclass
class _LoopResources:
    client: openai.AsyncOpenAI
    gate: asyncio.Semaphore
    create: CreateFn  # what instructor calls: plain or streamed, <think> stripped
    patched: dict[str, AsyncInstructor] = field(default_factory=dict)

    def patched_for(self, mode: str) -> AsyncInstructor:
        """The instructor client for ``mode``, made once (it does not change the openai client)."""
        found = self.patched.get(mode)
        if found is None:
            # As instructor.from_openai builds it, around our create function instead of the SDK's.
            normalized = normalize_mode(Provider.OPENAI, _INSTRUCTOR_MODES[mode])
            found = self.patched[mode] = AsyncInstructor(
                client=self.client,
                create=patch_v2(func=self.create, provider=Provider.OPENAI, mode=normalized),
                provider=Provider.OPENAI,
                mode=normalized,
            )
        return found


def _import_request_path() -> None:
    """Import what the first request would import (openai.resources alone takes seconds).

    Done when the backend is built, so the first documents of a run do not
    wait for it on the event loop.
    """
    import openai.resources.chat  # noqa: F401  (AsyncOpenAI.chat imports it lazily)
    from instructor.v2.providers.openai import client as _instructor_openai  # noqa: F401


class ChatCaller:
    """Calls the configured endpoint; one per backend, usable from any event loop."""

    def __init__(self, settings: LLMSettings, memory: ModeMemory, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self.memory = memory
        self.transport = transport  # None: HTTP to the endpoint; else e.g. the provider-batch transport
        # Explicit, so the SDK does not fall back to OPENAI_BASE_URL behind the settings' back.
        self.base_url = settings.base_url or _OPENAI_BASE_URL
        self.endpoint_key = f"{self.base_url}|{settings.model}"
        # httpx clients and semaphores belong to one event loop (asyncio.run makes a new one).
        self._per_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopResources] = (
            weakref.WeakKeyDictionary()
        )
        _import_request_path()

    def _resources(self) -> _LoopResources:
        loop = asyncio.get_running_loop()
        found = self._per_loop.get(loop)
        if found is None:
            s = self.settings
            client = openai.AsyncOpenAI(
                api_key=s.api_key.get_secret_value() if s.api_key else "not-needed",
                base_url=self.base_url,
                # Streamed, the read timeout only bounds one wait; streaming.py times first token and silences.
                timeout=max(s.timeout_s, s.idle_timeout_s) if s.stream else s.timeout_s,
                max_retries=0,  # tenacity retries; the SDK must not retry underneath it
                # openai>=3 types http_client as an httpx2 client but accepts a legacy httpx one
                # (is_legacy_httpx_async_client); our transports are httpx ones.
                http_client=None if self.transport is None else httpx.AsyncClient(  # type: ignore[arg-type]
                    transport=self.transport, timeout=s.timeout_s
                ),
            )
            create = completion_fn(client, stream=s.stream, first_token_s=s.timeout_s, idle_s=s.idle_timeout_s)
            found = _LoopResources(client=client, gate=asyncio.Semaphore(s.concurrency), create=create)
            self._per_loop[loop] = found
        return found

    def ladder(self) -> tuple[str, ...]:
        """The modes to try, in order: the configured one, or the ladder from what worked last."""
        if self.settings.mode != "auto":
            return (self.settings.mode,)
        known = self.memory.get(self.endpoint_key)
        return LADDER[LADDER.index(known) :] if known else LADDER

    async def ask_for(
        self, response_model: type[AnswerT], messages: Messages, *, meter: Meter, max_tokens: int,
        prompt_estimate: int, source: str | None,
    ) -> Asked[AnswerT]:
        """A validated ``response_model`` for ``messages``, trying modes down the ladder as needed.

        With ``mode=auto`` a mode whose answers never validate also sends the
        request down the ladder: some endpoints accept ``response_format`` and
        ignore it, and the model then never sees the schema.
        """
        refusals: list[str] = []
        invalid: OutputError | None = None
        ladder = self.ladder()
        for mode in ladder:
            try:
                asked = await self._ask_in_mode(
                    response_model, mode, messages, meter, max_tokens, prompt_estimate, source
                )
            except ModeRefused as exc:
                log.info("endpoint refused mode %s: %s", mode, exc)
                refusals.append(f"{mode}: {exc}")
                continue
            except OutputError as exc:
                if self.settings.mode != "auto" or mode == ladder[-1]:
                    raise
                log.info("answers in mode %s did not validate; trying the next mode", mode)
                meter.note_mode_failed(mode)
                invalid = exc
                continue
            self.memory.remember(self.endpoint_key, mode)
            return asked
        if invalid is not None:
            raise invalid
        raise BackendError(
            "the endpoint refused every structured-output mode tried (" + "; ".join(refusals) + ")",
            source=source,
            hint=(
                "check SUMMARIZER_LLM_MODEL; if the provider names an option, see SUMMARIZER_LLM_TEMPERATURE "
                "(none) and SUMMARIZER_LLM_TOKEN_LIMIT_PARAM; else set SUMMARIZER_LLM_MODE to a mode it supports"
            ),
        )

    async def _ask_in_mode(
        self,
        response_model: type[AnswerT],
        mode: str,
        messages: Messages,
        meter: Meter,
        max_tokens: int,
        prompt_estimate: int,
        source: str | None,
    ) -> Asked[AnswerT]:
        s = self.settings
        resources = self._resources()
        patched = resources.patched_for(mode)
        hooks = Hooks()
        hooks.on("completion:response", meter.record)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(s.max_retries + 1),
            wait=_waiter(s),
            retry=retry_if_exception(is_transient),
            before_sleep=lambda state: meter.note_retry(state.outcome.exception() if state.outcome else None),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    async with resources.gate:
                        limit = meter.check(prompt_estimate, max_tokens)
                        try:
                            answer = await self._create(response_model, patched, messages, limit, meter, hooks)
                        except (openai.APIStatusError, openai.APITimeoutError):
                            meter.record_failed_call()  # sent and refused (429, 5xx, 4xx) or unanswered in time
                            raise
                        return Asked(answer=answer, mode=mode)
        except openai.APIStatusError as exc:
            raise self._status_error(exc, mode, source) from exc
        except openai.APIConnectionError as exc:  # includes APITimeoutError
            cause = classify(exc)
            waited = f" (SUMMARIZER_LLM_TIMEOUT_S={s.timeout_s:g})" if cause is Cause.TIMEOUT else ""
            raise BackendError(
                f"{cause.value}{waited} after {s.max_retries + 1} attempts: {exc}", source=source, hint=HINTS[cause]
            ) from exc
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    async def _create(
        self, response_model: type[AnswerT], patched: AsyncInstructor, messages: Messages, limit: int,
        meter: Meter, hooks: Hooks,
    ) -> AnswerT:
        s = self.settings
        # The endpoint's request arguments, which instructor passes on through its ``**kwargs: Any``.
        request: dict[str, Any] = {s.token_limit_param: limit}
        if s.temperature is not None:
            request["temperature"] = s.temperature
        # instructor stops re-asking when this call's tokens reach what is left of the budget
        token_budget = None if meter.usage_missing else max(meter.remaining_tokens(), 1)
        try:
            answer: AnswerT = await patched.create(
                response_model=response_model,  # prepared: wrapped and its schema generated once, not per call
                messages=messages,
                model=s.model,
                max_retries=s.max_reasks,
                strict=False,
                hooks=hooks,
                token_budget=token_budget,
                **request,
            )
            return answer
        except IncompleteOutputException as exc:
            raise AnswerTruncated(limit) from exc
        except TokenBudgetExceeded as exc:
            raise meter.exceeded(f"re-asks spent the budget ({exc})") from exc
        except TokenUsageUnavailableError:
            # The endpoint reports no usage: re-asks are bounded by max_reasks alone.
            meter.usage_missing = True
            return await self._create(response_model, patched, messages, limit, meter, hooks)
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.APIError):
                raise cause from None  # a transport error, not a bad answer: let tenacity decide
            if isinstance(cause, IncompleteOutputException):
                raise AnswerTruncated(limit) from exc
            raise OutputError(
                f"the model's answer did not validate after {s.max_reasks} re-ask(s): {cause or exc}",
                source=meter.source,
                hint="try a stronger model, or raise SUMMARIZER_LLM_MAX_REASKS",
            ) from exc

    def _status_error(self, exc: openai.APIStatusError, mode: str, source: str | None) -> Exception:
        message = error_text(exc)
        status = exc.status_code
        cause = classify(exc)
        if cause is Cause.MODE_REFUSED:
            if self.settings.mode == "auto":
                return ModeRefused(f"HTTP {status}: {message}")
            return BackendError(
                f"the endpoint rejected the request in mode {mode!r}: HTTP {status}: {message}",
                source=source,
                hint="the provider may not support this mode; set SUMMARIZER_LLM_MODE=auto to fall back",
            )
        attempts = f" after {self.settings.max_retries + 1} attempts" if cause in RETRIED else ""
        return BackendError(
            f"{cause.value}{attempts}: HTTP {status}: {message}", source=source, hint=HINTS[cause]
        )


__all__ = ["AnswerTruncated", "Asked", "ChatCaller", "ModeMemory", "ModeRefused", "is_transient", "retry_after_seconds"]
