"""Figures a reader can trust (issue 16): units as written, the noun phrase counted or no label,
and the scope of a figure that is not the report year's own. Each rule on the real passage and on
other shapes the genre writes."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.figures import find_figures


@pytest.mark.parametrize(("phrase", "unit"), [
    ("检查企业33家次，", "家次"), ("审批时限压缩至3个工作日。", "个工作日"), ("开展培训12课时，", "课时"),
    ("发放救助资金96.15万元。", "万元"), ("接待群众1.2万人次。", "万人次"),
])
def test_units_are_as_written(phrase, unit):
    assert find_figures(phrase)[0].unit == unit


@pytest.mark.parametrize(("text", "scope", "scope_text"), [
    ("2022年工作。2021年以来，全县共受理行政复议案件57件。2022年", "earlier_period", "2021年以来"),
    ("2022年工作。累计培训干部3000人次。2022年", "cumulative", "累计"),
    ("2022年工作。受理案件50件，相较去年增长15%。2022年", "comparison", "相较去年"),
    ("2022年工作。与上年相比，减少12件。2022年", "comparison", "与上年相比"),
    ("2022年工作。其中，城关镇办理案件3件。2022年", "sub_unit", "城关镇"),
])
def test_a_figure_of_another_period_or_a_sub_unit_carries_its_scope(text, scope, scope_text):
    f = find_figures(text)[-1]
    assert (f.scope, f.scope_text) == (scope, scope_text)


def test_a_year_figure_has_no_scope_and_a_verb_gets_no_label():
    figs = find_figures("2022年，全县受理行政复议案件57件，废止12件，增长15%。")
    assert [(f.label, f.scope) for f in figs] == [("行政复议案件", None), (None, None), (None, None)]


def test_a_plan_period_in_a_title_is_no_scope():
    text = "2022年工作。学习《法治政府建设实施纲要（2021-2025年）》，覆盖12个社区。2022年。2016-2020年共办理案件300件。"
    figs = find_figures(text)
    assert [(f.scope, f.scope_text) for f in figs] == [(None, None), ("earlier_period", "2016-2020年")]


def test_a_blank_between_number_and_unit_is_read_through():
    # d01: 公证书出具时限由 15 个工作日压缩至 5 个工作日 (PDF-style blanks around numbers)
    figs = find_figures("公证书出具时限由 15 个工作日压缩至 5 个工作日，建成区级公共法律服务中心 1个")
    assert [(f.value, f.unit) for f in figs] == [(15, "个工作日"), (5, "个工作日"), (1, "个")]


@pytest.mark.parametrize(("text", "scope", "scope_text"), [
    ("2022年工作。近三年来，共办理案件300件。2022年", "earlier_period", "近三年来"),
    ("2022年工作。“十四五”以来，新建调解室12个。2022年", "earlier_period", "“十四五”以来"),
    ("2022年工作。去年办理案件40件。2022年", "earlier_period", "去年"),
    ("2022年工作。受理案件50件，同比增长15%。2022年", "comparison", "同比"),
    ("2022年工作。办结案件45件，较上年增加5件。2022年", "comparison", "较上年"),
    ("2022年工作。其中县人民法院受理行政诉讼案件20件。2022年", "sub_unit", "县人民法院"),
    ("2022年工作。2022年以来，共办理案件57件。2022年", None, None),  # the report's own year
])
def test_scope_in_other_wordings(text, scope, scope_text):
    f = find_figures(text)[-1]
    assert (f.scope, f.scope_text) == (scope, scope_text)


@pytest.mark.parametrize(("phrase", "label"), [
    ("全年共受理行政复议申请12件，", "行政复议申请"),
    ("依法办理法律援助案件320件，", "法律援助案件"),
    ("目前共有25个服务窗口，", "服务窗口"),
    ("审查规范性文件37件，", "规范性文件"),
    ("组成3个督察组，", "督察组"),
    ("开展“四门四访”活动44批次，", "“四门四访”活动"),
    ("设立人民调解组织11个，", "人民调解组织"),
    ("同比增长15%，", None),
    ("废止12件，", None),
    ("实现93%以上，", None),
])
def test_the_label_is_the_noun_phrase_counted_or_none(phrase, label):
    assert find_figures(phrase)[0].label == label


@pytest.mark.parametrize(("phrase", "unit", "scale"), [
    ("检查企业20件次，", "件次", 1.0), ("开展宣传45场次，", "场次", 1.0), ("挽回损失1.04亿元，", "亿元", 1e8),
    ("提高5个百分点，", "个百分点", 1.0), ("培训3学时，", "学时", 1.0),
])
def test_other_units_as_written(phrase, unit, scale):
    f = find_figures(phrase)[0]
    assert (f.unit, f.scale) == (unit, scale)


def test_a_figure_without_a_label_is_quoted_to_the_end_of_its_phrase():
    """Shown as its quote, a label-less figure must not stop inside a word or phrase (seed 004:
    选聘20名行政|执法特约监督员); the quote never runs past the next number."""
    from summarizer.extract.phrases import is_phrase_end
    from summarizer.extract.rules.figures import find_figures

    for text in ("二是规范行政执法监督。选聘20名行政执法特约监督员，设立26家基层联系点。",
                 "选聘20名行政执法特约监督员设立26家基层联系点",  # no punctuation at all
                 "全年共聘请3名法律顾问参与重大行政决策审查"):
        for fig in find_figures(text):
            if fig.label is None:
                assert fig.span is not None and is_phrase_end(text, fig.span.end), (text, fig.evidence)
                assert sum(c.isdigit() for c in fig.evidence) == len(str(int(fig.value))), fig.evidence


@pytest.mark.parametrize(("text", "label"), [
    # a list's closing 等 glued by jieba to the next character (等区): the label starts after the list
    # (a title too long for a label: the label starts after it, at 等)
    ("审核《关于土地整备和公共基础设施建设项目房屋补偿的实施办法》等区规范性文件28件。", "区规范性文件"),
    ("起草《城市道路桥梁隧道设施养护维修管理工作实施细则》等区规范性文件12件，", "区规范性文件"),
    # 来邮 (mail received) is no dictionary word: the label drops the torn 邮, not the figure
    ("共接到来电投诉270余宗，来邮投诉260余宗。", "投诉"),
    ("其中来邮投诉12件，均已办结。", "投诉"),
])
def test_a_label_starts_at_a_word_edge_of_the_text(text, label):
    assert find_figures(text)[-1].label == label


@pytest.mark.parametrize(("text", "label"), [
    ("参与率100%，及格率100%。", "及格率"),  # 及格 is a word, not a list's 及
    ("新增和谐社区12个。", "和谐社区"),  # 和谐 is a word
    ("考试及格人数120人。", "考试及格人数"),
    ("社会投资占总投资比重超过80%。", "总投资比重"),  # 占|总: a distinguishing word opens the noun
])
def test_a_label_starting_with_a_word_that_begins_like_a_list_end_is_kept(text, label):
    # (a short title before 等 stays in the label whole: 《办法》等区规范性文件 names what is counted)
    assert find_figures(text)[-1].label == label


@pytest.mark.parametrize(("text", "label"), [
    # a one-character noun ends a compound (卫生|村, jieba: zg): the label is the whole compound
    ("全县共有省级卫生村12个，", "省级卫生村"),
    ("创建省级卫生村12个。", "省级卫生村"),
    ("新增3个省级卫生村。", "省级卫生村"),
    ("成功创建省级卫生村（社区）5个。", "省级卫生村（社区）"),
])
def test_a_label_does_not_stop_inside_a_compound(text, label):
    assert find_figures(text)[0].label == label


@pytest.mark.parametrize(("text", "label"), [
    # a level before a quoted title is the start of the noun, not all of it (省级|“卫生村”)
    ("创建3个省级“卫生村”。", "省级“卫生村”"),
    ("争创2个国家级“绿色工厂”，", "国家级“绿色工厂”"),
    ("新增5个“无证明城市”试点。", "“无证明城市”试点"),
])
def test_a_level_before_a_quoted_title_keeps_the_title(text, label):
    assert find_figures(text)[0].label == label


@pytest.mark.parametrize(("text", "evidence"), [
    ("2个村被命名为第八批示范村。", "2个村被命名"),  # 村 right after the measure word is what is counted
])
def test_a_one_character_noun_right_after_the_measure_word_keeps_the_figure(text, evidence):
    assert find_figures(text)[0].evidence == evidence


def test_a_one_character_word_bound_to_the_predicate_is_not_in_the_label():
    # 较 (jieba: zg) binds to 好 (较好完成): the label never ends with it
    figure = find_figures("完成383件民生微实事较好完成。")[0]
    assert figure.label is None or not figure.label.endswith("较")
    assert not figure.evidence.endswith("较")
