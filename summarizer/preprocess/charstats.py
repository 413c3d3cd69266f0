"""How ordinary a piece of Chinese text looks, to choose between decodings.

The 3,755 level-1 characters of GB2312 (and their traditional forms) cover
well over 99% of running modern Chinese text; decoding a text with the wrong
encoding or one byte out of step produces mostly rare characters, bopomofo,
box-drawing signs and private-use code points instead.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from summarizer.preprocess.t2s import to_simplified_char

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


def commonness(text: str) -> float:
    """Share of non-space characters that are common; 0.0 for empty text."""
    n = common = 0
    for ch, k in Counter(text).items():  # distinct characters only: a report has ~1,000
        if ch.isspace():
            continue
        n += k
        if is_common_char(ch):
            common += k
    return common / n if n else 0.0
