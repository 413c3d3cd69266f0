"""Work the rules path does once and shares: the runs of a text (phrases) and the paragraphs
the section tree was parsed from (structure). Each shortcut is compared with the plain
computation it replaces."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.extract import phrases
from summarizer.extract.rules.backend import extract_with_rules
from summarizer.preprocess import clean
from summarizer.structure import DocumentStructure, paragraph_spans, parse_structure

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "evals" / "datasets" / "seeds").glob("*.txt"))[:3]
_RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")

# Run characters (Han, letters, digits, +#&._%-) mixed with what separates runs.
_TEXT = st.text(alphabet=st.sampled_from(list("法治政府建设年a1.%-+ ，。（）\n\u3000、：《》Z9")), max_size=60)


def _run_around_by_char(text: str, pos: int) -> tuple[int, int]:
    """The old definition: walk out from ``pos`` one character at a time."""
    start = pos
    while start > 0 and _RUN_CHAR.match(text[start - 1]):
        start -= 1
    end = pos
    while end < len(text) and _RUN_CHAR.match(text[end]):
        end += 1
    return start, end


def _tagged_spans_by_char(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    spans, pos = [], start
    while pos < end:
        if not _RUN_CHAR.match(text[pos]):
            pos += 1
            continue
        run_start, run_end = _run_around_by_char(text, pos)
        for s, e, tag in phrases._tagged(text[run_start:run_end]):
            s, e = max(run_start + s, start), min(run_start + e, end)
            if s < e:
                spans.append((s, e, tag))
        pos = run_end
    return spans


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_runs_found_once_match_the_walk_out(text: str, data: st.DataObject) -> None:
    for pos in range(len(text) + 1):
        assert phrases._run_around(text, pos) == _run_around_by_char(text, pos)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert phrases.tagged_spans(text, start, end) == _tagged_spans_by_char(text, start, end)


def test_structure_keeps_the_paragraphs_it_was_parsed_from() -> None:
    for path in REPORTS:
        doc = clean(path, name=path.name)
        structure = parse_structure(doc)
        assert structure.paragraphs == paragraph_spans(doc)
        assert structure.paragraphs_of(doc) is structure.paragraphs
        # Not in the dump (the LLM cassettes store structures): read back, it segments again.
        dumped = structure.model_dump(mode="json")
        assert "paragraphs" not in dumped
        restored = DocumentStructure.model_validate(dumped)
        assert restored.paragraphs == []
        assert restored.paragraphs_of(doc) == structure.paragraphs
        assert extract_with_rules(doc, restored) == extract_with_rules(doc, structure)
