"""A third genre added to the genre table (one part, its metadata, its checklist and its rules)
reaches the schema, the routing, every view and the eval without edits elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

RULES = '''
"""Rules of the made-up budget genre: each sentence that states an income is an item."""
import re
from pydantic import BaseModel, Field
from summarizer.schema import Item, Span

class Meta(BaseModel):
    issuer: str | None = None
    report_year: int | None = None

class Found(BaseModel):
    metadata: Meta
    overview: str | None = None
    income: list[Item] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    usage: None = None
    model: None = None
    prompt_version: None = None
    cached: bool = False

def extract(doc, structure):
    text = doc.text
    items = [Item(summary=m.group(0)[:20], evidence=m.group(0), span=Span(start=m.start(), end=m.end()))
             for m in re.finditer(r"[^。\\n]*收入[^。\\n]*。", text)]
    year = re.search(r"(20\\d\\d)年", text)
    return Found(metadata=Meta(issuer="某县", report_year=int(year.group(1)) if year else None), income=items)
'''

ADD_A_GENRE = '''
import asyncio, json
from pathlib import Path
import summarizer.genres as genres
budget = genres.Genre(
    name="budget_report", zh="预算执行报告", en="budget report",
    parts=(genres.Part("income", "收入情况", "Income", "inc", 1, "#eeeeee", "各项收入"),),
    metadata_fields=("issuer", "report_year"),
    checklist=(genres.Check("income_stated", "说明收入", "Income stated", part="income"),),
    rules="budget_rules:extract",
)
genres.GENRES = (*genres.GENRES, budget)
genres.GENRE_NAMES = tuple(g.name for g in genres.GENRES)
from summarizer import genre_views
from summarizer.evals.genre_eval import run_genre_eval
from summarizer.service import SummaryService
from summarizer.settings import Settings
service = SummaryService(Settings(backend="rules"))
summary = service.summarize_sync(Path("data/b01.txt"), name="b01.txt", genre="budget_report").summary
run = asyncio.run(run_genre_eval(service, Path("data"), budget, backend="rules"))
from typer.testing import CliRunner
from summarizer.cli import app
cli = CliRunner().invoke(app, ["summarize", "data/b01.txt", "--genre", "budget_report", "--markdown"])
print(json.dumps({
    "model": type(summary).__name__, "fields": list(type(summary).model_fields),
    "schema": list(budget.output_model().model_json_schema()["properties"]),
    "checklist": summary.checklist.model_dump(), "income": [i.evidence for i in summary.income],
    "markdown": genre_views.to_markdown(summary), "html": genre_views.to_html_page([summary]),
    "cli": cli.stdout, "cli_exit": cli.exit_code, "scores": run.scores,
}, ensure_ascii=False))
'''

REPORT = "2023年某县预算执行情况。全县一般公共预算收入12亿元。政府性基金收入3亿元。支出增长5%。"
REFERENCE = {"doc_id": "b01", "metadata": {"issuer": "某县", "report_year": 2023},
             "income": [{"text": "一般公共预算收入", "evidence": "全县一般公共预算收入12亿元。"},
                        {"text": "政府性基金收入", "evidence": "政府性基金收入3亿元。"}]}


@pytest.mark.slow  # a child interpreter (the genre table is changed before the package is imported)
def test_a_genre_added_to_the_table_reaches_schema_views_and_eval(tmp_path):
    (tmp_path / "budget_rules.py").write_text(RULES, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "index.json").write_text('{"genre": "budget_report"}', encoding="utf-8")
    (data / "b01.txt").write_text(REPORT, encoding="utf-8")
    (data / "b01.json").write_text(json.dumps(REFERENCE, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", ADD_A_GENRE], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path, check=False, env={"PYTHONPATH": str(tmp_path), "PATH": ""})
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["model"] == "BudgetReportSummary"
    assert "income" in seen["fields"] and "income" in seen["schema"] and "genre" in seen["schema"]
    assert seen["checklist"] == {"income_stated": True, "missing": []}
    assert seen["income"] == ["全县一般公共预算收入12亿元。", "政府性基金收入3亿元。"]
    for view in (seen["markdown"], seen["html"], seen["cli"]):
        assert "收入情况" in view and "说明收入" in view
    assert seen["cli_exit"] == 0
    assert seen["scores"]["income.f1"] == 1.0
    assert seen["scores"]["metadata.issuer.accuracy"] == 1.0 and seen["scores"]["metadata.report_year.accuracy"] == 1.0
