"""The corpus page for many summaries: its size, and the time to build it, as a ratio.

    .venv/bin/python benchmarks/bench_corpus.py [--summaries 1000] [--rounds 3]

First the page of the bundled reports as one batch (the seeds and the devset, 13
rule-of-law reports; then with the government work reports of evals/datasets/govwork
and evals/follow/reports as well): its size in KB, and the size of the reports' own
page the table links to (``corpus`` writes both).

Then the figure of issue 18: the CPU time to build the corpus page for
``--summaries`` summaries (the follow-through of every issuer with consecutive
years, then the page: ``corpus_follow_through`` and ``render_corpus_page``, what
``summarizer corpus`` does after reading the results file), as a multiple of the
time to write the same summaries as a results file's JSON lines, measured in the
same run (best of ``--rounds``; one absolute time means nothing on a shared
machine). The summaries are the bundled reports' rules-backend summaries repeated,
each copy under an issuer name of its own (``<issuer>·<copy>``), so the
consecutive years of one issuer (苏平片区 2022/2023, 平潭综合实验区 2023/2024,
罗湖区 sessions 2014/2015) recur once per copy and the follow-through grows with
the corpus as it would with many issuers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import time
import warnings
from pathlib import Path

from summarizer.htmlreport import render_page
from summarizer.htmlreport.corpus_page import corpus_follow_through, render_corpus_page
from summarizer.htmlreport.entries import report_entries
from summarizer.run.outcome import DocumentOutcome
from summarizer.service import SummaryService
from summarizer.settings import Settings

EVALS = Path(__file__).resolve().parents[1] / "evals"
RULE_OF_LAW = [EVALS / "datasets" / "seeds", EVALS / "datasets" / "devset"]
GOVWORK = [EVALS / "datasets" / "govwork", EVALS / "follow" / "reports"]


def _outcomes(folders: list[Path]) -> list[DocumentOutcome]:
    """The rules-backend outcome of every report (.txt) in ``folders``."""
    service = SummaryService(Settings())
    outcomes = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            t0 = time.perf_counter()
            summary = service.summarize_sync(path, name=path.name, backend="rules").summary
            outcomes.append(DocumentOutcome(
                key=path.name, name=path.name, source_path=str(path),
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(), backend="rules", status="done",
                summary=summary, elapsed_ms=(time.perf_counter() - t0) * 1000,
                finished_at=dt.datetime.now(dt.UTC)))
    return outcomes


def _copies(outcomes: list[DocumentOutcome], n: int) -> list[DocumentOutcome]:
    """``n`` outcomes: ``outcomes`` repeated, each copy under issuer names of its own."""
    made: list[DocumentOutcome] = []
    copy = 0
    while len(made) < n:
        for o in outcomes[: n - len(made)]:
            assert o.summary is not None
            metadata = o.summary.metadata.model_copy(update={"issuer": f"{o.summary.metadata.issuer}·{copy}"})
            summary = o.summary.model_copy(update={"metadata": metadata})
            made.append(o.model_copy(update={"key": f"{copy}/{o.key}", "name": f"{copy}/{o.name}",
                                             "summary": summary}))
        copy += 1
    return made


def _build(outcomes: list[DocumentOutcome]) -> tuple[str, int]:
    follows = corpus_follow_through(outcomes)
    return render_corpus_page(outcomes, follows=follows, report_href="reports.html"), len(follows)


def _best_cpu(run, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def page_sizes() -> None:
    """The corpus page (and the reports' page) of the bundled reports as one batch."""
    for label, folders in (("seeds + devset", RULE_OF_LAW), ("seeds + devset + government work reports",
                                                              RULE_OF_LAW + GOVWORK)):
        outcomes = _outcomes(folders)
        page, pairs = _build(outcomes)
        reports = render_page(report_entries(outcomes), lang="zh")
        print(f"{label}: {len(outcomes)} reports, {pairs} follow-through pair(s); corpus page "
              f"{len(page.encode()) / 1024:.0f} KB, reports' page {len(reports.encode()) / 1024:.0f} KB")


def build_time(n: int, rounds: int) -> None:
    """CPU time to build the corpus page for ``n`` summaries, as a ratio to writing their JSON lines."""
    outcomes = _copies(_outcomes(RULE_OF_LAW + GOVWORK), n)
    _build(outcomes[:50])  # warm: templates, jieba, the genres' term tables
    page, pairs = _build(outcomes)
    building = _best_cpu(lambda: _build(outcomes), rounds)
    # as the results store writes each line (summarizer.batch.store)
    writing = _best_cpu(lambda: "".join(o.model_dump_json(exclude_none=True) + "\n" for o in outcomes), rounds)
    print(f"{n} summaries, {pairs} follow-through pairs: corpus page built in {building:.2f} CPU-s "
          f"({len(page.encode()) / 1e6:.1f} MB); their results-file JSON lines written in {writing:.3f} CPU-s")
    print(f"ratio page / JSON lines: {building / writing:.1f}x; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summaries", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    # pydantic warns that a summary of the union (AnySummary) is serialised by its genre's own
    # serializer; the lines are right (tests/batch), the warning is noise here
    warnings.filterwarnings("ignore", message="Pydantic serializer warnings")
    page_sizes()
    build_time(args.summaries, args.rounds)


if __name__ == "__main__":
    main()
