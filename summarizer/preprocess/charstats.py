"""How ordinary a piece of Chinese text looks, to choose between decodings.

The 3,755 level-1 characters of GB2312 (and their traditional forms) cover
well over 99% of running modern Chinese text; decoding a text with the wrong
encoding or one byte out of step produces mostly rare characters, bopomofo,
box-drawing signs and private-use code points instead.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from summarizer.preprocess.t2s import to_simplified, to_simplified_char

_COMMON_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】—…·％．０１２３４５６７８９　")


@lru_cache(maxsize=65536)
def is_common_char(ch: str) -> bool:
    """True for level-1 hanzi (in simplified or traditional form), CJK punctuation and ASCII."""
    if ch < "\x80" or ch in _COMMON_PUNCT:
        return True
    try:
        b = to_simplified_char(ch).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


# The characters str.isspace() holds (what \s means), as one class: faster than \s.
_SPACE_RUN = re.compile(r"[\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_CACHE_MAX = 100_000  # characters classified one by one, at most (random bytes decoded every way)
_common_cache: dict[str, bool] = {}


@lru_cache(maxsize=1)
def _surely_common() -> re.Pattern[str]:
    """Runs of characters that are whitespace or surely common (ASCII, the common
    punctuation, the level-1 hanzi t2s leaves alone): one character class, tested in C."""
    level1 = bytearray(2 * 94 * 40)  # every (lead B0-D7, trail A1-FE) pair, filled by slices
    level1[0::2] = bytes(lead for lead in range(0xB0, 0xD8) for _ in range(94))
    level1[1::2] = bytes(range(0xA1, 0xFF)) * 40
    hanzi = level1.decode("gb2312", errors="ignore")  # (D7FA-D7FE are unassigned)
    converted = to_simplified("\n".join(hanzi)).split("\n")  # one OpenCC call for all
    kept = [c for c, s in zip(hanzi, converted, strict=False) if c == s] if len(converted) == len(hanzi) else []
    others = sorted(c for c in _COMMON_PUNCT if not c.isspace())
    return re.compile("[\\s\\x00-\\x7f" + "".join(others) + "".join(kept) + "]+")


def _is_common(ch: str) -> bool:
    if len(_common_cache) > _CACHE_MAX:
        _common_cache.clear()
    common = _common_cache.get(ch)
    if common is None:
        common = _common_cache[ch] = is_common_char(ch)
    return common


def not_surely_common(text: str) -> str:
    """The characters of ``text`` that are neither whitespace nor surely common, in order
    (one regex pass; few in simplified text): the uncommon ones are among them."""
    # The surely common runs are removed, not the others found: a run is matched in one tight
    # loop in C, where a search for the rare others tries (and fails) at every common character
    # (about eight times slower on a report).
    return _surely_common().sub("", text)


def uncommon_count(text: str) -> int:
    """How many characters of ``text`` are neither whitespace nor common.

    Whole-text: one regex pass leaves the characters that are not surely common, and
    only those are looked at one by one.
    """
    rest = not_surely_common(text)
    return sum(k for ch, k in Counter(rest).items() if not _is_common(ch)) if rest else 0


def commonness(text: str) -> float:
    """Share of non-space characters that are common; 0.0 for empty text."""
    n = len(text) - sum(map(len, _SPACE_RUN.findall(text)))
    return (n - uncommon_count(text)) / n if n else 0.0
