"""Hostile input shapes, each generated at any size, for the growth tests and the benchmark.

Each is a shape reports or attacks really take (see docs/preprocessing.md): an
annotation that never closes, text made of nothing but headings, GBK step
mojibake on every line, hard-wrapped short lines, and so on. They are built
from a short unit repeated to ``size`` characters, so a run at 8× the size
does 8× the work if the pipeline is linear.
"""

from __future__ import annotations

from collections.abc import Callable

_OPENING = "2024年法治政府建设年度报告\n"
_BODY = ("一是深入学习贯彻习近平法治思想，召开4次委员会会议，办理行政复议案件126件，"
         "同比增长12.5%。二是健全依法决策机制，完善重大行政决策程序。\n")


def _repeat(unit: str, size: int, head: str = _OPENING) -> str:
    count = max(1, (size - len(head)) // len(unit))
    return head + unit * count


def unclosed_brackets(size: int) -> str:
    """Pinyin annotations that never close: nothing but ``區(qū`` (a missing ``)``), with no
    year anywhere, so every place that looks for one reads the whole text."""
    return _repeat("區(qū", size, head="")


def open_brackets(size: int) -> str:
    """Opening brackets alone, ASCII and full-width, never closed."""
    return _repeat("區(地（", size, head="")


def unclosed_brackets_one_line(size: int) -> str:
    """One unclosed full-width bracket, then a long body without its closing bracket."""
    return _repeat(_BODY.replace("（", "").replace("）", ""), size, head=_OPENING + "（一")


def unclosed_quotes(size: int) -> str:
    """Opening quotes that never close: ``“规划`` over and over, with years in between."""
    return _repeat("“法治政府建设2024年", size)


def dense_headings(size: int) -> str:
    """Nothing but headings of every level, nested and repeated."""
    unit = "一、加强党的领导\n（一）完善制度\n1. 健全机制\n（1）落实责任\n一是强化监督。\n"
    return _repeat(unit, size)


def flat_headings(size: int) -> str:
    """Thousands of sibling top-level headings, each with one short line."""
    numerals = "一二三四五六七八九十"
    unit = "".join(f"{n}、推进依法行政\n开展工作{n}项。\n" for n in numerals)
    return _repeat(unit, size)


def mojibake_lines(size: int) -> str:
    """GBK step mojibake on every line, as in a report decoded one byte out of step."""
    return _repeat("?。ㄒ唬┥钊胴瀼芈鋵?shí)“一規(guī)劃兩方案”\n", size)


def short_lines(size: int) -> str:
    """A report hard-wrapped every few characters (a break in nearly every phrase)."""
    return _repeat("深入推进\n依法行政，\n完善制度\n建设。\n", size)


def one_long_line(size: int) -> str:
    """A whole report on one line: no line breaks at all."""
    return _repeat(_BODY.replace("\n", ""), size)


def many_figures(size: int) -> str:
    """Figures and percentages in every clause."""
    return _repeat("办理案件126件，同比增长12.5%，涉及金额3.2亿元；", size)


def html_tags(size: int) -> str:
    """HTML made mostly of nested tags around short text."""
    return "<html><body>" + _repeat("<div><p><span>依法行政</span></p></div>\n", size, head="") + "</body></html>"


FAMILIES: dict[str, Callable[[int], str]] = {
    "unclosed_brackets": unclosed_brackets,
    "open_brackets": open_brackets,
    "unclosed_brackets_one_line": unclosed_brackets_one_line,
    "unclosed_quotes": unclosed_quotes,
    "dense_headings": dense_headings,
    "flat_headings": flat_headings,
    "mojibake_lines": mojibake_lines,
    "short_lines": short_lines,
    "one_long_line": one_long_line,
    "many_figures": many_figures,
    "html_tags": html_tags,
}
