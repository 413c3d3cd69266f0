"""``summarizer batch`` (many reports to a JSONL file, resumable) and ``summarizer export`` (CSV)."""

from __future__ import annotations

import asyncio
import datetime as dt
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from summarizer.batch.csv_export import write_csvs
from summarizer.batch.outcome import DocumentOutcome, ErrorInfo, WorkItem
from summarizer.batch.processes import run_in_processes
from summarizer.batch.runner import RunTotals, run_documents
from summarizer.batch.sources import find_report_files, load_work_item
from summarizer.batch.store import JsonlStore, load_outcomes
from summarizer.cli.app import app
from summarizer.cli.common import load_settings, report_error
from summarizer.errors import InputError, SummarizerError
from summarizer.service import SummaryService

# Documents held at once, and so at most in one provider batch, unless --concurrency says otherwise.
PROVIDER_BATCH_DOCUMENTS = 1000


class BackendOption(str, Enum):
    auto = "auto"
    rules = "rules"
    llm = "llm"


@app.command("batch")
def batch(
    targets: Annotated[
        list[str],
        typer.Argument(help="Report files, directories (searched for .txt/.html) or quoted globs."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Results file (JSON lines); appended to, so a rerun resumes.")],
    backend: Annotated[BackendOption, typer.Option(help="auto: the LLM when configured, else rules.")] = BackendOption.auto,
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="Documents in flight at once (default: SUMMARIZER_LLM_CONCURRENCY).")
    ] = None,
    text: Annotated[
        bool, typer.Option("--text/--no-text", help="Keep each report's clean text in its line (for `summarizer report`).")
    ] = True,
    csv_dir: Annotated[
        Path | None, typer.Option("--csv", help="Also write reports.csv, items.csv, figures.csv into this directory.")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes to spread the CPU work over (the concurrency is shared).")
    ] = 1,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM cache.")] = False,
    provider_batch: Annotated[
        bool,
        typer.Option(
            "--provider-batch",
            help="Send the LLM requests through the provider's Batch API (/v1/batches): about half the price, "
            "answers within SUMMARIZER_LLM_BATCH_WINDOW; --concurrency is then the documents per batch "
            f"(default {PROVIDER_BATCH_DOCUMENTS}). Rerun to resume a pending batch.",
        ),
    ] = False,
) -> None:
    """Summarise many reports into a JSONL file: resumable, one bad report never stops the run."""
    settings = load_settings()
    if concurrency is not None:  # the LLM backend's own limit on calls in flight follows the flag
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"concurrency": concurrency})})
    service = SummaryService(settings)
    console = Console(stderr=True)
    try:
        backend_name = service.backend_name(backend.value)
        paths = find_report_files(targets)
    except SummarizerError as exc:
        report_error(exc)
        raise typer.Exit(2) from exc
    store = JsonlStore(out)
    items, unreadable = _load_items(paths, backend_name)
    for outcome in unreadable:
        store.record(outcome)
    if provider_batch:
        _run_provider_batch(settings, backend_name, items, store, console, out, concurrency=concurrency,
                            workers=workers, include_text=text, use_cache=not no_cache, unreadable=len(unreadable),
                            csv_dir=csv_dir)
        return
    try:
        if workers > settings.llm.concurrency:
            raise typer.BadParameter(f"--workers {workers} is more than the concurrency ({settings.llm.concurrency})")
        if workers > 1:  # each worker's LLM backend gets its share of the call limit
            share = settings.llm.concurrency // workers
            worker_settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"concurrency": share})})
            run = partial(run_in_processes, worker_settings, workers=workers)
        else:
            run = partial(run_documents, service)
        totals = asyncio.run(
            _run_with_progress(
                run, items, store, console,
                backend=backend_name, concurrency=settings.llm.concurrency,
                include_text=text, use_cache=not no_cache,
            )
        )
    except KeyboardInterrupt:
        console.print(f"interrupted: finished documents are kept in {escape(str(out))}; rerun to resume")
        raise typer.Exit(130) from None
    except SummarizerError as exc:
        report_error(exc)
        raise typer.Exit(2) from exc
    _finish(totals, out, console, csv_dir, unreadable=len(unreadable))


def _finish(totals: RunTotals, out: Path, console: Console, csv_dir: Path | None, *, unreadable: int) -> None:
    """Print the run's summary line, write the CSVs, and exit 1 when a document failed."""
    totals.total += unreadable
    totals.failed += unreadable
    console.print(_summary_line(totals, out), highlight=False, soft_wrap=True)
    if csv_dir is not None:
        counts = write_csvs(load_outcomes(out), csv_dir)
        console.print(f"CSV: {escape(str(csv_dir))} ({', '.join(f'{k} {v} rows' for k, v in counts.items())})")
    if totals.failed:
        raise typer.Exit(1)


def _run_provider_batch(settings, backend_name: str, items, store, console: Console, out: Path, *,
                        concurrency: int | None, workers: int, include_text: bool, use_cache: bool,
                        unreadable: int, csv_dir: Path | None) -> None:
    """``batch --provider-batch``: the LLM backend's requests go through the provider's Batch API."""
    from summarizer.batch.provider import (  # imports openai: only here
        run_with_provider_batch,
        state_path_for,
    )

    try:
        if workers > 1:
            raise InputError("--provider-batch runs in one process", source="--workers",
                             hint="drop --workers: the provider does the work, this process only waits")
        if backend_name != "llm":
            raise InputError("--provider-batch needs the LLM backend", source="--backend",
                             hint="configure an endpoint (SUMMARIZER_LLM_MODEL, SUMMARIZER_LLM_BASE_URL) "
                             "and use --backend llm or auto")
        run = partial(run_with_provider_batch, settings, state_path=state_path_for(out),
                      on_note=lambda note: console.print(escape(note), highlight=False, soft_wrap=True))
        totals = asyncio.run(
            _run_with_progress(run, items, store, console, concurrency=concurrency or PROVIDER_BATCH_DOCUMENTS,
                               include_text=include_text, use_cache=use_cache)
        )
    except KeyboardInterrupt:
        console.print(f"interrupted: finished documents are kept in {escape(str(out))} and pending provider "
                      f"batches in {escape(str(state_path_for(out)))}; rerun to resume")
        raise typer.Exit(130) from None
    except SummarizerError as exc:
        report_error(exc)
        raise typer.Exit(2) from exc
    _finish(totals, out, console, csv_dir, unreadable=unreadable)


@app.command("export")
def export(
    results: Annotated[Path, typer.Argument(help="A results JSONL file written by `summarizer batch`.")],
    csv_dir: Annotated[Path, typer.Option("--csv", help="Directory for reports.csv, items.csv, figures.csv.")],
) -> None:
    """Export batch results as CSV for analysts: one row per report, per item, per figure."""
    if not results.is_file():
        report_error(InputError("no such results file", source=str(results), hint="run `summarizer batch ... --out FILE` first"))
        raise typer.Exit(2)
    counts = write_csvs(load_outcomes(results), csv_dir)
    typer.echo(f"{csv_dir}: " + ", ".join(f"{k} {v} rows" for k, v in counts.items()))


def _load_items(paths: list[Path], backend: str) -> tuple[list[WorkItem], list[DocumentOutcome]]:
    items, unreadable = [], []
    for path in paths:
        try:
            items.append(load_work_item(path, backend))
        except InputError as exc:
            unreadable.append(
                DocumentOutcome(
                    key=f"unreadable:{path}", name=path.name, source_path=str(path), sha256="",
                    backend=backend, status="failed", error=ErrorInfo.from_exception(exc, str(path)),
                    elapsed_ms=0.0, finished_at=dt.datetime.now(dt.UTC),
                )
            )
    return items, unreadable


async def _run_with_progress(run, items, store, console, **options) -> RunTotals:
    columns = (
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        finished = store.finished_keys()
        already = sum(1 for item in items if item.key in finished)
        task = progress.add_task("summarising", total=len(items), completed=already, failed=0)
        failed = 0

        def on_outcome(outcome: DocumentOutcome) -> None:
            nonlocal failed
            if outcome.status == "failed" and outcome.error is not None:
                failed += 1
                progress.console.print(
                    f"[red]failed[/] {escape(outcome.name)}: {escape(outcome.error.message)}", highlight=False
                )
            progress.update(task, advance=1, failed=failed)

        totals = await run(items, store, on_outcome=on_outcome, **options)
        progress.update(task, completed=len(items))
    return totals


def _summary_line(totals: RunTotals, out: Path) -> str:
    cost = f"{totals.cost:.4f} {totals.currency or ''}".strip() if totals.cost else "n/a"
    return (
        f"done {totals.done}, failed {totals.failed}, skipped {totals.skipped} (already done) · "
        f"tokens {totals.prompt_tokens:,} in / {totals.completion_tokens:,} out · cost {cost} · "
        f"{totals.elapsed_s:.2f} s → {escape(str(out))}"
    )
