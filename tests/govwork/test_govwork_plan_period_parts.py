"""Parts of a 政府工作报告 a reader would find misfiled or missing (issue 19), as rules of the genre:
the review of a closed plan period set unnumbered before the year's review, the goals of the plan
period ahead, and the paragraphs that end a unit though no marker follows (the tally of the year's
work, a turn to the situation at the time of the report). Passages are written for these tests in
the shapes the genre allows (other numbering, other opening wording, no blank lines or blank lines)."""

from __future__ import annotations

import pytest

from summarizer.extract.govwork.backend import extract_govwork
from summarizer.preprocess import clean

_OPENING = ["各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议。"]


def _period_review(heading: str, opener: str, year_opener: str, unit: str) -> list[str]:
    return [
        heading,
        f"{opener}是我市发展历程中极不平凡的五年，也是全市上下奋力拼搏、砥砺前行的五年。",
        ("五年砥砺奋进，数字见证了发展的历程：经济实力实现新跨越。地区生产总值从2015年的520亿元增长到"
        "2020年约860亿元；规模以上工业企业从410家增加到1260家。城市面貌焕然一新，建成公园120个。"),
        ("五年春华秋实，民生福祉不断增进：新增公办学位4.2万个，筹集公共住房2.6万套，"
        "PM2.5年均浓度从35微克/立方米下降到21微克/立方米。"),
        "五年的成绩来之不易。这是上级正确领导的结果，是全市人民团结奋斗的结果。",
        f"{year_opener}一年来，我们主要做了以下工作：",
        unit.format(n="一") + "\n全力抓好疫情防控。严格落实各项防控措施，设置卡口56个。",
        unit.format(n="二") + "\n持续优化营商环境。新增市场主体3.2万户，增长12%。",
    ]


_TAIL = ["各位代表，在看到成绩的同时，我们也清醒地看到存在的问题：一是产业质量不高；二是公共服务短板明显。",
         "二、2021年工作安排",
         "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长6%。",
         "（一）加快科技创新。新增创新平台20个。", "（二）推进城市更新。完成旧改项目12个。"]


@pytest.mark.parametrize("heading, opener, period", [
    ("一、“十三五”时期主要成绩及2020年工作回顾", "过去的五年，", "“十三五”时期"),
    ("一、“十三五”时期发展成就和2020年工作回顾", "“十三五”时期，", "“十三五”时期"),
    ("一、过去五年和2020年工作回顾", "过去五年，", "过去五年"),
])
@pytest.mark.parametrize("year_opener", ["各位代表！刚刚过去的2020年，是“十三五”规划收官之年。",
                                         "2020年是“十三五”规划收官之年。"])
@pytest.mark.parametrize("unit", ["{n}、统筹疫情防控和经济社会发展", "（{n}）统筹疫情防控和经济社会发展"])
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_an_unnumbered_review_of_the_plan_period_before_the_years_is_review(heading, opener, period,
                                                                          year_opener, unit, sep):
    text = sep.join([*_OPENING, *_period_review(heading, opener, year_opener, unit), *_TAIL])
    e = extract_govwork(clean(text))
    # the period's paragraphs are items (not its opening summary, nor the thanks), in text order,
    # marked with the period; the year's units are not
    assert [i.evidence[:6] for i in e.review] == ["五年砥砺奋进", "五年春华秋实", unit.format(n="一")[:6],
                                                  unit.format(n="二")[:6]]
    assert [i.category for i in e.review] == [period, period, None, None]
    assert any(f.value == 860 for f in e.review[0].figures)


def test_a_review_that_opens_with_the_year_has_no_period_block():
    text = "\n".join([*_OPENING, "一、2020年工作回顾",
                      "2020年，我们坚持稳中求进工作总基调，经济社会发展取得新成绩。",
                      "全市经济平稳增长，地区生产总值增长5%。",
                      "（一）全力抓好疫情防控。设置卡口56个。", "（二）持续优化营商环境。新增市场主体3.2万户。", *_TAIL])
    e = extract_govwork(clean(text))
    assert [i.evidence[:6] for i in e.review] == ["（一）全力抓", "（二）持续优"]
    assert [i.category for i in e.review] == [None, None]


def _outlook(heading: str, goals: str) -> list[str]:
    return [heading,
            "“十四五”时期是我市在新起点上加快发展的关键五年。我们要坚持以新发展理念引领高质量发展。",
            (f"{goals}创新能力大幅提升，研发投入占地区生产总值比重达到5%以上；地区生产总值达到1200亿元；"
            "新增公办学位3万个。"),
            "——要抓出实效，我们必须要有只争朝夕的紧迫感和责任感。"]


@pytest.mark.parametrize("heading", ["“十四五”时期和2021年形势任务", "二、“十四五”时期的发展目标和重点任务",
                                     "二、今后五年的目标任务"])
@pytest.mark.parametrize("goals, period", [
    ("“十四五”时期我市经济社会发展的主要目标是：", "“十四五”时期目标"),
    ("未来五年，政府要努力实现以下目标：", None),
    ("今后五年我市经济社会发展主要目标是：", None),
])
def test_the_goals_of_the_plan_period_ahead_are_a_plan_marked_with_the_period(heading, goals, period):
    review = ["一、2020年工作回顾", "（一）全力抓好疫情防控。设置卡口56个。", "（二）持续优化营商环境。新增市场主体3.2万户。",
              "在看到成绩的同时，我们也清醒地看到存在的问题：一是产业质量不高；二是公共服务短板明显。"]
    tasks = ["三、2021年工作安排", "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长6%。",
             "（一）加快科技创新。新增创新平台20个。", "（二）推进城市更新。完成旧改项目12个。"]
    e = extract_govwork(clean("\n".join([*_OPENING, *review, *_outlook(heading, goals), *tasks])))
    assert [i.evidence[:6] for i in e.plans] == [goals[:6], "（一）加快科", "（二）推进城"]
    named = "“十四五”时期目标" if "十四五" in heading else "今后五年目标"
    assert [i.category for i in e.plans] == [period or named, None, None]
    assert any(f.value == 1200 for f in e.plans[0].figures)
    # they are no targets: the year's own stay as they were
    assert [(t.indicator, t.value) for t in e.targets] == [("地区生产总值增长", 7.0), ("一般公共预算收入增长", 6.0)]


def test_an_outlook_without_a_goals_statement_gives_no_plans():
    outlook = ["二、“十三五”发展的主要思路", "“十三五”时期，是全面建成小康社会的决胜阶段。",
               "——我们要深入实施创新驱动发展战略，加快建设国际领先的创新型城市。"]
    text = "\n".join([*_OPENING, "一、2015年工作回顾", "（一）着力稳增长。地区生产总值增长9%。",
                      "（二）推进转型升级。新增产业项目35个。", *outlook, "三、2016年主要工作",
                      "今年经济社会发展的主要预期目标是：地区生产总值增长8%左右。", "（一）加快科技创新。新增创新平台20个。"])
    assert [i.evidence[:6] for i in extract_govwork(clean(text)).plans] == ["（一）加快科"]


@pytest.mark.parametrize("last_unit", ["七、全面加强政府自身建设，服务能力稳步提高", "（七）全面加强政府自身建设"])
@pytest.mark.parametrize("tally", [
    ("经过全区上下共同努力，已经全面完成市政府交办的67项重点工作和民生实事，完成23项区政府民生实事。"
    "110项区政府重点工作尚有9项未按期完成，我们将纳入今年工作继续推进。"),
    "经过全市人民的不懈努力，全年确定的28项重点任务全部完成。",
])
def test_the_tally_of_the_years_work_is_no_part_of_the_last_review_unit(last_unit, tally):
    body = "政治建设持续加强。区政府党组开展专题学习27次。依法行政扎实推进，办理建议提案320件。"
    text = "\n".join([*_OPENING, "一、2020年工作回顾", "六、民生保障不断加强", "基础教育扩容提质。新增公办学位11040个。",
                      last_unit, body, tally, "同时，统计、档案、民族、宗教等工作也取得新成绩。", *_TAIL])
    e = extract_govwork(clean(text))
    assert e.review[-1].evidence.endswith("办理建议提案320件。")
    assert not any("重点" in i.evidence for i in e.review)


@pytest.mark.parametrize("turn", [("当前，新冠肺炎疫情仍在全球蔓延，抓好常态化疫情防控仍是一切工作的前提。"
                                  "全区上下要毫不松懈抓好外防输入，做好春节期间疫情防控工作。"),
                                  "当前和今后一个时期，防范化解重大风险仍是重要任务。各部门要压实责任，守住安全底线。"])
@pytest.mark.parametrize("heading", ["八、以人民群众满意为目标，努力建设法治、阳光、廉洁政府",
                                     "（八）全面加强政府自身建设，建设人民满意的服务型政府"])
def test_a_turn_to_the_present_after_the_self_building_is_a_plan_of_its_own(turn, heading):
    text = "\n".join([*_OPENING, "一、2020年工作回顾", "（一）全力抓好疫情防控。设置卡口56个。",
                      "（二）持续优化营商环境。新增市场主体3.2万户。",
                      "在看到成绩的同时，我们也清醒地看到存在的问题：一是产业质量不高；二是公共服务短板明显。",
                      "二、2021年工作安排", "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右。",
                      "（一）加快科技创新。新增创新平台20个。", heading,
                      "始终坚持讲政治，坚持依法行政，自觉接受人大监督和政协民主监督，持续整治形式主义、官僚主义。", turn,
                      "各位代表，同志们！让我们团结一心，为建设现代化城区而努力奋斗！"])
    e = extract_govwork(clean(text))
    assert [i.evidence[:4] for i in e.government_self_building] == [heading[:4]]
    assert e.government_self_building[0].evidence.endswith("官僚主义。")
    assert [i.evidence[:4] for i in e.plans] == ["（一）加", turn[:4]]


def test_a_turn_to_the_present_that_opens_a_units_body_stays_in_it():
    text = "\n".join([*_OPENING, "一、2020年工作回顾", "（一）全力抓好疫情防控。设置卡口56个。",
                      "（二）持续优化营商环境。新增市场主体3.2万户。",
                      "在看到成绩的同时，我们也清醒地看到存在的问题：一是产业质量不高；二是公共服务短板明显。",
                      "二、2021年工作安排", "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右。",
                      "（一）加强生态环境保护", "当前，我区环境形势依然严峻，要坚决打好污染防治攻坚战。",
                      "持续改善空气质量。PM2.5年均浓度控制在20微克/立方米以内。", "（二）推进城市更新。完成旧改项目12个。"])
    e = extract_govwork(clean(text))
    assert [i.evidence[:6] for i in e.plans] == ["（一）加强生", "（二）推进城"]
    assert "PM2.5" in e.plans[0].evidence


# One-line copies (every line break lost, as a web page's text often arrives): an unnumbered section
# heading runs into the sentences around it, and the review's opening into its units.
@pytest.mark.parametrize("heading, body", [
    ("2015年工作回顾", "2015年，在市委的坚强领导下，我们圆满完成全年目标任务。"),
    ("“十三五”时期中心城区建设主要思路", "“十三五”，是我国全面建成小康社会的决胜阶段。"),
    ("2016年主要工作", "2016年是“十三五”开局之年。"),
    ("“十四五”时期和2021年形势任务", "当前，新一轮科技革命和产业变革深入发展。"),
    ("2021年工作安排", "各位代表！2021年是“十四五”规划开局之年。"),
])
def test_an_unnumbered_section_heading_run_into_a_one_line_text_is_a_paragraph(heading, body):
    before = "现在，我代表区人民政府向大会作政府工作报告，请予审议。" * 30
    doc = clean(f"各位代表：{before}{heading}{body}我们要坚持稳中求进工作总基调。" * 2)
    assert heading in [doc.text[s:e] for s, e in doc.paragraph_spans]
    # a sentence that merely opens with a year and a heading's word goes on with its comma: no heading
    doc = clean(f"各位代表：{before}2015年工作回顾，我们坚持问题导向。2016年是开局之年。" * 2)
    assert "2015年工作回顾" not in [doc.text[s:e] for s, e in doc.paragraph_spans]


def test_a_one_line_reviews_opening_run_into_its_enumerated_units_still_gives_them():
    opening = "“十三五”时期是我省发展史上具有重大意义的五年。" + "我们团结奋斗，攻坚克难，经济社会发展取得新的历史性成就。" * 30
    units = ["一是坚持人民至上、生命至上，毫不放松抓好疫情防控。设置卡口56个，组织3727名干部奔赴前线。",
             "二是千方百计保市场主体保就业，切实稳住经济基本盘。新增市场主体3.2万户，增长12%。",
             "三是加强创新能力建设，加大稳链补链强链控链工作力度。新建创新平台10个。"]
    text = "".join(["各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。",
                    "一、“十三五”时期发展成就和2020年主要工作", opening,
                    "2020年是“十三五”规划收官之年。", *units,
                    "我们也清醒认识到，发展仍然面临不少困难和挑战：经济下行压力较大；创新能力不强。",
                    "二、2021年工作安排", "今年经济社会发展的主要预期目标是：地区生产总值增长6%以上。",
                    "（一）加快科技创新。新增创新平台20个。", "（二）推进城市更新。完成旧改项目12个。"])
    e = extract_govwork(clean(text))
    assert [i.evidence[:4] for i in e.review] == ["一是坚持", "二是千方", "三是加强"]
    # an opening of the genre's length that lists its points before the units is their lead-in: no items
    lead = "过去一年，我们坚持稳中求进工作总基调：一是稳增长，二是促改革，三是惠民生。"
    text = "\n".join(["各位代表：", "一、2020年工作回顾", lead, "（一）全力抓好疫情防控。设置卡口56个。",
                      "（二）持续优化营商环境。新增市场主体3.2万户。", *_TAIL])
    assert [i.evidence[:4] for i in extract_govwork(clean(text)).review] == ["（一）全", "（二）持"]


@pytest.mark.parametrize("announce", ["一年来，我们主要抓好六个方面的工作：", "过去一年，我们重点做了以下工作："])
def test_the_last_dash_headline_keeps_its_unit_when_the_announcing_sentence_runs_into_it(announce):
    dashes = ["——经济发展向稳向好。预计地区生产总值超5500亿元，现代服务业增加值增长6%，规模以上工业增加值增长5%。",
              "——社会治理求精求细。创新打造“民意速办”平台，群众诉求办结率99%，全市平安建设考评第一名。"]
    text = "".join(["各位代表：", "一、2022年工作回顾", "过去一年，是极为重要的一年。", *dashes, announce,
                    "（一）全力应对疫情大战大考，疫情防控科学高效。坚持防治并举，因时因势调整优化疫情防控措施。",
                    "（二）加快构建现代产业体系，综合实力稳步提升。新增国家高新技术企业300家。", *_TAIL])
    e = extract_govwork(clean(text))
    assert [i.evidence[:6] for i in e.review] == ["——经济发展", "——社会治理", "（一）全力应", "（二）加快构"]
    assert e.review[1].evidence.endswith("考评第一名。")


@pytest.mark.parametrize("sep", ["", "\n"])
@pytest.mark.parametrize("label", ["政府工作报告名词、术语注释", "《政府工作报告》名词解释", "有关名词解释"])
def test_a_first_level_section_with_its_framing_over_sub_units_and_the_glossary_after_the_appeal(sep, label):
    tasks = ["二、2020年主要工作任务", "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。",
             "（一）优化生态环境，不断擦亮绿色发展底色。全面建成国家生态文明先行示范区，新建公园5个。",
             "三、着力提升政府“四项能力”，加快建设人民满意的服务型政府。认真贯彻党的十九届四中全会精神，把牢政治方向。",
             "（一）忠诚于党，提升系统治理能力。旗帜鲜明讲政治，把党的领导贯穿政府工作各领域、全过程。",
             "（二）服务于民，提升智慧治理能力。加快转变政府职能，继续深化“放管服”改革。",
             "各位代表！让我们更加紧密团结在以习近平同志为核心的党中央周围，为建设现代化城区而努力奋斗！",
             label, "1.MCC：即多国集拼业务。", "2.一中心三平台：盐田智慧城市指挥中心、盐田区公共信用平台。"]
    growth = "（一）经济稳步增长。地区生产总值增长6%。" + "我们坚持稳中求进，推动产业转型升级，经济运行总体平稳。" * 60
    text = sep.join(["各位代表：", "一、2019年工作回顾", growth,
                     "（二）民生持续改善。新增学位3000个。",
                     "我们也清醒地看到存在的问题：一是产业结构单一；二是公共服务短板明显。", *tasks])
    e = extract_govwork(clean(text))
    # the section's heading and framing head its sub-units (no item); the glossary gives none
    assert [i.evidence[:6] for i in e.government_self_building] == ["（一）忠诚于", "（二）服务于"]
    assert [i.evidence[:6] for i in e.plans] == ["（一）优化生"]


_YEAR = ["各位代表：", "一、2017年工作回顾", "（一）经济稳步增长。地区生产总值增长8%。", "（二）民生持续改善。新增学位3000个。",
         "我们也清醒地看到存在的问题：一是产业结构单一；二是公共服务短板明显。",
         "二、2018年工作安排", "今年经济社会发展的主要预期目标是：地区生产总值增长8%左右。"]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_an_enumeration_that_opens_its_paragraph_is_led_by_the_heading_over_it(sep):
    units = ("一是坚定信念铸就忠诚。坚持不懈用党的创新理论武装头脑，巩固深化党纪学习教育成果。"
             "二是依法行政彰显担当。严格落实重大行政决策程序，自觉接受人大监督。"
             "三是务实重干提升效能。持续深化“放管服”改革，新增“一网通办”事项200项。")
    text = sep.join([*_YEAR, "（一）加快科技创新。新增创新平台20个。",
                     "（二）全面加强政府自身建设，打造人民满意的政府", units])
    e = extract_govwork(clean(text))
    assert [i.evidence[:4] for i in e.government_self_building] == ["一是坚定", "二是依法", "三是务实"]
    assert [i.evidence[:4] for i in e.plans] == ["（一）加"]


def test_a_second_series_run_into_the_first_is_led_by_the_sentence_before_it():
    # the tasks' last unit enumerates, and the self-building's own 一是… follows in the same paragraph
    # (a text that lost its line breaks; also how some reports write it)
    tasks = ("（十）集中力量补齐民生短板，加快提升民生事业发展水平。全年办好九大类40项民生实事。"
             "一是大力发展教育事业。新增学位2.6万个。二是努力打造食品安全城市。推进农贸市场升级改造。"
             "做好政府工作，需要不断加强自身能力建设。政府将牢记宗旨，努力建设人民满意的服务型政府。"
             "一是抓学习、深调研、重实干。开展“大学习、深调研、真落实”活动。二是坚持依法行政。自觉接受人大监督。")
    e = extract_govwork(clean("\n".join([*_YEAR, tasks])))
    assert [i.evidence[:4] for i in e.plans] == ["一是大力", "二是努力"]
    # the sentence before the new 一是 leads it, no part of the unit before (which keeps the one before that)
    assert "服务型政府" not in e.plans[-1].evidence and e.plans[-1].evidence.startswith("二是努力打造食品安全城市。")
    assert [i.evidence[:4] for i in e.government_self_building] == ["一是抓学", "二是坚持"]


@pytest.mark.parametrize("year_opener", ["各位代表！刚刚过去的2020年，是“十三五”规划收官之年。", "2020年是“十三五”规划收官之年。"])
@pytest.mark.parametrize("opener", ["过去的五年，", "“十三五”时期，"])
def test_a_one_line_review_of_the_plan_period_is_one_item_up_to_the_years(year_opener, opener):
    period = _period_review("一、“十三五”时期主要成绩及2020年工作回顾", opener, year_opener, "（{n}）统筹疫情防控和经济社会发展")
    period[2] += "城市面貌焕然一新，建成公园120个，新增绿道300公里。" * 60  # the genre's long paragraphs
    e = extract_govwork(clean("".join([*_OPENING, *period, *_TAIL]).replace("\n", "")))
    first = e.review[0]
    assert first.category == "“十三五”时期" and first.evidence.startswith("五年砥砺奋进")
    assert "收官之年" not in first.evidence and "统筹疫情" not in first.evidence
    assert [i.evidence[:4] for i in e.review[1:]] == ["（一）统", "（二）统"]


def test_a_one_line_review_of_the_plan_period_splits_at_its_run_in_headlines():
    fields = ["经济综合实力迈上大台阶，质量效益显著提高。地区生产总值从7.5万亿元增加到11万亿元。",
              "科技创新能力大幅跃升，产业体系优化升级。研发经费支出从1800亿元增加到3200亿元。",
              "社会民生事业全面发展，人民生活持续改善。城镇新增就业700万人。"]
    padding = "我们坚持稳中求进工作总基调，推动高质量发展。"
    text = "".join([*_OPENING, "一、“十三五”时期发展成就和2020年主要工作",
                    "“十三五”时期是我省发展史上具有重大意义的五年。" + padding * 20,
                    *(f + padding * 10 for f in fields), "2020年是“十三五”规划收官之年。",
                    "一是坚持人民至上，毫不放松抓好疫情防控。设置卡口56个。", "二是千方百计保市场主体保就业。新增市场主体3.2万户。",
                    *_TAIL])
    e = extract_govwork(clean(text))
    assert [(i.evidence[:6], i.category) for i in e.review] == [
        ("我们坚持稳中", "“十三五”时期"), ("经济综合实力", "“十三五”时期"), ("科技创新能力", "“十三五”时期"),
        ("社会民生事业", "“十三五”时期"), ("一是坚持人民", None), ("二是千方百计", None)]


@pytest.mark.parametrize("sep", ["", "\n"])
def test_a_tasks_paragraphs_before_its_list_are_one_more_unit_in_one_line(sep):
    # (十) over run-in paragraphs, then its list 一是…三是 in one paragraph; in one line all of it is one
    # paragraph, and the task's own paragraphs are still an item beside the list's units
    run_ins = ["坚持以人为本、民生优先，发挥社会政策托底作用，全力办好民生实事，让人民群众共享发展成果。" * 4,
               "提高就业质量和居民收入水平。实施就业优先战略，城镇新增就业110万人，扶持创业10万人。" * 3]
    task = ["（十）扎实办好民生实事，切实增进民生福祉", *run_ins,
            ("今年重点办好三件民生实事：一是促进普惠性学前教育扩学位。新增学位9.6万个。"
            "二是推进城镇老旧小区改造。开工改造小区1300个以上。三是实施公共文化惠民工程。送电影15万场。")]
    pad = "（一）加快科技创新。" + "新增创新平台20个，推动产业转型升级，培育新兴产业集群。" * 20
    e = extract_govwork(clean(sep.join([*_YEAR, pad, *task])))
    assert [i.evidence[:6] for i in e.plans] == ["（一）加快科", "（十）扎实办", "一是促进普惠", "二是推进城镇", "三是实施公共"]


@pytest.mark.parametrize("sep", ["", "\n"])
@pytest.mark.parametrize("turn", ["为确保上述“八大重点工程”全面落地、取得实效，", "为完成上述目标任务，"])
def test_a_self_building_opened_by_the_turn_to_the_means_after_the_tasks(sep, turn):
    framing = f"{turn}我们将在政府系统实施“三转三提”工程，加快转变政府职能，打造人民群众满意的政府。"
    run_ins = ["转变作风，提振精神。按照“三严三实”要求，严管严治，整治“不作为、慢作为、乱作为”现象。",
               "转变观念，提升能力。树立适应新常态、引领新常态的新观念，打破不合时宜的思维定势。",
               "转变职能，提高效率。创新“一窗式”行政审批模式，实行跨部门协同和网上并联审批。"]
    pad = "（一）加快科技创新。" + "新增创新平台20个，推动产业转型升级，培育新兴产业集群。" * 60
    text = sep.join([*_YEAR, pad, "（二）推进城市更新。完成旧改项目12个。", framing, *run_ins,
                     "各位代表，让我们团结一心，为建设现代化城区而努力奋斗！"])
    e = extract_govwork(clean(text))
    assert [i.evidence[:4] for i in e.plans] == ["（一）加", "（二）推"]
    assert [i.evidence[:4] for i in e.government_self_building] == ["转变作风", "转变观念", "转变职能"]


def test_the_tally_is_no_part_of_the_last_review_unit_in_one_line():
    body = "政治建设持续加强。区政府党组开展专题学习27次。" + "依法行政扎实推进，办理建议提案320件，行政复议纠错率下降。" * 50
    tally = "经过全区上下共同努力，已经全面完成市政府交办的67项重点工作和民生实事，110项区政府重点工作尚有9项未按期完成。"
    text = "".join([*_OPENING, "一、2020年工作回顾", "（六）民生保障不断加强。新增公办学位11040个。",
                    "（七）全面加强政府自身建设。", body, tally, "同时，统计、档案、民族、宗教等工作也取得新成绩。", *_TAIL])
    e = extract_govwork(clean(text))
    assert e.review[-1].evidence.endswith("行政复议纠错率下降。")
    # a result of a unit that merely says how it was reached (经过三年努力，…) stays in it
    own = text.replace(tally, "经过三年努力，区政务服务中心建成投用。")
    assert "区政务服务中心建成投用。" in extract_govwork(clean(own)).review[-1].evidence
