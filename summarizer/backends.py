"""The extraction backends' names and what each does, declared once.

This module depends on nothing in the pipeline, so the CLI can offer the
names (``--backend``) and their help without importing it; ``schema``
re-exports the names (``provenance.backend``) and
``summarizer.extract.registry`` says how each backend is built.
"""

from __future__ import annotations

from typing import Literal, get_args

BackendName = Literal["rules", "llm", "hybrid"]
BACKEND_NAMES: tuple[BackendName, ...] = get_args(BackendName)
# What a caller may ask for: a backend, or ``auto`` (the LLM when an endpoint is configured, else rules).
BackendChoice = Literal["auto", BackendName]

BACKEND_HELP: dict[BackendName, str] = {
    "rules": "rule-based: no model, no network",
    "llm": "the whole report read by the LLM, items cited by sentence",
    "hybrid": "rules find the items; the LLM words them (and settles unsure parts) in small calls",
}


def backends_help() -> str:
    """``name: help`` for every backend, for CLI and API descriptions."""
    return "; ".join(f"{name}: {BACKEND_HELP[name]}" for name in BACKEND_NAMES)
