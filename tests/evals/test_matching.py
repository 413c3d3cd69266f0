"""The matching rule of evals/REFERENCE_FORMAT.md, on hand-made cases."""

from __future__ import annotations

import random

import pytest

from summarizer.evals.matching import (
    MatchItem,
    bigram_dice,
    longest_common_substring,
    normalize,
    precision_recall_f1,
    score_part,
)

# Three enumerated units of a made-up report, 20+ characters each.
UNIT_1 = "一是强化理论中心组学习,组织领导班子集体学法4次。"
UNIT_2 = "二是加强党员干部法治思维,将习近平法治思想纳入干部教育培训。"
UNIT_3 = "三是深化政务公开,全年主动公开政府信息1203条。"
OTHER = "街道全年共接待来访群众三百余人次,办理各类民生实事十二件。"


def ref(evidence: str | None, text: str = "参考条目") -> MatchItem:
    return MatchItem(text=text, evidence=evidence)


def pred(evidence: str | None, text: str = "预测条目") -> MatchItem:
    return MatchItem(text=text, evidence=evidence)


def _lcs_brute(a: str, b: str) -> int:
    return max((k for i in range(len(a)) for k in range(1, len(a) - i + 1) if a[i : i + k] in b), default=0)


def test_lcs_agrees_with_brute_force_on_random_strings():
    rng = random.Random(7)
    for _ in range(500):
        a = "".join(rng.choice("甲乙丙") for _ in range(rng.randint(0, 25)))
        b = "".join(rng.choice("甲乙丙") for _ in range(rng.randint(0, 25)))
        assert longest_common_substring(a, b) == _lcs_brute(a, b), (a, b)


def test_normalize_unifies_traditional_width_punctuation_and_whitespace():
    assert normalize("（一）深入貫徹落實，２０２２年\u3000 法治\n政府。") == normalize("(一)深入贯彻落实,2022年法治政府.")
    assert normalize("“八五”普法；") == '"八五"普法;'


def test_normalize_keeps_characters_it_has_no_rule_for():
    # 、 and 《》 have no ASCII counterpart: they must survive unchanged.
    assert normalize("《纲要》、规定") == "《纲要》、规定"


def test_exact_items_score_perfectly():
    refs = [ref(UNIT_1), ref(UNIT_2), ref(UNIT_3)]
    score = score_part([pred(UNIT_1), pred(UNIT_2), pred(UNIT_3)], refs)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_traditional_fullwidth_evidence_matches_simplified_ascii_reference():
    traditional = "一是強化理論中心組學習，組織領導班子集體學法４次。"
    score = score_part([pred(traditional)], [ref(UNIT_1)])
    assert score.precision == 1.0 and score.recall == 1.0


def test_whitespace_inside_evidence_is_ignored():
    spaced = UNIT_1[:10] + " \n\u3000" + UNIT_1[10:]
    assert score_part([pred(spaced)], [ref(UNIT_1)]).f1 == 1.0


def test_one_passage_spanning_two_units_covers_both_and_is_correct():
    merged = UNIT_1 + UNIT_2
    score = score_part([pred(merged)], [ref(UNIT_1), ref(UNIT_2)])
    assert score.recall == 1.0
    # L = |UNIT_2| which is at least half of the merged passage.
    assert score.precision == 1.0


def test_passage_sprawling_over_many_units_recalls_but_is_not_precise():
    sprawl = UNIT_1 + UNIT_2 + UNIT_3 + OTHER
    score = score_part([pred(sprawl)], [ref(UNIT_1), ref(UNIT_2), ref(UNIT_3)])
    assert score.recall == 1.0
    assert score.precision == 0.0
    assert score.f1 == 0.0


def test_splitting_one_reference_item_counts_for_every_piece():
    long_unit = UNIT_1 + UNIT_2  # the reference made one item of two sentences
    pieces = [pred(UNIT_1), pred(UNIT_2)]
    score = score_part(pieces, [ref(long_unit)])
    assert score.pred_correct == (True, True)
    assert score.ref_covered == (True,)


def test_short_quote_of_the_right_unit_counts():
    quote = UNIT_2[2:14]  # 12 characters of a 29-character unit
    score = score_part([pred(quote)], [ref(UNIT_2)])
    assert score.recall == 1.0 and score.precision == 1.0


def test_fewer_than_eight_common_characters_never_match():
    score = score_part([pred("一是强化理论中心" + OTHER)], [ref("一是强化理论中心x" + UNIT_3)])
    assert longest_common_substring(normalize("一是强化理论中心"), normalize(UNIT_1)) == 8
    assert score.matched_pred == 0 and score.matched_ref == 0


def test_exactly_eight_characters_at_half_the_shorter_matches():
    p = "强化理论中心组学" + "甲乙丙丁戊己庚辛"  # 16 chars, 8 shared
    r = "强化理论中心组学" + "子丑寅卯辰巳午未申酉"
    score = score_part([pred(p)], [ref(r)])
    assert score.recall == 1.0 and score.precision == 1.0


def test_unrelated_prediction_is_a_false_positive_and_reference_a_miss():
    score = score_part([pred(OTHER)], [ref(UNIT_1)])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_reference_without_evidence_falls_back_to_text_dice():
    r = ref(None, text="强化理论中心组学习,领导班子带头学法")
    close = pred(UNIT_1, text="强化理论中心组学习,领导班子带头学法四次")
    far = pred(UNIT_3, text="深化政务公开")
    score = score_part([close, far], [r])
    assert score.pred_correct == (True, False)
    assert score.recall == 1.0


def test_prediction_with_too_short_evidence_falls_back_to_text_dice():
    r = ref(UNIT_1, text="强化理论中心组学习")
    assert score_part([pred("学法", text="强化理论中心组学习")], [r]).f1 == 1.0
    assert score_part([pred("学法", text="完全不同的内容")], [r]).f1 == 0.0


def test_bigram_dice():
    assert bigram_dice("法治政府", "法治政府") == 1.0
    assert bigram_dice("法治政府", "行政复议") == 0.0
    assert bigram_dice("法治政府建设", "法治政府") == pytest.approx(2 * 3 / (5 + 3))
    assert bigram_dice("", "") == 0.0


def test_empty_sides():
    assert score_part([], []).f1 is None
    nothing_predicted = score_part([], [ref(UNIT_1)])
    assert (nothing_predicted.precision, nothing_predicted.recall, nothing_predicted.f1) == (None, 0.0, 0.0)
    nothing_expected = score_part([pred(UNIT_1)], [])
    assert (nothing_expected.precision, nothing_expected.recall, nothing_expected.f1) == (0.0, None, 0.0)


def test_precision_recall_f1_from_counts():
    assert precision_recall_f1(3, 4, 1, 2) == (0.75, 0.5, pytest.approx(0.6))
    assert precision_recall_f1(0, 0, 0, 0) == (None, None, None)


def _naive_score(preds: list[str], refs: list[str]) -> tuple[list[bool], list[bool]]:
    """The rule read literally: every pair, brute-force LCS (evidence only, all usable)."""
    correct = [any((L := _lcs_brute(p, r)) >= 8 and 2 * L >= len(p) for r in refs) for p in preds]
    covered = [any((L := _lcs_brute(p, r)) >= 8 and 2 * L >= min(len(p), len(r)) for p in preds) for r in refs]
    return correct, covered


def test_fast_scoring_agrees_with_the_rule_read_literally():
    rng = random.Random(11)
    units = ["".join(rng.choice("甲乙丙丁戊己庚辛壬癸") for _ in range(rng.randint(8, 30))) for _ in range(6)]
    for _ in range(150):
        refs = [rng.choice(units) + rng.choice(units)[: rng.randint(0, 10)] for _ in range(rng.randint(1, 4))]
        preds = []
        for _ in range(rng.randint(1, 4)):
            source = rng.choice(refs + units)
            a = rng.randint(0, len(source) - 8)
            preds.append(source[a : rng.randint(a + 8, len(source))] + rng.choice(units)[: rng.randint(0, 12)])
        score = score_part([pred(p) for p in preds], [ref(r) for r in refs])
        correct, covered = _naive_score(preds, refs)
        assert list(score.pred_correct) == correct and list(score.ref_covered) == covered, (preds, refs)


def test_longest_runs_from_shared_8_grams_equal_the_brute_force_lcs():
    from summarizer.evals.matching import _gram_index, _longest_runs

    rng = random.Random(5)
    for _ in range(300):
        alphabet = rng.choice(["甲乙", "甲乙丙", "甲乙丙丁戊"])  # small alphabets: many repeated runs
        refs = {j: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for j in range(3)}
        p = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        runs = _longest_runs(p, _gram_index(refs), refs)
        for j, r in refs.items():
            expected = _lcs_brute(p, r)
            assert runs.get(j, 0) == (expected if expected >= 8 else 0), (p, r)


def test_rule_on_the_real_seed_references():
    from pathlib import Path

    from summarizer.evals.dataset import load_dataset

    cases = load_dataset(Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds").cases
    for case in cases:
        ref = case.reference
        for part in ref.scored_parts():  # a reference scored against itself is perfect
            assert score_part(ref.match_items(part), ref.match_items(part)).f1 in (1.0, None)
        achievements = ref.match_items("achievements")
        others = [i for p in ("problems", "causes", "plans") for i in ref.match_items(p)]
        wrong_part = score_part(others, achievements)  # other parts' items passed off as achievements
        assert wrong_part.matched_pred == 0 and wrong_part.matched_ref == 0
        whole = MatchItem("全部成效", "".join(i.evidence for i in achievements))  # one sprawling item
        sprawl = score_part([whole], achievements)
        assert sprawl.recall == 1.0 and sprawl.precision == 0.0
        for other in cases:  # another report's achievements match nothing here
            if other is not case:
                assert score_part(other.reference.match_items("achievements"), achievements).f1 == 0.0
