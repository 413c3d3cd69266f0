"""Moved to ``summarizer.llm.cache``; this name keeps working for one release."""

from summarizer.llm.cache import ExtractionCache, cache_key

__all__ = ["ExtractionCache", "cache_key"]
