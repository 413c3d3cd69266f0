"""Every seed report as a PDF and as a .docx summarises as well as its text version.

The PDF is what a reader gets from a site: A4 pages with a running header, a
page number at the foot and a browser's print stamp; the .docx has a header and
footer, and once its headings numbered by Word's list numbering instead of typed. Within 0.02 F1 (all parts pooled) of the text version, and no page
number or print stamp in any item's evidence.
"""

from __future__ import annotations

import functools
from pathlib import Path

import makers
import pytest

from summarizer.evals.dataset import load_dataset
from summarizer.evals.scoring import ALL_PARTS, score_document
from summarizer.inputs.pages import is_page_number, is_print_stamp
from summarizer.schema import PART_NAMES
from summarizer.service import SummaryService
from summarizer.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
CASES = {case.doc_id: case for case in load_dataset(SEEDS).cases}
TOLERANCE = 0.02


@functools.cache
def _service() -> SummaryService:
    return SummaryService(Settings(backend="rules"))


def _f1(doc_id: str, source, name: str) -> tuple[float, object]:
    result = _service().summarize_sync(source, name=name, backend="rules")
    score = score_document(CASES[doc_id], result.summary, result.document.text)
    return score.parts[ALL_PARTS].f1, result


@functools.cache
def _text_f1(doc_id: str) -> tuple[float, object]:
    """The text version's F1 and result, once per seed for its three documents (only read)."""
    return _f1(doc_id, CASES[doc_id].report_path, f"{doc_id}.txt")


def _title(paragraphs: list[str]) -> str | None:
    return next((p for p in paragraphs if "报告" in p and len(p) < 40), None)


@pytest.mark.parametrize("kind", ["pdf", "docx", "docx-numbered"])
@pytest.mark.parametrize("doc_id", sorted(CASES))
def test_seed_as_document_scores_like_its_text(doc_id, kind):
    case = CASES[doc_id]
    paragraphs = makers.seed_paragraphs(case.report_path.read_text(encoding="utf-8"))
    title = _title(paragraphs)
    if kind == "pdf":
        data = makers.make_pdf(paragraphs, title=title, running_header=title, print_stamp=True)
    else:  # docx-numbered: the headings numbered by Word's list numbering, not typed
        data = makers.make_docx(paragraphs, header=title, footer="— 1 —", numbered=kind == "docx-numbered")
    text_f1, text_result = _text_f1(doc_id)
    doc_f1, result = _f1(doc_id, data, f"{doc_id}.docx" if kind != "pdf" else f"{doc_id}.pdf")
    kind = kind.split("-")[0]
    assert doc_f1 >= text_f1 - TOLERANCE, f"{kind}: F1 {doc_f1:.3f} vs text {text_f1:.3f}"
    summary = result.summary
    assert summary.provenance.input_kind == kind
    # The title survives though it is also the running header of every later page.
    assert summary.metadata.title == text_result.summary.metadata.title
    items = [item for part in PART_NAMES for item in summary.items(part)]
    for item in items:
        for line in item.evidence.splitlines():
            assert not is_page_number(line) and not is_print_stamp(line), item.evidence
        assert makers.PRINT_TIME not in item.evidence and "file:///" not in item.evidence
        assert "— " not in item.evidence
    if kind == "pdf":
        assert summary.provenance.pages and summary.provenance.pages >= 2
        pages = [item.page for item in items]
        assert all(p is not None and 1 <= p <= summary.provenance.pages for p in pages)
        assert pages == sorted(pages) or len(set(pages)) > 1  # items from several pages
    else:
        assert all(item.page is None for item in items)
