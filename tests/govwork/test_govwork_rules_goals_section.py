"""Rules of the 政府工作报告 genre first seen on govwork g17 (a district report that sets out the
year's goals in a section of their own before its tasks), each on other shapes: a tasks heading
that calls to do the year's work (全面抓好2025年政府工作) after a goals section with its own
一是… directions and principles, the session year in a heading that leads with a slogan, an
address paragraph that opens an unheaded self-building passage, and the review's announcing
lead-in and catch-all in other wordings. Passages are shortened from g17 or rearranged."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.extract.govwork.backend import extract_govwork
from summarizer.extract.govwork.metadata import govwork_metadata
from summarizer.extract.govwork.targets import find_targets
from summarizer.preprocess import clean

SELF_BUILDING_OPENING = "各位代表！新征程新使命，对政府工作提出了新的更高要求。我们要勇于自我革命，全面加强“六型政府”建设。"


def _goals_first(goals_heading: str = "二、坚定信心、奋发进取，全力实现2025年政府工作总体目标要求",
                 tasks_heading: str = "三、干字当头、凝心聚力，全面抓好2025年政府工作",
                 announce: str = "一年来，我们主要做了以下工作。",
                 catch_all: str = "同时，民族、宗教、对台、侨务等工作扎实推进，审计、统计、档案等事业取得积极成效。",
                 self_building_opening: str = SELF_BUILDING_OPENING) -> str:
    lines = [
        "各位代表：", "现在，我代表龙华区人民政府，向大会报告政府工作，请予审议。",
        "一、团结奋斗、攻坚克难，2024年龙华现代化建设迈出新的坚实步伐",
        "2024年是中华人民共和国成立75周年，是实现“十四五”规划目标任务的关键一年。",
        "——经济实力稳步提升。地区生产总值超3154亿元、增长5.6%。",
        announce,
        "（一）坚持先行示范，改革开放展现新气象。重点领域改革亮点纷呈。全面绿色转型等6项改革获省级试点示范。",
        "（二）坚持沉着应变，经济发展释放新潜能。投资规模再创新高。工业投资达474亿元、增长27.8%。",
        catch_all,
        ("我们清醒认识到前进道路上还面临一些困难、问题和挑战，主要体现在：经济持续向好的基础还不稳固；"
         "高能级创新平台较少。对此，我们一定认真加以解决。"),
        goals_heading,
        "2025年是“十四五”规划收官之年，做好今年政府工作意义重大。",
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入实现正增长。",
        "我们要在决战决胜中担当作为，紧紧围绕“五个新”的工作思路，扎实推进中国式现代化建设。",
        "一是聚焦高标准规划，加快打造空间发展“新格局”。城区发展理念要强化统筹协调。",
        "二是聚焦高质量发展，做优做强两大产业互促“新体系”。要巩固制造业当家优势。",
        "我们要在自我革命中强作风提效能。重点做到“八个突出、八个始终”：",
        "一是突出党建引领、政治忠诚，始终把党的领导作为根本保证。我们要忠诚拥护“两个确立”。",
        "二是突出稳中求进、以进促稳，始终把高质量发展作为硬道理。我们要全力以赴拼经济。",
        tasks_heading,
        "全区政府系统要坚定扛起责任担当。重点抓好以下工作：",
        "（一）奋力在扩内需、稳增长上攻坚突破，持续巩固增强经济回升向好态势",
        "全力激发消费潜能。实施提振消费专项行动。", "积极拓展有效投资。完成基础设施投资140亿元。",
        "（二）奋力在平安法治建设上攻坚突破，推动高质量发展和高水平安全良性互动",
        "深化法治龙华建设。加强法治政府建设。", "提高公共安全治理水平。完善社会治安整体防控体系。",
        self_building_opening,
        "强化党建引领，铸牢政治忠诚之魂。坚持和加强党的全面领导。",
        "强化依法行政，厚植民主法治之基。坚持科学、民主、依法决策。",
        "强化作风建设，严守廉洁从政之规。严格落实中央八项规定及其实施细则精神。",
        "各位代表！征程万里风正劲，重任千钧再出发。让我们团结一心，为龙华新的更大贡献而努力奋斗！",
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("tasks_heading", [
    "三、干字当头、凝心聚力，全面抓好2025年政府工作", "三、扎实做好今年各项工作", "三、做好2025年政府工作",
    "三、2025年重点工作"])
def test_the_goals_section_s_directions_and_principles_are_no_plans(tasks_heading):
    ex = extract_govwork(clean(_goals_first(tasks_heading=tasks_heading)))
    assert [i.evidence[:5] for i in ex.plans] == ["（一）奋力", "（二）奋力"]
    assert "完成基础设施投资140亿元" in ex.plans[0].evidence
    assert [(t.indicator, t.value) for t in ex.targets] == [("地区生产总值增长", 6.0), ("一般公共预算收入", None)]


@pytest.mark.parametrize("goals_heading,tasks_heading", [
    ("二、坚定信心、奋发进取，全力实现2025年政府工作总体目标要求", "三、干字当头、凝心聚力，全面抓好2025年政府工作"),
    ("二、坚定信心，全力完成2025年经济社会发展目标任务", "三、扎实做好今年各项工作"),
    ("二、坚定信心、奋发进取，全力实现今年目标", "三、凝心聚力，全面抓好2025年政府工作"),
])
def test_the_session_year_in_a_heading_that_leads_with_a_slogan(goals_heading, tasks_heading):
    text = clean(_goals_first(goals_heading, tasks_heading)).text
    meta = govwork_metadata(text)
    assert (meta.session_year, meta.report_year) == (2025, 2024)


def test_a_review_heading_that_leads_with_a_slogan_gives_no_session_year():
    # the year reviewed, named in a slogan heading without a call to do it, is no session year
    meta = govwork_metadata("一、团结奋斗、攻坚克难，2024年各项工作取得新成效\n2025年是“十四五”规划收官之年。")
    assert meta.session_year == 2025


@pytest.mark.parametrize("opening", [
    SELF_BUILDING_OPENING,
    "各位代表！新形势新任务对政府自身建设提出了更高要求。我们要坚持守正创新，勇于自我革命。",
    "各位代表，做好今年工作，必须加快建设法治政府、廉洁政府、服务型政府。",
])
def test_an_address_paragraph_opens_the_unheaded_self_building(opening):
    ex = extract_govwork(clean(_goals_first(self_building_opening=opening)))
    assert [i.evidence[:6] for i in ex.government_self_building] == ["强化党建引领", "强化依法行政", "强化作风建设"]
    assert "强化党建引领" not in ex.plans[-1].evidence  # the last task ends at the address
    assert "提高公共安全治理水平" in ex.plans[-1].evidence


def test_a_long_address_paragraph_that_states_the_self_building_is_its_unit():
    # the address paragraph that goes on to the government's own work (g08) is the item itself
    content = ("各位代表！新使命、新任务对政府自身建设提出了更高要求。要坚持把政治建设摆在首位，不断提高政治判断力、"
               "政治领悟力、政治执行力，严守政治纪律和政治规矩。要加强民主法治建设，加快法治政府建设，深入贯彻宪法、"
               "民法典等法律法规，自觉接受人大依法监督和政协民主监督。要持之以恒正风肃纪，严格落实中央八项规定精神。")
    text = _goals_first(self_building_opening=content)
    text = text.replace("\n强化党建引领，铸牢政治忠诚之魂。坚持和加强党的全面领导。", "").replace(
        "\n强化依法行政，厚植民主法治之基。坚持科学、民主、依法决策。", "").replace(
        "\n强化作风建设，严守廉洁从政之规。严格落实中央八项规定及其实施细则精神。", "")
    ex = extract_govwork(clean(text))
    assert [i.evidence[:6] for i in ex.government_self_building] == ["各位代表！新"]


@pytest.mark.parametrize("announce", [
    "一年来，我们主要做了以下工作。", "过去一年，我们重点抓了以下几个方面的工作：", "我们主要做了如下工作。"])
@pytest.mark.parametrize("catch_all", [
    "同时，民族、宗教、对台、侨务等工作扎实推进，审计、统计、档案等事业取得积极成效。",
    "此外，人防、打私、双拥等工作稳步推进。",
    "民族宗教、外事侨务、国防动员等工作取得明显进展。"])
def test_the_review_s_announcement_and_catch_all_are_no_items(announce, catch_all):
    ex = extract_govwork(clean(_goals_first(announce=announce, catch_all=catch_all)))
    assert [i.evidence[:5] for i in ex.review] == ["——经济实", "（一）坚持", "（二）坚持"]


def _targets(text: str) -> list[tuple]:
    return [(t.indicator, t.value, t.comparison) for t in find_targets(text, 0, len(text))]


@pytest.mark.parametrize("criterion", ["稳规模稳增长", "稳规模优结构", "稳总量提质量"])
@pytest.mark.parametrize("sep", ["，", "；", ","])
def test_a_list_of_demand_indicators_under_one_paired_criterion(criterion, sep):
    text = f"地区生产总值增长6%左右{sep}工业、投资、消费、外贸进出口{criterion}{sep}一般公共预算收入实现正增长"
    assert _targets(text) == [("地区生产总值增长", 6.0, None), *((n, None, criterion) for n in ("工业", "投资", "消费", "外贸进出口")),
                              ("一般公共预算收入", None, "实现正增长")]


@pytest.mark.parametrize("clause,names", [
    ("完成节能减排等指标任务", ["节能减排"]),
    ("确保完成节能减排、安全生产等约束性指标任务", ["节能减排", "安全生产"]),
    ("全面完成年度节能减排任务", ["年度节能减排任务"]),
    ("完成国家下达的能耗强度控制目标任务", ["能耗强度"])])
def test_a_criterion_whose_verb_leads_names_its_list_without_the_summary_noun(clause, names):
    assert _targets(f"居民收入增长与经济增长基本同步，{clause}，在实际工作中努力争取更好结果") == [
        ("居民收入增长", None, "与经济增长基本同步"), *((n, None, clause) for n in names)]


# The same report with every line break lost (as a web page's text arrives), its review units at
# their full length in g17 (a text so short is not read as run-on).
G17 = (Path(__file__).resolve().parents[2] / "evals" / "datasets" / "govwork" / "g17.txt").read_text(encoding="utf-8")


def _one_line(text: str) -> str:
    for marker in ("（一）坚持先行示范", "（二）坚持沉着应变"):
        full = next(line for line in G17.splitlines() if line.startswith(marker))
        short = next(line for line in text.splitlines() if line.startswith(marker))
        text = text.replace(short, full)
    return text.replace("\n", "")

@pytest.mark.parametrize("tasks_heading", [
    "三、干字当头、凝心聚力，全面抓好2025年政府工作", "三、真抓实干、奋发有为，扎实做好今年各项工作"])
def test_a_slogan_heading_run_into_its_body_is_cut_in_one_line(tasks_heading):
    ex = extract_govwork(clean(_one_line(_goals_first(tasks_heading=tasks_heading))))
    assert [i.evidence[:5] for i in ex.plans] == ["（一）奋力", "（二）奋力"]
    assert ex.metadata.session_year == 2025
    # the review's slogan heading, run into 2024年是…, opens no review unit
    assert [i.evidence[:3] for i in ex.review] == ["——经", "（一）", "（二）"]


@pytest.mark.parametrize("maxim", ["常怀忧患之思，方能行稳致远。", "思危方能居安，知忧才能克难。"])
def test_a_maxim_before_the_problems_is_no_review_unit_in_one_line(maxim):
    text = _one_line(_goals_first().replace("我们清醒认识到", maxim + "我们清醒认识到"))
    ex = extract_govwork(clean(text))
    assert [i.evidence[:3] for i in ex.review] == ["——经", "（一）", "（二）"]
    assert len(ex.problems) == 2


@pytest.mark.parametrize("label", ["有关名词解释", "名词解释", "名词解释：", "术语解释"])
@pytest.mark.parametrize("first", ["1.", "1、", "一、"])
def test_a_glossary_run_into_the_closing_appeal_gives_no_plans(label, first):
    entries = G17[G17.index("有关名词解释") + len("有关名词解释"):].split("\n1.", 1)[1].replace("\n", "")
    glossary = f"{label}{first}{entries}"
    ex = extract_govwork(clean(_one_line(_goals_first()) + glossary))
    assert [i.evidence[:5] for i in ex.plans] == ["（一）奋力", "（二）奋力"]
    assert not any("四个万家" in i.evidence for i in [*ex.plans, *ex.government_self_building])


@pytest.mark.parametrize("opening", ["强化", "坚持", "建设"])
def test_the_self_building_s_parallel_headlines_are_its_units_in_one_line(opening):
    text = _one_line(_goals_first()).replace("强化", opening)
    ex = extract_govwork(clean(text))
    assert [i.evidence[:4] for i in ex.government_self_building] == [opening + "党建", opening + "依法", opening + "作风"]
    assert [i.evidence[:5] for i in ex.plans] == ["（一）奋力", "（二）奋力"]


def test_an_address_paragraph_with_no_parallel_headlines_stays_one_unit_in_one_line():
    # the g08 shape: the address paragraph holds the self-building's sentences (要…。要…。)
    content = ("各位代表！新使命、新任务对政府自身建设提出了更高要求。要坚持把政治建设摆在首位，不断提高政治判断力。"
               "要加强民主法治建设，加快法治政府建设。要持之以恒正风肃纪，严格落实中央八项规定精神。")
    lines = [line for line in _goals_first(self_building_opening=content).split("\n") if not line.startswith("强化")]
    ex = extract_govwork(clean(_one_line("\n".join(lines))))
    assert [i.evidence[:6] for i in ex.government_self_building] == ["各位代表！新"]


# Rules first seen on g18 (坪山区 2019), each on other shapes.

@pytest.mark.parametrize("listed,names", [
    ("万元GDP能耗、水耗持续下降", ["万元GDP能耗", "万元GDP水耗"]),
    ("万元GDP能耗和水耗、电耗继续下降", ["万元GDP能耗", "万元GDP水耗", "万元GDP电耗"]),
    # a head without Latin letters or digits is shared by none (g13)
    ("单位国内生产总值能耗和主要污染物排放量继续下降", ["单位国内生产总值能耗", "主要污染物排放量"])])
def test_figureless_indicators_listed_after_a_head_share_it(listed, names):
    assert [t[0] for t in _targets(f"外贸进出口保持稳定增长；{listed}；城镇登记失业率控制在1%以下")] == [
        "外贸进出口", *names, "城镇登记失业率"]


@pytest.mark.parametrize("after,extra", [
    ("个别公职人员综合素质和工作作风与加快发展的需要不相适应等。", ["个别公职人员"]),
    ("同时，少数公职人员不担当不作为。一些领域腐败问题多发。", ["同时，少数公", "一些领域腐败"]),
    ("", [])])
@pytest.mark.parametrize("resolve", ["对此，我们将高度重视，认真予以解决。", "这些问题，我们一定认真解决。"])
def test_a_sentence_after_a_one_sentence_enumeration_of_problems_is_one_more(after, extra, resolve):
    paragraph = ("在总结成绩的同时，我们也要清醒地认识到，发展还存在一些问题和不足，主要表现在：一是稳增长存在一定压力；"
                 "二是产业规模还不大，领军企业不多；三是政府服务仍需加强，与群众期盼仍有差距。" + after + resolve)
    ex = extract_govwork(clean(_goals_first().replace(
        "我们清醒认识到前进道路上还面临一些困难、问题和挑战，主要体现在：经济持续向好的基础还不稳固；"
        "高能级创新平台较少。对此，我们一定认真加以解决。", paragraph)))
    assert [i.evidence[:6] for i in ex.problems] == ["一是稳增长存", "二是产业规模", "三是政府服务", *extra]
    assert ex.problems[2].evidence.endswith("仍有差距。")


@pytest.mark.parametrize("heading", [
    "（二）努力在提高政府服务质量与效率上实现新突破，为建设创新坪山营造人本、高效、务实的政务环境",
    "（二）提升政府服务水平，建设人民满意的政府",
    "（二）着力改进政府服务效率"])
def test_a_task_on_the_government_s_own_service_is_the_self_building(heading):
    text = _goals_first().replace("（二）奋力在平安法治建设上攻坚突破，推动高质量发展和高水平安全良性互动", heading)
    ex = extract_govwork(clean(text))
    assert [i.evidence[:3] for i in ex.government_self_building][:1] == ["（二）"]
    assert [i.evidence[:3] for i in ex.plans] == ["（一）"]
