"""``LLMBackend``: the report as numbered sentences in, cited items out.

Per document: number the sentences, look in the cache, split the report
along its sections if it does not fit the context budget, ask the model for
each part (citations, not copied text), resolve the citations to verbatim
evidence and spans, re-ask once when an answer cites sentences that do not
exist, merge the parts and drop duplicates. Every call is metered against the
document's token and cost budget.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

import httpx

from summarizer.errors import ConfigError, InputError, OutputError
from summarizer.extract.base import Extraction
from summarizer.extract.llm.answer import CitedItem, LLMAnswer
from summarizer.extract.llm.chunking import plan_chunks
from summarizer.extract.llm.citations import (
    Sentence,
    number_sentences,
    render_numbered,
    resolve_citation,
)
from summarizer.extract.llm.hints import render_hints
from summarizer.extract.llm.outline import cut_ranks, heading_at
from summarizer.extract.llm.response_model import PREPARED_ANSWER
from summarizer.extract.rules import extract_with_rules, find_figures
from summarizer.llm.cache import ExtractionCache, cache_key
from summarizer.llm.client import AnswerTruncated, ChatCaller, Message, Messages, ModeMemory
from summarizer.llm.meter import Meter, estimate_tokens, lasting_warnings
from summarizer.llm.prompts import load_prompt
from summarizer.preprocess.document import CleanDocument
from summarizer.schema import PART_NAMES, SCHEMA_VERSION, BackendName, Item, Metadata, Span, Usage
from summarizer.settings import Settings
from summarizer.structure import DocumentStructure

_NOT_CONFIGURED_HINT = (
    "set SUMMARIZER_LLM_MODEL and SUMMARIZER_LLM_BASE_URL (and SUMMARIZER_LLM_API_KEY or "
    "OPENAI_API_KEY for hosted providers); see .env.example"
)
_MARGIN_TOKENS = 256  # message framing the estimate does not see


@dataclass(frozen=True)
class _Rendered:
    """A part's hint block and numbered text, rendered once and reused for planning and the prompt."""

    sentences: list[Sentence]
    hints: str
    numbered: str


@dataclass
class _PartResult:
    """What one part (chunk) of a report yielded."""

    metadata: Metadata
    overview: str | None
    items: dict[str, list[Item]]
    warnings: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    dropped: int = 0  # items that cited no existing sentence


class LLMBackend:
    """Extraction by an OpenAI-compatible chat model, grounded by sentence citations."""

    name: BackendName = "llm"

    def __init__(self, settings: Settings, *, use_cache: bool = True, transport: httpx.AsyncBaseTransport | None = None):
        if not settings.llm.configured:
            raise ConfigError("the LLM backend needs an endpoint and a model", hint=_NOT_CONFIGURED_HINT)
        self.settings = settings
        self.llm = settings.llm
        self.prompt = load_prompt(self.llm.prompt, self.llm.prompt_version, self.llm.prompts_dir)
        self.cache = (
            ExtractionCache(settings.cache_dir / "llm.sqlite3") if use_cache and settings.cache_enabled else None
        )
        memory = ModeMemory(self.cache.load_mode, self.cache.save_mode) if self.cache else ModeMemory()
        self.caller = ChatCaller(self.llm, memory, transport)
        self._system = self.prompt.render_system()
        # The schema travels with every request (response_format, tool or prompt text).
        self._schema = LLMAnswer.model_json_schema()
        self._schema_tokens = estimate_tokens(json.dumps(self._schema, ensure_ascii=False))
        # What every request carries whatever the report: estimated once, not per document.
        self._system_tokens = estimate_tokens(self._system)
        self._fixed_tokens = (
            self._system_tokens + estimate_tokens(self.prompt.user) + self._schema_tokens + _MARGIN_TOKENS
        )

    @property
    def prompt_version(self) -> str:
        """``name/version`` of the prompt in use."""
        return self.prompt.label

    def key_for(self, doc: CleanDocument, hints: str = "") -> str:
        """The cache key of ``doc`` (with these hints) under the current model, prompt and schema."""
        return cache_key(
            text=doc.text,
            hints=hints,
            endpoint=self.caller.endpoint_key,
            prompt=self.prompt.label,
            prompt_sha256=self.prompt.sha256,
            answer_schema=self._schema,
            schema_version=SCHEMA_VERSION,
            context_tokens=self.llm.context_tokens,
            max_output_tokens=self.llm.max_output_tokens,
            temperature=self.llm.temperature,
        )

    def cpu_step(self, doc: CleanDocument, structure: DocumentStructure) -> Extraction | None:
        """The rules' guess the prompt's hints are drawn from, if hints are on (CPU on the calling thread)."""
        return extract_with_rules(doc, structure) if self.llm.rules_hints else None

    async def extract(
        self, doc: CleanDocument, structure: DocumentStructure, cpu: Extraction | None = None
    ) -> Extraction:
        """Extract metadata and cited items from one clean report; ``cpu`` is ``cpu_step``'s
        result when the run layer ran it already."""
        source = doc.source_name
        sentences = number_sentences(doc)
        if not sentences:
            raise InputError("the report has no text to summarise", source=source)
        guess = cpu if cpu is not None else self.cpu_step(doc, structure)
        hints = render_hints(doc.text, structure, sentences, guess, self.llm.section_hints)
        key = None
        if self.cache is not None:
            # The hints depend on the structure parser and the rules, which change apart from the text.
            key = self.key_for(doc, hints)
            if (hit := self.cache.get(key, Extraction)) is not None:
                price = self.llm.price()
                free = Usage(cost=0.0 if price else None, currency=price.currency if price else None)
                return hit.model_copy(update={"cached": True, "usage": free})

        meter = Meter(self.llm.budget_tokens, self.llm.budget_cost, self.llm.price(), source)
        whole = _Rendered(sentences, hints, render_numbered(doc.text, sentences))
        parts = self._plan(doc, structure, whole)
        tasks = [
            asyncio.ensure_future(
                self._extract_part(doc, structure, part, i, len(parts), meter, guess,
                                   whole if part is sentences else None)
            )
            for i, part in enumerate(parts)
        ]
        try:
            results = await asyncio.gather(*tasks)
        except BaseException:
            # The first failure decides; the other parts would only spend budget.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        extraction = self._merge(list(results), meter, len(parts))
        if self.cache is not None and key is not None:
            # Retries belong to this run, not to the answer a later cache hit serves.
            lasting = lasting_warnings(extraction.warnings)
            self.cache.put(key, extraction.model_copy(update={"warnings": lasting}))
        return extraction

    # -- planning -------------------------------------------------------------------------

    def _render_user(self, doc: CleanDocument, structure: DocumentStructure, part: list[Sentence], index: int, count: int,
                     guess: Extraction | None, rendered: _Rendered | None = None) -> str:
        if rendered is None:
            hints = render_hints(doc.text, structure, part, guess, self.llm.section_hints)
            numbered = render_numbered(doc.text, part)
        else:
            hints, numbered = rendered.hints, rendered.numbered
        part_note = f"（长报告的第 {index + 1}/{count} 部分）" if count > 1 else ""
        # The report may contain the delimiter itself; it must not close the data block early.
        report = numbered.replace("<<<", "‹‹‹").replace(">>>", "›››")
        return self.prompt.render_user(
            part_note=part_note,
            sentence_count=len(part),
            first_id=part[0].id,
            last_id=part[-1].id,
            hints=hints,
            report=report,
        )

    def _plan(self, doc: CleanDocument, structure: DocumentStructure, whole: _Rendered) -> list[list[Sentence]]:
        """One part (``whole.sentences`` itself) when the report fits the context budget, else parts along its sections."""
        sentences = whole.sentences
        fixed = self._fixed_tokens
        room = self.llm.context_tokens - answer_reserve(self.llm.max_output_tokens, self.llm.context_tokens) - fixed
        room -= estimate_tokens(whole.hints)
        if room <= 0:
            raise ConfigError(
                f"SUMMARIZER_LLM_CONTEXT_TOKENS={self.llm.context_tokens} leaves no room for the report "
                f"after the prompt ({fixed} tokens) and the answer ({self.llm.max_output_tokens})",
                hint="raise SUMMARIZER_LLM_CONTEXT_TOKENS or lower SUMMARIZER_LLM_MAX_OUTPUT_TOKENS",
            )
        if estimate_tokens(whole.numbered) <= room:
            return [sentences]
        costs = [estimate_tokens(f"[{s.id}]" + doc.text[s.start : s.end]) for s in sentences]
        return plan_chunks(sentences, costs, room, cut_ranks(structure, sentences))

    # -- one part -------------------------------------------------------------------------

    async def _extract_part(
        self, doc: CleanDocument, structure: DocumentStructure, part: list[Sentence], index: int, count: int,
        meter: Meter, guess: Extraction | None, rendered: _Rendered | None = None,
    ) -> _PartResult:
        user = self._render_user(doc, structure, part, index, count, guess, rendered)
        messages: Messages = [{"role": "system", "content": self._system}, {"role": "user", "content": user}]
        estimate = self._system_tokens + estimate_tokens(user) + self._schema_tokens
        # In a small window (8 k) the answer gets what the prompt leaves, up to the configured cap.
        max_tokens = max(min(self.llm.max_output_tokens, self.llm.context_tokens - estimate - _MARGIN_TOKENS), 64)
        raised_note = None
        while True:
            try:
                asked = await self.caller.ask_for(
                    PREPARED_ANSWER, messages, meter=meter, max_tokens=max_tokens, prompt_estimate=estimate,
                    source=doc.source_name,
                )
                break
            except AnswerTruncated as exc:
                raised = None if raised_note else raised_budget(max_tokens, self.llm.context_tokens, estimate)
                if raised is None:
                    return await self._split_truncated(doc, structure, part, index, count, meter, guess, exc)
                # A longer answer is cheaper than two calls that each repeat the prompt.
                raised_note = (f"the answer for sentences {part[0].id}–{part[-1].id} was truncated at {max_tokens} "
                               f"tokens; asked again with {raised}")
                max_tokens = raised

        by_id = {s.id: s for s in part}
        result = self._resolve(doc, structure, asked.answer, by_id)
        result.modes.append(asked.mode)
        if raised_note:
            result.warnings.insert(0, raised_note)
        if result.dropped and self.llm.max_reasks > 0:
            result = await self._reask_citations(doc, structure, messages, asked.answer, by_id, result, meter)
        return result

    async def _split_truncated(
        self, doc: CleanDocument, structure: DocumentStructure, part: list[Sentence], index: int, count: int,
        meter: Meter, guess: Extraction | None, exc: AnswerTruncated,
    ) -> _PartResult:
        """A truncated answer is never parsed: the part is split in two and each half asked again."""
        if len(part) < 2:
            raise OutputError(
                f"the model's answer was cut off at {exc.max_tokens} tokens even for a single sentence",
                source=doc.source_name,
                hint="raise SUMMARIZER_LLM_MAX_OUTPUT_TOKENS",
            )
        costs = [estimate_tokens(doc.text[s.start : s.end]) for s in part]
        halves = plan_chunks(part, costs, (sum(costs) + 1) // 2, cut_ranks(structure, part))
        note = (
            f"the answer for sentences {part[0].id}–{part[-1].id} was truncated at {exc.max_tokens} tokens; "
            f"asked again in {len(halves)} parts"
        )
        results = [await self._extract_part(doc, structure, half, index, count, meter, guess) for half in halves]
        merged = _combine(results)
        merged.warnings.insert(0, note)
        return merged

    async def _reask_citations(
        self, doc: CleanDocument, structure: DocumentStructure, messages: Messages, answer: LLMAnswer,
        by_id: dict[int, Sentence], first: _PartResult, meter: Meter,
    ) -> _PartResult:
        """Ask once more when items cited sentences that do not exist; keep the better answer."""
        ids = sorted(by_id)
        follow_up: Messages = [
            *messages,
            {"role": "assistant", "content": answer.model_dump_json()},
            {
                "role": "user",
                "content": (
                    f"上面的回答中有条目引用了不存在的句子编号（本报告的句子编号为 {ids[0]}–{ids[-1]}）。"
                    "请重新给出完整的回答，每个条目只引用存在的句子编号。"
                ),
            },
        ]
        estimate = sum(estimate_tokens(_text(m)) for m in follow_up) + self._schema_tokens
        try:
            asked = await self.caller.ask_for(
                PREPARED_ANSWER, follow_up, meter=meter, max_tokens=self.llm.max_output_tokens,
                prompt_estimate=estimate, source=doc.source_name,
            )
        except AnswerTruncated:
            first.warnings.append("re-ask about missing citations was truncated; the first answer was kept")
            return first
        second = self._resolve(doc, structure, asked.answer, by_id)
        second.modes = [*first.modes, asked.mode]
        if second.dropped < first.dropped:
            second.warnings.insert(0, f"re-asked after {first.dropped} item(s) cited no existing sentence")
            return second
        first.warnings.append("re-asked about missing citations; the answer did not improve and was kept")
        return first

    def _resolve(self, doc: CleanDocument, structure: DocumentStructure, answer: LLMAnswer, by_id: dict[int, Sentence]) -> _PartResult:
        """Turn cited ids into verbatim evidence and spans; drop items citing nothing that exists."""
        text = doc.text
        items: dict[str, list[Item]] = {}
        warnings: list[str] = []
        dropped = 0
        for part, cited in answer.parts().items():
            kept: list[Item] = []
            for item in cited:
                citation = resolve_citation(item.cite, by_id)
                label = f"{part} item {item.summary[:24]!r}"
                if citation is None:
                    warnings.append(f"{label} cited no existing sentence ({item.cite}); dropped")
                    dropped += 1
                    continue
                if citation.unknown:
                    warnings.append(f"{label} cited sentences that do not exist: {list(citation.unknown)}")
                if citation.ignored:
                    warnings.append(f"{label} cited scattered sentences; kept {list(citation.used)}")
                kept.append(_item(text, structure, item, citation.start, citation.end))
            items[part] = kept
        return _PartResult(
            metadata=answer.metadata.to_metadata(),
            overview=answer.overview,
            items=items,
            warnings=warnings,
            dropped=dropped,
        )

    # -- merging --------------------------------------------------------------------------

    def _merge(self, results: list[_PartResult], meter: Meter, n_parts: int) -> Extraction:
        merged = _combine(results)
        warnings = list(merged.warnings)
        if n_parts > 1:
            warnings.insert(0, f"the report was longer than the context budget and was read in {n_parts} parts")
        if note := meter.retry_note():
            warnings.append(note)
        if meter.failed_modes:
            warnings.append("answers did not validate in mode " + ", ".join(sorted(set(meter.failed_modes)))
                            + "; the next mode was tried")
        if note := meter.usage_note():
            warnings.append(note)
        modes = sorted(set(merged.modes))
        if modes and modes != ["json_schema"]:
            warnings.append("structured output via mode " + ", ".join(modes))
        return Extraction(
            metadata=merged.metadata,
            overview=merged.overview,
            **merged.items,
            warnings=warnings,
            usage=meter.usage(),
            model=self.llm.model,
            prompt_version=self.prompt.label,
        )


def raised_budget(current: int, context_tokens: int, prompt_estimate: int) -> int | None:
    """The answer budget to ask again with after a truncated answer (twice it, as far as
    the context window leaves room after the prompt), or None to split instead."""
    raised = min(2 * current, context_tokens - prompt_estimate - _MARGIN_TOKENS)
    return raised if raised > current else None


def answer_reserve(max_output_tokens: int, context_tokens: int) -> int:
    """What planning keeps free for the answer: the configured cap, but at most a quarter of
    a small window, so that an 8 k window still takes sizeable chunks (the answer to one
    chunk is far shorter than the chunk; a longer one gets the raised budget)."""
    return min(max_output_tokens, max(context_tokens // 4, 256))


def _text(message: Message) -> str:
    """The text of a message this backend wrote (its content is always a string)."""
    content = message.get("content")
    return content if isinstance(content, str) else ""


def _item(text: str, structure: DocumentStructure, cited: CitedItem, start: int, end: int) -> Item:
    return Item(
        summary=cited.summary.strip() or text[start:end][:60],
        evidence=text[start:end],
        span=Span(start=start, end=end),
        category=heading_at(structure, start),
        figures=find_figures(text, start, end),
        part_basis="model",  # the model filed it; its answer schema is unchanged (cassettes)
    )


def _combine(results: list[_PartResult]) -> _PartResult:
    """Metadata field by field from the first part that states it; items in order without duplicates."""
    meta: dict[str, object] = {}
    for r in results:
        for name, value in r.metadata.values().items():
            if meta.get(name) is None and value is not None:
                meta[name] = value
    items: dict[str, list[Item]] = {
        part: _dedupe([i for r in results for i in r.items.get(part, [])]) for part in PART_NAMES
    }
    return _PartResult(
        metadata=Metadata.model_validate(meta).with_source("model"),
        overview=next((r.overview for r in results if r.overview), None),
        items=items,
        warnings=[w for r in results for w in r.warnings],
        modes=[m for r in results for m in r.modes],
        dropped=sum(r.dropped for r in results),
    )


def _dedupe(items: list[Item]) -> list[Item]:
    """Drop items whose evidence span repeats one already kept, in document order."""
    seen: set[tuple[int, int]] = set()
    kept: list[Item] = []
    for item in sorted(items, key=lambda i: (i.span.start, i.span.end)):
        if (item.span.start, item.span.end) not in seen:
            seen.add((item.span.start, item.span.end))
            kept.append(item)
    return kept


__all__ = ["LLMBackend"]
