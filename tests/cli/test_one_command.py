"""``summarizer COMMAND ...`` builds the click command of COMMAND only, and says the same as the whole group.

The start-up cost itself is measured by ``benchmarks/bench_cli_startup.py``; these tests check
the cause (which commands typer builds) and that nothing a user sees changes.
"""

from __future__ import annotations

import pytest
import typer.main

from summarizer.cli import app


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """The names of the click commands typer builds, in order."""
    names: list[str] = []
    real = typer.main.get_command_from_info

    def recording(command_info, **kwargs):
        command = real(command_info, **kwargs)
        names.append(command.name)
        return command

    monkeypatch.setattr(typer.main, "get_command_from_info", recording)
    return names


def _run(argv: list[str], command=app) -> int:
    with pytest.raises(SystemExit) as stop:
        command(argv, prog_name="summarizer")
    return int(stop.value.code or 0)


def test_a_named_command_is_the_only_one_built(built, capsys):
    assert _run(["summarize", "--help"]) == 0
    assert built == ["summarize"]
    assert "Usage: summarizer summarize [OPTIONS] FILE..." in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--help"], ["--version", "summarize"], ["no-such-command"]],
                         ids=["top-level help", "leading option", "unknown command"])
def test_anything_else_builds_every_command(built, argv):
    _run(argv)
    assert "summarize" in built and "schema" in built and len(built) == len(app.registered_commands)


def test_the_commands_are_kept_after_a_run():
    before = list(app.registered_commands)
    _run(["schema", "--help"])
    assert app.registered_commands == before


@pytest.mark.parametrize("argv", [["summarize", "--help"], ["batch", "--help"], ["summarize"], ["no-such-command"]],
                         ids=["help", "other help", "missing argument", "unknown command"])
def test_the_output_is_that_of_the_whole_group(argv, capsys):
    whole_code = _run(argv, typer.main.get_command(app))  # the click group of every command
    whole = capsys.readouterr()
    assert _run(argv) == whole_code
    assert capsys.readouterr() == whole
