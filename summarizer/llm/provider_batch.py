"""Chat requests sent through the provider's Batch API (``/v1/files`` + ``/v1/batches``) instead of one by one.

``ProviderBatcher.transport`` is an httpx transport for the LLM backend's
openai client. It holds each chat-completion request; once every document in
flight is waiting on one, the held requests go to the provider as one batch
(a JSONL file uploaded to ``/v1/files``, then ``POST /v1/batches``), the
batch is polled until it ends, and each request is answered with the
provider's answer to its line. Everything above the transport (structured-
output modes, instructor's parsing and re-asks, the split of a truncated
answer, usage and budgets) runs exactly as for direct calls: a re-ask is a
request in the next batch.

Answers and submitted batches are kept in a SQLite file (``BatchState``), and
a request's ``custom_id`` is the hash of its body, which is the same on every
run for the same document and settings. So a restarted run takes the answers
it already has and waits on the batches it already submitted instead of
sending their requests again.
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import json
import logging
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import openai
from openai.types import Batch
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError

from summarizer.errors import BackendError, InputError
from summarizer.llm.client import is_transient
from summarizer.settings import LLMSettings

log = logging.getLogger(__name__)

_CHAT_PATH = "/chat/completions"
_FINAL = frozenset({"completed", "failed", "expired", "cancelled"})
_NO_BATCH_API = frozenset({404, 405, 501})  # what endpoints without the routes answer
_current_document: contextvars.ContextVar[str | None] = contextvars.ContextVar("provider_batch_doc", default=None)


def custom_id(body: bytes) -> str:
    """The id of a request in a batch: its body's hash, so a rerun finds it again."""
    return "summarizer-" + hashlib.sha256(body).hexdigest()[:40]


class _LineResponse(BaseModel):
    status_code: int
    body: dict[str, Any] | None = None  # a chat completion as JSON (validated as ChatCompletion later)


class _LineError(BaseModel):
    code: str | None = None
    message: str | None = None


class _OutputLine(BaseModel):
    """One line of a batch's output or error file."""

    custom_id: str
    response: _LineResponse | None = None
    error: _LineError | None = None


class BatchState:
    """What survives a restart: the answers received and the batches still pending."""

    def __init__(self, path: Path):
        """Open (or create) the state file; ``InputError`` when it is damaged or cannot be opened."""
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)
            problems = [row[0] for row in self._db.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems)[:200])
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (custom_id TEXT PRIMARY KEY, status INTEGER, body BLOB)")
            self._db.execute("CREATE TABLE IF NOT EXISTS batches (id TEXT PRIMARY KEY, custom_ids TEXT, done INTEGER)")
            # Files uploaded for a batch not yet known to be created (a run killed in between).
            self._db.execute("CREATE TABLE IF NOT EXISTS uploads (file_id TEXT PRIMARY KEY, custom_ids TEXT)")
        except (sqlite3.DatabaseError, OSError) as exc:
            raise InputError(
                f"the provider-batch state file cannot be used: {exc}", source=str(path),
                hint="move the file aside and rerun (batches it listed as pending are then submitted again), "
                "or restore it from a backup",
            ) from None

    def answer(self, cid: str) -> tuple[int, bytes] | None:
        """The provider's answer to request ``cid``, if it came."""
        row = self._db.execute("SELECT status, body FROM answers WHERE custom_id = ?", (cid,)).fetchone()
        return None if row is None else (row[0], row[1])

    def add_upload(self, file_id: str, cids: list[str]) -> None:
        """Remember a file uploaded for a batch about to be created."""
        self._db.execute("INSERT OR REPLACE INTO uploads VALUES (?, ?)", (file_id, json.dumps(cids)))

    def uploads(self) -> dict[str, list[str]]:
        """Uploaded files whose batch was not recorded, with their requests."""
        return {file_id: json.loads(cids) for file_id, cids in self._db.execute("SELECT * FROM uploads")}

    def add_batch(self, batch_id: str, cids: list[str], file_id: str | None = None) -> None:
        """Remember a submitted batch and the requests in it (its upload is then no longer pending)."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("INSERT OR REPLACE INTO batches VALUES (?, ?, 0)", (batch_id, json.dumps(cids)))
            self._db.execute("DELETE FROM uploads WHERE file_id = ?", (file_id,))

    def forget_upload(self, file_id: str) -> None:
        """An uploaded file no batch was made of: its requests are sent again when asked."""
        self._db.execute("DELETE FROM uploads WHERE file_id = ?", (file_id,))

    def pending_batches(self) -> dict[str, set[str]]:
        """Submitted batches not yet collected, with their requests."""
        rows = self._db.execute("SELECT id, custom_ids FROM batches WHERE done = 0").fetchall()
        return {batch_id: set(json.loads(cids)) for batch_id, cids in rows}

    def finish_batch(self, batch_id: str, answers: dict[str, tuple[int, bytes]]) -> None:
        """Keep a batch's answers and mark it collected, in one transaction."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                [(cid, status, body) for cid, (status, body) in answers.items()],
            )
            self._db.execute("UPDATE batches SET done = 1 WHERE id = ?", (batch_id,))

    def close(self) -> None:
        """Close the database."""
        self._db.close()


class _BatchTransport(httpx.AsyncBaseTransport):
    """Answers chat-completion requests through ``ProviderBatcher.ask``."""

    def __init__(self, batcher: ProviderBatcher):
        self.batcher = batcher

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith(_CHAT_PATH):
            raise BackendError(f"the provider-batch transport carries chat completions only, not {request.url.path}")
        status, body = await self.batcher.ask(await request.aread())
        return httpx.Response(status, content=body, headers={"content-type": "application/json"}, request=request)


class ProviderBatcher:
    """Collects chat requests into provider batches, submits, polls and answers them.

    Call ``document_started`` from the task that summarises a document (the
    request it makes are counted as that document's) and
    ``document_finished`` when it is done; run ``serve`` alongside.
    ``max_requests`` caps the requests in one batch; ``settle_s`` is how
    long to wait after the last change before deciding that every document is
    waiting (so the parts of one document go into the same batch).
    """

    def __init__(self, settings: LLMSettings, state_path: Path, *, max_requests: int = 50_000, settle_s: float = 0.2):
        self.settings = settings
        self.state = BatchState(state_path)
        self.max_requests = max_requests
        self.settle_s = settle_s
        self.transport = _BatchTransport(self)
        self.batches_submitted = 0  # by this run
        self.requests_submitted = 0
        self._client: openai.AsyncOpenAI | None = None
        self._in_flight: set[str] = set()
        self._waiting: Counter[str | None] = Counter()
        self._queued: dict[str, bytes] = {}
        self._bodies: dict[str, bytes] = {}
        self._futures: dict[str, asyncio.Future[tuple[int, bytes]]] = {}
        self._pending = self.state.pending_batches()
        self.batches_resumed = len(self._pending)  # submitted by an earlier run, collected by this one
        self._attempts: Counter[str] = Counter()
        self._changed = asyncio.Event()

    @property
    def client(self) -> openai.AsyncOpenAI:
        """The openai client for the Files and Batches APIs (the same endpoint and key)."""
        if self._client is None:
            s = self.settings
            self._client = openai.AsyncOpenAI(
                api_key=s.api_key.get_secret_value() if s.api_key else "not-needed",
                base_url=s.base_url or "https://api.openai.com/v1",
                timeout=s.timeout_s,
                max_retries=s.max_retries,
            )
        return self._client

    async def supported(self) -> bool:
        """Whether the endpoint has a Batch API (it lists batches); other failures raise ``BackendError``."""
        try:
            await self.client.batches.list(limit=1)
        except openai.APIStatusError as exc:
            if exc.status_code in _NO_BATCH_API:
                return False
            raise BackendError(
                f"the endpoint refused to list batches: HTTP {exc.status_code}: {exc.message}",
                hint="check SUMMARIZER_LLM_API_KEY, or run without --provider-batch",
            ) from exc
        except openai.APIConnectionError as exc:
            raise BackendError(f"could not reach the LLM endpoint: {exc}",
                               hint="check SUMMARIZER_LLM_BASE_URL and the network") from exc
        return True

    def document_started(self, key: str) -> None:
        """Count the calling task's requests as document ``key``'s until it finishes."""
        _current_document.set(key)
        self._in_flight.add(key)
        self._changed.set()

    def document_finished(self, key: str) -> None:
        """Document ``key`` needs no more answers."""
        self._in_flight.discard(key)
        self._changed.set()

    async def ask(self, body: bytes) -> tuple[int, bytes]:
        """The provider's answer (HTTP status and body) to one chat request, waiting for its batch."""
        cid = custom_id(body)
        if (found := self.state.answer(cid)) is not None:
            return found
        self._bodies[cid] = body
        future = self._futures.get(cid)
        if future is None:
            future = self._futures[cid] = asyncio.get_running_loop().create_future()
            if not any(cid in cids for cids in self._pending.values()):
                self._queued[cid] = body
        document = _current_document.get()
        self._waiting[document] += 1
        self._changed.set()
        try:
            return await asyncio.shield(future)  # another document may wait on the same request
        finally:
            self._waiting[document] -= 1

    def _all_waiting(self) -> bool:
        return all(self._waiting[d] > 0 for d in self._in_flight)

    async def serve(self) -> None:
        """Submit batches when every document is waiting and collect them; runs until cancelled.

        Raises ``BackendError`` when the provider fails a batch or refuses the
        Files/Batches calls; transient errors while polling are retried.
        """
        await self._adopt_orphans()
        async with asyncio.TaskGroup() as group:
            for batch_id in self._pending:
                group.create_task(self._collect(batch_id))
            while True:
                await self._changed.wait()
                self._changed.clear()
                await asyncio.sleep(self.settle_s)
                if self._changed.is_set():
                    continue  # something moved while settling: look again
                if self._queued and (len(self._queued) >= self.max_requests or self._all_waiting()):
                    batch_id = await self._submit()
                    group.create_task(self._collect(batch_id))

    async def _adopt_orphans(self) -> None:
        """Find the batches an earlier run created but was killed before recording, so they are
        collected rather than paid for twice; uploads no batch was made of are forgotten."""
        orphans = self.state.uploads()
        if not orphans:
            return
        try:
            async for batch in self.client.batches.list(limit=100):
                cids = orphans.pop(batch.input_file_id, None)
                if cids is not None:
                    self.state.add_batch(batch.id, cids, batch.input_file_id)
                    self._pending[batch.id] = set(cids)
                    self.batches_resumed += 1
                    log.info("found batch %s, created by an earlier run before it stopped", batch.id)
                if not orphans:
                    break
        except openai.APIError as exc:
            raise BackendError(f"could not list the provider's batches: {exc}",
                               hint="rerun to resume, or run without --provider-batch") from exc
        for file_id in orphans:
            self.state.forget_upload(file_id)

    async def _submit(self) -> str:
        cids = list(self._queued)[: self.max_requests]
        data = b"".join(
            b'{"custom_id":"' + cid.encode() + b'","method":"POST","url":"/v1/chat/completions","body":'
            + self._queued[cid] + b"}\n"
            for cid in cids
        )
        try:
            uploaded = await self.client.files.create(file=("summarizer-batch.jsonl", data), purpose="batch")
            self.state.add_upload(uploaded.id, cids)  # killed before the next line is kept: see _adopt_orphans
            batch = await self.client.batches.create(
                input_file_id=uploaded.id, endpoint="/v1/chat/completions",
                # The SDK types OpenAI's only window ("24h"); OpenAI-compatible providers take others,
                # so the setting stays a string and is passed through.
                completion_window=self.settings.batch_window,  # type: ignore[arg-type]
                metadata={"created_by": "summarizer"},
            )
        except openai.APIError as exc:
            raise BackendError(f"the provider did not take the batch: {exc}",
                               hint="rerun to resume, or run without --provider-batch") from exc
        self.state.add_batch(batch.id, cids, uploaded.id)
        self._pending[batch.id] = set(cids)
        for cid in cids:
            del self._queued[cid]
        self.batches_submitted += 1
        self.requests_submitted += len(cids)
        log.info("submitted provider batch %s with %d requests", batch.id, len(cids))
        return batch.id

    async def _collect(self, batch_id: str) -> None:
        """Poll one batch until it ends, then answer its requests (or queue them again)."""
        batch = await self._poll(batch_id)
        if batch is not None and batch.status == "failed":
            self.state.finish_batch(batch_id, {})  # a rerun sends its requests again
            errors = "; ".join(f"{e.code}: {e.message}" for e in (batch.errors.data if batch.errors else []) or [])
            raise BackendError(f"the provider failed batch {batch_id}: {errors or 'no reason given'}",
                               hint="rerun to send its requests again, or run without --provider-batch")
        lines: list[_OutputLine] = []
        for file_id in (batch.output_file_id, batch.error_file_id) if batch is not None else ():
            if file_id:
                lines.extend(await self._read_lines(file_id, batch_id))
        cids = self._pending[batch_id]
        answers: dict[str, tuple[int, bytes]] = {}
        failed: dict[str, tuple[int, bytes]] = {}
        for line in lines:
            if line.custom_id not in cids:
                log.warning("batch %s answered a request it was not given (%s); ignored", batch_id, line.custom_id)
                continue
            answer = _answer_of(line)
            if answer[0] == 200 or not _transient(answer[0]):
                answers[line.custom_id] = answer
            else:
                failed[line.custom_id] = answer
        for cid in cids - answers.keys() - failed.keys():  # expired or cancelled before it ran
            ended = batch.status if batch is not None else "unknown to the provider"
            failed[cid] = (504, _error_body(f"batch {batch_id} ended ({ended}) without answering it"))
        self.state.finish_batch(batch_id, answers)
        del self._pending[batch_id]
        for cid, answer in answers.items():
            self._resolve(cid, answer)
        for cid, answer in failed.items():
            self._attempts[cid] += 1
            if cid not in self._futures:
                continue  # nobody waits for it (a request of a previous run): asked again if needed
            if self._attempts[cid] > self.settings.max_retries:
                self._resolve(cid, answer)  # the client's own error handling takes it from here
            else:
                self._queued[cid] = self._bodies[cid]
        self._changed.set()

    async def _poll(self, batch_id: str) -> Batch | None:
        """The batch once it has ended; None when the provider no longer knows it (its requests are sent again)."""
        failures = 0
        while True:
            try:
                batch = await self.client.batches.retrieve(batch_id)
            except openai.NotFoundError:
                log.warning("the provider no longer knows batch %s; its requests are sent again", batch_id)
                return None
            except openai.APIError as exc:
                if not is_transient(exc) or failures >= self.settings.max_retries:
                    raise BackendError(f"could not look up provider batch {batch_id}: {exc}",
                                       hint="rerun to resume; the batch is kept in the state file") from exc
                failures += 1
            else:
                failures = 0
                if batch.status in _FINAL:
                    return batch
            await asyncio.sleep(self.settings.batch_poll_s)

    async def _read_lines(self, file_id: str, batch_id: str) -> list[_OutputLine]:
        try:
            content = await self.client.files.content(file_id)
        except openai.APIError as exc:
            raise BackendError(f"could not download file {file_id} of batch {batch_id}: {exc}",
                               hint="rerun to resume; the batch is kept in the state file") from exc
        lines = []
        for number, raw in enumerate(content.text.splitlines(), 1):
            if not raw.strip():
                continue
            try:
                lines.append(_OutputLine.model_validate_json(raw))
            except ValidationError as exc:
                log.warning("file %s line %d is not a batch answer (%s); its request is sent again", file_id,
                            number, exc.errors()[0]["msg"])
        return lines

    def _resolve(self, cid: str, answer: tuple[int, bytes]) -> None:
        future = self._futures.pop(cid, None)
        if future is not None and not future.done():
            future.set_result(answer)

    async def aclose(self) -> None:
        """Close the HTTP client and the state file."""
        if self._client is not None:
            await self._client.close()
        self.state.close()


def _transient(status: int) -> bool:
    return status in (408, 409, 429) or status >= 500


def _error_body(message: str) -> bytes:
    return json.dumps({"error": {"message": message, "type": "batch_error", "param": None, "code": None}}).encode()


def _answer_of(line: _OutputLine) -> tuple[int, bytes]:
    """The HTTP status and body a direct call would have got; a 200 that is no chat completion counts as a 502."""
    if line.response is None or line.response.body is None:
        message = line.error.message if line.error and line.error.message else "no response in the batch line"
        return 502, _error_body(message)
    status, body = line.response.status_code, line.response.body
    if status == 200:
        try:
            ChatCompletion.model_validate(body)
        except ValidationError as exc:
            return 502, _error_body(f"the batch answer is not a chat completion: {exc.errors()[0]['msg']}")
    return status, json.dumps(body, ensure_ascii=False).encode("utf-8")
