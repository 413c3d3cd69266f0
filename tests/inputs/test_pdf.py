"""PDF inputs: page furniture gone, page edges joined, pages recorded, scans and broken files refused."""

from __future__ import annotations

import io
import re

import makers
import pytest
from reportlab.pdfgen import canvas

from summarizer.errors import InputError
from summarizer.inputs import ocr
from summarizer.inputs.pages import PageLine, is_page_number, is_print_stamp, join_pages
from summarizer.inputs.pdf import extract_pdf
from summarizer.preprocess import clean
from summarizer.render import to_markdown
from summarizer.service import SummaryService
from summarizer.settings import Settings

TITLE = "某某区2023年法治政府建设年度报告"
SENTENCE = "全区共办理行政复议案件{n}件，同比增长{n}%，纠错率保持在合理区间，行政机关负责人出庭应诉率达到百分之百。"


def _report(paragraphs_per_section: int = 6) -> list[str]:
    """A report long enough for several pages, every sentence numbered so each can be found."""
    out = [TITLE, "2023年，我区深入学习贯彻习近平法治思想，全面推进法治政府建设，现将有关情况报告如下。"]
    n = 0
    for heading in ("一、2023年推进法治政府建设的主要举措和成效", "二、存在的不足和原因",
                    "三、2024年推进法治政府建设的工作安排"):
        out.append(heading)
        for _ in range(paragraphs_per_section):
            n += 1
            out.append(f"{'一二三四五六七八九'[n % 9]}是" + SENTENCE.format(n=n) * 3)
    return out


@pytest.mark.parametrize("page_number", ["— {n} —", "- {n} -", "第{n}页 共{total}页", "{n}/{total}"])
def test_running_header_footer_and_page_numbers_are_removed(page_number):
    pdf = makers.make_pdf(_report(), title=TITLE, running_header="某某区人民政府文件", page_number=page_number)
    doc = clean(pdf, name="report.pdf")
    assert doc.hints.source_format == "pdf"
    assert len(doc.hints.page_starts) >= 3
    assert "某某区人民政府文件" not in doc.text
    for line in doc.text.splitlines():
        assert not is_page_number(line), line
    # Every sentence survives whole: the ones cut by a page edge were joined again.
    for n in range(1, 19):
        assert SENTENCE.format(n=n) in doc.text, n
    assert doc.paragraph_texts()[0] == TITLE == doc.hints.title


def test_browser_print_stamps_are_removed():
    pdf = makers.make_pdf(_report(), title=TITLE, print_stamp=True)
    doc = clean(pdf, name="printed.pdf")
    assert makers.PRINT_TIME not in doc.text
    assert "file:///" not in doc.text
    assert not re.search(r"\b\d+/\d+\b", doc.text)
    assert any("browser print stamps" in note for note in doc.hints.input_notes)


def test_items_know_their_page():
    pdf = makers.make_pdf(_report(), title=TITLE)
    summary = SummaryService(Settings(backend="rules")).summarize_sync(pdf, name="report.pdf").summary
    assert summary.provenance.input_kind == "pdf"
    pages = summary.provenance.pages
    assert pages is not None and pages >= 3
    items = summary.achievements + summary.problems + summary.plans
    assert items and all(1 <= item.page <= pages for item in items)
    assert summary.plans[-1].page == pages  # the plans close the report
    assert summary.achievements[0].page == 1
    markdown = to_markdown(summary)
    assert f"input=pdf, {pages} pages" in markdown and f"· p. {pages}" in markdown
    # Each item's page is where its evidence starts in the PDF itself.
    page_texts = [_squeezed(t) for t in _page_texts(pdf)]
    whole = "".join(page_texts)
    ends = [sum(len(t) for t in page_texts[: i + 1]) for i in range(len(page_texts))]
    for item in items:
        at = whole.index(_squeezed(item.evidence)[:20])  # up to the sentence number
        assert item.page == next(i for i, end in enumerate(ends, start=1) if at < end), item.evidence


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _page_texts(pdf: bytes) -> list[str]:
    """Each page's body text as PDFium reads it (furniture has nothing the evidence could match)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_a_heading_cut_by_the_page_edge_is_rejoined():
    lines = [PageLine("  第一段正文，内容完整。", 700), PageLine("  一、2023年推进法治政府建设的", 100)]
    nxt = [PageLine("主要举措和成效", 700), PageLine("  一是加强领导，成效明显。", 680)]
    pages = [lines * 3, nxt * 2]  # indented paragraphs, so a line at the margin continues
    text = join_pages(pages, "pdf").text
    assert "一、2023年推进法治政府建设的主要举措和成效\n" in text


def test_a_heading_over_a_table_stays_a_line():
    lines = [PageLine("  第一段正文，内容完整。", 700 - i) for i in range(3)]
    lines += [PageLine("  一、主要数据", 600), PageLine("项目\t2022年\t2023年", 580)]
    assert "一、主要数据\n项目\t2022年" in join_pages([lines], "pdf").text


def test_a_complete_heading_at_a_page_foot_stays_a_line():
    first = [PageLine("  第一段正文，内容完整。", 700)] * 3 + [PageLine("  二、存在的不足", 100)]
    second = [PageLine("  一是人员不足。", 700)] * 3
    assert "二、存在的不足\n  一是人员不足。" in join_pages([first, second], "pdf").text


def test_page_furniture_only_at_the_edges():
    def body(page: int) -> list[PageLine]:
        return [PageLine(f"  报告期内，全区对第{page}页所列的5/9项重点任务已经逐项完成了{i}次评估。", 600 - i)
                for i in range(5)]

    pages = [[PageLine("— 1 —", 30), *body(1)], [PageLine("— 2 —", 30), *body(2)]]
    out = join_pages(pages, "pdf")
    assert "— " not in out.text and out.text.count("5/9项重点任务") == 10


def test_print_stamp_forms():
    assert is_print_stamp("11/30/26, 6:18 AM 某区2023年法治政府建设年度报告")
    assert is_print_stamp("2026/11/30 上午6:18 年度报告")
    assert is_print_stamp("https://www.example.gov.cn/art/2024/1/2/art_1.html 3/9")
    assert is_print_stamp("file:///C:/Users/a/report.html")
    assert not is_print_stamp("2023年，我区深入学习贯彻习近平法治思想。")
    for form in ("— 5 —", "- 5 -", "第5页 共9页", "共9页 第5页", "5/9", "5", "Page 5 of 9"):
        assert is_page_number(form), form
    assert not is_page_number("5月9日")


def test_a_table_page_reads_as_rows():
    table = [["项目", "2022年", "2023年"], ["行政复议案件", "81件", "95件"], ["行政诉讼案件", "40件", "32件"]]
    pdf = makers.make_pdf(_report(2), title=TITLE, table=table)
    doc = clean(pdf, name="table.pdf")
    assert "行政复议案件 81件 95件" in doc.text
    assert "行政诉讼案件 40件 32件" in doc.text


def test_two_columns_stay_apart():
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont(makers.FONT, 12)
    left = ["一是左栏第一行文字，", "继续左栏的内容。"]
    right = ["二是右栏第一行文字，", "继续右栏的内容。"]
    for i, line in enumerate(left):  # drawn column after column, as layout programs do
        c.drawString(72, 700 - 20 * i, line)
    for i, line in enumerate(right):
        c.drawString(320, 700 - 20 * i, line)
    c.save()
    text = extract_pdf(out.getvalue(), "columns.pdf").text
    assert text.index("继续左栏") < text.index("二是右栏")
    assert "一是左栏第一行文字，\n继续左栏的内容。" in text


def _scan() -> bytes:
    return makers.make_scanned_pdf(makers.make_pdf(_report(1), title=TITLE, page_number=None))


def test_a_scan_without_ocr_is_refused_naming_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(InputError) as err:
        clean(_scan(), name="scan.pdf")
    assert "no text layer" in err.value.message and "scan" in err.value.message
    assert "tesseract-ocr-chi-sim" in err.value.hint


@pytest.mark.slow  # tesseract in a subprocess: seconds of CPU
@pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim is not installed (apt-get install "
                    "tesseract-ocr tesseract-ocr-chi-sim); OCR of scans is untested here")
def test_a_scan_is_read_by_ocr_and_says_so():
    scan = _scan()
    if not makers.has_ink(scan):
        pytest.skip("no CJK font for PDFium to draw the test scan (apt-get install fonts-wqy-microhei)")
    doc = clean(scan, name="scan.pdf")
    assert any("OCR" in note for note in doc.hints.input_notes)
    assert "法治政府建设" in doc.text


def test_broken_and_locked_pdfs_are_refused():
    pdf = makers.make_pdf(_report(1), title=TITLE)
    with pytest.raises(InputError, match="cannot be read"):
        clean(pdf[: len(pdf) // 3] + b"garbage", name="cut.pdf")
    out = io.BytesIO()
    c = canvas.Canvas(out, encrypt="secret")
    c.setFont(makers.FONT, 12)
    c.drawString(72, 700, TITLE)
    c.save()
    with pytest.raises(InputError) as err:
        clean(out.getvalue(), name="locked.pdf")
    assert "password" in err.value.message
