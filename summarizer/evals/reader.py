"""What a reader sees: summaries and figures checked as a reader would read them.

Item matching (``matching.py``) scores evidence spans; a reader reads the
summaries and the figures. Per part this module measures:

- **summary Dice**: character-bigram Dice of a predicted summary and the
  reference ``text`` of the item it matched (the pair the matching rule
  found: for each covered reference item, the prediction with the longest
  common run), averaged over those pairs.
- **well-formed summaries**, by ``summary_problems``: a summary is
  well-formed when it is 1-60 characters, has no cut mark (…), its paired
  brackets and quotes are balanced, it does not start with a word that hangs
  off something before it (的, 和, 等 …) nor end with one that needs
  something after it (的, 和, 对, 约 …, or a number without its unit), and
  every piece of it (split at its punctuation) that is copied from the
  clean text starts at a word boundary there and ends at a phrase end
  (``summarizer.extract.phrases``): ``…解封企业基本`` (of 基本账户) and
  ``84家失信`` (of 84家失信被执行企业) are not.
- **figure checks**, by ``figure_problems``: the qualifier is kept where the
  text bounds the number (近400条, 20余场, 3000人次以上 need ``qualifier``);
  the label is non-empty and a whole phrase of the text (each of its pieces
  starts and ends at word boundaries, not with a dangling word); the figure's
  span lies inside its item's span.
"""

from __future__ import annotations

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
)
from summarizer.extract.rules.figures import (
    QUALIFIERS_AFTER_NUMBER,
    QUALIFIERS_AFTER_UNIT,
    QUALIFIERS_BEFORE,
)
from summarizer.extract.rules.summaries import SUMMARY_MAX
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
    label_bad: int = Field(0, description="figure labels empty or not a whole phrase of the text")
    outside_item: int = Field(0, description="figures whose span is not inside their item's span")
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
        """Share of figures whose label is a non-empty whole phrase."""
        return 1 - self.label_bad / self.n_figures if self.n_figures else None

    @property
    def in_item_rate(self) -> float | None:
        """Share of figures whose span lies inside their item."""
        return 1 - self.outside_item / self.n_figures if self.n_figures else None

    def add(self, other: ReaderPart) -> None:
        """Pool ``other``'s counts into this one (examples are not pooled)."""
        for name in ("n_summaries", "well_formed", "n_pairs", "dice_sum", "n_figures", "qualifier_expected",
                     "qualifier_lost", "label_bad", "outside_item"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def pooled(parts: Iterable[ReaderPart]) -> ReaderPart:
    """The counts of several parts (or documents) added up."""
    total = ReaderPart()
    for part in parts:
        total.add(part)
    return total


# --- summaries ------------------------------------------------------------


def summary_problems(summary: str, clean_text: str, item: Item | None = None) -> list[str]:
    """Why ``summary`` is not well-formed (empty list: it is). See the module docstring."""
    problems = []
    text = summary.strip()
    if not text:
        return ["empty"]
    if len(text) > SUMMARY_MAX:
        problems.append(f"{len(text)} characters (> {SUMMARY_MAX})")
    if "…" in text or "..." in text:
        problems.append("cut mark …")
    for opening, closing in PAIRS:
        if text.count(opening) != text.count(closing):
            problems.append(f"unbalanced {opening}{closing}")
    head, tail = first_word(text), last_word(text)
    if not text[0].isalnum() and text[0] not in "《“（(【「〔[":
        problems.append(f"starts with {text[0]!r}")
    elif head in DANGLING_STARTS:
        problems.append(f"starts with the dangling word {head!r}")
    if not text[-1].isalnum() and text[-1] not in "》”）)】」〕]%％‰":
        problems.append(f"ends with {text[-1]!r}")
    elif tail in DANGLING_ENDS:
        problems.append(f"ends with the dangling word {tail!r}")
    elif text[-1].isdigit():
        problems.append("ends with a number without its unit")
    for piece in _PIECE_BREAK.split(text):
        if len(piece) >= 2:
            where = _copied_cut(piece, clean_text, item)
            if where:
                problems.append(f"{piece!r} {where}")
    return problems


def _occurrences(piece: str, clean_text: str, item: Item | None) -> list[int]:
    """Where ``piece`` occurs in the clean text, inside the item first."""
    found = []
    if item is not None:
        pos = clean_text.find(piece, item.span.start, item.span.end)
        while pos != -1:
            found.append(pos)
            pos = clean_text.find(piece, pos + 1, item.span.end)
    if not found:
        pos = clean_text.find(piece)
        while pos != -1 and len(found) < 50:
            found.append(pos)
            pos = clean_text.find(piece, pos + 1)
    return found


def _copied_cut(piece: str, clean_text: str, item: Item | None) -> str | None:
    """How a piece copied from the text is cut (None: not copied, or cut cleanly somewhere)."""
    positions = _occurrences(piece, clean_text, item)
    if not positions:
        return None  # not copied: an abstractive summary is judged by the other checks only
    problems = []
    for pos in positions:
        end = pos + len(piece)
        if not is_word_boundary(clean_text, pos):
            problems.append(f"starts inside the word at {clean_text[max(0, pos - 2):pos + 2]!r}")
        elif not is_phrase_end(clean_text, end):
            problems.append(f"is cut before {clean_text[end:end + 4]!r}")
        else:
            return None
    return problems[0]


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


def label_problem(clean_text: str, figure: Figure) -> str | None:
    """Why the figure's label is not a whole phrase of the text (None: it is)."""
    if figure.label is None:
        return None  # no noun phrase names it: shown as its quote, not mislabelled
    label = figure.label.strip()
    if not label:
        return "empty label"
    if figure.span is None:
        return None
    start, end = figure.span.start, figure.span.end
    pieces = _label_pieces(label, clean_text, start, end)
    if pieces is None:
        return f"label {label!r} is not in its figure's text"
    if not balanced(label):
        return f"label {label!r} cuts a quotation or bracket"
    for piece_start, piece_end in pieces:
        piece = clean_text[piece_start:piece_end]
        # A noun right after the figure's measure word may be glued to it by the segmenter (389个村).
        after_unit = bool(figure.unit) and clean_text.endswith(figure.unit[-1], 0, piece_start)
        starts_clean = after_unit or is_word_boundary(clean_text, piece_start)
        if not starts_clean or not is_word_boundary(clean_text, piece_end):
            return f"label {label!r} cuts a word ({clean_text[max(0, piece_start - 2):piece_end + 2]!r})"
        if first_word(piece) in DANGLING_STARTS or last_word(piece) in DANGLING_ENDS:
            return f"label {label!r} starts or ends with a dangling word"
    return None


def _label_pieces(label: str, text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The label as one or two verbatim pieces of the figure's text (before and after the number)."""
    pos = text.find(label, start, end)
    if pos != -1:
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
    """``(qualified, problems)``: whether the text qualifies the figure's number, and what is wrong."""
    problems = []
    word = qualifier_in_text(clean_text, figure)
    if word is not None and figure.qualifier is None:
        problems.append(f"qualifier {word!r} lost")
    bad_label = label_problem(clean_text, figure)
    if bad_label:
        problems.append(bad_label)
    span = figure.span
    if span is None or not (item.span.start <= span.start and span.end <= item.span.end):
        problems.append("outside its item")
    return word is not None, problems


def check_items(
    items: list[Item],
    clean_text: str,
    pairs: list[tuple[int, str]],
) -> ReaderPart:
    """The reader's checks of one part of one summary.

    ``pairs`` are (predicted item index, reference text) of the matched pairs."""
    result = ReaderPart(n_summaries=len(items))
    for item in items:
        problems = summary_problems(item.summary, clean_text, item)
        if problems:
            result.problems.append(f"summary {item.summary!r}: {'; '.join(problems)}")
        else:
            result.well_formed += 1
        for figure in item.figures:
            result.n_figures += 1
            qualified, problems = figure_problems(clean_text, figure, item)
            result.qualifier_expected += qualified
            result.qualifier_lost += any(p.startswith("qualifier") for p in problems)
            result.label_bad += any(p.startswith(("label", "empty label")) for p in problems)
            result.outside_item += "outside its item" in problems
            if problems:
                result.problems.append(f"figure {figure.evidence!r}: {'; '.join(problems)}")
    for index, reference_text in pairs:
        if reference_text.strip():
            result.n_pairs += 1
            result.dice_sum += summary_dice(items[index].summary, reference_text)
    del result.problems[EXAMPLES_KEPT:]
    return result
