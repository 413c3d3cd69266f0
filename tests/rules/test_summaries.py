"""Item summaries (extract/rules/summaries.py): whole phrases, figures quoted whole, ≤ 60 chars."""

from __future__ import annotations

from summarizer.evals.reader import summary_problems
from summarizer.extract.rules import find_figures
from summarizer.extract.rules.summaries import SUMMARY_MAX, build_summary


def _summary(text: str, heading: str | None = None) -> str:
    span = (text.index(heading), text.index(heading) + len(heading)) if heading else None
    return build_summary(text, 0, len(text), find_figures(text), span)


def test_heading_with_figures_quoted_whole():
    text = "一是推进政府行为诚实守信。推动涉及的84家失信被执行企业清理整顿，受理行政复议案件57件，接待群众咨询接近3000人次。"
    summary = _summary(text, "推进政府行为诚实守信")
    # The heading and ONE whole clause with a figure of the year: never figure phrases stitched.
    head, clause = summary.split("：")
    assert head == "推进政府行为诚实守信"
    assert "，" + clause + "，" in text or "。" + clause + "，" in text
    assert summary_problems(summary, text) == []


def test_unheaded_passage_gives_its_key_clause_without_scene_setting_or_boilerplate():
    text = ("下一步，全县将坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
            "以示范创建为抓手，做好行政复议与应诉工作。")
    summary = _summary(text)
    assert summary == "以示范创建为抓手，做好行政复议与应诉工作"


def test_a_long_heading_keeps_whole_clauses():
    heading = "坚持以人民为中心的发展思想，深入推进基层依法治理和法治乡村建设，不断提升基层社会治理法治化水平和群众满意度"
    summary = _summary(heading + "。全年调处纠纷120件。", heading)
    assert len(summary) <= SUMMARY_MAX
    assert summary.startswith("坚持以人民为中心的发展思想，深入推进基层依法治理和法治乡村建设")
    assert summary_problems(summary, heading + "。全年调处纠纷120件。") == []


def test_a_clause_is_never_cut_inside_brackets():
    text = "完成区、片区、村（社区，含新村）三级应急预案修编工作，共修编应急预案1758个。"
    summary = _summary(text)
    assert summary.count("（") == summary.count("）")
    assert summary_problems(summary, text) == []


def test_a_subtotal_is_quoted_only_after_the_totals():
    text = "依法办理案件。办理行政处罚案件9宗，其中行政处罚5宗。调解纠纷30件。"
    assert _summary(text, "依法办理案件") == "依法办理案件：办理行政处罚案件9宗"


def test_a_heading_without_figures_says_what_the_body_does_first():
    text = "一是加强行政执法规范化建设。行政执法机构改革工作基本完成，各乡镇综合执法大队组建工作有序推进，落实行政裁量权基准制度。"
    summary = _summary(text, "加强行政执法规范化建设")
    assert summary == "加强行政执法规范化建设：行政执法机构改革工作基本完成"  # one whole clause
    assert len(summary) <= SUMMARY_MAX


def test_the_body_clause_skips_dates_and_clauses_of_means():
    text = "一是推行告知承诺制。2020年11月26日，根据省里的部署要求，区管委会办公室印发了实施方案。"
    assert _summary(text, "推行告知承诺制") == "推行告知承诺制：区管委会办公室印发了实施方案"
