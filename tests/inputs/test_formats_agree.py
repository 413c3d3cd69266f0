"""The same report as text, PDF or .docx gives the same metadata (where the file holds the
same facts) and the same items (issue 16).

The devset report d03 (平潭综合实验区2021年法治政府建设情况) as published: a page record
(标题, 发布时间, 发布机构) above a body that lost all its line breaks. Its PDF and .docx are
drawn from the body alone, as such files reach users: no title line, no page record, no
date. What the files lack stays null, with the reason; what they hold agrees with the text.
"""

from __future__ import annotations

import re
from pathlib import Path

import makers
import pytest

from summarizer.schema import PART_NAMES
from summarizer.service import SummaryService
from summarizer.settings import Settings

D03 = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "devset" / "d03.txt"


def _body(text: str) -> str:
    """The report's own text, below the page record."""
    m = re.search(r"^=+ 正文 =+$", text, re.MULTILINE)
    assert m, "the devset file has its page record above a 正文 rule"
    return text[m.end():]


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def summaries():
    service = SummaryService(Settings(_env_file=None))
    text = D03.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in _body(text).split("\n") if p.strip()]
    files = {"text": text, "pdf": makers.make_pdf(paragraphs), "docx": makers.make_docx(paragraphs)}
    return {kind: service.summarize_sync(data, name=f"d03.{kind}", backend="rules").summary
            for kind, data in files.items()}


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_metadata_agrees_where_the_file_holds_the_facts(summaries, kind):
    text, other = summaries["text"].metadata, summaries[kind].metadata
    assert text.issuer == "平潭综合实验区" and text.issuer_level == "city"
    # Held by the body too: the issuer, spelled out as the report names it, its level, the year.
    for field in ("issuer", "issuer_level", "report_year"):
        assert getattr(other, field) == getattr(text, field), field
    assert other.field_basis("issuer").source == "opening sentence"  # 实验区党工委管委会…, spelled out
    assert "实验区" in other.field_basis("issuer").reason
    # Held by the page record only: null in the file, and said why.
    assert text.title is not None and text.published_date is not None
    assert other.title is None and other.published_date is None
    assert other.field_basis("title").reason and other.field_basis("published_date").reason


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_items_agree_with_the_text(summaries, kind):
    text, other = summaries["text"], summaries[kind]
    for part in PART_NAMES:
        ours, theirs = other.items(part), text.items(part)
        assert len(ours) == len(theirs), (part, [i.evidence[:12] for i in ours], [i.evidence[:12] for i in theirs])
        for mine, reference in zip(ours, theirs, strict=True):
            a, b = _flat(mine.evidence), _flat(reference.evidence)
            # A PDF page break may end a paragraph (and so an evidence) early; nothing else differs.
            assert a == b or (kind == "pdf" and b.startswith(a) and len(a) >= 40), (part, a[:40], b[:40])
            assert mine.part_basis == reference.part_basis


def test_a_wrapped_line_of_the_page_record_is_no_title():
    # d06 (苏平片区2022年法治政府建设工作情况报告) keeps its page's record on its first line; a
    # PDF of it wraps the 标 题： field, leaving a line that looks like a title but holds fields.
    from summarizer.preprocess import clean
    from summarizer.structure import parse_structure

    text = (
        "无 发文机关： 平潭综合实验区苏平片区管理局 成文日期：2023-03-30 标 题： 苏平片\n"
        "区2022年法治政府建设工作情况报告 发文字号： 无 发布日期：2023-03-30 有 效 性：\n"
        "2022年，在区党工委、管委会的坚强领导下，苏平片区坚持以习近平新时代中国特色社会主义思想为指导。\n"
        "一、总体情况\n2022年，我局深入推进法治政府建设和普法依法治理工作。\n"
    )
    assert parse_structure(clean(text)).title is None
    titled = "苏平片区2022年法治政府建设工作情况报告\n" + text.split("\n", 2)[2]
    assert parse_structure(clean(titled)).title == "苏平片区2022年法治政府建设工作情况报告"


def test_a_pdf_line_with_latin_blanks_still_runs_on():
    # d01 (平潭综合实验区2023年法治政府建设情况) writes numbers apart (公证案件 2552 件): such a
    # line, full in print, measures wider than the wrap width, and its paragraph must go on.
    from summarizer.preprocess import clean

    text = (D03.parent / "d01.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in _body(text).split("\n") if p.strip()]
    doc = clean(makers.make_pdf(paragraphs), name="d01.pdf")
    assert "（三）全方位开展普法宣传工作" in doc.text
