"""Moved to ``summarizer.llm.failures``; this name keeps working for one release."""

from summarizer.llm.failures import HINTS, RETRIED, Cause, classify, error_text, is_transient

__all__ = ["HINTS", "RETRIED", "Cause", "classify", "error_text", "is_transient"]
