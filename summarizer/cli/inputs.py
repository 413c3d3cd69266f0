"""Command-line inputs that are web addresses: fetched, then read like files.

Imports stay light (the service only for type checking): ``--help`` must not load the pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from summarizer.cli.common import read_source
from summarizer.inputs import is_url

if TYPE_CHECKING:
    from summarizer.service import SummaryService


def read_input(path: str, service: SummaryService, *, follow_attachments: bool = False,
               allow_private: bool = False) -> tuple[bytes | Path, str]:
    """Like ``read_source``, and an ``http(s)://`` address is fetched (``InputError`` if it fails;
    a hop from a public address to a non-public one is refused unless ``allow_private``)."""
    if not is_url(path):
        return read_source(path)
    fetched = service.fetch(path, follow_attachments=follow_attachments, allow_private=allow_private)
    if fetched.via:
        typer.echo(f"following the attachment {fetched.url} of {fetched.via[0]}", err=True)
    return fetched.data, fetched.url
