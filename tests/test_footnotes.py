"""Footnote dates and sentences in en/ru/kk; every expected string here was written by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bannedorgs.footnotes import DEFAULT_TEMPLATES, ban_decision, format_date, lifting_decision, render
from bannedorgs.model import Alias, Court, Decision, Organisation, PartialDate

# -- builders ---------------------------------------------------------------------------------

SUPREME = Court(
    "supreme-court",
    names={
        "en": "Supreme Court of the Republic of Kazakhstan",
        "ru": "Верховный суд Республики Казахстан",
        "kk": "Қазақстан Республикасының Жоғарғы соты",
    },
    genitive={"ru": "Верховного суда Республики Казахстан", "kk": "Қазақстан Республикасы Жоғарғы сотының"},
)
ASTANA = Court(
    "astana-city-court",
    names={"en": "Astana city court", "ru": "Суд города Астаны", "kk": "Астана қалалық соты"},
    genitive={"ru": "суда города Астаны", "kk": "Астана қалалық сотының"},
)
NO_GENITIVE = Court(
    "atyrau-city-court",
    names={"en": "Atyrau city court", "ru": "Атырауский городской суд", "kk": "Атырау қалалық соты"},
)
ENGLISH_ONLY = Court("somewhere", names={"en": "Somewhere district court"})

HT = {"en": "Hizb ut-Tahrir", "ru": "Хизб ут-Тахрир", "kk": "Хизб ут-Тахрир"}
MB = {"en": "Muslim Brotherhood", "ru": "Братья-мусульмане", "kk": "Мұсылман бауырлар"}
TALIBAN = {"en": "Taliban", "ru": "Талибан", "kk": "Талибан"}
LATER = dt.date(2030, 1, 1)


def pd(text: str | None) -> PartialDate | None:
    return None if text is None else PartialDate.from_string(text)


def decision(kind: str, when: str | None, court: Court | None = None) -> Decision:
    return Decision(kind, pd(when), sources=(), court=court)  # type: ignore[arg-type]


def org(
    names: dict[str, str],
    *decisions: Decision,
    category: str | None = "terrorist",
) -> Organisation:
    return Organisation(
        "test-org",
        category,  # type: ignore[arg-type]
        names={lang: Alias(value, lang, is_name=True) for lang, value in names.items()},
        aliases=(),
        decisions=decisions,
    )


def banned(
    when: str | None, court: Court | None = None, *, category: str | None = "terrorist", names: dict[str, str] = HT
) -> Organisation:
    return org(names, decision("ban", when, court), category=category)


# -- format_date: every month in every language -------------------------------------------------

# month, en, ru nominative, ru genitive, ru prepositional, kk, kk ablative, kk locative
MONTHS = [
    (1, "January", "январь", "января", "январе", "қаңтар", "қаңтардан", "қаңтарда"),
    (2, "February", "февраль", "февраля", "феврале", "ақпан", "ақпаннан", "ақпанда"),
    (3, "March", "март", "марта", "марте", "наурыз", "наурыздан", "наурызда"),
    (4, "April", "апрель", "апреля", "апреле", "сәуір", "сәуірден", "сәуірде"),
    (5, "May", "май", "мая", "мае", "мамыр", "мамырдан", "мамырда"),
    (6, "June", "июнь", "июня", "июне", "маусым", "маусымнан", "маусымда"),
    (7, "July", "июль", "июля", "июле", "шілде", "шілдеден", "шілдеде"),
    (8, "August", "август", "августа", "августе", "тамыз", "тамыздан", "тамызда"),
    (9, "September", "сентябрь", "сентября", "сентябре", "қыркүйек", "қыркүйектен", "қыркүйекте"),
    (10, "October", "октябрь", "октября", "октябре", "қазан", "қазаннан", "қазанда"),
    (11, "November", "ноябрь", "ноября", "ноябре", "қараша", "қарашадан", "қарашада"),
    (12, "December", "декабрь", "декабря", "декабре", "желтоқсан", "желтоқсаннан", "желтоқсанда"),
]


@pytest.mark.parametrize("row", MONTHS, ids=[row[1] for row in MONTHS])
def test_every_month_in_every_language(row: tuple[int, str, str, str, str, str, str, str]) -> None:
    month, en, ru_nom, ru_gen, ru_prep, kk, kk_abl, kk_loc = row
    day, only_month = PartialDate(2005, month, 28), PartialDate(2006, month)

    assert format_date(day, "en") == f"{en} 28, 2005"
    assert format_date(day, "en", case="since") == f"since {en} 28, 2005"
    assert format_date(day, "en", case="on") == f"on {en} 28, 2005"
    assert format_date(only_month, "en") == f"{en} 2006"
    assert format_date(only_month, "en", case="since") == f"since {en} 2006"
    assert format_date(only_month, "en", case="on") == f"in {en} 2006"

    assert format_date(day, "ru") == f"28 {ru_gen} 2005 года"
    assert format_date(day, "ru", case="since") == f"с 28 {ru_gen} 2005 года"
    assert format_date(day, "ru", case="on") == f"28 {ru_gen} 2005 года"
    assert format_date(only_month, "ru") == f"{ru_nom} 2006 года"
    assert format_date(only_month, "ru", case="since") == f"с {ru_gen} 2006 года"
    assert format_date(only_month, "ru", case="on") == f"в {ru_prep} 2006 года"

    assert format_date(day, "kk") == f"2005 жылғы 28 {kk}"
    assert format_date(day, "kk", case="since") == f"2005 жылғы 28 {kk_abl} бастап"
    assert format_date(day, "kk", case="on") == f"2005 жылғы 28 {kk_loc}"
    assert format_date(only_month, "kk") == f"2006 жылғы {kk}"
    assert format_date(only_month, "kk", case="since") == f"2006 жылғы {kk_abl} бастап"
    assert format_date(only_month, "kk", case="on") == f"2006 жылғы {kk_loc}"


def test_the_examples_of_the_design() -> None:
    assert format_date(PartialDate(2005, 3, 28), "en") == "March 28, 2005"
    assert format_date(PartialDate(2006, 11), "en") == "November 2006"
    assert format_date(PartialDate(2008), "en") == "2008"
    assert format_date(PartialDate(2005, 3, 28), "ru", case="since") == "с 28 марта 2005 года"
    assert format_date(PartialDate(2006, 11), "ru", case="since") == "с ноября 2006 года"
    assert format_date(PartialDate(2008), "ru", case="since") == "с 2008 года"
    assert format_date(PartialDate(2005, 3, 28), "kk") == "2005 жылғы 28 наурыз"
    assert format_date(PartialDate(2005, 3, 28), "kk", case="since") == "2005 жылғы 28 наурыздан бастап"
    assert format_date(PartialDate(2006, 11), "kk", case="since") == "2006 жылғы қарашадан бастап"
    assert format_date(PartialDate(2008), "kk", case="since") == "2008 жылдан бастап"


@pytest.mark.parametrize(
    ("case", "en", "ru", "kk"),
    [
        ("nominative", "2008", "2008 год", "2008 жыл"),
        ("since", "since 2008", "с 2008 года", "2008 жылдан бастап"),
        ("on", "in 2008", "в 2008 году", "2008 жылы"),
    ],
)
def test_year_only(case: str, en: str, ru: str, kk: str) -> None:
    year = PartialDate(2008)
    assert (format_date(year, "en", case=case), format_date(year, "ru", case=case)) == (en, ru)
    assert format_date(year, "kk", case=case) == kk


def test_russian_writes_so_before_the_second() -> None:
    # "со 2 марта" is read "со второго марта"; every other day takes "с"
    assert format_date(PartialDate(2005, 3, 2), "ru", case="since") == "со 2 марта 2005 года"
    assert format_date(PartialDate(2005, 3, 12), "ru", case="since") == "с 12 марта 2005 года"
    assert format_date(PartialDate(2005, 3, 22), "ru", case="since") == "с 22 марта 2005 года"
    assert format_date(PartialDate(2005, 3, 2), "ru") == "2 марта 2005 года"


def test_single_digit_days_are_not_padded() -> None:
    assert format_date(PartialDate(2015, 10, 5), "en") == "October 5, 2015"
    assert format_date(PartialDate(2015, 10, 5), "ru") == "5 октября 2015 года"
    assert format_date(PartialDate(2015, 10, 5), "kk") == "2015 жылғы 5 қазан"


def test_unknown_language_or_case_is_an_error() -> None:
    with pytest.raises(ValueError, match="'de'"):
        format_date(PartialDate(2005), "de")
    with pytest.raises(ValueError, match="'genitive'"):
        format_date(PartialDate(2005), "ru", case="genitive")


# -- ban_decision -------------------------------------------------------------------------------


def test_a_ban_is_in_force_from_its_day() -> None:
    ban = decision("ban", "2005-03-28")
    o = org(HT, ban)
    assert ban_decision(o, dt.date(2005, 3, 27)) is None
    assert ban_decision(o, dt.date(2005, 3, 28)) is ban
    assert ban_decision(o, LATER) is ban


def test_a_partial_ban_counts_from_the_first_day_of_its_month_or_year() -> None:
    month, year = decision("ban", "2006-11"), decision("ban", "2008")
    assert ban_decision(org(HT, month), dt.date(2006, 10, 31)) is None
    assert ban_decision(org(HT, month), dt.date(2006, 11, 1)) is month
    assert ban_decision(org(HT, year), dt.date(2007, 12, 31)) is None
    assert ban_decision(org(HT, year), dt.date(2008, 1, 1)) is year


def test_a_month_precision_unban_takes_effect_the_day_after_the_month() -> None:
    ban, unban = decision("ban", "2005-03-15", SUPREME), decision("unban", "2023-12")
    o = org(TALIBAN, ban, unban)
    assert ban_decision(o, dt.date(2023, 11, 30)) is ban
    assert lifting_decision(o, dt.date(2023, 11, 30)) is None
    for day in (dt.date(2023, 12, 1), dt.date(2023, 12, 30), dt.date(2023, 12, 31)):
        assert ban_decision(o, day) is ban
        assert lifting_decision(o, day) is unban
    assert ban_decision(o, dt.date(2024, 1, 1)) is None
    assert lifting_decision(o, dt.date(2024, 1, 1)) is None
    assert ban_decision(o, dt.date(2024, 6, 1)) is None


def test_a_year_and_a_day_precision_unban() -> None:
    ban = decision("ban", "2005")
    by_year = org(HT, ban, decision("unban", "2010"))
    assert ban_decision(by_year, dt.date(2010, 12, 31)) is ban
    assert ban_decision(by_year, dt.date(2011, 1, 1)) is None
    by_day = org(HT, ban, decision("unban", "2010-06-15"))
    assert ban_decision(by_day, dt.date(2010, 6, 14)) is ban
    assert ban_decision(by_day, dt.date(2010, 6, 15)) is None


def test_a_ban_after_an_unban_is_in_force_again() -> None:
    first, again = decision("ban", "2005-03-15"), decision("ban", "2025-01-10")
    o = org(HT, first, decision("unban", "2023-12-29"), again)
    assert ban_decision(o, dt.date(2024, 6, 1)) is None
    assert ban_decision(o, dt.date(2025, 1, 10)) is again


def test_the_latest_ban_wins_and_the_list_order_does_not_matter() -> None:
    early, late = decision("ban", "2005-03-15"), decision("ban", "2006-11")
    assert ban_decision(org(HT, late, early), LATER) is late
    assert ban_decision(org(HT, late, early), dt.date(2006, 1, 1)) is early


def test_a_ban_of_unknown_date_is_in_force() -> None:
    undated = decision("ban", None)
    assert ban_decision(org(HT, undated), dt.date(1990, 1, 1)) is undated
    assert ban_decision(org(HT, undated), LATER) is undated
    # until a dated unban ends it
    ended = org(HT, undated, decision("unban", "2020-05"))
    assert ban_decision(ended, dt.date(2020, 5, 31)) is undated
    assert ban_decision(ended, dt.date(2020, 6, 1)) is None


def test_a_rename_does_not_change_the_ban() -> None:
    ban = decision("ban", "2018-03-13")
    o = org(HT, ban, Decision("rename", pd("2020-05-19"), sources=(), renamed_to="koshe-partiyasy"))
    assert ban_decision(o, LATER) is ban


def test_no_decisions_means_not_banned() -> None:
    assert ban_decision(org(HT), LATER) is None


# -- render: the sentence ------------------------------------------------------------------------

ON = dt.date(2024, 1, 1)


def test_day_precision_terrorist_ban_by_a_named_court() -> None:
    o = banned("2005-03-15", SUPREME, names=MB)
    assert render(o, "en", on=ON) == (
        "The Muslim Brotherhood has been banned in Kazakhstan as a terrorist organisation since March 15, 2005,"
        " following a judgment by the Supreme Court of the Republic of Kazakhstan."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Братья-мусульмане» признана террористической и запрещена в Казахстане"
        " с 15 марта 2005 года по решению Верховного суда Республики Казахстан."
    )
    assert render(o, "kk", on=ON) == (
        "«Мұсылман бауырлар» ұйымы Қазақстан Республикасы Жоғарғы сотының шешімімен террористік деп танылып,"
        " 2005 жылғы 15 наурыздан бастап Қазақстандағы қызметіне тыйым салынған."
    )


def test_extremist_ban_by_the_astana_city_court() -> None:
    o = banned("2005-03-28", ASTANA, category="extremist")
    assert render(o, "en", on=ON) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since March 28, 2005,"
        " following a judgment by the Astana city court."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Хизб ут-Тахрир» признана экстремистской и запрещена в Казахстане"
        " с 28 марта 2005 года по решению суда города Астаны."
    )
    assert render(o, "kk", on=ON) == (
        "«Хизб ут-Тахрир» ұйымы Астана қалалық сотының шешімімен экстремистік деп танылып,"
        " 2005 жылғы 28 наурыздан бастап Қазақстандағы қызметіне тыйым салынған."
    )


def test_unknown_category_is_neutral() -> None:
    o = banned("2005-03-28", category=None)
    assert render(o, "en", on=ON) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan since March 28, 2005, following a court decision."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Хизб ут-Тахрир» запрещена в Казахстане с 28 марта 2005 года по решению суда."
    )
    assert render(o, "kk", on=ON) == (
        "«Хизб ут-Тахрир» ұйымы сот шешімімен 2005 жылғы 28 наурыздан бастап Қазақстандағы қызметіне тыйым салынған."
    )


def test_unknown_category_with_a_court() -> None:
    o = banned("2005-03-28", ASTANA, category=None)
    assert render(o, "en", on=ON) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan since March 28, 2005,"
        " following a judgment by the Astana city court."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Хизб ут-Тахрир» запрещена в Казахстане с 28 марта 2005 года по решению суда города Астаны."
    )
    assert render(o, "kk", on=ON) == (
        "«Хизб ут-Тахрир» ұйымы Астана қалалық сотының шешімімен 2005 жылғы 28 наурыздан бастап"
        " Қазақстандағы қызметіне тыйым салынған."
    )


def test_month_precision_without_a_court() -> None:
    o = banned("2006-11", names={"en": "Aum Shinrikyo", "ru": "Аум Синрикё", "kk": "Аум Синрикё"})
    assert render(o, "en", on=ON) == (
        "Aum Shinrikyo has been banned in Kazakhstan as a terrorist organisation since November 2006,"
        " following a court decision."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Аум Синрикё» признана террористической и запрещена в Казахстане"
        " с ноября 2006 года по решению суда."
    )
    assert render(o, "kk", on=ON) == (
        "«Аум Синрикё» ұйымы сот шешімімен террористік деп танылып, 2006 жылғы қарашадан бастап"
        " Қазақстандағы қызметіне тыйым салынған."
    )


def test_year_precision_without_a_court() -> None:
    names = {"en": "Islamic Party of Turkestan", "ru": "Исламская партия Туркестана", "kk": "Түркістан ислам партиясы"}
    o = banned("2008", names=names)
    assert render(o, "en", on=ON) == (
        "The Islamic Party of Turkestan has been banned in Kazakhstan as a terrorist organisation since 2008,"
        " following a court decision."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Исламская партия Туркестана» признана террористической и запрещена в Казахстане"
        " с 2008 года по решению суда."
    )
    assert render(o, "kk", on=ON) == (
        "«Түркістан ислам партиясы» ұйымы сот шешімімен террористік деп танылып, 2008 жылдан бастап"
        " Қазақстандағы қызметіне тыйым салынған."
    )


def test_unknown_date_says_by_a_court_decision() -> None:
    o = banned(None, names={"en": "al-Nusra Front", "ru": "Джебхат ан-Нусра", "kk": "Жәбһат ән-Нусра"})
    assert render(o, "en", on=ON) == (
        "The al-Nusra Front has been banned in Kazakhstan as a terrorist organisation by a court decision."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Джебхат ан-Нусра» признана террористической и запрещена в Казахстане по решению суда."
    )
    assert render(o, "kk", on=ON) == (
        "«Жәбһат ән-Нусра» ұйымы сот шешімімен террористік деп танылып, Қазақстандағы қызметіне тыйым салынған."
    )


def test_unknown_date_with_a_court() -> None:
    o = banned(None, SUPREME)
    assert render(o, "en", on=ON) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as a terrorist organisation"
        " by a decision of the Supreme Court of the Republic of Kazakhstan."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Хизб ут-Тахрир» признана террористической и запрещена в Казахстане"
        " по решению Верховного суда Республики Казахстан."
    )
    assert render(o, "kk", on=ON) == (
        "«Хизб ут-Тахрир» ұйымы Қазақстан Республикасы Жоғарғы сотының шешімімен террористік деп танылып,"
        " Қазақстандағы қызметіне тыйым салынған."
    )


def test_unknown_date_and_category_without_a_court() -> None:
    o = banned(None, category=None)
    assert render(o, "en", on=ON) == "Hizb ut-Tahrir has been banned in Kazakhstan by a court decision."
    assert render(o, "ru", on=ON) == "Организация «Хизб ут-Тахрир» запрещена в Казахстане по решению суда."
    assert render(o, "kk", on=ON) == "«Хизб ут-Тахрир» ұйымы сот шешімімен Қазақстандағы қызметіне тыйым салынған."


def test_a_court_without_a_genitive_form_is_named_in_brackets() -> None:
    o = banned(
        "2011-11-25", NO_GENITIVE, names={"en": "Jund al-Khilafah", "ru": "Джунд аль-Халифат", "kk": "Жұнд әл-Халифат"}
    )
    assert render(o, "en", on=ON) == (
        "Jund al-Khilafah has been banned in Kazakhstan as a terrorist organisation since November 25, 2011,"
        " following a judgment by the Atyrau city court."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Джунд аль-Халифат» признана террористической и запрещена в Казахстане"
        " с 25 ноября 2011 года по решению суда (Атырауский городской суд)."
    )
    assert render(o, "kk", on=ON) == (
        "«Жұнд әл-Халифат» ұйымы сот (Атырау қалалық соты) шешімімен террористік деп танылып,"
        " 2011 жылғы 25 қарашадан бастап Қазақстандағы қызметіне тыйым салынған."
    )


def test_a_court_with_no_name_in_the_language_is_left_out() -> None:
    o = banned("2011-11-25", ENGLISH_ONLY)
    assert render(o, "en", on=ON) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as a terrorist organisation since November 25, 2011,"
        " following a judgment by the Somewhere district court."
    )
    assert render(o, "ru", on=ON) == (
        "Организация «Хизб ут-Тахрир» признана террористической и запрещена в Казахстане"
        " с 25 ноября 2011 года по решению суда."
    )


def test_an_english_genitive_is_used_as_given() -> None:
    court = Court("c", names={"en": "The Court"}, genitive={"en": "the Court of Appeal of Astana"})
    o = banned("2011", court, category="extremist")
    assert render(o, "en", on=ON) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since 2011,"
        " following a judgment by the Court of Appeal of Astana."
    )
    # and a court name that has its own article does not get a second one
    o = banned("2011", Court("c", names={"en": "The Esil district court"}), category="extremist")
    assert render(o, "en", on=ON) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since 2011,"
        " following a judgment by the Esil district court."
    )


@pytest.mark.parametrize(
    ("name", "subject"),
    [
        ("Hizb ut-Tahrir", "Hizb ut-Tahrir"),
        ("al-Qaeda", "Al-Qaeda"),
        ("Taliban", "The Taliban"),
        ("Islamic Movement of Uzbekistan", "The Islamic Movement of Uzbekistan"),
        ("Democratic Choice of Kazakhstan", "Democratic Choice of Kazakhstan"),
        ("Islamic State", "The Islamic State"),
        ("the Grey Wolves", "The Grey Wolves"),
    ],
)
def test_english_names_take_the_article_they_need(name: str, subject: str) -> None:
    text = render(banned(None, category=None, names={"en": name}), "en", on=ON)
    assert text == f"{subject} has been banned in Kazakhstan by a court decision."


def test_quotation_marks_inside_a_name_become_the_inner_pair() -> None:
    o = banned(None, category="extremist", names={"en": "Alga", "ru": "Партия «Алга»", "kk": "«Алға»"})
    assert render(o, "ru", on=ON) == (
        "Организация «Партия „Алга“» признана экстремистской и запрещена в Казахстане по решению суда."
    )
    assert render(o, "kk", on=ON) == (
        "«Алға» ұйымы сот шешімімен экстремистік деп танылып, Қазақстандағы қызметіне тыйым салынған."
    )


def test_a_missing_name_in_the_language_falls_back_to_english() -> None:
    o = banned("2008", names={"en": "Hizb ut-Tahrir"})
    assert render(o, "ru", on=ON) == (
        "Организация «Hizb ut-Tahrir» признана террористической и запрещена в Казахстане с 2008 года по решению суда."
    )


# -- render: the day it is asked about --------------------------------------------------------------


def test_the_taliban_has_a_footnote_before_its_removal_and_none_after() -> None:
    o = org(TALIBAN, decision("ban", "2005-03-15", SUPREME), decision("unban", "2023-12"))
    assert render(o, "en", on=dt.date(2020, 6, 1)) == (
        "The Taliban has been banned in Kazakhstan as a terrorist organisation since March 15, 2005,"
        " following a judgment by the Supreme Court of the Republic of Kazakhstan."
    )
    assert render(o, "ru", on=dt.date(2023, 11, 30)) == (
        "Организация «Талибан» признана террористической и запрещена в Казахстане"
        " с 15 марта 2005 года по решению Верховного суда Республики Казахстан."
    )
    for lang in ("en", "ru", "kk"):
        assert render(o, lang, on=dt.date(2024, 1, 1)) is None
        assert render(o, lang, on=dt.date(2024, 6, 1)) is None


def test_inside_the_month_of_an_unban_the_footnote_gives_the_ban_and_its_lifting() -> None:
    o = org(TALIBAN, decision("ban", "2005-03-15", SUPREME), decision("unban", "2023-12"))
    lifted = {
        "en": "The ban was lifted in December 2023.",
        "ru": "Запрет снят в декабре 2023 года.",
        "kk": "Тыйым 2023 жылғы желтоқсанда алынып тасталды.",
    }
    assert render(o, "en", on=dt.date(2023, 12, 31)) == (
        "The Taliban has been banned in Kazakhstan as a terrorist organisation since March 15, 2005,"
        " following a judgment by the Supreme Court of the Republic of Kazakhstan. The ban was lifted in December 2023."
    )
    for day in (dt.date(2023, 12, 1), dt.date(2023, 12, 29), dt.date(2023, 12, 31)):
        for lang, sentence in lifted.items():
            # the ban as the day before the month gives it (checked above), then the lifting
            assert render(o, lang, on=day) == f"{render(o, lang, on=dt.date(2023, 11, 30))} {sentence}"


def test_inside_the_year_of_an_unban_the_lifting_is_given_to_the_year() -> None:
    o = org(HT, decision("ban", "2005-03-28"), decision("unban", "2010"))
    assert render(o, "en", on=dt.date(2010, 7, 1)) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as a terrorist organisation since March 28, 2005,"
        " following a court decision. The ban was lifted in 2010."
    )
    assert render(o, "ru", on=dt.date(2010, 7, 1)).endswith(" Запрет снят в 2010 году.")  # type: ignore[union-attr]
    assert render(o, "kk", on=dt.date(2010, 7, 1)).endswith(" Тыйым 2010 жылы алынып тасталды.")  # type: ignore[union-attr]
    assert render(o, "en", on=dt.date(2011, 1, 1)) is None


def test_the_lifted_sentence_takes_a_template_and_a_language_without_it_falls_back_to_english() -> None:
    o = org(TALIBAN, decision("ban", "2005-03-15", SUPREME), decision("unban", "2023-12"))
    custom = {"en": {"lifted": "Removed from the list {on} ({iso})."}}
    assert render(o, "en", on=dt.date(2023, 12, 5), templates=custom).endswith(  # type: ignore[union-attr]
        " Removed from the list in December 2023 (2023-12)."
    )
    own = {"de": {"day": "{name} ist verboten.", "day_court": "{name} ist verboten."}}
    assert render(o, "de", on=dt.date(2020, 1, 1), templates=own) == "Taliban ist verboten."
    assert render(o, "de", on=dt.date(2023, 12, 5), templates=own).endswith(  # type: ignore[union-attr]
        "The ban was lifted in December 2023."
    )
    with pytest.raises(ValueError, match="unknown field"):
        render(o, "en", on=dt.date(2023, 12, 5), templates={"en": {"lifted": "Lifted by {court}."}})


def test_no_footnote_before_the_ban() -> None:
    assert render(banned("2005-03-28"), "en", on=dt.date(2005, 3, 27)) is None


# -- render: templates ------------------------------------------------------------------------------


def test_every_language_has_every_template_and_they_are_valid() -> None:
    keys = set(DEFAULT_TEMPLATES["en"])
    assert {"day", "day_court", "month", "month_court", "year", "year_court", "unknown_date"} <= keys
    assert {"unknown_date_court", "category_terrorist", "category_extremist", "category_none"} <= keys
    for lang in ("ru", "kk"):
        assert set(DEFAULT_TEMPLATES[lang]) == keys
    # the defaults pass the same check as an override
    render(banned("2005"), "en", on=ON, templates=DEFAULT_TEMPLATES)


def test_a_template_override_replaces_only_its_key() -> None:
    o = banned("2005-03-28", ASTANA, category="extremist")
    templates = {"ru": {"day_court": "{quoted}: запрещена {since} ({court_name}, {iso})."}}
    assert render(o, "ru", on=ON, templates=templates) == (
        "«Хизб ут-Тахрир»: запрещена с 28 марта 2005 года (Суд города Астаны, 2005-03-28)."
    )
    # the other languages and keys keep their defaults
    assert render(o, "en", on=ON, templates=templates) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since March 28, 2005,"
        " following a judgment by the Astana city court."
    )
    assert render(banned("2005-03"), "ru", on=ON, templates=templates) == (
        "Организация «Хизб ут-Тахрир» признана террористической и запрещена в Казахстане"
        " с марта 2005 года по решению суда."
    )


def test_a_category_phrase_can_be_overridden() -> None:
    templates = {"en": {"category_terrorist": "as a terrorist group"}}
    assert render(banned("2008"), "en", on=ON, templates=templates) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as a terrorist group since 2008, following a court decision."
    )


def test_every_field_can_be_used() -> None:
    template = (
        "{name}|{quoted}|{the_name}|{since}|{date}|{on}|{year}|{month}|{day}|{iso}|{court_name}|{court}|{category}"
    )
    text = render(banned("2006-11", ASTANA), "kk", on=ON, templates={"kk": {"month_court": template}})
    assert text == (
        "Хизб ут-Тахрир|«Хизб ут-Тахрир»|Хизб ут-Тахрир|2006 жылғы қарашадан бастап|2006 жылғы қараша"
        "|2006 жылғы қарашада|2006|11||2006-11|Астана қалалық соты|Астана қалалық сотының|террористік деп танылып,"
    )


def test_a_language_outside_the_defaults_needs_templates() -> None:
    o = banned("2005-03-28", ASTANA, category="extremist")
    assert render(o, "de", on=ON) == render(o, "en", on=ON)

    de = {"de": {"day": "{name} ist in Kasachstan seit dem {iso} verboten."}}
    # the court has no German name, so the sentence without a court is used
    assert render(o, "de", on=ON, templates=de) == "Hizb ut-Tahrir ist in Kasachstan seit dem 2005-03-28 verboten."
    # a named court, but no "day_court" sentence: still the one without a court
    german_court = Court("c", names={"en": "Astana city court", "de": "Stadtgericht Astana"})
    o = banned("2005-03-28", german_court, category="extremist")
    assert render(o, "de", on=ON, templates=de) == "Hizb ut-Tahrir ist in Kasachstan seit dem 2005-03-28 verboten."
    de["de"]["day_court"] = "{name} ist seit dem {iso} {category}durch Urteil {court} verboten."
    assert render(o, "de", on=ON, templates=de) == (
        "Hizb ut-Tahrir ist seit dem 2005-03-28 durch Urteil Stadtgericht Astana verboten."
    )
    de["de"]["category_extremist"] = "als extremistisch "
    assert render(o, "de", on=ON, templates=de) == (
        "Hizb ut-Tahrir ist seit dem 2005-03-28 als extremistisch durch Urteil Stadtgericht Astana verboten."
    )
    # a sentence the language does not give makes the whole footnote English
    assert render(banned("2008"), "de", on=ON, templates=de) == (
        "Hizb ut-Tahrir has been banned in Kazakhstan as a terrorist organisation since 2008,"
        " following a court decision."
    )


def test_a_template_naming_an_unknown_field_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"'day'.*\{organisation\}"):
        render(banned("2005-03-28"), "en", on=ON, templates={"en": {"day": "{organisation} is banned."}})


def test_a_bad_template_fails_even_when_another_one_is_used() -> None:
    with pytest.raises(ValueError, match=r"'year_court'.*\{date_since\}"):
        render(banned("2005-03-28"), "en", on=ON, templates={"ru": {"year_court": "{date_since}"}})
    # and on a day with no ban too
    with pytest.raises(ValueError, match="'year_court'"):
        render(banned("2005-03-28"), "en", on=dt.date(2000, 1, 1), templates={"ru": {"year_court": "{x}"}})


@pytest.mark.parametrize(
    ("key", "template", "field"),
    [
        ("category_terrorist", "terrorist ({court})", "court"),  # phrases come before the sentence's fields
        ("court_from_name", "{category}", "category"),
        ("day", "{name.upper}", "name.upper"),
        ("day", "{0}", "0"),
        ("day", "{}", ""),
        ("day", "{name:{width}}", "width"),
    ],
)
def test_fields_that_are_not_available_are_errors(key: str, template: str, field: str) -> None:
    with pytest.raises(ValueError, match=f"'{key}'") as info:
        render(banned("2005-03-28"), "en", on=ON, templates={"en": {key: template}})
    assert "{" + field + "}" in str(info.value)


def test_an_unknown_template_key_or_a_broken_template_is_an_error() -> None:
    with pytest.raises(ValueError, match="'dya'"):
        render(banned("2005-03-28"), "en", on=ON, templates={"en": {"dya": "{name}"}})
    with pytest.raises(ValueError, match=r"'day'.*not a valid format string"):
        render(banned("2005-03-28"), "en", on=ON, templates={"en": {"day": "{name"}})


# -- property --------------------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@given(
    when=st.none() | partial_dates(),
    lang=st.sampled_from(["en", "ru", "kk"]),
    category=st.sampled_from(["terrorist", "extremist", None]),
    court=st.sampled_from([None, SUPREME, ASTANA, NO_GENITIVE, ENGLISH_ONLY]),
)
def test_render_always_writes_a_sentence(
    when: PartialDate | None, lang: str, category: str | None, court: Court | None
) -> None:
    o = banned(None if when is None else str(when), court, category=category, names=MB)
    text = render(o, lang, on=dt.date(2101, 1, 1))
    assert isinstance(text, str)
    assert text
    assert text[0].isupper() or text[0] == "«"
    assert text.endswith(".")
    assert "  " not in text
    assert " ," not in text
    assert "{" not in text
    assert "}" not in text
    if when is not None:
        assert str(when.year) in text
