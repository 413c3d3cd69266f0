"""Every metadata field of a 政府工作报告 says how it was reached (``metadata.basis``): stated by the
title, subtitle or address with the passage it was read from, inferred from the body with the
reason, or null with why; a generic word (本区, 我市, a bare 区, any 20XX年) states nothing."""

from __future__ import annotations

import pytest

from summarizer.extract.govwork.metadata import govwork_metadata
from summarizer.govwork_schema import GovWorkMetadata

ADDRESS = "各位代表：\n现在，我代表{who}人民政府，向大会报告政府工作，请予审议。\n"


def _checked(text: str) -> GovWorkMetadata:
    """The metadata, re-validated against the text: every evidence is the text at its span."""
    m = govwork_metadata(text)
    return GovWorkMetadata.model_validate(m.model_dump(), context={"clean_text": text})


def test_the_subtitle_and_the_address_state_their_values_with_the_passage():
    text = ("政府工作报告\n——2021年1月8日在光华区第一届人民代表大会第七次会议上\n区长　张某某\n"
            + ADDRESS.format(who="光华区") + "二、2021年工作安排\n")
    m = _checked(text)
    stated = {"title": "政府工作报告", "issuer": "我代表光华区人民政府", "session_year": "2021年1月8日",
              "delivery_date": "2021年1月8日", "congress_session": "第一届人民代表大会第七次会议",
              "speaker": "区长　张某某"}
    for field, evidence in stated.items():
        basis = m.field_basis(field)
        assert not basis.inferred and basis.evidence == evidence, field
    assert m.basis.title.source == "title" and m.basis.issuer.source == "address"
    assert m.basis.session_year.source == "subtitle"
    # the year reviewed is the session year's by the genre's definition, and says so
    assert m.report_year == 2020 and m.basis.report_year.source == "subtitle"
    assert "2021" in m.basis.report_year.reason
    assert m.published_date is None and m.basis.published_date.reason


@pytest.mark.parametrize("heading,year,why", [
    ("二、2021年工作安排", 2021, "tasks heading"),
    ("三、2021年主要任务", 2021, "tasks heading"),
    ("2021年政府工作的总体要求和主要任务", 2021, "tasks heading"),
    ("一、2020年工作回顾", 2021, "review heading"),
])
def test_a_year_read_from_a_heading_is_inferred_with_the_heading(heading, year, why):
    text = ADDRESS.format(who="光华区") + f"{heading}\n过去一年，我们砥砺前行。\n"
    m = _checked(text)
    assert m.session_year == year and m.report_year == year - 1
    for field in ("session_year", "report_year"):
        basis = m.field_basis(field)
        assert basis.inferred and basis.source == "body" and basis.evidence == heading, field
    assert why in m.basis.session_year.reason


def test_a_heading_of_the_year_s_main_work_dates_the_tasks_only_after_the_review():
    # 20XX年主要工作 heads the tasks in some reports and the review in others
    text = ADDRESS.format(who="光华区") + "一、2020年主要工作\n过去一年，我们砥砺前行。\n二、2021年工作安排\n"
    assert _checked(text).session_year == 2021
    alone = _checked(ADDRESS.format(who="光华区") + "一、2020年主要工作\n过去一年，我们砥砺前行。\n")
    assert alone.session_year is None and alone.basis.session_year.reason
    for review in ("一、“十三五”时期发展成就和2020年主要工作", "一、过去一年工作回顾"):
        after = _checked(ADDRESS.format(who="光华区") + f"{review}\n我们砥砺前行。\n二、2021年主要工作\n推进改革。\n")
        assert after.session_year == 2021 and after.basis.session_year.inferred
        assert after.basis.session_year.evidence == "二、2021年主要工作"


@pytest.mark.parametrize("sentences,year", [
    # a one-line text: no heading has a line of its own
    ("2020年是极不平凡的一年。我们攻坚克难。2021年是“十四五”开局之年。", 2021),
    ("2021年是“十四五”开局之年。回望2020年是极不平凡的一年。", 2021),
    ("2020年是极不平凡的一年，我们攻坚克难。今年经济社会发展的主要预期目标是：地区生产总值增长6%。"
     + "2021年经济社会发展主要预期目标是：地区生产总值增长6%左右。", 2021),
])
def test_a_year_a_sentence_presents_is_the_latest_one_and_inferred(sentences, year):
    text = "各位代表：现在，我代表光华区人民政府，向大会报告政府工作。" + sentences
    m = _checked(text)
    assert m.session_year == year and m.basis.session_year.inferred
    assert str(year) in m.basis.session_year.evidence


@pytest.mark.parametrize("who", ["本区", "我市", "区", "全县"])
def test_an_address_to_a_generic_place_names_no_issuer(who):
    text = ADDRESS.format(who=who) + "二、2021年工作安排\n全区经济平稳运行。我们推进改革。\n"
    m = _checked(text)
    assert m.issuer is None and m.issuer_level is None
    assert m.basis.issuer.source is None and "level" in m.basis.issuer.reason


def test_an_address_to_a_generic_place_takes_the_subtitle_s_place_as_stated():
    text = ("——2021年1月8日在光华区第一届人民代表大会第七次会议上\n"
            + ADDRESS.format(who="本区") + "二、2021年工作安排\n")
    m = _checked(text)
    assert m.issuer == "光华区" and m.basis.issuer.source == "subtitle" and m.basis.issuer.evidence == "光华区"


def test_a_place_the_body_names_most_often_is_inferred():
    text = ADDRESS.format(who="省") + "二、2025年工作安排\n广东省经济平稳。广东省发展向好。广东省改革深化。\n"
    m = _checked(text)
    assert m.issuer == "广东省" and m.basis.issuer.inferred and m.basis.issuer.source == "body"
    assert m.basis.issuer_level.inferred and m.issuer_level == "province"


def test_a_title_naming_the_place_and_year_states_both():
    text = "光华区2021年政府工作报告\n" + ADDRESS.format(who="区") + "一、2020年工作回顾\n"
    m = _checked(text)
    assert (m.issuer, m.session_year) == ("光华区", 2021)
    assert m.basis.issuer.source == m.basis.session_year.source == "title"
    assert m.basis.session_year.evidence == "光华区2021年政府工作报告"


def test_a_letter_spaced_title_keeps_its_line_as_evidence():
    text = "政 府 工 作 报 告\n" + ADDRESS.format(who="光华区")
    m = _checked(text)
    assert m.title == "政府工作报告" and m.basis.title.evidence == "政 府 工 作 报 告"


def test_every_null_field_says_why():
    m = _checked(ADDRESS.format(who="区") + "我们推进改革。\n")
    for field in GovWorkMetadata.model_fields:
        if field != "basis" and getattr(m, field) is None:
            assert m.field_basis(field).reason, field


def test_the_state_council_states_itself():
    m = _checked("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2023年工作回顾\n")
    assert m.issuer == "国务院" and m.basis.issuer.evidence == "我代表国务院"
    assert m.issuer_level == "national" and not m.basis.issuer_level.inferred


def test_a_basis_gives_evidence_and_span_together_and_grounded():
    from summarizer.schema import FieldBasis

    with pytest.raises(ValueError, match="together"):
        FieldBasis(source="title", evidence="政府工作报告")
    with pytest.raises(ValueError, match="evidence"):
        FieldBasis.model_validate({"source": "title", "evidence": "政府工作报告", "span": {"start": 0, "end": 6}},
                                  context={"clean_text": "各位代表：现在"})


def test_the_genre_s_schema_documents_the_basis():
    import json

    from typer.testing import CliRunner

    from summarizer.cli import app

    out = CliRunner().invoke(app, ["schema", "--genre", "government_work_report"])
    assert out.exit_code == 0, out.output
    schema = json.loads(out.stdout)
    assert schema["properties"]["schema_version"]["default"] == "1.1"
    basis = schema["$defs"]["GovWorkMetadataBasis"]["properties"]
    assert set(basis) == set(GovWorkMetadata.model_fields) - {"basis"}
    assert {"source", "reason", "evidence", "span"} <= set(schema["$defs"]["FieldBasis"]["properties"])
