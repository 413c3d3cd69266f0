"""Where words and phrases of a Chinese text begin and end.

Summaries and figure labels are cut out of the clean text; a cut must fall
between words (never ``基本|账户`` → ``基本``) and, where a piece ends, at
the end of a phrase (never ``84家失信`` out of ``84家失信被执行企业``).

- Words come from jieba's dictionary segmentation with part-of-speech tags
  (``rjieba``, the Rust port: its dictionary is built in, so no file is read
  at run time). jieba
  segments each run of Han characters, letters and digits on its own, so the
  run around an offset is all that is segmented.
- A *phrase end* is an offset followed by punctuation, a line break, the end
  of the text, a number, or a word that opens a new phrase (a conjunction, a
  preposition, a structural particle: 和, 及, 并, 对, 的, 等 …). ``被`` is not
  one: ``失信|被执行`` is one phrase.

Both the rules backend (to cut) and the eval (to check the cut) use these
definitions, so what "well-formed" means is stated once.
"""

from __future__ import annotations

import bisect
import functools
import re

# What jieba segments as one run (its default block pattern): anything else separates. The class
# alone is never matched (``_is_run_char`` tests one character), so only the run is compiled.
_RUN_CHAR = r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]"
_RUN = re.compile(_RUN_CHAR + "+")
# A stretch without punctuation or blanks (``tagged_piece`` segments each on its own).
_PIECE_WORDS = re.compile(r"[^\s，,。；;：:、！？!?“”《》（）()【】]+")
# Brackets and quotes a piece of text must not leave open (or close without opening).
PAIRS: tuple[tuple[str, str], ...] = (
    ("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"), ("【", "】"), ("〔", "〕"), ("「", "」"), ("[", "]")
)
_PAIR_CHAR = re.compile("[" + re.escape("".join(a + b for a, b in PAIRS)) + "]")
# Words that open a new phrase: a piece of text may end right before them.
PHRASE_OPENERS = frozenset(
    ["和", "及", "以及", "与", "并", "并且", "或", "或者", "而", "而且", "但", "等", "的", "地", "得", "之", "对", "对于", "在", "向", "为", "于", "以", "将", "把", "从", "由", "给", "让", "使", "是", "了", "其中", "同时", "均", "都", "已", "已经", "共", "共计", "累计", "合计", "达", "达到", "超过", "还", "又", "也", "即", "后", "前", "中", "上", "下", "内", "外", "时", "通过", "按照", "依照", "根据", "围绕", "针对", "结合", "实现", "推动", "促进", "确保", "进行", "开展", "进一步", "不断", "持续"]
)
# Words that cannot end a phrase: a piece ending with one dangles (…的, …和, …对).
DANGLING_ENDS = frozenset(
    ["的", "和", "及", "以及", "与", "并", "并且", "或", "或者", "而", "但", "对", "对于", "在", "向", "为", "于", "以", "将", "把", "从", "由", "给", "让", "使", "被", "是", "其", "其中", "共", "共计", "累计", "合计", "达", "达到", "超过", "约", "近", "接近", "将近", "超", "逾", "不到"]
)
# Words that cannot start a phrase: a piece starting with one hangs off what came before.
DANGLING_STARTS = frozenset(["的", "地", "得", "了", "着", "过", "和", "及", "以及", "与", "并", "或", "而", "但", "等", "之", "其中"])


def balanced(piece: str) -> bool:
    """True when every bracket and quote ``piece`` opens it also closes (and the other way)."""
    if _PAIR_CHAR.search(piece) is None:
        return True  # most pieces hold no bracket or quote at all
    return all(piece.count(a) == piece.count(b) for a, b in PAIRS)


_RUN_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


def _is_run_char(char: str) -> bool:
    """``_RUN_CHAR`` for one character, by comparison (the rules ask it thousands of times)."""
    return "\u4e00" <= char <= "\u9fd5" or char in _RUN_ASCII


@functools.lru_cache(maxsize=4096)
def _tagged(run: str) -> tuple[tuple[int, int, str], ...]:
    """jieba's words of one run with their part of speech, as (start, end, tag) offsets into it."""
    import rjieba  # here, not at the top: loading its dictionary takes about 0.3 s

    out, pos = [], 0
    for word, tag in rjieba.tag(run):
        out.append((pos, pos + len(word), tag))
        pos += len(word)
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _dictionary_words(run: str) -> tuple[str, ...]:
    """jieba's words of one run by its dictionary alone (no HMM for words it does not know)."""
    import rjieba

    return tuple(rjieba.cut(run, False))


@functools.lru_cache(maxsize=4096)
def _segment(run: str) -> tuple[tuple[int, int], ...]:
    """jieba's words of one run, as (start, end) offsets into it."""
    return tuple((start, end) for start, end, _ in _tagged(run))


@functools.lru_cache(maxsize=4096)
def _run_words(run: str) -> tuple[str, ...]:
    """jieba's words of one run."""
    return tuple(run[start:end] for start, end in _segment(run))


def tagged_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``word_spans`` with each word's part-of-speech tag (jieba's: n noun, v verb, p preposition …)."""
    spans: list[tuple[int, int, str]] = []
    starts, ends = _runs(text)
    i = bisect.bisect_right(ends, start)  # the first run that ends after ``start``
    while i < len(starts) and starts[i] < end:
        if start <= starts[i] and ends[i] <= end:  # a whole run: its words as they are
            spans.extend(_run_tagged(text, i))
        else:
            for s, e, tag in _run_tagged(text, i):
                s, e = max(s, start), min(e, end)
                if s < e:
                    spans.append((s, e, tag))
        i += 1
    return spans


def tagged_piece(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``tagged_spans`` of ``text[start:end]`` segmented as a piece of its own, not in context:
    for the words right after a number's measure word, which jieba glues to the next character
    (108项|涉台 read as 项涉, 825万辆|进出 as 万辆). Punctuation is left out."""
    spans: list[tuple[int, int, str]] = []
    for m in _PIECE_WORDS.finditer(text[start:end]):
        for s, e, tag in _tagged(m.group()):
            spans.append((start + m.start() + s, start + m.start() + e, tag))
    return spans


@functools.lru_cache(maxsize=8)
def _runs(text: str) -> tuple[list[int], list[int]]:
    """Where every run of ``text`` starts and ends, found in one scan and kept for the text's
    next questions (the rules ask about hundreds of offsets of the same report)."""
    starts, ends = [], []
    for m in _RUN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


@functools.lru_cache(maxsize=8)
def _runs_tagged(text: str) -> list[tuple[tuple[int, int, str], ...] | None]:
    """Per run of ``text`` (``_runs``), its words with their tags as offsets into ``text``, filled in
    as the rules ask (None until then): a run is cut out of the text and looked up once."""
    return [None] * len(_runs(text)[0])


def _run_tagged(text: str, i: int) -> tuple[tuple[int, int, str], ...]:
    """jieba's words of run ``i`` of ``text`` with their tags, as offsets into ``text``."""
    cache = _runs_tagged(text)
    words = cache[i]
    if words is None:
        starts, ends = _runs(text)
        base = starts[i]
        words = cache[i] = tuple((base + s, base + e, tag) for s, e, tag in _tagged(text[base : ends[i]]))
    return words


@functools.lru_cache(maxsize=8)
def _runs_word_starts(text: str) -> list[frozenset[int] | None]:
    """Per run of ``text``, where its words start (offsets into ``text``), filled in as asked."""
    return [None] * len(_runs(text)[0])


def _run_index(text: str, pos: int) -> int | None:
    """The index of the run (jieba block) that ``pos`` lies in or borders on (``_run_around``)."""
    starts, ends = _runs(text)
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and pos <= ends[i] else None


def _run_around(text: str, pos: int) -> tuple[int, int]:
    """The run (jieba block) that ``pos`` lies in or borders on (``(pos, pos)`` for neither)."""
    starts, ends = _runs(text)
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos <= ends[i]:
        return starts[i], ends[i]
    return pos, pos


def words(text: str) -> list[str]:
    """The words of ``text`` (punctuation and spaces dropped)."""
    out: list[str] = []
    for m in _RUN.finditer(text):
        out.extend(_run_words(m.group()))
    return out


def word_at(text: str, pos: int) -> str:
    """The word that starts at ``pos`` (empty when ``pos`` is not inside a run)."""
    if pos >= len(text) or not _is_run_char(text[pos]):
        return ""
    start, end = _run_around(text, pos)
    for s, e in _segment(text[start:end]):
        if s <= pos - start < e:
            return text[start + s : start + e]
    return ""


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of ``text`` inside ``[start, end)`` as absolute offsets, segmented in context
    (a word that crosses ``start`` or ``end`` is clipped to it)."""
    return [(s, e) for s, e, _ in tagged_spans(text, start, end)]


def first_word_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``word_spans(text, start, end)[0]`` (None when empty), segmenting one run only."""
    if start >= end:
        return None
    starts, ends = _runs(text)
    i = bisect.bisect_right(ends, start)  # the first run that ends after ``start``
    if i == len(starts) or starts[i] >= end:
        return None
    for s, e, _ in _run_tagged(text, i):
        if e > start:
            return max(s, start), min(e, end)
    return None  # (unreachable: the run ends after ``start``)


def last_word_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``word_spans(text, start, end)[-1]`` (None when empty), segmenting one run only."""
    if start >= end:
        return None
    starts, ends = _runs(text)
    i = bisect.bisect_left(starts, end) - 1  # the last run that starts before ``end``
    if i < 0 or ends[i] <= start:
        return None
    for s, e, _ in reversed(_run_tagged(text, i)):
        if s < end:
            return max(s, start), min(e, end)
    return None  # (unreachable: the run starts before ``end``)


def is_word_boundary(text: str, pos: int) -> bool:
    """True when no word of ``text`` spans offset ``pos``."""
    if pos <= 0 or pos >= len(text) or not (_is_run_char(text[pos - 1]) and _is_run_char(text[pos])):
        return True
    i = _run_index(text, pos)
    if i is None:  # (unreachable: ``pos`` lies between two run characters)
        return False
    cache = _runs_word_starts(text)
    starts = cache[i]
    if starts is None:
        starts = cache[i] = frozenset(s for s, _, _ in _run_tagged(text, i))
    return pos in starts


# Characters that close or join a list (A、B等|C, A、B和C, A及B): a label starting with one that
# does not open a dictionary word (等级, 及格, 和解) starts inside the list before it.
_LIST_CLOSERS = "等及和"
# Tags of a number's measure word and of numbers: a label right after them follows its figure (8个|县).
_AFTER_NUMBER_TAGS = ("m", "q")


def splits_unknown_word(text: str, pos: int) -> bool:
    """True when ``pos`` falls between two one-character words of ``text`` that jieba did not know
    (来|邮 in 来邮投诉, mail received): the segmenter split a word of the text it has no entry for
    (the genre abbreviates: 来电/来邮/来信), so a cut there may tear it. After a number's measure
    word (8个|县) or a number, a one-character noun is the counted thing, not a torn word; next to a
    one-character word that opens a phrase (和, 及, 对, 的 …) the edge is a phrase edge."""
    if pos <= 0 or pos >= len(text) or not (_is_run_char(text[pos - 1]) and _is_run_char(text[pos])):
        return False
    if text[pos - 1].isdigit() or text[pos].isdigit():
        return False
    if text[pos] in PHRASE_OPENERS or text[pos] in DANGLING_ENDS or text[pos - 1] in PHRASE_OPENERS:
        return False  # a conjunction, particle or a word leading to a number is a word (调解室|和, 申请量|超)
    # Both characters are run characters, so they lie in one run: its words (segmented in
    # context, once per run) are read around ``pos``, no list of spans is made for the question.
    words = _run_tagged(text, _run_index(text, pos))  # type: ignore[arg-type]
    k = bisect.bisect_left(words, pos, key=_word_start)
    if k == len(words) or words[k][0] != pos:
        return False  # one word spans ``pos``
    before, after = words[k - 1], words[k]  # (k > 0: the run starts before ``pos``)
    if before[1] - before[0] != 1 or after[1] - after[0] != 1 or before[2].startswith(_AFTER_NUMBER_TAGS):
        return False
    if after[2] == "b":
        return False  # a distinguishing word opens a noun phrase (占|总投资比重, 任|副局长)
    return len(_dictionary_words(text[pos - 1 : pos + 1])) == 2  # a known two-character word is not split


def _word_start(word: tuple[int, int, str]) -> int:
    return word[0]


def starts_in_list(piece: str) -> bool:
    """True when ``piece`` starts with the 等/及/和 that closes or joins a list before it (等|区规范性
    文件 out of 《…办法》等区规范性文件: jieba's HMM glues 等区 into one word). A dictionary word
    that starts with one of them (及格率, 等级, 和解) is a word, not a list's end."""
    if not piece or piece[0] not in _LIST_CLOSERS or len(piece) < 2:
        return False
    run = _RUN.match(piece)
    return run is not None and _dictionary_words(run.group())[0] == piece[0]


def is_phrase_end(text: str, pos: int) -> bool:
    """True when a piece of ``text`` may end at ``pos``: the next thing opens a new phrase."""
    if pos >= len(text) or not _is_run_char(text[pos]) or text[pos].isdigit():
        return True
    if pos > 0 and text[pos - 1].isdigit():
        return False  # a number without its unit
    return is_word_boundary(text, pos) and _next_word(text, pos) in PHRASE_OPENERS


def _next_word(text: str, pos: int) -> str:
    start, end = _run_around(text, pos)
    rel = pos - start
    for s, e in _segment(text[start:end]):
        if s == rel:
            return text[pos : start + e]
    return ""


def is_lone_verb(piece: str) -> bool:
    """True when ``piece`` is one verb and nothing else (实现, 参观): it names no thing."""
    if not piece or not all(_is_run_char(c) for c in piece):
        return False
    tagged = _tagged(piece)
    return len(tagged) == 1 and tagged[0][2] in ("v", "vd", "vi")


def last_word(piece: str) -> str:
    """The last word of ``piece`` as jieba segments it alone."""
    runs = _RUN.findall(piece)
    return _run_words(runs[-1])[-1] if runs else ""  # a run holds at least one word


def first_word(piece: str) -> str:
    """The first word of ``piece`` as jieba segments it alone."""
    run = _RUN.search(piece)
    return _run_words(run.group())[0] if run else ""


__all__ = [
    "DANGLING_ENDS",
    "DANGLING_STARTS",
    "PAIRS",
    "PHRASE_OPENERS",
    "balanced",
    "first_word",
    "first_word_span",
    "is_lone_verb",
    "is_phrase_end",
    "is_word_boundary",
    "last_word",
    "last_word_span",
    "splits_unknown_word",
    "starts_in_list",
    "tagged_piece",
    "tagged_spans",
    "word_at",
    "word_spans",
    "words",
]
