"""Rules of the 政府工作报告 genre that the reader's checks of the genre eval brought up
(a numeral that begins a word, the dash headline, how a target's indicator was read, the
stages of a building target, a 新增 that leads counts, a unit's aside), each on more than the
shape it was seen in. Passages are real (govwork g02, g04, g06, g08, g09, g10) or rearranged."""

from __future__ import annotations

import pytest

from summarizer.evals.reader import summary_problems
from summarizer.extract.govwork.backend import extract_govwork
from summarizer.extract.govwork.targets import find_targets
from summarizer.extract.rules.summaries import build_summary
from summarizer.genre_views import target_cells
from summarizer.preprocess import clean


def _targets(text: str) -> list[tuple]:
    return [(t.indicator, t.value, t.unit, t.indicator_basis) for t in find_targets(text, 0, len(text))]


@pytest.mark.parametrize("text,start", [
    ("一些领域存在风险隐患，统筹发展和安全任务艰巨。", "一些领域"),
    ("五年来，我们深入学习贯彻党的理论，认真开展主题教育。", "五年来"),
    ("十件重点民生实事和383件民生微实事较好完成。", "十件重点"),
    ("一体推进盐田港区、综保区2个省级循环化改造试点建设。", "一体推进"),
    ("五年淘汰转型低端企业超1.7万家。", "五年淘汰"),
])
def test_a_numeral_that_begins_a_word_is_the_clauses_own(text, start):
    summary = build_summary(text, 0, len(text), [])
    assert summary.startswith(start), summary
    assert summary_problems(summary, text) == []


@pytest.mark.parametrize("text,start", [("二充分发挥人大监督作用，依法接受监督。", "充分发挥"),
                                        ("是加强组织领导，压实工作责任。", "加强组织")])
def test_a_marker_that_lost_its_numeral_or_its_shi_is_still_no_content(text, start):
    assert build_summary(text, 0, len(text), []).startswith(start)


@pytest.mark.parametrize("dash", ["——", "—", "　　——"])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_dash_headlines_marker_is_not_in_its_summary(dash, sep):
    report = sep.join([
        "各位代表：", "现在，我代表福田区人民政府，向大会报告政府工作。", "一、2023年工作回顾",
        f"{dash}经济发展向稳向好。预计地区生产总值超5500亿元，现代服务业增加值超4000亿元。",
        f"{dash}创新驱动提质提效。全社会研发投入90.06亿元，增长27.9%。",
        "二、2024年工作安排", "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。",
        "（一）加快建设现代化产业体系。推动产业集群发展。"])
    review = extract_govwork(clean(report)).review
    assert [i.summary[:6] for i in review] == ["经济发展向稳", "创新驱动提质"]
    assert all(i.evidence.startswith("—") for i in review)  # the evidence keeps it as written


@pytest.mark.parametrize("sep", ["、", "，"])
def test_a_building_stage_is_the_stage_of_the_first_fragments_object(sep):
    assert _targets(f"新开工及筹集人才住房和保障性住房8万套{sep}供应4.6万套。") == [
        ("新开工及筹集人才住房和保障性住房", 8.0, "万套", "stated"),
        ("人才住房和保障性住房供应", 4.6, "万套", "composed")] if sep == "、" else [
        ("新开工及筹集人才住房和保障性住房", 8.0, "万套", "stated"), ("供应", 4.6, "万套", "stated")]
    assert _targets("筹集建设保障性租赁住房3万套（间）、基本建成2万套，新建学校20所、改扩建15所。") == [
        ("筹集建设保障性租赁住房", 3.0, "万套", "stated"), ("保障性租赁住房基本建成", 2.0, "万套", "composed"),
        ("新建学校", 20.0, "所", "stated"), ("学校改扩建", 15.0, "所", "composed")]


def test_a_leading_xinzeng_leads_counts_not_a_rate():
    assert _targets("新增病床2000张、养老床位1000张、城镇调查失业率5.5%左右。") == [
        ("新增病床", 2000.0, "张", "stated"), ("新增养老床位", 1000.0, "张", "composed"),
        ("城镇调查失业率", 5.5, "%", "stated")]


def test_the_targets_table_marks_an_indicator_the_text_does_not_write():
    text = "万元GDP能耗、水耗分别下降4.3%、2.5%；城乡居民人均可支配收入分别增长7%和8%。"
    cells = [target_cells(t)[0] for t in find_targets(text, 0, len(text))]
    assert cells == ["万元GDP能耗下降（合成）", "万元GDP水耗下降（合成）", "城镇居民人均可支配收入增长（推断）",
                     "农村居民人均可支配收入增长（推断）"]


@pytest.mark.parametrize("summary", ["市政公共配套加快完善：新增供水能力10万吨/日",
                                     "新增污水集中处理能力6.5万吨/日"])
def test_a_rate_per_day_is_a_unit_not_a_bare_time_word(summary):
    text = f"{summary}。"
    assert summary_problems(summary, text) == []
    assert summary_problems(summary.replace("/日", "日"), text.replace("/日", "日"))  # a bare 日 is one


@pytest.mark.parametrize("sep", ["", "\n"])
def test_the_targets_passage_ends_at_the_first_sentence_that_sets_none(sep):
    # g13's and g04's shape; in a one-line text (sep "") nothing else ends the passage.
    text = ("今年发展的主要预期目标是：国内生产总值增长6.5%左右；城镇新增就业1100万人以上，城镇登记失业率4.5%以内。"
            f"居民消费价格涨幅3%左右。{sep}提出这样的预期目标，主要考虑：对我们这样一个拥有14亿人口的发展中国家来说，"
            "保持6.5%左右的增长，就能实现比较充分的就业，超过原定的近2万亿元规模。")
    start = text.index("：") + 1
    assert [(t.indicator, t.value) for t in find_targets(text, start, len(text))] == [
        ("国内生产总值增长", 6.5), ("城镇新增就业", 1100.0), ("城镇登记失业率", 4.5), ("居民消费价格涨幅", 3.0)]


@pytest.mark.parametrize("text,unit", [("在短短8个月建成投用", "个月"), ("规上工业增加值连续24个月保持两位数增长", "个月"),
                                       ("新建8个村级服务站", "个"), ("办理时限压缩至5个工作日", "个工作日")])
def test_a_duration_in_months_keeps_its_measure_word(text, unit):
    from summarizer.extract.rules import find_figures

    assert [f.unit for f in find_figures(text)] == [unit]


def _plans_and_review(report: str) -> tuple[list[str], list[str]]:
    extraction = extract_govwork(clean(report))
    return ([i.summary for i in extraction.review],
            [i.summary for i in extraction.plans + extraction.government_self_building])


# The unit's number (（一） 一是 1. 一、) is no content of its summary, whatever the numbering, on
# heading lines (海拉尔区 2016, govwork g19), run-in headlines (广东省 2018, g20), inline 一是… lists,
# and a report that lost its line breaks (its headings end with 。: heading lines without one run into
# their body there, another defect). The evidence keeps the number.
_SHAPES = {
    "heading lines": [
        "各位代表：", "一、2015年工作回顾", "（一）经济发展取得新成就",
        "面对经济下行压力，我区狠抓投资拉动和项目建设，保持了经济平稳增长。全年新增营业面积10万平方米。",
        "(二)政府自身建设取得新成效", "加快建设法治政府，严格规范执法行为，行政效能不断提升。",
        "二、2016年工作安排", "经济社会发展主要预期目标是：地区生产总值增长7.5%。",
        "（一）狠抓投资融资和项目建设，保持经济稳定增长", "坚持把投资作为稳增长、促发展的第一动力。",
        "一是准确把握政策，找准投资方向。紧密结合供给侧结构性改革，提高投资的有效性和精准性。",
        "二是创新招商、融资方式，激发发展动力。要主动适应政策变化，多渠道寻求建设资金。",
        "（二）推进绿色发展，筑牢生态安全屏障", "全面落实国家环境保护制度和主体功能区规划，完成3万亩退耕还林工程。"],
    "run-in headlines": [
        "各位代表：", "一、过去五年工作回顾", "重点抓了以下几个方面：",
        "（一）大力推进供给侧结构性改革。制定出台支持实体经济发展的10项措施，为企业新减负超过600亿元。",
        "（二）切实转变政府工作作风。严格落实中央八项规定精神，政府作风持续改善。",
        "二、2018年工作安排", "今年我省经济社会发展的主要预期目标：地区生产总值增长7%左右。",
        "1.加快建设制造强省。实施智能制造示范工程，全年新增应用机器人2万台左右。",
        "2.激发各类市场主体活力。健全中小微企业服务体系，促进企业上规模。"],
}


@pytest.mark.parametrize("shape,one_line", [("heading lines", False), ("run-in headlines", False),
                                            ("run-in headlines", True)])
def test_a_summary_does_not_keep_its_units_number(shape, one_line):
    report = ("" if one_line else "\n").join(_SHAPES[shape])
    extraction = extract_govwork(clean(report))
    items = extraction.review + extraction.plans + extraction.government_self_building
    assert len(items) >= 4
    for item in items:
        assert not any("unit's number" in p for p in summary_problems(item.summary, item.evidence)), item.summary
        assert item.summary[:2] in item.evidence[:12]  # the summary is the heading after the number
    assert any(i.evidence.startswith(("（", "(", "一是", "1.")) for i in items)  # the evidence keeps it
