"""Moved to ``summarizer.llm.prompts``; this name keeps working for one release."""

from summarizer.llm.prompts import PromptTemplate, load_prompt, prompt_roots

__all__ = ["PromptTemplate", "load_prompt", "prompt_roots"]
