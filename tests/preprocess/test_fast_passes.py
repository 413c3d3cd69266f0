"""The whole-text preprocessing passes give exactly what the per-character ones gave.

``reference_passes.py`` keeps the passes as they were before they were rewritten
for speed (issue 20). Each is compared with its rewrite on random text made of
what reports and their damage are made of (CJK, traditional characters, ASCII,
punctuation, pinyin annotations, control and zero-width characters, every kind of
blank, GBK mojibake), and on every bundled real report; ``clean()`` as a whole is
compared with ``clean()`` running the reference passes: same text, same repairs
with the same offsets, same paragraphs, dates and warnings.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.preprocess import (
    charstats,
    chrome,
    clean,
    dates,
    edits,
    mojibake,
    normalize,
    pinyin,
    pipeline,
)
from summarizer.preprocess.document import CleanDocument
from summarizer.preprocess.edits import Edit
from tests.preprocess import reference_passes as ref
from tests.tiers import examples

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "evals" / "datasets").glob("*/*.txt")) + sorted((ROOT / "tests").rglob("*.txt"))

_PIECES = (
    list("法治政府建设年度报告区委設區現實實施務發證機關（）()一二三，。、；：:,;?!！？“”‘’《》【】0123456789-%./年月日")
    + list(" \u3000\u00a0\t\n\r\u2028\u2029\u200b\ufeff\x00\x0b\x0c\x1f\x85\u2003\u202f")
    + ["(qū)", "(shí)", "(zhèng)", "(ma)", "(de)", "（lǐ）", "(qū)(qū)", "(试行)", "(2021-2025年)",
       "?。ㄒ唬┥钊胴瀼芈鋵?shí)", "七M", "〓", "\ufffd", "&nbsp;", "\r\n", "\n\u3000\u3000", "  ", " \n ",
       "2023年3月1日", "2023-03-01", "2024 年 12 月 3 日", "1,467", "17:01:57", "99.3%", "(一)", "（二)",
       "乾隆", "著作", "於是", "瞭解", "鬱", "㐀", "\uf900", "𠀀", "ꀀ", "ㄅ", "┥", "\ue000"]
)
mixed_text = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)
random_text = st.one_of(mixed_text, st.text(max_size=200),
                        st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9fff), max_size=200))
_SETTINGS = settings(
    max_examples=int(os.environ.get("PREPROCESS_EXAMPLES") or examples(300)),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _report_texts() -> list[str]:
    """Every bundled report as read and after cleaning (the passes run on both kinds of text)."""
    out = []
    for path in REPORTS:
        raw = path.read_text(encoding="utf-8", errors="replace")
        out.append(raw)
        try:
            out.append(clean(path).text)
        except InputError:
            pass
    return out


REPORT_TEXTS = _report_texts()


def _same_passes(text: str) -> None:
    assert normalize.control_edits(text) == ref.control_edits_ref(text)
    assert normalize.spacing_edits(text) == ref.spacing_edits(text)
    assert normalize.punctuation_edits(text) == ref.punctuation_edits(text)
    assert normalize.bracket_edits(text) == ref.bracket_edits(text)
    assert normalize.full_width_punctuation(text) == ref.full_width_punctuation(text)
    # (both ways it is done: few marks judged run by run, many in one regex scan)
    assert normalize._full_width_runs(text) == normalize._full_width_split(text) == ref.full_width_punctuation(text)
    assert normalize.full_width_brackets(text) == ref.full_width_brackets(text)
    assert pinyin.pinyin_edits(text) == ref.pinyin_edits(text)
    assert pinyin.annotated_chars(text) == ref.annotated_chars(text)
    assert charstats.commonness(text) == ref.commonness(text)
    assert chrome._tokens(text) == ref.tokens(text)


@_SETTINGS
@given(random_text)
def test_fast_passes_equal_the_reference_on_random_text(text):
    _same_passes(text)


def test_fast_passes_equal_the_reference_on_every_bundled_report():
    assert len(REPORT_TEXTS) >= 26  # seeds and devset, raw and clean
    for text in REPORT_TEXTS:
        _same_passes(text)


@_SETTINGS
@given(random_text)
def test_hanzi_check_agrees_with_the_reference(text):
    def outcome(check):
        try:
            check(text, "x")
        except InputError as exc:
            return exc.message
        return None

    assert outcome(pipeline._check_is_chinese) == outcome(ref.check_is_chinese_same_errors)


def test_the_characters_not_surely_common_are_those_the_negated_class_finds():
    # Removing the runs of surely common characters leaves, on every code point, what finding
    # the runs of the others did (the class negated), in order.
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    common = charstats._surely_common().pattern
    assert common.startswith("[") and not common.startswith("[^")
    others = re.compile("[^" + common[1:])
    assert charstats.not_surely_common(every) == "".join(others.findall(every))
    assert 3000 < len(common) and "法" not in charstats.not_surely_common("依法行政")


@_SETTINGS
@given(random_text, st.lists(st.text(min_size=2, max_size=2), max_size=8), st.booleans())
def test_the_mojibake_bigram_test_remembers_what_a_search_finds(text, asked, long_text):
    # Each bigram asked twice, in both ways the document answers (a search, a set on long texts).
    # Bigrams of the text, each followed by one that shares its first character and may be absent.
    asked += [b for i in range(min(8, len(text) - 1)) for b in (text[i : i + 2], text[i] + "\x00")]
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(mojibake, "_BIGRAM_SET_FROM", -1 if long_text else 10**9)
        doc = mojibake._Doc(text)
        for bigram in asked + asked:
            assert doc.has(bigram) == (bigram in text)


@_SETTINGS
@given(st.text(alphabet=st.sampled_from(list("區域区?？，\n的a")), max_size=40))
def test_the_characters_around_a_character_are_those_a_search_finds(text):
    # The neighbours the lost-pair repair reads: split at the character, as each occurrence has
    # them (at the text's ends, twice in a row, not at all).
    doc = mojibake._Doc(text)
    for ch in set(text) | {"区", "x"}:
        at = [i for i, c in enumerate(text) if c == ch]
        assert doc.after(ch) == {text[i + 1] for i in at if i + 1 < len(text)}
        assert doc.before(ch) == {text[i - 1] for i in at if i > 0}


@_SETTINGS
@given(st.lists(st.sampled_from(["乾隆", "實施", "發展", "區", "著", "於", "瞭", "，", "。", "a", "\n", "\u3000", "里",
                                 "後", "髮", "麵", "製", "臺", "乾", "係", "\n\n"]), max_size=80).map("".join))
def test_t2s_of_the_whole_text_equals_line_by_line(text):
    old = pipeline._Work(text)
    ref.work_convert_t2s(old)
    new = pipeline._Work(text)
    new.convert_t2s()
    assert (new.text, new.counted, new.t2s_examples) == (old.text, old.counted, old.t2s_examples)
    assert list(new.t2s_examples) == list(old.t2s_examples)  # the same examples come first


@_SETTINGS
@given(random_text, st.data())
def test_edits_apply_and_map_offsets_as_before(text, data):
    n = len(text)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 4), st.sampled_from(["", "x", "區", "ab"])),
                               max_size=12))
    step = [Edit(s, min(n, s + k), new, kind="whitespace") for s, k, new in spans]
    new_text, kept, omap = edits.apply_edits(text, step)
    old_text, old_kept, old_map = ref.apply_edits(text, step)
    assert (new_text, kept) == (old_text, old_kept)
    assert omap.moves == any(len(e.new) != e.end - e.start for e in kept)
    for pos in range(n + 1):
        assert omap(pos) == old_map(pos) and omap(pos, is_end=True) == old_map(pos, is_end=True)


def test_edits_keeping_the_start_of_what_they_replace_map_offsets_as_before():
    # ``區(qū)`` -> ``區``: the offset map takes these without trimming them one by one.
    text = "區(qū)域(yù)設(shè)ab(x)"
    step = [Edit(0, 5, "區"), Edit(5, 10, "域"), Edit(10, 16, "設(s"), Edit(16, 18, "a"), Edit(18, 21, "(x")]
    new_text, kept, omap = edits.apply_edits(text, step)
    old_text, old_kept, old_map = ref.apply_edits(text, step)
    assert (new_text, kept) == (old_text, old_kept) == ("區域設(sa(x", step)
    for pos in range(len(text) + 1):
        assert omap(pos) == old_map(pos) and omap(pos, is_end=True) == old_map(pos, is_end=True)


@pytest.fixture
def reference_clean(monkeypatch):
    """``clean`` with every rewritten pass replaced by its reference."""

    def run(source):
        with monkeypatch.context() as patched:
            ref.patch_reference(patched)
            return _dump(source)

    return run


def _dump(source):
    try:
        return clean(source).model_dump(mode="json")
    except InputError as exc:
        return exc.message


def test_clean_equals_the_reference_on_every_bundled_report(reference_clean):
    for path in REPORTS:
        assert _dump(path) == reference_clean(path), path.name


def _bodies() -> list[list[str]]:
    """The paragraphs of every bundled report, as the eval writes its format copies."""
    from summarizer.evals.formats import body_of

    return [body_of(path.read_text(encoding="utf-8")) for path in REPORTS if "datasets" in path.parts]


@pytest.mark.slow  # every bundled report in one line through the old passes (about 1 CPU-s)
def test_clean_equals_the_reference_on_every_bundled_report_in_one_line(reference_clean):
    """The eval's one-line format (every break lost): the run-on paragraph cuts at work."""
    from summarizer.evals.formats import make_oneline

    for body in _bodies():
        data = make_oneline(body)
        assert _dump(data) == reference_clean(data), body[0][:20]


@pytest.mark.slow  # draws every bundled report as a PDF and a .docx and reads them back (about 30 s)
def test_clean_equals_the_reference_on_every_bundled_report_as_pdf_and_docx(reference_clean):
    """The eval's PDF and .docx formats: the text their readers extract (page numbers, wraps)."""
    from summarizer.evals.formats import make_docx, make_pdf, pdf_available

    makers = [make_docx, *([make_pdf] if pdf_available() else [])]
    for body in _bodies():
        for make in makers:
            data = make(body)
            assert _dump(data) == reference_clean(data), (make.__name__, body[0][:20])


@settings(max_examples=int(os.environ.get("PREPROCESS_EXAMPLES") or examples(150)), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(mixed_text, mixed_text.map(str.encode), st.binary(max_size=400)))
def test_clean_equals_the_reference_on_random_input(reference_clean, source):
    assert _dump(source) == reference_clean(source)


def test_dates_found_in_the_whole_text_equal_those_found_line_by_line():
    for text in REPORT_TEXTS:
        paragraphs = CleanDocument(text=text).paragraphs
        for body_start in (None, 0, len(text) // 3):
            assert dates.body_dates(text, paragraphs, body_start) == ref.body_dates(text, paragraphs, body_start)


_RUN_ON_TEXT = st.text(alphabet=st.sampled_from(list("（(一二三十）)第条款 \t\u3000。！？主要预期目标指标是为：:，建设")), max_size=80)


@_SETTINGS
@given(_RUN_ON_TEXT, st.integers(0, 5))
def test_run_on_cuts_equal_the_reference_patterns(text, start):
    """The paragraph cuts of run-on text fall where the assertion-first patterns put them."""
    from summarizer.preprocess import paragraphs as p

    start = min(start, len(text))
    end = len(text)
    assert {m.start() for m in p._compiled(p._FULL_PAREN_ANYWHERE).finditer(text, start + 1, end)} | {
        m.start() for m in p._compiled(p._ASCII_PAREN_ANYWHERE).finditer(text, start + 1, end)} == {
        m.start() for m in ref.PAREN_ANYWHERE.finditer(text, start + 1, end)}
    assert {m.end() for m in p._compiled(p._LOST_BREAK).finditer(text, start + 1, end)} == {
        m.end() for m in ref.LOST_BREAK.finditer(text, start + 1, end)}
    assert p._targets_cuts(text, start, end) == {
        m.end() for m in ref.TARGETS_SENTENCE.finditer(text, start + 1, end)}


_RUN_ON_PIECES = st.sampled_from(
    list("（(一二三十）)第条款件附 \t\u3000\n。！？!?；;：:”“，、.．建设12３") + [
        "主要预期目标是：", "主要指标为:", "下一步，", "展望2024年", "各位代表，", "在看到成绩的同时",
        "我们清醒地认识到", "今年全区经济社会发展主要目标", "——经济", "——2015年2月5日", "--2019年3月1日",
        "—2020年1月2日", " ——2015年2月5日", "附件1", "附件12021年", "附件：", "有关名词解释1.",
        "术语注释：一、", "名词解释", "有关名词解释 一、", "术语解释一．", "感谢！", "敬意!", "1.", "2、", "（1）", "(2)", "10.", "1.5亿元",
        "工作回顾2015年是", "干字当头、凝心聚力，", "全区政府系统", "设1.推进", "设2、推进", "设٣.推进", "²", "设3.推进", "设（1）推进", "设(2)推进", "  ", " \t", "\u3000\u3000", "一、", "（二）", "第（一）项", "第 (三)"])
run_on_text = st.lists(_RUN_ON_PIECES, max_size=60).map("".join)


def _same_cuts(text: str, *, whole: bool = True, lines: bool = True) -> None:
    from summarizer.preprocess import paragraphs as p

    spans = [*([(0, len(text))] if whole else []), *((s, s + len(line)) for s, line in _line_spans(text) if lines)]
    for start, end in spans:
        for run_on in (False, True):
            assert p._split_run_on(text, start, end, run_on) == ref.split_run_on(text, start, end, run_on)


def _line_spans(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


@_SETTINGS
@given(run_on_text)
@example("表示衷心的感谢！今年工作")  # each trigger alone (each is looked for first)
@example("向各位致以崇高的敬意!今年工作")
@example("推进依法行政(二)建设法治政府第 (三)项")
@example("政府工作报告——2024年1月2日在大会上")
@example("各位代表：主要预期目标是：增长5%左右。附件12021年")
@example("一、法治政府建设！ 推进工作。（二）建设")  # a heading's line: ended by a sentence mark, or a blank
@example("一、2015年工作回顾2015年是关键一年；我们推进！（二）建设")  # a heading glued to its body
@example("三、干字当头、凝心聚力；全面抓好2025年政府工作全区政府系统要。（二）建设")
def test_run_on_cuts_equal_the_reference_on_random_text(text):
    """Every paragraph cut, made in one scan per trigger, falls where the patterns as they were put it."""
    _same_cuts(text)


@pytest.mark.slow  # every bundled report through the old cut passes (about 2 CPU-s); random text stays fast
def test_run_on_cuts_equal_the_reference_on_every_bundled_report():
    from summarizer.evals.formats import body_of, make_oneline

    for text in REPORT_TEXTS:
        _same_cuts(text, whole=False)  # each line a paragraph
        _same_cuts(make_oneline(body_of(text)).decode(), lines=False)  # the eval's one-line format
