"""The command line builds the arguments of the command that runs only; what a user sees
(help, errors, parsed options) is the same as with every command built."""

from __future__ import annotations

import argparse

import pytest

from bannedorgs import cli

CORE = {"lookup", "search", "list", "show", "validate", "annotate", "check"}


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _commands() -> list[str]:
    return sorted(_subparsers(cli._parser()))


def test_every_command_is_known_to_a_lazy_parser() -> None:
    assert set(_commands()) >= CORE
    lazy = cli._parser(["lookup", "Taliban"])
    assert sorted(_subparsers(lazy)) == _commands()
    assert lazy.format_help() == cli._parser().format_help()


def test_the_running_command_has_all_its_options() -> None:
    for command in _commands():
        _check_command(command)


def _check_command(command: str) -> None:
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
        (["--reg", "lookup", "show", "x"], "show"),  # argparse takes --reg for --registry
        (["--ext", "a.yaml", "--r", "b.yaml", "check"], "check"),
        (["--registry=lookup", "show", "x"], "show"),
        (["--version"], None),
        ([], None),
    ],
)
def test_the_command_word_is_found(argv: list[str], command: str | None) -> None:
    assert cli._command_in(argv) == command


def test_an_unknown_command_is_still_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["lookupp", "x"]) == cli.USAGE
    assert "unknown command 'lookupp'; did you mean 'lookup'?" in capsys.readouterr().err
