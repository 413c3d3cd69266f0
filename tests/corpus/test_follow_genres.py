"""Follow-through for each genre: the parts it compares are declared once per genre (Genre.follow)."""

from __future__ import annotations

import pytest

from summarizer.corpus.follow import consecutive_pairs, follow_through, own_name_terms
from summarizer.corpus.follow_views import follow_csv_rows, follow_markdown
from summarizer.corpus.terms import terms, weight
from summarizer.errors import InputError
from summarizer.genres import GENRES, GOVERNMENT_WORK_REPORT

from .summaries import make_govwork_summary, make_summary

# A 政府工作报告 task unit in the genre's usual shape: a heading, then one measure to a clause.
PLAN_UNIT = ("（四）突出环境，增强城区吸引力。优化生态环境。实施80个小区排水管网改造。"
             "完成24座农贸市场公厕改造。启动视频门禁系统改造。新建两个社区公园。")
# Next year's review unit reporting three of those measures in other words and order, with no
# sentence sharing two terms with any one measure.
REVIEW_UNIT = ("（三）着力民生实事，公共服务保障水平大幅提升。升级改造24座集贸市场公厕。"
               "视频门禁系统全部建成。完成45个小区排水管网改造主体工程。新建社区公园4个。")


def test_every_genre_with_follow_through_names_its_own_parts():
    for genre in GENRES:
        if genre.follow is None:
            continue
        for part in (*genre.follow.plans, *genre.follow.results, *genre.follow.problems):
            assert part in genre.part_names, (genre.name, part)


def test_govwork_plans_of_year_n_are_followed_in_the_review_of_year_n_plus_1():
    earlier = make_govwork_summary({"plans": [PLAN_UNIT]}, session_year=2014)
    later = make_govwork_summary({"review": ["（一）经济发展迈上新台阶。生产总值增长8%。", REVIEW_UNIT]},
                                 session_year=2015)
    ft = follow_through(earlier, later)
    assert ft.genre == GOVERNMENT_WORK_REPORT.name
    assert ft.years == (2014, 2015)  # a 政府工作报告 is known by its session year
    [plan] = ft.plans
    assert [(r.item.part, r.item.index) for r in plan.results] == [("review", 1)]
    assert "公厕" in plan.results[0].shared
    assert "2014 → 2015" in follow_markdown(ft)
    assert {row["earlier_year"] for row in follow_csv_rows([ft])} == {2014}


def test_two_measures_in_common_are_not_enough_for_a_long_unit():
    earlier = make_govwork_summary({"plans": [PLAN_UNIT]}, session_year=2014)
    two_of_them = "升级改造24座集贸市场公厕。完成45个小区排水管网改造主体工程。举办国际摄影周。"
    later = make_govwork_summary({"review": [two_of_them]}, session_year=2015)
    assert follow_through(earlier, later).plans[0].results == []


def test_the_government_building_section_commits_too():
    earlier = make_govwork_summary({"government_self_building": [PLAN_UNIT]}, session_year=2014)
    later = make_govwork_summary({"review": [REVIEW_UNIT]}, session_year=2015)
    [plan] = follow_through(earlier, later).plans
    assert plan.plan.part == "government_self_building" and plan.status == "reported"


def test_govwork_stock_words_weigh_nothing_in_its_own_table():
    table = GOVERNMENT_WORK_REPORT.follow.terms_table
    phrase = "推动经济高质量发展，持续改善民生"
    assert terms(phrase)
    assert sum(weight(t, table) for t in terms(phrase)) < 1.0


def test_reports_of_two_genres_are_neither_paired_nor_compared():
    law = make_summary({"plans": ["组建普法讲师团。"]}, issuer="某某区", year=2022)
    work = make_govwork_summary({"review": ["组建普法讲师团。"]}, issuer="某某区", session_year=2024)  # reviews 2023
    assert consecutive_pairs([("law", law), ("work", work)]) == []
    with pytest.raises(InputError, match="one genre"):
        follow_through(law, work)


def test_the_genres_formulas_alone_make_no_link_however_many():
    """Every government work report of the period writes these; repeated in both years they say nothing."""
    formulas = ("坚持稳中求进工作总基调。推动经济高质量发展。深化供给侧结构性改革。持续改善民生。"
                "全面深化改革。优化营商环境。")
    earlier = make_govwork_summary({"plans": ["（一）坚持改革开放。" + formulas]}, session_year=2020)
    later = make_govwork_summary({"review": ["（一）改革开放取得新进展。" + formulas]}, session_year=2021)
    assert follow_through(earlier, later).plans[0].results == []


def test_a_later_unit_restates_the_earlier_unit_it_repeats_most_not_its_best_single_sentence():
    environment = ("（一）突出环境，增强城区吸引力。实施80个小区排水管网改造。完成24座农贸市场公厕改造。"
                   "启动视频门禁系统改造。")
    # a unit headed by the one measure the later unit also names, in a sentence of its own
    efficiency = "（二）建设区块链电子证照库，推行秒批秒办。"
    later_plan = ("（五）打造园林式先进城区。完成95个小区排水管网改造。完成5座农贸市场公厕艺术化改造。"
                  "完成城中村视频门禁系统建设。依托区块链电子证照库，推行秒批秒办事项120项。")
    earlier = make_govwork_summary({"plans": [environment, efficiency]}, session_year=2014)
    later = make_govwork_summary({"plans": [later_plan]}, session_year=2015)
    [commitment] = follow_through(earlier, later).commitments
    assert commitment.status == "repeated" and commitment.earlier.item.index == 0


@pytest.mark.parametrize(("issuer", "stem"), [("罗湖区", "罗湖"), ("平潭综合实验区", "平潭"), ("广东省", "广东"),
                                              ("某某自治县", "某某"), ("某某镇", "某某")])
def test_the_issuers_place_stem_is_its_own_name_too(issuer, stem):
    """Reports write their place by its stem (幸福罗湖, 罗湖标准): no shared term of a pair."""
    assert stem in own_name_terms(issuer)
    assert "区" not in own_name_terms("某区")  # a one-character stem is no name
