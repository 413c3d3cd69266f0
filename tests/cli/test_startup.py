"""``summarizer --help`` and every ``summarizer COMMAND --help`` load none of the pipeline.

Start-up time itself is measured by ``benchmarks/bench_cli_startup.py`` (target:
under 0.3 s); this test checks the cause, in a fresh interpreter: the heavy
modules are imported where they are used, not when the CLI starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each test starts a fresh interpreter to see what it imports: the full tier.
pytestmark = pytest.mark.slow

COMMANDS = ["summarize", "clean", "batch", "export", "report", "serve", "eval", "schema"]
# Modules that cost tens to hundreds of milliseconds to import, or pull such modules in.
HEAVY = [
    "summarizer.service", "summarizer.preprocess", "summarizer.structure", "summarizer.extract",
    "summarizer.batch", "summarizer.api", "summarizer.evals", "summarizer.htmlreport", "summarizer.render",
    "summarizer.settings", "summarizer.schema", "trafilatura", "opencc", "fastapi", "uvicorn", "openai",
    "instructor", "rich", "pydantic_settings", "httpx", "jinja2", "lxml", "asyncio",
]
PROBE = """
import json, sys
from summarizer.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
heavy = json.loads({heavy!r})
print(json.dumps(sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))))
"""


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=lambda c: " ".join(c) or "summarizer")
def test_help_imports_no_heavy_module(command):
    code = PROBE.format(heavy=json.dumps(HEAVY))
    result = subprocess.run([sys.executable, "-c", code, *command, "--help"], capture_output=True, text=True,
                            check=True, timeout=60)
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == [], f"`summarizer {' '.join(command)} --help` imported {loaded}"


# What each kind of input needs, and nothing else: a text report pays for none of these.
INPUT_STACKS = [
    "trafilatura", "courlan", "lxml", "summarizer.preprocess.htmltext",  # HTML
    "pypdfium2", "summarizer.inputs.pdf", "summarizer.inputs.ocr",  # PDF
    "docx", "summarizer.inputs.docx", "summarizer.inputs.legacy_word",  # Word
    "httpx", "summarizer.inputs.web",  # web addresses
    "openai", "instructor",  # LLM endpoints
    "fastapi", "uvicorn", "jinja2",  # the API and the HTML view
    "rich",  # the terminal view
    "pebble", "multiprocessing", "summarizer.run.pool",  # worker processes (batch, the API)
]
ONE_SHOT = """
import json, sys
from summarizer.cli import app
try:
    app(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
stacks = json.loads({stacks!r})
print(json.dumps(sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in stacks))))
"""
SEED = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds" / "001_b013c1bd2a4005fb.txt"


@pytest.mark.parametrize("view", [["--json"], ["--jsonl"], ["--markdown"]], ids=lambda v: v[0])
def test_summarising_a_text_file_imports_no_html_pdf_word_or_web_stack(view, tmp_path):
    code = ONE_SHOT.format(stacks=json.dumps(INPUT_STACKS))
    # The settings are read from the environment: no endpoint, so the rules backend, as for a new user.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-c", code, "summarize", str(SEED), *view],
                            capture_output=True, text=True, check=True, timeout=120, env=env, cwd=tmp_path)
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == [], f"`summarizer summarize report.txt {view[0]}` imported {loaded}"


def test_summarising_an_html_page_does_load_the_html_stack(tmp_path):
    """The check above can fail: an HTML page does import trafilatura."""
    page = tmp_path / "report.html"
    text = SEED.read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{paragraphs}</body></html>", encoding="utf-8")
    code = ONE_SHOT.format(stacks=json.dumps(INPUT_STACKS))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-c", code, "summarize", str(page), "--json"],
                            capture_output=True, text=True, check=True, timeout=120, env=env, cwd=tmp_path)
    assert "trafilatura" in json.loads(result.stdout.strip().splitlines()[-1])
