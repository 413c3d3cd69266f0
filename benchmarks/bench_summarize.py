"""Benchmark: end-to-end ``summarize`` with the rules backend, and the eval matching rule.

    .venv/bin/python benchmarks/bench_summarize.py [--dataset DIR] [--rounds N]

Prints documents/s over the dataset's reports (one ``SummaryService`` for the
whole run, as the batch runner and eval harness use it), the mean and max
per-stage milliseconds from ``provenance.timing_ms``, and how long the
matching rule takes to score every reference against itself.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = ROOT / "evals" / "datasets" / "seeds"


def bench_summarize(dataset: Path, rounds: int) -> None:
    """Summarise every report ``rounds`` times (after one warm-up round) and print rates."""
    from summarizer.evals.dataset import load_dataset
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    cases = load_dataset(dataset).cases
    service = SummaryService(Settings(cache_enabled=False))
    sources = [(c.report_path.read_bytes(), c.report_path.name) for c in cases]
    for data, name in sources:  # warm-up: imports, OpenCC dictionaries, regex compilation
        service.summarize_sync(data, name=name, backend="rules", use_cache=False)
    stages: dict[str, list[float]] = defaultdict(list)
    per_doc: dict[str, list[float]] = defaultdict(list)
    started = time.perf_counter()
    for _ in range(rounds):
        for data, name in sources:
            t0 = time.perf_counter()
            result = service.summarize_sync(data, name=name, backend="rules", use_cache=False)
            per_doc[name].append((time.perf_counter() - t0) * 1000)
            for stage, ms in result.summary.provenance.timing_ms.items():
                stages[stage].append(ms)
    elapsed = time.perf_counter() - started
    n = rounds * len(sources)
    chars = sum(len(d) for d, _ in sources) * rounds
    print(f"summarize (rules backend): {n} documents in {elapsed:.2f}s = {n / elapsed:.1f} documents/s"
          f" ({chars / elapsed / 1e6:.2f} MB/s of input)")
    print("  per stage (provenance.timing_ms):    mean ms    max ms")
    for stage, values in stages.items():
        print(f"    {stage:<32} {statistics.fmean(values):8.2f} {max(values):9.2f}")
    print("  per document (wall, incl. validation): mean ms")
    for name, values in per_doc.items():
        print(f"    {name:<32} {statistics.fmean(values):8.2f}")


def bench_matching(dataset: Path, rounds: int) -> None:
    """Score every reference part against itself and print the time per document."""
    from summarizer.evals.dataset import load_dataset
    from summarizer.evals.matching import normalize, score_part

    cases = load_dataset(dataset).cases
    normalize("預熱")  # warm-up: loads the OpenCC dictionary
    items_scored = 0
    started = time.perf_counter()
    for _ in range(rounds):
        for case in cases:
            for part in case.reference.scored_parts():
                items = case.reference.match_items(part)
                score_part(items, items)
                items_scored += len(items)
    elapsed = time.perf_counter() - started
    n = rounds * len(cases)
    print(f"matching rule (every reference against itself, the worst case): {n} documents in "
          f"{elapsed * 1000:.1f} ms = {elapsed / n * 1000:.2f} ms/document ({items_scored / elapsed:,.0f} items/s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    bench_matching(args.dataset, args.rounds)
    bench_summarize(args.dataset, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
