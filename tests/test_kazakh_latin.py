"""Kazakh in the Latin script, hidden characters inside names, and the structure that tells a
namesake from a banned name."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bannedorgs
from bannedorgs import cli
from bannedorgs.annotator import detect_language
from bannedorgs.footnotes import render
from bannedorgs.kazakh_latin import ACUTE_2018, APOSTROPHE_2017, OFFICIAL_2021, letter_options, to_latin
from bannedorgs.matcher import HIDDEN
from bannedorgs.registry import default_registry

DAY = "2022-06-01"  # every organisation of the registry is banned on it


def found(text: str, on: str = DAY) -> list[tuple[str, str]]:
    return [(m.org.id, m.surface) for m in bannedorgs.find(text, on=on)]


# -- the tables -----------------------------------------------------------------------------
def test_the_2021_alphabet_by_hand() -> None:
    # letters checked against the 2021 table: ә ä, ғ ğ, і ı, и/й i, ң ñ, ө ö, қ q, ш ş, ұ ū, ү ü, ы y
    assert to_latin("Әл-Қаидаға") == "Äl-Qaidağa"
    assert to_latin("Шығыс Түркістан ислам партиясы") == "Şyğys Türkıstan islam partiiasy"
    assert to_latin("Ұйым") == "Ūiym"
    assert to_latin("Ислам мемлекеті") == "İslam memleketı"
    assert to_latin("ДАИШ-тің") == "DAİŞ-tıñ"


def test_every_letter_of_the_2017_and_2018_tables_is_looked_for() -> None:
    for table in (APOSTROPHE_2017, ACUTE_2018):
        for letter, latin in table.items():
            assert latin in letter_options(letter), (letter, latin)
    for letter, latin in OFFICIAL_2021.items():
        assert latin in letter_options(letter)


def _kazakh_names() -> list[tuple[str, str]]:
    out = []
    for org in default_registry():
        for alias in org.all_aliases():
            value = alias.value
            if alias.lang != "kk" or not re.search("[а-яәғқңөұүһі]", value, re.IGNORECASE):
                continue
            if len(re.findall(r"\w+", value)) == 1 and value.isupper() and len(value) < 3:
                continue  # two-letter acronyms are not looked for in Latin (IM, IG are everyday)
            out.append((org.id, value))
    return out


@pytest.mark.parametrize("alphabet", [None, APOSTROPHE_2017, ACUTE_2018], ids=["2021", "2017", "2018"])
@pytest.mark.parametrize(("org_id", "name"), _kazakh_names())
def test_every_kazakh_name_is_found_in_every_latin_alphabet(org_id: str, name: str, alphabet: dict[str, str]) -> None:
    latin = to_latin(name, alphabet)
    text = f"Sot «{latin}» ūiymyn ekstremistık dep tanydy."
    mentions = bannedorgs.find(text, on=DAY)
    assert [(m.org.id, m.start) for m in mentions] == [(org_id, 5)], (latin, mentions)
    assert mentions[0].end == 5 + len(latin.rstrip("!"))  # as in Cyrillic, «Алга!» ends before its "!"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # suffix chains attached to the name are inside the span (checked by hand)
        ("Äl-Qaidağa qarjy audarğan azamat ūstaldy.", [("al-qaeda", "Äl-Qaidağa")]),
        ("DAİŞ-tıñ ügıt materialdary tabyldy.", [("islamic-state", "DAİŞ-tıñ")]),
        ("Ál-Qaıdanyń bólimsheleri kúsheıip keledi.", [("al-qaeda", "Ál-Qaıdanyń")]),
        ("A'l-Qai'dag'a qosylmaq bolg'an jigit ustaldy.", [("al-qaeda", "A'l-Qai'dag'a")]),
        ("Al-Kaidaga kosylgan 2 adam sottaldy", [("al-qaeda", "Al-Kaidaga")]),
        ("DAISh-ke baryp kelgen aielder", [("islamic-state", "DAISh-ke")]),
        ("Talibandy 2005 zhyly terroristik dep tanygan", [("taliban", "Talibandy")]),
        ("Ūiym müşelerı «Hizb ut-Tahrirdıñ» kıtaptaryn taratqan.", [("hizb-ut-tahrir", "Hizb ut-Tahrirdıñ")]),
        ("Sot «Köşe partiiasy» QDT-nyñ jaña atauy ekenın anyqtady.",
         [("koshe-partiyasy", "Köşe partiiasy"), ("democratic-choice-of-kazakhstan", "QDT-nyñ")]),
        # ә left in Latin text by a converter (abai.kz/lt) reads as ä; ś for ш (qazaqtili.com)
        ("Әl-Kaidanyng búrynghy jetekshisi týraly fil'm kórsetildi.", [("al-qaeda", "Әl-Kaidanyng")]),
        ("Djund әl-Halifat toby jarylystardy moynyna aldy.", [("jund-al-khilafah", "Djund әl-Halifat")]),
        ("«Kóśe partııasy» isi qaraldy.", [("koshe-partiyasy", "Kóśe partııasy")]),
        # old.muslim.kz's ad-hoc Latin: î for і, ı for ы
        ("«Islam memleketî» uyımına qosılğandar köbeydî.", [("islamic-state", "Islam memleketî")]),
        # a separate word after the name is not part of it
        ("Sot Hizb ut-Tahrir ūiymynyñ müşesın sottady.", [("hizb-ut-tahrir", "Hizb ut-Tahrir")]),
        # everyday words in small letters are not the name
        ("islam memleketi degen ne ozi?", []),
        ("Köşe jöndeu jūmystary aiaqtalady, dedı partiia ökılı.", []),
        # a surname is not the movement
        ("Seriktin ata-tegi Talibanov emes", []),
    ],
)  # fmt: skip
def test_latin_kazakh_by_hand(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_language_detection_tells_latin_kazakh_from_english_and_turkish() -> None:
    for text in (
        "Sot sottaluşyny ūiym müşesı dep tanyp, oğan bes jyl jaza tağaiyndady.",  # 2021
        "Hi'zb y't-Tahri'r ui'ymynyn' ug'ymy boi'yns'a hali'fat qaita qurylui' kerek.",  # 2017
        "Tablıǵı Jamaǵat ókilderi meshit mańynda ýaǵyz aıtqany úshin aıyppul tóledi.",  # 2018
        "Hizb ut-Tahrir uiymyna kirgen zhigitterdi sot 5 zhylga kesti",  # ad hoc
    ):
        assert detect_language(text) == "kk-Latn", text
    for text in (
        "Kazakhstan banned the Taliban in 2005 and lifted the ban in 2023.",
        "Türkiye ve Kazakistan arasında bir anlaşma imzalandı, Taliban için yeni bir dönem.",
        "The Supreme Court said the party was extremist.",
    ):
        assert detect_language(text) == "en", text


def test_latin_kazakh_footnotes_are_the_kazakh_ones_in_the_2021_alphabet() -> None:
    org = bannedorgs.get("hizb-ut-tahrir")
    assert org is not None
    kazakh = render(org, "kk", on=dt.date(2022, 1, 1))
    assert kazakh is not None
    latin = render(org, "kk-Latn", on=dt.date(2022, 1, 1))
    assert latin == to_latin(kazakh)
    assert latin is not None and "nauryzdan bastap" in latin and "«Hizb ut-Tahrir»" in latin


def test_annotate_writes_latin_footnotes_for_a_latin_kazakh_paragraph() -> None:
    text = "Sot Hizb ut-Tahrir ūiymynyñ müşesın 5 jylğa bas bostandyğynan aiyrdy."
    result = bannedorgs.annotate(text, on="2022-01-01")
    assert result.lang == "kk-Latn"
    assert result.text.startswith("Sot Hizb ut-Tahrir* ūiymynyñ")
    assert "«Hizb ut-Tahrir» ūiymy" in result.text and "Қ" not in result.text and "ұ" not in result.text
    again = bannedorgs.annotate(result.text, on="2022-01-01")
    assert again.text == result.text  # the Latin footnote names the organisation: idempotent
    forced = bannedorgs.annotate("Talibandy 2005 zhyly tanygan", on="2022-01-01", lang="kk-Latn")
    assert "«Taliban» ūiymy" in forced.text


def test_cli_annotate_writes_latin_kazakh_footnotes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Sot Äl-Qaidağa qarjy audarğan azamatty sottady.\n"))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert cli.main(["annotate", "--on", "2022-01-01"]) == 0
    assert "Äl-Qaidağa*" in out.getvalue()
    assert "ūiymy" in out.getvalue() and "Joğarğy Sotynyñ" in out.getvalue()


# -- hidden characters ---------------------------------------------------------------------
SENTENCES = [
    "В Таразе задержали членов «Хизб ут-Тахрир».",
    "Боевики Аль-Каиды и Исламского государства атаковали базу.",
    "Сот «Таблиғи Жамағат» ұйымының мүшелерін соттады.",
    "Members of Hizb ut-Tahrir and Jabhat al-Nusra were detained.",
    "DAİŞ-tıñ ügıt materialdary tabyldy.",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SENTENCES), st.integers(min_value=0, max_value=60), st.sampled_from(HIDDEN))
def test_a_hidden_character_changes_nothing_but_offsets(sentence: str, at: int, hidden: str) -> None:
    at = min(at, len(sentence))
    text = sentence[:at] + hidden + sentence[at:]

    def shift(start: int, end: int) -> tuple[int, int]:
        # the hidden character lies inside the span when it is after the span's first letter
        # and before its last one; before the span it moves the span
        return (start + (at <= start), end + (at < end))

    plain = [(m.org.id, *shift(m.start, m.end)) for m in bannedorgs.find(sentence, on=DAY)]
    with_hidden = [(m.org.id, m.start, m.end) for m in bannedorgs.find(text, on=DAY)]
    assert with_hidden == plain
    for m in bannedorgs.find(text, on=DAY):
        assert text[m.start : m.end] == m.surface


def test_stress_marks_and_soft_hyphens_inside_names_by_hand() -> None:
    assert found("Суд запретил «Хиз\u00adб ут-Тах\u00adрир».") == [("hizb-ut-tahrir", "Хиз\u00adб ут-Тах\u00adрир")]
    assert found("Он воевал в Исла\u0301мском госуда\u0301рстве.") == [
        ("islamic-state", "Исла\u0301мском госуда\u0301рстве")
    ]
    assert found("Боевики Аль\u200b-Каиды") == [("al-qaeda", "Аль\u200b-Каиды")]


# -- structure: another name, a surname, a quotation, a defined abbreviation -----------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISIS-K claimed the attack in Moscow.", []),
        ("Боевики ИГИЛ‑Хорасан взяли ответственность.", []),
        ("ISWAP, the Islamic State West Africa Province, attacked a base.", []),
        ("Al-Qaeda in the Indian Subcontinent was set up in 2014.", []),
        ("Al-Qaeda in Iraq and the Taliban in Afghanistan", [("al-qaeda", "Al-Qaeda"), ("taliban", "Taliban")]),
        ("ДАИШ-тің үгіт материалдары табылды.", [("islamic-state", "ДАИШ-тің")]),
        ("ДАИШ-ТІҢ ҮГІТ МАТЕРИАЛДАРЫ ТАБЫЛДЫ", [("islamic-state", "ДАИШ")]),  # a suffix in capitals
        ("Фамилия Талибанов встречается в Дагестане.", []),
        ("Имам: «Мұсылман бауырлар, бір-біріңе қамқор болыңдар», — деді.", []),
        ("«Мұсылман бауырлар» ұйымына тыйым салынған.", [("muslim-brotherhood", "Мұсылман бауырлар")]),
        ("Пәкістан Талибаны (ТТП) шабуылды мойнына алды.", []),
        ("«Хизб ут-Тахрир аль-Ислами» (ХТИ) действует подпольно. ХТИ вербует молодёжь.",
         [("hizb-ut-tahrir", "Хизб ут-Тахрир аль-Ислами"), ("hizb-ut-tahrir", "ХТИ"), ("hizb-ut-tahrir", "ХТИ")]),
        ("Запрещены: ИГ, ИДУ, ДВК.",
         [("islamic-state", "ИГ"), ("islamic-movement-of-uzbekistan", "ИДУ"),
          ("democratic-choice-of-kazakhstan", "ДВК")]),
    ],
)  # fmt: skip
def test_structure_tells_namesakes_apart(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


# -- case: a property of the name, computed from the data ----------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("members of hizb ut-tahrir were jailed", [("hizb-ut-tahrir", "hizb ut-tahrir")]),
        ("лидер хизб ут-тахрир задержан", [("hizb-ut-tahrir", "хизб ут-тахрир")]),
        ("lashkar-e-taiba militants", [("lashkar-e-taiba", "lashkar-e-taiba")]),
        ("the dream of an islamic state", []),  # everyday words keep their capitals
        ("a pack of grey wolves", []),
        ("алга, вперёд!", []),  # short, and quoted only
    ],
)
def test_long_distinctive_names_match_in_any_case(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


# -- transliteration families of Latin names -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spellings checked by hand against the canonical ones (al-Qaeda, Jabhat al-Nusra, ...)
        ("Fighters of al-Qa'ida were killed.", [("al-qaeda", "al-Qa'ida")]),
        ("Jabhat an-Nusrah and Jebhat al-Nusra", [("al-nusra-front", "Jabhat an-Nusrah"),
                                                 ("al-nusra-front", "Jebhat al-Nusra")]),
        ("Usbat al-Ansar was banned.", [("asbat-al-ansar", "Usbat al-Ansar")]),
        ("members of Hizb al-Tahrir", [("hizb-ut-tahrir", "Hizb al-Tahrir")]),
        ("Jund al-Hilafat claimed it", [("jund-al-khilafah", "Jund al-Hilafat")]),
        # the one-letter links of Lashkar-e-Taiba do not start a name: "a kind", "a key"
        ("a kind of key question", []),
        ("Jund al-Sham and Jamaat-ud-Dawa", []),
    ],
)  # fmt: skip
def test_transliteration_families(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_no_family_reaches_a_lookalike_or_another_organisation() -> None:
    from bannedorgs.forms import compile_latin_family

    registry = default_registry()
    others = [(value, None) for value, _lang, _reason in registry.not_mentions]
    others += [(a.value, org.id) for org in registry for a in org.all_aliases()]
    for org in registry:
        for alias in org.all_aliases():
            family = compile_latin_family(alias.value)
            if family is None:
                continue
            regex = re.compile(family.pattern, re.IGNORECASE)
            for value, owner in others:
                if owner != org.id:
                    assert not regex.fullmatch(value), (alias.value, value, owner)
