"""Answers as a strong model would give them, scripted from the reference extractions.

The request's numbered report (between ``<<<REPORT>>>`` and ``<<<END REPORT>>>``
in the last user message that has one) is matched against every reference
in ``evals/datasets/seeds/*.json``: each reference item's evidence is located
among the numbered sentences (whitespace removed, full-width and ASCII
punctuation unified) and its ids are cited, with the reference ``text`` as the
summary. Items whose evidence is not in this (part of the) report are left
out, as a model reading only this part would. A report matching no reference
gets an answer with no items.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

PARTS = ("achievements", "problems", "causes", "leader_duties", "plans")
SEEDS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"
_BLOCK = re.compile(r"<<<REPORT>>>\n(.*?)\n<<<END REPORT>>>", re.DOTALL)
_MARK = re.compile(r"\[(\d+)\]")
_PUNCT = str.maketrans({
    "，": ",", "。": ".", "；": ";", "：": ":", "！": "!", "？": "?", "（": "(", "）": ")",
    "“": '"', "”": '"', "‘": "'", "’": "'", "【": "[", "】": "]", "、": ",", "《": "<", "》": ">",
})
_SPACE = re.compile(r"\s+")
_MIN_SENTENCE = 6  # shorter sentences are too generic to locate by containment


def normalise(text: str) -> str:
    """Whitespace removed, full-width punctuation as ASCII."""
    return _SPACE.sub("", text).translate(_PUNCT)


def numbered_report(messages: list[dict]) -> list[tuple[int, str]] | None:
    """``(id, sentence)`` pairs of the report in the last user message that carries one."""
    for m in reversed(messages):
        if m.get("role") != "user" or not isinstance(m.get("content"), str):
            continue
        block = _BLOCK.search(m["content"])
        if block:
            pieces = _MARK.split(block.group(1))
            return [(int(pieces[i]), pieces[i + 1].strip()) for i in range(1, len(pieces) - 1, 2)]
    return None


@dataclass
class Reference:
    """One reference extraction, loaded from its JSON file."""

    doc_id: str
    data: dict

    @classmethod
    def load_all(cls, folder: Path = SEEDS_DIR) -> list[Reference]:
        """Every ``*.json`` reference in ``folder``."""
        return [cls(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.json"))]


class NumberedText:
    """The numbered sentences, normalised once, for locating many evidences."""

    def __init__(self, sentences: list[tuple[int, str]]):
        self.normalised = [(sid, normalise(text)) for sid, text in sentences]
        self.joined = "".join(norm for _, norm in self.normalised)
        self.owners = [sid for sid, norm in self.normalised for _ in norm]

    def locate(self, evidence: str) -> list[int]:
        """The ids of the sentences the evidence covers, or [] when it is not in them."""
        target = normalise(evidence)
        if not target:
            return []
        pos = self.joined.find(target)
        if pos >= 0:
            return sorted(set(self.owners[pos : pos + len(target)]))
        inside = [sid for sid, norm in self.normalised if len(norm) >= _MIN_SENTENCE and norm in target]
        if not inside:
            return []
        runs: list[list[int]] = [[inside[0]]]
        for sid in inside[1:]:
            runs[-1].append(sid) if sid == runs[-1][-1] + 1 else runs.append([sid])
        return max(runs, key=len)


def scripted_answer(messages: list[dict], references: list[Reference]) -> dict:
    """The answer a strong model would give to the report in ``messages``."""
    numbered = NumberedText(numbered_report(messages) or [])
    best: tuple[int, Reference | None, dict] = (0, None, {})
    for ref in references:
        parts = {part: [] for part in PARTS}
        found = 0
        for part in PARTS:
            for item in ref.data.get(part, []):
                ids = numbered.locate(item.get("evidence", ""))
                if ids:
                    parts[part].append({"summary": item["text"], "cite": ids})
                    found += 1
        if found > best[0]:
            best = (found, ref, parts)
    found, ref, parts = best
    if ref is None:
        empty = {"title": None, "issuer": None, "issuer_level": None, "report_year": None, "published_date": None}
        return {"metadata": empty, "overview": None, **{part: [] for part in PARTS}}
    meta = ref.data["metadata"]
    overview = (
        f"{meta.get('issuer') or '该机关'}{meta.get('report_year') or ''}年法治政府建设情况："
        f"举措成效{len(parts['achievements'])}项，不足{len(parts['problems'])}项，"
        f"下一年度安排{len(parts['plans'])}项。"
    )
    return {"metadata": meta, "overview": overview, **parts}
