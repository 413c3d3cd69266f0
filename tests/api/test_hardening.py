"""Smaller findings of the hostile-caller review, each pinned: API keys an HTTP header cannot
carry, a report text that names a server path, the switch that closes /docs, query strings in
the access log."""

from __future__ import annotations

import logging

import httpx
import pytest

from summarizer.api import create_app
from summarizer.api.access_log import ACCESS_LOGGER, hide_query_strings
from summarizer.errors import ConfigError

from .conftest import API_KEY, LiveServer, assert_error_shape, make_settings


@pytest.mark.parametrize("key", ["clé-secrète-123", "密钥-abcdefgh", " padded-key "])
def test_a_key_no_header_can_carry_refuses_to_start(tmp_path, key):
    with pytest.raises(ConfigError) as info:
        create_app(make_settings(tmp_path, keys=[API_KEY, key]))
    assert "key #2" in info.value.message and "ASCII" in info.value.message
    assert key.strip() not in str(info.value)  # the key itself is not echoed to logs


def test_serve_refuses_a_non_ascii_key(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from summarizer.cli import app

    monkeypatch.setenv("SUMMARIZER_API_KEYS", "ключ-для-api")
    monkeypatch.setenv("SUMMARIZER_JOBS_URL", str(tmp_path / "jobs.sqlite3"))
    result = CliRunner().invoke(app, ["serve", "--port", "0"])
    assert result.exit_code == 2 and "printable ASCII" in result.output


def test_a_text_that_is_a_path_gets_the_same_answer_whether_it_exists_or_not(client, tmp_path):
    existing = tmp_path / "report.txt"
    existing.write_text("2024年法治政府建设年度报告", encoding="utf-8")
    answers = [client.post("/v1/summaries", json={"text": str(path)})
               for path in (existing, tmp_path / "missing.txt", "/etc/passwd", "/etc/no-such-file")]
    errors = [assert_error_shape(a, 422, "input_error") for a in answers]
    assert len({e["message"] for e in errors}) == 1 and len({e["hint"] for e in errors}) == 1
    assert "file path" in errors[0]["message"]


def test_docs_can_be_closed(tmp_path):
    with LiveServer(make_settings(tmp_path, docs=False)) as server:
        assert httpx.get(f"{server.url}/docs").status_code == 404
        assert httpx.get(f"{server.url}/redoc").status_code == 404
        assert httpx.get(f"{server.url}/healthz").status_code == 200


def test_the_access_log_leaves_out_query_strings(client, caplog):
    hide_query_strings()
    access = logging.getLogger(ACCESS_LOGGER)
    # uvicorn's access logger does not propagate to the root, and pytest before 9 listens only there
    access.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER):
            access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/v1/jobs/x?offset=0&token=secret",
                        "1.1", 404)
    finally:
        access.removeHandler(caplog.handler)
    assert caplog.records and all("secret" not in r.getMessage() for r in caplog.records)
    assert "/v1/jobs/x" in caplog.records[-1].getMessage()


class _CountingEndpoint:
    """A stand-in LLM endpoint on loopback that only counts ``GET /models``."""

    def __init__(self):
        import http.server
        import threading

        counter = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                counter.hits += 1
                body = b'{"object": "list", "data": []}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.hits = 0
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_readyz_probes_at_most_every_few_seconds_and_names_no_model(tmp_path):
    from summarizer.settings import LLMSettings

    endpoint = _CountingEndpoint()
    try:
        settings = make_settings(tmp_path).model_copy(update={"llm": LLMSettings(
            base_url=endpoint.url, model="secret-model-name", api_key="test")})
        with LiveServer(settings) as server, httpx.Client(base_url=server.url, timeout=30) as http:
            answers = [http.get("/readyz") for _ in range(200)]
        assert all(a.status_code == 200 for a in answers)
        assert endpoint.hits <= 2, f"{endpoint.hits} probes of the endpoint for 200 /readyz calls"
        assert all("secret-model-name" not in a.text and endpoint.url not in a.text for a in answers)
    finally:
        endpoint.close()
