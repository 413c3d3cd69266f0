"""Eval of a dataset of a genre other than rule-of-law (its index.json names the genre).

The genre table (summarizer.genres) says what is scored: each part of shape ``items`` by
the matching rule of evals/REFERENCE_FORMAT.md (``matching.score_part``: precision, recall, F1
pooled over the documents); each part of shape ``targets`` by indicator and value exact
(the indicator normalised as the matching rule normalises text, the value as a number; a
range is compared by its low end, a figureless target by its null value); each metadata
field by accuracy over the documents whose reference states it, and each metadata value's basis
where the reference gives it (summarizer.evals.metadata_basis: is an inferred value marked, is a
stated value's evidence right). The run is recorded and
gated against a baseline like the rule-of-law datasets (``evals/baselines/<dataset>.json``).

The format check (``--formats``) runs the dataset again with each report made into another
format by ``summarizer.evals.formats`` (PDF, .docx, one line with every break lost) and
records each format's scores beside the text run's, prefixed with it (``pdf.review.f1``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer import __version__
from summarizer.errors import InputError, SummarizerError
from summarizer.evals.baseline import TOLERANCE, Baseline, Regression
from summarizer.evals.formats import FORMATS, write_format_copy
from summarizer.evals.matching import (
    MATCHING_RULE_VERSION,
    MatchItem,
    normalize,
    precision_recall_f1,
    score_part,
)
from summarizer.evals.metadata_basis import (
    basis_case,
    basis_problems,
    basis_scores,
    check_reference_basis,
)
from summarizer.evals.reader import ReaderPart, check_items, pooled
from summarizer.evals.scoring import ALL_PARTS
from summarizer.evals.target_reader import TargetReader, check_targets, pooled_targets
from summarizer.genres import Genre

if TYPE_CHECKING:
    from collections.abc import Callable

    from summarizer.service import SummaryService

MANIFEST_NAME = "index.json"
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
WRITE_COMMAND = "summarizer eval --dataset {dataset} --backend {backend}{formats} --write-baseline {path}"


@dataclass(frozen=True)
class GenreCase:
    """One report of a genre dataset and its reference (the JSON object as written)."""

    doc_id: str
    report_path: Path
    reference: dict[str, Any]


@dataclass
class GenreRun:
    """Per-document counts and the pooled scores of one run."""

    dataset: str
    genre: str
    backend: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    wall_s: float = 0.0
    formats: dict[str, dict[str, float]] = field(default_factory=dict)  # format check: scores per format


def _check_reference(genre: Genre, data: Any, path: Path) -> list[str]:
    if not isinstance(data, dict):
        return [f"{path.name}: the reference must be a JSON object"]
    problems = []
    known = {"doc_id", "metadata", "sections_present", *genre.part_names}
    problems += [f"{path.name}: field {k} is not a field of genre {genre.name}" for k in data if k not in known]
    metadata = data.get("metadata") or {}
    for key in metadata:
        if key == "basis":  # per field, stated or inferred (summarizer.evals.metadata_basis)
            problems += [f"{path.name}: {p}" for p in check_reference_basis(metadata[key], metadata,
                                                                           genre.metadata_fields)]
        elif key not in genre.metadata_fields:
            problems.append(f"{path.name}: field metadata.{key} is not a metadata field of genre {genre.name}")
    for part in genre.parts:
        entries = data.get(part.name)
        if entries is None:
            continue
        if not isinstance(entries, list):
            problems.append(f"{path.name}: field {part.name} must be a list")
            continue
        need = ("indicator",) if part.shape == "targets" else ("evidence",)
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k].strip() for k in need):
                problems.append(f"{path.name}: field {part.name}[{i}] needs a non-blank {' and '.join(need)}")
    return problems


def _report_for(json_path: Path) -> Path | None:
    for suffix in REPORT_SUFFIXES:
        if (candidate := json_path.with_suffix(suffix)).is_file():
            return candidate
    return None


def load_genre_dataset(root: Path, genre: Genre) -> list[GenreCase]:
    """The cases of a genre dataset; one ``InputError`` lists every bad reference."""
    cases, problems = [], []
    json_paths = sorted(p for p in root.glob("*.json") if p.name != MANIFEST_NAME)
    for path in json_paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: cannot read it as UTF-8 JSON ({exc})")
            continue
        problems += _check_reference(genre, data, path)
        report = _report_for(path)
        if report is None:
            problems.append(f"{path.name}: no report {path.stem}{'/'.join(REPORT_SUFFIXES)} beside it")
        elif isinstance(data, dict):
            cases.append(GenreCase(path.stem, report, data))
    if problems:
        raise InputError(f"{len(problems)} problems in the references:\n  " + "\n  ".join(problems),
                         source=str(root), hint=f"the references of a {genre.name} dataset follow its README")
    if not cases:
        raise InputError("the dataset folder holds no reference (.json) files", source=str(root),
                         hint="each report <id>.txt needs a reference <id>.json beside it")
    return cases


def _target_key(indicator: Any, value: Any) -> tuple[str, float | None]:
    if isinstance(value, str):
        m = _NUMBER.search(value)
        value = float(m.group(0)) if m else None
    return normalize(str(indicator)), (round(float(value), 6) if value is not None else None)


def score_case(genre: Genre, summary: Any, reference: dict[str, Any]) -> dict[str, Any]:
    """Counts of one document: per part (matched predictions, predictions, covered references,
    references) and per stated metadata field whether it is right."""
    counts: dict[str, Any] = {}
    for part in genre.parts:
        ref = reference.get(part.name)
        if ref is None:
            continue
        predicted = getattr(summary, part.name)
        if part.shape == "targets":
            pred_keys = Counter(_target_key(t.indicator, t.value) for t in predicted)
            ref_keys = Counter(_target_key(t["indicator"], t.get("value")) for t in ref)
            hit = sum((pred_keys & ref_keys).values())
            counts[part.name] = (hit, sum(pred_keys.values()), hit, sum(ref_keys.values()))
        else:
            s = score_part([MatchItem(text=i.summary, evidence=i.evidence) for i in predicted],
                           [MatchItem(text=r.get("text", ""), evidence=r.get("evidence")) for r in ref])
            counts[part.name] = (s.matched_pred, s.n_pred, s.matched_ref, s.n_ref)
    got = summary.metadata.model_dump(mode="json")
    counts["metadata"] = {k: got.get(k) == v for k, v in (reference.get("metadata") or {}).items() if k != "basis"}
    return counts


def reader_case(genre: Genre, summary: Any, reference: dict[str, Any], clean_text: str) -> dict[str, Any]:
    """What a reader sees in one summary, per part (evals/reader.py for parts of items, the
    matched pairs' summaries compared with the reference texts; evals/target_reader.py for
    targets), as JSON: the counts and the examples of what is wrong."""
    out: dict[str, Any] = {}
    for part in genre.parts:
        predicted = getattr(summary, part.name)
        if part.shape == "targets":
            out[part.name] = check_targets(predicted, clean_text).model_dump()
            continue
        ref = [MatchItem(text=r.get("text", ""), evidence=r.get("evidence")) for r in reference.get(part.name) or []]
        pairs = []
        if ref:
            s = score_part([MatchItem(text=i.summary, evidence=i.evidence) for i in predicted], ref)
            pairs = [(i, ref[j].text) for i, j in s.pairs]
        out[part.name] = check_items(predicted, clean_text, pairs).model_dump()
    return out


def reader_scores(genre: Genre, documents: list[dict[str, Any]]) -> dict[str, float]:
    """The reader's rates of a run, pooled over the documents: per part of items and over them
    all (``all``) the well-formed rate and the summary Dice; the figures of those items; per
    part of targets its indicator, value, unit, qualifier and range rates."""
    scored = [d["reader"] for d in documents if d["status"] == "ok" and "reader" in d]
    scores: dict[str, float | None] = {}
    item_parts = [p.name for p in genre.parts if p.shape != "targets"]
    per_part = {name: pooled(ReaderPart(**d[name]) for d in scored if name in d) for name in item_parts}
    for name, read in [*per_part.items(), (ALL_PARTS, pooled(per_part.values()))]:
        scores[f"reader.{name}.well_formed_rate"] = read.well_formed_rate
        scores[f"reader.{name}.summary_dice"] = read.summary_dice
    every = pooled(per_part.values())
    scores.update({"reader.figures.qualifier_kept_rate": every.qualifier_kept_rate,
                   "reader.figures.label_ok_rate": every.label_ok_rate,
                   "reader.figures.labelled_rate": every.labelled_rate,
                   "reader.figures.unit_ok_rate": every.unit_ok_rate,
                   "reader.figures.in_item_rate": every.in_item_rate,
                   "reader.figures.range_kept_rate": every.range_kept_rate,
                   "reader.figures.direction_kept_rate": every.direction_kept_rate})
    for part in genre.parts:
        if part.shape == "targets":
            read_targets = pooled_targets(TargetReader(**d[part.name]) for d in scored if part.name in d)
            scores.update({f"reader.{part.name}.{k}": v for k, v in read_targets.rates().items()})
    return {k: round(v, 6) for k, v in scores.items() if v is not None}


def pooled_scores(genre: Genre, documents: list[dict[str, Any]]) -> dict[str, float]:
    """The headline scores of a run: per part precision, recall and F1 pooled over the
    documents; per metadata field the share of documents right."""
    scores: dict[str, float] = {}
    scored = [d["counts"] for d in documents if d["status"] == "ok"]
    for part in genre.part_names:
        rows = [c[part] for c in scored if part in c]
        if not rows:
            continue
        mp, np_, mr, nr = (sum(r[i] for r in rows) for i in range(4))
        p, r, f1 = precision_recall_f1(mp, np_, mr, nr)
        for name, value in (("precision", p), ("recall", r), ("f1", f1)):
            if value is not None:
                scores[f"{part}.{name}"] = round(value, 6)
    for name in genre.metadata_fields:
        flags = [c["metadata"][name] for c in scored if name in c["metadata"]]
        if flags:
            scores[f"metadata.{name}.accuracy"] = round(sum(flags) / len(flags), 6)
    scores["documents.ok_rate"] = round(len(scored) / len(documents), 6) if documents else 0.0
    return scores


async def run_genre_eval(service: SummaryService, root: Path, genre: Genre, *, backend: str = "rules",
                         concurrency: int = 4,
                         on_document: Callable[[dict[str, Any]], None] | None = None) -> GenreRun:
    """Summarise every case of a genre dataset as that genre and score it; a failed document
    is recorded and the run goes on."""
    cases = load_genre_dataset(root, genre)
    gate = asyncio.Semaphore(max(1, concurrency))
    started = time.perf_counter()

    async def one(case: GenreCase) -> dict[str, Any]:
        async with gate:
            t0 = time.perf_counter()
            doc: dict[str, Any]
            try:
                result = await service.summarize(case.report_path, name=case.report_path.name,
                                                 backend=backend, genre=genre.name)
            except SummarizerError as exc:
                doc = {"doc_id": case.doc_id, "status": "failed", "error": f"{exc.code}: {exc}"}
            else:
                doc = {"doc_id": case.doc_id, "status": "ok",
                       "counts": score_case(genre, result.summary, case.reference),
                       "reader": reader_case(genre, result.summary, case.reference, result.document.text),
                       "metadata_basis": basis_case(result.summary, case.reference, result.document.text)}
                if problems := basis_problems(doc["metadata_basis"]):
                    doc["metadata_basis_problems"] = problems
            doc["latency_ms"] = round((time.perf_counter() - t0) * 1000, 3)
        if on_document:
            on_document(doc)
        return doc

    documents = list(await asyncio.gather(*(one(c) for c in cases)))
    run = GenreRun(dataset=str(root), genre=genre.name, backend=backend, documents=documents,
                   wall_s=round(time.perf_counter() - started, 3))
    run.scores = pooled_scores(genre, documents)
    run.scores.update(reader_scores(genre, documents))
    run.scores.update(basis_scores([d["metadata_basis"] for d in documents if "metadata_basis" in d]))
    return run


def write_genre_run(run: GenreRun, out: Path) -> Path:
    """``run.json`` of a genre run in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "run.json"
    path.write_text(json.dumps({"dataset": run.dataset, "genre": run.genre, "backend": run.backend,
                                "matching_rule_version": MATCHING_RULE_VERSION, "wall_s": run.wall_s,
                                "scores": run.scores, "formats": run.formats, "documents": run.documents},
                               ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def genre_baseline(run: GenreRun, *, dataset: str, path: str) -> Baseline:
    """The baseline that records a genre run's scores."""
    return Baseline(backend=run.backend, dataset=dataset, matching_rule_version=MATCHING_RULE_VERSION,
                    summarizer_version=__version__,
                    recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    command=WRITE_COMMAND.format(dataset=dataset, backend=run.backend, path=path,
                                                 formats=f" --formats text,{','.join(run.formats)}" if run.formats else ""),
                    scores=run_scores(run))


def genre_regressions(run: GenreRun, baseline: Baseline) -> list[Regression]:
    """Every recorded score the genre run dropped below."""
    if baseline.matching_rule_version != MATCHING_RULE_VERSION:
        raise InputError(f"the baseline was recorded with matching rule {baseline.matching_rule_version}, "
                         f"this run uses {MATCHING_RULE_VERSION}", hint=f"re-record it: {baseline.command}")
    current = run_scores(run)
    return [Regression(name, recorded, current.get(name)) for name, recorded in baseline.scores.items()
            if not _format_not_run(name, run)
            and (current.get(name) is None or current[name] < recorded - TOLERANCE)]


def run_scores(run: GenreRun) -> dict[str, float]:
    """The scores a baseline records: the text run's, then each other format's prefixed with it."""
    scores = dict(run.scores)
    for fmt, fmt_scores in run.formats.items():
        scores.update({f"{fmt}.{name}": value for name, value in fmt_scores.items()})
    return scores


def _format_not_run(name: str, run: GenreRun) -> bool:
    """A score of another format this run did not make: it is checked by a run that does."""
    fmt = name.split(".", 1)[0]
    return fmt in FORMATS and fmt != "text" and fmt not in run.formats


async def add_genre_format_runs(service: SummaryService, run: GenreRun, root: Path, genre: Genre,
                                formats: list[str], *, backend: str = "rules", concurrency: int = 4,
                                on_document: Callable[[dict[str, Any]], None] | None = None) -> None:
    """The format check of a genre dataset: each report of ``root`` made into each of ``formats``
    (``formats.write_format_copy``: its body as PDF, .docx or one line), summarised and scored
    again; each format's pooled scores go to ``run.formats``."""
    import shutil
    import tempfile

    cases = load_genre_dataset(root, genre)
    with tempfile.TemporaryDirectory(prefix="summarizer-genre-formats-") as tmp:
        for fmt in formats:
            folder = Path(tmp) / fmt
            for case in cases:
                write_format_copy(case.report_path, case.doc_id, fmt, folder)
                shutil.copyfile(case.report_path.with_suffix(".json"), folder / f"{case.doc_id}.json")
            # One PDF at a time: the service reads inputs in threads, and PDFium is not thread-safe.
            fmt_run = await run_genre_eval(service, folder, genre, backend=backend,
                                           concurrency=1 if fmt == "pdf" else concurrency, on_document=on_document)
            run.formats[fmt] = fmt_run.scores
