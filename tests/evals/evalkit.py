"""Hand-made documents, summaries and datasets for the eval-harness tests (imported as ``evalkit``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

from summarizer.preprocess.document import CleanDocument
from summarizer.schema import (
    PART_NAMES,
    Compliance,
    Item,
    Metadata,
    Provenance,
    ReportSummary,
    Span,
    Usage,
)

# A tiny made-up report: three achievements, one problem, one plan.
ACH_1 = "一是强化理论中心组学习,组织领导班子集体学法4次。"
ACH_2 = "二是加强党员干部法治思维,将习近平法治思想纳入干部教育培训。"
ACH_3 = "三是深化政务公开,全年主动公开政府信息1203条。"
PROBLEM = "存在的不足:基层法治人才缺乏,法学专业人员仅有6人。"
PLAN = "下一步,我街将继续深入学习贯彻习近平法治思想,推进严格规范公正文明执法。"
REPORT_TEXT = f"环市街2022年法治政府建设年度报告\n{ACH_1}\n{ACH_2}\n{ACH_3}\n{PROBLEM}\n{PLAN}"


def item(text: str, evidence: str) -> Item:
    """An item whose span is where ``evidence`` sits in ``text``."""
    start = text.index(evidence)
    return Item(summary=evidence[:20], evidence=evidence, span=Span(start=start, end=start + len(evidence)))


def make_summary(
    text: str = REPORT_TEXT,
    parts: dict[str, list[str]] | None = None,
    metadata: dict | None = None,
    usage: Usage | None = None,
    model: str | None = None,
) -> ReportSummary:
    """A valid ReportSummary of ``text`` with items for the given evidence passages."""
    parts = parts or {}
    items = {p: [item(text, e) for e in parts.get(p, [])] for p in PART_NAMES}
    return ReportSummary(
        doc_id="x",
        metadata=Metadata(**(metadata or {})),
        **items,
        compliance=Compliance(**{p: bool(items[p]) for p in PART_NAMES}, causes_given=bool(items["causes"])),
        provenance=Provenance(
            backend="llm" if model else "rules", model=model, summarizer_version="test",
            input_sha256="0" * 64, usage=usage, timing_ms={"extract": 1.0},
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        ),
    )


def write_case(root: Path, doc_id: str, ref: dict, text: str = REPORT_TEXT, suffix: str = ".txt") -> None:
    """Put a report and its reference into a dataset folder."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{doc_id}{suffix}").write_text(text, encoding="utf-8")
    (root / f"{doc_id}.json").write_text(json.dumps(ref, ensure_ascii=False), encoding="utf-8")


class FakeService:
    """Stands in for SummaryService on the run path (``Runner.run_one`` calls ``cpu_work``,
    then ``finish_on_cpu``): canned summaries by file name, or an error."""

    def __init__(self, summaries: dict[str, ReportSummary | Exception], text: str = REPORT_TEXT):
        self.summaries = summaries
        self.text = text
        self.calls: list[str] = []

    def backend_name(self, choice=None):
        return choice or "rules"

    def backend(self, choice=None, *, use_cache=True):
        return None

    def runs_on_cpu(self, backend):
        return True

    def cpu_work(self, source, *, name=None, backend=None, use_cache=True, read_time_limit_s=None, genre=None):
        self.calls.append(name)
        outcome = self.summaries[Path(name).stem]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def finish_on_cpu(self, work, *, name=None, backend=None):
        return SimpleNamespace(summary=work, document=CleanDocument(text=self.text))
