"""A rule-of-law report's metadata read from its title line carries that line as evidence
(schema 2.1), grounded in the clean text; a value from elsewhere carries none yet."""

from __future__ import annotations

from pathlib import Path

from summarizer.schema import ReportSummary
from summarizer.service import SummaryService
from summarizer.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"


def test_values_read_from_the_title_line_quote_it(tmp_path):
    text = ("某某县2023年法治政府建设年度报告\n2023年，我县深入推进法治政府建设。\n一、主要成效\n"
            "（一）完善制度。制定规范性文件5件。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = SummaryService(Settings()).summarize_sync(path, name="r.txt", backend="rules", genre="rule_of_law")
    summary = ReportSummary.model_validate(result.summary.model_dump(), context={"clean_text": result.document.text})
    meta = summary.metadata
    assert (meta.issuer, meta.report_year) == ("某某县", 2023)
    for field in ("title", "issuer", "issuer_level", "report_year"):
        basis = meta.field_basis(field)
        assert basis.source == "title" and basis.evidence == "某某县2023年法治政府建设年度报告", field
    assert meta.basis.published_date.evidence is None


def test_every_bundled_seed_s_evidence_is_the_text_at_its_span():
    service = SummaryService(Settings())
    for path in sorted(SEEDS.glob("*.txt")):
        result = service.summarize_sync(path, name=path.name, backend="rules")
        text = result.document.text
        for field in ("title", "issuer", "issuer_level", "report_year", "published_date"):
            basis = result.summary.metadata.field_basis(field)
            if basis.evidence is not None:
                assert text[basis.span.start:basis.span.end] == basis.evidence, (path.name, field)
