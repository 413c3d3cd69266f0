"""Moved to ``summarizer.llm.meter``; this name keeps working for one release."""

from summarizer.llm.meter import Meter, estimate_tokens

__all__ = ["Meter", "estimate_tokens"]
