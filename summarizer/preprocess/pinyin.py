"""Removing pinyin annotations such as ``區(qū)`` -> ``區``.

Some sites print the pinyin after every character that differs from its
simplified form. A parenthesised run is removed only when it is one real pinyin
syllable with a tone mark (or a neutral-tone syllable after a traditional
character) right after a CJK character, so ``帮(代)办``, ``(2021-2025年)``,
``(试行)`` and ``(一)`` stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from summarizer.preprocess.edits import Edit
from summarizer.preprocess.t2s import to_simplified_char

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTERS = "a-zü" + _TONED
# A syllable = optional initial + final (checked on the tone-stripped form).
_SYLLABLE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|o|ong|ou|i|ia|ian|iang|iao|ie|in|ing|iong|iu|"
    r"u|ua|uai|uan|uang|ue|ui|un|uo|ü|üe|üan|ün|v|ve|n|ng|m)"
)
_ONE = r"[(（](?P<py>[" + _LETTERS + r"]{1,6})[)）]"
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# The bracket first: one pattern per bracket, each opening with one character, which a plain
# search finds (a class is tried at every character); the ASCII one only where an ASCII bracket
# is. The CJK character before is then checked by a look back from the bracket, in the same
# scan. (An annotation holds no opening bracket, so they find the same annotations as one
# pattern for both brackets opening with the character.)
_ANNOTATION_FULL = re.compile(rf"（(?<={_HAN}（)(?P<py>[{_LETTERS}]{{1,6}})[)）]")
_ANNOTATION_ASCII = re.compile(rf"\((?<={_HAN}\()(?P<py>[{_LETTERS}]{{1,6}})[)）]")
_MORE = re.compile(_ONE)
_OPENING = ("(", "（")  # the brackets _ONE opens with
# The same annotations with the character they follow, for ``annotated_chars`` (which wants the
# distinct pairs only: a site annotates the same characters again and again).
_ANNOTATED_PAIR = re.compile(rf"[(（](?<=({_HAN})[(（])([{_LETTERS}]{{1,6}})[)）]")


def strip_tone(syllable: str) -> str:
    """The syllable without tone marks (ü kept)."""
    out = []
    for ch in syllable:
        if ch in _TONED:
            base = unicodedata.normalize("NFD", ch)
            out.append("ü" if base.startswith("u\u0308") else base[0])
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=4096)
def is_pinyin(run: str, *, after_traditional: bool) -> bool:
    """True when ``run`` is one pinyin syllable: tone-marked, or toneless after a traditional char."""
    if not _SYLLABLE.fullmatch(strip_tone(run)):
        return False
    has_tone = any(ch in _TONED for ch in run)
    return has_tone or after_traditional


@lru_cache(maxsize=65536)
def annotates(char: str, run: str) -> bool:
    """True when ``run`` in brackets right after ``char`` is its pinyin annotation (``is_pinyin``)."""
    return is_pinyin(run, after_traditional=to_simplified_char(char) != char)


def pinyin_edits(text: str) -> list[Edit]:
    """Edits removing each pinyin annotation that follows a CJK character."""
    edits = []
    for m in _annotations(text):
        start = m.start() - 1  # the annotated character
        char = text[start]
        if annotates(char, m.group("py")):
            end = m.end()
            # A repeated annotation would be left next to the character: take it too.
            # (Looked for only where a bracket follows: most annotations are single.)
            while (text.startswith(_OPENING, end) and (more := _MORE.match(text, end))
                   and annotates(char, more.group("py"))):
                end = more.end()
            # The edit keeps the character, so the repair points at it in the clean text.
            edits.append(Edit(start, end, char, "pinyin", True, "pinyin annotation removed"))
    return edits


def _annotations(text: str) -> list[re.Match[str]]:
    """The bracketed runs of pinyin letters right after a CJK character, in order."""
    found = list(_ANNOTATION_FULL.finditer(text))
    if "(" in text:
        found += _ANNOTATION_ASCII.finditer(text)
        found.sort(key=_start)
    return found


def _start(m: re.Match[str]) -> int:
    return m.start()


def annotated_chars(text: str) -> dict[str, set[str]]:
    """For each pinyin syllable annotated in ``text``, the characters it follows."""
    seen: dict[str, set[str]] = {}
    # Each distinct (character, syllable) pair once, in order of first appearance.
    for char, py in dict.fromkeys(_ANNOTATED_PAIR.findall(text)):
        if annotates(char, py):
            seen.setdefault(py, set()).add(char)
    return seen
