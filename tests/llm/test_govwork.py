"""The LLM and hybrid backends on a 政府工作报告: the library edge through VCR cassettes, the CLI
and eval edges against the scripted server.

The cassettes (tests/cassettes/test_govwork/) were recorded through the real ``openai``
client against the scripted server (tests/scripted_openai/genre_answers.py answers the
genre's prompts from evals/datasets/govwork's gold) on the frozen clean document and
structure of g01 (tests/cassettes/govwork/g01.json, written by snapshot_seeds.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evals.matching import MatchItem, score_part
from summarizer.extract.genre.answer import answer_model
from summarizer.extract.genre.extraction import rules_extraction
from summarizer.extract.genre.grounding import target_span
from summarizer.extract.genre.hybrid_backend import GenreHybridBackend
from summarizer.extract.genre.llm_backend import GenreLLMBackend
from summarizer.genre_route import genre_summary
from summarizer.genres import GOVERNMENT_WORK_REPORT
from summarizer.govwork_schema import GovWorkSummary
from summarizer.preprocess import clean
from summarizer.preprocess.document import CleanDocument
from summarizer.structure import DocumentStructure

from .conftest import CASSETTES, ROOT, llm_settings

GOVWORK_DIR = ROOT / "evals" / "datasets" / "govwork"
GENRE = GOVERNMENT_WORK_REPORT
ITEM_PARTS = [p.name for p in GENRE.parts if p.shape == "items"]
runner = CliRunner()


def _snapshot(doc_id: str) -> tuple[CleanDocument, DocumentStructure]:
    data = json.loads((CASSETTES / "govwork" / f"{doc_id}.json").read_text(encoding="utf-8"))
    return CleanDocument.model_validate(data["document"]), DocumentStructure.model_validate(data["structure"])


def _gold(doc_id: str) -> dict:
    return json.loads((GOVWORK_DIR / f"{doc_id}.json").read_text(encoding="utf-8"))


def _grounded(summary: GovWorkSummary, text: str) -> list:
    entries = [e for part in GENRE.part_names for e in getattr(summary, part)]
    assert entries and all(text[e.span.start:e.span.end] == e.evidence for e in entries)
    return entries


def _target_keys(targets) -> set[tuple[str, float | None]]:
    return {(t["indicator"], float(t["value"].split("—")[0]) if t["value"] else None) if isinstance(t, dict)
            else (t.indicator, t.value) for t in targets}


def test_the_answer_model_follows_the_genre_table():
    schema = answer_model(GENRE).model_json_schema()
    assert list(schema["properties"])[2:] == list(GENRE.part_names)
    for part in GENRE.parts:  # each part described to the model in the table's own wording
        assert schema["properties"][part.name]["description"] == part.asks
    target = schema["$defs"]["CitedTarget"]["properties"]
    assert {"indicator", "value", "value_high", "unit", "qualifier_text", "comparison", "cite"} <= set(target)
    field = schema["properties"]["metadata"]
    ref = field.get("$ref") or field["allOf"][0]["$ref"]  # pydantic < 2.9 wraps a described $ref in allOf
    metadata = schema["$defs"][ref.rsplit("/", 1)[1]]["properties"]
    assert list(metadata) == list(GENRE.metadata_fields)


@pytest.mark.vcr
async def test_llm_backend_reads_a_government_work_report_through_a_cassette(cassette_endpoint, tmp_path):
    doc, structure = _snapshot("g01")
    extraction = await GenreLLMBackend(llm_settings(cassette_endpoint, tmp_path), GENRE).extract(doc, structure)
    summary = genre_summary(GENRE, doc, structure, backend="llm", extraction=extraction, name="g01.txt")

    assert isinstance(summary, GovWorkSummary)  # validated: every evidence is the clean text at its span
    _grounded(summary, doc.text)
    assert summary.provenance.backend == "llm" and summary.provenance.prompt_version == \
        "government_work_report/extract/v1"
    assert summary.provenance.usage.calls == 1 and summary.provenance.usage.completion_tokens > 100
    gold = _gold("g01")
    meta = summary.metadata
    assert (meta.issuer, meta.session_year, meta.report_year) == (
        gold["metadata"]["issuer"], gold["metadata"]["session_year"], gold["metadata"]["report_year"])
    # what the model read is marked as its reading (inferred), and a field it left empty says so
    assert all(meta.field_basis(f).source == "model" and meta.field_basis(f).inferred
               for f in GENRE.metadata_fields if getattr(meta, f) is not None)
    assert all(meta.field_basis(f).reason for f in GENRE.metadata_fields if getattr(meta, f) is None)
    for part in ITEM_PARTS:
        score = score_part([MatchItem(i.summary, i.evidence) for i in getattr(summary, part)],
                           [MatchItem(r["text"], r["evidence"]) for r in gold[part]])
        assert score.matched_ref == score.n_ref and score.matched_pred == score.n_pred, part
        assert all(i.part_basis == "model" for i in getattr(summary, part))
    assert _target_keys(summary.targets) == _target_keys(gold["targets"])
    # Each target's evidence is the clause stating it, not the whole 主要预期目标 sentence.
    by_indicator = {t.indicator: t for t in summary.targets}
    gdp = by_indicator["本地生产总值增长"]
    assert gdp.evidence == "本地生产总值增长8%左右" and gdp.qualifier == "about" and gdp.unit == "%"
    assert by_indicator["城镇登记失业率"].qualifier == "at_most"
    assert summary.checklist.targets_quantified and summary.checklist.problems_admitted


@pytest.mark.vcr
async def test_hybrid_backend_words_the_rules_items_through_a_cassette(cassette_endpoint, tmp_path):
    doc, structure = _snapshot("g01")
    rules = rules_extraction(GENRE, doc, structure)
    backend = GenreHybridBackend(llm_settings(cassette_endpoint, tmp_path), GENRE)
    extraction = await backend.extract(doc, structure, cpu=rules)
    summary = genre_summary(GENRE, doc, structure, backend="hybrid", extraction=extraction, name="g01.txt")

    _grounded(summary, doc.text)
    assert summary.provenance.prompt_version == "government_work_report/hybrid/v1"
    # Evidence, spans, parts and targets are the rules'; the summaries are the model's.
    for part in GENRE.part_names:
        assert [e["span"] for e in extraction.entries(part)] == [e["span"] for e in rules.entries(part)]
    assert extraction.entries("targets") == rules.entries("targets")
    gold_texts = {r["text"] for part in ITEM_PARTS for r in _gold("g01")[part]}
    worded = [i for part in ITEM_PARTS for i in getattr(summary, part) if i.summary in gold_texts]
    assert len(worded) >= 0.8 * sum(len(getattr(summary, part)) for part in ITEM_PARTS)
    assert summary.provenance.usage.calls >= 2  # units in groups, and the metadata the rules left empty
    # the rules' metadata keeps its basis; a field the model filled in is marked as the model's reading
    rules_basis = rules.metadata["basis"]
    for field in GENRE.metadata_fields:
        basis = summary.metadata.field_basis(field)
        if rules.metadata[field] is not None:
            assert basis.model_dump() == rules_basis[field], field
        elif getattr(summary.metadata, field) is not None:
            assert basis.source == "model", field
    assert summary.metadata.basis.issuer.source == "address"  # 我代表罗湖区人民政府


async def test_a_failed_hybrid_call_keeps_the_rules_summaries(scripted_server, tmp_path):
    doc, structure = _snapshot("g01")
    rules = rules_extraction(GENRE, doc, structure)
    scripted_server.script.fault_rate = 1.0
    scripted_server.script.fault_kinds = ("schema_invalid",)
    settings = llm_settings(scripted_server.url, tmp_path, max_retries=0)
    extraction = await GenreHybridBackend(settings, GENRE).extract(doc, structure, cpu=rules)
    assert extraction.parts == rules.parts
    assert any(w.startswith("hybrid: units 1–") and "the rules' output was kept" in w for w in extraction.warnings)


async def test_entries_citing_no_existing_sentence_are_re_asked_once(scripted_server, tmp_path):
    doc, structure = _snapshot("g01")
    scripted_server.queue_faults("bad_citations")  # the first answer's review items cite ids past the report
    extraction = await GenreLLMBackend(llm_settings(scripted_server.url, tmp_path), GENRE).extract(doc, structure)
    assert len(scripted_server.requests) == 2
    review = len(_gold("g01")["review"])
    assert extraction.warnings[0].startswith(f"re-asked after {review} entry(ies) cited no existing sentence")
    assert len(extraction.entries("review")) == len(_gold("g01")["review"])

    scripted_server.queue_faults("bad_citations")
    once = await GenreLLMBackend(llm_settings(scripted_server.url, tmp_path, max_reasks=0), GENRE).extract(
        doc, structure)
    assert not once.entries("review") and once.entries("plans")  # dropped, and said so; the rest kept
    assert sum("cited no existing sentence" in w for w in once.warnings) == len(_gold("g01")["review"])


async def test_with_rules_hints_the_prompt_says_where_the_genre_rules_found_each_part(scripted_server, tmp_path):
    doc, structure = _snapshot("g01")
    backend = GenreLLMBackend(llm_settings(scripted_server.url, tmp_path, rules_hints=True), GENRE)
    guess = backend.cpu_step(doc, structure)
    assert guess is not None and guess.entries("targets")
    extraction = await backend.extract(doc, structure, cpu=guess)
    user = scripted_server.requests[0]["body"]["messages"][1]["content"]
    hints = user.split("规则抽取器的初步划分（可能有误，仅供参考）：\n", 1)[1].split("<<<REPORT>>>", 1)[0]
    assert [line.split(":")[0] for line in hints.strip().splitlines()] == [
        p for p in GENRE.part_names if guess.entries(p)]
    assert extraction.entries("targets")
    assert GenreLLMBackend(llm_settings(scripted_server.url, tmp_path), GENRE).cpu_step(doc, structure) is None


@pytest.mark.parametrize("kind", [GenreLLMBackend, GenreHybridBackend])
async def test_a_second_run_is_served_from_the_cache(kind, scripted_server, tmp_path):
    doc, structure = _snapshot("g01")
    settings = llm_settings(scripted_server.url, tmp_path, cache=True)
    first = await kind(settings, GENRE).extract(doc, structure)
    calls = len(scripted_server.requests)
    again = await kind(settings, GENRE).extract(doc, structure)
    assert len(scripted_server.requests) == calls and again.cached and not first.cached
    assert again.parts == first.parts and again.metadata == first.metadata


@pytest.mark.parametrize(("sentence", "indicator", "value", "expected"), [
    ("主要预期目标为：本地生产总值增长8%左右，社会消费品零售总额增长9%左右。", "社会消费品零售总额增长", 9.0,
     "社会消费品零售总额增长9%左右"),
    # one verb over a list: the indicator as the model names it is not in the text; the figure's clause is
    ("今年目标：万元GDP能耗、水耗分别下降4.3%、2.5%；城镇登记失业率控制在3%以内", "万元GDP水耗下降", 2.5,
     "万元GDP能耗、水耗分别下降4.3%、2.5%"),
    # a figureless criterion: the clause naming it
    ("地方一般公共预算收入增长5%，居民收入与经济增长保持同步。", "居民收入", None, "居民收入与经济增长保持同步"),
    # the indicator in one clause, its figure in the next
    ("城镇新增就业，力争达到5万人，", "城镇新增就业", 5.0, "城镇新增就业，力争达到5万人"),
    # neither found as written: the whole cited passage
    ("全年经济平稳增长。", "GDP", 7.0, "全年经济平稳增长。"),
])
def test_a_target_is_narrowed_to_the_clauses_that_state_it(sentence, indicator, value, expected):
    text = "前文。" + sentence
    start, end = target_span(text, 3, len(text), indicator, value)
    assert text[start:end] == expected


@pytest.fixture
def llm_env(scripted_server, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_LLM_BASE_URL", scripted_server.url)
    monkeypatch.setenv("SUMMARIZER_LLM_MODEL", "scripted-strong")
    monkeypatch.setenv("SUMMARIZER_LLM_API_KEY", "test-key")
    return scripted_server


@pytest.mark.parametrize("backend", ["llm", "hybrid", "auto"])
def test_summarize_a_government_work_report_with_a_model(llm_env, backend):
    path = GOVWORK_DIR / "g07.txt"
    result = runner.invoke(app, ["summarize", str(path), "--backend", backend, "--json", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    summary = GovWorkSummary.model_validate(data, context={"clean_text": clean(path, name=path.name).text})
    assert summary.provenance.backend == ("llm" if backend == "auto" else backend)  # auto: the endpoint is set
    assert summary.targets and summary.plans and summary.review
    assert not any("does not extract" in w for w in summary.provenance.warnings)
    assert llm_env.requests


def test_eval_of_the_govwork_dataset_with_the_hybrid_backend(llm_env, tmp_path):
    dataset = tmp_path / "govwork"
    dataset.mkdir()
    index = json.loads((GOVWORK_DIR / "index.json").read_text(encoding="utf-8"))
    chosen = ("g01", "g07")
    index["reports"] = [r for r in index["reports"] if r["id"] in chosen]
    (dataset / "index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    for doc_id in chosen:
        for suffix in (".txt", ".json"):
            shutil.copy(GOVWORK_DIR / f"{doc_id}{suffix}", dataset / f"{doc_id}{suffix}")
    out = tmp_path / "run"
    result = runner.invoke(app, ["eval", "--dataset", str(dataset), "--backend", "hybrid", "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    run = json.loads(next(Path(out).rglob("run.json")).read_text(encoding="utf-8"))
    assert run["backend"] == "hybrid" and run["genre"] == GENRE.name
    assert len(run["documents"]) == 2 and not any(d.get("error") for d in run["documents"])
    assert llm_env.requests


@pytest.mark.slow  # batch runs its documents in worker processes (about 2 s)
def test_batch_with_the_llm_backend_carries_each_genres_summary(llm_env, tmp_path):
    from summarizer.batch.store import read_results_file
    from summarizer.schema import ReportSummary

    seed = ROOT / "evals" / "datasets" / "seeds" / "000_7146bd087c0c1040.txt"
    results = tmp_path / "results.jsonl"
    out = runner.invoke(app, ["batch", str(GOVWORK_DIR / "g07.txt"), str(seed), "--backend", "llm",
                              "--out", str(results), "--no-cache"])
    assert out.exit_code == 0, out.output
    summaries = {o.name: o.summary for o in read_results_file(results)}
    assert isinstance(summaries["g07.txt"], GovWorkSummary) and summaries["g07.txt"].targets
    assert isinstance(summaries[seed.name], ReportSummary)
    assert {s.provenance.backend for s in summaries.values()} == {"llm"}
