"""Reports by URL, from a local web server: pages, redirects, errors, limits, attachments."""

from __future__ import annotations

import json
from pathlib import Path

import makers
import pytest
from typer.testing import CliRunner
from webserver import Site, page, redirect

from summarizer.errors import InputError
from summarizer.inputs.web import FetchPolicy, attachment_links, fetch, fetch_report

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
SEED = min(SEEDS.glob("*.txt"))
REPORT = SEED.read_text(encoding="utf-8")
PARAGRAPHS = makers.seed_paragraphs(REPORT)
TITLE = next(p for p in PARAGRAPHS if "报告" in p and len(p) < 40)


def _html(body: str, title: str = TITLE) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body><div>{paragraphs}</div></body></html>"


LISTING = _html("相关附件：") .replace(
    "</div>", f'<p>相关附件：<a href="/files/download?id=7">{TITLE}.pdf</a> <a href="/files/table.xls">附表.xls</a></p></div>')

ROUTES = {
    "/report.html": page(_html(REPORT), charset="gb18030", declared="gb2312"),
    "/hop1": redirect("/hop2"),
    "/hop2": redirect("{base}/hop3", 301),
    "/hop3": redirect("/report.html", 307),
    "/loop": redirect("/loop"),
    "/big": (200, {"Content-Type": "text/plain"}, "报告".encode() * 40_000),
    "/drip": (200, {"Content-Type": "text/plain"}, ["报告".encode()] * 6),
    "/notice.html": page(LISTING),
    "/files/download?id=7": (200, {"Content-Type": "application/octet-stream"},
                             makers.make_pdf(PARAGRAPHS, title=TITLE, running_header=TITLE)),
}


@pytest.fixture(scope="module")
def site():
    with Site(ROUTES) as s:
        yield s


def _cli(*args):
    from summarizer.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_a_page_is_fetched_and_its_encoding_detected(site):
    got = fetch(f"{site.url}/report.html", FetchPolicy())
    assert got.url.endswith("/report.html") and "报告".encode("gb18030") in got.data


def test_redirect_chain_is_followed_within_the_limit(site):
    assert fetch(f"{site.url}/hop1", FetchPolicy()).url == f"{site.url}/report.html"
    with pytest.raises(InputError, match="more than 2 redirects"):
        fetch(f"{site.url}/hop1", FetchPolicy(max_redirects=2))
    with pytest.raises(InputError, match="redirects"):
        fetch(f"{site.url}/loop", FetchPolicy())


def test_404_is_an_input_error_naming_the_address(site):
    with pytest.raises(InputError) as err:
        fetch(f"{site.url}/missing", FetchPolicy())
    assert "HTTP 404" in err.value.message and err.value.source.endswith("/missing")


def test_an_oversized_body_is_cut_off(site):
    with pytest.raises(InputError, match="larger than the limit"):
        fetch(f"{site.url}/big", FetchPolicy(max_bytes=10_000))


def test_a_dripping_answer_hits_the_timeout(site):
    with pytest.raises(InputError, match="no complete answer within 0.5 s"):
        fetch(f"{site.url}/drip", FetchPolicy(timeout_s=0.5))  # each read is quick, the whole is not


def test_attachment_links_prefer_the_report():
    html = LISTING.encode()
    links = attachment_links(html, "http://example.gov.cn/art/notice.html")
    assert links == ["http://example.gov.cn/files/download?id=7"]  # .xls is no report document


def test_attachments_followed_only_when_asked(site):
    policy = FetchPolicy()
    assert fetch_report(f"{site.url}/notice.html", policy).url.endswith("/notice.html")
    got = fetch_report(f"{site.url}/notice.html", policy, follow_attachments=True)
    assert got.url.endswith("/files/download?id=7") and got.via == (f"{site.url}/notice.html",)
    assert got.data.startswith(b"%PDF")


def test_cli_summarizes_a_url(site):
    result = _cli("summarize", f"{site.url}/hop1", "--backend", "rules", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["provenance"]["input_kind"] == "html"
    assert summary["metadata"]["title"] == TITLE


def test_cli_follows_an_attachment(site):
    result = _cli("summarize", f"{site.url}/notice.html", "--backend", "rules", "--json", "--follow-attachments")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["provenance"]["input_kind"] == "pdf"
    assert summary["achievements"] and all(item["page"] >= 1 for item in summary["achievements"])


def test_cli_url_errors_are_readable(site):
    result = _cli("summarize", f"{site.url}/missing", "--backend", "rules")
    assert result.exit_code == 1
    assert "HTTP 404" in result.output and "/missing" in result.output


def test_batch_takes_a_file_of_urls(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# reports\n{site.url}/report.html\n\n{site.url}/notice.html\n{site.url}/missing\n",
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _cli("batch", "--urls", urls, "--out", out, "--backend", "rules", "--follow-attachments")
    assert result.exit_code == 1, result.output  # the 404 failed, the others did not
    lines = {json.loads(line)["name"]: json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()}
    assert lines[f"{site.url}/report.html"]["status"] == "done"
    assert lines[f"{site.url}/files/download?id=7"]["summary"]["provenance"]["input_kind"] == "pdf"
    assert lines[f"{site.url}/missing"]["status"] == "failed"
    assert "HTTP 404" in lines[f"{site.url}/missing"]["error"]["message"]
