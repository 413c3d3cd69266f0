"""``summarizer batch``: results file, per-document errors, resume by content hash, CSV export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from summarizer.schema import PART_NAMES, ReportSummary

from .conftest import SEED_IDS


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_batch_records_every_document_and_one_failure_does_not_stop_the_run(cli, reports_dir, tmp_path):
    (reports_dir / "broken.txt").write_bytes(b"just some english words, no report here\n")
    out = tmp_path / "results.jsonl"
    result = cli("batch", reports_dir, "--out", out, "--backend", "rules", "--concurrency", "3")
    assert result.exit_code == 1, result.output  # some document failed
    assert "done 5, failed 1, skipped 0" in result.output
    assert "broken.txt" in result.output

    lines = read_lines(out)
    assert len(lines) == 6
    by_name = {line["name"]: line for line in lines}
    broken = by_name.pop("broken.txt")
    assert broken["status"] == "failed"
    assert broken["error"]["code"] == "input_error" and "Chinese" in broken["error"]["message"]
    for doc_id in SEED_IDS:
        line = by_name[f"{doc_id}.txt"]
        assert line["status"] == "done" and line["backend"] == "rules"
        summary = ReportSummary.model_validate(line["summary"], context={"clean_text": line["clean_text"]})
        assert summary.doc_id == doc_id


def test_rerun_skips_what_is_done_and_retries_failures(cli, reports_dir, tmp_path):
    broken = reports_dir / "broken.txt"
    broken.write_bytes(b"nothing chinese here\n")
    out = tmp_path / "results.jsonl"
    cli("batch", reports_dir, "--out", out, "--backend", "rules")
    assert len(read_lines(out)) == 6

    again = cli("batch", reports_dir, "--out", out, "--backend", "rules")
    assert "done 0, failed 1, skipped 5" in again.output
    assert len(read_lines(out)) == 7  # only the failure was tried again

    seed = (reports_dir / f"{SEED_IDS[1]}.txt").read_text(encoding="utf-8")
    broken.write_text(seed + "\n附件：无\n", encoding="utf-8")  # now a report (not a copy of one done)
    fixed = cli("batch", reports_dir, "--out", out, "--backend", "rules")
    assert fixed.exit_code == 0, fixed.output
    assert "done 1, failed 0, skipped 5" in fixed.output

    # a renamed but unchanged file is recognised by its content
    (reports_dir / f"{SEED_IDS[2]}.txt").rename(reports_dir / "renamed.txt")
    renamed = cli("batch", reports_dir, "--out", out, "--backend", "rules")
    assert "done 0, failed 0, skipped 6" in renamed.output


def test_a_half_written_last_line_is_ignored_and_redone(cli, reports_dir, tmp_path):
    out = tmp_path / "results.jsonl"
    cli("batch", reports_dir, "--out", out, "--backend", "rules")
    content = out.read_text(encoding="utf-8")
    out.write_text(content[: len(content) - 200], encoding="utf-8")  # killed mid-write
    result = cli("batch", reports_dir, "--out", out, "--backend", "rules")
    assert "done 1, failed 0, skipped 4" in result.output
    from summarizer.batch import load_outcomes

    assert sorted(o.name for o in load_outcomes(out)) == sorted(f"{i}.txt" for i in SEED_IDS)


def test_glob_target_and_missing_target(cli, reports_dir, tmp_path):
    out = tmp_path / "glob.jsonl"
    result = cli("batch", str(reports_dir / "00[01]*.txt"), "--out", out, "--backend", "rules")
    assert result.exit_code == 0, result.output
    assert sorted(line["name"] for line in read_lines(out)) == [f"{SEED_IDS[0]}.txt", f"{SEED_IDS[1]}.txt"]

    missing = cli("batch", tmp_path / "nowhere", "--out", out)
    assert missing.exit_code == 1  # a bad input (README, "Exit codes")
    assert "matches no report files" in missing.output


def test_llm_backend_without_endpoint_stops_before_starting(cli, reports_dir, tmp_path):
    result = cli("batch", reports_dir, "--out", tmp_path / "r.jsonl", "--backend", "llm")
    assert result.exit_code == 2
    assert "no endpoint is configured" in result.output
    assert not (tmp_path / "r.jsonl").exists()


def test_csv_export_has_a_row_per_report_item_and_figure(cli, reports_dir, tmp_path):
    (reports_dir / "broken.txt").write_bytes(b"=cmd|' /C calc'!A0\n")
    out = tmp_path / "results.jsonl"
    result = cli("batch", reports_dir, "--out", out, "--backend", "rules", "--csv", tmp_path / "csv")
    assert "reports.csv 6 rows" in result.output

    def rows(name: str) -> list[dict]:
        with (tmp_path / "csv" / name).open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    reports, items, figures = rows("reports.csv"), rows("items.csv"), rows("figures.csv")
    summaries = {line["name"]: ReportSummary.model_validate(line["summary"])
                 for line in read_lines(out) if line["status"] == "done"}
    assert {r["name"] for r in reports} == {*summaries, "broken.txt"}
    failed = next(r for r in reports if r["name"] == "broken.txt")
    assert failed["status"] == "failed" and failed["error_code"] == "input_error"
    assert len(items) == sum(len(s.items(p)) for s in summaries.values() for p in PART_NAMES)
    assert len(figures) == sum(len(i.figures) for s in summaries.values() for p in PART_NAMES for i in s.items(p))
    for r in reports:
        if r["status"] == "done":
            s = summaries[r["name"]]
            assert int(r["n_achievements"]) == len(s.achievements)
            assert r["has_plans"] == ("true" if s.compliance.plans else "false")
    all_figures = [f for s in summaries.values() for p in PART_NAMES for i in s.items(p) for f in i.figures]
    assert [r["qualifier"] for r in figures] == [f.qualifier or "" for f in all_figures]
    assert any(r["qualifier"] == "more_than" and r["qualifier_text"] in ("余", "多") for r in figures)
    # a figure no noun phrase names has an empty label; a scoped one says its scope
    assert [(r["label"], r["scope"], r["scope_text"]) for r in figures] == [
        (f.label or "", f.scope or "", f.scope_text or "") for f in all_figures]
    # a range's upper end and a change's direction reach the CSV reader (fig-trust)
    assert [(r["value_high"], r["change"], r["change_text"]) for r in figures] == [
        ("" if f.value_high is None else str(f.value_high), f.change or "", f.change_text or "") for f in all_figures]
    first_item = items[0]
    summary = summaries[first_item["name"]]
    evidence = summary.items(first_item["part"])[int(first_item["index"])].evidence
    assert first_item["evidence"] in (evidence, "'" + evidence)

    # the same CSV again from the results file alone
    again = cli("export", out, "--csv", tmp_path / "csv2")
    assert again.exit_code == 0
    assert (tmp_path / "csv2" / "items.csv").read_bytes() == (tmp_path / "csv" / "items.csv").read_bytes()


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path):
    import datetime as dt

    from summarizer.batch.csv_export import write_csvs
    from summarizer.batch.outcome import DocumentOutcome, ErrorInfo

    outcome = DocumentOutcome(key="k", name="=HYPERLINK(\"http://x\")", sha256="0", backend="rules",
                              status="failed", error=ErrorInfo(code="input_error", message="@SUM(A1)"),
                              elapsed_ms=1.0, finished_at=dt.datetime.now(dt.UTC))
    write_csvs([outcome], tmp_path)
    with (tmp_path / "reports.csv").open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["name"] == "'=HYPERLINK(\"http://x\")"
    assert row["error_message"] == "'@SUM(A1)"


def test_worker_processes_give_the_same_results_and_record_failures(cli, reports_dir, tmp_path):
    (reports_dir / "broken.txt").write_bytes(b"no report in here\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    cli("batch", reports_dir, "--out", one, "--backend", "rules")
    result = cli("batch", reports_dir, "--out", two, "--backend", "rules", "--workers", "2", "--concurrency", "4")
    assert "done 5, failed 1, skipped 0" in result.output
    single = {line["name"]: line for line in read_lines(one)}
    multi = {line["name"]: line for line in read_lines(two)}
    assert multi.keys() == single.keys()
    assert multi["broken.txt"]["error"]["code"] == "input_error"
    for name, line in single.items():
        if line["status"] == "done":
            for part in PART_NAMES:
                assert [i["span"] for i in multi[name]["summary"][part]] == [i["span"] for i in line["summary"][part]]
    again = cli("batch", reports_dir, "--out", two, "--backend", "rules", "--workers", "2", "--concurrency", "4")
    assert "done 0, failed 1, skipped 5" in again.output
