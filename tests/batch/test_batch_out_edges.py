"""``batch`` refuses an unusable results path or provider-batch state file in one line, before any work."""

from __future__ import annotations

import pytest

from summarizer.batch.provider import state_path_for


@pytest.fixture
def llm_env(monkeypatch, tmp_path):
    """An LLM endpoint that is configured but never reached (the state file is refused first)."""
    monkeypatch.setenv("SUMMARIZER_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SUMMARIZER_LLM_MODEL", "scripted")
    monkeypatch.setenv("SUMMARIZER_LLM_API_KEY", "test")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


def _one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.output.startswith("error: "), result.output
    return result.output


def test_an_existing_folder_as_out_is_one_line(reports_dir, tmp_path, cli):
    folder = tmp_path / "results"
    folder.mkdir()
    output = _one_line_error(cli("batch", reports_dir, "--out", f"{folder}/", "--backend", "rules"))
    assert "is a folder, not a results file" in output and "results.jsonl" in output
    assert list(folder.iterdir()) == []


def test_an_out_path_under_a_file_is_one_line(reports_dir, tmp_path, cli):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    output = _one_line_error(cli("batch", reports_dir, "--out", blocker / "out.jsonl", "--backend", "rules"))
    assert "cannot write the results file" in output


@pytest.mark.parametrize("damage", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_damaged_provider_batch_state_file_is_one_line(reports_dir, tmp_path, cli, llm_env, damage):
    out = tmp_path / "results.jsonl"
    state_path_for(out).parent.mkdir(parents=True, exist_ok=True)
    state_path_for(out).write_bytes(damage)
    output = _one_line_error(cli("batch", reports_dir, "--out", out, "--backend", "llm", "--provider-batch"))
    assert "provider-batch state file cannot be used" in output and "move the file aside" in output
