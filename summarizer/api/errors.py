"""One JSON error shape for every 4xx/5xx the API sends.

``{"error": {"code": ..., "message": ..., "field": ..., "hint": ..., "details": [...]}}``:
what was wrong, which field (when one is to blame) and what to do. Clients
never see a stack trace; unexpected errors are logged on the server only.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from summarizer.errors import (
    BackendError,
    BudgetExceededError,
    ConfigError,
    CpuBudgetExceededError,
    InputError,
    OutputError,
    StorageError,
    SummarizerError,
    WorkerLostError,
)
from summarizer.run.outcome import ErrorInfo

log = logging.getLogger("summarizer.api")


class ErrorDetail(BaseModel):
    """One problem with one field of a request."""

    field: str | None = None
    message: str


class ErrorBody(BaseModel):
    """What went wrong with a request."""

    code: str
    message: str
    field: str | None = None
    hint: str | None = None
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: ErrorBody


class ApiError(StarletteHTTPException):
    """An error the API answers with its own status, code, field and hint."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None,
                 hint: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code, self.message, self.field, self.hint = code, message, field, hint


# Responses every route may give, for the OpenAPI document.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Bad request"},
    401: {"model": ErrorResponse, "description": "Missing or wrong API key"},
    413: {"model": ErrorResponse, "description": "Request body too large"},
    415: {"model": ErrorResponse, "description": "Unsupported content type"},
    422: {"model": ErrorResponse, "description": "Invalid request or unreadable report"},
    503: {"model": ErrorResponse, "description": "The jobs database cannot be used now, or the worker "
          "process on the document died (worker_lost); retry later"},
}

_STATUS_OF = (
    (StorageError, 503),
    (WorkerLostError, 503),
    (InputError, 422),
    (ConfigError, 400),
    (OutputError, 502),
    (BackendError, 502),
)


_ERROR_CLASSES = {cls.code: cls for cls in (InputError, CpuBudgetExceededError, ConfigError, OutputError,
                                            BackendError, BudgetExceededError, StorageError, WorkerLostError)}

# How long a caller is asked to wait when the jobs database cannot be used.
STORAGE_RETRY_AFTER_S = 10


def error_from_info(info: ErrorInfo) -> Exception:
    """The exception a failure reported as data (from a worker process) stands for."""
    cls = _ERROR_CLASSES.get(info.code)
    if cls is None:
        return RuntimeError(f"{info.code}: {info.message}")  # logged, answered as internal_error
    return cls(info.message, source=info.source, hint=info.hint)


def error_response(status: int, code: str, message: str, *, field: str | None = None,
                   hint: str | None = None, details: list[ErrorDetail] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON response in the one error shape."""
    body = ErrorResponse(error=ErrorBody(code=code, message=message, field=field, hint=hint,
                                         details=details or []))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def validation_details(errors: Sequence[Mapping[str, Any]], *, prefix: tuple[str | int, ...] = ()) -> list[ErrorDetail]:
    """Pydantic errors as (field, message) pairs; the field is a dotted path like ``body.documents.0.text``."""
    details = []
    for err in errors:
        loc = [str(p) for p in (*prefix, *err.get("loc", ()))]
        details.append(ErrorDetail(field=".".join(loc) or None, message=err.get("msg", "invalid")))
    return details


def invalid_request(details: list[ErrorDetail]) -> JSONResponse:
    """422 for a request that does not match its schema."""
    first = details[0] if details else ErrorDetail(message="invalid request")
    message = f"{first.field}: {first.message}" if first.field else first.message
    return error_response(422, "invalid_request", message, field=first.field, details=details,
                          hint="see the request schema at /docs")


def install_error_handlers(app: FastAPI) -> None:
    """Make every error, expected or not, answer in the one JSON shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message, field=exc.field,
                              hint=exc.hint, headers=dict(exc.headers) if exc.headers is not None else None)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "invalid_request", 404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return invalid_request(validation_details(list(exc.errors())))

    @app.exception_handler(ValidationError)
    async def _model_error(request: Request, exc: ValidationError) -> JSONResponse:
        return invalid_request(validation_details(exc.errors(), prefix=("body",)))

    @app.exception_handler(SummarizerError)
    async def _summarizer_error(request: Request, exc: SummarizerError) -> JSONResponse:
        status = next((s for cls, s in _STATUS_OF if isinstance(exc, cls)), 500)
        field = "backend" if isinstance(exc, ConfigError) else None
        log.info("request failed: %s %s: %s", exc.code, exc.source or "-", exc.message)
        headers = {"Retry-After": str(STORAGE_RETRY_AFTER_S)} if isinstance(exc, StorageError) else None
        return error_response(status, exc.code, exc.message, field=field, hint=exc.hint, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "the server failed to handle this request",
                              hint="this is a bug in summarizer; the server log has the details")
