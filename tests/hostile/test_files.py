"""Hostile documents (``files.py``): each gives a summary or a clear ``InputError``, in bounded
time and memory, through the library and through the CLI under a 3 GiB address-space cap."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from summarizer.errors import InputError
from summarizer.inputs import ReadLimits, detect_kind, legacy_word, ocr, read_document
from summarizer.inputs.docx import extract_docx
from summarizer.inputs.limits import Deadline
from summarizer.inputs.numbering import _format
from summarizer.inputs.pdf import pages_phrase
from summarizer.inputs.subprocesses import run_bounded
from summarizer.preprocess import clean

from . import files
from .cli_run import summarize_file

# What each case gives through the library at a small size: a note in the provenance, or the error.
EXPECTED = {
    "docx_numbering_bomb": ("note", "list start"),
    "docx_long_start": ("note", "list start"),
    "docx_bad_start": ("note", "list start"),
    "docx_bad_ilvl": ("note", "list level outside 0-8"),
    "docx_long_level_text": ("note", "longer than 64 characters"),
    "docx_no_body": ("error", "has no body"),
    "docx_bad_grid_span": ("text", "复议案件合计"),
    "docx_orphan_merge": ("text", "70件\t81件"),
    "docx_many_styles": ("text", "一是深入学习贯彻"),
    "docx_zip_bomb": ("error", "inflates"),
    "pdf_many_rects": ("text", "一是深入学习贯彻"),
    "pdf_blank_pages": ("note", "blank, skipped"),
    "pdf_image_pages": ("note", "without a text layer"),
    "pdf_shared_pages": ("error", "pages (at most"),
    "text_with_pdf_magic": ("note", ""),  # read as text: a document reader gives no notes
}
# Sizes that show each bug at the branch point (an OOM, a quadratic, a refusal) yet run in seconds now.
SIZES = {"docx_zip_bomb": 40_000_000, "pdf_many_rects": 20_000, "pdf_shared_pages": 20_000,
         "docx_many_styles": 3_000, "pdf_blank_pages": 200, "pdf_image_pages": 3}


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)


@pytest.mark.parametrize("case", sorted(files.CASES))
def test_each_case_gives_a_summary_text_or_a_clear_error(case, no_ocr):
    make, suffix, _ = files.CASES[case]
    data = make(SIZES.get(case, 60))
    how, expected = EXPECTED[case]
    if how == "error":
        with pytest.raises(InputError, match=expected.replace("(", r"\(")) as caught:
            clean(data, name=f"{case}{suffix}")
        assert caught.value.source == f"{case}{suffix}" and caught.value.hint
        return
    doc = clean(data, name=f"{case}{suffix}")  # the whole cleaning goes through
    if how == "note":
        assert any(expected in note for note in doc.hints.input_notes) or not expected, doc.hints.input_notes
    else:  # the reader's text (cleaning may take a table row at the top for page furniture)
        assert expected in read_document(data, suffix.lstrip("."), case).text


def test_a_list_start_past_range_restarts_at_one_with_roman_labels():
    doc = clean(files.docx_numbering_bomb(10), name="bomb.docx")
    assert "I、加强法治政府建设" in doc.paragraph_texts() and "II、加强法治政府建设" in doc.paragraph_texts()


def test_roman_numerals_stop_at_3999():
    assert _format(3999, "upperRoman") == "MMMCMXCIX" and _format(4000, "upperRoman") == "4000"
    assert _format(10**12, "lowerRoman") == str(10**12) and _format(0, "upperRoman") == "0"


def test_a_zip_member_is_checked_by_ratio_as_well_as_size():
    data = files.docx_zip_bomb(8_000_000)  # under the size limit, inflating far more than any document
    with pytest.raises(InputError, match="times"):
        clean(data, name="bomb.docx")
    with pytest.raises(InputError, match="inflates to"):
        extract_docx(data, "bomb.docx", limits=ReadLimits(zip_member_bytes=1_000_000))


def test_every_zip_bound_is_checked_before_inflating():
    data = files.ordinary_docx(20)
    with pytest.raises(InputError, match="holds 6 parts"):
        extract_docx(data, "a.docx", limits=ReadLimits(zip_members=5))
    with pytest.raises(InputError, match="in all"):
        extract_docx(data, "a.docx", limits=ReadLimits(zip_total_bytes=2_000))
    assert "加强法治政府建设" in extract_docx(data, "a.docx").text


def test_a_damaged_member_is_an_input_error():
    data = bytearray(files.ordinary_docx(20))
    at = data.index(b"word/document.xml") + len(b"word/document.xml") + 40  # inside its deflated data
    data[at : at + 20] = bytes(20)
    with pytest.raises(InputError, match="cannot be read"):
        extract_docx(bytes(data), "a.docx")


def test_page_numbers_in_messages_are_few():
    assert pages_phrase([2], 10) == "page 3"
    assert pages_phrase([2, 6], 10) == "pages 3 and 7"
    assert pages_phrase(list(range(2, 5001)), 5000) == "pages 3, 4, 5 and 4,996 more"
    assert pages_phrase(list(range(5)), 5) == "any page"


def test_a_pdf_of_only_blank_and_image_pages_is_refused_without_ocr(no_ocr):
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for _ in range(3):
        c.circle(100, 100, 50, fill=1)
        c.showPage()
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="no text layer on pages 1, 2 and 3") as caught:
        clean(out.getvalue(), name="scan.pdf")
    assert "tesseract" in caught.value.hint


def test_pdf_magic_counts_only_at_the_start():
    assert detect_kind(files.text_with_pdf_magic(3)) == "text"
    assert clean(files.text_with_pdf_magic(3), name="report.txt").hints.source_format == "text"
    assert detect_kind(b"\xef\xbb\xbf \n" + files.ordinary_pdf(1)) == "pdf"
    assert detect_kind(b"report " + files.ordinary_pdf(1)) == "text"


def test_the_text_cap_refuses_a_document_with_more_text_than_any_report():
    with pytest.raises(InputError, match="characters of text"):
        read_document(files.ordinary_pdf(3), "pdf", "big.pdf", limits=ReadLimits(text_chars=1_000))
    with pytest.raises(InputError, match="characters of text"):
        read_document(files.ordinary_docx(300), "docx", "big.docx", limits=ReadLimits(text_chars=1_000))


def test_the_one_pass_reading_gives_the_runs_pdfium_gives(tmp_path):
    """On an ordinary page the linear path (taken past 500 runs) reads each run's text as
    asking PDFium for it does."""
    import pypdfium2 as pdfium

    from summarizer.inputs.pdf import _runs_in_one_pass

    pdf = pdfium.PdfDocument(files.ordinary_pdf(2))
    for index in range(len(pdf)):
        textpage = pdf[index].get_textpage()
        boxes = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        asked = [textpage.get_text_bounded(*box).strip() for box in boxes]
        linear = [run.text.strip() for run in _runs_in_one_pass(textpage, textpage.count_chars())]
        assert linear == asked and len(asked) == 31


def _cpu_seconds(fn, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize(("case", "small"), [("docx_many_styles", 500), ("pdf_many_rects", 2_500)])
def test_reading_grows_linearly(case, small):
    """8× the styles or text objects may take at most 12× the CPU time (quadratic would be 64×)."""
    make, suffix, _ = files.CASES[case]
    kind = suffix.lstrip(".")
    small_data, large_data = make(small), make(small * 8)
    t_small = _cpu_seconds(lambda: read_document(small_data, kind, case))
    t_large = _cpu_seconds(lambda: read_document(large_data, kind, case))
    assert t_large / max(t_small, 1e-3) <= 12, (case, t_small, t_large)


# --- subprocesses: bounded by the deadline, killed with everything they started -------------------

def _sleeper(tmp_path: Path) -> Path:
    """A program that starts a grandchild, writes its pid, and both sleep far past any deadline."""
    script = tmp_path / "slow-tool"
    script.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {tmp_path / 'grandchild.pid'}\nsleep 60\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie (killed, not yet reaped by init) counts as gone.
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"


def test_a_subprocess_past_its_deadline_is_killed_with_its_children(tmp_path):
    started = time.monotonic()
    with pytest.raises(InputError, match="did not finish within the 1 s"):
        run_bounded([str(_sleeper(tmp_path))], Deadline(1), "the tool", "report.doc", hint="retry")
    assert time.monotonic() - started < 10
    grandchild = int((tmp_path / "grandchild.pid").read_text())
    for _ in range(50):
        if _gone(grandchild):
            break
        time.sleep(0.1)
    assert _gone(grandchild)


def test_libreoffice_gets_the_time_limit_of_the_read(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy_word, "soffice", lambda: str(_sleeper(tmp_path)))
    with pytest.raises(InputError, match="LibreOffice converting the .doc document did not finish"):
        clean(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), name="old.doc", read_time_limit_s=1)


def test_no_time_left_runs_nothing(tmp_path):
    with pytest.raises(InputError, match="did not finish"):
        run_bounded([str(_sleeper(tmp_path))], Deadline(0), "the tool", "report.doc", hint="retry")
    assert not (tmp_path / "grandchild.pid").exists()


# --- the CLI, under a 3 GiB address-space cap -----------------------------------------------------

CLI_SIZES = {**SIZES, "docx_zip_bomb": 200_000_000, "docx_numbering_bomb": 200}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(files.CASES))
def test_the_cli_gives_a_summary_or_a_one_line_error(case, tmp_path):
    make, suffix, _ = files.CASES[case]
    path = tmp_path / f"{case}{suffix}"
    path.write_bytes(make(CLI_SIZES.get(case, 60)))
    got = summarize_file(path, timeout=60)
    assert got.code in (0, 1), (got.code, got.stderr[-2000:])
    assert not got.traceback, got.stderr[-2000:]
    if got.code == 1:  # one error line naming the file, and at most its hint
        lines = [line for line in got.stderr.splitlines() if line.strip()]
        assert [line.startswith("error:") for line in lines] in ([True], [True, False]), got.stderr
        assert path.name in got.message and (len(lines) == 1 or lines[1].startswith("  hint:"))
    else:
        assert got.stdout.strip()


if sys.platform != "linux":  # RLIMIT_AS and /proc are what these tests measure with
    pytestmark = pytest.mark.skip(reason="Linux only")


def test_libreoffice_counts_against_the_documents_cpu_budget(tmp_path, monkeypatch):
    """The run path gives a conversion the document's CPU budget as its time limit (its own CPU is
    not the worker's, so the budget's timer cannot see it): past it, it is killed and the document fails."""
    from summarizer.run.cpu import CpuTask, do_cpu_work
    from summarizer.run.options import RunOptions
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    monkeypatch.setattr(legacy_word, "soffice", lambda: str(_sleeper(tmp_path)))
    task = CpuTask(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old.doc", "rules", RunOptions(cpu_budget_s=1))
    started = time.monotonic()
    with pytest.raises(InputError, match="did not finish within the 1 s"):
        do_cpu_work(SummaryService(Settings()), task)
    assert time.monotonic() - started < 10
