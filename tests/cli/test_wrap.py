"""The terminal view's line wrapping (``render.hang``): Chinese, Latin words, punctuation."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from summarizer.render import hang

TEXT = st.text(alphabet="法治政府建设年度报告abc xyz12，。」（", max_size=200)


@given(TEXT, st.integers(min_value=12, max_value=100))
def test_lines_fit_keep_their_indent_and_lose_no_text(text, width):
    out = hang(text, " 1. ", "    ", width).split("\n")
    assert all(cell_len(line) <= width for line in out)
    assert out[0].startswith(" 1.") and all(line.startswith("    ") or not line.strip() for line in out[1:])
    assert not re.fullmatch(r"\s*1\.\s*", out[0]) or not text.strip()  # the number never stands alone
    assert "".join(line[4:] for line in out).replace(" ", "") == text.replace(" ", "")


def test_latin_words_wrap_at_spaces_and_punctuation_never_starts_a_line():
    out = hang("another government report: 法治政府建设年度报告。", "", "  ", 20).split("\n")
    assert out[:2] == ["another government", "  report: 法治政府建"]
    assert not any(line.lstrip().startswith("。") for line in out)
