"""``summarizer corpus``: the page, as Chromium builds and runs it, shows every report, sorts,
filters and prints; its counts are those of the results file."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.schema import PART_NAMES, ReportSummary

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"
RUNNER = CliRunner()


def run_cli(*args: object) -> str:
    result = RUNNER.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> tuple[Path, Path, list[dict]]:
    """The seeds and the devset as one batch (rules), and the corpus page over it."""
    tmp = tmp_path_factory.mktemp("corpus")
    folder = tmp / "reports"
    folder.mkdir()
    for dataset in ("seeds", "devset"):
        for path in sorted((DATASETS / dataset).glob("*.txt")):
            shutil.copy(path, folder / path.name)
    results = tmp / "results.jsonl"
    run_cli("batch", folder, "--out", results, "--backend", "rules")
    page = tmp / "corpus.html"
    run_cli("corpus", results, "--out", page, "--csv", tmp / "csv")
    lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    return page, tmp / "csv", lines


def _rows(tree) -> list:
    return tree.xpath("//table[@id='corpus-table']/tbody/tr")


def _cell(row, column: str) -> str:
    """The cell's value as shown, without the 推断 mark of an inferred value (see _mark)."""
    cell = row.xpath(f"./td[@data-col='{column}']")[0]
    mark = "".join(m.text_content() for m in cell.xpath("./span[@class='inferred']"))
    return cell.text_content().strip().removesuffix(mark).strip()


def _mark(row, column: str) -> bool:
    return bool(row.xpath(f"./td[@data-col='{column}']/span[@class='inferred']"))


def test_the_table_counts_what_the_results_hold(corpus_run, dump_dom):
    page, _, lines = corpus_run
    tree = lxml.html.document_fromstring(dump_dom(page))
    assert tree.body.get("data-ready") == "true"  # the script ran under the page's CSP
    rows = _rows(tree)
    assert len(rows) == len(lines) == 13
    by_name = {line["name"]: ReportSummary.model_validate(line["summary"]) for line in lines}
    for row in rows:
        name = _cell(row, "name")
        summary = by_name[Path(name).name] if Path(name).name in by_name else by_name[name]
        assert int(_cell(row, "items")) == sum(len(summary.items(p)) for p in PART_NAMES)
        assert int(_cell(row, "figures")) == sum(len(i.figures) for p in PART_NAMES for i in summary.items(p))
        assert _cell(row, "issuer") == summary.metadata.issuer
        # an inferred issuer or year is marked so (推断), a stated one is not
        assert _mark(row, "issuer") == summary.metadata.field_basis("issuer").inferred
        assert _mark(row, "year") == (summary.metadata.report_year is not None
                                      and summary.metadata.field_basis("report_year").inferred)
        link = row.xpath("./td[@data-col='name']/a/@href")[0]
        assert link.startswith("corpus-reports.html#report-")
    assert (page.parent / "corpus-reports.html").exists()


def test_sorting_and_filtering_follow_the_address(corpus_run, dump_dom):
    page, _, lines = corpus_run
    tree = lxml.html.document_fromstring(dump_dom(page, "sort=year&dir=desc"))
    years = [int(_cell(r, "year")) for r in _rows(tree)]
    assert years == sorted(years, reverse=True) and len(set(years)) > 2
    tree = lxml.html.document_fromstring(dump_dom(page, "level=township&sort=items&dir=asc"))
    shown = [r for r in _rows(tree) if r.get("hidden") is None]
    expected = [line for line in lines if line["summary"]["metadata"]["issuer_level"] == "township"]
    assert len(shown) == len(expected) > 0
    assert all(r.get("data-level") == "township" for r in shown)
    items = [int(_cell(r, "items")) for r in shown]
    assert items == sorted(items)
    assert tree.get_element_by_id("shown-count").text_content() == str(len(expected))
    tree = lxml.html.document_fromstring(dump_dom(page, "q=" + "苏平片区"))
    assert {_cell(r, "issuer") for r in _rows(tree) if r.get("hidden") is None} == {"苏平片区"}


def test_charts_and_follow_through_are_on_the_page(corpus_run, dump_dom):
    page, _, _ = corpus_run
    tree = lxml.html.document_fromstring(dump_dom(page))
    assert len(tree.xpath("//svg[@class='chart']")) == 4
    follow = tree.xpath("//section[@class='follow']")[0].text_content()
    assert "平潭综合实验区: 2023 → 2024" in follow and "苏平片区: 2022 → 2023" in follow


def test_the_page_prints(corpus_run, chromium_run, tmp_path):
    page, _, _ = corpus_run
    pdf = tmp_path / "corpus.pdf"
    chromium_run(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") + data.count(b"/Type/Page") >= 2


def test_csv_rows_match_the_results(corpus_run):
    _, csv_dir, lines = corpus_run
    with (csv_dir / "corpus.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(lines)
    with (csv_dir / "follow.csv").open(encoding="utf-8-sig", newline="") as fh:
        follow = list(csv.DictReader(fh))
    assert {r["issuer"] for r in follow} == {"平潭综合实验区", "苏平片区"}
    assert {r["kind"] for r in follow} <= {"plan_result", "plan_not_reported", "recurring_problem",
                                          "new_commitment", "repeated_plan"}
