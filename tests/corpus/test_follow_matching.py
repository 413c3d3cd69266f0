"""How follow-through matches as the genre writes: commitment by commitment, with the genre's
interchangeable wordings folded and manner nouns ignored. The passages are made up, in shapes
the genre allows (other numbering, no heading, headings worded otherwise), not the devset's."""

from __future__ import annotations

from summarizer.corpus.follow import follow_through
from summarizer.corpus.terms import terms
from summarizer.corpus.thesaurus import SYNONYM_SETS, fold
from tests.corpus.summaries import make_summary


def _links(plans: list[str], achievements: list[str]) -> list[list[int]]:
    ft = follow_through(make_summary({"plans": plans}, year=2023), make_summary({"achievements": achievements}, year=2024))
    return [[link.item.index for link in p.results] for p in ft.plans]


def test_each_commitment_of_a_plan_unit_finds_the_achievement_that_carries_it_out():
    # One plan unit, no heading, numbered 3., three commitments in three sentences.
    plan = ("3.推进行政复议规范化建设，畅通行政复议受理渠道。健全行政执法案卷评查机制，开展罚没财物专项检查。"
            "完善公共法律服务站点布局，推进村居法律顾问全覆盖。")
    achievements = [
        "第一，行政复议主渠道作用彰显。新收行政复议案件120件，受理渠道全面畅通。",
        "第二，开展案卷评查。组织执法案卷评查两次，评查案卷300卷，罚没财物专项检查覆盖12个单位。",
        "第三，组织开展消防安全培训，培训人员500人次。",
        "第四，村居法律顾问实现全覆盖，公共法律服务站点新增8个。",
    ]
    [found] = _links([plan], achievements)
    assert sorted(found) == [0, 1, 3]


def test_a_term_both_headings_name_links_them_even_worded_otherwise():
    # 重点群体 (plan) and 重点人群 (achievement) are one thing in the genre's 普法 sections.
    plan = "（二）聚焦重点群体，加大普法力度。落实国家工作人员学法用法制度。"
    done = "2.抓好重点人群普法。开展法律进校园、进企业活动30场。"
    other = "3.加强行政应诉。行政机关负责人出庭应诉率100%。"
    assert _links([plan], [other, done]) == [[1]]


def test_the_thesaurus_folds_only_to_the_form_kept():
    assert fold("深化法治宣传教育，开展普法宣传和法治宣传活动") == "深化普法，开展普法和普法活动"
    assert fold("领导干部带头尊法学法守法用法") == "领导干部带头学法用法"
    for kept, variants in SYNONYM_SETS:
        assert kept not in variants
        for variant in variants:
            assert fold(variant) == kept


def test_manner_nouns_are_not_terms_and_make_no_link():
    # 有机结合 / 切实 / 结合实际 are turns of phrase: sharing them (with one other word) is no link.
    assert not {"有机", "切实", "实际"} & terms("切实把日常考评与年度考评有机结合，结合实际完善制度")
    plan = "建立健全执法监督机制，实现日常监督与年度考评的有机结合，切实加强监管。"
    other = "推进信用风险分类监管与双随机一公开有机融合，切实提升政务服务效能。"
    assert _links([plan], [other]) == [[]]


def test_a_heading_outweighs_a_mention_in_passing():
    plan = "加强人民调解组织建设，推进矛盾纠纷多元化解。"
    headed = "（四）矛盾纠纷多元化解。新建人民调解委员会3个。"
    in_passing = "（五）开展法治培训。邀请专家讲授人民调解、信访、矛盾纠纷多元化解、安全生产等法律知识，培训干部200人。"
    ft = follow_through(make_summary({"plans": [plan]}, year=2023),
                        make_summary({"achievements": [in_passing, headed]}, year=2024))
    scores = {link.item.index: link.score for link in ft.plans[0].results}
    assert scores[1] > scores.get(0, 0)


def test_terms_spread_over_two_commitments_are_no_link():
    # The achievement names 讲师团 and 公共法律服务中心 in passing. Written as one commitment, a
    # plan naming both is carried out by it; written as two, each commitment shares one term only.
    achievement = "（三）开展执法检查。检查中邀请讲师团成员随行讲解，并在公共法律服务中心通报检查结果。"
    assert _links(["组建普法讲师团，完善公共法律服务中心建设。"], [achievement]) == [[0]]
    assert _links(["组建普法讲师团。完善公共法律服务中心建设。"], [achievement]) == [[]]


def test_a_word_that_only_qualifies_a_compound_makes_no_link_alone():
    # 国家 in 国家工作人员 and in 国家安全法 are not the same thing; 国家工作人员 still is a term.
    assert "国家" not in terms("落实国家工作人员学法用法制度")
    assert "国家工作人员" in terms("落实国家工作人员学法用法制度")
    assert not {"国家", "全民", "社会"} & terms("学习国家安全法，建设现代化国家，推进全民普法和社会治理")


def test_the_issuers_own_name_is_no_shared_term():
    # Both years of 东山综合实验区 name it everywhere; the genre's other reports never do.
    plan = "推进东山综合实验区立法保障。"
    other = "一是东山综合实验区开展立法调研。"
    earlier = make_summary({"plans": [plan]}, issuer="东山综合实验区", year=2023)
    later = make_summary({"achievements": [other]}, issuer="东山综合实验区管委会", year=2024)
    assert follow_through(earlier, later).plans[0].results == []
    # The same two passages from an issuer of another name share 综合实验区 as any other rare word.
    earlier = make_summary({"plans": [plan]}, issuer="他县", year=2023)
    later = make_summary({"achievements": [other]}, issuer="他县", year=2024)
    assert [r.item.index for r in follow_through(earlier, later).plans[0].results] == [0]
