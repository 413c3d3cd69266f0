"""Settings, read once from the environment and ``.env`` into a frozen object.

Build one ``Settings()`` at the edge (CLI command, API app factory, eval run)
and pass it down; nothing below reads the environment itself.
Every variable is documented in ``.env.example``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_COMMON = dict(env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True)


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "summarizer"


class LLMSettings(BaseSettings):
    """How to reach an OpenAI-compatible endpoint (env prefix ``SUMMARIZER_LLM_``)."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_LLM_", **_COMMON)

    base_url: str | None = None
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SUMMARIZER_LLM_API_KEY", "OPENAI_API_KEY")
    )
    model: str | None = None
    mode: Literal["auto", "json_schema", "tools", "json", "md_json"] = "auto"
    timeout_s: float = 120.0
    max_retries: int = 4
    max_reasks: int = 1
    concurrency: int = 8
    context_tokens: int = 32_000
    max_output_tokens: int = 4_096
    budget_tokens: int = 200_000
    budget_cost: float | None = None
    prices: dict[str, dict[str, float | str]] = Field(default_factory=dict)

    @property
    def configured(self) -> bool:
        """True when a model and an endpoint (base URL or API key) are set."""
        return bool(self.model) and bool(self.base_url or self.api_key)


class ServerSettings(BaseSettings):
    """The HTTP API (env prefix ``SUMMARIZER_API_``).

    ``keys``: the API keys callers may present, comma-separated in
    ``SUMMARIZER_API_KEYS`` (or a JSON list). With no keys the server refuses to
    start unless ``open_access`` is set. ``jobs_db``: the SQLite file jobs are
    kept in; by default ``<cache_dir>/jobs.sqlite3``.
    """

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_API_", **_COMMON)

    keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    open_access: bool = False
    max_request_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    jobs_db: Path | None = None

    @field_validator("keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [k.strip() for k in text.split(",") if k.strip()]
        return value


class Settings(BaseSettings):
    """All of summarizer's settings (env prefix ``SUMMARIZER_``)."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", **_COMMON)

    backend: Literal["auto", "rules", "llm"] = "auto"
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    cache_enabled: bool = True
    llm: LLMSettings = Field(default_factory=LLMSettings)
    api: ServerSettings = Field(default_factory=ServerSettings)
