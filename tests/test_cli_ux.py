"""Lookups and lists as people use them: a date filter, the unban column, names in the reader's
language, readable addresses, a hint for a mistyped command, shell completion, the pre-commit
hook's file types."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import bannedorgs
from bannedorgs.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(out: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(out))}


# -- list ----------------------------------------------------------------------------------


def test_list_banned_on_keeps_only_the_banned(capsys: pytest.CaptureFixture[str]) -> None:
    # the Taliban: banned 15 March 2005, taken off the list in December 2023 (data/registry.yaml)
    code, out, _ = run(capsys, "list", "--banned-on", "2024-06-01", "--format", "csv")
    assert code == 0
    rows = csv_rows(out)
    assert "taliban" not in rows
    assert {r["status"] for r in rows.values()} <= {"banned", "uncertain"}
    assert set(rows) == {o.id for o in bannedorgs.banned_on("2024-06-01")}
    code, out, _ = run(capsys, "list", "--banned-on", "2020-06-01", "--format", "csv")
    assert "taliban" in csv_rows(out)
    # before the first dated ban of all (al-Qaeda and three others, 15 October 2004) only the
    # bans of unknown date count, as uncertain
    code, out, _ = run(capsys, "list", "--banned-on", "2004-10-14", "--format", "csv")
    rows = csv_rows(out)
    assert "al-qaeda" not in rows
    assert {(r["status"], r["banned_on"]) for r in rows.values()} <= {("uncertain", "")}


def test_list_banned_on_and_on_must_agree(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--banned-on", "2024-06-01", "--on", "2020-01-01")
    assert code == 2
    assert "two different dates" in err


def test_list_has_an_unbanned_on_column(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", "csv", "--on", "2025-01-01")
    assert code == 0
    rows = csv_rows(out)
    assert (rows["taliban"]["banned_on"], rows["taliban"]["unbanned_on"]) == ("2005-03-15", "2023-12")
    assert rows["hizb-ut-tahrir"]["unbanned_on"] == ""
    code, out, _ = run(capsys, "list", "--on", "2025-01-01")
    taliban = next(line for line in out.splitlines() if line.startswith("taliban "))
    assert taliban.split()[-2:] == ["2005-03-15", "2023-12"]


def test_list_category_none(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--category", "none", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    # data/registry.yaml has one organisation with category: null
    assert [r["id"] for r in rows] == ["senim-bilim-omir"]
    assert rows[0]["category"] is None


@pytest.mark.parametrize("name", ["md", "markdown"])
def test_list_as_a_markdown_table(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "list", "--format", name, "--on", "2025-01-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "| ID | CATEGORY | NAME | STATUS | BANNED ON | UNBANNED ON |"
    assert lines[1] == "| --- | --- | --- | --- | --- | --- |"
    assert len(lines) == 2 + len(bannedorgs.default_registry())
    assert "| taliban | terrorist | Taliban | not banned | 2005-03-15 | 2023-12 |" in lines


# -- lookup and show -------------------------------------------------------------------------


def test_lookup_names_the_court_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "Taliban", "--on", "2020-01-01", "--lang", "kk")
    assert code == 0
    assert "court      Қазақстан Республикасы Жоғарғы Соты" in out.splitlines()
    code, out, _ = run(capsys, "lookup", "Taliban", "--on", "2020-01-01", "--lang", "ru", "--json")
    court = json.loads(out)["status"]["decision"]["court"]
    assert court == {"id": "supreme-court", "name": "Верховный суд Республики Казахстан"}


def test_show_names_the_court_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "taliban", "--lang", "ru")
    assert code == 0
    assert "   court: Верховный суд Республики Казахстан" in out.splitlines()


def test_show_decodes_percent_escaped_addresses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "koshe-partiyasy")
    assert code == 0
    # the file has https://zagranburo.org/%d0%b2%d1%80%d0%be%d0%b4%d0%b5-... ("вроде-")
    assert "https://zagranburo.org/вроде-бы-есть-но-как-бы-нет-кого-и-почем/amp" in out
    assert "%d0" not in out


def test_readable_url_keeps_what_cannot_be_shown() -> None:
    from bannedorgs.cli import _readable_url

    assert _readable_url("https://example.org/a%20b") == "https://example.org/a%20b"  # a space would split it
    assert _readable_url("https://example.org/%ff") == "https://example.org/%ff"  # not UTF-8
    assert _readable_url("https://example.org/%d0%b0") == "https://example.org/а"
    assert _readable_url(None) is None


# -- a mistyped command ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lokup", "Taliban"], "unknown command 'lokup'; did you mean 'lookup'?"),
        (["--registry", "x.yaml", "lst"], "unknown command 'lst'; did you mean 'list'?"),
        (["annotat"], "unknown command 'annotat'; did you mean 'annotate'?"),
        (["frobnicate"], "unknown command 'frobnicate'; see 'bannedorgs --help'"),
    ],
)
def test_a_mistyped_command_gets_a_suggestion(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"bannedorgs: {message}"


def test_an_abbreviated_global_option_keeps_its_value(capsys: pytest.CaptureFixture[str]) -> None:
    # argparse reads --reg as --registry: its value is a path, not a mistyped command
    path = str(ROOT / "data" / "registry.yaml")
    code, out, err = run(capsys, "--reg", path, "lookup", "Taliban")
    assert code == 0, err
    assert "unknown command" not in err
    assert "Taliban" in out
    code, out, err = run(capsys, "--reg", "no-such.yaml", "lst")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "bannedorgs: unknown command 'lst'; did you mean 'list'?"


def test_an_argument_that_resembles_a_command_is_left_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lookup", "lst")
    assert code == 1
    assert "unknown command" not in err


# -- banned_on() -----------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2004-10-14", "2004-10-15", "2020-06-01", "2024-06-01"])
def test_banned_on_agrees_with_is_banned(day: str) -> None:
    expected = sorted(o.id for o in bannedorgs.default_registry() if bannedorgs.is_banned(o, on=day))
    assert [o.id for o in bannedorgs.banned_on(day)] == expected


def test_banned_on_by_hand() -> None:
    # data/registry.yaml: on 15 October 2004 the Supreme Court banned al-Qaeda and three others
    assert "al-qaeda" not in {o.id for o in bannedorgs.banned_on("2004-10-14")}
    assert "al-qaeda" in {o.id for o in bannedorgs.banned_on("2004-10-15")}
    assert "taliban" not in {o.id for o in bannedorgs.banned_on("2024-06-01")}


# -- annotate and check: md is markdown ------------------------------------------------------


def test_format_md_is_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("# Title\n\nThe *Taliban* met.\n", encoding="utf-8")
    outs = []
    for name in ("md", "markdown"):
        code, out, _ = run(capsys, "annotate", "--format", name, "--on", "2020-01-01", str(article))
        assert code == 0
        outs.append(out)
    assert outs[0] == outs[1]
    code, out, _ = run(capsys, "check", "--format", "md", "--on", "2020-01-01", str(article))
    assert code == 1
    assert "taliban" in out


# -- shell completion ------------------------------------------------------------------------


def test_completion_bash_completes_commands_and_choices(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "completion", "bash")
    assert code == 0
    script = tmp_path / "bannedorgs.bash"
    script.write_text(out, encoding="utf-8")
    bash = shutil.which("bash")
    if bash is None:  # pragma: no cover - every CI image here has bash
        pytest.skip("bash is not installed")
    probe = (
        f"source {script}\n"
        'COMP_WORDS=(bannedorgs lo); COMP_CWORD=1; _shtab_bannedorgs; echo "${COMPREPLY[*]}"\n'
        'COMP_WORDS=(bannedorgs export --format ""); COMP_CWORD=3; _shtab_bannedorgs; echo "${COMPREPLY[*]}"\n'
    )
    done = subprocess.run([bash, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["lookup", "json yaml csv ftm"]
    # the files of annotate and the registry paths complete as paths
    assert "_shtab_bannedorgs_annotate_pos_0_COMPGEN=_shtab_compgen_files" in out.splitlines()
    assert "_shtab_bannedorgs_lookup___registry_COMPGEN=_shtab_compgen_files" in out.splitlines()


def test_completion_zsh(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "completion", "zsh")
    assert code == 0
    assert out.startswith("#compdef bannedorgs")
    assert "lookup" in out


# -- the pre-commit hook runs on articles only ------------------------------------------------


ARTICLES = ["news/a.md", "a.markdown", "page.html", "page.HTM", "notes/a.txt"]
NOT_ARTICLES = ["setup.py", "data/registry.yaml", "a.yml", "a.json", "a.rst", "LICENSE", "Makefile", "a.css"]


def test_pre_commit_hook_selects_articles_only() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "bannedorgs-check"
    assert hook["entry"] == "bannedorgs check"
    files = re.compile(hook["files"])  # pre-commit matches with re.search
    assert [name for name in ARTICLES if not files.search(name)] == []
    assert [name for name in NOT_ARTICLES if files.search(name)] == []
    # and pre-commit's file typing (identify) agrees: .py and .yaml are "text", never these tags
    from identify import identify

    wanted = set(hook["types_or"])
    assert "text" not in wanted
    for name in ARTICLES:
        assert identify.tags_from_filename(name) & wanted, name
    for name in ["setup.py", "registry.yaml", "a.yml", "a.json", "a.rst"]:
        assert "text" in identify.tags_from_filename(name)  # why types_or must not say "text"
        assert not identify.tags_from_filename(name) & wanted, name
