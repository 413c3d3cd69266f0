"""The backend registry: every backend name has a spec, edges resolve names through it."""

from typing import get_args

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import ConfigError
from summarizer.extract.registry import REGISTRY, backend_spec
from summarizer.schema import BACKEND_NAMES, BackendChoice
from summarizer.service import SummaryService
from summarizer.settings import LLMSettings, Settings


def test_every_backend_name_has_one_spec():
    assert tuple(REGISTRY) == BACKEND_NAMES
    assert get_args(BackendChoice) == ("auto", *BACKEND_NAMES)
    for name, spec in REGISTRY.items():
        assert spec.name == name and spec.help


def test_an_unknown_backend_names_the_known_ones():
    with pytest.raises(ConfigError) as err:
        backend_spec("gpt")
    assert all(name in (err.value.hint or "") for name in BACKEND_NAMES)


def test_the_service_builds_backends_from_the_registry(tmp_path):
    settings = Settings(cache_dir=tmp_path, llm=LLMSettings(base_url="http://127.0.0.1:9/v1", model="m"))
    service = SummaryService(settings)
    for name in BACKEND_NAMES:
        backend = service.backend(name)
        assert backend.name == name
        assert service.runs_on_cpu(name) is REGISTRY[name].cpu_bound


def test_llm_backends_need_an_endpoint(tmp_path):
    service = SummaryService(Settings(cache_dir=tmp_path, llm=LLMSettings()))
    assert service.backend_name("auto") == "rules"
    for name, spec in REGISTRY.items():
        if spec.needs_llm:
            with pytest.raises(ConfigError, match=name):
                service.backend_name(name)


def test_the_cli_offers_every_backend():
    result = CliRunner().invoke(app, ["summarize", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for name in BACKEND_NAMES:
        assert name in result.output
    bad = CliRunner().invoke(app, ["summarize", "x.txt", "--backend", "gpt"])
    assert bad.exit_code == 2
