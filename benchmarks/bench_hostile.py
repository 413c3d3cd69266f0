"""Benchmark: the hostile input shapes of ``tests/hostile/corpus.py``, preprocess to summary;
with ``--files``, the hostile documents of ``tests/hostile/files.py`` through the CLI.

    .venv/bin/python benchmarks/bench_hostile.py [--size 1000000] [--family NAME ...] [--timeout 120]
    .venv/bin/python benchmarks/bench_hostile.py --files [--case NAME ...] [--growth 4] [--timeout 120]

For each family: seconds for the whole ``summarize`` (rules backend) at
``size`` characters and at ``size / 8``, the ratio of the two (linear work
gives about 8), and the per-stage milliseconds at the full size. Each run is
in a child process with a timeout, so one runaway shape cannot stall the
rest. The target is each shape at 1 MB within 20 s; the load average is
printed because the machine may be shared.

``--files``: each hostile document (a numbering bomb, a ZIP bomb, a page of
tens of thousands of text objects, ...) at its base size and ``growth`` times
that, each through ``summarizer summarize`` in a child under a 3 GiB
address-space cap; per run the outcome (exit code and the one-line message),
seconds and peak RSS, and both as ratios to an ordinary report of the same kind
and about the same file size, measured in the same run. A bounded reader keeps
the ratios flat as the input grows (a refusal is cheap at any size).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from tests.hostile.corpus import FAMILIES
from summarizer.service import SummaryService
from summarizer.settings import Settings
service = SummaryService(Settings(backend="rules", cache_enabled=False))
service.summarize_sync(FAMILIES[{family!r}](4000), name="warm-up", backend="rules")
text = FAMILIES[{family!r}]({size})
started = time.perf_counter()
result = service.summarize_sync(text, name={family!r}, backend="rules")
print(json.dumps({{"seconds": time.perf_counter() - started, "chars": len(text),
                  "stages": result.summary.provenance.timing_ms}}))
"""


def run_once(family: str, size: int, timeout: float) -> dict | None:
    """One summary of ``family`` at ``size`` characters in a child process; None past ``timeout``."""
    code = _CHILD.format(root=str(ROOT), family=family, size=size)
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


# Base sizes (the unit each maker scales: paragraphs, styles, text objects, pages, bytes).
FILE_SIZES = {
    "docx_numbering_bomb": 200, "docx_long_start": 200, "docx_bad_start": 200, "docx_bad_ilvl": 200,
    "docx_long_level_text": 200, "docx_no_body": 1, "docx_bad_grid_span": 200, "docx_orphan_merge": 200,
    "docx_many_styles": 1_000, "docx_zip_bomb": 64 * 1024 * 1024, "pdf_many_rects": 5_000,
    "pdf_blank_pages": 500, "pdf_image_pages": 5, "pdf_shared_pages": 500, "text_with_pdf_magic": 200,
}


def _reference_like(make_reference, nbytes: int) -> bytes:
    """An ordinary report made by ``make_reference`` of about ``nbytes`` (at least one unit)."""
    unit = max(1, len(make_reference(20)) // 20)
    return make_reference(max(1, min(nbytes // unit, 20_000)))


def _run_file(data: bytes, suffix: str, timeout: float):
    import tempfile

    from tests.hostile.cli_run import summarize_file

    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        path = Path(tmp) / f"case{suffix}"
        path.write_bytes(data)
        return summarize_file(path, timeout=timeout)


def files_main(cases: list[str], growth: int, timeout: float) -> None:
    """The hostile documents through the CLI, as they grow, against an ordinary report."""
    from tests.hostile.files import CASES

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cpus: {os.cpu_count()}")
    print(f"{'case':22} {'size':>10} {'KB':>7} {'exit':>4} {'s':>7} {'MB':>6} {'s/ref':>6} {'MB/ref':>6}  message")
    for name in cases:
        make, suffix, make_reference = CASES[name]
        for size in (FILE_SIZES[name], FILE_SIZES[name] * growth):
            data = make(size)
            reference = _run_file(_reference_like(make_reference, len(data)), suffix, timeout)
            got = _run_file(data, suffix, timeout)
            code = "kill" if got.code is None else str(got.code)
            note = "TRACEBACK " if got.traceback else ""
            print(f"{name:22} {size:>10} {len(data) // 1024:>7} {code:>4} {got.seconds:7.2f} {got.peak_rss_mb:6.0f} "
                  f"{got.seconds / max(reference.seconds, 1e-3):6.1f} {got.peak_rss_mb / max(reference.peak_rss_mb, 1):6.1f}"
                  f"  {note}{got.message[:90]}")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.hostile.corpus import FAMILIES
    from tests.hostile.files import CASES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per input")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these shapes")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run counts as failed")
    parser.add_argument("--files", action="store_true", help="the hostile documents through the CLI instead")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="with --files: only these cases")
    parser.add_argument("--growth", type=int, default=4, help="with --files: the larger size, times the base")
    args = parser.parse_args()
    if args.files:
        files_main(args.case or list(CASES), args.growth, args.timeout)
        return
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cpus: {os.cpu_count()}")
    print(f"{'family':28} {'s @ size/8':>11} {'s @ size':>9} {'ratio':>6}  stages at size (ms)")
    worst = 0.0
    for family in args.family or list(FAMILIES):
        small = run_once(family, args.size // 8, args.timeout)
        full = run_once(family, args.size, args.timeout)
        if small is None or full is None:
            print(f"{family:28} {'-' if small is None else round(small['seconds'], 2):>11} "
                  f"{'>' + str(args.timeout) if full is None else round(full['seconds'], 2):>9}")
            worst = float("inf")
            continue
        ratio = full["seconds"] / max(small["seconds"], 1e-6)
        stages = " ".join(f"{k}={v:.0f}" for k, v in full["stages"].items())
        print(f"{family:28} {small['seconds']:11.2f} {full['seconds']:9.2f} {ratio:6.1f}  {stages}")
        worst = max(worst, full["seconds"])
    print(f"slowest at {args.size} chars: {worst:.2f} s (target: each within 20 s at 1 MB)")


if __name__ == "__main__":
    main()
