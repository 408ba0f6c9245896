"""Families of real usage that unseen text showed: words broken across lines, two-letter
acronyms among other banned names, spelling families of Cyrillic names of Arabic origin,
Russian names in Latin-script Kazakh, and namesake guards that carry over to Latin letters."""

from __future__ import annotations

import re

import pytest

import bannedorgs
from bannedorgs.forms import compile_cyrillic_family
from bannedorgs.registry import default_registry

DAY = "2022-06-01"  # every organisation of the registry is banned on it


def found(text: str, on: str = DAY) -> list[tuple[str, str]]:
    return [(m.org.id, m.surface) for m in bannedorgs.find(text, on=on)]


# -- a word hyphenated across a line break -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он состоял в «Исламском государ-\nстве» и воевал.", [("islamic-state", "Исламском государ-\nстве")]),
        ("Сотталушы «Ислам мем-\r\nлекеті» ұйымына қосылған.", [("islamic-state", "Ислам мем-\r\nлекеті")]),
        ("Members of al-Qa\u2010\nida were held.", [("al-qaeda", "al-Qa\u2010\nida")]),
        # a compound's hyphen at a line end: the name before it is found as it stands
        ("an Islamic State-\naffiliated cell", [("islamic-state", "Islamic State")]),
        # a capital after the break starts a word of its own: not joined
        ("Движение Тали-\nБан", []),
    ],
)
def test_a_word_broken_across_lines_is_read_joined(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_a_broken_word_gets_its_marker_after_the_whole_word() -> None:
    text = "Он состоял в «Исламском государ-\nстве» и воевал."
    out = bannedorgs.annotate(text, on=DAY).text
    assert out.startswith("Он состоял в «Исламском государ-\nстве»* и воевал.")


# -- two-letter acronyms where the sentence names the group's world --------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Наряду с ИГ в перечне значатся «Аль-Каида» и «Боз Гурд».",
         [("islamic-state", "ИГ"), ("al-qaeda", "Аль-Каида"), ("boz-gurd", "Боз Гурд")]),
        ("Группировка ИДУ присягнула ИГ.", [("islamic-movement-of-uzbekistan", "ИДУ"), ("islamic-state", "ИГ")]),
        ("ИГ присягнули новые отряды.", [("islamic-state", "ИГ")]),
        # other acronyms that are no banned organisation are no such context
        ("Сотрудники ИГ, МВД и КНБ провели совещание.", []),
        # a banned organisation in another paragraph is too far
        ("«Аль-Каида» упомянута в отчёте.\n\nСотрудники ИГ провели семинар.", [("al-qaeda", "Аль-Каида")]),
    ],
)  # fmt: skip
def test_two_letter_acronyms_among_banned_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


# -- spelling families of Cyrillic names of Arabic origin ----------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spellings checked by hand against the registry's (Джабхат Фатах аш-Шам, Асбат аль-Ансар)
        ("Её переименовали в «Джебхат Фатх аш-Шам».", [("al-nusra-front", "Джебхат Фатх аш-Шам")]),
        ("боевики Джабхат Фатх аш-Шам", [("al-nusra-front", "Джабхат Фатх аш-Шам")]),
        ("члены «Усбат аль-Ансар»", [("asbat-al-ansar", "Усбат аль-Ансар")]),
        ("связи с «Джунд аш-Шам»", []),  # a lookalike, not Джунд аль-Халифат
    ],
)
def test_cyrillic_spelling_families(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_no_cyrillic_family_reaches_a_lookalike_or_another_organisation() -> None:
    registry = default_registry()
    others = [(value, None) for value, _lang, _reason in registry.not_mentions]
    others += [(a.value, org.id) for org in registry for a in org.all_aliases()]
    families = 0
    for org in registry:
        for alias in org.all_aliases():
            family = compile_cyrillic_family(alias.value)
            if family is None:
                continue
            families += 1
            regex = re.compile(family.pattern, re.IGNORECASE)
            for value, owner in others:
                if owner != org.id:
                    assert not regex.fullmatch(value), (alias.value, value, owner)
    assert families >= 10


# -- Latin-script Kazakh: Russian names, and guards in Latin letters --------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Front an-Nusra» men «Jabhat an-Nusra» bir uıym.",
         [("al-nusra-front", "Front an-Nusra"), ("al-nusra-front", "Jabhat an-Nusra")]),
        ("«Front an-Nusranyń» sodyrlary", [("al-nusra-front", "Front an-Nusranyń")]),
        ("«Talıban Pákistan» (TTP) sodyrlary shabýyl jasady.", []),
        ("«Talıban Pakistana» sodyrlary", []),
        ("Musylman baýyrlar bir-birine kómektesýi kerek, dedi ımam.", []),
        ("«Musylman baýyrlar» uıymyna tyıym salynǵan.", [("muslim-brotherhood", "Musylman baýyrlar")]),
    ],
)  # fmt: skip
def test_latin_kazakh_names_and_guards(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


# -- sports clubs and their fans -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ФК «Алга» (Бишкек) обыграл «Дордой» со счетом 2:1.", []),
        ("Hockey fans calling themselves “Grey Wolves” organised a march.", []),
        ("Жастар «Барыс» хоккей клубының «Сұр қасқырлар» фан-клубын құрды.", []),
        ("Jastar «Barys» hokkei klýbynyń «Sur qasqyrlar» fan-klýbyn qūrdy.", []),
        ("«Боз Гурд» («Серые волки») запрещена в Казахстане.",
         [("boz-gurd", "Боз Гурд"), ("boz-gurd", "Серые волки")]),
        ("The Grey Wolves were banned in 2005.", [("boz-gurd", "Grey Wolves")]),
    ],
)  # fmt: skip
def test_clubs_and_fans_are_not_the_organisation(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected
