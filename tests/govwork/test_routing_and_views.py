"""A 政府工作报告 is routed to its genre; --genre overrides; every view shows the genre's parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import ConfigError
from summarizer.genre_route import choose_genre, is_government_work_report
from summarizer.genres import GOVERNMENT_WORK_REPORT, RULE_OF_LAW
from summarizer.govwork_schema import GovWorkSummary
from summarizer.schema import DocumentKind, ReportSummary
from summarizer.service import SummaryService
from summarizer.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "evals" / "datasets"
GOVWORK = DATA / "govwork" / "g05.txt"
SEED = DATA / "seeds" / "001_b013c1bd2a4005fb.txt"
runner = CliRunner()
OTHER = DocumentKind(kind="other_government_report", reason="test")


@pytest.mark.parametrize("text,title", [
    ("各位代表：\n现在，我代表某某县人民政府，向大会报告政府工作，请予审议。", None),
    ("各位代表：我代表市人民政府向大会作政府工作报告，请予审议。", None),  # no line breaks
    ("关于经济工作的说明", "2024年某省政府工作报告"),
])
def test_a_government_work_report_is_recognised_by_its_title_or_opening(text, title):
    assert is_government_work_report(text, title)
    assert choose_genre(OTHER, text, title) is GOVERNMENT_WORK_REPORT


def test_other_reports_keep_the_rule_of_law_parts_and_genre_overrides():
    text = "2023年，我局全面推进各项工作，现将工作总结如下。"
    assert choose_genre(OTHER, text, "2023年工作总结") is RULE_OF_LAW
    assert choose_genre(OTHER, text, None, "government_work_report") is GOVERNMENT_WORK_REPORT
    rule_of_law = DocumentKind(kind="rule_of_law_report", reason="test")
    assert choose_genre(rule_of_law, "各位代表：我代表区人民政府向大会报告政府工作", None) is RULE_OF_LAW
    with pytest.raises(ConfigError):
        choose_genre(OTHER, text, None, "budget")


def test_the_service_routes_by_document_kind_and_genre_overrides():
    service = SummaryService(Settings())
    govwork = service.summarize_sync(GOVWORK, name=GOVWORK.name, backend="rules").summary
    assert isinstance(govwork, GovWorkSummary)
    assert govwork.metadata.issuer == "宝安区" and govwork.metadata.report_year == 2023
    assert govwork.targets and govwork.plans and govwork.checklist.targets_quantified
    forced = service.summarize_sync(GOVWORK, name=GOVWORK.name, backend="rules", genre="rule_of_law").summary
    assert isinstance(forced, ReportSummary)
    seed = service.summarize_sync(SEED, name=SEED.name, backend="rules").summary
    assert isinstance(seed, ReportSummary)


def test_the_cli_shows_the_genres_parts_in_every_view(tmp_path):
    result = runner.invoke(app, ["summarize", str(GOVWORK), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["genre"] == "government_work_report"
    GovWorkSummary.model_validate(data, context={"clean_text": None})
    labels = [p.zh for p in GOVERNMENT_WORK_REPORT.parts]
    terminal = runner.invoke(app, ["summarize", str(GOVWORK)])
    markdown = runner.invoke(app, ["summarize", str(GOVWORK), "--markdown"])
    html_path = tmp_path / "g05.html"
    assert runner.invoke(app, ["summarize", str(GOVWORK), "-o", str(html_path)]).exit_code == 0
    for shown in (terminal.stdout, markdown.stdout, html_path.read_text(encoding="utf-8")):
        assert all(label in shown for label in labels)
        assert "地区生产总值增长" in shown and "indicator" in shown  # the targets table
    assert "not a rule-of-law annual report" not in terminal.output


def test_batch_carries_the_genre_into_results_and_targets_csv(tmp_path):
    from summarizer.batch.store import read_results_file

    results, csv_dir = tmp_path / "results.jsonl", tmp_path / "csv"
    out = runner.invoke(app, ["batch", str(GOVWORK), str(SEED), "--backend", "rules", "--out", str(results),
                              "--csv", str(csv_dir)])
    assert out.exit_code == 0, out.output
    summaries = {o.name: o.summary for o in read_results_file(results)}
    assert isinstance(summaries[GOVWORK.name], GovWorkSummary)
    assert isinstance(summaries[SEED.name], ReportSummary)
    targets = (csv_dir / "targets.csv").read_text(encoding="utf-8-sig").splitlines()
    assert targets[0].startswith("doc_id,issuer,year,indicator,value,value_high,unit,qualifier")
    assert any(line.startswith("g05,宝安区,2024,地区生产总值增长,6.8,") for line in targets)
    forced = tmp_path / "forced.jsonl"
    out = runner.invoke(app, ["batch", str(GOVWORK), "--backend", "rules", "--genre", "rule_of_law",
                              "--out", str(forced)])
    assert out.exit_code == 0, out.output
    assert isinstance(read_results_file(forced)[0].summary, ReportSummary)


def test_schema_prints_each_genres_output_schema():
    default = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert default == ReportSummary.model_json_schema()
    govwork = json.loads(runner.invoke(app, ["schema", "--genre", "government_work_report"]).stdout)
    assert govwork["title"] == "GovWorkSummary" and "targets" in govwork["properties"]


def test_the_corpus_report_shows_both_genres(tmp_path):
    results, page = tmp_path / "results.jsonl", tmp_path / "report.html"
    assert runner.invoke(app, ["batch", str(GOVWORK), str(SEED), "--backend", "rules", "--out", str(results)]).exit_code == 0
    out = runner.invoke(app, ["report", str(results), "--out", str(page)])
    assert out.exit_code == 0, out.output
    html = page.read_text(encoding="utf-8")
    assert 'data-genre="government_work_report"' in html and "主要预期目标" in html
    assert "存在的不足" in html  # the rule-of-law summary keeps its own view


def test_parts_of_the_genre_can_be_chosen_for_the_views():
    shown = runner.invoke(app, ["summarize", str(GOVWORK), "--parts", "targets", "--markdown"])
    assert shown.exit_code == 0, shown.output
    assert "主要预期目标" in shown.stdout and "工作回顾" not in shown.stdout
    assert runner.invoke(app, ["summarize", str(GOVWORK), "--parts", "budget"]).exit_code == 2
