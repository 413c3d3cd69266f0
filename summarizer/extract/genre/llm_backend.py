"""``GenreLLMBackend``: a report of another genre read by the model, cited items and targets out.

As the rule-of-law LLM backend (summarizer.extract.llm.backend) does: number the
sentences, look in the cache, split a report that does not fit the context budget along
its sections, ask for each chunk (the genre's answer model, ``answer.answer_model``),
resolve the cited ids to verbatim evidence and spans (a target narrowed to the clauses
that state it), merge the chunks, drop duplicates. A truncated answer is asked again in
two halves; every call is metered against the document's budget.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from summarizer.errors import ConfigError, InputError, OutputError
from summarizer.extract.genre.answer import answer_model, metadata_model
from summarizer.extract.genre.extraction import GenreExtraction, rules_extraction
from summarizer.extract.genre.grounding import target_span
from summarizer.extract.govwork.targets import qualifier_of
from summarizer.extract.llm.backend import answer_reserve
from summarizer.extract.llm.chunking import plan_chunks
from summarizer.extract.llm.citations import (
    Sentence,
    number_sentences,
    render_numbered,
    resolve_citation,
)
from summarizer.extract.llm.hints import render_hints
from summarizer.extract.llm.outline import cut_ranks, heading_at
from summarizer.extract.rules import find_figures
from summarizer.genres import Genre
from summarizer.llm.cache import ExtractionCache, cache_key
from summarizer.llm.client import AnswerTruncated, ChatCaller, Messages, ModeMemory
from summarizer.llm.meter import Meter, estimate_tokens, lasting_warnings
from summarizer.llm.prompts import PromptTemplate, load_prompt
from summarizer.llm.response_model import prepare_response_model
from summarizer.schema import BackendName, BasedMetadata, Usage
from summarizer.settings import Settings

if TYPE_CHECKING:
    import httpx

    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import DocumentStructure

PROMPT_VERSION = "v1"
_MARGIN_TOKENS = 256  # message framing the estimate does not see
_NOT_CONFIGURED_HINT = "set SUMMARIZER_LLM_MODEL and SUMMARIZER_LLM_BASE_URL; see .env.example, or use --backend rules"


def genre_prompt(genre: Genre, kind: str, settings: Settings, extra: tuple[str, ...] = ()) -> PromptTemplate:
    """The ``kind`` (``extract`` or ``hybrid``) prompt of ``genre``: ``prompts/<genre>/<kind>/v1/``."""
    return load_prompt(f"{genre.name}/{kind}", PROMPT_VERSION, settings.llm.prompts_dir, extra=extra)


def parts_wording(genre: Genre, shapes: tuple[str, ...] = ("items", "targets")) -> str:
    """One line per part of ``genre`` (of these shapes): ``- name（中文名）：what is asked``."""
    return "\n".join(f"- {p.name}（{p.zh}）：{p.asks}" for p in genre.parts if p.shape in shapes)


class GenreLLMBackend:
    """Extraction of a report of ``genre`` by an OpenAI-compatible chat model, grounded by citations."""

    name: BackendName = "llm"

    def __init__(self, settings: Settings, genre: Genre, *, use_cache: bool = True,
                 transport: httpx.AsyncBaseTransport | None = None):
        if not settings.llm.configured:
            raise ConfigError("the LLM backend needs an endpoint and a model", hint=_NOT_CONFIGURED_HINT)
        self.genre = genre
        self.llm = settings.llm
        self.prompt = genre_prompt(genre, "extract", settings)
        self.cache = (
            ExtractionCache(settings.cache_dir / "llm.sqlite3") if use_cache and settings.cache_enabled else None
        )
        memory = ModeMemory(self.cache.load_mode, self.cache.save_mode) if self.cache else ModeMemory()
        self.caller = ChatCaller(self.llm, memory, transport)
        self._answer = answer_model(genre)
        self._prepared = prepare_response_model(self._answer)
        self._system = self.prompt.render_system(genre=genre.zh, parts=parts_wording(genre))
        self._schema = self._answer.model_json_schema()
        self._schema_tokens = estimate_tokens(json.dumps(self._schema, ensure_ascii=False))
        self._system_tokens = estimate_tokens(self._system)
        self._fixed = self._system_tokens + estimate_tokens(self.prompt.user) + self._schema_tokens + _MARGIN_TOKENS

    def cpu_step(self, doc: CleanDocument, structure: DocumentStructure) -> GenreExtraction | None:
        """The genre rules' guess the prompt's hints are drawn from, if hints are on
        (``SUMMARIZER_LLM_RULES_HINTS``; CPU on the calling thread)."""
        return rules_extraction(self.genre, doc, structure) if self.llm.rules_hints else None

    def _hints(self, doc: CleanDocument, structure: DocumentStructure, sentences: list[Sentence],
               guess: GenreExtraction | None) -> str:
        """The section outline, and where the genre's rules found each part (when hints are on)."""
        hints = render_hints(doc.text, structure, sentences, None, self.llm.section_hints)
        lines = []
        for part in self.genre.part_names:
            ids = sorted({s.id for e in (guess.entries(part) if guess else []) for s in sentences
                          if s.start < e["span"]["end"] and e["span"]["start"] < s.end})
            if ids:
                lines.append(f"{part}: " + ", ".join(f"[{a}–{b}]" if a != b else f"[{a}]" for a, b in _runs(ids)))
        if lines:
            hints += "规则抽取器的初步划分（可能有误，仅供参考）：\n" + "\n".join(lines) + "\n"
        return hints

    async def extract(self, doc: CleanDocument, structure: DocumentStructure,
                      cpu: GenreExtraction | None = None) -> GenreExtraction:
        """Metadata, cited items and targets of one clean report of the genre."""
        sentences = number_sentences(doc)
        if not sentences:
            raise InputError("the report has no text to summarise", source=doc.source_name)
        guess = cpu
        if guess is None and self.llm.rules_hints:
            guess = await asyncio.to_thread(self.cpu_step, doc, structure)
        hints = self._hints(doc, structure, sentences, guess)
        key = None
        if self.cache is not None:
            key = cache_key(
                text=doc.text, hints=hints, genre=self.genre.name, endpoint=self.caller.endpoint_key,
                prompt=self.prompt.label, prompt_sha256=self.prompt.sha256, system=self._system,
                answer_schema=self._schema, context_tokens=self.llm.context_tokens,
                max_output_tokens=self.llm.max_output_tokens, temperature=self.llm.temperature,
            )
            if (hit := self.cache.get(key, GenreExtraction)) is not None:
                price = self.llm.price()
                free = Usage(cost=0.0 if price else None, currency=price.currency if price else None)
                return hit.model_copy(update={"cached": True, "usage": free})
        meter = Meter(self.llm.budget_tokens, self.llm.budget_cost, self.llm.price(), doc.source_name)
        chunks = self._plan(doc, structure, sentences, hints)
        tasks = [asyncio.ensure_future(self._chunk(doc, structure, chunk, i, len(chunks), meter, guess))
                 for i, chunk in enumerate(chunks)]
        try:
            results = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:  # the first failure decides; the other chunks would only spend budget
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        extraction = self._merge(list(results), meter, len(chunks))
        if self.cache is not None and key is not None:
            lasting = lasting_warnings(extraction.warnings)
            self.cache.put(key, extraction.model_copy(update={"warnings": lasting}))
        return extraction

    def _plan(self, doc: CleanDocument, structure: DocumentStructure, sentences: list[Sentence],
              hints: str) -> list[list[Sentence]]:
        """The whole report when it fits the context budget, else chunks along its sections."""
        room = (self.llm.context_tokens - answer_reserve(self.llm.max_output_tokens, self.llm.context_tokens)
                - self._fixed - estimate_tokens(hints))
        if room <= 0:
            raise ConfigError(
                f"SUMMARIZER_LLM_CONTEXT_TOKENS={self.llm.context_tokens} leaves no room for the report "
                f"after the prompt ({self._fixed} tokens) and the answer ({self.llm.max_output_tokens})",
                hint="raise SUMMARIZER_LLM_CONTEXT_TOKENS or lower SUMMARIZER_LLM_MAX_OUTPUT_TOKENS",
            )
        if estimate_tokens(render_numbered(doc.text, sentences)) <= room:
            return [sentences]
        costs = [estimate_tokens(f"[{s.id}]" + doc.text[s.start:s.end]) for s in sentences]
        return plan_chunks(sentences, costs, room, cut_ranks(structure, sentences))

    async def _chunk(self, doc: CleanDocument, structure: DocumentStructure, chunk: list[Sentence], index: int,
                     count: int, meter: Meter, guess: GenreExtraction | None) -> GenreExtraction:
        hints = self._hints(doc, structure, chunk, guess)
        report = render_numbered(doc.text, chunk).replace("<<<", "‹‹‹").replace(">>>", "›››")
        user = self.prompt.render_user(
            part_note=f"（长报告的第 {index + 1}/{count} 部分）" if count > 1 else "",
            sentence_count=len(chunk), first_id=chunk[0].id, last_id=chunk[-1].id, hints=hints, report=report,
        )
        messages: Messages = [{"role": "system", "content": self._system}, {"role": "user", "content": user}]
        estimate = self._system_tokens + estimate_tokens(user) + self._schema_tokens
        max_tokens = max(min(self.llm.max_output_tokens, self.llm.context_tokens - estimate - _MARGIN_TOKENS), 64)
        try:
            asked = await self.caller.ask_for(self._prepared, messages, meter=meter, max_tokens=max_tokens,
                                              prompt_estimate=estimate, source=doc.source_name)
        except AnswerTruncated as exc:
            if len(chunk) < 2:
                raise OutputError(f"the model's answer was cut off at {exc.max_tokens} tokens even for one sentence",
                                  source=doc.source_name, hint="raise SUMMARIZER_LLM_MAX_OUTPUT_TOKENS") from exc
            middle = len(chunk) // 2
            halves = [await self._chunk(doc, structure, half, index, count, meter, guess)
                      for half in (chunk[:middle], chunk[middle:])]
            merged = _combine(self.genre, halves)
            merged.warnings.insert(0, f"the answer for sentences {chunk[0].id}–{chunk[-1].id} was truncated at "
                                      f"{exc.max_tokens} tokens; asked again in 2 parts")
            return merged
        by_id = {s.id: s for s in chunk}
        first, dropped = self._resolve(doc, structure, asked.answer, by_id)
        if dropped and self.llm.max_reasks > 0:
            return await self._reask(doc, structure, messages, asked.answer, by_id, first, dropped, meter)
        return first

    async def _reask(self, doc: CleanDocument, structure: DocumentStructure, messages: Messages,
                     answer: BaseModel, by_id: dict[int, Sentence], first: GenreExtraction, dropped: int,
                     meter: Meter) -> GenreExtraction:
        """Ask once more when entries cited sentences that do not exist; keep the better answer
        (as the rule-of-law LLM backend does)."""
        ids = sorted(by_id)
        follow_up: Messages = [
            *messages,
            {"role": "assistant", "content": answer.model_dump_json()},
            {"role": "user", "content": (f"上面的回答中有条目引用了不存在的句子编号（本报告的句子编号为 {ids[0]}–{ids[-1]}）。"
                                         "请重新给出完整的回答，每个条目只引用存在的句子编号。")},
        ]
        estimate = sum(estimate_tokens(str(m.get("content") or "")) for m in follow_up) + self._schema_tokens
        try:
            asked = await self.caller.ask_for(self._prepared, follow_up, meter=meter,
                                              max_tokens=self.llm.max_output_tokens, prompt_estimate=estimate,
                                              source=doc.source_name)
        except AnswerTruncated:
            first.warnings.append("re-ask about missing citations was truncated; the first answer was kept")
            return first
        second, still = self._resolve(doc, structure, asked.answer, by_id)
        if still < dropped:
            second.warnings.insert(0, f"re-asked after {dropped} entry(ies) cited no existing sentence")
            return second
        first.warnings.append("re-asked about missing citations; the answer did not improve and was kept")
        return first

    def _resolve(self, doc: CleanDocument, structure: DocumentStructure, answer: BaseModel,
                 by_id: dict[int, Sentence]) -> tuple[GenreExtraction, int]:
        """Cited ids to verbatim evidence and spans; entries citing nothing that exists are dropped
        (and counted)."""
        text = doc.text
        parts: dict[str, list[dict[str, Any]]] = {}
        warnings: list[str] = []
        dropped = 0
        for part in self.genre.parts:
            kept: list[dict[str, Any]] = []
            for entry in getattr(answer, part.name):
                label = f"{part.name} {'target' if part.shape == 'targets' else 'item'} " \
                        f"{(entry.indicator if part.shape == 'targets' else entry.summary)[:24]!r}"
                citation = resolve_citation(entry.cited_ids(), by_id)
                if citation is None:
                    warnings.append(f"{label} cited no existing sentence ({entry.cite}); dropped")
                    dropped += 1
                    continue
                if citation.unknown:
                    warnings.append(f"{label} cited sentences that do not exist: {list(citation.unknown)}")
                if part.shape == "targets":
                    kept.append(_target(text, entry, citation.start, citation.end))
                else:
                    kept.append(_item(text, structure, entry.summary, citation.start, citation.end))
            parts[part.name] = kept
        metadata = _metadata(self.genre, answer, warnings)
        return GenreExtraction(metadata=metadata, overview=getattr(answer, "overview", None), parts=parts,
                               warnings=warnings), dropped

    def _merge(self, results: list[GenreExtraction], meter: Meter, chunks: int) -> GenreExtraction:
        merged = _combine(self.genre, results)
        if chunks > 1:
            merged.warnings.insert(0, f"the report was longer than the context budget and was read in {chunks} parts")
        if note := meter.retry_note():
            merged.warnings.append(note)
        if note := meter.usage_note():
            merged.warnings.append(note)
        return merged.model_copy(update={"usage": meter.usage(), "model": self.llm.model,
                                         "prompt_version": self.prompt.label})


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    """Sorted ids as runs of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for i in ids:
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _item(text: str, structure: DocumentStructure, summary: str, start: int, end: int) -> dict[str, Any]:
    return {
        "summary": summary.strip() or text[start:end][:60], "evidence": text[start:end],
        "span": {"start": start, "end": end}, "category": heading_at(structure, start),
        "figures": [f.model_dump() for f in find_figures(text, start, end)], "part_basis": "model",
    }


def _target(text: str, cited: Any, start: int, end: int) -> dict[str, Any]:
    start, end = target_span(text, start, end, cited.indicator, cited.value)
    word = (cited.qualifier_text or "").strip() or None
    return {
        "indicator": cited.indicator.strip(), "value": cited.value,
        "value_high": cited.value_high if cited.value is not None else None,
        "unit": cited.unit or None, "qualifier": qualifier_of(word), "qualifier_text": word,
        "comparison": cited.comparison or None, "evidence": text[start:end], "span": {"start": start, "end": end},
    }


def _metadata(genre: Genre, answer: BaseModel, warnings: list[str]) -> dict[str, Any]:
    """The answer's metadata as the genre's metadata model holds it (its validators passed already)."""
    stated = getattr(answer, "metadata", None)
    data = stated.model_dump() if stated is not None else {}
    try:
        return model_metadata(genre, data)
    except ValidationError as exc:  # the answer model checks it; kept apart in case a chunk's merge does not
        warnings.append(f"the model's metadata did not validate and was left out: {exc.errors()[0]['msg']}")
        return {}


def model_metadata(genre: Genre, data: dict[str, Any]) -> dict[str, Any]:
    """The model's metadata values as the genre's metadata model holds them, each value's basis
    ``model`` (inferred: the model read it) and each null one's reason, where the model has a basis."""
    metadata = metadata_model(genre).model_validate({k: v for k, v in data.items() if k != "basis"})
    if isinstance(metadata, BasedMetadata):
        metadata = metadata.with_source("model").with_null_reason("the model read no value in the report")
    return metadata.model_dump()


def _combine(genre: Genre, results: list[GenreExtraction]) -> GenreExtraction:
    """Metadata field by field from the first chunk stating it; entries in order without repeated spans."""
    meta: dict[str, Any] = {}
    for r in results:
        for name, value in r.metadata.items():
            if name != "basis" and meta.get(name) is None and value is not None:
                meta[name] = value
    try:
        meta = model_metadata(genre, meta)
    except ValidationError:  # chunks disagreeing (one read the session year, another the year reviewed)
        meta = results[0].metadata if results else {}
    parts: dict[str, list[dict[str, Any]]] = {}
    for part in genre.part_names:
        seen: set[tuple[int, int, str]] = set()
        kept = []
        for entry in sorted((e for r in results for e in r.entries(part)),
                            key=lambda e: (e["span"]["start"], e["span"]["end"])):
            # Two targets may share a clause (万元GDP能耗、水耗分别下降…): their indicators tell them apart.
            mark = (entry["span"]["start"], entry["span"]["end"], entry.get("indicator", ""))
            if mark not in seen:
                seen.add(mark)
                kept.append(entry)
        parts[part] = kept
    return GenreExtraction(
        metadata=meta, overview=next((r.overview for r in results if r.overview), None), parts=parts,
        warnings=[w for r in results for w in r.warnings],
    )
