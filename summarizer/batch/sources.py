"""Find the report files a batch names (directories, globs, files) and load them as work."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from summarizer.batch.outcome import WorkItem, content_sha256
from summarizer.errors import InputError
from summarizer.inputs import REPORT_SUFFIXES

_GLOB_CHARS = frozenset("*?[")


def find_report_files(targets: Iterable[str]) -> list[Path]:
    """The report files named by ``targets``, each a file, a directory (searched
    recursively for text, HTML, PDF and Word files) or a glob pattern; sorted, without duplicates.

    Raises ``InputError`` for a target that matches nothing.
    """
    found: dict[Path, None] = {}
    for target in targets:
        matches = _expand(target)
        if not matches:
            raise InputError(
                "matches no report files",
                source=target,
                hint=f"give a file, a directory holding {', '.join(sorted(REPORT_SUFFIXES))} files, "
                "or a quoted glob such as 'reports/**/*.txt'",
            )
        for path in matches:
            found.setdefault(path, None)
    return list(found)


def _expand(target: str) -> list[Path]:
    if any(c in target for c in _GLOB_CHARS):
        return sorted(Path(p) for p in glob.glob(target, recursive=True) if Path(p).is_file())
    path = Path(target)
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
        )
    if path.is_file():
        return [path]
    return []


def load_work_item(path: Path, backend: str) -> WorkItem:
    """Hash one report file; its key is its content hash and the backend, so a rerun skips it.

    The content is not kept: the file is read again when its turn comes.
    """
    try:
        sha = content_sha256(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=str(path)) from exc
    return WorkItem(key=f"{sha}:{backend}", name=path.name, content=None, sha256=sha, source_path=path)
