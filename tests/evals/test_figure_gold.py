"""Figure gold, confident-wrong metadata and wrong-part items (summarizer/evals/figure_gold.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from evalkit import ACH_1, ACH_3, PLAN, PROBLEM, REPORT_TEXT, FakeService, make_summary, write_case

from summarizer.errors import InputError
from summarizer.evals.dataset import ReferenceFigure, load_dataset, load_reference
from summarizer.evals.figure_gold import score_figures, wrong_part_items
from summarizer.evals.runner import run_eval_sync
from summarizer.evals.scoring import headline_scores
from summarizer.extract.rules import find_figures
from summarizer.schema import Figure, Span

DEVSET = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "devset"


def _with_figures(summary, figures):
    item = summary.achievements[0].model_copy(update={"figures": figures})
    return summary.model_copy(update={"achievements": [item, *summary.achievements[1:]]})


def _figure(phrase: str, value: float, unit: str, label: str, **extra) -> Figure:
    at = REPORT_TEXT.index(phrase)
    return Figure(label=label, value=value, unit=unit, evidence=phrase, span=Span(start=at, end=at + len(phrase)),
                  **extra)


GOLD = [
    ReferenceFigure(value=4, unit="次", label="领导班子集体学法", quote="组织领导班子集体学法4次"),
    ReferenceFigure(value=1203, unit="条", label="政府信息", quote="全年主动公开政府信息1203条"),
    ReferenceFigure(value=6, unit="人", label="法学专业人员", quote="法学专业人员仅有6人"),
]


def test_matched_figures_are_scored_for_unit_qualifier_and_label():
    summary = make_summary(parts={"achievements": [ACH_1, ACH_3]})
    summary = _with_figures(summary, [
        _figure("学法4次", 4, "次", "领导班子集体学法"),  # right
        _figure("政府信息1203条", 1203, "条", "主动公开"),  # label wrong
        _figure("仅有6人", 6, "名", "x", qualifier="about"),  # unit and qualifier wrong, label wrong
        _figure("学法4次", 4, "次", "学法"),  # a second prediction of a matched figure: not matched
    ])
    object.__setattr__(summary.achievements[0].figures[0], "label", None)  # no label: empty, not wrong
    score = score_figures(summary, GOLD, REPORT_TEXT)
    assert (score.n_gold, score.n_pred, score.matched) == (3, 4, 3)
    assert (score.unit_right, score.qualifier_right) == (2, 2)
    # the unlabelled 4次 is matched (same place, earlier), so the 学法 one is the unmatched prediction
    assert (score.label_right, score.label_wrong, score.label_empty) == (0, 2, 1)
    assert score.recall == 1 and score.precision == 0.75


def test_a_figure_elsewhere_or_of_another_value_does_not_match():
    summary = _with_figures(make_summary(parts={"achievements": [ACH_1]}),
                            [_figure("学法4次", 5, "次", "学法"), _figure("仅有6人", 4, "次", "人员")])
    score = score_figures(summary, GOLD[:1], REPORT_TEXT)
    assert score.matched == 0 and any("missed" in p for p in score.problems)


def test_the_devset_has_figure_gold_for_five_reports_with_verbatim_quotes():
    with_gold = 0
    for path in sorted(DEVSET.glob("d*.json")):
        reference = load_reference(path)
        if not reference.figures:
            continue
        with_gold += 1
        text = "".join(path.with_suffix(".txt").read_text(encoding="utf-8").split())
        for gold in reference.figures:  # each quote is verbatim (whitespace aside), once, and holds its number
            assert text.count("".join(gold.quote.split())) == 1, (path.name, gold.quote)
            assert f"{gold.value:g}" in gold.quote, (path.name, gold.quote)
    assert with_gold >= 5


def test_figure_gold_is_validated(tmp_path):
    write_case(tmp_path, "doc1", {"figures": [{"value": 3, "unit": "件", "quote": "x", "qualfier": "about"}]})
    with pytest.raises(InputError, match=r"figures\.\[?0\]?\.qualfier|figures\[0\]\.qualfier"):
        load_dataset(tmp_path)


def test_confident_wrong_counts_stated_wrong_fields_only_and_wrong_part_items(tmp_path):
    ref = {"metadata": {"issuer": "环市街", "report_year": 2022, "published_date": None},
           "achievements": [{"text": "学法", "evidence": ACH_1}], "problems": [{"text": "人才", "evidence": PROBLEM}],
           "plans": [{"text": "计划", "evidence": PLAN}],
           "figures": [g.model_dump() for g in GOLD]}
    write_case(tmp_path, "doc1", ref)
    # issuer stated wrong (confident-wrong), report year null (wrong but not confident), date right;
    # the problem filed as an achievement is in the wrong part.
    summary = make_summary(parts={"achievements": [ACH_1, PROBLEM], "plans": [PLAN]},
                           metadata={"issuer": "实验区", "report_year": None})
    report = run_eval_sync(FakeService({"doc1": summary}), load_dataset(tmp_path))
    c = report.overall.confidence
    assert (c.metadata_stated, c.metadata_wrong) == (1, 1)
    assert (c.n_items, c.wrong_part) == (3, 1)
    scores = headline_scores(report.overall)
    assert scores["confidence.metadata_not_wrong"] == 0 and scores["confidence.items_in_right_part"] == pytest.approx(2 / 3)
    assert scores["figures.recall"] == 0  # the summary has no figures
    run = json.loads(report.model_dump_json())
    assert run["documents"][0]["figures"]["n_gold"] == 3 and run["overall"]["confidence"]["wrong_part"] == 1


def test_wrong_part_ignores_items_that_match_their_own_part():
    ref = load_reference(DEVSET / "d08.json")
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    result = SummaryService(Settings(cache_enabled=False)).summarize_sync(DEVSET / "d08.txt")
    n_items, wrong, examples = wrong_part_items(result.summary, ref)
    assert n_items == sum(len(result.summary.items(p)) for p in ref.scored_parts())
    assert wrong == len(examples) and wrong <= 1


def test_find_figures_output_is_matched_against_hand_gold():
    text = "全年主动公开政府信息1203条，开展活动20余场。"
    gold = [ReferenceFigure(value=1203, unit="条", label="政府信息", quote="公开政府信息1203条"),
            ReferenceFigure(value=20, unit="场", qualifier="more_than", label="活动", quote="开展活动20余场")]
    summary = make_summary(text=text, parts={"achievements": [text]})
    summary = _with_figures(summary, find_figures(text))
    score = score_figures(summary, gold, text)
    assert score.matched == 2 and score.qualifier_right == 2 and score.unit_right == 2
