"""Work the rules path does once and shares: the runs of a text (phrases) and the paragraphs
the section tree was parsed from (structure). Each shortcut is compared with the plain
computation it replaces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.extract import phrases
from summarizer.extract.rules import figures, items, metadata, part_classifier, summaries
from summarizer.extract.rules.backend import extract_with_rules
from summarizer.preprocess import clean
from summarizer.preprocess.document import CleanDocument
from summarizer.preprocess.paragraphs import segment
from summarizer.structure import DocumentStructure, parse_structure
from tests.tiers import examples

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "evals" / "datasets" / "seeds").glob("*.txt"))[:3]
_RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")

# Run characters (Han, letters, digits, +#&._%-) mixed with what separates runs.
_TEXT = st.text(alphabet=st.sampled_from(list("法治政府建设年a1.%-+ ，。（）\n\u3000、：《》Z9")), max_size=60)


def _run_around_by_char(text: str, pos: int) -> tuple[int, int]:
    """The old definition: walk out from ``pos`` one character at a time."""
    start = pos
    while start > 0 and _RUN_CHAR.match(text[start - 1]):
        start -= 1
    end = pos
    while end < len(text) and _RUN_CHAR.match(text[end]):
        end += 1
    return start, end


def _tagged_spans_by_char(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    spans, pos = [], start
    while pos < end:
        if not _RUN_CHAR.match(text[pos]):
            pos += 1
            continue
        run_start, run_end = _run_around_by_char(text, pos)
        for s, e, tag in phrases._tagged(text[run_start:run_end]):
            s, e = max(run_start + s, start), min(run_start + e, end)
            if s < e:
                spans.append((s, e, tag))
        pos = run_end
    return spans


@settings(max_examples=examples(300), deadline=None)
@given(_TEXT, st.data())
def test_runs_found_once_match_the_walk_out(text: str, data: st.DataObject) -> None:
    for pos in range(len(text) + 1):
        assert phrases._run_around(text, pos) == _run_around_by_char(text, pos)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert phrases.tagged_spans(text, start, end) == _tagged_spans_by_char(text, start, end)


def _is_word_boundary_plain(text: str, pos: int) -> bool:
    """The plain definition: ``pos`` is no offset inside a word of the run around it."""
    if pos <= 0 or pos >= len(text) or not (_RUN_CHAR.match(text[pos - 1]) and _RUN_CHAR.match(text[pos])):
        return True
    run_start, run_end = _run_around_by_char(text, pos)
    return pos - run_start in {s for s, _, _ in phrases._tagged(text[run_start:run_end])}


@settings(max_examples=examples(300), deadline=None)
@given(_TEXT)
def test_word_boundaries_kept_per_run_match_the_plain_definition(text: str) -> None:
    # Each run's words are looked up once per text and kept as offsets into it.
    for pos in range(-1, len(text) + 2):
        assert phrases.is_word_boundary(text, pos) == _is_word_boundary_plain(text, pos)


# Longer words than the sampled alphabet makes: jieba splits these into several words a run.
_WORDY = st.text(alphabet=st.sampled_from(list("行政复议案件受理法治政府建设共有12个，。 的和")), max_size=60)


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(_TEXT, _WORDY), st.data())
def test_first_and_last_word_spans_are_those_of_word_spans(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = phrases.word_spans(text, start, end)
    assert phrases.first_word_span(text, start, end) == (spans[0] if spans else None)
    assert phrases.last_word_span(text, start, end) == (spans[-1] if spans else None)


def test_the_paragraphs_are_segmented_once_and_travel_with_the_document() -> None:
    for path in REPORTS:
        doc = clean(path, name=path.name)
        assert doc.paragraph_spans == segment(doc.text)
        # Read back from JSON (the LLM cassettes store documents and structures), both give
        # the same paragraphs and so the same extraction: nothing segments again.
        restored_doc = CleanDocument.model_validate(doc.model_dump(mode="json"))
        assert restored_doc.paragraphs == doc.paragraphs
        structure = parse_structure(doc)
        restored = DocumentStructure.model_validate(structure.model_dump(mode="json"))
        assert extract_with_rules(restored_doc, restored) == extract_with_rules(doc, structure)


# Sentences and clauses are cut by visiting only the characters that can cut them.
_PROSE = st.text(alphabet=st.sampled_from(list("法治建设a1 。！？!?，,；;：、\n《》“”（）()【】")), max_size=60)


def _sentence_spans_by_char(text, start, end, breaks):
    cuts = set(breaks) if breaks is not None else {i for i in range(start, end) if text[i] == "\n"}
    spans, pos = [], start
    for i in range(start, end):
        if text[i] in "。！？!?":
            spans.append((pos, i + 1))
            pos = i + 1
        elif i in cuts:
            spans.append((pos, i))
            pos = i + 1 if text[i] == "\n" else i
    if pos < end:
        spans.append((pos, end))
    return [items._strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _clauses_by_char(text, start, end):
    depth, depths = 0, []
    for i in range(start, end):
        depths.append(depth)
        if text[i] in summaries._OPENING:
            depth += 1
        elif text[i] in summaries._CLOSING and depth:
            depth -= 1
    spans, pos = [], start
    for i in range(start, end):
        if text[i] in summaries._CLAUSE_BREAK and (not depths[i - start] or text[i] == "\n"):
            spans.append(summaries._trim(text, pos, i))
            pos = i + 1
    spans.append(summaries._trim(text, pos, end))
    return [(s, e) for s, e in spans if e > s]


@settings(max_examples=examples(300), deadline=None)
@given(_PROSE, st.data())
def test_sentences_and_clauses_match_the_character_walk(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    breaks = data.draw(st.none() | st.lists(st.integers(-2, len(text) + 2), max_size=6))
    assert items.sentence_spans(text, start, end, breaks) == _sentence_spans_by_char(text, start, end, breaks)
    assert summaries._clauses(text, start, end) == _clauses_by_char(text, start, end)
    piece = text[start:end]
    assert phrases.balanced(piece) == all(piece.count(a) == piece.count(b) for a, b in phrases.PAIRS)


def test_sentences_and_clauses_on_the_shapes_that_matter() -> None:
    # A line break inside brackets still ends a clause; quotes hold commas; a cut on a full stop.
    for text in ("（依法\n行政），推进“放管服，改革”。二是\n加强", "一、总体情况\n2022年，我市。\n（一）", ""):
        n = len(text)
        assert summaries._clauses(text, 0, n) == _clauses_by_char(text, 0, n)
        for breaks in (None, (), [3, 9, n]):
            assert items.sentence_spans(text, 0, n, breaks) == _sentence_spans_by_char(text, 0, n, breaks)


# Whether a stretch states a figure is asked of every sentence an item might run through: the
# answer stops at the first figure instead of naming them all.
_FIGURE_TEXT = st.text(alphabet=st.sampled_from(list("受理行政复议案件共有12个3.5%万元其中，。、（）和的第年月日余近以上 ")), max_size=50)
_ALL_REPORTS = sorted((ROOT / "evals" / "datasets").glob("*/*.txt"))


@pytest.mark.slow  # every sentence of every bundled report against the old definition (about 2 CPU-s)
def test_states_a_figure_answers_as_find_figures_does_on_every_sentence() -> None:
    asked = stated = 0
    for path in _ALL_REPORTS:
        text = clean(path, name=path.name).text
        for start, end in items.sentence_spans(text, 0, len(text)):
            # Each sentence, and each sentence from its middle (a range may start inside a phrase).
            for s in (start, (start + end) // 2):
                answer = figures.states_a_figure(text, s, end)
                assert answer == bool(figures.find_figures(text, s, end)), (path.name, text[s:end])
                asked, stated = asked + 1, stated + answer
    assert asked > 1000 and 0 < stated < asked  # both answers were exercised


@settings(max_examples=examples(300), deadline=None)
@given(_FIGURE_TEXT, st.data())
def test_states_a_figure_answers_as_find_figures_does_on_any_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert figures.states_a_figure(text, start, end) == bool(figures.find_figures(text, start, end))


def _phrase_start_by_char(text: str, start: int, floor: int) -> int:
    """The old definition of ``figures._phrase_start``: walk back one character at a time."""
    pos, depth, after_open_mark = start, 0, None
    while pos > floor and start - pos < 40:
        char = text[pos - 1]
        if char in figures._CLOSING_MARKS:
            depth += 1
            after_open_mark = after_open_mark or pos
        elif char in figures._OPENING_MARKS:
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                after_open_mark = None
        elif depth == 0 and char in figures._CLAUSE_BREAK:
            break
        pos -= 1
    if depth and after_open_mark is not None:
        return after_open_mark
    return pos


_LABEL_TEXT = st.text(alphabet=st.sampled_from(list("受理案件共12件，,。；：、\n“”（）()《》【】活动 ")), max_size=90)


@settings(max_examples=examples(500), deadline=None)
@given(_LABEL_TEXT, st.data())
def test_phrase_start_matches_the_character_walk(text: str, data: st.DataObject) -> None:
    # Without a quotation or bracket in reach the last clause break is found at C speed.
    start = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, len(text)))  # a floor past the number too: the walk stays put
    assert figures._phrase_start(text, start, floor) == _phrase_start_by_char(text, start, floor)


def test_leader_cues_are_plain_words() -> None:
    # leader_items skips a unit whose text names no leader before cutting it into sentences:
    # sound only while every cue is a plain word (a word in a sentence is in its unit).
    assert re.fullmatch(r"[\u4e00-\u9fff]+(?:\|[\u4e00-\u9fff]+)*", items._LEADER_CUE.pattern)


def _splits_unknown_word_by_spans(text: str, pos: int) -> bool:
    """The old definition of ``phrases.splits_unknown_word``: three lists of tagged spans around ``pos``."""
    if pos <= 0 or pos >= len(text) or not (_RUN_CHAR.match(text[pos - 1]) and _RUN_CHAR.match(text[pos])):
        return False
    if text[pos - 1].isdigit() or text[pos].isdigit():
        return False
    if text[pos] in phrases.PHRASE_OPENERS or text[pos] in phrases.DANGLING_ENDS or text[pos - 1] in phrases.PHRASE_OPENERS:
        return False
    spans = phrases.tagged_spans(text, pos - 1, pos + 1)
    if len(spans) != 2 or spans[0][0] != pos - 1 or spans[1][1] != pos + 1:
        return False
    before = phrases.tagged_spans(text, max(0, pos - 8), pos)
    after = phrases.tagged_spans(text, pos, min(len(text), pos + 8))
    one_char = before and before[-1][1] - before[-1][0] == 1 and after and after[0][1] - after[0][0] == 1
    if not one_char or before[-1][2].startswith(("m", "q")) or after[0][2] == "b":
        return False
    return len(phrases._dictionary_words(text[pos - 1 : pos + 1])) == 2


# Torn words the genre writes (来邮/来电 abbreviations jieba does not know), numbers and measure
# words, distinguishing words, and separators between runs.
_TORN = st.text(alphabet=st.sampled_from(list("来邮电信投诉办理8个县占总副局长任和及的。，、a1 \n")), max_size=50)


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(_TEXT, _WORDY, _TORN))
def test_splits_unknown_word_reads_the_run_as_the_spans_did(text: str) -> None:
    for pos in range(-1, len(text) + 2):
        assert phrases.splits_unknown_word(text, pos) == _splits_unknown_word_by_spans(text, pos)


def test_splits_unknown_word_on_every_offset_of_reports() -> None:
    torn = 0
    for path in REPORTS:
        text = clean(path, name=path.name).text
        for pos in range(len(text) + 1):
            answer = phrases.splits_unknown_word(text, pos)
            assert answer == _splits_unknown_word_by_spans(text, pos), (path.name, text[pos - 8 : pos + 8])
            torn += answer
    assert torn  # the True answer was exercised


def _evidence_span_all_sentences(text: str, start: int, end: int, paragraph_end: int) -> tuple[int, int]:
    """The old ``items.evidence_span``: every sentence of the paragraph cut, the first ones taken."""
    limit = min(end, paragraph_end)
    chosen_end = start
    for _, e in items.sentence_spans(text, start, limit, breaks=()):
        chosen_end = e
        if e - start >= items.EVIDENCE_TARGET:
            break
    if chosen_end - start > items.EVIDENCE_MAX:
        cut = max((i for i in range(start + items.EVIDENCE_TARGET, start + items.EVIDENCE_MAX)
                   if text[i] in items._CLAUSE_END), default=None)
        chosen_end = cut + 1 if cut is not None else start + items.EVIDENCE_MAX
    return items._strip_span(text, start, chosen_end)


# Sentences of every length around the evidence's target (80 characters) and cap (250).
_SENTENCES = st.lists(st.tuples(st.integers(1, 120), st.sampled_from(["。", "！", "？", "?", "，", " ", "\n"])),
                      max_size=12).map(lambda parts: "".join("法" * n + mark for n, mark in parts))


@settings(max_examples=examples(300), deadline=None)
@given(_SENTENCES, st.data())
def test_evidence_span_stops_at_the_sentence_that_reaches_its_target(text: str, data: st.DataObject) -> None:
    # Only the sentences up to the one that reaches the target are cut: the same evidence.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    paragraph_end = data.draw(st.integers(start, len(text) + 5))
    assert items.evidence_span(text, start, end, paragraph_end) == _evidence_span_all_sentences(
        text, start, end, paragraph_end)


# The issuer named in the body (我区 … 南山区): the two hanzi before each suffix, found by searching
# for the suffix, as the pattern that opens with a class found them (suffixes of one or two
# characters, one the start of another: 街/街道; suffixes that follow each other: 区区).
_BODY = st.text(alphabet=st.sampled_from(list("我全本区县街道某甲乙新A1，。 \n")), max_size=60)


@settings(max_examples=examples(300), deadline=None)
@given(_BODY)
def test_two_hanzi_before_a_suffix_are_what_the_pattern_found(text: str) -> None:
    for suffix in ("区", "县", "街", "街道"):
        expected = [m.group(1) for m in re.finditer(rf"([\u4e00-\u9fff]{{2}}){suffix}", text)]
        assert metadata._two_hanzi_before(text, suffix) == expected


# Patterns that used to open with a look-behind (tried at every character) now consume their
# first character: the same matches where the rules read them.
_MARKS_AND_YEARS = st.text(alphabet=st.sampled_from(list("。！？!? \u3000\n法治12019202年度a")), max_size=60)


@settings(max_examples=examples(300), deadline=None)
@given(_MARKS_AND_YEARS, st.data())
def test_sentence_starts_and_years_match_the_look_behind_patterns(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    look_behind = re.compile(r"(?<=[。！？!?])[ \u3000]*(?=\S)")
    assert [m.end() for m in part_classifier._SENTENCE_START.finditer(text, start, end)] == [
        m.end() for m in look_behind.finditer(text, start + 1, end)]
    year = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?=年)")
    assert [(m.span(), m.group(1)) for m in metadata._YEAR.finditer(text, start)] == [
        (m.span(), m.group(1)) for m in year.finditer(text, start)]


def test_a_year_is_not_the_end_of_a_longer_number() -> None:
    for text, years in (("12019年", []), ("2019年", ["2019"]), ("第32020年度，2021年", ["2021"]),
                        ("。2020年", ["2020"]), ("20219年", [])):
        assert [m.group(1) for m in metadata._YEAR.finditer(text)] == years, text
