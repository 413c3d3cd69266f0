"""The views mark a 政府工作报告's inferred metadata as they mark a rule-of-law report's (推断
inferred), show a stated value as it is, and say why a value is null."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from rich.console import Console

from summarizer.batch.csv_export import write_csvs
from summarizer.batch.outcome import DocumentOutcome
from summarizer.corpus.table import corpus_rows, csv_row
from summarizer.genre_views import target_rows, to_html_section, to_markdown, to_rich
from summarizer.govwork_schema import GovWorkSummary
from summarizer.htmlreport.corpus_page import render_corpus_page
from summarizer.service import SummaryService
from summarizer.settings import Settings

BODY = ("各位代表：\n现在，我代表光华区人民政府，向大会报告政府工作，请予审议。\n一、过去一年工作回顾\n"
        "过去一年，我们砥砺前行，地区生产总值增长6%。\n二、{year}年工作安排\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n（一）推进改革。深化放管服改革。\n")
SUBTITLE = "政府工作报告\n——{year}年1月8日在光华区第一届人民代表大会第七次会议上\n区长　张某某\n"


def _summary(tmp_path, text: str, name: str = "r.txt") -> GovWorkSummary:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    summary = SummaryService(Settings()).summarize_sync(path, name=name, backend="rules", genre="government_work_report").summary
    assert isinstance(summary, GovWorkSummary)
    return summary


@pytest.fixture
def inferred(tmp_path) -> GovWorkSummary:
    """Session year read from the tasks heading only: inferred."""
    return _summary(tmp_path, BODY.format(year=2021))


@pytest.fixture
def stated(tmp_path) -> GovWorkSummary:
    """Session year, session, speaker and date read from the subtitle: stated."""
    return _summary(tmp_path, SUBTITLE.format(year=2021) + BODY.format(year=2021), "s.txt")


def _row(markdown: str, field: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {field} |"))


def test_markdown_and_terminal_mark_an_inferred_year_and_not_a_stated_one(inferred, stated):
    md = to_markdown(inferred)
    assert "推断 inferred from the body" in _row(md, "session_year")
    assert "推断" in _row(md, "report_year") and "推断" not in _row(md, "issuer")  # the address states it
    assert "no speaker line" in _row(md, "speaker")  # a null value says why
    md = to_markdown(stated)
    assert not any("推断" in _row(md, f) for f in ("session_year", "report_year", "speaker", "delivery_date"))
    console = Console(width=120, record=True)
    console.print(to_rich(inferred))
    assert re.search(r"session_year\s+2021 \(推断 inferred from the body\)", console.export_text())


@pytest.mark.parametrize("lang,mark", [("zh", "推断"), ("en", "inferred"), (None, "推断 inferred")])
def test_the_html_section_marks_inferred_values_in_its_language(inferred, lang, mark):
    html = str(to_html_section(inferred, lang=lang))
    rows = {m.group(1): m.group(2) for m in re.finditer(r"<tr><th>([^<]+)</th><td>(.*?)</td></tr>", html)}
    session = rows["会议年份" if lang == "zh" else "session_year"]
    assert 'class="inferred"' in session and session.endswith(f">{mark}</span>")
    assert "inferred" not in rows["发布主体" if lang == "zh" else "issuer"]
    speaker = rows["报告人" if lang == "zh" else "speaker"]
    assert 'class="note"' in speaker and ("未写明" in speaker if lang == "zh" else "no speaker line" in speaker)


def _outcome(summary: GovWorkSummary, name: str) -> DocumentOutcome:
    return DocumentOutcome(key=name, name=name, sha256="0", backend="rules", status="done", summary=summary,
                           elapsed_ms=1, finished_at=dt.datetime.now(dt.UTC))


def test_csv_files_carry_each_value_s_basis(inferred, stated, tmp_path):
    write_csvs([_outcome(inferred, "inferred"), _outcome(stated, "stated")], tmp_path)
    with (tmp_path / "reports.csv").open(encoding="utf-8-sig") as fh:
        reports = {r["name"]: r for r in csv.DictReader(fh)}
    assert reports["inferred"]["report_year_basis"] == "body" and reports["inferred"]["issuer_basis"] == "address"
    assert "session_year: the year its tasks heading names" in reports["inferred"]["metadata_notes"]
    assert reports["stated"]["report_year_basis"] == "subtitle" and reports["stated"]["title_basis"] == "title"
    years = {r["doc_id"]: r["year_basis"] for r in (*target_rows(inferred), *target_rows(stated))}
    assert years == {inferred.doc_id: "body", stated.doc_id: None}


def test_the_corpus_table_marks_inferred_metadata(inferred, stated):
    rows = corpus_rows([_outcome(inferred, "inferred"), _outcome(stated, "stated")])
    assert set(rows[0].inferred) == {"report_year"} and rows[1].inferred == {}
    assert csv_row(rows[0])["inferred_metadata"] == "report_year"
    page = render_corpus_page([_outcome(inferred, "inferred"), _outcome(stated, "stated")], lang="en")
    years = re.findall(r'<td data-col="year"[^>]*>(.*?)</td>', page)
    assert 'class="inferred"' in years[0] and 'class="inferred"' not in years[1]
