"""The statutory parts of a 法治政府建设年度报告, declared once.

Article 25 of the 2019 《法治政府建设与责任落实督察工作规定》 asks every annual
report for (1) the measures taken and their results, (2) the shortcomings and
their causes, (3) how the principal Party and government leaders fulfilled
their duty as first persons responsible, and (4) next year's arrangements.
The output has one list of items per part; the schema, the compliance check,
the CLI, Markdown, HTML and CSV views and the eval all take the part names,
labels, order and colours from ``PARTS`` below, so a part renamed or added
touches this table only.

This module depends on nothing in the pipeline (``schema`` imports it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args


@dataclass(frozen=True)
class Part:
    """One statutory part: how it is named in the output and shown to people."""

    name: str  # the field name in the JSON output
    zh: str  # Chinese label, in the regulation's wording
    en: str  # English label
    short: str  # a column header for narrow tables (eval reports)
    article: int  # the item of Article 25 that asks for it (statutory order)
    colour: str  # highlight colour in the HTML view
    asks: str  # what the regulation asks for, in its own words (for the LLM's answer schema)
    zh_short: str | None = None  # a Chinese header for narrow tables (the corpus page); else ``zh``
    # What the part lists: "items" (Item: summary, evidence, span) or "targets" (Target: a
    # structured figure, shown as a table). The parts of every genre are declared with this
    # class (summarizer.genres); ``article`` is then the part's place in the genre's order.
    shape: Literal["items", "targets"] = "items"


PARTS: tuple[Part, ...] = (
    Part("achievements", "主要举措和成效", "Measures and results", "ach", 1, "#cdeccf",
         "上一年度主要举措和成效", zh_short="举措成效"),
    Part("problems", "存在的不足", "Shortcomings", "prob", 2, "#f8d0cc", "存在的不足", zh_short="不足"),
    Part("causes", "不足的原因", "Causes of the shortcomings", "cause", 2, "#fde3b5", "不足的原因", zh_short="原因"),
    Part("leader_duties", "主要负责人履行第一责任人职责", "Principal leaders' duties", "lead", 3,
         "#d5dcf6", "党政主要负责人履行推进法治建设第一责任人职责的情况", zh_short="第一责任人"),
    Part("plans", "下一年度主要安排", "Next year's plans", "plan", 4, "#e6d3f1", "下一年度主要安排", zh_short="下年安排"),
)

# The part names, spelled out so that a type checker sees them (a part field's name, a
# ``summary.items(part)`` argument, is checked); they must be the table's, in its order.
PartName = Literal["achievements", "problems", "causes", "leader_duties", "plans"]
PART_NAMES: tuple[PartName, ...] = get_args(PartName)
if PART_NAMES != tuple(p.name for p in PARTS):
    raise RuntimeError(f"PartName {PART_NAMES} does not name the parts of PARTS in their order")
PART_BY_NAME: dict[str, Part] = {p.name: p for p in PARTS}

Language = Literal["zh", "en"]


def part_label(name: str, lang: Language = "zh") -> str:
    """The label of part ``name`` in ``lang`` (``zh`` or ``en``)."""
    part = PART_BY_NAME[name]
    return part.zh if lang == "zh" else part.en


def short_label(name: str, lang: Language = "zh") -> str:
    """A narrow column header for part ``name`` in ``lang``."""
    part = PART_BY_NAME[name]
    if lang == "zh":
        return part.zh_short or part.zh
    return part.short


def bilingual_label(name: str) -> str:
    """``主要举措和成效 Measures and results``: both labels, for views read by both."""
    part = PART_BY_NAME[name]
    return f"{part.zh} {part.en}"
