"""Rules of the 政府工作报告 genre brought up by reports read first-seen (罗湖区 2015, the follow
pair's later report; 海拉尔区 2016 and 广东省 2018, govwork g19 and g20), each on the passage it was
seen in and on other shapes the genre allows (numbering, line breaks, heading wording)."""

from __future__ import annotations

import pytest

from summarizer.extract.govwork.backend import extract_govwork
from summarizer.preprocess import clean

_OPENING = ["各位代表：", "现在，我代表区人民政府，向大会报告政府工作，请予审议。", "一、2014年工作回顾",
            "（一）经济发展迈上新台阶。全区生产总值增长8%，总部企业达到30家。",
            "在看到成绩的同时，我们也清醒地认识到，我区发展还面临不少困难和问题：产业空间不足；公共服务供给不足。",
            "二、2015年工作安排", "2015年主要预期目标是：本区生产总值增长7.6%左右。"]
_APPEAL = "各位代表，罗湖正处在转型发展的关键时期。让我们凝心聚力、攻坚克难，为建设现代化国际化先进城区而努力奋斗！"


def _report(tasks: list[str], after: list[str], sep: str = "\n") -> str:
    return sep.join([*_OPENING, *tasks, _APPEAL, *after])


_TASKS = ["（一）抢抓“一带一路”发展机遇，打造国际消费中心升级版", "主动融入国家战略，深化电商与实体经济融合。",
          "（二）精耕二次开发试验田，种出城市更新高产田", "开工建设8个城市更新项目，加快推进项目建设。"]


# The notes that explain how the year's indicators were estimated, after the closing appeal, are an
# appendix: none of their units (一、本区生产总值 / 二、商贸业增加值) is a task (罗湖区 2015).
@pytest.mark.parametrize("heading", ["2015年主要指标测算说明", "附：2015年主要经济指标说明", "附表", "主要预期目标编制说明",
                                     "2015年主要指标预测依据"])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_notes_after_the_closing_appeal_are_no_plans(heading, sep):
    notes = [heading, "一、本区生产总值", "罗湖经济增长的动力主要来自于金融、商贸和其他服务业三大重点行业的贡献。",
             "二、商贸业增加值", "商贸业是我区的第二大行业，预计2015年商贸业增加值增速为4%左右。"]
    plans = extract_govwork(clean(_report(_TASKS, notes, sep))).plans
    assert [p.summary[:4] for p in plans] == ["抢抓“一", "精耕二次"]
    assert not any("商贸业增加值" in p.evidence for p in plans)


def test_a_closing_appeal_with_nothing_after_it_ends_nothing():
    plans = extract_govwork(clean(_report(_TASKS, []))).plans
    assert len(plans) == 2 and plans[-1].evidence.endswith("加快推进项目建设。")


_RULE_OF_LAW_FIRST = {
    # as 罗湖区 2015 writes it: heading lines over run-in paragraphs
    "heading lines": ["（一）争当法治政府排头兵，推进城区治理体系和治理能力现代化再提升",
                      "法治政府建设是法治城区建设的引领和示范。深化行政决策改革。创新“开门决策”方式方法。"],
    # the same as run-in headlines of one paragraph
    "run-in": ["（一）争当法治政府排头兵，推进城区治理体系和治理能力现代化再提升。法治政府建设是法治城区建设的引领和示范。"],
    # another wording of a government to strive for
    "廉洁政府": ["（一）建设廉洁政府，营造风清气正的营商环境", "深化行政审批制度改革，全面推行权力清单和责任清单制度。"],
}


# A task headed by the rule of law or a 法治政府 to strive for, before the other tasks, is one of the
# tasks: the genre closes its tasks with the self-building (罗湖区 2015's (一)).
@pytest.mark.parametrize("shape", sorted(_RULE_OF_LAW_FIRST))
def test_a_rule_of_law_task_before_the_others_is_a_plan(shape):
    tasks = _RULE_OF_LAW_FIRST[shape] + [t.replace("（一）", "（二）").replace("（二）精耕", "（三）精耕") for t in _TASKS]
    extraction = extract_govwork(clean(_report(tasks, [])))
    assert len(extraction.plans) == 3 and extraction.government_self_building == []
    assert extraction.plans[0].summary.startswith(("争当法治政府", "建设廉洁政府"))


@pytest.mark.parametrize("shape", sorted(_RULE_OF_LAW_FIRST))
def test_the_last_task_on_the_governments_own_building_still_is_the_self_building(shape):
    tasks = _RULE_OF_LAW_FIRST[shape] + [
        "（二）精耕二次开发试验田，种出城市更新高产田", "开工建设8个城市更新项目。",
        "（三）加强政府自身建设，建设人民满意的服务型政府", "建设法治政府。坚持依法行政。", "建设廉洁政府。严格落实八项规定。"]
    extraction = extract_govwork(clean(_report(tasks, [])))
    assert [i.summary[:4] for i in extraction.plans] == [extraction.plans[0].summary[:4], "精耕二次"]
    assert [i.summary[:6] for i in extraction.government_self_building] == ["加强政府自身"]


_SELF_BUILDING_HEADINGS = {
    "run-in headline": "（十）切实加强政府自身建设，继续转变职能改进作风，建设人民满意的服务型政府。",
    "heading line": "（十）切实加强政府自身建设，继续转变职能改进作风，建设人民满意的服务型政府",
    "other wording": "（十）加强自身建设，全面提升依法行政能力",
}


# A self-building unit's run-in paragraphs stay its own, even one that names the self-building as a
# section would open it (建设人民满意的服务型政府。…, 广东省 2018, govwork g20's (十)).
@pytest.mark.parametrize("shape", sorted(_SELF_BUILDING_HEADINGS))
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_run_in_paragraph_naming_the_self_building_stays_in_its_unit(shape, sep):
    tasks = [*_TASKS, _SELF_BUILDING_HEADINGS[shape], "坚持和加强党的全面领导，加快政府职能转变。",
             "建设法治政府。自觉接受人大监督，坚持科学民主依法决策。",
             "建设人民满意的服务型政府。认真落实中央八项规定和实施细则精神，驰而不息纠正“四风”。"]
    extraction = extract_govwork(clean(_report(tasks, [], sep)))
    assert len(extraction.plans) == 2
    (unit,) = extraction.government_self_building
    assert unit.evidence.startswith("（十）") and unit.evidence.endswith("驰而不息纠正“四风”。")


def test_a_paragraph_that_opens_the_self_building_after_a_task_still_opens_it():
    tasks = [*_TASKS, "打造人民群众满意的政府。各级政府要坚持依法行政，自觉接受监督。"]
    extraction = extract_govwork(clean(_report(tasks, [])))
    assert len(extraction.plans) == 2
    assert [i.summary[:6] for i in extraction.government_self_building] == ["打造人民群众"]


_LIST = "扎实办好十件民生实事。一是提高山区边远地区学校教师生活补助。二是提升劳动者就业技能素质。三是提高困难群众救助补助标准。"
_BODY = ["提高就业质量和居民收入水平。实施就业优先战略和更加积极的就业政策，促进失业人员再就业50万人。",
         "优先发展教育事业。大力发展公办幼儿园，加大对普惠性幼儿园的扶持力度。",
         "推进健康广东建设。大力推进综合医改，强化“三医联动”。"]
_AFTER = "扎实做好国防教育、国防动员、双拥共建等工作。继续做好民族、宗教、对台、人防等工作。"


# A list 一是…十是 in one paragraph of a task of several (广东省 2018, govwork g20's (九)): the list's
# units are items, the rest of the task before it one more, and a paragraph after it another.
@pytest.mark.parametrize("heading", ["（九）全面发展各项社会事业，扎实办好十件民生实事，更好地保障和改善民生。",
                                     "（九）全面发展各项社会事业，更好地保障和改善民生"])
@pytest.mark.parametrize("after", [[_AFTER], []])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_list_in_one_paragraph_of_a_task_leaves_the_rest_of_the_task_an_item(heading, after, sep):
    tasks = [*_TASKS, heading, *_BODY, _LIST, *after]
    plans = extract_govwork(clean(_report(tasks, [], sep))).plans
    assert [p.summary[:4] for p in plans] == ["抢抓“一", "精耕二次", "全面发展", "提高山区", "提升劳动", "提高困难",
                                             *(["扎实做好"] if after else [])]
    rest = plans[2]
    assert rest.evidence.startswith("（九）") and rest.evidence.endswith("强化“三医联动”。")
    assert plans[5].evidence == "三是提高困难群众救助补助标准。"


def test_a_task_divided_into_its_list_gives_no_item_for_its_heading():
    # heading and one framing paragraph over the list: the list's units are the items (g02's shape)
    tasks = [*_TASKS, "（九）扎实办好民生实事", "坚持以人为本、民生优先。", _LIST.replace("扎实办好十件民生实事。", "")]
    plans = extract_govwork(clean(_report(tasks, []))).plans
    assert [p.summary[:4] for p in plans] == ["抢抓“一", "精耕二次", "提高山区", "提升劳动", "提高困难"]



def _targets(text: str) -> list[tuple]:
    from summarizer.extract.govwork.targets import find_targets
    return [(t.indicator, t.value, t.unit, t.qualifier, t.comparison, t.indicator_basis)
            for t in find_targets(text, 0, len(text))]


# One verb and one figure over a list of indicators (…、…均增长8%, 海拉尔区 2016, govwork g19): one
# target per indicator, named with the verb, as 分别 gives.
@pytest.mark.parametrize("listed,names", [
    ("城镇常住居民人均可支配收入、农村常住居民人均可支配收入", ["城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"]),
    ("城镇、农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("城镇和农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("社会消费品零售总额和进出口总额", ["社会消费品零售总额", "进出口总额"]),
])
@pytest.mark.parametrize("bound,qualifier", [("", None), ("左右", "about")])
def test_one_figure_over_listed_indicators_is_a_target_each(listed, names, bound, qualifier):
    assert _targets(f"{listed}均增长8%{bound}；主要约束性指标达到上级要求") == [
        *((n + "增长", 8.0, "%", qualifier, None, "composed") for n in names),
        ("主要约束性指标", None, None, None, "达到上级要求", "stated")]


# A list whose last item carries the measure (大气、水环境质量, 广东省 2018, govwork g20): the earlier
# bare item is that measure's too; a list of whole indicators is kept as written.
@pytest.mark.parametrize("clause,names", [
    ("主要污染物总量减排和大气、水环境质量完成国家下达的目标任务", ["主要污染物总量减排", "大气环境质量", "水环境质量"]),
    ("大气、水环境质量持续改善", ["大气环境质量", "水环境质量"]),
    ("工业、投资、消费、外贸进出口稳规模稳增长", ["工业", "投资", "消费", "外贸进出口"]),
    ("空气质量优良天数比率和地表水水质优良率均完成国家下达任务", ["空气质量优良天数比率", "地表水水质优良率"]),
])
def test_a_bare_item_of_a_list_shares_the_measure_written_at_its_end(clause, names):
    assert [t[0] for t in _targets(clause)] == names
    assert [t[5] for t in _targets(clause)][:2] == (["stated", "composed"] if names[1] == "大气环境质量" else
                                                    ["composed", "stated"] if names[0] == "大气环境质量" else
                                                    ["stated", "stated"])


def _review(paragraphs: list[str], sep: str = "\n") -> list[str]:
    report = sep.join(["各位代表：", "一、“十二五”时期和2015年工作回顾", *paragraphs, "二、2016年工作安排",
                       "经济社会发展主要预期目标是：地区生产总值增长7.5%。", "（一）狠抓投资融资和项目建设，保持经济稳定增长",
                       "坚持把投资作为稳增长、促发展的第一动力，全力完成今年66个重点项目54亿元的投资计划。"])
    return [i.evidence for i in extract_govwork(clean(report)).review]


_OPENER = ("“十二五”时期，是我区发展极不平凡的五年。面对复杂严峻的经济形势和艰巨繁重的改革发展任务，"
           "区政府紧紧依靠全区各族干部群众，全区呈现出经济持续快速发展的崭新局面。")
_DASH_FRAMING = "——产业结构不断优化。五年来，我区着力促转型、调结构，经济保持平稳增长，经济运行质量进一步提高。"
_RUN_INS = ["现代服务业发展迅速。商业规模持续扩大，五年新增商业营业面积50万平方米。",
            "旅游业持续发展。2015年旅游收入达到69亿元，是2010年的2.6倍。"]
_DASH_WHOLE = "——城市面貌发生巨变。五年来，我们始终坚持市区共建原则，城市建设步伐全面加快，累计投入16.54亿元。"


# The review's opening summary names the period it covers (“十二五”时期，是…五年。; 2015年，…): no unit,
# however short its first sentence; a short dash headline goes on in the run-in headed paragraphs
# after it (海拉尔区 2016, govwork g19).
@pytest.mark.parametrize("opener", [_OPENER, _OPENER.replace("“十二五”时期", "2015年"),
                                    _OPENER.replace("“十二五”时期", "十二五期间")])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_short_dash_headline_goes_on_in_its_run_in_paragraphs(opener, sep):
    review = _review([opener, _DASH_FRAMING, *_RUN_INS, _DASH_WHOLE], sep)
    assert len(review) == 2
    assert review[0].startswith("——产业结构") and review[0].endswith("是2010年的2.6倍。")
    assert review[1].startswith("——城市面貌")


def test_a_paragraph_of_its_own_after_a_whole_dash_unit_stays_an_item():
    # (广东省 2018, g20: an unnumbered paragraph on the congress after its seven dash units)
    own = "五年来，我们坚持向人大及其常委会报告工作，主动自觉接受监督，五年共办理省人大代表建议3819件。"
    review = _review([_DASH_WHOLE, own, *_RUN_INS])
    assert [r[:4] for r in review] == ["——城市", "五年来，", "现代服务", "旅游业持"]


# The resolve that closes an enumerated list of problems (对这些问题，我们要…加以解决。, 广东省 2018,
# govwork g20) is no part of the last problem, however many sentences that one has.
@pytest.mark.parametrize("resolve", ["对这些问题，我们要勇于面对，采取坚决有力措施加以解决。",
                                     "对此，我们将采取有力措施，切实加以解决。", "我们一定要直面问题，努力加以解决。"])
@pytest.mark.parametrize("sep", ["。"])
def test_the_resolve_after_a_list_of_problems_is_no_part_of_the_last(resolve, sep):
    paragraph = ("各位代表！我们也清醒地认识到，我省经济社会发展中仍然存在许多不平衡不充分的矛盾和问题。主要有以下两个方面："
                 f"一是区域发展不协调，粤东西北与珠三角地区发展差距较大{sep}"
                 "二是政府职能转变、作风建设与治理能力现代化的要求还有差距。行政审批和管理事项仍然较多。"
                 "基层治理能力仍较薄弱，党风廉政建设任务依然艰巨。" + resolve)
    report = "\n".join([*_OPENING[:4], paragraph, *_OPENING[5:], *_TASKS])
    problems = extract_govwork(clean(report)).problems
    assert [p.evidence[:4] for p in problems] == ["一是区域", "二是政府"]
    assert problems[-1].evidence.endswith("党风廉政建设任务依然艰巨。")


def _issuer(opening: str, place: str, times: int) -> tuple[str | None, str | None]:
    from summarizer.extract.govwork.metadata import govwork_metadata
    body = "".join(f"{place}第{n}项工作取得新进展。" for n in range(times)) + "珠三角和粤东西北协调发展，对口支援新疆、西藏。"
    m = govwork_metadata(f"各位代表：\n{opening}\n一、过去五年工作回顾\n{body}\n二、2018年工作安排\n")
    return m.issuer, m.issuer_level


# A province's report that never writes its name with 省 (我代表省人民政府, then 广东 and 我省 only:
# 广东省 2018, govwork g20) is the province it names far most often; a city's is not read so.
@pytest.mark.parametrize("place", ["广东", "浙江", "湖南"])
def test_a_province_that_never_writes_its_name_with_sheng_is_the_place_it_names_most(place):
    assert _issuer("我代表省人民政府向大会作政府工作报告，请予审议。", place, 6) == (place + "省", "province")


def test_a_province_named_too_seldom_is_not_guessed():
    assert _issuer("我代表省人民政府向大会作政府工作报告，请予审议。", "广东", 2)[0] != "广东省"


def test_a_city_that_never_writes_its_name_with_shi_is_not_guessed_so():
    assert _issuer("我代表市人民政府向大会作政府工作报告，请予审议。", "深圳", 6)[0] != "深圳市"


_ADDRESSES = [
    # 广东省 2017 (Jianzi270/zizhengLLM, read for this rule; not in the devset)
    ("各位代表！全面完成今年各项目标任务，必须坚持在党的领导下开展工作，切实以全面从严治党的实际成效促进政府治理能力现代化，"
     "努力开创政府工作新局面。"),
    "各位代表，做好今年工作，必须不断提高政府执行力和公信力。",
]
_POINTS = ("一是加强民主法治建设。自觉接受省人大及其常委会的监督，定期报告工作。二是提高依法行政水平。加快法治政府建设，强化依法行政考评。"
           "三是推进政府作风建设。坚持作风建设永远在路上，全面治理庸政懒政怠政。")


# An address after the tasks that lists points of its own (各位代表！…。一是…二是…) opens a passage of its
# own; when its lead-in makes the government's own work the subject, its points are the self-building.
@pytest.mark.parametrize("address", _ADDRESSES)
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_an_address_listing_the_governments_own_work_is_the_self_building(address, sep):
    tasks = [*_TASKS, "（三）加快补齐民生短板", "多渠道促进就业和增收。全年城镇新增就业110万人。", address + _POINTS]
    extraction = extract_govwork(clean(_report(tasks, [], sep)))
    assert [p.summary[:4] for p in extraction.plans] == ["抢抓“一", "精耕二次", "加快补齐"]
    assert extraction.plans[-1].evidence.endswith("全年城镇新增就业110万人。")
    assert [i.summary[:4] for i in extraction.government_self_building] == ["加强民主", "提高依法", "推进政府"]


def test_an_address_listing_tasks_of_another_kind_stays_in_the_plans():
    tasks = [*_TASKS, "（三）加快补齐民生短板", "多渠道促进就业和增收。全年城镇新增就业110万人。",
             "各位代表！今年还要办好几件大事。一是筹办好省运会，完善场馆设施。二是做好第二次全国污染源普查。"]
    extraction = extract_govwork(clean(_report(tasks, [])))
    assert extraction.government_self_building == []
    assert [p.summary[:4] for p in extraction.plans][-2:] == ["筹办好省", "做好第二"]


# A report that closes a five-year plan period, in the shape g19 and g20 show (a period review with
# dash units, a paragraph placing the year and announcing its units, an outlook section, the year's
# tasks), here for the period that ends the 14th plan.
_PERIOD_CLOSING = [
    "各位代表：", "现在，我代表省人民政府，向大会报告政府工作，请予审议。", "一、“十四五”时期和2025年工作回顾",
    "“十四五”时期是我省发展进程中极不平凡的五年。面对复杂严峻的国内外形势，我们胜利完成“十四五”规划主要目标任务。",
    "——综合实力跃上新台阶。地区生产总值从11万亿元增加到14万亿元，年均增长5.2%。",
    "——创新能力显著增强。研发投入强度提高到3.6%，高新技术企业超过7.5万家。",
    "2025年是“十四五”规划收官之年。一年来，我们主要做了以下工作。",
    "（一）推动经济稳中向好。地区生产总值增长5%左右，规模以上工业增加值增长5.5%。",
    "（二）持续深化改革开放。进出口总额增长4%，实际利用外资1500亿元。",
    "在肯定成绩的同时，我们也清醒看到存在的困难和问题：有效需求不足；部分企业生产经营困难。",
    "二、“十五五”时期的主要目标任务",
    "“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期。今后五年，我们要坚持高质量发展。",
    "三、2026年工作安排",
    "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业110万人；居民消费价格涨幅2%左右。",
    "（一）扩大有效需求。大力提振消费，扩大有效投资，全年新增应用机器人2万台左右。",
    "（二）加快建设现代化产业体系。推动制造业高端化智能化绿色化发展。",
    "（三）全面加强政府自身建设。坚持依法行政，自觉接受人大监督。",
    "各位代表！让我们更加紧密团结在以习近平同志为核心的党中央周围，为奋力谱写中国式现代化新篇章而努力奋斗！"]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_report_closing_a_plan_period_in_all_its_parts(sep):
    e = extract_govwork(clean(sep.join(_PERIOD_CLOSING)))
    assert [i.summary[:4] for i in e.review] == ["综合实力", "创新能力", "推动经济", "持续深化"]
    assert [i.evidence for i in e.problems] == ["有效需求不足；", "部分企业生产经营困难。"]
    assert [(t.indicator, t.value) for t in e.targets] == [("地区生产总值增长", 5.0), ("城镇新增就业", 110.0),
                                                           ("居民消费价格涨幅", 2.0)]
    assert [i.summary[:4] for i in e.plans] == ["扩大有效", "加快建设"]
    assert [i.summary[:4] for i in e.government_self_building] == ["全面加强"]
    assert (e.metadata.session_year, e.metadata.report_year) == (2026, 2025)
