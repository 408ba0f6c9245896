"""Kazakh in the Latin script, derived from Kazakh Cyrillic by tables.

Kazakh has had three official Latin alphabets, and people also type it in Latin without any
of them. Each is a table from the Cyrillic letters, written once here:

``OFFICIAL_2021``
    The alphabet of January 2021: ä ğ ı İ ñ ö q ş ū ü y, with і → ı, и and й → i,
    ы → y, ұ → ū, ү → ü. Footnotes in Latin Kazakh are written in it.
``APOSTROPHE_2017``
    The decree of October 2017: a' g' n' o' u' y' i' s' c' (ә ғ ң ө ү у и ш ч).
``ACUTE_2018``
    The decree of February 2018: á ǵ ń ó ú ý and ı for и, sh and ch.
``AD_HOC``
    Latin as typed on a phone or in a chat: sh, ch, zh, kh, k for қ, g for ғ, i for і.

A name is looked for in any of them: :func:`word_pattern` gives, for a Cyrillic word, a
regular expression that takes each letter in every way the tables write it, and
:func:`latin_pattern` does the same for a pattern written in Cyrillic letters (the Kazakh
suffix chains of :mod:`bannedorgs.forms`), so ``Äl-Qaidağa``, ``Ál-Qaıdanyń`` and
``Al-Kaidaga`` are the Cyrillic «Әл-Қаидаға» in three alphabets.

>>> to_latin("Қазақстан Республикасы Жоғарғы Сотының 2005 жылғы 28 наурыздағы шешімі")
'Qazaqstan Respublikasy Joğarğy Sotynyñ 2005 jylğy 28 nauryzdağy şeşımı'
>>> import re
>>> bool(re.fullmatch(word_pattern("қаида"), "qaıda", re.IGNORECASE))
True
>>> is_latin_kazakh("Sot sottaluşyny ūiym müşesı dep tanyp, oğan bes jyl jaza tağaiyndady.")
True
>>> is_latin_kazakh("The court jailed him for five years for membership of a banned group.")
False
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import _regex

__all__ = [
    "ACUTE_2018",
    "AD_HOC",
    "APOSTROPHE_2017",
    "OFFICIAL_2021",
    "alternation",
    "is_latin_kazakh",
    "latin_pattern",
    "letter_options",
    "to_latin",
    "word_options",
    "word_pattern",
]

# fmt: off
OFFICIAL_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# Letters the 2017 and 2018 alphabets write otherwise than the 2021 one.
APOSTROPHE_2017 = {
    "ә": "a'", "ғ": "g'", "и": "i'", "й": "i'", "ң": "n'", "ө": "o'", "у": "y'", "ү": "u'",
    "ұ": "u", "і": "i", "ш": "s'", "ч": "c'", "щ": "s's'", "ю": "i'y'", "я": "i'a", "ц": "ts",
}
ACUTE_2018 = {
    "ә": "á", "ғ": "ǵ", "и": "ı", "й": "ı", "ң": "ń", "ө": "ó", "у": "ý", "ү": "ú", "ұ": "u",
    "і": "i", "ш": "sh", "ч": "ch", "щ": "shsh", "ю": "ıý", "я": "ıa", "ц": "ts",
}
# Typed without a Kazakh keyboard: what each letter also becomes (besides the above).
AD_HOC: dict[str, tuple[str, ...]] = {
    "ә": ("a", "e", "ae"), "ғ": ("g", "gh"), "ж": ("zh", "j"), "и": ("i", "y"), "й": ("i", "y", "j", ""),
    "қ": ("k", "q"), "ң": ("n", "ng"), "ө": ("o", "oe"), "у": ("u", "w", "y"), "ұ": ("u",),
    "ү": ("u", "ue"), "х": ("kh", "h"), "һ": ("h",), "ц": ("ts", "c", "s"), "ч": ("ch",),
    "ш": ("sh", "ś"), "щ": ("sh", "shch"), "ы": ("y", "i", "ı"), "і": ("i", "î"), "ю": ("yu", "iu", "u"),
    "я": ("ya", "ia", "a"), "ё": ("yo", "io", "e"), "ь": ("",), "ъ": ("",), "э": ("e",),
}
# Two letters that Russian loans write as one sound: Джунд is Djund, Jund or Zhund.
_DIGRAPHS = {"дж": ("dj", "dzh", "j", "zh")}
# fmt: on

_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"


def letter_options(letter: str, *, official: bool = False) -> tuple[str, ...]:
    """Every way the tables write a (lower-case) Cyrillic letter, longest first (only the
    official alphabets' with ``official``); any other character stands for itself. (A letter
    that the 2017 or 2018 table does not list is written there as in 2021.)"""
    if letter not in OFFICIAL_2021:
        return (letter,)
    options = [OFFICIAL_2021[letter], APOSTROPHE_2017.get(letter), ACUTE_2018.get(letter)]
    if not official:
        options += AD_HOC.get(letter, ())
    return tuple(sorted(dict.fromkeys(o for o in options if o is not None), key=len, reverse=True))


def alternation(options: tuple[str, ...]) -> str:
    parts = []
    for option in options:
        # an apostrophe of the 2017 alphabet is any apostrophe a keyboard gives
        parts.append("".join(f"[{_APOSTROPHES}]" if ch == "'" else re.escape(ch) for ch in option))
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


def word_options(word: str, similar: Mapping[str, str] | None = None) -> list[tuple[str, ...]]:
    """The Latin spellings of each letter of a lower-case Cyrillic word (a pair such as дж
    counts as one), also of the letters ``similar`` lists for it (к for қ: texts write one
    for the other)."""
    units: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _DIGRAPHS:
            units.append(_DIGRAPHS[pair])
            i += 2
            continue
        letters = (similar or {}).get(word[i], word[i])
        options = dict.fromkeys(o for letter in letters for o in letter_options(letter))
        if i == 0:  # a word starts with a letter: й- is i-, y- or j-, never nothing
            options.pop("", None)
        units.append(tuple(options))
        i += 1
    return [tuple(sorted(u, key=len, reverse=True)) for u in units]


def word_pattern(word: str, similar: Mapping[str, str] | None = None) -> str:
    """A regular expression (to match ignoring case) for a lower-case Cyrillic word in
    every Latin alphabet of the tables."""
    return "".join(map(alternation, word_options(word, similar)))


_CLASS = _regex.lazy(r"\[([^\]\\^]+)\]")
_CYRILLIC_LETTER = _regex.lazy("[а-яёәғқңөұүһі]")


def latin_pattern(pattern: str) -> str:
    """``pattern``, written with lower-case Cyrillic letters and classes of them, with each
    letter and each class of letters taken in every Latin way of the tables."""

    def options_of(letters: str) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for letter in letters:
            out.update(dict.fromkeys(letter_options(letter) if _CYRILLIC_LETTER.match(letter) else (letter,)))
        return tuple(sorted(out, key=len, reverse=True))

    pattern = _CLASS.sub(lambda m: alternation(options_of(m.group(1))), pattern)
    return _CYRILLIC_LETTER.sub(lambda m: alternation(options_of(m.group())), pattern)


def to_latin(text: str, alphabet: Mapping[str, str] | None = None) -> str:
    """``text`` in a Latin alphabet (the 2021 one, or ``APOSTROPHE_2017`` or ``ACUTE_2018``,
    which take the 2021 letters for the rest): each Cyrillic letter by the table, capitals
    kept (the 2021 capital of i is İ; a letter of two is all capitals only inside a word in
    capitals).

    >>> to_latin("Хизб ут-Тахрир, ДАИШ", APOSTROPHE_2017), to_latin("Тәблиғи Жамағат", ACUTE_2018)
    ("Hi'zb y't-Tahri'r, DAI'S'", 'Táblıǵı Jamaǵat')
    """
    table = {**OFFICIAL_2021, **(alphabet or {})}
    dotted = alphabet is None or alphabet is OFFICIAL_2021
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in table:
            out.append(ch)
            continue
        latin = table[low]
        if ch != low and latin:
            following = text[i + 1 : i + 2]
            if latin == "i" and dotted:
                latin = "İ"
            elif following.isupper() or (not following.isalpha() and text[i - 1 : i].isupper()):
                latin = latin.upper()
            else:
                latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


# --- telling Latin Kazakh from English and Turkish --------------------------------------
# Letters of the 2021 and 2018 alphabets that neither English nor Turkish has, and letters
# Kazakh shares with Turkish only.
_KAZAKH_LETTERS = _regex.lazy("[äñūǵńýúáó]")
_TURKIC_LETTERS = _regex.lazy("[ıöüğş]")
# q not before u (qazaq, qatysqan), zh (zhyly): English and Turkish hardly write them
_KAZAKH_PAIRS = _regex.lazy("q(?!u)|zh")
# Common Kazakh words as the alphabets write them; and English and Turkish ones.
# (Not the short ones other languages and markup also have: men, bar, ol, sol, bir.)
_KK_WORDS = frozenset(
    """
    jäne jane zhane dep degen dedı dedi turaly týraly üşın ushin úshin ushın bolyp boiynşa boıynsha
    boyynsha jyly zhyly jylğy jylgy jylǵy tyiym tyıym ūiym uiym uıym emes būl osy joq zhok keiın keyin
    kerek biraq bıraq ekı
    """.split()
)
_EN_WORDS = frozenset("the of and to in is was for that with on by as were has have said are from this it be".split())
_TR_WORDS = frozenset("ve için icin ile olarak olan değil degil gibi daha çok cok bu şu".split())
# Kazakh endings: genitive (-nyñ, -dyn), attributive (-dağy), plural possessive (-lary),
# dative after a vowel (-aga), participle (-ğan), past tense (-ldy, -ndi).
_KK_ENDINGS = _regex.lazy(
    r"\w\w(?:[ndt][yıi](?:[ñń]|n['’]|n)|[dt][ae][gğǵ][yıi]|[ldt][ae]r[yıi]|[aeiouy][gğǵ][ae]|[gğǵk][ae]n|[lnryı][dt][yıi])\b"
)
_WORD = _regex.lazy(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_APOSTROPHE_LETTER = _regex.lazy(r"[aginosuyc]['’][a-z]")


def is_latin_kazakh(sample: str) -> bool:
    """Whether a text in Latin letters is Kazakh rather than English or Turkish: by letters
    only Kazakh alphabets have, the commonest words of each language, and Kazakh endings."""
    low = sample.lower()
    words = _WORD.findall(low)
    if not words:
        return False
    kk = 3 * sum(map(_KK_WORDS.__contains__, words)) + 2 * len(_KAZAKH_LETTERS.findall(low))
    kk += len(_TURKIC_LETTERS.findall(low)) + 2 * len(_KAZAKH_PAIRS.findall(low))
    if "'" in low or "’" in low:
        # the 2017 alphabet's apostrophes (ug'ymy), not English ones (it's, don't)
        marked = [w for w in words if "'" in w or "’" in w]
        kk += 2 * sum(1 for w in marked if _APOSTROPHE_LETTER.search(w) and not w.endswith(("'s", "’s", "n't", "n’t")))
    other = 3 * sum(map(_EN_WORDS.__contains__, words)) + 3 * sum(map(_TR_WORDS.__contains__, words))
    other += 2 * low.count("ç")
    # The endings, the costliest count, only add to kk and only when they can change the answer:
    # each is at least five characters long, so there are at most len(low) // 5 of them.
    if kk >= 3 and kk > 2 * other:
        return True
    if kk + len(low) // 5 <= 2 * other:
        return False
    kk += len(_KK_ENDINGS.findall(low))
    return kk >= 3 and kk > 2 * other
