"""check --marker/--json/--output github/--date-from-front-matter/--no-headings, annotate's options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bannedorgs.cli import main

EN = "Members of Hizb ut-Tahrir were detained.\nDaesh, too.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("style", ["[*]", "superscript", "†", "(*)", "numbered"])
def test_check_with_the_marker_of_annotate_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    src = tmp_path / "a.txt"
    src.write_text(EN, encoding="utf-8")
    code, out, _ = run(capsys, "annotate", "--on", "2024-01-10", "--marker", style, str(src))
    assert code == 0
    done = tmp_path / "b.txt"
    done.write_text(out, encoding="utf-8")
    assert run(capsys, "check", "--on", "2024-01-10", "--marker", style, str(done)) == (0, "", "")


def test_check_json_and_github(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a,b.txt"
    src.write_text(EN, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--on", "2024-01-10", "--json", str(src))
    assert code == 1
    records = json.loads(out)
    assert [(r["line"], r["col"], r["org"], r["kind"]) for r in records] == [
        (1, 12, "hizb-ut-tahrir", "unmarked"),
        (2, 1, "islamic-state", "unmarked"),
    ]
    code, out, _ = run(capsys, "check", "--on", "2024-01-10", "--format", "github", str(src))
    assert code == 1
    name = str(src).replace(",", "%2C").replace(":", "%3A")
    assert out.splitlines() == [
        f'::error file={name},line=1,col=12::hizb-ut-tahrir: "Hizb ut-Tahrir" has no footnote marker',
        f'::error file={name},line=2,col=1::islamic-state: "Daesh" has no footnote marker',
    ]
    assert run(capsys, "check", "--on", "2024-01-10", "--output", "github", str(src))[1] == out


def test_a_blank_marker_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text(EN, encoding="utf-8")
    for command in ("annotate", "check"):
        code, out, err = run(capsys, command, "--marker", " ", str(src))
        assert (code, out) == (2, "")
        assert "marker ' ' is blank" in err


def test_front_matter_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.md"
    # Daesh is banned from 2015-10-15 on: the front matter's date decides
    doc.write_text("---\ntitle: x\ndate: 2015-01-10\n---\nDaesh claimed it.\n", encoding="utf-8")
    assert run(capsys, "check", "--date-from-front-matter", str(doc)) == (0, "", "")
    assert run(capsys, "check", str(doc))[0] == 1  # today: banned, unmarked
    assert run(capsys, "check", "--on", "2016-01-01", "--date-from-front-matter", str(doc))[0] == 1
    code, out, _ = run(capsys, "annotate", "--date-from-front-matter", str(doc))
    assert (code, out) == (0, doc.read_text(encoding="utf-8"))
    doc.write_text("---\ndate: 2015-13-45\n---\nDaesh.\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--date-from-front-matter", str(doc))
    assert code == 2
    assert f"{doc}:2:7: front matter date:" in err
    assert "2015-13-45" in err


def test_no_headings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("# Hizb ut-Tahrir on trial\n\nMembers of Hizb ut-Tahrir were detained.\n", encoding="utf-8")
    code, out, _ = run(capsys, "annotate", "--on", "2024-01-10", "--no-headings", str(doc))
    assert code == 0
    assert out.startswith("# Hizb ut-Tahrir on trial\n\nMembers of Hizb ut-Tahrir\\* were")
    marked = tmp_path / "b.md"
    marked.write_text(out, encoding="utf-8")
    assert run(capsys, "check", "--on", "2024-01-10", "--no-headings", str(marked)) == (0, "", "")
    code, out, _ = run(capsys, "annotate", "--on", "2024-01-10", str(doc))
    assert out.startswith("# Hizb ut-Tahrir\\* on trial")


def test_lang_takes_regional_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text(EN, encoding="utf-8")
    code, out, _ = run(capsys, "annotate", "--on", "2024-01-10", "--lang", "ru-RU", str(src))
    assert code == 0
    assert "Организация «Хизб ут-Тахрир»" in out
    code, out, err = run(capsys, "annotate", "--lang", "de", str(src))
    assert (code, out) == (2, "")
    assert "--lang 'de'" in err
