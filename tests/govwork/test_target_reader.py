"""The reader's checks of a 政府工作报告's targets (summarizer/evals/target_reader.py) and of its
item summaries in the genre eval (genre_eval.reader_case / reader_scores). Passages are real
(govwork g01, g04, g09, g14) or rearranged from them into other shapes."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from summarizer.evals.genre_eval import reader_case, reader_scores, run_genre_eval
from summarizer.evals.target_reader import check_targets, target_problems
from summarizer.extract.govwork.targets import find_targets
from summarizer.genres import GOVERNMENT_WORK_REPORT
from summarizer.govwork_schema import Target
from summarizer.schema import Item, Span

ROOT = Path(__file__).resolve().parents[2]
# g04's targets (a range), g01's list with a shared head and a trailing bound, g14's 城乡 pair.
TEXT = ("今年经济社会发展的主要预期目标是：本地生产总值增长8—8.5%，城镇居民登记失业率控制在3%以内，"
        "居民消费价格涨幅3%左右，一般公共预算收入达到500亿元，新增就业10万人；"
        "万元GDP建设用地、水耗、电耗分别下降5%、5%、3%左右；城乡常住居民人均可支配收入分别增长7%和8%左右。")


def _target(clause: str, indicator: str, value: float | None, unit: str | None, **extra) -> Target:
    start = TEXT.index(clause)
    return Target(indicator=indicator, value=value, unit=unit, evidence=clause,
                  span=Span(start=start, end=start + len(clause)), **extra)


def _problems(target: Target) -> list[str]:
    return target_problems(TEXT, target)["problems"]


def test_the_rules_targets_of_the_passage_read_whole():
    targets = find_targets(TEXT, TEXT.index("：") + 1, len(TEXT))
    read = check_targets(targets, TEXT)
    assert read.problems == []
    assert (read.n_targets, read.qualifier_expected, read.range_expected) == (10, 4, 1)  # 以内, 左右 and the trailing 左右 of each list at its last figure
    # the list's and the pair's indicators are not written as such, and say so
    assert read.indicator_inferred == 5
    assert [t.indicator_basis for t in targets[-5:]] == ["composed"] * 3 + ["inferred"] * 2


@pytest.mark.parametrize("clause,indicator,value,unit,extra,check", [
    ("本地生产总值增长8—8.5%", "本地生产总值增", 8, "%", {"value_high": 8.5}, "indicator"),  # cut inside 增长
    ("城镇居民登记失业率控制在3%以内", "城镇居民登记失业率控制在", 3, "%", {"qualifier": "at_most"}, "indicator"),
    ("一般公共预算收入达到500亿元", "一般公共预算收入", 500, "亿", {}, "unit"),  # 亿元 cut
    ("新增就业10万人", "新增就业", 10, "万", {}, "unit"),  # 万人 cut
    ("居民消费价格涨幅3%左右", "居民消费价格涨幅", 3, None, {"qualifier": "about"}, "unit"),  # % lost
    ("居民消费价格涨幅3%左右", "居民消费价格涨幅", 3, "%", {}, "qualifier"),  # 左右 lost
    ("城镇居民登记失业率控制在3%以内", "城镇居民登记失业率", 3, "%", {}, "qualifier"),  # 以内 lost
    ("本地生产总值增长8—8.5%", "本地生产总值增长", 8, "%", {}, "range"),  # value_high lost
    ("新增就业10万人", "新增就业", 12, "万人", {}, "value"),  # not the number written
    ("万元GDP建设用地、水耗、电耗分别下降5%、5%、3%左右", "万元GDP水耗下降", 5, "%",
     {"qualifier": "about", "indicator_basis": "stated"}, "indicator"),  # composed, but says stated
])
def test_a_target_a_reader_would_stumble_on_is_caught(clause, indicator, value, unit, extra, check):
    problems = _problems(_target(clause, indicator, value, unit, **extra))
    assert any(p.startswith(check) for p in problems), problems


def test_a_target_as_written_passes_every_check():
    assert _problems(_target("本地生产总值增长8—8.5%", "本地生产总值增长", 8, "%", value_high=8.5)) == []
    assert _problems(_target("城镇居民登记失业率控制在3%以内", "城镇居民登记失业率", 3, "%",
                             qualifier="at_most", qualifier_text="以内")) == []
    assert _problems(_target("一般公共预算收入达到500亿元", "一般公共预算收入", 500, "亿元")) == []
    # a target without a figure where its clause writes one lost its value
    assert _problems(_target("新增就业10万人", "新增就业", None, None)) == ["value lost: the clause writes '10万人'"]


def test_a_target_says_how_its_indicator_was_read_when_a_backend_does_not():
    assert _target("新增就业10万人", "新增就业", 10, "万人").indicator_basis == "stated"
    assert _target("新增就业10万人", "城镇新增就业", 10, "万人").indicator_basis == "inferred"
    assert _target("新增就业10万人", "就业", 10, "万人", indicator_basis="composed").indicator_basis == "composed"


def test_the_genre_eval_reports_the_readers_rates_per_part_and_pooled(tmp_path):
    dataset = tmp_path / "govwork"
    dataset.mkdir()
    for name in ("g04.txt", "g04.json", "g09.txt", "g09.json", "index.json"):
        shutil.copy(ROOT / "evals/datasets/govwork" / name, dataset / name)
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    run = asyncio.run(run_genre_eval(SummaryService(Settings()), dataset, GOVERNMENT_WORK_REPORT))
    assert 0 < run.scores["reader.plans.summary_dice"] <= 1
    for name in ("reader.review.well_formed_rate", "reader.all.well_formed_rate",
                 "reader.targets.indicator_ok_rate", "reader.targets.unit_ok_rate",
                 "reader.targets.qualifier_kept_rate", "reader.targets.range_kept_rate"):
        assert 0.9 <= run.scores[name] <= 1.0, name
    assert all("reader" in d and "targets" in d["reader"] for d in run.documents)


def test_a_torn_summary_and_a_cut_unit_lower_the_rates():
    text = "一些领域存在风险隐患，统筹发展和安全任务艰巨。今年的主要预期目标是：一般公共预算收入达到500亿元。"
    item = Item(summary="些领域存在风险隐患", evidence=text[:23], span=Span(start=0, end=23))
    start = text.index("一般")
    target = Target(indicator="一般公共预算收入", value=500, unit="亿", evidence=text[start:-1],
                    span=Span(start=start, end=len(text) - 1))

    class Summary:
        review, problems, plans, government_self_building, targets = [], [item], [], [], [target]

    doc = reader_case(GOVERNMENT_WORK_REPORT, Summary(), {}, text)
    scores = reader_scores(GOVERNMENT_WORK_REPORT, [{"status": "ok", "reader": doc}])
    assert scores["reader.problems.well_formed_rate"] == 0.0
    assert scores["reader.all.well_formed_rate"] == 0.0
    assert scores["reader.targets.unit_ok_rate"] == 0.0
    assert "reader.review.well_formed_rate" not in scores  # no summary: no rate
    assert doc["targets"]["problems"] and doc["problems"]["problems"]


@pytest.mark.parametrize("brk", ["\n", "\r\n", " "])
def test_targets_of_a_text_whose_lines_break_inside_clauses_read_whole(brk):
    # A PDF's lines break anywhere (地区生产总|值增长, 5|%): the indicator is shown joined, and the
    # reader reads the clause as a reader of the page does, without the break.
    text = (f"主要预期目标是：地区生产总{brk}值增长6%左右，城镇调查失业率{brk}5.5%以内，"
            f"一般公共预算收入增长5{brk}%，PM2.5 年均浓度下降至26微克/立方米。")
    targets = find_targets(text, 8, len(text))
    assert [t.indicator for t in targets] == ["地区生产总值增长", "城镇调查失业率", "一般公共预算收入增长", "PM2.5年均浓度"]
    assert {t.indicator_basis for t in targets} == {"stated"}
    read = check_targets(targets, text)
    assert read.problems == [] and read.qualifier_expected == 2
    torn = targets[0].model_copy(update={"indicator": f"地区生产总{brk}值增长"})
    assert "line break" in check_targets([torn], text).problems[0]


def test_a_figureless_target_whose_clause_writes_a_figure_lost_its_value():
    text = "主要预期目标是：粮食产量稳定在1250亿斤以上，居民收入增长和经济增长同步，2025年外贸进出口保持稳定。"
    grain = text.index("粮食")
    lost = Target(indicator="粮食产量", comparison="稳定", evidence="粮食产量稳定在1250亿斤以上",
                  span=Span(start=grain, end=grain + 15))
    read = check_targets([lost], text)
    assert read.value_lost == 1 and read.value_ok_rate == 0.0
    # the rules read the figure (斤 is a unit of the genre's grain target); a criterion and a year are no figure
    found = find_targets(text, 8, len(text))
    assert (found[0].indicator, found[0].value, found[0].unit) == ("粮食产量", 1250.0, "亿斤")
    assert check_targets(found, text).problems == []


@pytest.mark.parametrize("clause,figure", [("人均预期寿命达到79.5岁", (79.5, "岁", None)),
                                           ("实际使用外资规模稳中有升", (None, None, "稳中有升")),
                                           ("单位GDP能耗下降2.5%左右", (2.5, "%", None))])
def test_other_target_shapes_of_the_genre(clause, figure):
    text = f"主要预期目标是：{clause}。"
    assert [(t.value, t.unit, t.comparison) for t in find_targets(text, 8, len(text))] == [figure]


@pytest.mark.parametrize("sep", ["；", "，"])
def test_a_figureless_comparison_is_a_target_and_a_task_is_none(sep):
    text = (f"主要预期目标是：农村居民人均可支配收入增速快于城镇居民{sep}城乡居民收入差距进一步缩小{sep}"
            f"一般公共预算收入增长高于全国平均水平{sep}扩大有效投资。")
    assert [(t.indicator, t.comparison) for t in find_targets(text, 8, len(text))] == [
        ("农村居民人均可支配收入增速", "快于城镇居民"), ("城乡居民收入差距", "进一步缩小"),
        ("一般公共预算收入增长", "高于全国平均水平")]
