"""The interface every extraction backend implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, Field

from summarizer.parts import PART_BY_NAME
from summarizer.schema import BackendName, Item, Metadata, PartName, Usage

if TYPE_CHECKING:
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure


def _part(name: str) -> list[Item]:
    """A part's field: a list of items described by the part's Chinese label."""
    return Field(default_factory=list, description=PART_BY_NAME[name].zh)


class Extraction(BaseModel):
    """What a backend found in one report, before compliance and provenance: one list per part
    (explicit fields, in statutory order, checked against ``summarizer.parts`` by the tests)."""

    metadata: Metadata = Field(default_factory=Metadata)
    overview: str | None = None
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    model: str | None = None
    prompt_version: str | None = None
    cached: bool = False

    achievements: list[Item] = _part("achievements")
    problems: list[Item] = _part("problems")
    causes: list[Item] = _part("causes")
    leader_duties: list[Item] = _part("leader_duties")
    plans: list[Item] = _part("plans")

    def items(self, part: PartName) -> list[Item]:
        """The items of one statutory part."""
        items: list[Item] = getattr(self, part)
        return items


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
