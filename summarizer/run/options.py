"""``RunOptions``: how one document is run, stated once and passed whole (no ``**options``)."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.backends import BackendChoice


@dataclass(frozen=True)
class RunOptions:
    """What a caller asks of one document's run.

    ``backend`` None means the settings' default (``auto``: the LLM when an endpoint is
    configured, else the rules). ``cpu_budget_s`` is the CPU seconds the document's CPU
    work may take; it is enforced where that work runs in a worker process (the process
    executor), None for no limit.
    """

    backend: BackendChoice | None = None
    include_text: bool = False  # the outcome carries the clean text its spans index into
    include_repairs: bool = False  # the outcome carries the preprocessing repairs
    use_cache: bool = True  # read and write the LLM cache
    cpu_budget_s: float | None = None
    genre: str | None = None  # the genre to summarise as (None or ``auto``: the document's kind decides)
