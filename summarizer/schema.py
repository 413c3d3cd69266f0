"""The public output: ``ReportSummary`` and its parts (pydantic v2).

This is the contract other services code against. Change it only with a new
``SCHEMA_VERSION`` (minor for additions, major for anything else).

Offsets (``Span``) are Python ``str`` indices (Unicode code points) into the
clean text that preprocessing produced; ``evidence == clean_text[start:end]``.
Validate with ``ReportSummary.model_validate(data, context={"clean_text": t})``
to have that checked for every item and figure.

Changes: 1.1 ``document_kind``; 1.2 ``provenance.backend`` may be ``hybrid``;
2.0 every answer says how it was reached: ``metadata.basis`` (per field: ``title``,
``page record``, ``signature``, ``opening sentence``, ``body``, ``model`` or none, with a
reason when a value was left out), ``Item.part_basis`` (``heading``, ``cue``, ``position``,
``model``) and ``compliance.basis`` (per part, the firmest basis of its items);
``Figure.label`` may be null (a figure whose label cannot be found whole) and a figure
may carry a ``scope`` (``earlier_period``, ``cumulative``, ``comparison``, ``sub_unit``) with its
``scope_text`` as written; 2.1 a metadata field's basis may carry the passage it was read from
(``evidence`` and its ``span``), and two more sources of the 政府工作报告 (``subtitle``, ``address``);
a figure keeps a range's upper end (``value_high``), the direction of a change (``change``,
``change_text``) and says when its label is a whole 分别 list (``label_lists``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

# The extraction backends are declared in summarizer.backends (what ``provenance.backend`` names).
from summarizer.backends import BACKEND_NAMES, BackendChoice, BackendName  # noqa: F401

# The parts are declared in summarizer.parts; PART_NAMES and PartName are re-exported from here.
from summarizer.parts import PART_BY_NAME, PART_NAMES, PartName  # noqa: F401

SCHEMA_VERSION = "2.1"  # see the changes in the module docstring
# How the text bounds a figure's number: 约/左右 about, 余/多 more_than, 近/接近 nearly,
# 超/超过/逾 over, 以上/不少于 at_least, 不到/不足 under, 以下/以内 at_most.
Qualifier = Literal["about", "more_than", "nearly", "over", "at_least", "under", "at_most"]

# Whose or which period's figure it is, when not the issuer's own for the report year:
# earlier_period 2021年以来… / 近三年… / 去年…; cumulative 累计…; comparison a change against an
# earlier period (相较去年…, 与上年相比…, 同比…); sub_unit one named part of the issuer (其中XX镇…).
FigureScope = Literal["earlier_period", "cumulative", "comparison", "sub_unit"]
# The change a figure states (增长5.7%: increase; 下降35%, 压减50%: decrease): the number is the size
# of the change, never signed, so a reader of the fields learns the direction here.
ChangeDirection = Literal["increase", "decrease"]
# How an item's part was decided: a heading naming the part (二、存在的问题), a cue sentence
# (存在…不足, 下一步…将, 究其原因, a later year's date), its position after such a part (or,
# for measures, before any later part), or the model (llm/hybrid backends).
PartBasis = Literal["heading", "cue", "position", "model"]
# The bases other than "heading" are inferences; views mark them so.
INFERRED_PART_BASES: frozenset[str] = frozenset({"cue", "position"})
# Where a metadata value was read: the title line, the web page's record (日期: 2023-03-01),
# the signature at the end, the opening sentence (2022年，某区…), the body (the place it calls
# 我区 most often), or the model (llm/hybrid backends). A 政府工作报告 adds its subtitle
# (——2021年1月8日在某区第一届人民代表大会第七次会议上, 区长 某某) and its address to the congress
# (我代表某区人民政府，向大会报告政府工作), where the report says whose government reports.
MetadataSource = Literal["title", "page record", "signature", "opening sentence", "body", "model",
                         "subtitle", "address"]
# Read from the report's own statement of it; the others are inferred.
STATED_METADATA_SOURCES: frozenset[str] = frozenset({"title", "page record", "signature", "subtitle", "address"})

DocumentKindName = Literal["rule_of_law_report", "other_government_report", "not_a_report"]
IssuerLevel = Literal["province", "city", "county", "township", "department"]
# How the views name each level, in Chinese and in English.
ISSUER_LEVEL_LABELS: dict[str, dict[str, str]] = {
    "zh": {"national": "国家级", "province": "省级", "city": "市级", "county": "县级", "township": "乡镇",
           "department": "部门"},
    "en": {"national": "national", "province": "province", "city": "city", "county": "county",
           "township": "township", "department": "department"},
}

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


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


class Figure(BaseModel):
    """A number the report states, with what it measures.

    ``value`` and ``unit`` are as stated (96.15 and 万元); ``scale`` is the
    multiplier of a magnitude prefix in the unit (1e4 for 万), so
    ``value * scale`` is the quantity in the base unit (元). ``qualifier``
    keeps a bound the text puts on the number (近400条 is ``nearly`` 400), and
    ``part_of`` says a figure is a subtotal of another (其中…). A range (5至7家)
    has ``value`` 5 and ``value_high`` 7; a change (同比下降35%) has ``change``
    ``decrease`` and ``change_text`` 下降 (``value`` stays 35). ``label`` is
    null when no noun phrase of the text names what is counted (废止12件, 增长15%):
    show the ``evidence`` then. ``scope`` marks a figure that is not the
    report year's own total (2021年以来…, 累计…, 相较去年…, 其中XX镇…).
    """

    label: str | None = Field(
        default=None, min_length=1,
        description="The noun phrase the number counts, as written (行政复议案件 in 受理行政复议案件57件); "
        "null when the text names none whole: show the evidence instead",
    )
    value: float
    value_high: float | None = Field(
        default=None, description="The upper end of a range (5至7家, 5—7家, 3到5个百分点: 7, 7, 5); value is its lower end")
    unit: str = Field(description="As stated (件, 万元, 人次 …; % for ％ too); empty when the text has none")
    scale: float = Field(default=1.0, description="Multiplier of a 万/亿 prefix in unit")
    evidence: str = Field(min_length=1, description="The verbatim phrase that states it")
    span: Span | None = None
    qualifier: Qualifier | None = Field(
        default=None, description="How the text bounds the value (近400条: nearly); null when it states it exactly"
    )
    qualifier_text: str | None = Field(default=None, description="The qualifying word as stated: 近, 余, 以上 …")
    part_of: int | None = Field(
        default=None, ge=0,
        description="Index, in the same item's figures, of the total this figure is a part of (其中…)",
    )
    scope: FigureScope | None = Field(
        default=None,
        description="Null for the issuer's own figure of the report year; else what it covers: earlier_period "
        "(2021年以来…, 近三年…, 去年…), cumulative (累计…), comparison (a change against an earlier period: "
        "相较去年…, 与上年相比…, 同比…) or sub_unit (one named part of the issuer: 其中XX镇…). "
        "Never the report year's total",
    )
    scope_text: str | None = Field(default=None, description="The words that set the scope, as written: 2021年以来, 累计, 相较去年 …")
    change: ChangeDirection | None = Field(
        default=None,
        description="Null for a level or count; else the change the figure is: increase (增长, 增加, 提高 …) or "
        "decrease (下降, 减少, 压减, 降低 …). value is its size, never signed",
    )
    change_text: str | None = Field(default=None, description="The verb of the change as written: 增长, 下降, 压减 …")
    label_lists: bool = Field(
        default=False,
        description="True when the label is a whole list of nouns (A、B、C分别…) whose values could not be paired "
        "with them one by one: the figure is one of the list's, not all of them",
    )

    def stated(self) -> str:
        """Number, qualifier and unit as the text puts them (近400条, 150余场次, 100人以上), after the
        change's verb (下降35%) and as a range where the text writes one (5—7家)."""
        number = _number(self.value)
        if self.value_high is not None:  # a range, written as Target.stated writes one: 5—7家
            number = f"{number}—{_number(self.value_high)}"
        word = self.qualifier_text or ""
        verb = self.change_text or ""
        if word in ("余", "多"):  # right after the number, or after its 万/亿
            magnitude = next((m for m in sorted(UNIT_SCALES, key=len, reverse=True) if self.unit.startswith(m)), "")
            return f"{verb}{number}{magnitude}{word}{self.unit[len(magnitude):]}"
        if word in ("以上", "有余", "左右", "上下", "以下", "以内"):
            return f"{verb}{number}{self.unit}{word}"
        return f"{verb}{word}{number}{self.unit}"

    def shown(self) -> str:
        """What a reader is shown: label and stated number (受理行政复议案件 57件), or the quote when
        the figure has no label; the scope in brackets when it is not the report year's own."""
        label = f"{self.label}（分别）" if self.label and self.label_lists else self.label
        text = f"{label} {self.stated()}" if label else f"“{self.evidence}”"
        return f"{text}（{self.scope_text}）" if self.scope_text and self.scope_text not in text else text

    @field_validator("label")
    @classmethod
    def _label_not_blank(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
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
    part_basis: PartBasis | None = Field(
        default=None,
        description="How its part was decided: heading (a heading naming the part), cue (a cue "
        "sentence: 存在…不足, 下一步…将, a later year's date), position (after such a part), model",
    )

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


class FieldBasis(BaseModel):
    """Where one metadata value was read, or why it was left out: stated (read from the report's
    own statement of it, with that passage where the backend keeps it), inferred (with the reason),
    or absent (with why)."""

    source: MetadataSource | None = Field(default=None, description="Where the value was read; null when it is null")
    reason: str | None = Field(default=None, description="Why a value was left out or how it was derived, in words")
    evidence: str | None = Field(
        default=None, min_length=1, description="The passage the value was read from, verbatim, where kept")
    span: Span | None = Field(default=None, description="Where the evidence lies in the clean text")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> FieldBasis:
        if (self.evidence is None) != (self.span is None):
            raise ValueError("a metadata basis gives its evidence and its span together, or neither")
        if self.evidence is not None and self.span is not None:
            _check_grounded(self.evidence, self.span, info, "metadata basis")
        return self

    @property
    def inferred(self) -> bool:
        """True for a value read from the opening, the body or by a model, not from the
        report's own statement of it (title, page record, signature)."""
        return self.source is not None and self.source not in STATED_METADATA_SOURCES


METADATA_FIELDS: tuple[str, ...] = ("title", "issuer", "issuer_level", "report_year", "published_date")


class BasedMetadata(BaseModel):
    """Metadata whose ``basis`` field (declared by each subclass, after its values) holds one
    ``FieldBasis`` per metadata field: the rule-of-law ``Metadata`` and the genres' own."""

    def field_basis(self, name: str) -> FieldBasis:
        """The basis of metadata field ``name``."""
        basis: FieldBasis = getattr(getattr(self, "basis"), name)  # noqa: B009  # declared by the subclass
        return basis

    def with_source(self, source: MetadataSource, fields: list[str] | None = None) -> Self:
        """A copy whose non-null fields (or ``fields``) that have no basis yet get ``source``."""
        basis = getattr(self, "basis").model_copy()  # noqa: B009  # declared by the subclass
        for name in fields if fields is not None else type(basis).model_fields:
            if getattr(self, name) is not None and getattr(basis, name).source is None:
                setattr(basis, name, FieldBasis(source=source))
        return self.model_copy(update={"basis": basis})

    def with_null_reason(self, reason: str) -> Self:
        """A copy whose null fields that give no reason yet give ``reason``."""
        basis = getattr(self, "basis").model_copy()  # noqa: B009  # declared by the subclass
        for name in type(basis).model_fields:
            if getattr(self, name) is None and getattr(basis, name).reason is None:
                setattr(basis, name, FieldBasis(reason=reason))
        return self.model_copy(update={"basis": basis})

class MetadataBasis(BaseModel):
    """Per metadata field, where its value was read (or why it is null)."""

    title: FieldBasis = Field(default_factory=FieldBasis)
    issuer: FieldBasis = Field(default_factory=FieldBasis)
    issuer_level: FieldBasis = Field(default_factory=FieldBasis)
    report_year: FieldBasis = Field(default_factory=FieldBasis)
    published_date: FieldBasis = Field(default_factory=FieldBasis)


class Metadata(BasedMetadata):
    """Who reported on which year, and when it was published, and on what basis."""

    title: str | None = None
    issuer: str | None = None
    issuer_level: IssuerLevel | None = None
    report_year: int | None = None
    published_date: _dt.date | None = None
    basis: MetadataBasis = Field(
        default_factory=MetadataBasis, description="Per field, where its value was read, or why it is null")

    def values(self) -> dict[str, object]:
        """The five metadata values by field name (without their basis)."""
        return {name: getattr(self, name) for name in METADATA_FIELDS}

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


def _part_description(name: str, describe: str = "en") -> str:
    return str(getattr(PART_BY_NAME[name], describe))


# The models below have one explicit, typed field per statutory part, in statutory order, so a
# type checker sees them; tests/schema/test_parts_declared_once.py checks them against the table.
class ComplianceBasis(BaseModel):
    """Per part, the firmest basis of its items (heading, then cue, position, model); null for a part not found."""

    achievements: PartBasis | None = Field(default=None, description=_part_description("achievements"))
    problems: PartBasis | None = Field(default=None, description=_part_description("problems"))
    causes: PartBasis | None = Field(default=None, description=_part_description("causes"))
    leader_duties: PartBasis | None = Field(default=None, description=_part_description("leader_duties"))
    plans: PartBasis | None = Field(default=None, description=_part_description("plans"))


class Compliance(BaseModel):
    """Whether the report covers what the 2019 regulation requires (all false for a document that is not a rule-of-law annual report)."""

    achievements: bool = Field(description=_part_description("achievements"))
    problems: bool = Field(description=_part_description("problems"))
    causes: bool = Field(description=_part_description("causes"))
    leader_duties: bool = Field(description=_part_description("leader_duties"))
    plans: bool = Field(description=_part_description("plans"))
    causes_given: bool = Field(description="Shortcomings are stated, and so are their reasons")
    published_in_q1: bool | None = Field(
        default=None,
        description="Published by 31 March of the year after the one reported on; null when unknown",
    )
    missing: list[str] = Field(default_factory=list, description="What the report lacks, in words")
    basis: ComplianceBasis = Field(
        default_factory=ComplianceBasis,
        description="Per part, how it was found: under its heading (heading), or inferred from cue "
        "sentences or position (cue, position), or by the model; null for a part not found",
    )


class DocumentKind(BaseModel):
    """What kind of document the input is, and why that was decided."""

    kind: DocumentKindName = Field(
        description="rule_of_law_report: a 法治政府建设年度报告; other_government_report: another "
        "government report (政府工作报告, 工作总结 …); not_a_report: news, a notice, anything else"
    )
    reason: str = Field(min_length=1, description="The evidence the decision rests on, in words")

    @property
    def is_rule_of_law_report(self) -> bool:
        """True for a rule-of-law annual report, the genre this service summarises."""
        return self.kind == "rule_of_law_report"


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
    document_kind: DocumentKind | None = Field(
        default=None,
        description="Whether the input is a rule-of-law annual report at all (null in summaries "
        "made before schema 1.1)",
    )
    metadata: Metadata
    overview: str | None = None
    achievements: list[Item] = Field(default_factory=list, description=_part_description("achievements"))
    problems: list[Item] = Field(default_factory=list, description=_part_description("problems"))
    causes: list[Item] = Field(default_factory=list, description=_part_description("causes"))
    leader_duties: list[Item] = Field(default_factory=list, description=_part_description("leader_duties"))
    plans: list[Item] = Field(default_factory=list, description=_part_description("plans"))
    compliance: Compliance
    provenance: Provenance

    def items(self, part: PartName) -> list[Item]:
        """The items of one statutory part."""
        items: list[Item] = getattr(self, part)
        return items
