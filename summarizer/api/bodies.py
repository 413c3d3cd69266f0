"""Read request bodies that come as JSON or as multipart file uploads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData, UploadFile

from summarizer.api.errors import ApiError
from summarizer.api.models import JobRequest, SummaryOptions, SummaryRequest
from summarizer.jobs.spool import SpooledBytes


@dataclass(frozen=True)
class Upload:
    """One report as received: text or raw bytes (a fetched page: spooled to a file), and its
    name if any; or an address to fetch (``url``, the content empty until ``api.urls.fetch_uploads``)."""

    content: str | bytes | SpooledBytes
    name: str | None
    url: str | None = None
    follow_attachments: bool = False


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _unsupported(media_type: str, file_field: str) -> ApiError:
    return ApiError(415, "unsupported_media_type",
                    f"cannot read a request body of type {media_type or '(none)'!r}",
                    field="Content-Type",
                    hint=f"send application/json, or multipart/form-data with the report in '{file_field}'")


def _form_options(form: FormData) -> dict[str, Any]:
    """The option fields present in a form (strings; pydantic turns 'true' into True)."""
    return {
        key: value for key in SummaryOptions.model_fields
        if isinstance(value := form.get(key), str) and value != ""
    }


async def _read_upload(value: UploadFile | str, field: str) -> Upload:
    if isinstance(value, str):  # a plain form field where a file was expected: take its text
        content: str | bytes = value
        name = None
    else:
        content, name = await value.read(), value.filename
    if not content.strip():
        raise ApiError(422, "invalid_request", f"{field}: the uploaded report is empty", field=field,
                       hint="upload the report file's contents")
    return Upload(content, name or None)


async def read_summary_request(request: Request) -> tuple[Upload, SummaryOptions]:
    """The report and options of ``POST /v1/summaries`` (JSON ``SummaryRequest`` or a multipart upload)."""
    media_type = _media_type(request)
    if _is_json(media_type):
        body = SummaryRequest.model_validate_json(await request.body())
        return Upload(body.content(), body.name, body.url, body.follow_attachments), body
    if media_type == "multipart/form-data":
        async with request.form() as form:
            value = form.get("file")
            if value is None:
                raise ApiError(422, "invalid_request", "body.file: a report file is required",
                               field="body.file", hint="send the report as the multipart field 'file'")
            upload = await _read_upload(value, "body.file")
            options = SummaryOptions.model_validate(_form_options(form))
            name = form.get("name")
        if isinstance(name, str) and name.strip():
            upload = Upload(upload.content, name[:255])
        return upload, options
    raise _unsupported(media_type, "file")


async def read_job_request(request: Request) -> tuple[list[Upload], SummaryOptions]:
    """The reports and options of ``POST /v1/jobs`` (JSON ``JobRequest`` or multipart ``files``)."""
    media_type = _media_type(request)
    if _is_json(media_type):
        body = JobRequest.model_validate_json(await request.body())
        return [Upload(d.content(), d.name, d.url, d.follow_attachments) for d in body.documents], body
    if media_type == "multipart/form-data":
        async with request.form() as form:
            values = form.getlist("files")
            if not values:
                raise ApiError(422, "invalid_request", "body.files: at least one report file is required",
                               field="body.files", hint="send each report as a multipart field 'files'")
            uploads = [await _read_upload(v, f"body.files.{i}") for i, v in enumerate(values)]
            options = SummaryOptions.model_validate(_form_options(form))
        return uploads, options
    raise _unsupported(media_type, "files")
