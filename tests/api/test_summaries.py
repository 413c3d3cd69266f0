"""POST /v1/summaries over real HTTP: JSON text, uploads in other encodings and HTML, and bad requests."""

from __future__ import annotations

import base64

import pytest

from summarizer.schema import PART_NAMES, ReportSummary

from .conftest import assert_error_shape, seed_texts

SEEDS = seed_texts()
FIRST_ID, FIRST_TEXT = next(iter(SEEDS.items()))


def _grounded(body: dict) -> ReportSummary:
    """The summary validates and every item's evidence is the clean text at its span."""
    text = body["clean_text"]
    summary = ReportSummary.model_validate(body["summary"], context={"clean_text": text})
    assert any(summary.items(p) for p in PART_NAMES)
    return summary


def test_json_text_gives_a_grounded_summary(client):
    response = client.post("/v1/summaries", json={"text": FIRST_TEXT, "name": f"{FIRST_ID}.txt",
                                                  "include_text": True, "include_repairs": True})
    assert response.status_code == 200, response.text
    body = response.json()
    summary = _grounded(body)
    assert summary.doc_id == FIRST_ID
    assert summary.provenance.backend == "rules"
    assert isinstance(body["repairs"], list)


def test_clean_text_and_repairs_only_when_asked(client):
    body = client.post("/v1/summaries", json={"text": FIRST_TEXT}).json()
    assert set(body) == {"summary"}


def test_uploaded_gbk_file_gives_the_same_summary_as_text(client):
    as_text = client.post("/v1/summaries", json={"text": FIRST_TEXT, "include_text": True}).json()
    response = client.post(
        "/v1/summaries",
        files={"file": (f"{FIRST_ID}.txt", FIRST_TEXT.encode("gb18030"), "text/plain")},
        data={"include_text": "true"},
    )
    assert response.status_code == 200, response.text
    uploaded = response.json()
    _grounded(uploaded)
    assert uploaded["clean_text"] == as_text["clean_text"]
    assert uploaded["summary"]["doc_id"] == FIRST_ID
    for part in PART_NAMES:
        assert [i["evidence"] for i in uploaded["summary"][part]] == [i["evidence"] for i in as_text["summary"][part]]


def test_uploaded_html_page_is_cleaned(client):
    paragraphs = "".join(f"<p>{line}</p>" for line in FIRST_TEXT.splitlines() if line.strip())
    page = (f"<html><head><meta charset='utf-8'><title>report</title></head>"
            f"<body><div class='nav'>首页 &gt; 政务公开</div><article>{paragraphs}</article></body></html>")
    response = client.post("/v1/summaries", files={"file": ("report.html", page.encode("utf-8"), "text/html")},
                           data={"include_text": "true"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "<p>" not in body["clean_text"]
    _grounded(body)


def test_base64_content_in_json(client):
    raw = FIRST_TEXT.encode("gb18030")
    response = client.post("/v1/summaries", json={"content_base64": base64.b64encode(raw).decode(),
                                                  "include_text": True})
    assert response.status_code == 200, response.text
    _grounded(response.json())


@pytest.mark.parametrize("body, field", [
    ({}, "body"),
    ({"text": ""}, "body.text"),
    ({"text": 42}, "body.text"),
    ({"text": "x", "content_base64": "eA=="}, "body"),
    ({"content_base64": "not base64!"}, "body.content_base64"),
    ({"text": FIRST_TEXT, "backend": "gpt"}, "body.backend"),
    ({"text": FIRST_TEXT, "include_text": "maybe"}, "body.include_text"),
    ({"text": FIRST_TEXT, "colour": "red"}, "body.colour"),
])
def test_invalid_json_fields_name_the_field(client, body, field):
    error = assert_error_shape(client.post("/v1/summaries", json=body), 422, "invalid_request")
    assert error["field"] == field, error
    assert error["details"]


@pytest.mark.parametrize("content", [b"{not json", b"", b"[1, 2]", b'"text"', b"\xff\xfe\x00"])
def test_malformed_json_bodies(client, content):
    response = client.post("/v1/summaries", content=content, headers={"Content-Type": "application/json"})
    assert_error_shape(response, 422, "invalid_request")


def test_unsupported_content_type(client):
    response = client.post("/v1/summaries", content=FIRST_TEXT.encode(), headers={"Content-Type": "text/plain"})
    error = assert_error_shape(response, 415, "unsupported_media_type", field="Content-Type")
    assert "multipart/form-data" in error["hint"]


def test_multipart_without_file(client):
    response = client.post("/v1/summaries", files={"other": ("a.txt", b"x")})
    assert_error_shape(response, 422, "invalid_request", field="body.file")


def test_empty_upload(client):
    response = client.post("/v1/summaries", files={"file": ("a.txt", b"  \n")})
    assert_error_shape(response, 422, "invalid_request", field="body.file")


def test_llm_backend_without_endpoint_is_a_clear_400(client):
    response = client.post("/v1/summaries", json={"text": FIRST_TEXT, "backend": "llm"})
    error = assert_error_shape(response, 400, "config_error", field="backend")
    assert "SUMMARIZER_LLM_MODEL" in error["hint"]


def test_body_over_the_limit_is_refused(tmp_path):
    import httpx

    from .conftest import API_KEY, LiveServer, make_settings

    with LiveServer(make_settings(tmp_path, max_request_bytes=2000)) as server:
        headers = {"Authorization": f"Bearer {API_KEY}"}
        big = {"text": "法治" * 2000}
        response = httpx.post(f"{server.url}/v1/summaries", json=big, headers=headers)
        error = assert_error_shape(response, 413, "request_too_large")
        assert "2000 bytes" in error["message"]

        def chunks():  # no Content-Length: the limit is enforced while reading
            for _ in range(10):
                yield b'{"text": "' + b"x" * 500

        response = httpx.post(f"{server.url}/v1/summaries", content=chunks(),
                              headers={**headers, "Content-Type": "application/json"})
        assert_error_shape(response, 413, "request_too_large")
        # a small request still works on the same server
        ok = httpx.post(f"{server.url}/v1/summaries", headers=headers,
                        json={"text": "某县2022年法治政府建设年度报告\n一、主要举措和成效\n召开会议12次。"})
        assert ok.status_code in (200, 422), ok.text


def test_unknown_path_and_method_use_the_error_shape(client):
    assert_error_shape(client.get("/v1/nothing-here"), 404, "not_found")
    assert_error_shape(client.get("/v1/summaries"), 405, "method_not_allowed")


def test_schema_and_readiness(client):
    assert client.get("/v1/schema").json()["title"] == "ReportSummary"
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"ready": True, "default_backend": "rules", "jobs_db": True, "jobs_db_detail": None,
                            "llm": {"configured": False, "reachable": None,
                                    "detail": "no LLM endpoint configured; the rules backend is used"}}
