"""The per-character preprocessing passes as they were before issue 20, kept as the reference.

``summarizer.preprocess`` now does these passes as whole-text operations
(``str.translate``, compiled regexes, set operations); ``test_fast_passes.py``
checks on random and real text that the new ones give exactly the same edits,
offsets, scores and text. Do not "fix" anything here: this is what they must equal.
"""

from __future__ import annotations

import re
from collections import Counter

from summarizer.preprocess.charstats import is_common_char
from summarizer.preprocess.edits import Edit, OffsetMap
from summarizer.preprocess.pinyin import is_pinyin
from summarizer.preprocess.t2s import to_simplified, to_simplified_char

_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BLANK = r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_SPACING = re.compile(rf"(?P<nl>{_BLANK}*\n[\s\u3000]*)|(?P<blank>{_BLANK}+)")
_CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCT_IN_CHINESE = re.compile(
    rf"(?<=[{_CJK_CLASS}\u3000-\u303f\uff00-\uffef“”‘’])[,;:!?]+|[,;:!?](?=[{_CJK_CLASS}])"
)
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_BRACKETED = re.compile(r"[(（](?P<inner>[^()（）\n]{1,80})[)）]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTERS = "a-zü" + _TONED
_ONE = r"[(（](?P<py>[" + _LETTERS + r"]{1,6})[)）]"
_ANNOTATION = re.compile(r"(?P<char>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])" + _ONE)
_MORE = re.compile(_ONE)


def commonness(text: str) -> float:
    n = common = 0
    for ch, k in Counter(text).items():
        if ch.isspace():
            continue
        n += k
        if is_common_char(ch):
            common += k
    return common / n if n else 0.0


def hanzi_commonness(text: str) -> tuple[int, float]:
    """What ``clean`` checked: the number of hanzi and their commonness."""
    hanzi = _HANZI.findall(text)
    return len(hanzi), commonness("".join(hanzi))


def spacing_edits(text: str) -> list[Edit]:
    edits = []
    n = len(text)
    for m in _SPACING.finditer(text):
        at_edge = m.start() == 0 or m.end() == n
        if m.group("nl") is not None:
            new = "" if at_edge else "\n"
            note = "blank lines and indents"
        else:
            new = "" if at_edge else " "
            note = "blanks"
        if m.group() != new:
            edits.append(Edit(m.start(), m.end(), new, kind="whitespace", note=note))
    return edits


def punctuation_edits(text: str) -> list[Edit]:
    return [
        Edit(i, i + 1, _FULL[text[i]], kind="punctuation")
        for m in _PUNCT_IN_CHINESE.finditer(text)
        for i in range(m.start(), m.end())
    ]


def bracket_edits(text: str) -> list[Edit]:
    edits = []
    for m in _BRACKETED.finditer(text):
        if not _CJK.search(m.group("inner")):
            continue
        if text[m.start()] == "(":
            edits.append(Edit(m.start(), m.start() + 1, "（", kind="punctuation"))
        if text[m.end() - 1] == ")":
            edits.append(Edit(m.end() - 1, m.end(), "）", kind="punctuation"))
    return edits


def pinyin_edits(text: str) -> list[Edit]:
    edits = []
    for m in _ANNOTATION.finditer(text):
        char, py = m.group("char"), m.group("py")
        traditional = to_simplified_char(char) != char
        if is_pinyin(py, after_traditional=traditional):
            end = m.end()
            while (more := _MORE.match(text, end)) and is_pinyin(more.group("py"), after_traditional=traditional):
                end = more.end()
            edits.append(Edit(m.start(), end, char, kind="pinyin", single=True, note="pinyin annotation removed"))
    return edits


def annotated_chars(text: str) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for m in _ANNOTATION.finditer(text):
        char, py = m.group("char"), m.group("py")
        if is_pinyin(py, after_traditional=to_simplified_char(char) != char):
            seen.setdefault(py, set()).add(char)
    return seen


def t2s_lines(text: str) -> tuple[str, list[Edit], Counter[str]]:
    """``_Work.convert_t2s``: the text with equal-length lines converted, the edits for the
    other lines, and each converted character pair counted (``a→b``)."""
    out = []
    edits: list[Edit] = []
    pairs: Counter[str] = Counter()
    pos = 0
    for line in text.split("\n"):
        simple = to_simplified(line)
        if simple != line and len(simple) != len(line):
            edits.append(Edit(pos, pos + len(line), simple, kind="t2s", note="line"))
            simple = line
        elif simple != line:
            for a, b in zip(line, simple):
                if a != b:
                    pairs[f"{a}→{b}"] += 1
        out.append(simple)
        pos += len(line) + 1
    return "\n".join(out), edits, pairs


def trimmed(text: str, e: Edit) -> Edit:
    old = text[e.start : e.end]
    k = 0
    while k < len(old) and k < len(e.new) and old[k] == e.new[k]:
        k += 1
    j = 0
    while j < len(old) - k and j < len(e.new) - k and old[-1 - j] == e.new[-1 - j]:
        j += 1
    if not k and not j:
        return e
    return Edit(e.start + k, e.end - j, e.new[k : len(e.new) - j])


def offset_map(text: str, kept: list[Edit]) -> OffsetMap:
    return OffsetMap([trimmed(text, e) for e in kept])


def apply_edits(text: str, edits) -> tuple[str, list[Edit], OffsetMap]:
    kept: list[Edit] = []
    last_end = -1
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < last_end or (e.start == e.end and e.start == last_end and kept and kept[-1].start == e.start):
            continue
        if text[e.start : e.end] == e.new:
            continue
        kept.append(e)
        last_end = e.end
    if not kept:
        return text, kept, OffsetMap(kept)
    pieces: list[str] = []
    pos = 0
    for e in kept:
        pieces.append(text[pos : e.start])
        pieces.append(e.new)
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces), kept, offset_map(text, kept)


def work_apply(self, edits: list[Edit]) -> None:
    """``_Work.apply`` as it was (``self`` is a ``pipeline._Work``)."""
    from summarizer.preprocess.pipeline import _Tracked

    old = self.text
    self.text, kept, omap = apply_edits(old, edits)
    if not kept:
        return
    same_length = all(len(e.new) == e.end - e.start for e in kept)
    if not same_length:
        self.marks = [omap(m) for m in self.marks]
    for r in () if same_length else self.single:
        if r.start is not None and r.end is not None:
            r.start, r.end = omap(r.start), omap(r.end, is_end=True)
            if r.start >= r.end:
                r.start = r.end = None
    for e in kept:
        if e.kind is None:
            continue
        before = old[e.start : e.end]
        if e.kind == "chrome":
            before = before.strip("\n")
        if e.single:
            start = e.start if same_length else omap(e.start)
            end = start + len(e.new)
            tracked = _Tracked(e.kind, before, e.new, start if e.new else None, end if e.new else None, e.note)
            (self.single if e.new else self.removed).append(tracked)
            for kind, a, b, after, note in e.extra:
                self.single.append(_Tracked(kind, "", after, start + a, start + b, note))
        elif e.kind == "t2s":
            self.counted[("t2s", "", "", "")] += 1
            self.t2s_examples[f"{before}→{e.new}"] += 1
        elif e.kind == "punctuation":
            self.counted[(e.kind, before, e.new, e.note)] += 1
        else:
            self.counted[(e.kind, "", "", e.note)] += 1


def work_convert_t2s(self) -> None:
    """``_Work.convert_t2s`` as it was."""
    lines = self.text.split("\n")
    out = []
    edits: list[Edit] = []
    pos = 0
    for line in lines:
        simple = to_simplified(line)
        if simple != line and len(simple) != len(line):
            edits.append(Edit(pos, pos + len(line), simple, kind="t2s", note="line"))
            simple = line
        elif simple != line:
            for a, b in zip(line, simple):
                if a != b:
                    self.counted[("t2s", "", "", "")] += 1
                    self.t2s_examples[f"{a}→{b}"] += 1
        out.append(simple)
        pos += len(line) + 1
    self.text = "\n".join(out)
    if edits:
        self.apply(edits)


DATE = re.compile(
    r"(?<![0-9０-９])(?P<y>(?:19|20)[0-9]{2})\s*(?:(?P<sep>[-/.])|年)\s*(?P<m>[0-9]{1,2})\s*"
    r"(?(sep)(?P=sep)|月)\s*(?P<d>[0-9]{1,2})(?(sep)|\s*日)(?![0-9])"
)


def iter_dates(line: str):
    import datetime as dt

    for m in DATE.finditer(line):
        try:
            d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        yield m, d.isoformat()


def body_dates(text: str, paragraphs, body_start: int | None = None):
    from summarizer.preprocess import dates
    from summarizer.preprocess.document import DateSeen

    out = []
    closing_from = dates._closing_start(text, paragraphs, body_start or 0)
    last = paragraphs[-1] if paragraphs else None
    for p in paragraphs:
        para = text[p.start : p.end]
        for m, iso in iter_dates(para):
            start = p.start + m.start()
            if (closing_from is not None and p.start >= closing_from) or (
                p is last and dates._GLUED_CLOSING.search(para[: m.end()]) and m.end() == len(para.rstrip())
            ):
                ctx = "closing"
            elif body_start is not None and p.end <= body_start and dates._is_date_line(para):
                ctx = "header"
            else:
                ctx = "body"
            out.append(DateSeen(date=iso, raw=m.group(), context=ctx, start=start, end=p.start + m.end()))
    return out


def patch_reference(monkeypatch) -> None:
    """Make ``clean()`` run the reference passes wherever the fast ones are used."""
    from summarizer.preprocess import dates, decode, mojibake, pipeline

    for name, fn in [("control_edits", control_edits_ref), ("spacing_edits", spacing_edits),
                     ("full_width_brackets", full_width_brackets), ("full_width_punctuation", full_width_punctuation),
                     ("pinyin_edits", pinyin_edits)]:
        monkeypatch.setattr(pipeline, name, fn)
    monkeypatch.setattr(pipeline._Work, "full_width", work_full_width)
    monkeypatch.setattr(pipeline, "_check_is_chinese", check_is_chinese_same_errors)
    monkeypatch.setattr(pipeline._Work, "apply", work_apply)
    monkeypatch.setattr(pipeline._Work, "convert_t2s", work_convert_t2s)
    monkeypatch.setattr(dates, "body_dates", body_dates)
    monkeypatch.setattr(mojibake, "commonness", commonness)
    monkeypatch.setattr(mojibake, "annotated_chars", annotated_chars)
    monkeypatch.setattr(decode, "commonness", commonness)
    from summarizer.preprocess import chrome, paragraphs

    monkeypatch.setattr(paragraphs, "_split_run_on", split_run_on)
    monkeypatch.setattr(chrome, "_tokens", tokens)


_JUNK = re.compile(r"\r\n?|[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")


def control_edits_ref(text: str) -> list[Edit]:
    edits = []
    for m in _JUNK.finditer(text):
        if m.group().startswith("\r"):
            edits.append(Edit(m.start(), m.end(), "\n", kind="whitespace", note="line break"))
        else:
            edits.append(Edit(m.start(), m.end(), "", kind="whitespace", note="invisible character"))
    return edits


def check_is_chinese_same_errors(text: str, label: str | None) -> None:
    """``pipeline._check_is_chinese`` as it was: every hanzi found one by one, then counted."""
    hanzi = _HANZI.findall(text)
    if not hanzi or (len(hanzi) >= 20 and commonness("".join(hanzi)) < 0.5):
        _raise_like_pipeline(text, label, bool(hanzi))


def _raise_like_pipeline(text: str, label: str | None, has_hanzi: bool) -> None:
    from summarizer.errors import InputError

    if not has_hanzi:
        raise InputError(
            "no Chinese text found in the input",
            source=label,
            hint="give a 法治政府建设年度报告 in Chinese (plain text or HTML); check the file is not binary",
        )
    raise InputError(
        "the text does not read as Chinese (mostly rare characters)",
        source=label,
        hint="the file may be binary or in an unsupported encoding; save it as UTF-8 text and retry",
    )


def _applied(text: str, edits: list[Edit]) -> tuple[str, str]:
    return apply_edits(text, edits)[0], "".join(text[e.start] for e in sorted(edits, key=lambda e: e.start))


def full_width_brackets(text: str) -> tuple[str, str]:
    """``bracket_edits`` applied as the pipeline applied them."""
    return _applied(text, bracket_edits(text))


def full_width_punctuation(text: str) -> tuple[str, str]:
    """``punctuation_edits`` applied as the pipeline applied them."""
    return _applied(text, punctuation_edits(text))


def work_full_width(self, text: str, converted: str) -> None:
    """The step as the pipeline ran it: the edits again, through ``work_apply``."""
    full = {**_FULL, "(": "（", ")": "）"}
    old, edits, j = self.text, [], 0
    for i, ch in enumerate(old):
        if j < len(converted) and text[i] != ch:
            assert ch == converted[j] and text[i] == full[ch]
            edits.append(Edit(i, i + 1, full[ch], kind="punctuation"))
            j += 1
    assert j == len(converted)
    work_apply(self, edits)


# Paragraph cuts in run-on text as first written: each pattern opened with an assertion
# (summarizer/preprocess/paragraphs.py now matches a character first; the cuts are the same).
PAREN_ANYWHERE = re.compile(r"(?<![第条款])(?<!第 )(?=[（(][一二三四五六七八九十]{1,3}[）)])")
LOST_BREAK = re.compile(r"(?<=\S)(?:[ \t]{2,}|\u3000+)(?=\S)")
TARGETS_SENTENCE = re.compile(r"(?<=[。！？!?])(?=[^。！？!?]{0,60}?主要(?:预期)?(?:目标|指标)(?:是|为)?[：:])")


# Run-on paragraph cuts as they were before they were scanned in one pass per trigger
# (paragraphs.py now consumes the character each pattern is triggered by, scans once for every
# cut made after a sentence mark, and skips a pattern where the text lacks what it needs).
_CN = "[一二三四五六七八九十]{1,3}"
HEADING_AFTER_SENTENCE = re.compile(
    rf"(?<=[。！？!?；;：:”])\s*(?={_CN}、|[（(]{_CN}[）)]|\d{{1,2}}[.．、](?!\d))"
)
GLUED_ARABIC = re.compile(
    r"(?<=[\u4e00-\u9fff。；;：:！？!?])(?<![第件附])(?:(?P<num>\d{1,2})[.．、]|[（(](?P<pnum>\d{1,2})[）)])(?=[\u4e00-\u9fff])"
)
ANY_ARABIC = re.compile(r"(?<!\d)(?:(?P<num>\d{1,2})[.．、]|[（(](?P<pnum>\d{1,2})[）)])(?=[\u4e00-\u9fff])")
OPENER_AFTER_SENTENCE = re.compile(
    r"(?<=[。！？!?])\s*(?=(?:下一步|下步|接下来|今后)[，,]|展望(?:19|20)\d\d年"
    r"|各位代表[，,！!：:]|在(?:取得|看到|总结|肯定)(?:成绩|成就)的同时|看到成绩(?:的同时)?也要看到"
    r"|(?:同时[，,])?我们(?:也|还)?(?:必须|要)?清醒(?:地)?(?:看到|认识到)"
    r"|(?:今年|(?:19|20)\d\d年)(?:全[省市区县州旗])?经济(?:和)?社会发展(?:的)?主要(?:预期)?(?:目标|指标)"
    r"|为(?:确保|实现|完成)上述|经过[^，。！？]{0,20}努力[，,][^。]{0,80}?\d+(?:项|件))"
)
DATED_SUBTITLE = re.compile(r"(?<=[^\s—\-])(?=(?:——|--|—)\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日)")
DASH_OR_APPENDIX = re.compile(r"(?<=[。！？!?])\s*(?=——[\u4e00-\u9fff“]|附件[0-9０-９一二三四五六七八九十]{0,2}[：:]?)")
GLOSSARY = re.compile(r"(?<=[。！？!?])\s*(?=(?:《?政府工作报告》?)?(?:有关)?(?:名词|术语)(?:、术语)?(?:解释|注释)[：:]?\s*(?:1|一)[\.．、])")
TIMED_HEADING = re.compile(
    r"(?<=[。！？!?])(?:(?:19|20)\d\d年|[“\"]十[一二三四五六]五[”\"]|(?:今后|过去)五年|今年)[^。，,；;：:！!？?\s]{0,24}?"
    r"(?:工作回顾|回顾|工作安排|主要工作|重点工作|工作任务|主要任务|主要思路|目标任务|形势任务|总体要求|发展成就|主要成绩)"
    r"(?=(?:19|20)\d\d年|今年|去年|过去|一年来|五年来|各位代表|[“\"]十[一二三四五六]五|当前)"
)


def glued_markers(text: str, start: int, end: int) -> set[int]:
    cuts: set[int] = set()
    for m in GLUED_ARABIC.finditer(text, start + 1, end):
        number = int(m.group("num") or m.group("pnum"))
        paren = m.group("pnum") is not None
        earlier = (
            int(e.group("num") or e.group("pnum"))
            for e in ANY_ARABIC.finditer(text, max(start, m.start() - 3000), m.start())
            if (e.group("pnum") is not None) == paren
        )
        if number == 1 or number - 1 in earlier:
            cuts.add(m.start())
    return cuts


# The thanks as the pattern found them before it read the words back from the mark.
THANKS_END = re.compile(r"(?:感谢|谢意|敬意)[！!]")


def split_run_on(text: str, start: int, end: int, run_on: bool) -> list[tuple[int, int]]:
    """``paragraphs._split_run_on`` as it was."""
    from itertools import pairwise

    from summarizer.preprocess import paragraphs as p

    cuts = {m.end() for m in HEADING_AFTER_SENTENCE.finditer(text, start + 1, end)}
    if run_on:
        cuts |= {m.start() for m in PAREN_ANYWHERE.finditer(text, start + 1, end)}
        cuts |= {m.end() for m in OPENER_AFTER_SENTENCE.finditer(text, start + 1, end)}
        cuts |= {m.end() for m in THANKS_END.finditer(text, start + 1, end)}
        cuts |= {m.end() for m in TARGETS_SENTENCE.finditer(text, start + 1, end)}
        for m in TIMED_HEADING.finditer(text, start + 1, end):
            cuts |= {m.start(), m.end()}
        cuts |= {m.end() for m in DATED_SUBTITLE.finditer(text, start + 1, end)}
        for m in DASH_OR_APPENDIX.finditer(text, start + 1, end):
            cuts.add(m.end())
            if label := p._compiled(p._APPENDIX_LABEL).match(text, m.end(), end):
                cuts.add(label.end())
        for m in GLOSSARY.finditer(text, start + 1, end):
            cuts.add(m.end())
            if label := p._compiled(p._GLOSSARY_LABEL).match(text, m.end(), end):
                cuts.add(label.end())
        cuts |= {m.end() for m in LOST_BREAK.finditer(text, start + 1, end)}
        cuts |= glued_markers(text, start, end)
    if not cuts:
        return [(start, end)]
    bounds = [start, *sorted(c for c in cuts if start < c < end), end]
    pieces = []
    for a, b in pairwise(bounds):
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.extend(heading_line(text, a, b) if run_on else [(a, b)])
    return pieces


def heading_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``paragraphs._heading_line`` as it was: the heading's line end found character by character."""
    from summarizer.preprocess import paragraphs as p
    from summarizer.preprocess.markers import heading_marker

    marker = heading_marker(text, start, end)
    if marker is None:
        return [(start, end)]
    heading_start = marker[2]
    for pos in range(heading_start, min(end, heading_start + p._HEADING_MAX)):
        if text[pos] in p._SENTENCE_END:
            break
        if text[pos] in " \u3000\t" and not text[pos - 1].isascii():
            rest = pos
            while rest < end and text[rest] in " \u3000\t":
                rest += 1
            if rest < end and (not text[rest].isascii() or text[rest].isdigit()):
                return [(start, pos), (rest, end)]
            break
    first = p._compiled(p._FIRST_SHI).search(text, heading_start, min(end, heading_start + p._HEADING_MAX))
    if first is not None and not p._compiled(p._CLAUSE_MARKS).search(text, heading_start, first.start()):
        return [(start, first.start()), (first.start(), end)]
    if marker[0] == "cn" and (cut := glued_heading_end(text, heading_start, end)) is not None:
        return [(start, cut), (cut, end)]
    return [(start, end)]


def glued_heading_end(text: str, heading_start: int, end: int) -> int | None:
    """``paragraphs._glued_heading_end`` as it was: each clause end found character by character."""
    from summarizer.preprocess import paragraphs as p

    limit = min(end, heading_start + p._GLUED_HEADING_MAX)
    clause_end = next((i for i in range(heading_start, end) if text[i] in "，,。；;：:！？!?"), end)
    if clause_end == end:
        return None
    found = next((m.end() for m in p._compiled(p._HEADING_END_WORD).finditer(text, heading_start, min(limit, clause_end))
                  if m.end() < clause_end and p._compiled(p._BODY_OPENER).match(text, m.end())), None)
    if found is None and p._compiled(p._SLOGAN).match(text, heading_start):
        second = clause_end + 1
        second_end = next((i for i in range(second, end) if text[i] in "，,。；;：:！？!?"), end)
        stop = min(second_end, second + p._GLUED_HEADING_MAX)
        found = next((m.end() for m in p._compiled(p._HEADING_END_WORD).finditer(text, second, stop)
                      if m.end() < second_end and (p._compiled(p._BODY_OPENER).match(text, m.end())
                                                   or p._compiled(p._SLOGAN_BODY_OPENER).match(text, m.end()))), None)
        if found is None:
            found = next((m.start() for m in p._compiled(p._SLOGAN_BODY_OPENER).finditer(text, second + 4, stop)), None)
    return found


def tokens(line: str) -> list[tuple[int, int]]:
    """``chrome._tokens`` as it was: each ``\\S+`` run found by a regex."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
