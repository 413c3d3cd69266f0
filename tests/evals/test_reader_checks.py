"""The reader's checks (evals/reader.py) catch the broken summaries and figures of issue 9."""

from __future__ import annotations

import pytest

from summarizer.evals.reader import (
    check_items,
    figure_problems,
    label_problem,
    qualifier_in_text,
    summary_problems,
)
from summarizer.extract.rules import find_figures
from summarizer.schema import Figure, Item, Span

TEXT = (
    "一是推进政府行为诚实守信。推动涉及的84家失信被执行企业清理整顿，办结105件涉企案件解封企业基本账户12个。"
    "全年接待群众咨询接近3000人次，开展活动20余场，其中线上活动5场。"
)


def _item(start: int = 0, end: int | None = None, summary: str = "推进政府行为诚实守信", figures=()) -> Item:
    end = len(TEXT) if end is None else end
    return Item(summary=summary, evidence=TEXT[start:end], span=Span(start=start, end=end), figures=list(figures))


@pytest.mark.parametrize(
    "summary",
    [
        "推进政府行为诚实守信：涉及的84家失信",  # 84家失信被执行企业, cut inside the phrase
        "推进政府行为诚实守信：105件涉企案件解封企业基本",  # cut inside 基本账户
        "推进政府行为诚实守信：接待群众咨询接",  # cut inside 接近
        "推进政府行为诚实守信的",  # dangling 的
        "推进“政府行为诚实守信",  # unbalanced quote
        "推进政府行为诚实守信…",  # cut mark
        "（一）推进政府行为诚实守信\n接待群众咨询",  # a heading line and the line under it
        "推" * 61,  # too long
    ],
)
def test_broken_summaries_are_not_well_formed(summary):
    assert summary_problems(summary, TEXT, _item()), summary


@pytest.mark.parametrize(
    "summary",
    ["推进政府行为诚实守信", "推进政府行为诚实守信：推动涉及的84家失信被执行企业清理整顿", "开展活动20余场，其中线上活动5场",
     "坚持依法行政，深化放管服改革"],  # the last is not copied: judged on form only
)
def test_whole_phrase_summaries_are_well_formed(summary):
    assert summary_problems(summary, TEXT, _item()) == []


def test_a_figure_that_dropped_its_qualifier_is_caught():
    at = TEXT.index("接近3000")
    span = Span(start=at - 6, end=at + 8)
    lost = Figure(label="接待群众咨询", value=3000, unit="人次", evidence=TEXT[span.start:span.end], span=span)
    assert qualifier_in_text(TEXT, lost) == "接近"
    _, problems = figure_problems(TEXT, lost, _item())
    assert problems == ["qualifier '接近' lost"]
    kept = lost.model_copy(update={"qualifier": "nearly", "qualifier_text": "接近"})
    assert figure_problems(TEXT, kept, _item()) == (True, [])


def test_a_cut_label_and_a_figure_outside_its_item_are_caught():
    at = TEXT.index("接近3000")
    span = Span(start=at - 5, end=at + 8)  # 群众咨询接 | 近3000人次: the label ends inside 接近
    cut = Figure(label="群众咨询接", value=3000, unit="人次", evidence=TEXT[span.start:span.end], span=span,
                 qualifier="nearly")
    _, problems = figure_problems(TEXT, cut, _item(0, 20))
    assert any("cuts a word" in p for p in problems) and "outside its item" in problems


def test_the_rules_figures_of_the_sample_keep_qualifiers_and_no_label_is_a_verb():
    item = _item(figures=find_figures(TEXT))
    result = check_items([item], TEXT, [(0, "推进政府诚信建设，推动84家失信被执行企业清理整顿")])
    assert result.n_figures == 6 and result.qualifier_expected == 2
    assert (result.qualifier_lost, result.outside_item, result.unit_bad) == (0, 0, 0), result.problems
    # the rules once labelled 84家 with the verbs 推动涉及 (issue 16); now it has no label, which is not wrong
    assert (result.label_bad, result.label_empty) == (0, 1), result.problems
    assert result.n_pairs == 1 and 0 < result.summary_dice < 1


@pytest.mark.parametrize("summary", ["一是推进政府行为诚实守信", "（一）推进政府行为诚实守信", "(一)推进政府行为诚实守信",
                                     "一、推进政府行为诚实守信", "1.推进政府行为诚实守信", "（1）推进政府行为诚实守信"])
def test_a_summary_that_keeps_its_units_number_is_not_well_formed(summary):
    assert any("starts with its unit's number" in p for p in summary_problems(summary, TEXT, _item())), summary


@pytest.mark.parametrize("summary", ["统一是推进的前提", "第一、二季度推进政府行为诚实守信", "1.5万人次接受咨询"])
def test_a_numeral_that_is_no_units_number_is_no_marker(summary):
    assert not any("starts with its unit's number" in p for p in summary_problems(summary, TEXT))


@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("服务业增加值占比不低于32%。", "at_least"), ("市级以上科技创新平台总数突破115家。", "over"),
    ("政府性债务率不高于80%。", "at_most"),
])
def test_a_floor_or_ceiling_is_the_figures_qualifier_and_ends_its_label(sentence, qualifier):
    """Plans and targets set floors and ceilings (不低于, 不高于) and report thresholds passed (突破):
    the figure carries the bound, and a label that stops before it is whole."""
    figure = find_figures(sentence)[0]
    assert figure.qualifier == qualifier and figure.qualifier_text in sentence
    assert figure.label is not None and figure.qualifier_text is not None
    assert sentence.index(figure.label) + len(figure.label) == sentence.index(figure.qualifier_text)
    assert label_problem(sentence, figure) is None


def test_figures_without_a_label_are_counted_as_a_rate():
    text = "全年实现地区生产总值1100.7亿元，增长5.7%。"
    result = check_items([_item(figures=find_figures(text))], text, [])
    assert result.n_figures == 2 and result.labelled_rate is not None
    assert result.labelled_rate == 1 - result.label_empty / 2


# --- fig-trust: shapes a reader finds wrong though every word is whole ------------------------

def _figure(text: str, evidence: str, label: str | None, value: float, unit: str, **fields) -> Figure:
    start = text.index(evidence)
    return Figure(label=label, value=value, unit=unit, evidence=evidence,
                  span=Span(start=start, end=start + len(evidence)), **fields)


def _problems(text: str, fig: Figure) -> list[str]:
    item = Item(summary="一段", evidence=text, span=Span(start=0, end=len(text)), figures=[fig])
    return figure_problems(text, fig, item)[1]


@pytest.mark.parametrize(("text", "evidence", "label", "value", "unit", "kind"), [
    ("力争全年引进研究机构5至7家，", "研究机构5至7家", "研究机构", 7, "家", "range"),  # cut to its upper end
    ("计划出让产业用地8—10宗。", "产业用地8—10宗", "产业用地", 10, "宗", "range"),
    ("各类事故死亡人数同比下降35%，", "各类事故死亡人数同比下降35%", None, 35, "%", "decrease"),
    ("文件、会议、考核数量分别压减50%、2.1%、27%。", "2.1%", None, 2.1, "%", "decrease"),
    ("硕士、博士占比87%，", "博士占比87%", "博士占比", 87, "%", "label"),  # the coordination lost
    ("2020年经济总量仅占全市3.9%。", "全市3.9%", "全市", 3.9, "%", "label"),  # the base of a share
    ("规模以上工业增加值677.8亿元，", "工业增加值677.8亿元", "工业增加值", 677.8, "亿元", "label"),
    ("打造500米群众诉求服务圈，", "打造500米群众", "群众", 500, "米", "label"),  # the circle is 500 m
    ("文件、会议、考核数量分别压减50%、2.1%、27%。", "考核数量分别压减50%", "考核数量", 50, "%", "label"),  # wrong pair
    ("实现居民参与率达95％以上。", "居民参与率达95％以上", "居民参与率", 95, "％", "unit"),
])
def test_the_reader_finds_torn_figures(text, evidence, label, value, unit, kind):
    problems = _problems(text, _figure(text, evidence, label, value, unit))
    assert any(p.startswith(kind) for p in problems), problems


@pytest.mark.parametrize("text", [
    "力争全年引进研究机构5至7家，", "计划出让产业用地8—10宗。", "各类事故死亡人数同比下降35%，",
    "文件、会议、考核数量分别压减50%、2.1%、27%。", "硕士、博士占比87%，", "规模以上工业增加值677.8亿元，",
    "实现居民参与率达95％以上。", "2020年经济总量仅占全市3.9%。", "满意率从80%到95%。", "城乡居民收入分别增长8%和9%。",
    "互联网普及率、无线宽带覆盖率分别为86.2%、90.2%，",  # 普及 is a word: its 及 joins nothing
    "第二轮督察27宗区主办案件全部办结。", "打造500米群众诉求服务圈，", "新增城市绿地100公顷。",  # 全部 starts the predicate: the label does not stop inside a noun
])
def test_the_reader_passes_the_figures_found_whole(text):
    figs = find_figures(text)
    assert figs
    for fig in figs:
        assert [p for p in _problems(text, fig) if p != "no label"] == [], fig


def test_the_reader_counts_ranges_and_decreases():
    text = "力争全年引进研究机构5至7家，各类事故死亡人数同比下降35%。"
    figs = [_figure(text, "研究机构5至7家", "研究机构", 7, "家"), _figure(text, "各类事故死亡人数同比下降35%", None, 35, "%")]
    item = Item(summary="一段", evidence=text, span=Span(start=0, end=len(text)), figures=figs)
    part = check_items([item], text, [])
    assert (part.range_cut, part.direction_lost) == (1, 1)
    assert part.range_kept_rate == part.direction_kept_rate == 0.5
    fixed = Item(summary="一段", evidence=text, span=Span(start=0, end=len(text)), figures=find_figures(text))
    assert (check_items([fixed], text, []).range_cut, check_items([fixed], text, []).direction_lost) == (0, 0)


def test_the_label_checked_is_the_one_quoted_in_the_figures_evidence():
    from summarizer.evals.reader import label_problem
    from summarizer.extract.rules.figures import find_figures

    # The label repeated right after the figure (在建项目建筑面积) is not the occurrence the label names.
    text = "新开工项目10个，在建项目攀升至18个。在建项目建筑面积225万平方米。"
    fig = next(f for f in find_figures(text) if f.value == 18)
    assert fig.label == "在建项目" and label_problem(text, fig) is None
    # The occurrence next to the number wins inside the evidence too (…特大暴雨等22场|暴雨).
    text = "经受住极端特大暴雨等22场暴雨的考验。"
    fig = find_figures(text)[0]
    assert fig.label == "暴雨" and label_problem(text, fig) is None


def test_a_noun_jieba_tags_a_verb_after_a_distinguishing_word_names_a_thing():
    from summarizer.evals.reader import label_problem
    from summarizer.extract.rules.figures import find_figures

    text = "组团内9条主次干道实现通车。"
    fig = find_figures(text)[0]
    assert fig.label == "主次干道" and label_problem(text, fig) is None
