"""detect_language counts words in one pass; it must answer as the plain two-pass count did."""

from __future__ import annotations

from typing import Literal

from hypothesis import given, settings
from hypothesis import strategies as st

from bannedorgs.annotator import (
    _KK_WORDS,
    _LANGUAGE_SAMPLE,
    _NOT_LATIN_LETTERS,
    _RU_WORDS,
    _endings,
    _latin_language,
    detect_language,
)


def reference(text: str) -> Literal["en", "ru", "kk", "kk-Latn"]:
    """The rule written out plainly: letters and commonest words, then endings if unclear."""
    sample = text[:_LANGUAGE_SAMPLE].lower()
    ascii_part = sample.encode("ascii", "ignore")
    latin = len(ascii_part.translate(None, _NOT_LATIN_LETTERS))
    other = len(sample) - len(ascii_part)
    if other == 0 or other < latin:
        return _latin_language(sample)
    words = sample.split()
    kk = sum(sample.count(c) for c in "әғқңөұүһі") + 3 * sum(w in _KK_WORDS for w in words)
    ru = sum(sample.count(c) for c in "ёщъэ") + 3 * sum(w in _RU_WORDS for w in words)
    if min(kk, ru) * 3 < max(kk, ru):
        return "kk" if kk > ru else "ru"
    kk_endings, ru_endings = _endings()
    kk += 2 * len(kk_endings.findall(sample))
    ru += 2 * len(ru_endings.findall(sample))
    return "kk" if kk > ru else "ru"


PIECES = [
    *sorted(_KK_WORDS | _RU_WORDS),
    "суд", "сот", "ұйым", "организация", "запрещённой", "тыйым", "the", "court", "Almaty", "ИГИЛ-ге",
    "әғқңөұүһі", "ёщъэ", "ого", "ның", " ", "  ", "\n", "\u00a0", ".", ",", "«", "»", "ДА", "Мен",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.sampled_from([" ", "\n", "\t", "\u2003"]))
def test_the_one_pass_count_answers_as_the_plain_one(pieces: list[str], joint: str) -> None:
    text = joint.join(pieces)
    assert detect_language(text) == reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("аеиоқңүіәabc ёщ\n.,"), max_size=3000))
def test_any_mix_of_letters(text: str) -> None:
    assert detect_language(text) == reference(text)


def test_examples() -> None:
    assert detect_language("Соттың шешімімен ұйымға тыйым салынды.") == "kk"
    assert detect_language("Суд запретил организацию.") == "ru"
    assert detect_language("The court banned the group.") == "en"
    assert detect_language("Суд запретил «Сенім. Білім. Өмір» и другие организации в этом году.") == "ru"
