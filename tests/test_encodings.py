"""Files as Windows saves them: cp1251 (Russian), kz1048 (Kazakh), UTF-16 ("Unicode" in
Notepad), UTF-8 with a byte order mark; read, annotated and written back in their encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import bannedorgs
from bannedorgs.cli import main

ON = "2024-01-10"
RU = "Члены «Хизб ут-Тахрир» задержаны в Таразе, сообщили в суде.\r\n"
KK = "Сот «Хизб ут-Тахрир» ұйымының мүшелерін Таразда ұстады, деп хабарлады сот.\r\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("text", "encoding", "bom"),
    [
        (RU, "cp1251", b""),
        (KK, "kz1048", b""),
        (RU, "utf-16-le", codecs.BOM_UTF16_LE),
        (KK, "utf-16-be", codecs.BOM_UTF16_BE),
        (KK, "utf-8", codecs.BOM_UTF8),
    ],
)
def test_annotated_in_place_and_written_back_in_the_same_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(bom + text.encode(encoding))
    named = ["--encoding", encoding] if not bom else []  # a byte order mark says it by itself
    code, _, err = run(capsys, "annotate", "--on", ON, "--in-place", *named, str(path))
    assert (code, err) == (0, "")
    data = path.read_bytes()
    assert data.startswith(bom)
    written = data[len(bom) :].decode(encoding)
    expected = bannedorgs.annotate(text, on=ON).text
    assert written == expected
    assert "Хизб ут-Тахрир»*" in written  # the marker, and the footnote in the text's language
    footnote = "Организация «Хизб ут-Тахрир» признана" if text == RU else "«Хизб ут-Тахрир» ұйымы"
    assert footnote in written
    assert "\r\n\r\n*" in written  # the Windows line ends are kept
    assert main(["check", "--on", ON, *named, str(path)]) == 0


def test_standard_output_is_in_the_input_encoding(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(RU.encode("cp1251"))
    assert main(["annotate", "--on", ON, "--encoding", "cp1251", str(path)]) == 0
    out = capsysbinary.readouterr().out
    assert out.decode("cp1251") == bannedorgs.annotate(RU, on=ON).text


def test_output_file_in_the_input_encoding(tmp_path: Path) -> None:
    path, target = tmp_path / "in.txt", tmp_path / "out.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + RU.encode("utf-16-le"))
    assert main(["annotate", "--on", ON, str(path), "-o", str(target)]) == 0
    assert target.read_bytes() == codecs.BOM_UTF16_LE + bannedorgs.annotate(RU, on=ON).text.encode("utf-16-le")


@pytest.mark.parametrize(("text", "encoding"), [(RU, "cp1251"), (KK, "kz1048")])
def test_a_windows_file_without_encoding_is_refused_with_the_likely_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, encoding: str
) -> None:
    path = tmp_path / "article.txt"
    original = text.encode(encoding)
    path.write_bytes(original)
    what = "Russian" if encoding == "cp1251" else "Kazakh"
    first = next(i for i, b in enumerate(original) if b >= 0x80)  # the first Cyrillic letter
    expected = (
        f"bannedorgs: {path}: not valid UTF-8 at byte {first}; "
        f"it reads as {what} Windows text ({encoding}): run again with --encoding {encoding}\n"
    )
    assert run(capsys, "annotate", "--on", ON, "--in-place", str(path)) == (2, "", expected)
    assert run(capsys, "check", "--on", ON, str(path)) == (2, "", expected)
    assert path.read_bytes() == original


def test_a_footnote_the_encoding_cannot_hold_is_an_error_not_a_question_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.txt"
    original = RU.encode("cp1251")
    path.write_bytes(original)
    code, _, err = run(capsys, "annotate", "--on", ON, "--encoding", "cp1251", "--lang", "kk", "--in-place", str(path))
    assert code == 2
    assert err == (
        f"bannedorgs: {path}: 'ұ' (U+04B1) cannot be written in cp1251; convert the file to kz1048 or UTF-8 "
        "first, or choose the footnote language with --lang\n"
    )
    assert path.read_bytes() == original


def test_an_unknown_encoding_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"text")
    code, _, err = run(capsys, "annotate", "--encoding", "cp9999", str(path))
    assert (code, err) == (2, "bannedorgs: --encoding 'cp9999' is not an encoding Python knows\n")


def test_bytes_not_in_the_named_encoding_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"ok \x98 there")  # 0x98 is unassigned in cp1251
    code, _, err = run(capsys, "check", "--encoding", "cp1251", str(path))
    assert (code, err) == (2, f"bannedorgs: {path}: not valid cp1251 at byte 3\n")


def test_a_large_utf16_file_is_not_streamed_as_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bannedorgs import cli

    monkeypatch.setattr(cli, "_STREAM_AT", 100)  # files above this are streamed, as UTF-8
    path = tmp_path / "article.txt"
    text = RU * 20
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert main(["annotate", "--on", ON, "--in-place", str(path)]) == 0
    expected = bannedorgs.annotate(text, on=ON).text
    assert path.read_bytes() == codecs.BOM_UTF16_LE + expected.encode("utf-16-le")


def test_a_word_web_page_in_cp1251(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Word saves a Russian web page in windows-1251 unless told otherwise."""
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\r\n'
        '<head><meta http-equiv=Content-Type content="text/html; charset=windows-1251">'
        '<meta name=Generator content="Microsoft Word 15"></head>\r\n'
        "<body lang=RU><div class=WordSection1>\r\n"
        "<p class=MsoNormal><span style='mso-ansi-language:RU'>Члены «Хизб ут-Тахрир» задержаны в Таразе, "
        "сообщили в суде.<o:p></o:p></span></p>\r\n</div></body></html>\r\n"
    )
    path = tmp_path / "article.htm"
    path.write_bytes(page.encode("cp1251"))
    code, _, err = run(capsys, "annotate", "--on", ON, "--in-place", str(path))
    assert code == 2
    assert "--encoding cp1251" in err
    assert main(["annotate", "--on", ON, "--lang", "ru", "--encoding", "cp1251", "--in-place", str(path)]) == 0
    out = path.read_bytes().decode("cp1251")
    note = "<p class=MsoNormal><span style='mso-ansi-language:RU'>*Организация «Хизб ут-Тахрир» признана"
    assert "Тахрир»* задержаны" in out
    assert out.index("<o:p></o:p></span></p>") < out.index(note) < out.index("</div>")


@pytest.mark.parametrize(
    ("data", "named", "written"),
    [
        (codecs.BOM_UTF32_LE + RU.encode("utf-32-le"), [], "utf-32-le"),  # not taken for UTF-16
        (RU.encode("utf-16-le"), ["--encoding", "utf-16"], "utf-16-le"),  # no mark in, none out
    ],
)
def test_utf32_marks_and_utf16_without_a_mark(tmp_path: Path, data: bytes, named: list[str], written: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert main(["annotate", "--on", ON, "--in-place", *named, str(path)]) == 0
    mark = codecs.BOM_UTF32_LE if written == "utf-32-le" else b""
    assert path.read_bytes() == mark + bannedorgs.annotate(RU, on=ON).text.encode(written)
