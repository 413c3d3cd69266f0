"""Benchmark: ``summarizer batch`` through the LLM backend against the scripted server.

    .venv/bin/python benchmarks/bench_batch.py [--docs 200] [--concurrency 32] [--workers 1] [--latency-ms 500]
                                               [--fault-rate 0.1] [--retry-after 1] [--skip-clean-run]

Starts ``tests/scripted_openai/server.py`` (an OpenAI-compatible server that
answers every call after ``--latency-ms``) and runs the real CLI,
``summarizer batch DIR --out FILE --backend llm --concurrency N --no-cache``,
over ``--docs`` distinct reports made from the bundled seeds (each with a
unique trailing line, so no two share a content hash or a cache entry). Two
runs: without faults, and with ``--fault-rate`` of the calls answered 429/500.

For each run it prints documents and LLM calls per second, and throughput as a
ratio of the ideal: ``calls/s ÷ (concurrency ÷ latency)`` — the rate if every
slot were always waiting on exactly one call. The target is >= 0.8. A run
"loses" a document if it is not ``done`` in the results file.

    .venv/bin/python benchmarks/bench_batch.py --api-latency 100

instead measures how responsive a served API stays (``GET /healthz``) while it
works through a job of 100 reports with the CPU-bound rules backend.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "evals" / "datasets" / "seeds"
SERVER = ROOT / "tests" / "scripted_openai" / "server.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_reports(folder: Path, count: int) -> None:
    """``count`` distinct reports: the seeds in turn, each with a unique closing line."""
    seeds = sorted(SEEDS.glob("*.txt"))
    folder.mkdir(parents=True)
    for n in range(count):
        seed = seeds[n % len(seeds)]
        text = seed.read_text(encoding="utf-8").rstrip("\n") + f"\n\n（批次编号 {n:04d}）\n"
        (folder / f"{seed.stem}-{n:04d}.txt").write_text(text, encoding="utf-8")


def start_server(port: int, latency_ms: float, fault_rate: float, retry_after: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, str(SERVER), "--port", str(port), "--latency-ms", str(latency_ms),
         "--fault-rate", str(fault_rate), "--retry-after", retry_after],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the scripted server did not start")


def run_batch(
    reports: Path, out: Path, port: int, concurrency: int, workers: int, cache: Path
) -> tuple[float, float, str]:
    """Run ``summarizer batch``; return its wall time, its CPU seconds (all its processes) and summary line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update(
        SUMMARIZER_LLM_BASE_URL=f"http://127.0.0.1:{port}/v1",
        SUMMARIZER_LLM_MODEL="scripted",
        SUMMARIZER_LLM_API_KEY="bench",
        SUMMARIZER_CACHE_DIR=str(cache),
    )
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-c", "from summarizer.cli import app; app()", "batch", str(reports),
         "--out", str(out), "--backend", "llm", "--concurrency", str(concurrency), "--workers", str(workers), "--no-cache", "--no-text"],
        env=env, capture_output=True, text=True, check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = next((line for line in result.stderr.splitlines() if line.startswith("done ")), None)
    if summary is None:
        raise SystemExit(f"batch did not finish:\n{result.stderr[-3000:]}")
    return wall, cpu, summary


def measure(label: str, args: argparse.Namespace, fault_rate: float, work: Path) -> None:
    reports = work / "reports"
    if not reports.exists():
        make_reports(reports, args.docs)
    out = work / f"results-{label}.jsonl"
    port = free_port()
    server = start_server(port, args.latency_ms, fault_rate, args.retry_after)
    try:
        wall, cpu, summary = run_batch(reports, out, port, args.concurrency, args.workers, work / f"cache-{label}")
        server_cpu = process_cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    done = [line for line in lines if line["status"] == "done"]
    failed = [line for line in lines if line["status"] == "failed"]
    elapsed = float(re.search(r"· ([\d.]+) s →", summary).group(1))
    calls = sum((line["summary"]["provenance"].get("usage") or {}).get("calls", 0) for line in done)
    ideal = args.concurrency / (args.latency_ms / 1000)
    print(f"\n== {label}: {args.docs} reports, concurrency {args.concurrency}, workers {args.workers}, "
          f"latency {args.latency_ms:.0f} ms, fault rate {fault_rate:.0%}")
    print(f"   batch: {summary}")
    print(f"   run time {elapsed:.2f} s (process wall {wall:.2f} s incl. start-up)")
    print(f"   documents: {len(done)} done, {len(failed)} failed, {args.docs - len(done)} lost")
    print(f"   LLM calls recorded in provenance: {calls} ({calls / max(len(done), 1):.2f} per document)")
    finished = sorted(dt.datetime.fromisoformat(line["finished_at"]).timestamp() for line in done)
    steady = (len(finished) - 1) / (finished[-1] - finished[0]) if len(finished) > 1 else 0.0
    print(f"   steady state (first to last document finished, without start-up and warm-up): "
          f"{steady:.1f} docs/s -> ratio {steady * calls / max(len(done), 1) / ideal:.2f}")
    per_doc = cpu / max(len(done), 1)
    print(f"   CPU: batch {cpu:.1f} s ({per_doc * 1000:.0f} ms per document, incl. start-up), scripted server "
          f"{server_cpu:.1f} s; CPU-bound ceiling here ~{os.cpu_count() / (per_doc + server_cpu / max(len(done), 1)):.0f} docs/s")
    print(f"   machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} after the run")
    print(f"   throughput: {len(done) / elapsed:.1f} docs/s, {calls / elapsed:.1f} calls/s; "
          f"ideal {ideal:.1f} calls/s -> ratio {calls / elapsed / ideal:.2f} (target >= 0.8)")
    for line in failed[:5]:
        print(f"   failed: {line['name']}: {line['error']['code']}: {line['error']['message'][:200]}")


def api_latency(docs: int) -> None:
    """/healthz latency of a served API while it works through a job of ``docs`` reports (rules backend)."""
    import httpx

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
        env.update(SUMMARIZER_API_KEYS="bench", SUMMARIZER_CACHE_DIR=tmp, SUMMARIZER_BACKEND="rules")
        server = subprocess.Popen(
            [sys.executable, "-c", "from summarizer.cli import app; app()", "serve", "--port", str(port),
             "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{url}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise SystemExit("the API did not start") from None
                    time.sleep(0.1)

            def probe(n: int) -> list[float]:
                times = []
                with httpx.Client(base_url=url) as client:
                    for _ in range(n):
                        t0 = time.perf_counter()
                        client.get("/healthz")
                        times.append((time.perf_counter() - t0) * 1000)
                        time.sleep(0.01)
                return sorted(times)

            idle = probe(100)
            texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
            documents = [{"name": f"d{n}.txt", "text": texts[n % len(texts)] + f"\n（{n}）"} for n in range(docs)]
            with httpx.Client(base_url=url, headers={"X-API-Key": "bench"}, timeout=60) as client:
                job = client.post("/v1/jobs", json={"documents": documents}).json()["id"]
                started = time.perf_counter()
                busy = []
                while client.get(f"/v1/jobs/{job}").json()["status"] != "done":
                    busy.extend(probe(10))
                elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=10)
    busy.sort()

    def pct(xs: list[float], q: float) -> float:
        return xs[min(len(xs) - 1, int(len(xs) * q))]

    print(f"\n== API /healthz latency, rules backend, job of {docs} reports ({elapsed:.1f} s, "
          f"{docs / elapsed:.1f} docs/s)")
    print(f"   idle:        p50 {pct(idle, .5):.1f} ms, p99 {pct(idle, .99):.1f} ms")
    print(f"   during job:  p50 {pct(busy, .5):.1f} ms, p99 {pct(busy, .99):.1f} ms, max {busy[-1]:.1f} ms "
          f"({len(busy)} probes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="summarizer batch --workers")
    parser.add_argument("--latency-ms", type=float, default=500.0)
    parser.add_argument("--fault-rate", type=float, default=0.1)
    parser.add_argument("--retry-after", default="1", help="Retry-After (s) the server sends with 429s")
    parser.add_argument("--skip-clean-run", action="store_true", help="only the run with faults")
    parser.add_argument("--api-latency", type=int, metavar="DOCS", default=0,
                        help="instead: measure /healthz latency while the API runs a job of DOCS reports")
    args = parser.parse_args()
    if args.api_latency:
        api_latency(args.api_latency)
        return
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        if not args.skip_clean_run:
            measure("no-faults", args, 0.0, work)
        if args.fault_rate > 0:
            measure("faults", args, args.fault_rate, work)


if __name__ == "__main__":
    main()
