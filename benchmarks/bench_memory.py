"""Peak memory of the rules path: per document size, and over thousands of documents in one worker.

    .venv/bin/python benchmarks/bench_memory.py [--full]

1. Peak resident memory (``ru_maxrss``) of a fresh process that summarises one
   document with the rules backend, for documents made of 1, 4, 16 and 64 bundled
   reports in turn (12 KB to 0.8 MB; ``--full``: also 256, about 3 MB), next to the
   reference: the same process summarising the smallest bundled report. The extra
   memory is printed in MB and as a multiple of the document's size.
2. One worker process summarising the bundled seed and devset reports in turn, each
   with a unique closing line (2,000 documents; ``--full``: 10,000), in process
   with the rules backend as a batch worker does: its resident memory (``VmRSS``)
   is printed every tenth of the run. A worker that stays flat ends within a few
   MB of where it was once warm (after the first tenth); the growth is printed as
   a ratio to the warm figure.

Per worker process of a real batch (``summarizer batch --workers 2``), see
``bench_batch.py --rules``, which prints each process's peak.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = [ROOT / "evals" / "datasets" / "seeds", ROOT / "evals" / "datasets" / "devset"]

ONE_DOCUMENT = """
import resource, sys
from pathlib import Path
from summarizer.service import SummaryService
from summarizer.settings import Settings
service = SummaryService(Settings(backend="rules"))
service.summarize_sync(Path(sys.argv[1]), backend="rules", use_cache=False)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for d in DATASETS for p in sorted(d.glob("*.txt"))]


def _peak_kb(path: Path) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    result = subprocess.run([sys.executable, "-c", ONE_DOCUMENT, str(path)], capture_output=True, text=True,
                            env=env, check=True, timeout=600)
    return int(result.stdout.strip().splitlines()[-1])


def per_size(full: bool) -> None:
    texts = _texts()
    smallest = min(texts, key=len)
    print(f"peak RSS of one process summarising one document (rules backend), load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        ref_path = Path(tmp) / "reference.txt"
        ref_path.write_text(smallest, encoding="utf-8")
        reference = _peak_kb(ref_path)
        print(f"{'document':>22} {'KB':>8} {'peak MB':>8} {'extra MB':>9} {'extra / size':>13}")
        print(f"{'reference (smallest)':>22} {len(smallest.encode()) / 1024:>8.1f} {reference / 1024:>8.1f}")
        for count in (1, 4, 16, 64, *((256,) if full else ())):
            path = Path(tmp) / f"reports-{count}.txt"
            path.write_text("\n".join(texts[n % len(texts)] for n in range(count)), encoding="utf-8")
            size = path.stat().st_size
            peak = _peak_kb(path)
            extra = max(peak - reference, 0) * 1024
            print(f"{f'{count} reports':>22} {size / 1024:>8.0f} {peak / 1024:>8.1f} {extra / 2**20:>9.1f} "
                  f"{extra / size:>12.1f}x")


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def one_worker(count: int) -> None:
    import asyncio

    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    texts = _texts()
    service = SummaryService(Settings(backend="rules"))
    step = max(count // 10, 1)
    print(f"\none worker, {count} documents in process (rules backend), VmRSS every {step}:")
    samples: list[tuple[int, int]] = [(0, _rss_kb())]
    started = time.perf_counter()

    async def run() -> None:
        for n in range(count):
            text = texts[n % len(texts)] + f"\n（批次编号 {n:05d}）"
            await service.summarize(text, name=f"r{n:05d}.txt", backend="rules", use_cache=False)
            if (n + 1) % step == 0:
                samples.append((n + 1, _rss_kb()))

    asyncio.run(run())
    elapsed = time.perf_counter() - started
    print("  " + "  ".join(f"{n}: {kb / 1024:.1f} MB" for n, kb in samples))
    warm = samples[1][1]
    end = samples[-1][1]
    print(f"  warm (after {samples[1][0]}): {warm / 1024:.1f} MB; end: {end / 1024:.1f} MB; growth "
          f"{(end - warm) / 1024:+.1f} MB = {end / warm:.3f}x the warm figure "
          f"({count / elapsed:.1f} docs/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="documents up to 1.3 MB, and 10,000 in one worker")
    parser.add_argument("--only", choices=["sizes", "worker"], help="run only one of the two measurements")
    args = parser.parse_args()
    if args.only != "worker":
        per_size(args.full)
    if args.only != "sizes":
        one_worker(10_000 if args.full else 2_000)


if __name__ == "__main__":
    main()
