"""Offsets survive the edits of later steps."""

from __future__ import annotations

from summarizer.preprocess.edits import Edit, apply_edits


def test_offsets_move_with_insertions_and_deletions():
    text = "ab(x)cd  ef"
    new, kept, omap = apply_edits(text, [Edit(2, 5, ""), Edit(7, 9, " ")])
    assert new == "abcd ef"
    assert len(kept) == 2
    assert new[omap(5) : omap(7, is_end=True)] == "cd"
    assert new[omap(9) : omap(11, is_end=True)] == "ef"


def test_a_span_ending_at_a_kept_character_keeps_it():
    # 區(qū) -> 區 keeps 區: a span ending just after 區 must still end after it.
    text = "推區(qū)好"
    new, _, omap = apply_edits(text, [Edit(1, 6, "區")])
    assert new == "推區好"
    assert new[omap(0) : omap(2, is_end=True)] == "推區"


def test_a_span_inside_a_deleted_stretch_vanishes():
    new, _, omap = apply_edits("a\n\u3000b", [Edit(1, 3, "\n")])
    assert new == "a\nb"
    assert omap(2) >= omap(3, is_end=True)  # the indent's span is empty: it did not survive


def test_overlapping_edits_keep_the_first():
    new, kept, _ = apply_edits("abcdef", [Edit(1, 4, "X"), Edit(2, 5, "Y")])
    assert new == "aXef"
    assert [e.new for e in kept] == ["X"]
