"""The OpenAI Batch API of the scripted server: ``/v1/files`` and ``/v1/batches``.

A batch's input file holds one request per line (``custom_id``, ``method``,
``url``, ``body``); each is answered as the server answers a direct chat
request (faults included, counted in its request log with ``via="batch"``).
A batch stays ``in_progress`` while the script's ``hold_batches`` is set;
otherwise it is answered when it is first looked at after creation, and its
answers go to an output file (HTTP 200) or an error file (any other status),
as OpenAI's batches do.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    from .server import ScriptedApp

_CREATED = 1_700_000_000
_FINAL = ("completed", "failed", "expired", "cancelled")


def _not_found(what: str) -> JSONResponse:
    body = {"error": {"message": f"No such {what}", "type": "invalid_request_error", "param": None,
                      "code": "not_found"}}
    return JSONResponse(body, status_code=404)


@dataclass
class StoredFile:
    """One uploaded or produced file."""

    id: str
    filename: str
    purpose: str
    content: bytes

    def describe(self) -> dict:
        """The file object as the Files API shows it."""
        return {"id": self.id, "object": "file", "bytes": len(self.content), "created_at": _CREATED,
                "filename": self.filename, "purpose": self.purpose, "status": "processed"}


@dataclass
class StoredBatch:
    """One batch and its progress."""

    id: str
    input_file_id: str
    endpoint: str
    completion_window: str
    metadata: dict | None
    status: str = "in_progress"
    output_file_id: str | None = None
    error_file_id: str | None = None
    counts: dict = field(default_factory=lambda: {"total": 0, "completed": 0, "failed": 0})
    errors: list[dict] = field(default_factory=list)

    def describe(self) -> dict:
        """The batch object as the Batches API shows it."""
        return {
            "id": self.id, "object": "batch", "endpoint": self.endpoint, "input_file_id": self.input_file_id,
            "completion_window": self.completion_window, "status": self.status, "created_at": _CREATED,
            "output_file_id": self.output_file_id, "error_file_id": self.error_file_id,
            "request_counts": self.counts, "metadata": self.metadata,
            "errors": {"object": "list", "data": self.errors} if self.errors else None,
        }


class BatchRoutes:
    """Files and batches kept in memory, for one ``ScriptedApp``."""

    def __init__(self, chat: ScriptedApp):
        self.chat = chat
        self.files: dict[str, StoredFile] = {}
        self.batches: dict[str, StoredBatch] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def routes(self) -> list[Route]:
        """The Starlette routes of the Files and Batches APIs."""
        return [
            Route("/v1/files", self.upload, methods=["POST"]),
            Route("/v1/files/{file_id}", self.file_info, methods=["GET"]),
            Route("/v1/files/{file_id}/content", self.file_content, methods=["GET"]),
            Route("/v1/batches", self.create, methods=["POST"]),
            Route("/v1/batches", self.list, methods=["GET"]),
            Route("/v1/batches/{batch_id}", self.retrieve, methods=["GET"]),
            Route("/v1/batches/{batch_id}/cancel", self.cancel, methods=["POST"]),
        ]

    def _new_id(self, prefix: str) -> str:
        with self._lock:
            return f"{prefix}-{next(self._ids):06d}"

    def _refused(self, request: Request) -> Response | None:
        if not self.chat.script.batch_api:
            return _not_found("route: this server has no Batch API")
        if not self.chat.authorized(request):
            return JSONResponse({"error": {"message": "Incorrect API key provided", "type": "invalid_api_key",
                                           "param": None, "code": "invalid_api_key"}}, status_code=401)
        return None

    async def upload(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        form = await request.form()
        upload = form.get("file")
        purpose = str(form.get("purpose") or "")
        if upload is None or isinstance(upload, str) or purpose != "batch":
            return JSONResponse({"error": {"message": "need a file and purpose=batch",
                                           "type": "invalid_request_error", "param": None, "code": None}},
                                status_code=400)
        stored = StoredFile(self._new_id("file"), upload.filename or "upload.jsonl", purpose, await upload.read())
        self.files[stored.id] = stored
        return JSONResponse(stored.describe())

    async def file_info(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        found = self.files.get(request.path_params["file_id"])
        return JSONResponse(found.describe()) if found else _not_found("file")

    async def file_content(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        found = self.files.get(request.path_params["file_id"])
        return Response(found.content, media_type="application/octet-stream") if found else _not_found("file")

    async def create(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        body = await request.json()
        if body.get("input_file_id") not in self.files:
            return _not_found("file")
        batch = StoredBatch(self._new_id("batch"), body["input_file_id"], body.get("endpoint", ""),
                            body.get("completion_window", "24h"), body.get("metadata"))
        self.batches[batch.id] = batch
        return JSONResponse(batch.describe())

    async def list(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        data = [b.describe() for b in reversed(self.batches.values())]
        return JSONResponse({"object": "list", "data": data, "has_more": False,
                             "first_id": data[0]["id"] if data else None, "last_id": data[-1]["id"] if data else None})

    async def retrieve(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        batch = self.batches.get(request.path_params["batch_id"])
        if batch is None:
            return _not_found("batch")
        if batch.status == "in_progress" and not self.chat.script.hold_batches:
            await self._run(batch)
        return JSONResponse(batch.describe())

    async def cancel(self, request: Request) -> Response:
        if (refused := self._refused(request)) is not None:
            return refused
        batch = self.batches.get(request.path_params["batch_id"])
        if batch is None:
            return _not_found("batch")
        if batch.status not in _FINAL:
            batch.status = "cancelled"
        return JSONResponse(batch.describe())

    async def _run(self, batch: StoredBatch) -> None:
        """Answer every line of the batch's input file, as direct requests would be answered."""
        if self.chat.script.fail_batches:
            batch.status = "failed"
            batch.errors.append({"code": "scripted_failure", "line": None, "message": "the batch was refused"})
            return
        batch.status = "finalizing"
        outputs, errors = [], []
        for number, line in enumerate(self.files[batch.input_file_id].content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                custom_id, body = entry["custom_id"], entry["body"]
            except (json.JSONDecodeError, KeyError, TypeError):
                batch.errors.append({"code": "invalid_json_line", "line": number, "message": "not a request"})
                continue
            raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
            answer = await self.chat.answer_chat(raw, body, via="batch")
            record = {
                "id": f"batch_req_{batch.id}_{number}", "custom_id": custom_id, "error": None,
                "response": {"status_code": answer.status_code, "request_id": f"req_{number}",
                             "body": json.loads(answer.body)},
            }
            (outputs if answer.status_code == 200 else errors).append(record)
        batch.counts = {"total": len(outputs) + len(errors), "completed": len(outputs), "failed": len(errors)}
        if batch.errors and not outputs and not errors:
            batch.status = "failed"
            return
        for kind, records in (("output", outputs), ("error", errors)):
            if records:
                content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
                stored = StoredFile(self._new_id("file"), f"{batch.id}_{kind}.jsonl", f"batch_{kind}", content)
                self.files[stored.id] = stored
                setattr(batch, f"{kind}_file_id", stored.id)
        batch.status = "completed"
