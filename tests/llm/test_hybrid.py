"""The hybrid backend against the scripted server: rules find, the model words, failures degrade per unit."""

from __future__ import annotations

import json

import pytest
from scripted_openai.tokens import count_chat_prompt

from summarizer.evals.dataset import load_dataset
from summarizer.evals.runner import run_eval_sync
from summarizer.extract.hybrid import HybridBackend
from summarizer.extract.hybrid.checks import summary_problem
from summarizer.extract.hybrid.units import collect_units
from summarizer.extract.rules import extract_with_rules
from summarizer.schema import PART_NAMES
from summarizer.service import SummaryService, build_summary
from summarizer.structure import parse_structure

from .conftest import CASSETTES, ROOT, SEED_IDS, llm_settings, raw_seed_document, seed_snapshot

SEED = "000_7146bd087c0c1040"


def _spans(extraction) -> dict[str, list[tuple[int, int]]]:
    return {p: [(i.span.start, i.span.end) for i in extraction.items(p)] for p in PART_NAMES}


async def test_summaries_come_from_the_model_and_evidence_from_the_rules(scripted_server, tmp_path):
    doc = raw_seed_document(SEED)
    structure = parse_structure(doc)
    rules = extract_with_rules(doc, structure)
    hybrid = await HybridBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, structure)

    summary = build_summary(hybrid, doc, backend="hybrid", name=doc.source_name)  # validates, grounded
    assert summary.provenance.prompt_version == "hybrid/v1"
    assert sorted(s for spans in _spans(hybrid).values() for s in spans) == sorted(
        s for spans in _spans(rules).values() for s in spans)  # the same units, exact spans
    rewritten = [i for p in PART_NAMES for i in hybrid.items(p) if i.summary not in
                 {r.summary for r in rules.items(p)}]
    assert len(rewritten) >= 12
    assert all(summary_problem(i.summary, i.evidence) is None for i in rewritten)
    units = collect_units(rules, structure, doc.text)
    calls = [r["body"] for r in scripted_server.requests]
    assert hybrid.usage.calls == len(calls) >= 2
    assert all(c["messages"][1]["content"].count("\n[") <= 12 for c in calls)  # a few units per call
    assert sum(c["messages"][1]["content"].count(" 部分=") for c in calls) == len(units)
    # The rules decided the parts of the units they were sure of; the model those it settled.
    unsure = {(u.start, u.end) for u in units if not u.sure}
    for part in PART_NAMES:
        for item in hybrid.items(part):
            rules_basis = {(i.span.start, i.span.end): i.part_basis for p in PART_NAMES for i in rules.items(p)}
            if (item.span.start, item.span.end) not in unsure:
                assert item.part_basis == rules_basis[(item.span.start, item.span.end)]
                assert item.part_basis in ("heading", "cue", "position")


async def test_a_failed_call_keeps_the_rules_output_for_its_units_only(scripted_server, tmp_path):
    doc = raw_seed_document(SEED)
    structure = parse_structure(doc)
    rules = extract_with_rules(doc, structure)
    scripted_server.queue_faults("server_error")  # the first call (concurrency 1: the first units)
    settings = llm_settings(scripted_server.url, tmp_path, max_retries=0, concurrency=1)
    hybrid = await HybridBackend(settings).extract(doc, structure)

    first = scripted_server.requests[0]["body"]["messages"][1]["content"]
    failed_ids = [line.split("]")[0].lstrip("[") for line in first.splitlines() if line.startswith("[")]
    assert any(w.startswith(f"hybrid: units {failed_ids[0]}–{failed_ids[-1]}: the call failed") for w in hybrid.warnings)
    units = {(u.start, u.end): u for u in collect_units(rules, structure, doc.text)}
    kept = rewritten = 0
    for part in PART_NAMES:
        by_span = {(i.span.start, i.span.end): i.summary for i in rules.items(part)}
        for item in hybrid.items(part):
            span = (item.span.start, item.span.end)
            if str(units[span].id) in failed_ids:
                assert item.summary == by_span[span]  # degraded to the rules' summary
                kept += 1
            elif item.summary != by_span.get(span):
                rewritten += 1
    assert kept >= 2 and rewritten >= 10
    build_summary(hybrid, doc, backend="hybrid")


async def test_every_call_failing_still_gives_the_rules_extraction(scripted_server, tmp_path):
    doc = raw_seed_document(SEED)
    structure = parse_structure(doc)
    scripted_server.script.api_key = "another-key"  # every call: 401
    hybrid = await HybridBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, structure)
    rules = extract_with_rules(doc, structure)
    assert _spans(hybrid) == _spans(rules)
    assert [i.summary for p in PART_NAMES for i in hybrid.items(p)] == [
        i.summary for p in PART_NAMES for i in rules.items(p)]
    assert any("AuthenticationError" in w or "key was refused" in w for w in hybrid.warnings)


async def test_answers_that_never_validate_degrade_too(scripted_server, tmp_path):
    doc = raw_seed_document(SEED)
    scripted_server.queue_faults("schema_invalid", "schema_invalid")
    settings = llm_settings(scripted_server.url, tmp_path, concurrency=1, mode="json_schema")
    hybrid = await HybridBackend(settings).extract(doc, parse_structure(doc))
    assert any("OutputError" in w for w in hybrid.warnings)


def test_the_cli_runs_hybrid(scripted_server, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from summarizer.cli import app

    for name, value in {"SUMMARIZER_LLM_BASE_URL": scripted_server.url, "SUMMARIZER_LLM_MODEL": "scripted",
                        "SUMMARIZER_LLM_API_KEY": "k", "SUMMARIZER_CACHE_DIR": str(tmp_path)}.items():
        monkeypatch.setenv(name, value)
    path = ROOT / "evals" / "datasets" / "seeds" / f"{SEED}.txt"
    result = CliRunner().invoke(app, ["summarize", str(path), "--backend", "hybrid", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["provenance"]["backend"] == "hybrid"


@pytest.mark.parametrize("dataset", ["seeds", "devset"])
def test_hybrid_scores_at_least_the_rules(scripted_server, tmp_path, dataset):
    service = SummaryService(llm_settings(scripted_server.url, tmp_path))
    data = load_dataset(ROOT / "evals" / "datasets" / dataset)
    rules = run_eval_sync(service, data, backend="rules", use_cache=False).overall
    hybrid = run_eval_sync(service, data, backend="hybrid", use_cache=False).overall
    for part, score in rules.micro.items():
        assert (hybrid.micro[part].f1 or 0) >= (score.f1 or 0), part
    for name, accuracy in rules.metadata_accuracy.items():
        assert hybrid.metadata_accuracy[name] >= accuracy, name


def _prompt_tokens(body: dict) -> int:
    schema = json.dumps(body.get("response_format") or body.get("tools") or "", ensure_ascii=False)
    return count_chat_prompt(body["messages"], schema)


def _full_llm_usage(seed: str) -> dict:
    import yaml

    path = CASSETTES / "test_seeds" / f"test_seed_through_cassette[{seed}].yaml"
    cassette = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(cassette["interactions"][0]["response"]["body"]["string"])["usage"]


@pytest.mark.parametrize("seed", SEED_IDS)
async def test_calls_are_small_and_cost_no_more_than_the_full_llm_mode(scripted_server, tmp_path, seed):
    """Counted by the scripted server with cl100k_base, as benchmarks/llm_tokens.py prints them."""
    doc, structure = seed_snapshot(seed)  # the document the full-LLM cassette was recorded on
    hybrid = await HybridBackend(llm_settings(scripted_server.url, tmp_path)).extract(doc, structure)
    full = _full_llm_usage(seed)
    largest = max(_prompt_tokens(r["body"]) for r in scripted_server.requests)
    assert largest * 4 <= full["prompt_tokens"], [_prompt_tokens(r["body"]) for r in scripted_server.requests]
    assert hybrid.usage.prompt_tokens + hybrid.usage.completion_tokens <= full["total_tokens"]
