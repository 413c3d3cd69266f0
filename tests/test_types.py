"""The package type-checks (mypy, configured in pyproject.toml): backends satisfy ``Backend``."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A whole-package type check (about 30 s of CPU): the full tier, not the fast one.
@pytest.mark.slow
def test_mypy_passes_on_the_package():
    mypy = shutil.which("mypy") or str(Path(sys.executable).parent / "mypy")
    proc = subprocess.run([mypy, "summarizer"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_module_lists_name_real_modules():
    """Every module an override excuses (``ignore_errors``, not yet strict) exists: a stale or
    mistyped name would excuse nothing and hide that the list can shrink."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for override in config["tool"]["mypy"]["overrides"]:
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        for module in modules:
            if not module.startswith("summarizer"):
                continue
            path = ROOT / module.replace(".", "/")
            assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), module
