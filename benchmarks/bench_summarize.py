"""Benchmark: end-to-end ``summarize`` with the rules backend, and the eval matching rule.

    .venv/bin/python benchmarks/bench_summarize.py [--dataset DIR ...] [--rounds N] [--rules-only]

Prints documents/s and CPU-ms per document over the datasets' reports (default: the
seeds and the devset; one ``SummaryService`` for the whole run, as the batch runner
and eval harness use it), both through ``summarize_sync`` and through the CPU path the
batch runner takes (``cpu_work`` + ``finish_on_cpu``), with the CPU time as a ratio to
OpenCC's t2s of the same clean texts measured in the same run (a shared machine makes
absolute times worthless); the mean and max per-stage milliseconds from
``provenance.timing_ms``; and how long the matching rule takes to score every
reference against itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS = [ROOT / "evals" / "datasets" / "seeds", ROOT / "evals" / "datasets" / "devset"]


def _sources(datasets: list[Path]) -> list[tuple[bytes, str]]:
    from summarizer.evals.dataset import load_dataset

    return [(c.report_path.read_bytes(), c.report_path.name) for d in datasets for c in load_dataset(d).cases]


def bench_summarize(datasets: list[Path], rounds: int) -> None:
    """Summarise every report ``rounds`` times (after one warm-up round) and print rates."""
    from summarizer.preprocess.t2s import to_simplified
    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    service = SummaryService(Settings(cache_enabled=False))
    sources = _sources(datasets)
    texts = []
    for data, name in sources:  # warm-up: imports, OpenCC dictionaries, regex compilation
        texts.append(service.summarize_sync(data, name=name, backend="rules", use_cache=False).document.text)

    def cpu_path(data: bytes, name: str) -> None:  # as the batch runner and the run layer do it
        work = service.cpu_work(data, name=name, backend="rules", use_cache=False)
        service.finish_on_cpu(work, name=name, backend="rules")

    # The reference: OpenCC t2s of the same clean texts (C++, one pass), 20 times over.
    t0 = time.process_time()
    for _ in range(20):
        for text in texts:
            to_simplified(text)
    t2s_ms = (time.process_time() - t0) * 1000 / 20 / len(texts)
    stages: dict[str, list[float]] = defaultdict(list)
    per_doc: dict[str, list[float]] = defaultdict(list)
    n = rounds * len(sources)
    chars = sum(len(d) for d, _ in sources) * rounds
    wall, cpu = {"summarize_sync": 0.0, "cpu_work+finish_on_cpu": 0.0}, {"summarize_sync": 0.0,
                                                                        "cpu_work+finish_on_cpu": 0.0}
    for _ in range(rounds):  # the two paths alternate, so the machine's load hits both alike
        started, cpu_started = time.perf_counter(), time.process_time()
        for data, name in sources:
            t0 = time.perf_counter()
            result = service.summarize_sync(data, name=name, backend="rules", use_cache=False)
            per_doc[name].append((time.perf_counter() - t0) * 1000)
            for stage, ms in result.summary.provenance.timing_ms.items():
                stages[stage].append(ms)
        wall["summarize_sync"] += time.perf_counter() - started
        cpu["summarize_sync"] += time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
        for data, name in sources:
            cpu_path(data, name)
        wall["cpu_work+finish_on_cpu"] += time.perf_counter() - started
        cpu["cpu_work+finish_on_cpu"] += time.process_time() - cpu_started
    print(f"summarize (rules backend), {len(sources)} reports x {rounds} rounds "
          f"(OpenCC t2s of the same text: {t2s_ms:.3f} CPU-ms/doc, the reference):")
    for path, seconds in wall.items():
        cpu_ms = cpu[path] * 1000 / n
        print(f"  {path:<24} {n / seconds:6.1f} documents/s ({chars / seconds / 1e6:.2f} MB/s), "
              f"{cpu_ms:6.2f} CPU-ms/doc = {n / cpu[path]:6.1f} documents per CPU-second, "
              f"{cpu_ms / t2s_ms:6.1f}x t2s")
    print(f"  load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
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
    parser.add_argument("--dataset", type=Path, action="append",
                        help="a dataset folder (repeatable; default: the seeds and the devset)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rules-only", action="store_true", help="only the summarize figures")
    args = parser.parse_args(argv)
    datasets = args.dataset or DEFAULT_DATASETS
    if not args.rules_only:
        for dataset in datasets:
            bench_matching(dataset, args.rounds)
            bench_lcs(dataset)
    bench_summarize(datasets, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
