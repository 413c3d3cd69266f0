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


def test_a_level_reached_with_nothing_naming_it_stays_unlabelled():
    # No 从/由 level before it and no indicator: a figure, but its label is not guessed.
    figs = find_figures("孤儿补助提高，提高到2000元。")
    assert [(f.label, f.value) for f in figs] == [(None, 2000)]
    # A change (not 到/至) keeps its direction and verb, as before.
    assert find_figures("满意度从82%上升了3%。")[-1].change == "increase"
