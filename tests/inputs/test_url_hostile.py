"""Hostile web pages: slow headers, broken bodies, addresses that cannot be parsed, and hops from a
public page to this machine's own network. Each is an ``InputError`` (CLI exit 1, one line), never a
hang or a traceback; a batch records the bad address and goes on. Loopback servers only."""

from __future__ import annotations

import gzip
import ipaddress
import json
import resource
import threading
import zlib
from pathlib import Path

import makers
import pytest
from typer.testing import CliRunner
from webserver import RawSite, Site, page, raw, redirect, slow_headers

from summarizer.errors import InputError
from summarizer.inputs import web
from summarizer.inputs.web import FetchPolicy, fetch, fetch_report, is_public

# Loopback servers that answer slowly on purpose (deadlines of a second or more): the slow tier.
pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
REPORT = min(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
PARAGRAPHS = makers.seed_paragraphs(REPORT)
HTML = "<!DOCTYPE html><html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>"

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
RAW_ROUTES = {
    "/slow-headers": slow_headers(0.2),
    "/short-body": raw(HEAD + b"Content-Length: 1000\r\n\r\n<html>only this"),
    "/stalled-body": raw(HEAD + b"Content-Length: 1000\r\n\r\n<html>and then nothing", then_stall_s=60),
    "/bad-gzip": raw(HEAD + b"Content-Encoding: gzip\r\nContent-Length: 20\r\n\r\n" + b"\x1f\x8b" + b"x" * 18),
    "/garbage": raw(b"SMTP ready\r\n\r\n"),
    "/to-bad-ipv6": raw(b"HTTP/1.1 302 Found\r\nLocation: http://[::1/x\r\nContent-Length: 0\r\n\r\n"),
    "/to-bad-port": raw(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:99999/\r\nContent-Length: 0\r\n\r\n"),
    "/to-port-zero": raw(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:0/\r\nContent-Length: 0\r\n\r\n"),
}
QUICK = FetchPolicy(timeout_s=1.0)


def _encoded(encoding: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    """A route answering ``body`` compressed as ``encoding`` (deflate with or without zlib's wrapper)."""
    if encoding == "gzip":
        data = gzip.compress(body)
    elif encoding == "deflate-raw":
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        data, encoding = packer.compress(body) + packer.flush(), "deflate"
    else:
        data = zlib.compress(body)
    return 200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding}, data


def _gzip_bomb(mib: int) -> bytes:
    """``mib`` MiB of zeros gzipped (about 1/1000 of that), made without holding them."""
    packer = zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    zeros = bytes(2**20)
    return b"".join(packer.compress(zeros) for _ in range(mib)) + packer.flush()


@pytest.fixture(scope="module")
def encoded() -> dict[str, tuple[int, dict[str, str], bytes]]:
    """The compressed pages, made when a test asks (the bomb costs each process that collects
    this module a sixth of a second of CPU)."""
    return {
        "/gzip": _encoded("gzip", HTML.encode()),
        "/deflate": _encoded("deflate", HTML.encode()),
        "/deflate-raw": _encoded("deflate-raw", HTML.encode()),
        "/bomb": (200, {"Content-Encoding": "gzip"}, _gzip_bomb(50)),
        "/br": (200, {"Content-Encoding": "br"}, b"\x0b\x02\x80hello\x03"),
    }


@pytest.fixture(scope="module")
def hostile():
    with RawSite(RAW_ROUTES) as site:
        yield site


def _cli(*args, env: dict[str, str] | None = None):
    from summarizer.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], env=env)


@pytest.mark.parametrize(("path", "message"), [
    ("/slow-headers", "no complete answer within 1 s"),
    ("/stalled-body", "no complete answer within 1 s"),
    ("/short-body", "could not be read whole"),
    ("/bad-gzip", "could not be read whole"),
    ("/garbage", "cannot fetch the address"),
    ("/to-bad-ipv6", "location header|redirects to an address that cannot be read"),
    ("/to-bad-port", "not a valid web address"),
    ("/to-port-zero", "not a valid web address"),
])
def test_every_broken_answer_is_an_input_error(hostile, path, message):
    with pytest.raises(InputError, match=message):
        fetch(f"{hostile.url}{path}", QUICK)


def test_the_deadline_covers_headers_sent_one_byte_at_a_time(hostile):
    """Each byte comes well within httpx's per-read timeout; only the deadline on the whole stops it."""
    with pytest.raises(InputError, match="no complete answer within 1 s"):
        fetch(f"{hostile.url}/slow-headers", FetchPolicy(timeout_s=1.0))
    # the same with a server's guard on, and through fetch_report
    with pytest.raises(InputError, match="no complete answer"):
        fetch_report(f"{hostile.url}/slow-headers",
                     FetchPolicy(timeout_s=1.0, public_only=True,
                                 allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),)))


@pytest.mark.parametrize("url", [
    "http://[::1/report.html", "http://127.0.0.1:99999/", "http://127.0.0.1:port/", "http://127.0.0.1:0/",
    "http://exa mple.com/", "ftp://127.0.0.1/report.pdf", "http:///nohost",
])
def test_addresses_that_cannot_be_parsed_are_input_errors(url):
    with pytest.raises(InputError):
        fetch(url, QUICK)


def test_no_fetch_thread_outlives_its_caller(hostile):
    before = {t.ident for t in threading.enumerate()}
    for _ in range(3):
        with pytest.raises(InputError):
            fetch(f"{hostile.url}/slow-headers", FetchPolicy(timeout_s=0.3))
    left = [t.name for t in threading.enumerate() if t.ident not in before and not t.name.startswith("Thread-")]
    assert left == [], left  # the server's own connection threads are named Thread-N


@pytest.mark.parametrize(("address", "public"), [
    ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
    ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
    ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8: a real IPv6-only network reaches public sites so
    ("64:ff9b:1::a00:1", False),  # local-use NAT64: a site's own translator, refused whole
    ("64:ff9b:1:ffff::808:808", False),
    ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
    ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
    ("2002:808:808::1", True),  # 6to4 of 8.8.8.8
    ("::127.0.0.1", False),  # IPv4-compatible
    ("::10.0.0.1", False),
    ("::8.8.8.8", True),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo: refused whole
    ("2001:0:808:808:0:0:f7f7:f7f7", False),
    ("::1", False), ("::", False), ("::ffff:127.0.0.1", False), ("::ffff:8.8.8.8", True),
    ("2606:4700:4700::1111", True), ("8.8.8.8", True), ("127.0.0.1", False),
])
def test_is_public_judges_the_ipv4_address_an_ipv6_one_carries(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_the_operator_allowed_networks_still_open_an_embedded_address():
    allowed = [ipaddress.ip_network("10.0.0.0/8")]
    assert is_public(ipaddress.ip_address("64:ff9b::a00:1"), allowed)
    assert not is_public(ipaddress.ip_address("64:ff9b::7f00:1"), allowed)


@pytest.fixture
def public_site(monkeypatch):
    """A site on 127.0.0.2 that the address rules take for a public one (tests have no public
    address); it redirects and links to 127.0.0.1, this machine's own network."""
    real = web.is_public
    pretend = ipaddress.ip_address("127.0.0.2")
    monkeypatch.setattr(web, "is_public", lambda a, allowed=(): a == pretend or real(a, allowed))
    with Site({"/report.html": page(HTML), "/attachment.pdf": (200, {}, makers.make_pdf(PARAGRAPHS))}) as inner:
        port = inner.url.rsplit(":", 1)[1]
        listing = (f'<html><body><p>通知</p><p>相关附件：<a href="http://127.0.0.1:{port}/attachment.pdf">'
                   f'法治政府建设年度报告.pdf</a></p></body></html>')
        routes = {
            "/to-decimal": redirect(f"http://2130706433:{port}/report.html"),  # 127.0.0.1 as one number
            "/to-loopback": redirect(f"http://127.0.0.1:{port}/report.html"),
            "/listing.html": page(listing),
        }
        with Site(routes, host="127.0.0.2") as outer:
            yield outer, inner


@pytest.mark.parametrize("path", ["/to-decimal", "/to-loopback"])
def test_cli_refuses_a_redirect_from_a_public_page_to_this_machine(public_site, path):
    outer, inner = public_site
    result = _cli("summarize", f"{outer.url}{path}", "--backend", "rules", "--json")
    assert result.exit_code == 1, result.output
    assert "a public page led to" in result.output and "--allow-private" in result.output
    assert "Traceback" not in result.output and inner.requests == []
    allowed = _cli("summarize", f"{outer.url}{path}", "--backend", "rules", "--json", "--allow-private")
    assert allowed.exit_code == 0, allowed.output
    assert inner.requests == ["/report.html"]


def test_cli_refuses_an_attachment_link_from_a_public_page_to_this_machine(public_site):
    outer, inner = public_site
    result = _cli("summarize", f"{outer.url}/listing.html", "--backend", "rules", "--follow-attachments")
    assert result.exit_code == 1 and "a public page led to 127.0.0.1" in result.output, result.output
    assert inner.requests == []
    allowed = _cli("summarize", f"{outer.url}/listing.html", "--backend", "rules", "--json",
                   "--follow-attachments", "--allow-private")
    assert allowed.exit_code == 0, allowed.output
    assert json.loads(allowed.stdout)["provenance"]["input_kind"] == "pdf"


def test_cli_may_start_on_its_own_network():
    """A person may fetch their intranet's page directly; only a public page's hops are refused."""
    with Site({"/report.html": page(HTML)}) as site:
        result = _cli("summarize", f"{site.url}/report.html", "--backend", "rules", "--json")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", ["/slow-headers", "/short-body", "/bad-gzip", "/to-bad-ipv6", "/to-bad-port"])
def test_cli_reports_a_broken_address_in_one_line(hostile, path):
    result = _cli("summarize", f"{hostile.url}{path}", "--backend", "rules",
                  env={"SUMMARIZER_FETCH_TIMEOUT_S": "1"})
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_batch_records_each_bad_address_and_goes_on(hostile, tmp_path):
    with Site({"/report.html": page(HTML)}) as site:
        bad = [f"{hostile.url}{p}" for p in ("/slow-headers", "/short-body", "/bad-gzip", "/stalled-body",
                                             "/to-bad-ipv6", "/to-bad-port", "/garbage")]
        bad += ["http://[::1/x", "http://127.0.0.1:99999/"]
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join([bad[0], f"{site.url}/report.html", *bad[1:]]) + "\n", encoding="utf-8")
        out = tmp_path / "out.jsonl"
        result = _cli("batch", "--urls", urls, "--out", out, "--backend", "rules",
                      env={"SUMMARIZER_FETCH_TIMEOUT_S": "1"})
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_name = {line["name"]: line for line in lines}
    assert by_name[f"{site.url}/report.html"]["status"] == "done"
    for url in bad:
        assert by_name[url]["status"] == "failed" and by_name[url]["error"]["code"] == "input_error", url
    assert f"failed {len(bad)}" in result.output


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/deflate-raw"])
def test_compressed_pages_are_decoded(path, encoded):
    with Site(encoded) as site:
        assert fetch(f"{site.url}{path}", QUICK).data == HTML.encode()


def test_a_gzip_bomb_is_cut_at_the_cap_without_inflating_it(encoded):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Site(encoded) as site, pytest.raises(InputError, match="larger than the limit of 1,000,000 bytes"):
        fetch(f"{site.url}/bomb", FetchPolicy(timeout_s=5.0, max_bytes=1_000_000))
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 25, grown_mib  # the page inflates to 50 MiB; the cap is 1 MB


def test_an_encoding_not_asked_for_is_an_input_error(encoded):
    with Site(encoded) as site, pytest.raises(InputError, match="encoding that was not asked for: br"):
        fetch(f"{site.url}/br", QUICK)
