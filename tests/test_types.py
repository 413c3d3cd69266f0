"""The package type-checks (mypy, configured in pyproject.toml): backends satisfy ``Backend``."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A whole-package type check (about 30 s of CPU): the full tier, not the fast one.
pytestmark = pytest.mark.slow


def test_mypy_passes_on_the_package():
    mypy = shutil.which("mypy") or str(Path(sys.executable).parent / "mypy")
    proc = subprocess.run([mypy, "summarizer"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
