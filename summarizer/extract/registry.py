"""The extraction backends by name: how each is built and what it needs.

The service, CLI, batch runner, HTTP API and eval harness look backends up
here instead of spelling their names out. The names themselves are part of
the output contract (``schema.BackendName``); a backend is added by writing
its package and one ``BackendSpec`` below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summarizer.errors import ConfigError
from summarizer.extract.base import Backend
from summarizer.schema import BACKEND_NAMES, BackendName
from summarizer.settings import Settings


@dataclass(frozen=True)
class BackendSpec:
    """One backend: its name, a line of help, what it needs, and how to build it."""

    name: BackendName
    help: str
    needs_llm: bool  # it cannot run without a configured endpoint
    cpu_bound: bool  # its work is CPU on the calling thread (run it off the event loop)
    build: Callable[[Settings, bool], Backend]  # (settings, use_cache) -> backend; imports lazily


def _rules(settings: Settings, use_cache: bool) -> Backend:
    from summarizer.extract.rules import RulesBackend

    return RulesBackend()


def _llm(settings: Settings, use_cache: bool) -> Backend:
    from summarizer.extract.llm import LLMBackend

    return LLMBackend(settings, use_cache=use_cache)


def _hybrid(settings: Settings, use_cache: bool) -> Backend:
    from summarizer.extract.hybrid import HybridBackend

    return HybridBackend(settings, use_cache=use_cache)


REGISTRY: dict[BackendName, BackendSpec] = {
    spec.name: spec
    for spec in (
        BackendSpec("rules", "rule-based: no model, no network", needs_llm=False, cpu_bound=True, build=_rules),
        BackendSpec("llm", "the whole report read by the LLM, items cited by sentence", needs_llm=True,
                    cpu_bound=False, build=_llm),
        BackendSpec("hybrid", "rules find the items; the LLM words them (and settles unsure parts) in small calls",
                    needs_llm=True, cpu_bound=False, build=_hybrid),
    )
}


def backend_spec(name: str) -> BackendSpec:
    """The spec of backend ``name``; ``ConfigError`` naming the known ones otherwise."""
    found = next((spec for known, spec in REGISTRY.items() if known == name), None)
    if found is None:
        raise ConfigError(
            f"unknown backend {name!r}",
            hint="choose one of: auto, " + ", ".join(BACKEND_NAMES) + " (SUMMARIZER_BACKEND or --backend)",
        )
    return found


def backends_help() -> str:
    """``name: help`` for every backend, for CLI and API descriptions."""
    return "; ".join(f"{spec.name}: {spec.help}" for spec in REGISTRY.values())
