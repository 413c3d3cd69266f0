"""Optional OCR of scanned PDF pages with tesseract (its ``chi_sim`` data).

Used only where the ``tesseract`` program and its simplified-Chinese data are
installed; pages are rendered by PDFium at 300 dpi in grey and handed to
tesseract as a PGM image, so no imaging library is needed. Each run is
bounded by the read's ``Deadline`` (killed with its process group past it).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pypdfium2 as pdfium

from summarizer.errors import InputError
from summarizer.inputs.limits import Deadline
from summarizer.inputs.pages import PageLine
from summarizer.inputs.pdfium_lock import PDFIUM
from summarizer.inputs.subprocesses import run_bounded

LANGUAGE = "chi_sim"
_DPI = 300
_MAX_PIXELS = 40_000_000
# tesseract sets CJK characters apart with spaces; Chinese has none between them.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


@functools.cache
def available() -> bool:
    """True when tesseract is installed with its simplified-Chinese data."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        langs = subprocess.run([exe, "--list-langs"], check=False, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in (langs.stdout + langs.stderr).split()


def _release(lock: threading.RLock) -> int:
    """Release every level of the re-entrant ``lock`` this thread holds; how many it held."""
    held = 0
    while True:
        try:
            lock.release()
        except RuntimeError:  # not (or no longer) held by this thread
            return held
        held += 1


def _reacquire(lock: threading.RLock, held: int) -> None:
    for _ in range(held):
        lock.acquire()


def read_page(page: pdfium.PdfPage, deadline: Deadline, label: str | None = None) -> list[PageLine]:
    """The lines tesseract reads on ``page``, before ``deadline``."""
    with PDFIUM:
        width_pt, height_pt = page.get_size()
        # 300 dpi, but never a bitmap beyond _MAX_PIXELS (a poster-sized page would take gigabytes).
        scale = min(_DPI / 72, (_MAX_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5)
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            buffer = bytes(bitmap.buffer)
        finally:
            bitmap.close()
    released = _release(PDFIUM)  # other threads may read PDFs while tesseract runs
    channels = stride // width if width else 1
    rows = (buffer[y * stride : y * stride + width * channels : channels] for y in range(height))
    try:
        with tempfile.TemporaryDirectory(prefix="summarizer-ocr-") as tmp:
            image = Path(tmp) / "page.pgm"
            image.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + b"".join(rows))
            done = run_bounded(
                [shutil.which("tesseract") or "tesseract", str(image), "stdout", "-l", LANGUAGE,
                 "--dpi", str(round(scale * 72))],
                deadline, "OCR (tesseract)", label,
                hint="give a PDF with a text layer, or fewer scanned pages",
            )
    finally:
        _reacquire(PDFIUM, released)
    if done.returncode != 0:
        raise InputError(f"OCR failed: {done.stderr.strip()[:200]}", source=label,
                         hint="check the tesseract installation")
    lines = [_CJK_GAP.sub("", line).strip() for line in done.stdout.splitlines() if line.strip()]
    return [PageLine(line, -i) for i, line in enumerate(lines)]  # top to bottom
