"""Folding of names and text, shared by the registry lookups and the text matcher.

Three levels, each built on the one before:

``fold``
    Same length as the input, so offsets survive: lower case, ё → е, Kazakh letters to
    their Russian base letters (Көше → коше), every dash and hyphen (U+2011 included) to
    ``-``, every quotation mark to ``"``, every apostrophe to ``'``, every space (NBSP,
    thin space, tabs, line breaks) to a plain space.
``normalize``
    The lookup key of a name: ``fold``, Latin/Cyrillic look-alike letters mended inside
    mixed-script words, then only letters and digits kept, so spacing and hyphenation
    variants meet (Hizb ut-Tahrir, Hizb-ut-Tahrir, Hizbut-Tahrir).
``skeleton``
    A key that also meets across scripts and transliteration schemes: ``normalize``,
    Cyrillic transliterated to Latin, then the usual scheme differences folded
    (kh/h, dzh/j/zh, w/u …), so «Хизб-ут-Тахрир» and Hizb-ut-Takhrir meet Hizb ut-Tahrir.

>>> fold("Хизб\u00a0ут\u2011Тахрир")
'хизб ут-тахрир'
>>> normalize("«Hizb-ut-Tahrir»") == normalize("Hizbut Tahrir")
True
>>> skeleton("Хизб-ут-Тахрир") == skeleton("Hizb ut-Takhrir")
True
>>> normalize("Тaлибан")  # a Latin 'a' inside a Cyrillic word
'талибан'
"""

from __future__ import annotations

import re
import unicodedata

from . import _regex

__all__ = [
    "APOSTROPHES",
    "DASHES",
    "QUOTES",
    "fold",
    "normalize",
    "skeleton",
    "to_latin",
]

DASHES = "-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
QUOTES = '"«»“”„‟‹›〝〞＂'
APOSTROPHES = "'‘’‚‛`´ʹʻʼʽˈ′＇"
_SPACES = "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))

_KAZAKH_BASE = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е"}


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in DASHES:
        table[ord(ch)] = "-"
    for ch in QUOTES:
        table[ord(ch)] = '"'
    for ch in APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _SPACES:
        table[ord(ch)] = " "
    for src, dst in _KAZAKH_BASE.items():
        table[ord(src)] = dst
        table[ord(src.upper())] = dst
    table[ord("İ")] = "i"  # the one letter whose lower() is two characters long
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case and fold look-alike punctuation and letters; the result has the same length."""
    return text.translate(_FOLD).lower()


# Latin and Cyrillic letters that look the same, for mending mixed-script words; also the
# Kazakh ә, which a converter to Latin script may leave in place of ä (Әl-Kaida).
_LAT = "aceopxyiäABCEHKMOPTXYÄ"
_CYR = "асеорхуіәАВСЕНКМОРТХУӘ"
_LAT_TO_CYR = str.maketrans(_LAT.lower(), _CYR.lower())
_CYR_TO_LAT = str.maketrans(_CYR.lower(), _LAT.lower())
# A whole word (a run of \w) holding a Latin letter next to a Cyrillic one. Tried only where a
# word starts, and the look-ahead cannot leave the word, so a text of long words costs time in
# proportion to its length (``\w*(?:…)\w*`` went back over every long word from each letter).
_MIXED = _regex.lazy(r"(?<!\w)(?=\w*?(?:[a-zä][а-яёә]|[а-яёә][a-zä]))\w++")
_LATIN = _regex.lazy(r"[a-zä]")
_CYRILLIC = _regex.lazy(r"[а-яёә]")


# Letters of one script that have no look-alike in the other: a word holding some can only be
# mended into their script.
_LATIN_ONLY = _regex.lazy("[" + "".join(sorted(set("abcdefghijklmnopqrstuvwxyzä") - set(_LAT.lower()))) + "]")
_CYRILLIC_ONLY = _regex.lazy("[" + "".join(sorted(set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяә") - set(_CYR.lower()))) + "]")


def _mend(m: re.Match[str]) -> str:
    word = m.group()
    latin_only = _LATIN_ONLY.search(word) is not None
    if latin_only != (_CYRILLIC_ONLY.search(word) is not None):  # one script only can hold it
        return word.translate(_CYR_TO_LAT) if latin_only else word.translate(_LAT_TO_CYR)
    if len(_CYRILLIC.findall(word)) >= len(_LATIN.findall(word)):
        return word.translate(_LAT_TO_CYR)
    return word.translate(_CYR_TO_LAT)


def mend_mixed(folded: str) -> str:
    """Replace look-alike letters inside words written in two scripts (same length)."""
    if not _LATIN.search(folded) or not _CYRILLIC.search(folded):
        return folded
    return _MIXED.sub(_mend, folded)


_NOT_WORD = _regex.lazy(r"[\W_]+")


def normalize(name: str) -> str:
    """The lookup key of a name: folded, look-alikes mended, only letters and digits kept."""
    text = unicodedata.normalize("NFKC", name)
    return _NOT_WORD.sub("", mend_mixed(fold(text)))


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_TRANSLIT_TABLE = str.maketrans(_TRANSLIT)


def to_latin(text: str) -> str:
    """Transliterate folded Cyrillic to Latin (a simple scheme close to the BGN/PCGN one)."""
    return text.translate(_TRANSLIT_TABLE)


_SCHEME_FOLDS = [
    (_regex.lazy(r"dzh|dj|zh|j"), "j"),
    (_regex.lazy(r"kh|h"), "h"),
    (_regex.lazy(r"ph"), "f"),
    (_regex.lazy(r"q"), "k"),
    (_regex.lazy(r"ck"), "k"),
    (_regex.lazy(r"ou|w"), "u"),
    (_regex.lazy(r"ye|ie"), "e"),
    (_regex.lazy(r"y|ï|ı"), "i"),
    (_regex.lazy(r"ts|tz|c(?=[ei])"), "c"),
    (_regex.lazy(r"c"), "k"),
    (_regex.lazy(r"(.)\1+"), r"\1"),
]


def skeleton(name: str) -> str:
    """A cross-script key: transliterated to Latin with scheme differences folded."""
    key = to_latin(normalize(name))
    key = unicodedata.normalize("NFKD", key)
    key = "".join(ch for ch in key if not unicodedata.combining(ch))
    for pattern, repl in _SCHEME_FOLDS:
        key = pattern.sub(repl, key)
    return key
