"""API keys: refused without, accepted with, and no start without keys unless open access."""

from __future__ import annotations

import httpx
import pytest

from summarizer.api import create_app
from summarizer.errors import ConfigError

from .conftest import API_KEY, LiveServer, assert_error_shape, make_settings

TEXT = "某某县2022年法治政府建设年度报告\n一、主要举措和成效\n（一）加强组织领导。召开常务会议12次。"


def test_no_key_is_refused_with_a_clear_error(anonymous):
    response = anonymous.post("/v1/summaries", json={"text": TEXT})
    error = assert_error_shape(response, 401, "unauthorized", field="Authorization")
    assert "Bearer" in error["hint"]
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("headers", [
    {"Authorization": "Bearer wrong-key"},
    {"X-API-Key": "wrong-key"},
    {"Authorization": f"Bearer {API_KEY}x"},
    {"Authorization": "Bearer " + API_KEY[:-1]},
    {"X-API-Key": "ключ-не-тот".encode()},
])
def test_a_wrong_key_is_refused(anonymous, headers):
    response = anonymous.get("/v1/schema", headers=headers)
    assert_error_shape(response, 401, "unauthorized")


@pytest.mark.parametrize("headers", [{"Authorization": f"Bearer {API_KEY}"}, {"X-API-Key": API_KEY}])
def test_a_configured_key_is_accepted(anonymous, headers):
    response = anonymous.get("/v1/schema", headers=headers)
    assert response.status_code == 200
    assert response.json()["title"] == "ReportSummary"


def test_any_of_several_keys_is_accepted(tmp_path):
    settings = make_settings(tmp_path, keys=["first-key", "second-key"])
    with LiveServer(settings) as server:
        for key in ("first-key", "second-key"):
            assert httpx.get(f"{server.url}/v1/schema", headers={"X-API-Key": key}).status_code == 200
        assert httpx.get(f"{server.url}/v1/schema", headers={"X-API-Key": "third-key"}).status_code == 401


def test_health_and_docs_need_no_key(anonymous):
    assert anonymous.get("/healthz").json()["status"] == "ok"
    assert anonymous.get("/docs").status_code == 200
    spec = anonymous.get("/openapi.json").json()
    assert "/v1/summaries" in spec["paths"] and "/v1/jobs/{job_id}" in spec["paths"]


def test_no_keys_and_no_open_access_refuses_to_start(tmp_path):
    with pytest.raises(ConfigError) as info:
        create_app(make_settings(tmp_path, keys=[]))
    assert "no API keys" in info.value.message
    assert "SUMMARIZER_API_KEYS" in info.value.hint and "SUMMARIZER_API_OPEN_ACCESS" in info.value.hint


def test_open_access_serves_without_keys(tmp_path):
    with LiveServer(make_settings(tmp_path, keys=[], open_access=True)) as server:
        assert httpx.get(f"{server.url}/v1/schema").status_code == 200


def test_serve_command_refuses_to_start_without_keys(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from summarizer.cli import app

    monkeypatch.setenv("SUMMARIZER_JOBS_URL", str(tmp_path / "jobs.sqlite3"))
    result = CliRunner().invoke(app, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert "no API keys are configured" in result.output
    assert "SUMMARIZER_API_OPEN_ACCESS" in result.output


def test_docs_work_offline_from_bundled_assets(anonymous):
    """/docs and /redoc load Swagger UI and ReDoc from this server, never from a CDN."""
    import re

    for page in ("/docs", "/redoc"):
        html = anonymous.get(page).text
        assets = re.findall(r"""(?:src|href)=["']([^"']+)["']|url: *'([^']+)'""", html)
        urls = [a or b for a, b in assets]
        assert urls and not [u for u in urls if u.startswith(("http:", "https:", "//"))], urls
        for url in urls:
            assert anonymous.get(url).status_code == 200, url
    assert "swagger-ui-bundle.js" in anonymous.get("/docs").text
