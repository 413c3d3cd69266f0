"""Loading datasets and references: partial references, and clear errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit import ACH_1, write_case

from summarizer.errors import InputError
from summarizer.evals.dataset import load_dataset, load_reference

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"


def test_bundled_seed_dataset_loads_with_every_part_scored():
    dataset = load_dataset(SEEDS)
    assert len(dataset.cases) == 5
    for case in dataset.cases:
        assert case.report_path.suffix == ".txt"
        assert case.reference.scored_parts() == ["achievements", "problems", "causes", "leader_duties", "plans"]
        assert len(case.reference.metadata.scored_fields()) == 5


def test_partial_reference_scores_only_what_it_states(tmp_path):
    write_case(tmp_path, "a", {"metadata": {"report_year": 2022}, "plans": []})
    ref = load_dataset(tmp_path).cases[0].reference
    assert ref.scored_parts() == ["plans"]
    assert ref.metadata.scored_fields() == ["report_year"]
    assert ref.sections_present is None


def test_null_metadata_field_is_scored_but_absent_is_not(tmp_path):
    write_case(tmp_path, "a", {"metadata": {"title": None}})
    assert load_dataset(tmp_path).cases[0].reference.metadata.scored_fields() == ["title"]


def test_report_may_be_html_or_any_single_file_beside_the_reference(tmp_path):
    write_case(tmp_path, "a", {}, suffix=".html")
    write_case(tmp_path, "b", {}, suffix=".gbk")
    paths = [c.report_path.name for c in load_dataset(tmp_path).cases]
    assert paths == ["a.html", "b.gbk"]


def test_report_without_reference_is_listed_not_scored(tmp_path):
    write_case(tmp_path, "a", {})
    (tmp_path / "lonely.txt").write_text("报告", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert [c.doc_id for c in dataset.cases] == ["a"]
    assert [p.name for p in dataset.unreferenced] == ["lonely.txt"]


def test_wrong_field_type_names_file_and_field(tmp_path):
    write_case(tmp_path, "a", {"achievements": [{"text": "甲", "evidence": ACH_1}, {"text": 3}]})
    with pytest.raises(InputError) as err:
        load_reference(tmp_path / "a.json")
    assert "a.json" in str(err.value)
    assert "achievements[1].text" in str(err.value)


def test_misspelt_part_is_an_error_not_silently_unscored(tmp_path):
    write_case(tmp_path, "a", {"acheivements": []})
    with pytest.raises(InputError, match="acheivements"):
        load_reference(tmp_path / "a.json")


def test_bad_issuer_level_and_date_are_named(tmp_path):
    write_case(tmp_path, "a", {"metadata": {"issuer_level": "village", "published_date": "2023-13-01"}})
    with pytest.raises(InputError) as err:
        load_reference(tmp_path / "a.json")
    assert "metadata.issuer_level" in str(err.value) and "metadata.published_date" in str(err.value)


def test_item_without_text_or_evidence_is_rejected(tmp_path):
    write_case(tmp_path, "a", {"plans": [{"text": " ", "evidence": ""}]})
    with pytest.raises(InputError, match=r"plans\[0\]"):
        load_reference(tmp_path / "a.json")


def test_invalid_json_names_file_and_line(tmp_path):
    (tmp_path / "a.json").write_text('{"metadata":\n  {,}', encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.json.*line 2"):
        load_reference(tmp_path / "a.json")


def test_doc_id_must_match_the_file_name(tmp_path):
    write_case(tmp_path, "a", {"doc_id": "b"})
    with pytest.raises(InputError, match="doc_id"):
        load_reference(tmp_path / "a.json")


def test_all_bad_references_are_reported_at_once(tmp_path):
    write_case(tmp_path, "good", {})
    write_case(tmp_path, "bad1", {"plans": "none"})
    (tmp_path / "bad2.json").write_text("{}", encoding="utf-8")  # no report beside it
    with pytest.raises(InputError) as err:
        load_dataset(tmp_path)
    message = str(err.value)
    assert "2 of 3 references" in message
    assert "bad1.json" in message and "field plans" in message
    assert "bad2.json" in message and "no report file" in message


def test_missing_folder_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        load_dataset(tmp_path / "nope")
    with pytest.raises(InputError, match="no reference"):
        load_dataset(tmp_path)


def test_dataset_of_an_unsupported_genre_is_refused_before_its_references_are_read(tmp_path):
    from summarizer.evals.dataset import UnsupportedGenreError, dataset_genre

    (tmp_path / "index.json").write_text('{"genre": "annual_budget", "reports": []}', encoding="utf-8")
    write_case(tmp_path, "g01", {"income": []})  # parts of an unknown genre: never validated here
    assert dataset_genre(tmp_path) == "annual_budget"
    with pytest.raises(UnsupportedGenreError, match="genre annual_budget is not supported by this version"):
        load_dataset(tmp_path)


def test_a_dataset_of_another_known_genre_is_left_to_the_genre_eval(tmp_path):
    from summarizer.evals.dataset import UnsupportedGenreError

    (tmp_path / "index.json").write_text('{"genre": "government_work_report", "reports": []}', encoding="utf-8")
    write_case(tmp_path, "g01", {"review": []})
    with pytest.raises(UnsupportedGenreError, match="not a rule-of-law dataset"):
        load_dataset(tmp_path)


def test_a_list_manifest_or_none_means_the_rule_of_law_genre(tmp_path):
    from summarizer.evals.dataset import dataset_genre

    assert dataset_genre(tmp_path) == "rule_of_law_report"
    (tmp_path / "index.json").write_text('[{"id": "a"}]', encoding="utf-8")
    assert dataset_genre(tmp_path) == "rule_of_law_report"
    write_case(tmp_path, "a", {"plans": []})
    assert len(load_dataset(tmp_path).cases) == 1
