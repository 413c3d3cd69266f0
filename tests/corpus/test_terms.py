"""Key terms and their weights: the genre's stock phrases say nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.corpus.terms import _bundled_texts, build_table, is_stock, terms, weight
from summarizer.genres import GENRES, genre_named

ROOT = Path(__file__).resolve().parents[2]
# Formulas every rule-of-law report repeats (its opening, its closing and the regulation's words).
STOCK_PHRASES = ["坚持以习近平法治思想为指导", "深入推进法治政府建设", "全面依法治国", "依法行政",
                 "党政主要负责人履行推进法治建设第一责任人职责", "严格规范公正文明执法", "深入学习贯彻习近平法治思想"]


@pytest.mark.parametrize("phrase", STOCK_PHRASES)
def test_stock_phrases_weigh_nothing(phrase):
    assert terms(phrase), phrase
    assert sum(weight(t) for t in terms(phrase)) < 1.5  # below what a link needs


def test_specific_nouns_weigh_more_than_stock_words():
    assert weight("普法讲师团") > weight("宪法") > 0
    assert is_stock("法治")
    assert not is_stock("讲师团")


def test_terms_are_nouns_and_adjacent_pairs_but_never_across_punctuation():
    found = terms("建好用好普法讲师团和普法志愿者队伍，学习宪法、民法典")
    assert {"讲师团", "志愿者", "宪法", "民法典"} <= found
    assert "宪法民法典" not in found  # 、 separates them
    assert not {"建好", "学习"} & found  # verbs are not key terms


def test_quantifying_nouns_are_not_terms():
    assert not {"个别", "部分", "少数"} & terms("个别单位、部分干部和少数民警法治意识不强")


# Each genre's table and the bundled reports it is built from (as its rebuild command names them:
# python -m summarizer.corpus.terms [--genre NAME] FOLDER...).
TABLE_SOURCES = {
    "rule_of_law": ["seeds", "devset"],
    "government_work_report": ["govwork"],
}


@pytest.mark.parametrize("genre", sorted(TABLE_SOURCES))
def test_each_genre_table_is_up_to_date_with_the_bundled_reports(genre):
    folders = [ROOT / "evals" / "datasets" / name for name in TABLE_SOURCES[genre]]
    built = build_table(_bundled_texts(folders))
    table = genre_named(genre).follow.terms_table
    shipped = json.loads((ROOT / "summarizer" / "corpus" / table).read_text(encoding="utf-8"))
    assert built == shipped, f"rebuild: python -m summarizer.corpus.terms --genre {genre} " + " ".join(
        f"evals/datasets/{name}" for name in TABLE_SOURCES[genre])


def test_every_genre_with_follow_through_has_a_table_test():
    assert {g.name for g in GENRES if g.follow is not None} == set(TABLE_SOURCES)
