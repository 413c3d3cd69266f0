"""The format check of a genre dataset (genre_eval.add_genre_format_runs, ``summarizer eval --formats``
on evals/datasets/govwork) and the one-line format both evals use (formats.make_oneline)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.formats import make_format_copies, pdf_available, write_format_copy
from summarizer.evals.genre_eval import (
    add_genre_format_runs,
    genre_baseline,
    genre_regressions,
    run_genre_eval,
)
from summarizer.genres import genre_named
from summarizer.settings import Settings

GOVWORK = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "govwork"
DEVSET = GOVWORK.parent / "devset"
GENRE = genre_named("government_work_report")
runner = CliRunner(env={"COLUMNS": "250"})


def _one_report(tmp_path: Path, doc_id: str = "g16") -> Path:
    folder = tmp_path / "one"
    folder.mkdir()
    for suffix in (".txt", ".json"):
        (folder / f"{doc_id}{suffix}").write_bytes((GOVWORK / f"{doc_id}{suffix}").read_bytes())
    (folder / "index.json").write_text('{"genre": "government_work_report"}', encoding="utf-8")
    return folder


def test_the_oneline_copy_is_the_body_with_every_line_break_lost(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("标题: 某区2023年政府工作报告\n==== 正文 ====\n政府工作报告\n一、2023年工作回顾\n过去一年，我们…\n",
                      encoding="utf-8")
    path = write_format_copy(report, "r", "oneline", tmp_path / "out")
    assert path.suffix == ".txt"
    assert path.read_text(encoding="utf-8") == "一、2023年工作回顾过去一年，我们…"


def test_the_rule_of_law_eval_makes_oneline_copies_too(tmp_path):
    from summarizer.evals.dataset import load_dataset

    copies = make_format_copies(load_dataset(DEVSET), "oneline", tmp_path)
    texts = [c.report_path.read_text(encoding="utf-8") for c in copies.cases]
    assert len(texts) == 8 and all("\n" not in t and len(t) > 1000 for t in texts)


def test_genre_format_runs_are_stored_and_gated_only_when_made(tmp_path):
    from summarizer.service import SummaryService

    folder, service = _one_report(tmp_path), SummaryService(Settings(cache_enabled=False))
    run = asyncio.run(run_genre_eval(service, folder, GENRE, backend="rules"))
    asyncio.run(add_genre_format_runs(service, run, folder, GENRE, ["docx", "oneline"], backend="rules"))
    assert set(run.formats) == {"docx", "oneline"}
    assert {"review.f1", "targets.f1", "metadata.issuer.accuracy"} <= set(run.formats["docx"])
    baseline = genre_baseline(run, dataset="d", path="b.json")
    assert "oneline.plans.f1" in baseline.scores and "--formats text,docx,oneline" in baseline.command
    # a text-only run is not failed for the format scores it did not make
    text_only = asyncio.run(run_genre_eval(service, folder, GENRE, backend="rules"))
    assert genre_regressions(text_only, baseline) == []
    # a format's score that dropped is a regression
    run.formats["docx"]["review.f1"] -= 0.5
    assert [r.name for r in genre_regressions(run, baseline)] == ["docx.review.f1"]


@pytest.mark.skipif(not pdf_available(), reason="reportlab is not installed")
def test_a_pdf_copy_of_a_government_work_report_is_scored(tmp_path):
    from summarizer.service import SummaryService

    folder, service = _one_report(tmp_path), SummaryService(Settings(cache_enabled=False))
    run = asyncio.run(run_genre_eval(service, folder, GENRE, backend="rules"))
    asyncio.run(add_genre_format_runs(service, run, folder, GENRE, ["pdf"], backend="rules"))
    assert run.formats["pdf"]["documents.ok_rate"] == 1.0 and run.formats["pdf"]["targets.f1"] > 0.5


def test_the_cli_runs_the_format_check_on_a_genre_dataset(tmp_path):
    folder = _one_report(tmp_path)
    result = runner.invoke(app, ["eval", "--dataset", str(folder), "--formats", "text,docx,oneline",
                                 "--out", str(tmp_path / "r"), "--write-baseline", str(tmp_path / "b.json")])
    assert result.exit_code == 0, result.output
    assert "oneline" in result.output and "docx" in result.output
    run = json.loads((tmp_path / "r" / "run.json").read_text(encoding="utf-8"))
    assert set(run["formats"]) == {"docx", "oneline"} and "review.f1" in run["formats"]["oneline"]
    recorded = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert "oneline.review.f1" in recorded["scores"] and "--formats text,docx,oneline" in recorded["command"]
