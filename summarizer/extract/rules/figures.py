"""Figures: a number with its unit and the phrase it measures.

``find_figures(text, start, end)`` finds, in ``text[start:end]``, statements
like 受理行政复议案件81件, 成功率99.6%, 96.15万元 (scale 1e4), 1.04亿元
(scale 1e8), 法学专业的仅有6人, 共有25个服务窗口. Each ``Figure`` carries its
verbatim phrase and span, so it is grounded in the clean text by
construction. Years, dates, ordinals (第13名), document numbers (〔2022〕7号)
and bare numbers without a unit are not figures.
"""

from __future__ import annotations

import re

from summarizer.schema import UNIT_SCALES, Figure, Span

# Units a report counts in, longest first so that 人次 wins over 人.
_UNIT_WORDS = (
    "人次 场次 户次 件次 批次 车次 架次 平方米 平方公里 公里 千米 米 亩 公顷 吨 元 件 宗 起 人 名 位 次 场 "
    "个 家 项 条 份 期 本 册 篇 部 所 处 座 间 台 辆 套 支 组 类 批 轮 届 小时 天 日 周 月 户 村 校 单 例 "
    "张 块 株 棵 头 只 票 分 倍 个百分点 百分点 % ％ ‰"
)
_UNITS = sorted(_UNIT_WORDS.split(), key=len, reverse=True)
# Units that are nouns rather than measure words: no noun may follow them.
_NOUN_UNITS = {"元", "%", "％", "‰", "倍", "百分点", "个百分点", "天", "小时", "分"}

_NUMBER = r"(?P<num>\d+(?:[.．]\d+)?)"
_FIGURE = re.compile(
    _NUMBER
    + r"(?P<approx1>余|多)?"
    + r"(?P<mag>万亿|万|亿|千|百)?"
    + r"(?P<approx2>余|多)?"
    + "(?P<unit>"
    + "|".join(re.escape(u) for u in _UNITS)
    + ")"
)
# Words between a label and its number that are not part of the label.
_LABEL_TAIL = re.compile(
    r"(?:均|都|共计|共有|累计|合计|分别|总计|仅有|只有|达到|达|超过|超|近|约|共|为|有|是|的|了|至|计)+$"
)
_LABEL_HEAD = re.compile(
    r"^(?:\d{4}年(?:度|初|底|末)?(?:以来|至今)?|[全我本](?:县|区|市|镇|乡|街道|街|省|局|委|单位)|其中|截至目前|截至|目前|今年以来|年初以来|年初至今|全年|同时|并|还|又|已|均|共计|累计|共|先后|对|向|和|与|及|并"
    r"|[一二三四五六七八九十]{1,2}是在?|是在|的)+"
)
# What a label cut to _MAX_LABEL may start with: the tail of a word before it.
_CUT_HEAD = re.compile(r"^[是在从于由的了]+")
_CLAUSE_BREAK = "，,。；;：:、（）()！？!?\n"
_MAX_LABEL = 20
_MAX_NOUN = 10
_NOUN_STOP = "的和及与等共对到在向为于给以将把被并"


def _label_before(text: str, start: int, floor: int) -> tuple[int, str]:
    """The phrase right before a number, back to the previous clause break."""
    pos = start
    while pos > floor and start - pos < 40 and text[pos - 1] not in _CLAUSE_BREAK:
        pos -= 1
    phrase = text[pos:start]
    head = _LABEL_HEAD.match(phrase)
    if head:
        pos += head.end()
        phrase = phrase[head.end() :]
    if len(phrase) > _MAX_LABEL:
        cut = len(phrase) - _MAX_LABEL
        pos += cut
        phrase = phrase[cut:]
        head = _CUT_HEAD.match(phrase)  # the cut may have left 是在… at the front
        if head:
            pos += head.end()
            phrase = phrase[head.end() :]
    label = _LABEL_TAIL.sub("", phrase)
    return pos, label


def _noun_after(text: str, end: int, ceiling: int) -> str:
    """The noun right after a measure word (25个<服务窗口>), up to a clause break."""
    pos = end
    while (
        pos < ceiling
        and pos - end < _MAX_NOUN
        and text[pos] not in _CLAUSE_BREAK
        and not text[pos].isdigit()
    ):
        if text[pos] in _NOUN_STOP or text.startswith("进行", pos):
            break
        pos += 1
    return text[end:pos]


def _is_not_a_figure(text: str, m: re.Match[str], floor: int) -> bool:
    start = m.start()
    before = text[start - 1] if start > floor else ""
    if before in "第〔[【+＋" or (before.isascii() and before.isalpha()) or before in ".．-—":
        return True  # ordinal, document number, FM88.7, part of a range or decimal
    unit = m.group("unit")
    after = text[m.end()] if m.end() < len(text) else ""
    if unit in {"月", "日", "周"} and not m.group("mag"):
        return True  # dates (8月24日) and weekdays
    return unit == "分" and after == "之"  # 三分之一


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure stated in ``text[start:end]``, in order, with spans into ``text``."""
    end = len(text) if end is None else end
    figures: list[Figure] = []
    floor = start  # a label never reaches back into the previous figure
    for m in _FIGURE.finditer(text, start, end):
        if m.start() > start and text[m.start() - 1].isdigit():
            continue
        if _is_not_a_figure(text, m, floor):
            continue
        unit_core = m.group("unit")
        magnitude = m.group("mag") or ""
        label_start, label = _label_before(text, m.start(), floor)
        if not label:
            label_start = m.start()  # nothing before the number names it (…下放的829项…)
        figure_end = m.end()
        if unit_core not in _NOUN_UNITS:
            noun = _noun_after(text, m.end(), end)
            if len(noun) >= 2 or (noun and not label):
                label += noun
                figure_end += len(noun)
        if not label.strip():
            continue
        floor = figure_end
        value = float(m.group("num").replace("．", "."))
        evidence_start = min(m.start(), label_start)
        figures.append(
            Figure(
                label=label,
                value=value,
                unit=magnitude + unit_core,
                scale=UNIT_SCALES.get(magnitude, 1.0),
                evidence=text[evidence_start:figure_end],
                span=Span(start=evidence_start, end=figure_end),
            )
        )
    return figures


__all__ = ["find_figures"]
