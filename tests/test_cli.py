"""The command line, through ``main([...])`` (one test runs ``python -m bannedorgs``).

These tests read the bundled registry: the facts they rely on (Hizb ut-Tahrir banned as
extremist by the Astana City Court on 2005-03-28; the Taliban banned in 2005 and taken off
the list in December 2023) are the registry's best-sourced ones.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import bannedorgs
from bannedorgs.cli import main

REGISTRY = Path(__file__).resolve().parents[1] / "data" / "registry.yaml"

RU = "Члены «Хизб ут-Тахрир» задержаны в Таразе.\n"
EN = "Members of Hizb ut-Tahrir were detained in Taraz.\n"
CLEAN = "Погода в Таразе хорошая.\n"

# the end of the refusal of a file that is neither UTF-8 nor Cyrillic in a Windows code page
NOT_CYRILLIC = "; name its encoding with --encoding (cp1251 for Russian, kz1048 for Kazakh, cp1252 for Western Windows)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def stdout_bytes(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, bytes]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err


# -- lookup ---------------------------------------------------------------------------------


def test_lookup_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lookup", "Хизб-ут-Тахрир", "--on", "2024-01-10", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"id", "category", "names", "status", "data"}
    assert data["id"] == "hizb-ut-tahrir"
    assert data["category"] == "extremist"
    assert set(data["names"]) == {"en", "ru", "kk"}
    assert data["names"]["ru"] == "Хизб ут-Тахрир"
    status = data["status"]
    assert set(status) == {"on", "state", "reason", "decision"}
    assert (status["on"], status["state"]) == ("2024-01-10", "banned")
    decision = status["decision"]
    assert set(decision) == {"kind", "decided_on", "precision", "court", "sources"}
    assert (decision["kind"], decision["decided_on"], decision["precision"]) == ("ban", "2005-03-28", "day")
    assert decision["court"] == {"id": "astana-city-court", "name": "Astana City Court"}
    assert decision["sources"]
    assert all(set(s) == {"url", "says", "note"} for s in decision["sources"])
    assert all(s["url"] or s["note"] for s in decision["sources"])


@pytest.mark.parametrize(("day", "state"), [("2024-06-01", "not banned"), ("2020-06-01", "banned")])
def test_lookup_status_depends_on_the_date(capsys: pytest.CaptureFixture[str], day: str, state: str) -> None:
    code, out, _ = run(capsys, "lookup", "Taliban", "--on", day, "--json")
    assert code == 0
    assert json.loads(out)["status"]["state"] == state


def test_lookup_accepts_dates_as_newsrooms_write_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "Taliban", "--on", "1 июня 2024 года", "--json")
    assert code == 0
    assert json.loads(out)["status"]["on"] == "2024-06-01"


def test_lookup_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "Hizb ut-Tahrir", "--on", "2024-01-10")
    assert code == 0
    assert "hizb-ut-tahrir" in out
    assert "banned on 2024-01-10" in out
    assert "2005-03-28" in out
    assert "Astana City Court" in out
    assert "https://" in out


def test_lookup_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lookup", "Red Cross")
    assert (code, out) == (1, "")
    assert err == "bannedorgs: no organisation in the registry is called 'Red Cross'\n"


def test_lookup_suggests_near_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lookup", "Talibn")
    assert code == 1
    assert "did you mean 'taliban'?" in err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lookup", "Taliban", "--on", "yesterday")
    assert (code, out) == (2, "")
    assert err == (
        "bannedorgs: --on: 'yesterday' is not a date this library can read; "
        "write it as 2015-11-02, 02.11.2015, 2 November 2015 or today\n"
    )


def test_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2
    assert "a command is needed" in err


def test_argparse_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["search", "x", "--limit", "0"])
    assert exc.value.code == 2
    assert "'0' is not a positive number" in capsys.readouterr().err


# -- search, list, show ---------------------------------------------------------------------


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "Hizb ut Tahir", "--json")
    assert code == 0
    results = json.loads(out)
    assert results[0]["id"] == "hizb-ut-tahrir"
    assert set(results[0]) == {"score", "id", "alias", "lang", "method", "explanation"}
    code, out, _ = run(capsys, "search", "Hizb ut Tahir", "--limit", "1")
    assert code == 0
    assert len(out.splitlines()) == 1
    assert "hizb-ut-tahrir" in out
    assert "resembles" in out


def test_search_without_results(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "zzzz")
    assert (code, out) == (1, "")
    assert "'zzzz'" in err


def test_list_csv(capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    code, out, _ = run(capsys, "list", "--format", "csv", "--lang", "ru", "--on", "2024-06-01")
    assert code == 0
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert len(rows) == len(bannedorgs.default_registry())
    assert rows["hizb-ut-tahrir"] == {
        "id": "hizb-ut-tahrir",
        "category": "extremist",
        "name": "Хизб ут-Тахрир",
        "status": "banned",
        "banned_on": "2005-03-28",
        "unbanned_on": "",
    }
    assert rows["taliban"]["status"] == "not banned"


def test_list_filters_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--category", "extremist", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows
    assert {r["category"] for r in rows} == {"extremist"}
    assert "taliban" not in {r["id"] for r in rows}


def test_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--on", "2020-06-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "CATEGORY", "NAME", "STATUS", "BANNED", "ON", "UNBANNED", "ON"]
    taliban = next(line for line in lines if line.startswith("taliban "))
    assert "banned" in taliban
    assert "2005-03-15" in taliban


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "taliban")
    assert code == 0
    assert "1. ban, 2005-03-15" in out
    assert "2. unban, 2023-12 (known to the month)" in out
    assert "reported as:" in out
    assert "court as reported:" in out
    assert "says:" in out


def test_show_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "red-cross")
    assert code == 1
    assert "'red-cross'" in err


# -- validate, registry options, version ----------------------------------------------------


def test_validate_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    registry = bannedorgs.default_registry()
    assert code == 0
    assert out == f"ok: {len(registry)} organisations (data version {registry.data_version})\n"


def _broken_copy(tmp_path: Path) -> tuple[Path, int]:
    lines = REGISTRY.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "decided_on: 2005-03-28" in line)
    lines[number] = lines[number].replace("2005-03-28", "2005-13-28")
    path = tmp_path / "registry.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, number + 1


def test_validate_reports_the_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path, line = _broken_copy(tmp_path)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert out.startswith(f"{path}:{line}:")
    assert "'2005-13-28'" in out
    assert len(out.splitlines()) == 1


def test_validate_broken_yaml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\norganisations: [\n  - id: x\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert out.startswith(f"{path}:3:")


def test_validate_with_extra(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    extra = tmp_path / "newsroom.yaml"
    extra.write_text("organisations:\n  - id: taliban\n    aliases:\n      ru: [Талибы-движение]\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(REGISTRY), str(extra))
    assert (code, out.split(":")[0]) == (0, "ok")


def test_invalid_registry_for_other_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path, line = _broken_copy(tmp_path)
    code, out, err = run(capsys, "--registry", str(path), "lookup", "Taliban")
    assert (code, out) == (1, "")
    assert f"{path}:{line}:" in err
    code, _, err = run(capsys, "lookup", "Taliban", "--registry", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "missing.yaml" in err


def test_extra_adds_an_alias(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    extra = tmp_path / "newsroom.yaml"
    extra.write_text(
        "organisations:\n  - id: hizb-ut-tahrir\n    aliases:\n      en: [Hizb Tahrir Party]\n", encoding="utf-8"
    )
    assert run(capsys, "lookup", "Hizb Tahrir Party")[0] == 1
    code, out, _ = run(capsys, "--extra", str(extra), "lookup", "Hizb Tahrir Party", "--json")
    assert code == 0
    assert json.loads(out)["id"] == "hizb-ut-tahrir"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert (
        out.splitlines()[0]
        == f"bannedorgs {bannedorgs.__version__} (data {bannedorgs.default_registry().data_version})"
    )


def test_python_m_version() -> None:
    src = str(Path(bannedorgs.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-m", "bannedorgs", "--version"], capture_output=True, text=True, env=env, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"bannedorgs {bannedorgs.__version__} (data ")


# -- annotate -------------------------------------------------------------------------------


def test_annotate_filter(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, RU.encode())
    code, out, err = run(capsys, "annotate", "--on", "2024-01-10")
    assert (code, err) == (0, "")
    assert out.startswith("Члены «Хизб ут-Тахрир»* задержаны в Таразе.\n")
    assert "28 марта 2005 года" in out
    assert "Астанинского городского суда" in out


def test_annotate_dash_is_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, EN.encode())
    code, out, _ = run(capsys, "annotate", "-", "--on", "2024-01-10", "--no-footnotes")
    assert code == 0
    assert out == "Members of Hizb ut-Tahrir* were detained in Taraz.\n"


def test_annotate_keeps_crlf(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    text = "Члены «Хизб ут-Тахрир» задержаны в Таразе.\r\nВторая строка.\r\n"
    feed_stdin(monkeypatch, text.encode())
    code, out, _ = stdout_bytes(capsysbinary, "annotate", "--on", "2024-01-10")
    assert code == 0
    # the command neither translates nor adds newlines: the annotator's text, byte for byte
    assert out == bannedorgs.annotate(text, on="2024-01-10").text.encode()
    assert out.startswith("Члены «Хизб ут-Тахрир»* задержаны в Таразе.\r\n".encode())
    assert out.count(b"\r\n") >= 2


def test_annotate_keeps_bom(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + EN.encode())
    code, out, _ = stdout_bytes(capsysbinary, "annotate", str(path), "--on", "2024-01-10", "--no-footnotes")
    assert code == 0
    assert out == b"\xef\xbb\xbf" + b"Members of Hizb ut-Tahrir* were detained in Taraz.\n"


def test_annotate_in_place_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RU.encode())
    path.chmod(0o640)
    code, out, err = run(capsys, "annotate", "--in-place", "--backup", ".bak", str(path), "--on", "2024-01-10")
    assert (code, out, err) == (0, "", "")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "«Хизб ут-Тахрир»*".encode() in data
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert (tmp_path / "story.txt.bak").read_bytes() == b"\xef\xbb\xbf" + RU.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt", "story.txt.bak"]  # no temp file left
    assert run(capsys, "check", str(path), "--on", "2024-01-10") == (0, "", "")
    # annotating an annotated text changes nothing
    before = path.stat().st_mtime_ns, data
    assert run(capsys, "annotate", "--in-place", str(path), "--on", "2024-01-10")[0] == 0
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_annotate_invalid_utf8_leaves_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    original = "Hizb ut-Tahrir in Taraz, café.\n".encode("latin-1")
    path.write_bytes(original)
    code, out, err = run(capsys, "annotate", "--in-place", str(path))
    assert (code, out) == (2, "")
    offset = original.index("é".encode("latin-1"))
    assert err == f"bannedorgs: {path}: not valid UTF-8 at byte {offset}{NOT_CYRILLIC}\n"
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == ["latin1.txt"]


def test_annotate_missing_file_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "annotate", str(missing), str(tmp_path), str(good), "--on", "2024-01-10")
    assert code == 2
    assert out.startswith("Members of Hizb ut-Tahrir* were detained in Taraz.\n")
    assert f"bannedorgs: {missing}: no such file\n" in err
    assert f"bannedorgs: {tmp_path}: is a directory, not a file\n" in err


def test_annotate_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_text(EN, encoding="utf-8")
    code, out, _ = run(capsys, "annotate", "--diff", str(path), "--on", "2024-01-10")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == [f"--- {path}", f"+++ {path}"]
    assert "-Members of Hizb ut-Tahrir were detained in Taraz." in lines
    assert "+Members of Hizb ut-Tahrir* were detained in Taraz." in lines
    assert path.read_text(encoding="utf-8") == EN  # nothing written


def test_annotate_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(RU, encoding="utf-8")
    second.write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(capsys, "annotate", "--json", str(first), str(second), "--on", "2024-01-10")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in records] == [str(first), str(second)]
    record = records[0]
    assert set(record) == {"file", "text", "mentions", "footnotes"}
    (mention,) = record["mentions"]
    assert set(mention) == {"org", "start", "end", "surface", "rule", "score", "marked"}
    assert (mention["org"], mention["surface"], mention["marked"]) == ("hizb-ut-tahrir", "Хизб ут-Тахрир", False)
    assert RU[mention["start"] : mention["end"]] == "Хизб ут-Тахрир"
    (footnote,) = record["footnotes"]
    assert set(footnote) == {"marker", "org", "text"}
    assert (footnote["marker"], footnote["org"]) == ("*", "hizb-ut-tahrir")
    assert footnote["text"] in record["text"]
    assert records[1] == {"file": str(second), "text": CLEAN, "mentions": [], "footnotes": []}


def test_annotate_options_reach_the_annotator(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Hizb ut-Tahrir was banned. Hizb ut-Tahrir appealed.\n"
    feed_stdin(monkeypatch, text.encode())
    code, out, _ = run(capsys, "annotate", "--all", "--no-footnotes", "--marker", "†", "--on", "2024-01-10")
    assert code == 0
    assert out == "Hizb ut-Tahrir† was banned. Hizb ut-Tahrir† appealed.\n"
    feed_stdin(monkeypatch, EN.encode())
    code, out, _ = run(capsys, "annotate", "--lang", "kk", "--on", "2024-01-10")
    assert code == 0
    assert "наурыз" in out


def test_annotate_in_place_refuses_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "annotate", "--in-place")
    assert code == 2
    assert "standard input" in err


def test_annotate_jobs_keeps_the_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for i in range(4):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"{i}: {EN}", encoding="utf-8")
        paths.append(str(path))
    code, out, _ = run(capsys, "annotate", "--jobs", "2", "--no-footnotes", "--on", "2024-01-10", *paths)
    assert code == 0
    assert out == "".join(f"{i}: Members of Hizb ut-Tahrir* were detained in Taraz.\n" for i in range(4))


# -- check ----------------------------------------------------------------------------------


def test_check_reports_the_first_unmarked_mention(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Заголовок\r\n" + RU + "Снова Хизб ут-Тахрир.\n", encoding="utf-8", newline="")
    code, out, _ = run(capsys, "check", str(path), "--on", "2024-01-10")
    assert code == 1
    assert out == f'{path}:2:8: hizb-ut-tahrir: "Хизб ут-Тахрир" has no footnote marker\n'


def test_check_stdin_and_clean_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, EN.encode())
    code, out, _ = run(capsys, "check", "--on", "2024-01-10")
    assert code == 1
    assert out == '<stdin>:1:12: hizb-ut-tahrir: "Hizb ut-Tahrir" has no footnote marker\n'
    feed_stdin(monkeypatch, CLEAN.encode())
    assert run(capsys, "check", "-") == (0, "", "")


def test_check_marker_on_an_organisation_no_longer_banned(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, "Делегация движения «Талибан»* прибыла в Астану.\n".encode())
    code, out, _ = run(capsys, "check", "--on", "2025-02-01")
    assert code == 1
    assert out == '<stdin>:1:21: warning: taliban: "Талибан" is marked but not banned on 2025-02-01\n'


def test_check_marker_without_footnote(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, b"Members of Hizb ut-Tahrir* were detained.\n")
    code, out, _ = run(capsys, "check", "--on", "2024-01-10")
    assert code == 1
    assert out == '<stdin>:1:12: hizb-ut-tahrir: "Hizb ut-Tahrir" is marked but has no footnote\n'


def test_check_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\n")
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad), str(good), "--on", "2024-01-10")
    assert code == 2
    assert err == f"bannedorgs: {bad}: not valid UTF-8 at byte 3{NOT_CYRILLIC}\n"
    assert out.startswith(f"{good}:1:12: ")


def test_progress_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text(CLEAN, encoding="utf-8")
        paths.append(str(path))
    assert run(capsys, "annotate", *paths)[2] == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "annotate", *paths)
    assert (code, out) == (0, CLEAN * 2)
    assert err == f"[1/2] {paths[0]}\n[2/2] {paths[1]}\n"
    code, _, err = run(capsys, "annotate", paths[0])
    assert (code, err) == (0, "")


def test_annotate_json_with_in_place_writes_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_text(EN, encoding="utf-8")
    code, out, _ = run(capsys, "annotate", "--in-place", "--json", "--no-footnotes", str(path), "--on", "2024-01-10")
    assert code == 0
    assert json.loads(out)["text"] == path.read_text(encoding="utf-8") == EN.replace("Tahrir", "Tahrir*")
