"""The statutory parts are declared once (``summarizer.parts``); everything else derives from it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
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


ADD_A_PART = """
import json, typing
from pathlib import Path
import summarizer.parts as parts
extra = parts.Part("other", "其他需要报告的情况", "Other matters", "oth", 5, "#eeeeee", "其他需要报告的情况")
parts.PARTS = (*parts.PARTS, extra)
parts.PART_NAMES = tuple(part.name for part in parts.PARTS)
parts.PartName = typing.Literal[parts.PART_NAMES]
parts.PART_BY_NAME = {{part.name: part for part in parts.PARTS}}
from summarizer.schema import ReportSummary, Compliance
from summarizer.render import to_markdown
from summarizer.batch.csv_export import REPORT_COLUMNS
from summarizer.service import SummaryService
from summarizer.settings import Settings
summary = SummaryService(Settings(backend="rules")).summarize_sync(Path({seed!r})).summary
print(json.dumps({{
    "summary_fields": list(ReportSummary.model_fields), "compliance": summary.compliance.model_dump(),
    "markdown": to_markdown(summary), "columns": REPORT_COLUMNS,
}}, ensure_ascii=False))
"""


def test_a_part_added_to_the_declaration_reaches_schema_compliance_views_and_csv(tmp_path):
    seed = min((PACKAGE.parent / "evals" / "datasets" / "seeds").glob("*.txt"))
    result = subprocess.run([sys.executable, "-c", ADD_A_PART.format(seed=str(seed))], capture_output=True,
                            text=True, timeout=120, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["summary_fields"].index("other") == seen["summary_fields"].index("plans") + 1
    assert seen["compliance"]["other"] is False
    assert "## 其他需要报告的情况 Other matters (0)" in seen["markdown"]
    assert "n_other" in seen["columns"] and "has_other" in seen["columns"]
