"""Year-on-year follow-through: links rest on shared specific terms, never on stock phrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.corpus.follow import consecutive_pairs, follow_through, issuer_key
from summarizer.errors import InputError
from summarizer.evals.follow_gold import (
    Counts,
    FollowScore,
    follow_regressions,
    load_follow_baseline,
    load_follow_gold,
    score_follow,
)
from summarizer.service import SummaryService
from summarizer.settings import Settings
from tests.corpus.summaries import make_summary

ROOT = Path(__file__).resolve().parents[2]
STOCK = "坚持以习近平法治思想为指导，深入推进法治政府建设，全面依法治国，依法行政水平不断提升。"


def test_stock_phrases_alone_never_make_a_link():
    earlier = make_summary({"plans": [STOCK + "加强组织领导，推进工作落实。"]}, year=2022)
    later = make_summary({"achievements": [STOCK + "强化工作机制，推进工作落实。", STOCK]}, year=2023)
    ft = follow_through(earlier, later)
    assert ft.plans[0].status == "not_reported"
    assert ft.plans[0].results == []


def test_a_plan_carried_out_is_linked_with_the_terms_it_rests_on():
    plan = "（三）注重提质增效。建好用好普法讲师团和普法志愿者队伍，开展专题系列宣讲。"
    done = "三是发挥志愿队伍力量。积极号召普法讲师团、志愿者走访入户开展法治教育宣传，开展宣讲会20余场。"
    other = "四是规范行政应诉。行政机关负责人出庭应诉率100%。"
    ft = follow_through(make_summary({"plans": [plan]}, year=2022),
                        make_summary({"achievements": [other, done]}, year=2023))
    [followed] = ft.plans
    assert followed.status == "reported"
    assert [link.item.index for link in followed.results] == [1]
    assert {"普法讲师团", "志愿者"} & set(followed.results[0].shared)
    assert ft.reported_share == 1.0


def test_recurring_problems_and_new_commitments():
    earlier = make_summary({"problems": ["执法人员法律专业素养不高，执法证件持证率偏低。"],
                            "plans": ["加强行政复议规范化建设，提升复议案件办理质量。"]}, year=2022)
    later = make_summary({"problems": ["部分执法人员法律专业素养仍然不高，持证率有待提高。"],
                          "plans": ["推进行政复议规范化建设，提高复议案件办理质量。", "建设智慧普法平台，推动普法数字化转型。"]},
                         year=2023)
    ft = follow_through(earlier, later)
    assert len(ft.recurring_problems) == 1
    assert [c.status for c in ft.commitments] == ["repeated", "new"]


def test_issuers_are_matched_across_years_by_their_normalised_name():
    assert issuer_key("平潭综合实验区管委会") == issuer_key("平潭综合实验区") == "平潭综合实验区"
    assert issuer_key("某某县人民政府") == "某某县"
    named = [(n, make_summary({}, issuer=i, year=y)) for n, i, y in [
        ("a", "某某县人民政府", 2021), ("b", "某某县", 2022), ("c", "某某县", 2024), ("d", "他县", 2023)]]
    pairs = consecutive_pairs(named)
    assert [(a[0], b[0]) for a, b in pairs] == [("a", "b")]


def test_follow_through_scores_no_lower_than_the_baseline():
    """The link gold of evals/follow, scored with the rules backend, against evals/baselines/follow.json
    (over all pairs, and each pair against its own floor)."""
    gold = load_follow_gold(ROOT / "evals" / "follow", ROOT / "evals" / "datasets")
    score = score_follow(SummaryService(Settings()), gold)
    assert follow_regressions(score, load_follow_baseline(ROOT / "evals" / "baselines")) == []


def test_a_score_below_a_floor_is_named_with_its_pair():
    score = FollowScore()
    score.links.tp, score.links.fp, score.links.fn = 3, 1, 0
    score.per_pair["a-b"] = Counts(tp=1, fp=1, fn=1)
    floors = {"link_precision": 0.8, "link_recall": 0.5,
              "pairs": {"a-b": {"link_precision": 0.5, "link_recall": 0.6}}}
    assert follow_regressions(score, floors) == [
        "follow link_precision: 0.750 < 0.8", "follow a-b link_recall: 0.500 < 0.6"]


def test_eval_check_baseline_exits_1_below_a_follow_floor(tmp_path):
    from typer.testing import CliRunner

    from summarizer.cli import app

    floors = tmp_path / "follow.json"
    floors.write_text(json.dumps({"link_precision": 1.01}), encoding="utf-8")  # above any score
    result = CliRunner().invoke(app, ["eval", "--follow", str(ROOT / "evals" / "follow"), "--check-baseline", str(floors)])
    assert result.exit_code == 1, result.output
    assert "follow link_precision" in result.stderr


def _gold_file(folder: Path, earlier: str, later: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pair.json").write_text(json.dumps({
        "earlier": earlier, "later": later, "issuer": "某某区", "years": [2023, 2024],
        "plans": [{"plan": "组建普法讲师团", "results": ["发挥讲师团作用"], "why": "讲师团"}],
        "recurring_problems": [], "repeated_plans": []}, ensure_ascii=False), encoding="utf-8")


def test_gold_may_name_report_files_beside_it(tmp_path):
    """A pair found for the follow-through gold alone lives under the gold folder, not in a dataset."""
    gold_dir = tmp_path / "follow"
    (gold_dir / "reports").mkdir(parents=True)
    for name in ("a2023.txt", "a2024.txt"):
        (gold_dir / "reports" / name).write_text("某某区法治政府建设年度报告", encoding="utf-8")
    _gold_file(gold_dir, "reports/a2023.txt", "reports/a2024.txt")
    [gold] = load_follow_gold(gold_dir, tmp_path / "datasets")
    assert (gold.earlier, gold.later) == (gold_dir / "reports" / "a2023.txt", gold_dir / "reports" / "a2024.txt")
    assert gold.results == {("组建普法讲师团", "发挥讲师团作用")}


def test_gold_naming_a_missing_report_says_both_ways_to_name_one(tmp_path):
    _gold_file(tmp_path / "follow", "reports/nope.txt", "devset/d02")
    with pytest.raises(InputError) as raised:
        load_follow_gold(tmp_path / "follow", ROOT / "evals" / "datasets")
    assert "reports/nope.txt" in str(raised.value) and "relative to the gold folder" in raised.value.hint
