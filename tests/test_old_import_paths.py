"""Renamed modules keep their old import paths for one release (issue 17, part 7): the rules'
part classifier (was ``extract/rules/parts.py``) and the CLI's report arguments (was
``cli/inputs.py``, with ``cli/common.read_source``)."""

from __future__ import annotations

import importlib


def test_the_rules_part_classifier_is_the_same_module_under_its_old_name():
    old = importlib.import_module("summarizer.extract.rules.parts")
    new = importlib.import_module("summarizer.extract.rules.part_classifier")
    assert old is new
    assert old.heading_parts("存在的问题及下步工作打算") == ["problems", "plans"]


def test_the_cli_report_arguments_keep_their_old_names(tmp_path):
    from summarizer.cli import arguments, inputs

    assert inputs.read_input is arguments.report_argument
    assert inputs.read_source is arguments.local_argument
    report = tmp_path / "report.txt"
    assert arguments.local_argument(str(report)) == (report, str(report))
