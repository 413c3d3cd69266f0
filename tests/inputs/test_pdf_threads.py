"""PDFium is not thread-safe: PDFs read from several threads at once must not crash the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import makers
import pytest

SEED = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds" / "000_7146bd087c0c1040.txt"


@pytest.mark.slow  # a child interpreter reading 32 PDFs
def test_many_pdfs_read_at_once_in_threads(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(makers.make_pdf([p for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]))
    # In a child process: a crash there (SIGSEGV) is a failed test, not a dead test runner.
    code = textwrap.dedent(f"""
        from concurrent.futures import ThreadPoolExecutor
        from pathlib import Path
        from summarizer.inputs.pdf import extract_pdf
        data = Path({str(pdf)!r}).read_bytes()
        with ThreadPoolExecutor(8) as pool:
            texts = list(pool.map(lambda _: extract_pdf(data, "t").text, range(32)))
        assert len(set(texts)) == 1 and texts[0]
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", (done.returncode, done.stderr[-2000:])
