"""Load an eval dataset: report files with reference extractions beside them.

A dataset is a folder holding, for each report, ``<id>.json`` (the reference,
format of evals/REFERENCE_FORMAT.md) and the report itself: ``<id>.txt``,
``<id>.html`` or ``<id>.htm``, or any single other file named ``<id>.*``.
An ``index.json`` beside them describes the dataset and is not a reference.
A reference may leave parts out (no ``achievements`` key, no
``sections_present``, metadata with only some fields): what is left out is
not scored. Every reference is validated; all problems are reported at once,
each naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from summarizer.errors import ConfigError, InputError
from summarizer.evals.matching import MatchItem
from summarizer.genres import GENRES, RULE_OF_LAW, genre_named
from summarizer.parts import PART_BY_NAME
from summarizer.schema import PART_NAMES, IssuerLevel, PartName, Qualifier

REPORT_SUFFIXES = (".txt", ".html", ".htm")
# A dataset may describe its reports (sources, shapes, judgement calls) in this
# file beside them; it is no reference and is not scored.
MANIFEST_NAME = "index.json"
METADATA_FIELDS = ("title", "issuer", "issuer_level", "report_year", "published_date")
# The genres whose parts this version extracts and scores: those of the genre table, by name
# or alias. A dataset names its genre in index.json (an object with "genre"); a list manifest,
# or none, is a rule-of-law dataset. This module loads rule-of-law datasets; a dataset of
# another genre is loaded and scored by summarizer.evals.genre_eval.
DEFAULT_GENRE = "rule_of_law_report"
SUPPORTED_GENRES = tuple(name for g in GENRES for name in (g.name, *g.aliases))


class UnsupportedGenreError(ConfigError):
    """The dataset is of a genre this version does not extract: a wrong argument, nothing is run (exit 2)."""

    code = "unsupported_genre"


class ReferenceItem(BaseModel):
    """One reference item: a concise statement and the verbatim passage it rests on."""

    model_config = ConfigDict(extra="forbid")

    text: str = ""
    evidence: str | None = None

    @model_validator(mode="after")
    def _has_content(self) -> ReferenceItem:
        if not self.text.strip() and not (self.evidence or "").strip():
            raise ValueError("an item needs a non-blank 'text' or 'evidence'")
        return self


class ReferenceFigure(BaseModel):
    """One figure the report states, made by hand (evals/README.md, "Figure gold")."""

    model_config = ConfigDict(extra="forbid")

    value: float
    unit: str = Field(description="as written after the number, with its magnitude: 家次, 万元, 个工作日, %")
    scale: float = 1.0
    qualifier: Qualifier | None = None
    label: str | None = Field(None, description="the noun phrase counted, as written; null when the text names none")
    quote: str = Field(min_length=1, description="a short verbatim passage holding the number")


class ReferenceMetadata(BaseModel):
    """Reference metadata; only the fields present in the file are scored."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    issuer: str | None = None
    issuer_level: IssuerLevel | None = None
    report_year: int | None = None
    published_date: dt.date | None = None

    def scored_fields(self) -> list[str]:
        """The fields the reference states (``null`` included), in schema order."""
        return [f for f in METADATA_FIELDS if f in self.model_fields_set]


def _zh(part: str) -> str:
    return PART_BY_NAME[part].zh


# SectionsPresent and Reference have one explicit, typed field per statutory part, in statutory
# order, so a type checker sees them; tests/schema/test_parts_declared_once.py checks them
# against the table, which still gives each its description.
class SectionsPresent(BaseModel):
    """Which statutory parts the report covers; only the parts present are scored."""

    model_config = ConfigDict(extra="forbid")

    achievements: bool | None = Field(default=None, description=_zh("achievements"))
    problems: bool | None = Field(default=None, description=_zh("problems"))
    causes: bool | None = Field(default=None, description=_zh("causes"))
    leader_duties: bool | None = Field(default=None, description=_zh("leader_duties"))
    plans: bool | None = Field(default=None, description=_zh("plans"))

    def scored(self) -> dict[str, bool]:
        """Part -> expected coverage, for the parts the reference states."""
        return {p: covered for p in PART_NAMES if (covered := getattr(self, p)) is not None}


class Reference(BaseModel):
    """A hand-made reference extraction of one report (evals/REFERENCE_FORMAT.md)."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str | None = None
    metadata: ReferenceMetadata | None = None
    sections_present: SectionsPresent | None = None
    figures: list[ReferenceFigure] | None = None
    achievements: list[ReferenceItem] | None = Field(default=None, description=_zh("achievements"))
    problems: list[ReferenceItem] | None = Field(default=None, description=_zh("problems"))
    causes: list[ReferenceItem] | None = Field(default=None, description=_zh("causes"))
    leader_duties: list[ReferenceItem] | None = Field(default=None, description=_zh("leader_duties"))
    plans: list[ReferenceItem] | None = Field(default=None, description=_zh("plans"))

    @field_validator("doc_id")
    @classmethod
    def _doc_id_not_blank(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            raise ValueError("doc_id is blank; leave it out or give the file's name without extension")
        return v

    def scored_parts(self) -> list[PartName]:
        """The parts this reference lists items for (an empty list is scored, a missing key not)."""
        return [p for p in PART_NAMES if getattr(self, p) is not None]

    def match_items(self, part: PartName) -> list[MatchItem]:
        """The reference items of one part, as the matching rule takes them."""
        return [MatchItem(text=i.text, evidence=i.evidence) for i in getattr(self, part) or []]



@dataclass(frozen=True)
class Case:
    """One report of a dataset and its reference."""

    doc_id: str
    report_path: Path
    reference_path: Path
    reference: Reference


@dataclass(frozen=True)
class Dataset:
    """The cases of a dataset folder, sorted by id."""

    root: Path
    cases: list[Case]
    unreferenced: list[Path] = field(default_factory=list)


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def load_reference(path: Path) -> Reference:
    """Read and validate one reference file; errors name the file and the field."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the reference: {exc}", source=str(path),
                         hint="references are UTF-8 JSON files") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                         source=str(path), hint="fix the JSON syntax") from exc
    if not isinstance(data, dict):
        raise InputError("the reference must be a JSON object", source=str(path),
                         hint="see evals/REFERENCE_FORMAT.md (evals/README.md) for the format")
    try:
        reference = Reference.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"field {_field_path(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise InputError(f"invalid reference: {problems}", source=str(path),
                         hint="see the reference format in evals/README.md") from exc
    if reference.doc_id is not None and reference.doc_id != path.stem:
        raise InputError(
            f"field doc_id is {reference.doc_id!r} but the file is named {path.name!r}",
            source=str(path), hint="make doc_id the file name without .json, or leave it out",
        )
    return reference


def _report_for(json_path: Path) -> Path:
    stem = json_path.stem
    for suffix in REPORT_SUFFIXES:
        candidate = json_path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    others = sorted(p for p in json_path.parent.iterdir()
                    if p.is_file() and p != json_path and p.stem == stem)
    if len(others) == 1:
        return others[0]
    if not others:
        raise InputError("no report file beside this reference", source=str(json_path),
                         hint=f"put the report next to it as {stem}.txt, {stem}.html or {stem}.htm")
    raise InputError(f"several report files could belong to this reference: {[p.name for p in others]}",
                     source=str(json_path), hint="keep only one, or name it .txt/.html/.htm")


def dataset_genre(root: str | Path) -> str:
    """The genre a dataset folder declares in its index.json (``"genre"``), else the rule-of-law genre."""
    manifest = Path(root) / MANIFEST_NAME
    if not manifest.is_file():
        return DEFAULT_GENRE
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the dataset manifest: {exc}", source=str(manifest),
                         hint="index.json must be UTF-8 JSON: a list of report notes, or an object with them") from exc
    genre = data.get("genre", DEFAULT_GENRE) if isinstance(data, dict) else DEFAULT_GENRE
    if not isinstance(genre, str) or not genre.strip():
        raise InputError(f"field genre is {genre!r}, not a genre name", source=str(manifest),
                         hint=f"give one of {', '.join(SUPPORTED_GENRES)}, or leave it out")
    return genre


def load_dataset(root: str | Path) -> Dataset:
    """All cases of a dataset folder; raises one ``InputError`` listing every bad reference,
    or ``UnsupportedGenreError`` for a dataset of a genre this version does not extract."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("the dataset is not a folder", source=str(root),
                         hint="pass a folder of <id>.txt reports with <id>.json references beside them")
    genre = dataset_genre(root)
    if genre not in SUPPORTED_GENRES:
        raise UnsupportedGenreError(
            f"genre {genre} is not supported by this version", source=str(root),
            hint=f"this version extracts and scores {', '.join(SUPPORTED_GENRES)} only; "
                 "its references name other parts, so the dataset cannot be scored",
        )
    if genre_named(genre) is not RULE_OF_LAW:
        raise UnsupportedGenreError(
            f"the dataset is of genre {genre}, not a rule-of-law dataset", source=str(root),
            hint="summarizer eval scores it as its genre (summarizer.evals.genre_eval.run_genre_eval)",
        )
    cases: list[Case] = []
    errors: list[str] = []
    json_paths = sorted(p for p in root.glob("*.json") if p.name != MANIFEST_NAME)
    for json_path in json_paths:
        try:
            cases.append(Case(json_path.stem, _report_for(json_path), json_path, load_reference(json_path)))
        except InputError as exc:
            errors.append(str(exc))
    if errors:
        raise InputError(
            f"{len(errors)} of {len(json_paths)} references cannot be used:\n  " + "\n  ".join(errors),
            source=str(root), hint="fix the files named above",
        )
    if not cases:
        raise InputError("the dataset folder holds no reference (.json) files", source=str(root),
                         hint="each report <id>.txt needs a reference <id>.json beside it")
    referenced = {c.report_path for c in cases}
    unreferenced = sorted(p for p in root.iterdir() if p.suffix.lower() in REPORT_SUFFIXES
                          and p not in referenced)
    return Dataset(root=root, cases=cases, unreferenced=unreferenced)
