"""The genres are declared once (summarizer.genres); the models follow the table."""

from __future__ import annotations

import pytest

from summarizer.errors import ConfigError
from summarizer.genres import GENRES, GOVERNMENT_WORK_REPORT, RULE_OF_LAW, genre_named
from summarizer.govwork_schema import GovWorkMetadata, GovWorkSummary, Target
from summarizer.parts import PARTS
from summarizer.schema import ReportSummary, Span


def test_every_genre_model_has_one_field_per_part_in_the_genres_order():
    for genre in GENRES:
        model = genre.output_model()
        fields = [name for name in model.model_fields if name in genre.part_names]
        assert fields == list(genre.part_names), genre.name


def test_every_genre_model_carries_its_metadata_fields():
    for genre in GENRES:
        metadata = genre.output_model().model_fields["metadata"].annotation
        assert tuple(f for f in metadata.model_fields if f != "basis") == genre.metadata_fields


def test_rule_of_law_keeps_its_statutory_parts_and_model():
    assert RULE_OF_LAW.parts is PARTS
    assert RULE_OF_LAW.output_model() is ReportSummary


def test_govwork_targets_are_declared_as_targets():
    shapes = {p.name: p.shape for p in GOVERNMENT_WORK_REPORT.parts}
    assert shapes == {"review": "items", "problems": "items", "targets": "targets", "plans": "items",
                      "government_self_building": "items"}
    assert GovWorkSummary.model_fields["targets"].annotation == list[Target]


def test_genres_are_named_by_name_or_alias_and_unknown_names_are_refused():
    assert genre_named("government_work_report") is GOVERNMENT_WORK_REPORT
    assert genre_named("rule_of_law_report") is RULE_OF_LAW
    with pytest.raises(ConfigError, match="unknown genre"):
        genre_named("annual_budget")


def test_a_target_must_be_the_text_at_its_span():
    text = "主要预期目标是：地区生产总值增长6%左右。"
    good = {"indicator": "地区生产总值增长", "value": 6, "unit": "%", "qualifier": "about", "qualifier_text": "左右",
            "evidence": "地区生产总值增长6%左右", "span": Span(start=8, end=20)}
    assert Target.model_validate(good, context={"clean_text": text}).stated() == "6%左右"
    with pytest.raises(ValueError, match="not the clean text"):
        Target.model_validate({**good, "span": Span(start=7, end=19)}, context={"clean_text": text})


def test_metadata_years_and_session_are_checked():
    assert GovWorkMetadata(session_year=2020, report_year=2019).report_year == 2019
    with pytest.raises(ValueError, match="not the year before"):
        GovWorkMetadata(session_year=2020, report_year=2020)
    with pytest.raises(ValueError, match="congress_session"):
        GovWorkMetadata(congress_session="六届人大三次会议")
