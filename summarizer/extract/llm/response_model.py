"""``LLMAnswer`` as instructor sends and parses it, prepared once per process
(``summarizer.llm.response_model``: wrapped once, its JSON schema generated once)."""

from __future__ import annotations

from summarizer.extract.llm.answer import LLMAnswer
from summarizer.llm.response_model import prepare_response_model

PREPARED_ANSWER: type[LLMAnswer] = prepare_response_model(LLMAnswer)

__all__ = ["PREPARED_ANSWER", "prepare_response_model"]
