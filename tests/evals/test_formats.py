"""The format check (summarizer/evals/formats.py, ``summarizer eval --formats``)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.baseline import baseline_from_run, check_against_baseline
from summarizer.evals.dataset import Dataset, load_dataset
from summarizer.evals.formats import body_of, make_format_copies, pdf_available
from summarizer.evals.runner import add_format_runs, run_eval_sync
from summarizer.settings import Settings

DEVSET = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "devset"
runner = CliRunner(env={"COLUMNS": "250"})


def test_the_body_drops_the_scraper_record_and_the_title_line():
    record = "标题: 某某区2023年法治政府建设年度报告\n发布时间: 2024-01-01\n========== 正文 ==========\n"
    body = body_of(record + "某某区2023年法治政府建设年度报告\n2023年，我区坚持…\n一、主要成效\n")
    assert body == ["2023年，我区坚持…", "一、主要成效"]
    # without a record or a title, the text is kept whole
    assert body_of("2023年，我区坚持…\n二、存在问题\n") == ["2023年，我区坚持…", "二、存在问题"]


def _one_report() -> Dataset:
    dataset = load_dataset(DEVSET)
    return Dataset(root=dataset.root, cases=[c for c in dataset.cases if c.doc_id == "d08"])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_format_copy_is_read_back_with_the_same_body(fmt, tmp_path):
    if fmt == "pdf" and not pdf_available():
        pytest.skip("reportlab is not installed")
    from summarizer.service import SummaryService

    copies = make_format_copies(_one_report(), fmt, tmp_path)
    path = copies.cases[0].report_path
    assert path.suffix == f".{fmt}" and path.stat().st_size > 1000
    result = SummaryService(Settings(cache_enabled=False)).summarize_sync(path)
    flat = "".join(result.document.text.split())
    assert "深汕法智助手" in flat and "发布时间" not in flat  # the body is there, the record is not


def test_format_runs_are_stored_and_gated_only_when_made(tmp_path):
    from summarizer.service import SummaryService

    service, dataset = SummaryService(Settings(cache_enabled=False)), _one_report()
    report = run_eval_sync(service, dataset, backend="rules")
    asyncio.run(add_format_runs(service, dataset, report, ["docx"], backend="rules"))
    assert "figures.recall" in report.formats["docx"]
    baseline = baseline_from_run(report, dataset="d", path="b.json")
    assert "docx.figures.recall" in baseline.scores and "--formats text,docx" in baseline.command
    # a text-only run is not failed for the docx scores it did not make
    text_only = run_eval_sync(service, dataset, backend="rules")
    assert check_against_baseline(text_only, baseline) == []
    # a docx score that dropped is a regression
    report.formats["docx"]["figures.recall"] -= 0.5
    assert [r.name for r in check_against_baseline(report, baseline)] == ["docx.figures.recall"]


def test_the_cli_prints_the_format_check_and_stores_it(tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    for suffix in (".txt", ".json"):
        (one / f"d08{suffix}").write_bytes((DEVSET / f"d08{suffix}").read_bytes())
    result = runner.invoke(app, ["eval", "--dataset", str(one), "--formats", "text,docx", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert "Format check" in result.output and "figures.recall" in result.output
    assert "figure gold: recall" in result.output and "confident-wrong metadata" in result.output
    run = json.loads((tmp_path / "r" / "run.json").read_text(encoding="utf-8"))
    assert set(run["formats"]) == {"docx"}
    assert "## Format check" in (tmp_path / "r" / "report.md").read_text(encoding="utf-8")


def test_the_cli_rejects_an_unknown_format(tmp_path):
    result = runner.invoke(app, ["eval", "--dataset", str(DEVSET), "--formats", "text,odt"])
    assert result.exit_code != 0 and "--formats" in result.output
