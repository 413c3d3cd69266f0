"""The document genres summarizer summarises, declared once.

A genre says which parts a summary of it has (name, Chinese and English labels,
order, colour, what an LLM is asked for, and whether the part lists items or
targets), which metadata fields it carries, its checklist, which
``document_kind`` routes a document to it, and where its output model and its
rules extractor live. The schema, the routing, the views and the eval read this
table; adding a genre is adding a ``Genre`` here (and its extractor).

- ``rule_of_law``: the 法治政府建设年度报告; its five statutory parts are declared
  in ``summarizer.parts`` (Article 25 of the 2019 regulation) and its checklist
  is the compliance check (``summarizer.compliance``). Output: ``ReportSummary``.
- ``government_work_report``: the 政府工作报告 a people's government presents
  to its people's congress each year: the past year's review, the difficulties
  it admits, the year's main expected targets, the year's tasks, and the
  section on the government's own work. Output: ``GovWorkSummary``.

This module depends on nothing in the pipeline but ``parts`` (the CLI reads it
without loading pydantic).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from summarizer.errors import ConfigError
from summarizer.parts import PARTS, Part


@dataclass(frozen=True)
class Check:
    """One line of a genre's checklist: a yes/no question the summary answers."""

    name: str  # the field name in the output's checklist
    zh: str
    en: str
    part: str | None = None  # met when this part has entries (None: the genre computes it itself)
    needs_figure: bool = False  # … and one of them carries a figure (a target with its value)


@dataclass(frozen=True)
class FollowParts:
    """Which parts year-on-year follow-through compares (``summarizer corpus``, ``summarizer follow``).

    The report of year N commits to ``plans``; the report of year N+1 reports ``results``
    (those that carry a plan out) and ``problems`` (a problem of both years recurs)."""

    plans: tuple[str, ...]
    results: tuple[str, ...]
    problems: tuple[str, ...]
    # The genre's document-frequency table in summarizer/corpus/ (what its stock words are),
    # rebuilt by ``python -m summarizer.corpus.terms --genre NAME FOLDER...``.
    terms_table: str


@dataclass(frozen=True)
class Genre:
    """One genre: its parts, metadata, checklist, routing and implementation."""

    name: str  # as --genre and the output's ``genre`` name it
    zh: str
    en: str
    parts: tuple[Part, ...]
    metadata_fields: tuple[str, ...]
    checklist: tuple[Check, ...]
    rules: str  # "module:function" of the rules extraction (document, structure) -> model data
    # "module:Class" of the output model with explicit typed fields (imported when first needed);
    # empty: a model is built from this table (summarizer.genre_schema.table_model).
    model: str = ""
    aliases: tuple[str, ...] = ()  # other names the genre is known by (an eval dataset's "genre")
    follow: FollowParts | None = None  # None: no year-on-year follow-through for this genre

    @property
    def part_names(self) -> tuple[str, ...]:
        """The part names in the genre's order."""
        return tuple(p.name for p in self.parts)

    def part(self, name: str) -> Part:
        """The part called ``name`` (``KeyError`` when the genre has none)."""
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(name)

    def output_model(self) -> Any:
        """The pydantic model of this genre's summaries."""
        if not self.model:
            from summarizer.genre_schema import table_model
            return table_model(self)
        return _load(self.model)

    def rules_extractor(self) -> Any:
        """The function that extracts this genre with rules."""
        return _load(self.rules)


def _load(dotted: str) -> Any:
    module, _, attr = dotted.partition(":")
    return getattr(importlib.import_module(module), attr)


RULE_OF_LAW = Genre(
    name="rule_of_law", zh="法治政府建设年度报告", en="rule-of-law annual report",
    parts=PARTS,
    metadata_fields=("title", "issuer", "issuer_level", "report_year", "published_date"),
    checklist=(
        *(Check(p.name, p.zh, p.en) for p in PARTS),
        Check("causes_given", "说明不足的原因", "Causes of the shortcomings given"),
        Check("published_in_q1", "一季度内公开", "Published in the first quarter"),
    ),
    model="summarizer.schema:ReportSummary",
    rules="summarizer.extract.rules.backend:extract_with_rules",
    aliases=("rule_of_law_report",),
    # Article 25: the report states the year's measures and achievements, its shortcomings, and
    # the next year's plans; next year's report says which of them were carried out.
    follow=FollowParts(plans=("plans",), results=("achievements",), problems=("problems",),
                       terms_table="genre_terms.json"),
)

# The parts of a 政府工作报告, in the order the genre writes them. The colours continue the
# rule-of-law palette (review = measures, problems = shortcomings, plans = plans).
GOVWORK_PARTS: tuple[Part, ...] = (
    Part("review", "工作回顾", "Review of the past year", "rev", 1, "#cdeccf",
         "过去一年（及届末过去五年）的工作回顾和成绩，每个编号的工作单元一项"),
    Part("problems", "困难和问题", "Difficulties and problems", "prob", 2, "#f8d0cc",
         "报告承认的困难和问题，每个问题一项"),
    Part("targets", "主要预期目标", "Main expected targets", "tgt", 3, "#fff2b3",
         "今年经济社会发展的主要预期目标，每个指标一项：指标、数值、单位、限定词（左右、以上……）和比较",
         shape="targets"),
    Part("plans", "今年工作安排", "This year's tasks", "plan", 4, "#e6d3f1",
         "今年的工作任务，按报告编号的最低一级每项任务一项"),
    Part("government_self_building", "政府自身建设", "The government's own building", "self", 5,
         "#d5dcf6", "加强政府自身建设部分的各项举措"),
)

GOVERNMENT_WORK_REPORT = Genre(
    name="government_work_report", zh="政府工作报告", en="government work report",
    parts=GOVWORK_PARTS,
    metadata_fields=("title", "issuer", "issuer_level", "session_year", "report_year",
                     "congress_session", "speaker", "delivery_date", "published_date"),
    checklist=(
        Check("problems_admitted", "承认困难和问题", "Problems admitted", part="problems"),
        Check("targets_quantified", "预期目标量化", "Targets quantified", part="targets", needs_figure=True),
    ),
    model="summarizer.govwork_schema:GovWorkSummary",
    rules="summarizer.extract.govwork.backend:extract_govwork",
    # The report to the session of year N sets year N's tasks (its own 加强政府自身建设 section
    # commits to measures too); the report to the session of year N+1 reviews year N.
    follow=FollowParts(plans=("plans", "government_self_building"), results=("review",),
                       problems=("problems",), terms_table="govwork_terms.json"),
)

GENRES: tuple[Genre, ...] = (RULE_OF_LAW, GOVERNMENT_WORK_REPORT)
GENRE_NAMES: tuple[str, ...] = tuple(g.name for g in GENRES)
DEFAULT_GENRE = RULE_OF_LAW


def genre_named(name: str) -> Genre:
    """The genre called ``name`` (or one of its aliases); ``ConfigError`` for an unknown one."""
    for genre in GENRES:
        if name == genre.name or name in genre.aliases:
            return genre
    raise ConfigError(f"unknown genre {name!r}",
                      hint=f"give one of {', '.join(GENRE_NAMES)} (or auto to decide from the document)")
