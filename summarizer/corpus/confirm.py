"""An LLM's confirmation of follow-through links: each candidate link confirmed or rejected, citing both sides.

Follow-through finds its links lexically (``summarizer.corpus.follow``); where an
LLM endpoint is configured, ``confirm_links`` asks it, one call per link, whether
the later item really carries out (or, for problems, repeats) the earlier one,
with the prompt ``prompts/follow_confirm/v1`` and the answer model ``LinkVerdict``,
through the model-access layer (``summarizer.llm``: its client's structured-output
modes, tenacity retries and budget meter, and its cache, so a link asked once is
not asked again). The model must quote both sides word for word: a verdict whose
quotes are not in the two items is not applied, and says so in the notes.

A confirmed link keeps its place and gains its ``confirmation``; a rejected one
leaves the results (a plan whose every result was rejected becomes
``not_reported``) and is listed in ``FollowThrough.rejected`` with the model's
reasons. Repeated plans stay lexical. Without an endpoint nothing is asked.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from summarizer.corpus.follow import (
    Confirmation,
    FollowThrough,
    ItemRef,
    Link,
    PlanFollowUp,
    RejectedLink,
)
from summarizer.errors import ConfigError, SummarizerError
from summarizer.llm.cache import ExtractionCache, cache_key
from summarizer.llm.client import AnswerTruncated, ChatCaller, Messages, ModeMemory
from summarizer.llm.meter import Meter, estimate_tokens
from summarizer.llm.prompts import load_prompt
from summarizer.llm.response_model import prepare_response_model
from summarizer.settings import Settings

if TYPE_CHECKING:
    import httpx

PROMPT = ("follow_confirm", "v1")
_KINDS = {"plan_result": "计划→成绩", "recurring_problem": "问题→问题"}
_MAX_ANSWER_TOKENS = 400  # two quotes of a sentence each and a reason of at most 60 characters, in JSON
_SPACE = re.compile(r"\s+")


class LinkVerdict(BaseModel):
    """The model's answer for one candidate link."""

    verdict: Literal["confirmed", "rejected"]
    earlier_quote: str = Field(min_length=1, max_length=300,
                               description="The words of the earlier item the verdict rests on, verbatim")
    later_quote: str = Field(min_length=1, max_length=300,
                             description="The words of the later item the verdict rests on, verbatim")
    reason: str = Field(min_length=1, max_length=200, description="Why, in at most 60 characters")


_ANSWER = prepare_response_model(LinkVerdict)


def _quoted(quote: str, text: str) -> bool:
    return _SPACE.sub("", quote) in _SPACE.sub("", text)


class LinkConfirmer:
    """Asks the configured endpoint about each candidate link of a follow-through."""

    def __init__(self, settings: Settings, *, use_cache: bool = True,
                 transport: httpx.AsyncBaseTransport | None = None):
        if not settings.llm.configured:
            raise ConfigError("confirming links needs an LLM endpoint and a model",
                              hint="set SUMMARIZER_LLM_MODEL and SUMMARIZER_LLM_BASE_URL (see docs/llm.md), "
                                   "or leave --confirm off for the lexical links alone")
        self.llm = settings.llm
        self.prompt = load_prompt(*PROMPT, self.llm.prompts_dir)
        self.cache = (ExtractionCache(settings.cache_dir / "llm.sqlite3")
                      if use_cache and settings.cache_enabled else None)
        memory = ModeMemory(self.cache.load_mode, self.cache.save_mode) if self.cache else ModeMemory()
        self.caller = ChatCaller(self.llm, memory, transport)
        self._system = self.prompt.render_system()
        self._schema_tokens = estimate_tokens(json.dumps(LinkVerdict.model_json_schema(), ensure_ascii=False))

    def confirm(self, ft: FollowThrough) -> FollowThrough:
        """``ft`` with each plan→result link and recurring problem confirmed or rejected."""
        return asyncio.run(self.confirm_async(ft))

    async def confirm_async(self, ft: FollowThrough) -> FollowThrough:
        """``confirm`` for callers with an event loop."""
        meter = Meter(self.llm.budget_tokens, self.llm.budget_cost, self.llm.price(), ft.later.name)
        years = ft.years
        # (earlier side, later side, kind, the link asked about)
        asks = [(plan.plan, link.item, "plan_result", link) for plan in ft.plans for link in plan.results]
        asks += [(r.earlier.item, r.problem, "recurring_problem", r.earlier) for r in ft.recurring_problems]
        answers = await asyncio.gather(*(self._ask(earlier, later, kind, link, years, meter)
                                         for earlier, later, kind, link in asks))
        verdicts = {id(link): answer for (_, _, _, link), answer in zip(asks, answers, strict=True)}
        notes = [note for _, note in answers if note]
        plans: list[PlanFollowUp] = []
        rejected: list[RejectedLink] = []
        for plan in ft.plans:
            kept = []
            for link in plan.results:
                confirmation = verdicts[id(link)][0]
                if confirmation is not None and confirmation.verdict == "rejected":
                    rejected.append(RejectedLink(kind="plan_result", earlier=plan.plan, later=link.item,
                                                 shared=link.shared, confirmation=confirmation))
                else:
                    kept.append(link.model_copy(update={"confirmation": confirmation}))
            plans.append(plan.model_copy(update={"results": kept,
                                                 "status": "reported" if kept else "not_reported"}))
        recurring = []
        for problem in ft.recurring_problems:
            confirmation = verdicts[id(problem.earlier)][0]
            if confirmation is not None and confirmation.verdict == "rejected":
                rejected.append(RejectedLink(kind="recurring_problem", earlier=problem.earlier.item,
                                             later=problem.problem, shared=problem.earlier.shared,
                                             confirmation=confirmation))
            else:
                recurring.append(problem.model_copy(
                    update={"earlier": problem.earlier.model_copy(update={"confirmation": confirmation})}))
        usage = meter.usage()
        notes.append(f"{self.llm.model} asked about {len(asks)} link(s) in {usage.calls} call(s), "
                     f"{usage.prompt_tokens + usage.completion_tokens} tokens")
        return ft.model_copy(update={"plans": plans, "recurring_problems": recurring, "rejected": rejected,
                                     "confirmed_by": self.llm.model, "notes": [*ft.notes, *notes]})

    async def _ask(self, earlier: ItemRef, later: ItemRef, kind: str, link: Link,
                   years: tuple[int | None, int | None], meter: Meter) -> tuple[Confirmation | None, str | None]:
        """The model's confirmation of one link, or None and why it could not be had."""
        user = self.prompt.render_user(
            kind=_KINDS[kind], shared="、".join(link.shared) or "—",
            earlier_year=years[0] or "", later_year=years[1] or "",
            earlier=_fenced(earlier.evidence), later=_fenced(later.evidence))
        key = None
        if self.cache is not None:
            key = cache_key(kind="follow_confirm", user=user, endpoint=self.caller.endpoint_key,
                            prompt=self.prompt.label, prompt_sha256=self.prompt.sha256,
                            answer_schema=LinkVerdict.model_json_schema(), temperature=self.llm.temperature)
            if (hit := self.cache.get(key, LinkVerdict)) is not None:
                return self._checked(hit, earlier, later)
        messages: Messages = [{"role": "system", "content": self._system}, {"role": "user", "content": user}]
        estimate = estimate_tokens(self._system) + estimate_tokens(user) + self._schema_tokens
        try:
            asked = await self.caller.ask_for(_ANSWER, messages, meter=meter, max_tokens=_MAX_ANSWER_TOKENS,
                                              prompt_estimate=estimate, source=later.summary[:30])
        except (SummarizerError, AnswerTruncated) as exc:
            message = exc.message if isinstance(exc, SummarizerError) else str(exc)
            return None, f"{earlier.summary[:20]} → {later.summary[:20]}: not confirmed, the call failed ({message})"
        confirmation, note = self._checked(asked.answer, earlier, later)
        if self.cache is not None and key is not None and confirmation is not None:
            self.cache.put(key, asked.answer)
        return confirmation, note

    def _checked(self, answer: LinkVerdict, earlier: ItemRef, later: ItemRef) -> tuple[Confirmation | None, str | None]:
        """The answer as a confirmation when both its quotes are in their items, else None and why."""
        if not (_quoted(answer.earlier_quote, earlier.evidence) and _quoted(answer.later_quote, later.evidence)):
            return None, (f"{earlier.summary[:20]} → {later.summary[:20]}: the model's verdict "
                          f"({answer.verdict}) was not applied, its quotes are not in the two items")
        return Confirmation(verdict=answer.verdict, earlier_quote=answer.earlier_quote,
                            later_quote=answer.later_quote, reason=answer.reason, model=self.llm.model), None


def _fenced(text: str) -> str:
    """A report's words as data: the prompt's own fences cannot be forged from inside them."""
    return text.replace("<<<", "‹‹‹").replace(">>>", "›››")


def confirm_links(ft: FollowThrough, settings: Settings, *, use_cache: bool = True,
                  transport: httpx.AsyncBaseTransport | None = None) -> FollowThrough:
    """``ft`` with its candidate links confirmed or rejected by the configured LLM (``LinkConfirmer``)."""
    return LinkConfirmer(settings, use_cache=use_cache, transport=transport).confirm(ft)
