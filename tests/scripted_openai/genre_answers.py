"""Answers to the prompts of another genre (a 政府工作报告), scripted from its gold files.

A request is of the genre when its system message names the genre (《政府工作报告》, as
``prompts/government_work_report/*/v1/system.md`` renders it). The gold files are the
``evals/datasets/govwork/*.json``. As for the rule-of-law prompts (answers.py):

- a ``<<<REPORT>>>`` block gets, from the gold file most of whose evidence it contains,
  each item whose evidence is among the numbered sentences (its first and last ids cited, its gold
  ``text`` as the summary) and each target whose ``quote`` is (its gold indicator, value,
  unit, qualifier word as the quote writes it, comparison; a range's two ends), with the
  gold metadata;
- a ``<<<UNITS>>>`` block gets, for each unit, the ``text`` of the gold item its text
  overlaps most, or its first clause;
- a ``<<<REPORT HEAD>>>`` block gets the gold metadata of the report whose issuer it names.
"""

from __future__ import annotations

import functools
import re

from .answers import (
    DATASETS_DIR,
    NumberedText,
    Reference,
    Target,
    _first_clause,
    _grams,
    _overlap,
    normalise,
    numbered_report,
)

GENRE_MARK = "《政府工作报告》"
GOVWORK_DIR = DATASETS_DIR / "govwork"
ITEM_PARTS = ("review", "problems", "plans", "government_self_building")
METADATA = ("title", "issuer", "issuer_level", "session_year", "report_year", "congress_session", "speaker",
            "delivery_date", "published_date")
# How the gold's qualifier reads in a quote (REFERENCE conventions in evals/datasets/govwork/README.md).
_WORDS = {"about": ("左右", "上下", "约"), "more_than": ("超过", "高于"), "nearly": ("接近", "将近", "近"),
          "over": ("以上", "余", "多"), "at_least": ("不低于", "不少于", "至少"), "under": ("以下", "低于", "不到"),
          "at_most": ("以内", "不超过", "不高于")}
_HEAD = re.compile(r"<<<REPORT HEAD>>>\n(.*?)\n<<<END REPORT HEAD>>>", re.DOTALL)
_UNITS = re.compile(r"<<<UNITS>>>\n(.*?)\n<<<END UNITS>>>", re.DOTALL)
_UNIT_LINE = re.compile(r"^\[(\d+)\] 部分=(\S+?) 原文：(.*)$", re.MULTILINE)


class GenreReference(Reference):
    """A gold file of the genre: its items' evidence located as the rule-of-law references' are."""

    @functools.cached_property
    def targets(self) -> list[Target]:  # type: ignore[override]
        """Every item's evidence, prepared once (a ``Target`` of answers.py is any located passage)."""
        return [Target.of(part, item["text"], item.get("evidence", ""))
                for part in ITEM_PARTS for item in self.data.get(part, [])]


def load_genre_references() -> list[GenreReference]:
    """Every gold file of the govwork dataset."""
    return [GenreReference(r.doc_id, r.data) for r in Reference.load_all((GOVWORK_DIR,))]


def is_genre_request(messages: list[dict]) -> bool:
    """Whether the request's system message is one of the genre's prompts."""
    return any(m.get("role") == "system" and GENRE_MARK in str(m.get("content")) for m in messages)


def scripted_genre_answer(messages: list[dict], references: list[GenreReference]) -> dict | None:
    """The answer to a request of the genre, or None when the request is not one."""
    if not is_genre_request(messages):
        return None
    content = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "") or ""
    if (block := _UNITS.search(content)) is not None:
        return _units_answer(block.group(1), references)
    if (block := _HEAD.search(content)) is not None:
        return _metadata_answer(block.group(1), references)
    return _extract_answer(messages, references)


def _metadata(ref: GenreReference | None) -> dict:
    meta = ref.data.get("metadata", {}) if ref else {}
    return {name: meta.get(name) for name in METADATA}


def _extract_answer(messages: list[dict], references: list[GenreReference]) -> dict:
    numbered = NumberedText(numbered_report(messages) or [])
    best: tuple[int, GenreReference | None, dict] = (0, None, {})
    for ref in references:
        parts: dict[str, list] = {part: [] for part in (*ITEM_PARTS, "targets")}
        found = 0
        for target in ref.targets:
            if ids := numbered.locate_target(target):
                parts[target.part].append({"summary": target.summary, "cite": _ends(ids)})
                found += 1
        for gold in ref.data.get("targets", []):
            if ids := numbered.locate(gold["quote"]):
                parts["targets"].append(_target(gold, ids))
                found += 1
        if found > best[0]:
            best = (found, ref, parts)
    _, ref, parts = best
    if ref is None:
        return {"metadata": _metadata(None), "overview": None, **{p: [] for p in (*ITEM_PARTS, "targets")}}
    meta = _metadata(ref)
    overview = (f"{meta.get('issuer') or '该地'}{meta.get('session_year') or ''}年政府工作报告：回顾{len(parts['review'])}项，"
                f"问题{len(parts['problems'])}项，预期目标{len(parts['targets'])}项，任务{len(parts['plans'])}项。")
    return {"metadata": meta, "overview": overview, **parts}


def _target(gold: dict, ids: list[int]) -> dict:
    value = gold.get("value")
    low, _, high = (value or "").partition("—")
    qualifier = gold.get("qualifier")
    word = next((w for w in _WORDS.get(qualifier or "", ()) if w in gold["quote"]), None)
    return {"indicator": gold["indicator"], "value": float(low) if low else None,
            "value_high": float(high) if high else None, "unit": gold.get("unit"), "qualifier_text": word,
            "comparison": gold.get("comparison"), "cite": _ends(ids)}


def _ends(ids: list[int]) -> list[int]:
    """The first and last id of a passage, as the genre's answer cites it."""
    return [ids[0], ids[-1]] if len(ids) > 1 else ids


def _units_answer(block: str, references: list[GenreReference]) -> dict:
    units = [(int(m.group(1)), m.group(3)) for m in _UNIT_LINE.finditer(block)]
    grams = {uid: _grams(normalise(text.rstrip("…"))) for uid, text in units}
    ref = max(references, key=lambda r: sum(max((_overlap(t, g) for t in r.targets), default=0)
                                            for g in grams.values()), default=None)
    answered = []
    for uid, text in units:
        scored = sorted((_overlap(t, grams[uid]), t.summary) for t in (ref.targets if ref else []))
        best = scored[-1] if scored and scored[-1][0] >= 0.5 else None
        answered.append({"id": uid, "summary": best[1] if best else _first_clause(text)})
    return {"units": answered}


def _metadata_answer(block: str, references: list[GenreReference]) -> dict:
    head = normalise(block)
    for ref in references:
        issuer = ref.data.get("metadata", {}).get("issuer")
        if issuer and normalise(issuer) in head:
            return _metadata(ref)
    return _metadata(None)
