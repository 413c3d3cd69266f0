"""The summary of any genre, as the API, the jobs and the batch results carry it.

``ReportSummary`` (rule-of-law) or the output model of another genre of the table
(summarizer.genres); a summary of another genre names it in its ``genre`` field, and that
field picks the model it is read back with, so a genre added to the table travels through
the run path, batch results and the API with no edit here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    PlainSerializer,
    SerializationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)

from summarizer.govwork_schema import GovWorkSummary
from summarizer.schema import ReportSummary


def _read(value: Any, handler: ValidatorFunctionWrapHandler) -> BaseModel:
    """A summary object as it is, or a summary's data read with its genre's model."""
    if isinstance(value, BaseModel):
        return value
    genre = value.get("genre") if isinstance(value, dict) else None
    if not genre:
        result: BaseModel = handler(value)  # ReportSummary (or a clear validation error)
        return result
    from summarizer.genres import genre_named

    model: type[BaseModel] = genre_named(str(genre)).output_model()
    return model.model_validate(value)


def _write(value: BaseModel, info: SerializationInfo) -> dict[str, Any]:
    """The summary's own dump (by its genre's model), as the field's serialised value."""
    return value.model_dump(mode=info.mode, exclude_none=bool(info.exclude_none))


# For type checkers the two genres this package ships; at run time any genre of the table.
# The serialiser's return type is the dump it returns (a dict), not a summary model: declared as
# a model, pydantic checked each dump against ReportSummary | GovWorkSummary and warned
# (PydanticSerializationUnexpectedValue) on every summary it serialised.
AnySummary = Annotated[
    ReportSummary | GovWorkSummary,
    WrapValidator(_read),
    PlainSerializer(_write, return_type=dict[str, Any]),
]
