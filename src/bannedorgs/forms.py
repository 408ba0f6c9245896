"""The written forms of a name: Russian case and number, Kazakh suffix chains, English
possessives, spelling and transliteration variants, compiled into regular expressions.

Nothing is listed by hand per organisation. A name is split into words; every Cyrillic
word of four letters or more that is not a particle takes the Russian noun or adjective
endings after its stem, the last word may carry a Kazakh suffix chain (plural, possessive,
case; hyphenated after acronyms and Latin names), Latin names take the English possessive,
and Cyrillic names also get a Latin transliteration pattern. Over-generation is harmless
(no text contains the nonsense forms) and keeps the rules short; precision comes from the
word boundaries, the guards in the matcher and the not-mention phrases.

Every pattern also yields *anchors*: the literal strings a match must start with, for the
multi-pattern automaton that finds candidates in one pass over the text.

>>> form = compile_form("Исламское государство")
>>> bool(form.regex.match("исламского государства")), bool(form.regex.match("исламский"))
(True, False)
>>> bool(compile_form("ИГИЛ", case_sensitive=True).regex.match("ИГИЛ-ге"))
True
>>> bool(compile_form("Ислам мемлекеті").regex.match("ислам мемлекетінің"))
True
"""

from __future__ import annotations

import functools
import itertools
import re

from . import _regex, kazakh_latin
from ._value import Value
from .normalize import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence, Sized

__all__ = [
    "Form",
    "compile_cyrillic_family",
    "compile_form",
    "compile_kazakh_latin",
    "compile_latin_family",
    "compile_translit",
    "words",
]

# --- Russian ------------------------------------------------------------------------------
_RU_ADJ_ENDINGS = [
    "ый",
    "ий",
    "ой",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ого",
    "его",
    "ому",
    "ему",
    "ым",
    "им",
    "ом",
    "ем",
    "ую",
    "юю",
    "ых",
    "их",
    "ыми",
    "ими",
    "ей",
    "ою",
    "ею",
]
_RU_ADJ_SINGULAR = [e for e in _RU_ADJ_ENDINGS if e not in ("ые", "ие", "ых", "их", "ыми", "ими")]
_RU_NOUN_ENDINGS = [
    "а",
    "я",
    "о",
    "е",
    "ё",
    "ы",
    "и",
    "у",
    "ю",
    "ь",
    "й",
    "ой",
    "ей",
    "ою",
    "ею",
    "ом",
    "ем",
    "ём",
    "ам",
    "ям",
    "ами",
    "ями",
    "ах",
    "ях",
    "ов",
    "ев",
    "ёв",
    "ью",
]
_RU_ADJ_FINALS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
# -ие after these letters is a noun (движение, объединение, развитие), not an adjective
_RU_NOUN_IE = ("ние", "тие", "ьие", "вие", "чие", "жие", "сие")
_VOWELS_AND_SOFT = "аяоеёыиуюьйэі"

# Words that never take endings: articles and particles of Arabic names, conjunctions.
_PARTICLES = frozenset(
    [
        "ал",
        "аль",
        "әл",
        "ал-",
        "ан",
        "ас",
        "аш",
        "ат",
        "ад",
        "аз",
        "ар",
        "уль",
        "ут",
        "ут-",
        "валь",
        "уаль",
        "вал",
        "уал",
        "ва",
        "и",
        "ибн",
        "бен",
        "аб",
        "al",
        "el",
        "an",
        "as",
        "ash",
        "at",
        "ad",
        "az",
        "ar",
        "ul",
        "ut",
        "wa",
        "wal",
        "wa-",
        "ibn",
        "bin",
        "e",
        "i",
        "y",
        "the",
        "of",
        "and",
        "in",
        "for",
        "de",
    ]
)

# --- Kazakh suffix chains (vowel harmony is not enforced: over-acceptance is harmless) ------
_KK_PLURAL = "[лдт][ае]р"
_KK_POSSESSIVE = "с?[ыі]"
_KK_CASE = (
    "(?:н?[дт][ае][ғг][ыі]"  # attributive -дағы/-дегі
    "|[ндт][ыі]ң"  # genitive
    "|н?[дт][ае]н|н[ае]н"  # ablative
    "|[мбп]ен"  # instrumental
    "|[ғгқк][ае]|н[ае]"  # dative
    "|[ндт][ыі]к[ыі]"  # possessive predicate -дікі ("belonging to"), before the accusative
    "|[ндт][ыі]"  # accusative
    "|н?[дт][ае]"  # locative
    "|[ае]|н)"  # dative and accusative after a possessive
)
# "Those in X" (-дағылар) takes the plural and a case again: мемлекетіндегілердің.
_KK_ATTRIBUTIVE_PLURAL = f"(?:н?[дт][ае][ғгқк][ыі]{_KK_PLURAL}{_KK_CASE}?)"
_KK_CHAIN = (
    f"(?:{_KK_PLURAL}{_KK_POSSESSIVE}?(?:{_KK_ATTRIBUTIVE_PLURAL}|{_KK_CASE})?"
    f"|{_KK_POSSESSIVE}(?:{_KK_ATTRIBUTIVE_PLURAL}|{_KK_CASE})?|{_KK_ATTRIBUTIVE_PLURAL}|{_KK_CASE})"
)

# --- characters ----------------------------------------------------------------------------
_DASH = "\\-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_APOS = "'\u2018\u2019\u02bc\u02bb`\u00b4"
# Between the words of a name: spaces of every width (not a paragraph break), dashes,
# apostrophes, dots, and the exclamation mark of «Алга!» names. The matcher shows each of
# them as a space in its one-byte copy of a text, so anchors may run across them.
SEPARATORS = "".join([" \t\u00a0", *map(chr, range(0x2002, 0x200B)), "\u202f", _DASH.replace("\\", ""), _APOS, ".!"])
_SEP_CHARS = re.escape(SEPARATORS)
SEP = f"[{_SEP_CHARS}]*(?:(?:\r\n|\r|\n)[{_SEP_CHARS}]*)?"
_POSSESSIVE = f"(?:[{_APOS}]s?)"
# a superscript digit after a name is a footnote marker, not part of a word
_END = "(?![^\\W_\u00b9\u00b2\u00b3\u2070-\u2079])"

# Letters that text writes for one another: ё/е, Kazakh letters and their Russian base,
# Latin look-alikes inside Cyrillic words. Used in the patterns; anchors use only the first
# two kinds (see _ANCHOR_VARIANTS).
_CYR_CLASSES = {
    "е": "еёэ", "ё": "ёе", "ә": "әа", "а": "аәa", "ө": "өо", "о": "оөo", "ү": "үуұ",
    "ұ": "ұуү", "у": "уұүy", "қ": "қкk", "к": "ккқk", "ғ": "ғг", "г": "гғ", "ң": "ңн",
    "н": "нң", "һ": "һх", "х": "хһx", "і": "іиi", "и": "иі", "р": "рp", "с": "сc",
}  # fmt: skip
_ANCHOR_VARIANTS = {
    "е": "её", "ё": "её", "ә": "әа", "а": "аә", "ө": "өо", "о": "оө", "ү": "үу", "ұ": "ұу",
    "у": "уұү", "қ": "қк", "к": "кқ", "ғ": "ғг", "г": "гғ", "ң": "ңн", "н": "нң", "і": "іи",
    "и": "иі",
}  # fmt: skip

# Cyrillic → Latin alternatives, for Latin text that transliterates a Russian or Kazakh name.
_TRANSLIT = {
    "а": ["a"], "б": ["b"], "в": ["v", "w"], "г": ["g", "gh"], "д": ["d"], "е": ["e", "ye", "ie"],
    "ё": ["yo", "e", "io"], "ж": ["zh", "j"], "з": ["z"], "и": ["i", "y"], "й": ["y", "i", "j", ""],
    "к": ["k", "q", "c"], "л": ["l"], "м": ["m"], "н": ["n"], "о": ["o"], "п": ["p"], "р": ["r"],
    "с": ["s"], "т": ["t"], "у": ["u", "ou", "w", "oo"], "ф": ["f"], "х": ["kh", "h", "x"],
    "ц": ["ts", "c", "tz"], "ч": ["ch"], "ш": ["sh"], "щ": ["shch", "sch", "sh"], "ъ": [""],
    "ы": ["y", "i"], "ь": ["", "'"], "э": ["e"], "ю": ["yu", "iu", "ju", "u"],
    "я": ["ya", "ia", "ja", "a"], "ә": ["a", "ä", "ae", "e"], "ғ": ["g", "gh"], "қ": ["k", "q"],
    "ң": ["n", "ng"], "ө": ["o", "ö", "oe"], "ұ": ["u"], "ү": ["u", "ü", "ue"], "һ": ["h"],
    "і": ["i"],
}  # fmt: skip
_TRANSLIT_DIGRAPHS = {"дж": ["dzh", "dj", "j", "zh"], "кс": ["ks", "x"]}

# The Arabic article as texts write it: assimilated (an-Nusra, ash-Sham, at-Takfir) or not
# (al-Nusra). A written form stands for itself, its а/ә twin and the plain al- forms, so
# "Джабхат аль-Нусра" is "Джабхат ан-Нусра", but "ас-Такфир" is not invented.
_ARTICLES_CYR = ("аль", "әл", "ал", "эль", "ан", "ат", "ас", "аш", "ад", "ар", "аз", "уль", "ул", "ут",
                 "ән", "әт", "әс", "әш", "әд", "әр")  # fmt: skip
_ARTICLES_LAT = ("al", "el", "ul", "an", "at", "as", "ash", "ad", "ar", "az", "ut", "un", "ud", "ur", "us")
_ARTICLE_SET = frozenset(_ARTICLES_CYR + _ARTICLES_LAT)
_PLAIN_CYR = ("аль", "әл", "ал", "эль")
_PLAIN_LAT = ("al", "el")


def _article_variants(word: str) -> tuple[str, ...]:
    if word in _ARTICLES_CYR:
        twin = word.replace("а", "ә", 1) if word.startswith("а") else word.replace("ә", "а", 1)
        return tuple(dict.fromkeys((word, twin, *_PLAIN_CYR)))
    return tuple(dict.fromkeys((word, *_PLAIN_LAT)))


# Everyday words that begin some names (Исламское государство, Қазақстанның демократиялық
# таңдауы): as the start of an anchor they hit in every other sentence of Kazakh news, so
# such a name is anchored on its whole first word, and is not transliterated (a Latin text
# does not spell out Russian vocabulary).
COMMON_WORDS = frozenset(
    "islamic state party movement front people peoples organization organisation society democratic east "
    "eastern central union kazakhstan liberation islam national muslim asian asia kazakh turkestan turkistan "
    "congress social reform reforms soldiers choice the of "
    "ислам исламское исламская исламский исламского государство партия движение фронт общество народный "
    "народная организация казахстана казахстан восточного центральной мемлекеті мемлекет партиясы "
    "қозғалысы ұйымы халық қазақстан қазақстанның мұсылман мусульмане мусульман азии азия азиясы орталық "
    "выбор туркестана түркістан конгресс конгресі халықтық социальных реформ солдаты братья демократиялық "
    "таңдауы шығыс курдский демократический серые партия республиканское общественное объединение "
    "әлеуметтік реформалар қоғамы общество национальный национальная жұмысшылар алға өмір білім сенім "
    "бауырлар көше коше орта реформа".split()
)
_COMMON_STARTS = (
    "ислам", "казах", "қазақ", "демократ", "народн", "курдск", "социальн", "централ", "восточн", "национал",
    "түркіст", "туркест", "туркист",
)  # fmt: skip


def is_common(word: str) -> bool:
    return word in COMMON_WORDS or word.startswith(_COMMON_STARTS)


_WORD = _regex.lazy(r"[^\W_]+")
_KAZAKH_LETTER = _regex.lazy("[әғқңөұүһі]")
_CYRILLIC = _regex.lazy(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_MAX_COMBOS = 256


def _combinations(pieces: Sequence[Sized]) -> int:
    """How many strings one choice from each piece makes (the product of their sizes)."""
    count = 1
    for piece in pieces:
        count *= len(piece)
    return count


# Separators an anchor may run across: none, one, or the spaced and dotted forms. (The
# matcher's one-byte copy of the text shows every one of these characters as a space, so
# what counts is how many there are.)
_ANCHOR_SEPS = ["", " ", "-", " - ", ".", ". ", "'", "\n", "\r\n", "-\n", "-\r\n"]


def words(name: str) -> list[str]:
    """The words of a name, lower-cased; punctuation and spacing are separators."""
    return _WORD.findall(name.lower())


class Form(Value):
    """A compiled written form of one alias (a plain class: defining an attrs class costs
    every process that imports the matcher, which builds forms only on a cache miss)."""

    __slots__ = ("anchors", "backtracks", "head", "pattern", "tail", "translit")

    def __init__(  # noqa: PLR0917 (as the attrs class it replaces was called)
        self,
        pattern: str,
        anchors: frozenset[str],
        translit: bool,
        head: str = "",
        tail: str = "",
        backtracks: bool = False,
    ) -> None:
        self.pattern = pattern
        self.anchors = anchors
        self.translit = translit
        # ``pattern`` is ``head + tail``: the head runs to the last word's stem, the tail holds
        # its ending and suffixes and the word's end. Tails are few and shared by many forms,
        # so a matcher compiles each once and a form's own regex stays small (fast to compile).
        self.head = head
        self.tail = tail
        # the head may end in more than one place (an apostrophe of the 2017 alphabet after
        # its last letter, or not): where the tail fails after one, the whole pattern is asked
        self.backtracks = backtracks

    def _fields(self) -> tuple[object, ...]:
        return (self.pattern, self.anchors, self.translit, self.head, self.tail, self.backtracks)

    def __repr__(self) -> str:
        return (
            f"Form(pattern={self.pattern!r}, anchors={self.anchors!r}, translit={self.translit!r}, "
            f"head={self.head!r}, tail={self.tail!r}, backtracks={self.backtracks!r})"
        )

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern (compiled when first asked for; ``re`` keeps it cached)."""
        return re.compile(self.pattern)


# Quotation marks a text may put around one word of a longer phrase («Аль-Каида» на
# Аравийском полуострове): where words meet, a lookalike phrase's separator admits them.
_QUOTE_CHARS = re.escape('"«»“”„‟‹›〝〞＂「」『』')
_SEP_OR_QUOTES = f"[{_SEP_CHARS}{_QUOTE_CHARS}]*(?:(?:\r\n|\r|\n)[{_SEP_CHARS}{_QUOTE_CHARS}]*)?"


def quotes_between_words(form: Form) -> Form:
    """The form with quotation marks allowed wherever its words meet (for the registry's
    lookalike phrases, which a quoted name inside must not break)."""
    return Form(
        form.pattern.replace(SEP, _SEP_OR_QUOTES),
        form.anchors,
        form.translit,
        form.head.replace(SEP, _SEP_OR_QUOTES),
        form.tail.replace(SEP, _SEP_OR_QUOTES),
        form.backtracks,
    )


def _is_particle(word: str) -> bool:
    return word in _PARTICLES or len(word) <= 3


def _char_class(ch: str, table: dict[str, str]) -> str:
    options = table.get(ch)
    if not options:
        return re.escape(ch)
    return "[" + "".join(dict.fromkeys(options)) + "]"


def _literal(word: str) -> str:
    if word in _ARTICLE_SET:
        options = _article_variants(word)
        return "(?:" + "|".join(sorted(options, key=len, reverse=True)) + ")"
    return "".join(_char_class(ch, _CYR_CLASSES) for ch in word)


def stem_of(word: str) -> str:
    """The part of a (lower-case) word that its inflected forms keep: what the typo pass
    compares, so that a typo and a case ending together still meet the name."""
    if _is_particle(word) or _KAZAKH_LETTER.search(word) or not _CYRILLIC.search(word):
        return word
    if word.endswith(_RU_ADJ_FINALS) and len(word) > 4 and not word.endswith(_RU_NOUN_IE):
        return word[:-2]
    if word[-1] in _VOWELS_AND_SOFT:
        return word[:-1]
    return word


@functools.cache
def ending() -> re.Pattern[str]:
    """A suffix a word of a name may carry in running text: a Russian ending, a Kazakh
    chain, or both (compiled when first needed)."""
    russian = "|".join(sorted(set(_RU_ADJ_ENDINGS + _RU_NOUN_ENDINGS), key=len, reverse=True))
    return re.compile(f"(?:{russian})?(?:{_KK_CHAIN})?")


# A name of one word has no plural; its genitive plural endings build surnames (Талибанов).
_SURNAME_ENDINGS = ("ов", "ев", "ёв")


def _ru_word(word: str, *, acronym: bool, alone: bool = False) -> tuple[str, str, int]:
    """The pattern of one Cyrillic word's stem, that of its Russian endings ("" for none), and
    the length of its stem; a word ``alone`` (the whole name) takes no surname endings."""
    if acronym or _is_particle(word) or _KAZAKH_LETTER.search(word):
        # a Kazakh word takes Kazakh suffixes (after the last word), not Russian endings
        return _literal(word), "", len(word)
    if word.endswith(_RU_ADJ_FINALS) and len(word) > 4 and not word.endswith(_RU_NOUN_IE):
        # a singular name (Исламское государство) is not its plural (исламские государства)
        plural = word.endswith(("ые", "ие"))
        stem, endings = word[:-2], _RU_ADJ_ENDINGS if plural else _RU_ADJ_SINGULAR
    elif word.endswith("мя"):  # знамя, имя, племя: знамени, знаменем
        stem, endings = word[:-1], [*_RU_NOUN_ENDINGS, "ени", "енем", "ена", "ён", "ён", "енам", "енами", "енах"]
    elif word[-1] in _VOWELS_AND_SOFT:
        stem, endings = word[:-1], _RU_NOUN_ENDINGS
    else:
        stem, endings = word, _RU_NOUN_ENDINGS
    if alone:
        endings = [e for e in endings if e not in _SURNAME_ENDINGS]
    # endings are matched as written (ё and е both listed where they alternate): no classes
    alts = "|".join(sorted(set(endings), key=len, reverse=True))
    return _literal(stem), f"(?:{alts})?", len(stem)


def _tail(*, cyrillic: bool, acronym: bool) -> str:
    """What may follow the last word: a Kazakh chain, an English possessive."""
    if cyrillic and not acronym:
        return f"(?:-?{_KK_CHAIN})?"
    if cyrillic:
        return f"(?:{_POSSESSIVE}|-?{_KK_CHAIN})?"
    # a Latin name in Latin-script Kazakh takes the chains in Latin (Hizb ut-Tahrirdıñ)
    return f"(?:{_POSSESSIVE}|-?{_KK_CHAIN}|-?{kazakh_latin_chain()})?"


def _anchors_of(
    first: str, second: str | None, table: dict[str, str], *, whole: bool = False, inflected: bool = True
) -> frozenset[str]:
    """Literal prefixes a match must start with: the first word's stem with its letter
    variants, run into the second word when the first is short, an article, or an everyday
    word that does not inflect (so "ислам м…" is the anchor, not every "ислам").

    The longer an anchor, the fewer the hits the scan stops at; when the variants would
    multiply past _MAX_COMBOS, the anchor is shortened from its end, which keeps it a prefix
    of every match.
    """
    pieces: list[list[str]]
    if first in _ARTICLE_SET:
        pieces = [list(_article_variants(first))]
    else:
        pieces = [list(dict.fromkeys(table.get(ch, ch))) for ch in first]
    if second and (len(first) < 3 or first in _ARTICLE_SET or (whole and not inflected)):
        pieces.append(_ANCHOR_SEPS)
        pieces.extend(list(dict.fromkeys(table.get(ch, ch))) for ch in second[:2])
    while len(pieces) > 2 and _combinations(pieces) > _MAX_COMBOS:
        pieces.pop()
    return frozenset("".join(combo) for combo in itertools.product(*pieces))


def compile_form(name: str, *, case_sensitive: bool = False) -> Form:
    """Compile the written forms of a name (as it is written in its own script).

    With ``case_sensitive`` the pattern is matched as written (acronyms such as IS or ИГ);
    otherwise it is written in lower case and matched ignoring case.
    """
    ws = _WORD.findall(name) if case_sensitive else words(name)
    if not ws:
        raise ValueError(f"{name!r} has no letters or digits")
    cyrillic = bool(_CYRILLIC.search(name))
    acronym = len(ws) == 1 and name.strip().isupper() and len(ws[0]) <= 5
    # a name with a Kazakh word is Kazakh: its words before the last take no endings at all
    # (Орта Азия моджахедтерінің жамағаты), which also lets a short first word anchor with
    # the next one instead of on its own three letters
    kazakh = cyrillic and len(ws) > 1 and any(_KAZAKH_LETTER.search(w) for w in ws)
    parts = []
    first_stem = len(ws[0])
    tail = _END
    for i, word in enumerate(ws):
        last = i == len(ws) - 1
        endings = ""
        if cyrillic and case_sensitive and acronym and len(word) >= 4:
            # Cyrillic acronyms are also written as names: ДАИШ and Даиш, ИГИЛ and Игил
            piece, stem_len = f"{re.escape(word[0])}(?:{re.escape(word[1:])}|{re.escape(word[1:].lower())})", len(word)
        elif cyrillic:
            literal = acronym or word.isupper() or (kazakh and not last)
            piece, endings, stem_len = _ru_word(word, acronym=literal, alone=len(ws) == 1)
        else:
            piece, stem_len = re.escape(word), len(word)
        if i == 0:
            first_stem = stem_len
        if last:  # the head ends with the stem; its endings and suffixes go to the tail (see Form)
            parts.append(piece)
            tail = endings + _tail(cyrillic=cyrillic, acronym=acronym) + _END
        else:
            parts.append(piece + endings)
    head = SEP.join(parts)
    pattern = head + tail
    table = _ANCHOR_VARIANTS if cyrillic and not case_sensitive else {}
    whole = len(ws) > 1 and is_common(ws[0].lower())
    inflected = first_stem < len(ws[0]) or (cyrillic and not _is_particle(ws[0].lower()) and len(ws) == 1)
    anchors = _anchors_of(
        ws[0][: max(first_stem, 1)], ws[1] if len(ws) > 1 else None, table, whole=whole, inflected=inflected
    )
    return Form(pattern, anchors, translit=False, head=head, tail=tail)


def foreign_in_russian(name: str, kazakh_words: frozenset[str] = frozenset()) -> bool:
    """Whether a Russian name renders a foreign one, which Kazakh text keeps as it is: it has
    an Arabic article (Фронт ан-Нусра) or a word of the organisation's Kazakh names
    (``kazakh_words``, folded) that is no everyday word. A name in Russian words (Партия улицы,
    Исламское государство) is said in Kazakh words instead."""
    ws = words(name)
    return any(w in _ARTICLE_SET for w in ws) or any(
        not is_common(w) and not _is_particle(w) and fold(w) in kazakh_words for w in ws
    )


def _translit_word(word: str) -> tuple[str, list[list[str]]]:
    """The Latin pattern of a Cyrillic word, and the alternatives of each letter (for anchors)."""
    out: list[str] = []
    alts: list[list[str]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _TRANSLIT_DIGRAPHS:
            options, i = _TRANSLIT_DIGRAPHS[pair], i + 2
        else:
            options, i = _TRANSLIT.get(word[i], [word[i]]), i + 1
        if len(out) == 0:  # a word starts with a letter: й- is y-, i- or j-, never nothing
            options = [o for o in options if o] or options
        alts.append(options)
        out.append("(?:" + "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True)) + ")")
    return "".join(out), alts


def compile_translit(name: str) -> Form | None:
    """A Latin pattern for a Cyrillic name (Hizb-ut-Takhrir, At-Takfir Ual-Hidzhra), or None."""
    ws = words(name)
    if not ws or not _CYRILLIC.search(name) or name.strip().isupper() or is_common(ws[0]):
        return None
    parts = []
    letter_alts: list[list[list[str]]] = []
    for word in ws:
        pattern, alts = _translit_word(word)
        parts.append(pattern)
        letter_alts.append(alts)
    head, tail = SEP.join(parts), f"(?:{_POSSESSIVE}|-?{_KK_CHAIN}|-?{kazakh_latin_chain()})?" + _END
    pattern = head + tail
    first = letter_alts[0]
    second = letter_alts[1] if len(letter_alts) > 1 else []
    pieces: list[list[str]] = [list(a) for a in first[:6]]
    if (len(first) <= 3 or ws[0] in _ARTICLE_SET) and second:
        pieces.append(_ANCHOR_SEPS)
        pieces.extend(list(a) for a in second[:2])
    while len(pieces) > 3 and _combinations(pieces) > _MAX_COMBOS:
        pieces.pop()  # shorter, so still a prefix of every match
    anchors = {"".join(combo) for combo in itertools.product(*pieces)} - {""}
    return Form(pattern, frozenset(anchors), translit=True, head=head, tail=tail)


@functools.cache
def kazakh_latin_chain() -> str:
    """The Kazakh suffix chains in every Latin alphabet of :mod:`bannedorgs.kazakh_latin`."""
    return kazakh_latin.latin_pattern(_KK_CHAIN)


def _latin_capitals(options: tuple[str, ...]) -> tuple[str, ...]:
    """An acronym's letter in capitals: as a capital and its small letters (Sh) or all
    capitals (SH); the 2021 capital of i is İ."""
    out: dict[str, None] = {}
    for option in options:
        if not option:
            continue
        if option == "i":
            out.update(dict.fromkeys(("İ", "I")))
        out.update(dict.fromkeys((option[0].upper() + option[1:], option.upper())))
    return tuple(sorted(out, key=len, reverse=True))


def compile_kazakh_latin(name: str, *, case_sensitive: bool = False) -> Form | None:
    """A pattern for a Cyrillic name written in Latin-script Kazakh, in any of the official
    alphabets or the ad-hoc one (``Äl-Qaidağa``, ``DAİŞ-tıñ``, ``Ál-Qaıdanyń``), with Kazakh
    suffix chains; None for a name that is not Cyrillic, or an acronym of two letters (IG
    and IM are everyday Latin letter pairs)."""
    ws = words(name)
    if not ws or not _CYRILLIC.search(name):
        return None
    acronym = case_sensitive and len(ws) == 1
    if acronym and len(ws[0]) < 3:
        return None
    chain = kazakh_latin_chain()
    letters: list[list[tuple[str, ...]]] = []
    parts = []
    for word in ws:
        if acronym:
            opts = [_latin_capitals(kazakh_latin.letter_options(ch, official=True)) for ch in word]
            parts.append("".join("(?:" + "|".join(_escape_apostrophes(o) for o in alts) + ")" for alts in opts))
        elif word in _ARTICLE_SET:
            variants = _article_variants(word)
            # one piece: every spelling of every variant (әл, ал, аль: äl, a'l, al, ...)
            spellings = (itertools.product(*kazakh_latin.word_options(v)) for v in variants)
            opts = [tuple(dict.fromkeys("".join(combo) for combos in spellings for combo in combos))]
            parts.append("(?:" + "|".join(kazakh_latin.word_pattern(v) for v in variants) + ")")
        else:
            opts = kazakh_latin.word_options(word, _ANCHOR_VARIANTS)
            parts.append("".join(map(kazakh_latin.alternation, opts)))
        letters.append(opts)
    article = ws[0] in _ARTICLE_SET and len(ws) > 1
    head = _joined(parts, article_first=article)  # Äl-Qaida; run together, it is the Cyrillic form's
    tail = f"(?:-?{chain})?{_END}"
    first, second = letters[0], letters[1] if len(letters) > 1 else []
    whole = len(ws) > 1 and is_common(ws[0])
    # An anchor is met in the one-byte copy of a text, where every separator and apostrophe
    # is a space and letters without a byte of their own are "?": spellings alike there are
    # one anchor, so the product counts them once (and the anchor stays long and selective).
    pieces: list[list[str]] = [_seen_as(alts) for alts in (first if whole else first[:5])]
    if (len(first) <= 3 or ws[0] in _ARTICLE_SET or whole) and second:
        pieces.append(_seen_as(tuple(sep for sep in _ANCHOR_SEPS if sep or not article)))
        pieces.extend(_seen_as(alts) for alts in second[:2])
    while len(pieces) > 3 and _combinations(pieces) > _MAX_COMBOS:
        pieces.pop()  # shorter, so still a prefix of every match
    anchors = {"".join(combo) for combo in itertools.product(*pieces)} - {""}
    return Form(head + tail, frozenset(anchors), translit=True, head=head, tail=tail, backtracks=True)


def _joined(parts: list[str], *, article_first: bool) -> str:
    """The words' patterns joined by separators; a first article stands apart from the next
    word (at least one separator)."""
    if article_first:
        return parts[0] + f"(?=[{_SEP_CHARS}\r\n])" + SEP + SEP.join(parts[1:])
    return SEP.join(parts)


_SEEN_AS_SPACE = str.maketrans(dict.fromkeys(SEPARATORS + "\r\n", " "))


def _seen_as(options: tuple[str, ...]) -> list[str]:
    """Spellings as the matcher's one-byte copy shows them: lower case, separators and
    apostrophes as spaces (so "a'" and "a-" are one), İ as i."""
    return list(dict.fromkeys(o.replace("İ", "i").lower().translate(_SEEN_AS_SPACE) for o in options))


def _escape_apostrophes(option: str) -> str:
    return "".join(f"[{_APOS}]" if ch == "'" else re.escape(ch) for ch in option)


# --- transliteration families of Latin names ------------------------------------------------
# How English texts spell Arabic-origin names differently: vowels and their length marks,
# the ʿayn as an apostrophe or nothing, doubled letters, kh/h/x, q/k, j/dj/zh, w/v/u, y or
# nothing between vowels, a final -a/-ah/-at, and the article in its forms. A name's family
# is generated from its canonical spelling by these rules (the precision check against the
# registry's lookalikes is a test).
_FAMILY_CONSONANTS = {
    "kh": ("kh", "h", "x", "ḥ", "ḫ", "k"), "gh": ("gh", "g", "ğ"), "sh": ("sh", "ş", "š"),
    "th": ("th", "t", "s"), "dh": ("dh", "d", "z", "ḍ"), "dj": ("dj", "j", "dzh", "zh"),
    "zh": ("zh", "j", "dj", "dzh"), "j": ("j", "dj", "dzh", "zh"), "q": ("q", "k", "qu"),
    "k": ("k", "q", "c"), "h": ("h", "kh", "ḥ"), "w": ("w", "v", "u"), "v": ("v", "w"),
    "s": ("s", "ṣ"), "d": ("d", "ḍ"), "t": ("t", "ṭ"), "z": ("z", "ẓ"), "x": ("x", "kh", "h"),
    "y": ("yy", "y", "iy", "i", ""),
}  # fmt: skip
_FAMILY_VOWELS = {
    "a": ("aa", "a", "ā", "â", "e", "u"), "e": ("ee", "e", "ē", "a", "i"),
    "i": ("yyi", "yi", "ee", "ie", "i", "ī", "y", "e"),
    "o": ("oo", "o", "ō", "u"), "u": ("oo", "ou", "u", "ū", "o"),
}  # fmt: skip
_FAMILY_ARTICLES = ("al", "el", "ul", "ut", "ud", "ur", "us", "un", "an", "as", "ash", "at", "ad", "ar", "az",
                    "e", "i", "a", "wa", "wal", "va")  # fmt: skip
_FAMILY_UNIT = _regex.lazy(r"kh|gh|sh|th|dh|dj|zh|[aeiou]|.", re.IGNORECASE)


def _family_options(word: str) -> list[tuple[str, ...]]:
    units = _FAMILY_UNIT.findall(word)
    out: list[tuple[str, ...]] = []
    for i, unit in enumerate(units):
        if unit in _FAMILY_VOWELS:
            options = _FAMILY_VOWELS[unit]
            if i == len(units) - 1 and unit == "a":  # a final -a is also -ah, -at
                options = (*options, "ah", "at")
        else:
            options = _FAMILY_CONSONANTS.get(unit, (unit,))
            if i == 0:
                options = tuple(o for o in options if o)
            elif len(unit) == 1 and unit not in "y" and i > 0 and units[i - 1] == unit:
                options = (*options, "")  # a doubled letter may be written once
            elif unit == "h" and i == len(units) - 1 and units[i - 1] == "a":
                options = ("h", "t", "")  # a final -ah is also -a, -at
        out.append(tuple(dict.fromkeys(options)))
    return out


def _family_word(options: list[tuple[str, ...]]) -> str:
    parts = []
    for i, alts in enumerate(options):
        piece = "(?:" + "|".join(re.escape(a) for a in sorted(alts, key=len, reverse=True)) + ")"
        if i > 0:
            piece = f"[{_APOS}]?" + piece  # an ʿayn or a hamza between letters: Qa'ida, Jama'at
        parts.append(piece)
    return "".join(parts)


def compile_latin_family(name: str) -> Form | None:
    """The transliteration family of a Latin name of Arabic origin (al-Qa'ida, Jabhat
    an-Nusrah, Lashkar-e-Tayyaba from al-Qaeda, Jabhat al-Nusra, Lashkar-e-Taiba), or None for
    a name that is not one: without an Arabic article or with words of everyday English."""
    ws = words(name)
    if not name.isascii() or len(ws) < 2 or not any(w in _FAMILY_ARTICLES for w in ws):
        return None
    if any(is_common(w) for w in ws if w not in _FAMILY_ARTICLES):
        return None
    parts = []
    letters: list[list[tuple[str, ...]]] = []
    for i, word in enumerate(ws):
        if word in _FAMILY_ARTICLES:
            # a first article as written or plain (at-Takfir, al-Takfir), which keeps the
            # anchors long; a linking one in any form (Lashkar-e-Taiba, Lashkar-i-Taiba)
            articles = tuple(dict.fromkeys((word, "al", "el"))) if i == 0 else _FAMILY_ARTICLES
            parts.append("(?:" + "|".join(sorted(articles, key=len, reverse=True)) + ")")
            letters.append([articles])
        else:
            options = _family_options(word)
            parts.append(_family_word(options))
            letters.append(options)
    head = _joined(parts, article_first=ws[0] in _FAMILY_ARTICLES)  # "alqaida" is the name's own form
    tail = f"(?:{_POSSESSIVE}|-?{_KK_CHAIN}|-?{kazakh_latin_chain()})?{_END}"
    first = letters[0]
    pieces: list[list[str]] = [_seen_as(alts) for alts in first[:4]]
    if ws[0] in _FAMILY_ARTICLES and len(letters) > 1:
        pieces.append(_seen_as(tuple(sep for sep in _ANCHOR_SEPS if sep)))
        pieces.extend(_seen_as(alts) for alts in letters[1][:2])
    while len(pieces) > 2 and _combinations(pieces) > _MAX_COMBOS:
        pieces.pop()  # shorter, so still a prefix of every match
    anchors = {"".join(combo) for combo in itertools.product(*pieces)} - {""}
    return Form(head + tail, frozenset(anchors), translit=True, head=head, tail=tail, backtracks=True)


# --- spelling families of Cyrillic names of Arabic origin ----------------------------------
# How Russian and Kazakh texts write the same Arabic sounds differently: the vowels (Джабхат,
# Джебхат; Каида, Каеда; Асбат, Усбат), a short vowel written or not between consonants (Фатах, Фатх), a
# doubled letter once, дж or ж, х or һ, к or қ. A name with an Arabic article gets its family
# from the registry's spelling by these rules, as its Latin names do (compile_latin_family).
_CYR_FAMILY_VOWELS = {
    "а": "аеяәу", "е": "еаэя", "я": "яае", "ә": "әае", "и": "иыеі", "ы": "ыи", "і": "іи", "о": "оу",
    "у": "уоұү", "э": "эе",
}  # fmt: skip
_CYR_FAMILY_CONSONANTS = {"х": "хһ", "һ": "һх", "к": "кқ", "қ": "қк", "г": "гғ", "ғ": "ғг"}
_CYR_FAMILY_UNIT = _regex.lazy("дж|.")


def _cyr_family_units(stem: str) -> list[tuple[str, ...]]:
    """The spellings of each sound of a (lower-case) Cyrillic stem: a vowel between two
    consonants may be left out, a doubled letter written once, дж written ж and back."""
    units = _CYR_FAMILY_UNIT.findall(stem)
    out: list[tuple[str, ...]] = []
    for i, unit in enumerate(units):
        if unit in ("дж", "ж"):
            options: tuple[str, ...] = ("дж", "ж")
        elif unit in _CYR_FAMILY_VOWELS:
            options = tuple(_CYR_FAMILY_VOWELS[unit])
            # not in the first syllable: the anchors (the word's first letters) stay long
            inner = 1 < i < len(units) - 1 and len(units) >= 5 and unit in "аея"
            if inner and units[i - 1] not in _CYR_FAMILY_VOWELS and units[i + 1] not in _CYR_FAMILY_VOWELS:
                options = (*options, "")
        else:
            options = tuple(_CYR_FAMILY_CONSONANTS.get(unit, unit))
            if i and units[i - 1] == unit:
                options = (*options, "")
        out.append(options)
    return out


def _cyr_family_pattern(units: list[tuple[str, ...]]) -> str:
    parts = []
    for options in units:
        letters = [o for o in options if len(o) == 1]
        longer = [re.escape(o) for o in options if len(o) > 1]
        klass = ("[" + "".join(letters) + "]") if len(letters) > 1 else "".join(map(re.escape, letters))
        alts = [*longer, klass] if klass else longer
        piece = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        parts.append(piece + ("?" if "" in options else ""))
    return "".join(parts)


def compile_cyrillic_family(name: str) -> Form | None:
    """The spelling family of a Cyrillic name of Arabic origin («Джебхат Фатх аш-Шам» from
    «Джабхат Фатах аш-Шам»), inflected as the name is; None for a name without an Arabic
    article or with an everyday word."""
    ws = words(name)
    if not _CYRILLIC.search(name) or len(ws) < 2 or not any(w in _ARTICLE_SET for w in ws):
        return None
    if any(is_common(w) for w in ws if w not in _ARTICLE_SET) or name.strip().isupper():
        return None
    parts: list[str] = []
    first_units: list[tuple[str, ...]] = []
    second_units: list[tuple[str, ...]] = []
    tail = _END
    for i, word in enumerate(ws):
        if word in _ARTICLE_SET:
            piece, endings = _literal(word), ""
            units = [tuple(_article_variants(word))]
        else:
            _, endings, stem_len = _ru_word(word, acronym=False, alone=False)
            units = _cyr_family_units(word[:stem_len])
            if i == 1 and ws[0] in _ARTICLE_SET:
                # the letters of the anchor (after an article: the next word's first two) vary
                # as in the name's own form only (Аль-Ка...; its later vowels vary fully:
                # Каида, Кайда, Каеда), or "ал ке-" would meet Kazakh "ал кейін" everywhere
                units[:2] = [tuple(o for o in u if o in _ANCHOR_VARIANTS.get(u[0], u[0])) for u in units[:2]]
                second_units = units
            piece = _cyr_family_pattern(units)
        if i == 0:
            first_units = units
        if i == len(ws) - 1:
            parts.append(piece)
            tail = endings + _tail(cyrillic=True, acronym=False) + _END
        else:
            parts.append(piece + endings)
    head = _joined(parts, article_first=ws[0] in _ARTICLE_SET)
    pieces: list[list[str]] = [list(u) for u in first_units[:5]]
    if ws[0] in _ARTICLE_SET:  # an article alone is no anchor: run it into the next word
        seps = _seen_as(tuple(sep for sep in _ANCHOR_SEPS if sep))  # it stands apart (see _joined)
        pieces = [list(first_units[0]), seps, *(list(u) for u in second_units[:2])]
    while len(pieces) > 2 and _combinations(pieces) > _MAX_COMBOS:
        pieces.pop()  # shorter, so still a prefix of every match
    anchors = {a for a in map("".join, itertools.product(*pieces)) if len(a.strip()) >= 2}
    return Form(head + tail, frozenset(anchors), translit=True, head=head, tail=tail, backtracks=True)
