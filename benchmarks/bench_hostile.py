"""Benchmark: the hostile input shapes of ``tests/hostile/corpus.py``, preprocess to summary.

    .venv/bin/python benchmarks/bench_hostile.py [--size 1000000] [--family NAME ...] [--timeout 120]

For each family: seconds for the whole ``summarize`` (rules backend) at
``size`` characters and at ``size / 8``, the ratio of the two (linear work
gives about 8), and the per-stage milliseconds at the full size. Each run is
in a child process with a timeout, so one runaway shape cannot stall the
rest. The target is each shape at 1 MB within 20 s; the load average is
printed because the machine may be shared.
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


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.hostile.corpus import FAMILIES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per input")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these shapes")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run counts as failed")
    args = parser.parse_args()
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
