"""Legacy Word (.doc) and WPS (.wps) documents, converted to .docx by LibreOffice.

Both are binary formats no maintained Python library reads well; LibreOffice
reads both. ``soffice --headless --convert-to docx`` runs in a temporary
directory with a profile of its own, so conversions never share state; it is
bounded by the read's ``Deadline`` and killed with its process group past it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from summarizer.errors import InputError
from summarizer.inputs.docx import extract_docx
from summarizer.inputs.extracted import Extracted
from summarizer.inputs.limits import DEFAULT_LIMITS, Deadline, ReadLimits
from summarizer.inputs.subprocesses import run_bounded


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def extract_legacy_word(data: bytes, label: str | None, kind: str, *, limits: ReadLimits = DEFAULT_LIMITS,
                        deadline: Deadline | None = None) -> Extracted:
    """The text of a .doc/.wps document given as bytes, via a .docx conversion done before ``deadline``."""
    exe = soffice()
    if exe is None:
        raise InputError(
            f"a .{kind} document needs LibreOffice to be read, and it is not installed",
            source=label,
            hint="install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui), "
            "or save the document as .docx or PDF and retry",
        )
    with tempfile.TemporaryDirectory(prefix="summarizer-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"report.{kind}"
        source.write_bytes(data)
        command = [exe, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
        done = run_bounded(command, deadline or Deadline(limits.subprocess_seconds),
                           f"LibreOffice converting the .{kind} document", label,
                           hint="save it as .docx or PDF and retry")
        converted = folder / "out" / "report.docx"
        if done.returncode != 0 or not converted.is_file():
            detail = (done.stderr or done.stdout).strip()[:200]
            raise InputError(f"LibreOffice could not convert the .{kind} document ({detail or 'no output'})",
                             source=label, hint="open it in Word or WPS and save it as .docx")
        return extract_docx(converted.read_bytes(), label, kind=kind, limits=limits,
                            notes=(f"converted from .{kind} to .docx by LibreOffice",))
