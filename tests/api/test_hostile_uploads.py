"""Hostile documents (``tests/hostile/files.py``) uploaded to the API: a summary or a 4xx, never a 5xx."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import API_KEY, LiveServer, assert_error_shape, make_settings


def _files_module():
    path = Path(__file__).resolve().parents[1] / "hostile" / "files.py"
    spec = importlib.util.spec_from_file_location("hostile_files", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pytestmark = pytest.mark.slow  # a live server and fifteen uploads: about 20 s
files = _files_module()
REFUSED = {"docx_no_body": "has no body", "docx_zip_bomb": "inflates to", "pdf_shared_pages": "20,000 pages"}
SIZES = {"docx_zip_bomb": 200_000_000, "pdf_many_rects": 10_000, "pdf_shared_pages": 20_000,
         "docx_many_styles": 2_000, "pdf_blank_pages": 100, "pdf_image_pages": 1}


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator[httpx.Client]:
    with LiveServer(make_settings(tmp_path_factory.mktemp("hostile-api"))) as server, httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=120
    ) as http:
        yield http


@pytest.mark.parametrize("case", sorted(files.CASES))
def test_a_hostile_upload_gets_a_summary_or_a_4xx(client, case):
    make, suffix, _ = files.CASES[case]
    data = make(SIZES.get(case, 60))
    response = client.post("/v1/summaries", files={"file": (f"{case}{suffix}", data, "application/octet-stream")})
    if case in REFUSED:
        error = assert_error_shape(response, 422, "input_error")
        assert REFUSED[case] in error["message"] and error["hint"]
    else:
        assert response.status_code in (200, 422), response.text
