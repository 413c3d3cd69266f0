"""Benchmark: ``summarizer batch`` through the LLM backend against the scripted server.

    .venv/bin/python benchmarks/bench_batch.py [--docs 200] [--concurrency 32] [--workers 1] [--latency-ms 500]
                                               [--fault-rate 0.1] [--retry-after 1] [--skip-clean-run] [--json FILE]

Starts ``tests/scripted_openai/server.py`` (an OpenAI-compatible server that
answers every call after ``--latency-ms``) and runs the real CLI,
``summarizer batch DIR --out FILE --backend llm --concurrency N --no-cache``,
over ``--docs`` distinct reports made from the bundled seeds (each with a
unique trailing line, so no two share a content hash or a cache entry). Two
runs: without faults, and with ``--fault-rate`` of the calls answered 429/500.

For each run it prints documents and LLM calls per second, and throughput as a
ratio of the ideal ``concurrency ÷ latency`` (the rate if every slot were
always waiting on exactly one call): documents/s ÷ ideal over the whole run,
and over the steady state (first to last document finished, without start-up
and warm-up). The target is >= 0.8. With faults, calls/s ÷ ideal is printed
too (failed attempts occupy slots as well). A run "loses" a document if it is
not ``done`` in the results file; the calls recorded in provenance are checked
against the requests the server received.

CPU: both processes (the batch and its workers, and the scripted server) are
sampled from ``/proc`` every 50 ms, so CPU ms per document is given for the
whole run (with start-up) and for the steady state, with the ceiling that
implies: ``cores ÷ (batch + server CPU per document)``, and for one batch
process also ``1 ÷ batch CPU per document`` (one event loop uses one core).
The 1-minute load average is printed before and after each run, since other
work on the machine takes CPU from both.

    .venv/bin/python benchmarks/bench_batch.py --api-latency 100

instead measures how responsive a served API stays (``GET /healthz``) while it
works through a job of 100 reports with the CPU-bound rules backend.

    .venv/bin/python benchmarks/bench_batch.py --rules [--full]

instead runs ``summarizer batch --backend rules`` over the bundled seed and
devset reports repeated (200 documents, ``--full``: 1,000), with 1 and with 2
worker processes, and prints documents/s, CPU-seconds per document (all the
batch's processes) and the peak resident memory of each process (``VmHWM``),
next to the rules backend's own rate in one process without the batch machinery
(``summarize`` in process: the reference the batch is compared with).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "evals" / "datasets" / "seeds"
DEVSET = ROOT / "evals" / "datasets" / "devset"
SERVER = ROOT / "tests" / "scripted_openai" / "server.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int, seen: dict[int, float]) -> float:
    """CPU seconds of ``pid`` and every descendant seen so far (``seen`` remembers those that exited)."""
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            seen[current] = process_cpu_seconds(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue  # exited between the listing and the read: keep its last reading
    return sum(seen.values())


class CpuSampler:
    """``(time.time(), cpu seconds)`` of a process tree every ``interval`` seconds, in a thread."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid = pid
        self.interval = interval
        self.samples: list[tuple[float, float]] = []
        self._seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.time(), tree_cpu_seconds(self.pid, self._seen)))
            self._stop.wait(self.interval)

    def __enter__(self) -> CpuSampler:  # noqa: PYI034 (started)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def at(self, when: float) -> float:
        """CPU seconds used by ``when`` (the last sample not after it)."""
        before = [cpu for t, cpu in self.samples if t <= when]
        return before[-1] if before else 0.0

    def total(self) -> float:
        """CPU seconds at the last sample."""
        return self.samples[-1][1] if self.samples else 0.0


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
) -> tuple[float, float, str, CpuSampler]:
    """Run ``summarizer batch``; return its wall time, CPU seconds (all its processes), summary line and CPU samples."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update(
        SUMMARIZER_LLM_BASE_URL=f"http://127.0.0.1:{port}/v1",
        SUMMARIZER_LLM_MODEL="scripted",
        SUMMARIZER_LLM_API_KEY="bench",
        SUMMARIZER_CACHE_DIR=str(cache),
    )
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", "from summarizer.cli import app; app()", "batch", str(reports),
             "--out", str(out), "--backend", "llm", "--concurrency", str(concurrency), "--workers", str(workers),
             "--no-cache", "--no-text"],
            env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True,
        )
        with CpuSampler(process.pid) as sampler:
            process.wait()
        stderr.seek(0)
        errors = stderr.read()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = next((line for line in errors.splitlines() if line.startswith("done ")), None)
    if summary is None:
        raise SystemExit(f"batch did not finish:\n{errors[-3000:]}")
    return wall, cpu, summary, sampler


def server_stats(port: int) -> dict:
    """The scripted server's count of chat requests received, by fault (unknown for a server without /stats)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=5) as answer:
            return json.loads(answer.read())
    except OSError:
        return {"requests": None, "faults": {}, "max_in_flight": None}


def measure(label: str, args: argparse.Namespace, fault_rate: float, work: Path) -> dict:
    """One run of ``summarizer batch`` against a fresh scripted server; prints and returns its figures."""
    reports = work / "reports"
    if not reports.exists():
        make_reports(reports, args.docs)
    out = work / f"results-{label}.jsonl"
    port = free_port()
    load_before = os.getloadavg()[0]
    server = start_server(port, args.latency_ms, fault_rate, args.retry_after)
    try:
        with CpuSampler(server.pid) as server_cpu:
            wall, cpu, summary, batch_cpu = run_batch(
                reports, out, port, args.concurrency, args.workers, work / f"cache-{label}"
            )
            stats = server_stats(port)
    finally:
        server.terminate()
        server.wait(timeout=10)
    load_after = os.getloadavg()[0]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    done = [line for line in lines if line["status"] == "done"]
    failed = [line for line in lines if line["status"] == "failed"]
    elapsed = float(re.search(r"· ([\d.]+) s →", summary).group(1))
    calls = sum((line["summary"]["provenance"].get("usage") or {}).get("calls", 0) for line in done)
    ideal = args.concurrency / (args.latency_ms / 1000)
    n_done = max(len(done), 1)

    finished = sorted(dt.datetime.fromisoformat(line["finished_at"]).timestamp() for line in done)
    window = (finished[0], finished[-1]) if len(finished) > 1 else None
    steady = (len(finished) - 1) / (window[1] - window[0]) if window else 0.0

    def steady_ms(sampler: CpuSampler) -> float:
        """CPU ms per document finished between the first and the last document."""
        if window is None:
            return float("nan")
        return (sampler.at(window[1]) - sampler.at(window[0])) / (len(finished) - 1) * 1000

    batch_total_ms, server_total_ms = cpu / n_done * 1000, server_cpu.total() / n_done * 1000
    batch_steady_ms, server_steady_ms = steady_ms(batch_cpu), steady_ms(server_cpu)
    cores = os.cpu_count() or 1
    figures = {
        "label": label, "docs": args.docs, "done": len(done), "failed": len(failed), "lost": args.docs - len(done),
        "run_s": elapsed, "docs_per_s": len(done) / elapsed, "ratio": len(done) / elapsed / ideal,
        "steady_docs_per_s": steady, "steady_ratio": steady / ideal, "calls": calls,
        "server_requests": stats["requests"], "max_in_flight": stats["max_in_flight"], "batch_cpu_ms": batch_total_ms, "server_cpu_ms": server_total_ms,
        "batch_steady_cpu_ms": batch_steady_ms, "server_steady_cpu_ms": server_steady_ms,
        "load_before": load_before, "load_after": load_after,
    }
    print(f"\n== {label}: {args.docs} reports, concurrency {args.concurrency}, workers {args.workers}, "
          f"latency {args.latency_ms:.0f} ms, fault rate {fault_rate:.0%}")
    print(f"   machine: {cores} CPUs, load average (1 min) {load_before:.2f} before, {load_after:.2f} after the run")
    print(f"   batch: {summary}")
    print(f"   run time {elapsed:.2f} s (process wall {wall:.2f} s incl. start-up)")
    print(f"   documents: {len(done)} done, {len(failed)} failed, {args.docs - len(done)} lost")
    faults = ", ".join(f"{k} {v}" for k, v in sorted(stats["faults"].items()))
    print(f"   LLM calls recorded in provenance: {calls} ({calls / n_done:.2f} per document); "
          f"the server received {stats['requests']} ({faults}), at most {stats['max_in_flight']} at once"
          + ("" if stats["requests"] in (None, calls) or failed else "  <-- MISMATCH"))
    print(f"   throughput: {len(done) / elapsed:.1f} docs/s, {calls / elapsed:.1f} calls/s; ideal {ideal:.1f}/s "
          f"-> ratio {len(done) / elapsed / ideal:.2f} (docs), {calls / elapsed / ideal:.2f} (calls); target >= 0.8")
    print(f"   steady state (first to last document finished): {steady:.1f} docs/s -> ratio {steady / ideal:.2f}")
    print(f"   CPU per document: batch {batch_total_ms:.1f} ms with start-up, {batch_steady_ms:.1f} ms steady; "
          f"scripted server {server_total_ms:.1f} ms, {server_steady_ms:.1f} ms steady")
    if window is not None:
        span = window[1] - window[0]
        used = (batch_cpu.at(window[1]) - batch_cpu.at(window[0])) / span
        server_used = (server_cpu.at(window[1]) - server_cpu.at(window[0])) / span
        figures.update(batch_cores=used, server_cores=server_used)
        print(f"   cores used in the steady state: batch {used:.2f}, server {server_used:.2f} "
              f"(one batch process can use at most 1.0; below the ideal rate and below 1.0, it was short of CPU)")
    per_doc_s = (batch_steady_ms + server_steady_ms) / 1000
    ceilings = [f"{cores} cores / (batch + server) = {cores / per_doc_s:.0f} docs/s" if per_doc_s > 0 else ""]
    if args.workers == 1 and batch_steady_ms > 0:
        ceilings.append(f"one event loop: 1 core / batch = {1000 / batch_steady_ms:.0f} docs/s")
    print(f"   CPU-bound ceilings (steady CPU, idle machine): {'; '.join(ceilings)}; ideal {ideal:.0f} docs/s")
    for line in failed[:5]:
        print(f"   failed: {line['name']}: {line['error']['code']}: {line['error']['message'][:200]}")
    return figures


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


def peak_rss_kb(pid: int) -> int:
    """A process's peak resident memory so far (``VmHWM``, kB; 0 once it has exited)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pids(pid: int) -> list[int]:
    """``pid`` and its descendants now running."""
    out, stack = [], [pid]
    while stack:
        current = stack.pop()
        out.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return out


def make_bundled_reports(folder: Path, count: int) -> None:
    """``count`` reports: the seed and devset reports in turn, each with a unique closing line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(DEVSET.glob("*.txt"))]
    folder.mkdir(parents=True)
    for n in range(count):
        text = texts[n % len(texts)].rstrip("\n") + f"\n\n（批次编号 {n:05d}）\n"
        (folder / f"r{n:05d}.txt").write_text(text, encoding="utf-8")


def in_process_rate(count: int) -> tuple[float, float]:
    """Documents/s and CPU-s per document of the rules backend in this process (prepare + extract)."""
    import asyncio

    from summarizer.service import SummaryService
    from summarizer.settings import Settings

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(DEVSET.glob("*.txt"))]
    service = SummaryService(Settings(backend="rules"))
    service.summarize_sync(texts[0], backend="rules", use_cache=False)  # warm: imports, dictionaries

    async def run() -> None:
        for n in range(count):
            await service.summarize(texts[n % len(texts)], name=f"d{n}.txt", backend="rules", use_cache=False)

    cpu0, wall0 = time.process_time(), time.perf_counter()
    asyncio.run(run())
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return count / wall, cpu / count


def rules_batch(docs: int) -> None:
    """``summarizer batch --backend rules`` over ``docs`` bundled reports with 1 and 2 workers."""
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    rate, cpu_per_doc = in_process_rate(min(docs, 130))
    print(f"reference: rules backend in one process, no batch: {rate:.1f} docs/s, "
          f"{cpu_per_doc * 1000:.1f} CPU-ms/doc")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    print(f"{'workers':>7} {'docs':>6} {'docs/s':>8} {'ratio':>6} {'CPU-ms/doc':>10} {'vs ref':>7}  peak RSS per process (MB)")
    with tempfile.TemporaryDirectory(prefix="bench-rules-") as tmp, contextlib.ExitStack() as stack:
        reports = Path(tmp) / "reports"
        make_bundled_reports(reports, docs)
        for workers in (1, 2):
            out = Path(tmp) / f"out-{workers}.jsonl"
            env["SUMMARIZER_CACHE_DIR"] = str(Path(tmp) / f"cache-{workers}")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            # The batch's stderr goes to a file, not a pipe: a pipe read only at the end fills up
            # (64 KB) on a run that warns per document, and the batch then blocks writing to it.
            errors = stack.enter_context(tempfile.TemporaryFile(mode="w+", encoding="utf-8"))
            process = subprocess.Popen(
                [sys.executable, "-c", "from summarizer.cli import app; app()", "batch", str(reports), "--out",
                 str(out), "--backend", "rules", "--workers", str(workers), "--concurrency", str(max(2, workers)),
                 "--no-text"], env=env, stdout=subprocess.DEVNULL, stderr=errors, text=True)
            peaks: dict[int, int] = {}
            while process.poll() is None:
                for pid in tree_pids(process.pid):
                    peaks[pid] = max(peaks.get(pid, 0), peak_rss_kb(pid))
                time.sleep(0.05)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if process.returncode != 0:
                errors.seek(0)
                raise SystemExit(f"batch failed: {errors.read()[-2000:]}")
            lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
            done = sum(1 for line in lines if line["status"] == "done")
            others = " ".join(f"{kb / 1024:.0f}" for pid, kb in sorted(peaks.items()) if kb and pid != process.pid)
            mb = f"main {peaks.get(process.pid, 0) / 1024:.0f}" + (f", others {others}" if others else "")
            print(f"{workers:>7} {done:>6} {done / wall:>8.1f} {done / wall / rate:>6.2f} "
                  f"{cpu / max(done, 1) * 1000:>10.1f} {cpu / max(done, 1) / cpu_per_doc:>7.2f}  {mb}")
    print("ratio: the batch's documents/s over the in-process reference; vs ref: its CPU per document over the "
          "reference's (start-up, the batch machinery and the result file included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="summarizer batch --workers")
    parser.add_argument("--latency-ms", type=float, default=500.0)
    parser.add_argument("--fault-rate", type=float, default=0.1)
    parser.add_argument("--retry-after", default="1", help="Retry-After (s) the server sends with 429s")
    parser.add_argument("--skip-clean-run", action="store_true", help="only the run with faults")
    parser.add_argument("--json", type=Path, help="also append each run's figures to this file (JSON lines)")
    parser.add_argument("--api-latency", type=int, metavar="DOCS", default=0,
                        help="instead: measure /healthz latency while the API runs a job of DOCS reports")
    parser.add_argument("--rules", action="store_true",
                        help="instead: a batch of bundled reports with the rules backend, 1 and 2 workers")
    parser.add_argument("--full", action="store_true", help="with --rules: 1,000 documents (default 200)")
    args = parser.parse_args()
    if args.rules:
        rules_batch(1000 if args.full else 200)
        return
    if args.api_latency:
        api_latency(args.api_latency)
        return
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        runs = []
        if not args.skip_clean_run:
            runs.append(measure("no-faults", args, 0.0, work))
        if args.fault_rate > 0:
            runs.append(measure("faults", args, args.fault_rate, work))
    if args.json:
        with args.json.open("a", encoding="utf-8") as sink:
            for figures in runs:
                sink.write(json.dumps({**figures, "workers": args.workers, "concurrency": args.concurrency,
                                       "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}) + "\n")


if __name__ == "__main__":
    main()
