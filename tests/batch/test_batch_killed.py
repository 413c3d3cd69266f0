"""A batch run killed in the middle (LLM backend, scripted server) resumes where it stopped."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/scripted_openai
from scripted_openai.server import ScriptedServer

from .conftest import SEED_IDS, SEEDS_DIR


def batch_command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", "from summarizer.cli import app; app()", "batch", str(folder),
            "--out", str(out), "--backend", "llm", "--concurrency", "2", "--no-text"]


def test_killed_batch_reruns_only_what_is_missing(tmp_path, monkeypatch, cli):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(2):
        for doc_id in SEED_IDS:
            text = (SEEDS_DIR / f"{doc_id}.txt").read_text(encoding="utf-8")
            (folder / f"{doc_id}-{n}.txt").write_text(f"{text}\n（{n}）\n", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    with ScriptedServer(latency_ms=200) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
        env.update(SUMMARIZER_LLM_BASE_URL=server.url, SUMMARIZER_LLM_MODEL="scripted",
                   SUMMARIZER_LLM_API_KEY="test", SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"))
        run = subprocess.Popen(batch_command(folder, out), env=env, cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (out.exists() and out.read_text(encoding="utf-8").count("\n") >= 2):
            assert run.poll() is None and time.monotonic() < deadline, "the run ended before it was killed"
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        first = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert 2 <= len(first) < 10

        for name in ("SUMMARIZER_LLM_BASE_URL", "SUMMARIZER_LLM_MODEL", "SUMMARIZER_LLM_API_KEY"):
            monkeypatch.setenv(name, env[name])
        rerun = cli(*batch_command(folder, out)[3:])  # in-process this time
    assert rerun.exit_code == 0, rerun.output
    summary = re.search(r"done (\d+), failed (\d+), skipped (\d+)", rerun.output)
    assert summary is not None, rerun.output
    assert (int(summary[1]), int(summary[2]), int(summary[3])) == (10 - len(first), 0, len(first))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == 10 and len({line["key"] for line in lines}) == 10
    assert all(line["status"] == "done" and line["backend"] == "llm" for line in lines)
