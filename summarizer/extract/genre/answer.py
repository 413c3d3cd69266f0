"""The answer a model is asked for on a report of another genre, built from the genre table.

One field per part of the genre (``summarizer.genres``), in the genre's order, described
to the model in the part's own wording (``Part.asks``): a part of shape ``items`` is a
list of ``CitedItem`` (the rule-of-law answer's: a summary and the cited sentence ids),
a part of shape ``targets`` a list of ``CitedTarget`` (a structured figure and the ids of
the sentence that states it). The metadata are the genre's metadata fields, typed as its
output model types them and checked by that model's validators, so that an implausible
year or a session in another form is re-asked. The model writes no evidence: the backend
takes it from the cited sentences.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from summarizer.genres import Genre

# A unit of this genre may run to dozens of sentences (a year's task with its measures): the
# model cites the first and the last, not every id between.
_CITE = "写明该条的句子编号：连续的一段给出首尾两个编号，如 [12, 18]；只有一句时给一个，如 [12]。只用报告中出现的编号"


class CitedUnit(BaseModel):
    """One item: a concise statement and the first and last sentence ids of the passage that states it."""

    summary: str = Field(min_length=1, max_length=200, description="简明概括（不超过约60字），用报告原意")
    cite: list[int] = Field(min_length=1, max_length=2, description=_CITE)

    def cited_ids(self) -> list[int]:
        """Every id from the first cited to the last."""
        return list(range(min(self.cite), max(self.cite) + 1))


class CitedTarget(BaseModel):
    """One target: the figure as the report sets it, and the sentence that states it."""

    indicator: str = Field(min_length=1, max_length=60, description="指标，用原文的说法，如：地区生产总值增长")
    value: float | None = Field(default=None, description="数值；没有数字的目标填 null")
    value_high: float | None = Field(default=None, description="区间的上限（8—8.5% 填 8.5），否则 null")
    unit: str | None = Field(default=None, description="单位，照原文：%、万人、亿元……")
    qualifier_text: str | None = Field(default=None, description="限定词，照原文：左右、以上、以内、不超过……；没有则 null")
    comparison: str | None = Field(
        default=None, description="没有数字的目标写其标准（如 与经济增长同步），或原文写明的比较；否则 null")
    cite: list[int] = Field(min_length=1, max_length=2, description=_CITE)

    def cited_ids(self) -> list[int]:
        """Every id from the first cited to the last."""
        return list(range(min(self.cite), max(self.cite) + 1))


def metadata_model(genre: Genre) -> type[BaseModel]:
    """The pydantic model of ``genre``'s metadata in its output model."""
    model: type[BaseModel] = genre.output_model().model_fields["metadata"].annotation
    return model


@functools.cache
def metadata_answer(genre: Genre) -> type[BaseModel]:
    """The metadata the model states for ``genre``: each field nullable, checked by the genre's own model."""
    target = metadata_model(genre)
    fields: dict[str, Any] = {}
    for name in genre.metadata_fields:
        info = target.model_fields[name]
        nullable: Any = info.annotation | None  # type: ignore[operator]  # every field of the table is typed
        fields[name] = (nullable, Field(default=None, description=info.description or name))

    def plausible(self: BaseModel) -> BaseModel:
        target.model_validate(self.model_dump())
        return self

    validators: dict[str, Any] = {"_plausible": model_validator(mode="after")(plausible)}
    model: type[BaseModel] = create_model(
        f"{_camel(genre.name)}AnswerMetadata",
        __doc__=f"The metadata of a {genre.en}; null where the report does not state it.",
        __validators__=validators,
        **fields,
    )
    return model


@functools.cache
def answer_model(genre: Genre) -> type[BaseModel]:
    """What the model returns for one report (or one part of a long one) of ``genre``."""
    parts: dict[str, Any] = {}
    for part in genre.parts:
        entries: Any = list[CitedTarget] if part.shape == "targets" else list[CitedUnit]
        parts[part.name] = (entries, Field(default_factory=list, description=part.asks))
    meta = metadata_answer(genre)
    model: type[BaseModel] = create_model(
        f"{_camel(genre.name)}Extraction",
        __config__=ConfigDict(title=f"{_camel(genre.name)}Extraction"),
        __doc__=f"What the model returns for one {genre.en} (or one part of a long one).",
        metadata=(meta, Field(default_factory=meta, description="报告的基本信息；原文没有写明的填 null")),
        overview=(str | None, Field(default=None, max_length=300, description="一两句话的总体概述")),
        **parts,
    )
    return model


def _camel(name: str) -> str:
    return "".join(word.capitalize() for word in name.split("_"))


class UnitSummary(BaseModel):
    """One unit's summary, in the hybrid backend's answer."""

    model_config = ConfigDict(json_schema_extra=lambda schema: schema.pop("description", None))

    id: int
    summary: str = Field(min_length=1, max_length=200)


class UnitSummaries(BaseModel):
    """The hybrid backend's answer for one call: a summary of every unit it was given."""

    model_config = ConfigDict(title="GenreUnitSummaries", json_schema_extra=lambda schema: schema.pop("description", None))

    units: list[UnitSummary]
