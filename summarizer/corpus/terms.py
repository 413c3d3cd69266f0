"""The key terms of an item, weighted so that stock phrases say nothing.

Every 法治政府建设年度报告 repeats the same formulas (坚持以习近平法治思想为指导,
深入推进法治政府建设, 全面依法治国 …), and every 政府工作报告 its own (高质量发展,
稳中求进 …), so two items sharing them are not about the same thing. A term's
weight is its inverse document frequency over reports of the genre: each genre's
table (``summarizer.genres``: ``FollowParts.terms_table``; ``genre_terms.json``
for rule-of-law reports, ``govwork_terms.json`` for government work reports)
records, for every word found in at least two of the bundled reports of the
genre, in how many of them it occurs (rebuilt by
``python -m summarizer.corpus.terms --genre NAME FOLDER...``; a test checks each
is up to date). A word found in most reports of the genre weighs nothing; a word
the table does not know (rare in the genre) weighs most.

Words come from the same jieba segmentation the summaries use
(``summarizer.extract.phrases``); a term is a word of two or more characters
with a Han character in it, or two such adjacent words joined (执法 + 监督 →
执法监督), so that a shared compound counts more than its parts.
"""

from __future__ import annotations

import functools
import json
import math
import re
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TypedDict

from summarizer.corpus.thesaurus import fold
from summarizer.extract.phrases import tagged_spans, words

# A word is "stock" when at least this share of the genre's reports use it: it weighs nothing.
STOCK_SHARE = 0.75
_HAN = re.compile(r"[\u4E00-\u9FD5]")
_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9]+")
# The rule-of-law genre's table: the default of callers that compare rule-of-law items (topics).
DEFAULT_TABLE = "genre_terms.json"
# jieba's part-of-speech tags of the words that can be key terms: nouns, verbal nouns (监督,
# 宣传), abbreviations, set phrases, organisation names, Latin words, and place names (ns): the
# places within an issuer's area (莲塘, 清水河) name where a measure is carried out, and jieba tags
# some of the genres' nouns as places (城中村). The issuer's own name is left out of a pair's
# comparison (summarizer.corpus.follow.own_name_terms). Person names (nr) are not terms: jieba
# takes words of the genres' formulas for names (公正 of 严格规范公正文明执法), though also some
# nouns (养老, 黄金珠宝).
NOUN_TAGS = frozenset({"n", "nz", "vn", "j", "l", "nt", "eng", "ns"})
# Nouns that quantify or point rather than name (个别单位, 部分干部, 少数民警): never key terms.
NOT_NAMING = frozenset({"个别", "部分", "少数", "多数", "大部分", "一些", "有些", "方面", "情况", "现象", "地方", "时候"})
# Words jieba tags as nouns that the genre uses as manner or degree, never as the name of a
# measure: 有机结合/有机融合 ("organically"), 切实加强, 结合实际, 在…的前提下, 落到实处, 以…为抓手,
# 形成合力, 从源头上, 取得实效, 长效机制, 常态化, 补齐短板, 提升质效. Two items sharing them share a
# turn of phrase, not a commitment.
NOT_NAMING |= frozenset({"有机", "切实", "实际", "前提", "实处", "抓手", "合力", "源头", "实效", "长效",
                         "常态", "短板", "弱项", "质效", "亮点", "举措", "成效", "途径", "路径"})
# Words both genres use for "a difficulty" whatever it is about (破解…难题, 解决…难题, 瓶颈): two
# items naming one name a problem each, not the same one.
NOT_NAMING |= frozenset({"难题", "瓶颈"})
# Nouns that say whose or how wide, not what: the genre writes them into compounds (国家工作人员,
# 全民普法, 社会治理, 现代化国家). They join their neighbour into a term but are no term alone, so
# 国家工作人员学法 and 社会主义现代化国家 share nothing.
ONLY_IN_COMPOUNDS = frozenset({"国家", "全民", "社会", "人员"})


@functools.lru_cache(maxsize=4)
def _genre_table(table: str = DEFAULT_TABLE) -> tuple[int, dict[str, int]]:
    data = json.loads(resources.files("summarizer.corpus").joinpath(table).read_text(encoding="utf-8"))
    return int(data["reports"]), dict(data["document_frequency"])


def _is_term_word(word: str) -> bool:
    return len(word) >= 2 and bool(_HAN.search(word)) and not any(c.isdigit() for c in word)


def terms(text: str) -> set[str]:
    """The terms of ``text``: its nouns (jieba's n, nz, vn, j, l, nt, eng tags) of two or more
    characters with a Han character (not the ``ONLY_IN_COMPOUNDS`` ones alone), and each pair
    of adjacent such nouns joined.

    Only nouns name what a plan or an achievement is about; the verbs of the genre (推进,
    落实, 加强, 提升 …) are the same in every item. The genre's interchangeable wordings are
    folded to one form first (``summarizer.corpus.thesaurus``)."""
    found: set[str] = set()
    for run in _RUN.findall(fold(text)):  # punctuation ends a phrase: 宪法、民法典 joins nothing
        previous = ""
        for start, end, tag in tagged_spans(run, 0, len(run)):
            word = run[start:end]
            if tag in NOUN_TAGS and word not in NOT_NAMING and _is_term_word(word):
                if word not in ONLY_IN_COMPOUNDS:
                    found.add(word)
                if previous:
                    found.add(previous + word)
                previous = word
            else:
                previous = ""
    return found


@functools.lru_cache(maxsize=1 << 16)  # a corpus asks the weight of each term many times over
def weight(term: str, table: str = DEFAULT_TABLE) -> float:
    """How much sharing ``term`` says: 0 for the genre's stock words, most for words it rarely uses
    (``table``: the genre's document-frequency table, a bundled file read once).

    A joined pair weighs as its rarer half, plus a little for being a phrase."""
    reports, df = _genre_table(table)
    share = df.get(term, 0) / reports
    if term not in df and not _is_single_known(term, df):
        parts = _split_known(term)
        if parts:
            return max(weight(p, table) for p in parts) * 1.2
    if share >= STOCK_SHARE:
        return 0.0
    return math.log((reports + 1) / (df.get(term, 0) + 0.5))


def _is_single_known(term: str, df: dict[str, int]) -> bool:
    return term in df or len(words(term)) <= 1


def _split_known(term: str) -> list[str]:
    parts = [w for w in words(term) if _is_term_word(w)]
    return parts if len(parts) >= 2 else []


def is_stock(term: str, table: str = DEFAULT_TABLE) -> bool:
    """True when ``term`` is one of the genre's stock words (it weighs nothing)."""
    return weight(term, table) == 0.0


class TermTable(TypedDict):
    """A genre's ``*_terms.json``: how many reports, and in how many of them each term occurs."""

    reports: int
    document_frequency: dict[str, int]


def build_table(texts: Iterable[str]) -> TermTable:
    """The document-frequency table of ``texts`` (reports of one genre), as its ``*_terms.json`` holds it.

    Texts are folded as ``terms`` folds them, so a folded word counts every wording of it."""
    counts: dict[str, int] = {}
    n = 0
    for text in texts:
        n += 1
        for term in {w for w in words(fold(text)) if _is_term_word(w)}:
            counts[term] = counts.get(term, 0) + 1
    kept = {t: c for t, c in sorted(counts.items()) if c >= 2}
    return {"reports": n, "document_frequency": kept}


def _bundled_texts(folders: list[Path]) -> list[str]:
    from summarizer.preprocess import clean

    texts = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".html", ".htm") and path.is_file():
                texts.append(clean(path.read_bytes()).text)
    return texts


def main(argv: list[str]) -> int:
    """Rebuild a genre's table from the reports in the folders given:
    ``[--genre NAME] FOLDER...`` (default: the rule-of-law genre)."""
    from summarizer.genres import DEFAULT_GENRE, genre_named

    genre = DEFAULT_GENRE
    if argv[:1] == ["--genre"] and len(argv) >= 2:
        genre, argv = genre_named(argv[1]), argv[2:]
    if genre.follow is None or not argv:
        print("usage: python -m summarizer.corpus.terms [--genre NAME] FOLDER...  "
              "(a genre with follow-through; the folders hold its reports)", file=sys.stderr)
        return 2
    table = build_table(_bundled_texts([Path(a) for a in argv]))
    out = Path(__file__).with_name(genre.follow.terms_table)
    out.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{out}: {table['reports']} reports, {len(table['document_frequency'])} terms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
