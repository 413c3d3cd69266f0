"""``summarizer eval``: score a backend against a dataset of reference extractions.

Thin: loading, running, scoring and presenting live in ``summarizer.evals``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarizer.backends import BackendName
from summarizer.cli.app import app
from summarizer.cli.common import (
    BACKENDS_HELP,
    ExitCode,
    err_console,
    exit_codes_help,
    fail,
    load_settings,
    stdout_console,
)
from summarizer.errors import SummarizerError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from summarizer.evals.baseline import Regression
    from summarizer.evals.scoring import DocumentScore, RunReport
    from summarizer.genres import Genre

DEFAULT_RUNS_DIR = Path("evals") / "runs"


@app.command("eval", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, failed="a score fell below the baseline, or a document could not be scored"))
def eval_command(
    dataset: Annotated[
        list[Path] | None,
        typer.Option(metavar="DIR", help="Folder of reports with a reference <id>.json beside each: <id>.txt, "
                     "<id>.html/.htm, <id>.pdf, <id>.docx, <id>.doc/.wps, or any one other file <id>.* (text "
                     "or raw bytes in any supported encoding); repeat it to score several datasets side by side."),
    ] = None,
    backend: Annotated[
        BackendName, typer.Option(help="The extraction backend to score: " + BACKENDS_HELP)
    ] = "rules",
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for run.json and report.md (default: evals/runs/<UTC time>-<backend>)."),
    ] = None,
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="Documents in flight at once (default: the LLM concurrency setting; 4 for rules).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM cache.")] = False,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Record this run's scores as the CI baseline: a .json file, or a folder "
                                  "holding one <dataset name>.json per dataset.")
    ] = None,
    check_baseline: Annotated[
        Path | None, typer.Option(help="Exit 1 when any score drops below the one recorded in this file "
                                  "(or, for a folder, in <dataset name>.json there).")
    ] = None,
    compare: Annotated[
        tuple[Path, Path] | None,
        typer.Option(metavar="A B", help="Compare two earlier runs (run.json files or their folders) instead of running."),
    ] = None,
    only_changed: Annotated[bool, typer.Option("--only-changed", help="With --compare: hide unchanged rows.")] = False,
    formats: Annotated[
        str, typer.Option(metavar="FORMATS", help="Format check: also run each report made into these formats (without its scraper "
                          "record and title line), comma-separated from text,pdf,docx,oneline (oneline: every line "
                          "break lost, as a web page's text often arrives), and report each score's difference "
                          "from text. pdf needs reportlab (a dev dependency).")
    ] = "text",
    follow: Annotated[
        Path | None,
        typer.Option(help="Score year-on-year follow-through against the link gold in this folder "
                     "(evals/follow); its reports are found under the datasets folder (evals/datasets)."),
    ] = None,
) -> None:
    """Score summaries against reference extractions: P/R/F1 per part, metadata, compliance, grounding."""
    console = stdout_console()
    try:
        if compare is not None:
            _compare(console, compare[0], compare[1], only_changed=only_changed)
            return
        regressions: list[str] = []
        if follow is not None:
            regressions.extend(_follow(console, follow, backend, check_baseline))
            if not dataset and not regressions:
                return
        if not dataset and follow is None:
            raise typer.BadParameter("give --dataset DIR to run an eval, --follow DIR, or --compare A.json B.json")
        dataset = dataset or []
        if len(dataset) > 1 and write_baseline is not None and write_baseline.suffix == ".json":
            raise typer.BadParameter("with several datasets, --write-baseline takes a folder")
        reports: dict[str, RunReport] = {}
        for folder in dataset:
            run_out = out / folder.name if out is not None and len(dataset) > 1 else out
            if (genre := _other_genre(folder)) is not None:
                dropped = _run_genre(console, folder, genre, backend, run_out, concurrency,
                                     write_baseline, check_baseline, _formats(formats))
                regressions.extend(f"{folder.name}: {r}" for r in dropped)
                continue
            report, dropped = _run(console, folder, backend, run_out, concurrency, not no_cache,
                                   write_baseline, check_baseline, _formats(formats))
            reports[folder.name] = report
            regressions.extend(f"{folder.name}: {r}" for r in dropped)
        if len(reports) > 1:
            from summarizer.evals.report import rich_side_by_side

            console.print(rich_side_by_side(reports))
    except SummarizerError as exc:
        fail(exc)
    if regressions:
        stderr = err_console()
        stderr.print(f"[bold red]{len(regressions)} scores dropped below the baseline:[/]")
        for r in regressions:
            stderr.print(f"  {r}", highlight=False)
        raise typer.Exit(ExitCode.FAILED)


def _other_genre(folder: Path) -> Genre | None:
    """The dataset's genre when it is not rule-of-law (its index.json says so), else None."""
    from summarizer.evals.dataset import SUPPORTED_GENRES, UnsupportedGenreError, dataset_genre
    from summarizer.genres import RULE_OF_LAW, genre_named

    if not folder.is_dir():
        return None  # load_dataset says what is wrong
    name = dataset_genre(folder)
    if name not in SUPPORTED_GENRES:
        raise UnsupportedGenreError(f"genre {name} is not supported by this version", source=str(folder),
                                    hint=f"this version scores {', '.join(SUPPORTED_GENRES)}")
    genre = genre_named(name)
    return None if genre is RULE_OF_LAW else genre


def _run_genre(console: Console, dataset_dir: Path, genre: Genre, backend: BackendName, out: Path | None,
               concurrency: int | None, write_baseline: Path | None, check_baseline: Path | None,
               other_formats: Sequence[str] = ()) -> list[Regression]:
    """Score a dataset of another genre (summarizer.evals.genre_eval); the regressions."""
    import asyncio
    import datetime as dt

    from rich.table import Table

    from summarizer.evals import baseline as baseline_mod
    from summarizer.evals import genre_eval
    from summarizer.service import SummaryService

    recorded = None
    if check_baseline:
        recorded = baseline_mod.load_baseline(baseline_mod.baseline_path(check_baseline, dataset_dir))
    stderr = err_console()

    def progress(doc: dict[str, Any]) -> None:
        mark = "[green]ok[/]" if doc["status"] == "ok" else f"[red]{doc['status']}[/] {doc.get('error')}"
        stderr.print(f"{mark} {doc['doc_id']} ({doc['latency_ms']:.0f} ms)", highlight=False)

    service = SummaryService(load_settings())
    run = asyncio.run(genre_eval.run_genre_eval(service, dataset_dir, genre, backend=backend,
                                                concurrency=concurrency or 4, on_document=progress))
    if other_formats:
        asyncio.run(genre_eval.add_genre_format_runs(service, run, dataset_dir, genre, list(other_formats),
                                                     backend=backend, concurrency=concurrency or 4,
                                                     on_document=progress))
    table = Table(title=f"{dataset_dir.name} · {genre.name} · backend={backend}", title_justify="left")
    table.add_column("score")
    for column in ("text", *run.formats):
        table.add_column(column, justify="right")
    for name, value in run.scores.items():
        others = [run.formats[fmt].get(name) for fmt in run.formats]
        table.add_row(name, f"{value:.3f}", *("—" if v is None else f"{v:.3f} ({(v - value) * 100:+.1f})" for v in others))
    console.print(table)
    out = out or DEFAULT_RUNS_DIR / f"{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}-{backend}-{dataset_dir.name}"
    console.print(f"wrote {genre_eval.write_genre_run(run, out)}", highlight=False)
    if write_baseline:
        path = baseline_mod.baseline_path(write_baseline, dataset_dir)
        baseline_mod.write_baseline(genre_eval.genre_baseline(run, dataset=str(dataset_dir), path=str(path)), path)
        console.print(f"recorded {len(run.scores)} scores as the baseline in {path}", highlight=False)
    if recorded is None:
        return []
    regressions = genre_eval.genre_regressions(run, recorded)
    if not regressions:
        console.print(f"[green]no score below the baseline[/] ({len(recorded.scores)} checked)")
    return regressions


def _formats(value: str) -> list[str]:
    from summarizer.evals.formats import FORMATS, pdf_available

    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or "text" not in chosen:
        raise typer.BadParameter(f"--formats takes text and any of {', '.join(f for f in FORMATS if f != 'text')} "
                                 f"(got {value!r})")
    if "pdf" in chosen and not pdf_available():
        err_console().print("[yellow]reportlab is not installed: the pdf format is skipped[/] "
                            "(pip install -e '.[dev]')")
        chosen.remove("pdf")
    return [f for f in chosen if f != "text"]


def _follow(console: Console, folder: Path, backend: str, check_baseline: Path | None) -> list[str]:
    """Score the follow-through gold in ``folder``; with ``check_baseline``, the scores below its floors."""
    from summarizer.evals.follow_gold import (
        follow_regressions,
        load_follow_baseline,
        load_follow_gold,
        rich_follow_score,
        score_follow,
    )
    from summarizer.service import SummaryService

    gold = load_follow_gold(folder, folder.parent / "datasets")
    score = score_follow(SummaryService(load_settings()), gold, backend=backend)
    console.print(rich_follow_score(score))
    if check_baseline is None:
        return []
    dropped = follow_regressions(score, load_follow_baseline(check_baseline))
    if not dropped:
        console.print(f"no follow-through score below the baseline ({check_baseline})")
    return dropped


def _compare(console: Console, a: Path, b: Path, *, only_changed: bool) -> None:
    from summarizer.evals.compare import compare_runs, rich_comparison
    from summarizer.evals.report import load_run

    comparison = compare_runs(load_run(a), load_run(b))
    console.print(rich_comparison(comparison, a_label="A", b_label="B", only_changed=only_changed))
    console.print(f"A = {a}\nB = {b}", highlight=False)


def _run(console: Console, dataset_dir: Path, backend: BackendName, out: Path | None, concurrency: int | None,
         use_cache: bool, write_baseline: Path | None, check_baseline: Path | None,
         other_formats: Sequence[str] = ()) -> tuple[RunReport, list[Regression]]:
    import asyncio
    import datetime as dt

    from summarizer.evals import baseline as baseline_mod
    from summarizer.evals.dataset import load_dataset
    from summarizer.evals.report import rich_report, write_report
    from summarizer.evals.runner import add_format_runs, run_eval

    settings = load_settings()
    dataset = load_dataset(dataset_dir)
    from summarizer.service import SummaryService  # after the dataset checks: they need no pipeline

    if check_baseline:
        check_baseline = baseline_mod.baseline_path(check_baseline, dataset_dir)
    if write_baseline:
        write_baseline = baseline_mod.baseline_path(write_baseline, dataset_dir)
    recorded = baseline_mod.load_baseline(check_baseline) if check_baseline else None
    for path in dataset.unreferenced:
        err_console().print(f"[yellow]skipped[/] {path.name}: no reference {path.stem}.json beside it", highlight=False)
    if concurrency is None:
        from summarizer.extract.registry import backend_spec

        concurrency = 4 if backend_spec(backend).cpu_bound else settings.llm.concurrency

    stderr = err_console()

    def progress(score: DocumentScore) -> None:
        mark = "[green]ok[/]" if score.status == "ok" else f"[red]{score.status}[/]"
        stderr.print(f"{mark} {score.doc_id} ({score.latency_ms or 0:.0f} ms)", highlight=False)

    service = SummaryService(settings)
    report = asyncio.run(run_eval(service, dataset, backend=backend, concurrency=concurrency,
                                  use_cache=use_cache, on_document=progress))
    if other_formats:
        asyncio.run(add_format_runs(service, dataset, report, list(other_formats), backend=backend,
                                    concurrency=concurrency, use_cache=use_cache, on_document=progress))
    console.print(rich_report(report))
    out = out or DEFAULT_RUNS_DIR / f"{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}-{backend}-{dataset_dir.name}"
    json_path, md_path = write_report(report, out)
    console.print(f"wrote {json_path} and {md_path}", highlight=False)
    if write_baseline:
        baseline = baseline_mod.baseline_from_run(report, dataset=str(dataset_dir), path=str(write_baseline))
        baseline_mod.write_baseline(baseline, write_baseline)
        console.print(f"recorded {len(baseline.scores)} scores as the baseline in {write_baseline}", highlight=False)
    if recorded is not None:
        regressions = baseline_mod.check_against_baseline(report, recorded)
        if not regressions:
            console.print(f"[green]no score below the baseline[/] ({len(recorded.scores)} checked)")
        return report, regressions
    return report, []
