"""Linear time on hostile input: for each shape of the corpus, the whole summary (preprocess to
validated ``ReportSummary``) at 8× the input may take at most 12× the time.

Times are CPU seconds of this process (``time.process_time``), the best of a few runs, so a
busy machine slows both sizes alike. The sizes are small enough for the suite and large enough
that a quadratic step shows (it would take about 64×); ``benchmarks/bench_hostile.py`` prints
the figures at 1 MB.
"""

from __future__ import annotations

import time

import pytest

from summarizer.service import SummaryService
from summarizer.settings import Settings

from .corpus import FAMILIES

SMALL = 16_000
GROWTH = 8
MAX_RATIO = 12


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> SummaryService:
    service = SummaryService(Settings(backend="rules", cache_enabled=False,
                                      cache_dir=tmp_path_factory.mktemp("cache")))
    service.summarize_sync(FAMILIES["dense_headings"](2_000), name="warm-up", backend="rules")
    return service


def _cpu_seconds(service: SummaryService, text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        service.summarize_sync(text, name="hostile.txt", backend="rules")
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_time_grows_linearly_with_the_input(service, family):
    make = FAMILIES[family]
    small = _cpu_seconds(service, make(SMALL), runs=3)
    large = _cpu_seconds(service, make(SMALL * GROWTH), runs=2)
    ratio = large / max(small, 1e-3)
    assert ratio <= MAX_RATIO, (
        f"{family}: {SMALL * GROWTH} chars took {large:.3f} s CPU, {ratio:.1f}× the {small:.3f} s at "
        f"{SMALL} chars (at most {MAX_RATIO}× for {GROWTH}× the input)"
    )


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_shape_gives_a_summary(service, family):
    result = service.summarize_sync(FAMILIES[family](SMALL), name=f"{family}.txt", backend="rules")
    assert result.summary.provenance.input_sha256
