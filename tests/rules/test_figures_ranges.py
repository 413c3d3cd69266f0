"""Figures a reader can trust, both genres: ranges keep both ends, a change keeps its direction,
a 分别 list pairs its nouns with its values (or says it cannot), and labels the genre's wording
would tear are mended. Each rule on a passage of a bundled report and on other shapes."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.figures import find_figures


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("力争全年引进研究机构5至7家，", 5, 7, "家"),
    ("引进研究机构5—7家。", 5, 7, "家"),
    ("引进研究机构5~7家。", 5, 7, "家"),
    ("引进研究机构5-7家。", 5, 7, "家"),
    ("计划出让产业用地8至10宗", 8, 10, "宗"),
    ("比重提高3到5个百分点。", 3, 5, "个百分点"),
    ("本地生产总值增长8—8.5%", 8, 8.5, "%"),  # govwork g01
    ("争取1-2个市级文化设施落地", 1, 2, "个"),  # govwork g18
    ("收入增长5%—8%。", 5, 8, "%"),  # the low end with its unit
    ("整治周期3个月至6个月。", 3, 6, "个月"),
    ("力争引进研究机构五至七家。", 5, 7, "家"),  # Chinese numerals: a range is a figure
    ("建成一到两个示范点。", 1, 2, "个"),
    ("比重提高三到五个百分点。", 3, 5, "个百分点"),
])
def test_a_range_keeps_both_ends(text, low, high, unit):
    figs = [f for f in find_figures(text) if f.value_high is not None]
    assert [(f.value, f.value_high, f.unit) for f in figs] == [(low, high, unit)]
    assert figs[0].evidence in text and unit in figs[0].evidence
    assert figs[0].stated().endswith(f"{low:g}—{high:g}{unit}")


@pytest.mark.parametrize("text", [
    "满意率从80%到95%。",  # a change of level, not a range
    "公证书出具时限由15个工作日压缩至5个工作日。",
    "学习《纲要（2021-2025年）》，覆盖12个社区。",
    "第一至三批试点，一至十二月，三至五年内。",  # ordinals, months, years: no figure at all
])
def test_no_range_where_the_text_writes_none(text):
    assert all(f.value_high is None for f in find_figures(text))


def test_a_range_is_shown_as_one_in_every_view():
    fig = find_figures("力争全年引进研究机构5至7家，")[0]
    assert fig.stated() == "5—7家"
    assert "5—7家" in fig.shown()


@pytest.mark.parametrize(("text", "label", "change", "verb"), [
    ("各类事故死亡人数同比下降35%，", "各类事故死亡人数", "decrease", "下降"),  # the unseen check's passage
    ("刑事案件下降18.7%，", "刑事案件", "decrease", "下降"),  # govwork g01
    ("行政许可办结时限压减76%。", "行政许可办结时限", "decrease", "压减"),  # govwork g02
    ("万元GDP能耗降低4.3%。", None, "decrease", "降低"),
    ("与上年相比，减少12件。", None, "decrease", "减少"),
    ("税收收入增长13.1%，", "税收收入", "increase", "增长"),
    ("地区生产总值年均增长6%。", "地区生产总值", "increase", "年均增长"),
    ("2022年，全县受理行政复议案件57件，废止12件，增长15%。", None, "increase", "增长"),
])
def test_a_change_keeps_its_direction(text, label, change, verb):
    fig = find_figures(text)[-1]
    assert (fig.change, fig.change_text) == (change, verb)
    if label is not None:
        assert fig.label == label
    assert verb in fig.shown()
    assert fig.value > 0  # the size of the change, never signed


@pytest.mark.parametrize("text", ["满意率下降至5%。", "审批时限压缩至3个工作日。", "覆盖率提高到95%。"])
def test_a_level_reached_is_no_change(text):
    assert find_figures(text)[-1].change is None


def test_values_listed_after_a_change_take_its_verb():
    figs = find_figures("刑事治安警情同比下降7.5%、9.5%和9.6%。")
    assert [f.change for f in figs] == ["decrease"] * 3
    assert all("下降" in f.evidence for f in figs)


@pytest.mark.parametrize(("text", "labels"), [
    ("文件、会议、考核数量分别压减50%、2.1%、27%。", ["文件", "会议", "考核数量"]),  # the unseen check
    ("一般贸易、服务贸易分别增长5%和15.3%。", ["一般贸易", "服务贸易"]),  # govwork g03
    ("行政诉讼案件和行政复议案件分别为12件、30件。", ["行政诉讼案件", "行政复议案件"]),
    ("受理率和办结率分别达到98%和100%。", ["受理率", "办结率"]),
    ("互联网普及率、无线宽带覆盖率分别为86.2%、90.2%，", ["互联网普及率", "无线宽带覆盖率"]),  # govwork g04: 普及 holds 及
])
def test_a_respectively_list_pairs_nouns_and_values_in_order(text, labels):
    figs = find_figures(text)
    assert [f.label for f in figs] == labels
    assert not any(f.label_lists for f in figs)
    for fig in figs:
        assert fig.label in fig.evidence


@pytest.mark.parametrize("text", [
    "城市和农村社区养老服务覆盖率分别达80.5%、58.8%。",  # govwork: 城市 is no noun alone
    "“两抢”、入室盗窃案件分别下降36.3%、38.3%。",  # govwork g01
    "文件、会议数量分别压减50%、2.1%、27%。",  # three values, two nouns
])
def test_a_list_not_paired_keeps_the_whole_list_and_says_so(text):
    figs = find_figures(text)
    whole = text[: text.index("分别")]
    for fig in figs:
        assert fig.label is None or (fig.label_lists and whole.endswith(fig.label))
    assert any(f.label_lists for f in figs)
    assert "（分别）" in next(f for f in figs if f.label_lists).shown()


@pytest.mark.parametrize("text", [
    "城乡居民收入分别增长8%和9%。",  # one noun for two values: no pair at all
    "新登记企业及其注册资本分别增长41.4%和121.2%。",  # govwork g03: the list is not read
])
def test_no_wrong_pair_where_the_list_cannot_be_read(text):
    assert all(f.label is None for f in find_figures(text))


@pytest.mark.parametrize(("text", "label"), [
    ("硕士、博士占比87%，", "硕士、博士占比"),  # the share is of both
    ("印发单行本、宣传单20000余册。", "单行本、宣传单"),
    ("规模以上工业增加值677.8亿元，", "规模以上工业增加值"),  # another indicator than 工业增加值
    ("限额以上社会消费品零售额120亿元。", "限额以上社会消费品零售额"),
    ("2020年经济总量仅占全市3.9%。", "经济总量仅占全市"),  # whose share, not the base
    ("大型产业集聚区新投产亿元以上项目超270个。", "亿元以上项目"),  # govwork g11
    ("办理市、区人大代表建议309件。", "市、区人大代表建议"),  # one-character levels listed
    ("开展应急演练活动、消防演练活动503次。", "应急演练活动、消防演练活动"),
    ("参与人数为300人", "参与人数"),
    ("完成固投总额790.4亿元，", "固投总额"),  # a bare 总额, without the reporting verb before it
    ("地方一般公共预算收入65.9亿元，", "地方一般公共预算收入"),  # jieba tags 预算 and 收入 verbs
    ("城镇居民人均可支配收入增长8%。", "城镇居民人均可支配收入"),  # 可|支配: a modifier, not a verb
    ("农村居民人均可支配收入达到2.1万元。", "农村居民人均可支配收入"),
])
def test_torn_labels_are_mended(text, label):
    fig = find_figures(text)[-1]
    assert fig.label == label
    assert fig.label in fig.evidence


@pytest.mark.parametrize(("text", "wrong"), [
    ("占全市22.1%。", "全市"),  # the base alone: no label
    ("全力推动34条主次干道建设，", "主次"),  # jieba reads 干道 a verb: the modifier alone names nothing
    ("打造500米群众诉求服务圈，", "群众"),  # 500 m is the circle's radius
    ("建成2公里滨河绿道步行道路网。", "滨河"),
])
def test_no_torn_label_where_the_noun_cannot_be_found_whole(text, wrong):
    fig = find_figures(text)[0]
    assert fig.label != wrong
    assert fig.label is None or fig.label in text


def test_a_size_unit_keeps_a_noun_that_ends_the_phrase():
    assert find_figures("新增城市绿地100公顷。")[0].label == "城市绿地"


def test_full_width_percent_is_written_as_percent():
    fig = find_figures("实现居民参与率达95％以上。")[0]
    assert (fig.unit, fig.stated()) == ("%", "95%以上")


@pytest.mark.parametrize(("text", "label"), [
    ("11例确诊病人全部治愈出院。", "确诊病人"),  # 全部 starts the predicate (jieba: a noun)
    ("307个在建工程项目全面满员复工。", "在建工程项目"),
    ("27宗区主办案件全部办结。", "区主办案件"),
    ("4000多名国企退休人员纳入社区管理。", "国企退休人员"),  # 退休人员, 退役军人: states people are counted by
    ("帮扶6个相对贫困村。", "相对贫困村"),
    ("新建、改扩建工程80余项。", "新建、改扩建工程"),
])
def test_the_noun_after_a_measure_word_ends_where_its_predicate_starts(text, label):
    assert find_figures(text)[0].label == label


def test_a_verb_of_building_alone_names_nothing():
    fig = find_figures("新建3座污水处理站。")[0]
    assert fig.label is None and "污水处理站" in fig.evidence


@pytest.mark.parametrize(("text", "label", "value", "unit"), [
    ("引进年产值10亿元以上企业5家。", "年产值10亿元以上企业", 5, "家"),  # the unseen check's #19
    ("投资10亿元以上项目12个。", "投资10亿元以上项目", 12, "个"),
    ("培育年主营业务收入2000万元以上工业企业30家。", "主营业务收入2000万元以上工业企业", 30, "家"),
])
def test_a_money_threshold_qualifies_the_noun_the_next_number_counts(text, label, value, unit):
    figs = find_figures(text)
    assert [(f.label, f.value, f.unit) for f in figs] == [(label, value, unit)]


def test_an_amount_with_a_bound_and_no_counted_noun_is_still_a_figure():
    figs = find_figures("完成投资10亿元以上，增长5%。")
    assert (figs[0].value, figs[0].unit, figs[0].qualifier) == (10, "亿元", "at_least")
