"""Finding full dates (year, month and day) in text."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator

from summarizer.preprocess.document import DateSeen, Paragraph

# 2023-03-01, 2023/3/1, 2023.03.01, 2023年3月1日 (digits ASCII or full-width).
# The century comes first and the look back (no digit before it) after, so the engine
# skips to a 1 or a 2 in C.
_DATE = (
    r"(?P<y>(?:19|20)(?<![0-9０-９]..)[0-9]{2})\s*(?:(?P<sep>[-/.])|年)\s*(?P<m>[0-9]{1,2})\s*"
    r"(?(sep)(?P=sep)|月)\s*(?P<d>[0-9]{1,2})(?(sep)|\s*日)(?![0-9])"
)
DATE = re.compile(_DATE)
# The same within one line: the whole clean text is searched at once, each line on its own.
_LINE_DATE = re.compile(_DATE.replace(r"\s", r"[^\S\n]"))
_SENTENCE = re.compile(r"[。，；！？]")
# A site's "today is ..." banner states the current date, not the report's.
TODAY = re.compile(r"今天是|今日是|今天|当前日期|星期[一二三四五六日天]|周[一二三四五六日]")


def iter_dates(line: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each valid date in ``line`` with its ISO form."""
    for m in DATE.finditer(line):
        try:
            d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        yield m, d.isoformat()


def line_dates(line: str, context: str) -> list[DateSeen]:
    """Dates in a removed line; a 'today is' banner's dates get context ``chrome``."""
    ctx = "chrome" if TODAY.search(line) else context
    return [DateSeen(date=iso, raw=m.group(), context=ctx) for m, iso in iter_dates(line)]


def body_dates(text: str, paragraphs: list[Paragraph], body_start: int | None = None) -> list[DateSeen]:
    """Dates in the clean text: a short dated line among the last lines is the ``closing``
    signature date, one above ``body_start`` (under the title) is a ``header`` date, the rest ``body``."""
    out = []
    closing_from = _closing_start(text, paragraphs, body_start or 0)
    last = paragraphs[-1] if paragraphs else None
    starts = [p.start for p in paragraphs]
    for m in _LINE_DATE.finditer(text):
        try:
            iso = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
        except ValueError:
            continue
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or m.end() > paragraphs[i].end:
            continue  # (not in a paragraph: a text whose lines are not its paragraphs)
        p = paragraphs[i]
        para = text[p.start : p.end]
        start = m.start()
        if (closing_from is not None and p.start >= closing_from) or (
            p is last and _GLUED_CLOSING.search(para[: m.end() - p.start])
            and m.end() - p.start == len(para.rstrip())
        ):
            ctx = "closing"
        elif body_start is not None and p.end <= body_start and _is_date_line(para):
            ctx = "header"
        else:
            ctx = "body"
        out.append(DateSeen(date=iso, raw=m.group(), context=ctx, start=start, end=m.end()))
    return out


# A page whose line breaks were lost ends "…保障。2025年2月21日" or "…发展。 某某局2023年3月30日":
# a date after the last sentence, perhaps behind the signature, is the closing date.
_GLUED_CLOSING = re.compile(r"[。！？]\s*[^。，；！？,;]{0,30}?" + DATE.pattern + r"$")


def _is_date_line(para: str) -> bool:
    """A short line that is (or ends with) a date, e.g. ``（2024年3月1日）``."""
    para = para.strip().strip("（）()")
    m = DATE.search(para)
    return m is not None and m.end() == len(para) and len(para) <= 40 and not _SENTENCE.search(para)


def _closing_start(text: str, paragraphs: list[Paragraph], body_start: int) -> int | None:
    """Start of the closing block: among the last three paragraphs, a short line that
    ends with a date and has no sentence in it (``2025年2月21日``, ``某某县人民政府 2024年3月1日``)."""
    for p in paragraphs[-3:]:
        if p.start > body_start and _is_date_line(text[p.start : p.end]):
            return p.start
    return None
