"""A batch reads only what its folder holds: no link out of it, no walk into linked folders."""

from __future__ import annotations

import os

from summarizer.batch.sources import find_report_files


def _tree(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("不属于这批报告", encoding="utf-8")
    folder = tmp_path / "reports"
    (folder / "2024").mkdir(parents=True)
    (folder / "a.txt").write_text("甲", encoding="utf-8")
    (folder / "2024" / "b.txt").write_text("乙", encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "leak.txt")
    os.symlink(folder / "a.txt", folder / "alias.txt")
    os.symlink(outside, folder / "linked-dir")
    os.symlink(".", folder / "loop")
    return folder


def test_a_folder_target_stays_inside_the_folder(tmp_path):
    folder = _tree(tmp_path)
    found = [p.relative_to(folder).as_posix() for p in find_report_files([str(folder)])]
    assert found == ["2024/b.txt", "a.txt", "alias.txt"]


def test_a_recursive_glob_does_not_follow_linked_folders_or_loops(tmp_path):
    folder = _tree(tmp_path)
    found = [p.relative_to(folder).as_posix() for p in find_report_files([f"{folder}/**/*.txt"])]
    assert found == ["2024/b.txt", "a.txt", "alias.txt"]


def test_a_relative_glob_keeps_its_form(tmp_path, monkeypatch):
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert [p.as_posix() for p in find_report_files(["reports/*.txt"])] == [
        "reports/a.txt", "reports/alias.txt"]
