"""``batch --workers 2`` killed (SIGTERM or SIGKILL) leaves no worker process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/scripted_openai, tests/process_tree
from process_tree import HAS_PROC, alive, descendants
from scripted_openai.server import ScriptedServer

from .conftest import SEED_IDS, SEEDS_DIR


@pytest.mark.skipif(not HAS_PROC, reason="needs /proc to see the worker processes")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_batch_leaves_no_orphans(tmp_path, sig):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(3):
        for doc_id in SEED_IDS:
            text = (SEEDS_DIR / f"{doc_id}.txt").read_text(encoding="utf-8")
            (folder / f"{doc_id}-{n}.txt").write_text(f"{text}\n（{n}）\n", encoding="utf-8")
    with ScriptedServer(latency_ms=500) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
        env.update(SUMMARIZER_LLM_BASE_URL=server.url, SUMMARIZER_LLM_MODEL="scripted",
                   SUMMARIZER_LLM_API_KEY="test", SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"))
        run = subprocess.Popen(
            [sys.executable, "-c", "from summarizer.cli import app; app()", "batch", str(folder),
             "--out", str(tmp_path / "out.jsonl"), "--backend", "llm", "--concurrency", "2", "--workers", "2",
             "--no-cache"],
            env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while len(workers := descendants(run.pid)) < 2:
            assert run.poll() is None and time.monotonic() < deadline, "the batch ended before it was killed"
            time.sleep(0.1)
        time.sleep(1.0)  # the workers are summarising
        workers = descendants(run.pid)
        run.send_signal(sig)
        run.wait(timeout=30)
        deadline = time.monotonic() + 15
        while alive(workers):
            assert time.monotonic() < deadline, f"orphans left after {sig.name}: {sorted(alive(workers))}"
            time.sleep(0.1)
