"""Metadata of a report: title, issuer and its level, the year reported on, publication date.

- ``title``: the title line the structure found (None when the page has none).
- ``issuer``: the name before the year in the title (``清远市司法局2021年…`` →
  清远市司法局), the innermost administrative unit when the title names
  several (``鹤山市宅梧镇`` → 宅梧镇); without a title, the place the report
  calls 我区/全县/… named most often in the body.
- ``issuer_level``: from the issuer's suffix (REFERENCE_FORMAT.md).
- ``report_year``: the year in the title, else the first year of the body.
- ``published_date``: a date the preprocessor saw in the page header
  (``日期: 2023-03-01``) or in the closing lines (``2025年2月21日``); never a
  date from the body or the site chrome.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from summarizer.preprocess.document import CleanDocument, DateSeen
from summarizer.schema import IssuerLevel, Metadata
from summarizer.structure import DocumentStructure

_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?=年)")
# 二〇二二年: a year written in Chinese numerals (some titles do).
_CN_YEAR = re.compile(r"([一二][〇零○一二三四五六七八九]{3})(?=年)")
_CN_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_LEADING_YEAR = re.compile(r"^(?:(?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{3})年度?")
_TITLE_STOP = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?:年|－|-)|[一二][〇零○一二三四五六七八九]{3}年"
    r"|关于|法治政府|法治建设|依法行政|法制|年度"
)
_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办|厅|署|中心|院|部|所|站|队|会)$")
_ADMIN_SUFFIXES = (
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "特别行政区",
    "省",
    "市",
    "州",
    "盟",
    "地区",
    "县",
    "区",
    "旗",
    "镇",
    "乡",
    "街道",
    "街",
)
_SPLIT_AFTER = "省市州盟县区旗"
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_SELF_REFERENCE = re.compile(r"[我全本](区|县|市|镇|乡|街道|街|旗)")
_NOT_NAME_CHARS = set(
    "我全本该各辖社城市园景此地山区县镇乡街的在和对与了个等年度月日是有为将中上下内外两几多"
    "法治政党委理管进选府和新聘"  # domain words: 依法治区, 管理区, 高新区 are no issuer
)
_HEADER_DATE = re.compile(
    r"(?:日期|时间|发布|发文|成文)[^\d\n]{0,6}((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_CLOSING_DATE = re.compile(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$")


def issuer_from_title(title: str) -> str | None:
    """The issuing body named at the start of a title, innermost unit first."""
    name = _LEADING_YEAR.sub("", title.strip().removeprefix("关于"))
    m = _TITLE_STOP.search(name)
    if not m or m.start() < 2:
        return None
    name = name[: m.start()].strip(" \u3000,，、:：")
    name = name.split()[-1] if name.split() else name  # 中共某县委 某县人民政府 → 某县人民政府
    for suffix in ("人民政府", "政府", "办事处"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    if len(name) < 2:
        return None
    if _DEPARTMENT.search(name):
        return name
    return _innermost_unit(name)


def _innermost_unit(name: str) -> str:
    best = 0
    for i in range(3, len(name) - 2):
        rest = name[i:]
        if name[i - 1] in _SPLIT_AFTER and rest.endswith(_ADMIN_SUFFIXES):
            best = i
    return name[best:]


def issuer_level(issuer: str | None) -> IssuerLevel | None:
    """province | city | county | township | department, from the issuer's name."""
    if not issuer:
        return None
    if _DEPARTMENT.search(issuer) and not issuer.endswith(("街道办", "街办")):
        return "department"
    if issuer.endswith(("自治区", "省", "特别行政区")) or issuer in _MUNICIPALITIES:
        return "province"
    if issuer.endswith(("镇", "乡", "街道", "街", "街道办", "苏木")):
        return "township"
    if issuer.endswith(("县", "区", "旗", "自治县", "自治旗", "县级市")):
        return "county"
    if issuer.endswith(("市", "州", "盟", "地区", "自治州")):
        return "city"
    return None


def issuer_from_body(text: str) -> str | None:
    """The place a report without a title speaks for: the 我区/全县 it names most often."""
    suffixes = Counter(m.group(1) for m in _SELF_REFERENCE.finditer(text))
    if not suffixes:
        return None
    suffix = suffixes.most_common(1)[0][0]
    names: Counter[str] = Counter()
    for m in re.finditer(rf"([\u4e00-\u9fff]{{2}}){suffix}", text):
        name = m.group(1)
        if not (set(name) & _NOT_NAME_CHARS):
            names[name + suffix] += 1
    if not names:
        return None
    name, count = names.most_common(1)[0]
    return name if count >= 2 else None


def report_year(title: str | None, text: str, body_start: int | None) -> int | None:
    """The year the report is about: the title's, else the first year of the body."""
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1))
        m = _CN_YEAR.search(title)
        if m:
            return int(m.group(1).translate(_CN_YEAR_DIGITS))
    region = text[:body_start] if body_start else text[:600]
    year = _first_own_year(region)
    return year if year is not None else _first_own_year(text)


# A bracket's content stops at a line break or a second opening bracket, so that each
# unclosed bracket is scanned to the next one, not to the end of the text (quadratic).
_QUOTED = re.compile(r"《[^》《\n]*》|（[^）（\n]*）|\([^)(\n]*\)")
_RANGE_END = re.compile(r"[—\-－~～至到]$")


def _first_own_year(text: str) -> int | None:
    """The first year the text speaks of, outside titles and brackets and not ending a range
    (《纲要（2021—2025年）》 names no report year)."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    for m in _YEAR.finditer(blanked):
        # The two characters before the year (a dash, or a dash and a line break), not the
        # whole prefix: a search there per year was quadratic in years.
        if not _RANGE_END.search(blanked, max(0, m.start() - 2), m.start()):
            return int(m.group(1))
    return None


def _as_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def published_date(doc: CleanDocument, year: int | None) -> dt.date | None:
    """When the report was issued: a header date, else a closing date; None when neither."""
    dates: list[DateSeen] = list(doc.hints.dates)
    candidates: list[dt.date] = []
    if dates:
        for context in ("header", "closing"):
            for seen in dates:
                if seen.context == context:
                    date = _as_date(*seen.date.split("-"))
                    if date:
                        candidates.append(date)
    else:
        candidates = _dates_in_text(doc.text)
    today = dt.date.today()
    for date in candidates:
        if date <= today and (year is None or date.year >= year):
            return date
    return None


def _dates_in_text(text: str) -> list[dt.date]:
    """Header and closing dates read from the text itself (when no hints were recorded)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    found = []
    for line in lines[:6]:
        m = _HEADER_DATE.search(line)
        if m and (date := _as_date(*m.groups())):
            found.append(date)
    for line in reversed(lines[-3:]):
        m = _CLOSING_DATE.match(line)
        if m and (date := _as_date(*m.groups())):
            found.append(date)
    return found


def extract_metadata(doc: CleanDocument, structure: DocumentStructure) -> Metadata:
    """Title, issuer, level, year and publication date of one report."""
    title = structure.title
    issuer = issuer_from_title(title) if title else None
    if issuer is None:
        issuer = issuer_from_body(doc.text)
    year = report_year(title, doc.text, structure.body_start())
    if year is not None and not (1990 <= year <= dt.date.today().year):
        year = None
    return Metadata(
        title=title,
        issuer=issuer,
        issuer_level=issuer_level(issuer),
        report_year=year,
        published_date=published_date(doc, year),
    )


__all__ = ["extract_metadata", "issuer_from_title", "issuer_level", "published_date", "report_year"]
