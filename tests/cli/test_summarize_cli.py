"""``summarizer summarize`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.parts import PARTS
from summarizer.schema import ReportSummary

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
SEED_001 = SEEDS / "001_b013c1bd2a4005fb.txt"
SEED_004 = SEEDS / "004_dd65877722798507.txt"

runner = CliRunner()


def test_json_output_is_a_valid_report_summary():
    result = runner.invoke(app, ["summarize", str(SEED_001), "--json"])
    assert result.exit_code == 0, result.output
    summary = ReportSummary.model_validate_json(result.stdout)
    assert summary.provenance.backend == "rules"
    assert summary.metadata.report_year == 2022
    assert summary.achievements and summary.plans


def test_terminal_output_shows_parts_and_compliance():
    result = runner.invoke(app, ["summarize", str(SEED_004)])
    assert result.exit_code == 0, result.output
    for heading in (*(part.en for part in PARTS), "Compliance", "backend=rules"):
        assert heading in result.stdout
    assert "(qū)" not in result.stdout  # the pinyin annotations are gone


def test_markdown_to_a_directory_for_several_inputs(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["summarize", str(SEED_001), str(SEED_004), "--markdown", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["001_b013c1bd2a4005fb.md", "004_dd65877722798507.md"]
    assert (out / "001_b013c1bd2a4005fb.md").read_text(encoding="utf-8").startswith("# 阜新蒙古族自治县")


def test_a_bad_input_is_reported_and_the_others_still_run(tmp_path):
    missing = tmp_path / "nope.txt"
    out = tmp_path / "out"
    result = runner.invoke(app, ["summarize", str(missing), str(SEED_001), "--json", "--out", str(out)])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert (out / "001_b013c1bd2a4005fb.json").exists()


def test_stdin_in_gb18030_bytes():
    raw = SEED_001.read_text(encoding="utf-8").encode("gb18030")
    result = runner.invoke(app, ["summarize", "-", "--json"], input=raw)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["metadata"]["issuer"] == "阜新蒙古族自治县"


def test_llm_backend_without_endpoint_says_what_to_set():
    result = runner.invoke(app, ["summarize", str(SEED_001), "--backend", "llm"])
    assert result.exit_code == 2  # a settings problem: nothing was summarised
    assert "SUMMARIZER_LLM_MODEL" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_file_name_that_looks_like_rich_markup_is_printed_as_is(tmp_path):
    folder = tmp_path / "["
    folder.mkdir()
    missing = folder / "bad].txt"  # the path reads '[/bad].txt' after its folder: a closing tag
    result = runner.invoke(app, ["summarize", str(missing)])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1  # a reported error, not a crash
    output = " ".join(result.output.split())  # the terminal width wraps the long path
    assert "[/bad].txt" in output and "file not found" in output
