"""The government-work-report devset (evals/datasets/govwork/): every gold answer is well-formed
and grounded in its report.

The genre is not extracted by this version yet, so nothing here scores a summary; these checks keep
the gold honest for the work that will: every evidence passage and target quote occurs in the report
text (after the matching rule's normalisation: whitespace removed, ASCII and full-width punctuation
alike), ids and the manifest agree, and every field has its documented type (the dataset README).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from summarizer.evals.dataset import MANIFEST_NAME, SUPPORTED_GENRES, dataset_genre
from summarizer.evals.matching import normalize
from summarizer.evals.metadata_basis import check_reference_basis
from summarizer.genres import GOVERNMENT_WORK_REPORT

DATASET = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "govwork"
GENRE = "government_work_report"
ITEM_PARTS = ("review", "problems", "plans", "government_self_building")
PARTS = ("review", "problems", "targets", "plans", "government_self_building")
# national: the State Council (国务院), whose report the genre includes beside the local ones
LEVELS = {"national", "province", "city", "county", "township", "department"}
QUALIFIERS = {"about", "more_than", "nearly", "over", "at_least", "under", "at_most"}
METADATA_KEYS = {"title", "issuer", "issuer_level", "report_year", "session_year", "congress_session",
                 "speaker", "delivery_date", "published_date"}
TARGET_KEYS = {"indicator", "value", "unit", "qualifier", "comparison", "quote"}
SESSION = re.compile(r"^第[一二三四五六七八九十]+届人民代表大会第[一二三四五六七八九十]+次会议$")
# a figure as written, or a range of two (8—8.5) with the dash the text uses
NUMBER = re.compile(r"^\d+(\.\d+)?([—–\-－~～至到]\d+(\.\d+)?)?$")
MAX_TEXT = 60
# How the text bounds a figure (README, "Targets"): a word before the number or after its unit.
QUALIFIER_BEFORE = {"约": "about", "接近": "nearly", "将近": "nearly", "近": "nearly", "超过": "more_than",
                    "高于": "more_than", "不低于": "at_least", "不少于": "at_least", "至少": "at_least",
                    "不超过": "at_most", "不高于": "at_most", "低于": "under", "不到": "under"}
QUALIFIER_AFTER = {"左右": "about", "上下": "about", "以上": "over", "余": "over", "多": "over",
                   "以内": "at_most", "以下": "under"}
LIST_TAIL = re.compile(r"^(?:[、，和及]\d+(?:\.\d+)?%?)*")

MANIFEST = json.loads((DATASET / MANIFEST_NAME).read_text(encoding="utf-8"))
IDS = [r["id"] for r in MANIFEST["reports"]]


def _gold(doc_id: str) -> dict:
    return json.loads((DATASET / f"{doc_id}.json").read_text(encoding="utf-8"))


def _report(doc_id: str) -> str:
    return (DATASET / f"{doc_id}.txt").read_bytes().decode("utf-8")


def _is_date(value) -> bool:
    if value is None:
        return True
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except (TypeError, ValueError):
        return False


def test_manifest_declares_the_genre_and_lists_every_report_once():
    assert dataset_genre(DATASET) == GENRE and GENRE in SUPPORTED_GENRES  # scored as its genre
    files = sorted(p.stem for p in DATASET.glob("g*.json"))
    assert IDS == sorted(set(IDS)) == files == sorted(p.stem for p in DATASET.glob("g*.txt"))
    assert len(IDS) >= 8
    assert {r["level"] for r in MANIFEST["reports"]} >= {"province", "city", "county"}
    for entry in MANIFEST["reports"]:
        source = entry["source"]
        assert source["repository"] and source["path"] and re.fullmatch(r"[0-9a-f]{40}", source["commit"])
        assert entry["shape"].strip()


@pytest.mark.parametrize("doc_id", IDS)
def test_gold_is_well_typed_and_agrees_with_the_manifest(doc_id):
    gold = _gold(doc_id)
    entry = next(r for r in MANIFEST["reports"] if r["id"] == doc_id)
    assert set(gold) == {"doc_id", "metadata", "sections_present", *PARTS}
    assert gold["doc_id"] == doc_id

    meta = dict(gold["metadata"])
    basis = meta.pop("basis")
    assert set(meta) == METADATA_KEYS
    # every value says whether the report states it; the level follows the issuer, the year
    # reviewed the session year it is counted back from (the README's convention)
    assert set(basis) == {k for k, v in meta.items() if v is not None}
    assert check_reference_basis(basis, meta, GOVERNMENT_WORK_REPORT.metadata_fields) == []
    assert basis["issuer_level"] == basis["issuer"] and basis["report_year"] == basis["session_year"]
    assert isinstance(meta["issuer"], str) and meta["issuer"].strip()
    assert meta["issuer_level"] in LEVELS
    assert isinstance(meta["report_year"], int) and 2013 <= meta["report_year"] <= 2024
    assert meta["session_year"] == meta["report_year"] + 1
    assert meta["congress_session"] is None or SESSION.match(meta["congress_session"])
    for key in ("title", "speaker"):
        assert meta[key] is None or (isinstance(meta[key], str) and meta[key].strip())
    assert _is_date(meta["delivery_date"]) and _is_date(meta["published_date"])
    assert (entry["issuer"], entry["level"], entry["report_year"]) == (
        meta["issuer"], meta["issuer_level"], meta["report_year"])

    assert gold["sections_present"] == {p: bool(gold[p]) for p in PARTS}
    assert entry["counts"] == {p: len(gold[p]) for p in PARTS}
    assert entry["chars"] == len(_report(doc_id))
    for part in ITEM_PARTS:
        for item in gold[part]:
            assert set(item) == {"text", "evidence"}
            assert isinstance(item["text"], str) and 0 < len(item["text"]) <= MAX_TEXT, item["text"]
            assert isinstance(item["evidence"], str) and len(normalize(item["evidence"])) >= 8
    for target in gold["targets"]:
        assert set(target) == TARGET_KEYS
        assert isinstance(target["indicator"], str) and target["indicator"].strip()
        assert target["value"] is None or NUMBER.match(target["value"]), target
        assert target["value"] is None or target["value"] in target["quote"], target
        assert target["unit"] is None or (isinstance(target["unit"], str) and target["unit"].strip())
        assert target["qualifier"] is None or target["qualifier"] in QUALIFIERS
        assert target["comparison"] is None or (isinstance(target["comparison"], str) and target["comparison"])


@pytest.mark.parametrize("doc_id", IDS)
def test_a_stated_value_is_written_in_the_title_subtitle_or_address(doc_id):
    meta = _gold(doc_id)["metadata"]
    text = _report(doc_id)
    head = "".join(text[: text.find("各位代表")].split())  # title and subtitle
    for field, kind in meta["basis"].items():
        value = meta[field]
        if field == "issuer":
            written = value in head or f"我代表{value}人民政府" in text or f"我代表{value}" in text
            assert written == (kind == "stated"), field
        elif field == "session_year":
            assert (str(value) in head) == (kind == "stated"), field


@pytest.mark.parametrize("doc_id", IDS)
def test_every_evidence_and_quote_occurs_in_the_report(doc_id):
    gold = _gold(doc_id)
    text = normalize(_report(doc_id))
    missing = [(part, item["evidence"][:40]) for part in ITEM_PARTS for item in gold[part]
               if normalize(item["evidence"]) not in text]
    missing += [("targets", t["quote"]) for t in gold["targets"] if normalize(t["quote"]) not in text]
    assert not missing, f"{doc_id}: passages not in the report text: {missing}"
    for part in ITEM_PARTS:
        evidences = [normalize(i["evidence"]) for i in gold[part]]
        assert len(evidences) == len(set(evidences)), f"{doc_id}.{part}: an evidence passage is listed twice"


def _bound_in_quote(target: dict) -> str | None:
    """The qualifier the quote's wording gives the target's figure (a list's trailing word covers all)."""
    quote, value, unit = target["quote"], target["value"], target["unit"] or ""
    at = quote.index(value)
    before = quote[:at]
    for word in sorted(QUALIFIER_BEFORE, key=len, reverse=True):
        if before.endswith(word):
            return QUALIFIER_BEFORE[word]
    after = quote[at + len(value):]
    after = after.removeprefix(unit)
    after = after[LIST_TAIL.match(after).end():]
    return next((q for word, q in QUALIFIER_AFTER.items() if after.startswith(word)), None)


@pytest.mark.parametrize("doc_id", IDS)
def test_every_qualifier_is_the_bound_the_quote_puts_on_the_figure(doc_id):
    wrong = [(t["indicator"], t["qualifier"], _bound_in_quote(t)) for t in _gold(doc_id)["targets"]
             if t["value"] is not None and t["qualifier"] != _bound_in_quote(t)]
    assert not wrong, f"{doc_id}: (indicator, gold qualifier, qualifier the quote gives): {wrong}"


def test_the_qualifier_reading_handles_lists_and_units():
    listed = {"quote": "万元GDP建设用地、水耗、电耗分别下降5%、5%、3%左右", "value": "5", "unit": "%"}
    assert _bound_in_quote(listed) == "about"
    assert _bound_in_quote({"quote": "固定资产投资完成2000亿元以上", "value": "2000", "unit": "亿元"}) == "over"
    assert _bound_in_quote({"quote": "规模以上工业增加值增长6.0%", "value": "6.0", "unit": "%"}) is None
    assert _bound_in_quote({"quote": "城镇登记失业率控制在3%以内", "value": "3", "unit": "%"}) == "at_most"


def test_the_checker_catches_a_passage_that_is_not_in_the_report():
    text = normalize("　　（一）促升级，“质量罗湖”效益彰显\n速度效益双提升。")
    assert normalize("(一)促升级,\"质量罗湖\"效益彰显 速度效益双提升.") in text  # punctuation and spaces aside
    assert normalize("（一）促升级，质量罗湖效益明显") not in text
