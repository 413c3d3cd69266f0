"""Metadata of a report: title, issuer and its level, the year reported on, publication date.

- ``title``: the title line the structure found (None when the page has none).
- ``issuer``: the name before the year in the title (``清远市司法局2021年…`` →
  清远市司法局), the innermost administrative unit when the title names
  several (``鹤山市宅梧镇`` → 宅梧镇); without a title, the place the report
  calls 我区/全县/… named most often in the body.
- ``issuer_level``: from the issuer's suffix (evals/REFERENCE_FORMAT.md).
- ``report_year``: the year in the title, else the first year of the body.
- ``published_date``: the date under the report's signature (``2025年2月21日``),
  the text's own statement of when it was issued, else a date the preprocessor
  saw in the page header (``日期: 2023-03-01``); never a date from the body or
  the site chrome.

Each value carries its basis (``Metadata.basis``): where it was read, or why it
was left out. An issuer that rests only on a generic word of the genre
(``实验区``, ``片区``, a bare ``区``: what a zone or area calls itself without its
name) is spelled out from the report's own full use of it (``平潭综合实验区``),
else left null with the reason: a confident wrong issuer and level mislead more
than an empty field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from summarizer.preprocess.chrome import OPENING_SUBJECT
from summarizer.preprocess.document import CleanDocument, DateSeen
from summarizer.schema import FieldBasis, IssuerLevel, Metadata, MetadataSource, Span
from summarizer.structure import DocumentStructure

# (Not after a digit: the look-behind follows the year, so the engine skips to a 19/20 in C.)
_YEAR = re.compile(r"(20\d\d|19\d\d)(?<!\d\d\d\d\d)(?=年)")
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
# An outer unit before an inner one that a department belongs to (广东省|清远市司法局).
# Never cut inside a place's name (郑州|市: 国家税务总局郑州市金水区税务局 keeps its name whole).
_OUTER_PLACE = re.compile(
    r"^[\u4e00-\u9fff]{2,7}?(?:自治区|省|市|自治州|州|盟)(?![省市州县区盟])"
    r"(?=[\u4e00-\u9fff]{2,10}?(?:特别合作区|综合实验区|新区|区|县|旗|市)[\u4e00-\u9fff]{2,})"
)
# Special zones governed at prefecture level (平潭综合实验区, 深汕特别合作区) publish as cities.
_ZONE_AT_CITY_LEVEL = ("综合实验区", "特别合作区")
# Offices a report names by their short form (区党政办); the issuer is the full name.
_SHORT_OFFICE_NAMES = {"党政办": "党政办公室", "政府办": "政府办公室", "党委办": "党委办公室"}
# A zone's Party working committee and administrative committee are its government
# (实验区党工委管委会 speaks for the zone, as 某县人民政府 does for the county).
_ZONE_ORGANS = re.compile(r"(?:党工委|工委)?[、和及]?(?:管委会|管理委员会)$|党工委$|(?<=片区)管理局$")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:]")
_SELF_REFERENCE = re.compile(r"[我全本](区|县|市|镇|乡|街道|街|旗)")
_NOT_NAME_CHARS = set(
    "我全本该各辖社城市园景此地山区县镇乡街的在和对与了个等年度月日是有为将中上下内外两几多"
    "法治政党委理管进选府和新聘"  # domain words: 依法治区, 管理区, 高新区 are no issuer
)
_HEADER_DATE = re.compile(
    r"(?:日期|时间|发布|发文|成文)[^\d\n]{0,6}((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
# How reports reach readers: a news site or a portal reposts a report under a headline that
# names the body and what it did (司法部发布2023年法治政府建设年度报告, 某市公布…): the verb is no
# part of the issuer's name.
_PUBLISHING_VERB = re.compile(r"(?:正式|近日|日前)?(?:发布|公布|印发|公开|出炉|晒出)了?$")
_CLOSING_DATE = re.compile(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$")


def issuer_from_title(title: str) -> str | None:
    """The issuing body named at the start of a title, innermost unit first."""
    name = _LEADING_YEAR.sub("", title.strip().removeprefix("关于"))
    m = _TITLE_STOP.search(name)
    if not m or m.start() < 2:
        return None
    return normalise_issuer(_PUBLISHING_VERB.sub("", name[: m.start()]))


def normalise_issuer(name: str) -> str | None:
    """An issuer as the references name it: the place for its government
    (某县人民政府 → 某县), the street for its office (某街道办事处 → 某街道), the innermost
    unit of a nested name (鹤山市宅梧镇 → 宅梧镇); a department keeps its full name."""
    name = name.strip(" \u3000,，、:：")
    name = name.split()[-1] if name.split() else name  # 中共某县委 某县人民政府 → 某县人民政府
    for suffix in ("人民政府", "政府", "办事处"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    # A zone's 党工委管委会 and an area's 片区管理局 are its government (平潭综合实验区管委会 speaks
    # for 平潭综合实验区 as 某县人民政府 does for the county).
    governed = _ZONE_ORGANS.sub("", name)
    if governed != name and len(governed) >= 2 and governed.endswith("区"):
        name = governed
    if len(name) < 2:
        return None
    if _DEPARTMENT.search(name):
        # 深圳市深汕特别合作区党政办公室 → 深汕特别合作区党政办公室: a department is named
        # with the place it belongs to, not the places above that.
        return _OUTER_PLACE.sub("", name, count=1)
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
    if issuer.endswith(("镇", "乡", "街道", "街", "街道办", "苏木", "片区")):
        return "township"  # a 片区 is a township-level area of a zone (苏平片区)
    if issuer.endswith(_ZONE_AT_CITY_LEVEL):
        return "city"
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
    for name in _two_hanzi_before(text, suffix):
        if not (set(name) & _NOT_NAME_CHARS):
            names[name + suffix] += 1
    if not names:
        return None
    name, count = names.most_common(1)[0]
    return name if count >= 2 else None


def _two_hanzi_before(text: str, suffix: str) -> list[str]:
    r"""The two hanzi before each ``suffix`` of ``text``, left to right, none overlapping the one
    before (what ``([\u4e00-\u9fff]{2})suffix`` finds), found by a plain search for ``suffix``:
    a pattern that opens with a class is tried at every character of the report."""
    out, floor, at = [], 0, text.find(suffix, 2)
    while at >= 0:
        name = text[at - 2 : at]
        if at - 2 >= floor and "\u4e00" <= name[0] <= "\u9fff" and "\u4e00" <= name[1] <= "\u9fff":
            out.append(name)
            floor = at + len(suffix)
        at = text.find(suffix, at + 1)
    return out


_SIGNATURE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff（）()]{2,40}?(?:人民政府|政府|办事处|局|委员会|管委会|委|办公室|办|厅|街道|镇|乡|片区|区|县|市))"
    r"\s*(?:(?:19|20)\d\d年\d{1,2}月\d{1,2}日)?$"
)
_CITED_PLACE = re.compile(r"《(?P<place>[\u4e00-\u9fff]{2,12}?(?:区|县|市|州|旗))(?:人民政府)?(?:办公室)?关于")
_SHORT_PLACE = re.compile(r"^(?P<level>[区县市州旗])(?P<office>[\u4e00-\u9fff]{2,8})$")


def issuer_from_signature(text: str) -> str | None:
    """The issuing body in the signature at the end (深圳市龙华区人民政府 / 2019年12月18日)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][-3:]
    for line in reversed(lines):
        tail = re.split(r"[。！？]\s*", line)[-1].strip()  # a signature glued to the last sentence
        m = _SIGNATURE.match(tail)
        if m and not _SENTENCE_PUNCT.search(m.group("name")):
            return normalise_issuer(m.group("name"))
    return None


def issuer_from_opening(text: str, body_start: int | None) -> str | None:
    """The body the opening sentence speaks for (2025年，区党政办坚持…), named in full."""
    opening = text[: body_start] if body_start else text[:300]
    m = OPENING_SUBJECT.match(opening.strip())
    if not m:
        return None
    name = m.group("name")
    if name[0] in "我本全该各其":
        return None  # 我区/全县: the report speaks of itself without its name
    short = _SHORT_PLACE.match(name)
    if short and short.group("office") in _SHORT_OFFICE_NAMES:
        # 区党政办: the report cites its own place's documents in full (《深汕特别合作区关于…》).
        places = Counter(m["place"] for m in _CITED_PLACE.finditer(text) if m["place"].endswith(short.group("level")))
        if not places:
            return None
        return places.most_common(1)[0][0] + _SHORT_OFFICE_NAMES[short.group("office")]
    if _DEPARTMENT.search(name) or name.endswith(_ADMIN_SUFFIXES):
        return normalise_issuer(name)
    return None


def report_year(
    title: str | None,
    text: str,
    body_start: int | None,
    headings: list[str] | None = None,
    closing: dt.date | None = None,
) -> int | None:
    """The year the report is about: the title's, else the opening's, else the year before
    its plans heading's (``headings``: its top-level headings), else the one its
    ``closing`` (signature) date implies, else the first year of the body."""
    return report_year_with_basis(title, text, body_start, headings, closing)[0]


def report_year_with_basis(
    title: str | None,
    text: str,
    body_start: int | None,
    headings: list[str] | None = None,
    closing: dt.date | None = None,
    title_source: MetadataSource = "title",
) -> tuple[int | None, FieldBasis]:
    """``report_year`` and where it was read."""
    headings = headings or []
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1)), FieldBasis(source=title_source)
        m = _CN_YEAR.search(title)
        if m:
            return int(m.group(1).translate(_CN_YEAR_DIGITS)), FieldBasis(source=title_source)
    region = text[:body_start] if body_start else text[:600]
    year = _first_own_year(region)
    if year is not None:
        return year, FieldBasis(source="opening sentence")
    year = _year_before_plans(headings)
    if year is not None:
        return year, FieldBasis(source="body", reason="the year before the one its plans heading names")
    if closing is not None:
        # Reports are due in the first quarter for the year before; some come out at its end.
        year = closing.year if closing.month >= _YEAR_END_MONTH else closing.year - 1
        return year, FieldBasis(source="signature", reason="implied by the date under the signature")
    year = _first_own_year(text)
    if year is not None:
        return year, FieldBasis(source="body", reason="the first year the body speaks of")
    return None, FieldBasis(reason="no year in the title or the body")


_YEAR_END_MONTH = 10
_PLANS_HEADING = re.compile(r"^(?:关于)?((?:19|20)\d\d)年[^。]{0,30}(?:计划|打算|安排|思路|工作要点|重点)")


def _year_before_plans(headings: list[str]) -> int | None:
    """The year before the one a plans heading names (八、2020年法治政府建设工作计划)."""
    for heading in headings:
        m = _PLANS_HEADING.match(heading)
        if m:
            return int(m.group(1)) - 1
    return None


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
    """When the report was issued: its closing (signature) date, else a header date; None
    when neither."""
    return published_date_with_source(doc, year)[0]


def published_date_with_source(
    doc: CleanDocument, year: int | None
) -> tuple[dt.date | None, MetadataSource | None]:
    """``published_date`` and where it was read (signature or page record)."""
    dates: list[DateSeen] = list(doc.hints.dates)
    candidates: list[tuple[dt.date, MetadataSource]] = []
    if dates:
        contexts: tuple[tuple[str, MetadataSource], ...] = (("closing", "signature"), ("header", "page record"))
        for context, source in contexts:
            for seen in dates:
                if seen.context == context:
                    date = _as_date(*seen.date.split("-"))
                    if date:
                        candidates.append((date, source))
    else:
        candidates = _dates_in_text(doc.text)
    today = dt.date.today()
    for date, source in candidates:
        if date <= today and (year is None or date.year >= year):
            return date, source
    return None, None


def _closing_date(doc: CleanDocument) -> dt.date | None:
    """The date under the signature, when preprocessing found one."""
    for seen in doc.hints.dates:
        if seen.context == "closing":
            return _as_date(*seen.date.split("-"))
    return None


def _dates_in_text(text: str) -> list[tuple[dt.date, MetadataSource]]:
    """Header and closing dates read from the text itself (when no hints were recorded)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    found: list[tuple[dt.date, MetadataSource]] = []
    for line in lines[:6]:
        m = _HEADER_DATE.search(line)
        if m and (date := _as_date(*m.groups())):
            found.append((date, "page record"))
    for line in reversed(lines[-3:]):
        m = _CLOSING_DATE.match(line)
        if m and (date := _as_date(*m.groups())):
            found.append((date, "signature"))
    return found


# What a zone, area or body calls itself in its own report without its name: a value made
# of these alone names nobody (实验区 for 平潭综合实验区, 片区 for 苏平片区).
_GENERIC_STEMS = (
    "综合实验", "实验", "示范", "试验", "开发", "经济开发", "经济技术开发", "高新", "高新技术产业开发",
    "经济", "新", "合作", "特别合作", "保税", "自贸", "片", "园", "工业园", "产业园", "工业", "产业", "管理", "开展", "工作",
    "建设", "该", "本", "全", "我", "各",
)
_ISSUER_TAIL_SUFFIXES = ("区", "县", "市", "镇", "乡", "街道", "旗", "州")
# Characters that end a name on its left: punctuation, and function words that stand before
# a name in running text (在实验区, 全区的, 对片区).
_NAME_STOP = set("的在与和及对于为是了将把从由向到全本我该各其等个两三四五六七八九十")
_SPELL_OUT_LEAD = 2  # the character before a longer name outnumbers any other this many times
_SPELL_OUT_MAX = 10


def generic_issuer(name: str) -> bool:
    """True when ``name`` is only a generic word of the genre (实验区, 片区, 开展, a bare 区)."""
    name = _ZONE_ORGANS.sub("", name) or name
    if len(name) <= 1:
        return True
    stem = next((name[: -len(x)] for x in _ISSUER_TAIL_SUFFIXES if name.endswith(x)), name)
    return stem == "" or stem in _GENERIC_STEMS or name in _GENERIC_STEMS


def spelled_out(generic: str, text: str) -> str | None:
    """The full name the report itself gives a generic word (实验区 → 平潭综合实验区): grown
    leftwards one character at a time while one character stands before its uses far more
    often than any other, until it is a name the report also writes on its own (after a
    bracket, punctuation or a preposition: 《平潭综合实验区…》, 在平潭综合实验区); None when
    the report never names it in full."""
    base = _ZONE_ORGANS.sub("", generic) or generic
    if len(base) <= 1:
        return None  # a bare 区 cannot be grown into a name
    name = base
    while len(name) - len(base) < _SPELL_OUT_MAX:
        before = Counter(text[m.start() - 1] for m in re.finditer(re.escape(name), text) if m.start() > 0)
        named = Counter({c: n for c, n in before.items() if _is_name_char(c)})
        if name != base and not generic_issuer(name) and sum(before.values()) > sum(named.values()):
            break  # written on its own somewhere: the name starts here
        if not named:
            break
        (char, count), *others = named.most_common(2)
        runner_up = others[0][1] if others else 0
        if count < 2 or count < _SPELL_OUT_LEAD * runner_up:
            break  # the uses are scattered words (推进实验区, 目前实验区), not one longer name
        name = char + name
    full = normalise_issuer(name) if name != base else None
    return None if full is None or generic_issuer(full) else full


def _is_name_char(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" and c not in _NAME_STOP


def _issuer(doc: CleanDocument, structure: DocumentStructure) -> tuple[str | None, FieldBasis]:
    """The issuer and where it was read: title, signature, opening sentence, then body."""
    title = structure.title
    title_source: MetadataSource = "title" if structure.title_span is not None else "page record"
    candidates: list[tuple[MetadataSource, str | None]] = [
        (title_source, issuer_from_title(title) if title else None),
        ("signature", issuer_from_signature(doc.text)),
        ("opening sentence", issuer_from_opening(doc.text, structure.body_start())),
        ("body", issuer_from_body(doc.text)),
    ]
    generic: tuple[MetadataSource, str] | None = None
    for source, name in candidates:
        if not name:
            continue
        if not generic_issuer(name):
            return name, FieldBasis(source=source)
        generic = generic or (source, name)
    if generic is None:
        return None, FieldBasis(reason="the report names no issuer in its title, signature or opening")
    source, word = generic
    full = spelled_out(word, doc.text)
    if full is not None:
        return full, FieldBasis(source=source, reason=f"{word} spelled out as the report names it in full")
    return None, FieldBasis(
        reason=f"the {source} gives only the generic word {word}, which names no issuer; the report "
        "never spells it out"
    )


def extract_metadata(doc: CleanDocument, structure: DocumentStructure) -> Metadata:
    """Title, issuer, level, year and publication date of one report, each with its basis."""
    title = structure.title
    title_source: MetadataSource = "title" if structure.title_span is not None else "page record"
    issuer, issuer_basis = _issuer(doc, structure)
    closing = _closing_date(doc)
    year, year_basis = report_year_with_basis(
        title,
        doc.text,
        structure.body_start(),
        [section.heading for section in structure.sections],
        closing,
        title_source,
    )
    if year is not None and not (1990 <= year <= dt.date.today().year):
        year, year_basis = None, FieldBasis(reason=f"the year {year} found is not plausible")
    published, published_source = published_date_with_source(doc, year)
    level = issuer_level(issuer)
    level_basis = (
        FieldBasis(source=issuer_basis.source, reason="from the issuer's name")
        if level is not None
        else FieldBasis(reason="no issuer" if issuer is None else f"the name {issuer} shows no level")
    )
    basis = {
        "title": FieldBasis(source=title_source) if title else FieldBasis(reason="no title line"),
        "issuer": issuer_basis,
        "issuer_level": level_basis,
        "report_year": year_basis,
        "published_date": FieldBasis(source=published_source) if published else FieldBasis(
            reason="no date under the signature or in the page record"
        ),
    }
    if structure.title_span is not None:  # what the title line states comes with the line as evidence
        start, end = structure.title_span
        line = doc.text[start:end]
        start, end = start + len(line) - len(line.lstrip()), end - len(line) + len(line.rstrip())
        if start < end:
            quoted = {"evidence": doc.text[start:end], "span": Span(start=start, end=end)}
            basis = {k: b.model_copy(update=quoted) if b.source == "title" and b.evidence is None else b
                     for k, b in basis.items()}
    return Metadata(
        title=title,
        issuer=issuer,
        issuer_level=level,
        report_year=year,
        published_date=published,
        basis=basis,
    )


__all__ = ["extract_metadata", "generic_issuer", "issuer_from_opening", "issuer_from_signature", "issuer_from_title", "issuer_level", "normalise_issuer", "published_date", "report_year", "spelled_out"]
