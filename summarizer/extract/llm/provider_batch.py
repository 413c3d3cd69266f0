"""Moved to ``summarizer.llm.provider_batch``; this name keeps working for one release."""

from summarizer.llm.provider_batch import BatchState, ProviderBatcher, custom_id

__all__ = ["BatchState", "ProviderBatcher", "custom_id"]
