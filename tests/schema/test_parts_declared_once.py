"""The statutory parts are declared once (``summarizer.parts``); everything else derives from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.batch.csv_export import REPORT_COLUMNS
from summarizer.compliance import assess
from summarizer.evals.dataset import Reference, SectionsPresent
from summarizer.evals.report import SHORT_LABELS
from summarizer.extract.base import Extraction
from summarizer.extract.llm.answer import LLMAnswer
from summarizer.parts import PART_NAMES, PARTS
from summarizer.schema import Compliance, ReportSummary

PACKAGE = Path(__file__).resolve().parents[2] / "summarizer"


@pytest.mark.parametrize("model", [ReportSummary, Compliance, Extraction, LLMAnswer, Reference, SectionsPresent],
                         ids=lambda m: m.__name__)
def test_every_model_has_one_field_per_part_in_statutory_order(model):
    fields = [name for name in model.model_fields if name in PART_NAMES]
    assert fields == list(PART_NAMES)


def test_the_part_name_type_names_the_parts_of_the_table():
    """``PartName`` is spelled out for type checkers; it must name the table's parts, in order."""
    from typing import get_args

    from summarizer.parts import PartName

    assert get_args(PartName) == PART_NAMES == tuple(p.name for p in PARTS)


def test_statutory_order_follows_article_25():
    assert [p.article for p in PARTS] == sorted(p.article for p in PARTS)


def test_no_other_module_spells_a_part_label():
    labels = {label for p in PARTS for label in (p.zh, p.en)}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "parts.py":
            continue
        text = path.read_text(encoding="utf-8")
        spelled = [label for label in labels if re.search(rf"[\"']{re.escape(label)}[\"']", text)]
        assert not spelled, f"{path.relative_to(PACKAGE)} spells {spelled}: take it from summarizer.parts"


def test_views_and_exports_take_the_parts_from_the_declaration():
    assert [c for c in REPORT_COLUMNS if c.startswith("n_") and c != "n_figures"] == [f"n_{p}" for p in PART_NAMES]
    assert [SHORT_LABELS[p.name] for p in PARTS] == [p.short for p in PARTS]
    missing = assess(Extraction()).missing
    assert [m.split(" (")[0] for m in missing] == [p.zh for p in PARTS]


@pytest.mark.parametrize(("model", "describe"), [(ReportSummary, "en"), (Compliance, "en"), (Extraction, "zh"),
                                                  (Reference, "zh"), (SectionsPresent, "zh")],
                         ids=lambda m: getattr(m, "__name__", m))
def test_the_explicit_part_fields_take_their_words_from_the_declaration(model, describe):
    """The models spell their part fields out (so a type checker sees them); the table still
    gives each its description, and a part added to the table without a field fails above."""
    for part in PARTS:
        assert model.model_fields[part.name].description == getattr(part, describe)
