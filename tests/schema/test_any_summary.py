"""A summary of either genre in a results line, a job document or an API response serialises
without pydantic's serializer warnings (run with warnings as errors) and reads back as its model."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.govwork_schema import GovWorkSummary
from summarizer.run.options import RunOptions
from summarizer.run.outcome import DocumentOutcome, WorkItem, done_outcome
from summarizer.schema import ReportSummary
from summarizer.service import SummaryService
from summarizer.settings import Settings

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"
GOVWORK = DATASETS / "govwork" / "g07.txt"
SEED = DATASETS / "seeds" / "000_7146bd087c0c1040.txt"


@pytest.fixture(scope="module")
def outcomes() -> list[DocumentOutcome]:
    service = SummaryService(Settings(backend="rules", cache_enabled=False))
    made = []
    for path in (SEED, GOVWORK):
        summary = service.summarize_sync(path, name=path.name, backend="rules").summary
        item = WorkItem(key=path.name, name=path.name, content=b"", sha256="0" * 64)
        made.append(done_outcome(item, "rules", summary, clean_text=None, repairs=None, options=RunOptions(),
                                 elapsed_s=0.1))
    return made


def test_an_outcome_holds_the_model_and_serialises_it_without_warnings(outcomes):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # PydanticSerializationUnexpectedValue is a UserWarning
        for outcome, model in zip(outcomes, (ReportSummary, GovWorkSummary), strict=True):
            assert isinstance(outcome.summary, model)
            line = outcome.model_dump_json(exclude_none=True)
            as_python = outcome.model_dump(mode="json")
            back = DocumentOutcome.model_validate_json(line)
            assert isinstance(back.summary, model)
            assert back.summary == outcome.summary
            assert as_python["summary"] == json.loads(outcome.summary.model_dump_json())


@pytest.mark.filterwarnings("error")
def test_a_batch_of_both_genres_writes_its_results_without_serializer_warnings(tmp_path):
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(app, ["batch", str(SEED), str(GOVWORK), "--backend", "rules", "--workers", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["summary"].get("genre") for line in lines} == {None, "government_work_report"}
