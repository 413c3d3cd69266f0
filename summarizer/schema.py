"""The public output: ``ReportSummary`` and its parts (pydantic v2).

This is the contract other services code against. Change it only with a new
``SCHEMA_VERSION`` (minor for additions, major for anything else).

Offsets (``Span``) are Python ``str`` indices (Unicode code points) into the
clean text that preprocessing produced; ``evidence == clean_text[start:end]``.
Validate with ``ReportSummary.model_validate(data, context={"clean_text": t})``
to have that checked for every item and figure.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

SCHEMA_VERSION = "1.0"

PartName = Literal["achievements", "problems", "causes", "leader_duties", "plans"]
PART_NAMES: tuple[PartName, ...] = ("achievements", "problems", "causes", "leader_duties", "plans")
IssuerLevel = Literal["province", "city", "county", "township", "department"]
BackendName = Literal["rules", "llm"]

# Multipliers of the Chinese magnitude units a figure may be stated in.
UNIT_SCALES: dict[str, float] = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "万亿": 1e12}

_MIN_YEAR = 1990


def _check_grounded(evidence: str, span: Span, info: ValidationInfo, what: str) -> None:
    clean_text = (info.context or {}).get("clean_text") if info.context else None
    if clean_text is None:
        return
    if span.end > len(clean_text):
        raise ValueError(f"{what} span {span.start}-{span.end} lies beyond the text ({len(clean_text)} chars)")
    if clean_text[span.start : span.end] != evidence:
        raise ValueError(
            f"{what} evidence is not the clean text at its span {span.start}-{span.end}: "
            f"{evidence[:30]!r} != {clean_text[span.start : span.start + 30]!r}"
        )


class Span(BaseModel):
    """A half-open range ``[start, end)`` of code points in the clean text."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end ({self.end}) must be after start ({self.start})")
        return self


class Figure(BaseModel):
    """A number the report states, with what it measures.

    ``value`` and ``unit`` are as stated (96.15 and 万元); ``scale`` is the
    multiplier of a magnitude prefix in the unit (1e4 for 万), so
    ``value * scale`` is the quantity in the base unit (元).
    """

    label: str = Field(min_length=1, description="What is measured, e.g. 受理行政复议案件")
    value: float
    unit: str = Field(description="As stated: 件, %, 万元, 人次 … ; empty when the text has none")
    scale: float = Field(default=1.0, description="Multiplier of a 万/亿 prefix in unit")
    evidence: str = Field(min_length=1, description="The verbatim phrase that states it")
    span: Span | None = None

    @field_validator("label")
    @classmethod
    def _label_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("figure label is blank")
        return v

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Figure:
        if self.span is not None:
            _check_grounded(self.evidence, self.span, info, "figure")
        return self


class Item(BaseModel):
    """One achievement, problem, cause, leaders' duty or plan."""

    summary: str = Field(min_length=1, description="A concise statement (about 60 characters at most)")
    evidence: str = Field(min_length=1, description="Verbatim passage of the clean text")
    span: Span
    category: str | None = Field(default=None, description="e.g. the section heading it falls under")
    figures: list[Figure] = Field(default_factory=list)
    page: int | None = Field(default=None, ge=1, description="The input's page the evidence starts on (inputs with pages: PDF)")

    @field_validator("summary", "evidence")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be blank")
        return v

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Item:
        _check_grounded(self.evidence, self.span, info, "item")
        return self


class Metadata(BaseModel):
    """Who reported on which year, and when it was published."""

    title: str | None = None
    issuer: str | None = None
    issuer_level: IssuerLevel | None = None
    report_year: int | None = None
    published_date: _dt.date | None = None

    @field_validator("report_year")
    @classmethod
    def _plausible_year(cls, v: int | None) -> int | None:
        if v is not None and not (_MIN_YEAR <= v <= _dt.date.today().year):
            raise ValueError(f"report_year {v} is not plausible ({_MIN_YEAR}..this year)")
        return v

    @field_validator("published_date")
    @classmethod
    def _plausible_date(cls, v: _dt.date | None) -> _dt.date | None:
        if v is not None and not (_dt.date(_MIN_YEAR, 1, 1) <= v <= _dt.date.today() + _dt.timedelta(days=1)):
            raise ValueError(f"published_date {v} is not plausible")
        return v

    @model_validator(mode="after")
    def _published_after_year_began(self) -> Metadata:
        if self.report_year and self.published_date and self.published_date.year < self.report_year:
            raise ValueError(
                f"published_date {self.published_date} is before the reported year {self.report_year}"
            )
        return self


class Compliance(BaseModel):
    """Whether the report covers what the 2019 regulation requires."""

    achievements: bool = Field(description="Part 1: measures and results")
    problems: bool = Field(description="Part 2: shortcomings")
    causes: bool = Field(description="Part 2: reasons for the shortcomings")
    leader_duties: bool = Field(description="Part 3: principal leaders as first persons responsible")
    plans: bool = Field(description="Part 4: next year's arrangements")
    causes_given: bool = Field(description="Shortcomings are stated together with their reasons")
    published_in_q1: bool | None = Field(
        default=None,
        description="Published by 31 March of the year after the one reported on; null when unknown",
    )
    missing: list[str] = Field(default_factory=list, description="What the report lacks, in words")


class Usage(BaseModel):
    """Tokens and money spent on one document (all calls, retries and re-asks)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cost: float | None = None
    currency: str | None = None


class Provenance(BaseModel):
    """How this summary was made."""

    backend: BackendName
    model: str | None = None
    prompt_version: str | None = None
    summarizer_version: str
    input_sha256: str
    input_kind: Literal["text", "html", "pdf", "docx", "doc", "wps"] = Field(
        default="text", description="What the input was, decided by its content")
    pages: int | None = Field(default=None, description="How many pages the input had (PDF), else null")
    input_notes: list[str] = Field(
        default_factory=list, description="How the text was obtained when it took more than decoding (OCR, conversion)")
    repairs_count: int = 0
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    cached: bool = False
    timing_ms: dict[str, float] = Field(default_factory=dict)
    created_at: _dt.datetime


class ReportSummary(BaseModel):
    """A checked, structured summary of one 法治政府建设年度报告."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str | None = None
    metadata: Metadata
    overview: str | None = None
    achievements: list[Item] = Field(default_factory=list)
    problems: list[Item] = Field(default_factory=list)
    causes: list[Item] = Field(default_factory=list)
    leader_duties: list[Item] = Field(default_factory=list)
    plans: list[Item] = Field(default_factory=list)
    compliance: Compliance
    provenance: Provenance

    def items(self, part: PartName) -> list[Item]:
        """The items of one statutory part."""
        return getattr(self, part)
