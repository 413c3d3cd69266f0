"""What a reader sees: summaries and figures checked as a reader would read them.

Item matching (``matching.py``) scores evidence spans; a reader reads the
summaries and the figures. Per part this module measures:

- **summary Dice**: character-bigram Dice of a predicted summary and the
  reference ``text`` of the item it matched (the pair the matching rule
  found: for each covered reference item, the prediction with the longest
  common run), averaged over those pairs.
- **well-formed summaries**, by ``summary_problems``: 1-60 characters, no
  cut mark (…), balanced brackets and quotes, no dangling word at either end
  (…的, …和, …及, …等, …对, …全部, …共, a bare time word …年, …以来), no
  joined headings (two numbered unit markers, or one glued to text before it:
  ``…建设1.深入学习…``), no unit number at its start (``（一）…``, ``一是…``, ``1.…``: the
  number says where the unit stands, not what it says), and every clause copied from the clean text (the
  summary split at ，；。：！？) starts at a word boundary and ends where a
  clause of the text ends (before clause punctuation, at a line end, or where
  the next numbered unit begins); the clauses after the first must stand
  together in the text (``督察工作：组成3个督察组，33家单位`` is stitched); a clause joined to
  the unit's heading must be one a reader would quote as the unit's result: from the unit's opening
  sentences, not from a sub-task under a run-in headline, and not a later clause of its sentence
  stating something of what the clause before names (``…项目60个，获…资金8亿元``: no subject).
- **figure checks**, by ``figure_problems``: the qualifier is kept where the
  text bounds the number (近400条, 20余场, 3000人次以上 need ``qualifier``);
  the unit is the one written at the number, not cut (家 of 家次, 个 of
  个工作日); a label, when there is one, is a noun phrase of the text near
  the figure (whole words, not a verb or time word alone: 推动涉及, 废止,
  相较去年 are wrong; not stopping inside its noun phrase: a bare 行政 before
  复议; not starting with a list's closing 等 that jieba glued to the next
  character, 》等区规范性文件, nor at an edge inside a word jieba does not
  know, 来|邮投诉; not dropping a coordinated noun, 硕士、|博士占比, a threshold,
  规模以上|工业增加值, nor naming a share's base, 占|全市, nor pairing a 分别 list's
  value with another rank's noun); no label (``null``) is counted apart and is not
  wrong; the figure's span lies inside its item's span; a range's number keeps the
  range's other end (5至7家: ``value_high``); a stated decrease (下降35%) is in ``change``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from pydantic import BaseModel, Field

from summarizer.evals.matching import bigram_dice, normalize
from summarizer.extract.phrases import (
    DANGLING_ENDS,
    DANGLING_STARTS,
    PAIRS,
    balanced,
    first_word,
    is_phrase_end,
    is_word_boundary,
    last_word,
    splits_unknown_word,
    starts_in_list,
    tagged_spans,
)
from summarizer.extract.rules.figures import (
    GENRE_ADVERBS,
    QUALIFIERS_AFTER_NUMBER,
    QUALIFIERS_AFTER_UNIT,
    QUALIFIERS_BEFORE,
    SIZE_UNITS,
    VERBAL_NOUNS,
    noun_after_modifier,
)
from summarizer.extract.rules.summaries import SUMMARY_MAX, leans_on_clause_before, unit_opening
from summarizer.schema import Figure, Item

EXAMPLES_KEPT = 20  # problems listed per part and document, for reading a run
_PIECE_BREAK = re.compile(r"[，,；;：:、。！？!?（）()“”\"《》\s]+")
_MAGNITUDES = ("万亿", "万", "亿", "千", "百")


class ReaderPart(BaseModel):
    """The reader's checks of one part (or all parts pooled)."""

    n_summaries: int = 0
    well_formed: int = 0
    n_pairs: int = Field(0, description="matched (prediction, reference) pairs whose summaries are compared")
    dice_sum: float = 0.0
    n_figures: int = 0
    qualifier_expected: int = Field(0, description="figures whose number the text qualifies (近, 余, 以上 …)")
    qualifier_lost: int = 0
    label_bad: int = Field(0, description="figure labels that are not a noun phrase of the text near the figure")
    label_empty: int = Field(0, description="figures without a label (label null: shown as the quote, not wrong)")
    unit_bad: int = Field(0, description="figure units that are not as written (家 of 家次, 个 of 个工作日)")
    outside_item: int = Field(0, description="figures whose span is not inside their item's span")
    range_cut: int = Field(0, description="figures whose number ends a range (5至7家) that lost its other end")
    direction_lost: int = Field(0, description="figures of a decrease (下降35%) whose fields do not say so")
    problems: list[str] = Field(default_factory=list, description="examples, for reading the run")

    @property
    def well_formed_rate(self) -> float | None:
        """Share of summaries that pass ``summary_problems``."""
        return self.well_formed / self.n_summaries if self.n_summaries else None

    @property
    def summary_dice(self) -> float | None:
        """Mean bigram Dice of matched summaries to the reference texts."""
        return self.dice_sum / self.n_pairs if self.n_pairs else None

    @property
    def qualifier_kept_rate(self) -> float | None:
        """Share of qualified figures that carry their qualifier."""
        if not self.qualifier_expected:
            return None
        return 1 - self.qualifier_lost / self.qualifier_expected

    @property
    def label_ok_rate(self) -> float | None:
        """Share of figures whose label is not wrong (empty or a noun phrase of the text)."""
        return 1 - self.label_bad / self.n_figures if self.n_figures else None

    @property
    def labelled_rate(self) -> float | None:
        """Share of figures that carry a label (one without is shown as its bare quote, 增长5.7%,
        which a reader cannot quote without going back to the text)."""
        return 1 - self.label_empty / self.n_figures if self.n_figures else None

    @property
    def unit_ok_rate(self) -> float | None:
        """Share of figures whose unit is as written."""
        return 1 - self.unit_bad / self.n_figures if self.n_figures else None

    @property
    def range_kept_rate(self) -> float | None:
        """Share of figures not cut from a range (5至7家 read as 7家)."""
        return 1 - self.range_cut / self.n_figures if self.n_figures else None

    @property
    def direction_kept_rate(self) -> float | None:
        """Share of figures whose decrease, where the text states one, is in their fields."""
        return 1 - self.direction_lost / self.n_figures if self.n_figures else None

    @property
    def in_item_rate(self) -> float | None:
        """Share of figures whose span lies inside their item."""
        return 1 - self.outside_item / self.n_figures if self.n_figures else None

    def add(self, other: ReaderPart) -> None:
        """Pool ``other``'s counts into this one (examples are not pooled)."""
        for name in ("n_summaries", "well_formed", "n_pairs", "dice_sum", "n_figures", "qualifier_expected",
                     "qualifier_lost", "label_bad", "label_empty", "unit_bad", "outside_item", "range_cut",
                     "direction_lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def pooled(parts: Iterable[ReaderPart]) -> ReaderPart:
    """The counts of several parts (or documents) added up."""
    total = ReaderPart()
    for part in parts:
        total.add(part)
    return total


# --- summaries ------------------------------------------------------------

# Where a clause of Chinese prose ends: its punctuation (full-width, or ASCII as scraped texts have it).
CLAUSE_ENDS = "，；。：！？,;:!?"
_CLAUSE_SPLIT = re.compile(r"[，；。：！？,;:!?]+")
# Closing marks a clause may end with before its punctuation (…“放管服”改革。 / …（试行）》，).
_CLOSERS = "”’》）)】」〕]"
# How the genre numbers its units: 一、 （一） 1. （1） 一是. A second marker inside one summary,
# or one glued to the text before it (…建设1.深入…), means two units' headings were joined
# (第一、二季度 and 统一是 are no markers).
_UNIT_MARKER = re.compile(
    r"(?:(?<![第统唯之同])[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[（(]\d{1,2}[）)]"
    r"|(?<![\d.．])\d{1,2}[.．、](?=[\u4e00-\u9fff“《])|(?<![第统唯之同])[一二三四五六七八九十]是(?=[\u4e00-\u9fff]))"
)
# Words a summary cannot end with: it needs what came after it (the reader sees a dangling word).
# The list (的 和 及 等 对 全部 共), the phrase module's DANGLING_ENDS, and bare time words.
DANGLING_END_WORDS = frozenset({*DANGLING_ENDS, "的", "和", "及", "等", "对", "全部", "共", "各", "各类", "各项"})
# Connectives and adverbs a clause may lose at its start when copied (the issue: "minus leading
# connectives"); 其中 is not one: it makes the figure a part of the one before.
DROPPABLE_OPENERS = frozenset({"同时", "此外", "另外", "并", "并且", "还", "也", "已", "已经", "共", "共计", "累计"})
TIME_WORDS = frozenset({"年", "月", "日", "年度", "以来", "期间", "以前", "之前", "以后", "之后", "全年", "今年",
                        "去年", "上年", "当年", "同期", "年底", "年初", "年末", "月底", "月份"})


@functools.lru_cache(maxsize=8)  # every summary of a document is checked against the same text
def _squash(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` without whitespace, and for each kept character its offset in ``text``
    (PDF and one-line texts break lines inside clauses; a reader does not see the break)."""
    kept, where = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            kept.append(ch)
            where.append(i)
    return "".join(kept), tuple(where)


def _at_clause_end(flat: str, pos: int) -> bool:
    """True when a clause of the (whitespace-free) text may end at ``pos``: before clause
    punctuation (after closing marks), at the end of the text, or where a numbered unit begins
    (a heading without a full stop, in text that lost its line breaks)."""
    while pos < len(flat) and flat[pos] in _CLOSERS:
        pos += 1
    if pos < len(flat) and flat[pos] in "（(":  # an aside (a document number, a note) closes the clause
        close = flat.find("）" if flat[pos] == "（" else ")", pos, pos + 40)
        pos = close + 1 if close != -1 else pos
    if pos >= len(flat) or flat[pos] in CLAUSE_ENDS:
        return True
    # An enumeration's closing 等 before the clause's end (…有待加强等。): dropping it cuts nothing.
    closing_etc = next((w for w in ("等等", "等") if flat.startswith(w, pos)), "")
    if closing_etc and (pos + len(closing_etc) >= len(flat) or flat[pos + len(closing_etc)] in CLAUSE_ENDS):
        return True
    return _UNIT_MARKER.match(flat, pos) is not None


def _at_line_end(text: str, piece_end: int) -> bool:
    """True when the original text breaks the line right after a piece (a heading line)."""
    rest = text[piece_end:piece_end + 3]
    return rest == "" or rest.startswith(("\n", "\r"))


def summary_problems(summary: str, clean_text: str, item: Item | None = None, *,
                     opening_states_result: bool = True) -> list[str]:
    """Why ``summary`` is not well-formed (empty list: it is). Rules in evals/README.md.

    ``opening_states_result``: the genre states a unit's result in its opening sentences (a
    government work report), so a clause joined to the heading from further on stands for the
    unit wrongly; False for a rule-of-law report, whose unit (one paragraph) lists its measures
    and closes with the year's results (截至目前，共受理…件): there only a clause without its
    subject is wrong."""
    problems = []
    text = summary.strip()
    if not text:
        return ["empty"]
    if len(text) > SUMMARY_MAX:
        problems.append(f"{len(text)} characters (> {SUMMARY_MAX})")
    if "…" in text or "..." in text:
        problems.append("cut mark …")
    if "\n" in text:  # a heading line and the line under it put together: a summary is one line
        problems.append("runs over a line break")
    for opening, closing in PAIRS:
        if text.count(opening) != text.count(closing):
            problems.append(f"unbalanced {opening}{closing}")
    head, tail = first_word(text), last_word(text)
    if not text[0].isalnum() and text[0] not in "《“（(【「〔[":
        problems.append(f"starts with {text[0]!r}")
    elif head in DANGLING_STARTS:
        problems.append(f"starts with the dangling word {head!r}")
    if not text[-1].isalnum() and text[-1] not in "》”）)】」〕]%％‰㎡²":  # units written as symbols
        problems.append(f"ends with {text[-1]!r}")
    elif tail in DANGLING_END_WORDS:
        problems.append(f"ends with the dangling word {tail!r}")
    elif (tail in TIME_WORDS or re.search(r"\d{4}年$|\d{1,2}月$", text)) and not text.endswith("/" + tail):
        # (a time word after / is a rate's unit: 10万吨/日)
        problems.append(f"ends with a bare time word {tail!r}")
    elif text[-1].isdigit():
        problems.append("ends with a number without its unit")
    markers = [m for m in _UNIT_MARKER.finditer(text)]
    if markers and markers[0].start() == 0:
        # The unit's own number (（一） 一是 1.) says where the unit stands, not what it says: a
        # summary that keeps it reads as a heading copied whole.
        problems.append(f"starts with its unit's number {markers[0].group(0)!r}")
    if len(markers) > 1 or any(m.start() > 0 and text[m.start() - 1] not in CLAUSE_ENDS for m in markers):
        problems.append("joins numbered headings")
    problems += _clause_problems(text, clean_text, item)
    joined = _joined_clause_problem(text, clean_text, item, opening_states_result)
    if joined:
        problems.append(joined)
    return problems


def _joined_clause_problem(text: str, clean_text: str, item: Item | None, opening_states_result: bool = True
                           ) -> str | None:
    """Why the clause a summary joins to its unit's heading (heading：clause, where the colon is the
    summary's, not the text's) would not be quoted on its own: it comes from past the unit's opening
    sentences (one fact standing in for a long unit), or it is a later clause of its sentence that
    opens with a verb, an adverb or a preposition (its subject is in the clause before it). None when
    it would be, or when the summary joins nothing (rules in evals/README.md). The place of the
    clause counts only where ``opening_states_result`` (``summary_problems``)."""
    if item is None:
        return None
    parts = re.split("[：:]", text, maxsplit=1)
    if len(parts) < 2:
        return None
    head, tail = ("".join(p.split()) for p in parts)
    clause = next((c for c in _CLAUSE_SPLIT.split(tail) if c), "")
    flat, where = _squash(clean_text)
    lo, hi = bisect.bisect_left(where, item.span.start), bisect.bisect_left(where, item.span.end)
    head_at = flat.find(head, lo, hi) if head else -1
    clause_at = flat.find(clause, head_at + len(head), hi) if head_at != -1 and len(clause) >= 2 else -1
    if clause_at == -1 or _follows(flat, head_at + len(head), clause_at):
        return None  # not copied, or the text's own colon (…问题，如：…)
    body, start = where[head_at + len(head) - 1] + 1, where[clause_at]
    opening = unit_opening(clean_text, body, start) if opening_states_result else None
    if opening is not None and opening.end < start:
        if opening.headline is not None:
            headline = clean_text[opening.headline[0]:opening.headline[1]]
            return f"joins its heading to {clause!r}, a clause of its sub-unit {headline!r}"
        return f"joins its heading to {clause!r}, a clause from past the unit's opening sentences"
    if leans_on_clause_before(clean_text, start, body):
        return f"joins its heading to {clause!r}, a later clause of its sentence without its subject"
    return None


def _clause_problems(text: str, clean_text: str, item: Item | None) -> list[str]:
    """Cut and stitched clauses: each clause copied from the text must end where a clause of the
    text ends, and the clauses after a heading must stand together in the text."""
    flat, where = _squash(clean_text)
    lo, hi = 0, len(flat)
    if item is not None:
        lo, hi = bisect.bisect_left(where, item.span.start), bisect.bisect_left(where, item.span.end)
    pieces = [p for p in _CLAUSE_SPLIT.split("".join(text.split())) if p]
    problems: list[str] = []
    found_at = [_positions(flat, piece, lo, hi) if len(piece) >= 2 else [] for piece in pieces]
    for k, (piece, positions) in enumerate(zip(pieces, found_at)):
        if not positions:
            continue  # not copied: an abstractive summary is judged by the form checks only
        if not any(is_word_boundary(flat, p) for p in positions):
            problems.append(f"{piece!r} starts inside a word")
            continue
        nxt = found_at[k + 1] if k + 1 < len(pieces) else []
        # A clause ends where the text's ends; or the summary goes on with what the text writes next
        # (a list 甲1个、乙7个 copied whole with ， for 、 is whole).
        if not any(_at_clause_end(flat, p + len(piece)) or _at_line_end(clean_text, where[p + len(piece) - 1] + 1)
                   or any(_follows(flat, p + len(piece), q) for q in nxt) for p in positions):
            end = positions[0] + len(piece)
            problems.append(f"{piece!r} is cut before {flat[end:end + 4]!r}")
    # A heading (before the first colon) and one clause of the unit may come from apart; the clauses
    # on either side of the colon must each stand together in the text, as the text writes them.
    heading = len(_CLAUSE_SPLIT.split(text.split("：", 1)[0].split(":", 1)[0])) if re.search("[：:]", text) else 0
    for k in range(len(pieces) - 1):
        if k + 1 == heading or not found_at[k] or not found_at[k + 1]:
            continue
        if not any(_follows(flat, p + len(pieces[k]), q) for p in found_at[k] for q in found_at[k + 1]):
            problems.append(f"stitched: {pieces[k + 1]!r} does not follow {pieces[k]!r} in the text")
            break
    return problems


def _follows(flat: str, end: int, start: int) -> bool:
    """True when ``start`` comes right after ``end`` with only punctuation between, and perhaps a
    connective a copied clause may drop at its start (…1388件，已办结1388件 → …1388件，办结1388件)."""
    if not 0 <= start - end <= 6:
        return False
    gap = "".join(c for c in flat[end:start] if c.isalnum())
    return gap == "" or (gap in DROPPABLE_OPENERS and not flat[end].isalnum())


def _positions(flat: str, piece: str, lo: int, hi: int) -> list[int]:
    """Where ``piece`` occurs in the whitespace-free text: inside the item first, else anywhere."""
    found: list[int] = []
    for start, stop in ((lo, hi), (0, len(flat))):
        pos = flat.find(piece, start, stop)
        while pos != -1 and len(found) < 50:
            found.append(pos)
            pos = flat.find(piece, pos + 1, stop)
        if found:
            return found
    return found


def summary_dice(predicted: str, reference: str) -> float:
    """Bigram Dice of a summary and a reference text, both normalised as for matching."""
    return bigram_dice(normalize(predicted), normalize(reference))


# --- figures --------------------------------------------------------------


def _number_at(clean_text: str, figure: Figure) -> tuple[int, int] | None:
    """Where the figure's number stands in the text: the last number of its span equal to its value."""
    assert figure.span is not None
    found = None
    for m in re.finditer(r"\d+(?:[.．]\d+)?", clean_text[figure.span.start : figure.span.end]):
        if float(m.group().replace("．", ".")) == figure.value:
            found = (figure.span.start + m.start(), figure.span.start + m.end())
    return found


def qualifier_in_text(clean_text: str, figure: Figure) -> str | None:
    """The qualifier word the text puts at the figure's number (近400条, 20余场, 100人以上), if any."""
    if figure.span is None:
        return None
    number = _number_at(clean_text, figure)
    if number is None:
        return None
    start, end = number
    for word in sorted(QUALIFIERS_BEFORE, key=len, reverse=True):
        if clean_text.endswith(word, 0, start) and is_word_boundary(clean_text, start - len(word)):
            return word
    pos = end
    for magnitude in _MAGNITUDES:
        if clean_text.startswith(magnitude, pos):
            pos += len(magnitude)
            break
    for word in QUALIFIERS_AFTER_NUMBER:
        if clean_text.startswith(word, pos) or clean_text.startswith(word, end):
            return word
    unit = figure.unit
    for magnitude in _MAGNITUDES:
        if unit.startswith(magnitude):
            unit = unit[len(magnitude) :]
            break
    unit_at = clean_text.find(unit, pos, pos + len(unit) + 2) if unit else -1
    if unit_at != -1:
        after = unit_at + len(unit)
        for word in QUALIFIERS_AFTER_UNIT:
            if clean_text.startswith(word, after):
                return word
    return None


# A count's measure word goes on when 次 follows it (家次, 人次, 件次, 场次: a frequency unit), or
# when 个 is the measure of a noun unit (5个工作日, 3个月, 2个百分点): cutting there changes what is counted.
_FREQUENCY_SUFFIX = "次"
_NOUN_UNITS_AFTER_GE = ("工作日", "自然日", "百分点", "季度", "星期", "小时", "月")
# jieba tags of words that name a thing: nouns (n, nr, ns, nt, nz, ng), verbal and adjectival nouns
# (vn 培训, an), abbreviations (j), idioms (l, i), Latin words, and a measure-word noun glued after a
# unit (389个村: zg). A label with none of them names no thing: 废止, 推动涉及, 开展.
_NOUN_TAGS = ("n", "vn", "an", "j", "l", "i", "eng", "zg")
# A word with one of these suffixes is a noun whatever its tag (办结率, 受案数, 交易额).
_NOMINAL_SUFFIXES = ("率", "数", "量", "额", "比")
# Words between a label and its number that are not part of the noun phrase (通过率高达87%).
_GLUED_FILLERS = ("达", "为", "均")
_FIGURE_FILLERS = frozenset({"高达", "达", "达到", "共", "共计", "累计", "合计", "总计", "约", "近"})
# The comparison a change is stated against, right after its indicator (较2010年, 比上年, 同比).
_COMPARED_AFTER = re.compile(r"同比|环比|(?:相较于?|相比于?|较|比|与)(?:去年|上年|前年|上一年|(?:19|20)\d\d年)")
# A label is looked for this many characters around its figure's span.
_LABEL_REACH = 40


def unit_problem(clean_text: str, figure: Figure) -> str | None:
    """Why the figure's unit is not the one the text writes at its number (None: it is)."""
    if figure.span is None or not figure.unit:
        return None
    number = _number_at(clean_text, figure)
    if number is None:
        return None
    pos, written = number[1], ""
    if figure.value_high is not None:  # a range: the unit is written after its high end
        if clean_text.startswith(figure.unit, pos):
            pos += len(figure.unit)
        high = _RANGE_HIGH_AFTER.match(clean_text, pos)
        pos = high.end() if high else pos
    # A space between number and unit is how PDF text often writes it (15 个工作日): not part of the unit.
    while pos < len(clean_text) and clean_text[pos] in " \u3000" and not figure.unit.startswith(" "):
        pos += 1
    # The text from the number to the end of the unit, without the 余/多 a qualifier took (30万余条).
    while pos < len(clean_text) and len(written) < len(figure.unit):
        char = clean_text[pos]
        if char not in "余多" or figure.unit.startswith(written + char):
            written += char
        pos += 1
    if "％" in figure.unit:
        return f"unit {figure.unit!r} keeps the full-width ％ (every other figure writes %)"
    if written.replace("％", "%") != figure.unit:
        return f"unit {figure.unit!r} is not the one written ({clean_text[number[0]:number[1] + 4]!r})"
    if clean_text.startswith(_FREQUENCY_SUFFIX, pos) and not figure.unit.endswith(_FREQUENCY_SUFFIX):
        return f"unit {figure.unit!r} cuts {figure.unit + _FREQUENCY_SUFFIX!r}"
    if figure.unit.endswith("个"):
        for noun in _NOUN_UNITS_AFTER_GE:
            if clean_text.startswith(noun, pos):
                return f"unit {figure.unit!r} cuts {figure.unit + noun!r}"
    return None


def _figure_label(figure: Figure) -> str:
    """The figure's label, blank when it has none (``label: null``: no label was found whole)."""
    return (getattr(figure, "label", None) or "").strip()


# Qualifiers of two characters or more end a label where jieba glues them to it (样品数|不低于); a
# one-character one may be the end of a word the label cut (群众咨询接|近3000人次).
_QUALIFIER_WORDS = tuple(sorted((w for w in QUALIFIERS_BEFORE if len(w) > 1), key=len, reverse=True))


def label_problem(clean_text: str, figure: Figure) -> str | None:
    """Why the figure's non-empty label is not a noun phrase of the text near it (None: it is)."""
    label = _figure_label(figure)
    if not label or figure.span is None:
        return None
    start = max(0, figure.span.start - _LABEL_REACH)
    end = min(len(clean_text), figure.span.end + _LABEL_REACH)
    # The label as quoted in the figure's own evidence (the occurrence nearest its number), else its
    # occurrence nearest the number (a label repeated right after the figure, 在建项目攀升至18个。
    # 在建项目建筑面积…, is not the one meant).
    quoted = _label_in_evidence(clean_text, figure, label)
    pieces = [quoted] if quoted is not None else _label_pieces(label, clean_text, start, end)
    if pieces is None:
        return f"label {label!r} is not in the text near its figure"
    if not balanced(label):
        return f"label {label!r} cuts a quotation or bracket"
    for piece_start, piece_end in pieces:
        piece = clean_text[piece_start:piece_end]
        # A noun right after the figure's measure word may be glued to it by the segmenter (389个村).
        after_unit = bool(figure.unit) and clean_text.endswith(figure.unit[-1], 0, piece_start)
        # jieba's HMM glues a list's closing 等 to the next character (》等区规范性文件): the edge after it is clean.
        after_list = piece_start > 0 and starts_in_list(clean_text[piece_start - 1 : piece_end])
        starts_clean = after_unit or after_list or is_word_boundary(clean_text, piece_start)
        # jieba glues a filler to a rate (应诉率达100%: 率达 is one of its words); a cut before it is clean.
        # A qualifier that bounds the number ends the label, whatever jieba glues (样品数|不低于1000批次).
        ends_clean = (is_word_boundary(clean_text, piece_end) or clean_text.startswith(_GLUED_FILLERS, piece_end)
                      or clean_text.startswith(_QUALIFIER_WORDS, piece_end))
        if not starts_clean or not ends_clean:
            return f"label {label!r} cuts a word ({clean_text[max(0, piece_start - 2):piece_end + 2]!r})"
        if first_word(piece) in DANGLING_STARTS or last_word(piece) in DANGLING_ENDS:
            return f"label {label!r} starts or ends with a dangling word"
        # jieba's HMM glues a list's closing 等 to the next character (…》等区规范性文件) and splits a
        # word it does not know into single characters (来|邮投诉): edges its words do not show.
        if starts_in_list(piece):
            return f"label {label!r} starts with the end of a list ({clean_text[max(0, piece_start - 4):piece_end]!r})"
        if splits_unknown_word(clean_text, piece_start) or (
                splits_unknown_word(clean_text, piece_end) and not clean_text.startswith(_QUALIFIER_WORDS, piece_end)):
            return f"label {label!r} cuts a word jieba does not know ({clean_text[max(0, piece_start - 2):piece_end + 2]!r})"
    # Words as jieba segments and tags them in the text (率达 alone is one word, 率|达 in 办结率达).
    # (a word jieba tags a verb ending the phrase after a distinguishing word is the noun it modifies:
    # 主次|干道, as the extractor reads it)
    tagged = [(clean_text[s:e], tag) for a, b in pieces
              for s, e, tag in noun_after_modifier(clean_text, tagged_spans(clean_text, a, b))]
    if tagged:
        last, tag = tagged[-1]
        if tag == "t" or last in TIME_WORDS:
            return f"label {label!r} ends with a time word"
        # A quotation names a thing whatever its words (新增“两违”, “四门四访”): the genre quotes names.
        if not any(_nounish(word, tag) for word, tag in tagged) and not re.search(r"“[^”]+”", label):
            return f"label {label!r} names no thing (jieba: {'/'.join(t for _, t in tagged)})"
    compared = _COMPARED_AFTER.match(clean_text, pieces[-1][1])  # 排放强度|较2010年下降: the comparison ends it
    follower = None if clean_text.startswith(_QUALIFIER_WORDS, pieces[-1][1]) or compared else _word_after(
        clean_text, pieces[-1][1])
    # (全部, 全面 after a noun start its predicate, whatever jieba tags them: 27宗案件|全部办结)
    if follower is not None and follower[1] in ("n", "vn", "zg") and follower[0] not in _FIGURE_FILLERS \
            and follower[0] not in GENRE_ADVERBS:
        return f"label {label!r} stops inside its noun phrase (before {follower[0]!r})"
    return _label_context_problem(clean_text, figure, label, pieces)


# The words of a reported decrease (各类事故死亡人数同比下降35%, 数量分别压减50%、2.1%): a reader of
# the figure's fields must see the change is down. 下降至/降到 name the level reached, not a change.
_DECREASE_BEFORE = re.compile(
    r"(?:下降|减少|压减|降低|缩减|缩短|回落|压缩|削减|减)了?(?:分别)?(?:" + "|".join(
        sorted(QUALIFIERS_BEFORE, key=len, reverse=True)) + r")?"
    # the earlier values of a list the verb governs (压减50%、|2.1%)
    r"(?:\d+(?:[.．]\d+)?[^\d，,。；;、和]{0,5}[、和])*"
    r"(?:" + "|".join(sorted(QUALIFIERS_BEFORE, key=len, reverse=True)) + r")?\s*$"
)
# A range the genre writes as low, a dash or 至/到, high (5至7家, 5—7家, 5~7家, 3到5个百分点): the
# number before (with its unit, 5%—8%) and the one after a figure's number.
_RANGE_LOW_BEFORE = re.compile(r"\d+(?:[.．]\d+)?[%％]?\s*(?:至|到|—|－|-|~|～|–)+\s*$")
_FROM_TO = re.compile(r"[从由][^，,。；;：:]*$")
_RANGE_HIGH_AFTER = re.compile(r"\s*(?:至|到|—|－|-|~|～|–)+\s*(?P<high>\d+(?:[.．]\d+)?)")


def range_problem(clean_text: str, figure: Figure) -> str | None:
    """Why a figure whose number is one end of a range does not carry the other (None: it does,
    or its number is no range's end)."""
    number = _number_at(clean_text, figure)
    if number is None:
        return None
    start, end = number
    high = figure.value_high
    before = clean_text[max(0, start - 12) : start]
    low = _RANGE_LOW_BEFORE.search(before)
    if low is not None and _FROM_TO.search(clean_text, max(0, start - 24), start - len(before) + low.start()):
        low = None  # 从80%到95%: a change of level, not a range
    if high is None and low is not None and not re.search(r"(?:19|20)\d\d[—－\-~～至到]+$", before):
        return f"range cut to its upper end ({clean_text[max(0, start - 6):end + 2]!r})"
    unit = figure.unit if clean_text.startswith(figure.unit, end) else ""
    after = _RANGE_HIGH_AFTER.match(clean_text, end + len(unit))
    if after and high is None and figure.span is not None and after.start("high") < figure.span.end:
        return f"range cut to its lower end ({clean_text[start:after.end() + 2]!r})"
    return None


def direction_problem(clean_text: str, figure: Figure) -> str | None:
    """Why a figure the text states as a decrease (下降35%) does not say so in its fields."""
    number = _number_at(clean_text, figure)
    if number is None or figure.change == "decrease":
        return None
    before = clean_text[max(0, number[0] - 40) : number[0]]
    if figure.value_high is not None:  # the range's low end is the number found
        before = re.sub(r"\d+(?:[.．]\d+)?[%％]?\s*(?:至|到|—|－|-|~|～|–)+\s*$", "", before)
    m = _DECREASE_BEFORE.search(before)
    return f"decrease lost ({before[m.start():] if m else ''}{figure.value:g}{figure.unit})" if m else None


# Where a label is wrong though each of its words is whole, as the genre writes such figures:
# a coordinated noun dropped (硕士、|博士占比87%: the share is of both), the base of a share taken
# for what is measured (占|全市3.9%), a threshold modifier dropped (规模以上|工业增加值 is another indicator).
_COORDINATION_BEFORE = re.compile(r"[\u4e00-\u9fff”》][、和及与]$")
_THRESHOLD_BEFORE = re.compile(r"(?:规模|限额|一定规模|亿元|千万元|万元)(?:以上|以下)$")


def _label_context_problem(clean_text: str, figure: Figure, label: str, pieces: list[tuple[int, int]]) -> str | None:
    first_start, last_end = pieces[0][0], pieces[-1][1]
    number = _number_at(clean_text, figure)
    # A size (500米) modifies the whole phrase after it: a label right after it that stops before
    # the phrase ends names a piece of what has that size (500米|群众|诉求服务圈).
    size = figure.unit[-2:] if figure.unit[-2:] in SIZE_UNITS else figure.unit[-1:]
    if size in SIZE_UNITS and clean_text.endswith(size, 0, first_start) and not is_phrase_end(clean_text, last_end):
        return f"label {label!r} cuts the phrase its size modifies ({clean_text[first_start:last_end + 4]!r})"
    before_number = number is not None and last_end <= number[0]
    head = clean_text[max(0, first_start - 6) : first_start]
    gap = clean_text[last_end : number[0]] if number is not None and before_number else ""
    if "分别" in gap:
        return _respectively_problem(clean_text, figure, label, pieces, number)
    if _THRESHOLD_BEFORE.search(head):
        return f"label {label!r} drops its threshold ({head[-6:]}{label})"
    if head.endswith("占") and not label.endswith(("比", "比重", "比例")) and figure.unit in ("%", "％"):
        return f"label {label!r} is the base of a share (占{label})"
    clause_start = max(clean_text.rfind(c, 0, first_start) for c in "，,。；;：:\n")
    joiner = first_start - 1
    if _COORDINATION_BEFORE.search(head) and is_word_boundary(clean_text, joiner) and not re.search(r"\d", clean_text[clause_start + 1 : first_start]):
        return f"label {label!r} drops the noun coordinated with it ({head[-4:]}{label})"
    return None


def _respectively_problem(clean_text: str, figure: Figure, label: str, pieces: list[tuple[int, int]],
                          number: tuple[int, int] | None) -> str | None:
    """A figure of a 分别 list (文件、会议、考核数量分别压减50%、2.1%、27%): its label names the noun
    of the same rank as its value, or the whole list; never another rank's noun."""
    if number is None:
        return None
    respectively = clean_text.rfind("分别", 0, number[0])
    clause_start = max(clean_text.rfind(c, 0, respectively) for c in "，,。；;：:\n") + 1
    # the list's joiners where they are words of their own (普及率 holds 及, 和谐 holds 和)
    cuts = [m.start() for m in re.finditer(r"[、和及与]", clean_text[clause_start:respectively])
            if is_word_boundary(clean_text, clause_start + m.start())
            and is_word_boundary(clean_text, clause_start + m.start() + 1)]
    bounds = [0, *(c + 1 for c in cuts)]
    nouns = list(zip(bounds, [*cuts, respectively - clause_start]))
    values = re.findall(r"\d+(?:[.．]\d+)?", clean_text[respectively:number[0]])
    rank = len(values)
    if len(nouns) < 2 or rank >= len(nouns):
        return None
    noun_start, noun_end = clause_start + nouns[rank][0], clause_start + nouns[rank][1]
    whole = pieces[0][0] <= clause_start + nouns[0][1] and pieces[-1][1] >= noun_end
    if whole or any(s < noun_end and noun_start < e for s, e in pieces):
        return None
    return f"label {label!r} pairs value {rank + 1} of a 分别 list with another noun"


def _nounish(word: str, tag: str) -> bool:
    """True when a word (with its jieba tag) can name the thing a figure counts: things the genre
    counts that jieba tags as verbs (投诉, 提案, 申请: figures.VERBAL_NOUNS) are nouns here."""
    return tag.startswith(_NOUN_TAGS) or word.endswith(_NOMINAL_SUFFIXES) or word in VERBAL_NOUNS


def _word_after(text: str, pos: int) -> tuple[str, str] | None:
    """The word starting at ``pos`` and its jieba tag (None at punctuation, a number or the end)."""
    if pos >= len(text) or text[pos].isdigit() or not is_word_boundary(text, pos):
        return None
    spans = tagged_spans(text, pos, min(len(text), pos + 8))
    if not spans or spans[0][0] != pos:
        return None
    s, e, tag = spans[0]
    return text[s:e], tag


def _label_in_evidence(clean_text: str, figure: Figure, label: str) -> tuple[int, int] | None:
    """Where ``label`` stands in the figure's evidence, the occurrence nearest its number (None: it
    is not quoted there whole)."""
    assert figure.span is not None
    start, end = figure.span.start, figure.span.end  # (the lambda below cannot see the assert)
    number = _number_at(clean_text, figure)
    found = [m.start() for m in re.finditer(re.escape(label), clean_text[start:end])]
    if not found or number is None:
        return None
    at = start + min(found, key=lambda p: min(
        abs(start + p + len(label) - number[0]), abs(start + p - number[1] - len(figure.unit))))
    return at, at + len(label)


def _label_pieces(label: str, text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The label as one or two verbatim pieces of the text near its figure (before and after the
    number): the occurrence nearest the number's end ``end - _LABEL_REACH`` wins."""
    number_end = end - _LABEL_REACH
    found = [m.start() for m in re.finditer(re.escape(label), text[start:end])]
    if found:
        pos = start + min(found, key=lambda p: abs(start + p + len(label) - number_end))
        return [(pos, pos + len(label))]
    for cut in range(len(label) - 1, 0, -1):
        head, tail = label[:cut], label[cut:]
        head_at = text.find(head, start, end)
        if head_at == -1:
            continue
        tail_at = text.find(tail, head_at + len(head), end)
        if tail_at != -1:
            return [(head_at, head_at + len(head)), (tail_at, tail_at + len(tail))]
    return None


def figure_problems(clean_text: str, figure: Figure, item: Item) -> tuple[bool, list[str]]:
    """``(qualified, problems)``: whether the text qualifies the figure's number, and what is wrong.

    A figure without a label gets ``no label``: it is shown as its quote, which is not wrong."""
    problems = []
    word = qualifier_in_text(clean_text, figure)
    if word is not None and figure.qualifier is None:
        problems.append(f"qualifier {word!r} lost")
    bad_label = label_problem(clean_text, figure) if _figure_label(figure) else "no label"
    if bad_label:
        problems.append(bad_label)
    bad_unit = unit_problem(clean_text, figure)
    if bad_unit:
        problems.append(bad_unit)
    for check in (range_problem, direction_problem):
        found = check(clean_text, figure) if figure.span is not None else None
        if found:
            problems.append(found)
    span = figure.span
    if span is None or not (item.span.start <= span.start and span.end <= item.span.end):
        problems.append("outside its item")
    return word is not None, problems


def check_items(
    items: list[Item],
    clean_text: str,
    pairs: list[tuple[int, str]],
    *,
    opening_states_result: bool = True,
) -> ReaderPart:
    """The reader's checks of one part of one summary.

    ``pairs`` are (predicted item index, reference text) of the matched pairs;
    ``opening_states_result`` is the genre's, as ``summary_problems`` takes it."""
    result = ReaderPart(n_summaries=len(items))
    for item in items:
        problems = summary_problems(item.summary, clean_text, item, opening_states_result=opening_states_result)
        if problems:
            result.problems.append(f"summary {item.summary!r}: {'; '.join(problems)}")
        else:
            result.well_formed += 1
        for figure in item.figures:
            result.n_figures += 1
            qualified, problems = figure_problems(clean_text, figure, item)
            result.qualifier_expected += qualified
            result.qualifier_lost += any(p.startswith("qualifier") for p in problems)
            result.label_bad += any(p.startswith("label") for p in problems)
            result.label_empty += "no label" in problems
            result.unit_bad += any(p.startswith("unit") for p in problems)
            result.outside_item += "outside its item" in problems
            result.range_cut += any(p.startswith("range") for p in problems)
            result.direction_lost += any(p.startswith("decrease") for p in problems)
            if [p for p in problems if p != "no label"]:
                result.problems.append(f"figure {figure.evidence!r}: {'; '.join(problems)}")
    for index, reference_text in pairs:
        if reference_text.strip():
            result.n_pairs += 1
            result.dice_sum += summary_dice(items[index].summary, reference_text)
    del result.problems[EXAMPLES_KEPT:]
    return result
