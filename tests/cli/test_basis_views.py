"""Every answer says how it was reached, at the edges a user sees: the JSON, the terminal,
Markdown, the HTML page and the CSV files (issue 16)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

DEVSET = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "devset"
SEED_002 = DEVSET.parent / "seeds" / "002_93df2457fec9964f.txt"

runner = CliRunner()


@pytest.fixture(scope="module")
def body_only(tmp_path_factory) -> Path:
    """d03 (平潭综合实验区2021年法治政府建设情况) without its page record: no title, no date;
    its body calls the issuer 实验区 and names it in full only in passing."""
    text = (DEVSET / "d03.txt").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("body") / "d03-body.txt"
    path.write_text(text[re.search(r"^=+ 正文 =+$", text, re.MULTILINE).end():], encoding="utf-8")
    return path


def test_the_json_carries_the_basis_of_every_answer(body_only):
    result = runner.invoke(app, ["summarize", str(body_only), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == "2.1"
    basis = data["metadata"]["basis"]
    assert basis["issuer"]["source"] == "opening sentence" and data["metadata"]["issuer"] == "平潭综合实验区"
    assert basis["title"] == {"source": None, "reason": "no title line"}
    assert basis["published_date"]["source"] is None and basis["published_date"]["reason"]
    assert all(item["part_basis"] in ("heading", "cue", "position") for item in data["plans"])
    assert data["compliance"]["basis"]["plans"] in ("cue", "position")
    assert data["compliance"]["basis"]["causes"] is None  # no part, no basis


def test_a_titled_report_states_its_sources(tmp_path):
    result = runner.invoke(app, ["summarize", str(SEED_002), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["metadata"]["basis"]["issuer"]["source"] == "title"
    assert data["metadata"]["basis"]["published_date"]["source"] in ("page record", "signature")


def test_markdown_marks_inferred_parts_once_not_on_every_line(body_only):
    result = runner.invoke(app, ["summarize", str(body_only), "--markdown"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    plans_heading = next(line for line in lines if line.startswith("## 下一年度主要安排"))
    assert "推断 inferred" in plans_heading
    issuer_row = next(line for line in lines if line.startswith("| Issuer |"))
    assert "平潭综合实验区 (推断 inferred from the opening sentence)" in issuer_row
    assert "no title line" in next(line for line in lines if line.startswith("| Title |"))
    items = [line for line in lines if re.match(r"\d+\. \*\*", line)]
    assert items and not any("推断" in line for line in items)  # the part's heading says it


def test_the_terminal_marks_inferred_parts(body_only):
    result = runner.invoke(app, ["summarize", str(body_only)])
    assert result.exit_code == 0, result.output
    assert "Next year's plans (5) · 推断 inferred" in result.stdout
    assert "推断 inferred from the opening sentence" in result.stdout


def test_the_html_shows_the_inferred_marker(body_only, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["summarize", str(body_only), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    plans = re.search(r"<h3>下一年度主要安排 \(\d+\)(.*?)</h3>", page)
    assert plans and 'class="inferred"' in plans.group(1) and "推断" in plans.group(1)
    meta = re.search(r'<div class="meta">(.*?)</div>', page, re.DOTALL).group(1)
    assert "平潭综合实验区" in meta and 'class="inferred"' in meta
    assert 'title="推断（依据开头一句）"' in meta  # the Chinese page says it in Chinese
    # Marked once per part, never on every item.
    assert page.count('class="inferred"') < 12


def test_the_csv_files_carry_the_basis_columns(body_only, tmp_path):
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / body_only.name).write_bytes(body_only.read_bytes())
    out = tmp_path / "results.jsonl"
    result = runner.invoke(app, ["batch", str(reports), "--out", str(out), "--backend", "rules",
                                 "--csv", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "csv" / "reports.csv").open(encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["issuer"] == "平潭综合实验区" and row["issuer_basis"] == "opening sentence"
    assert row["title_basis"] == "" and "title: no title line" in row["metadata_notes"]
    assert row["plans_basis"] in ("cue", "position") and row["causes_basis"] == ""
    with (tmp_path / "csv" / "items.csv").open(encoding="utf-8-sig") as fh:
        items = list(csv.DictReader(fh))
    assert {r["part_basis"] for r in items if r["part"] == "plans"} <= {"cue", "position"}
