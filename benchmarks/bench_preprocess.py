"""Preprocessing throughput and peak memory on the bundled reports, as a ratio to OpenCC t2s.

    .venv/bin/python benchmarks/bench_preprocess.py [--rounds 50] [--full]

First the figure of issue 20: CPU time of ``clean()`` over the 13 seed and devset
reports, as a multiple of OpenCC's own t2s conversion of the same texts, measured
in the same run (best of ``--rounds``; a single absolute time means nothing on a
shared machine). Target: at most 12x. Then (``--full``), per seed and overall: milliseconds per document (median and best of the
rounds; on a shared machine the best is closest to the uncontended cost),
documents/s and MB/s of input, for text input (the usual case) and for the same report wrapped in an
HTML page; then the peak memory of cleaning one report (tracemalloc). Target: a
typical 11 KB report in under 5 ms on one core.
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import time
import tracemalloc
from pathlib import Path

from summarizer.preprocess import clean

SEEDS = Path(__file__).resolve().parents[1] / "evals" / "datasets" / "seeds"
DEVSET = SEEDS.parent / "devset"
TARGET_RATIO = 12


def _best_cpu(run, rounds: int) -> float:
    """The least CPU time (this process) of ``rounds`` calls of ``run``."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def ratio_to_t2s(rounds: int) -> None:
    """CPU time of clean() on the seed and devset reports over that of OpenCC t2s on the same text."""
    from summarizer.preprocess.t2s import to_simplified

    paths = sorted(SEEDS.glob("*.txt")) + sorted(DEVSET.glob("*.txt"))
    data = [p.read_bytes() for p in paths]
    texts = [d.decode("utf-8") for d in data]
    for d in data:
        clean(d)  # warm: imports, OpenCC, compiled regexes, caches
    repeat = 20  # t2s is fast: time 20 passes over the texts, to be above the clock's resolution
    cleaning = _best_cpu(lambda: [clean(d) for d in data], rounds)
    t2s = _best_cpu(lambda: [to_simplified(t) for _ in range(repeat) for t in texts], rounds) / repeat
    size = sum(map(len, data))
    print(f"clean() of {len(paths)} seed and devset reports ({size / 1024:.0f} KB): {cleaning * 1000:.1f} CPU-ms "
          f"({size / cleaning / 1e6:.1f} MB/s); OpenCC t2s of the same text: {t2s * 1000:.2f} CPU-ms")
    print(f"ratio clean / t2s: {cleaning / t2s:.1f}x (target <= {TARGET_RATIO}x); "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


def _page(raw: str) -> bytes:
    paras = "\n".join(f"<p>{html.escape(line)}</p>" for line in raw.split("\n") if line.strip())
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><nav><a href='/'>首页</a></nav><div>{paras}</div><footer>版权所有</footer></body></html>"
    ).encode()


def _time(data: bytes, name: str, rounds: int) -> tuple[float, float]:
    """Median and best wall-clock seconds per clean() of ``data``."""
    clean(data, name=name)  # warm caches (OpenCC, regexes, lru caches)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        clean(data, name=name)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="timed runs per document (median taken)")
    parser.add_argument("--full", action="store_true", help="also per seed, text and HTML, and peak memory")
    args = parser.parse_args()
    ratio_to_t2s(args.rounds)
    if not args.full:
        return
    seeds = sorted(SEEDS.glob("*.txt"))
    for label, make, suffix in (("text", lambda p: p.read_bytes(), ".txt"),
                                ("html", lambda p: _page(p.read_text(encoding="utf-8")), ".html")):
        total_s = total_bytes = 0.0
        print(f"\n{label} input ({args.rounds} rounds, median)")
        print(f"{'seed':<24}{'KB':>8}{'ms/doc':>10}{'best ms':>10}{'docs/s':>10}{'MB/s':>8}")
        for path in seeds:
            data = make(path)
            s, best = _time(data, path.stem + suffix, args.rounds)
            total_s += s
            total_bytes += len(data)
            print(f"{path.stem:<24}{len(data) / 1024:>8.1f}{s * 1000:>10.2f}{best * 1000:>10.2f}"
                  f"{1 / s:>10.0f}{len(data) / s / 1e6:>8.2f}")
        n = len(seeds)
        print(f"{'all seeds':<24}{total_bytes / 1024 / n:>8.1f}{total_s / n * 1000:>10.2f}{'':>10}"
              f"{n / total_s:>10.0f}{total_bytes / total_s / 1e6:>8.2f}")
    data = seeds[0].read_bytes()
    clean(data)
    tracemalloc.start()
    clean(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\npeak memory cleaning {seeds[0].name} ({len(data) / 1024:.1f} KB): {peak / 1024:.0f} KB (tracemalloc)")


if __name__ == "__main__":
    main()
