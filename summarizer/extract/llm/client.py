"""Moved to ``summarizer.llm.client``; this name keeps working for one release."""

from summarizer.llm.client import (
    LADDER,
    AnswerT,
    AnswerTruncated,
    Asked,
    ChatCaller,
    ModeMemory,
    ModeRefused,
    is_transient,
    retry_after_seconds,
)

__all__ = ["LADDER", "AnswerT", "AnswerTruncated", "Asked", "ChatCaller", "ModeMemory", "ModeRefused", "is_transient", "retry_after_seconds"]
