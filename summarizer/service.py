"""The one service every edge (CLI, API, batch, eval harness) calls.

input -> preprocess.clean -> structure.parse_structure -> doc_kind.classify -> backend.extract
      -> compliance.assess -> ReportSummary (validated against the clean text)
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer import __version__
from summarizer.compliance import assess
from summarizer.doc_kind import classify
from summarizer.errors import ConfigError, OutputError
from summarizer.extract.base import Backend, Extraction
from summarizer.extract.registry import backend_spec
from summarizer.genre_route import choose_genre, genre_summary
from summarizer.genres import RULE_OF_LAW, Genre, genre_named
from summarizer.preprocess import clean
from summarizer.preprocess.document import CleanDocument
from summarizer.schema import (
    PART_NAMES,
    BackendChoice,
    BackendName,
    DocumentKind,
    Provenance,
    ReportSummary,
)
from summarizer.settings import Settings
from summarizer.structure import DocumentStructure, parse_structure

if TYPE_CHECKING:
    import httpx

    from summarizer.extract.genre.extraction import GenreExtraction
    from summarizer.inputs.web import Fetched, FetchPolicy
    from summarizer.summary_types import AnySummary

__all__ = ["BackendChoice", "CpuWork", "Prepared", "SummaryResult", "SummaryService", "build_summary"]

_LLM_HINT = (
    "set SUMMARIZER_LLM_MODEL and SUMMARIZER_LLM_BASE_URL (and SUMMARIZER_LLM_API_KEY or "
    "OPENAI_API_KEY for hosted providers); see .env.example, or use --backend rules"
)


@dataclass(frozen=True)
class SummaryResult:
    """A summary together with the clean document it was made from."""

    summary: AnySummary  # ReportSummary, or the output model of another genre (GovWorkSummary), see genre_route
    document: CleanDocument
    structure: DocumentStructure


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one report is summarised.

    A 1 MB report builds hundreds of thousands of small objects that all stay alive
    until the summary is done; the collector keeps re-scanning them, which made the
    whole summary grow with the square of the input (measured: 27 s at 1 MB with it,
    3.6 s without). Memory is still freed by reference counting as usual; cycles
    wait until the collector runs again. Re-entrant: only the outermost use resumes it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_long_lived_frozen = False


def freeze_long_lived() -> None:
    """Take the objects alive now out of every later garbage collection, once per process.

    Called when a ``SummaryService`` is built: what is alive then is what the process
    imported (modules, compiled regexes, pydantic validators, the genre tables) and keeps
    until it exits. Left in the collector, the oldest generation holds about 37,000 of
    them, and every full collection (one every ~100 reports) re-scans them all for
    cycles they never form: measured 20-150 ms a pass on the seeds and devset, against
    about 1 ms once they are frozen. The price: a cycle that was already garbage at this
    moment is never freed, a one-off amount bounded by what import left behind. Forked
    workers inherit the frozen set, as ``gc.freeze`` intends.
    """
    global _long_lived_frozen
    if not _long_lived_frozen:
        _long_lived_frozen = True
        gc.freeze()


@dataclass(frozen=True)
class Prepared:
    """A report preprocessed and structured, ready for a backend (picklable, to cross processes)."""

    document: CleanDocument
    structure: DocumentStructure
    timing_ms: dict[str, float]
    kind: DocumentKind


@dataclass(frozen=True)
class CpuWork:
    """A report's CPU-bound work, done: prepared, and the backend's ``cpu_step`` (picklable, so a
    worker process can do it under the CPU budget and send it back)."""

    prepared: Prepared
    extraction: Extraction | None  # what the backend's cpu_step returned (None: it has none)
    cpu_step_ms: float = 0.0
    genre_summary: AnySummary | None = None  # a report of another genre by rules: its whole summary (GovWorkSummary …)
    genre: str | None = None  # a report of another genre for a backend that calls a model: the genre's name
    genre_extraction: GenreExtraction | None = None  # … and that backend's cpu_step


class SummaryService:
    """Summarises reports with the configured backends; build one per process."""

    def __init__(self, settings: Settings, *, llm_transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self.llm_transport = llm_transport  # how the LLM backend's requests travel; None: HTTP
        self._backends: dict[str, Backend] = {}
        self._genre_backends: dict[str, Any] = {}
        freeze_long_lived()

    def backend_name(self, choice: BackendChoice | str | None = None) -> BackendName:
        """Resolve ``auto`` (the settings' default) to the backend that will run.

        ``ConfigError`` for an unknown name or a backend whose needs are not configured.
        """
        choice = choice or self.settings.backend
        if choice == "auto":
            return "llm" if self.settings.llm.configured else "rules"
        spec = backend_spec(choice)
        if spec.needs_llm and not self.settings.llm.configured:
            raise ConfigError(
                f"the {spec.name} backend was asked for but no endpoint is configured", hint=_LLM_HINT
            )
        return spec.name

    def backend(self, choice: BackendChoice | str | None = None, *, use_cache: bool = True) -> Backend:
        """The backend for ``choice``, created once and reused."""
        name = self.backend_name(choice)
        key = f"{name}:{use_cache}"
        if key not in self._backends:
            self._backends[key] = backend_spec(name).build(self.settings, use_cache, self.llm_transport)
        return self._backends[key]

    def genre_backend(self, genre: Genre, name: BackendName, *, use_cache: bool = True) -> Any:
        """The ``llm`` or ``hybrid`` backend of a genre beyond rule-of-law, created once and reused."""
        key = f"{genre.name}:{name}:{use_cache}"
        if key not in self._genre_backends:
            from summarizer.extract.genre.hybrid_backend import GenreHybridBackend
            from summarizer.extract.genre.llm_backend import GenreLLMBackend

            kind = GenreHybridBackend if name == "hybrid" else GenreLLMBackend
            self._genre_backends[key] = kind(self.settings, genre, use_cache=use_cache, transport=self.llm_transport)
        return self._genre_backends[key]

    def runs_on_cpu(self, choice: BackendChoice | str | None = None) -> bool:
        """Whether the backend for ``choice`` works on the calling thread (run it off the event loop)."""
        return backend_spec(self.backend_name(choice)).cpu_bound

    async def summarize(
        self,
        source: str | bytes | os.PathLike[str],
        *,
        name: str | None = None,
        backend: BackendChoice | str | None = None,
        use_cache: bool = True,
        genre: str | None = None,
    ) -> SummaryResult:
        """Summarise one report: text (``str``), raw bytes, or a file path (``Path``).
        ``genre`` (``auto`` or None: decided by the document's kind) picks the parts."""
        # In a thread: a PDF or Word input may take PDFium, OCR or LibreOffice seconds,
        # which must not stall an event loop serving other requests.
        work = await asyncio.to_thread(self.cpu_work, source, name=name, backend=backend, use_cache=use_cache,
                                       genre=genre)
        return await self.finish(work, name=name, backend=backend, use_cache=use_cache)

    def cpu_work(
        self,
        source: str | bytes | os.PathLike[str],
        *,
        name: str | None = None,
        backend: BackendChoice | str | None = None,
        use_cache: bool = True,
        read_time_limit_s: float | None = None,
        genre: str | None = None,
    ) -> CpuWork:
        """All CPU-bound work on one report, on the calling thread: ``prepare``, then the backend's
        ``cpu_step`` (or, for a report of another genre, that genre's whole extraction). Where it
        runs (worker process, thread, inline) is the run layer's choice. ``read_time_limit_s``
        bounds the OCR and LibreOffice runs reading the input needs."""
        chosen = self.backend(backend, use_cache=use_cache)
        # One pause for both halves: each resume lets the collector scan what the step left alive.
        with collection_paused():
            prepared = self.prepare(source, name=name, read_time_limit_s=read_time_limit_s)
            other = self._other_genre(prepared, name=name, backend=backend, genre=genre, use_cache=use_cache)
            if other is not None:
                return other
            started = time.perf_counter()
            extraction = chosen.cpu_step(prepared.document, prepared.structure)
        return CpuWork(prepared, extraction, (time.perf_counter() - started) * 1000)

    def prepare(self, source: str | bytes | os.PathLike[str], *, name: str | None = None,
                read_time_limit_s: float | None = None) -> Prepared:
        """The CPU-bound first half of ``summarize``: preprocess and structure (any backend).
        ``read_time_limit_s`` bounds the OCR and LibreOffice runs of a PDF or Word input."""
        with collection_paused():
            t0 = time.perf_counter()
            doc = clean(source, name=name, read_time_limit_s=read_time_limit_s)
            t1 = time.perf_counter()
            structure = parse_structure(doc)
            kind = classify(doc.text, structure, doc.hints.title)
            t2 = time.perf_counter()
        timing = {"preprocess": (t1 - t0) * 1000, "structure": (t2 - t1) * 1000}
        return Prepared(doc, structure, timing, kind)

    async def complete(
        self,
        prepared: Prepared,
        *,
        name: str | None = None,
        backend: BackendChoice | str | None = None,
        use_cache: bool = True,
        genre: str | None = None,
    ) -> SummaryResult:
        """The second half of ``summarize``: extract with the backend and validate the summary."""
        work = self._other_genre(prepared, name=name, backend=backend, genre=genre, use_cache=use_cache)
        return await self.finish(work or CpuWork(prepared, None), name=name, backend=backend, use_cache=use_cache)

    def _other_genre(self, prepared: Prepared, *, name: str | None, backend: BackendChoice | str | None,
                     genre: str | None, use_cache: bool = True) -> CpuWork | None:
        """The CPU work on a report of another genre, or None for a rule-of-law report. ``genre``
        (None or ``auto``: the document's kind decides) overrides. By rules: the whole summary;
        by the llm or hybrid backend: that genre backend's ``cpu_step``, finished by ``finish``."""
        doc, structure = prepared.document, prepared.structure
        chosen_genre = choose_genre(prepared.kind, doc.text, structure.title or doc.hints.title,
                                    genre or self.settings.genre)
        if chosen_genre is RULE_OF_LAW:
            return None
        backend_name = self.backend_name(backend)
        started = time.perf_counter()
        if backend_name != "rules":
            chosen = self.genre_backend(chosen_genre, backend_name, use_cache=use_cache)
            with collection_paused():
                extraction = chosen.cpu_step(doc, structure)
            return CpuWork(prepared, None, (time.perf_counter() - started) * 1000, genre=chosen_genre.name,
                           genre_extraction=extraction)
        with collection_paused():
            summary: AnySummary = genre_summary(chosen_genre, doc, structure, backend=backend_name, name=name,
                                                kind=prepared.kind, timing=prepared.timing_ms)
        summary.provenance.timing_ms["extract"] = round((time.perf_counter() - started) * 1000, 3)
        return CpuWork(prepared, None, genre_summary=summary)

    async def finish(
        self,
        work: CpuWork,
        *,
        name: str | None = None,
        backend: BackendChoice | str | None = None,
        use_cache: bool = True,
    ) -> SummaryResult:
        """After ``cpu_work``: the backend's model calls (awaited), then the validated summary."""
        if work.genre_summary is not None:  # another genre: made whole on the CPU
            return SummaryResult(work.genre_summary, work.prepared.document, work.prepared.structure)
        if work.genre is not None:
            return await self._finish_genre(work, name=name, backend=backend, use_cache=use_cache)
        chosen = self.backend(backend, use_cache=use_cache)
        prepared = work.prepared
        t2 = time.perf_counter()
        extraction = await chosen.extract(prepared.document, prepared.structure, cpu=work.extraction)
        return self._result(work, extraction, (time.perf_counter() - t2) * 1000, chosen.name, name)

    async def _finish_genre(self, work: CpuWork, *, name: str | None, backend: BackendChoice | str | None,
                            use_cache: bool) -> SummaryResult:
        """A report of another genre by the llm or hybrid backend: its model calls, then its summary."""
        genre = genre_named(str(work.genre))
        backend_name = self.backend_name(backend)
        prepared = work.prepared
        started = time.perf_counter()
        extraction = await self.genre_backend(genre, backend_name, use_cache=use_cache).extract(
            prepared.document, prepared.structure, cpu=work.genre_extraction)
        timing = {**prepared.timing_ms, "extract": work.cpu_step_ms + (time.perf_counter() - started) * 1000}
        with collection_paused():
            summary = genre_summary(genre, prepared.document, prepared.structure, backend=backend_name, name=name,
                                    kind=prepared.kind, timing=timing, extraction=extraction)
        return SummaryResult(summary, prepared.document, prepared.structure)

    def finish_on_cpu(self, work: CpuWork, *, name: str | None = None,
                      backend: BackendChoice | str | None = None) -> SummaryResult:
        """After ``cpu_work`` of a backend that calls no model (``runs_on_cpu``): the validated
        summary, synchronously, on the calling thread."""
        if work.genre_summary is not None:  # another genre: made whole on the CPU
            return SummaryResult(work.genre_summary, work.prepared.document, work.prepared.structure)
        chosen_name = self.backend_name(backend)
        if not self.runs_on_cpu(chosen_name) or work.extraction is None:
            raise ValueError(f"the {chosen_name} backend calls a model: finish it with `finish`")
        return self._result(work, work.extraction, 0.0, chosen_name, name)

    def _result(self, work: CpuWork, extraction: Extraction, extract_ms: float, backend: BackendName,
                name: str | None) -> SummaryResult:
        prepared = work.prepared
        timing = {**prepared.timing_ms, "extract": work.cpu_step_ms + extract_ms}
        with collection_paused():
            summary = build_summary(
                extraction, prepared.document, backend=backend, timing=timing, name=name, kind=prepared.kind
            )
        return SummaryResult(summary=summary, document=prepared.document, structure=prepared.structure)

    def fetch_policy(self, *, public_only: bool = False, allow_private: bool = False,
                     max_bytes: int | None = None) -> FetchPolicy:
        """The fetch settings as a ``FetchPolicy``. ``public_only`` (servers) refuses non-public
        addresses except the API's allowed networks; otherwise a hop from a public address to a
        non-public one is refused unless ``allow_private``. ``max_bytes`` lowers the body cap."""
        # Here, not at the top: httpx and lxml cost a one-shot summary of a file a fifth of its time.
        from summarizer.inputs.web import FetchPolicy

        limits = self.settings.fetch
        return FetchPolicy(
            timeout_s=limits.timeout_s,
            max_bytes=min(limits.max_bytes, max_bytes) if max_bytes is not None else limits.max_bytes,
            max_redirects=limits.max_redirects,
            user_agent=f"summarizer/{__version__}", public_only=public_only,
            allowed_networks=tuple(self.settings.api.url_allowed_networks) if public_only else (),
            refuse_private_hops=not public_only and not allow_private,
        )

    def fetch(self, url: str, *, follow_attachments: bool = False, public_only: bool = False,
              allow_private: bool = False) -> Fetched:
        """Fetch a report by URL within the fetch settings (see ``fetch_policy``). Blocking:
        for callers without an event loop in their thread."""
        from summarizer.inputs.web import fetch_report

        policy = self.fetch_policy(public_only=public_only, allow_private=allow_private)
        return fetch_report(url, policy, follow_attachments=follow_attachments)

    async def fetch_async(self, url: str, *, follow_attachments: bool = False, public_only: bool = False,
                          max_bytes: int | None = None) -> Fetched:
        """``fetch`` on the caller's event loop: holds no thread, cancelled with its caller."""
        from summarizer.inputs.web import fetch_report_async

        policy = self.fetch_policy(public_only=public_only, max_bytes=max_bytes)
        return await fetch_report_async(url, policy, follow_attachments=follow_attachments)

    def summarize_sync(
        self,
        source: str | bytes | os.PathLike[str],
        *,
        name: str | None = None,
        backend: BackendChoice | str | None = None,
        use_cache: bool = True,
        genre: str | None = None,
    ) -> SummaryResult:
        """``summarize`` for callers without an event loop (scripts)."""
        if self.runs_on_cpu(backend):  # no model to await: no event loop, no thread to pay for
            with collection_paused():
                work = self.cpu_work(source, name=name, backend=backend, use_cache=use_cache, genre=genre)
                return self.finish_on_cpu(work, name=name, backend=backend)
        results: list[SummaryResult] = []

        async def run() -> None:
            results.append(await self.summarize(source, name=name, backend=backend, use_cache=use_cache,
                                                genre=genre))

        # The task returns None, not the result: on the main thread asyncio.run formats the task
        # (result included) into an error message it then discards, which for a 1 MB report takes
        # seconds (CPython 3.11, restoring the SIGINT handler).
        with collection_paused():
            asyncio.run(run())
        return results[0]


def build_summary(
    extraction: Extraction,
    doc: CleanDocument,
    *,
    backend: BackendName,
    timing: dict[str, float] | None = None,
    name: str | None = None,
    kind: DocumentKind | None = None,
) -> ReportSummary:
    """Assemble and validate the ``ReportSummary``: every evidence must be the clean text at its span.

    ``kind`` (from ``doc_kind.classify``) is carried in the output; a document that
    is not a rule-of-law annual report meets no requirement and gets a warning.
    """
    kind_warnings = [] if kind is None or kind.is_rule_of_law_report else [not_a_report_warning(kind)]
    data: dict[str, Any] = {
        "doc_id": _doc_id(name),
        "document_kind": kind.model_dump() if kind else None,
        "metadata": extraction.metadata.model_dump(),
        "overview": extraction.overview,
        **{part: [i.model_dump() for i in extraction.items(part)] for part in PART_NAMES},
        "compliance": assess(extraction, kind).model_dump(),
        "provenance": Provenance(
            backend=backend,
            model=extraction.model,
            prompt_version=extraction.prompt_version,
            summarizer_version=__version__,
            input_sha256=doc.input_sha256,
            input_kind=doc.hints.source_format,
            pages=len(doc.hints.page_starts) or None,
            input_notes=doc.hints.input_notes,
            repairs_count=doc.repair_count,
            warnings=[*kind_warnings, *doc.warnings, *extraction.warnings],
            usage=extraction.usage,
            cached=extraction.cached,
            timing_ms={k: round(v, 3) for k, v in (timing or {}).items()},
            created_at=dt.datetime.now(dt.UTC),
        ).model_dump(),
    }
    if doc.hints.page_starts:  # a reader wants "p. 3": each item's page, where the input had pages
        for part in PART_NAMES:
            for item in data[part]:
                item["page"] = doc.hints.page_at(item["span"]["start"])
    try:
        return ReportSummary.model_validate(data, context={"clean_text": doc.text})
    except ValueError as exc:  # pydantic.ValidationError is a ValueError
        raise OutputError(
            f"the {backend} backend produced a summary that does not validate: {exc}",
            source=name,
            hint="this is a bug in the backend or a model answer that slipped through; please report it",
        ) from exc


def not_a_report_warning(kind: DocumentKind) -> str:
    """The warning a summary of anything but a rule-of-law annual report carries."""
    what = "but another government report" if kind.kind == "other_government_report" else "nor any report"
    return f"not a rule-of-law annual report (法治政府建设年度报告) {what}: {kind.reason}"


def _doc_id(name: str | None) -> str | None:
    if not name:
        return None
    base = os.path.basename(str(name))
    return base.rsplit(".", 1)[0] if "." in base else base
