"""``batch --workers 2`` killed (SIGTERM or SIGKILL) leaves no worker process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/scripted_openai
from scripted_openai.server import ScriptedServer

from .conftest import SEED_IDS, SEEDS_DIR


def _children() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":  # a zombie is dead already, waiting for its parent to reap it
                parents[int(entry.name)] = int(fields[1])
    return parents


def _descendants(pid: int) -> set[int]:
    parents = _children()
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    return pids & set(_children())


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the worker processes")
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
        while len(workers := _descendants(run.pid)) < 2:
            assert run.poll() is None and time.monotonic() < deadline, "the batch ended before it was killed"
            time.sleep(0.1)
        time.sleep(1.0)  # the workers are summarising
        workers = _descendants(run.pid)
        run.send_signal(sig)
        run.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _alive(workers):
            assert time.monotonic() < deadline, f"orphans left after {sig.name}: {sorted(_alive(workers))}"
            time.sleep(0.1)
