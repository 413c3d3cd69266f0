"""The interface every extraction backend implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, Field

from summarizer.schema import BackendName, Item, Metadata, PartName, Usage

if TYPE_CHECKING:
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure


class Extraction(BaseModel):
    """What a backend found in one report, before compliance and provenance."""

    metadata: Metadata = Field(default_factory=Metadata)
    overview: str | None = None
    achievements: list[Item] = Field(default_factory=list)
    problems: list[Item] = Field(default_factory=list)
    causes: list[Item] = Field(default_factory=list)
    leader_duties: list[Item] = Field(default_factory=list)
    plans: list[Item] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    model: str | None = None
    prompt_version: str | None = None
    cached: bool = False

    def items(self, part: PartName) -> list[Item]:
        """The items of one statutory part."""
        return getattr(self, part)


class Backend(Protocol):
    """An extraction backend."""

    name: BackendName

    async def extract(self, doc: CleanDocument, structure: DocumentStructure) -> Extraction:
        """Extract metadata and items from one clean report."""
        ...
