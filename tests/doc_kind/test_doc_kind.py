"""Deciding whether an input is a 法治政府建设年度报告 at all (``summarizer.doc_kind``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.doc_kind import classify
from summarizer.preprocess import clean
from summarizer.structure import parse_structure

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SEEDS = sorted((ROOT / "evals" / "datasets" / "seeds").glob("*.txt"))
DEVSET = sorted((ROOT / "evals" / "datasets" / "devset").glob("d*.txt"))


def _kind(path: Path):
    doc = clean(path)
    return classify(doc.text, parse_structure(doc), doc.hints.title)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_is_a_rule_of_law_report(path):
    kind = _kind(path)
    assert kind.kind == "rule_of_law_report", kind.reason


def test_the_bundled_datasets_are_there():
    assert len(SEEDS) == 5 and len(DEVSET) == 8


@pytest.mark.parametrize("path", DEVSET, ids=lambda p: p.stem)
def test_every_devset_report_is_a_rule_of_law_report(path):
    kind = _kind(path)
    assert kind.kind == "rule_of_law_report", kind.reason


@pytest.mark.parametrize(("name", "expected", "said"), [
    ("news_weather.txt", "not_a_report", "news"),
    ("notice.txt", "not_a_report", "notice"),
    ("gov_work_report.txt", "other_government_report", "各位代表"),
])
def test_other_genres_are_not_rule_of_law_reports(name, expected, said):
    kind = _kind(DATA / name)
    assert kind.kind == expected
    assert said in kind.reason


def test_a_work_report_excerpt_without_its_address_is_still_told_apart():
    text = (DATA / "gov_work_report.txt").read_text(encoding="utf-8")
    excerpt = "\n".join(line for line in text.splitlines() if "各位代表" not in line)
    doc = clean(excerpt)
    kind = classify(doc.text, parse_structure(doc))
    assert kind.kind == "other_government_report"
    assert "地区生产总值" in kind.reason


@pytest.mark.parametrize(("title", "expected"), [
    ("某区2023年法治政府建设年度报告", "rule_of_law_report"),
    ("某局2022年依法行政工作情况报告", "rule_of_law_report"),
    ("2024年某市人民政府政府工作报告", "other_government_report"),
    ("某局2023年工作总结", "other_government_report"),
    ("关于开展法治宣传月活动的通知", "not_a_report"),
])
def test_the_title_names_the_genre(title, expected):
    body = "一、基本情况\n今年以来，我局扎实推进各项工作。\n二、下一步打算\n继续努力。"
    doc = clean(f"{title}\n\n{body}")
    assert classify(doc.text, parse_structure(doc), title).kind == expected


def test_a_short_flat_text_is_not_a_report():
    doc = clean("今天天气晴朗，最高气温二十度，适宜户外活动。")
    kind = classify(doc.text, parse_structure(doc))
    assert kind.kind == "not_a_report"
    assert "too short" in kind.reason
