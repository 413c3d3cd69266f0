"""Answers as a strong model would give them, scripted from the reference extractions.

References are every ``*.json`` of ``evals/datasets/seeds`` and
``evals/datasets/devset`` (not a dataset's ``index.json``).

The request's numbered report (between ``<<<REPORT>>>`` and ``<<<END REPORT>>>``
in the last user message that has one) is matched against every reference
in ``evals/datasets/seeds/*.json``: each reference item's evidence is located
among the numbered sentences (whitespace removed, full-width and ASCII
punctuation unified) and its ids are cited, with the reference ``text`` as the
summary. Items whose evidence is not in this (part of the) report are left
out, as a model reading only this part would. A report matching no reference
gets an answer with no items.

The hybrid backend's calls are answered the same way: each unit of a
``<<<UNITS>>>`` block (``[id] 部分=… 原文：…``) gets the ``text`` of the
reference item its text overlaps most as its summary, and, when marked
``部分=？``, that item's part; a unit matching no reference item gets its
first clause. A ``<<<REPORT HEAD>>>`` block gets the metadata of the
reference whose title or issuer it contains. A follow-through link to confirm
(``<<<EARLIER …>>>`` and ``<<<LATER …>>>`` blocks) gets a verdict quoting both
sides (``scripted_link_answer``).
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

PARTS = ("achievements", "problems", "causes", "leader_duties", "plans")
DATASETS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets"
SEEDS_DIR = DATASETS_DIR / "seeds"
REFERENCE_DIRS = (SEEDS_DIR, DATASETS_DIR / "devset")
_INDEX = "index.json"
_BLOCK = re.compile(r"<<<REPORT>>>\n(.*?)\n<<<END REPORT>>>", re.DOTALL)
_MARK = re.compile(r"\[(\d+)\]")
_PUNCT = str.maketrans({
    "，": ",", "。": ".", "；": ";", "：": ":", "！": "!", "？": "?", "（": "(", "）": ")",
    "“": '"', "”": '"', "‘": "'", "’": "'", "【": "[", "】": "]", "、": ",", "《": "<", "》": ">",
})
_SPACE = re.compile(r"\s+")
_MIN_SENTENCE = 6  # shorter sentences are too generic to locate by containment


@functools.lru_cache(maxsize=1 << 16)  # the same sentences recur in request after request
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
    def load_all(cls, folders: tuple[Path, ...] = REFERENCE_DIRS) -> list[Reference]:
        """Every ``*.json`` reference in ``folders`` (a dataset's ``index.json`` is not one)."""
        return [
            cls(p.stem, json.loads(p.read_text(encoding="utf-8")))
            for folder in folders
            for p in sorted(folder.glob("*.json"))
            if p.name != _INDEX
        ]

    @functools.cached_property
    def targets(self) -> list[Target]:
        """Every item's evidence, prepared once rather than per request."""
        return [Target.of(part, item["text"], item.get("evidence", "")) for part in PARTS for item in self.data.get(part, [])]


@dataclass(frozen=True)
class Target:
    """A reference item's evidence, normalised, with the set of its ``_MIN_SENTENCE``-character substrings."""

    part: str
    summary: str
    normalised: str
    grams: frozenset[str]

    @classmethod
    def of(cls, part: str, summary: str, evidence: str) -> Target:
        """The target for one reference item."""
        norm = normalise(evidence)
        grams = frozenset(norm[at : at + _MIN_SENTENCE] for at in range(len(norm) - _MIN_SENTENCE + 1))
        return cls(part, summary, norm, grams)


class NumberedText:
    """The numbered sentences, normalised once, for locating many evidences."""

    def __init__(self, sentences: list[tuple[int, str]]):
        self.normalised = [(sid, normalise(text)) for sid, text in sentences]
        self.joined = "".join(norm for _, norm in self.normalised)
        # Where each sentence with text starts in ``joined`` (empty ones own no character).
        self._starts: list[int] = []
        self._ids: list[int] = []
        # Sentences long enough to be located by containment, by their first characters: a sentence
        # can be inside a target only if its prefix is one of the target's substrings of that length.
        self._by_prefix: dict[str, list[int]] = {}
        pos = 0
        for index, (sid, norm) in enumerate(self.normalised):
            if norm:
                self._starts.append(pos)
                self._ids.append(sid)
                pos += len(norm)
            if len(norm) >= _MIN_SENTENCE:
                self._by_prefix.setdefault(norm[:_MIN_SENTENCE], []).append(index)
        self._prefixes = frozenset(self._by_prefix)

    def locate(self, evidence: str) -> list[int]:
        """The ids of the sentences the evidence covers, or [] when it is not in them."""
        return self.locate_target(Target.of("", "", evidence))

    def locate_target(self, target: Target) -> list[int]:
        """``locate`` for a prepared reference item."""
        norm = target.normalised
        if not norm:
            return []
        pos = self.joined.find(norm)
        if pos >= 0:
            first = bisect.bisect_right(self._starts, pos) - 1
            last = bisect.bisect_right(self._starts, pos + len(norm) - 1) - 1
            return sorted(set(self._ids[first : last + 1]))
        prefixes = target.grams & self._prefixes
        candidates = sorted(index for prefix in prefixes for index in self._by_prefix[prefix])
        inside = [self.normalised[i][0] for i in candidates if self.normalised[i][1] in norm]
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
        for target in ref.targets:
            ids = numbered.locate_target(target)
            if ids:
                parts[target.part].append({"summary": target.summary, "cite": ids})
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


_UNITS = re.compile(r"<<<UNITS>>>\n(.*?)\n<<<END UNITS>>>", re.DOTALL)
_UNIT_LINE = re.compile(r"^\[(\d+)\] 部分=(\S+?) 原文：(.*)$", re.MULTILINE)
_GUESS = re.compile(r"规则猜测 (\w+)")
_HEAD = re.compile(r"<<<REPORT HEAD>>>\n(.*?)\n<<<END REPORT HEAD>>>", re.DOTALL)
_CLAUSE = re.compile(r"[。；，,;]")


def _grams(norm: str) -> set[str]:
    return {norm[at : at + _MIN_SENTENCE] for at in range(len(norm) - _MIN_SENTENCE + 1)}


def _first_clause(text: str) -> str:
    """A unit's own first clause, as a summary for a unit no reference item covers."""
    clause = _CLAUSE.split(text.rstrip("…"), maxsplit=1)[0]
    return clause[:40].rstrip("0123456789.") or text[:20]


def _overlap(target: Target, grams: set[str]) -> float:
    if not target.grams or not grams:
        return 0.0
    return len(target.grams & grams) / min(len(target.grams), len(grams))


def scripted_units_answer(messages: list[dict], references: list[Reference]) -> dict | None:
    """The hybrid backend's answer for a ``<<<UNITS>>>`` request, or None when the request has no units."""
    content = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "")
    block = _UNITS.search(content or "")
    if block is None:
        return None
    units = [(int(m.group(1)), m.group(2), m.group(3)) for m in _UNIT_LINE.finditer(block.group(1))]
    grams = {uid: _grams(normalise(text.rstrip("…"))) for uid, _, text in units}
    # The reference these units come from: the one most of their text overlaps.
    ref = max(references, key=lambda r: sum(max((_overlap(t, g) for t in r.targets), default=0) for g in grams.values()),
              default=None)
    answered = []
    for uid, label, text in units:
        unsure = label.startswith("？")
        guess = (_GUESS.search(label) or [None, None])[1] if unsure else None
        scored = sorted(((_overlap(t, grams[uid]), t.part == guess, t) for t in (ref.targets if ref else [])),
                        key=lambda x: (x[0], x[1]), reverse=True)
        best = scored[0] if scored and scored[0][0] >= 0.5 else None
        summary = best[2].summary if best else _first_clause(text)
        part = (best[2].part if best else guess) if unsure else None
        answered.append({"id": uid, "summary": summary, "part": part})
    return {"units": answered}


def scripted_metadata_answer(messages: list[dict], references: list[Reference]) -> dict | None:
    """The hybrid backend's answer for a ``<<<REPORT HEAD>>>`` request, or None when it has none."""
    content = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "")
    block = _HEAD.search(content or "")
    if block is None:
        return None
    head = normalise(block.group(1))
    empty = {"title": None, "issuer": None, "issuer_level": None, "report_year": None, "published_date": None}
    for ref in references:
        meta = ref.data.get("metadata") or {}
        for name in ("title", "issuer"):
            if meta.get(name) and normalise(meta[name]) in head:
                return {**empty, **{k: v for k, v in meta.items() if k in empty}}
    return empty


_EARLIER = re.compile(r"<<<EARLIER[^>]*>>>\n(.*?)\n<<<END EARLIER>>>", re.DOTALL)
_LATER = re.compile(r"<<<LATER[^>]*>>>\n(.*?)\n<<<END LATER>>>", re.DOTALL)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SAME_MEASURE = 4  # Han characters two items must share in one run to be read as one measure


def _shared_run(a: str, b: str) -> str:
    """The longest run of Han characters that ``a`` and ``b`` both contain (by their own runs)."""
    best = ""
    for run in _HAN_RUN.findall(a):
        for start in range(len(run)):
            for end in range(len(run), start + len(best), -1):
                if run[start:end] in b:
                    best = run[start:end]
                    break
    return best


def scripted_link_answer(messages: list[dict]) -> dict | None:
    """The answer to a follow-through confirmation request (``<<<EARLIER …>>>`` and ``<<<LATER …>>>``
    blocks), or None when the request has none.

    As a careful model reads the genre: the two items are about one measure when they name it
    in the same words, a run of at least four Han characters in common (普法讲师团, 小区排水管网);
    sharing only short terms (宪法, 民法典) is the same field, not the same measure. The quotes
    are the clause of each side that holds the shared words (or each side's first clause)."""
    content = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "")
    earlier, later = _EARLIER.search(content or ""), _LATER.search(content or "")
    if earlier is None or later is None:
        return None
    a, b = earlier.group(1), later.group(1)
    shared = _shared_run(a, b)
    if len(shared) >= _SAME_MEASURE:
        clause_a = next(c for c in _CLAUSE.split(a) if shared in c)
        clause_b = next(c for c in _CLAUSE.split(b) if shared in c)
        return {"verdict": "confirmed", "earlier_quote": clause_a.strip(), "later_quote": clause_b.strip(),
                "reason": f"两年都写明“{shared}”，是同一项措施"}
    first_a = next((c.strip() for c in _CLAUSE.split(a) if c.strip()), a)
    first_b = next((c.strip() for c in _CLAUSE.split(b) if c.strip()), b)
    return {"verdict": "rejected", "earlier_quote": first_a, "later_quote": first_b,
            "reason": "只是同一领域的说法，后一年做的不是前一年计划的那项措施"}
