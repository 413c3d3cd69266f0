"""Benchmark: the HTTP API under load, with the rules backend.

    .venv/bin/python benchmarks/bench_api_load.py [--requests 2000] [--concurrency 50] [--workers 2]

Starts ``summarizer serve`` in a child process (its worker pool of ``--workers``
processes) and sends ``--requests`` ``POST /v1/summaries`` from
``--concurrency`` concurrent clients, each report one of the bundled seeds
(about 11 KB) with a unique trailing line. While it runs, ``/healthz`` is
sampled every 100 ms from a process of its own. Prints requests/s, the
latency percentiles, the /healthz percentiles, the errors (target: 0) and the
load average (the machine may be shared).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "evals" / "datasets" / "seeds"
KEY = "bench-key-0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(port: int, workdir: Path, workers: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update(SUMMARIZER_API_KEYS=KEY, SUMMARIZER_BACKEND="rules", SUMMARIZER_CACHE_DIR=str(workdir),
               SUMMARIZER_RUN_WORKERS=str(workers))
    server = subprocess.Popen([sys.executable, "-c", "from summarizer.cli import app; app()", "serve",
                               "--port", str(port), "--log-level", "warning"], env=env, cwd=workdir)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


_SAMPLER = """
import sys, threading, time, httpx
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
seen = []
with httpx.Client(base_url=sys.argv[1], timeout=10) as http:
    while not stop.is_set():
        started = time.perf_counter()
        http.get("/healthz")
        seen.append(time.perf_counter() - started)
        time.sleep(0.1)
print(" ".join(f"{x:.6f}" for x in seen))
"""


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def _load(url: str, requests: int, concurrency: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    latencies: list[float] = []
    errors: dict[str, int] = {}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait(n)
    limits = httpx.Limits(max_connections=concurrency + 1)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {KEY}"}, timeout=300,
                                 limits=limits) as http:

        async def client() -> None:
            while not queue.empty():
                n = queue.get_nowait()
                body = {"text": f"{texts[n % len(texts)]}\n（第{n}份）", "name": f"r{n}.txt"}
                started = time.perf_counter()
                try:
                    answer = await http.post("/v1/summaries", json=body)
                    key = None if answer.status_code == 200 else f"HTTP {answer.status_code}"
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append(time.perf_counter() - started)
                if key:
                    errors[key] = errors.get(key, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    print(f"{requests} requests at concurrency {concurrency}: {elapsed:.1f} s, {requests / elapsed:.1f} req/s")
    print(f"latency ms: p50 {_pct(latencies, 0.5):.0f}  p90 {_pct(latencies, 0.9):.0f}  "
          f"p99 {_pct(latencies, 0.99):.0f}  max {max(latencies) * 1000:.0f}")
    print(f"errors: {sum(errors.values())} {errors or ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="SUMMARIZER_RUN_WORKERS")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cpus: {os.cpu_count()}")
    port = _free_port()
    with tempfile.TemporaryDirectory() as workdir:
        server = _start(port, Path(workdir), args.workers)
        try:
            url = f"http://127.0.0.1:{port}"
            # /healthz is sampled from a process of its own, so the load clients' work in this
            # process does not show up as server latency.
            sampler = subprocess.Popen([sys.executable, "-c", _SAMPLER, url], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True)
            asyncio.run(_load(url, args.requests, args.concurrency))
            health = [float(x) for x in sampler.communicate("stop\n", timeout=60)[0].split()]
            print(f"/healthz ms: p50 {_pct(health, 0.5):.1f}  p99 {_pct(health, 0.99):.1f}  "
                  f"max {max(health) * 1000:.1f}  ({len(health)} samples, mean "
                  f"{statistics.mean(health) * 1000:.1f})")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
