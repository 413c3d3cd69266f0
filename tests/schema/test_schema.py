"""The public contract: ReportSummary validators and its JSON Schema."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.schema import SCHEMA_VERSION, Figure, Item, Metadata, ReportSummary, Span

TEXT = "一、主要举措和成效\n一是强化学法。组织集体学法4次。\n二、存在的不足\n法治宣传不够深入。"


def _item(evidence: str, start: int, **kw) -> dict:
    return {"summary": "强化学法", "evidence": evidence, "span": {"start": start, "end": start + len(evidence)}, **kw}


def _summary(**parts) -> dict:
    now = dt.datetime.now(dt.UTC).isoformat()
    return {
        "metadata": {"title": None, "report_year": 2022},
        "compliance": {
            "achievements": True, "problems": True, "causes": False, "leader_duties": False,
            "plans": False, "causes_given": False,
        },
        "provenance": {"backend": "rules", "summarizer_version": "0", "input_sha256": "x", "created_at": now},
        **parts,
    }


def test_grounded_item_validates_against_clean_text():
    start = TEXT.index("一是强化学法")
    data = _summary(achievements=[_item("一是强化学法。", start)])
    summary = ReportSummary.model_validate(data, context={"clean_text": TEXT})
    item = summary.achievements[0]
    assert TEXT[item.span.start : item.span.end] == item.evidence
    assert summary.schema_version == SCHEMA_VERSION


def test_evidence_not_at_its_span_is_rejected():
    start = TEXT.index("一是强化学法") + 1  # off by one
    data = _summary(achievements=[_item("一是强化学法。", start)])
    with pytest.raises(ValidationError, match="not the clean text at its span"):
        ReportSummary.model_validate(data, context={"clean_text": TEXT})


def test_span_beyond_the_text_is_rejected():
    data = _summary(problems=[_item("法治宣传不够深入。", len(TEXT) - 3)])
    with pytest.raises(ValidationError, match="beyond the text"):
        ReportSummary.model_validate(data, context={"clean_text": TEXT})


def test_figure_evidence_is_grounded_too():
    start = TEXT.index("4次")
    fig = {"label": "集体学法", "value": 4, "unit": "次", "evidence": "学法4次", "span": {"start": start - 2, "end": start + 2}}
    Figure.model_validate(fig, context={"clean_text": TEXT})
    fig["span"] = {"start": start, "end": start + 4}
    with pytest.raises(ValidationError):
        Figure.model_validate(fig, context={"clean_text": TEXT})


@pytest.mark.parametrize("field", ["summary", "evidence"])
def test_blank_summary_or_evidence_is_rejected(field):
    data = _item("一是强化学法。", 0)
    data[field] = "   "
    with pytest.raises(ValidationError):
        Item.model_validate(data)


def test_empty_or_reversed_span_is_rejected():
    with pytest.raises(ValidationError):
        Span(start=5, end=5)
    with pytest.raises(ValidationError):
        Span(start=5, end=2)


@pytest.mark.parametrize(
    "meta",
    [
        {"report_year": 1850},
        {"report_year": dt.date.today().year + 2},
        {"published_date": "2999-01-01"},
        {"report_year": 2022, "published_date": "2021-12-31"},
    ],
)
def test_implausible_years_and_dates_are_rejected(meta):
    with pytest.raises(ValidationError):
        Metadata.model_validate(meta)


def test_plausible_metadata_passes():
    m = Metadata.model_validate({"report_year": 2022, "published_date": "2023-03-01", "issuer_level": "county"})
    assert m.published_date == dt.date(2023, 3, 1)


def test_unknown_issuer_level_is_rejected():
    with pytest.raises(ValidationError):
        Metadata.model_validate({"issuer_level": "village"})


def test_schema_command_prints_the_json_schema():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "ReportSummary"
    assert {"metadata", "achievements", "compliance", "provenance"} <= set(schema["properties"])
    assert schema == ReportSummary.model_json_schema()


def test_a_figure_carries_its_qualifier_and_states_it_as_the_text_does():
    import pydantic

    near = Figure(label="清理规章", value=400, unit="条", evidence="清理规章近400条", qualifier="nearly",
                  qualifier_text="近")
    assert near.stated() == "近400条"
    assert Figure(label="短信", value=30, unit="万条", scale=1e4, evidence="短信30万余条", qualifier="more_than",
                  qualifier_text="余").stated() == "30万余条"
    assert Figure(label="干部", value=100, unit="人", evidence="干部100人以上", qualifier="at_least",
                  qualifier_text="以上").stated() == "100人以上"
    assert Figure(label="案件", value=9, unit="宗", evidence="案件9宗").stated() == "9宗"
    with pytest.raises(pydantic.ValidationError):
        Figure(label="x", value=1, unit="件", evidence="x1件", qualifier="roughly")
    with pytest.raises(pydantic.ValidationError):
        Figure(label="x", value=1, unit="件", evidence="x1件", part_of=-1)


def test_a_summary_without_bases_still_validates_and_bases_are_checked():
    # Summaries made before 2.0 carry no basis: the fields default to "not known".
    meta = Metadata.model_validate({"issuer": "某县", "report_year": 2022})
    assert meta.field_basis("issuer").source is None and meta.basis.issuer.reason is None
    item = Item(summary="甲", evidence="甲乙", span=Span(start=0, end=2))
    assert item.part_basis is None
    with pytest.raises(ValidationError):
        Item(summary="甲", evidence="甲乙", span=Span(start=0, end=2), part_basis="guess")
    with pytest.raises(ValidationError):
        Metadata.model_validate({"basis": {"issuer": {"source": "rumour"}}})
    stated = Metadata.model_validate({"issuer": "某县", "basis": {"issuer": {"source": "body"}}})
    assert stated.field_basis("issuer").inferred and not Metadata().with_source("title").basis.title.inferred
