"""Which genre a document is summarised as, and the summary of a genre other than rule-of-law.

``document_kind`` decides the genre (``choose_genre``): a rule-of-law annual report is
summarised as one; another government report that is a 政府工作报告 — its title names it,
or it is the speech a government delivers to its people's congress (各位代表 … 报告政府工作)
— as a government work report; anything else keeps the rule-of-law parts (and their
warning that it is not such a report), as before. ``--genre`` overrides the decision.
The service calls ``choose_genre`` and, for a genre other than rule-of-law,
``genre_summary``; the rule-of-law path is untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import TYPE_CHECKING, Any

from summarizer import __version__
from summarizer.errors import OutputError
from summarizer.extract.genre.extraction import GenreExtraction, rules_extraction
from summarizer.genres import GOVERNMENT_WORK_REPORT, RULE_OF_LAW, Genre, genre_named
from summarizer.schema import BackendName, DocumentKind, Provenance

if TYPE_CHECKING:
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure


# A 政府工作报告 names itself in its title, or opens as the government's report to the congress:
# 各位代表：现在，我代表某某人民政府，向大会报告政府工作 / 作政府工作报告; the State Council's
# 我代表国务院，向大会报告政府工作.
_GOVWORK_TITLE = re.compile(r"政府工作报告")
_GOVWORK_OPENING = re.compile(r"各位代表[：:！!，,]?[\s\S]{0,80}?我代表(?:国务院|[^。]{0,30}?政府)[^。]{0,20}?"
                              r"(报告(政府)?工作|作(政府)?工作报告|作报告)")
_OPENING_CHARS = 400


def is_government_work_report(text: str, title: str | None) -> bool:
    """True when the title names a 政府工作报告 or the opening delivers one to the congress."""
    return bool(title and _GOVWORK_TITLE.search(title)) or bool(_GOVWORK_OPENING.search(text[:_OPENING_CHARS]))


def choose_genre(kind: DocumentKind | None, text: str, title: str | None, choice: str | None = None) -> Genre:
    """The genre to summarise a document as: ``choice`` unless it is ``auto``/None, else by
    ``kind`` (see the module docstring). ``ConfigError`` for an unknown ``choice``."""
    if choice and choice != "auto":
        return genre_named(choice)
    if kind is not None and kind.kind == "other_government_report" and is_government_work_report(text, title):
        return GOVERNMENT_WORK_REPORT
    return RULE_OF_LAW


def genre_summary(
    genre: Genre,
    doc: CleanDocument,
    structure: DocumentStructure,
    *,
    backend: BackendName,
    timing: dict[str, float] | None = None,
    name: str | None = None,
    kind: DocumentKind | None = None,
    warnings: list[str] | None = None,
    extraction: GenreExtraction | None = None,
) -> Any:
    """Assemble ``genre``'s validated output model (every evidence must be the clean text at its
    span) from a backend's ``extraction``, or from the genre's rules when it is None."""
    if extraction is None:
        extraction = rules_extraction(genre, doc, structure)
    checklist = _checklist(genre, extraction)
    data: dict[str, Any] = {
        "doc_id": _doc_id(name),
        "document_kind": kind.model_dump() if kind else None,
        "metadata": extraction.metadata,
        "overview": extraction.overview,
        **{part: [dict(entry) for entry in extraction.entries(part)] for part in genre.part_names},
        "checklist": checklist,
        "provenance": Provenance(
            backend=backend, model=extraction.model, prompt_version=extraction.prompt_version,
            summarizer_version=__version__, input_sha256=doc.input_sha256,
            input_kind=doc.hints.source_format, pages=len(doc.hints.page_starts) or None,
            input_notes=doc.hints.input_notes, repairs_count=len(doc.repairs),
            warnings=[*(warnings or []), *doc.warnings, *extraction.warnings], usage=extraction.usage,
            cached=extraction.cached,
            timing_ms={k: round(v, 3) for k, v in (timing or {}).items()},
            created_at=dt.datetime.now(dt.UTC),
        ).model_dump(),
    }
    if doc.hints.page_starts:
        for part in genre.part_names:
            for item in data[part]:
                if genre.part(part).shape == "items":
                    item["page"] = doc.hints.page_at(item["span"]["start"])
    try:
        return genre.output_model().model_validate(data, context={"clean_text": doc.text})
    except ValueError as exc:
        raise OutputError(f"the {backend} backend produced a {genre.name} summary that does not validate: {exc}",
                          source=name, hint="this is a bug in the backend; please report it") from exc


def _checklist(genre: Genre, extraction: GenreExtraction) -> dict[str, Any]:
    """The genre's checklist: each check, and in words what is missing."""
    checks = {}
    for check in genre.checklist:
        entries = extraction.entries(check.part) if check.part else []
        checks[check.name] = any(e.get("value") is not None for e in entries) if check.needs_figure \
            else bool(entries)
    missing = [f"{c.zh} ({c.en.lower()})" for c in genre.checklist if not checks[c.name]]
    return {**checks, "missing": missing}


def _doc_id(name: str | None) -> str | None:
    if not name:
        return None
    base = os.path.basename(str(name))
    return base.rsplit(".", 1)[0] if "." in base else base
