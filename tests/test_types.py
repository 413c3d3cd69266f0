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
    """Every module an override names exists: a stale or mistyped name would change nothing
    and hide a mistake."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for override in config["tool"]["mypy"]["overrides"]:
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        for module in modules:
            if not module.startswith("summarizer"):
                continue
            path = ROOT / module.replace(".", "/")
            assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), module


# What an override may not do to a module of the package: every one is checked with `strict = true`.
_EXCUSES = {"ignore_errors": True, "strict": False, "disallow_untyped_defs": False,
            "disallow_incomplete_defs": False, "disallow_untyped_calls": False, "disallow_any_generics": False,
            "warn_return_any": False, "check_untyped_defs": False, "disable_error_code": None}


def test_mypy_excuses_no_module_of_the_package():
    """No override turns a check off for a ``summarizer`` module (issue 17: no ``ignore_errors``
    list, ``strict = true`` for the package); overrides for libraries are another matter."""
    import tomllib

    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["strict"] is True
    for override in mypy["overrides"]:
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        ours = [m for m in modules if m == "summarizer" or m.startswith("summarizer.")]
        excused = {k: v for k, v in override.items() if k in _EXCUSES and (_EXCUSES[k] is None or v == _EXCUSES[k])}
        assert not (ours and excused), f"{ours} excused from {excused}"
