"""Rejoining hard-wrapped lines into paragraphs, as edits.

Text copied from a PDF, or a site's ``<pre>`` block, breaks lines every N
characters in the middle of sentences (``受案81\\n件``, ``區(qū\\n)``). Every later
step reads one paragraph per line, so such breaks are removed here, before the
mojibake and pinyin repairs that a break can cut in two.

Conservative by construction:

- *Detection*, per document: among the prose lines (with a comma or full
  stop), many of (nearly) the same length W - the wrap width - and (almost)
  none longer, and those full lines mostly end mid-sentence. W is measured in
  characters (mechanical wrapping, ``textwrap``, exact) or in display columns,
  a non-ASCII character counting two (PDF text, where digits and Latin
  letters are half as wide; within one character). A report with one
  paragraph per line has no such common width and is left alone, byte for byte.
- *Joining*, per line break: a full line that ends mid-sentence continues in
  the next line. A line that ends a sentence continues only when it is exactly
  full and the document's own paragraph marks (blank lines, indents) say so.
  Never joined: a break before a heading or unit marker (``一、`` ``（一）``
  ``1.`` ``一是`` ``第一，``) unless a full line ends inside a word there (``和平统|一、推进``), after a complete title or before a title line,
  around a date line or a signature, or where the next line is indented in a
  document that indents its paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from summarizer.preprocess.chrome import is_title_line
from summarizer.preprocess.dates import DATE
from summarizer.preprocess.edits import Edit, apply_edits
from summarizer.preprocess.t2s import to_simplified

# Blanks as ``str.strip`` takes them (spaces, tabs, NBSP, full-width and typographic spaces).
_BLANKS = " \t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_BLANK_SET = frozenset(_BLANKS)
_MIN_LINES = 6  # full prose lines needed before a document is taken for wrapped
_MIN_WIDTH = 16  # characters; narrower "wraps" are lists and poems
_MAX_WIDTH = 150  # characters or columns; no PDF or <pre> line is wider
_MIN_FULL_SHARE = 0.4  # of the prose lines at least half as wide
_MAX_LONGER_SHARE = 0.1  # prose lines longer than the width: wrapped text has (almost) none
_MIN_OPEN_SHARE = 0.5  # full lines ending mid-sentence
_STYLE_SHARE = 0.6  # paragraph ends followed by a blank line / starts indented
_PREFER_CHARS = 0.75  # full lines by characters vs by columns
# ASCII "?" is left out: in damaged text it marks a lost byte more often than a question.
_SENTENCE_FINAL = frozenset("。！？；：!;:")
_CLOSERS = "”’」』\"'"
_PUNCT = re.compile(r"[，。、；：！？,;:!?]")
_PROSE = re.compile(r"[，。；、,;]")  # a line of prose (chrome has fields and widgets, not these)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A heading or unit marker at the start of a line.
_UNIT_START = re.compile(
    r"[一二三四五六七八九十]{1,3}[、是]"
    r"|[（(][一二三四五六七八九十\d〓]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}[)）]"
    r"|\d{1,2}[.．、](?![\d.．%％])"
    r"|第[一二三四五六七八九十]{1,3}(?:[，,、：:]|部分|章|节)"
    r"|[①-⑳]"
)
_HEADING_START = re.compile(
    r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d〓]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分"
)
_DATE_LINE = re.compile(rf"[(（]?(?:{DATE.pattern})[)）]?")
_ENDS_WITH_DATE = re.compile(rf"(?:{DATE.pattern})[)）]?$")
_HYPHEN_BREAK = re.compile(r"[0-9A-Za-z]-$")
_WORD_START = re.compile(r"[0-9A-Za-z]")
_TITLE_WORD = re.compile(r"报告|報告|总结|總結|情况|情況")
_TITLE_END = re.compile(r"(?:报告|总结)(?:[（(][^（()）]{1,10}[）)])?$")


@dataclass(frozen=True)
class Wrap:
    """A hard-wrapped document's layout, as detected."""

    width: int  # W, in the unit of ``columns``
    columns: bool  # True: display columns (CJK = 2); False: characters
    blank_style: bool  # paragraphs are separated by blank lines
    indent_style: bool  # paragraphs start with an indent
    one_paragraph: bool = False  # no line of the body ends short: the body is one paragraph

    @property
    def slack(self) -> int:
        """How far from W a full line may be (columns: one character)."""
        return _slack(self.columns)

    @property
    def loose(self) -> int:
        """How much shorter than W a line ending mid-sentence may be and still continue."""
        return _loose(self.width, self.columns)


def _slack(columns: bool) -> int:
    return 2 if columns else 0


def _loose(width: int, columns: bool) -> int:
    return max(4 if columns else 3, width // 8)


def measure(line: str, columns: bool) -> int:
    """Length of ``line`` without trailing blanks, in characters or display columns."""
    line = line.rstrip(_BLANKS)
    if not columns:
        return len(line)
    # Columns as Chinese text is laid out and GBK counts them: a non-ASCII character
    # (hanzi, full-width punctuation, “”) takes two, ASCII one - but an ASCII comma or
    # semicolon two as well (in Chinese text normalisation makes them full-width, and
    # cleaning clean text must measure the same; colons are also in times). Fast: C.
    return 2 * len(line) - len(line.encode("ascii", "ignore")) + line.count(",") + line.count(";")


def _ends_sentence(content: str) -> bool:
    return content.rstrip(_CLOSERS)[-1:] in _SENTENCE_FINAL


def detect_wrap(lines: list[str]) -> Wrap | None:
    """The layout of ``lines`` when they are hard-wrapped text, else None.

    Only prose lines (with a comma or full stop) are counted: cleaning drops
    chrome lines, and the verdict must not change when clean text is cleaned again.
    """
    contents = [line.strip(_BLANKS) for line in lines]
    prose = [line for line, c in zip(lines, contents, strict=True) if _PROSE.search(c)]
    if len(prose) < _MIN_LINES:
        return None
    # Quick exit for a normal report: its paragraphs are longer than any wrap width.
    beyond = sum(1 for c in contents if len(c) > _MAX_WIDTH and _PROSE.search(c))
    if beyond > max(1, _MAX_LONGER_SHARE * len(prose)):
        return None
    by_chars = _width(prose, columns=False)
    by_columns = _width(prose, columns=True)
    # An exact character count is the stronger sign: the column window is five wide.
    if by_chars and (by_columns is None or by_chars[0] >= _PREFER_CHARS * by_columns[0]):
        width, columns = by_chars[1], False
    elif by_columns:
        width, columns = by_columns[1], True
    else:
        return None
    slack = _slack(columns)
    full = [line for line in prose if width - slack <= measure(line, columns) <= width + slack]
    if sum(1 for line in full if not _ends_sentence(line.rstrip(_BLANKS))) < _MIN_OPEN_SHARE * len(
        full
    ):
        return None
    # The document's own paragraph marks, read where a paragraph surely ends: a short line.
    loose = _loose(width, columns)
    ends = [
        i for i, c in enumerate(contents[:-1]) if c and measure(lines[i], columns) < width - loose
    ]
    starts = [i + 1 for i in ends if contents[i + 1]]
    blank_after = sum(1 for i in ends if not contents[i + 1])
    indented = sum(1 for i in starts if lines[i][:1] in _BLANK_SET)
    # A report written as one paragraph (a web page's text run together, then printed to PDF):
    # between its first sentence and its last full line no line ends short, nor a little short
    # after a full stop, so every break in it, after a full stop too, is the wrap's (title lines
    # above it and a signature below are short; a line a number did not fit on ends mid-sentence).
    first_sentence = next((i for i, c in enumerate(contents) if _SENTENCE_FINAL & set(c)), len(contents))
    last_full = max((i for i, line in enumerate(lines) if measure(line, columns) >= width - loose), default=-1)
    slack = _slack(columns)
    breaks = ends + [i for i in range(first_sentence, last_full) if not contents[i] or (
        measure(lines[i], columns) < width - slack and _ends_sentence(contents[i]))]
    return Wrap(
        width=width,
        columns=columns,
        blank_style=len(ends) >= 3 and blank_after >= _STYLE_SHARE * len(ends),
        indent_style=len(starts) >= 3 and indented >= _STYLE_SHARE * len(starts),
        one_paragraph=last_full - first_sentence >= _MIN_LINES
        and not any(first_sentence <= i < last_full for i in breaks),
    )


def _width(prose: list[str], *, columns: bool) -> tuple[int, int] | None:
    """(number of full lines, width) of the commonest width of prose lines, when they
    have one: many lines that wide, (almost) none wider, among the lines half as wide or more.

    A line is full by its length with the indent (the wrap counted it); wider and half
    as wide go by its content, which stays the same when cleaning drops the indent."""
    counts: Counter[int] = Counter()
    content: Counter[int] = Counter()
    for line in prose:
        length = measure(line, columns)
        counts[length] += 1
        indent = len(line) - len(line.lstrip(_BLANKS))
        content[length - measure(line[:indent], columns) if indent else length] += 1
    slack = _slack(columns)
    min_width = 2 * _MIN_WIDTH if columns else _MIN_WIDTH
    best_full, best_width = 0, 0
    for width in counts:
        if not min_width <= width <= _MAX_WIDTH:
            continue
        full = sum(counts.get(width + d, 0) for d in range(-slack, slack + 1))
        if full > best_full or (full == best_full and width > best_width):
            best_full, best_width = full, width
    if best_full < _MIN_LINES:
        return None
    wide = sum(c for w, c in content.items() if w >= best_width / 2)
    longer = sum(c for w, c in content.items() if w > best_width + slack)
    if best_full < _MIN_FULL_SHARE * wide or longer > max(1, _MAX_LONGER_SHARE * wide):
        return None
    return best_full, best_width


def unwrap_edits(text: str) -> list[Edit]:
    """Edits joining the lines of a hard-wrapped text that continue a paragraph."""
    if text.count("\n") < _MIN_LINES:
        return []
    lines = text.split("\n")
    wrap = detect_wrap(lines)
    if wrap is None:
        return []
    # Titles stand before the first sentence; below it a "title-like" line is a fragment.
    head_end = next((i for i, line in enumerate(lines) if "。" in line), len(lines))
    edits = []
    pos = 0
    note = f"hard-wrapped lines joined (width {wrap.width} {'columns' if wrap.columns else 'characters'})"
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        pos += len(line) + 1  # the start of ``nxt``
        after = lines[i + 2] if i + 2 < len(lines) else ""
        sep = _join(line, nxt, after, wrap, in_head=i < head_end)
        if sep is None:
            continue
        a_end = pos - 1 - (len(line) - len(line.rstrip(_BLANKS)))
        b_start = pos + (len(nxt) - len(nxt.lstrip(_BLANKS)))
        edits.append(Edit(a_end, b_start, sep, kind="unwrap", note=note))
    return edits


def _join(line: str, nxt: str, after: str, wrap: Wrap, *, in_head: bool) -> str | None:
    """What replaces the break between ``line`` and ``nxt`` ("" or " "), or None to keep it."""
    a = line.strip(_BLANKS)
    b = nxt.strip(_BLANKS)
    if not a or not b or (wrap.indent_style and nxt[:1] in _BLANK_SET):
        return None
    sep = _continues(line, a, b, wrap)
    if sep is None or (_starts_unit(b) and not _cut_word(line, a, b, wrap)) or _is_date_line(a) or _is_date_line(b):
        return None
    if wrap.columns and measure(line, True) < wrap.width - 1 and _is_heading_line(a):
        return None  # a heading a little short of the width: it ends there
    if _ENDS_WITH_DATE.search(b) or (_is_date_line(after.strip(_BLANKS)) and not _PUNCT.search(b)):
        return None  # a signature line
    if in_head and (_TITLE_WORD.search(a) or _TITLE_WORD.search(b)) and _breaks_title(a, b):
        return None
    return " " if line[-1:] in _BLANK_SET else sep  # the wrap kept the blank it broke at


def _continues(line: str, a: str, b: str, wrap: Wrap) -> str | None:
    """How ``a`` (a line's content) runs on into ``b`` by its length and ending, or None."""
    length = measure(line, wrap.columns)  # with its indent: the wrap counted it
    # A blank between Latin and Chinese (公证案件 2552 件) is narrower in print than the column
    # it counts for, so a PDF line holding several measures a little wider than its width; so
    # is an ASCII comma or semicolon, which ``measure`` counts as the full-width mark it becomes
    # (核,2022年以来,…78件;: a PDF of a report typed with ASCII punctuation).
    narrow = a.count(" ") + a.count(",") + a.count(";") if wrap.columns else 0
    if measure(a, wrap.columns) > wrap.width + wrap.slack + narrow:
        return None  # a line the wrapping left alone
    strictly_full = length >= wrap.width - wrap.slack
    if _ends_sentence(a):
        # Short line after a sentence: a paragraph end. A full one continues only
        # where the document marks its paragraphs (blank lines, indents) and this
        # break is not marked.
        return "" if strictly_full and (wrap.blank_style or wrap.indent_style or wrap.one_paragraph) else None
    if strictly_full or _HYPHEN_BREAK.search(a) and _WORD_START.match(b):
        return ""  # (a wrap may also break after the hyphen of 2021-2025)
    if length < wrap.width - wrap.loose or (_UNIT_START.match(a) and not _PUNCT.search(a)):
        return None  # too short, or a heading line that may simply be a little short
    if wrap.columns:
        return ""  # PDF lines end a little short when the next word or number does not fit
    # Wrapped by characters, a line ends early only at a blank: the next chunk did not fit.
    chunk = b.split(None, 1)[0]
    has_blank = " " in a or len(chunk) < len(b)
    return " " if has_blank and len(chunk) < wrap.width < length + 1 + len(chunk) else None


def _cut_word(line: str, a: str, b: str, wrap: Wrap) -> bool:
    """A full line cut between two Chinese characters (…促进祖国和平统|一、推进中外人文交流…): the
    next line continues the sentence though it opens like a heading (一、 一是), for a heading
    follows a sentence end or a heading, never a word cut in two."""
    return (measure(line, wrap.columns) >= wrap.width - wrap.slack
            and _HAN.match(a[-1]) is not None and _HAN.match(b[0]) is not None)


def _starts_unit(b: str) -> bool:
    """True when line content ``b`` starts with a heading or unit marker."""
    return _UNIT_START.match(b) is not None or _UNIT_START.match(_revealed(b)) is not None


def _is_heading_line(a: str) -> bool:
    """True when line content ``a`` is a numbered heading with no punctuation (yet)."""
    a = _revealed(a) or a
    return _HEADING_START.match(a) is not None and not _PUNCT.search(a)


def _revealed(content: str) -> str:
    """A line starting with GBK step mojibake as it reads repaired (``?。ㄒ唬…`` is
    ``（一）…`` read one byte out of step), else ""."""
    if content[:1] != "?":
        return ""
    from summarizer.preprocess import mojibake  # only text with a '?' pays for its tables

    fixes, _ = mojibake.mojibake_edits(content)
    return apply_edits(content, fixes)[0].lstrip(_BLANKS) if fixes else ""


def _is_date_line(content: str) -> bool:
    return bool(content) and len(content) <= 20 and _DATE_LINE.fullmatch(content) is not None


def _breaks_title(a: str, b: str) -> bool:
    """True when ``a`` is a complete title, or ``b`` a title line that ``a`` does not begin."""
    a_s, b_s = to_simplified(a), to_simplified(b)
    if is_title_line(a_s):
        return bool(_TITLE_END.search(a_s)) or not is_title_line(a_s + b_s)
    return is_title_line(b_s)


# A unit marker on a line of its own (一是 / 是 / 二), as corpora leave a bold 一是 that was
# set apart from its unit: the marker belongs at the start of the next line.
_MARKER_LINE = re.compile(r"[一二三四五六七八九十]{0,3}是|[一二三四五六七八九十]{1,3}")
_LONE_NUMERAL_END = re.compile(r"(?<=[。；;：:！？])[ \u3000]*[一二三四五六七八九十]{1,3}$")


def marker_line_edits(text: str) -> list[Edit]:
    """Edits joining an enumeration marker split over lines back onto its unit:
    ``…全过程。一`` / ``是`` / ``强化政治引领。`` becomes ``…全过程。一是强化政治引领。``."""
    if "是\n" not in text:
        return []
    lines = text.split("\n")
    edits = []
    pos = 0
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        pos += len(line) + 1  # the start of ``nxt``
        bare = line.strip(_BLANKS)
        if not bare or not nxt.strip(_BLANKS):
            continue
        marker_only = _MARKER_LINE.fullmatch(bare) is not None and (
            bare.endswith("是") or nxt.strip(_BLANKS).startswith("是")
        )
        numeral_before_shi = _LONE_NUMERAL_END.search(line) is not None and nxt.strip(
            _BLANKS
        ).startswith("是")
        if marker_only or numeral_before_shi:
            a_end = pos - 1 - (len(line) - len(line.rstrip(_BLANKS)))
            b_start = pos + (len(nxt) - len(nxt.lstrip(_BLANKS)))
            edits.append(Edit(a_end, b_start, "", kind="unwrap",
                              note="an enumeration marker on a line of its own joined to its unit"))
    return edits


# --- Paragraphs still wrapped after cleaning -------------------------------------------
# ``unwrap_edits`` above joins what it can prove wrapped and changes the text. Paragraph
# segmentation (``preprocess.paragraphs``, once per document) asks once more, on the clean text's
# lines (without changing the text): most lines of about the same width (PDF extraction, <br>
# every line), most of them prose, and none longer mean a full line that does not end a sentence
# continues in the next, unless that line opens a unit. Both tests of wrapping live here, so the
# thresholds are stated once, side by side.
_JOIN_MIN_WIDTH = 16
_JOIN_MIN_SHARE = 0.5
_JOIN_MIN_LINES = 8
_JOIN_MAX_LONGER = 0.1
_JOIN_MIN_PROSE = 0.5  # of the lines that wide: wrapped prose holds commas and stops, headings none
_JOIN_LINE_END = "。！？!?：:；;"


def wrapped_width(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The common width of the lines of ``text`` given as (start, end), or None when they vary
    freely or are not prose (a list of headings that happen to share a length)."""
    lengths = [e - s for s, e in spans]
    if len(lengths) < _JOIN_MIN_LINES:
        return None
    per_length = Counter(lengths)
    get = per_length.get
    best, best_count = None, 0
    for width in set(lengths):
        if width < _JOIN_MIN_WIDTH:
            continue
        # The lines of width - 2 … width + 1, added up without a generator (one width per line).
        count = get(width - 2, 0) + get(width - 1, 0) + per_length[width] + get(width + 1, 0)
        if count > best_count:
            best, best_count = width, count
    if best is None or best_count < _JOIN_MIN_SHARE * len(lengths):
        return None
    # Wrapped text has (almost) no line longer than its width; a normal report whose
    # headings happen to share a length has body paragraphs far longer than them.
    longer = sum(1 for n in lengths if n > best + 1)
    if longer > _JOIN_MAX_LONGER * len(lengths):
        return None
    # As ``detect_wrap`` counts only prose lines: the full lines of wrapped prose hold a comma
    # or a stop, a list of headings (the genre writes them without) holds none.
    full = [(s, e) for s, e in spans if best - 2 <= e - s < best + 2]
    prose = sum(1 for s, e in full if _PROSE.search(text, s, e))
    return best if prose >= _JOIN_MIN_PROSE * len(full) else None


def join_wrapped_lines(
    text: str, spans: list[tuple[int, int]], starts_unit: Callable[[str, int, int], bool]
) -> list[tuple[int, int]]:
    """Lines (start, end) of a hard-wrapped text joined back into paragraphs (offsets into
    ``text`` unchanged); ``starts_unit(text, start, end)`` says a line opens a heading or unit
    (the section parser's own markers), which is never joined to the line before."""
    width = wrapped_width(text, spans)
    if width is None:
        return spans
    merged = [spans[0]]
    last_line = spans[0]
    for start, end in spans[1:]:
        line_start, line_end = last_line
        full = line_end - line_start >= width - 2
        if full and text[line_end - 1] not in _JOIN_LINE_END and not starts_unit(text, start, end):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
        last_line = (start, end)
    return merged
