"""``summarizer report``: the page, as Chromium builds it, highlights every item's evidence at its span."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import lxml.html
from typer.testing import CliRunner

from summarizer.batch.outcome import DocumentOutcome
from summarizer.cli import app
from summarizer.schema import PART_NAMES, ReportSummary

SEEDS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
RUNNER = CliRunner()


def run_cli(*args: object) -> str:
    result = RUNNER.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def batch_seeds(tmp_path: Path, *extra: str) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    out = tmp_path / "results.jsonl"
    run_cli("batch", folder, "--out", out, "--backend", "rules", *extra)
    return out


def highlighted_text(tree, item_id: str) -> str:
    """The text of every highlight that belongs to ``item_id``, in document order."""
    marks = tree.xpath("//mark[contains(concat(' ', @data-items, ' '), $needle)]", needle=f" {item_id} ")
    return "".join(m.text_content() for m in marks)


def check_highlights(tree, lines: list[dict]) -> int:
    """Every item of every summary is highlighted at exactly its evidence; returns the item count."""
    checked = 0
    for index, line in enumerate(lines):
        section = tree.get_element_by_id(f"report-{index}")
        assert section.get("data-name") == line["name"]
        summary = ReportSummary.model_validate(line["summary"])
        rows = section.xpath(".//table[@class='compliance']//tr/@data-check")
        assert rows == [*PART_NAMES, "causes_given", "published_in_q1"]
        for part in PART_NAMES:
            for i, item in enumerate(summary.items(part)):
                item_id = f"r{index}-{part}-{i}"
                assert highlighted_text(tree, item_id) == item.evidence, item_id
                target = tree.get_element_by_id(item_id)  # the summary links here
                assert section.xpath(f".//a[@href='#{item_id}']")
                assert target is not None
                checked += 1
    return checked


def test_report_highlights_every_item_at_its_span(tmp_path, dump_dom):
    out = batch_seeds(tmp_path)
    page = tmp_path / "report.html"
    run_cli("report", out, "--out", page)
    tree = lxml.html.document_fromstring(dump_dom(page))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert check_highlights(tree, lines) > 20
    # the clean text is shown whole, highlights and all
    for index, line in enumerate(lines):
        text_div = tree.get_element_by_id(f"report-{index}").xpath(".//div[@class='text']")[0]
        assert text_div.text_content() == line["clean_text"]
    assert not tree.xpath("//script")


def test_report_recleans_the_source_file_when_lines_have_no_text(tmp_path, dump_dom):
    out = batch_seeds(tmp_path, "--no-text")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all("clean_text" not in line for line in lines)
    page = tmp_path / "report.html"
    run_cli("report", out, "--out", page)
    tree = lxml.html.document_fromstring(dump_dom(page))
    assert check_highlights(tree, lines) > 20

    # a source file changed since the run is not used: the page says so instead of mis-highlighting
    Path(lines[0]["source_path"]).write_text("二〇二二年 changed", encoding="utf-8")
    output = run_cli("report", out, "--out", page)
    assert "1 without clean text" in output
    tree = lxml.html.document_fromstring(dump_dom(page))
    assert "has changed since it was summarised" in tree.get_element_by_id("report-0").text_content()


HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"


def test_untrusted_text_is_escaped(tmp_path, dump_dom):
    clean_text = f"某县2022年法治政府建设年度报告\n一、主要举措和成效\n{HOSTILE}召开会议12次。\n"
    start = clean_text.index("<script>")
    end = clean_text.index("。") + 1
    summary = ReportSummary.model_validate({
        "metadata": {"title": HOSTILE, "issuer": "</td><b>某县</b>"},
        "overview": HOSTILE,
        "achievements": [{"summary": HOSTILE, "evidence": clean_text[start:end],
                          "span": {"start": start, "end": end}, "category": "<i>x</i>"}],
        "compliance": {"achievements": True, "problems": False, "causes": False, "leader_duties": False,
                       "plans": False, "causes_given": True, "missing": [HOSTILE]},
        "provenance": {"backend": "rules", "summarizer_version": "0", "input_sha256": "0",
                       "created_at": dt.datetime.now(dt.UTC).isoformat()},
    }, context={"clean_text": clean_text})
    outcome = DocumentOutcome(key="k", name=f"{HOSTILE}.txt", sha256="0", backend="rules", status="done",
                              summary=summary, clean_text=clean_text, elapsed_ms=1,
                              finished_at=dt.datetime.now(dt.UTC))
    results = tmp_path / "hostile.jsonl"
    results.write_text(outcome.model_dump_json() + "\n", encoding="utf-8")
    page = tmp_path / "report.html"
    run_cli("report", results, "--out", page, "--title", HOSTILE)

    tree = lxml.html.document_fromstring(dump_dom(page))
    assert not tree.xpath("//script") and not tree.xpath("//img") and not tree.xpath("//i")
    assert tree.findtext(".//title") == HOSTILE  # shown as text, and no script ran to change it
    assert highlighted_text(tree, "r0-achievements-0") == clean_text[start:end]
    assert HOSTILE in tree.get_element_by_id("report-0").text_content()
