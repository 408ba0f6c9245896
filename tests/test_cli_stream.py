"""Large plain-text files are annotated piece by piece, with the same result."""

from __future__ import annotations

from pathlib import Path

import pytest

import bannedorgs
from bannedorgs import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ON = "2025-03-12"


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # stream anything over 200 bytes, read 64 bytes at a time, cut long paragraphs at 300
    monkeypatch.setattr(cli, "_STREAM_AT", 200)
    monkeypatch.setattr(cli, "_PIECE", 64)
    monkeypatch.setattr(cli, "_LONGEST_PIECE", 300)


def article(tmp_path: Path, lang: str = "ru", prefix: bytes = b"") -> tuple[Path, str]:
    text = (EXAMPLES / f"article-{lang}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"article-{lang}.txt"
    path.write_bytes(prefix + text.encode("utf-8"))
    return path, text


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_streamed_output_is_the_whole_text_output(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], lang: str
) -> None:
    path, text = article(tmp_path, lang)
    assert cli.main(["annotate", "--on", ON, str(path)]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out == bannedorgs.annotate(text, on=ON).text


@pytest.mark.usefixtures("small_pieces")
def test_streamed_in_place_keeps_the_bom_and_then_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = article(tmp_path, "kk", prefix=cli._BOM)
    assert cli.main(["annotate", "--on", ON, "--in-place", str(path)]) == 0
    data = path.read_bytes()
    assert data.startswith(cli._BOM)
    assert data[len(cli._BOM) :].decode("utf-8") == bannedorgs.annotate(text, on=ON).text
    capsys.readouterr()
    assert cli.main(["check", "--on", ON, str(path)]) == 0


@pytest.mark.usefixtures("small_pieces")
def test_streamed_bad_utf8_leaves_the_file_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = article(tmp_path, "ru")
    original = path.read_bytes()
    broken = original[:500] + b"\xff" + original[500:]
    path.write_bytes(broken)
    assert cli.main(["annotate", "--on", ON, "--in-place", str(path)]) == 2
    assert path.read_bytes() == broken
    err = capsys.readouterr().err
    assert "not valid UTF-8 at byte 500" in err
    assert cli.main(["annotate", "--on", ON, str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""  # nothing printed from a file that fails half-way
