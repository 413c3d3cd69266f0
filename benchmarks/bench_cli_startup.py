"""How fast ``summarizer --help``, every ``summarizer COMMAND --help`` and a one-shot summary start.

    .venv/bin/python benchmarks/bench_cli_startup.py [--rounds 7] [--summarize-only]

Runs each help in a fresh interpreter (as a user's shell does), ``--rounds``
times, and prints the median and best wall-clock seconds and the best CPU
seconds (user + system of the child), next to a bare ``python -c pass`` for
the interpreter's own start. Target: every help under 0.3 s. On a shared
machine the best wall time and the CPU time are closest to the uncontended
cost; the load average is printed with the figures.

The one-shot case, ``summarizer summarize REPORT.txt --json`` with the rules
backend (no LLM endpoint configured, as for a new user), is the figure of issue
20: its best wall and CPU time as a multiple of ``python -c pass`` measured in
the same run. Target: at most 12x.

On a machine shared with other work, times swing by a fifth from run to run.
``--instructions`` also counts the instructions each of the two runs executes
(valgrind's cachegrind, when installed: ``apt-get install valgrind``; about 30 s),
a figure the load does not move, so that a change of a few percent shows.

``--floor`` also starts interpreters that only import the libraries every one-shot summary
needs, one more each line (pydantic, pydantic-settings, typer, rjieba with its built-in
dictionary), so that the run's own share shows next to what this stack costs before any of
summarizer's code runs (with ``--instructions``, counted for the whole stack too).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

COMMANDS = ["summarize", "clean", "batch", "export", "report", "serve", "eval", "schema"]
TARGET_S = 0.3
TARGET_RATIO = 12
# What the stack costs before summarizer runs: each line imports one more library that every
# one-shot summary imports (rjieba builds jieba's dictionary when imported).
FLOOR = [
    ("import pydantic", "from pydantic import BaseModel"),
    ("+ pydantic_settings", "from pydantic import BaseModel; import pydantic_settings"),
    ("+ typer", "from pydantic import BaseModel; import pydantic_settings, typer"),
    ("+ rjieba", "from pydantic import BaseModel; import pydantic_settings, typer, rjieba"),
]
REPORT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "evals", "datasets", "seeds",
                      "001_b013c1bd2a4005fb.txt")


def _entry() -> list[str]:
    """The ``summarizer`` console script beside this interpreter, as a user runs it."""
    script = os.path.join(os.path.dirname(sys.executable), "summarizer")
    return [script] if os.path.exists(script) else [sys.executable, "-c", "from summarizer.cli import app; app()"]


def _env() -> dict[str, str]:
    """This environment without summarizer or OpenAI settings (the rules backend, as for a new user)
    and without ``PYTHONDONTWRITEBYTECODE``: an installed package runs from its compiled bytecode,
    which the untimed first run of each case writes for an editable checkout."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("SUMMARIZER_", "OPENAI_")) and k != "PYTHONDONTWRITEBYTECODE"}


def _run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _instructions(args: list[str]) -> int:
    """The instructions one child process executes, counted by valgrind (user space only)."""
    env = {**_env(), "PYTHONHASHSEED": "0"}  # string hashes shape dicts and sets, and so the count
    result = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                             *args], capture_output=True, text=True, env=env, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--summarize-only", action="store_true", help="only python -c pass and the one-shot summary")
    parser.add_argument("--floor", action="store_true",
                        help="also time bare imports of the libraries a one-shot summary needs (the stack's floor)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions of python -c pass and the one-shot summary (valgrind)")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    rounds = args.rounds
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    cases = [("python -c pass", [sys.executable, "-c", "pass"])]
    one_shot = "summarizer summarize report.txt --json"
    if args.floor:
        cases += [(label, [sys.executable, "-c", code]) for label, code in FLOOR]
    cases.append((one_shot, [*_entry(), "summarize", REPORT, "--json"]))
    if not args.summarize_only:
        cases += [(" ".join(["summarizer", *c.split(), "--help"]), [*_entry(), *c.split(), "--help"])
                  for c in ["", *COMMANDS]]
    print(f"{'command':<40} {'median s':>9} {'best s':>7} {'cpu s':>6} {'x pass':>7} {'cpu x':>6}  vs target {TARGET_S} s")
    worst = worst_cpu = 0.0
    bare = bare_cpu = bare_median = 0.0
    for label, case in cases:
        _run(case)  # untimed: writes the bytecode caches a user's installed package has
        runs = [_run(case) for _ in range(rounds)]
        walls = [w for w, _ in runs]
        best_cpu = min(c for _, c in runs)
        best = min(walls)
        if label == "python -c pass":
            bare, bare_cpu, bare_median = best, best_cpu, statistics.median(walls)
        elif label == one_shot:
            summary = (best / bare, best_cpu / bare_cpu if bare_cpu else float("nan"),
                       statistics.median(walls) / bare_median)
        elif label.endswith("--help"):
            worst, worst_cpu = max(worst, best), max(worst_cpu, best_cpu)
        print(f"{label:<40} {statistics.median(walls):>9.3f} {best:>7.3f} {best_cpu:>6.3f} {best / bare:>6.1f}x "
              f"{best_cpu / bare_cpu if bare_cpu else float('nan'):>5.1f}x  {best / TARGET_S:>5.0%}")
    print(f"one-shot summary (best of {rounds}): {summary[0]:.1f}x python -c pass in wall time, {summary[1]:.1f}x "
          f"in CPU time (target <= {TARGET_RATIO}x); median wall {summary[2]:.1f}x")
    if args.instructions:
        bare_count = _instructions(cases[0][1])
        shot = dict(cases)[one_shot]
        count = _instructions([sys.executable, *shot] if shot[0] != sys.executable else shot)
        print(f"one-shot summary: {count / 1e6:,.0f}M instructions = {count / bare_count:.1f}x python -c pass "
              f"({bare_count / 1e6:,.0f}M)")
        if args.floor:
            floor = _instructions([sys.executable, "-c", FLOOR[-1][1]])
            print(f"the stack's floor ({FLOOR[-1][1]}): {floor / 1e6:,.0f}M instructions = "
                  f"{floor / bare_count:.1f}x python -c pass; summarizer's own share {(count - floor) / 1e6:,.0f}M")
    if worst:
        print(f"slowest help (best of {rounds}): wall {worst:.3f} s = {worst / TARGET_S:.0%} of the {TARGET_S} s "
              f"target; CPU {worst_cpu:.3f} s = {worst_cpu / TARGET_S:.0%} (the wall time of an idle machine)")


if __name__ == "__main__":
    main()
