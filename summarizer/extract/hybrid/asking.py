"""One call asking the model to word a group of the rules' units: the step both genres' hybrid
backends share (the rule-of-law one in ``hybrid/backend.py``, the others' in
``genre/hybrid_backend.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import BaseModel

from summarizer.errors import SummarizerError
from summarizer.llm.client import AnswerTruncated, ChatCaller, Messages
from summarizer.llm.meter import Meter, estimate_tokens

if TYPE_CHECKING:
    from summarizer.llm.prompts import PromptTemplate

ANSWER_TOKENS_PER_UNIT = 90  # a summary of at most 40 characters, its id (and part), in JSON
AnswerT = TypeVar("AnswerT", bound=BaseModel)


class Unit(Protocol):
    """A unit as the prompt shows it: its number and its rendered line."""

    @property
    def id(self) -> int: ...

    def render(self) -> str: ...


async def ask_unit_group(
    caller: ChatCaller, answer_model: type[AnswerT], prompt: PromptTemplate, system: str, *,
    batch: Sequence[Unit], schema_tokens: int, max_output_tokens: int, meter: Meter, source: str | None,
) -> tuple[AnswerT | None, str | None]:
    """The model's answer for one group of units, or None and why the call failed."""
    user = prompt.render_user(
        count=len(batch), first_id=batch[0].id, last_id=batch[-1].id,
        units="\n".join(u.render() for u in batch).replace("<<<", "‹‹‹").replace(">>>", "›››"),
    )
    messages: Messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    estimate = estimate_tokens(system) + estimate_tokens(user) + schema_tokens
    max_tokens = min(max_output_tokens, 64 + ANSWER_TOKENS_PER_UNIT * len(batch))
    try:
        asked = await caller.ask_for(answer_model, messages, meter=meter, max_tokens=max_tokens,
                                     prompt_estimate=estimate, source=source)
    except (SummarizerError, AnswerTruncated) as exc:
        return None, failure_reason(exc)
    return asked.answer, None


def failure_reason(exc: BaseException) -> str:
    """Why a call failed, as the hybrid backends note it in the summary's warnings."""
    message = exc.message if isinstance(exc, SummarizerError) else str(exc)
    return f"the call failed ({type(exc).__name__}: {message})"
