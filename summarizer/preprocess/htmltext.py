"""Main text of a government web page, with paragraph breaks kept.

trafilatura (a maintained main-content extractor) drops scripts, styles,
menus, footers and link lists and keeps one paragraph per line; it runs with
``favor_recall`` because cutting report text is worse than leaving chrome,
which ``chrome.find_report`` removes afterwards. When trafilatura finds nothing
(tiny or odd pages) the page's visible text is taken with lxml instead.
"""

from __future__ import annotations

import html
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from summarizer.preprocess.chrome import is_title_line
from summarizer.preprocess.dates import DATE, line_dates
from summarizer.preprocess.document import DateSeen

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "select", "button", "title")
_HEAD_LINES = 12  # lines above the main text searched for the title and date line
_SPACES = re.compile(r"\s+")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_META_NAME = re.compile(r"""(?:name|property)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_META_CONTENT = re.compile(r"""content\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_DATE_METAS = ("pubdate", "publishdate", "article:published_time", "firstpublishedtime")
_TITLE_SPLIT = re.compile(r"\s*[_|｜–—-]\s*")
_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "section", "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "center",
}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its ``<meta>``, if any."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    # Pages declaring gb2312/gbk are usually really GBK or GB18030 (a superset).
    return "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name


def html_to_text(page: str) -> str:
    """The page's main text, one paragraph per line, with its title and header lines.

    trafilatura finds the main text but often leaves out the ``<h1>`` title and
    the date line above it, and sometimes the closing date below; those are
    taken back from the page's visible text around the main text (the chrome
    step removes what is furniture and keeps the dates as hints).
    """
    main = _main_text(page)
    full = _lines(visible_text(page))
    if not main:
        return "\n".join(full)
    main_lines = _lines(main)
    keys = [_key(line) for line in full]
    try:
        a = keys.index(_key(main_lines[0]))
        b = len(keys) - 1 - keys[::-1].index(_key(main_lines[-1]))
    except ValueError:
        a = b = -1
    head = full[max(0, a - _HEAD_LINES) : a] if a >= 0 else []
    titled = [i for i, line in enumerate(head) if is_title_line(line)]
    if titled:
        head = head[titled[-1] :]
    else:
        head = [line for line in head if DATE.search(line)]
        page_title = _page_title(page)
        if page_title and not is_title_line(main_lines[0]):
            head = [page_title, *head]
    tail: list[str] = []
    if b >= a >= 0:
        after = full[b + 1 : b + 4]
        dated = [i for i, line in enumerate(after) if DATE.fullmatch(line)]
        if dated:
            tail = after[: dated[0] + 1]
    return "\n".join([*head, *main_lines, *tail])


def _main_text(page: str) -> str | None:
    try:
        text = trafilatura.extract(
            page,
            favor_recall=True,
            include_tables=True,
            include_comments=False,
            include_links=False,
            include_images=False,
            deduplicate=False,
            # Without its fallback extractors: jusText's neighbour search is quadratic in the
            # number of short blocks, so a page of many small tags took minutes at 1 MB.
            fast=True,
        )
    except Exception:  # noqa: BLE001 - a parser failure on odd markup must not reach the user
        return None
    return text if text and text.strip() else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _key(line: str) -> str:
    return _SPACES.sub("", line)


def _page_title(page: str) -> str | None:
    """The ``ArticleTitle`` meta tag, or the ``<title>`` without its site-name suffix,
    when it reads like a report title."""
    meta = _meta(page)
    if meta.get("articletitle") and is_title_line(meta["articletitle"]):
        return meta["articletitle"]
    m = _TITLE_TAG.search(page)
    if not m:
        return None
    first = _TITLE_SPLIT.split(html.unescape(m.group(1)).strip())[0].strip()
    return first if is_title_line(first) else None


def _meta(page: str) -> dict[str, str]:
    """``<meta name=… content=…>`` of the page head, names lower-cased."""
    end = page.find("</head>")
    if end < 0:
        end = page.find("</HEAD>")
    head = page[: end if end >= 0 else 20000][:20000]
    out: dict[str, str] = {}
    for tag in _META_TAG.findall(head):
        name = _META_NAME.search(tag)
        content = _META_CONTENT.search(tag)
        if name and content:
            out.setdefault(name.group(1).lower(), html.unescape(content.group(1)).strip())
    return out


def page_dates(page: str) -> list[DateSeen]:
    """Published dates a page states in its head: the ``PubDate`` meta tag that Chinese
    government sites carry (and ``publishdate``/``article:published_time``), as ``header`` dates."""
    meta = _meta(page)
    out = []
    for key in _DATE_METAS:
        if key in meta:
            out.extend(line_dates(meta[key], "header"))
    return out[:1]


def visible_text(page: str) -> str:
    """All visible text of the page (lxml), a line break around each block element."""
    try:
        root = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", "\n", page)
    parts: list[str] = []
    skipping = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        hidden = tag in _DROP_TAGS or not tag
        if event == "start":
            if hidden:
                skipping += 1
            elif not skipping:
                if tag in _BLOCK_TAGS:
                    parts.append("\n")
                parts.append(el.text or "")
            continue
        if hidden:
            skipping -= 1
        elif not skipping and tag in _BLOCK_TAGS:
            parts.append("\n")
        if not skipping:
            parts.append(el.tail or "")
    return "".join(parts)
