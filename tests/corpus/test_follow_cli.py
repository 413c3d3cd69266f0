"""``summarizer follow`` and ``summarizer report --corpus`` at the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.corpus.follow import FollowThrough

DEVSET = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "devset"
GOVWORK = DEVSET.parent / "govwork"
RUNNER = CliRunner()


def invoke(*args: object):
    return RUNNER.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_follow_prints_json_that_validates_and_writes_csv(tmp_path):
    result = invoke("follow", DEVSET / "d06.txt", DEVSET / "d02.txt", "--json", "--csv", tmp_path / "f.csv")
    assert result.exit_code == 0, result.output
    ft = FollowThrough.model_validate(json.loads(result.stdout))
    assert (ft.earlier.report_year, ft.later.report_year) == (2022, 2023)
    assert ft.issuer == "苏平片区" and len(ft.plans) == 3
    with (tmp_path / "f.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert {row["kind"] for row in csv.DictReader(fh)} >= {"plan_result"}


def test_follow_in_the_wrong_order_is_turned_round_with_a_warning():
    result = invoke("follow", DEVSET / "d02.txt", DEVSET / "d06.txt", "--markdown")
    assert result.exit_code == 0, result.output
    assert "苏平片区: 2022 → 2023" in result.stdout
    assert "other way round" in result.stderr


def test_follow_of_a_missing_file_is_a_one_line_error(tmp_path):
    result = invoke("follow", tmp_path / "nope.txt", DEVSET / "d02.txt")
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_follow_of_two_genres_is_a_one_line_error_naming_them():
    """A 政府工作报告 is summarised as its own genre: follow-through never pairs it with a
    rule-of-law report (once an AttributeError traceback, found when mypy saw that the service
    may return either genre)."""
    result = invoke("follow", DEVSET / "d06.txt", GOVWORK / "g01.txt")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "rule_of_law summary" in result.stderr
    assert "government_work_report summary" in result.stderr
    assert "two reports of one genre" in result.stderr


def test_report_can_write_the_corpus_page_beside_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("d06.txt", "d02.txt"):
        (folder / name).write_bytes((DEVSET / name).read_bytes())
    results = tmp_path / "r.jsonl"
    assert invoke("batch", folder, "--out", results, "--backend", "rules").exit_code == 0
    out = invoke("report", results, "--out", tmp_path / "pages" / "report.html", "--corpus", tmp_path / "corpus.html")
    assert out.exit_code == 0, out.output
    page = (tmp_path / "corpus.html").read_text(encoding="utf-8")
    assert 'href="pages/report.html#report-0"' in page
    assert "苏平片区: 2022 → 2023" in page


def test_the_corpus_view_follows_government_work_reports_through_too(tmp_path):
    """A 政府工作报告 pair (the reports to the 2014 and 2015 sessions) gets its follow-through
    automatically, with the parts its genre declares (plans of 2014 → the review of 2014)."""
    folder = tmp_path / "in"
    folder.mkdir()
    root = DEVSET.parents[1]
    for source in (root / "datasets" / "govwork" / "g01.txt", root / "follow" / "reports" / "luohu2015.txt"):
        (folder / source.name).write_bytes(source.read_bytes())
    results = tmp_path / "r.jsonl"
    assert invoke("batch", folder, "--out", results, "--backend", "rules").exit_code == 0
    out = invoke("corpus", results, "--out", tmp_path / "corpus.html", "--csv", tmp_path / "csv", "--no-reports")
    assert out.exit_code == 0, out.output
    assert "1 follow-through pair(s)" in out.stdout
    assert "罗湖区: 2014 → 2015" in (tmp_path / "corpus.html").read_text(encoding="utf-8")
    with (tmp_path / "csv" / "follow.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    results_rows = [r for r in rows if r["kind"] == "plan_result"]
    assert results_rows and {(r["earlier_year"], r["later_year"]) for r in results_rows} == {("2014", "2015")}
    assert any("城市更新" in r["later_summary"] for r in results_rows)


def test_the_follow_through_schema_is_printed_and_describes_the_json():
    result = invoke("schema", "--follow")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "FollowThrough"
    assert {"genre", "plans", "recurring_problems", "commitments", "rejected"} <= set(schema["properties"])
    link = schema["$defs"]["Link"]["properties"]
    assert "confirmation" in link and link["shared"]["description"]
