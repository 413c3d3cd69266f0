"""What a backend found in one report of another genre, before its checklist and provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from summarizer.genres import Genre
from summarizer.schema import Usage

if TYPE_CHECKING:
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure


class GenreExtraction(BaseModel):
    """A genre's metadata, overview and parts as plain data (each entry an ``Item`` or a
    ``Target`` of the genre's output model, validated against the clean text when the
    summary is assembled: summarizer.genre_route.genre_summary)."""

    metadata: dict[str, Any] = Field(default_factory=dict)
    overview: str | None = None
    parts: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    model: str | None = None
    prompt_version: str | None = None
    cached: bool = False

    @classmethod
    def of(cls, genre: Genre, extraction: Any) -> GenreExtraction:
        """The same content from a genre's rules extraction (its own typed model)."""
        return cls(
            metadata=extraction.metadata.model_dump(), overview=extraction.overview,
            parts={part: [entry.model_dump() for entry in getattr(extraction, part)] for part in genre.part_names},
            warnings=list(extraction.warnings), usage=extraction.usage, model=extraction.model,
            prompt_version=extraction.prompt_version, cached=extraction.cached,
        )

    def entries(self, part: str) -> list[dict[str, Any]]:
        """The entries of one part ([] when it has none)."""
        return self.parts.get(part, [])


def rules_extraction(genre: Genre, doc: CleanDocument, structure: DocumentStructure) -> GenreExtraction:
    """What ``genre``'s rules extractor finds in ``doc`` (CPU on the calling thread)."""
    return GenreExtraction.of(genre, genre.rules_extractor()(doc, structure))
