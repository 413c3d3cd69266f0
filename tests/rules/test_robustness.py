"""The rules backend never fails on odd input and always returns grounded items."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.extract.rules import extract_with_rules
from summarizer.preprocess.document import CleanDocument
from summarizer.schema import PART_NAMES
from summarizer.service import build_summary
from summarizer.structure import parse_structure
from tests.tiers import examples

# Fragments of the genre, recombined at random: markers, cue phrases, figures, punctuation.
FRAGMENTS = [
    "一、",
    "二、",
    "（一）",
    "(二)",
    "七)",
    "1.",
    "2、",
    "（1）",
    "一是",
    "二是",
    "是",
    "二",
    "第一，",
    "①",
    "存在的问题",
    "下一步工作打算",
    "主要举措和成效",
    "究其原因",
    "原因是",
    "第一责任人",
    "党政主要负责人",
    "展望2023年，",
    "2022年，",
    "下一步，",
    "受理案件81件",
    "成功率99.6%",
    "96.15万元",
    "第13名",
    "加强法治建设",
    "取得了一定成绩，但",
    "如：",
    "。",
    "，",
    "；",
    "：",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "某某县2022年法治政府建设年度报告",
    "2023年3月1日",
    "日期: 2031-02-30",
    "2019年度",
    "现将有关情况报告如下：",
]


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=60))
def test_any_mix_of_genre_fragments_gives_a_grounded_extraction(pieces):
    text = "".join(pieces)
    doc = CleanDocument(text=text)
    structure = parse_structure(doc)
    for section in structure.walk():
        assert text[section.heading_start : section.heading_end] == section.heading
        assert section.start <= section.end
    extraction = extract_with_rules(doc, structure)
    for part in PART_NAMES:
        for item in extraction.items(part):
            assert text[item.span.start : item.span.end] == item.evidence
            assert item.summary.strip()
            for figure in item.figures:
                assert text[figure.span.start : figure.span.end] == figure.evidence
    build_summary(extraction, doc, backend="rules")  # validates against the text
