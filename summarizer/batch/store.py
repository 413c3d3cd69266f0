"""Where a run's outcomes go. ``ResultStore`` is the interface; ``JsonlStore`` the batch file."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from summarizer.errors import InputError, OutputError
from summarizer.run.outcome import DocumentOutcome

log = logging.getLogger(__name__)


class ResultStore(Protocol):
    """Keeps outcomes; tells the runner which keys need no work."""

    def finished_keys(self) -> set[str]:
        """Keys whose documents need not be run again."""
        ...

    def record(self, outcome: DocumentOutcome) -> None:
        """Keep one document's outcome durably before returning."""
        ...


class JsonlStore:
    """Outcomes appended, one JSON line each, to a results file.

    Only successful documents count as finished, so a rerun retries failures.
    A half-written last line (a run killed mid-write) is ignored.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def check_writable(self) -> None:
        """Make sure outcomes can be appended (creating the file and its folders); ``OutputError``
        naming the file when not (a folder given as ``--out``, no permission, a read-only disk)."""
        if self.path.is_dir():
            raise OutputError("is a folder, not a results file", source=str(self.path),
                              hint="give a file path for the results, such as results.jsonl")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab"):
                pass
        except OSError as exc:
            raise OutputError(f"cannot write the results file: {exc.strerror or exc}", source=str(self.path),
                              hint="give a writable path for --out") from None

    def finished_keys(self) -> set[str]:
        """Keys of the documents this file holds a summary for (the latest line per key decides)."""
        if not self.path.exists():
            return set()
        status: dict[str, str] = {}
        with self.path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a half-written line: that document is redone
                if isinstance(record, dict) and isinstance(record.get("key"), str):
                    status[record["key"]] = record.get("status", "")
        return {key for key, state in status.items() if state == "done"}

    def record(self, outcome: DocumentOutcome) -> None:
        """Append ``outcome`` as one line and flush it to the OS."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = outcome.model_dump_json(exclude_none=True) + "\n"
        with self.path.open("a+b") as fh:
            fh.seek(0, 2)
            if fh.tell() > 0:
                fh.seek(-1, 2)
                if fh.read(1) != b"\n":  # finish a line left half-written by a killed run
                    fh.write(b"\n")
            fh.write(line.encode("utf-8"))


def load_outcomes(path: Path) -> list[DocumentOutcome]:
    """The outcomes in a results file, the latest per key, in first-seen order."""
    path = Path(path)
    if not path.exists():
        return []
    latest: dict[str, DocumentOutcome] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                outcome = DocumentOutcome.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                log.warning("%s:%d: skipping a line that is not an outcome (%s)", path, lineno, exc)
                continue
            latest[outcome.key] = outcome  # re-inserting keeps the first-seen position
    return list(latest.values())


def read_results_file(path: Path) -> list[DocumentOutcome]:
    """The outcomes of a results file the user named, or ``InputError`` when it is not one.

    A file with no outcome line at all (a report, a CSV, another program's JSON)
    is refused, saying what was found; stray lines in a real results file are
    skipped as ``load_outcomes`` does.
    """
    path = Path(path)
    hint = "give the JSONL file that `summarizer batch ... --out FILE` wrote"
    if not path.is_file():
        raise InputError("no such results file" if not path.exists() else "is a folder, not a results file",
                         source=str(path), hint=hint)
    try:
        with path.open(encoding="utf-8") as fh:
            first = next((line for line in fh if line.strip()), "")
        outcomes = load_outcomes(path)
    except UnicodeDecodeError:
        raise InputError("is not a results file of `summarizer batch` (not UTF-8 text)",
                         source=str(path), hint=hint) from None
    if not outcomes:
        what = "it is empty" if not first else f"its first line is not a batch outcome: {first.strip()[:40]!r}"
        raise InputError(f"is not a results file of `summarizer batch`: {what}", source=str(path), hint=hint)
    return outcomes
