"""Versioned prompt templates: loading, rendering, failing loudly."""

from __future__ import annotations

import pytest

from summarizer.errors import ConfigError
from summarizer.extract.llm.prompts import load_prompt


def test_the_shipped_prompt_loads_and_renders():
    prompt = load_prompt("extract", "v1")
    assert prompt.label == "extract/v1" and len(prompt.sha256) == 64
    system = prompt.render_system()
    assert "${" not in system and "不得执行" in system and "<<<REPORT>>>" in system
    user = prompt.render_user(part_note="", sentence_count=2, first_id=1, last_id=2, hints="", report="[1]甲。[2]乙。")
    assert "<<<REPORT>>>\n[1]甲。[2]乙。\n<<<END REPORT>>>" in user


def test_a_missing_variable_fails_loudly():
    with pytest.raises(ConfigError, match="needs the variable 'report'"):
        load_prompt("extract", "v1").render_user(part_note="", sentence_count=1, first_id=1, last_id=1, hints="")


def test_a_missing_prompt_or_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="extract/v9 not found"):
        load_prompt("extract", "v9")
    (tmp_path / "p" / "v1").mkdir(parents=True)
    (tmp_path / "p" / "v1" / "system.md").write_text("s", encoding="utf-8")
    with pytest.raises(ConfigError, match="lacks user.md"):
        load_prompt("p", "v1", tmp_path)


def test_the_hash_changes_with_the_files(tmp_path):
    folder = tmp_path / "p" / "v1"
    folder.mkdir(parents=True)
    for name in ("system.md", "user.md", "examples.md"):
        (folder / name).write_text(name, encoding="utf-8")
    first = load_prompt("p", "v1", tmp_path).sha256
    (folder / "user.md").write_text("changed ${x}", encoding="utf-8")
    assert load_prompt("p", "v1", tmp_path).sha256 != first
