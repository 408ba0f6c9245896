"""Large plain-text files are annotated piece by piece, with the same result."""

from __future__ import annotations

import json
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


def _run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> bytes:
    assert cli.main(list(argv)) == 0
    out: bytes = capsysbinary.readouterr().out
    return out


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize(
    "doc",
    [
        "<html><body><p>Members of Hizb ut-Tahrir met.</p>\n\n<script>var s = 'Daesh';\n\n</script>"
        + "<p>More text here.</p>\n\n" * 20
        + "</body></html>\n",
        "# News\n\nMembers of **Hizb ut-Tahrir** met.\n\n```\nDaesh = 1\n\n```\n\n" + "More text here.\n\n" * 20,
    ],
)
def test_large_html_and_markdown_keep_their_format(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], doc: str
) -> None:
    path = tmp_path / "big"
    path.write_text(doc, encoding="utf-8")
    out = _run(capsysbinary, "annotate", "--on", ON, str(path)).decode("utf-8")
    assert out == bannedorgs.annotate(doc, on=ON).text
    assert "Daesh*" not in out and "Daesh\\*" not in out  # code stays code
    assert not out.rstrip().endswith("</html>") or out.count("</html>") == 1


SENIM = "Сенім. Білім. Өмір"


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("sep", [" ", "\n", "\r\n"])
def test_every_output_of_a_streamed_file_agrees(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], sep: str
) -> None:
    # no blank line anywhere: pieces are cut at line or sentence ends, never inside a name
    sentences = [f"Члены «{SENIM}» и «Хизб ут-Тахрир» задержаны в Таразе {i}." for i in range(40)]
    text = sep.join(sentences) + sep
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8", newline="")
    whole = bannedorgs.annotate(text, on=ON).text
    out = _run(capsysbinary, "annotate", "--on", ON, str(path)).decode("utf-8")
    assert out == whole
    record = json.loads(_run(capsysbinary, "annotate", "--on", ON, "--json", str(path)))
    assert record["text"] == whole
    starts = [m["start"] for m in record["mentions"]]
    assert [text[m["start"] : m["end"]] for m in record["mentions"]] == [m["surface"] for m in record["mentions"]]
    assert starts == sorted(starts)
    assert len(record["mentions"]) == 80
    diff = _run(capsysbinary, "annotate", "--on", ON, "--diff", str(path)).decode("utf-8")
    assert diff == cli._diff(text, whole, str(path))
    assert _run(capsysbinary, "annotate", "--on", ON, "--in-place", str(path)) == b""
    assert path.read_bytes().decode("utf-8") == whole
    # and a second streamed run changes nothing, though its footnotes span several pieces
    assert _run(capsysbinary, "annotate", "--on", ON, str(path)).decode("utf-8") == whole


def test_safe_cut_never_splits_a_name() -> None:
    annotator = bannedorgs.Annotator()
    text = f"Суд запретил «{SENIM}». Потом суд запретил Hizb ut-\nTahrir и всё."
    for limit in range(1, len(text) + 1):
        cut = annotator.safe_cut(text, limit=limit)
        assert 0 <= cut <= limit
        if cut:
            assert not any(m.start < cut < m.end for m in bannedorgs.find(text, on=ON))
