"""A response model as instructor sends and parses it, prepared once per process.

On every call instructor wraps a plain response model in a new class
(``instructor.response_schema``, about 3 ms of CPU: pydantic builds a model)
and generates that class's JSON schema (about 4 ms). Both are invariant for a
given answer model, so ``prepare_response_model`` wraps it once (instructor sees
it is already a ``ResponseSchema`` and uses it as is) and generates its JSON schema
once per set of arguments. The class keeps its name and the schema is the same, so
requests are byte-identical to instructor's own.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import instructor
from pydantic import BaseModel

ModelT = TypeVar("ModelT", bound=BaseModel)


def prepare_response_model(model: type[ModelT]) -> type[ModelT]:
    """``model`` wrapped as instructor wraps it, with its JSON schema generated once and reused.

    Each caller gets a fresh copy of the schema (instructor's handlers and the
    openai client may modify what they are given).
    """
    wrapped = instructor.response_schema(model)
    generate = wrapped.model_json_schema
    texts: dict[tuple[object, ...], str] = {}

    def model_json_schema(*args: Any, **kwargs: Any) -> dict[str, Any]:
        key = (args, tuple(sorted(kwargs.items())))
        try:
            text = texts.get(key)
        except TypeError:  # an unhashable argument: not worth caching
            return generate(*args, **kwargs)
        if text is None:
            text = texts[key] = json.dumps(generate(*args, **kwargs), ensure_ascii=False)
        schema: dict[str, Any] = json.loads(text)
        return schema

    model_json_schema.__doc__ = generate.__doc__
    wrapped.model_json_schema = staticmethod(model_json_schema)  # type: ignore[method-assign]  # on purpose
    return wrapped


__all__ = ["prepare_response_model"]
