"""Word inputs: .docx read with its tables, headers and footers dropped; .doc/.wps through LibreOffice."""

from __future__ import annotations

import io
import subprocess
import zipfile

import makers
import pytest

from summarizer.errors import InputError
from summarizer.inputs import legacy_word
from summarizer.inputs.numbering import chinese_numeral
from summarizer.preprocess import clean

TITLE = "某某县2023年法治政府建设年度报告"
PARAGRAPHS = [
    TITLE,
    "2023年，我县深入学习贯彻习近平法治思想，全面推进法治政府建设，现将有关情况报告如下。",
    "一、主要举措和成效",
    "一是严格规范公正文明执法，全年办理行政处罚案件1203件，比上年下降12%。",
    "二是加强行政复议工作，全年受理行政复议申请81件。",
    "二、存在的不足",
    "一是基层法治人才缺乏，法学专业人员仅有6人。",
    "三、下一步工作安排",
    "一是持续深化行政执法体制改革，推进严格规范公正文明执法。",
]
TABLE = [["项目", "2022年", "2023年"], ["行政复议案件", "70件", "81件"], ["行政诉讼案件", "40件", "32件"]]


def _docx() -> bytes:
    return makers.make_docx(PARAGRAPHS, table=TABLE, table_after=4, header="某某县人民政府", footer="— 1 —")


def test_docx_paragraphs_in_order_tables_as_rows_no_header_or_footer():
    doc = clean(_docx(), name="report.docx")
    assert doc.hints.source_format == "docx"
    assert doc.hints.page_starts == []
    lines = doc.paragraph_texts()
    assert lines[0] == TITLE == doc.hints.title
    assert lines.index("二是加强行政复议工作，全年受理行政复议申请81件。") + 1 == lines.index("项目 2022年 2023年")
    assert "行政复议案件 70件 81件" in lines and "行政诉讼案件 40件 32件" in lines
    assert "某某县人民政府" not in doc.text and "— 1 —" not in doc.text


def test_word_list_numbering_is_written_out():
    paragraphs = [*PARAGRAPHS, "（一）加强组织领导", "（二）强化队伍建设", "四、其他事项", "（一）另起一组"]
    doc = clean(makers.make_docx(paragraphs, numbered=True), name="numbered.docx")
    lines = doc.paragraph_texts()
    for expected in ("一、主要举措和成效", "二、存在的不足", "三、下一步工作安排", "（一）加强组织领导",
                     "（二）强化队伍建设", "四、其他事项", "（一）另起一组"):
        assert expected in lines, (expected, lines)


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]


def test_docx_detected_by_content_not_name():
    assert clean(_docx(), name="report.txt").hints.source_format == "docx"


def test_a_broken_docx_is_refused():
    data = _docx()
    with pytest.raises(InputError):
        clean(data[:2000], name="cut.docx")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:  # a complete archive whose body XML is cut
        for member in source.namelist():
            body = source.read(member)
            target.writestr(member, body[: len(body) // 2] if member == "word/document.xml" else body)
    with pytest.raises(InputError, match="cannot be read"):
        clean(out.getvalue(), name="bad.docx")


@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_legacy_word_without_libreoffice_names_it(monkeypatch, kind):
    monkeypatch.setattr(legacy_word, "soffice", lambda: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(InputError) as err:
        clean(ole, name=f"report.{kind}")
    assert f".{kind}" in err.value.message and "LibreOffice" in err.value.message
    assert "libreoffice-writer-nogui" in err.value.hint


@pytest.mark.slow  # LibreOffice in a subprocess: seconds of CPU
@pytest.mark.skipif(legacy_word.soffice() is None,
                    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui); "
                    ".doc/.wps conversion is untested here")
def test_a_doc_file_is_converted_by_libreoffice(tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(_docx())
    subprocess.run([legacy_word.soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(source)],
                   check=True, capture_output=True, timeout=180)
    doc = clean(tmp_path / "doc" / "report.doc")
    assert doc.hints.source_format == "doc"
    assert any("LibreOffice" in note for note in doc.hints.input_notes)
    assert doc.paragraph_texts()[0] == TITLE
    assert "行政复议案件 70件 81件" in doc.text
    assert "某某县人民政府" not in doc.text
