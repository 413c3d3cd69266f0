"""Sentence numbering and citation resolution."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarizer.extract.llm.citations import number_sentences, render_numbered, resolve_citation
from summarizer.preprocess.document import CleanDocument, Paragraph

TEXT = "  一、总体情况\n\n  一是强化学习。全年学法4次；覆盖2万人！\n二是“加强”考评。”结束"


def _doc(text: str) -> CleanDocument:
    import re

    paras = [Paragraph(start=m.start(), end=m.end()) for m in re.finditer(r"[^\n]+", text)]
    return CleanDocument(text=text, paragraphs=paras)


def test_sentences_split_at_terminators_and_trim_blanks():
    doc = _doc(TEXT)
    got = [doc.text[s.start : s.end] for s in number_sentences(doc)]
    assert got == ["一、总体情况", "一是强化学习。", "全年学法4次；", "覆盖2万人！", "二是“加强”考评。”", "结束"]
    assert [s.id for s in number_sentences(doc)] == [1, 2, 3, 4, 5, 6]


def test_paragraphs_default_to_lines_when_preprocessing_gave_none():
    doc = CleanDocument(text="甲。乙。\n丙。")
    sentences = number_sentences(doc)
    assert [(s.id, s.paragraph) for s in sentences] == [(1, 0), (2, 0), (3, 1)]


def test_render_puts_one_paragraph_per_line_with_ids():
    doc = _doc(TEXT)
    assert render_numbered(doc.text, number_sentences(doc)).splitlines() == [
        "[1]一、总体情况",
        "[2]一是强化学习。[3]全年学法4次；[4]覆盖2万人！",
        "[5]二是“加强”考评。”[6]结束",
    ]


def test_resolve_spans_first_to_last_cited_sentence():
    doc = _doc(TEXT)
    by_id = {s.id: s for s in number_sentences(doc)}
    c = resolve_citation([4, 2, 3], by_id)
    assert doc.text[c.start : c.end] == "一是强化学习。全年学法4次；覆盖2万人！"
    assert c.unknown == () and c.ignored == ()


def test_resolve_reports_unknown_ids_and_drops_when_nothing_exists():
    by_id = {s.id: s for s in number_sentences(_doc(TEXT))}
    assert resolve_citation([99, 100], by_id) is None
    c = resolve_citation([2, 99], by_id)
    assert c.used == (2,) and c.unknown == (99,)


def test_resolve_keeps_the_longest_run_of_scattered_ids():
    text = "。".join(f"句{i}" for i in range(1, 21)) + "。"
    by_id = {s.id: s for s in number_sentences(CleanDocument(text=text))}
    c = resolve_citation([1, 10, 11, 12], by_id)
    assert c.used == (10, 11, 12) and c.ignored == (1,)
    assert resolve_citation([3, 5], by_id).used == (3, 5)  # a small gap is still one passage


@given(st.text(alphabet=st.sampled_from(list("法治。；！？\n 甲乙”")), max_size=80), st.lists(st.integers(0, 40), min_size=1))
def test_resolved_evidence_is_always_the_text_at_its_span(text, ids):
    doc = CleanDocument(text=text)
    sentences = number_sentences(doc)
    for s in sentences:
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end].strip() == text[s.start : s.end]
    c = resolve_citation(ids, {s.id: s for s in sentences})
    if c is not None:
        assert 0 <= c.start < c.end <= len(text)
        assert set(c.used) | set(c.unknown) | set(c.ignored) == set(ids)
