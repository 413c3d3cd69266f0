"""Paragraph segmentation (``preprocess.paragraphs``) on a real report in the shapes it reaches users in.

The passage is a whole report of the genre (seed 002: a title, an opening paragraph, 一、 and
（一） headings with run-in 一是 units, a problems and a plans part), laid out as a plain-text
export indents it, as a PDF wraps it, as a web page flattened to one line loses its breaks.
Each shape must give back the report's own paragraphs, or, where the shape destroyed the
information, never run two of them together.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.evals.formats import make_pdf
from summarizer.preprocess import clean
from summarizer.preprocess.document import CleanDocument
from summarizer.preprocess.markers import opens_unit
from summarizer.preprocess.paragraphs import segment

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "evals" / "datasets" / "seeds" / "002_93df2457fec9964f.txt"
_BLANKS = re.compile(r"\s")


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """The report's paragraphs, from its text with one paragraph per line."""
    found = clean(REPORT).paragraph_texts()
    assert len(found) == 14 and found[2].startswith("一、") and found[3].startswith("（一）")
    return found


def _wrap(paragraph: str, width: int) -> list[str]:
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


def _starts(texts: list[str]) -> set[int]:
    """Where each paragraph starts in the text with every blank and break removed."""
    out, pos = set(), 0
    for text in texts:
        out.add(pos)
        pos += len(_BLANKS.sub("", text))
    return out


def _never_joined(got: list[str], want: list[str]) -> None:
    """``got`` keeps every paragraph break of ``want`` (it may break more, never fewer)."""
    assert _BLANKS.sub("", "".join(got)) == _BLANKS.sub("", "".join(want))
    assert _starts(want) <= _starts(got)


@pytest.mark.parametrize("indent", ["\u3000\u3000", "    ", "\t"])
def test_indented_lines_are_the_paragraphs(paragraphs, indent):
    # A Word or plain-text export indents each paragraph's first line (full-width blanks, spaces, a tab).
    text = "\n".join(indent + p for p in paragraphs)
    assert clean(text).paragraph_texts() == paragraphs
    assert CleanDocument(text=text).paragraph_texts() == paragraphs


def test_hard_wrapped_lines_with_indented_paragraph_starts_are_joined_back(paragraphs):
    # A PDF's text: lines of one width, each paragraph's first line indented two characters.
    text = "\n".join(line for p in paragraphs for line in _wrap("\u3000\u3000" + p, 32))
    assert clean(text).paragraph_texts() == paragraphs


def test_hard_wrapped_lines_with_blank_lines_between_paragraphs_are_joined_back(paragraphs):
    text = "\n\n".join("\n".join(_wrap(p, 30)) for p in paragraphs)
    assert clean(text).paragraph_texts() == paragraphs


def test_a_pdf_of_the_report_keeps_every_paragraph_break(paragraphs):
    # Drawn and read back as a PDF: wrapped by display columns, first lines indented. A line
    # that opens with a unit (三是…) after a page's break is kept apart: the only extra cut.
    got = clean(make_pdf(paragraphs), name="report.pdf").paragraph_texts()
    _never_joined(got, paragraphs)
    kept = _starts(paragraphs)
    extra = [p for p, start in zip(got, sorted(_starts(got)), strict=True) if start not in kept]
    assert all(opens_unit(p, 0, len(p)) for p in extra)
    assert len(extra) <= 2


def test_wrapped_lines_without_paragraph_marks_are_never_run_together(paragraphs):
    # No indent, no blank line: a full line ending with 。 may or may not end its paragraph, so
    # it is left a break; but no paragraph break of the report is lost, in the text cleaning
    # joined or in lines it left as they were (read by the segmentation's own wrap test).
    text = "\n".join(line for p in paragraphs for line in _wrap(p, 30))
    _never_joined(clean(text).paragraph_texts(), paragraphs)
    doc = CleanDocument(text=text)
    assert "\n" in doc.paragraph_texts()[3]  # (the lines are still in the text)
    _never_joined(doc.paragraph_texts(), paragraphs)


def test_a_report_that_lost_its_line_breaks_but_kept_its_indents_is_cut_at_them(paragraphs):
    # A web page flattened to one line keeps the blanks that indented each paragraph.
    got = clean("\u3000\u3000".join(paragraphs)).paragraph_texts()
    # The title and the opening run together: a title has no sentence end to cut after.
    assert got[0] == paragraphs[0] + " " + paragraphs[1]
    assert got[1:] == paragraphs[2:]


def test_a_report_in_one_line_is_cut_before_each_heading(paragraphs):
    # No line break and no blank left: a heading after a sentence end (…全过程。（二）…) starts a
    # paragraph; a heading whose text runs on into the paragraph after it ends after the word
    # that ends such headings (二、存在问题|2021年以来… 三、下一步工作计划|接下来，…); a title
    # before the opening has nothing to cut at.
    got = clean("".join(paragraphs)).paragraph_texts()
    p = paragraphs
    assert got == [p[0] + p[1], *p[2:]]


@pytest.mark.parametrize(("heading", "body"), [
    ("一、2015年工作回顾和“十二五”发展成就", "2015年是落实市第六次党代会部署的开局之年，是全面完成目标任务的收官之年。"),
    ("二、“十三五”发展的主要思路", "各位代表，“十三五”时期，是我国转型升级的关键时期。"),
    ("二、今年发展主要目标和下一阶段工作总体部署", "做好今年政府工作，要在以习近平同志为核心的党中央坚强领导下推进。"),
    ("三、2017年工作安排", "今年是贯彻落实自治区第十次党代会、市第四次党代会精神的第一年，也是关键之年。"),
    ("二、存在的问题和不足", "一是学法用法不够深入。二是执法监督不够有力。"),
    ("四、2024年工作打算", "我们将坚持以习近平法治思想为指导，加快建设法治政府。"),
])
def test_a_top_level_heading_run_into_its_first_sentence_is_cut_after_it(heading, body):
    # A text in one line (a web page's paragraphs run together) over the length of a report.
    before = "过去一年，我们坚持稳中求进工作总基调，推动经济社会持续健康发展。" * 60
    got = clean(before + heading + body).paragraph_texts()
    assert got[-2:] == [heading, body]


@pytest.mark.parametrize("headline", ["一、促进经济稳健发展。深化供给侧结构性改革，降低企业成本。",
                                      "一、总体情况"])
def test_a_run_in_headline_or_a_bare_heading_is_not_cut(headline):
    before = "过去一年，我们坚持稳中求进工作总基调，推动经济社会持续健康发展。" * 60
    assert clean(before + headline).paragraph_texts()[-1] == headline


@pytest.mark.parametrize(("closing", "opening"), [
    ("向全市人民表示衷心的感谢！", "过去一年政府工作中行之有效的做法，要在今后的实践中继续坚持。"),
    ("向各位代表致以崇高的敬意！", "在看到成绩的同时，我们也必须清醒认识到发展还面临不少困难和挑战。"),
    ("各项工作取得新成效。", "在肯定成就的同时，我们也要看到工作中的不足。"),
    ("社会大局保持稳定。", "我们清醒地认识到，城市快速发展中的短板和软肋不容忽视。"),
    ("民生福祉持续增进。", "各位代表，过去五年极不平凡。"),
    ("努力推动南山发展再上新台阶。", "今年全区经济社会发展主要目标是：本地生产总值增长8.5%左右。"),
    ("也是城市管理治理年。", "2016年经济和社会发展的主要预期目标为：地区生产总值增长8%。"),
    ("奋力开创新局面。", "根据这一总体思路，综合考虑各方面因素，今年我区经济社会发展主要预期目标：本区生产总值增长7%。"),
    ("推动高质量发展。", "综合考虑，今年全县主要目标为：地区生产总值增长6%左右。"),
])
def test_a_report_in_one_line_is_cut_where_a_government_work_report_opens_its_parts(closing, opening):
    # After the thanks that close the review, before 各位代表， the admission of problems and the
    # statement of the year's targets.
    before = "过去一年，我们坚持稳中求进工作总基调，推动经济社会持续健康发展。" * 60
    got = clean(before + closing + opening).paragraph_texts()
    assert got[-1] == opening and got[-2].endswith(closing)


def test_segmentation_is_offsets_into_the_text_trimmed():
    text = "\u3000\u3000一、总体情况\n\n  2022年，我局依法行政。 \n\t（一）加强领导。\n"
    spans = segment(text)
    assert [text[s:e] for s, e in spans] == ["一、总体情况", "2022年，我局依法行政。", "（一）加强领导。"]
    assert CleanDocument(text=text).paragraph_spans == spans
    assert segment("") == [] and segment(" \n\u3000\n") == []


def test_a_report_in_one_line_is_cut_before_dash_headlines_and_around_an_appendix_label():
    # The review's units headed by dashes (——…。) and the appendices after the closing appeal.
    before = "过去一年，我们坚持稳中求进工作总基调，推动经济社会持续健康发展。" * 60
    tail = ("——经济指标强劲跃升。地区生产总值增长6%。——改革开放纵深推进。出台改革措施30项。"
            "为建设现代化强省而努力奋斗！附件12021年省十件民生实事一、扩大学位供给。新增学位10万个。")
    got = clean(before + tail).paragraph_texts()
    assert got[-4:] == ["——经济指标强劲跃升。地区生产总值增长6%。",
                        "——改革开放纵深推进。出台改革措施30项。为建设现代化强省而努力奋斗！",
                        "附件1", "2021年省十件民生实事一、扩大学位供给。新增学位10万个。"]
    assert clean(before + "努力奋斗！附件：名词解释1.两新：…。").paragraph_texts()[-3:] == ["附件：", "名词解释", "1.两新：…。"]
    # a dash inside a sentence (…标准——每万人…) and 附件 named in a sentence are no cut
    inline = before + "提高补助标准——每万人配备3名专员。请见附件2所列清单。"
    assert clean(inline).paragraph_texts()[-1].endswith("提高补助标准——每万人配备3名专员。请见附件2所列清单。")


@pytest.mark.parametrize(("heading", "body"), [
    ("（一）经济回升向好态势更加巩固", "一是主要指标稳中有进。建立日调度制度。二是产业结构更优。"),
    ("（一）全面深化深层次改革，扩大高水平对外开放", "一是全面推动重点改革攻坚。推动国资国企改革。"),
    ("一、党委在推进全区法治建设中的领导核心作用", "一是充分发挥党委领导作用，召开4次会议。二是健全制度。"),
])
def test_a_heading_run_into_the_first_unit_of_its_enumeration_is_cut_before_it(heading, body):
    before = "过去一年，我们坚持稳中求进工作总基调，推动经济社会持续健康发展。" * 60
    assert clean(before + heading + body).paragraph_texts()[-2:] == [heading, body]


@pytest.mark.parametrize("text", ["（一）推进全市统一是基础的工作。", "（二）持续完善制度体系。一是突出立法。"])
def test_a_word_ending_in_yi_or_a_sentence_before_yishi_is_no_heading_end(text):
    before = "过去一年，我们坚持稳中求进工作总基调，推动经济社会持续健康发展。" * 60
    got = clean(before + text).paragraph_texts()
    assert got[-1] == text
