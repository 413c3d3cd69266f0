"""One exception root for everything summarizer raises on purpose.

Every error says which input it concerns (``source``), what is wrong (the
message) and what to do about it (``hint``), so that the CLI, the API and the
batch runner can report it to a person without a stack trace.

- ``ConfigError``: the settings are missing or wrong (e.g. no LLM endpoint).
- ``InputError``: an input cannot be read or is not a report.
- ``BackendError``: a runtime failure talking to a model endpoint, after retries.
- ``BudgetExceededError``: a document spent its token or cost budget.
- ``CpuBudgetExceededError``: a document needed more CPU time than one document may use.
- ``OutputError``: a backend's answer could not be validated or grounded.
- ``StorageError``: the jobs database cannot be read or written (disk full,
  read-only, locked, damaged).
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Root of all summarizer errors."""

    code = "error"

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.hint = hint

    def __str__(self) -> str:
        parts = []
        if self.source:
            parts.append(f"{self.source}: ")
        parts.append(self.message)
        if self.hint:
            parts.append(f" ({self.hint})")
        return "".join(parts)

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-friendly form: code, message, source, hint."""
        return {"code": self.code, "message": self.message, "source": self.source, "hint": self.hint}


class ConfigError(SummarizerError):
    """Settings are missing or invalid."""

    code = "config_error"


class InputError(SummarizerError):
    """An input cannot be read, decoded or summarised."""

    code = "input_error"


class CpuBudgetExceededError(InputError):
    """Summarising a document used up the CPU time one document may take."""

    code = "cpu_budget_exceeded"


class WorkerLostError(SummarizerError):
    """The worker process running a document died (out of memory, killed by a signal)."""

    code = "worker_lost"


class BackendError(SummarizerError):
    """A model endpoint failed and retrying did not help."""

    code = "backend_error"


class BudgetExceededError(BackendError):
    """A document used up its token or cost budget."""

    code = "budget_exceeded"


class OutputError(SummarizerError):
    """A backend's answer could not be validated or grounded in the text."""

    code = "output_error"


class StorageError(SummarizerError):
    """The jobs database cannot be read or written; work waits until it can."""

    code = "jobs_db_unavailable"
