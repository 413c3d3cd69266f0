"""Where the parts of a 政府工作报告 lie: review, problems, targets, plans, self-building.

Rules of the genre: the report reviews the past year (一、2024年工作回顾 / 过去一年… /
过去五年…), then admits its difficulties in a paragraph that opens with a cue (我们也清醒
地看到…困难和挑战；…存在的问题和短板), then turns to this year (二、2025年工作安排 /
主要任务 / 主要工作), states the 主要预期目标 and lists the tasks; it ends the tasks with
the section on the government's own building (加强政府自身建设), then an appeal (各位代表！…)
and sometimes appendices (附件, 名词解释).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.extract.govwork.units import MARKER, is_heading_line

# A section heading of the review: 2019年工作回顾, 过去五年工作回顾, 一、过去一年的工作.
_REVIEW_HEADING = re.compile(r"回顾|过去[一五]年|工作总结|一年来的工作|成就|成绩")
# A section heading of this year's work: 2025年工作安排, 2018年主要工作, 发展目标和主要任务.
_PLANS_HEADING = re.compile(r"(工作|主要|重点)(安排|任务|工作|部署)|发展目标|总体要求|今年(的)?工作")
# A heading that looks further than the year (今后五年, 十四五时期的目标): neither part.
_OUTLOOK_HEADING = re.compile(r"(今后|未来)五年|五年(的)?(奋斗|发展|主要)?目标|十[一二三四五六]五[”\"’]?(时期|规划)")
# The sentence that admits difficulties: 清醒地认识到/看到, 困难和问题/挑战, 问题和短板, 存在的不足.
PROBLEM_CUE = re.compile(
    r"清醒(地)?(认识|看到)|困难和(问题|挑战)|问题和(不足|短板)|不足和问题|存在(的)?(问题|不足|短板)|"
    r"(短板|软肋)不容忽视|差距和不足|不足和差距|看到不足|不足之处|问题和挑战"
)
# The statement of the year's targets: 主要预期目标是：…, 主要预期指标为…
TARGETS_CUE = re.compile(r"主要(预期)?(目标|指标)(是|为|如下)?[：:]?|预期目标(是|为)[：:]?")
_ENUMERATOR = re.compile(r"[一二三四五六七八九十]{1,2}是")
# The end of the report's body: its appendices.
_APPENDIX = re.compile(r"附件|附录|名词解释|术语解释|注释|名词、术语")


@dataclass(frozen=True)
class Layout:
    """Paragraph index ranges ``[a, b)`` of each part's run, and the targets paragraph."""

    review: tuple[int, int]
    problems: tuple[int, int] | None
    targets: int | None
    plans: tuple[int, int]


def _top_heading(text: str, start: int, end: int) -> bool:
    """A section heading of the report's first level: a short line, numbered 一、 or not."""
    if not is_heading_line(text, start, end):
        return False
    line = text[start:end].strip()
    return not MARKER.match(line) or re.match(r"[一二三四五六七八九十]{1,2}、", line) is not None


def find_layout(text: str, paragraphs: list[tuple[int, int]]) -> Layout:
    """Where each part lies, by the genre's headings and cues (see the module docstring)."""
    n = len(paragraphs)
    body_end = next((i for i, (s, e) in enumerate(paragraphs)
                     if is_heading_line(text, s, e) and _APPENDIX.search(text, s, e)), n)
    review_at = plans_at = None
    outlook: list[int] = []
    for i, (s, e) in enumerate(paragraphs[:body_end]):
        if not _top_heading(text, s, e):
            continue
        line = text[s:e]
        if review_at is None and plans_at is None and _REVIEW_HEADING.search(line):
            review_at = i  # (一、“十三五”时期发展成就和2020年主要工作: a review, though it names a plan period)
        elif _OUTLOOK_HEADING.search(line):
            outlook.append(i)
        elif plans_at is None and review_at is not None and _PLANS_HEADING.search(line):
            plans_at = i
    targets_at = next((i for i, (s, e) in enumerate(paragraphs[:body_end])
                       if (plans_at is None or i > plans_at) and TARGETS_CUE.search(text, s, e)), None)
    if plans_at is None:
        plans_at = targets_at if targets_at is not None else body_end
    review_start = review_at + 1 if review_at is not None else 0
    problems_at = next((i for i in range(review_start, plans_at)
                        if PROBLEM_CUE.search(*_first_sentence(text, *paragraphs[i]))), None)
    review_end = problems_at if problems_at is not None else plans_at
    # An outlook section inside the review's range (十三五 vision) ends the review.
    review_end = min([review_end, *(o for o in outlook if review_start < o < review_end)])
    problems = None
    if problems_at is not None:
        problems_end = next((i for i in range(problems_at + 1, plans_at)
                             if _top_heading(text, *paragraphs[i]) or MARKER.match(text, paragraphs[i][0])
                             and not _ENUMERATOR.match(text, paragraphs[i][0])),
                            plans_at)
        problems = (problems_at, problems_end)
    plans_start = (targets_at + 1) if targets_at is not None else plans_at + 1
    plans_end = min([body_end, *(o for o in outlook if o > plans_start)])
    return Layout((review_start, review_end), problems, targets_at, (plans_start, plans_end))


def _first_sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``(text, start, stop)`` bounding the paragraph's first two sentences (where a cue sits)."""
    stop, seen = start, 0
    while stop < end and seen < 2:
        if text[stop] in "。：:":
            seen += 1
        stop += 1
    return text, start, stop
