"""Traditional -> simplified conversion with OpenCC.

Configuration ``t2s`` (OpenCC standard traditional -> mainland simplified) is
chosen deliberately: the reports are mainland documents that some sites serve
in traditional characters, so only the script must change, never the wording.
``tw2sp``/``hk2s`` would also rewrite Taiwan/Hong Kong vocabulary and variants
("phrases"), which would alter the report's own words, and ``s2t``-style round
trips are lossy. ``t2s`` is also what the reference extractions were made with.
Simplified text passes through unchanged, so the step is safe on every input.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

# One converter per process: building it loads the dictionaries (a pure function's resource).
_CONVERTER = opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC t2s)."""
    simplified: str = _CONVERTER.convert(text)  # opencc has no type information
    return simplified


@lru_cache(maxsize=65536)
def to_simplified_char(ch: str) -> str:
    """One character in simplified form."""
    simplified: str = _CONVERTER.convert(ch)
    return simplified
