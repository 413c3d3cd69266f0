"""The API takes PDF and Word uploads, and URLs only when the operator allows them, never
to loopback, private, link-local or metadata addresses (checked after DNS and on every redirect)."""

from __future__ import annotations

import base64
import ipaddress
import sys
from pathlib import Path

import httpx
import pytest

from summarizer.inputs.web import is_public

from .conftest import API_KEY, LiveServer, assert_error_shape, make_settings, seed_texts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "inputs"))  # the file makers
import makers
from webserver import Site, page, redirect

TEXT = next(iter(seed_texts().values()))
PARAGRAPHS = makers.seed_paragraphs(TEXT)
HTML = "<!DOCTYPE html><html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>"


@pytest.fixture(scope="module")
def site():
    routes = {
        "/report.html": page(HTML),
        "/to-private": redirect("http://10.20.30.40/report.html"),
        "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
    }
    with Site(routes) as s:
        yield s


def _client(tmp_path: Path, **api: object):
    server = LiveServer(make_settings(tmp_path, **api))
    return server, httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60)


def test_pdf_upload(client):
    pdf = makers.make_pdf(PARAGRAPHS, running_header="某区人民政府", print_stamp=True)
    response = client.post("/v1/summaries", files={"file": ("report.pdf", pdf, "application/pdf")},
                           data={"include_text": "true"})
    assert response.status_code == 200, response.text
    summary = response.json()["summary"]
    assert summary["provenance"]["input_kind"] == "pdf" and summary["provenance"]["pages"] >= 2
    assert summary["achievements"] and all(item["page"] for item in summary["achievements"])
    assert makers.PRINT_TIME not in response.json()["clean_text"]


def test_docx_as_base64(client):
    docx = makers.make_docx(PARAGRAPHS, header="某区人民政府")
    response = client.post("/v1/summaries", json={"content_base64": base64.b64encode(docx).decode(),
                                                  "name": "report.docx"})
    assert response.status_code == 200, response.text
    assert response.json()["summary"]["provenance"]["input_kind"] == "docx"


def test_url_input_is_off_by_default(client, site):
    before = len(site.requests)
    response = client.post("/v1/summaries", json={"url": f"{site.url}/report.html"})
    error = assert_error_shape(response, 403, "url_input_disabled", "body.url")
    assert "SUMMARIZER_API_URL_INPUT" in error["hint"]
    assert len(site.requests) == before  # nothing was fetched


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/report.html",
    "http://localhost:9/report.html",
    "http://10.1.2.3/report.html",
    "http://192.168.1.1/report.html",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/latest/meta-data/",
    "http://[::1]:9/report.html",
    "http://[::ffff:127.0.0.1]:9/report.html",
    "http://0.0.0.0:9/report.html",
])
def test_url_input_refuses_non_public_addresses(tmp_path, url):
    server, http = _client(tmp_path, url_input=True)
    with server, http:
        response = http.post("/v1/summaries", json={"url": url})
    error = assert_error_shape(response, 422, "input_error")
    assert "not a public address" in error["message"]


def test_the_operator_can_open_networks_and_every_redirect_is_checked(tmp_path, site):
    server, http = _client(tmp_path, url_input=True, url_allowed_networks=["127.0.0.0/8"])
    with server, http:
        ok = http.post("/v1/summaries", json={"url": f"{site.url}/report.html"})
        assert ok.status_code == 200, ok.text
        assert ok.json()["summary"]["provenance"]["input_kind"] == "html"
        for path, address in (("/to-private", "10.20.30.40"), ("/to-metadata", "169.254.169.254")):
            refused = http.post("/v1/summaries", json={"url": f"{site.url}{path}"})
            error = assert_error_shape(refused, 422, "input_error")
            assert address in error["message"] and "not a public address" in error["message"]
        job = http.post("/v1/jobs", json={"documents": [{"url": f"{site.url}/report.html"}]})
        assert job.status_code == 202, job.text


def test_public_address_rules():
    allowed = [ipaddress.ip_network("127.0.0.0/8")]
    assert is_public(ipaddress.ip_address("8.8.8.8"))
    for private in ("127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.0.1", "169.254.169.254",
                    "100.100.100.200", "::1", "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1", "224.0.0.1"):
        assert not is_public(ipaddress.ip_address(private)), private
    assert is_public(ipaddress.ip_address("127.0.0.1"), allowed)
    assert is_public(ipaddress.ip_address("::ffff:127.0.0.1"), allowed)
