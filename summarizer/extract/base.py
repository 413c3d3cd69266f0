"""The interface every extraction backend implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, Field, create_model

from summarizer.parts import part_fields
from summarizer.schema import BackendName, Item, Metadata, PartName, Usage

if TYPE_CHECKING:
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure


class _ExtractionBase(BaseModel):
    metadata: Metadata = Field(default_factory=Metadata)
    overview: str | None = None
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    model: str | None = None
    prompt_version: str | None = None
    cached: bool = False

    def items(self, part: PartName) -> list[Item]:
        """The items of one statutory part."""
        return getattr(self, part)


# What a backend found in one report, before compliance and provenance: one list per part.
Extraction = create_model(
    "Extraction",
    __doc__="What a backend found in one report, before compliance and provenance.",
    __base__=_ExtractionBase,
    __module__=__name__,
    **part_fields(list[Item]),
)


class Backend(Protocol):
    """An extraction backend: its CPU work synchronous, its model calls asynchronous.

    The run layer (``summarizer.run``) decides where each half runs: ``cpu_step`` in a
    worker process under the CPU budget (or a thread, or inline), ``extract`` on the event
    loop, given what ``cpu_step`` returned for the same document.
    """

    name: BackendName

    def cpu_step(self, doc: CleanDocument, structure: DocumentStructure) -> Extraction | None:
        """The backend's CPU-bound work on one report, on the calling thread (None: it has none)."""
        ...

    async def extract(
        self, doc: CleanDocument, structure: DocumentStructure, cpu: Extraction | None = None
    ) -> Extraction:
        """Extract metadata and items from one clean report. ``cpu`` is this backend's
        ``cpu_step`` result for the same document when already run; without it ``extract``
        does that work itself."""
        ...
