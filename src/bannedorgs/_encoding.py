"""Reading a text file in the encoding it was saved in, and writing it back the same way.

UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are recognised;
any other encoding is named by the caller. A file that is not UTF-8 is refused with the
encoding it most likely has: Windows saves Russian as cp1251 and Kazakh as kz1048, which
differ in sixteen bytes only: those hold Kazakh letters in kz1048 (``қ``, ``ң``, ``ә`` …)
and Serbian or Ukrainian ones in cp1251.

>>> text, encoding = decode("Запрещённая организация".encode("cp1251"), "a.txt", "cp1251")
>>> encoding.encode(text + " — пояснение", "a.txt") == (text + " — пояснение").encode("cp1251")
True
>>> decode("Тыйым салынған ұйым".encode("kz1048"), "b.txt")
Traceback (most recent call last):
...
ValueError: b.txt: not valid UTF-8 at byte 0; it reads as Kazakh Windows text (kz1048): run again with --encoding kz1048
>>> encoding.encode("Ұйым", "a.txt")
Traceback (most recent call last):
...
ValueError: a.txt: 'Ұ' (U+04B0) cannot be written in cp1251; convert the file to kz1048 or UTF-8 first, ...
"""

from __future__ import annotations

import codecs

from ._value import Value

__all__ = ["Encoding", "decode"]

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Python's "utf-16" and "utf-32" write a byte order mark of their own; a file named so without
# one was read little-endian and is written back the same way, without a mark
_WITHOUT_MARK = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}
# the bytes where kz1048 has Kazakh letters and cp1251 Serbian or Ukrainian ones
_KAZAKH_BYTES = frozenset(b"\x8d\x8e\x9d\x9e\xa1\xa2\xa3\xa5\xaa\xaf\xb4\xba\xbc\xbd\xbe\xbf")
_SAMPLE = 1 << 16


class Encoding(Value):
    """How a file was stored: the codec and the byte order mark it began with (a plain
    class, equal by its fields: the command line's annotate imports no attrs)."""

    __slots__ = ("bom", "name")

    def __init__(self, name: str, bom: bytes = b"") -> None:
        self.name = name
        self.bom = bom

    def _fields(self) -> tuple[object, ...]:
        return (self.name, self.bom)

    def __repr__(self) -> str:
        return f"Encoding(name={self.name!r}, bom={self.bom!r})"

    def encode(self, text: str, where: str) -> bytes:
        """``text`` as the file stores it; a character the encoding cannot hold is an error."""
        try:
            return self.bom + text.encode(self.name)
        except UnicodeEncodeError as exc:
            ch = text[exc.start]
            other = "kz1048 or UTF-8" if _fits(ch, "kz1048") else "UTF-8"
            raise ValueError(
                f"{where}: {ch!r} (U+{ord(ch):04X}) cannot be written in {self.name}; convert the file to "
                f"{other} first, or choose the footnote language with --lang"
            ) from None


def _fits(ch: str, name: str) -> bool:
    try:
        ch.encode(name)
    except UnicodeEncodeError:
        return False
    return True


def decode(raw: bytes, where: str, encoding: str | None = None) -> tuple[str, Encoding]:
    """The text of a file and how to write it back; ValueError with a sentence when the bytes
    are not in ``encoding`` (default: UTF-8, or UTF-16 after its byte order mark)."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise ValueError(f"--encoding {encoding!r} is not an encoding Python knows") from None
    else:
        name = None
    for bom, bom_name in _BOMS:
        if raw.startswith(bom) and name in (None, bom_name, bom_name[:6], "utf-8-sig"):
            return _decode(raw[len(bom) :], bom_name, where, len(bom)), Encoding(bom_name, bom)
    if name is not None:
        return _decode(raw, name, where, 0), Encoding(_WITHOUT_MARK.get(name, name))
    try:
        return raw.decode("utf-8"), Encoding("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: not valid UTF-8 at byte {exc.start}{_guess(raw)}") from None


def _decode(raw: bytes, name: str, where: str, skipped: int) -> str:
    try:
        return raw.decode(name)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: not valid {name} at byte {exc.start + skipped}") from None


def _guess(raw: bytes) -> str:
    """What a file that is not UTF-8 most likely is, as the end of the refusal's sentence.

    Cyrillic in a Windows code page is words of bytes from 0xC0 up (А-я; Ё and ё elsewhere):
    most such bytes stand next to another, where a stray Latin-1 ``é`` stands alone."""
    sample = raw[:_SAMPLE]
    letters = [b >= 0xC0 or b in (0xA8, 0xB8) or b in _KAZAKH_BYTES for b in sample]
    high = sum(b >= 0x80 for b in sample)
    in_words = sum(
        1
        for i, is_letter in enumerate(letters)
        if is_letter and ((i and letters[i - 1]) or letters[i + 1 : i + 2] == [True])
    )
    if high and in_words * 2 >= high:
        if any(b in _KAZAKH_BYTES for b in sample):
            return "; it reads as Kazakh Windows text (kz1048): run again with --encoding kz1048"
        return "; it reads as Russian Windows text (cp1251): run again with --encoding cp1251"
    return "; name its encoding with --encoding (cp1251 for Russian, kz1048 for Kazakh, cp1252 for Western Windows)"
