"""``clean()``: from raw input to a ``CleanDocument``, one step after another.

decode (or a PDF/Word document's text, ``summarizer.inputs``) -> HTML main text ->
hard-wrapped lines joined -> GBK step-mojibake repair -> pinyin removal ->
OpenCC t2s -> whitespace/punctuation normalisation -> website chrome removal ->
paragraphs (segmented once, ``preprocess.paragraphs``) and hints. Each step is a list of edits; ``_Work`` applies them and
keeps every repair's offsets, and a document's page starts, pointing into the current text.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import ne

from pydantic import TypeAdapter

from summarizer.errors import InputError
from summarizer.inputs import DOCUMENT_KINDS, Extracted, detect_kind, read_document
from summarizer.inputs.detect import looks_like_html, looks_like_html_bytes
from summarizer.preprocess import chrome, dates
from summarizer.preprocess.charstats import not_surely_common, uncommon_count
from summarizer.preprocess.decode import RawInput, decode_bytes, load_raw_input
from summarizer.preprocess.document import CleanDocument, DateSeen, Hints, Paragraph, Repair
from summarizer.preprocess.edits import Edit, apply_edits
from summarizer.preprocess.normalize import (
    FULL_WIDTH,
    control_edits,
    entity_edits,
    full_width_brackets,
    full_width_punctuation,
    spacing_edits,
)
from summarizer.preprocess.paragraphs import segment
from summarizer.preprocess.pinyin import pinyin_edits
from summarizer.preprocess.t2s import to_simplified
from summarizer.preprocess.unwrap import marker_line_edits, unwrap_edits

_HANZI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def _repair_list() -> TypeAdapter[list[Repair]]:
    return TypeAdapter(list[Repair])


@lru_cache(maxsize=1)
def _paragraph_list() -> TypeAdapter[list[Paragraph]]:
    return TypeAdapter(list[Paragraph])


@dataclass(slots=True)  # (hundreds per annotated report: slots make them cheap)
class _Tracked:
    kind: str
    before: str
    after: str
    start: int | None
    end: int | None
    note: str


class _Work:
    """The text being cleaned and the repairs made so far."""

    def __init__(self, text: str, marks: tuple[int, ...] = ()):
        self.text = text
        self.marks = list(marks)  # offsets kept pointing at the same place (page starts)
        self.single: list[_Tracked] = []
        self.counted: Counter[tuple[str, str, str, str]] = Counter()
        self.removed: list[_Tracked] = []  # repairs whose result does not survive (no offsets)
        self.t2s_examples: Counter[str] = Counter()

    def apply(self, edits: list[Edit]) -> None:
        """Apply one step's edits, record its repairs and move earlier offsets."""
        old = self.text
        self.text, kept, omap = apply_edits(old, edits)
        if not kept:
            return
        same_length = not omap.moves
        if not same_length:  # 1:1 replacements move nothing
            self.marks = omap.many(self.marks)
            placed = [(r, r.start, r.end) for r in self.single if r.start is not None and r.end is not None]
            starts = omap.many([start for _, start, _ in placed])
            ends = omap.many([end for _, _, end in placed], is_end=True)
            for (r, _, _), start, end in zip(placed, starts, ends, strict=True):
                r.start, r.end = (start, end) if start < end else (None, None)
        counted: list[tuple[str, str, str, str]] = []  # counted at the end, in one call
        # Where each individual repair's result starts in the new text, all in one call.
        old_starts = [e.start for e in kept if e.single and e.kind is not None]
        new_starts = iter(old_starts if same_length else omap.many(old_starts))
        for e in kept:
            kind = e.kind
            if kind is None:
                continue
            before = old[e.start : e.end]
            if kind == "chrome":
                before = before.strip("\n")  # the line, without the line break that went with it
            if e.single:
                start = next(new_starts)
                end = start + len(e.new)
                tracked = _Tracked(kind, before, e.new, start if e.new else None,
                                   end if e.new else None, e.note)
                (self.single if e.new else self.removed).append(tracked)
                for extra_kind, a, b, after, note in e.extra:
                    self.single.append(_Tracked(extra_kind, "", after, start + a, start + b, note))
            elif kind == "t2s":
                # Hundreds of characters: one counted entry, the most frequent as examples.
                counted.append(("t2s", "", "", ""))
                self.t2s_examples[f"{before}→{e.new}"] += 1
            elif kind == "punctuation":
                counted.append((kind, before, e.new, e.note))
            else:
                counted.append((kind, "", "", e.note))
        self.counted.update(counted)

    def full_width(self, text: str, converted: str) -> None:
        """A step that made ASCII marks full-width, one character for one: nothing moves, each is counted."""
        self.text = text
        if converted:
            self.counted.update({("punctuation", mark, FULL_WIDTH[mark], ""): n
                                 for mark, n in Counter(converted).items()})

    def convert_t2s(self) -> None:
        """OpenCC t2s of each line (one call for the whole text); a line that keeps its length
        moves no offset, one that does not is replaced by one tracked edit."""
        simple = to_simplified(self.text)  # one call: no dictionary entry holds a line break
        if simple == self.text:
            return
        lines, simple_lines = self.text.split("\n"), simple.split("\n")
        if len(simple_lines) != len(lines):  # (never seen: then each line on its own)
            simple_lines = [to_simplified(line) for line in lines]
        out = []
        edits: list[Edit] = []
        pairs = self.t2s_examples
        pos = 0
        for line, simple in zip(lines, simple_lines, strict=True):
            if simple != line and len(simple) != len(line):
                # A phrase changed length: replace the line as one tracked edit.
                edits.append(Edit(pos, pos + len(line), simple, kind="t2s", note="line"))
                simple = line
            elif simple != line:
                # "a→b" for each character t2s changed, in C: the pairs where a != b.
                changed = list(map("→".join, compress(zip(line, simple), map(ne, line, simple))))
                self.counted[("t2s", "", "", "")] += len(changed)
                pairs.update(changed)
            out.append(simple)
            pos += len(line) + 1
        self.text = "\n".join(out)
        if edits:
            self.apply(edits)

    def repairs(self) -> list[Repair]:
        """All repairs: individual ones first (by position), then counted aggregates."""
        single = []
        for r in self.removed + sorted(self.single, key=lambda r: (r.start is None, r.start or 0)):
            # The result as it reads in the clean text (e.g. after t2s), where it survives.
            after = self.text[r.start : r.end] if r.start is not None else r.after
            single.append({"kind": r.kind, "before": r.before, "after": after, "start": r.start, "end": r.end,
                           "note": r.note})
        # Hundreds in a text annotated with pinyin: validated in one call.
        out = _repair_list().validate_python(single) if single else []
        for (kind, before, after, note), n in self.counted.items():
            if kind == "t2s":
                top = " ".join(k for k, _ in self.t2s_examples.most_common(8))
                note = f"traditional characters made simplified (OpenCC t2s), e.g. {top}"
            out.append(Repair(kind=kind, before=before, after=after, count=n, note=note))
        return out


def clean(source: str | bytes | os.PathLike[str], name: str | None = None, *,
          read_time_limit_s: float | None = None) -> CleanDocument:
    """Turn a report (text, bytes or a path: text, HTML, PDF or Word) into clean simplified Chinese.

    ``read_time_limit_s`` bounds the OCR and LibreOffice runs a PDF or Word input needs
    (a caller running the document under a CPU budget passes what is left of it; default
    ``ReadLimits.subprocess_seconds``).

    Raises ``InputError`` (with source and hint) for a missing path, a directory,
    an empty or binary input or one with no Chinese text; never anything else.
    """
    raw = load_raw_input(source, name)
    warnings: list[str] = []
    document = _read_document(raw, read_time_limit_s)
    page_dates: list[DateSeen] = []
    pre_repairs: list[Repair]
    encoding: str | None
    if document is not None:
        text, encoding, pre_repairs, source_format = document.text, None, [], document.kind
        _check_has_text(text, document.kind, raw.label)
    else:
        text, encoding, pre_repairs = _decode(raw, warnings)
        source_format = "text"
        if looks_like_html(text, raw.suffix):
            source_format = "html"
            from summarizer.preprocess import htmltext  # trafilatura: only HTML pays for it

            page_dates = htmltext.page_dates(text)
            text = htmltext.html_to_text(text)
            pre_repairs.append(Repair(kind="html", note="main text extracted from HTML"))

    work = _Work(text, document.page_starts if document else ())
    work.apply(control_edits(work.text))
    work.apply(entity_edits(work.text))
    # Hard-wrapped lines first: a wrap can cut a mojibake run or a pinyin annotation in two.
    work.apply(unwrap_edits(work.text))
    work.apply(marker_line_edits(work.text))
    # Repeat until nothing changes: a repair can expose another one (a removed
    # annotation, a character t2s turned into something GBK can re-decode), and
    # cleaning must give a text that cleaning leaves alone.
    for _ in range(3):
        before = work.text
        if "?" in work.text:  # GBK step-mojibake always starts at a '?' (its repairs, their tables: only then)
            from summarizer.preprocess import mojibake

            fixes, lost_warnings = mojibake.mojibake_edits(work.text)
            work.apply(fixes)
            warnings.extend(lost_warnings)
        work.apply(pinyin_edits(work.text))
        work.convert_t2s()
        if work.text == before or "?" not in work.text:
            break  # only a '?' left in the text can still start a repair
    work.apply(spacing_edits(work.text))
    work.full_width(*full_width_brackets(work.text))
    work.full_width(*full_width_punctuation(work.text))
    inline = chrome.find_inline_chrome(work.text)
    work.apply(inline.edits)
    found = chrome.find_report(work.text)
    work.apply(found.edits)
    found.title = found.title or inline.title
    found.header_dates = inline.header_dates + found.header_dates
    # A second look for a wrap: with the chrome gone (its lines can be wider than
    # the wrap) and the annotations removed, the widths may show one the raw text
    # hid. Without it, cleaning the result would join those lines: not idempotent.
    late = unwrap_edits(work.text)
    if late:
        work.apply(late)
        work.apply(spacing_edits(work.text))
        work.full_width(*full_width_brackets(work.text))
        work.full_width(*full_width_punctuation(work.text))
    text = work.text
    _check_is_chinese(text, raw.label)

    paragraphs = _paragraph_list().validate_python([{"start": s, "end": e} for s, e in segment(text)])
    return CleanDocument(
        text=text,
        paragraphs=paragraphs,
        repairs=pre_repairs + work.repairs(),
        warnings=warnings,
        hints=Hints(
            title=found.title,
            title_span=_find_span(text, found.title) if found.title else None,
            dates=[*page_dates, *found.header_dates, *dates.body_dates(text, paragraphs, _body_start(text, paragraphs))],
            encoding=encoding,
            source_format=source_format,
            page_starts=_page_starts(work.marks, len(text)),
            input_notes=list(document.notes) if document else [],
        ),
        source_name=raw.label,
        input_sha256=raw.sha256,
    )


def _read_document(raw: RawInput, time_limit_s: float | None) -> Extracted | None:
    """The text of a PDF or Word input (decided by its bytes), or None for text and HTML."""
    if raw.data is None:
        return None
    kind = detect_kind(raw.data, raw.suffix, raw.label)
    if kind not in DOCUMENT_KINDS:
        return None
    return read_document(raw.data, kind, raw.label, time_limit_s=time_limit_s)


def _check_has_text(text: str, kind: str, label: str | None) -> None:
    if not text.strip():
        raise InputError(f"the {kind.upper()} document holds no text", source=label,
                         hint="check that it is the report and not an empty or image-only file")


def _page_starts(marks: list[int], length: int) -> list[int]:
    """Page starts in the clean text: one per page, never decreasing, within the text."""
    out: list[int] = []
    for m in marks:
        m = min(max(m, out[-1] if out else 0), length)
        out.append(m)
    return out


_PATH_LIKE = re.compile(r"[^\n]{0,259}\.(?:txt|text|html?|xhtml)|(?:[A-Za-z]:)?[\\/][^\n]{0,258}")


def _looks_like_a_path(text: str) -> bool:
    """One short line ending in a report file suffix, or starting at a root (``/…``, ``C:\\…``)."""
    stripped = text.strip()
    return _PATH_LIKE.fullmatch(stripped) is not None and "。" not in stripped


def _decode(raw: RawInput, warnings: list[str]) -> tuple[str, str | None, list[Repair]]:
    """The input's text, the encoding detected (None for ``str``) and decoding repairs."""
    label = raw.label
    empty = InputError("the input is empty", source=label, hint="give a file with the report's text")
    if raw.data is None:
        text = raw.text or ""
        if not text.strip():
            raise empty
        # The file system is not consulted: over the HTTP API that would tell callers which
        # paths exist on the server. A str that looks like a path gets a hint instead.
        if _looks_like_a_path(text):
            raise InputError(
                "the input is one short line that looks like a file path, not a report's text",
                source=label,
                hint="a str is read as the report's text; pass pathlib.Path(path) to clean a file",
            )
        return text, None, []
    if not raw.data.strip():
        raise empty
    declared = None
    if looks_like_html_bytes(raw.data, raw.suffix):
        from summarizer.preprocess import htmltext  # trafilatura: only HTML pays for it

        declared = htmltext.declared_charset(raw.data)
    decoded = decode_bytes(raw.data, declared)
    _check_is_text(raw.data, decoded.encoding, decoded.bad_bytes, len(decoded.text), label)
    repairs = []
    if decoded.bad_bytes:
        what = f"undecodable bytes replaced with U+FFFD (decoded as {decoded.encoding})"
        repairs.append(Repair(kind="decode", after="\ufffd", count=decoded.bad_bytes, note=what))
        warnings.append(f"{decoded.bad_bytes} {what}")
    if not decoded.text.strip():
        raise empty
    return decoded.text, decoded.encoding, repairs


def _check_is_chinese(text: str, label: str | None) -> None:
    """Refuse text without Chinese, or whose Chinese is mostly rare characters (wrong encoding)."""
    first = _HANZI_RUN.search(text)
    if first is None:
        raise InputError(
            "no Chinese text found in the input",
            source=label,
            hint="give a 法治政府建设年度报告 in Chinese (plain text or HTML); check the file is not binary",
        )
    # The uncommon hanzi are few and found in one pass; the hanzi are counted only as far as it
    # takes to see they are at least 20 and twice as many (all of them only in garbage).
    uncommon = uncommon_count("".join(_HANZI_RUN.findall(not_surely_common(text))))
    hanzi = 0
    for run in _HANZI_RUN.finditer(text, first.start()):
        hanzi += run.end() - run.start()
        if hanzi >= 20 and 2 * uncommon <= hanzi:
            return
    if hanzi >= 20 and 2 * uncommon > hanzi:
        # Real Chinese prose is >95% common characters; wrongly decoded or random bytes are not.
        raise InputError(
            "the text does not read as Chinese (mostly rare characters)",
            source=label,
            hint="the file may be binary or in an unsupported encoding; save it as UTF-8 text and retry",
        )


def _check_is_text(data: bytes, encoding: str, bad: int, n_chars: int, label: str | None) -> None:
    """Refuse binary files (NUL bytes outside UTF-16/32) and bytes that decode mostly to garbage."""
    hint = "give the report as text, HTML, PDF or Word (.docx/.doc/.wps)"
    if b"\x00" in data and not encoding.startswith("utf-16") and not encoding.startswith("utf-32"):
        raise InputError("this looks like a binary file, not text", source=label, hint=hint)
    if bad > max(8, n_chars // 5):
        raise InputError(
            f"{bad} bytes do not decode in any supported encoding (UTF-8/16, GB18030, Big5)",
            source=label,
            hint=hint,
        )


def _body_start(text: str, paragraphs: list[Paragraph]) -> int | None:
    """Where the first paragraph of report prose starts."""
    return next((p.start for p in paragraphs if chrome.is_body_line(text[p.start : p.end])), None)


def _find_span(text: str, title: str) -> tuple[int, int] | None:
    i = text.find(title)
    return (i, i + len(title)) if i >= 0 else None


__all__ = ["clean"]
