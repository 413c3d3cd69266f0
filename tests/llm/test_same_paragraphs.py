"""The rules, LLM and hybrid backends read a report in the same paragraphs: those preprocessing
segmented once (``CleanDocument.paragraphs``), also where the report's lines are not its paragraphs."""

from __future__ import annotations

import re

import pytest

from summarizer.extract.hybrid import HybridBackend
from summarizer.extract.llm import LLMBackend
from summarizer.extract.rules import backend as rules_backend
from summarizer.extract.rules import extract_with_rules
from summarizer.preprocess import clean
from summarizer.preprocess.document import CleanDocument
from summarizer.structure import parse_structure

from .conftest import SEEDS_DIR, llm_settings

SEED = "002_93df2457fec9964f"  # headings, run-in 一是 units, a problems and a plans part
_REPORT = re.compile(r"<<<REPORT>>>\n(.*)\n<<<END REPORT>>>", re.DOTALL)
_ID = re.compile(r"\[\d+\]")
_BLANKS = re.compile(r"\s")


def _shape(name: str) -> CleanDocument:
    paragraphs = clean(SEEDS_DIR / f"{SEED}.txt").paragraph_texts()
    if name == "lost line breaks":  # a web page flattened to one line, the indents' blanks left
        return clean("\u3000\u3000".join(paragraphs))
    # PDF text whose lines cleaning left in the text (read as a document of that text).
    return CleanDocument(text="\n".join(p[i : i + 30] for p in paragraphs for i in range(0, len(p), 30)))


@pytest.fixture
def rules_paragraphs(monkeypatch) -> list[list[tuple[int, int]]]:
    """The paragraphs each run of the rules extractor decided parts for, in call order."""
    seen: list[list[tuple[int, int]]] = []
    decide = rules_backend.paragraph_parts

    def spy(text, paragraphs, *args):
        seen.append(list(paragraphs))
        return decide(text, paragraphs, *args)

    monkeypatch.setattr(rules_backend, "paragraph_parts", spy)
    return seen


@pytest.mark.parametrize("shape", ["lost line breaks", "hard-wrapped lines"])
async def test_rules_llm_and_hybrid_backends_see_the_same_paragraphs(
    shape, rules_paragraphs, scripted_server, tmp_path
):
    doc = _shape(shape)
    structure = parse_structure(doc)
    lines = [line for line in doc.text.split("\n") if line.strip()]
    assert len(doc.paragraphs) != len(lines)  # the report's lines are not its paragraphs

    extract_with_rules(doc, structure)
    rules_seen = rules_paragraphs[0]
    rules_paragraphs.clear()
    settings = llm_settings(scripted_server.url, tmp_path)
    HybridBackend(settings).cpu_step(doc, structure)
    hybrid_seen = rules_paragraphs[0]
    await LLMBackend(settings).extract(doc, structure)

    assert rules_seen == hybrid_seen == doc.paragraph_spans
    # The LLM's prompt holds the report one paragraph per line, as ``[id]`` numbered sentences.
    prompt = scripted_server.requests[0]["body"]["messages"][-1]["content"]
    shown = [_BLANKS.sub("", _ID.sub("", line)) for line in _REPORT.search(prompt).group(1).split("\n")]
    assert shown == [_BLANKS.sub("", doc.text[s:e]) for s, e in rules_seen]
