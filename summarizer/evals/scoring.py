"""Score summaries against references, per document and over a whole run.

The models here are also the run file (``run.json``): everything a later
``--compare`` or baseline check needs is in them.

Two overall averages are kept apart and named so everywhere:

- **micro**: item matches pooled over all scored documents, then P/R/F1;
  large reports weigh more.
- **macro**: P, R and F1 computed per document, then the mean over the
  documents where they are defined; every report weighs the same.

Failed documents (the service raised) are not scored for items, metadata or
compliance; they count against ``schema_valid_rate``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from summarizer.evals.dataset import Case
from summarizer.evals.figure_gold import (
    ConfidenceScore,
    FigureScore,
    score_figures,
    wrong_part_items,
)
from summarizer.evals.matching import (
    MATCHING_RULE_VERSION,
    MatchItem,
    normalize,
    precision_recall_f1,
    score_part,
)
from summarizer.evals.reader import ReaderPart, check_items, pooled
from summarizer.schema import PART_NAMES, ReportSummary, Usage

ALL_PARTS = "all"  # key of the scores pooled over the five parts


class PartResult(BaseModel):
    """Item matching of one part (or of all parts pooled): counts and P/R/F1."""

    n_pred: int = 0
    n_ref: int = 0
    matched_pred: int = 0
    matched_ref: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    missed: list[str] = Field(default_factory=list, description="Reference items no prediction covers")
    unmatched: list[str] = Field(default_factory=list, description="Predicted items inside no reference item")

    @classmethod
    def from_counts(cls, matched_pred: int, n_pred: int, matched_ref: int, n_ref: int) -> PartResult:
        """P/R/F1 computed from the four counts."""
        p, r, f = precision_recall_f1(matched_pred, n_pred, matched_ref, n_ref)
        return cls(n_pred=n_pred, n_ref=n_ref, matched_pred=matched_pred, matched_ref=matched_ref,
                   precision=p, recall=r, f1=f)


class MeanResult(BaseModel):
    """Macro average: mean of per-document P, R and F1 (each over the documents defining it)."""

    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    n_documents: int = 0


class FieldResult(BaseModel):
    """One compared value: what the reference says, what was predicted."""

    expected: Any = None
    predicted: Any = None
    correct: bool


class Grounding(BaseModel):
    """Evidence passages (of items and figures) checked against the clean text."""

    n_evidence: int = 0
    found: int = Field(0, description="whitespace-insensitive substring of the clean text")
    span_exact: int = Field(0, description="clean_text[span] == evidence")


class DocumentScore(BaseModel):
    """Everything measured for one document."""

    doc_id: str
    source: str
    status: Literal["ok", "invalid", "failed"]
    error: str | None = None
    parts: dict[str, PartResult] = Field(default_factory=dict)
    metadata: dict[str, FieldResult] = Field(default_factory=dict)
    metadata_exact: bool | None = None
    compliance: dict[str, FieldResult] = Field(default_factory=dict)
    grounding: Grounding | None = None
    reader: dict[str, ReaderPart] = Field(
        default_factory=dict, description="What a reader sees: summaries and figures per part (reader.py)"
    )
    figures: FigureScore | None = Field(None, description="Against the reference's figure gold, when it has one")
    confidence: ConfidenceScore = Field(default_factory=ConfidenceScore,
                                        description="Confident-wrong metadata and items in the wrong part")
    latency_ms: float | None = None
    timing_ms: dict[str, float] = Field(default_factory=dict)
    usage: Usage | None = None
    cached: bool = False
    model: str | None = None
    prompt_version: str | None = None

    @property
    def scored(self) -> bool:
        """True when the document produced a summary that was scored."""
        return self.status != "failed"


class Overall(BaseModel):
    """The scores of a whole run."""

    n_documents: int
    n_scored: int
    n_failed: int
    schema_valid_rate: float | None
    micro: dict[str, PartResult]
    macro: dict[str, MeanResult]
    metadata_accuracy: dict[str, float | None]
    metadata_exact_rate: float | None
    compliance_accuracy: dict[str, float | None]
    compliance_accuracy_all: float | None
    grounding_rate: float | None
    span_exact_rate: float | None
    reader: dict[str, ReaderPart] = Field(default_factory=dict, description="Reader checks pooled per part")
    figures: FigureScore | None = Field(None, description="Figure gold pooled over the documents that have it")
    confidence: ConfidenceScore = Field(default_factory=ConfidenceScore)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cost: float | None = None
    currency: str | None = None
    latency_ms_mean: float | None = None
    latency_ms_p50: float | None = None
    latency_ms_max: float | None = None


class RunInfo(BaseModel):
    """How a run was made: enough to tell whether two runs are comparable."""

    created_at: dt.datetime
    dataset: str
    backend: str
    model: str | None = None
    prompt_version: str | None = None
    summarizer_version: str
    schema_version: str
    matching_rule_version: str = MATCHING_RULE_VERSION
    concurrency: int = 1
    use_cache: bool = True
    wall_s: float | None = None


class RunReport(BaseModel):
    """A whole eval run: what ``run.json`` holds."""

    run: RunInfo
    documents: list[DocumentScore]
    overall: Overall
    formats: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="Format check: headline scores of the same dataset made into PDF / .docx / one line (formats.py)",
    )


# --- per document ---------------------------------------------------------


def _comparable(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return normalize(value)
    return value


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _strip_ws(text: str) -> str:
    return "".join(text.split())


def _describe(item: MatchItem, width: int = 40) -> str:
    """``text ｜ evidence head`` of an item, for reading a run's misses."""
    evidence = "".join((item.evidence or "").split())
    head = evidence[:width] + ("…" if len(evidence) > width else "")
    return f"{item.text} ｜ {head}" if head else item.text


def grounding_of(summary: ReportSummary, clean_text: str) -> Grounding:
    """Check every item and figure evidence against the clean text, independently of the schema."""
    flat_text = _strip_ws(clean_text)
    result = Grounding()
    for part in PART_NAMES:
        for item in summary.items(part):
            passages = [(item.evidence, item.span)] + [(f.evidence, f.span) for f in item.figures]
            for evidence, span in passages:
                result.n_evidence += 1
                if span is not None and clean_text[span.start : span.end] == evidence:
                    result.span_exact += 1
                stripped = _strip_ws(evidence)
                if stripped and stripped in flat_text:
                    result.found += 1
    return result


def _schema_valid(summary: ReportSummary, clean_text: str) -> str | None:
    """Re-validate the summary from its JSON form; the error text, or None when valid."""
    try:
        ReportSummary.model_validate(summary.model_dump(mode="json"), context={"clean_text": clean_text})
    except ValidationError as exc:
        return f"summary does not re-validate: {exc.error_count()} errors, first: {exc.errors()[0]['msg']}"
    return None


# A rule-of-law report's unit lists its measures and closes with the year's results: a clause joined
# to its heading may come from anywhere in it (``reader.summary_problems``).
_OPENING_STATES_RESULT = False


def score_document(
    case: Case,
    summary: ReportSummary,
    clean_text: str,
    *,
    latency_ms: float | None = None,
) -> DocumentScore:
    """Score one summary against its reference; ``clean_text`` is the text its spans index."""
    ref = case.reference
    parts: dict[str, PartResult] = {}
    reader: dict[str, ReaderPart] = {}
    for part in PART_NAMES:
        if part not in ref.scored_parts():
            reader[part] = check_items(summary.items(part), clean_text, [], opening_states_result=_OPENING_STATES_RESULT)
    for part in ref.scored_parts():
        predicted = [MatchItem(text=i.summary, evidence=i.evidence) for i in summary.items(part)]
        s = score_part(predicted, ref.match_items(part))
        ref_items = ref.match_items(part)
        reader[part] = check_items(summary.items(part), clean_text, [(i, ref_items[j].text) for i, j in s.pairs],
                                   opening_states_result=_OPENING_STATES_RESULT)
        result = PartResult.from_counts(s.matched_pred, s.n_pred, s.matched_ref, s.n_ref)
        result.missed = [_describe(r) for r, hit in zip(ref.match_items(part), s.ref_covered) if not hit]
        result.unmatched = [_describe(p) for p, hit in zip(predicted, s.pred_correct) if not hit]
        parts[part] = result
    if parts:
        parts[ALL_PARTS] = _pool(parts.values())
    reader = {p: reader[p] for p in PART_NAMES}
    reader[ALL_PARTS] = pooled(reader.values())

    metadata: dict[str, FieldResult] = {}
    if ref.metadata is not None:
        for name in ref.metadata.scored_fields():
            expected, predicted = getattr(ref.metadata, name), getattr(summary.metadata, name)
            metadata[name] = FieldResult(
                expected=_jsonable(expected), predicted=_jsonable(predicted),
                correct=_comparable(expected) == _comparable(predicted),
            )

    compliance: dict[str, FieldResult] = {}
    if ref.sections_present is not None:
        for flag, expected in ref.sections_present.scored().items():
            predicted = getattr(summary.compliance, flag)
            compliance[flag] = FieldResult(expected=expected, predicted=predicted, correct=expected == predicted)

    confidence = ConfidenceScore(
        metadata_stated=sum(f.predicted is not None for f in metadata.values()),
        metadata_wrong=sum(f.predicted is not None and not f.correct for f in metadata.values()),
    )
    confidence.n_items, confidence.wrong_part, confidence.problems = wrong_part_items(summary, ref)
    confidence.problems += [f"metadata {k}: stated {f.predicted!r}, reference {f.expected!r}"
                            for k, f in metadata.items() if f.predicted is not None and not f.correct]
    figures = score_figures(summary, ref.figures, clean_text) if ref.figures is not None else None

    prov = summary.provenance
    invalid = _schema_valid(summary, clean_text)
    return DocumentScore(
        doc_id=case.doc_id,
        source=case.report_path.name,
        status="invalid" if invalid else "ok",
        error=invalid,
        parts=parts,
        metadata=metadata,
        metadata_exact=all(f.correct for f in metadata.values()) if metadata else None,
        compliance=compliance,
        grounding=grounding_of(summary, clean_text),
        reader=reader,
        figures=figures,
        confidence=confidence,
        latency_ms=latency_ms,
        timing_ms=dict(prov.timing_ms),
        usage=prov.usage,
        cached=prov.cached,
        model=prov.model,
        prompt_version=prov.prompt_version,
    )


def failed_document(case: Case, error: str, *, latency_ms: float | None = None) -> DocumentScore:
    """The record of a document the service could not summarise."""
    return DocumentScore(doc_id=case.doc_id, source=case.report_path.name, status="failed",
                         error=error, latency_ms=latency_ms)


# --- over a run -----------------------------------------------------------


def _pool(pooled: Iterable[PartResult]) -> PartResult:
    results = list(pooled)
    return PartResult.from_counts(
        sum(r.matched_pred for r in results), sum(r.n_pred for r in results),
        sum(r.matched_ref for r in results), sum(r.n_ref for r in results),
    )


def _mean(given: Iterable[float | None]) -> float | None:
    values = [v for v in given if v is not None]
    return statistics.fmean(values) if values else None


def _rate(given: Iterable[bool]) -> float | None:
    flags = list(given)
    return sum(flags) / len(flags) if flags else None


def aggregate(documents: list[DocumentScore]) -> Overall:
    """Micro and macro item scores, metadata/compliance accuracy, grounding, cost, latency."""
    scored = [d for d in documents if d.scored]
    micro: dict[str, PartResult] = {}
    macro: dict[str, MeanResult] = {}
    for part in (*PART_NAMES, ALL_PARTS):
        per_doc = [d.parts[part] for d in scored if part in d.parts]
        if not per_doc:
            continue
        micro[part] = _pool(per_doc)
        macro[part] = MeanResult(
            precision=_mean(r.precision for r in per_doc),
            recall=_mean(r.recall for r in per_doc),
            f1=_mean(r.f1 for r in per_doc),
            n_documents=len(per_doc),
        )
    field_names = dict.fromkeys(name for d in scored for name in d.metadata)
    compliance_parts = [p for p in PART_NAMES if any(p in d.compliance for d in scored)]
    grounded = [d.grounding for d in scored if d.grounding]
    n_evidence = sum(g.n_evidence for g in grounded)
    usages = [d.usage for d in scored if d.usage]
    costs = [u.cost for u in usages if u.cost is not None]
    latencies = [d.latency_ms for d in documents if d.latency_ms is not None]
    figure_docs = [d.figures for d in scored if d.figures is not None]
    figures: FigureScore | None = None
    if figure_docs:
        figures = FigureScore()
        for f in figure_docs:
            figures.add(f)
    confidence = ConfidenceScore()
    for d in scored:
        confidence.add(d.confidence)
    return Overall(
        n_documents=len(documents),
        n_scored=len(scored),
        n_failed=len(documents) - len(scored),
        schema_valid_rate=_rate(d.status == "ok" for d in documents),
        micro=micro,
        macro=macro,
        metadata_accuracy={
            name: _rate(d.metadata[name].correct for d in scored if name in d.metadata) for name in field_names
        },
        metadata_exact_rate=_rate(d.metadata_exact for d in scored if d.metadata_exact is not None),
        compliance_accuracy={
            p: _rate(d.compliance[p].correct for d in scored if p in d.compliance) for p in compliance_parts
        },
        compliance_accuracy_all=_rate(f.correct for d in scored for f in d.compliance.values()),
        grounding_rate=sum(g.found for g in grounded) / n_evidence if n_evidence else None,
        span_exact_rate=sum(g.span_exact for g in grounded) / n_evidence if n_evidence else None,
        reader={part: pooled(d.reader[part] for d in scored if part in d.reader) for part in (*PART_NAMES, ALL_PARTS)},
        figures=figures,
        confidence=confidence,
        prompt_tokens=sum(u.prompt_tokens for u in usages),
        completion_tokens=sum(u.completion_tokens for u in usages),
        calls=sum(u.calls for u in usages),
        cost=sum(costs) if costs else None,
        currency=next((u.currency for u in usages if u.currency), None),
        latency_ms_mean=_mean(latencies),
        latency_ms_p50=statistics.median(latencies) if latencies else None,
        latency_ms_max=max(latencies) if latencies else None,
    )


def _complement(rate: float | None) -> float | None:
    return None if rate is None else 1 - rate


def _complement_scores(overall: Overall) -> dict[str, float | None]:
    """Figure gold and confidence scores, each turned so that higher is better (a wrong share
    is recorded as its complement: ``figures.label_not_wrong``, ``confidence.metadata_not_wrong``)."""
    scores: dict[str, float | None] = {}
    f = overall.figures
    if f is not None:
        scores.update({"figures.recall": f.recall, "figures.precision": f.precision, "figures.unit": f.unit_rate,
                       "figures.qualifier": f.qualifier_rate, "figures.label_right": f.label_right_rate,
                       "figures.label_not_wrong": _complement(f.label_wrong_rate)})
    c = overall.confidence
    scores["confidence.metadata_not_wrong"] = _complement(c.confident_wrong_rate)
    scores["confidence.items_in_right_part"] = _complement(c.wrong_part_rate)
    return scores


def headline_scores(overall: Overall) -> dict[str, float]:
    """The scores a baseline records, flat (``micro.plans.f1`` -> 0.8); higher is better for all."""
    scores: dict[str, float | None] = {}
    for part, r in overall.micro.items():
        scores.update({f"micro.{part}.precision": r.precision, f"micro.{part}.recall": r.recall,
                       f"micro.{part}.f1": r.f1})
    for part, m in overall.macro.items():
        scores.update({f"macro.{part}.precision": m.precision, f"macro.{part}.recall": m.recall,
                       f"macro.{part}.f1": m.f1})
    scores.update({f"metadata.{k}": v for k, v in overall.metadata_accuracy.items()})
    scores["metadata.exact_rate"] = overall.metadata_exact_rate
    scores.update({f"compliance.{k}": v for k, v in overall.compliance_accuracy.items()})
    scores["compliance.all"] = overall.compliance_accuracy_all
    for part, read in overall.reader.items():
        scores.update({f"reader.{part}.summary_dice": read.summary_dice,
                       f"reader.{part}.well_formed_rate": read.well_formed_rate})
    pooled_reader = overall.reader.get(ALL_PARTS)
    if pooled_reader is not None:
        scores.update({"reader.figures.qualifier_kept_rate": pooled_reader.qualifier_kept_rate,
                       "reader.figures.label_ok_rate": pooled_reader.label_ok_rate,
                       "reader.figures.labelled_rate": pooled_reader.labelled_rate,
                       "reader.figures.in_item_rate": pooled_reader.in_item_rate,
                       "reader.figures.unit_ok_rate": pooled_reader.unit_ok_rate,
                       "reader.figures.range_kept_rate": pooled_reader.range_kept_rate,
                       "reader.figures.direction_kept_rate": pooled_reader.direction_kept_rate})
    scores.update(_complement_scores(overall))
    scores["grounding_rate"] = overall.grounding_rate
    scores["span_exact_rate"] = overall.span_exact_rate
    scores["schema_valid_rate"] = overall.schema_valid_rate
    return {k: v for k, v in scores.items() if v is not None}
