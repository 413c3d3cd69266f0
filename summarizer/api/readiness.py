"""``/readyz``'s answer: probed at most once every few seconds, whatever the request rate.

``/readyz`` needs no key, so it says only what an orchestrator needs (ready or
not, and which dependency is not), never the model name, the endpoint or a path.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from summarizer.api.models import LLMReadiness, Readiness
from summarizer.backends import BackendChoice
from summarizer.errors import ConfigError
from summarizer.extract.registry import backend_spec
from summarizer.jobs.store import JobStore
from summarizer.service import SummaryService
from summarizer.settings import Settings


class ReadinessProbe:
    """Probes the jobs database (a small write) and the LLM endpoint; keeps the answer ``ttl_s`` seconds."""

    def __init__(self, settings: Settings, service: SummaryService, store: JobStore, *, ttl_s: float = 3.0):
        self.settings = settings
        self.service = service
        self.store = store
        self.ttl_s = ttl_s
        self._lock = asyncio.Lock()
        self._answer: Readiness | None = None
        self._at = 0.0

    async def current(self) -> Readiness:
        """The last answer if it is fresh, else a new probe (one at a time; callers meanwhile wait for it)."""
        async with self._lock:
            if self._answer is None or time.monotonic() - self._at > self.ttl_s:
                self._answer = await self._probe()
                self._at = time.monotonic()
            return self._answer

    async def _probe(self) -> Readiness:
        llm, jobs_fault = await asyncio.gather(self._probe_llm(), self.store.probe())
        try:
            default: BackendChoice = self.service.backend_name(None)
        except ConfigError:  # SUMMARIZER_BACKEND=llm without an endpoint: nothing can be summarised
            default = self.settings.backend
        needs_llm = default != "auto" and backend_spec(default).needs_llm
        ready = jobs_fault is None and (not needs_llm or bool(llm.reachable))
        return Readiness(ready=ready, default_backend=default, llm=llm, jobs_db=jobs_fault is None,
                         jobs_db_detail=jobs_fault)

    async def _probe_llm(self) -> LLMReadiness:
        llm = self.settings.llm
        if not llm.configured:
            return LLMReadiness(configured=False, detail="no LLM endpoint configured; the rules backend is used")
        base_url = (llm.base_url or "https://api.openai.com/v1").rstrip("/")
        headers = {"Authorization": f"Bearer {llm.api_key.get_secret_value()}"} if llm.api_key else {}
        try:
            async with httpx.AsyncClient(timeout=3.0) as client:
                reply = await client.get(f"{base_url}/models", headers=headers)
        except httpx.HTTPError as exc:
            return LLMReadiness(configured=True, reachable=False, detail=f"{type(exc).__name__} reaching the endpoint")
        return LLMReadiness(configured=True, reachable=reply.status_code < 500,
                            detail=f"GET /models answered HTTP {reply.status_code}")
