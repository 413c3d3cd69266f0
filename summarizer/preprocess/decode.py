"""Reading the input and turning bytes into text.

The encoding is detected, never asked for: a BOM wins; then strict UTF-8; then
a charset the HTML declares; then the Chinese legacy encodings (GB18030, which
includes GBK and GB2312, and Big5)
are each tried strictly and, when more than one fits, the one that yields the
more common characters wins. When nothing decodes cleanly the best candidate is
used with the bad bytes replaced by U+FFFD and reported - never an exception.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError
from summarizer.inputs.detect import suffix_of
from summarizer.preprocess.charstats import commonness

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings tried in this order; ties go to the earlier one.
_LEGACY = ("gb18030", "big5hkscs")


@dataclass(frozen=True)
class RawInput:
    """What the caller gave, as bytes or text, with a label for messages."""

    data: bytes | None
    text: str | None
    label: str | None
    suffix: str
    sha256: str


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used and how many bytes were bad."""

    text: str
    encoding: str
    bad_bytes: int


def load_raw_input(source: str | bytes | os.PathLike[str], name: str | None = None) -> RawInput:
    """Load ``source`` (text, bytes or a path) without interpreting it yet."""
    if isinstance(source, str):
        data = source.encode("utf-8", "surrogatepass")
        return RawInput(None, source, name, suffix_of(name), hashlib.sha256(data).hexdigest())
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return RawInput(data, None, name, suffix_of(name), hashlib.sha256(data).hexdigest())
    if isinstance(source, os.PathLike):
        path = Path(source)
        label = name or str(path)
        if not path.exists():
            raise InputError("file not found", source=label, hint="check the path and try again")
        if path.is_dir():
            raise InputError(
                "this is a directory, not a report file",
                source=label,
                hint="give one report file (use the batch command for folders)",
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"cannot read the file: {exc.strerror or exc}",
                source=label,
                hint="check the file's permissions",
            ) from exc
        return RawInput(data, None, label, path.suffix.lower(), hashlib.sha256(data).hexdigest())
    raise InputError(
        f"cannot read input of type {type(source).__name__}",
        source=name,
        hint="pass report text as str, raw bytes as bytes, or a file path as pathlib.Path",
    )


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``, detecting the encoding; ``declared`` (e.g. an HTML meta charset) is tried first."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return Decoded(text, enc, text.count("\ufffd"))
    # Strict UTF-8 first even over a declared charset: legacy bytes are almost never
    # valid UTF-8, while pages that declare gb2312 but are served as UTF-8 are common.
    candidates = ["utf-8"]
    if declared and declared != "utf-8":
        candidates.append(declared)
    candidates += [enc for enc in _LEGACY if enc != declared]
    strict: list[tuple[str, str]] = []
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc in ("utf-8", declared):
            return Decoded(text, _canonical(enc), 0)
        strict.append((enc, text))
    if strict:
        enc, text = max(strict, key=lambda c: commonness(c[1]))
        return Decoded(text, enc, 0)
    # Nothing fits cleanly: take the candidate with the fewest bad bytes.
    best: Decoded | None = None
    for enc in ("utf-8", *_LEGACY):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best.bad_bytes:
            best = Decoded(text, enc, bad)
    assert best is not None
    return best


def _canonical(enc: str) -> str:
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return enc
