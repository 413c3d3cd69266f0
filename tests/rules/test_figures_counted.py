"""Figures the genre states and how it names what they count (issue 16, closing the gaps).

Each rule is tested on a real passage shape and on other wordings the genre allows."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.figures import find_figures


def _shown(text: str) -> list[tuple[str | None, float, str]]:
    return [(f.label, f.value, f.unit) for f in find_figures(text)]


@pytest.mark.parametrize(("text", "label"), [
    ("推出108项涉台政务服务事项。", "涉台政务服务事项"),  # jieba reads 项涉 in context
    ("新增12项便民服务事项，", "便民服务事项"),
    ("为游客和825万辆进出岛车辆营造安全出行环境", "进出岛车辆"),
    ("已完成31张听证员证发放工作。", "听证员证"),
    ("办理县政协一次会议3件提案的答复意见，", "提案"),  # 3件提案|的答复意见: the measure word binds 提案
    ("完成11个区直执法部门的公告", "区直执法部门"),
    ("对报送备案的55份行政规范性文件严格审查，", "行政规范性文件"),  # not 备案 from the 的-phrase
    ("对需修订的15个文件启动修订工作；", "文件"),  # 启动 starts the predicate
    ("推动62所学校落实交通安全标准化创建。", "学校"),
])
def test_the_noun_after_the_measure_word_is_what_is_counted(text, label):
    assert find_figures(text)[0].label == label


@pytest.mark.parametrize(("text", "label"), [
    ("持续推动25个“高效办成一件事”事项落地实施。", "“高效办成一件事”事项"),
    ("拆除新增“两违”703宗，", "“两违”"),
    ("开展“四门四访”活动共计107批，", "“四门四访”活动"),
    ("其中社保业务“全程网办”率达100%。", "社保业务“全程网办”率"),
])
def test_a_quoted_name_is_one_noun(text, label):
    assert find_figures(text)[0].label == label


@pytest.mark.parametrize(("text", "label"), [
    ("本年度审查率达100%。", "审查率"),  # jieba's 率达
    ("群众满意率达98.5%", "群众满意率"),
    ("参与人数为300人", "参与人数"),  # 人数 alone names no one: the words before it stay (fig-trust)
])
def test_a_filler_glued_to_a_rate_is_not_in_its_label(text, label):
    assert find_figures(text)[0].label == label


@pytest.mark.parametrize("text", ["入选省级8个推进信访工作法治化试点", "确定重大3项，"])
def test_a_modifier_alone_names_no_thing(text):
    assert find_figures(text)[0].label is None


@pytest.mark.parametrize(("text", "expected"), [
    ("办理破坏市场经济秩序犯罪案件112件152人，", [112.0, 152.0]),  # cases and people
    ("开展核酸检测15轮305612人次。", [15.0, 305612.0]),
    ("拆除违建703宗33576平方米，", [703.0, 33576.0]),
    ("开展“四门四访”共计107批 247人次。", [107.0, 247.0]),  # a blank between them (PDF)
])
def test_a_thing_counted_in_two_units_gives_two_figures(text, expected):
    figures = find_figures(text)
    assert [f.value for f in figures] == expected
    assert figures[1].label is None  # what the second unit counts is not written


@pytest.mark.parametrize(("text", "values"), [
    ("全年实现132天零刑事警情、270天零电诈警情，", [132.0, 270.0]),
    ("为1200万名往来游客和825万辆进出岛车辆营造安全环境", [1200.0, 825.0]),
    ("共有3名律师、5名公证员，", [3.0, 5.0]),
])
def test_a_figure_listed_after_another_is_kept(text, values):
    assert [f.value for f in find_figures(text)] == values


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("有奖知识竞答，累计500余人次参加，进一步增强", 500.0, "人次"),
    ("开展岗前培训，共计约600人参加，", 600.0, "人"),
    ("举办专题讲座，1200余名干部职工参训。", 1200.0, "名"),
])
def test_people_taking_part_are_a_figure(text, value, unit):
    figure = find_figures(text)[-1]
    assert (figure.value, figure.unit) == (value, unit)


def test_a_bare_number_after_a_clause_break_is_still_no_figure():
    assert find_figures("会议研究了3，并部署5。") == []
    assert find_figures("次数为3，") == []


@pytest.mark.parametrize(("text", "unit"), [
    ("增设法治专题课程7门，", "门"), ("拆除面积达7850㎡。", "㎡"), ("新建场地1200m²，", "m²"),
])
def test_units_courses_and_square_metres(text, unit):
    assert find_figures(text)[0].unit == unit


@pytest.mark.parametrize(("text", "value", "unit", "scale"), [
    ("共享单车停放6千余辆次，", 6.0, "千辆次", 1e3),  # magnitude, 余, then a unit of times
    ("出动执法车辆120辆次，", 120.0, "辆次", 1.0),
    ("出动船只8艘次。", 8.0, "艘次", 1.0),
    ("检查企业1.2万家次，", 1.2, "万家次", 1e4),
])
def test_a_measure_word_and_ci_make_a_unit_of_times(text, value, unit, scale):
    figure = find_figures(text)[0]
    assert (figure.value, figure.unit, figure.scale) == (value, unit, scale)


def test_ci_of_the_next_day_or_year_is_no_unit():
    assert find_figures("受理案件12辆，次年办结")[0].unit == "辆"
    assert find_figures("查扣车辆12辆次日返还")[0].unit == "辆"


@pytest.mark.parametrize(("text", "label"), [
    ("全年召开党委理论学习中心组（扩大）学习12场，", "党委理论学习中心组（扩大）学习"),
    ("召开区委常委会（扩大）会议5次，", "区委常委会（扩大）会议"),
])
def test_a_short_note_in_brackets_stays_inside_the_label(text, label):
    assert find_figures(text)[0].label == label


@pytest.mark.parametrize("text", ["共排查矛盾纠纷5785件，调解成功5762件，", "受理案件80件，化解成功78件，"])
def test_an_action_and_its_result_names_no_thing(text):
    assert find_figures(text)[1].label is None
