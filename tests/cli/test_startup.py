"""``summarizer --help`` and every ``summarizer COMMAND --help`` load none of the pipeline.

Start-up time itself is measured by ``benchmarks/bench_cli_startup.py`` (target:
under 0.3 s); this test checks the cause, in a fresh interpreter: the heavy
modules are imported where they are used, not when the CLI starts.
"""

from __future__ import annotations

import json
import subprocess
import sys

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
