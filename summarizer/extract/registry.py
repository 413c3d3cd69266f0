"""The extraction backends by name: how each is built and what it needs.

The service, CLI, batch runner, HTTP API and eval harness look backends up
here instead of spelling their names out. The names themselves are part of
the output contract (``schema.BackendName``); a backend is added by writing
its package and one ``BackendSpec`` below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.backends import BACKEND_HELP, BACKEND_NAMES, BackendName
from summarizer.errors import ConfigError
from summarizer.extract.base import Backend
from summarizer.settings import Settings

if TYPE_CHECKING:
    import httpx

# (settings, use_cache, transport) -> backend: how the LLM's requests travel (None: HTTP; else
# e.g. the provider-batch transport); the rules backend ignores both.
Builder = Callable[[Settings, bool, "httpx.AsyncBaseTransport | None"], Backend]


@dataclass(frozen=True)
class BackendSpec:
    """One backend: its name, a line of help, what it needs, and how to build it."""

    name: BackendName
    help: str
    needs_llm: bool  # it cannot run without a configured endpoint
    cpu_bound: bool  # its work is CPU on the calling thread (run it off the event loop)
    build: Builder  # imports the backend's package when called


def _rules(settings: Settings, use_cache: bool, transport: httpx.AsyncBaseTransport | None) -> Backend:
    from summarizer.extract.rules import RulesBackend

    return RulesBackend()


def _llm(settings: Settings, use_cache: bool, transport: httpx.AsyncBaseTransport | None) -> Backend:
    from summarizer.extract.llm import LLMBackend

    return LLMBackend(settings, use_cache=use_cache, transport=transport)


def _hybrid(settings: Settings, use_cache: bool, transport: httpx.AsyncBaseTransport | None) -> Backend:
    from summarizer.extract.hybrid import HybridBackend

    return HybridBackend(settings, use_cache=use_cache, transport=transport)


REGISTRY: dict[BackendName, BackendSpec] = {
    spec.name: spec
    for spec in (
        BackendSpec("rules", BACKEND_HELP["rules"], needs_llm=False, cpu_bound=True, build=_rules),
        BackendSpec("llm", BACKEND_HELP["llm"], needs_llm=True, cpu_bound=False, build=_llm),
        BackendSpec("hybrid", BACKEND_HELP["hybrid"], needs_llm=True, cpu_bound=False, build=_hybrid),
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
