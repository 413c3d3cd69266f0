"""The rules of the 政府工作报告 genre, each on the shapes the genre allows: other numbering
(一、 （一） 1. 一是), no line breaks, other heading wording. Passages are real (the govwork
devset), rearranged into the other shapes; metadata lines are made for the purpose (the
devset has no title or subtitle)."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.extract.govwork.backend import extract_govwork
from summarizer.extract.govwork.metadata import govwork_metadata
from summarizer.extract.govwork.targets import find_targets
from summarizer.preprocess import clean


def _targets(text: str) -> list[tuple]:
    return [(t.indicator, t.value, t.value_high, t.unit, t.qualifier, t.comparison)
            for t in find_targets(text, 0, len(text))]


def test_targets_with_bounds_before_and_after_and_control_verbs():
    text = ("地区生产总值增长6%左右，固定资产投资完成2000亿元以上；城镇登记失业率控制在3%以内，"
            "居民消费价格涨幅3%以下，PM2.5年均浓度下降至26微克/立方米，最低生活保障标准提升至每月1000元左右。")
    assert _targets(text) == [
        ("地区生产总值增长", 6.0, None, "%", "about", None),
        ("固定资产投资完成", 2000.0, None, "亿元", "over", None),
        ("城镇登记失业率", 3.0, None, "%", "at_most", None),
        ("居民消费价格涨幅", 3.0, None, "%", "under", None),
        ("PM2.5年均浓度", 26.0, None, "微克/立方米", None, None),
        ("最低生活保障标准", 1000.0, None, "元", "about", None),
    ]


def test_one_verb_over_a_list_and_fragments_with_their_own_figures():
    assert _targets("万元GDP建设用地、水耗、电耗分别下降5%、5%、3%左右") == [
        ("万元GDP建设用地下降", 5.0, None, "%", "about", None),
        ("万元GDP水耗下降", 5.0, None, "%", "about", None),
        ("万元GDP电耗下降", 3.0, None, "%", "about", None),
    ]
    assert _targets("新增病床2000张、养老床位1000张") == [
        ("新增病床", 2000.0, None, "张", None, None), ("新增养老床位", 1000.0, None, "张", None, None)]


def test_ranges_and_figureless_targets():
    assert _targets("本地生产总值增长8—8.5%，居民人均收入与经济增长基本同步") == [
        ("本地生产总值增长", 8.0, 8.5, "%", None, None),
        ("居民人均收入", None, None, None, None, "与经济增长基本同步"),
    ]
    assert _targets("地区生产总值增长6.8%、实际工作中争取更好结果") == [("地区生产总值增长", 6.8, None, "%", None, None)]
    # the verb first: what is done is the indicator
    assert _targets("全面完成年度节能减排任务；完成国家下达的能耗强度控制目标任务") == [
        ("年度节能减排任务", None, None, None, None, "全面完成年度节能减排任务"),
        ("能耗强度", None, None, None, None, "完成国家下达的能耗强度控制目标任务"),
    ]
    assert _targets("居民收入增长和经济增长同步，进出口促稳提质，固定资产投资保持稳定增长") == [
        ("居民收入增长", None, None, None, None, "和经济增长同步"),
        ("进出口", None, None, None, None, "促稳提质"),
        ("固定资产投资", None, None, None, None, "稳定"),
    ]
    assert _targets("节能减排约束性指标完成国家下达年度计划") == [
        ("节能减排约束性指标", None, None, None, None, "完成国家下达年度计划")]


@pytest.mark.parametrize("subtitle,session,speaker,date", [
    ("——2026年1月27日在广东省第十四届人民代表大会第五次会议上\n省长　王伟中", "第十四届人民代表大会第五次会议",
     "王伟中", dt.date(2026, 1, 27)),
    ("——2014年1月8日在罗湖区六届人大三次会议上\n区长 贺海涛", "第六届人民代表大会第三次会议", "贺海涛",
     dt.date(2014, 1, 8)),
])
def test_title_and_subtitle_give_session_speaker_and_date(subtitle, session, speaker, date):
    text = f"政府工作报告\n{subtitle}\n各位代表：\n现在，我代表罗湖区人民政府，向大会报告政府工作。"
    m = govwork_metadata(text)
    assert (m.title, m.issuer, m.issuer_level) == ("政府工作报告", "罗湖区", "county")  # a bare title names no issuer
    assert (m.congress_session, m.speaker, m.delivery_date) == (session, speaker, date)
    assert (m.session_year, m.report_year) == (date.year, date.year - 1)


def test_years_from_the_headings_and_a_session_named_in_the_body_is_not_the_report_s():
    text = ("各位代表：\n我代表盐田区人民政府，向大会报告政府工作。\n2019年工作回顾\n过去一年，我们较好完成区五届人大"
            "五次会议确定的各项工作任务。")
    m = govwork_metadata(text)
    assert (m.session_year, m.report_year, m.congress_session) == (2020, 2019, None)
    m = govwork_metadata("各位代表：\n我代表省人民政府向大会报告工作。\n二、2025年工作安排\n广东省经济。广东省发展。")
    assert (m.issuer, m.issuer_level, m.session_year) == ("广东省", "province", 2025)


REVIEW_UNITS = ("（一）致力调结构、促转型，经济发展量质齐升。牢牢把握高质量发展要求，新认定国家级高新技术企业13家。",
                "（二）致力强供给、优服务，民生福祉厚植增优。民生领域投入49.48亿元，增长38.4%。")
PROBLEMS = ("在看到成绩的同时，我们也必须清醒认识到，盐田的发展还面临不少困难和挑战。"
            "一是支柱产业转型步伐较慢，产业整体竞争力还需提升。二是掌握核心技术的企业不多，科技创新引领带动作用发挥不足。"
            "对此，我们将采取有力措施，认真加以解决。")
TARGETS = "今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长5.0%。"
PLANS = ("（一）奋力决战港口基础设施建设攻坚行动。协调推动东港区3个20万吨级超大型深水泊位开工建设。",
         "（二）奋力决战交通体系构建攻坚行动。推动盐龙大道南段建设。",
         ("（三）全面加强政府自身建设。一是抓学习、深调研、重实干。深入学习宣传贯彻党的精神。"
          "二是提高依法行政水平，建设法治政府。坚决执行法律法规。"))


def _report(review_heading: str, plans_heading: str, numbering=lambda s: s, sep: str = "\n") -> str:
    parts = ["各位代表：", "现在，我代表盐田区人民政府，向大会报告政府工作。", review_heading,
             *map(numbering, REVIEW_UNITS), PROBLEMS, plans_heading, TARGETS, *map(numbering, PLANS)]
    return sep.join(parts)


@pytest.mark.parametrize("review_heading,plans_heading", [
    ("一、2019年工作回顾", "二、2020年工作安排"),
    ("2019年工作回顾", "2020年主要工作任务"),
    ("一、过去一年的工作", "二、今年的工作安排"),
])
@pytest.mark.parametrize("numbering", [lambda s: s, lambda s: s.replace("（一）", "1.").replace("（二）", "2.")
                                       .replace("（三）", "3.")], ids=["（一）", "1."])
def test_the_parts_under_other_heading_wording_and_numbering(review_heading, plans_heading, numbering):
    ex = extract_govwork(clean(_report(review_heading, plans_heading, numbering)))
    assert [i.evidence[-12:] for i in ex.review] == [numbering(u)[-12:] for u in REVIEW_UNITS]
    assert [i.evidence[:6] for i in ex.problems] == ["一是支柱产业", "二是掌握核心"]
    assert [(t.indicator, t.value) for t in ex.targets] == [("地区生产总值增长", 6.5), ("一般公共预算收入增长", 5.0)]
    assert [i.evidence[:8] for i in ex.plans] == [numbering(u)[:8] for u in PLANS[:2]]
    assert [i.evidence[:6] for i in ex.government_self_building] == ["一是抓学习、", "二是提高依法"]
    year = 2019 if "2019" in review_heading else None  # a report that names no year leaves it unknown
    assert (ex.metadata.issuer, ex.metadata.report_year) == ("盐田区", year)


def test_problems_as_clauses_after_a_colon_and_as_sentences():
    clauses = ("各位代表：\n我代表省人民政府向大会报告工作。\n一、2020年工作回顾\n（一）经济运行平稳，全年增长2.3%。\n"
               "我们清醒认识到，实现高质量发展仍然面临不少困难和挑战：外部环境不稳定不确定因素较多，经济发展形势依然复杂严峻；"
               "关键核心技术“卡脖子”问题依然突出，产业链供应链自主可控水平还不够高。\n二、2021年工作安排\n" + TARGETS)
    ex = extract_govwork(clean(clauses))
    assert [i.evidence[:6] for i in ex.problems] == ["外部环境不稳", "关键核心技术"]
    sentences = clauses.replace("面临不少困难和挑战：", "面临不少困难和挑战。").replace("；", "。")
    assert [i.evidence[:6] for i in extract_govwork(clean(sentences)).problems] == ["外部环境不稳", "关键核心技术"]


def test_a_report_without_line_breaks_still_gives_its_enumerated_problems_and_targets():
    ex = extract_govwork(clean("".join(_report("一、2019年工作回顾", "二、2020年工作安排", sep=""))))
    assert [i.evidence[:6] for i in ex.problems][:2] == ["一是支柱产业", "二是掌握核心"]
    assert ("地区生产总值增长", 6.5) in [(t.indicator, t.value) for t in ex.targets]


def test_a_title_found_by_preprocessing_is_used_when_the_first_line_is_not_one():
    text = "各位代表：\n现在，我代表市人民政府，向大会报告政府工作。\n一、2023年工作回顾\n"
    m = govwork_metadata(text, found_title="2024年深圳市政府工作报告")
    assert (m.title, m.issuer, m.issuer_level, m.session_year) == ("2024年深圳市政府工作报告", "深圳市", "city", 2024)
    assert govwork_metadata(text, found_title="首页").title is None
