"""The edges a user meets: ``summarizer clean`` and the errors of ``clean()``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import InputError
from summarizer.preprocess import clean

runner = CliRunner()


def test_clean_prints_the_clean_text(seeds_dir, cleaned):
    result = runner.invoke(app, ["clean", str(seeds_dir / "000_7146bd087c0c1040.txt")])
    assert result.exit_code == 0
    assert result.stdout.strip() == cleaned["000_7146bd087c0c1040"].text


def test_clean_json_dumps_the_document(seeds_dir):
    result = runner.invoke(app, ["clean", "--json", str(seeds_dir / "001_b013c1bd2a4005fb.txt")])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["hints"]["title"] == "阜新蒙古族自治县2022年法治政府建设工作报告"
    assert {"text", "paragraphs", "repairs", "warnings", "input_sha256"} <= data.keys()


def test_clean_repairs_lists_what_was_done(seeds_dir):
    result = runner.invoke(app, ["clean", "--repairs", str(seeds_dir / "004_dd65877722798507.txt")])
    assert result.exit_code == 0
    assert "lost_char" in result.stderr and "mojibake" in result.stderr
    assert "date 2025-02-21 closing" in result.stderr


def test_clean_sections_prints_the_heading_tree(seeds_dir):
    result = runner.invoke(app, ["clean", "--sections", str(seeds_dir / "000_7146bd087c0c1040.txt")])
    assert result.exit_code == 0
    tree = result.stdout.split("# sections", 1)[1]
    assert "2023年法治政府建设计划" in tree


def test_clean_reads_stdin(seeds_dir, cleaned):
    data = (seeds_dir / "002_93df2457fec9964f.txt").read_bytes()
    result = runner.invoke(app, ["clean", "-"], input=data)
    assert result.exit_code == 0
    assert result.stdout.strip() == cleaned["002_93df2457fec9964f"].text


def test_missing_file_is_a_clear_error_not_a_traceback(tmp_path):
    result = runner.invoke(app, ["clean", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1  # a bad input (README, "Exit codes")
    assert "file not found" in result.stderr and "hint" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "not found"),
        (lambda d: d, "directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b" \n\r\n\t"), "empty"),
        (lambda d: _write(d / "english.txt", b"Annual report, no Chinese here."), "no Chinese"),
        (lambda d: _write(d / "binary.bin", bytes(range(256)) * 4), "binary file"),
        (lambda d: _write(d / "noise.bin", bytes(range(1, 256)) * 4), "does not read as Chinese"),
    ],
)
def test_bad_inputs_raise_input_error_with_source_and_hint(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        clean(path)
    assert message in info.value.message
    assert info.value.source == str(path)
    assert info.value.hint


def test_wrong_type_is_an_input_error():
    with pytest.raises(InputError):
        clean(12345)  # type: ignore[arg-type]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_path_passed_as_str_gets_a_helpful_error(seeds_dir):
    with pytest.raises(InputError) as info:
        clean(str(seeds_dir / "000_7146bd087c0c1040.txt"))
    assert "pathlib.Path" in info.value.hint
