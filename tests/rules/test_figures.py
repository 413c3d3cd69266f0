"""Figures on real phrases from the seeds."""

from __future__ import annotations

import pytest

from summarizer.extract.rules import find_figures


def _one(text: str):
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("phrase", "label", "value", "unit", "scale"),
    [
        ("共受理行政复议案件57件,", "受理行政复议案件", 57, "件", 1.0),
        ("发放司法救助资金96.15万元。", "发放司法救助资金", 96.15, "万元", 1e4),
        ("协助不良资产集中清收1.04亿元。", "协助不良资产集中清收", 1.04, "亿元", 1e8),
        ("今年以来受理业务量共12.3万件,", "受理业务量", 12.3, "万件", 1e4),
        ("目前共有25个服务窗口,", "服务窗口", 25, "个", 1.0),
    ],
)
def test_figure_label_value_unit_scale(phrase, label, value, unit, scale):
    fig = _one(phrase)
    assert (fig.label, fig.value, fig.unit, fig.scale) == (label, value, unit, scale)


def test_rate_and_count_side_by_side():
    figs = find_figures("2022年全县共排查各类矛盾纠纷5785件,调解成功5762件,成功率99.6%。")
    assert [(f.label, f.value, f.unit) for f in figs] == [
        ("排查各类矛盾纠纷", 5785, "件"),
        ("调解成功", 5762, "件"),
        ("成功率", 99.6, "%"),
    ]


def test_label_drops_filler_words():
    figs = find_figures("目前我街执法办共有62人,法学专业的仅有6人,法学专业执法人员比例偏低")
    assert [(f.label, f.value) for f in figs] == [("执法办", 62), ("法学专业", 6)]


def test_spans_are_verbatim_and_offsets_absolute():
    text = "前文。2022年初至今受案81件,结案80件,接待来访群众330人次。"
    figs = find_figures(text, 3, len(text))
    assert [f.evidence for f in figs] == ["受案81件", "结案80件", "接待来访群众330人次"]
    for f in figs:
        assert text[f.span.start : f.span.end] == f.evidence


def test_years_dates_ordinals_and_document_numbers_are_not_figures():
    text = "8月24日至26日,排名从2018年第20名提升至2020年第13名,国务院第713号令,阜蒙法办发〔2022〕7号,FM88.7,6+1类事项"
    assert find_figures(text) == []


def test_approximate_amounts_keep_their_number():
    figs = find_figures(
        "开展各类普法宣传活动150余场次,发放各类普法宣传资料20000余份,开展各类法制宣传活动10多场"
    )
    assert [(f.value, f.unit) for f in figs] == [(150, "场次"), (20000, "份"), (10, "场")]


def test_labels_do_not_start_with_the_unit_marker_or_a_preposition():
    figs = find_figures(
        "二是在网审平台完成政务服务事项办理数据汇集5800条。一是在全县开展培训3期，在册党员120名"
    )
    assert [f.label for f in figs] == [
        "网审平台完成政务服务事项办理数据汇集",
        "开展培训",
        "在册党员",
    ]


def test_a_figure_named_around_its_number_takes_both_sides():
    figs = find_figures("承接市自然资源局等7个部门下放的829项行政执法事项，明确执法权限")
    assert [(f.label, f.evidence) for f in figs][1] == ("下放行政执法事项", "下放的829项行政执法事项")
