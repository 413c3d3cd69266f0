"""PDF extraction throughput on the seed reports drawn as PDFs.

    .venv/bin/python benchmarks/bench_pdf.py [--rounds 20]

Each seed is drawn as the tests draw it (tests/inputs/makers.py: A4, running
header, page numbers, a browser print stamp; reportlab and its CID font
STSong-Light, so this needs the dev extras). Prints, per seed and overall,
pages/s and MB/s of PDF extraction alone (pypdfium2 text, lines, page
furniture removed: ``summarizer.inputs.pdf.extract_pdf``), and the whole
``clean()`` of the PDF against ``clean()`` of the seed's text (the ratio is what a
PDF costs over text). Medians of the rounds, and the best extraction (closest to
the uncontended cost); the load average is printed because the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "inputs"))
import makers

from summarizer.inputs.pdf import extract_pdf
from summarizer.preprocess import clean

SEEDS = ROOT / "evals" / "datasets" / "seeds"


def _median_s(fn, rounds: int) -> tuple[float, float]:
    """Median and best seconds per call (on a shared machine the best is closest to the uncontended cost)."""
    fn()  # warm
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed runs per document (median taken)")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    print(f"{'seed':<24}{'pages':>6}{'KB':>8}{'extract ms':>12}{'pages/s':>9}{'MB/s':>7}{'best p/s':>9}"
          f"{'clean pdf ms':>14}{'clean txt ms':>14}{'ratio':>7}")
    total_pages = total_bytes = total_extract = total_best = total_pdf = total_txt = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs = makers.seed_paragraphs(text)
        title = next((p for p in paragraphs if "报告" in p and len(p) < 40), None)
        pdf = makers.make_pdf(paragraphs, title=title, running_header=title, print_stamp=True)
        pages = len(extract_pdf(pdf, path.name).page_starts)
        raw = path.read_bytes()
        extract_s, best_s = _median_s(partial(extract_pdf, pdf, path.name), args.rounds)
        pdf_s = _median_s(partial(clean, pdf, name=path.stem + ".pdf"), args.rounds)[0]
        txt_s = _median_s(partial(clean, raw, name=path.name), args.rounds)[0]
        total_pages += pages
        total_bytes += len(pdf)
        total_extract += extract_s
        total_best += best_s
        total_pdf += pdf_s
        total_txt += txt_s
        print(f"{path.stem:<24}{pages:>6}{len(pdf) / 1024:>8.1f}{extract_s * 1000:>12.2f}"
              f"{pages / extract_s:>9.0f}{len(pdf) / extract_s / 1e6:>7.1f}{pages / best_s:>9.0f}"
              f"{pdf_s * 1000:>14.2f}{txt_s * 1000:>14.2f}{pdf_s / txt_s:>7.2f}")
    print(f"{'all':<24}{total_pages:>6.0f}{total_bytes / 1024:>8.1f}{total_extract * 1000:>12.2f}"
          f"{total_pages / total_extract:>9.0f}{total_bytes / total_extract / 1e6:>7.1f}"
          f"{total_pages / total_best:>9.0f}{total_pdf * 1000:>14.2f}{total_txt * 1000:>14.2f}{total_pdf / total_txt:>7.2f}")


if __name__ == "__main__":
    main()
