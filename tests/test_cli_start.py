"""The command line builds the arguments of the command that runs only; what a user sees
(help, errors, parsed options) is the same as with every command built."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- the annotate command read without argparse ---------------------------------------------

_QUICK_VALUES = ["", "-", "-5", "md", "MD", "Markdown", "html", "HTML", "auto", "text", "dmy", "mdy", "DMY",
                 "ru", "kk-Latn", "ru-RU", "2020-01-01", "2 ноября 2015", "a b", "x=y", "*", "†", "numbered",
                 "notes", "cp1251", "--all", "--on"]  # fmt: skip
_QUICK_NAMES = [*cli._QUICK_SWITCHES, *cli._QUICK_VALUES]
_OTHER_WORDS = ["--al", "--mark", "--jobs", "2", "--json", "--diff", "-o", "out.txt", "file.txt", "-", "--",
                "--registry", "--extra", "-h", "--in-place", "--footnote-style", "newsroom", "--all=1"]  # fmt: skip


def _command_words(
    draw: st.DrawFn, command: str, names: list[str], values: list[str], *, others: list[str], most: int
) -> list[str]:
    """A command line of ``command``: up to ``most`` of its quick options (alone, with a value
    after them or after "="), values on their own and other words."""
    words = [command]
    for _ in range(draw(st.integers(0, most))):
        kind = draw(st.sampled_from(["name", "name value", "name=value", "other"]))
        name = draw(st.sampled_from(names))
        value = draw(st.sampled_from(values) | st.text(max_size=4))
        if kind == "name":
            words.append(name)
        elif kind == "name value":
            words += [name, value]
        elif kind == "name=value":
            words.append(f"{name}={value}")
        else:
            words.append(draw(st.sampled_from(others) | st.sampled_from(values)))
    return words


_LOOKUP_NAMES = [*cli._QUICK_LOOKUP_SWITCHES, *cli._QUICK_LOOKUP_VALUES]
_LOOKUP_WORDS = ["Taliban", "ИГИЛ", "hizb-ut-tahrir", "", "a=b", "-", "--", "-x", "en", "RU", "kk", "dmy",
                 "2020-01-01", "--js", "--jsn", "--registry", "r.yaml", "--extra", "-h", "--on",
                 "--json=1"]  # fmt: skip


@st.composite
def _annotate_words(draw: st.DrawFn) -> list[str]:
    return _command_words(draw, "annotate", _QUICK_NAMES, _QUICK_VALUES, others=_OTHER_WORDS, most=6)


@st.composite
def _lookup_words(draw: st.DrawFn) -> list[str]:
    return _command_words(draw, "lookup", _LOOKUP_NAMES, _LOOKUP_WORDS, others=["Islamic State", "x"], most=5)


@settings(max_examples=600, deadline=None)
@given(_annotate_words() | _lookup_words())
def test_the_quick_reading_is_argparses(argv: list[str]) -> None:
    """Whatever the quick path reads, argparse reads to the very same arguments (so it also
    accepts it); what the quick path leaves, argparse reads as ever."""
    quick = cli._quick_args(argv)
    if quick is None:
        return
    assert vars(quick) == vars(cli._parser(argv).parse_args(argv))
    assert vars(quick) == vars(cli._parser().parse_args(argv))  # and as the parser of every command reads it


def test_the_quick_reading_covers_what_a_publishing_system_passes() -> None:
    for argv in (
        ["annotate"],
        ["annotate", "--on", "2024-05-01", "--lang", "ru", "--format", "html"],
        ["annotate", "--on=2024-05-01T10:00:00+06:00", "--marker=numbered", "--all", "--superscript"],
        ["annotate", "--format", "md", "--markdown-footnotes", "--date-from-front-matter", "--no-headings"],
        ["annotate", "--encoding", "cp1251", "--date-order", "dmy", "--on", "01/02/2024", "--no-footnotes"],
        ["annotate", "--footnote-into", "notes", "--format=html"],
        ["lookup", "Taliban"],
        ["lookup", "--json", "Хизб ут-Тахрир", "--lang", "kk", "--on=2020-01-01"],
        ["lookup", "--date-order", "dmy", "--on", "01/02/2024", "Islamic State"],
    ):
        quick = cli._quick_args(argv)
        assert quick is not None, argv
        assert vars(quick) == vars(cli._parser(argv).parse_args(argv))
    for argv in (["annotate", "file.txt"], ["annotate", "--jobs", "2"], ["annotate", "--format", "github"],
                 ["annotate", "--mark", "*"], ["annotate", "--on"], ["annotate", "-h"], ["check"],
                 ["--registry", "r.yaml", "annotate"], ["annotate", "--registry", "r.yaml"],
                 ["lookup"], ["lookup", "a", "b"], ["lookup", "--jso", "x"], ["lookup", "--lang", "de", "x"],
                 ["lookup", "--", "x"], ["lookup", "x", "--registry", "r.yaml"]):  # fmt: skip
        assert cli._quick_args(argv) is None, argv


def test_a_quick_run_imports_no_argparse_and_prints_what_argparse_would(tmp_path: Path) -> None:
    text = "Члены «Хизб ут-Тахрир» задержаны.\n"
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}

    def run(*options: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "bannedorgs"]
        return subprocess.run(
            [*command, "annotate", "--on", "2020-01-01", "--lang", "ru", *options],
            input=text, capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip

    through_argparse = run("--jobs", "1")  # an option the quick path leaves to argparse (and fills the cache)
    quick = run(importtime=True)
    imported = {line.split("|")[-1].strip() for line in quick.stderr.splitlines() if line.startswith("import time:")}
    assert "bannedorgs.annotator" in imported
    assert "argparse" not in imported
    assert "typing" not in imported
    assert "ahocorasick_rs" not in imported  # a short text is looked up, with no automaton
    # as the console script runs it (python -m itself imports importlib, and so warnings)
    script = "import sys; sys.argv[1:] = ['annotate']; from bannedorgs.cli import program; program()"
    scripted = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert scripted.returncode == 0 and "Хизб ут-Тахрир»*" in scripted.stdout
    imported = {line.split("|")[-1].strip() for line in scripted.stderr.splitlines() if "|" in line}
    assert "bannedorgs.annotator" in imported
    assert not imported & {"argparse", "typing", "warnings", "importlib", "array"}, imported
    assert quick.stdout == through_argparse.stdout
    assert "Хизб ут-Тахрир»*" in quick.stdout and "2005" in quick.stdout


@pytest.mark.parametrize(
    ("words", "status"),
    [(["Taliban"], 0), (["--json", "Хизб ут-Тахрир", "--lang=kk"], 0), (["Talibn"], 1), (["--on", "1.2.2020", "x"], 1)],
)
def test_a_quick_lookup_imports_no_argparse_and_answers_as_argparses_run(
    tmp_path: Path, words: list[str], status: int
) -> None:
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}
    argv = ["lookup", *words, "--on", "2020-01-01"]
    through_argparse = subprocess.run(  # --dat: an abbreviation, which only argparse reads
        [sys.executable, "-m", "bannedorgs", *argv, "--dat", "dmy"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    script = f"import sys; sys.argv[1:] = {argv!r}; from bannedorgs.cli import program; program()"
    quick = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script], capture_output=True, text=True, env=env, check=False
    )
    imported = {line.split("|")[-1].strip() for line in quick.stderr.splitlines() if line.startswith("import time:")}
    assert "bannedorgs._plan" in imported and "argparse" not in imported
    messages = [line for line in quick.stderr.splitlines() if not line.startswith("import time:")]
    assert (quick.returncode, quick.stdout, messages) == (
        through_argparse.returncode,
        through_argparse.stdout,
        through_argparse.stderr.splitlines(),
    )
    assert quick.returncode == status
    if status == 0:
        assert "status" in quick.stdout


def test_a_quick_run_over_an_article_builds_no_automaton_and_prints_what_argparse_would(tmp_path: Path) -> None:
    """A 4 KB article: its names are looked up and its language guessed from the string, so
    the run loads no automaton (the scan's nor the guess's)."""
    paragraph = (
        "Верховный суд рассмотрел дело. Члены «Хизб ут-Тахрир» и сторонники ИГИЛ задержаны в Алматы, "
        "сообщает пресс-служба. Погода в городе остаётся тёплой, а движение на дорогах плотным.\n\n"
    )
    text = paragraph * 20
    assert 3000 < len(text) < 5000  # characters: past the string guess of a line, short of the automaton
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}
    argv = ["annotate", "--on", "2020-01-01"]
    through_argparse = subprocess.run(
        [sys.executable, "-m", "bannedorgs", *argv, "--jobs", "1"],
        input=text, capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    script = f"import sys; sys.argv[1:] = {argv!r}; from bannedorgs.cli import program; program()"
    quick = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        input=text, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    imported = {line.split("|")[-1].strip() for line in quick.stderr.splitlines() if line.startswith("import time:")}
    assert "bannedorgs.annotator" in imported
    assert not imported & {"ahocorasick_rs", "bannedorgs._guess", "argparse"}, imported
    assert quick.returncode == 0 and quick.stdout == through_argparse.stdout
    assert quick.stdout.count("Хизб ут-Тахрир»*") == 1 and "2005" in quick.stdout


def test_a_quick_run_reports_unclosed_markup_as_argparses_run_does(tmp_path: Path) -> None:
    text = "<p>Члены «Хизб ут-Тахрир» задержаны.</p>\n<!-- черновик\n"
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}

    def run(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bannedorgs", "annotate", "--on", "2020-01-01", "--format", "html", *options],
            input=text, capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip

    quick, through_argparse = run(), run("--jobs", "1")
    assert quick.stdout == through_argparse.stdout
    assert (
        quick.stderr
        == through_argparse.stderr
        == (
            "bannedorgs: <stdin>:2:1: warning: the HTML ends inside a comment or CDATA section; "
            "annotated up to there, the footnotes put before it\n"
        )
    )
    assert quick.stdout.endswith("<!-- черновик\n") and "Хизб ут-Тахрир»*" in quick.stdout


def test_reports_of_unclosed_markup_go_where_the_thread_asked_and_only_there() -> None:
    import threading
    import warnings

    from bannedorgs import UnclosedMarkupWarning, annotate
    from bannedorgs.annotator import reporting_unclosed

    text = "<p>Hizb ut-Tahrir</p>\n<!-- draft"
    outer: list[UnclosedMarkupWarning] = []
    inner: list[UnclosedMarkupWarning] = []
    elsewhere: list[list[warnings.WarningMessage]] = []

    def other_thread() -> None:  # not inside the block: warns as the library always does
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            annotate(text, on="2020-01-01")
        elsewhere.append(caught)

    with reporting_unclosed(outer.append):
        annotate(text, on="2020-01-01")
        with reporting_unclosed(inner.append):
            annotate(text, on="2020-01-01")
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        annotate(text, on="2020-01-01")
    assert [(w.line, w.column) for w in outer] == [(2, 1), (2, 1)]
    assert [(w.line, w.column) for w in inner] == [(2, 1)]
    assert [type(w.message) for w in elsewhere[0]] == [UnclosedMarkupWarning]
    with warnings.catch_warnings(record=True) as after:  # and after the block, a warning again
        warnings.simplefilter("always")
        annotate(text, on="2020-01-01")
    assert [type(w.message) for w in after] == [UnclosedMarkupWarning]


def test_a_quick_run_ends_with_all_its_output_and_its_status(tmp_path: Path) -> None:
    """The program ends a quick run without the interpreter's teardown: what it wrote is all
    there (more than a pipe holds), and its exit status is the command's."""
    from bannedorgs import annotate

    paragraph = "Члены «Хизб ут-Тахрир» задержаны; Taliban envoys met ISIS defectors.\n\n"
    text = paragraph * 20_000  # about 1.5 MB
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "bannedorgs", "annotate", "--on", "2020-01-01", "--all"],
        input=text.encode(), capture_output=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == annotate(text, on="2020-01-01", mentions="all").text
    assert done.stderr == b""

    bad = subprocess.run(
        [sys.executable, "-m", "bannedorgs", "annotate", "--on", "the day after"],
        input=b"Taliban\n", capture_output=True, env=env, check=False,
    )  # fmt: skip
    assert bad.returncode == cli.USAGE and b"--on" in bad.stderr


def test_a_quick_run_whose_reader_goes_away_ends_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "bannedorgs", "annotate"]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before a byte is written
    proc.stdin.write(("Taliban envoys met.\n\n" * 50_000).encode())
    proc.stdin.close()
    status = proc.wait(timeout=120)
    assert status == cli.FOUND_PROBLEMS
    assert b"Traceback" not in proc.stderr.read()
    proc.stderr.close()


def test_the_collector_paused_for_a_quick_run_resumes_for_a_large_input(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    was_enabled = gc.isenabled()
    try:
        for size, paused_after in ((10, True), (cli._PAUSED_UP_TO, True), (cli._PAUSED_UP_TO + 1, False)):
            gc.disable()
            monkeypatch.setattr(cli, "_collector_paused", [True])
            cli._resume_collector_for([("-", b"x" * size)])
            assert gc.isenabled() is not paused_after, size
            assert cli._collector_paused[0] is paused_after
        gc.disable()  # a program that embeds main() and paused the collector itself: left alone
        monkeypatch.setattr(cli, "_collector_paused", [False])
        cli._resume_collector_for([("-", b"x" * (cli._PAUSED_UP_TO + 1))])
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_a_quick_run_pauses_the_collector_only_as_the_program(tmp_path: Path) -> None:
    code = (
        "import gc, sys; from bannedorgs import cli; sys.argv = ['bannedorgs', *sys.argv[1:]]\n"
        "real = cli._main\n"
        "def spy(argv, *, ending):\n"
        "    print(gc.isenabled(), file=sys.stderr); return real(argv, ending=ending)\n"
        "cli._main = spy; cli.program()\n"
    )
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}
    for options, enabled in (
        (["annotate"], "False"),
        (["annotate", "--jobs", "1"], "True"),
        (["lookup", "Taliban"], "False"),
        (["lookup", "--jso", "Taliban"], "True"),
        (["search", "Taliban"], "True"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, *options], input=b"Taliban\n", capture_output=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.decode().split() == [enabled], options
