"""The API with an LLM endpoint (the scripted OpenAI-compatible server): readiness, summaries, jobs with faults."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from summarizer.settings import JobsSettings, LLMSettings, ServerSettings, Settings

from .conftest import API_KEY, LiveServer, free_port, seed_texts
from .test_jobs import wait_for_job

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/scripted_openai
from scripted_openai.server import ScriptedServer

SEEDS = seed_texts()
HEADERS = {"Authorization": f"Bearer {API_KEY}"}


def llm_settings(tmp_path: Path, base_url: str) -> Settings:
    llm = LLMSettings(base_url=base_url, model="scripted", api_key="test", concurrency=4,
                      retry_initial_wait_s=0.01, retry_max_wait_s=0.05)
    return Settings(backend="auto", cache_dir=tmp_path / "cache", llm=llm,
                    api=ServerSettings(keys=[API_KEY]), jobs=JobsSettings(url=str(tmp_path / "jobs.sqlite3")))


@pytest.fixture
def scripted():
    with ScriptedServer(retry_after="0") as server:
        yield server


def test_readyz_reports_a_reachable_endpoint(tmp_path, scripted):
    with LiveServer(llm_settings(tmp_path, scripted.url)) as api:
        ready = httpx.get(f"{api.url}/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["ready"] is True and body["default_backend"] == "llm"
    assert body["llm"]["configured"] is True and body["llm"]["reachable"] is True
    assert "model" not in body["llm"] and "scripted" not in ready.text  # no key needed: operational state only


def test_readyz_is_503_when_the_endpoint_is_down(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}/v1"
    with LiveServer(llm_settings(tmp_path, dead)) as api:
        ready = httpx.get(f"{api.url}/readyz")
    assert ready.status_code == 503
    body = ready.json()
    assert body["ready"] is False
    assert body["llm"]["configured"] is True and body["llm"]["reachable"] is False
    assert "test" not in (body["llm"]["detail"] or "")  # no key in the answer


def test_summary_by_the_llm_backend(tmp_path, scripted):
    doc_id, text = next(iter(SEEDS.items()))
    with LiveServer(llm_settings(tmp_path, scripted.url)) as api:
        response = httpx.post(f"{api.url}/v1/summaries", headers=HEADERS, timeout=60,
                              json={"text": text, "name": f"{doc_id}.txt", "include_text": True})
    assert response.status_code == 200, response.text
    summary = response.json()["summary"]
    assert summary["provenance"]["backend"] == "llm"
    assert summary["provenance"]["usage"]["calls"] >= 1
    assert summary["achievements"]


def test_llm_job_survives_429_and_500_from_the_endpoint(tmp_path, scripted):
    scripted.queue_faults("rate_limit", "server_error", "rate_limit")
    documents = [{"name": f"{doc_id}.txt", "text": text} for doc_id, text in SEEDS.items()]
    with LiveServer(llm_settings(tmp_path, scripted.url)) as api, \
            httpx.Client(base_url=api.url, headers=HEADERS, timeout=60) as client:
        job = client.post("/v1/jobs", json={"documents": documents}).json()
        final = wait_for_job(client, job["id"], timeout=60)
    assert final["progress"]["done"] == len(SEEDS), final["progress"]
    assert final["backend"] == "llm"
    faults = [r["fault"] for r in scripted.requests if r["fault"]]
    assert sorted(faults) == ["rate_limit", "rate_limit", "server_error"]


def test_readyz_is_503_when_llm_is_the_default_but_not_configured(tmp_path):
    settings = Settings(backend="llm", cache_dir=tmp_path / "cache", llm=LLMSettings(),
                        api=ServerSettings(keys=[API_KEY]), jobs=JobsSettings(url=str(tmp_path / "jobs.sqlite3")))
    with LiveServer(settings) as api:
        ready = httpx.get(f"{api.url}/readyz")
    assert ready.status_code == 503
    assert ready.json()["ready"] is False and ready.json()["llm"]["configured"] is False


def test_llm_job_resumed_without_an_endpoint_reports_why_on_each_document(tmp_path):
    documents = [{"name": f"{doc_id}.txt", "text": text} for doc_id, text in SEEDS.items()]
    with ScriptedServer(latency_ms=1000) as slow, LiveServer(llm_settings(tmp_path, slow.url)) as api:
        job_id = httpx.post(f"{api.url}/v1/jobs", headers=HEADERS, json={"documents": documents}).json()["id"]
    # the API stopped before any answer came back; now it restarts without an LLM endpoint
    settings = Settings(backend="auto", cache_dir=tmp_path / "cache", llm=LLMSettings(),
                        api=ServerSettings(keys=[API_KEY]), jobs=JobsSettings(url=str(tmp_path / "jobs.sqlite3")))
    with LiveServer(settings) as api, httpx.Client(base_url=api.url, headers=HEADERS) as client:
        final = wait_for_job(client, job_id)
    assert final["progress"]["failed"] == len(SEEDS)
    for doc in final["documents"]:
        assert doc["error"]["code"] == "config_error"
        assert "SUMMARIZER_LLM_MODEL" in doc["error"]["hint"]


def test_a_government_work_report_by_the_llm_and_hybrid_backends(tmp_path, scripted):
    from summarizer.govwork_schema import GovWorkSummary

    report = (Path(__file__).resolve().parents[2] / "evals" / "datasets" / "govwork" / "g07.txt").read_text(
        encoding="utf-8")
    with LiveServer(llm_settings(tmp_path, scripted.url)) as api, httpx.Client(base_url=api.url, headers=HEADERS,
                                                                               timeout=60) as client:
        for backend in ("llm", "hybrid"):
            response = client.post("/v1/summaries", json={"text": report, "name": "g07.txt", "backend": backend,
                                                          "genre": "government_work_report", "include_text": True})
            assert response.status_code == 200, response.text
            body = response.json()
            summary = GovWorkSummary.model_validate(body["summary"], context={"clean_text": body["clean_text"]})
            assert summary.provenance.backend == backend and summary.targets and summary.plans
        job = client.post("/v1/jobs", json={"documents": [{"name": "g07.txt", "text": report}], "backend": "llm"})
        assert job.status_code == 202, job.text
        (document,) = wait_for_job(client, job.json()["id"])["documents"]
        assert document["status"] == "done" and document["summary"]["genre"] == "government_work_report"
        assert document["summary"]["provenance"]["backend"] == "llm"
