"""One place decides an input's kind, by its bytes; one list names report files."""

from __future__ import annotations

import io
import zipfile

import makers
import pytest

from summarizer.batch import sources
from summarizer.errors import InputError
from summarizer.evals import dataset
from summarizer.inputs import REPORT_SUFFIXES, detect_kind, is_url
from summarizer.inputs.detect import suffix_of


def test_kinds_by_content():
    assert detect_kind(makers.make_pdf(["一是测试。"])) == "pdf"
    assert detect_kind(b"\r\n" + makers.make_pdf(["一是测试。"])) == "pdf"  # junk before the header
    assert detect_kind(makers.make_docx(["一是测试。"])) == "docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)
    assert detect_kind(ole) == "doc" and detect_kind(ole, ".wps") == "wps"
    assert detect_kind("<!DOCTYPE html><html><body><p>报告</p></body></html>".encode()) == "html"
    assert detect_kind("报告全文".encode("gb18030"), ".html") == "html"
    assert detect_kind("报告全文".encode("gb18030"), ".pdf") == "text"  # the name alone decides nothing


def test_a_zip_that_is_not_word_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("report.txt", "报告")
    with pytest.raises(InputError, match="not a Word"):
        detect_kind(out.getvalue(), ".zip", "bundle.zip")


def test_one_list_of_report_suffixes():
    assert sources.REPORT_SUFFIXES is REPORT_SUFFIXES
    assert set(dataset.REPORT_SUFFIXES) <= REPORT_SUFFIXES
    assert {".txt", ".html", ".pdf", ".docx", ".doc", ".wps"} <= REPORT_SUFFIXES


def test_urls_and_suffixes():
    assert is_url("https://www.example.gov.cn/a.pdf") and is_url("HTTP://x.cn/")
    assert not is_url("report.pdf") and not is_url("ftp://x.cn/a.pdf")
    assert suffix_of("https://x.cn/files/报告.PDF?id=3#p2") == ".pdf"
