"""External programs a reader runs (tesseract, LibreOffice), bounded by the read's deadline.

Each runs in a process group of its own; when the deadline passes, or the
caller is interrupted (a CPU budget's signal, Ctrl-C), the whole group is
killed, so no converter or OCR engine outlives the document it was reading.
"""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass

from summarizer.errors import InputError
from summarizer.inputs.limits import Deadline


@dataclass(frozen=True)
class Finished:
    """What a program gave back."""

    returncode: int
    stdout: str
    stderr: str


def run_bounded(command: list[str], deadline: Deadline, what: str, label: str | None, *,
                hint: str) -> Finished:
    """Run ``command`` until it exits or ``deadline`` passes; ``InputError`` (naming ``what``) when it
    cannot start or runs out of time. ``hint`` says what the user can do instead."""
    left = deadline.check(what, label)
    try:
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)
    except OSError as exc:
        raise InputError(f"{what} could not start ({exc})", source=label, hint=hint) from exc
    try:
        stdout, stderr = child.communicate(timeout=left)
    except subprocess.TimeoutExpired as exc:
        raise InputError(f"{what} did not finish within the {deadline.seconds:.0f} s a document may take",
                         source=label, hint=hint) from exc
    finally:
        # Done, timed out or interrupted by the caller: nothing it started may live on.
        _kill_group(child)
    return Finished(child.returncode, stdout, stderr)


def _kill_group(child: subprocess.Popen[str]) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group is gone already
    if child.returncode is None:
        child.communicate()
