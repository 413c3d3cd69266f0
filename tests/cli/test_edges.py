"""The CLI's edges as a user meets them: output formats, --out, exit codes, help, views."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from summarizer import __version__
from summarizer.cli import app
from summarizer.cli.common import ExitCode
from summarizer.parts import PART_NAMES, PARTS, bilingual_label
from summarizer.schema import ReportSummary

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "evals" / "datasets" / "seeds").glob("*.txt"))
SEED_001 = ROOT / "evals" / "datasets" / "seeds" / "001_b013c1bd2a4005fb.txt"
SEED_004 = ROOT / "evals" / "datasets" / "seeds" / "004_dd65877722798507.txt"
NEWS = ROOT / "tests" / "doc_kind" / "data" / "news_weather.txt"
COMMANDS = ["summarize", "clean", "batch", "export", "report", "serve", "eval", "schema"]

runner = CliRunner()


def run(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


# --- formats --------------------------------------------------------------------------------


def test_json_on_several_inputs_is_one_array():
    result = run("summarize", SEED_001, SEED_004, "--json")
    assert result.exit_code == 0, result.output
    summaries = json.loads(result.stdout)
    assert isinstance(summaries, list) and len(summaries) == 2
    assert [ReportSummary.model_validate(s).doc_id for s in summaries] == [SEED_001.stem, SEED_004.stem]


def test_json_on_one_input_is_one_object():
    result = run("summarize", SEED_001, "--json")
    assert ReportSummary.model_validate(json.loads(result.stdout)).doc_id == SEED_001.stem


def test_jsonl_prints_one_summary_per_line():
    result = run("summarize", SEED_001, SEED_004, "--jsonl")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert [ReportSummary.model_validate_json(line).doc_id for line in lines] == [SEED_001.stem, SEED_004.stem]


def test_json_array_into_one_out_file(tmp_path):
    out = tmp_path / "all.json"
    assert run("summarize", SEED_001, SEED_004, "--out", out).exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2


# --- --out ----------------------------------------------------------------------------------


def test_out_into_missing_folders_creates_them(tmp_path):
    out = tmp_path / "new" / "deeper" / "s.md"
    result = run("summarize", SEED_001, "--out", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# 阜新蒙古族自治县")


def test_out_below_a_file_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = run("summarize", SEED_001, "--json", "--out", blocker / "s.json")
    assert result.exit_code == ExitCode.FAILED
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "is a file, not a folder" in result.stderr and "Traceback" not in result.output


def test_out_html_writes_the_html_view(tmp_path):
    out = tmp_path / "view" / "s.html"
    result = run("summarize", SEED_001, "--out", out)
    assert result.exit_code == 0, result.output
    tree = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert tree.get("lang") == "zh-CN"
    clean_text = tree.xpath("//div[@class='text']")[0].text_content()
    summary = json.loads(run("summarize", SEED_001, "--json").stdout)
    first = summary["achievements"][0]
    assert clean_text[first["span"]["start"]:first["span"]["end"]] == first["evidence"]


def test_a_format_flag_that_contradicts_the_out_suffix_is_refused(tmp_path):
    result = run("summarize", SEED_001, "--json", "--out", tmp_path / "s.html")
    assert result.exit_code == ExitCode.USAGE
    assert not (tmp_path / "s.html").exists()


# --- commands that read batch results -------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "report"])
def test_export_and_report_refuse_what_is_not_a_results_file(command, tmp_path):
    args = ["--csv", tmp_path / "csv"] if command == "export" else ["--out", tmp_path / "r.html"]
    for wrong in (SEED_001, tmp_path / "missing.jsonl", tmp_path):
        result = run(command, wrong, *args)
        assert result.exit_code == ExitCode.FAILED, (wrong, result.output)
        assert str(wrong) in result.stderr and "Traceback" not in result.output
    result = run(command, SEED_001, *args)
    assert "is not a results file of `summarizer batch`" in result.stderr


# --- version, help, exit codes --------------------------------------------------------------


def test_version():
    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.exit_code == 0 and result.stdout.strip() == f"summarizer {__version__}"


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_dash_h_is_help_and_every_help_lists_the_exit_codes(command):
    long, short = run(*command, "--help"), run(*command, "-h")
    assert long.exit_code == short.exit_code == 0
    assert long.stdout == short.stdout
    flat = " ".join(long.stdout.split())
    assert "Exit codes: 0 success" in flat
    if not command:  # the top-level help has the whole table; each command names its own codes
        assert "1 an input failed" in flat and "130 interrupted" in flat


def test_the_readme_documents_the_exit_codes_the_cli_uses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\d+)` \| (.+?) \|$", readme, flags=re.MULTILINE))
    assert {int(code) for code in table} == {int(code) for code in ExitCode}


def test_a_settings_problem_is_exit_2_and_a_bad_input_exit_1(tmp_path):
    assert run("summarize", SEED_001, "--backend", "llm").exit_code == ExitCode.USAGE
    assert run("summarize", tmp_path / "nope.txt").exit_code == ExitCode.FAILED
    assert run("clean", tmp_path / "nope.txt").exit_code == ExitCode.FAILED
    assert run("summarize", SEED_001, "--no-such-option").exit_code == ExitCode.USAGE


# --- document kind at the CLI ---------------------------------------------------------------


def test_a_non_report_is_warned_about_and_strict_exits_3():
    result = run("summarize", NEWS)
    assert result.exit_code == 0
    assert "not a rule-of-law annual report" in result.stderr and "news" in result.stderr
    strict = run("summarize", NEWS, "--strict", "--json")
    assert strict.exit_code == ExitCode.NOT_A_REPORT
    summary = ReportSummary.model_validate_json(strict.stdout)
    assert summary.document_kind.kind == "not_a_report"
    assert run("summarize", SEED_001, "--strict").exit_code == 0


def test_the_checklist_shows_nothing_met_on_a_non_report():
    result = run("summarize", NEWS, env={"COLUMNS": "100"})
    checklist = result.stdout[result.stdout.index("Compliance"):]
    assert "✔" not in checklist
    markdown = run("summarize", NEWS, "--markdown").stdout
    assert "**Not a rule-of-law annual report**" in markdown and "| ✔ |" not in markdown


def test_batch_records_the_kind_and_counts_non_reports(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_001, folder / SEED_001.name)
    shutil.copy(NEWS, folder / "news.txt")
    out = tmp_path / "r.jsonl"
    result = run("batch", folder, "--out", out, "--backend", "rules", "--csv", tmp_path / "csv")
    assert result.exit_code == 0, result.output
    assert "1 not rule-of-law annual reports" in result.output
    lines = {json.loads(line)["name"]: json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()}
    assert lines["news.txt"]["summary"]["document_kind"]["kind"] == "not_a_report"
    assert lines[SEED_001.name]["summary"]["document_kind"]["kind"] == "rule_of_law_report"
    with (tmp_path / "csv" / "reports.csv").open(encoding="utf-8-sig") as fh:
        kinds = {row["name"]: row["document_kind"] for row in csv.DictReader(fh)}
    assert kinds == {"news.txt": "not_a_report", SEED_001.name: "rule_of_law_report"}


# --- views ----------------------------------------------------------------------------------


def test_parts_shows_only_the_parts_asked_for():
    result = run("summarize", SEED_001, "--parts", "problems,plans", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    shown = [p.name for p in PARTS if f"{bilingual_label(p.name)} (" in result.stdout]
    assert shown == ["problems", "plans"]
    markdown = run("summarize", SEED_001, "--parts", "plans", "--markdown").stdout
    assert [p for p in PART_NAMES if f"## {bilingual_label(p)} (" in markdown] == ["plans"]
    bad = run("summarize", SEED_001, "--parts", "plans,wishes")
    assert bad.exit_code == ExitCode.USAGE and "wishes" in bad.output


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_terminal_output_reads_at_80_columns(path):
    result = run("summarize", path, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert not [line for line in lines if re.fullmatch(r"\s*\d+\.\s*", line)]
    in_quote = False
    for line in lines:
        if in_quote:  # a wrapped quote line keeps the quote's indent
            assert line.startswith("     "), line
        if line.lstrip().startswith("「"):
            assert line.startswith("    「"), line
            in_quote = True
        if "」" in line:
            in_quote = False


def test_clean_repairs_are_grouped_by_kind():
    result = run("clean", SEED_004, "--repairs")
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith(("#", "date ", "warning:"))]
    kinds = [line.split()[0] for line in lines]
    assert len(kinds) == len(set(kinds)) and "pinyin" in kinds and len(lines) < 20
    pinyin = next(line for line in lines if line.startswith("pinyin"))
    assert re.search(r"x4\d\d", pinyin) and "distinct" in pinyin


@pytest.mark.parametrize(("lang", "checklist", "first_part"), [
    ("zh", "合规检查", PARTS[0].zh), ("en", "Compliance checklist", PARTS[0].en),
])
def test_html_labels_in_chinese_by_default_or_english(tmp_path, lang, checklist, first_part):
    out = tmp_path / "s.html"
    args = [] if lang == "zh" else ["--lang", "en"]
    assert run("summarize", SEED_001, "--out", out, *args).exit_code == 0
    html = out.read_text(encoding="utf-8")
    tree = lxml.html.document_fromstring(html)
    assert tree.xpath("//h3/text()")[0] == checklist
    headings = [h.text_content() for h in tree.xpath("//div[@class='summary']/h3")[1:]]
    assert headings[0].startswith(first_part)
    assert "@media print" in html and ".text { max-height: none; overflow: visible;" in html
    assert '"Noto Sans CJK SC"' in html and '"Microsoft YaHei"' in html
    for part in PARTS:
        assert f"mark.hl-{part.name} {{ background: {part.colour}; }}" in html
