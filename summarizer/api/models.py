"""Request and response bodies of the API."""

from __future__ import annotations

import base64
import binascii
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from summarizer.backends import backends_help
from summarizer.genres import GENRE_NAMES

# The job views are the jobs package's; the API answers them as they are.
from summarizer.jobs.views import DocumentState, JobDocument, JobProgress, JobStatus  # noqa: F401
from summarizer.preprocess.document import Repair
from summarizer.schema import BackendChoice, ReportSummary  # noqa: F401  # re-exported for the API's users
from summarizer.summary_types import AnySummary

BackendField = BackendChoice
GENRE_CHOICES = ("auto", *GENRE_NAMES)  # what a request's ``genre`` may be (the genre table's names)
MAX_JOB_DOCUMENTS = 1000
DEFAULT_PAGE = 20  # documents per page of GET /v1/jobs/{id}
MAX_PAGE = 100
# The highest ?offset= taken: far beyond any job's documents (the queue limits bound a job), and far
# below the 64-bit integers databases page with, so a huge offset is a 422, not a database error.
MAX_OFFSET = 10_000_000


class DocumentInput(BaseModel):
    """One report: its ``text``, its raw bytes (any Chinese encoding, HTML, PDF, Word) as
    ``content_base64``, or (where the operator allows it) a ``url`` to fetch."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["content_base64"]}, {"required": ["url"]}]},
    )

    text: str | None = Field(default=None, min_length=1, description="The report as text (plain text or HTML)")
    content_base64: str | None = Field(
        default=None,
        pattern=r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
        description="The report file's bytes, base64-encoded (GBK, Big5, UTF-8, HTML, PDF, Word …)",
    )
    url: str | None = Field(
        default=None, max_length=2048, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$",
        description="A public http(s) address of the report; only where the server enables URL input",
    )
    follow_attachments: bool = Field(
        default=False, description="With url: a page linking its report as a PDF/Word attachment gives the attachment",
    )
    name: str | None = Field(default=None, max_length=255, description="A file name or id for the report")

    @field_validator("text", "name")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError("contains a lone surrogate, which is not valid Unicode text") from exc
        return value

    @model_validator(mode="after")
    def _one_source(self) -> DocumentInput:
        if [self.text, self.content_base64, self.url].count(None) != 2:
            raise ValueError("give exactly one of 'text', 'content_base64' and 'url'")
        if self.content_base64 is not None:
            try:
                base64.b64decode(self.content_base64, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ValueError(f"content_base64 is not valid base64: {exc}") from exc
        return self

    def content(self) -> str | bytes:
        """What to hand to the summariser: the text, or the decoded bytes (empty for a url)."""
        if self.text is not None:
            return self.text
        if self.url is not None:
            return b""
        return base64.b64decode(self.content_base64 or "", validate=True)


class SummaryOptions(BaseModel):
    """How to summarise."""

    backend: BackendField = Field(
        default="auto", description="auto: the LLM when configured, else rules. " + backends_help()
    )
    genre: str | None = Field(
        default=None, json_schema_extra={"enum": [*GENRE_CHOICES, None]},
        description="The genre to summarise the report as, with that genre's parts and output model: "
        + ", ".join(GENRE_NAMES) + "; auto: decided by the document's kind (a 政府工作报告 is a "
        "government_work_report); absent: the server's default (SUMMARIZER_GENRE, auto unless set)",
    )
    include_text: bool = Field(default=False, description="Return the clean text the spans index into")
    include_repairs: bool = Field(default=False, description="Return what preprocessing repaired")

    @field_validator("genre")
    @classmethod
    def _known_genre(cls, value: str | None) -> str | None:
        if value is not None and value not in GENRE_CHOICES:
            raise ValueError(f"unknown genre {value!r}: give one of {', '.join(GENRE_CHOICES)}")
        return value


class SummaryRequest(DocumentInput, SummaryOptions):
    """``POST /v1/summaries`` as JSON: one report and the options."""

    model_config = ConfigDict(extra="forbid")


class SummaryResponse(BaseModel):
    """A report's summary, with its clean text and repairs when asked for."""

    summary: AnySummary  # ReportSummary, or another genre's (a 政府工作报告: GovWorkSummary)
    clean_text: str | None = None
    repairs: list[Repair] | None = None


class JobRequest(SummaryOptions):
    """``POST /v1/jobs``: several reports, summarised in the background."""

    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentInput] = Field(min_length=1, max_length=MAX_JOB_DOCUMENTS)


class Health(BaseModel):
    """Liveness."""

    status: Literal["ok"]
    version: str


class LLMReadiness(BaseModel):
    """Whether an LLM endpoint is configured, and whether it answered."""

    configured: bool
    reachable: bool | None = None
    detail: str | None = None


class Readiness(BaseModel):
    """Whether the service can take work, with what it depends on (operational state only: no
    model name, endpoint or path, since ``/readyz`` needs no key)."""

    ready: bool
    default_backend: str
    llm: LLMReadiness
    jobs_db: bool
    jobs_db_detail: str | None = None
