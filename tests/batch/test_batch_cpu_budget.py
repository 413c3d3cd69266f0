"""``summarizer batch`` has the API's CPU budget (SUMMARIZER_RUN_CPU_BUDGET_S): a CPU-heavy
report is recorded as failed once it has used its budget, and the others are summarised."""

from __future__ import annotations

import json

from tests.hostile.corpus import FAMILIES

from .conftest import SEED_IDS

BUDGET_S = 1.0


def test_a_report_over_its_cpu_budget_fails_alone(cli, reports_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_RUN_CPU_BUDGET_S", str(BUDGET_S))
    # About 5 s of CPU preprocessing alone (nested HTML tags): five budgets.
    (reports_dir / "heavy.html").write_text(FAMILIES["html_tags"](1_000_000), encoding="utf-8")
    out = tmp_path / "results.jsonl"
    result = cli("batch", reports_dir, "--out", out, "--backend", "rules", "--workers", "2")
    assert result.exit_code == 1, result.output  # a failed document
    lines = {line["name"]: line for line in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    heavy = lines.pop("heavy.html")
    assert heavy["status"] == "failed" and heavy["error"]["code"] == "cpu_budget_exceeded", heavy
    assert f"{BUDGET_S:g} s of CPU" in heavy["error"]["message"]
    assert sorted(lines) == sorted(f"{i}.txt" for i in SEED_IDS)
    assert all(line["status"] == "done" for line in lines.values())
