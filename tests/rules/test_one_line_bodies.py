"""Scrapers and archives lose paragraph breaks: the whole report on one line must read as
well as the report itself (each seed with all its newlines removed, scored the same way)."""

from __future__ import annotations

import pytest

from summarizer.evals.dataset import load_dataset
from summarizer.evals.scoring import ALL_PARTS, score_document
from summarizer.service import SummaryService
from summarizer.settings import Settings

from .conftest import SEEDS_DIR

TOLERANCE = 0.02
CASES = load_dataset(SEEDS_DIR).cases


@pytest.fixture(scope="module")
def service():
    return SummaryService(Settings(_env_file=None))


def _score(service, case, text: str):
    result = service.summarize_sync(text, backend="rules")
    return score_document(case, result.summary, result.document.text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.doc_id[:3])
def test_one_line_version_scores_within_two_points(service, case):
    text = case.report_path.read_text(encoding="utf-8")
    as_is = _score(service, case, text)
    one_line = _score(service, case, text.replace("\r", "").replace("\n", ""))
    assert one_line.parts[ALL_PARTS].f1 >= as_is.parts[ALL_PARTS].f1 - TOLERANCE, {
        part: (round(as_is.parts[part].f1 or 0, 3), round(one_line.parts[part].f1 or 0, 3))
        for part in as_is.parts
    }
    for part, result in as_is.parts.items():
        # No part may fall apart either (a whole part lost would hide in the average).
        assert (one_line.parts[part].f1 or 0) >= (result.f1 or 0) - 0.05, part


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.doc_id[:3])
def test_one_line_version_keeps_the_metadata(service, case):
    # The title glued to page furniture (镇街动态环市街2022年…年度报告字体:[大]) is still found,
    # and the date glued after the last sentence (…保障。2025年2月21日) is still the closing date.
    text = case.report_path.read_text(encoding="utf-8").replace("\r", "").replace("\n", "")
    one_line = _score(service, case, text)
    wrong = {k: (v.expected, v.predicted) for k, v in one_line.metadata.items() if not v.correct}
    assert not wrong
