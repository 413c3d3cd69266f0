"""What the model returns in the hybrid backend: a summary (and maybe a part) per unit."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schema import PartName


def _no_description(schema: dict[str, Any]) -> None:
    schema.pop("description", None)  # the prompt explains the fields; every call carries the schema


class UnitAnswer(BaseModel):
    """One unit's summary, and its part when the unit was marked ``部分=？``."""

    model_config = ConfigDict(json_schema_extra=_no_description)

    id: int
    summary: str = Field(min_length=1, max_length=200)
    part: PartName | None = None


class UnitsAnswer(BaseModel):
    """The answer for one call: every unit it was given."""

    model_config = ConfigDict(title="UnitSummaries", json_schema_extra=_no_description)

    units: list[UnitAnswer]
