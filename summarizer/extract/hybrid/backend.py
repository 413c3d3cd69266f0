"""``HybridBackend``: the rules' units, worded (and where unsure, placed) by a model in small calls.

Per document: run the rules; look in the cache; group the units into calls
of a few units each; ask for every group (and, when the rules left metadata
fields empty, for those from the report's head and tail) concurrently; apply
each answer to its own units only. A unit whose call failed, or whose
summary does not pass ``checks.summary_problem``, keeps the rules' output,
with a warning saying so. Evidence, spans and figures are always the rules'.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

from summarizer.errors import ConfigError, SummarizerError
from summarizer.extract.base import Extraction
from summarizer.extract.hybrid.answer import UnitAnswer, UnitsAnswer
from summarizer.extract.hybrid.asking import ask_unit_group, failure_reason
from summarizer.extract.hybrid.checks import summary_problem
from summarizer.extract.hybrid.units import HybridUnit, collect_units, plan_batches
from summarizer.extract.llm.answer import AnswerMetadata
from summarizer.extract.rules import extract_with_rules
from summarizer.llm.cache import ExtractionCache, cache_key
from summarizer.llm.client import AnswerTruncated, ChatCaller, Messages, ModeMemory
from summarizer.llm.meter import Meter, estimate_tokens, lasting_warnings
from summarizer.llm.prompts import load_prompt
from summarizer.llm.response_model import prepare_response_model
from summarizer.preprocess.document import CleanDocument
from summarizer.schema import (
    PART_NAMES,
    SCHEMA_VERSION,
    BackendName,
    Item,
    Metadata,
    PartName,
    Usage,
)
from summarizer.settings import Settings
from summarizer.structure import DocumentStructure

if TYPE_CHECKING:
    import httpx

PROMPT = ("hybrid", "v1")
_EXTRA = ("metadata.md", "metadata_system.md")
_UNITS_ANSWER = prepare_response_model(UnitsAnswer)
_METADATA_ANSWER = prepare_response_model(AnswerMetadata)
_HEAD_CHARS, _TAIL_CHARS = 200, 100  # where title, issuer, year and date are written
_META_LABELS = {"title": "标题", "issuer": "发布机关", "issuer_level": "机关层级", "report_year": "报告年度",
                "published_date": "发布日期"}


class HybridBackend:
    """Rules find the units and parts; the model writes summaries and settles unsure parts."""

    name: BackendName = "hybrid"

    def __init__(
        self, settings: Settings, *, use_cache: bool = True, transport: httpx.AsyncBaseTransport | None = None
    ):
        if not settings.llm.configured:
            raise ConfigError("the hybrid backend needs an LLM endpoint and a model",
                              hint="set SUMMARIZER_LLM_MODEL and SUMMARIZER_LLM_BASE_URL; see .env.example")
        self.llm = settings.llm
        self.prompt = load_prompt(*PROMPT, self.llm.prompts_dir, extra=_EXTRA)
        self.cache = (
            ExtractionCache(settings.cache_dir / "llm.sqlite3") if use_cache and settings.cache_enabled else None
        )
        memory = ModeMemory(self.cache.load_mode, self.cache.save_mode) if self.cache else ModeMemory()
        self.caller = ChatCaller(self.llm, memory, transport)
        self._system = self.prompt.render_system()
        self._meta_system = self.prompt.render_other("metadata_system.md")
        self._schema_tokens = estimate_tokens(json.dumps(UnitsAnswer.model_json_schema(), ensure_ascii=False))
        self._meta_schema_tokens = estimate_tokens(json.dumps(AnswerMetadata.model_json_schema(), ensure_ascii=False))

    def cpu_step(self, doc: CleanDocument, structure: DocumentStructure) -> Extraction:
        """The rules' extraction the model calls start from (CPU on the calling thread)."""
        return extract_with_rules(doc, structure)

    async def extract(
        self, doc: CleanDocument, structure: DocumentStructure, cpu: Extraction | None = None
    ) -> Extraction:
        """The rules' extraction with model-written summaries, settled parts and filled metadata;
        ``cpu`` is ``cpu_step``'s result when the run layer ran it already."""
        rules = cpu if cpu is not None else await asyncio.to_thread(extract_with_rules, doc, structure)
        key = None
        if self.cache is not None:
            key = cache_key(
                text=doc.text, rules=rules.model_dump(mode="json"), endpoint=self.caller.endpoint_key,
                prompt=self.prompt.label, prompt_sha256=self.prompt.sha256, schema_version=SCHEMA_VERSION,
                answer_schema=UnitsAnswer.model_json_schema(), batch_tokens=self.llm.hybrid_batch_tokens,
                temperature=self.llm.temperature,
            )
            if (hit := self.cache.get(key, Extraction)) is not None:
                price = self.llm.price()
                free = Usage(cost=0.0 if price else None, currency=price.currency if price else None)
                return hit.model_copy(update={"cached": True, "usage": free})

        meter = Meter(self.llm.budget_tokens, self.llm.budget_cost, self.llm.price(), doc.source_name)
        units = collect_units(rules, structure, doc.text)
        batches = plan_batches(units, self.llm.hybrid_batch_tokens, self.llm.hybrid_batch_units)
        missing = [f for f, v in rules.metadata.values().items() if v is None]
        calls = [self._ask_units(batch, meter, doc.source_name) for batch in batches]
        answers, meta = await asyncio.gather(
            asyncio.gather(*calls), self._ask_metadata(doc.text, missing, meter, doc.source_name)
        )
        warnings = list(rules.warnings)
        by_id: dict[int, UnitAnswer] = {}
        for batch, (answered, problem) in zip(batches, answers, strict=True):
            if problem is not None:
                warnings.append(f"hybrid: units {batch[0].id}–{batch[-1].id}: {problem}; the rules' output was kept")
            by_id.update({a.id: a for a in answered})
        metadata, meta_problem = meta
        if meta_problem is not None:
            warnings.append(f"hybrid: metadata: {meta_problem}; the rules' metadata was kept")
        items, notes = _apply(rules, units, by_id)
        warnings.extend(notes)
        if note := meter.retry_note():
            warnings.append(note)
        if note := meter.usage_note():
            warnings.append(note)
        extraction = Extraction(
            metadata=_fill(rules.metadata, metadata),
            overview=rules.overview,
            warnings=warnings,
            usage=meter.usage(),
            model=self.llm.model,
            prompt_version=self.prompt.label,
            **items,
        )
        failed = any(problem is not None for _, problem in answers) or meta_problem is not None
        if self.cache is not None and key is not None and not failed:  # a degraded result is not kept
            lasting = lasting_warnings(extraction.warnings)
            self.cache.put(key, extraction.model_copy(update={"warnings": lasting}))
        return extraction

    async def _ask_units(
        self, batch: list[HybridUnit], meter: Meter, source: str | None
    ) -> tuple[list[UnitAnswer], str | None]:
        """The answers for one group of units, or none and why the call failed."""
        answer, failed = await ask_unit_group(
            self.caller, _UNITS_ANSWER, self.prompt, self._system, batch=batch, schema_tokens=self._schema_tokens,
            max_output_tokens=self.llm.max_output_tokens, meter=meter, source=source)
        wanted = {u.id for u in batch}
        return ([a for a in answer.units if a.id in wanted] if answer is not None else []), failed

    async def _ask_metadata(
        self, text: str, missing: list[str], meter: Meter, source: str | None
    ) -> tuple[AnswerMetadata | None, str | None]:
        """The metadata fields the rules did not find, read by the model from the head and tail."""
        if not missing:
            return None, None
        head = text[:_HEAD_CHARS]
        tail = text[-_TAIL_CHARS:] if len(text) > _HEAD_CHARS + _TAIL_CHARS else ""
        user = self.prompt.render_other(
            "metadata.md",
            tail_note="和结尾" if tail else "",
            fields="、".join(_META_LABELS[f] for f in missing),
            head=(head + ("\n……\n" + tail if tail else "")).replace("<<<", "‹‹‹").replace(">>>", "›››"),
        )
        messages: Messages = [{"role": "system", "content": self._meta_system}, {"role": "user", "content": user}]
        estimate = estimate_tokens(self._meta_system) + estimate_tokens(user) + self._meta_schema_tokens
        try:
            asked = await self.caller.ask_for(_METADATA_ANSWER, messages, meter=meter, max_tokens=256,
                                              prompt_estimate=estimate, source=source)
        except (SummarizerError, AnswerTruncated) as exc:
            return None, failure_reason(exc)
        return asked.answer, None


def _fill(found: Metadata, asked: AnswerMetadata | None) -> Metadata:
    """The rules' metadata with the fields they left empty taken from the model."""
    if asked is None:
        return found
    data = found.model_dump()
    for name, value in asked.to_metadata().values().items():
        if data.get(name) is None and value is not None:
            data[name] = value
            data["basis"][name] = {"source": "model", "reason": None}
    return Metadata.model_validate(data)


def _apply(
    rules: Extraction, units: list[HybridUnit], answers: dict[int, UnitAnswer]
) -> tuple[dict[str, list[Item]], list[str]]:
    """The rules' items with the model's summaries, unsure units moved to the part the model named."""
    unit_at = {(u.start, u.end): u for u in units}
    items: dict[PartName, list[Item]] = {part: [] for part in PART_NAMES}
    notes: list[str] = []
    rejected = 0
    for part in PART_NAMES:
        for item in rules.items(part):
            unit = unit_at[(item.span.start, item.span.end)]
            answer = answers.get(unit.id)
            target = part
            if answer is not None:
                summary = answer.summary.strip()
                if summary_problem(summary, item.evidence) is None:
                    item = item.model_copy(update={"summary": summary})
                else:
                    rejected += 1
                if not unit.sure and answer.part is not None:
                    # The rules were unsure of the part and the model settled it (moved or not).
                    item = item.model_copy(update={"part_basis": "model"})
                    if answer.part != part:
                        target = answer.part
            items[target].append(item)
    moved = sum(1 for u in units if not u.sure and (a := answers.get(u.id)) and a.part and a.part != u.parts[0])
    if moved:
        notes.append(f"hybrid: {moved} unit(s) the rules were unsure of were moved to the part the model named")
    if rejected:
        notes.append(f"hybrid: {rejected} model summary(ies) failed the checks (length, figures, brackets, drawn from the text); "
                     "the rules' summary was kept for them")
    unanswered = sum(1 for u in units if u.id not in answers)
    if unanswered:
        notes.append(f"hybrid: {unanswered} unit(s) got no summary from the model and keep the rules' one")
    return {part: sorted(found, key=lambda i: (i.span.start, i.span.end)) for part, found in items.items()}, notes
