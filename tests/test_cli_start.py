"""The command line builds the arguments of the command that runs only; what a user sees
(help, errors, parsed options) is the same as with every command built."""

from __future__ import annotations

import argparse

import pytest

from bannedorgs import cli

COMMANDS = ["lookup", "search", "list", "show", "validate", "annotate", "check"]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_known_to_a_lazy_parser() -> None:
    full = _subparsers(cli._parser())
    assert sorted(full) == sorted(COMMANDS)
    lazy = cli._parser(["lookup", "Taliban"])
    assert sorted(_subparsers(lazy)) == sorted(COMMANDS)
    assert lazy.format_help() == cli._parser().format_help()


@pytest.mark.parametrize("command", COMMANDS)
def test_the_running_command_has_all_its_options(command: str) -> None:
    full = _subparsers(cli._parser())[command].format_help()
    for argv in ([command], ["--registry", "r.yaml", command], ["--extra", "x.yaml", command], ["--", command]):
        lazy = _subparsers(cli._parser(argv))[command].format_help()
        assert lazy == full, argv


def test_other_commands_are_left_empty() -> None:
    lazy = _subparsers(cli._parser(["lookup", "Taliban"]))
    assert "--jobs" not in lazy["annotate"].format_help()
    assert "--json" in lazy["lookup"].format_help()


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["lookup", "x"], "lookup"),
        (["--registry", "lookup", "show", "x"], "show"),  # a path may look like a command
        (["--extra=a.yaml", "check"], "check"),
        (["--version"], None),
        ([], None),
    ],
)
def test_the_command_word_is_found(argv: list[str], command: str | None) -> None:
    assert cli._command_in(argv) == command


def test_an_unknown_command_still_lists_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["lookupp", "x"])
    err = capsys.readouterr().err
    assert "invalid choice: 'lookupp'" in err and "annotate" in err
