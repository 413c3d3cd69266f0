"""Hostile pages through the API (URL input on): slow headers hold no thread other callers need,
every broken answer is a 4xx, a small job request cannot make the server fetch more than its byte
budget, embedded-IPv4 addresses are refused, and paging parameters are bounded. Loopback servers only."""

from __future__ import annotations

import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from .conftest import API_KEY, LiveServer, assert_error_shape, make_settings, seed_texts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "inputs"))  # the loopback web servers
from webserver import RawSite, Site, page, raw, slow_headers

TEXT = next(iter(seed_texts().values()))
HTML = "<!DOCTYPE html><html><body>" + "".join(f"<p>{p}</p>" for p in TEXT.splitlines() if p.strip()) + "</body></html>"
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
RAW_ROUTES = {
    "/slow-headers": slow_headers(0.2),
    "/short-body": raw(HEAD + b"Content-Length: 1000\r\n\r\n<html>only this"),
    "/stalled-body": raw(HEAD + b"Content-Length: 1000\r\n\r\n<html>and then nothing", then_stall_s=60),
    "/bad-gzip": raw(HEAD + b"Content-Encoding: gzip\r\nContent-Length: 20\r\n\r\n" + b"\x1f\x8b" + b"x" * 18),
    "/to-bad-ipv6": raw(b"HTTP/1.1 302 Found\r\nLocation: http://[::1/x\r\nContent-Length: 0\r\n\r\n"),
    "/to-bad-port": raw(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:99999/\r\nContent-Length: 0\r\n\r\n"),
}
PAGE_BYTES = 100_000
PAGES = {f"/page{i}.html": (200, {"Content-Type": "text/plain"}, b"a" * PAGE_BYTES) for i in range(10)}


@pytest.fixture(scope="module")
def hostile():
    with RawSite(RAW_ROUTES) as site:
        yield site


def _server(tmp_path: Path, fetch_timeout_s: float = 1.5, **api: object) -> tuple[LiveServer, httpx.Client]:
    settings = make_settings(tmp_path, url_input=True, url_allowed_networks=["127.0.0.0/8"], **api)
    settings = settings.model_copy(update={"fetch": settings.fetch.model_copy(update={"timeout_s": fetch_timeout_s})})
    server = LiveServer(settings)
    return server, httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60)


@pytest.mark.parametrize("path", sorted(RAW_ROUTES))
def test_every_broken_answer_is_a_422(tmp_path, hostile, path):
    server, http = _server(tmp_path)
    with server, http:
        one = http.post("/v1/summaries", json={"url": f"{hostile.url}{path}"})
        job = http.post("/v1/jobs", json={"documents": [{"url": f"{hostile.url}{path}"}]})
    assert_error_shape(one, 422, "input_error")
    assert_error_shape(job, 422, "input_error")


@pytest.mark.parametrize("url", ["http://[::1/x", "http://127.0.0.1:99999/", "http://[64:ff9b::7f00:1]/",
                                 "http://[2002:7f00:1::]/", "http://[::127.0.0.1]/",
                                 "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/"])
def test_unparsable_and_embedded_ipv4_addresses_are_a_422(tmp_path, url):
    server, http = _client_without_allowed(tmp_path)
    with server, http:
        response = http.post("/v1/summaries", json={"url": url})
    error = assert_error_shape(response, 422, "input_error")
    assert "not a valid web address" in error["message"] or "not a public address" in error["message"]


def _client_without_allowed(tmp_path: Path) -> tuple[LiveServer, httpx.Client]:
    server = LiveServer(make_settings(tmp_path, url_input=True))
    return server, httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60)


@pytest.mark.slow
def test_eight_slow_header_urls_do_not_delay_another_callers_job_status(tmp_path, hostile):
    server, http = _server(tmp_path, url_key_bytes=2**30, url_server_bytes=2**30)  # all eight are let in
    with server, http:
        job = http.post("/v1/jobs", json={"documents": [{"text": TEXT}]})
        assert job.status_code == 202, job.text
        status_url = job.headers["Location"]

        def poll(times: int) -> list[float]:
            took = []
            for _ in range(times):
                started = time.perf_counter()
                assert http.get(status_url).status_code == 200
                took.append(time.perf_counter() - started)
                time.sleep(0.05)
            return took

        baseline = poll(10)
        answers: list[int] = []

        def slow_caller() -> None:
            with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"},
                              timeout=60) as other:
                answers.append(other.post("/v1/summaries", json={"url": f"{hostile.url}/slow-headers"}).status_code)

        callers = [threading.Thread(target=slow_caller) for _ in range(8)]
        for caller in callers:
            caller.start()
        time.sleep(0.3)  # all eight are waiting on their headers now
        during = poll(10)
        for caller in callers:
            caller.join(timeout=30)
    assert answers == [422] * 8  # each cut at the fetch deadline
    # The bar: not delayed by more than a second; in practice the same as before.
    assert max(during) < max(baseline) + 1.0, (baseline, during)
    assert statistics.median(during) < statistics.median(baseline) + 0.5, (baseline, during)


def test_a_small_job_request_cannot_fetch_past_its_byte_budget(tmp_path):
    with Site(PAGES) as site:
        server, http = _server(tmp_path, url_request_bytes=int(PAGE_BYTES * 2.5))
        with server, http:
            urls = [{"url": f"{site.url}/page{i}.html"} for i in range(10)]
            response = http.post("/v1/jobs", json={"documents": urls})
            error = assert_error_shape(response, 413, "request_too_large", "body.documents.2.url")
            assert "SUMMARIZER_API_URL_REQUEST_BYTES" in error["hint"]
            assert len(site.requests) == 3  # two pages fitted, the third passed the budget, no more were asked
            assert server.server.config.app.state.fetch_budget.held == 0  # released with the request
            ok = http.post("/v1/jobs", json={"documents": urls[:2]})
            assert ok.status_code == 202, ok.text


def test_the_queue_and_the_key_budget_are_checked_before_anything_is_fetched(tmp_path):
    with Site(PAGES) as site:
        server, http = _server(tmp_path, max_queued_documents_per_key=3)
        with server, http:
            urls = [{"url": f"{site.url}/page{i}.html"} for i in range(5)]
            queue_full = http.post("/v1/jobs", json={"documents": urls})
            assert_error_shape(queue_full, 429, "queue_full")
            assert site.requests == []
        server, http = _server(tmp_path / "b", url_key_bytes=PAGE_BYTES)  # less than one fetch may come to
        with server, http:
            budget_full = http.post("/v1/jobs", json={"documents": urls[:1]})
            error = assert_error_shape(budget_full, 429, "fetch_budget_full")
            assert budget_full.headers["Retry-After"] and "SUMMARIZER_API_URL_KEY_BYTES" in error["hint"]
            assert site.requests == []


@pytest.mark.parametrize("query", ["offset=9223372036854775808", "offset=10000001", "offset=-1",
                                   "limit=9223372036854775808", "limit=0", "limit=101"])
def test_paging_parameters_are_bounded(client, query):
    job = client.post("/v1/jobs", json={"documents": [{"text": TEXT}]})
    response = client.get(f"{job.headers['Location']}?{query}")
    assert_error_shape(response, 422, "invalid_request")


def test_a_large_offset_within_bounds_is_an_empty_page(client):
    job = client.post("/v1/jobs", json={"documents": [{"text": TEXT}]})
    response = client.get(f"{job.headers['Location']}?offset=10000000")
    assert response.status_code == 200 and response.json()["documents"] == []


def test_a_job_of_urls_from_a_page_is_stored_and_summarised(tmp_path):
    with Site({"/report.html": page(HTML)}) as site:
        server, http = _server(tmp_path)
        with server, http:
            job = http.post("/v1/jobs", json={"documents": [{"url": f"{site.url}/report.html"}, {"text": TEXT}]})
            assert job.status_code == 202, job.text
            for _ in range(300):
                status = http.get(job.headers["Location"]).json()
                if status["status"] == "done":
                    break
                time.sleep(0.1)
    assert [d["status"] for d in status["documents"]] == ["done", "done"]
    assert status["documents"][0]["name"] == f"{site.url}/report.html"


def test_a_fetch_stops_when_its_caller_hangs_up(tmp_path, hostile):
    server, http = _server(tmp_path, fetch_timeout_s=60.0)  # only the hang-up can stop it soon
    with server, http:
        budget = server.server.config.app.state.fetch_budget
        hostile.dropped.clear()  # earlier tests' fetches were dropped at their deadlines
        with pytest.raises(httpx.ReadTimeout):
            http.post("/v1/summaries", json={"url": f"{hostile.url}/slow-headers"}, timeout=1.0)
        deadline = time.monotonic() + 10
        while ("/slow-headers" not in hostile.dropped or budget.held) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "/slow-headers" in hostile.dropped  # the server closed its connection to the site
        assert budget.held == 0  # and released what the request had reserved
