"""Rules of the 政府工作报告 genre that the Guangdong devset did not show, each on more than
the shape it was seen in: the State Council's layout (targets without an announcing cue,
first-level task sections that number nothing below them, an unheaded self-building passage,
我代表国务院), a growth target followed by the level it reaches, listed figureless criteria,
一要…二要… enumerations under a heading with its framing, and a problem named after a cue word.
Passages are real (govwork g12, g13) or rearranged from them into other shapes."""

from __future__ import annotations

import pytest

from summarizer.extract.govwork.backend import extract_govwork
from summarizer.extract.govwork.metadata import govwork_metadata
from summarizer.extract.govwork.targets import find_targets
from summarizer.genre_route import is_government_work_report
from summarizer.preprocess import clean


def _targets(text: str) -> list[tuple]:
    return [(t.indicator, t.value, t.unit, t.qualifier, t.comparison) for t in find_targets(text, 0, len(text))]


@pytest.mark.parametrize("sep", ["，", ",", "；"])
def test_the_level_a_growth_target_reaches_is_a_target_of_its_own(sep):
    text = f"地区生产总值增长7.5%{sep}达到326.4亿元；社会消费品零售总额增长6%左右{sep}总量突破1万亿元"
    assert _targets(text) == [
        ("地区生产总值增长", 7.5, "%", None, None), ("地区生产总值", 326.4, "亿元", None, None),
        ("社会消费品零售总额增长", 6.0, "%", "about", None), ("社会消费品零售总额", 1.0, "万亿元", None, None),
    ]
    # no growth before it: a bare level clause is nobody's
    assert _targets(f"居民收入与经济增长基本同步{sep}达到3万元") == [
        ("居民收入", None, None, None, "与经济增长基本同步")]
    level = find_targets(text, 0, len(text))[1]
    assert text[level.span.start:level.span.end] == f"地区生产总值增长7.5%{sep}达到326.4亿元"


def test_listed_figureless_criteria_are_one_target_each():
    assert _targets("现行标准下农村贫困人口全部脱贫、贫困县全部摘帽；重大金融风险有效防控；"
                    "单位国内生产总值能耗和主要污染物排放量继续下降，国际收支基本平衡") == [
        ("农村贫困人口", None, None, None, "全部脱贫"), ("贫困县", None, None, None, "全部摘帽"),
        ("重大金融风险", None, None, None, "有效防控"),
        ("单位国内生产总值能耗", None, None, None, "继续下降"), ("主要污染物排放量", None, None, None, "继续下降"),
        ("国际收支", None, None, None, "基本平衡"),
    ]


# The State Council's layout (g13), shortened: review with an opening summary, dash units and
# unnumbered paragraphs; problems as parallel sentences; a targets paragraph without cue; tasks
# as first-level sections of run-in paragraphs; an unheaded self-building passage; an unheaded
# task and the national closing paragraphs after it.
REVIEW = ["去年，我国发展面临诸多困难挑战。世界经济增长低迷，国内经济下行压力加大。",
          "——经济运行总体平稳。国内生产总值达到99.1万亿元，增长6.1%。",
          "——民生进一步改善。居民人均可支配收入超过3万元。",
          "中国特色大国外交成果丰硕。成功举办第二届“一带一路”国际合作高峰论坛等重大主场外交活动。"]
PROBLEMS = ("在肯定成绩的同时，我们也清醒看到面临的困难和问题。受全球疫情冲击，世界经济严重衰退。"
            "政府工作存在不足，形式主义、官僚主义仍较突出，少数干部不担当、不作为。一些领域腐败问题多发。"
            "我们一定要努力改进工作，尽心竭力不辜负人民的期待。")
TARGETS = ("综合研判形势，我们对疫情前考虑的预期目标作了适当调整。今年要优先稳就业保民生；"
           "城镇新增就业900万人以上，城镇调查失业率6%左右；居民消费价格涨幅3.5%左右；重大金融风险有效防控。")
TASKS = ["三、加大宏观政策实施力度，着力稳企业保就业", "保障就业和民生，必须稳住上亿市场主体。",
         "加大减税降费力度。新增减税降费约5000亿元。", "推动降低企业生产经营成本。宽带和专线平均资费降低15%。",
         "四、依靠改革激发市场主体活力，增强发展新动能", "困难挑战越大，越要深化改革。",
         "深化“放管服”改革。推动更多服务事项一网通办。", "推进要素市场化配置改革。改革创业板并试点注册制。"]
CLOSING = ["各位代表！",
           "面对艰巨繁重任务，各级政府要自觉践行以人民为中心的发展思想，坚持依法行政，建设法治政府。",
           "各级政府要始终坚持实事求是，力戒形式主义、官僚主义。",
           "今年要编制好“十四五”规划，为开启第二个百年奋斗目标新征程擘画蓝图。",
           "各位代表！",
           "我们要坚持对台工作大政方针，坚持一个中国原则，在“九二共识”基础上推动两岸关系和平发展。",
           "各位代表！",
           "中华民族向来不畏艰难险阻。我们要迎难而上，为实现中华民族伟大复兴的中国梦不懈奋斗！"]


def _state_council(plans_heading: str = "二、今年发展主要目标和下一阶段工作总体部署", sep: str = "\n") -> str:
    return sep.join(["各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。", "一、2019年和今年以来工作回顾",
                     *REVIEW, PROBLEMS, plans_heading, "做好今年政府工作，要坚持稳中求进工作总基调。", TARGETS,
                     "积极的财政政策要更加积极有为。今年赤字率拟按3.6%以上安排。", *TASKS, *CLOSING])


@pytest.mark.parametrize("plans_heading", ["二、今年发展主要目标和下一阶段工作总体部署", "二、2020年重点工作",
                                           "二、今年工作安排", "二、2020年发展目标和主要任务"])
def test_the_state_council_layout_under_other_heading_wordings(plans_heading):
    ex = extract_govwork(clean(_state_council(plans_heading)))
    assert [i.evidence[:6] for i in ex.review] == ["——经济运行", "——民生进一", "中国特色大国"]  # no opening summary
    assert [i.evidence[:6] for i in ex.problems] == ["受全球疫情冲", "政府工作存在", "一些领域腐败"]
    assert [(t.indicator, t.value, t.comparison) for t in ex.targets] == [
        ("城镇新增就业", 900.0, None), ("城镇调查失业率", 6.0, None), ("居民消费价格涨幅", 3.5, None),
        ("重大金融风险", None, "有效防控")]
    # each first-level task section is one plan (it numbers nothing below it); the policy stance
    # of the deployment section (赤字率…) is none; the unheaded task after the self-building and
    # the closing paragraph on Taiwan are plans, the closing appeal is none
    assert [i.evidence[:6] for i in ex.plans] == ["三、加大宏观", "四、依靠改革", "今年要编制好", "我们要坚持对"]
    assert "宽带和专线平均资费降低15%" in ex.plans[0].evidence
    assert [i.evidence[:6] for i in ex.government_self_building] == ["面对艰巨繁重", "各级政府要始"]
    m = ex.metadata
    assert (m.issuer, m.issuer_level, m.session_year, m.report_year) == ("国务院", "national", 2020, 2019)


def test_a_review_sentence_on_the_year_s_main_targets_is_no_targets_passage():
    text = _state_council().replace("完成", "").replace(
        REVIEW[0], "去年，我们完成全年主要目标任务，经济运行在合理区间。国内经济下行压力加大。")
    assert [t.indicator for t in extract_govwork(clean(text)).targets][:2] == ["城镇新增就业", "城镇调查失业率"]


def test_the_state_council_layout_without_line_breaks():
    ex = extract_govwork(clean(_state_council(sep="")))
    assert ("城镇调查失业率", 6.0) in [(t.indicator, t.value) for t in ex.targets]
    assert [i.evidence[:6] for i in ex.problems][:1] == ["受全球疫情冲"]


def test_the_self_building_named_by_its_subject_in_other_wordings():
    for subject in ("全市政府系统要", "政府工作人员要", "各级政府必须"):
        text = _state_council().replace("面对艰巨繁重任务，各级政府要", f"面对艰巨繁重任务，{subject}")
        ex = extract_govwork(clean(text))
        assert [i.evidence[:6] for i in ex.government_self_building][:1] == ["面对艰巨繁重"], subject
        assert "今年要编制好“十四五”规划" in ex.plans[2].evidence


# g12's last task section: a heading line over its framing and 一要… units, in other numbering.
SELF_BUILDING = ["（七）全力加强自身建设，切实提升依法行政能力",
                 "面对新形势、新任务，我们将努力营造风清气正的行政环境。",
                 "一要强化学习，提升能力。政府全体人员要大兴学习之风。",
                 "二要强化执行，狠抓落实。对经济社会发展重点工作要实时跟进。",
                 "三要强化廉洁，依法行政。持续推进政府系统党风廉政建设。"]


@pytest.mark.parametrize("enumerator", ["一要", "一是", "1."])
def test_numbered_units_under_a_heading_with_its_framing(enumerator):
    marks = {"一要": ("一要", "二要", "三要"), "一是": ("一是", "二是", "三是"), "1.": ("1.", "2.", "3.")}[enumerator]
    units = [u.replace(u[:2], m, 1) for u, m in zip(SELF_BUILDING[2:], marks)]
    text = "\n".join(["各位代表：", "我代表海拉尔区人民政府向大会作工作报告。", "一、2016年工作回顾",
                      "（一）经济实力迈上新台阶。地区生产总值完成303.6亿元。", "二、2017年工作安排",
                      "经济社会发展主要预期目标是：地区生产总值增长7.5%，达到326.4亿元。",
                      "（六）全力加强和创新社会治理，促进社会和谐稳定", "继续实施“平安海拉尔”建设。",
                      *SELF_BUILDING[:2], *units])
    ex = extract_govwork(clean(text))
    assert [i.evidence[:4] for i in ex.government_self_building] == [u[:4] for u in units]
    assert [i.evidence[:5] for i in ex.plans] == ["（六）全力"]
    assert [(t.indicator, t.value) for t in ex.targets] == [("地区生产总值增长", 7.5), ("地区生产总值", 326.4)]


def test_a_paragraph_opening_with_a_time_is_no_run_in_headline():
    review = ["过去一年，全市发展面临诸多困难挑战。我们攻坚克难，完成全年主要目标任务。",
              "经济综合实力迈上大台阶，质量效益显著提高。全市生产总值增长7%。",
              "改革开放迈出重要步伐，营商环境持续优化。新增市场主体10万户。"]
    for opener in ("过去一年，", "去年，", "2019年，"):
        units = [review[0].replace("过去一年，", opener), *review[1:]]
        text = "\n".join(["各位代表：", "我代表市人民政府向大会报告工作。", "一、2019年工作回顾", *units, "二、2020年工作安排"])
        assert [i.evidence[:6] for i in extract_govwork(clean(text)).review] == ["经济综合实力", "改革开放迈出"], opener


@pytest.mark.parametrize("opening", ["各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。",
                                     "各位代表：现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。"])
def test_the_state_council_s_report_is_recognised_and_its_issuer_is_national(opening):
    text = opening + "\n一、2023年工作回顾\n"
    assert is_government_work_report(text, None)
    m = govwork_metadata(text)
    assert (m.issuer, m.issuer_level, m.session_year) == ("国务院", "national", 2024)


# Rules found on g14 (海拉尔区 2019), each on other shapes.

@pytest.mark.parametrize("listed", ["城乡常住居民人均可支配收入分别增长7%和8%左右",
                                    "城镇、农村常住居民人均可支配收入分别增长7%、8%左右"])
def test_the_urban_and_rural_pair_sets_one_figure_each(listed):
    assert _targets(listed) == [("城镇常住居民人均可支配收入增长", 7.0, "%", "about", None),
                                ("农村常住居民人均可支配收入增长", 8.0, "%", "about", None)]


@pytest.mark.parametrize("sep", ["，", ","])
def test_a_criterion_clause_takes_its_subject_or_its_list_from_the_clause_before(sep):
    # the subject up to its verb
    assert _targets(f"固定资产投资扭转下滑态势{sep}实现正增长。") == [
        ("固定资产投资", None, None, None, "实现正增长")]
    assert _targets(f"进出口总额保持稳定{sep}实现正增长。")[-1][0] == "进出口总额"
    # a bare noun before a list closed by 等…指标: one more indicator of it
    assert _targets(f"城镇新增就业人数{sep}城镇登记失业率、节能减排、安全生产等约束性指标完成市确定的目标。") == [
        (name, None, None, None, "完成市确定的目标") for name in ("城镇新增就业人数", "城镇登记失业率", "节能减排", "安全生产")]
    # a sentence end in between: the clause before is another sentence's
    assert _targets("固定资产投资扭转下滑态势。实现正增长。") == []
    # a single 等 phrase is its own indicator
    assert _targets("金融等风险得到有效防控") == [("金融等风险", None, None, None, "得到有效防控")]


@pytest.mark.parametrize("line", ["政 府 工 作 报 告", "政　府　工　作　报　告", "2019年政府工作报告"])
def test_a_letter_spaced_title_line_is_the_title(line):
    text = (f"{line}\n\n \n——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上\n\n"
            "呼伦贝尔市海拉尔区人民政府代区长  萨国文\n\n各位代表：\n\n现在，我代表区人民政府向大会报告工作，请予审议。\n\n"
            "一、2018年工作回顾\n\n（一）三大攻坚战强力突破。全年累计化解政府债务12.43亿元。\n")
    ex = extract_govwork(clean(text))
    m = ex.metadata
    assert m.title == line.replace(" ", "").replace("\u3000", "")
    assert (m.issuer, m.speaker, m.congress_session) == ("海拉尔区", "萨国文", "第十五届人民代表大会第三次会议")


def test_a_menu_of_links_before_the_body_still_goes():
    body = ("各位代表：\n现在，我代表区人民政府向大会报告工作，请予审议，并请区政协委员和其他列席会议的同志提出意见。\n"
            "一、2018年工作回顾\n过去的一年，在区委的坚强领导下，区政府团结带领全区各族人民，打赢了一场接一场的攻坚战役。\n")
    assert "首页" not in clean("首页 新闻中心 政务公开 办事服务\n" + body).text
    assert clean("政 府 工 作 报 告\n" + body).text.startswith("政 府 工 作 报 告")


@pytest.mark.parametrize("catch_all", [
    "过去的一年，安全生产、国资监管、民族宗教、统计调查等工作取得新成绩，科普、工青妇等事业持续健康发展。",
    "此外，审计、统计、档案、史志等工作也取得新进展。",
    "民族宗教、外事侨务、国防动员、人防等各项工作均取得了新的成效。"])
def test_the_catch_all_paragraph_of_other_fields_is_no_review_item(catch_all):
    units = ["（一）三大攻坚战强力突破。全年累计化解政府债务12.43亿元。",
             "（二）城市建管水平有效提升。投资1100万元新建污水管线2847米。"]
    text = "\n".join(["各位代表：", "我代表区人民政府向大会报告工作。", "一、2018年工作回顾", *units, catch_all,
                      "二、2019年工作安排"])
    assert [i.evidence[:4] for i in extract_govwork(clean(text)).review] == ["（一）三", "（二）城"]


# Rules found on g15 (State Council 2014), each on other shapes.

def _g15_like(tasks_heading: str = "三、2014年重点工作", cue: str = "主要是：", resolve: str = "这些问题，有的是发展过程中产生的。") -> str:
    return "\n".join([
        "各位代表：", "现在，我代表国务院，向大会作政府工作报告，请予审议。", "一、2013年工作回顾",
        "过去一年是本届政府依法履职的第一年，任务艰巨而繁重。全国各族人民奋力攻坚克难。",
        "——经济运行稳中向好。国内生产总值达到56.9万亿元，比上年增长7.7%。",
        "一年来，我们坚持稳中求进工作总基调，各项工作实现了良好开局。",
        "一是着力深化改革开放，激发市场活力和内生动力。我们把改革开放作为发展的根本之策。",
        "我们从政府自身改起，分批取消和下放了416项行政审批等事项。",
        "我们推动开放向深度拓展。设立中国上海自由贸易试验区。",
        "二是创新宏观调控思路和方式，确保经济运行处于合理区间。我们保持定力。",
        "去年是我国外交工作开创新局的一年。周边外交工作进入新阶段。",
        (f"同时，我们清醒认识到，前进道路上还有不少困难和问题。{cue}经济稳中向好基础还不牢固。农业增产农民增收难度加大。"
         f"社会信用体系不健全。{resolve}要牢记责任使命，增强忧患意识。"),
        "二、2014年工作总体部署",
        ("今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右，城镇新增就业1000万人以上，国际收支基本平衡。"
         "加强对增长、就业、物价、国际收支等主要目标的统筹平衡。"),
        "关于经济增长。经过认真比较、反复权衡，把增长预期目标定在7.5%左右。",
        "第一，向深化改革要动力。改革是最大的红利。", "第二，保持经济运行处在合理区间。完善宏观调控政策框架。",
        tasks_heading, "做好今年政府工作，要以深化改革为强大动力。",
        "（一）推动重要领域改革取得新突破。", "改革是今年政府工作的首要任务。", "深入推进行政体制改革。进一步简政放权。",
        "（二）努力建设生态文明的美好家园。", "生态文明建设关系人民生活。", "出重拳强化污染防治。今年要淘汰燃煤小锅炉5万台。",
        "各位代表！",
        "做好政府工作，必须加强自身改革建设。各级政府要加快建设法治政府、创新政府、廉洁政府。",
        "各级政府必须厉行节约，反对浪费，坚持过紧日子。",
        "各位代表！",
        "我们将全面贯彻对台工作大政方针，坚持“九二共识”，维护一个中国框架。",
    ])


@pytest.mark.parametrize("tasks_heading", ["三、2014年重点工作", "三、2014年主要任务", "三、今年的重点任务"])
def test_the_deployment_section_before_the_tasks_gives_no_plans(tasks_heading):
    ex = extract_govwork(clean(_g15_like(tasks_heading)))
    assert [i.evidence[:5] for i in ex.plans] == ["（一）推动", "（二）努力", "我们将全面"]
    assert "进一步简政放权" in ex.plans[0].evidence and "今年要淘汰燃煤小锅炉" in ex.plans[1].evidence
    assert [i.evidence[:6] for i in ex.government_self_building] == ["做好政府工作", "各级政府必须"]
    assert [(t.indicator, t.value) for t in ex.targets] == [
        ("国内生产总值增长", 7.5), ("城镇新增就业", 1000.0), ("国际收支", None)]


def test_an_enumerated_unit_runs_over_its_paragraphs_and_its_lead_in_is_none():
    ex = extract_govwork(clean(_g15_like()))
    assert [i.evidence[:5] for i in ex.review] == ["——经济运", "一是着力深", "二是创新宏", "去年是我国"]
    assert "上海自由贸易试验区" in ex.review[1].evidence


@pytest.mark.parametrize("cue,resolve", [("主要是：", "这些问题，有的是发展过程中产生的。"),
                                         ("主要表现在：", "对存在的问题，政府要先从自身找原因。"),
                                         ("突出的是：", "对此，我们将采取有力措施加以解决。")])
def test_problems_announced_before_a_colon_are_its_sentences_up_to_the_resolve(cue, resolve):
    ex = extract_govwork(clean(_g15_like(cue=cue, resolve=resolve)))
    assert [i.evidence[:6] for i in ex.problems] == ["经济稳中向好", "农业增产农民", "社会信用体系"]


@pytest.mark.parametrize("remedy", ["认真整改存在的问题", "着力解决存在的问题", "深入查摆存在的不足"])
def test_a_review_unit_that_remedies_problems_admits_none(remedy):
    # g16: the review's own-building unit says 认真整改存在的问题; the problems come after it
    units = ["（一）县域经济实力稳步提升", "2014年，全区地区生产总值完成274.4亿元，同比增长9.1%。",
             "（二）政府自身建设进一步加强", f"深入开展党的群众路线教育实践活动，{remedy}，政风明显好转。认真接受人大的监督。"]
    problems = ("在看到成绩的同时，我们也清醒地认识到当前存在的诸多困难和问题：县域经济实力不强，稳增长任务艰巨；"
                "财政刚性支出持续增长，收支矛盾不断加大。对此，我们要高度重视。")
    text = "\n".join(["各位代表：", "我代表海拉尔区人民政府向大会作工作报告。", "一、2014年工作回顾", *units, problems,
                      "二、2015年工作安排"])
    ex = extract_govwork(clean(text))
    assert [i.evidence[:5] for i in ex.review] == ["（一）县域", "（二）政府"]
    assert [i.evidence[:6] for i in ex.problems] == ["县域经济实力", "财政刚性支出"]


def _closing_a_plan_period(section_heading: str, opening: str) -> str:
    return "\n".join([
        "各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。", "一、2020年工作回顾",
        "过去一年，在新中国历史上极不平凡。全年发展主要目标任务较好完成。",
        "一是围绕市场主体的急需制定和实施宏观政策，稳住了经济基本盘。全年国内生产总值增长2.3%。",
        "二是优先稳就业保民生，人民生活得到切实保障。城镇新增就业1186万人。",
        "在肯定成绩的同时，我们也清醒看到面临的困难和挑战。关键领域创新能力不强。生态环保任重道远。",
        section_heading,
        f"{opening}我国经济社会发展取得新的历史性成就。国内生产总值从不到70万亿元增加到超过100万亿元。",
        "“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年。",
        "——着力提升发展质量效益，保持经济持续健康发展。城镇调查失业率控制在5.5%以内。",
        "三、2021年重点工作",
        "今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上。",
        "（一）保持宏观政策连续性稳定性可持续性。在区间调控基础上加强定向调控。",
    ])


@pytest.mark.parametrize("opening", ["过去五年，", "五年来，", "“十三五”时期，"])
def test_the_review_of_a_closed_plan_period_in_a_section_that_also_looks_ahead(opening):
    ex = extract_govwork(clean(_closing_a_plan_period("二、“十三五”时期发展成就和“十四五”时期主要目标任务", opening)))
    assert [i.evidence[:4] for i in ex.review] == ["一是围绕", "二是优先", opening[:4]]
    assert [i.evidence[:5] for i in ex.plans] == ["（一）保持"]  # the 十四五 outlook gives no plans
    # an outlook section that reviews nothing keeps its paragraphs out of the review
    ex = extract_govwork(clean(_closing_a_plan_period("二、“十四五”时期主要目标任务", opening)))
    assert [i.evidence[:4] for i in ex.review] == ["一是围绕", "二是优先"]
