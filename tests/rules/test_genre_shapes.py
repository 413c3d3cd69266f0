"""Shapes of real reports the seeds did not show, each on a short excerpt of a devset report.

Every excerpt is quoted from ``evals/datasets/devset/`` (the report named in the test;
``index.json`` there gives the source), shortened with ``…`` only where marked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.preprocess import clean
from summarizer.service import SummaryService
from summarizer.settings import Settings


@pytest.fixture(scope="module")
def summarize():
    service = SummaryService(Settings(_env_file=None))

    def run(text: str):
        return service.summarize_sync(text, backend="rules").summary

    return run


def _evidences(summary, part: str) -> list[str]:
    return [item.evidence for item in summary.items(part)]


# d03 (平潭综合实验区2021年法治政府建设情况), one line: the last achievements unit, then an
# unheaded problems sentence, an unheaded plans lead-in and a restarted （一）（二） list.
D03_CLOSING = (
    "五、坚持多措并举，依法有效化解社会矛盾纠纷"
    "（四）深入开展全民普法。全面落实“谁执法谁普法”普法责任制。深入推进普法依法治理，"
    "全面启动平潭综合实验区“八五”普法工作，制定“八五”普法规划。"
    "一年来，实验区法治政府建设取得了一定成效，但与《福建省法治政府建设实施方案》提出的目标任务相比，"
    "仍存在一定差距，比如：个别部门、少数干部对法治政府建设认识还不够充分、法治能力还有欠缺；"
    "在如何找到“重大改革”和“于法有据”的契合点，还需要进一步探索实践；综合行政执法部门和行政主管部门"
    "之间的职能边界尚不够清晰、协作机制尚不够健全等。"
    "2022年，我们将继续以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的十九大和十九届二中、"
    "三中、四中、五中、六中全会精神，着力在法治轨道上推进政府各项工作，为做好“四篇文章”、"
    "“一岛两窗三区”建设打造坚实的法治保障。"
    "（一）加强党对法治建设的领导，健全组织保障机制。继续落实党政主要负责人履行推进法治建设第一责任人"
    "职责要求，统筹推进法治政府建设，谋划和落实好推进依法行政、建设法治政府的各项任务。"
    "（二）狠抓法治教育培训，提升依法行政意识和能力。组织开展分层次、全覆盖的学习培训活动，"
    "确保全面依法治国新理念新思想新战略落地生根、取得实效。"
)


def test_unheaded_problems_and_plans_inside_one_line(summarize):
    summary = summarize("平潭综合实验区2021年法治政府建设情况\n" + D03_CLOSING)
    problems = _evidences(summary, "problems")
    plans = _evidences(summary, "plans")
    assert len(problems) == 1 and problems[0].startswith("一年来，实验区法治政府建设取得了一定成效")
    assert [p[:4] for p in plans] == ["（一）加", "（二）狠"]  # the 2022年，我们将… lead-in is no plan
    assert all("一年来" not in e for e in _evidences(summary, "achievements"))
    # A plan naming the first person responsible is no leaders' duty of the year reported on.
    assert summary.leader_duties == []


# d05 (平潭综合实验区公安局2025年度法治政府建设情况报告), one line: a headed paragraph, then the
# closing problem sentence, the 2026年…将… lead-in and （一）（二） plans.
D05_CLOSING = (
    "五、聚焦突出事件应对体系，着力提升应急处突工作能力。建立健全各类突发事件应急预案，依法分级分类施策，"
    "并根据实际需要和情势变化适时修订。"
    "2025年，全局执法规范化建设虽有明显进步，各项工作均取得了一定成效，但较上级要求和人民群众的新期待"
    "新需求仍有一定差距，如部分基层单位及少数民警法治意识、法律素养还有待提升等。"
    "2026年，实验区公安局将坚决贯彻落实实验区党工委、管委会及省公安厅工作部署，紧扣法治政府建设工作目标，"
    "重点抓好以下几个方面工作："
    "（一）强化执法规范化建设。紧扣法治政府建设高质量发展目标，以严格规范公正文明执法为总遵循，"
    "坚持问题导向，狠抓工作措施落实。"
    "（二）强化法治宣传教育。经常性、多渠道地加强对全局民警、辖区群众开展普法宣传教育，"
    "提高全社会学法、用法的法治意识和法律素养。"
)


def test_closing_parts_of_a_department_report(summarize):
    summary = summarize("平潭综合实验区公安局2025年度法治政府建设情况报告\n" + D05_CLOSING)
    assert [e[:9] for e in _evidences(summary, "problems")] == ["2025年，全局执"]
    assert [e[:6] for e in _evidences(summary, "plans")] == ["（一）强化执", "（二）强化法"]


# d01 (平潭综合实验区2023年法治政府建设情况), one line: 七、 and 八、 hold un-numbered units that
# open with short topic sentences; the third problem gives its reason in a 由于 clause.
D01_CLOSING = (
    "六、社会治理体系能力建设持续深化（一）健全突发事件应对体系。共修编了1758个突发事件应急预案。"
    "七、存在问题与不足执法制度执行力有待提升。当前，各执法机关在执法主体建设、执法全过程审核、全覆盖监管、"
    "压实主体责任等方面，制度建设已日趋完善，但制度落实仍存在较大问题，部分制度“落地无声”。"
    "执法监督管理有待加强。少数单位领导对执法监督管理认识不到位，还存在重绩效轻管理现象。"
    "法制队伍履职能力有待增强。平潭地区高速发展，执法环境日益复杂，执法工作面临新的挑战，"
    "这对法制队伍的能力素质提出了新的更高要求。当前，执法力量配置与适应日益繁重的工作任务矛盾突出，"
    "法制力量普遍紧缺，工作容易疲于应付，且由于日常工作繁重，缺乏定期、系统、高质量的培训，"
    "法律知识更新不足，专业素养和综合指导能力不强，与法制工作的专业化要求还有较大差距，"
    "“小马拉大车”的现象越来越突出。"
    "八、下一步工作计划进一步建立更加严密的执法监督管理机制。注重日常监督管理，对发现的问题坚持日清、"
    "周报、月结。进一步提供更加有力的执法服务保障。重点抓好执法办案场所的建设、管理和使用，"
    "做到管理专人、制度健全、台账统一。进一步建设更加优秀的执法队伍。结合当前执法工作实际，"
    "灵活运用执法警示教育、旁听庭审、以案释法、下乡送教等方式。"
)


def test_unnumbered_units_by_topic_sentence_and_a_cause_inside_a_problem(summarize):
    summary = summarize("平潭综合实验区2023年法治政府建设情况\n" + D01_CLOSING)
    problems = _evidences(summary, "problems")
    assert len(problems) == 3
    assert "执法监督管理有待加强" in problems[1] and "法制队伍履职能力有待增强" in problems[2]
    plans = _evidences(summary, "plans")
    assert len(plans) == 3 and all(p.lstrip("八、下一步工作计划").startswith("进一步") for p in plans)
    assert _evidences(summary, "causes") == ["且由于日常工作繁重，缺乏定期、系统、高质量的培训，法律知识更新不足"]


# d01 again: a leaders' duties sub-section inside the achievements, on one line.
D01_LEADERS = (
    "一、党对法治政府建设领导全面加强（一）坚持科学理论指引。落实领导干部学法制度。通过领导班子中心组学习"
    "以及专题法治讲座等形式落实领导干部学法用法工作。"
    "（二）切实履行法治政府建设第一责任人职责。 实验区高度重视法治政府建设工作，党政主要负责人积极履行"
    "推进法治建设第一责任人职责，坚持把依法行政推进法治政府建设作为全局性、综合性、基础性的系统工程。"
    "（三）健全突发事件应对体系。一是完成区、片区、村（社区）三级应急预案修编工作，共修编了1758个突发事件"
    "应急预案。二是印发应急预案，规范生产安全事故应急工作。"
)


def test_leader_duties_subsection_is_a_duty_and_an_achievement(summarize):
    summary = summarize("平潭综合实验区2023年法治政府建设情况\n" + D01_LEADERS)
    duties = _evidences(summary, "leader_duties")
    assert len(duties) == 1 and duties[0].startswith("（二）切实履行法治政府建设第一责任人职责")
    assert duties[0] in _evidences(summary, "achievements")
    assert "一是完成" not in duties[0]  # the sub-section ends at the next heading of its level


# d08 (深汕特别合作区党政办公室…2025年…报告): last year's problems and their rectification,
# and 一是/二是 markers set on lines of their own.
D08_RECTIFICATION = (
    "一、2025年法治政府建设工作成效\n"
    "（一）全面加强党的领导，推动法治政府建设责任落实。坚持党对法治政府建设的领导。一\n是\n"
    "强化政治引领。始终坚持党对法治政府建设的全面领导，严格落实“第一议题”制度。\n"
    "二是\n履行法治建设第一责任人职责。通过召开主任办公会、各类专题会等形式研究合法性审查工作指引。\n"
    "二、2024年存在不足及整改情况\n"
    "2024年，我办在法治政府建设工作中存在的问题主要是指导各单位加强依法决策水平的能力有待提升、"
    "统筹全区普法工作质效方面有待加强、行政执法监督工作质量有待加强等。我办坚持问题导向，采取以下措施认真整改：\n"
    "（一）强化依法决策指导，提升审核规范化能力。以提升各单位依法决策水平为重点，修订完善合法性审查指引，"
    "细化审查标准与程序。\n"
    "（二）统筹全区普法工作，增强宣传实效与覆盖。着力提升普法工作统筹性与针对性，通过开展旁听庭审、"
    "普法教育等活动，推动宪法、民法典等重点内容融入群众生活。\n"
    "三、2025年存在问题\n一是\n统筹协调力度仍需进一步加强，\n二是\n公共法律服务与发展需求还存在一定差距。\n"
)


def test_last_years_problems_and_their_rectification(summarize):
    summary = summarize(D08_RECTIFICATION)
    problems = _evidences(summary, "problems")
    assert [p[:6] for p in problems] == ["2024年，", "一是统筹协调", "二是公共法律"]
    achievements = _evidences(summary, "achievements")
    assert any(a.startswith("（一）强化依法决策指导") for a in achievements)
    assert any(a.startswith("（二）统筹全区普法工作") for a in achievements)
    assert any(a.startswith("一是强化政治引领") for a in achievements)  # 一\n是\n rejoined


def test_marker_lines_joined_to_their_units():
    doc = clean("（一）全面加强党的领导。坚持党的领导。一\n是\n强化政治引领。始终坚持。\n二是\n履行职责。通过召开会议。")
    assert doc.text == "（一）全面加强党的领导。坚持党的领导。一是强化政治引领。始终坚持。\n二是履行职责。通过召开会议。"


# d01's archive record and d06's inline page furniture.
D01_RECORD = (
    "标题: 平潭综合实验区2023年法治政府建设情况\n"
    "发布时间: 2024-01-15 10:06\n"
    "文号: \n"
    "发布机构: 平潭综合实验区管委会\n"
    "栏目: 其他应主动公开的政府信息\n"
    "原文链接: https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/qtyzdgkdzf/202510/t20251027_102213.htm\n"
    "本地目录: zwgk/zfxxgk/gwhwj/qtyzdgkdzf/202510/102213_平潭综合实验区2023年法治政府建设情况\n"
    "页面链接与图片详见 links.tsv(同目录)\n"
    "==================== 正文 ====================\n"
    "2023年，在实验区党工委管委会的领导下，实验区全面贯彻落实党的二十大精神，深入推进依法行政，"
    "加快建设法治政府。现将有关情况总结如下：一、党对法治政府建设领导全面加强（一）坚持科学理论指引。"
    "落实领导干部学法制度。"
)


def test_archive_record_is_metadata_not_body(summarize):
    doc = clean(D01_RECORD)
    assert doc.text.startswith("2023年，在实验区党工委管委会的领导下")
    assert doc.hints.title == "平潭综合实验区2023年法治政府建设情况"
    meta = summarize(D01_RECORD).metadata
    assert meta.title == "平潭综合实验区2023年法治政府建设情况"
    assert (meta.issuer, meta.issuer_level) == ("平潭综合实验区", "city")
    assert meta.published_date == dt.date(2024, 1, 15)


D06_FURNITURE = (
    "当前位置： 首页政务公开政府信息公开平潭综合实验区苏平片区管理局法定主动公开内容其他应主动公开的政府信息"
    " 索 引 号： PZ00118-1600-2023-00019 主题分类： 无 发文机关： 平潭综合实验区苏平片区管理局"
    " 成文日期：2023-03-30 标 题： 苏平片区2022年法治政府建设工作情况报告 发文字号： 无"
    " 发布日期：2023-03-30 有 效 性： 有效 苏平片区2022年法治政府建设工作情况报告 无"
    " 来源：平潭综合实验区苏平片区管理局 时间：2023-03-30 09:08 --> 微信 微博 QQ空间 全真版 文字版"
    " 文件下载 相关链接： 2022年，在区党工委、管委会的坚强领导下，苏平片区坚持以习近平新时代中国特色"
    "社会主义思想为指导，扎实推进法治政府建设各项工作任务。一、总体情况全年未发生重大事故。"
    "二、主要做法（一）加强组织领导。一是成立领导小组。由主要领导任组长。"
    " 平潭综合实验区苏平片区管理局2023年3月30日 附件下载"
)


def test_inline_page_furniture_is_removed(summarize):
    doc = clean(D06_FURNITURE)
    assert doc.text.startswith("2022年，在区党工委")
    assert doc.text.endswith("2023年3月30日")
    meta = summarize(D06_FURNITURE).metadata
    assert meta.title == "苏平片区2022年法治政府建设工作情况报告"
    assert (meta.issuer, meta.issuer_level) == ("苏平片区", "township")
    assert meta.published_date == dt.date(2023, 3, 30)


def test_issuer_from_the_opening_sentence_named_in_full(summarize):
    # d08: no title; the opening names 区党政办, the body cites 《深汕特别合作区关于…》.
    text = (
        "2025年，区党政办坚持以习近平新时代中国特色社会主义思想为指导，进一步强化全区经济社会高质量发展的"
        "法治保障。现将有关情况报告如下：\n一、2025年法治政府建设工作成效\n（一）深入推进规范涉企行政执法。"
        "一是深入推进涉企行政执法专项行动。印发《深汕特别合作区关于全面落实“扫码入企”工作方案》，"
        "扫码入企680余次。\n"
    )
    meta = summarize(text).metadata
    assert meta.title is None
    assert (meta.issuer, meta.issuer_level) == ("深汕特别合作区党政办公室", "department")
    assert meta.report_year == 2025


def test_issuer_and_year_from_signature_and_plans_heading(summarize):
    # d07: no title, no year in the opening; 八、2020年…计划 and the signature say 2019, 龙华区.
    text = (
        "现将有关情况报告如下：\n"
        "一、积极统筹部署和指导监督，高效推进法治政府建设\n"
        "区委区政府高度重视法治政府建设。近年来，我区法治政府建设水平逐年提高，2018年，在全市考评中名列第二。\n"
        "八、2020年法治政府建设工作计划\n"
        "（一）努力提升行政复议和行政应诉能力。规范和完善行政复议受理、审查、结案归档工作。\n"
        "专此报告。\n深圳市龙华区人民政府\n2019年12月18日\n"
    )
    meta = summarize(text).metadata
    assert (meta.issuer, meta.issuer_level, meta.report_year) == ("龙华区", "county", 2019)
    assert meta.published_date == dt.date(2019, 12, 18)


def test_a_forward_remark_inside_an_achievement_is_no_plan(summarize):
    # Units often close with a remark on what comes next; only a later year's 将… or an
    # admission after a concession opens another part mid-paragraph.
    text = (
        "某某县2022年法治政府建设年度报告\n"
        "一、2022年法治政府建设情况\n"
        "（一）推进严格规范公正文明执法。全年办理行政处罚案件120件，行政复议纠错率下降。"
        "下一步，我局将继续加强执法监督，不断提升执法水平。\n"
        "（二）深化普法宣传。开展法治宣传活动80场次。\n"
        "二、存在的问题\n执法人员专业素质有待提高。\n"
    )
    summary = summarize(text)
    assert summary.plans == []
    assert [e[:6] for e in _evidences(summary, "achievements")] == ["（一）推进严", "（二）深化普"]
