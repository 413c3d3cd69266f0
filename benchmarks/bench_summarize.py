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


def _lcs_dp(a: str, b: str) -> int:
    """Longest common substring by the textbook O(|a|·|b|) dynamic programme (for comparison only)."""
    best, previous = 0, [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def bench_lcs(dataset: Path, pairs: int = 300) -> None:
    """Time one longest-common-substring pair: 8-gram anchors (as scoring uses), difflib, plain DP."""
    from summarizer.evals.dataset import load_dataset
    from summarizer.evals.matching import (
        MIN_COMMON_CHARS,
        _gram_index,
        _longest_runs,
        longest_common_substring,
        normalize,
    )

    def anchored(a: str, b: str) -> int:  # index built per pair here; scoring builds it once per part
        found = _longest_runs(a, _gram_index({0: b}), {0: b}).get(0, 0)
        return found if found >= MIN_COMMON_CHARS else 0

    evidence = [normalize(i.evidence) for c in load_dataset(dataset).cases
                for p in c.reference.scored_parts() for i in c.reference.match_items(p) if i.evidence]
    sample = [(evidence[i % len(evidence)], evidence[(i * 7 + 3) % len(evidence)]) for i in range(pairs)]
    mean_len = sum(len(a) + len(b) for a, b in sample) / (2 * len(sample))
    for name, fn in (("8-gram anchors", anchored), ("difflib", longest_common_substring), ("plain DP", _lcs_dp)):
        started = time.perf_counter()
        for a, b in sample:
            fn(a, b)
        per_pair = (time.perf_counter() - started) / len(sample) * 1e6
        print(f"  LCS {name:<17} {per_pair:8.1f} µs per pair (evidence {mean_len:.0f} chars on average)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    bench_matching(args.dataset, args.rounds)
    bench_lcs(args.dataset)
    bench_summarize(args.dataset, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
