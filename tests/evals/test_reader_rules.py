"""The well-formedness rules of issue 16 (evals/README.md, "What a reader sees"): each flags the
broken shapes the issue quotes and accepts whole clauses, on several shapes the genre allows."""

from __future__ import annotations

import pytest

from summarizer.evals.reader import (
    check_items,
    figure_problems,
    label_problem,
    summary_problems,
    unit_problem,
)
from summarizer.schema import Figure, Item, Span

# A real passage (seeds/001), as scraped: ASCII commas, one line.
DUCHA = ("二是开展法治建设督察工作。积极配合国家、省、市开展新一轮法治建设督察工作,8月24日至26日,"
         "组织开展法治政府建设和法治化营商环境建设实地督察,组成3个督察组对33家单位进行了实地督察检查。")


def _item(text: str, summary: str = "x", figures=()) -> Item:
    return Item(summary=summary, evidence=text, span=Span(start=0, end=len(text)), figures=list(figures))


def _figure(text: str, phrase: str, value: float, unit: str, label: str | None) -> Figure:
    at = text.index(phrase)
    figure = Figure(label=label or "-", value=value, unit=unit, evidence=phrase,
                    span=Span(start=at, end=at + len(phrase)))
    if label is None:  # main's schema requires a label; branch i16-summaries makes it Optional (null)
        object.__setattr__(figure, "label", None)
    return figure


@pytest.mark.parametrize("summary", [
    "开展法治建设督察工作：组成3个督察组，33家单位",  # the example: stitched, cut before 对/进行了
    "开展法治建设督察工作：组成3个督察组",  # cut: the clause goes on (对33家单位…)
    "积极配合国家、省、市开展新一轮法治建设督察工作,组成3个督察组对33家单位进行了实地督察检查",  # stitched
])
def test_stitched_or_cut_clauses_are_flagged(summary):
    problems = summary_problems(summary, DUCHA, _item(DUCHA))
    assert any("cut before" in p or "stitched" in p for p in problems), problems


@pytest.mark.parametrize("summary", [
    "开展法治建设督察工作",  # the unit's heading, ending at its full stop
    "开展法治建设督察工作：组成3个督察组对33家单位进行了实地督察检查",  # heading + one whole clause
    "组织开展法治政府建设和法治化营商环境建设实地督察,组成3个督察组对33家单位进行了实地督察检查",  # two contiguous clauses
])
def test_whole_clauses_are_accepted(summary):
    assert summary_problems(summary, DUCHA, _item(DUCHA)) == []


@pytest.mark.parametrize("tail", ["的", "和", "及", "等", "对", "全部", "共", "年初以来"])
def test_a_dangling_last_word_is_flagged(tail):
    text = "全面推进依法行政工作" + tail + "各项任务。"
    problems = summary_problems("全面推进依法行政工作" + tail, text, _item(text))
    assert any("dangling" in p or "time word" in p for p in problems), problems


@pytest.mark.parametrize("text,summary", [
    # one-line text that lost its line breaks: 1. glued to the heading before it
    ("一、推进法治政府建设1.深入学习习近平法治思想。2.健全制度。", "推进法治政府建设1.深入学习习近平法治思想"),
    ("（一）加强组织领导（二）完善制度体系。", "加强组织领导（二）完善制度体系"),
    ("一是强化学习二是健全机制。", "强化学习二是健全机制"),
])
def test_joined_headings_are_flagged(text, summary):
    assert "joins numbered headings" in summary_problems(summary, text, _item(text))


def test_a_heading_that_ends_where_the_next_unit_begins_is_whole():
    text = "一、推进法治政府建设1.深入学习习近平法治思想。"
    assert summary_problems("推进法治政府建设", text, _item(text)) == []
    # a number inside a clause is no heading marker: “1.3.5分钟”快速反应
    text2 = "常态化开展“1.3.5分钟”快速反应演练。"
    assert summary_problems("常态化开展“1.3.5分钟”快速反应演练", text2, _item(text2)) == []


@pytest.mark.parametrize("text,phrase,value,unit", [
    ("全年接待来访企业300家次，办理时限压缩至5个工作日。", "300家", 300, "家"),
    ("办理时限压缩至5个工作日。", "5个", 5, "个"),
    ("培训执法人员1200人次。", "1200人", 1200, "人"),
])
def test_a_cut_unit_is_flagged(text, phrase, value, unit):
    figure = _figure(text, phrase, value, unit, "企业")
    assert unit_problem(text, figure) is not None


@pytest.mark.parametrize("text,phrase,value,unit", [
    ("全年接待来访企业300家次。", "300家次", 300, "家次"),
    ("办理时限压缩至5个工作日。", "5个工作日", 5, "个工作日"),
    ("组成3个督察组对33家单位进行了实地督察检查。", "33家", 33, "家"),
    ("群发短信30万余条。", "30万余条", 30, "万条"),
])
def test_a_unit_as_written_is_accepted(text, phrase, value, unit):
    assert unit_problem(text, _figure(text, phrase, value, unit, "短信")) is None


@pytest.mark.parametrize("text,phrase,value,unit,label", [
    ("推动涉及的84家失信被执行企业清理整顿。", "84家", 84, "家", "推动涉及"),  # verbs
    ("清理规范性文件，废止3件。", "废止3件", 3, "件", "废止"),  # a lone verb
    ("受理案件120件，相较去年增长20%。", "20%", 20, "%", "相较去年"),  # a time phrase
    ("办理行政复议案件15件。", "15件", 15, "件", "行政"),  # a torn word (行政复议)
    ("组织行政执法人员培训12场。", "12场", 12, "场", "行政"),  # stops inside its noun phrase
])
def test_a_label_that_is_no_noun_phrase_is_wrong(text, phrase, value, unit, label):
    assert label_problem(text, _figure(text, phrase, value, unit, label)) is not None


@pytest.mark.parametrize("text,phrase,value,unit,label", [
    # a list's closing 等 glued by jieba's HMM to the next character (等区 one word in context)
    ("修订《房屋补偿实施办法》等区规范性文件28件。", "28件", 28, "件", "等区规范性文件"),
    ("清理《办法》、《规定》等区级规范性文件5件。", "5件", 5, "件", "等区级规范性文件"),
    # 来邮 (mail received) is no dictionary word: jieba splits it 来|邮 and the label starts inside it
    ("共接到来电投诉270余宗，来邮投诉260余宗。", "260余宗", 260, "宗", "邮投诉"),
    ("其中来邮投诉12件，均已办结。", "12件", 12, "件", "邮投诉"),
    ("农村冬季用煤补贴193万元。", "193万元", 193, "万元", "煤补贴"),  # 用煤 (coal use) split 用|煤
    # a label ending inside a compound: 省级|卫生|村 (村 a one-character noun, jieba: zg)
    ("全县共有省级卫生村12个。", "12个", 12, "个", "省级"),
    ("全县共有省级卫生村12个。", "12个", 12, "个", "省级卫生"),
])
def test_a_label_starting_inside_a_list_or_an_unknown_word_is_wrong(text, phrase, value, unit, label):
    problem = label_problem(text, _figure(text, phrase, value, unit, label))
    assert problem is not None


@pytest.mark.parametrize("text,phrase,value,unit,label", [
    ("参与率100%，及格率100%。", "及格率100%", 100, "%", "及格率"),  # 及格 is a word
    ("评定等级评定结果12项。", "12项", 12, "项", "等级评定结果"),  # 等级 is a word
    ("共接到来电投诉270余宗，来邮投诉260余宗。", "260余宗", 260, "宗", "来邮投诉"),
    ("建成36个所长个人调解室和43例特色个人调解室。", "36个", 36, "个", "所长个人调解室"),  # 室|和
    ("对8个县（市、区）开展督察。", "8个县", 8, "个", "县"),  # after its measure word
    ("全县共有省级卫生村12个。", "12个", 12, "个", "省级卫生村"),  # 村 (jieba: zg) ends the noun
    ("PCT国际专利申请量超5800件。", "5800件", 5800, "件", "国际专利申请量"),  # 量|超: 超 leads to the number
    ("社会投资占总投资比重超过80%。", "80%", 80, "%", "总投资比重"),  # 占|总: 总 (b) opens the noun
])
def test_a_label_at_word_and_list_edges_is_accepted(text, phrase, value, unit, label):
    assert label_problem(text, _figure(text, phrase, value, unit, label)) is None


@pytest.mark.parametrize("text,phrase,value,unit,label", [
    ("受理行政复议案件81件。", "受理行政复议案件81件", 81, "件", "行政复议案件"),
    ("组成3个督察组对33家单位进行了实地督察检查。", "33家单位", 33, "家", "单位"),
    ("覆盖全镇389个村。", "389个村", 389, "个", "村"),
    ("行政机关负责人出庭应诉率达100%。", "出庭应诉率达100%", 100, "%", "行政机关负责人出庭应诉率"),
    ("拆除新增“两违”703宗。", "“两违”703宗", 703, "宗", "“两违”"),  # a quoted name (jieba: vg)
    ("开展“四门四访”共计107批。", "“四门四访”共计107批", 107, "批", "“四门四访”"),
])
def test_a_noun_phrase_label_is_accepted(text, phrase, value, unit, label):
    assert label_problem(text, _figure(text, phrase, value, unit, label)) is None


def test_no_label_is_counted_apart_and_is_not_wrong():
    text = "相较去年增长20%。"
    figure = _figure(text, "20%", 20, "%", None)
    _, problems = figure_problems(text, figure, _item(text))
    assert problems == ["no label"]
    result = check_items([_item(text, "相较去年增长20%", [figure])], text, [])
    assert (result.label_empty, result.label_bad, result.problems) == (1, 0, [])


@pytest.mark.parametrize("text,summary", [
    # a list copied whole, its 、 written as ，
    ("建成区级公共法律服务中心1个、乡镇公共法律服务工作站7个、村居公共法律服务室15个。",
     "增强公共法律服务供给能力：建成区级公共法律服务中心1个，乡镇公共法律服务工作站7个，村居公共法律服务室15个"),
    # a leading adverb dropped from the second clause (已办结 → 办结)
    ("截至目前，共受理12345诉求件1388件，已办结1388件，及时办结率100%。", "受理12345诉求件1388件，办结1388件"),
])
def test_whole_lists_and_dropped_connectives_are_accepted(text, summary):
    assert summary_problems(summary, text, _item(text)) == []


def test_a_list_cut_before_its_next_member_is_flagged():
    text = "充分发挥法律顾问作用，为20个乡镇政府和13家县直单位配备法律顾问。"
    problems = summary_problems("充分发挥法律顾问作用：20个乡镇政府", text, _item(text))
    assert any("cut before '和13家'" in p for p in problems), problems


def test_a_heading_on_its_own_line_is_whole_and_ordinals_are_no_markers():
    text = "（一）加强组织领导\n成立法治政府建设领导小组，第一、二季度各召开会议1次。"
    assert summary_problems("加强组织领导", text, _item(text)) == []
    assert summary_problems("成立法治政府建设领导小组，第一、二季度各召开会议1次", text, _item(text)) == []
    assert "joins numbered headings" in summary_problems("加强组织领导（二）健全制度", "（一）加强组织领导（二）健全制度。",
                                                        _item("（一）加强组织领导（二）健全制度。"))


def test_a_space_between_number_and_unit_is_not_a_cut_unit():
    from summarizer.evals.reader import unit_problem
    from summarizer.schema import Figure, Span

    text = "公证时限由15个压缩至 5 个工作日，配备专职人民调解员 62 人，共享单车停放6千余辆次。"
    def fig(quote: str, value: float, unit: str) -> Figure:
        start = text.index(quote)
        return Figure(label=None, value=value, unit=unit, evidence=quote, span=Span(start=start, end=start + len(quote)))
    assert unit_problem(text, fig("5 个工作日", 5, "个工作日")) is None
    assert unit_problem(text, fig("62 人", 62, "人")) is None
    assert "cuts" in unit_problem(text, fig("6千余辆", 6, "千辆"))


@pytest.mark.parametrize("summary", ["依法整治“两违”：拆除面积达7850㎡", "推进行政执法：处置率达86%"])
def test_a_summary_may_end_with_a_unit_symbol(summary):
    text = summary.replace("：", "。") + "。"
    assert not [p for p in summary_problems(summary, text, _item(text)) if p.startswith("ends with")]
