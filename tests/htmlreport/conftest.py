"""Fixtures for the HTML report tests: a headless Chromium that dumps a page's DOM."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


@pytest.fixture
def dump_dom(tmp_path: Path) -> Callable[[Path], str]:
    """Load a local HTML file (optionally with a ``#fragment``) in headless Chromium and return
    the DOM it built, after its scripts ran."""
    binary = _chromium_binary()
    if binary is None:
        pytest.skip("no chromium binary on PATH; install it with: apt-get install -y chromium")

    def dump(page: Path, fragment: str = "") -> str:
        profile = tmp_path / f"chromium-profile-{page.stem}"
        url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        result = subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True, timeout=60, check=False,
        )
        assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
        return result.stdout.decode("utf-8")

    return dump


@pytest.fixture
def chromium_run(tmp_path: Path) -> Callable[..., None]:
    """Run headless Chromium on a local page with extra flags (``--print-to-pdf=…``, ``--screenshot=…``)."""
    binary = _chromium_binary()
    if binary is None:
        pytest.skip("no chromium binary on PATH; install it with: apt-get install -y chromium")

    def run(page: Path, *flags: str, fragment: str = "") -> None:
        profile = tmp_path / f"chromium-profile-run-{page.stem}"
        url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        result = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags, url],
                                capture_output=True, timeout=90, check=False)
        assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]

    return run
