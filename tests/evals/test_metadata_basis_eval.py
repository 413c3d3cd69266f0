"""The eval scores metadata basis: an inferred value must be marked, a stated value's evidence
must be the clean text at its span and write the value; a reference's basis is checked."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from summarizer.evals.genre_eval import load_genre_dataset
from summarizer.evals.metadata_basis import (
    basis_case,
    basis_problems,
    basis_scores,
    check_reference_basis,
)
from summarizer.extract.govwork.metadata import govwork_metadata
from summarizer.genres import GOVERNMENT_WORK_REPORT
from summarizer.govwork_schema import GovWorkMetadata
from summarizer.schema import FieldBasis, Span

TEXT = ("——2021年1月8日在光华区第一届人民代表大会第七次会议上\n区长　张某某\n各位代表：\n"
        "现在，我代表光华区人民政府，向大会报告政府工作。\n二、2021年工作安排\n")
REFERENCE = {"metadata": {"issuer": "光华区", "session_year": 2021, "report_year": 2020,
                          "basis": {"issuer": "stated", "session_year": "stated", "report_year": "stated",
                                    "delivery_date": "stated", "congress_session": "stated", "speaker": "stated"}}}


class _Summary:
    def __init__(self, metadata: GovWorkMetadata) -> None:
        self.metadata = metadata


def test_the_rules_stated_values_have_evidence_that_writes_them():
    case = basis_case(_Summary(govwork_metadata(TEXT)), REFERENCE, TEXT)
    assert set(case) == set(REFERENCE["metadata"]["basis"])
    assert all(row["evidence_ok"] and not row["marked"] for row in case.values())
    assert basis_scores([case]) == {"metadata_basis.stated_right_rate": 1.0, "metadata_basis.evidence_ok_rate": 1.0}
    assert basis_problems(case) == []


def test_an_inferred_value_presented_as_stated_and_wrong_evidence_are_counted():
    text = "各位代表：\n现在，我代表光华区人民政府，向大会报告政府工作。\n二、2021年工作安排\n"
    heading = text.index("二、")
    meta = GovWorkMetadata(
        issuer="光华区", session_year=2021, report_year=2020,
        basis={"issuer": FieldBasis(source="address", evidence=text[:5], span=Span(start=0, end=5)),  # 各位代表：
               "session_year": FieldBasis(source="title"),  # a heading's year stated as fact, no evidence
               "report_year": FieldBasis(source="body", evidence=text[heading:heading + 9],
                                         span=Span(start=heading, end=heading + 9))})
    reference = {"metadata": {"basis": {"issuer": "stated", "session_year": "inferred", "report_year": "inferred"}}}
    case = basis_case(_Summary(meta), reference, text)
    assert case["issuer"]["evidence_ok"] is False and case["session_year"]["evidence_ok"] is False
    assert case["report_year"]["marked"] and "evidence_ok" not in case["report_year"]
    assert basis_scores([case]) == {"metadata_basis.inferred_marked_rate": 0.5,
                                    "metadata_basis.stated_right_rate": 0.5,
                                    "metadata_basis.evidence_ok_rate": 0.0}
    problems = basis_problems(case)
    assert "metadata session_year: inferred but presented as stated (title)" in problems
    assert "metadata issuer: its evidence does not state it" in problems


@pytest.mark.parametrize("field,value,evidence,ok", [
    ("report_year", 2020, "2021年1月8日", True),  # counted back from the session year it writes
    ("report_year", 2020, "2019年工作回顾", False),
    ("delivery_date", dt.date(2021, 1, 8), "2021年1月8日", True),
    ("congress_session", "第一届人民代表大会第七次会议", "区一届人大七次会议", True),
    ("congress_session", "第一届人民代表大会第七次会议", "区七届人大一次会议", False),
    ("title", "政府工作报告", "政 府 工 作 报 告", True),
])
def test_evidence_writes_the_value_in_the_forms_the_genre_writes_it(field, value, evidence, ok):
    text = f"前文。{evidence}"
    meta = GovWorkMetadata(**{field: value}, basis={field: FieldBasis(
        source="subtitle", evidence=evidence, span=Span(start=3, end=3 + len(evidence)))})
    case = basis_case(_Summary(meta), {"metadata": {"basis": {field: "stated"}}}, text)
    assert case[field]["evidence_ok"] is ok


def test_a_reference_basis_is_checked():
    fields = GOVERNMENT_WORK_REPORT.metadata_fields
    assert check_reference_basis({"issuer": "stated"}, {"issuer": "光华区"}, fields) == []
    assert check_reference_basis(["stated"], {}, fields)
    problems = check_reference_basis({"issuer": "guessed", "speaker": "stated", "mood": "stated"},
                                     {"issuer": "光华区", "speaker": None}, fields)
    assert len(problems) == 3


def test_a_bad_basis_in_a_dataset_is_reported_with_its_file(tmp_path):
    (tmp_path / "a.txt").write_text("各位代表：", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"doc_id": "a", "metadata": {
        "issuer": "光华区", "basis": {"issuer": "guessed"}}}), encoding="utf-8")
    with pytest.raises(Exception, match="a.json: metadata.basis.issuer must be one of stated, inferred"):
        load_genre_dataset(tmp_path, GOVERNMENT_WORK_REPORT)
