"""Command-line inputs that are web addresses: fetched, then read like files."""

from __future__ import annotations

from pathlib import Path

from summarizer.cli.common import err_console, read_source
from summarizer.inputs import is_url
from summarizer.service import SummaryService


def read_input(path: str, service: SummaryService, *, follow_attachments: bool = False) -> tuple[bytes | Path, str]:
    """Like ``read_source``, and an ``http(s)://`` address is fetched (``InputError`` if it fails)."""
    if not is_url(path):
        return read_source(path)
    fetched = service.fetch(path, follow_attachments=follow_attachments)
    if fetched.via:
        err_console.print(f"following the attachment {fetched.url} of {fetched.via[0]}", highlight=False)
    return fetched.data, fetched.url
