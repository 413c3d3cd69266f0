"""Settings, read once from the environment and ``.env`` into a frozen object.

Build one ``Settings()`` at the edge (CLI command, API app factory, eval run)
and pass it down; nothing below reads the environment itself.
Every variable is documented in ``.env.example``.
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    IPvAnyNetwork,
    SecretStr,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from summarizer.schema import BackendChoice

_COMMON = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True)


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "summarizer"


class Price(BaseModel):
    """What one model costs, per million tokens, in one currency."""

    model_config = ConfigDict(frozen=True)

    prompt: float = Field(ge=0, description="Price of 1M prompt (input) tokens")
    completion: float = Field(ge=0, description="Price of 1M completion (output) tokens")
    currency: Literal["USD", "CNY"] = "USD"
    batch: float = Field(
        default=0.5, gt=0, le=1,
        description="Share of the price charged for requests sent through the provider's Batch API (OpenAI: half)",
    )

    def batch_price(self) -> Price:
        """The price of a request sent through the provider's Batch API."""
        return Price(prompt=self.prompt * self.batch, completion=self.completion * self.batch,
                     currency=self.currency, batch=1.0)


class LLMSettings(BaseSettings):
    """How to reach an OpenAI-compatible endpoint (env prefix ``SUMMARIZER_LLM_``).

    ``mode`` is how structured output is asked for: ``auto`` tries JSON schema,
    then tool calling, then JSON mode, then prompted JSON, and remembers per
    endpoint and model what worked. ``max_retries`` counts transport retries
    (429, 5xx, timeouts); ``timeout_s`` bounds one answer, or with ``stream``
    the wait for its first token, and ``idle_timeout_s`` each later silence
    (a slow local model that is still generating is not cut); ``max_reasks`` counts re-asks after an answer that
    does not validate. ``budget_tokens``/``budget_cost`` bound one document
    (every chunk, re-ask and retry). ``prices`` maps a model name to its
    price per million tokens (JSON in the environment). ``batch_poll_s`` and
    ``batch_window`` are for ``summarizer batch --provider-batch``: how often a
    pending provider batch is looked at, and the completion window asked for.
    ``hybrid_batch_tokens`` and ``hybrid_batch_units`` bound one call of the
    hybrid backend (its units' prompt lines, estimated, and their number).
    """

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_LLM_", env_parse_none_str="none", **_COMMON)

    base_url: str | None = None
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SUMMARIZER_LLM_API_KEY", "OPENAI_API_KEY")
    )
    model: str | None = None
    mode: Literal["auto", "json_schema", "tools", "json", "md_json"] = "auto"
    temperature: float | None = Field(default=0.0, ge=0, le=2)
    token_limit_param: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"
    timeout_s: float = Field(default=120.0, gt=0)
    stream: bool = False
    idle_timeout_s: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=4, ge=0)
    retry_initial_wait_s: float = Field(default=1.0, gt=0)
    retry_max_wait_s: float = Field(default=60.0, gt=0)
    max_reasks: int = Field(default=1, ge=0)
    concurrency: int = Field(default=8, ge=1)
    context_tokens: int = Field(default=32_000, ge=1_000)
    max_output_tokens: int = Field(default=4_096, ge=64)
    budget_tokens: int = Field(default=200_000, ge=1)
    budget_cost: float | None = Field(default=None, gt=0)
    prices: dict[str, Price] = Field(default_factory=dict)
    prompt: str = "extract"
    prompt_version: str = "v1"
    prompts_dir: Path | None = None
    section_hints: bool = True
    rules_hints: bool = False
    batch_poll_s: float = Field(default=30.0, gt=0)
    batch_window: str = "24h"
    hybrid_batch_tokens: int = Field(default=900, ge=100)
    hybrid_batch_units: int = Field(default=12, ge=1)

    @property
    def configured(self) -> bool:
        """True when a model and an endpoint (base URL or API key) are set."""
        return bool(self.model) and bool(self.base_url or self.api_key)

    def price(self) -> Price | None:
        """The price of the configured model, if the table has it."""
        return self.prices.get(self.model or "")


class FetchSettings(BaseSettings):
    """Fetching reports by URL (env prefix ``SUMMARIZER_FETCH_``): one deadline for
    the whole fetch (connection, headers, body, redirects, attachment), a cap on
    the body, a bound on redirects."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_FETCH_", **_COMMON)

    timeout_s: float = Field(default=20.0, gt=0)
    max_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    max_redirects: int = Field(default=5, ge=0)


class ServerSettings(BaseSettings):
    """The HTTP API (env prefix ``SUMMARIZER_API_``).

    ``keys``: the API keys callers may present, comma-separated in
    ``SUMMARIZER_API_KEYS`` (or a JSON list). With no keys the server refuses to
    start unless ``open_access`` is set. ``jobs_db``: deprecated, use
    ``SUMMARIZER_JOBS_URL`` (``JobsSettings.url``). ``url_input``: accept a
    report ``url`` to fetch (off by default); the server then fetches only
    public addresses, never loopback, private, link-local or metadata ones,
    except those inside ``url_allowed_networks`` (CIDRs, comma-separated or JSON).
    What URL documents may make the server hold before they are stored is
    bounded in bytes: ``url_request_bytes`` for all the pages of one request,
    ``url_key_bytes`` for the requests of one API key fetching at once,
    ``url_server_bytes`` for all of them (a request that would pass one of the
    last two is refused with 429 before anything is fetched).

    Jobs are bounded: ``max_queued_jobs``/``max_queued_documents`` count the
    unfinished jobs and documents of the whole server, the ``*_per_key``
    variants those of one API key; a job that would pass a limit is refused
    with 429. ``workers``, ``cpu_budget_s`` and ``job_retention_hours`` are deprecated
    (for one release): use ``SUMMARIZER_RUN_WORKERS``, ``SUMMARIZER_RUN_CPU_BUDGET_S`` and
    ``SUMMARIZER_JOBS_RETENTION_HOURS``. ``docs`` serves the interactive OpenAPI pages (``/docs``, ``/redoc``).
    """

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_API_", **_COMMON)

    keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    open_access: bool = False
    max_request_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    jobs_db: Path | None = None
    max_queued_jobs: int = Field(default=200, ge=1)
    max_queued_documents: int = Field(default=5_000, ge=1)
    max_queued_jobs_per_key: int = Field(default=50, ge=1)
    max_queued_documents_per_key: int = Field(default=2_000, ge=1)
    # Deprecated names (see _MOVED below); None: not set.
    job_retention_hours: float | None = Field(default=None, gt=0)
    workers: int | None = Field(default=None, ge=1)
    cpu_budget_s: float | None = Field(default=None, gt=0)
    docs: bool = True
    url_input: bool = False
    url_allowed_networks: Annotated[list[IPvAnyNetwork], NoDecode] = Field(default_factory=list)
    url_request_bytes: int = Field(default=64 * 1024 * 1024, gt=0)
    url_key_bytes: int = Field(default=128 * 1024 * 1024, gt=0)
    url_server_bytes: int = Field(default=256 * 1024 * 1024, gt=0)

    @field_validator("url_allowed_networks", mode="before")
    @classmethod
    def _split_networks(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            return json.loads(text) if text.startswith("[") else [n.strip() for n in text.split(",") if n.strip()]
        return value

    @field_validator("keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [k.strip() for k in text.split(",") if k.strip()]
        return value


class JobsSettings(BaseSettings):
    """Where API jobs are kept and how separate workers run them (env prefix ``SUMMARIZER_JOBS_``).

    ``url``: ``postgresql://user:password@host:port/db`` for jobs in PostgreSQL,
    shared by any number of ``summarizer serve`` and ``summarizer worker``
    processes; or a SQLite file (a path, or ``sqlite:///path``), run by the one
    server that owns it. Unset: ``<cache_dir>/jobs.sqlite3`` (or the deprecated
    ``SUMMARIZER_API_JOBS_DB``, for one more release). A worker beats its heart every
    ``heartbeat_s``; the documents of one silent for ``stalled_after_s`` are
    taken up by another. ``pool_size`` caps one process's database connections.
    Finished jobs are deleted ``retention_hours`` after they end.
    """

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_JOBS_", **_COMMON)

    url: str | None = None
    retention_hours: float = Field(default=168.0, gt=0)
    heartbeat_s: float = Field(default=5.0, gt=0)
    stalled_after_s: float = Field(default=30.0, gt=0)
    pool_size: int = Field(default=10, ge=2)


class RunSettings(BaseSettings):
    """Where documents' CPU work runs (env prefix ``SUMMARIZER_RUN_``), for every caller of the
    run path that uses worker processes: the API (requests and jobs), ``summarizer worker`` and
    ``summarizer batch``.

    ``workers`` is the number of processes that read, preprocess and run the backends' CPU step
    in the API and in ``summarizer worker`` (``summarizer batch`` takes ``--workers``, default 1);
    ``cpu_budget_s`` the CPU seconds one document may use in any of them.
    """

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_RUN_", **_COMMON)

    workers: int = Field(default=2, ge=1)
    cpu_budget_s: float = Field(default=60.0, gt=0)


log = logging.getLogger("summarizer.settings")

# Settings that moved out of ``api.*`` (they are not the HTTP API's): old field -> (group, new field).
# The old environment names keep working for one release, with a deprecation warning; the new
# name wins when both are set.
_MOVED: dict[str, tuple[str, str]] = {
    "workers": ("run", "workers"),
    "cpu_budget_s": ("run", "cpu_budget_s"),
    "job_retention_hours": ("jobs", "retention_hours"),
}


def _env_name(group: str, name: str) -> str:
    return f"SUMMARIZER_{group.upper()}_{name.upper()}"


class Settings(BaseSettings):
    """All of summarizer's settings (env prefix ``SUMMARIZER_``)."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", **_COMMON)

    backend: BackendChoice = "auto"
    # Which genre's parts to extract: auto decides from the document (summarizer.genre_route);
    # a genre name of summarizer.genres forces it (summarize/batch --genre, SUMMARIZER_GENRE).
    genre: str = "auto"
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    cache_enabled: bool = True
    llm: LLMSettings = Field(default_factory=LLMSettings)
    api: ServerSettings = Field(default_factory=ServerSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    jobs: JobsSettings = Field(default_factory=JobsSettings)
    run: RunSettings = Field(default_factory=RunSettings)

    @model_validator(mode="before")
    @classmethod
    def _moved_from_api(cls, data: Any) -> Any:
        """Carry a deprecated ``api.*`` value (``SUMMARIZER_API_WORKERS``...) to its new group,
        unless the new name is set too, and warn that the old name goes in the next release."""
        if not isinstance(data, dict):
            return data
        api = data.get("api")
        api = api if isinstance(api, ServerSettings) else ServerSettings(**(api or {}))
        data = {**data, "api": api}
        groups: dict[str, type[BaseSettings]] = {"run": RunSettings, "jobs": JobsSettings}
        for old, (group, new) in _MOVED.items():
            value = getattr(api, old)
            if value is None:
                continue
            old_name, new_name = _env_name("api", old), _env_name(group, new)
            message = f"{old_name} (api.{old}) is deprecated and goes in the next release: use {new_name}"
            current = data.get(group)
            current = current if isinstance(current, groups[group]) else groups[group](**(current or {}))
            if new in current.model_fields_set:
                message += f"; {new_name} is set and wins"
            else:
                current = current.model_copy(update={new: value})
            data[group] = current
            warnings.warn(message, DeprecationWarning, stacklevel=2)
            log.warning(message)
        return data
