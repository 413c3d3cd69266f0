"""Settings from the environment, the not-configured error, and the service end to end."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.errors import ConfigError
from summarizer.extract.llm import LLMBackend
from summarizer.preprocess.document import CleanDocument
from summarizer.schema import PART_NAMES
from summarizer.service import SummaryService
from summarizer.settings import Settings
from summarizer.structure import parse_structure

from .conftest import SEEDS_DIR, llm_settings


def test_settings_come_from_the_environment_with_openai_key_fallback(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_LLM_BASE_URL", "https://api.deepseek.com/v1")
    monkeypatch.setenv("SUMMARIZER_LLM_MODEL", "deepseek-chat")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fallback")
    monkeypatch.setenv("SUMMARIZER_LLM_PRICES", '{"deepseek-chat": {"prompt": 2, "completion": 8, "currency": "CNY"}}')
    monkeypatch.setenv("SUMMARIZER_LLM_MODE", "tools")
    llm = Settings().llm
    assert llm.configured and llm.api_key.get_secret_value() == "sk-fallback"
    assert llm.price().currency == "CNY" and llm.mode == "tools"
    with pytest.raises(ValidationError, match="frozen"):
        llm.model = "other"
    monkeypatch.setenv("SUMMARIZER_LLM_API_KEY", "sk-own")
    assert Settings().llm.api_key.get_secret_value() == "sk-own"


def test_settings_are_read_from_a_dotenv_file(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("SUMMARIZER_LLM_MODEL=qwen-plus\nSUMMARIZER_LLM_BASE_URL=http://x/v1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert Settings().llm.model == "qwen-plus"


def test_without_an_endpoint_the_error_says_what_to_set():
    service = SummaryService(Settings())
    with pytest.raises(ConfigError) as info:
        service.backend_name("llm")
    assert "SUMMARIZER_LLM_MODEL" in info.value.hint and "SUMMARIZER_LLM_BASE_URL" in info.value.hint
    with pytest.raises(ConfigError, match="needs an endpoint"):
        LLMBackend(Settings())


async def test_an_unusable_context_budget_is_a_config_error(tmp_path):
    settings = llm_settings("http://127.0.0.1:9/v1", tmp_path, context_tokens=1_000, max_output_tokens=900)
    doc = CleanDocument(text="甲。")
    with pytest.raises(ConfigError, match="CONTEXT_TOKENS"):
        await LLMBackend(settings).extract(doc, parse_structure(doc))


async def test_the_service_summarises_a_raw_seed_file_with_the_llm_backend(scripted_server, tmp_path):
    settings = llm_settings(scripted_server.url, tmp_path, cache=True)
    service = SummaryService(settings)
    path = SEEDS_DIR / "002_93df2457fec9964f.txt"
    result = await service.summarize(path, name=path.name, backend="llm")
    summary = result.summary
    assert summary.provenance.backend == "llm" and summary.provenance.prompt_version == "extract/v1"
    assert summary.metadata.issuer == "清远市司法局" and summary.compliance.problems
    text = result.document.text
    assert all(text[i.span.start : i.span.end] == i.evidence for p in PART_NAMES for i in summary.items(p))
    again = await service.summarize(path, name=path.name, backend="llm")
    assert again.summary.provenance.cached and len(scripted_server.requests) == 1
    fresh = await service.summarize(path, name=path.name, backend="llm", use_cache=False)
    assert not fresh.summary.provenance.cached and len(scripted_server.requests) == 2


def test_env_example_documents_every_setting_and_parses(tmp_path, monkeypatch):
    from summarizer.settings import (
        _MOVED,
        FetchSettings,
        JobsSettings,
        LLMSettings,
        RunSettings,
        ServerSettings,
    )

    from .conftest import ROOT

    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    for prefix, cls in (("SUMMARIZER_LLM_", LLMSettings), ("SUMMARIZER_API_", ServerSettings),
                        ("SUMMARIZER_FETCH_", FetchSettings), ("SUMMARIZER_JOBS_", JobsSettings),
                        ("SUMMARIZER_RUN_", RunSettings), ("SUMMARIZER_", Settings)):
        for field in cls.model_fields:
            if field not in ("llm", "api", "fetch", "jobs", "run") and not (cls is ServerSettings and field in _MOVED):
                assert f"{prefix}{field.upper()}" in text, f"{prefix}{field.upper()} is not in .env.example"
    (tmp_path / ".env").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR")
    settings = Settings()
    assert settings.llm.budget_cost is None and settings.llm.prices == {} and not settings.llm.configured
