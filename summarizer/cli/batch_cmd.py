"""``summarizer batch`` (many reports to a JSONL file, resumable) and ``summarizer export`` (CSV).

The batch machinery and rich are imported when a command runs (``--help`` stays fast).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.backends import BackendChoice
from summarizer.cli.app import app
from summarizer.cli.common import (
    ALLOW_PRIVATE_HELP,
    BACKENDS_HELP,
    ExitCode,
    exit_codes_help,
    fail,
    load_settings,
)
from summarizer.cli.genre_option import AUTO_GENRE, GENRE_HELP, GenreOption
from summarizer.errors import InputError, SummarizerError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from rich.console import Console

    from summarizer.batch.runner import RunTotals
    from summarizer.batch.store import ResultStore
    from summarizer.run.outcome import DocumentOutcome, WorkItem
    from summarizer.settings import Settings

# Documents held at once, and so at most in one provider batch, unless --concurrency says otherwise.
PROVIDER_BATCH_DOCUMENTS = 1000


@app.command("batch", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, ExitCode.INTERRUPTED, failed="an input or a document failed, or the results file could not be written"))
def batch(
    out: Annotated[Path, typer.Option("--out", "-o", help="Results file (JSON lines); appended to, so a rerun resumes.")],
    targets: Annotated[
        list[str] | None,
        typer.Argument(metavar="TARGET...", help="Report files, directories (searched for text, HTML, PDF and Word files) or quoted globs."),
    ] = None,
    backend: Annotated[
        BackendChoice, typer.Option(help="auto: the LLM when configured, else rules. " + BACKENDS_HELP)
    ] = "auto",
    genre: Annotated[GenreOption, typer.Option(help=GENRE_HELP)] = AUTO_GENRE,
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="Documents in flight at once (default: SUMMARIZER_LLM_CONCURRENCY).")
    ] = None,
    text: Annotated[
        bool, typer.Option("--text/--no-text", help="Keep each report's clean text in its line (for `summarizer report`).")
    ] = True,
    csv_dir: Annotated[
        Path | None, typer.Option("--csv", help="Also write reports.csv, items.csv, figures.csv and targets.csv into this directory.")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for the CPU work (reading, preprocessing, the rules), each document within SUMMARIZER_RUN_CPU_BUDGET_S seconds of CPU.")
    ] = 1,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM cache.")] = False,
    urls: Annotated[
        Path | None, typer.Option("--urls", help="Also a file of report addresses, one http(s):// URL a line.")
    ] = None,
    follow_attachments: Annotated[bool, typer.Option(
        "--follow-attachments", help="For a page linking its report as a PDF/Word attachment, take the attachment.")
    ] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help=ALLOW_PRIVATE_HELP)] = False,
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
    import asyncio

    from rich.console import Console
    from rich.markup import escape

    from summarizer.batch.runner import run_documents
    from summarizer.batch.sources import find_report_files
    from summarizer.batch.store import JsonlStore
    from summarizer.run.options import RunOptions
    from summarizer.run.pool import WorkPool
    from summarizer.run.runner import Runner
    from summarizer.service import SummaryService

    settings = load_settings()
    if genre.value != "auto":  # the genre travels with the settings, to worker processes too
        settings = settings.model_copy(update={"genre": genre.value})
    if concurrency is not None:  # the LLM backend's own limit on calls in flight follows the flag
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"concurrency": concurrency})})
    service = SummaryService(settings)
    console = Console(stderr=True)
    try:
        backend_name = service.backend_name(backend)
        from summarizer.batch.urls import fetch_url_items, read_url_list

        if not targets and urls is None:
            raise InputError("nothing to summarise", hint="give report files or folders, or --urls FILE")
        paths = find_report_files(targets or [])
        addresses = read_url_list(urls) if urls is not None else []
        store = JsonlStore(out)
        store.check_writable()
    except SummarizerError as exc:
        fail(exc)
    not_reports: list[str] = []
    items, unreadable = _load_items(paths, backend_name)
    fetched, unfetched = fetch_url_items(service, addresses, backend_name, follow_attachments=follow_attachments,
                                         allow_private=allow_private)
    items += fetched
    unreadable += unfetched
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
        # The CPU work (reading, preprocessing, the rules) runs in `workers` processes, each
        # document within the same CPU budget as the API's (SUMMARIZER_RUN_CPU_BUDGET_S); model
        # calls are awaited in this process, at most the LLM concurrency at once.
        options = RunOptions(backend=backend_name, include_text=text, use_cache=not no_cache,
                             cpu_budget_s=settings.run.cpu_budget_s)
        runner = Runner(service, WorkPool(settings, workers=workers, niceness=0))
        try:
            totals = asyncio.run(
                _run_with_progress(partial(run_documents, runner, concurrency=settings.llm.concurrency,
                                           options=options), items, store, console, not_reports)
            )
        finally:
            runner.close()
    except KeyboardInterrupt:
        console.print(f"interrupted: finished documents are kept in {escape(str(out))}; rerun to resume")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except SummarizerError as exc:
        fail(exc)
    _finish(totals, out, console, csv_dir, unreadable=len(unreadable), not_reports=not_reports)


def _finish(totals: RunTotals, out: Path, console: Console, csv_dir: Path | None, *, unreadable: int,
            not_reports: list[str]) -> None:
    """Print the run's summary line, write the CSVs, and exit 1 when a document failed."""
    from rich.markup import escape

    from summarizer.batch.csv_export import write_csvs
    from summarizer.batch.store import load_outcomes

    totals.total += unreadable
    totals.failed += unreadable
    line = _summary_line(totals, out)
    if not_reports:
        line += f" · {len(not_reports)} not rule-of-law annual reports (recorded in document_kind)"
    console.print(line, highlight=False, soft_wrap=True)
    if csv_dir is not None:
        counts = write_csvs(load_outcomes(out), csv_dir)
        console.print(f"CSV: {escape(str(csv_dir))} ({', '.join(f'{k} {v} rows' for k, v in counts.items())})")
    if totals.failed:
        raise typer.Exit(ExitCode.FAILED)


def _run_provider_batch(settings: Settings, backend_name: str, items: list[WorkItem], store: ResultStore,
                        console: Console, out: Path, *,
                        concurrency: int | None, workers: int, include_text: bool, use_cache: bool,
                        unreadable: int, csv_dir: Path | None) -> None:
    """``batch --provider-batch``: the LLM backend's requests go through the provider's Batch API."""
    import asyncio

    from rich.markup import escape

    from summarizer.batch.provider import (  # imports openai: only here
        run_with_provider_batch,
        state_path_for,
    )
    from summarizer.extract.llm.provider_batch import BatchState

    not_reports: list[str] = []
    try:
        if workers > 1:
            raise InputError("--provider-batch runs in one process", source="--workers",
                             hint="drop --workers: the provider does the work, this process only waits")
        if backend_name != "llm":
            raise InputError("--provider-batch needs the LLM backend", source="--backend",
                             hint="configure an endpoint (SUMMARIZER_LLM_MODEL, SUMMARIZER_LLM_BASE_URL) "
                             "and use --backend llm or auto")
        BatchState(state_path_for(out)).close()  # a damaged state file is said now, before any work
        run = partial(run_with_provider_batch, settings, state_path=state_path_for(out),
                      concurrency=concurrency or PROVIDER_BATCH_DOCUMENTS, include_text=include_text,
                      use_cache=use_cache,
                      on_note=lambda note: console.print(escape(note), highlight=False, soft_wrap=True))
        totals = asyncio.run(_run_with_progress(run, items, store, console, not_reports))
    except KeyboardInterrupt:
        console.print(f"interrupted: finished documents are kept in {escape(str(out))} and pending provider "
                      f"batches in {escape(str(state_path_for(out)))}; rerun to resume")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except SummarizerError as exc:
        fail(exc)
    _finish(totals, out, console, csv_dir, unreadable=unreadable, not_reports=not_reports)


@app.command("export", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, failed="the results file cannot be read, or a CSV file could not be written"))
def export(
    results: Annotated[Path, typer.Argument(metavar="RESULTS.jsonl", help="A results JSONL file written by `summarizer batch`.")],
    csv_dir: Annotated[Path, typer.Option("--csv", help="Directory for reports.csv, items.csv, figures.csv and targets.csv.")],
) -> None:
    """Export batch results as CSV for analysts: one row per report, per item, per figure."""
    from summarizer.batch.csv_export import write_csvs
    from summarizer.batch.store import read_results_file

    try:
        counts = write_csvs(read_results_file(results), csv_dir)
    except SummarizerError as exc:
        fail(exc)
    typer.echo(f"{csv_dir}: " + ", ".join(f"{k} {v} rows" for k, v in counts.items()))


def _load_items(paths: list[Path], backend: str) -> tuple[list[WorkItem], list[DocumentOutcome]]:
    from summarizer.batch.sources import load_work_item
    from summarizer.run.outcome import ErrorInfo, WorkItem, failed_outcome

    items, unreadable = [], []
    for path in paths:
        try:
            items.append(load_work_item(path, backend))
        except InputError as exc:
            unread = WorkItem(key=f"unreadable:{path}", name=path.name, content=None, sha256="", source_path=path)
            unreadable.append(failed_outcome(unread, backend, ErrorInfo.from_exception(exc, str(path))))
    return items, unreadable


async def _run_with_progress(run: Callable[..., Awaitable[RunTotals]], items: list[WorkItem], store: ResultStore,
                             console: Console, not_reports: list[str]) -> RunTotals:
    """Run ``items`` with a progress bar: ``run(items, store, on_outcome=...)`` (its options
    bound already); the names of documents that are not rule-of-law annual reports are
    appended to ``not_reports``."""
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

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
            kind = outcome.summary.document_kind if outcome.summary is not None else None
            of_its_genre = getattr(outcome.summary, "genre", None) is not None  # a 政府工作报告 read as one
            if kind is not None and not kind.is_rule_of_law_report and not of_its_genre:
                not_reports.append(outcome.name)
                progress.console.print(
                    f"[yellow]not a rule-of-law annual report[/] {escape(outcome.name)}: {escape(kind.reason)}",
                    highlight=False,
                )
            progress.update(task, advance=1, failed=failed)

        totals = await run(items, store, on_outcome=on_outcome)
        progress.update(task, completed=len(items))
    return totals


def _summary_line(totals: RunTotals, out: Path) -> str:
    from rich.markup import escape

    spent = ""
    if totals.prompt_tokens or totals.completion_tokens or totals.cost:  # a model was called
        cost = f"{totals.cost:.4f} {totals.currency or ''}".strip() if totals.cost else "n/a"
        spent = f"tokens {totals.prompt_tokens:,} in / {totals.completion_tokens:,} out · cost {cost} · "
    return (
        f"done {totals.done}, failed {totals.failed}, skipped {totals.skipped} (already done) · "
        f"{spent}{totals.elapsed_s:.2f} s → {escape(str(out))}"
    )
