"""``summarizer summarize FILE`` in a child process under an address-space cap, measured.

Used by the hostile-file tests and by ``benchmarks/bench_hostile.py``: the
outcome (exit code, the last line of stderr, whether a traceback was printed),
the wall time and the child's peak RSS (from ``wait4``, so nothing else on the
machine counts).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ADDRESS_SPACE = 3 * 1024**3  # the cap: every case must fit in 3 GiB


@dataclass(frozen=True)
class Outcome:
    """How one CLI run ended."""

    code: int | None  # None: killed at the timeout
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float

    @property
    def traceback(self) -> bool:
        """True when Python printed a traceback (a bug, never a deliberate error)."""
        return "Traceback (most recent call last)" in self.stderr

    @property
    def message(self) -> str:
        """The ``error:`` line of stderr (the one-line error), else its last non-blank line, or ""."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("error:")]
        return (errors or lines or [""])[-1]


def _cap_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    os.setsid()  # its own process group, so a timeout kills everything it started


def summarize_file(path: Path, timeout: float = 120.0) -> Outcome:
    """Run the CLI on ``path`` (rules backend, no cache) and measure it."""
    exe = Path(sys.executable).with_name("summarizer")
    command = [str(exe), "summarize", str(path), "--backend", "rules", "--no-cache"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, preexec_fn=_cap_address_space)  # noqa: PLW1509 (no threads here)
        code: int | None = None
        while True:  # wait4, not Popen.wait: it gives this child's own peak RSS
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.perf_counter() - started > timeout:
                os.killpg(child.pid, signal.SIGKILL)
                _, _, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = code if code is not None else -9  # reaped here: keep Popen from waiting again
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    return Outcome(code, stdout, stderr, seconds, usage.ru_maxrss / 1024)
