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

Each value carries its basis (``FieldBasis``, summarizer.schema): the title, the subtitle and the
address (我代表X人民政府) state what they say, with the passage as evidence; a year read from a
heading or a sentence of the body (二、2021年工作安排, 2021年是…开局之年) and a place the body names
most often are inferred, with the reason; a field left null says why. A generic word names no
one: an address to 本区/我市/区人民政府 gives no issuer by itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from summarizer.extract.phrases import tagged_spans
from summarizer.extract.rules.metadata import (
    generic_issuer,
    issuer_from_body,
    issuer_level,
    normalise_issuer,
)
from summarizer.govwork_schema import GovWorkMetadata
from summarizer.preprocess.paragraphs import segment
from summarizer.schema import FieldBasis, MetadataSource, Span
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
# A tasks heading names what the year is for (安排, 任务, 重点工作, 政府工作). A bare 主要工作 may head
# the tasks (二、2018年主要工作) or the review (一、“十三五”时期发展成就和2020年主要工作): it dates the
# tasks only after a heading of an earlier year or a review.
_TASK_WORDS = r"(安排|任务|部署|目标|打算|计划|重点|政府工作)"
_TASKS_YEAR = re.compile(rf"^(?:[一二三四五六七八九十]{{1,2}}、)?((?:19|20)\d\d)年.{{0,12}}{_TASK_WORDS}")
_WORK_YEAR = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?((?:19|20)\d\d)年(?:的)?(?:主要)?工作$")
_DATED = re.compile(r"((?:19|20)\d\d)年")
# A heading that leads with a slogan and calls to do the year's work (二、坚定信心、奋发进取，全力实现
# 2025年政府工作总体目标要求 / 三、…，全面抓好2025年政府工作): the year comes after the call's verb.
_CALLED_YEAR = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?[^。；]{0,24}?(?:抓好|做好|实现|完成|推进|部署)"
                          r"((?:19|20)\d\d)年.{0,12}(工作|任务|安排|目标)")
_REVIEW_YEAR = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?((?:19|20)\d\d)年.{0,6}(工作)?回顾")
# The year the targets are set for (2021年经济社会发展主要预期目标是…), else the year a sentence
# presents (2021年是“十四五”开局之年); the review presents its own year so too (2020年是极不平凡的一年),
# so of those the latest is the session's.
_TARGETS_YEAR = re.compile(r"((?:19|20)\d\d)年经济社会发展(?:的)?主要预期目标")
_THIS_YEAR = re.compile(r"((?:19|20)\d\d)年是")
_CLAUSE_END = re.compile(r"[。；，！\n]")
_SENTENCE_CHARS = 60


def _head(text: str) -> str:
    cut = text.find("各位代表")
    return text[: cut if 0 <= cut < _HEAD_CHARS else min(len(text), 120)]


def _read(source: MetadataSource, text: str, start: int, end: int, reason: str | None = None) -> FieldBasis:
    """A value read from ``text[start:end]`` (stated or inferred by ``source``), with that passage."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return FieldBasis(source=source, reason=reason, evidence=text[start:end], span=Span(start=start, end=end))


# A title line set with letter spacing, as Word documents print it (政 府 工 作 报 告).
_SPACED_TITLE = re.compile(r"^(?:[\u4e00-\u9fff][ \u3000]+)+[\u4e00-\u9fff]$")


def _title(text: str, spans: list[tuple[int, int]]) -> tuple[str, FieldBasis] | None:
    """The first paragraph, when it is the title (政府工作报告, 2020年XX区政府工作报告)."""
    if not spans:
        return None
    first = text[spans[0][0]:spans[0][1]].strip()
    if _SPACED_TITLE.match(first):
        first = re.sub(r"[ \u3000]+", "", first)
    # a title is no sentence (…向大会作政府工作报告，请予审议。 is the opening)
    sentence = any(c in first for c in "。，,：:；;")
    if "政府工作报告" in first and len(first) <= 60 and not sentence:
        return first, _read("title", text, *spans[0])
    return None


_Found = tuple[int | None, FieldBasis]


def _session_year(text: str, head: str, title: tuple[str, FieldBasis] | None,
                  lines: list[tuple[int, int]]) -> _Found:
    """The session year and its basis: the delivery date and the title's year state it; a
    heading or sentence of the body that dates the tasks or the review lets it be inferred."""
    if m := _DELIVERED.search(head):
        return int(m.group(1)), _read("subtitle", text, m.start(1), m.end(3) + 1)
    if title and (m := _TITLE_YEAR.search(title[0])):
        return int(m.group(1)), title[1]
    short = [(s, e) for s, e in lines if 0 < len(text[s:e].strip()) <= 40]
    for s, e in short:
        line = text[s:e].strip()
        if (m := _TASKS_YEAR.match(line) or _CALLED_YEAR.match(line)) and "回顾" not in line:
            return int(m.group(1)), _read("body", text, s, e, "the year its tasks heading names")
    for s, e in short:
        if m := _REVIEW_YEAR.match(text[s:e].strip()):
            return int(m.group(1)) + 1, _read("body", text, s, e, "the year after the one its review heading names")
    for i, (s, e) in enumerate(short):
        if (m := _WORK_YEAR.match(text[s:e].strip())) and any(
                "回顾" in text[a:b] or any(int(y) < int(m.group(1)) for y in _DATED.findall(text[a:b]))
                for a, b in short[:i]):
            return int(m.group(1)), _read("body", text, s, e, "the year its tasks heading names, after the review's")
    if m := _TARGETS_YEAR.search(text):
        return int(m.group(1)), _read("body", text, m.start(), m.end(), "the year its targets are set for")
    if presented := list(_THIS_YEAR.finditer(text)):
        m = max(presented, key=lambda x: int(x.group(1)))
        stop = _CLAUSE_END.search(text, m.end(), m.end() + _SENTENCE_CHARS)  # its clause, as evidence
        return int(m.group(1)), _read("body", text, m.start(), stop.start() if stop else m.end(),
                                      "the latest year a sentence of the body presents (20XX年是…)")
    return None, FieldBasis(reason="no year in the title, subtitle or the headings of the review and the tasks")


def _report_year(session: int | None, basis: FieldBasis) -> _Found:
    """The year reviewed, the session year − 1 (the genre's definition), on the session year's basis."""
    if session is None:
        return None, FieldBasis(reason="no session year to count back from")
    return session - 1, basis.model_copy(update={"reason": f"the year before the session year {session}"})


def _congress_session(text: str, head: str, title: tuple[str, FieldBasis] | None) -> tuple[str | None, FieldBasis]:
    m = _SESSION.search(head)
    if not m:
        return None, FieldBasis(reason="no title or subtitle names the session")
    term, meeting = cn_number(m.group(1)), cn_number(m.group(2))
    if term is None or meeting is None:
        return None, FieldBasis(reason=f"the session {m.group(0)} is not numbered in words")
    in_title = title is not None and title[1].span is not None and title[1].span.start <= m.start() < title[1].span.end
    return (f"第{m.group(1)}届人民代表大会第{m.group(2)}次会议",
            _read("title" if in_title else "subtitle", text, m.start(), m.end()))


def _level_word(said: str) -> str | None:
    """The level a generic address names (区 of 我代表区人民政府, 本区, 我市, 全省), else None."""
    word = said[1:] if len(said) == 2 and said[0] in "本我全该" else said
    return word if word in _LEVEL_CHARS else None


def _issuer(text: str, head: str, title: tuple[str, FieldBasis] | None) -> tuple[str | None, FieldBasis]:
    """The opening's 我代表X人民政府; when it says only 省/市/区 (我代表省人民政府, 本区), the
    title's or the subtitle's place, else the place the body names as its own (inferred)."""
    if m := _OPENING_STATE_COUNCIL.search(text, 0, _HEAD_CHARS):
        return _STATE_COUNCIL, _read("address", text, m.start(), m.end())
    said = list(_OPENING_ISSUER.finditer(text))
    for m in said:
        name = normalise_issuer(m.group(1)) if len(m.group(1)) >= 2 else None
        if name and not generic_issuer(name):
            return name, _read("address", text, m.start(), m.end())
    if title:
        # the year stands before the place or after it (2020年罗湖区…, 罗湖区2020年政府工作报告)
        named = normalise_issuer(re.sub(r"(?:19|20)\d\d年(?:度)?", "", title[0].split("政府工作报告")[0]))
        if named and not generic_issuer(named):
            return named, title[1]
    if (m := _SESSION_PLACE.search(head)) and (named := normalise_issuer(m.group(1))) and not generic_issuer(named):
        return named, _read("subtitle", text, m.start(1), m.end(1))
    level = next((w for m in said if (w := _level_word(m.group(1)))), None)
    if level is not None:
        found = _most_named(text, level)
        if found:
            return found, FieldBasis(
                source="body", reason=f"the address names only the level ({level}人民政府); the {level} the "
                "report names most often")
        return None, FieldBasis(reason=f"the address names only the level ({level}人民政府), and the report "
                                "names no such place often enough")
    if found := issuer_from_body(text):
        return found, FieldBasis(source="body", reason="the place the report calls its own (我区, 全区) most often")
    return None, FieldBasis(reason="no title, subtitle or address names whose government reports")


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
    """The metadata of a 政府工作报告 from its title, subtitle and opening, each field with its
    basis. ``found_title`` is the title preprocessing found (a web page's own title) when the
    text's first line is not one; ``paragraphs`` the text's paragraphs as preprocessing segmented
    them (default: segmented here the same way), where the headings that date the tasks are
    looked for: a report that lost its line breaks has its title and headings in no line of their own."""
    head = _head(text)
    spans = paragraphs if paragraphs is not None else segment(text)
    title = _title(text, spans)
    if title is None and found_title and "政府工作报告" in found_title:
        title = found_title.strip(), FieldBasis(source="page record")
    issuer, issuer_basis = _issuer(text, head, title)
    session, session_basis = _session_year(text, head, title, spans)
    report, report_basis = _report_year(session, session_basis)
    congress, congress_basis = _congress_session(text, head, title)
    delivered, delivered_basis = None, FieldBasis(reason="no subtitle dates the delivery")
    if m := _DELIVERED.search(head):
        try:
            delivered = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            delivered_basis = _read("subtitle", text, m.start(1), m.end(3) + 1)
        except ValueError:
            delivered_basis = FieldBasis(reason=f"the subtitle's date {m.group(0)} is no calendar date")
    speaker, speaker_basis = None, FieldBasis(reason="no speaker line (区长 某某) under the title")
    if m := _SPEAKER.search(head):
        speaker, speaker_basis = m.group(1), _read("subtitle", text, m.start(), m.end())
    level = "national" if issuer == _STATE_COUNCIL else issuer_level(issuer)
    level_basis = (issuer_basis.model_copy(update={"reason": "from the issuer's name"}) if level is not None
                   else FieldBasis(reason="no issuer" if issuer is None else f"the name {issuer} shows no level"))
    return GovWorkMetadata(
        title=title[0] if title else None, issuer=issuer, session_year=session, issuer_level=level,
        report_year=report, congress_session=congress, speaker=speaker, delivery_date=delivered,
        basis={
            "title": title[1] if title else FieldBasis(reason="no title line"),
            "issuer": issuer_basis, "issuer_level": level_basis, "session_year": session_basis,
            "report_year": report_basis, "congress_session": congress_basis, "speaker": speaker_basis,
            "delivery_date": delivered_basis,
            "published_date": FieldBasis(reason="not read for this genre: its rules read the delivery date"),
        },
    )
