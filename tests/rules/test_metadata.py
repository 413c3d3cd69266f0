"""Metadata: issuer from the title or the body, level, year, publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.extract.rules.metadata import issuer_from_title, issuer_level, published_date
from summarizer.preprocess.document import CleanDocument, DateSeen, Hints


@pytest.mark.parametrize(
    ("title", "issuer", "level"),
    [
        ("环市街2022年法治政府建设年度报告", "环市街", "township"),
        ("阜新蒙古族自治县2022年法治政府建设工作报告", "阜新蒙古族自治县", "county"),
        ("清远市司法局2021年法治政府建设年度报告", "清远市司法局", "department"),
        ("鹤山市宅梧镇2021年法治政府建设年度报告", "宅梧镇", "township"),
        ("关于广州市天河区2022年度法治政府建设情况的报告", "天河区", "county"),
        ("江门市人民政府关于2022年法治政府建设情况的报告", "江门市", "city"),
        ("广东省2022年法治政府建设年度报告", "广东省", "province"),
        ("广西壮族自治区2022年法治政府建设年度报告", "广西壮族自治区", "province"),
        ("天津市2022年法治政府建设年度报告", "天津市", "province"),
        ("某某区发展和改革局2023年度法治政府建设工作报告", "某某区发展和改革局", "department"),
        ("中共某某县委 某某县人民政府关于2022年度法治建设情况的报告", "某某县", "county"),
        ("2022年某某市某某区某某街道办事处法治政府建设情况报告", "某某街道", "township"),
    ],
)
def test_issuer_and_level_from_title(title, issuer, level):
    assert issuer_from_title(title) == issuer
    assert issuer_level(issuer) == level


def test_published_date_prefers_header_then_closing_and_ignores_chrome():
    doc = CleanDocument(
        text="x",
        hints=Hints(
            dates=[
                DateSeen(date="2026-11-20", raw="今天是2026年11月20日", context="chrome"),
                DateSeen(date="2023-01-05", raw="2023年1月5日", context="body"),
                DateSeen(date="2023-03-01", raw="日期: 2023-03-01", context="header"),
            ]
        ),
    )
    assert published_date(doc, 2022) == dt.date(2023, 3, 1)
    closing = CleanDocument(
        text="x",
        hints=Hints(dates=[DateSeen(date="2025-02-21", raw="2025年2月21日", context="closing")]),
    )
    assert published_date(closing, 2024) == dt.date(2025, 2, 21)
    assert published_date(CleanDocument(text="x", hints=Hints(dates=[])), 2022) is None


def test_a_date_before_the_reported_year_is_not_the_publication_date():
    doc = CleanDocument(
        text="x", hints=Hints(dates=[DateSeen(date="2021-05-01", raw="", context="header")])
    )
    assert published_date(doc, 2022) is None


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_metadata_matches_the_reference(prefix, seed_summary, seed_ref):
    expected = seed_ref(prefix)["metadata"]
    got = seed_summary(prefix).summary.metadata.model_dump(mode="json", exclude={"basis"})
    assert got == expected


def test_report_year_without_a_title_skips_quoted_and_range_years():
    from summarizer.extract.rules.metadata import report_year

    text = "根据《法治政府建设实施纲要（2021—2025年）》要求，2024年，我区扎实推进依法行政。\n一、主要举措"
    assert report_year(None, text, text.index("一、")) == 2024
    assert report_year("某区2023年法治政府建设年度报告", text, None) == 2023


def test_issuer_from_the_body_of_a_report_without_title():
    from summarizer.extract.rules.metadata import issuer_from_body

    text = "2022年，三张镇坚持依法行政。我镇召开会议。三张镇党委带头学法。全镇开展普法。依法治镇工作稳步推进。"
    assert issuer_from_body(text) == "三张镇"
    assert issuer_from_body("我区召开依法治区委员会会议。全区推进依法治区。") is None


def test_a_title_with_the_year_in_chinese_numerals():
    from summarizer.extract.rules.metadata import report_year

    title = "某某县二〇二二年度法治政府建设情况报告"
    assert issuer_from_title(title) == "某某县"
    assert report_year(title, "", None) == 2022
