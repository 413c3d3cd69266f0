"""What a newcomer hit (issue 18): full-width tables in a pipe, no token line without a model,
help without Python type names, exit codes per command, a Chinese page in Chinese, JSON refused,
one repair count, every input kind documented, the reference format in the repo."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.inputs.detect import REPORT_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
SEED_004 = ROOT / "evals" / "datasets" / "seeds" / "004_dd65877722798507.txt"
D01 = ROOT / "evals" / "datasets" / "devset" / "d01.txt"
GOVWORK = ROOT / "evals" / "datasets" / "govwork" / "g01.txt"
COMMANDS = ["summarize", "clean", "batch", "export", "report", "corpus", "follow", "serve", "worker",
            "eval", "schema"]
SUMMARIZER = Path(sys.executable).with_name("summarizer")
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_not_python_types(command):
    out = run(command, "--help").output
    assert not re.search(r"<(?:list|tuple|dict)\[|<(?:str|int|float|Path)[>,]|\{[A-Z][A-Z._]*\.\.\.\}", out), out


def test_each_command_lists_only_the_exit_codes_it_can_return():
    codes = {cmd: set(re.findall(r"(?:; |codes: )(\d+) ", " ".join(run(cmd, "--help").output.split())))
             for cmd in COMMANDS}
    assert codes["schema"] == {"0", "2"}  # 2: an unknown --genre
    assert codes["summarize"] == {"0", "1", "2", "3"}  # 3: --strict
    assert "3" not in codes["batch"] and "130" in codes["batch"]
    assert codes["export"] == codes["report"] == codes["corpus"] == {"0", "1", "2"}
    assert set(re.findall(r"(?:; |codes: )(\d+) ", " ".join(run("--help").output.split()))) >= {"0", "1", "2", "3", "130"}


@pytest.mark.slow  # a child process running the eval
def test_tables_in_a_pipe_are_not_cut_to_80_columns(tmp_path):
    # A pipe with no COLUMNS set (a user's `| less` or `> file`); pytest's own process may carry one.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    done = subprocess.run([str(SUMMARIZER), "eval", "--dataset", str(ROOT / "evals" / "datasets" / "seeds"),
                           "--out", str(tmp_path / "run")], capture_output=True, text=True, check=False,
                          timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.strip().startswith("004_dd65877722798507")]
    assert rows and all(line.rstrip().endswith(tuple("0123456789")) for line in rows)  # the ms column is there
    assert max(len(line) for line in done.stdout.splitlines()) > 80


def test_a_batch_without_a_model_prints_no_token_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_004.read_bytes())
    result = run("batch", folder, "--out", tmp_path / "r.jsonl", "--backend", "rules")
    assert result.exit_code == 0, result.output
    assert "done 1" in result.output and "tokens" not in result.output and "cost" not in result.output


def test_a_json_file_is_refused_as_not_a_report(tmp_path):
    for name, body in (("ref.json", '{"metadata": {}}'), ("results.jsonl", '{"key": "a"}\n{"key": "b"}\n')):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        result = run("summarize", path)
        assert result.exit_code == 1
        assert "JSON data, not a report" in result.output


def test_clean_and_summarize_count_repairs_the_same_way():
    clean = run("clean", SEED_004, "--repairs")
    total = int(re.search(r"# (\d+) repairs of", clean.output).group(1))
    summary = json.loads(run("summarize", SEED_004, "--json", "--backend", "rules").stdout)
    assert summary["provenance"]["repairs_count"] == total > 100


def test_the_chinese_page_has_no_english_and_a_title_that_fits(tmp_path):
    from summarizer.htmlreport import render_page
    from summarizer.htmlreport.entries import report_entries
    from summarizer.run.outcome import DocumentOutcome
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    service = SummaryService(Settings())

    def outcome(path: Path) -> DocumentOutcome:
        r = service.summarize_sync(path, backend="rules")
        return DocumentOutcome(key=path.stem, name=path.stem, sha256="0", backend="rules", status="done",
                               summary=r.summary, clean_text=r.document.text, elapsed_ms=1,
                               finished_at=dt.datetime.now(dt.UTC))

    tree = lxml.html.document_fromstring(render_page(report_entries([outcome(D01), outcome(GOVWORK)]), lang="zh"))
    # The reports' own words (clean text, summaries, quotes, figures, targets) may hold Latin words (GDP, APP).
    for data in tree.xpath("//div[@class='text']|//style|//blockquote|//li/b|//div[@class='figures']"
                           "|//table[@class='targets']"):
        data.getparent().remove(data)
    words = set(re.findall(r"[A-Za-z]{3,}", tree.text_content())) - {"UTC"}
    assert not words, words
    assert tree.findtext(".//title") == "报告摘要"  # a rule-of-law report and another government report
    only_other = lxml.html.document_fromstring(render_page(report_entries([outcome(GOVWORK)]), lang="zh"))
    assert only_other.findtext(".//title") == "政府报告摘要"


def test_every_input_kind_is_documented():
    serving = (ROOT / "docs" / "serving.md").read_text(encoding="utf-8")
    assert all(suffix in serving for suffix in REPORT_SUFFIXES)
    help_text = " ".join(run("eval", "--help").output.split())
    assert all(kind in help_text for kind in (".txt", ".html", ".pdf", ".docx", ".doc", ".wps"))


def test_the_reference_format_is_in_the_repo_where_it_is_cited():
    assert (ROOT / "evals" / "REFERENCE_FORMAT.md").is_file()
    for path in [*ROOT.glob("summarizer/**/*.py"), *ROOT.glob("docs/*.md")]:  # cited by its path
        for cited in re.findall(r"[\w/.]*REFERENCE_FORMAT\.md", path.read_text(encoding="utf-8")):
            assert cited.endswith("evals/REFERENCE_FORMAT.md"), (path, cited)
