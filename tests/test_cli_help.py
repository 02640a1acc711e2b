"""Every command has help: a one-line summary in the command list and a description of its own."""

from __future__ import annotations

import argparse

import pytest

from engage import field_reference
from engage.cli import build_parser, main


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


def summaries() -> dict[str, str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice.help or "" for choice in action._choices_actions}


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_documented_commands_exist() -> None:
    assert {"export", "new", "validate"} <= set(subcommands())


def test_every_command_has_a_summary_and_a_description() -> None:
    listed = summaries()
    for name, parser in subcommands().items():
        assert listed[name].strip(), name
        assert (parser.description or "").strip(), name
        assert all(action.help for action in parser._actions), name


def test_engage_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    shown = words(capsys.readouterr().out)
    assert words(build_parser().description or "") in shown
    for name, summary in summaries().items():
        assert f"{name} {words(summary)}" in shown


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_each_command_prints_its_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    shown = words(capsys.readouterr().out)
    assert shown.startswith(f"usage: engage {name}")
    assert words(subcommands()[name].description or "") in shown


def test_the_field_reference_script_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        field_reference.main(["--help"])
    assert stop.value.code == 0
    assert "Regenerate the field reference in CONTRIBUTING.md" in words(capsys.readouterr().out)
