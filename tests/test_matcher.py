"""The text matcher: forms, guards, and agreement with a slow reference scan."""

from __future__ import annotations

import itertools
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bannedorgs.forms import compile_form, compile_translit
from bannedorgs.matcher import _QUOTE_BEFORE, HIDDEN, Candidate, Matcher, _needs_quote, _OneByte, _Spans
from bannedorgs.normalize import mend_mixed
from bannedorgs.registry import Registry, default_registry, load


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    reg = default_registry()
    return Matcher(list(reg), reg.not_mentions)


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(c.org.id, text[c.start : c.end]) for c in matcher.iter_matches(text) if c.org]


# -- forms --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Исламское государство", "исламскому государству"),
        ("Исламское государство", "исламским государством"),
        ("Братья-мусульмане", "братьями-мусульманами"),
        ("Братья мусульмане", "братьев мусульман"),
        ("Аль-Каида", "аль-каидой"),
        ("Аль-Каида", "аль-каиде"),
        ("Аль-Каида", "әл-каиданың"),  # Kazakh article and genitive
        ("Джабхат ан-Нусра", "джабхат ан-нусры"),
        ("Джабхат ан-Нусра", "джабхат аль-нусры"),  # the article written another way
        ("Талибан", "талибанды"),
        ("Талибан", "талибанның"),
        ("Ислам мемлекеті", "ислам мемлекетіне"),
        ("Ислам мемлекеті", "ислам мемлекетінің"),
        ("Көше партиясы", "коше партиясының"),  # Russian о for Kazakh ө
        ("Хизб ут-Тахрир", "хизбут-тахрир"),
        ("Хизб ут-Тахрир", "хизб\u00a0ут\u2011тахрира"),
        ("Сенім. Білім. Өмір", "сенім.білім.өмір"),
        ("Демократический выбор Казахстана", "демократическим выбором казахстана"),
        ("Исламское движение Узбекистана", "исламского движения узбекистана"),
        ("Tablighi Jamaat", "tablighi jamaat’s"),
    ],
)
def test_inflected_and_variant_forms(name: str, text: str) -> None:
    m = compile_form(name).regex.match(text)
    assert m is not None and m.end() == len(text), (name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Исламское государство", "исламский"),
        ("Талибан", "талибы"),  # a member noun, not the organisation
        ("Хизб ут-Тахрир", "хизбутовцы"),
        ("Алга", "алгоритм"),
    ],
)
def test_forms_stop_at_word_boundaries(name: str, text: str) -> None:
    m = compile_form(name).regex.match(text)
    assert m is None or m.end() < len(text)


def test_acronyms_and_kazakh_suffixes() -> None:
    form = compile_form("ИГИЛ", case_sensitive=True)
    for text in ("ИГИЛ", "ИГИЛ-ге", "ИГИЛ-дің", "Игил"):
        m = form.regex.match(text)
        assert m is not None and m.end() == len(text), text
    assert compile_form("ИГИЛ", case_sensitive=True).regex.match("игил") is None
    assert compile_form("IS", case_sensitive=True).regex.match("IS’s").end() == 4  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "text"),
    [("Хизб-ут-Тахрир", "hizb-ut-takhrir"), ("Ат-Такфир уаль-Хиджра", "at-takfir ual-hidzhra")],
)
def test_transliterations(name: str, text: str) -> None:
    form = compile_translit(name)
    assert form is not None
    m = form.regex.match(text)
    assert m is not None and m.end() == len(text)


def test_anchors_are_prefixes_of_matches() -> None:
    form = compile_form("Исламское государство")
    assert any("исламского государства".startswith(a) for a in form.anchors)


def test_a_kazakh_name_anchors_past_its_short_first_word() -> None:
    # its words before the last do not inflect, so the scan need not stop at every "орт…"
    form = compile_form("Орта Азия моджахедтерінің жамағаты")
    assert all(len(a) > 5 and a[:3] in ("орт", "өрт") and a[3] in "аә" for a in form.anchors), sorted(form.anchors)
    assert form.regex.fullmatch("орта азия моджахедтерінің жамағатына")
    assert not form.regex.fullmatch("орты азия моджахедтерінің жамағатына")
    # a Russian name still inflects its first word, and its anchor is that word's stem
    russian = compile_form("Серые волки")
    assert russian.regex.fullmatch("серых волков")


# -- guards on the real registry ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Суд признал «Исламское государство» террористической организацией.",
            [("islamic-state", "Исламское государство")],
        ),
        ("They dreamt of an Islamic state ruled by clerics.", []),
        ("Идея построить исламское государство не нова.", []),
        ("The Islamic State of Afghanistan was proclaimed in 1992.", []),
        ("Hezbollah and Jund al-Sham are not on the list.", []),
        ("Tehrik-i-Taliban Pakistan claimed the attack.", []),
        ("WHAT IS NEXT FOR THE REGION", []),
        ("The ministry ordered an IS audit of its servers.", []),
        ("Five men were jailed for IS membership and recruitment.", [("islamic-state", "IS")]),
        ("Он поздравил братьев-мусульман с праздником.", []),
        ("Талибы вошли в Кабул.", []),
        ("Алга, Қазақстан деп айтты.", []),
        ("Суд запретил партию «Алга!».", [("alga-peoples-party", "Алга")]),
        ("ИГИЛ-ге қосылған азаматтар елге оралды.", [("islamic-state", "ИГИЛ-ге")]),
        ("Members of Hizb ut-Tahrir's cell were detained.", [("hizb-ut-tahrir", "Hizb ut-Tahrir's")]),
        ("В Таразе задержали членов «Хизб‑ут‑Тахрира».", [("hizb-ut-tahrir", "Хизб‑ут‑Тахрира")]),
    ],
)
def test_precision_guards(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


def test_lookalike_letters_inside_names(matcher: Matcher) -> None:
    # a Latin 'a' typed inside the Cyrillic «Талибан»
    assert found(matcher, "Движение «Тaлибан» объявило амнистию.") == [("taliban", "Тaлибан")]


# -- the fast scan agrees with a slow, obviously correct one ------------------------------
def reference(matcher: Matcher, text: str) -> set[tuple[int, int, int]]:
    """Try every form at every word start (a quoted-only name: after a quotation mark) with
    no automaton and no anchors."""
    low = mend_mixed(text.replace("İ", "I").lower())
    out = set()
    for index, entry in enumerate(matcher._entries):
        regex = re.compile(entry.pattern)
        haystack = text if entry.alias.case_sensitive and _is_acronym(entry) else low
        for start in range(len(text)):
            if start and haystack[start - 1].isalnum():
                continue
            if _needs_quote(entry.alias) and not (start and text[start - 1] in _QUOTE_BEFORE):
                continue
            m = regex.match(haystack, start)
            if m and m.end() > start:
                out.add((start, m.end(), index))
    return out


def _is_acronym(entry: object) -> bool:
    return bool(entry.original)  # type: ignore[attr-defined]


def fast(matcher: Matcher, text: str) -> set[tuple[int, int, int]]:
    index = {id(e): i for i, e in enumerate(matcher._entries)}
    # near misses (the typo pass) are not forms: the reference knows only the forms
    return {(c.start, c.end, index[id(c.entry)]) for c in matcher.candidates(text) if not c.entry.fuzzy}


PIECES = [
    "Исламского государства", "ИГИЛ-ге", "Хизб ут‑Тахрир", "хизбут-тахрир", "Аль-Каидой", "әл-Каиданың",
    "Talibana", "Taliban’s", "IS", "IS's", "Islamic State", "ДВК", "Коше партиясы", "суд", "court", "«", "»",
    "Алга", "Alga!", "алғашқы", "\"", "Аль\u2011Каиды", "al\u00a0Qaeda", "Аль - Каида", "Сенім.Білім.Өмір",
    " ", " ", ", ", ". ", "-", "\u00a0", "\n", "banned", "запрещена", "тыйым", "Jabhat al-Nusra", "Даиш",
    "\U0001f600", "حزب التحرير", "İ", "\ufffe", "?",
    "исламскогогосударства", "Исламскоегосударствоирака", "Талибанский", "талибанов", "Хизбутовцы", "ИГИЛ-овцы",
    "Исламского государства Ирака и Леванта", "әл-Қаиданың", "Аль-Каидой-ға", "Taliban’s",
    # Latin-script Kazakh in the 2021, 2017, 2018 and ad-hoc alphabets
    "Äl-Qaidağa", "DAİŞ-tıñ", "A'l-Qai'dag'a", "Tali'ban", "İslam memleketı", "Hızb ýt-Tahrır", "Ál-Qaıdanyń",
    "DAISh-ke", "Talibandy", "QDT-nyñ", "Köşe partiiasy", "Tabli'g'i' Jamag'at",
    # transliteration families of Latin names
    "al-Qa'ida", "Jabhat an-Nusrah", "Usbat al-Ansar", "Hizb al-Tahrir", "Lashkar-i-Tayyiba", "a kind",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
def test_fast_scan_finds_what_the_reference_finds(matcher: Matcher, pieces: list[str]) -> None:
    text = "".join(pieces)
    assert fast(matcher, text) == reference(matcher, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_the_one_byte_copy_keeps_every_offset(matcher: Matcher, text: str) -> None:
    # the automaton runs over one byte per character: offsets must be the text's own
    low = text.lower()
    encoded = matcher._bytes.encode(low)
    assert len(encoded) == len(low) + 1 and encoded[:1] == b" "  # the text's start is a boundary
    for i, ch in enumerate(low):
        byte = encoded[i + 1 : i + 2]
        assert byte == matcher._bytes.encode(ch, lead=False)
        if ch in HIDDEN:  # a soft hyphen, zero-width space or stress mark: a byte of its own
            assert byte == b"\x01"
        elif not ch.isalnum():  # a boundary: a space, or "?" for the caller to check
            assert byte in (b" ", b"?")
        elif byte == b" ":
            raise AssertionError(f"{ch!r} is a letter but became a boundary")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(range(0x0400, 0x0600)), min_size=1, max_size=8), st.text(max_size=40))
def test_more_letters_than_a_byte_holds_only_add_hits(letters: list[int], noise: str) -> None:
    # 512 letters for 128 free bytes: some share a byte, so a key may also match a lookalike,
    # but wherever a key is written, its bytes are there
    keys = ["".join(map(chr, range(lo, lo + 4))) for lo in range(0x0400, 0x0600, 4)]
    one = _OneByte(keys, "\u00a0\u2011«»")
    word = "".join(map(chr, letters))
    text = noise + word + noise
    encoded = one.encode(text, lead=False)
    assert len(encoded) == len(text)
    assert encoded[len(noise) : len(noise) + len(word)] == one.encode(word, lead=False)
    assert one.encode("\u00a0\u2011«»", lead=False) == b"    "  # boundaries stay boundaries


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="АаБбӘәҒғИиІіЁёXxİiIzZ -«»\u2011\u00a0?.", max_size=60))
def test_the_one_byte_copy_folds_capitals(matcher: Matcher, text: str) -> None:
    # the text is encoded as it is: a capital must give its small letter's byte
    lower = text.replace("İ", "I").lower()
    assert matcher._bytes.encode(text) == matcher._bytes.encode(lower)


def test_separators_keep_their_byte_when_room_runs_out() -> None:
    # 64 letters with capitals need all 128 bytes: separators are kept first (a name may hold
    # them), then Cyrillic letters, quotation marks, and the other letters most anchors use,
    # with their capitals; the rest read as "?" in anchors and text alike, so an anchor still
    # meets every text that holds it
    cyrillic = "".join(chr(c) for c in range(0x0430, 0x0450))  # 32 letters with capitals
    greek = "".join(chr(c) for c in range(0x03B1, 0x03CA))  # 25
    armenian = "".join(chr(c) for c in range(0x0561, 0x0587))  # 38: more than the bytes left
    one = _OneByte([cyrillic, cyrillic, greek, armenian], "\u2011\u00a0", "«»")
    assert one.encode("а\u2011б\u00a0в", lead=False) == one.encode("а б в", lead=False)
    for word in (cyrillic, greek, armenian):  # capitals read as their small letters (as lower())
        assert one.encode(word.upper(), lead=False) == one.encode(word.upper().lower(), lead=False)
    assert b"?" not in one.encode(cyrillic + greek, lead=False)  # the most used, and the first
    assert one.encode(armenian[-1] + armenian[-1].upper(), lead=False) == b"??"  # no room left
    assert one.encode("«»", lead=False) == b"  "  # quotation marks before letters of other scripts


def test_the_faster_automaton_finds_the_same(matcher: Matcher) -> None:
    text = "Члены «Хизб ут-Тахрир» и боевики ИГИЛ-а; Taliban’s envoy; әл-Каиданың.\n" * 3
    before = fast(matcher, text)
    copy = pickle.loads(pickle.dumps(matcher))
    copy._scanned = 1 << 30  # as after a few MB: the DFA is built
    assert fast(copy, text) == before
    assert copy._dfa is not None and copy._nfa is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_sorted_non_overlapping_matches(matcher: Matcher, text: str) -> None:
    cands: list[Candidate] = list(matcher.iter_matches(text))
    for a, b in itertools.pairwise(cands):
        assert a.end <= b.start
    for c in cands:
        assert 0 <= c.start < c.end <= len(text)


def test_registry_fixture_is_independent(mini: Registry) -> None:
    m = Matcher(list(mini), mini.not_mentions)
    assert found(m, "The Red Banner Choir sang.") == []
    assert found(m, "Members of the Red Banner Front met.") == [("red-banner", "Red Banner Front")]
    assert re.search("Красн", "Красного знамени") is not None
    assert found(m, "Члены «Красного знамени» задержаны.") == [("red-banner", "Красного знамени")]


def test_an_acronym_written_as_a_name_needs_quotes_or_context(matcher: Matcher) -> None:
    assert found(matcher, "Игил Рахимов, житель Шымкента, выиграл турнир.") == []
    assert found(matcher, "Идеология «Даиш» запрещена.") == [("islamic-state", "Даиш")]
    assert found(matcher, "Боевики Даиш взорвали мост.") == [("islamic-state", "Даиш")]
    assert found(matcher, "Боевики ДАИШ взорвали мост.") == [("islamic-state", "ДАИШ")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a typo and a case ending together
        ("В лагерях Исламского движения Узбекистна находились боевики.",
         [("islamic-movement-of-uzbekistan", "Исламского движения Узбекистна")]),
        ("Шығыс Түркістан ислам партясының мүшелері",
         [("islamic-party-of-east-turkestan", "Шығыс Түркістан ислам партясының")]),
        ("The East Turkestan Liberation Organizaton was named.",
         [("east-turkestan-liberation-organization", "East Turkestan Liberation Organizaton")]),
        # near misses that are other phrases
        ("Ислам мемлекеттері ынтымақтастығы ұйымы отырыс өткізді.", []),
        ("Исламские государства Залива подписали соглашение.", []),
        ("Исламская партия возрождения Таджикистана запрещена в Таджикистане.", []),
        ("The Muslim Brothers of Egypt met.", []),
    ],
)  # fmt: skip
def test_typos_with_endings_and_near_misses(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


def test_abbreviations_a_text_defines(matcher: Matcher) -> None:
    text = "Суд упомянул Лашкар-и-Тайба (ЛиТ) и Талибан (AFP). Позже ЛиТ снова назван, а ЛиТовец — нет."
    got = found(matcher, text)
    assert ("lashkar-e-taiba", "ЛиТ") in got
    assert got.count(("lashkar-e-taiba", "ЛиТ")) == 2  # in brackets and later on its own
    assert ("taliban", "AFP") not in got  # an agency in brackets is no abbreviation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spelled out as other words, before or after it: not the organisation, anywhere in the text
        ("Қалалық дене тәрбиесі (ҚДТ) орталығы ашылды. ҚДТ директоры сөз сөйледі.", []),
        ("QDT (qalalyq dene tärbiesı) ortalyğy jaña zal aşty.", []),
        ("Инициативная группа (ИГ) собрала подписи.", []),
        # spelled out as the organisation's own name: its acronym, there and later
        ("Қазақстанның демократиялық таңдауы (ҚДТ) тыйым салынды; ҚДТ жақтастары сотталды.",
         [("democratic-choice-of-kazakhstan", "Қазақстанның демократиялық таңдауы"),
          ("democratic-choice-of-kazakhstan", "ҚДТ"), ("democratic-choice-of-kazakhstan", "ҚДТ")]),
        ("Исламское государство (ИГ) взяло ответственность.",
         [("islamic-state", "Исламское государство"), ("islamic-state", "ИГ")]),
        # initials that do not spell it out change nothing
        ("Боевики (ИГ) атаковали город.", [("islamic-state", "ИГ")]),
    ],
)  # fmt: skip
def test_an_acronym_the_text_spells_out_as_other_words(
    matcher: Matcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Kazakh abbreviation of Ислам мемлекеті, with a cue or the full name near it
        ("ИМ-нің содырлары шабуыл жасады.", [("islamic-state", "ИМ-нің")]),
        ("ИМ деп қысқартылатын «Ислам мемлекетінің» соңғы қамалы құлады.",
         [("islamic-state", "ИМ"), ("islamic-state", "Ислам мемлекетінің")]),
        # without one it is two letters of anything; in capitals it is a Russian word
        ("Врачи диагностировали ИМ у пациента.", []),
        ("ИМ ГРОЗИТ СРОК ЗА ЭКСТРЕМИЗМ", []),
        # in quotation marks in a headline in capitals it is a name again, still with context
        ("ФРОНТ АН-НУСРА И «ИГ»: КАЗАХСТАНЦЕВ ВЕРБУЮТ ЧЕРЕЗ TELEGRAM",
         [("al-nusra-front", "ФРОНТ АН-НУСРА"), ("islamic-state", "ИГ")]),
        ('WHAT IS THE "IS" TERROR THREAT?', [("islamic-state", "IS")]),
        ('WHAT IS THE "IS" OF THIS SENTENCE?', []),
    ],
)  # fmt: skip
def test_the_kazakh_two_letter_abbreviation_of_islamic_state(
    matcher: Matcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a separately named branch with the core group's name in quotes is still the branch
        ("«Аль-Каида» на Аравийском полуострове взяла ответственность.", []),
        ('"Al-Qaeda" in the Arabian Peninsula claimed the attack.', []),
        ("Араб түбегіндегі «Әл-Каида» шабуыл жасады.", []),
        # the core group in quotes, with no branch's words after it
        ("«Аль-Каида» взяла ответственность.", [("al-qaeda", "Аль-Каида")]),
    ],
)  # fmt: skip
def test_a_lookalike_phrase_with_a_quoted_name_inside(
    matcher: Matcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name of everyday words opening a quotation: its capital may be the quotation's
        ("Имам: «Мұсылман бауырлар, бір-біріңе қамқор болыңдар», — деді.", []),
        ("«Исламское государство строить не будем», — сказал депутат.", []),
        # the organisation named otherwise in the text, or a cue nearby, settles it
        ("«Исламское государство убило моего брата», — сказала она. ИГИЛ взяло ответственность.",
         [("islamic-state", "Исламское государство"), ("islamic-state", "ИГИЛ")]),
        ("«Ислам мемлекетіне кеткенімді кешірмеймін». Ол ДАИШ қатарында үш жыл болған.",
         [("islamic-state", "Ислам мемлекетіне"), ("islamic-state", "ДАИШ")]),
        ("«Islam memleketıne ketkenımdı keşırmeimın». Ol DAİŞ qatarynda bolğan.",
         [("islamic-state", "Islam memleketıne"), ("islamic-state", "DAİŞ")]),
        ("«Исламское государство вербует подростков», — сказал прокурор.",
         [("islamic-state", "Исламское государство")]),
        ("«Islam memleketı jastardy ekstremizmge tartady», — dedı ol.", [("islamic-state", "Islam memleketı")]),
        # the whole name in quotes needs nothing more
        ("«Мұсылман бауырлар» ұйымына тыйым салынған.", [("muslim-brotherhood", "Мұсылман бауырлар")]),
    ],
)  # fmt: skip
def test_an_everyday_name_opening_a_quotation_needs_context(
    matcher: Matcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Kazakh renderings of list names: Орта Азия beside Орталық Азия, the plural as an
        # attribute, the singular реформа; in Latin script too
        ("Орта Азия моджахедтерінің жамағатына тыйым салынды.",
         [("jamaat-of-central-asian-mujahideen", "Орта Азия моджахедтерінің жамағатына")]),
        ("«Орталық Азия моджахедтері жамағаты» тізімде.",
         [("jamaat-of-central-asian-mujahideen", "Орталық Азия моджахедтері жамағаты")]),
        ("Orta Aziia mojahedterı jamağaty tızımde.",
         [("jamaat-of-central-asian-mujahideen", "Orta Aziia mojahedterı jamağaty")]),
        ("«Әлеуметтік реформа қоғамының» қаржысы тексерілді.",
         [("social-reform-society", "Әлеуметтік реформа қоғамының")]),
        ("Ауылда әлеуметтік реформа қоғамы туралы айтылды.", []),  # an everyday phrase in small letters
    ],
)  # fmt: skip
def test_kazakh_renderings_of_list_names(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Боевики Исламского государства – провинции Хорасан атаковали аэропорт.",
        "Боевики «Исламского государства – провинции Хорасан» атаковали аэропорт Кабула.",
        "Ислам мемлекеті – Хорасан провинциясының содырлары шабуыл жасады.",
    ],
)
def test_the_khorasan_branch_as_the_russian_and_kazakh_press_name_it(matcher: Matcher, text: str) -> None:
    assert found(matcher, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # believers addressed, not the organisation: an exclamation mark or a greeting follows
        ("Мұсылман бауырлар! Ораза айт құтты болсын.", []),
        ("Mūsylman bauyrlar! Oraza ait qūtty bolsyn.", []),
        ("Братья-мусульмане, салам! Завтра субботник у мечети.", []),
        ("Братья-мусульмане, запрещённые в 2005 году, действуют скрытно.",
         [("muslim-brotherhood", "Братья-мусульмане")]),
        # a tweet's hat tip is not Hizb ut-Tahrir's initials; its full name still counts
        ("Police detained five Hizb ut-Tahrir members in Shymkent. HT @someone",
         [("hizb-ut-tahrir", "Hizb ut-Tahrir")]),
        ("Hizb ut-Tahrir (HT) leaflets were seized.", [("hizb-ut-tahrir", "Hizb ut-Tahrir"), ("hizb-ut-tahrir", "HT")]),
        # three capitals in a headline in capitals: a word unless the context is banned groups
        ("НЕ ЖДИТЕ, Я ИДУ ДОМОЙ!", []),
        ("ЧЛЕНЫ ИДУ ЗАДЕРЖАНЫ В ШЫМКЕНТЕ", [("islamic-movement-of-uzbekistan", "ИДУ")]),
        ("ҚДТ-НЫҢ ЕКІ БЕЛСЕНДІСІНЕ ҮКІМ ШЫҚТЫ", [("democratic-choice-of-kazakhstan", "ҚДТ")]),  # a suffix: a name
        # a name in single quotes: the closing quote is not a possessive apostrophe
        ("Supporters of 'Street Party' rallied in Almaty.", [("koshe-partiyasy", "Street Party")]),
        ("The court named 'Hizb ut-Tahrir' in its ruling.", [("hizb-ut-tahrir", "Hizb ut-Tahrir")]),
        # Alga! in a list line before a dash, and Alga's as a possessive
        ("Alga! — banned in 2012", [("alga-peoples-party", "Alga!")]),
        ("Alga's lawyers appealed the ruling.", [("alga-peoples-party", "Alga's")]),
        ("Alga was a town before it was a district centre.", []),
        # a headline's compound with a dash is not a branch's name
        ("ISIS-Linked Cell Dismantled In Almaty", [("islamic-state", "ISIS")]),
        ("ISIS-K Claims Kabul Attack", []),
        # a possessive predicate in Kazakh, in both scripts
        ("Бұл парақшалар Хизб ут-Тахрирдікі болып шықты.", [("hizb-ut-tahrir", "Хизб ут-Тахрирдікі")]),
        ("Bul paraqşalar Hizb ut-Tahrirdıkı bolyp şyqty.", [("hizb-ut-tahrir", "Hizb ut-Tahrirdıkı")]),
        # the DVK's name in small letters is an ordinary phrase
        ("Выборы — это демократический выбор Казахстана, сказал он.", []),
        ("It was a democratic choice of Kazakhstan's voters.", []),
        ("Суд запретил «Демократический выбор Казахстана».",
         [("democratic-choice-of-kazakhstan", "Демократический выбор Казахстана")]),
        # acronyms that are also things: a machine gun, a sensor, a power tool
        ("Изъяты ручной пулемёт РПК и 300 патронов.", []),
        ("The drone's IMU needs calibration after a crash.", []),
        ("A DCK cordless drill costs less on Kaspi.", []),
        ("Лидеры РПК объявили о роспуске.", [("kurdish-peoples-congress", "РПК")]),
        # a media spelling of al-Qaeda, in small letters without its hyphen
        ("в чате писали про аль кайеду", [("al-qaeda", "аль кайеду")]),
        # a web address is not a mention: a link's slug, a domain, with or without a scheme
        ("Подробнее: https://tengrinews.kz/kazakhstan_news/hizb-ut-tahrir-sud-123/", []),
        ("Source: azattyq.org/a/tablighi-jamaat-ban/2013.html", []),
        ("The site www.hizb-ut-tahrir.info was blocked in 2005.", []),
        ("The site hizb-ut-tahrir.org was blocked in 2005.", []),
        ("Hizb ut-Tahrir/Хизб ут-Тахрир: the two spellings.",
         [("hizb-ut-tahrir", "Hizb ut-Tahrir"), ("hizb-ut-tahrir", "Хизб ут-Тахрир")]),
        ("Members of Hizb ut-Tahrir.Police said so.", [("hizb-ut-tahrir", "Hizb ut-Tahrir")]),
        # an acronym with a number is a model's name
        ("На складе нашли три машины ДВК-2М.", []),
        ("ДВК-ның екі белсендісі ұсталды.", [("democratic-choice-of-kazakhstan", "ДВК-ның")]),
        # an address whose sentence ends in an exclamation mark
        ("Мұсылман бауырлар, сенбілікке келіңіздер!", []),
        ("Мұсылман бауырлар, тыйым салынған ұйым, Египетте құрылған.",
         [("muslim-brotherhood", "Мұсылман бауырлар")]),
        # place names and firmware notes
        ("Bozkurt, a town in Kastamonu province, lies near the Black Sea.", []),
        ("The IMU drift was fixed in the new firmware.", []),
    ],
)  # fmt: skip
def test_posts_lists_and_headlines(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # once the organisation is named, its translation stands unquoted with its capitals
        ("Koshe Partiyasy was banned in 2020. The Street Party, as it is also called, disagrees.",
         [("koshe-partiyasy", "Koshe Partiyasy"), ("koshe-partiyasy", "Street Party")]),
        ("«Көше партиясы» запрещена. Её сторонники создали Партия улицы в 2019 году.",
         [("koshe-partiyasy", "Көше партиясы"), ("koshe-partiyasy", "Партия улицы")]),
        # not before it is named, not in small letters, not by a first word's sentence capital
        ("The Street Party drew crowds. Koshe Partiyasy was banned later.",
         [("koshe-partiyasy", "Koshe Partiyasy")]),
        ("Koshe Partiyasy was banned. A street party went ahead anyway.", [("koshe-partiyasy", "Koshe Partiyasy")]),
        ("«Көше партиясы» запрещена. Партия улицы не согласна.", [("koshe-partiyasy", "Көше партиясы")]),
        # nor next to its namesake guard words, nor where it is another name in other case
        ("«Боз Гурд» запрещена. Фанаты команды Серые волки выиграли матч.", [("boz-gurd", "Боз Гурд")]),
        ("The Islamic State was banned. Its fighters wanted an Islamic state.", [("islamic-state", "Islamic State")]),
    ],
)  # fmt: skip
def test_a_translation_named_again_after_its_organisation(
    matcher: Matcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Alga! right after the word "party" is the party's name even where the sentence ends
        ("Prosecutors asked to ban the opposition party Alga! The hearing lasted a day.",
         [("alga-peoples-party", "Alga!")]),
        ("Alga! Let us go forward together!", []),
        # the football club Alga: a striker, a coach, a half of the match
        ("Гол забил нападающий «Алги» в первом тайме.", []),
        ("«Алга» сменила тренера перед стартом сезона.", []),
        # a company named Алеф is not Aum Shinrikyo's successor
        ("ТОО «Алеф Групп» открыло склад в Караганде.", []),
        ("«Алеф», бывшая «Аум Синрикё», действует в Японии.",
         [("aum-shinrikyo", "Алеф"), ("aum-shinrikyo", "Аум Синрикё")]),
        # a bracketed translation and another spelling
        ("Члены «Ат-Такфир валь-Хиджра» («Обвинение в неверии и переселение») задержаны.",
         [("at-takfir-wal-hijra", "Ат-Такфир валь-Хиджра"),
          ("at-takfir-wal-hijra", "Обвинение в неверии и переселение")]),
        ("Его обвинение в неверии и переселение в другой город не связаны.", []),
        ("Usbat al-Ansar fighters left the camp.", [("asbat-al-ansar", "Usbat al-Ansar")]),
        # what the Arabic name means is a gloss, not a name (policy)
        ("Hizb ut-Tahrir, whose name means Party of Liberation, was banned.", [("hizb-ut-tahrir", "Hizb ut-Tahrir")]),
    ],
)  # fmt: skip
def test_articles_namesakes_and_translations(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


def test_a_translation_counts_within_an_articles_reach_of_its_organisation(matcher: Matcher) -> None:
    from bannedorgs.matcher import _TRANSLATION_REACH

    filler = "Other news of the day. " * (_TRANSLATION_REACH // 23 + 1)
    near = "Koshe Partiyasy was banned. The Street Party disagrees."
    assert found(matcher, near)[-1] == ("koshe-partiyasy", "Street Party")
    far = "Koshe Partiyasy was banned. " + filler + "The Street Party disagrees."
    assert found(matcher, far) == [("koshe-partiyasy", "Koshe Partiyasy")]
    # another mention of the organisation opens a window of its own
    again = far.replace(filler, filler + "Koshe Partiyasy again. ")
    assert found(matcher, again)[-1] == ("koshe-partiyasy", "Street Party")


def test_a_defined_abbreviation_counts_before_its_definition_too(matcher: Matcher) -> None:
    # a headline's abbreviation ahead of the sentence that spells it out
    text = "ӨИҚ-тың тарихы: Өзбекстан ислам қозғалысы (ӨИҚ) 1990 жылдары құрылды."
    got = [(org, surface) for org, surface in found(matcher, text) if org == "islamic-movement-of-uzbekistan"]
    assert got == [
        ("islamic-movement-of-uzbekistan", "ӨИҚ"),
        ("islamic-movement-of-uzbekistan", "Өзбекстан ислам қозғалысы"),
        ("islamic-movement-of-uzbekistan", "ӨИҚ"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline in capitals is a sentence of its own, though the article goes on on its line
        ("WHAT IS THE TALIBAN'S STATUS IN KAZAKHSTAN? The group was taken off the list.",
         [("taliban", "TALIBAN'S")]),
        # acronyms listed in a sentence are acronyms
        ("ИГ, ИДУ и «Аль-Каида» запрещены в Казахстане.",
         [("islamic-state", "ИГ"), ("islamic-movement-of-uzbekistan", "ИДУ"), ("al-qaeda", "Аль-Каида")]),
        # the Indian Subcontinent's branch in Kazakh, its core group's name in quotes
        ("Үнді түбегіндегі «Әл-Каида» Бангладеште шабуыл жасады.", []),
    ],
)  # fmt: skip
def test_headlines_and_branches(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


def test_a_word_in_two_scripts_is_mended_into_the_script_that_can_hold_it() -> None:
    assert mend_mixed("тaлибaн") == "талибан"  # Latin look-alikes in a Cyrillic word
    assert mend_mixed("сосl") == "cocl"  # l has no Cyrillic look-alike: Latin, though fewer
    assert mend_mixed("әl-kaidanyng") == "äl-kaidanyng"  # ә left in Latin text is ä
    assert mend_mixed("мәдениет") == "мәдениет"  # one script: nothing to mend


@pytest.mark.parametrize(
    ("after", "counted"),
    [
        (" ЛиТ.", True), ("(ЛиТ)", True), ("_ЛиТ_", True), ("«ЛиТ»", True), ("ЛиТ", True),
        (" ЛиТовец", False), (" 1ЛиТ", False), (" ЛиТ2", False), (" лит", False), (" ЛиТЛиТ", False),
    ],
)  # fmt: skip
def test_a_defined_abbreviation_later_stands_alone(matcher: Matcher, after: str, counted: bool) -> None:
    # later uses count only as a whole word: not inside another word, next to a digit, or in
    # other letter case (an underscore is not a letter)
    text = "Суд упомянул Лашкар-и-Тайба (ЛиТ)." + after
    later = [c for c in matcher.iter_matches(text) if c.start >= len(text) - len(after)]
    assert bool(later) is counted
    for c in later:
        assert text[c.start : c.end] == "ЛиТ"


@pytest.mark.parametrize(
    "text",
    [
        "Бишкекская «Алга» уступила ошской команде в матче чемпионата.",
        "Рядовых боевиков ИГ называют «солдаты халифата».",
    ],
)
def test_clubs_and_lowercase_quotes_are_not_names(matcher: Matcher, text: str) -> None:
    assert [org for org, _ in found(matcher, text) if org in ("alga-peoples-party", "jund-al-khilafah")] == []


def test_unless_near_reads_the_sentence_and_word_starts(matcher: Matcher) -> None:
    # a sports word in the sentence before, and "ойын" inside "мойындады", change nothing
    text = "Ойынға билеттер сатылды. «Алға!» партиясына қосылмақ болғанын мойындады."
    assert found(matcher, text) == [("alga-peoples-party", "Алға")]
    assert found(matcher, "«Алға» командасы ойында жеңілді.") == []


def test_a_long_text_scanned_in_pieces_gives_the_same_matches(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bannedorgs.matcher as module

    paragraph = "Суд запретил «Хизб ут-Тахрир» и ИГИЛ-ге қосылған топты. IS fighters fled.\n\n"
    text = paragraph * 40 + "Members of the Islamic State (ISIS) and ИГ.\n\n" + paragraph * 40
    whole = [(c.start, c.end, c.org.id if c.org else None) for c in matcher.iter_matches(text)]
    monkeypatch.setattr(module, "_PIECE", 500)  # pieces of about 500 characters
    pieces = [(c.start, c.end, c.org.id if c.org else None) for c in matcher.iter_matches(text)]
    assert pieces == whole
    assert len(whole) > 200


@pytest.mark.parametrize(
    "text",
    ["Члены «Аль\u2011Каиды» задержаны.", "Члены Аль\u00a0Каиды задержаны.", "Members of al\u2014Qaeda met.",
     "Члены «Аль - Каиды» задержаны.", "Ячейка «Аль. Каида» раскрыта.", "Члены Аль-\nКаиды задержаны.",
     "Члены Аль\r\nКаиды задержаны.", "Боевики Аль\u00b4Каиды задержаны.", "Члены Аль\u2019Каиды задержаны."],
)  # fmt: skip
def test_an_article_and_its_name_across_any_separator(matcher: Matcher, text: str) -> None:
    assert [org for org, _ in found(matcher, text)] == ["al-qaeda"]


def test_a_name_never_spans_a_blank_line(matcher: Matcher) -> None:
    assert found(matcher, "Ислам\n\nмемлекеті") == []
    assert found(matcher, "Исламское\r\n\r\nгосударство") == []
    assert found(matcher, "Ислам\nмемлекеті ұйымы") == [("islamic-state", "Ислам\nмемлекеті")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=30),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=70),
    st.lists(st.tuples(st.integers(0, 70), st.integers(1, 8)), min_size=1, max_size=20),
)
def test_span_index_agrees_with_a_plain_search(
    initial: list[tuple[int, int]], added: list[tuple[int, int]], probes: list[tuple[int, int]]
) -> None:
    spans = [(s, s + n) for s, n in initial]
    index = _Spans(spans)
    for s, n in added:  # more than _Spans._MERGE of them: the short list is merged on the way
        index.add(s, s + n)
        spans.append((s, s + n))
        for p, m in probes:
            assert index.overlaps(p, p + m) == any(a < p + m and p < b for a, b in spans)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="абвгдеикнорстуыя", min_size=1, max_size=12),
    st.text(alphabet="абвгдеикнорстуыя", min_size=1, max_size=16),
    st.integers(1, 2),
)
def test_stem_distance_tries_only_cuts_that_can_be_near(stem: str, token: str, limit: int) -> None:
    from rapidfuzz.distance import Levenshtein

    from bannedorgs.forms import ending
    from bannedorgs.matcher import _stem_distance

    best = limit + 1  # every cut the ending rules allow, near or not
    for cut in range(max(1, len(token) - 10), len(token) + 1):
        if cut == len(token) or ending().fullmatch(token, cut):
            best = min(best, Levenshtein.distance(stem, token[:cut], score_cutoff=limit + 1))
    assert _stem_distance(stem, token, limit) == best


def test_a_registry_with_more_letters_than_bytes_still_finds_every_name(tmp_path: Path) -> None:
    # A newsroom's own file adds names in Arabic and Greek script: more letters than the
    # one-byte copy has room for. The letters left without a byte read as "?" in anchors
    # and text alike: every name is still found, in any case, next to Cyrillic ones.
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "organisations:\n"
        "  - id: hizb-ut-tahrir\n"
        "    aliases: {en: [حزب التحرير الإسلامي]}\n"
        "  - id: islamic-state\n"
        "    aliases: {en: [Ισλαμικό Κράτος, Ислам Мемлекетi]}\n",
        encoding="utf-8",
    )
    reg = load(extra=[extra])
    m = Matcher(list(reg), reg.not_mentions)
    assert b"?" in m._bytes.encode("حزب التحرير الإسلامي Ισλαμικό Κράτος", lead=False)  # some have no byte
    text = "Сообщения «حزب التحرير الإسلامي» и ΙΣΛΑΜΙΚΌ ΚΡΆΤΟΣ, а также членов «Хизб ут-Тахрир»."
    assert found(m, text) == [
        ("hizb-ut-tahrir", "حزب التحرير الإسلامي"),
        ("islamic-state", "ΙΣΛΑΜΙΚΌ ΚΡΆΤΟΣ"),
        ("hizb-ut-tahrir", "Хизб ут-Тахрир"),
    ]


LOOKUP_PIECES = [
    *PIECES, "Тaliban", "Хизб\u00adут", "Ислaм", "  ", "?", "é", "\u0301", "жамағат", "халық", "Күрд", "-", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LOOKUP_PIECES) | st.text(max_size=6), max_size=12), st.booleans())
def test_key_look_ups_report_what_the_automaton_reports(matcher: Matcher, pieces: list[str], lead: bool) -> None:
    """A fresh process's first texts are scanned by looking keys up, not by the automaton:
    the same keys, at the same places, in the same order (mixed scripts and hidden
    characters included, and keys cut off at the text's end)."""
    for text in ("".join(pieces), " ".join(pieces)):
        for case in (text, text.lower()):
            copy = matcher._bytes.encode(case, lead=lead)
            assert matcher._looked_up(copy) == matcher._automaton(0).find_matches_as_indexes(copy, True)


def test_a_fresh_matcher_finds_the_same_before_and_after_its_automaton(matcher: Matcher) -> None:
    text = "Члены «Хизб ут-Тахрир» и боевики ИГИЛ-а; Taliban’s envoy; әл-Каиданың; Ислaм; Хизб\u00adут-Тахрир.\n"
    fresh = pickle.loads(pickle.dumps(matcher))
    assert fresh._nfa is None and fresh._dfa is None
    by_look_ups = [(c.start, c.end, c.entry) for c in fresh.iter_matches(text)]
    assert fresh._nfa is None and fresh._keys._buckets  # no automaton was built: keys were looked up
    fresh._scanned = 1 << 20  # past what is looked up: the automaton is built
    assert [(c.start, c.end, c.entry) for c in fresh.iter_matches(text)] == by_look_ups
    assert fresh._nfa is not None
    assert len(by_look_ups) >= 4
