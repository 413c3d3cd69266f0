"""Finding where the report starts and ends among a web page's chrome.

Works on normalised text (one paragraph per line). Lines are recognised, not
looked up: a *chrome line* is made only of page furniture - metadata fields
(``日期：… 来源：… 浏览量：…``), widgets (font size, print, share, close, back,
QR prompts, ``相关附件``) and breadcrumbs (``您现在的位置：首页 > …``).

- Start: the title line (``…年…报告`` without sentence punctuation, before
  the first body paragraph) when there is one; everything before it goes (site
  names, menus, banners). Between title and body only chrome lines go. Without
  a title, chrome lines and menu-like lines before the first body paragraph go.
- End: after the last body paragraph (a long sentence ending in ``。``), the
  first chrome line and everything after it go; signature lines and dates
  before that stay.
- Archive and scraper headers: corpora and crawlers put a record of the page
  before the text (``标题: …``, ``发布时间: …``, ``原文链接: …``) and often a
  rule such as ``==== 正文 ====`` after it. Such a record goes whole; its
  ``标题`` is the title when the text itself has no title line, and its dates
  are header dates.
- Inline chrome: a page whose line breaks were lost has its furniture on the
  same line as the report (``当前位置：首页… 索 引 号：… 微信 微博 QQ空间 …
  相关链接： 2022年，在…``); the run of furniture tokens before the first
  sentence, and after the last one, goes.

Report text is never removed: a line with a real sentence is never chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.preprocess.dates import line_dates
from summarizer.preprocess.document import DateSeen
from summarizer.preprocess.edits import Edit

_FIELD_NAMES = (
    "发布日期|发布时间|成文日期|更新时间|日期|时间|信息来源|文章来源|稿件来源|来源|"
    "浏览量|浏览次数|浏览|访问量|访问次数|阅读量|阅读次数|阅读|点击数|点击量|点击率|点击|"
    "作者|责任编辑|编辑|审核|发布机构|发布单位|发布者|发布人|发文机关|文字大小|字体大小|字体|字号|"
    "索引号|主题分类|组配分类|体裁分类|服务对象分类|分类|发文字号|文号|生成日期|公开日期|公开方式|公开范围|"
    "公开时限|有效性|主题词|关键词|所属机构|名称|标题|"
    "主办单位|承办单位|主办|承办|网站标识码|备案号|联系电话|电话|地址|邮编"
)
# A field name of a page's record with its colon (发文字号：, 发布日期：): a line holding one is
# the page's furniture, never the report's title.
RECORD_FIELD = re.compile(rf"(?:{_FIELD_NAMES})\s*[:：]")
# A field with its value (up to the next blank), e.g. "来源：阜蒙县司法局".
_FIELD = rf"(?:{_FIELD_NAMES})\s*[:：]\s*(?:[^\s:：]*(?=\s|$)|[^\s]*?(?=(?:{_FIELD_NAMES})\s*[:：]))"
_WIDGET = (
    r"打印本页|打印此页|打印文章|打印|分享到|分享|关闭本页|关闭窗口|关闭|返回列表|返回首页|返回顶部|返回|"
    r"收藏本页|收藏|加入收藏|纠错|我要纠错|默认|扫一扫在手机打开当前页|扫一扫在手机上查看当前页面|"
    r"扫一扫在手机上打开当前页|扫一扫|用手机扫描二维码|手机扫描二维码|手机版|二维码|相关附件|附件下载|"
    r"相关链接|相关文章|相关新闻|上一篇|下一篇|字体[:：]?|字号[:：]?|微信|微博|QQ空间|"
    r"今天是|今日是|星期[一二三四五六日天]|农历\S*|"
    r"(?<![\u4e00-\u9fff])[大中小](?![\u4e00-\u9fff])|【|】|\[|\]|[|｜·•/>＞»›\-—_:：,，()（）]"
)
_DATEISH = r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}:\d{2}(?::\d{2})?|\d+"
_CHROME_TOKENS = re.compile(rf"(?:\s|{_FIELD}|{_WIDGET}|{_DATEISH})+")
_CHROME_WORD = re.compile(
    rf"{_FIELD}|打印|分享|关闭|返回|收藏|纠错|扫一扫|二维码|相关附件|附件下载|上一篇|下一篇|字体|字号|今天是|今日是"
)
_BREADCRUMB = re.compile(
    r"^(?:您现在的位置|您当前的位置|您的位置|当前位置|所在位置|现在位置)\s*[:：]|首页\s*[>＞»›/]|(?:\S\s*[>＞»›]\s*){2,}"
)
# Links to other pages and footers: the line is furniture whatever follows.
_NAV_LINE = re.compile(
    r"^[【\[]?(?:上一篇|下一篇|上一条|下一条|相关文章|相关链接|相关阅读|相关新闻|相关稿件|版权所有|"
    r"Copyright|©|主办单位|承办单位|网站标识码|技术支持|网站地图|联系我们)|ICP备|公网安备",
    re.IGNORECASE,
)
_TITLE = re.compile(r"报告|总结|情况")
_TITLE_TOPIC = re.compile(r"(?:19|20)\d{2}|年度|法治|依法")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
_SENTENCE_PUNCT = re.compile(r"[。，；！？：,;!?:]")
_BODY_MIN_CHARS = 30
_CHROME_MAX_CHARS = 300  # furniture lines are short; also bounds the regex work per line
_SPACES = re.compile(r"\s+")


# A scraper's or archive's record of the page: "标题: …", "发布时间: …", "原文链接: …".
_RECORD_FIELD = re.compile(r"^\s*[\u4e00-\u9fff][\u4e00-\u9fff ]{0,7}\s*[:：]")
_RECORD_TITLE = re.compile(r"^\s*标\s*题\s*[:：]\s*(?P<title>.+?)\s*$")
# The rule an archive draws between its record and the text: "==== 正文 ====", "-----".
_RECORD_RULE = re.compile(r"^\s*[=\-─━*#~]{3,}\s*(?:正文|内容|全文|原文|正 文)?\s*[=\-─━*#~]*\s*$")
_RECORD_MAX_LINES = 20
# Inline furniture: tokens without sentence punctuation before the first sentence of a line.
_INLINE_TOKEN_MAX = 60
_INLINE_SENTENCE = re.compile(r"[。，；！？]")
# The subject of a report's opening sentence: who the report speaks for
# (2022年，环市街在区委…领导下 / 2021年以来，清远市司法局坚持…).
OPENING_SUBJECT = re.compile(
    r"^(?:(?:19|20)\d\d年(?:以来|度)?[，,])?(?:在[^。]{0,60}?下[，,]){0,3}"
    r"(?P<name>[\u4e00-\u9fff]{2,24}?)(?=在|坚持|深入|全面|认真|紧紧|始终|按照|围绕|聚焦|继续|扎实|积极|进一步|以习近平)"
)
# A title glued to page furniture on a line whose breaks were lost: …年…报告/总结/情况.
_GLUED_TITLE = re.compile(
    r"(?:19|20)\d\d年度?[\u4e00-\u9fff（）()]{2,40}(?:报告|总结|情况)"
)
_UNIT_SUFFIX = "省市县区州盟旗"
_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _unit_before(token: str, end: int) -> int | None:
    """Where the shortest place name ending right before ``end`` starts (鹤山市), if any."""
    if end < 3 or token[end - 1] not in _UNIT_SUFFIX:
        return None
    for n in range(2, 7):
        start = end - 1 - n
        if start < 0 or not _HANZI_RUN.fullmatch(token[start:end]):
            return None
        if not token[start:end].startswith("自治"):
            return start
    return None


@dataclass
class Found:
    """Where the report is: edits removing the chrome, the title, dates from removed lines."""

    edits: list[Edit] = field(default_factory=list)
    title: str | None = None
    header_dates: list[DateSeen] = field(default_factory=list)


def is_chrome_line(line: str) -> bool:
    """True when ``line`` is only page furniture (fields, widgets, breadcrumb, page links, footer)."""
    if len(line) > _CHROME_MAX_CHARS:
        return False
    if (_BREADCRUMB.search(line) or _NAV_LINE.search(line)) and "。" not in line:
        return True
    return bool(_CHROME_TOKENS.fullmatch(line)) and bool(_CHROME_WORD.search(line))


def is_body_line(line: str) -> bool:
    """A paragraph of report prose: long, with a sentence in it."""
    return len(line) >= _BODY_MIN_CHARS and ("。" in line or "，" in line)


def is_title_line(line: str) -> bool:
    """A report title: ``…年…报告`` style, short, no sentence punctuation."""
    return (
        6 <= len(line) <= 80
        and bool(_TITLE.search(line))
        and bool(_TITLE_TOPIC.search(line))
        and not _SENTENCE_PUNCT.search(line)
        and not _NUMBERED_HEADING.match(line)
        and not is_chrome_line(line)
    )


# The year these titles name (2023年 / 2023年度), not a date (2024年3月28日, a page's own line).
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}年(?!\d{1,2}月)")


def _continues_title(previous: str, title: str) -> bool:
    """True when ``previous`` is the first half of ``title``: a long title set on two lines, as
    PDFs and centred headings break it. Either the issuer and 关于 were split off, or the
    break fell after the year the title names (某某县2023年法治 / 政府建设年度报告): the genre's
    titles name their year before the topic, so a title line without it under a line with it
    is the rest of one title, while a site's name or a date line above a title is not."""
    return (
        len(previous) <= 40
        and not _SENTENCE_PUNCT.search(previous)
        and not is_chrome_line(previous)
        and (
            previous.endswith("关于")
            or title.startswith("关于")
            or (
                bool(_TITLE_YEAR.search(previous))
                and not _TITLE_YEAR.search(title)
                and not _TITLE.search(previous)
                and not any(ch.isspace() for ch in previous.strip())
            )
        )
    )


def _is_menu_line(line: str) -> bool:
    parts = line.split()
    # A line of single characters is one word set with letter spacing, as Word documents print a
    # title (政 府 工 作 报 告), not a menu of links (首页 新闻 政务公开).
    spaced = all(len(p) == 1 for p in parts)
    return len(parts) >= 3 and all(len(p) <= 8 for p in parts) and not spaced and not _SENTENCE_PUNCT.search(line)


def _title_index(lines: list[str], head_end: int, first: int = 0) -> int | None:
    """The title line: the first title-like line before the body, or its later repeat
    (pages often show the title in a metadata table or breadcrumb, then as the heading)."""
    candidates = [i for i in range(first, head_end) if is_title_line(lines[i])]
    if not candidates:
        return None
    title = _SPACES.sub("", lines[candidates[0]])
    repeats = [i for i in candidates[1:] if _SPACES.sub("", lines[i]) == title]
    return repeats[-1] if repeats else candidates[0]


def _record_end(lines: list[str]) -> int:
    """How many leading lines are an archive's or scraper's record of the page (0 if none).

    With a rule (``==== 正文 ====``) within the first lines, everything above it
    is the record; without one, the leading run of ``字段: 值`` lines when it
    holds a ``标题`` field."""
    head = lines[:_RECORD_MAX_LINES]
    rule = next((i for i, line in enumerate(head) if _RECORD_RULE.match(line)), None)
    if rule is not None and all(not is_body_line(line) for line in head[:rule]):
        return rule + 1
    n = 0
    while n < len(head) and (not head[n].strip() or _RECORD_FIELD.match(head[n])) and not (
        is_body_line(head[n]) and "。" in head[n]
    ):
        n += 1
    fields = [line for line in head[:n] if line.strip()]
    if len(fields) >= 2 and any(_RECORD_TITLE.match(line) for line in fields):
        return n
    return 0


def _record_title(lines: list[str]) -> str | None:
    for line in lines:
        m = _RECORD_TITLE.match(line)
        if m and 4 <= len(m.group("title")) <= 80 and "。" not in m.group("title"):
            return m.group("title")
    return None


def _tokens(line: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank characters (``\\S+``): split in C, then placed."""
    tokens, pos = [], 0
    for piece in line.split():  # (at what \s matches: the characters str.isspace holds)
        pos = line.find(piece, pos)  # only blanks lie between the last token and this one
        tokens.append((pos, pos + len(piece)))
        pos += len(piece)
    return tokens


def _inline_chrome(line: str) -> tuple[int, int, str | None]:
    """The report's own stretch of a line that also carries page furniture:
    (start, end, a title read from the furniture). (0, len(line), None) when none."""
    if len(line) <= _CHROME_MAX_CHARS:
        return 0, len(line), None
    tokens = _tokens(line)
    lead = 0
    while lead < len(tokens) and not _INLINE_SENTENCE.search(line[slice(*tokens[lead])]):
        if tokens[lead][1] - tokens[lead][0] > _INLINE_TOKEN_MAX:
            break
        lead += 1
    start, title = 0, None
    if 0 < lead < len(tokens):
        prefix = line[: tokens[lead][0]]
        fields = len(re.findall(_FIELD, _SPACES.sub("", prefix)))
        widgets = len(_CHROME_WORD.findall(prefix))
        if _BREADCRUMB.search(prefix) or fields >= 2 or widgets >= 3:
            start = tokens[lead][0]
            # The body's first token may still carry a field's label (文字大小：2022年，…).
            label = re.match(rf"(?:{_FIELD_NAMES})\s*[:：]\s*", line[start:])
            if label:
                start += label.end()
            body = line[start:]
            for i in range(lead):
                token = line[slice(*tokens[i])]
                glued = glued_title(token, body, i == 0)
                title = glued or (token if is_title_line(token) else None) or title
    tail = len(tokens)
    while tail > lead + 1 and not _INLINE_SENTENCE.search(line[slice(*tokens[tail - 1])]):
        if not _CHROME_WORD.search(line[slice(*tokens[tail - 1])]):
            break
        tail -= 1
    end = tokens[tail - 1][1] if tail < len(tokens) else len(line)
    return start, end, title


def glued_title(token: str, body: str, at_line_start: bool) -> str | None:
    """A report title inside a run of page furniture (镇街动态环市街2022年…年度报告字体：):
    it ends at 报告/总结/情况 and starts at the name the body's opening sentence speaks
    for, with the units above it (鹤山市宅梧镇), or at the line's start."""
    m = _GLUED_TITLE.search(token)
    if m is None:
        return None
    before = token[: m.start()]
    subject = OPENING_SUBJECT.match(body)
    name = subject.group("name") if subject else None
    if name and before.endswith(name):
        start = m.start() - len(name)
        for _ in range(2):  # 鹤山市 + 宅梧镇: the units above the one the body names
            unit = _unit_before(token, start)
            if unit is None:
                break
            start = unit
        return token[start : m.end()]
    if at_line_start and len(before) <= 20 and not _CHROME_WORD.search(before):
        return token[: m.end()]
    return None


def find_inline_chrome(text: str) -> Found:
    """Edits that remove page furniture sharing a line with the report (one-line pages),
    with a title and dates read from it. Run before ``find_report``."""
    found = Found()
    pos = 0
    for line in text.split("\n"):
        start, end, title = _inline_chrome(line)
        found.title = found.title or title
        if end < len(line):
            found.header_dates.extend(line_dates(line[end:], "chrome"))
            found.edits.append(Edit(pos + end, pos + len(line), "", kind="chrome", single=True,
                                    note="page furniture after the report on its line"))
        if start > 0:
            found.header_dates.extend(line_dates(line[:start], "header"))
            found.edits.append(Edit(pos, pos + start, "", kind="chrome", single=True,
                                    note="page furniture before the report on its line"))
        pos += len(line) + 1
    return found


def find_report(text: str) -> Found:
    """Edits that remove the chrome before and after the report, and the title."""
    lines = text.split("\n")
    record = _record_end(lines)
    found = _find_report(text, lines, record)
    # The record's 标题 is the page's own title field: the best title there is.
    found.title = (_record_title(lines[:record]) if record else None) or found.title
    return found


def _find_report(text: str, lines: list[str], record: int) -> Found:
    """Chrome lines before and after the report (the first ``record`` lines go whole)."""
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    n = len(lines)
    first_body = next((i for i in range(record, n) if is_body_line(lines[i])), None)
    head_end = first_body if first_body is not None else min(n, record + 30)
    title_at = _title_index(lines, head_end, record)

    drop: dict[int, tuple[str, str]] = {}  # line index -> (date context, why it went)
    for i in range(record):
        drop[i] = ("header", "an archive's or scraper's record of the page")
    if title_at is not None:
        for i in range(record, title_at):
            drop[i] = ("header", "before the title")
        for i in range(title_at + 1, head_end):
            if is_chrome_line(lines[i]):
                drop[i] = ("header", "page furniture between title and body")
    elif first_body is not None:
        for i in range(record, first_body):
            if is_chrome_line(lines[i]):
                drop[i] = ("header", "page furniture before the body")
            elif _is_menu_line(lines[i]):
                drop[i] = ("header", "menu before the body")
    if first_body is not None:
        last_body = next(i for i in range(n - 1, first_body - 1, -1) if is_body_line(lines[i]))  # from the end
        cut = next((i for i in range(last_body + 1, n) if is_chrome_line(lines[i])), None)
        if cut is not None:
            for i in range(cut, n):
                drop[i] = ("chrome", "after the end of the report")

    found = Found(title=lines[title_at] if title_at is not None else None)
    if title_at is not None and title_at > record and _continues_title(lines[title_at - 1], lines[title_at]):
        # "某某市人民政府关于" + "2022年度…的报告": one title broken over two lines.
        drop.pop(title_at - 1, None)
        found.title = lines[title_at - 1] + lines[title_at]
        join_at = starts[title_at] - 1
        found.edits.append(Edit(join_at, join_at + 1, "", kind="whitespace", note="title broken over two lines joined"))
    # Each line goes with one adjoining line break: its own, or for a run of
    # lines reaching the end of the text, the one before it.
    tail_from = n
    while tail_from > 0 and (tail_from - 1) in drop:
        tail_from -= 1
    for i in sorted(drop):
        context, why = drop[i]
        found.header_dates.extend(line_dates(lines[i], context))
        start, end = starts[i], starts[i] + len(lines[i])
        if i >= tail_from:
            start = max(0, start - 1)
        elif end < len(text):
            end += 1
        found.edits.append(Edit(start, end, "", kind="chrome", single=True, note=why))
    return found
