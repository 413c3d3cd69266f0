"""Labels of figures the genre names before a level reached or held, before a rate's base, or
after the number's measure word (fig-labels2). Each rule on a passage of the genre's shape and on
other wordings it allows; wrong labels are worse than none, so each rule also has a case it leaves."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.figures import find_figures


@pytest.mark.parametrize(("text", "label", "value"), [
    ("城镇登记失业率控制在3.5%以内。", "城镇登记失业率", 3.5),
    ("社会投资占比保持在80%以上。", "社会投资占比", 80),
    ("确保国考断面水质优良率稳定在90%以上。", "断面水质优良率", 90),
    ("违法建筑纠正率维持在95%以上，", None, 95),  # (label: whatever noun phrase ends before 维持在)
    ("空气质量优良率提升至95.9%。", "空气质量优良率", 95.9),
    ("森林覆盖率提高到59.08%；", "森林覆盖率", 59.08),
    ("在建项目攀升至18个。", "在建项目", 18),
    ("省级一般公共预算专项资金压减至230项以内。", "省级一般公共预算专项资金", 230),  # jieba: 压|减至
    ("审批时限压缩至3个工作日。", "审批时限", 3),
    ("国家级高新区增加到14家，", "国家级高新区", 14),
])
def test_a_level_reached_or_held_is_labelled_by_its_indicator(text, label, value):
    fig = find_figures(text)[-1]
    assert fig.value == value and fig.change is None  # a level, not a change
    if label is not None:
        assert fig.label == label
    else:
        assert fig.label is not None and "在" not in fig.label


@pytest.mark.parametrize(("text", "label", "low", "high"), [
    ("患者总体满意度从82%上升到85%。", "患者总体满意度", 82, 85),
    ("省级权责清单事项从5567项压减到1069项，", "省级权责清单事项", 5567, 1069),
    ("国家级高新技术企业由1354家增加到5524家。", "国家级高新技术企业", 1354, 5524),
    ("灰霾天数由112天降至35天，", "灰霾天数", 112, 35),
    ("人均住房面积由20平方米增加到35平方米。", "人均住房面积", 20, 35),
    # the base of a rate stays with the value, not the label: 每公里, 每月, 每生每年
    ("省补助标准从每公里15万元提高到18万元。", "省补助标准", 15, 18),
    ("孤儿集中供养水平从每月1150元提高到1240元，", "孤儿集中供养水平", 1150, 1240),
    ("助学金标准从每生每年1500元提高到2000元。", "助学金标准", 1500, 2000),
])
def test_a_level_reached_from_another_takes_the_indicator_of_both(text, label, low, high):
    before, after = find_figures(text)
    assert (before.label, before.value) == (label, low)
    assert (after.label, after.value, after.change) == (label, high, None)
    assert after.evidence.startswith(label)  # the quote shows the indicator and where it started


@pytest.mark.parametrize(("text", "label", "low", "high"), [
    ("地区生产总值从2015年的681亿元增长到2020年约1100亿元。", "地区生产总值", 681, 1100),
    ("地区生产总值由2010年的162.4亿元增加到2015年的287.9亿元，年均增长12.1%", "地区生产总值", 162.4, 287.9),
    ("行政许可事项从2011年的487项减少至2015年的234项。", "行政许可事项", 487, 234),
    ("森林覆盖率由2010年的21.6%提高到25.2%。", "森林覆盖率", 21.6, 25.2),  # the second level undated
    ("粮食产量从2015年底的500万吨降至2020年末的450万吨；", "粮食产量", 500, 450),
    ("城镇居民人均可支配收入由上年的3万元提高到3.3万元", "城镇居民人均可支配收入", 3, 3.3),
])
def test_both_dated_levels_of_a_change_take_the_indicator(text, label, low, high):
    # The genre's five-year reviews date each level (从2015年的A增长到2020年B): the years go with the
    # values, both take the indicator, and no quote stops at the verb.
    before, after = find_figures(text)[:2]
    assert (before.label, before.value) == (label, low)
    assert (after.label, after.value, after.change) == (label, high, None)
    assert before.evidence.startswith(label) and before.evidence.endswith(str(before.value).removesuffix(".0")
                                                                          + before.unit)
    assert after.evidence.startswith(label) and not after.evidence.startswith(("增长", "增加", "提高", "减少"))


def test_dated_levels_keep_the_qualifier_and_read_the_same_in_one_line():
    text = ("一、经济发展 “十三五”时期，地区生产总值从2015年的681亿元增长到2020年约1100亿元，"
            "国家高新技术企业从240家增至1486家。二、")
    figs = find_figures(text)
    assert [(f.label, f.value, f.qualifier) for f in figs] == [
        ("地区生产总值", 681, None), ("地区生产总值", 1100, "about"),
        ("国家高新技术企业", 240, None), ("国家高新技术企业", 1486, None)]
    assert figs[1].evidence == "地区生产总值从2015年的681亿元增长到2020年约1100亿元"


def test_a_year_is_cut_from_a_label_only_as_the_date_of_a_level():
    # Not after 从/由 or 到/至 (a year inside the indicator's own phrase): left as it was.
    assert find_figures("截至2020年底累计培育企业100家。")[0].label != "截至"
    # A dated level alone (从2020年|3847亿元，): still a figure, its quote keeps the year.
    fig = find_figures("一年净增加500亿元，从2020年3847亿元，三年跨越两个千亿大关。")[-1]
    assert (fig.value, fig.evidence) == (3847, "从2020年3847亿元")
    # A level reached after a year, with no level it went from: labelled as before, no year in it.
    fig = find_figures("森林覆盖率提高到2020年的25%。")[-1]
    assert fig.value == 25 and "2020" not in (fig.label or "")


def test_a_level_reached_with_nothing_naming_it_stays_unlabelled():
    # No 从/由 level before it and no indicator: a figure, but its label is not guessed.
    figs = find_figures("孤儿补助提高，提高到2000元。")
    assert [(f.label, f.value) for f in figs] == [(None, 2000)]
    # A change (not 到/至) keeps its direction and verb, as before.
    assert find_figures("满意度从82%上升了3%。")[-1].change == "increase"


@pytest.mark.parametrize(("text", "label", "value"), [
    ("本区生产总值完成1488亿元，同比增长9.2%。", "生产总值", 1488),
    ("城镇常住居民人均可支配收入完成32943元；", "城镇常住居民人均可支配收入", 32943),
    ("农村常住居民人均可支配收入完成22250元。", "农村常住居民人均可支配收入", 22250),
    ("网络零售实现161.29亿元、大幅增长41.0%。", "网络零售", 161.29),
    ("民调率实现100%", "民调率", 100),  # (the figure ends the text)
])
def test_an_indicator_amounted_to_is_labelled_without_its_verb(text, label, value):
    fig = find_figures(text)[0]
    assert (fig.label, fig.value) == (label, value)
    assert fig.evidence.startswith(label) and ("完成" in fig.evidence or "实现" in fig.evidence)


def test_the_rate_after_an_amounted_indicator_is_its_rate():
    figs = find_figures("工业技改完成146.6亿元，同比增长14.2%，创历年新高。")
    assert [(f.label, f.value, f.change) for f in figs] == [("工业技改", 146.6, None), ("工业技改", 14.2, "increase")]


@pytest.mark.parametrize("text", [
    "深圳机场实现24小时通关。",  # 实现 governs 24小时通关: the airport is not 24 hours
    "县级公立医院改革试点实现100%覆盖。",
    "完成4个城中村电力安全隐患整治。",
])
def test_an_action_on_what_follows_the_number_is_not_an_amount(text):
    assert find_figures(text)[0].label is None


def test_a_completed_count_of_an_earlier_figure_is_kept():
    # 118项民生实事完成116项: the noun is the first figure's; the second stays a figure, unlabelled.
    figs = find_figures("118项民生实事完成116项，其余正在推进。")
    assert [(f.label, f.value) for f in figs] == [("民生实事", 118), (None, 116)]


@pytest.mark.parametrize(("text", "label", "value"), [
    ("扶持100家以上重点品牌企业及实体商家开展活动。", "重点品牌企业", 100),
    ("新建10家以上新型研发机构。", "新型研发机构", 10),
    ("建成3条以上主干道、10条以上次支路，", "主干道", 3),
    ("打通5条以上“断头路”。", "“断头路”", 5),
    ("对5500个以上小区开展雨污分流改造，", "小区", 5500),
])
def test_a_count_bounded_by_yishang_takes_the_noun_after_it(text, label, value):
    fig = find_figures(text)[0]
    assert (fig.label, fig.value, fig.qualifier) == (label, value, "at_least")
    assert fig.evidence.endswith(label)


@pytest.mark.parametrize("text", [
    "引进30家以上国内外知名商业品牌。",  # the noun runs on past what the measure word's noun can hold
    "培育100人以上企业3家。",  # a threshold of the next number's noun, not 100 enterprises
])
def test_a_count_bounded_by_yishang_keeps_no_torn_noun(text):
    assert find_figures(text)[0].label != "国内外" and find_figures(text)[0].label != "企业"


@pytest.mark.parametrize(("text", "label"), [
    ("改造34条主次干道。", "主次干道"),  # jieba: 主次 b, 干道 v; a distinguishing word modifies a noun
    ("组团内9条主次干道实现通车。", "主次干道"),
    ("协助5274名员工家门口快速上车。", "员工"),  # 家门口: where, before the predicate
    ("新建20个职业教育校外实训基地。", "职业教育校外实训基地"),  # a place word inside the noun stays
    ("目前共有25个服务窗口，可办理业务。", "服务窗口"),
    ("力争全年引进研究机构5至7家。", "研究机构"),  # 研究 names the body's work after the verb 引进
    ("关停污染企业20家。", "污染企业"),
    ("新建学校20所。", "学校"),  # 新建 is the action (jieba tags it a place name)
])
def test_nouns_jieba_misreads_are_whole(text, label):
    assert find_figures(text)[0].label == label


@pytest.mark.parametrize(("text", "label"), [
    ("完成审查规范性文件20件。", "规范性文件"),  # a counted action governs its object
    ("开工建设道路50条以上。", "道路"),  # two actions in a row: 建设 is no kind of road
    ("筹集建设保障性住房1.5万套。", "保障性住房"),
])
def test_an_action_before_the_noun_stays_out_of_it(text, label):
    assert find_figures(text)[0].label == label


def test_levels_listed_before_a_shared_head_stay_in_the_label():
    figs = find_figures("国家级、省级医学重点学科由14个增至78个；")
    assert [(f.label, f.value) for f in figs] == [("国家级、省级医学重点学科", 14), ("国家级、省级医学重点学科", 78)]


def test_an_action_alone_names_nothing():
    assert find_figures("筹集和建设7200套以上。")[0].label is None


@pytest.mark.parametrize(("text", "label"), [
    ("实际利用外资1620亿元、增长6.5%，", "实际利用外资"),
    ("网络零售实现161.29亿元、大幅增长41.0%，", "网络零售"),
    ("进出口总额2.8万亿元，增长6.4%。", "进出口总额"),
])
def test_a_change_listed_after_a_figure_is_its_change(text, label):
    level, change = find_figures(text)
    assert (change.label, change.change) == (label, "increase") and level.label == label


def test_a_respectively_change_after_two_figures_is_not_the_last_ones():
    # 分别 pairs the rates with both figures: the first rate is not the second figure's.
    figs = find_figures("辖区税收718亿元、财政收入144.8亿元，分别增长29.1%和27.1%。")
    assert figs[2].label != "财政收入"
