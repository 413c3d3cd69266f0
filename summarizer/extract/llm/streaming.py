"""Moved to ``summarizer.llm.streaming``; this name keeps working for one release."""

from summarizer.llm.streaming import CreateFn, completion_fn, streamed_completion, strip_think

__all__ = ["CreateFn", "completion_fn", "streamed_completion", "strip_think"]
