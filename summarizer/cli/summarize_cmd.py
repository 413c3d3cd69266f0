"""``summarizer summarize FILE...``: summarise one or a few reports.

The pipeline, rich and the renderers are imported when the command runs, not
when the CLI starts (``summarizer --help`` stays fast).
"""

from __future__ import annotations

from enum import Enum
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
    report_error,
    warn,
    write_output,
)
from summarizer.cli.genre_option import AUTO_GENRE, GENRE_HELP, GenreOption
from summarizer.errors import SummarizerError
from summarizer.parts import PART_NAMES, Language

if TYPE_CHECKING:
    from summarizer.run.outcome import DocumentOutcome
    from summarizer.summary_types import AnySummary


class LanguageOption(str, Enum):
    zh = "zh"
    en = "en"


# Formats and the file suffixes that ask for them; text is the terminal view.
_SUFFIX = {"json": ".json", "jsonl": ".jsonl", "markdown": ".md", "html": ".html", "text": ".txt"}
_FORMAT_OF_SUFFIX = {".json": "json", ".jsonl": "jsonl", ".md": "markdown", ".markdown": "markdown",
                     ".html": "html", ".htm": "html", ".txt": "text"}
# Formats that hold several summaries in one file (or one stdout).
_COMBINED = {"json", "jsonl", "html"}


@app.command("summarize", epilog=exit_codes_help(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, ExitCode.NOT_A_REPORT))
def summarize(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Report files (text, HTML, PDF, Word .docx/.doc/.wps) or http(s):// addresses; - reads stdin."),
    ],
    backend: Annotated[
        BackendChoice, typer.Option(help="auto: the LLM when an endpoint is configured, else rules. " + BACKENDS_HELP),
    ] = "auto",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the ReportSummary as JSON (a JSON array for several inputs).")
    ] = False,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one ReportSummary per line (JSON lines).")] = False,
    as_markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o",
            help="Write to this file instead of printing; the format follows the suffix (.json, .jsonl, "
            ".md, .html, .txt) unless a format flag is given. With several inputs, a .json/.jsonl/.html "
            "file holds them all; any other name is a folder that gets one file per input. Missing "
            "folders are created.",
        ),
    ] = None,
    parts: Annotated[
        str | None,
        typer.Option(metavar="PART,...", help=f"Show only these parts ({', '.join(PART_NAMES)}; of a government "
                     "work report: review, problems, targets, plans, government_self_building) in the "
                     "terminal, Markdown and HTML views; JSON always holds the whole summary."),
    ] = None,
    lang: Annotated[LanguageOption, typer.Option(help="Labels of the HTML view: Chinese or English.")] = LanguageOption.zh,
    genre: Annotated[GenreOption, typer.Option(help=GENRE_HELP)] = AUTO_GENRE,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 3 when an input is not a rule-of-law annual report.")
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM cache.")] = False,
    follow_attachments: Annotated[bool, typer.Option(
        "--follow-attachments", help="For an address whose page links its report as a PDF/Word attachment "
        "(相关附件), summarise the attachment.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help=ALLOW_PRIVATE_HELP)] = False,
) -> None:
    """Summarise reports: what was achieved, what went wrong and why, what leaders did, what comes next."""
    fmt = _format(as_json, as_jsonl, as_markdown, out)
    shown = _parse_parts(parts)
    # JSON, JSON lines and HTML of all inputs go together: to stdout, or into one --out file.
    together = fmt in _COMBINED and (out is None or out.suffix.lower() in _FORMAT_OF_SUFFIX)
    settings = load_settings()
    import asyncio

    from summarizer.run.executors import InlineExecutor
    from summarizer.run.options import RunOptions
    from summarizer.run.outcome import WorkItem
    from summarizer.run.runner import Runner
    from summarizer.service import SummaryService

    service = SummaryService(settings)
    try:
        service.backend_name(backend)  # a missing LLM endpoint is said once, before any input
    except SummarizerError as exc:
        fail(exc)
    # One document at a time, its CPU work on this thread; the clean text is kept for the HTML view.
    runner = Runner(service, InlineExecutor(service))
    options = RunOptions(backend=backend, include_text=True, use_cache=not no_cache, genre=genre.value)
    results: list[tuple[str, DocumentOutcome]] = []
    failed = not_reports = 0
    for path in files:
        try:
            from summarizer.cli.arguments import report_argument

            source, name = report_argument(path, service, follow_attachments=follow_attachments,
                                           allow_private=allow_private)
        except SummarizerError as exc:
            report_error(exc)
            failed += 1
            continue
        result = asyncio.run(runner.run_one(WorkItem(key="", name=name, content=source, sha256=""), options))
        if result.error is not None:
            report_error(result.error.to_error())
            failed += 1
            continue
        summary = result.summary
        assert summary is not None  # an outcome without an error is done, with its summary (run.outcome)
        kind = summary.document_kind
        # A summary of another genre (--genre, or a 政府工作报告) is that genre's, not an off-genre one.
        if kind is not None and not kind.is_rule_of_law_report and not getattr(summary, "genre", None):
            not_reports += 1
            warn(f"{path}: not a rule-of-law annual report (法治政府建设年度报告): {kind.reason}")
        if together:
            results.append((path, result))
            continue
        try:
            _emit_one(result, summary, fmt, _target(out, path, fmt, many=len(files) > 1), shown, lang.value)
        except SummarizerError as exc:
            fail(exc)
    if results:
        try:
            _emit_combined(results, fmt, out, shown, lang.value, many=len(files) > 1)
        except SummarizerError as exc:
            fail(exc)
    if failed:
        raise typer.Exit(ExitCode.FAILED)
    if strict and not_reports:
        raise typer.Exit(ExitCode.NOT_A_REPORT)


def _format(as_json: bool, as_jsonl: bool, as_markdown: bool, out: Path | None) -> str:
    chosen = [f for f, on in (("json", as_json), ("jsonl", as_jsonl), ("markdown", as_markdown)) if on]
    if len(chosen) > 1:
        raise typer.BadParameter("choose one of --json, --jsonl and --markdown")
    by_suffix = _FORMAT_OF_SUFFIX.get(out.suffix.lower()) if out is not None else None
    if chosen and by_suffix and by_suffix != chosen[0]:
        raise typer.BadParameter(f"--{chosen[0]} does not go with --out {out} (a {by_suffix} file name)")
    if chosen:
        return chosen[0]
    if by_suffix:
        return by_suffix
    return "markdown" if out is not None else "text"


def _parse_parts(parts: str | None) -> list[str] | None:
    if parts is None:
        return None
    from summarizer.genres import GENRES

    names = [p.strip() for p in parts.split(",") if p.strip()]
    known = list(dict.fromkeys(name for genre in GENRES for name in genre.part_names))  # every genre's parts
    unknown = [p for p in names if p not in known]
    if unknown or not names:
        raise typer.BadParameter(f"unknown part {', '.join(unknown) or '(none given)'}; "
                                 f"choose from {','.join(known)}", param_hint="--parts")
    return names


def _target(out: Path | None, path: str, fmt: str, *, many: bool) -> Path | None:
    """Where one input's output goes: stdout (None), the ``--out`` file, or a file in the ``--out`` folder."""
    if out is None:
        return None
    if many or out.is_dir():
        stem = "stdin" if path == "-" else Path(path).stem
        return out / f"{stem}{_SUFFIX[fmt]}"
    return out


def _emit_one(result: DocumentOutcome, summary: AnySummary, fmt: str, target: Path | None,
              shown: list[str] | None, lang: Language) -> None:
    """Write the output of one input (``result``, done, and its ``summary``) in format ``fmt``."""
    from summarizer.render import to_markdown

    if fmt == "json":
        body = summary.model_dump_json(indent=2)
    elif fmt == "jsonl":
        body = summary.model_dump_json()
    elif fmt == "markdown":
        body = to_markdown(summary, parts=shown)
    elif fmt == "html":
        body = _html([(str(target), result)], shown, lang)
    elif target is not None:  # text into a file: the terminal view without colours
        body = _plain_text(summary, shown)
    else:
        _print_rich(summary, shown)
        return
    _write(body, target)


def _emit_combined(results: list[tuple[str, DocumentOutcome]], fmt: str, out: Path | None,
                   shown: list[str] | None, lang: Language, *, many: bool) -> None:
    summaries = [r.summary for _, r in results if r.summary is not None]  # all are: only done ones are kept
    if fmt == "json":
        if many:
            body = "[\n" + ",\n".join(s.model_dump_json(indent=2) for s in summaries) + "\n]"
        else:
            body = summaries[0].model_dump_json(indent=2)
    elif fmt == "jsonl":
        body = "\n".join(s.model_dump_json() for s in summaries)
    else:
        body = _html(results, shown, lang)
    _write(body, out)


def _html(results: list[tuple[str, DocumentOutcome]], shown: list[str] | None, lang: Language) -> str:
    from summarizer.htmlreport import render_page
    from summarizer.htmlreport.page import ReportEntry

    if any(getattr(r.summary, "genre", None) for _, r in results):  # another genre: from its table
        from summarizer.genre_views import to_html_page
        return to_html_page([r.summary for _, r in results], parts=shown)

    entries = [ReportEntry(r.model_copy(update={"summary": _only(r.summary, shown), "name": Path(p).name}),
                           r.clean_text) for p, r in results]
    return render_page(entries, lang=lang)


def _only(summary: AnySummary | None, shown: list[str] | None) -> AnySummary | None:
    """``summary`` with only the parts ``shown`` (for the HTML view)."""
    if shown is None or summary is None:
        return summary
    return summary.model_copy(update={p: [] for p in PART_NAMES if p not in shown})


def _print_rich(summary: AnySummary, shown: list[str] | None) -> None:
    from rich.console import Console

    from summarizer.render import to_rich

    console = Console()  # the summary view wraps its prose itself: 80 columns when not a terminal
    console.print(to_rich(summary, width=console.width, parts=shown))


def _plain_text(summary: AnySummary, shown: list[str] | None) -> str:
    import io

    from rich.console import Console

    from summarizer.render import to_rich

    buffer = io.StringIO()
    console = Console(file=buffer, width=80, color_system=None, force_terminal=False)
    console.print(to_rich(summary, width=80, parts=shown))
    return buffer.getvalue().rstrip("\n")


def _write(body: str, target: Path | None) -> None:
    """Print ``body``, or write it to ``target`` (creating missing folders)."""
    if target is None:
        typer.echo(body)
        return
    write_output(target, body + "\n")
    typer.echo(f"wrote {target}", err=True)

