"""The lean answer the model is asked for: summaries plus cited sentence ids.

The full ``ReportSummary`` (evidence, spans, figures, compliance, provenance)
is assembled by the backend; the model only writes what needs judgement.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from summarizer.parts import PART_BY_NAME
from summarizer.schema import PART_NAMES, IssuerLevel, Metadata


class CitedItem(BaseModel):
    """One item: a concise statement and the ids of the sentences that support it."""

    summary: str = Field(
        min_length=1, max_length=200, description="简明概括（不超过约60字），用报告原意"
    )
    cite: list[int] = Field(
        min_length=1,
        max_length=40,
        description="支持该条目的句子编号（连续的一段，如 [12, 13]），只用报告中出现的编号",
    )


class AnswerMetadata(BaseModel):
    """The report's metadata as the model states it.

    Its own model (not ``schema.Metadata``) so that the JSON schema sent to the
    model, and with it the recorded test cassettes, changes only with this
    file; it is checked with ``Metadata``'s rules, so an implausible year or
    date is re-asked.
    """

    title: str | None = Field(default=None, description="报告标题")
    issuer: str | None = Field(default=None, description="发布机关")
    issuer_level: IssuerLevel | None = Field(default=None, description="机关层级")
    report_year: int | None = Field(default=None, description="报告所述年度")
    published_date: dt.date | None = Field(default=None, description="正文写明的成文或发布日期 YYYY-MM-DD")

    @model_validator(mode="after")
    def _plausible(self) -> AnswerMetadata:
        Metadata.model_validate(self.model_dump())
        return self

    def to_metadata(self) -> Metadata:
        """As the output schema's ``Metadata``, each stated field with basis ``model``."""
        return Metadata.model_validate(self.model_dump()).with_source("model")


class _AnswerBase(BaseModel):
    model_config = ConfigDict(title="ReportExtraction")

    metadata: AnswerMetadata = Field(
        default_factory=AnswerMetadata,
        description="标题、发布机关、机关层级、报告年度、发布日期；不知道的填 null",
    )
    overview: str | None = Field(default=None, max_length=300, description="一两句话的总体概述")

    def parts(self) -> dict[str, list[CitedItem]]:
        """The items of each statutory part, by part name."""
        return {part: getattr(self, part) for part in PART_NAMES}


def _asks(name: str) -> str:
    return PART_BY_NAME[name].asks


# One explicit, typed field per statutory part, in statutory order (so a type checker sees
# them; tests/schema/test_parts_declared_once.py checks them against the table), each described
# to the model in the regulation's words (``Part.asks``). The docstring is the schema's
# description: the JSON schema sent to the model, and the cassettes, depend on it.
class LLMAnswer(_AnswerBase):
    """What the model returns for one report (or one part of a long report)."""

    achievements: list[CitedItem] = Field(default_factory=list, description=_asks("achievements"))
    problems: list[CitedItem] = Field(default_factory=list, description=_asks("problems"))
    causes: list[CitedItem] = Field(default_factory=list, description=_asks("causes"))
    leader_duties: list[CitedItem] = Field(default_factory=list, description=_asks("leader_duties"))
    plans: list[CitedItem] = Field(default_factory=list, description=_asks("plans"))
