"""An output model built from the genre table, for a genre declared without its own.

A genre added to summarizer.genres gets a summary model at once: one list per part (``Item``
for parts of shape ``items``, ``Target`` for ``targets``), metadata with the genre's fields,
its checklist, and the document kind and provenance every summary carries. A genre whose
model is used by other services should then be given explicit typed fields of its own
(as ``GovWorkSummary`` is), which a test holds to the table.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from summarizer.genres import Genre
from summarizer.govwork_schema import Target
from summarizer.schema import DocumentKind, Item, Provenance

GENRE_SCHEMA_VERSION = "1.0"


class _TableSummary(BaseModel):
    def items(self, part: str) -> list[Any]:
        """The entries of one part."""
        entries: list[Any] = getattr(self, part)
        return entries


@functools.cache
def table_model(genre: Genre) -> type[BaseModel]:
    """The summary model of ``genre`` built from its parts, metadata fields and checklist."""
    title = "".join(w.capitalize() for w in genre.name.split("_"))
    metadata: Any = create_model(  # type: ignore[call-overload]  # fields built from the table
        f"{title}Metadata", __module__=__name__,
        **{name: (str | int | dt.date | None, None) for name in genre.metadata_fields},
    )
    checklist: Any = create_model(  # type: ignore[call-overload]  # fields built from the table
        f"{title}Checklist", __module__=__name__,
        **{c.name: (bool, Field(description=c.en)) for c in genre.checklist},
        missing=(list[str], Field(default_factory=list)),
    )
    parts: dict[str, Any] = {
        p.name: (list[Target] if p.shape == "targets" else list[Item], Field(default_factory=list, description=p.en))
        for p in genre.parts
    }
    return create_model(
        f"{title}Summary", __base__=_TableSummary, __module__=__name__,
        __doc__=f"A checked, structured summary of one {genre.zh} ({genre.en}).",
        schema_version=(str, GENRE_SCHEMA_VERSION),
        genre=(Literal[genre.name], genre.name),  # type: ignore[arg-type]  # a Literal of the genre's name
        doc_id=(str | None, None), document_kind=(DocumentKind | None, None),
        metadata=(metadata, ...), overview=(str | None, None), **parts,
        checklist=(checklist, ...), provenance=(Provenance, ...),
    )
