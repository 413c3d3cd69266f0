"""Reports a batch names by address: a file of URLs, each fetched into a work item."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import InputError
from summarizer.inputs import is_url
from summarizer.run.outcome import DocumentOutcome, WorkItem, content_sha256, failed_outcome
from summarizer.service import SummaryService


def read_url_list(path: Path) -> list[str]:
    """The addresses in a file of URLs: one per line; blank lines and ``#`` comments skipped.

    Raises ``InputError`` for a missing file or a line that is not an http(s) address."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the URL list: {exc.strerror or exc}", source=str(path)) from exc
    urls = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise InputError(f"not an http(s):// address: {bad[0]!r}", source=str(path),
                         hint="put one address per line; # starts a comment")
    return urls


def fetch_url_items(service: SummaryService, urls: list[str], backend: str, *, follow_attachments: bool,
                    allow_private: bool = False) -> tuple[list[WorkItem], list[DocumentOutcome]]:
    """Each address fetched now (each within the fetch deadline), keyed by its content like a file
    (a rerun skips it); an address that cannot be fetched is a failed outcome, and the others go on."""
    items, failed = [], []
    for url in urls:
        try:
            fetched = service.fetch(url, follow_attachments=follow_attachments, allow_private=allow_private)
        except InputError as exc:
            unread = WorkItem(key=f"unreadable:{url}", name=url, content=None, sha256="")
            failed.append(failed_outcome(unread, backend, exc))
            continue
        sha = content_sha256(fetched.data)
        items.append(WorkItem(key=f"{sha}:{backend}", name=fetched.url, content=fetched.data, sha256=sha))
    return items, failed
