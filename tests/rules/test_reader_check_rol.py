"""Defects a reader found item by item in unseen rule-of-law reports (and in reposts of them),
fixed as rules of the genre or of how its texts reach readers; each is tested on the passage's
shape and on others the genre allows (other numbering, no line breaks, other wording)."""

from __future__ import annotations

import asyncio

import pytest

from summarizer.extract.rules import RulesBackend, find_figures
from summarizer.extract.rules.metadata import issuer_from_title, issuer_level
from summarizer.extract.rules.summaries import build_summary
from summarizer.preprocess.document import CleanDocument
from summarizer.structure import parse_structure


def _extract(text: str):
    doc = CleanDocument(text=text)
    return asyncio.run(RulesBackend().extract(doc, parse_structure(doc)))


# --- Summaries: the span up to now (今年来, 多年来) is scene-setting, not torn to 来，------------

# A township report's unit (三张镇 2022): its body opens with 今年来， before the subject.
SINCE_THIS_YEAR = (
    "（一）精心部署，确保各项工作落实到位\n今年来，某镇始终坚持落实依法治镇工作，将建设法治政府有关工作摆在重要位置，"
    "结合本镇实际，制定工作方案，强化监督机制。"
)


@pytest.mark.parametrize("span_word", ["今年来", "近年以来", "近年来", "一年来", "今年以来"])
@pytest.mark.parametrize(
    "shape",
    [
        lambda t: t,
        lambda t: t.replace("（一）", "2."),
        lambda t: t.replace("（一）", "一是").replace("\n", "。"),
        lambda t: "一、主要举措和成效" + t.replace("\n", ""),
    ],
)
def test_a_time_span_opening_the_body_is_dropped_whole(span_word, shape):
    text = shape(SINCE_THIS_YEAR.replace("今年来", span_word))
    heading_end = text.index("到位") + 2
    heading_start = text.index("精心")
    summary = build_summary(text, 0, len(text), find_figures(text), (heading_start, heading_end))
    assert "：某镇始终坚持落实依法治镇工作" in summary, summary
    assert "来，" not in summary
    # Without a heading (an item found by its sentence), the summary opens with the subject.
    body = text.index(span_word)
    alone = build_summary(text, body, len(text), find_figures(text))
    assert alone.startswith("某镇始终坚持"), alone


@pytest.mark.parametrize("period", ["五年来", "多年来", "三年来"])
def test_a_periods_span_is_never_torn(period):
    # A plan period's review states its results by 五年来: kept whole, never cut to 来，.
    text = f"一是加强队伍建设。{period}，某镇始终坚持落实依法治镇工作，全镇执法人员持证上岗。"
    summary = build_summary(text, 0, len(text), find_figures(text), (2, 8))
    assert "：来" not in summary and not summary.startswith("来"), summary


# --- Metadata: a repost's headline names the body and its verb (司法部发布…) ---------------------


@pytest.mark.parametrize(
    ("title", "issuer", "level"),
    [
        ("司法部发布2023年法治政府建设年度报告", "司法部", "department"),
        ("广州市公布2022年度法治政府建设情况报告", "广州市", "city"),
        ("某县人民政府日前印发2021年法治政府建设工作报告", "某县", "county"),
        ("某某区司法局发布关于2022年度法治政府建设情况的报告", "某某区司法局", "department"),
        # A name that ends like a verb's object is left alone.
        ("某某市信息公开办2022年法治政府建设年度报告", "某某市信息公开办", "department"),
    ],
)
def test_a_publishing_verb_in_a_reposts_headline_is_no_part_of_the_issuer(title, issuer, level):
    assert issuer_from_title(title) == issuer
    assert issuer_level(issuer) == level


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        # A vertically managed office names the city it sits in: 郑州|市 is never cut.
        ("国家税务总局郑州市金水区税务局2019年法治政府建设情况报告", "国家税务总局郑州市金水区税务局"),
        ("广东省清远市司法局2022年法治政府建设报告", "清远市司法局"),
        ("杭州市余杭区市场监管局2022年法治政府建设报告", "余杭区市场监管局"),
    ],
)
def test_a_departments_outer_place_is_dropped_only_at_a_place_boundary(title, issuer):
    assert issuer_from_title(title) == issuer


# --- Overview: not the title printed again, not a news site's lead -----------------------------

BODY = (
    "一、主要举措和成效\n（一）规范执法。开展检查30次。\n二、存在的问题\n执法力量不足。\n三、下一步打算\n加强培训。"
)


@pytest.mark.parametrize("one_line", [False, True])
def test_the_title_printed_again_above_the_body_is_no_overview(one_line):
    text = (
        "某某镇2022年度法治政府建设工作报告\n来源:时间:2023-02-28\n分享:\n\n某某镇2022年度法治政府建设\n\n"
        "今年以来，某某镇扎实推进法治建设，为经济社会发展提供了法治保障。现将我镇2022年工作情况报告如下:\n"
        + BODY
    )
    if one_line:
        text = text.replace("\n\n", "\n")
    ex = _extract(text)
    assert ex.overview.startswith("今年以来，某某镇扎实推进法治建设"), ex.overview


@pytest.mark.parametrize(
    "lead",
    [
        "中新网 3月29日电 据司法部网站消息,司法部发布2023年法治政府建设年度报告。具体报告如下:",
        "新华社北京3月30日电 某某部近日发布2023年法治政府建设年度报告。",
        "据某某市人民政府网站消息，某某市公布了2022年度法治政府建设情况报告。",
    ],
)
def test_a_news_sites_lead_is_no_overview(lead):
    text = "某某部发布2023年法治政府建设年度报告\n" + lead + "\n" + BODY
    ex = _extract(text)
    assert ex.overview is None
    # The report's own opening, after the site's lead, is the overview.
    opening = "2023年，某某部坚持依法行政，推进法治政府建设取得新成效。"
    ex = _extract("某某部发布2023年法治政府建设年度报告\n" + lead + "\n" + opening + "\n" + BODY)
    assert ex.overview == opening
