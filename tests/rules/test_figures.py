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
        ("共受理行政复议案件57件,", "行政复议案件", 57, "件", 1.0),
        ("发放司法救助资金96.15万元。", "司法救助资金", 96.15, "万元", 1e4),
        ("协助不良资产集中清收1.04亿元。", None, 1.04, "亿元", 1e8),
        ("今年以来受理业务量共12.3万件,", "业务量", 12.3, "万件", 1e4),
        ("目前共有25个服务窗口,", "服务窗口", 25, "个", 1.0),
    ],
)
def test_figure_label_value_unit_scale(phrase, label, value, unit, scale):
    fig = _one(phrase)
    assert (fig.label, fig.value, fig.unit, fig.scale) == (label, value, unit, scale)


def test_rate_and_count_side_by_side():
    figs = find_figures("2022年全县共排查各类矛盾纠纷5785件,调解成功5762件,成功率99.6%。")
    assert [(f.label, f.value, f.unit) for f in figs] == [
        ("矛盾纠纷", 5785, "件"),
        (None, 5762, "件"),  # an action and its result names no thing (shown as its quote)
        ("成功率", 99.6, "%"),
    ]


def test_label_drops_filler_words():
    figs = find_figures("目前我街执法办共有62人,法学专业的仅有6人,法学专业执法人员比例偏低")
    # jieba reads 执法办 as two verbs: no whole noun phrase, so no label (not a wrong one)
    assert [(f.label, f.value) for f in figs] == [(None, 62), ("法学专业", 6)]


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
    assert [f.label for f in figs] == [None, "培训", "党员"]  # …汇集 is a verb: no label


def test_a_figure_named_around_its_number_takes_both_sides():
    figs = find_figures("承接市自然资源局等7个部门下放的829项行政执法事项，明确执法权限")
    assert [(f.label, f.evidence) for f in figs][1] == ("行政执法事项", "下放的829项行政执法事项")


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier", "word"),
    [
        ("清理规章近400条，", 400, "nearly", "近"),
        ("受理行政复议案件57件，比上年增长近8倍，", 8, "nearly", "近"),
        ("集体研究事项超360项，", 360, "over", "超"),
        ("接待群众咨询接近3000人次。", 3000, "nearly", "接近"),
        ("开展普法活动150余场次，", 150, "more_than", "余"),
        ("群发短信30万余条，", 30, "more_than", "余"),
        ("培训干部100人以上，", 100, "at_least", "以上"),
        ("出动执法人员约200人次，", 200, "about", "约"),
        ("办结率不到60%，", 60, "under", "不到"),
    ],
)
def test_a_qualifier_the_text_gives_is_kept(phrase, value, qualifier, word):
    fig = find_figures(phrase)[-1]
    assert (fig.value, fig.qualifier, fig.qualifier_text) == (value, qualifier, word)
    assert word in fig.evidence


def test_the_label_stops_before_the_qualifier_not_inside_it():
    fig = _one("接待群众咨询接近3000人次。")
    assert fig.label == "群众咨询"  # not 群众咨询接 (the 近 of 接近 taken for a filler)


def test_exact_figures_have_no_qualifier():
    assert [f.qualifier for f in find_figures("受理案件81件，结案80件。")] == [None, None]


def test_a_breakdown_after_qizhong_is_part_of_its_total():
    figs = find_figures("办理行政处罚案件9宗，其中行政处罚5宗、行政强制4宗。另办结复议案件3件。")
    assert [(f.label, f.value, f.part_of) for f in figs] == [
        ("行政处罚案件", 9, None),
        ("行政处罚", 5, 0),
        (None, 4, 0),
        ("案件", 3, None),
    ]


def test_labels_are_whole_phrases():
    from summarizer.evals.reader import label_problem

    text = "覆盖全县12个乡镇、389个村（居）委会，覆盖人群接近20万人，拥有专职调解员36名，调解室和43例特色个人调解室。"
    figs = find_figures(text)
    assert [f.label for f in figs] == ["乡镇", "村", "人群", "专职调解员", "特色个人调解室"]
    assert [label_problem(text, f) for f in figs] == [None] * len(figs)


def test_a_bracketed_breakdown_ends_with_its_bracket():
    figs = find_figures("收到行政复议申请103宗，不受理12宗（其中转送10宗，不予受理1宗），受理91宗。")
    assert [(f.label, f.part_of) for f in figs] == [
        ("行政复议申请", None), (None, None), (None, 1), (None, 1), (None, None),
    ]
    figs = find_figures("共修编应急预案1758个，其中区级预案54个（专项预案35个，部门预案18个），片区预案36个。")
    assert [f.part_of for f in figs] == [None, 0, 1, 1, 0]


def test_a_rate_is_never_a_subtotal():
    figs = find_figures("受理事项300项，其中网办率达100%。")
    assert [f.part_of for f in figs] == [None, None]


def test_a_label_keeps_a_quotation_or_bracket_whole():
    figs = find_figures("开展“下基层、走基层”活动7次，村（社区）预案1668个，累计接待77家单位(部门)近3000人次参观。")
    assert [(f.label, f.evidence) for f in figs] == [
        ("“下基层、走基层”活动", "开展“下基层、走基层”活动7次"),  # a quoted name is one noun
        ("村（社区）预案", "村（社区）预案1668个"),  # 村 (jieba: zg) is a noun
        ("单位", "接待77家单位"),
        ("参观", "近3000人次参观"),  # the note (部门) belongs to the figure before
    ]
    assert figs[-1].part_of is None  # a closed note is no breakdown


@pytest.mark.parametrize(("text", "label"), [
    ("全年实现地区生产总值1100.7亿元，增长5.7%。", "地区生产总值"),
    ("全口径税收收入147.8亿元，同比增长4.6%。", "全口径税收收入"),
    ("全市社会消费品零售总额1200亿元,较上年增长8.1%。", "社会消费品零售总额"),
])
def test_a_change_stated_after_a_figure_names_the_same_indicator(text, label):
    """The genre states an indicator's level, then its change in the same clause, naming it once."""
    level, change = find_figures(text)
    assert level.label == change.label == label
    assert change.span is not None and text[change.span.start:change.span.end].startswith(text[level.span.start:level.span.end])


@pytest.mark.parametrize("text", [
    "全年实现地区生产总值1100.7亿元；增长5.7%的是规上工业。",  # another clause
    "全年实现地区生产总值1100.7亿元，其中5.7%来自工业。",  # no change word
])
def test_a_number_after_a_figure_without_a_stated_change_takes_no_label_from_it(text):
    figures = find_figures(text)
    assert figures[0].label == "地区生产总值" and all(f.label != "地区生产总值" for f in figures[1:])
