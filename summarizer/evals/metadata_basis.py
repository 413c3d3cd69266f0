"""Metadata basis against the reference: is an inferred value marked, is a stated value's evidence right.

A reference may say, per metadata field with a value, whether the report states it or leaves it
to be inferred (``metadata.basis``: ``{"session_year": "inferred", "issuer": "stated"}``; the
govwork dataset's README gives the convention). For each such field the summary gives a value
for, the eval records how the summary presents it (``FieldBasis.inferred``) and, for a value it
presents as stated, whether its evidence is the clean text at its span and writes the value.
Pooled over a run:

- ``metadata_basis.inferred_marked_rate``: of the values the reference calls inferred, the share
  the summary marks inferred (an unmarked one is a guess stated as fact);
- ``metadata_basis.stated_right_rate``: of the values the summary presents as stated, the share
  the reference calls stated;
- ``metadata_basis.evidence_ok_rate``: of the values the summary presents as stated (other than
  from a page record, which lies outside the text), the share whose evidence is the clean text at
  its span and writes the value.
"""

from __future__ import annotations

import re
from typing import Any

BASIS_KINDS = ("stated", "inferred")
_CN_NUMERALS = re.compile(r"[一二三四五六七八九十百]+")


def check_reference_basis(basis: Any, metadata: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """What is wrong with a reference's ``metadata.basis`` (empty when it is well formed)."""
    if not isinstance(basis, dict):
        return ["metadata.basis must be an object of field: stated | inferred"]
    problems = []
    for name, kind in basis.items():
        if name not in fields:
            problems.append(f"metadata.basis.{name} is not a metadata field")
        elif kind not in BASIS_KINDS:
            problems.append(f"metadata.basis.{name} must be one of {', '.join(BASIS_KINDS)}, not {kind!r}")
        elif metadata.get(name) is None:
            problems.append(f"metadata.basis.{name} is given for a field without a value")
    return problems


def _writes(field: str, value: Any, evidence: str, metadata: Any) -> bool:
    """Whether ``evidence`` writes ``value`` of ``field`` (whitespace aside)."""
    flat = "".join(evidence.split())
    if field == "report_year":  # the year reviewed, or the session's, which it is counted back from
        return str(value) in flat or str(value + 1) in flat
    if field in ("session_year",):
        return str(value) in flat
    if field in ("delivery_date", "published_date"):
        return f"{value.year}年{value.month}月{value.day}日" in flat or value.isoformat() in flat
    if field == "congress_session":  # 第十四届人民代表大会第六次会议 may be written 十四届人大六次会议
        numerals = _CN_NUMERALS.findall(str(value).replace("人民代表大会", ""))
        at = 0
        for numeral in numerals:
            at = flat.find(numeral, at)
            if at < 0:
                return False
        return True
    if field == "issuer_level":  # read from the issuer's name, which the evidence writes
        issuer = getattr(metadata, "issuer", None)
        return issuer is not None and issuer in flat
    return "".join(str(value).split()) in flat


def basis_case(summary: Any, reference: dict[str, Any], clean_text: str) -> dict[str, dict[str, Any]]:
    """Per field the reference gives a basis for and the summary a value: ``reference`` (stated |
    inferred), ``marked`` (the summary marks it inferred), ``source`` and, for a value presented as
    stated, ``evidence_ok``."""
    metadata = summary.metadata
    out: dict[str, dict[str, Any]] = {}
    for name, kind in ((reference.get("metadata") or {}).get("basis") or {}).items():
        value = getattr(metadata, name, None)
        if value is None or not hasattr(metadata, "field_basis"):
            continue
        basis = metadata.field_basis(name)
        row: dict[str, Any] = {"reference": kind, "marked": basis.inferred, "source": basis.source}
        if basis.source is not None and not basis.inferred and basis.source != "page record":
            row["evidence_ok"] = (basis.span is not None and basis.evidence is not None
                                  and clean_text[basis.span.start:basis.span.end] == basis.evidence
                                  and _writes(name, value, basis.evidence, metadata))
        out[name] = row
    return out


def basis_scores(cases: list[dict[str, dict[str, Any]]]) -> dict[str, float]:
    """The pooled rates of a run (only those with something to count)."""
    rows = [row for case in cases for row in case.values()]
    inferred = [r for r in rows if r["reference"] == "inferred"]
    presented_stated = [r for r in rows if not r["marked"]]
    evidenced = [r for r in rows if "evidence_ok" in r]
    rates = {
        "metadata_basis.inferred_marked_rate": (sum(r["marked"] for r in inferred), len(inferred)),
        "metadata_basis.stated_right_rate": (sum(r["reference"] == "stated" for r in presented_stated),
                                             len(presented_stated)),
        "metadata_basis.evidence_ok_rate": (sum(r["evidence_ok"] for r in evidenced), len(evidenced)),
    }
    return {name: round(hit / n, 6) for name, (hit, n) in rates.items() if n}


def basis_problems(case: dict[str, dict[str, Any]]) -> list[str]:
    """A reader's words for what is wrong in one document's metadata basis."""
    problems = []
    for name, row in case.items():
        if row["reference"] == "inferred" and not row["marked"]:
            problems.append(f"metadata {name}: inferred but presented as stated ({row['source']})")
        if row.get("evidence_ok") is False:
            problems.append(f"metadata {name}: its evidence does not state it")
    return problems
