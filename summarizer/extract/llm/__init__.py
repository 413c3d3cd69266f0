"""The LLM backend: an OpenAI-compatible chat model, grounded by sentence citations.

See ``docs/llm.md`` for configuration, modes, cache and budgets.
"""

from summarizer.extract.llm.backend import LLMBackend

__all__ = ["LLMBackend"]
