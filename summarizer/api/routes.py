"""The API's endpoints: summaries, jobs, health, readiness and the output schema."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel

from summarizer import __version__
from summarizer.api.auth import require_api_key
from summarizer.api.bodies import SpooledBytes, Upload, read_job_request, read_summary_request
from summarizer.api.disconnect import cancel_on_disconnect
from summarizer.api.errors import ERROR_RESPONSES, ApiError, ErrorResponse, error_from_info
from summarizer.api.models import (
    DEFAULT_PAGE,
    MAX_OFFSET,
    MAX_PAGE,
    Health,
    JobRequest,
    JobStatus,
    Readiness,
    SummaryOptions,
    SummaryRequest,
    SummaryResponse,
)
from summarizer.api.urls import fetch_uploads, request_budget, url_input_allowed
from summarizer.backends import BackendName
from summarizer.jobs.store import JobLimits, JobOptions, QueueFullError
from summarizer.run.options import RunOptions
from summarizer.run.outcome import WorkItem
from summarizer.schema import ReportSummary
from summarizer.settings import Settings

public = APIRouter()
v1 = APIRouter(prefix="/v1", dependencies=[Depends(require_api_key)], responses=ERROR_RESPONSES)


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON Schema with its ``$defs`` inlined, to embed in ``openapi_extra``."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined


def _multipart_schema(file_field: str, *, many: bool) -> dict[str, Any]:
    binary = {"type": "string", "format": "binary"}
    options = _schema(SummaryOptions)["properties"]
    properties: dict[str, Any] = {file_field: {"type": "array", "items": binary} if many else binary, **options}
    if not many:
        properties["name"] = {"type": "string", "maxLength": 255}
    return {"type": "object", "required": [file_field], "properties": properties}


def _request_body(json_model: type, file_field: str, *, many: bool) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": _schema(json_model)},
        "multipart/form-data": {"schema": _multipart_schema(file_field, many=many)},
    }}}


@v1.post("/summaries", response_model=SummaryResponse, response_model_exclude_none=True,
         openapi_extra=_request_body(SummaryRequest, "file", many=False),
         responses={502: {"model": ErrorResponse, "description": "The LLM endpoint failed"}})
async def create_summary(request: Request) -> Response:
    """Summarise one report, sent as JSON (``text`` or ``content_base64``) or as an uploaded ``file``.

    The work stops when the caller hangs up."""
    upload, options = await read_summary_request(request)
    state = request.app.state
    url_input_allowed([upload], state, "body.url")
    backend = state.service.backend_name(options.backend)
    budget = request_budget([upload], state)
    with state.fetch_budget.reserve(request.state.owner, budget) if budget else contextlib.nullcontext():
        response = await cancel_on_disconnect(request, _fetch_and_summarize(state, upload, options, backend, budget))
    return Response(response.model_dump_json(exclude_none=True), media_type="application/json")


async def _fetch_and_summarize(state: Any, upload: Upload, options: SummaryOptions, backend: BackendName,
                               budget: int) -> SummaryResponse:
    (upload,) = await fetch_uploads([upload], state, ["body.url"], budget, spool=False)
    return await _summarize(state, upload, options, backend)


async def _summarize(state: Any, upload: Upload, options: SummaryOptions, backend: BackendName) -> SummaryResponse:
    # One request's page is fetched unspooled (spool=False); a spooled one is read here all the same.
    content = upload.content.read() if isinstance(upload.content, SpooledBytes) else upload.content
    item = WorkItem(key="", name=upload.name or "", content=content, sha256="")
    outcome = await state.runner.run_one(item, RunOptions(
        backend=backend, include_text=options.include_text, include_repairs=options.include_repairs,
        genre=options.genre))
    if outcome.error is not None:
        raise error_from_info(outcome.error)
    return SummaryResponse(summary=outcome.summary, clean_text=outcome.clean_text, repairs=outcome.repairs)


# FastAPI's ``responses=`` type: status code -> OpenAPI response object (JSON, hence Any).
_Responses = dict[int | str, dict[str, Any]]
_QUEUE_FULL: _Responses = {429: {"model": ErrorResponse, "description": "Too many unfinished jobs or documents; "
                     "retry after the Retry-After header's seconds"}}
_STORE_DOWN: _Responses = {503: {"model": ErrorResponse, "description": "The jobs database cannot be used now; retry later"}}
_NO_JOB: _Responses = {404: {"model": ErrorResponse, "description": "No such job (for this API key)"}}


def _limits(settings: Settings) -> JobLimits:
    api = settings.api
    return JobLimits(max_jobs=api.max_queued_jobs, max_documents=api.max_queued_documents,
                     max_jobs_per_owner=api.max_queued_jobs_per_key,
                     max_documents_per_owner=api.max_queued_documents_per_key)


def _not_found(job_id: str) -> ApiError:
    return ApiError(404, "not_found", f"there is no job with id {job_id!r}", field="job_id",
                    hint="use the id that POST /v1/jobs returned, with the same API key; finished jobs "
                    "are deleted after the retention period")


@v1.post("/jobs", status_code=202, response_model=JobStatus, response_model_exclude_none=True,
         openapi_extra=_request_body(JobRequest, "files", many=True), responses={**_QUEUE_FULL, **_STORE_DOWN})
async def create_job(request: Request) -> Response:
    """Queue several reports; answers at once with the job's id (poll ``GET /v1/jobs/{id}``)."""
    uploads, options = await read_job_request(request)
    state = request.app.state
    url_input_allowed(uploads, state, "body.documents")
    backend = state.service.backend_name(options.backend)  # ConfigError (400) now, not per document
    owner = request.state.owner
    limits = _limits(state.settings)
    budget = request_budget(uploads, state)
    try:
        if budget:  # admission before fetching anything: the queue, then the bytes the pages may come to
            await state.job_store.admit(owner, len(uploads), limits)
        with state.fetch_budget.reserve(owner, budget) if budget else contextlib.nullcontext():
            if budget:
                fields = [f"body.documents.{i}.url" for i in range(len(uploads))]
                uploads = await cancel_on_disconnect(request, fetch_uploads(uploads, state, fields, budget))
            job_id = await state.job_store.create_job(
                owner, uploads, JobOptions(backend, options.include_text, options.include_repairs, options.genre), limits)
            del uploads  # the inputs are on disk now; do not hold them while answering
    except QueueFullError as exc:
        raise ApiError(429, exc.code, exc.message, hint=exc.hint,
                       headers={"Retry-After": str(exc.retry_after_s)}) from None
    if state.job_worker is not None:  # else separate workers take it from the queue
        state.job_worker.submit(job_id)
    status = await state.job_store.status(job_id, owner, offset=0, limit=DEFAULT_PAGE)
    return Response(status.model_dump_json(exclude_none=True), status_code=202, media_type="application/json",
                    headers={"Location": f"/v1/jobs/{job_id}"})


@v1.get("/jobs/{job_id}", response_model=JobStatus, response_model_exclude_none=True,
        responses={**_NO_JOB, **_STORE_DOWN})
async def get_job(
    job_id: str,
    request: Request,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="The first document of the page")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="How many documents per page")] = DEFAULT_PAGE,
) -> Response:
    """A job's status and progress, and one page of its documents with the results (or errors) of
    finished ones; ``next_offset`` gives the next page."""
    status = await request.app.state.job_store.status(job_id, request.state.owner, offset=offset, limit=limit)
    if status is None:
        raise _not_found(job_id)
    for doc in status.documents:
        if doc.error is not None and doc.error.code == "internal_error":
            doc.error.message = "the server failed on this document"  # details stay in the server log
    body = await asyncio.to_thread(status.model_dump_json, exclude_none=True)
    return Response(body, media_type="application/json")


@v1.delete("/jobs/{job_id}", status_code=204, responses={**_NO_JOB, **_STORE_DOWN})
async def delete_job(job_id: str, request: Request) -> Response:
    """Delete a job with its inputs and results; its unfinished documents are abandoned."""
    state = request.app.state
    if not await state.job_store.delete(job_id, request.state.owner):
        raise _not_found(job_id)
    if state.job_worker is not None:
        await state.job_worker.cancel(job_id)
    return Response(status_code=204)


@v1.get("/schema")
async def output_schema() -> dict[str, Any]:
    """The JSON Schema of ``ReportSummary``, the summary of a rule-of-law report (a report of another
    genre comes back in its genre's model, named by its ``genre`` field: ``summarizer schema --genre``)."""
    return ReportSummary.model_json_schema()


@public.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """Liveness: the process answers."""
    return Health(status="ok", version=__version__)


@public.get("/readyz", response_model=Readiness,
            responses={503: {"model": Readiness, "description": "Not ready"}})
async def readyz(request: Request, response: Response) -> Readiness:
    """Readiness: the jobs database can be written and, when an LLM endpoint is configured, it is
    reachable. Probed at most every few seconds, however often it is asked."""
    readiness: Readiness = await request.app.state.readiness.current()
    if not readiness.ready:
        response.status_code = 503
    return readiness
