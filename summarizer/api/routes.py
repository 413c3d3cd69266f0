"""The API's endpoints: summaries, jobs, health, readiness and the output schema."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter, Depends, Request, Response

from summarizer import __version__
from summarizer.api.auth import require_api_key
from summarizer.api.bodies import read_job_request, read_summary_request
from summarizer.api.errors import ERROR_RESPONSES, ApiError, ErrorResponse
from summarizer.api.job_store import JobOptions
from summarizer.api.models import (
    BackendField,
    Health,
    JobRequest,
    JobStatus,
    LLMReadiness,
    Readiness,
    SummaryOptions,
    SummaryRequest,
    SummaryResponse,
)
from summarizer.api.urls import fetch_upload
from summarizer.batch.runner import summarize_off_loop
from summarizer.errors import ConfigError
from summarizer.schema import ReportSummary
from summarizer.settings import Settings

public = APIRouter()
v1 = APIRouter(prefix="/v1", dependencies=[Depends(require_api_key)], responses=ERROR_RESPONSES)


def _schema(model: type) -> dict[str, Any]:
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

    return inline(schema)


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
async def create_summary(request: Request) -> SummaryResponse:
    """Summarise one report, sent as JSON (``text`` or ``content_base64``) or as an uploaded ``file``."""
    upload, options = await read_summary_request(request)
    state = request.app.state
    upload = await fetch_upload(upload, state, "body.url")
    result = await summarize_off_loop(state.service, upload.content, name=upload.name,
                                      backend=options.backend, cpu_slots=state.cpu_slots)
    return SummaryResponse(
        summary=result.summary,
        clean_text=result.document.text if options.include_text else None,
        repairs=list(result.document.repairs) if options.include_repairs else None,
    )


@v1.post("/jobs", status_code=202, response_model=JobStatus,
         openapi_extra=_request_body(JobRequest, "files", many=True))
async def create_job(request: Request, response: Response) -> JobStatus:
    """Queue several reports; answers at once with the job's id (poll ``GET /v1/jobs/{id}``)."""
    uploads, options = await read_job_request(request)
    state = request.app.state
    uploads = [await fetch_upload(u, state, f"body.documents.{i}.url") for i, u in enumerate(uploads)]
    backend = state.service.backend_name(options.backend)  # ConfigError (400) now, not per document
    job_id = state.job_store.create_job(
        uploads, JobOptions(backend, options.include_text, options.include_repairs)
    )
    state.job_worker.submit(job_id)
    response.headers["Location"] = f"/v1/jobs/{job_id}"
    return state.job_store.status(job_id)


@v1.get("/jobs/{job_id}", response_model=JobStatus, response_model_exclude_none=True,
        responses={404: {"model": ErrorResponse, "description": "No such job"}})
async def get_job(job_id: str, request: Request) -> JobStatus:
    """A job's status, per-document progress, and the results (or errors) of finished documents."""
    status = request.app.state.job_store.status(job_id)
    if status is None:
        raise ApiError(404, "not_found", f"there is no job with id {job_id!r}", field="job_id",
                       hint="use the id that POST /v1/jobs returned")
    for doc in status.documents:
        if doc.error is not None and doc.error.code == "internal_error":
            doc.error.message = "the server failed on this document"  # details stay in the server log
    return status


@v1.get("/schema")
async def output_schema() -> dict[str, Any]:
    """The JSON Schema of ``ReportSummary``, the summary every endpoint returns."""
    return ReportSummary.model_json_schema()


@public.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """Liveness: the process answers."""
    return Health(status="ok", version=__version__)


@public.get("/readyz", response_model=Readiness,
            responses={503: {"model": Readiness, "description": "Not ready"}})
async def readyz(request: Request, response: Response) -> Readiness:
    """Readiness: the jobs database answers and, when an LLM endpoint is configured, it is reachable."""
    settings: Settings = request.app.state.settings
    llm = await _probe_llm(settings)
    jobs_ok = request.app.state.job_store.ping()
    settings_backend: BackendField = settings.backend
    try:
        default = request.app.state.service.backend_name(None)
    except ConfigError:  # SUMMARIZER_BACKEND=llm without an endpoint: nothing can be summarised
        default = settings_backend
    ready = jobs_ok and (default != "llm" or bool(llm.reachable))
    if not ready:
        response.status_code = 503
    return Readiness(ready=ready, default_backend=default, llm=llm, jobs_db=jobs_ok)


async def _probe_llm(settings: Settings) -> LLMReadiness:
    llm = settings.llm
    if not llm.configured:
        return LLMReadiness(configured=False, detail="no LLM endpoint configured; the rules backend is used")
    base_url = (llm.base_url or "https://api.openai.com/v1").rstrip("/")
    headers = {"Authorization": f"Bearer {llm.api_key.get_secret_value()}"} if llm.api_key else {}
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            reply = await client.get(f"{base_url}/models", headers=headers)
    except httpx.HTTPError as exc:
        return LLMReadiness(configured=True, reachable=False, model=llm.model,
                            detail=f"{type(exc).__name__} reaching the endpoint")
    reachable = reply.status_code < 500
    return LLMReadiness(configured=True, reachable=reachable, model=llm.model,
                        detail=f"GET /models answered HTTP {reply.status_code}")
