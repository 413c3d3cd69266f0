"""The output for a 政府工作报告: ``GovWorkSummary`` and its targets (pydantic v2).

It sits beside ``ReportSummary`` (summarizer.schema) and shares its building
blocks: ``Item`` and ``Span`` (evidence == clean_text[span], checked when
validated with ``context={"clean_text": t}``), ``DocumentKind`` and
``Provenance``. Its parts are those of ``GOVERNMENT_WORK_REPORT`` in
summarizer.genres (a test checks that the fields below match that table).

Changes: 1.1 ``metadata.basis``: per field, how its value was reached, in the rule-of-law
summary's words (``FieldBasis``: stated, with the passage it was read from; inferred, with the
reason; or null, with why).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from summarizer.schema import (
    _MIN_YEAR,
    BasedMetadata,
    DocumentKind,
    FieldBasis,
    Item,
    Provenance,
    Qualifier,
    Span,
    _check_grounded,
)

GOVWORK_SCHEMA_VERSION = "1.1"  # see the changes in the module docstring
# The levels of a government that reports to a people's congress: the State Council (国务院,
# to the National People's Congress) besides the local levels of the rule-of-law reports.
GovIssuerLevel = Literal["national", "province", "city", "county", "township", "department"]
# How a target's indicator was read (Target.indicator_basis).
IndicatorBasis = Literal["stated", "composed", "inferred"]
_CONGRESS_SESSION = re.compile(r"^第[一二三四五六七八九十百]+届人民代表大会第[一二三四五六七八九十]+次会议$")


class Target(BaseModel):
    """One 主要预期目标: what is measured and the figure set for it, as the report states it.

    ``地区生产总值增长6%左右`` is indicator 地区生产总值增长, value 6, unit %, qualifier
    about. A range (8%—8.5%) has ``value`` 8 and ``value_high`` 8.5. A target without a
    figure (居民收入与经济增长同步) has ``value`` null and its criterion in ``comparison``.
    """

    indicator: str = Field(min_length=1, description="What is measured, as written (地区生产总值增长)")
    value: float | None = Field(default=None, description="The figure set; null for a target stated without one")
    value_high: float | None = Field(default=None, description="The upper end of a range (8—8.5%), else null")
    unit: str | None = Field(default=None, description="As written after the number: %, 万人, 亿元 …")
    qualifier: Qualifier | None = Field(default=None, description="How the text bounds the value (左右: about)")
    qualifier_text: str | None = Field(default=None, description="The qualifying word as written: 左右, 以上 …")
    comparison: str | None = Field(
        default=None, description="The criterion or comparison where stated (与经济增长同步, 比上年…)")
    evidence: str = Field(min_length=1, description="The verbatim clause that states the target")
    span: Span
    indicator_basis: IndicatorBasis | None = Field(
        default=None,
        description="How the indicator was read: stated (written so in the evidence), composed (from the "
        "text's own words not written together: 万元GDP水耗下降 of 万元GDP能耗、水耗分别下降), inferred "
        "(with a word the text does not write there: 城镇… of 城乡…分别增长). Filled when left out: "
        "stated when the evidence writes the indicator, else inferred")

    def stated(self) -> str:
        """The figure as a reader is shown it: 6%左右, 8—8.5%, or the comparison."""
        if self.value is None:
            return self.comparison or ""
        number = f"{self.value:g}"
        if self.value_high is not None:
            number = f"{number}—{self.value_high:g}"
        word = self.qualifier_text or ""
        unit = self.unit or ""
        if word in ("左右", "以上", "以下", "以内", "上下"):
            return f"{number}{unit}{word}"
        return f"{word}{number}{unit}"

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Target:
        _check_grounded(self.evidence, self.span, info, "target")
        if self.indicator_basis is None:  # a reader is told when the indicator is not the text's own
            written = "".join(self.indicator.split()) in "".join(self.evidence.split())
            self.indicator_basis = "stated" if written else "inferred"
        return self


class GovWorkMetadataBasis(BaseModel):
    """Per metadata field of a 政府工作报告, where its value was read (or why it is null)."""

    title: FieldBasis = Field(default_factory=FieldBasis)
    issuer: FieldBasis = Field(default_factory=FieldBasis)
    issuer_level: FieldBasis = Field(default_factory=FieldBasis)
    session_year: FieldBasis = Field(default_factory=FieldBasis)
    report_year: FieldBasis = Field(default_factory=FieldBasis)
    congress_session: FieldBasis = Field(default_factory=FieldBasis)
    speaker: FieldBasis = Field(default_factory=FieldBasis)
    delivery_date: FieldBasis = Field(default_factory=FieldBasis)
    published_date: FieldBasis = Field(default_factory=FieldBasis)


class GovWorkMetadata(BasedMetadata):
    """Who reported to which congress session, on which year, and on what basis."""

    title: str | None = None
    issuer: str | None = Field(default=None, description="The place whose government reports (罗湖区)")
    issuer_level: GovIssuerLevel | None = None
    session_year: int | None = Field(default=None, description="The year of the session: whose targets it sets")
    report_year: int | None = Field(default=None, description="The year reviewed: session_year − 1")
    congress_session: str | None = Field(default=None, description="第X届人民代表大会第X次会议")
    speaker: str | None = Field(default=None, description="Who delivers the report, where stated")
    delivery_date: _dt.date | None = None
    published_date: _dt.date | None = None
    basis: GovWorkMetadataBasis = Field(
        default_factory=GovWorkMetadataBasis, description="Per field, where its value was read, or why it is null")

    @field_validator("session_year", "report_year")
    @classmethod
    def _plausible_year(cls, v: int | None) -> int | None:
        if v is not None and not (_MIN_YEAR <= v <= _dt.date.today().year + 1):
            raise ValueError(f"year {v} is not plausible ({_MIN_YEAR}..next year)")
        return v

    @field_validator("congress_session")
    @classmethod
    def _session_form(cls, v: str | None) -> str | None:
        if v is not None and not _CONGRESS_SESSION.match(v):
            raise ValueError(f"congress_session {v!r} is not of the form 第X届人民代表大会第X次会议")
        return v

    @model_validator(mode="after")
    def _years_agree(self) -> GovWorkMetadata:
        if self.session_year and self.report_year and self.report_year != self.session_year - 1:
            raise ValueError(f"report_year {self.report_year} is not the year before session {self.session_year}")
        return self


class GovWorkChecklist(BaseModel):
    """What a 政府工作报告 is expected to state (summarizer.genres: the genre's checklist)."""

    problems_admitted: bool = Field(description="The report admits difficulties and problems")
    targets_quantified: bool = Field(description="At least one main expected target carries a figure")
    missing: list[str] = Field(default_factory=list, description="What the report lacks, in words")


class GovWorkSummary(BaseModel):
    """A checked, structured summary of one 政府工作报告."""

    schema_version: str = GOVWORK_SCHEMA_VERSION
    genre: Literal["government_work_report"] = "government_work_report"
    doc_id: str | None = None
    document_kind: DocumentKind | None = None
    metadata: GovWorkMetadata
    overview: str | None = None
    review: list[Item] = Field(default_factory=list, description="Review of the past year")
    problems: list[Item] = Field(default_factory=list, description="Difficulties and problems admitted")
    targets: list[Target] = Field(default_factory=list, description="Main expected targets")
    plans: list[Item] = Field(default_factory=list, description="This year's tasks")
    government_self_building: list[Item] = Field(
        default_factory=list, description="The government's own building (加强政府自身建设)")
    checklist: GovWorkChecklist
    provenance: Provenance

    def items(self, part: str) -> list[Item]:
        """The items of one part (``targets`` are ``Target``s)."""
        items: list[Item] = getattr(self, part)
        return items
