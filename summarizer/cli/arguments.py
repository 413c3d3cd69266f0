"""Report arguments on the command line: a file path, ``-`` for stdin, or a web address.

Each becomes what ``SummaryService`` reads (bytes or a path) and the name it is shown under.
Not to be confused with ``summarizer.inputs``, which reads the formats (PDF, Word, HTML...).
Imports stay light (the service only for type checking): ``--help`` must not load the pipeline.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from summarizer.inputs import is_url

if TYPE_CHECKING:
    from summarizer.service import SummaryService


def local_argument(path: str) -> tuple[bytes | Path, str]:
    """A file argument as something ``clean`` accepts, and its display name (``-`` is stdin)."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    return Path(path), path


def report_argument(path: str, service: SummaryService, *, follow_attachments: bool = False,
                    allow_private: bool = False) -> tuple[bytes | Path, str]:
    """Like ``local_argument``, and an ``http(s)://`` address is fetched (``InputError`` if it fails;
    a hop from a public address to a non-public one is refused unless ``allow_private``)."""
    if not is_url(path):
        return local_argument(path)
    fetched = service.fetch(path, follow_attachments=follow_attachments, allow_private=allow_private)
    if fetched.via:
        typer.echo(f"following the attachment {fetched.url} of {fetched.via[0]}", err=True)
    return fetched.data, fetched.url
