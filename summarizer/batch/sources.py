"""Find the report files a batch names (directories, globs, files) and load them as work."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from summarizer.errors import InputError
from summarizer.inputs import REPORT_SUFFIXES
from summarizer.run.outcome import WorkItem, content_sha256

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
        base, pattern = _split_glob(target)
        return sorted(p for p in base.glob(pattern) if _is_report_in(p, base, any_suffix=True))
    path = Path(target)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if _is_report_in(p, path))
    if path.is_file():
        return [path]
    return []


def _split_glob(target: str) -> tuple[Path, str]:
    """``reports/2024/**/*.txt`` → (``reports/2024``, ``**/*.txt``): the folder the pattern stays in."""
    parts = Path(target).parts
    static = 0
    while static < len(parts) - 1 and not any(c in parts[static] for c in _GLOB_CHARS):
        static += 1
    return Path(*parts[:static]) if static else Path("."), str(Path(*parts[static:]))


def _is_report_in(path: Path, folder: Path, *, any_suffix: bool = False) -> bool:
    """A report file found under ``folder``: not hidden, and not a link that leads out of it.

    The search itself never enters linked directories (pathlib's ``**`` does not follow
    them, so a ``loop -> .`` is not walked); a linked file counts only when it points
    inside the folder, so a batch reads nothing its folder does not hold.
    """
    relative = path.relative_to(folder) if path.is_relative_to(folder) else path
    if any(part.startswith(".") for part in relative.parts) or not path.is_file():
        return False
    if not any_suffix and path.suffix.lower() not in REPORT_SUFFIXES:
        return False
    return not path.is_symlink() or path.resolve().is_relative_to(folder.resolve())


def load_work_item(path: Path, backend: str) -> WorkItem:
    """Hash one report file; its key is its content hash and the backend, so a rerun skips it.

    The content is not kept: the file is read again when its turn comes.
    """
    try:
        sha = content_sha256(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=str(path)) from exc
    return WorkItem(key=f"{sha}:{backend}", name=path.name, content=None, sha256=sha, source_path=path)
