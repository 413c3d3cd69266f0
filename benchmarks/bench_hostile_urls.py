"""Benchmark: hostile web pages against the CLI, ``batch --urls`` and the API (URL input on).

    .venv/bin/python benchmarks/bench_hostile_urls.py [--timeout 5] [--pages 30] [--page-mib 19]
        [--only cli|api|amplification]

Serves the hostile pages of ``tests/inputs/webserver.py`` on loopback (slow
headers, a stalled body, a short body, bad gzip, redirects to unparsable
addresses) and, per case, prints the outcome (exit code or HTTP status), the
wall time and the peak RSS of the process that did the work (the CLI child,
or the ``summarizer serve`` child), each as a ratio to a normal page fetched
in the same run. API cases: each broken page through ``POST /v1/summaries``;
the latency of another caller's ``GET /v1/jobs/{id}`` while eight slow-header
URLs are in flight (against the same GETs before); and job amplification, a
``POST /v1/jobs`` of ``--pages`` URLs of ``--page-mib`` MiB each (the server's
RSS and jobs-file growth). Works on any revision with the same CLI, so the
numbers before and after a change come from one script.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "inputs"))
from webserver import RawSite, Site, page, raw, slow_headers

KEY = "bench-key-0123456789"
SEED = min((ROOT / "evals" / "datasets" / "seeds").glob("*.txt")).read_text(encoding="utf-8")
HTML = "<!DOCTYPE html><html><body>" + "".join(f"<p>{p}</p>" for p in SEED.splitlines() if p.strip()) + "</body></html>"
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
RAW = {
    "/slow-headers": slow_headers(1.0),
    "/stalled-body": raw(HEAD + b"Content-Length: 100000\r\n\r\n<html>and then nothing", then_stall_s=600),
    "/short-body": raw(HEAD + b"Content-Length: 1000\r\n\r\n<html>only this"),
    "/bad-gzip": raw(HEAD + b"Content-Encoding: gzip\r\nContent-Length: 20\r\n\r\n" + b"\x1f\x8b" + b"x" * 18),
    "/to-bad-ipv6": raw(b"HTTP/1.1 302 Found\r\nLocation: http://[::1/x\r\nContent-Length: 0\r\n\r\n"),
    "/to-bad-port": raw(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:99999/\r\nContent-Length: 0\r\n\r\n"),
}
HARD_CAP_S = 90.0  # a case still running then is killed and reported as a hang


def _env(workdir: Path, timeout_s: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update(SUMMARIZER_CACHE_DIR=str(workdir / "cache"), SUMMARIZER_FETCH_TIMEOUT_S=str(timeout_s),
               SUMMARIZER_BACKEND="rules", COLUMNS="200")
    return env


def _run_child(args: list[str], env: dict[str, str]) -> tuple[str, float, float]:
    """(outcome, seconds, peak RSS MiB) of ``summarizer ARGS`` in a child process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", "from summarizer.cli import app; app()", *args], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killer = threading.Timer(HARD_CAP_S, child.kill)
    killer.start()
    _, status, usage = os.wait4(child.pid, 0)
    killer.cancel()
    took = time.perf_counter() - started
    err = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if took >= HARD_CAP_S - 0.5:
        outcome = f"hung (killed at {HARD_CAP_S:g} s)"
    elif "Traceback" in err:
        outcome = f"exit {child.returncode}, traceback"
    else:
        outcome = f"exit {child.returncode}, {len([ln for ln in err.splitlines() if ln.startswith('error:')])} error line(s)"
    return outcome, took, usage.ru_maxrss / 1024


def _row(case: str, outcome: str, took: float, rss: float, ref: tuple[float, float]) -> None:
    print(f"{case:<34} {outcome:<34} {took:7.2f} s ({took / ref[0]:5.1f}x) {rss:7.0f} MiB ({rss / ref[1]:4.1f}x)",
          flush=True)


def cli_cases(site: Site, hostile: RawSite, workdir: Path, timeout_s: float) -> None:
    env = _env(workdir, timeout_s)
    print(f"CLI (summarize URL --backend rules), fetch timeout {timeout_s:g} s")
    out, took, rss = _run_child(["summarize", f"{site.url}/report.html", "--backend", "rules"], env)
    ref = (took, rss)
    _row("normal page (reference)", out, took, rss, ref)
    urls = {**{path.strip("/"): f"{hostile.url}{path}" for path in RAW},
            "invalid port 99999": "http://127.0.0.1:99999/", "host [::1": "http://[::1/x"}
    for case, url in urls.items():
        _row(case, *_run_child(["summarize", url, "--backend", "rules"], env), ref)
    listing = workdir / "urls.txt"
    listing.write_text("\n".join([f"{site.url}/report.html", *urls.values()]) + "\n", encoding="utf-8")
    out_file = workdir / "batch.jsonl"
    out, took, rss = _run_child(["batch", "--urls", str(listing), "--out", str(out_file), "--backend", "rules"], env)
    lines = len(out_file.read_text(encoding="utf-8").splitlines()) if out_file.exists() else 0
    _row(f"batch --urls ({len(urls) + 1} URLs)", f"{out}, {lines} lines", took, rss, ref)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``summarizer serve`` in a child process with URL input on and loopback allowed."""

    def __init__(self, workdir: Path, timeout_s: float):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = _env(workdir, timeout_s)
        env.update(SUMMARIZER_API_KEYS=KEY, SUMMARIZER_API_URL_INPUT="true",
                   SUMMARIZER_API_URL_ALLOWED_NETWORKS="127.0.0.0/8",
                   SUMMARIZER_API_JOBS_DB=str(workdir / "jobs.sqlite3"))
        self.jobs_db = workdir / "jobs.sqlite3"
        self.child = subprocess.Popen([sys.executable, "-c", "from summarizer.cli import app; app()", "serve",
                                       "--port", str(self.port), "--log-level", "critical"], env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.child.kill()
        raise SystemExit("the server did not start")

    def rss(self) -> tuple[float, float]:
        """(current, peak) RSS in MiB of the server process."""
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{self.child.pid}/status").read_text().splitlines())
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {KEY}"}, timeout=HARD_CAP_S)

    def stop(self) -> None:
        self.child.terminate()
        try:
            self.child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.child.kill()


def _timed_post(http: httpx.Client, path: str, body: dict) -> tuple[str, float]:
    started = time.perf_counter()
    try:
        response = http.post(path, json=body)
        outcome = f"{response.status_code} {response.json().get('error', {}).get('code', '') if response.content else ''}"
    except httpx.TimeoutException:
        outcome = f"no answer in {HARD_CAP_S:g} s"
    except httpx.TransportError as exc:
        outcome = f"connection failed: {type(exc).__name__}"
    return outcome.strip(), time.perf_counter() - started


def api_cases(site: Site, hostile: RawSite, big: Site, workdir: Path, timeout_s: float, pages: int, *,
              amplification_only: bool = False) -> None:
    print(f"\nAPI (summarizer serve, URL input on), fetch timeout {timeout_s:g} s")
    if not amplification_only:
        _api_pages(site, hostile, workdir, timeout_s)
    _api_amplification(big, workdir, timeout_s, pages)


def _api_pages(site: Site, hostile: RawSite, workdir: Path, timeout_s: float) -> None:
    server = Server(workdir / "api", timeout_s)
    try:
        with server.client() as http:
            out, took = _timed_post(http, "/v1/summaries", {"url": f"{site.url}/report.html"})
            ref = (took, server.rss()[1])
            _row("normal page (reference)", out, took, ref[1], ref)
            for path in RAW:
                out, took = _timed_post(http, "/v1/summaries", {"url": f"{hostile.url}{path}"})
                _row(path.strip("/"), out, took, server.rss()[1], ref)
            for query in ("offset=9223372036854775808", "offset=-1"):
                job = http.post("/v1/jobs", json={"documents": [{"text": SEED}]}).json()["id"]
                status = http.get(f"/v1/jobs/{job}?{query}").status_code
                print(f"{'GET ?' + query:<34} {status}")
            _slow_headers_and_status(server, http, hostile)
    finally:
        server.stop()


def _api_amplification(big: Site, workdir: Path, timeout_s: float, pages: int) -> None:
    server = Server(workdir / "amp", timeout_s)
    try:
        with server.client() as http:
            before_rss, _ = server.rss()
            db_before = server.jobs_db.stat().st_size if server.jobs_db.exists() else 0
            urls = [{"url": f"{big.url}/big{i}"} for i in range(pages)]
            out, took = _timed_post(http, "/v1/jobs", {"documents": urls})
            now, peak = server.rss()
            db_after = server.jobs_db.stat().st_size + sum(
                p.stat().st_size for p in server.jobs_db.parent.glob("jobs.sqlite3-wal"))
            print(f"{f'job of {pages} URLs':<34} {out:<34} {took:7.2f} s  RSS {before_rss:.0f} -> peak {peak:.0f} MiB"
                  f" (now {now:.0f}), jobs DB +{(db_after - db_before) / 2**20:.0f} MiB, {len(big.requests)} pages asked")
    finally:
        server.stop()


def _slow_headers_and_status(server: Server, http: httpx.Client, hostile: RawSite) -> None:
    job = http.post("/v1/jobs", json={"documents": [{"text": SEED}]}).headers["Location"]

    def poll(times: int) -> list[float]:
        took = []
        for _ in range(times):
            started = time.perf_counter()
            with contextlib.suppress(httpx.TransportError):  # no answer within HARD_CAP_S counts as that long
                http.get(job)
            took.append(time.perf_counter() - started)
            time.sleep(0.1)
        return took

    baseline = poll(10)
    threads = [threading.Thread(target=lambda: server.client().post(
        "/v1/summaries", json={"url": f"{hostile.url}/slow-headers"})) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    during = poll(10)
    for thread in threads:
        thread.join(timeout=HARD_CAP_S)
    print(f"{'GET /v1/jobs/{id}, 8 slow URLs':<34} median {statistics.median(baseline) * 1000:.0f} ms before,"
          f" {statistics.median(during) * 1000:.0f} ms during (max {max(during) * 1000:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=5.0, help="SUMMARIZER_FETCH_TIMEOUT_S for the run")
    parser.add_argument("--pages", type=int, default=30, help="URLs in the amplification job")
    parser.add_argument("--page-mib", type=float, default=19.0, help="size of each of those pages")
    parser.add_argument("--only", choices=("cli", "api", "amplification"))
    args = parser.parse_args()
    blob = b"a" * int(args.page_mib * 2**20)
    big_routes = {f"/big{i}": (200, {"Content-Type": "text/plain"}, blob) for i in range(args.pages)}
    with (tempfile.TemporaryDirectory() as tmp, Site({"/report.html": page(HTML)}) as site,
          RawSite(RAW) as hostile, Site(big_routes) as big):
        workdir = Path(tmp)
        (workdir / "api").mkdir()
        (workdir / "amp").mkdir()
        if args.only in (None, "cli"):
            cli_cases(site, hostile, workdir, args.timeout)
        if args.only in (None, "api", "amplification"):
            api_cases(site, hostile, big, workdir, args.timeout, args.pages,
                      amplification_only=args.only == "amplification")


if __name__ == "__main__":
    main()
