"""Metadata of a 政府工作报告: issuer, level, session and reviewed years, congress session,
speaker and delivery date.

Rules of the genre:
- The report is delivered by the head of a people's government to the session of its
  people's congress; the subtitle (or the title) says so: ``——2026年1月27日在广东省第十四届
  人民代表大会第五次会议上`` and ``省长 王某某``. A mention of an earlier session in the body
  (区五届人大五次会议确定的各项工作任务) is not the one the report is delivered to.
- The opening says whose government reports: ``我代表罗湖区人民政府，向大会报告政府工作``;
  the central government's report says ``我代表国务院`` (level national).
  A bare ``政府工作报告`` first line names no issuer.
- The session year is the year whose targets and tasks the report sets: the delivery date,
  the title's year (2020年政府工作报告), the year of the tasks' heading (二、2025年工作安排),
  or the year after the one its review heading names (2019年工作回顾). The report year is the
  year reviewed: the session year − 1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from summarizer.extract.phrases import tagged_spans
from summarizer.extract.rules.metadata import issuer_from_body, issuer_level, normalise_issuer
from summarizer.govwork_schema import GovWorkMetadata
from summarizer.preprocess.paragraphs import segment
from summarizer.structure import cn_number

_HEAD_CHARS = 400  # title and subtitle lie before 各位代表 at the very start
_CN = "[一二三四五六七八九十百]+"
_SESSION = re.compile(rf"第?({_CN})届(?:人民代表大会|人大)(?:第?({_CN})次会议)")
_DELIVERED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*在")
_SPEAKER = re.compile(r"(?:省长|市长|区长|县长|州长|旗长|主席|代省长|代市长|代区长|代县长)[\s\u3000]*"
                      r"([\u4e00-\u9fff]{2,4})(?=\s|$|\n)", re.MULTILINE)
_OPENING_ISSUER = re.compile(r"我代表([\u4e00-\u9fff]{0,24}?)人民政府")
_STATE_COUNCIL = "国务院"
_OPENING_STATE_COUNCIL = re.compile(r"我代表国务院")
# The place named with the session in the subtitle: 在广东省第十四届人民代表大会…
_SESSION_PLACE = re.compile(r"在([\u4e00-\u9fff]{2,20}?)第?[一二三四五六七八九十百]+届")
_LEVEL_CHARS = ("省", "市", "区", "县", "州", "旗")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)年.{0,20}政府工作报告")
_TASKS_YEAR = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?((?:19|20)\d\d)年.{0,12}(工作|任务|安排|目标)")
# A heading that leads with a slogan and calls to do the year's work (二、坚定信心、奋发进取，全力实现
# 2025年政府工作总体目标要求 / 三、…，全面抓好2025年政府工作): the year comes after the call's verb.
_CALLED_YEAR = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?[^。；]{0,24}?(?:抓好|做好|实现|完成|推进|部署)"
                          r"((?:19|20)\d\d)年.{0,12}(工作|任务|安排|目标)")
_REVIEW_YEAR = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?((?:19|20)\d\d)年.{0,6}(工作)?回顾")
_THIS_YEAR = re.compile(r"((?:19|20)\d\d)年(?:是|经济社会发展(?:的)?主要预期目标)")


def _head(text: str) -> str:
    cut = text.find("各位代表")
    return text[: cut if 0 <= cut < _HEAD_CHARS else min(len(text), 120)]


# A title line set with letter spacing, as Word documents print it (政 府 工 作 报 告).
_SPACED_TITLE = re.compile(r"^(?:[\u4e00-\u9fff][ \u3000]+)+[\u4e00-\u9fff]$")


def _title(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The first paragraph, when it is the title (政府工作报告, 2020年XX区政府工作报告)."""
    first = text[spans[0][0]:spans[0][1]].strip() if spans else ""
    if _SPACED_TITLE.match(first):
        first = re.sub(r"[ \u3000]+", "", first)
    # a title is no sentence (…向大会作政府工作报告，请予审议。 is the opening)
    sentence = any(c in first for c in "。，,：:；;")
    return first if "政府工作报告" in first and len(first) <= 60 and not sentence else None


def _session_year(text: str, head: str, title: str | None, lines: list[str]) -> int | None:
    if m := _DELIVERED.search(head):
        return int(m.group(1))
    if title and (m := _TITLE_YEAR.search(title)):
        return int(m.group(1))
    short = [line.strip() for line in lines if 0 < len(line.strip()) <= 40]
    for line in short:
        if (m := _TASKS_YEAR.match(line) or _CALLED_YEAR.match(line)) and "回顾" not in line:
            return int(m.group(1))
    for line in short:
        if m := _REVIEW_YEAR.match(line):
            return int(m.group(1)) + 1
    if m := _THIS_YEAR.search(text):
        return int(m.group(1))
    return None


def _congress_session(head: str) -> str | None:
    m = _SESSION.search(head)
    if not m:
        return None
    term, meeting = cn_number(m.group(1)), cn_number(m.group(2))
    if term is None or meeting is None:
        return None
    return f"第{m.group(1)}届人民代表大会第{m.group(2)}次会议"


def _issuer(text: str, head: str, title: str | None) -> str | None:
    """The opening's 我代表X人民政府; when it says only 省/市/区 (我代表省人民政府), the
    title's or the subtitle's place, else the place the body calls its own."""
    if _OPENING_STATE_COUNCIL.search(text, 0, _HEAD_CHARS):
        return _STATE_COUNCIL
    said = [m.group(1) for m in _OPENING_ISSUER.finditer(text)]
    if named := next((x for x in said if len(x) >= 2), None):
        return normalise_issuer(named)
    name = re.sub(r"^(?:19|20)\d\d年(?:度)?", "", title.split("政府工作报告")[0]) if title else ""
    if len(name) >= 2:
        return normalise_issuer(name)
    if m := _SESSION_PLACE.search(head):
        return normalise_issuer(m.group(1))
    if said and said[0] in _LEVEL_CHARS:
        return _most_named(text, said[0])
    return issuer_from_body(text)


def _most_named(text: str, level: str) -> str | None:
    """The place of ``level`` (省, 市, 区, 县) the report names most often (广东省 in a report
    whose opening says 我代表省人民政府): among the place names (the tagger's ``ns``) written with
    the level word at least once (广东省, 广东 省), the one named most often, with it or without
    it (绿美广东)."""
    uses: Counter[str] = Counter()
    with_level: set[str] = set()
    spans = tagged_spans(text, 0, len(text))
    for (s, e, tag), (ns, ne, _) in zip(spans, [*spans[1:], (len(text), len(text), "")]):
        if tag != "ns":
            continue
        word = text[s:e]
        stem = word[: -len(level)] if word.endswith(level) and len(word) >= 3 else word
        uses[stem] += 1
        if stem != word or (ns == e and text[ns:ne].startswith(level)):
            with_level.add(stem)
    ranked = sorted(with_level, key=lambda w: (uses[w], len(w)), reverse=True)
    if ranked and uses[ranked[0]] >= 2:
        return normalise_issuer(ranked[0] + level)
    if level == "省":
        # A province's report may never write its name with 省 (广东省 2018: 我代表省人民政府, then
        # 广东 and 我省 only). The province is the place it names far most often; a city's or a
        # district's report names its province or city as often as itself, so only 省 is read so.
        (top, most), (_, next_most) = [*uses.most_common(2), ("", 0), ("", 0)][:2]
        if most >= _DOMINANT_MIN and most >= _DOMINANT_RATIO * next_most:
            return normalise_issuer(top + level)
    return None


_DOMINANT_MIN = 5  # uses of the province's name, at least
_DOMINANT_RATIO = 2  # times the next place's


def govwork_metadata(text: str, found_title: str | None = None,
                     paragraphs: list[tuple[int, int]] | None = None) -> GovWorkMetadata:
    """The metadata of a 政府工作报告 from its title, subtitle and opening. ``found_title`` is the
    title preprocessing found (a web page's own title) when the text's first line is not one;
    ``paragraphs`` the text's paragraphs as preprocessing segmented them (default: segmented
    here the same way), where the headings that date the tasks are looked for: a report that
    lost its line breaks has its title and headings in no line of their own."""
    head = _head(text)
    spans = paragraphs if paragraphs is not None else segment(text)
    title = _title(text, spans) or (found_title.strip() if found_title and "政府工作报告" in found_title else None)
    issuer = _issuer(text, head, title)
    session = _session_year(text, head, title, [text[s:e] for s, e in spans])
    delivered = None
    if m := _DELIVERED.search(head):
        try:
            delivered = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            delivered = None
    speaker = m.group(1) if (m := _SPEAKER.search(head)) else None
    return GovWorkMetadata(
        title=title, issuer=issuer, session_year=session,
        issuer_level="national" if issuer == _STATE_COUNCIL else issuer_level(issuer),
        report_year=session - 1 if session else None, congress_session=_congress_session(head),
        speaker=speaker, delivery_date=delivered,
    )
