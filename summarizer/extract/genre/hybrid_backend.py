"""``GenreHybridBackend``: a genre's rules find the items and targets, the model words the items.

As the rule-of-law hybrid backend (summarizer.extract.hybrid) does: run the genre's rules;
look in the cache; group the items of each part (shape ``items``) into calls of a few units;
ask for every group (and, when the rules left metadata fields empty, for those from the
report's head and tail) concurrently; apply each answer to its own units only. A unit whose
call failed, or whose summary does not pass ``hybrid.checks.summary_problem``, keeps the
rules' summary, with a warning. Evidence, spans, parts and targets are always the rules'
(a target is a figure the rules read whole; there is nothing to word).
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer.errors import ConfigError, SummarizerError
from summarizer.extract.genre.answer import UnitSummaries, metadata_answer, metadata_model
from summarizer.extract.genre.extraction import GenreExtraction, rules_extraction
from summarizer.extract.genre.llm_backend import genre_prompt, parts_wording
from summarizer.extract.hybrid.asking import ask_unit_group, failure_reason
from summarizer.extract.hybrid.checks import summary_problem
from summarizer.genres import Genre
from summarizer.llm.cache import ExtractionCache, cache_key
from summarizer.llm.client import AnswerTruncated, ChatCaller, Messages, ModeMemory
from summarizer.llm.meter import Meter, estimate_tokens, lasting_warnings
from summarizer.llm.response_model import prepare_response_model
from summarizer.schema import BackendName, BasedMetadata, Usage
from summarizer.settings import Settings

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel

    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure

_EXTRA = ("metadata.md", "metadata_system.md")
_UNITS_ANSWER = prepare_response_model(UnitSummaries)
_HEAD_CHARS, _TAIL_CHARS = 300, 100  # where the title, subtitle (session, speaker, date) and issuer are written
_EXCERPT_CHARS = 100  # what the model reads of a long unit: its opening states what the unit is about
_SENTENCE_END = re.compile(r"[。；;！？]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Unit:
    """One item of the rules, numbered for the prompt."""

    id: int
    part: str
    index: int  # its place in the part's list
    excerpt: str

    def render(self) -> str:
        return f"[{self.id}] 部分={self.part} 原文：{self.excerpt}"


class GenreHybridBackend:
    """A genre's rules find the items; the model writes their summaries and fills missing metadata."""

    name: BackendName = "hybrid"

    def __init__(self, settings: Settings, genre: Genre, *, use_cache: bool = True,
                 transport: httpx.AsyncBaseTransport | None = None):
        if not settings.llm.configured:
            raise ConfigError("the hybrid backend needs an LLM endpoint and a model",
                              hint="set SUMMARIZER_LLM_MODEL and SUMMARIZER_LLM_BASE_URL; see .env.example")
        self.genre = genre
        self.llm = settings.llm
        self.prompt = genre_prompt(genre, "hybrid", settings, extra=_EXTRA)
        self.cache = (
            ExtractionCache(settings.cache_dir / "llm.sqlite3") if use_cache and settings.cache_enabled else None
        )
        memory = ModeMemory(self.cache.load_mode, self.cache.save_mode) if self.cache else ModeMemory()
        self.caller = ChatCaller(self.llm, memory, transport)
        self._meta_answer = metadata_answer(genre)
        self._meta_prepared = prepare_response_model(self._meta_answer)
        self._system = self.prompt.render_system(genre=genre.zh, parts=parts_wording(genre, ("items",)))
        self._meta_system = self.prompt.render_other("metadata_system.md", genre=genre.zh)
        self._schema_tokens = estimate_tokens(json.dumps(UnitSummaries.model_json_schema(), ensure_ascii=False))
        self._meta_schema_tokens = estimate_tokens(
            json.dumps(self._meta_answer.model_json_schema(), ensure_ascii=False))

    def cpu_step(self, doc: CleanDocument, structure: DocumentStructure) -> GenreExtraction:
        """The genre's rules extraction the model calls start from (CPU on the calling thread)."""
        return rules_extraction(self.genre, doc, structure)

    async def extract(self, doc: CleanDocument, structure: DocumentStructure,
                      cpu: GenreExtraction | None = None) -> GenreExtraction:
        """The rules' extraction with model-written summaries and filled metadata."""
        rules = cpu if cpu is not None else await asyncio.to_thread(self.cpu_step, doc, structure)
        key = None
        if self.cache is not None:
            key = cache_key(
                text=doc.text, rules=rules.model_dump(mode="json"), genre=self.genre.name,
                endpoint=self.caller.endpoint_key, prompt=self.prompt.label, prompt_sha256=self.prompt.sha256,
                system=self._system, answer_schema=UnitSummaries.model_json_schema(),
                batch_tokens=self.llm.hybrid_batch_tokens, temperature=self.llm.temperature,
            )
            if (hit := self.cache.get(key, GenreExtraction)) is not None:
                price = self.llm.price()
                free = Usage(cost=0.0 if price else None, currency=price.currency if price else None)
                return hit.model_copy(update={"cached": True, "usage": free})

        meter = Meter(self.llm.budget_tokens, self.llm.budget_cost, self.llm.price(), doc.source_name)
        units = self._units(rules)
        batches = _batches(units, self.llm.hybrid_batch_tokens, self.llm.hybrid_batch_units)
        missing = [f for f in self.genre.metadata_fields if rules.metadata.get(f) is None]
        answers, meta = await asyncio.gather(
            asyncio.gather(*(self._ask_units(batch, meter, doc.source_name) for batch in batches)),
            self._ask_metadata(doc.text, missing, meter, doc.source_name),
        )
        warnings = list(rules.warnings)
        summaries: dict[int, str] = {}
        for batch, (answered, problem) in zip(batches, answers, strict=True):
            if problem is not None:
                warnings.append(f"hybrid: units {batch[0].id}–{batch[-1].id}: {problem}; the rules' output was kept")
            summaries.update(answered)
        metadata, meta_problem = meta
        if meta_problem is not None:
            warnings.append(f"hybrid: metadata: {meta_problem}; the rules' metadata was kept")
        parts, notes = _apply(rules, units, summaries)
        warnings.extend(notes)
        if note := meter.retry_note():
            warnings.append(note)
        if note := meter.usage_note():
            warnings.append(note)
        filled, fill_note = _fill(self.genre, rules.metadata, metadata)
        if fill_note:
            warnings.append(fill_note)
        extraction = GenreExtraction(
            metadata=filled, overview=rules.overview, parts=parts, warnings=warnings, usage=meter.usage(),
            model=self.llm.model, prompt_version=self.prompt.label,
        )
        failed = any(problem is not None for _, problem in answers) or meta_problem is not None
        if self.cache is not None and key is not None and not failed:  # a degraded result is not kept
            lasting = lasting_warnings(extraction.warnings)
            self.cache.put(key, extraction.model_copy(update={"warnings": lasting}))
        return extraction

    def _units(self, rules: GenreExtraction) -> list[_Unit]:
        """Every item of the parts of shape ``items``, in the genre's order, numbered from 1."""
        units: list[_Unit] = []
        for part in self.genre.parts:
            if part.shape != "items":
                continue
            for index, item in enumerate(rules.entries(part.name)):
                units.append(_Unit(len(units) + 1, part.name, index, _excerpt(item["evidence"])))
        return units

    async def _ask_units(self, batch: list[_Unit], meter: Meter, source: str | None
                         ) -> tuple[dict[int, str], str | None]:
        """The summaries for one group of units, or none and why the call failed."""
        answer, failed = await ask_unit_group(
            self.caller, _UNITS_ANSWER, self.prompt, self._system, batch=batch, schema_tokens=self._schema_tokens,
            max_output_tokens=self.llm.max_output_tokens, meter=meter, source=source)
        wanted = {u.id for u in batch}
        return ({a.id: a.summary for a in answer.units if a.id in wanted} if answer is not None else {}), failed

    async def _ask_metadata(self, text: str, missing: list[str], meter: Meter, source: str | None
                            ) -> tuple[BaseModel | None, str | None]:
        """The metadata fields the rules did not find, read by the model from the head and tail."""
        if not missing:
            return None, None
        head = text[:_HEAD_CHARS]
        tail = text[-_TAIL_CHARS:] if len(text) > _HEAD_CHARS + _TAIL_CHARS else ""
        described = metadata_model(self.genre).model_fields
        user = self.prompt.render_other(
            "metadata.md", genre=self.genre.zh, tail_note="和结尾" if tail else "",
            fields="；".join(f"{f}（{described[f].description or f}）" for f in missing),
            head=(head + ("\n……\n" + tail if tail else "")).replace("<<<", "‹‹‹").replace(">>>", "›››"),
        )
        messages: Messages = [{"role": "system", "content": self._meta_system}, {"role": "user", "content": user}]
        estimate = estimate_tokens(self._meta_system) + estimate_tokens(user) + self._meta_schema_tokens
        try:
            asked = await self.caller.ask_for(self._meta_prepared, messages, meter=meter, max_tokens=256,
                                              prompt_estimate=estimate, source=source)
        except (SummarizerError, AnswerTruncated) as exc:
            return None, failure_reason(exc)
        answer: BaseModel = asked.answer
        return answer, None


def _excerpt(text: str) -> str:
    """The unit's text with whitespace removed, cut after a sentence near ``_EXCERPT_CHARS``."""
    flat = _SPACE.sub("", text)
    if len(flat) <= _EXCERPT_CHARS:
        return flat
    ends = [m.end() for m in _SENTENCE_END.finditer(flat, 0, _EXCERPT_CHARS)]
    cut = ends[-1] if ends and ends[-1] >= _EXCERPT_CHARS // 2 else _EXCERPT_CHARS
    return flat[:cut] + "…"


def _batches(units: list[_Unit], token_limit: int, max_units: int) -> list[list[_Unit]]:
    """Consecutive units in groups of at most ``max_units`` and about ``token_limit`` prompt tokens."""
    groups: list[list[_Unit]] = []
    used = 0
    for unit in units:
        cost = estimate_tokens(unit.render())
        if not groups or len(groups[-1]) >= max_units or used + cost > token_limit:
            groups.append([])
            used = 0
        groups[-1].append(unit)
        used += cost
    return groups


def _apply(rules: GenreExtraction, units: list[_Unit], summaries: dict[int, str]
           ) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """The rules' parts with the model's summaries where they pass the checks."""
    parts = {part: [dict(entry) for entry in entries] for part, entries in rules.parts.items()}
    rejected = unanswered = 0
    for unit in units:
        item = parts[unit.part][unit.index]
        summary = summaries.get(unit.id, "").strip()
        if not summary:
            unanswered += 1
        elif summary_problem(summary, item["evidence"]) is None:
            item["summary"] = summary
        else:
            rejected += 1
    notes = []
    if rejected:
        notes.append(f"hybrid: {rejected} model summary(ies) failed the checks (length, figures, brackets, drawn "
                     "from the text); the rules' summary was kept for them")
    if unanswered:
        notes.append(f"hybrid: {unanswered} unit(s) got no summary from the model and keep the rules' one")
    return parts, notes


def _fill(genre: Genre, found: dict[str, Any], asked: BaseModel | None) -> tuple[dict[str, Any], str | None]:
    """The rules' metadata with the fields they left empty taken from the model, where the result
    still validates (a session year the model read must agree with the year the rules found)."""
    if asked is None:
        return found, None
    data = dict(found)
    filled = []
    for name, value in asked.model_dump().items():
        if data.get(name) is None and value is not None:
            data[name] = value
            filled.append(name)
    try:
        metadata = metadata_model(genre).model_validate(data)
        if isinstance(metadata, BasedMetadata):  # what the model filled in is the model's reading
            metadata = metadata.with_source("model", filled)
        return metadata.model_dump(), None
    except ValueError as exc:
        return found, f"hybrid: the model's metadata disagreed with the rules' and was not used ({exc})"
