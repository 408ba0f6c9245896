"""A seeded generator of news-like text in Russian, Kazakh and English for the benchmarks.

Articles (a headline, then 3-12 paragraphs of 3-8 sentences) are built from sentence
templates on courts, the economy, sport, the weather, religion, city life, politics, health
and education. About one sentence per 1-2 KB (of UTF-8) names a banned organisation in the
forms real text uses: inflected Russian («Исламского государства», Братьев-мусульман,
Аль-Каидой), Kazakh case endings (ИГИЛ-ге, Әл-Каиданың, Талибанды), English possessives (IS's,
ISIS’), quotation marks, an abbreviation in brackets, transliterations (Hizb-ut-Takhrir). About
one sentence per 3-8 KB is a lookalike that must *not* be reported (Hezbollah, Jund al-Sham,
"an Islamic state", Tehrik-i-Taliban Pakistan, the Kazakh word «алға», IS in a capitals headline).

The same seed gives the same text, and a larger size gives a longer text with the same
beginning. Paragraphs are separated by one blank line, articles by two
(:data:`ARTICLE_SEPARATOR`); :func:`split_articles` undoes the joining.

    python benchmarks/corpus.py --size-mb 20 --seed 1 --out benchmarks/corpus/corpus-20mb.txt
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ARTICLE_SEPARATOR", "CorpusStats", "generate", "generate_articles", "split_articles"]

ARTICLE_SEPARATOR = "\n\n\n"
LANGUAGE_WEIGHTS = {"ru": 0.45, "kk": 0.30, "en": 0.25}
MENTION_GAP = (1000, 2000)  # bytes of text between two sentences that name a banned organisation
LOOKALIKE_GAP = (3000, 8000)  # bytes between two lookalike sentences

Picker = Callable[[random.Random], str]


# ---------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------

_RU_CITIES = (
    "Астана", "Алматы", "Шымкент", "Караганда", "Актобе", "Атырау", "Павлодар", "Усть-Каменогорск", "Семей",
    "Тараз", "Костанай", "Кызылорда", "Уральск", "Актау", "Петропавловск", "Туркестан", "Талдыкорган", "Кокшетау",
    "Жезказган", "Экибастуз", "Конаев", "Темиртау",
)  # fmt: skip
_KK_CITIES = (
    "Астана", "Алматы", "Шымкент", "Қарағанды", "Ақтөбе", "Атырау", "Павлодар", "Өскемен", "Семей", "Тараз",
    "Қостанай", "Қызылорда", "Орал", "Ақтау", "Петропавл", "Түркістан", "Талдықорған", "Көкшетау", "Жезқазған",
    "Екібастұз", "Қонаев", "Теміртау",
)  # fmt: skip
_EN_CITIES = (
    "Astana", "Almaty", "Shymkent", "Karaganda", "Aktobe", "Atyrau", "Pavlodar", "Oskemen", "Semey", "Taraz",
    "Kostanay", "Kyzylorda", "Uralsk", "Aktau", "Petropavl", "Turkistan", "Taldykorgan", "Kokshetau", "Zhezkazgan",
    "Ekibastuz", "Konaev", "Temirtau",
)  # fmt: skip
# Russian: the prepositional (= genitive for these) of "... область"
_RU_REGIONS = (
    "Карагандинской области", "Алматинской области", "Туркестанской области", "Актюбинской области",
    "Атырауской области", "Павлодарской области", "Восточно-Казахстанской области", "Западно-Казахстанской области",
    "Северо-Казахстанской области", "Мангистауской области", "Жамбылской области", "Костанайской области",
    "Кызылординской области", "области Абай", "области Жетісу", "области Улытау",
)  # fmt: skip
_KK_REGIONS = (
    "Қарағанды", "Алматы", "Түркістан", "Ақтөбе", "Атырау", "Павлодар", "Шығыс Қазақстан", "Батыс Қазақстан",
    "Солтүстік Қазақстан", "Маңғыстау", "Жамбыл", "Қостанай", "Қызылорда", "Абай", "Жетісу", "Ұлытау",
)  # fmt: skip
_EN_REGIONS = (
    "Karaganda region", "Almaty region", "Turkistan region", "Aktobe region", "Atyrau region", "Pavlodar region",
    "East Kazakhstan region", "West Kazakhstan region", "North Kazakhstan region", "Mangystau region",
    "Zhambyl region", "Kostanay region", "Kyzylorda region", "Abai region", "Zhetysu region", "Ulytau region",
)  # fmt: skip
_RU_PEOPLE = (
    "Ерлан Сейткалиев", "Нурлан Жакупов", "Данияр Токтаров", "Марат Исабеков", "Бауыржан Касымов", "Серик Омаров",
    "Тимур Абдрахманов", "Ержан Мусин", "Сергей Ковалев", "Виктор Ким", "Асхат Нуркенов", "Руслан Ибраев",
)  # fmt: skip
_KK_PEOPLE = (
    "Ерлан Сейітқали", "Айгүл Омарова", "Нұрлан Жақыпов", "Әсел Бекова", "Данияр Тоқтаров", "Гүлнар Әбдікәрімова",
    "Марат Исабеков", "Жанна Сәрсенова", "Бауыржан Қасымов", "Сәуле Ахметова", "Тимур Әбдірахманов",
)  # fmt: skip
_EN_PEOPLE = (
    "Yerlan Seitkaliyev", "Aigul Omarova", "Nurlan Zhakupov", "Assel Bekova", "Daniyar Tokhtarov",
    "Gulnar Abdikarimova", "Marat Issabekov", "Zhanna Sarsenova", "Bauyrzhan Kassymov", "Saule Akhmetova",
    "Timur Abdrakhmanov",
)  # fmt: skip
_RU_TITLES = (
    "министр энергетики", "аким области", "пресс-секретарь суда", "заместитель генерального прокурора",
    "депутат мажилиса", "председатель правления", "начальник департамента полиции", "представитель КНБ",
    "вице-министр финансов", "руководитель управления образования",
)  # fmt: skip
_RU_TITLES_GEN = (
    "представителя КНБ", "пресс-секретаря суда", "заместителя генерального прокурора",
    "начальника департамента полиции", "руководителя антитеррористического центра", "представителя прокуратуры",
)  # fmt: skip
_KK_TITLES = (
    "Энергетика министрі", "Облыс әкімі", "Сот баспасөз хатшысы", "Бас прокурордың орынбасары", "Мәжіліс депутаты",
    "Басқарма төрағасы", "Полиция департаментінің бастығы", "ҰҚК өкілі", "Қаржы вице-министрі",
)  # fmt: skip
_EN_TITLES = (
    "Energy Minister", "Regional Governor", "Court spokesperson", "Deputy Prosecutor General", "Mazhilis deputy",
    "Board chairman", "City police chief", "KNB spokesman", "Deputy Finance Minister", "Education department head",
)  # fmt: skip
_RU_COURTS = (
    "Специализированный межрайонный суд по уголовным делам города Астаны", "Есильский районный суд Астаны",
    "Алмалинский районный суд Алматы", "Карагандинский областной суд", "Атырауский городской суд",
    "Ауэзовский районный суд Алматы", "Шымкентский городской суд", "Сарыаркинский районный суд Астаны",
    "Павлодарский городской суд", "Актюбинский областной суд",
)  # fmt: skip
_KK_COURTS = (
    "Астана қаласының мамандандырылған ауданаралық қылмыстық соты", "Астананың Есіл аудандық соты",
    "Алматының Алмалы аудандық соты", "Қарағанды облыстық соты", "Атырау қалалық соты", "Шымкент қалалық соты",
    "Астананың Сарыарқа аудандық соты", "Павлодар қалалық соты", "Ақтөбе облыстық соты",
)  # fmt: skip
_EN_COURTS = (
    "The Specialised Inter-District Criminal Court of Astana", "The Esil District Court of Astana",
    "The Almaly District Court of Almaty", "The Karaganda Regional Court", "The Atyrau City Court",
    "The Shymkent City Court", "The Saryarka District Court of Astana", "The Pavlodar City Court",
)  # fmt: skip
_RU_COMPANIES = ("КазМунайГаз", "Казахтелеком", "Казатомпром", "Эйр Астана", "Kaspi.kz", "Halyk Bank", "QazaqGaz")
_KK_COMPANIES = ("ҚазМұнайГаз", "Қазақтелеком", "Қазатомөнеркәсіп", "Эйр Астана", "Kaspi.kz", "Halyk Bank", "QazaqGaz")
_EN_COMPANIES = ("KazMunayGas", "Kazakhtelecom", "Kazatomprom", "Air Astana", "Kaspi.kz", "Halyk Bank", "QazaqGaz")
_RU_TEAMS = ("Астана", "Кайрат", "Тобол", "Ордабасы", "Актобе", "Елимай", "Жетысу", "Шахтер", "Кызыл-Жар", "Атырау")
_KK_TEAMS = ("Астана", "Қайрат", "Тобыл", "Ордабасы", "Ақтөбе", "Елімай", "Жетісу", "Шахтер", "Қызыл-Жар", "Атырау")
_EN_TEAMS = ("Astana", "Kairat", "Tobol", "Ordabasy", "Aktobe", "Yelimay", "Zhetysu", "Shakhter", "Kyzyl-Zhar")
_RU_MONTHS_PREP = (
    "январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре",
    "декабре",
)  # fmt: skip
_RU_MONTHS_GEN = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
    "декабря",
)  # fmt: skip
_KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша",
    "желтоқсан",
)  # fmt: skip
_KK_MONTHS_LOC = (
    "қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда", "қыркүйекте",
    "қазанда", "қарашада", "желтоқсанда",
)  # fmt: skip
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
_RU_ROADS = ("Алматы — Бишкек", "Астана — Караганда", "Алматы — Усть-Каменогорск", "Шымкент — Ташкент", "Актобе — Орск")
_KK_ROADS = ("Алматы – Бішкек", "Астана – Қарағанды", "Алматы – Өскемен", "Шымкент – Ташкент", "Ақтөбе – Орск")
_EN_ROADS = ("Almaty-Bishkek", "Astana-Karaganda", "Almaty-Oskemen", "Shymkent-Tashkent", "Aktobe-Orsk")


def _pick(values: Sequence[str]) -> Picker:
    return lambda rng: rng.choice(values)


def _int(lo: int, hi: int) -> Picker:
    return lambda rng: str(rng.randint(lo, hi))


def _decimal(lo: int, hi: int, comma: bool) -> Picker:
    sep = "," if comma else "."
    return lambda rng: f"{rng.randint(lo, hi)}{sep}{rng.randint(0, 9)}"


def _money(lang: str) -> Picker:
    units = {
        "ru": ("млн тенге", "млрд тенге", "трлн тенге"),
        "kk": ("млн теңге", "млрд теңге", "трлн теңге"),
        "en": ("million tenge", "billion tenge", "trillion tenge"),
    }[lang]
    sep = "." if lang == "en" else ","

    def pick(rng: random.Random) -> str:
        unit = rng.choices(units, (10, 8, 1))[0]
        return f"{rng.randint(1, 950)}{sep}{rng.randint(1, 9)} {unit}"

    return pick


def _thousands(lang: str) -> Picker:
    sep = "," if lang == "en" else "\u00a0"
    return lambda rng: f"{rng.randint(1, 95)}{sep}{rng.randint(0, 999):03d}"


def _score(lang: str) -> Picker:
    sep = "-" if lang == "en" else ":"
    return lambda rng: f"{rng.randint(0, 5)}{sep}{rng.randint(0, 4)}"


def _common(lang: str) -> dict[str, Picker]:
    comma = lang != "en"
    return {
        "n": _int(2, 40),
        "age": _int(19, 64),
        "year": _int(2005, 2025),
        "day": _int(1, 28),
        "pct": _decimal(1, 19, comma),
        "rate": lambda rng: f"{rng.randint(440, 525)}{',' if comma else '.'}{rng.randint(0, 99):02d}",
        "fuel": _int(205, 310),
        "kg": _pick(("51", "57", "63", "71", "80", "92")),
        "n_big": _int(120, 9800),
        "thousands": _thousands(lang),
        "money": _money(lang),
        "score": _score(lang),
        "n_cold": _int(12, 41),
        "n_warm": _int(18, 43),
    }


# ---------------------------------------------------------------------------------------
# Organisations: the written forms, by grammatical case
# ---------------------------------------------------------------------------------------

# (weight, {case: forms}); every form is something a Kazakh, Russian or English news text writes
_RU_ORGS: tuple[tuple[int, dict[str, tuple[str, ...]]], ...] = (
    (24, {
        "nom": ("«Исламское государство»", "Исламское государство", "ИГИЛ", "ДАИШ", "«Исламское государство» (ИГ)"),
        "gen": ("«Исламского государства»", "Исламского государства", "ИГИЛ", "«Исламского государства» (ИГИЛ)",
                "группировки ИГИЛ"),
        "dat": ("«Исламскому государству»", "ИГИЛ", "Исламскому государству"),
        "acc": ("«Исламское государство»", "ИГИЛ"),
        "ins": ("«Исламским государством»", "ИГИЛ", "Исламским государством"),
        "prep": ("«Исламском государстве»", "ИГИЛ"),
    }),
    (10, {
        "nom": ("Аль-Каида", "«Аль-Каида»"),
        "gen": ("Аль-Каиды", "«Аль-Каиды»", "Аль-Каеды"),
        "dat": ("Аль-Каиде", "«Аль-Каиде»"),
        "acc": ("Аль-Каиду",),
        "ins": ("Аль-Каидой", "«Аль-Каидой»"),
        "prep": ("Аль-Каиде",),
    }),
    (9, {
        "nom": ("движение «Талибан»", "Талибан"),
        "gen": ("движения «Талибан»", "Талибана"),
        "dat": ("движению «Талибан»", "Талибану"),
        "acc": ("движение «Талибан»", "Талибан"),
        "ins": ("движением «Талибан»", "Талибаном"),
        "prep": ("движении «Талибан»", "Талибане"),
    }),
    (13, {
        "nom": ("«Хизб ут-Тахрир»", "Хизб ут-Тахрир", "Хизб-ут-Тахрир", "«Хизб ут\u2011Тахрир»"),
        "gen": ("«Хизб ут-Тахрира»", "партии «Хизб ут-Тахрир»", "Хизб ут-Тахрира", "организации «Хизб ут-Тахрир»"),
        "dat": ("«Хизб ут-Тахриру»", "партии «Хизб ут-Тахрир»"),
        "acc": ("«Хизб ут-Тахрир»", "Хизб-ут-Тахрир"),
        "ins": ("«Хизб ут-Тахриром»", "партией «Хизб ут-Тахрир»"),
        "prep": ("«Хизб ут-Тахрире»", "партии «Хизб ут-Тахрир»"),
    }),
    (6, {
        "nom": ("«Братья-мусульмане»", "Братья-мусульмане"),
        "gen": ("«Братьев-мусульман»", "Братьев-мусульман"),
        "dat": ("«Братьям-мусульманам»",),
        "acc": ("«Братьев-мусульман»",),
        "ins": ("«Братьями-мусульманами»",),
        "prep": ("«Братьях-мусульманах»",),
    }),
    (6, {
        "nom": ("Джабхат ан-Нусра", "«Фронт ан-Нусра»"),
        "gen": ("Джабхат ан-Нусры", "«Фронта ан-Нусра»", "группировки «Джабхат ан-Нусра»"),
        "dat": ("Джабхат ан-Нусре",),
        "acc": ("Джабхат ан-Нусру",),
        "ins": ("Джабхат ан-Нусрой",),
        "prep": ("Джабхат ан-Нусре",),
    }),
    (5, {
        "nom": ("Исламское движение Узбекистана (ИДУ)", "Исламское движение Узбекистана"),
        "gen": ("Исламского движения Узбекистана", "Исламского движения Узбекистана (ИДУ)"),
        "dat": ("Исламскому движению Узбекистана",),
        "acc": ("Исламское движение Узбекистана",),
        "ins": ("Исламским движением Узбекистана",),
        "prep": ("Исламском движении Узбекистана",),
    }),
    (4, {
        "nom": ("«Демократический выбор Казахстана» (ДВК)", "ДВК"),
        "gen": ("«Демократического выбора Казахстана»", "ДВК", "«Демократического выбора Казахстана» (ДВК)"),
        "dat": ("«Демократическому выбору Казахстана»",),
        "acc": ("«Демократический выбор Казахстана»",),
        "ins": ("«Демократическим выбором Казахстана»",),
        "prep": ("«Демократическом выборе Казахстана»",),
    }),
    (4, dict.fromkeys(("nom", "gen", "dat", "acc", "ins", "prep"), ("«Көше партиясы»", "«Коше партиясы»"))),
    (5, dict.fromkeys(("nom", "gen", "dat", "acc", "ins", "prep"), ("«Таблиги Джамаат»", "«Джамаат Таблиг»"))),
    (2, dict.fromkeys(("nom", "gen", "dat", "acc", "ins", "prep"), ("«Ат-Такфир валь-Хиджра»",))),
    (2, dict.fromkeys(("nom", "gen", "dat", "acc", "ins", "prep"), ("«Лашкар-и-Тайба»",))),
    (2, dict.fromkeys(("nom", "gen", "dat", "acc", "ins", "prep"), ("«АУМ Синрике»",))),
    (2, dict.fromkeys(("nom", "gen", "dat", "acc", "ins", "prep"), ("«Джунд аль-Халифат»",))),
    (2, dict.fromkeys(("nom", "gen", "dat", "acc", "ins", "prep"), ("«Асбат аль-Ансар»",))),
    (2, {
        "nom": ("Рабочая партия Курдистана",),
        "gen": ("Рабочей партии Курдистана",),
        "dat": ("Рабочей партии Курдистана",),
        "acc": ("Рабочую партию Курдистана",),
        "ins": ("Рабочей партией Курдистана",),
        "prep": ("Рабочей партии Курдистана",),
    }),
    (2, {
        "nom": ("Жамаат моджахедов Центральной Азии",),
        "gen": ("Жамаата моджахедов Центральной Азии",),
        "dat": ("Жамаату моджахедов Центральной Азии",),
        "acc": ("Жамаат моджахедов Центральной Азии",),
        "ins": ("Жамаатом моджахедов Центральной Азии",),
        "prep": ("Жамаате моджахедов Центральной Азии",),
    }),
)  # fmt: skip

_KK_ORGS: tuple[tuple[int, dict[str, tuple[str, ...]]], ...] = (
    (24, {
        "nom": ("ИГИЛ", "«Ислам мемлекеті»", "ДАИШ"),
        "gen": ("ИГИЛ-дің", "«Ислам мемлекеті» ұйымының", "Ислам мемлекетінің", "ДАИШ-тың"),
        "dat": ("ИГИЛ-ге", "Ислам мемлекетіне", "«Ислам мемлекеті» ұйымына", "ДАИШ-ке"),
        "acc": ("ИГИЛ-ді", "Ислам мемлекетін"),
        "loc": ("ИГИЛ-де", "Ислам мемлекетінде"),
        "abl": ("ИГИЛ-ден", "Ислам мемлекетінен"),
        "ins": ("ИГИЛ-мен", "Ислам мемлекетімен"),
    }),
    (10, {
        "nom": ("Әл-Каида", "«Әл-Каида»", "Аль-Каида"),
        "gen": ("Әл-Каиданың", "«Әл-Каида» ұйымының", "Аль-Каиданың", "«Әл-Каиданың»"),
        "dat": ("Әл-Каидаға",),
        "acc": ("Әл-Каиданы",),
        "loc": ("Әл-Каидада",),
        "abl": ("Әл-Каидадан",),
        "ins": ("Әл-Каидамен",),
    }),
    (9, {
        "nom": ("Талибан", "«Талибан» қозғалысы", "Талибан қозғалысы"),
        "gen": ("Талибанның", "Талибан қозғалысының", "«Талибан» қозғалысының"),
        "dat": ("Талибанға", "Талибан қозғалысына"),
        "acc": ("Талибанды", "Талибан қозғалысын"),
        "loc": ("Талибанда",),
        "abl": ("Талибаннан",),
        "ins": ("Талибанмен",),
    }),
    (13, {
        "nom": ("«Хизб ут-Тахрир»", "Хизбут-Тахрир"),
        "gen": ("«Хизб ут-Тахрир» ұйымының", "Хизб ут-Тахрирдің", "Хизбут-Тахрирдің", "«Хизб ут\u2011Тахрир» ұйымының"),
        "dat": ("Хизб ут-Тахрирге", "«Хизб ут-Тахрир» ұйымына"),
        "acc": ("Хизб ут-Тахрирді",),
        "loc": ("Хизб ут-Тахрирде",),
        "abl": ("Хизб ут-Тахрирден",),
        "ins": ("Хизб ут-Тахрирмен",),
    }),
    (6, {
        "nom": ("«Мұсылман бауырлар»",),
        "gen": ("«Мұсылман бауырлар» ұйымының", "Мұсылман бауырлардың"),
        "dat": ("«Мұсылман бауырлар» ұйымына",),
        "acc": ("«Мұсылман бауырлар» ұйымын",),
        "loc": ("«Мұсылман бауырлар» ұйымында",),
        "abl": ("«Мұсылман бауырлар» ұйымынан",),
        "ins": ("«Мұсылман бауырлар» ұйымымен",),
    }),
    (6, {
        "nom": ("Ән-Нұсра майданы", "«Джабхат ан-Нусра»"),
        "gen": ("Ән-Нұсра майданының", "«Джабхат ан-Нусра» ұйымының"),
        "dat": ("Ән-Нұсра майданына",),
        "acc": ("Ән-Нұсра майданын",),
        "loc": ("Ән-Нұсра майданында",),
        "abl": ("Ән-Нұсра майданынан",),
        "ins": ("Ән-Нұсра майданымен",),
    }),
    (5, {
        "nom": ("Көше партиясы", "«Көше партиясы»"),
        "gen": ("Көше партиясының",),
        "dat": ("Көше партиясына",),
        "acc": ("Көше партиясын",),
        "loc": ("Көше партиясында",),
        "abl": ("Көше партиясынан",),
        "ins": ("Көше партиясымен",),
    }),
    (4, {
        "nom": ("Қазақстанның демократиялық таңдауы (ҚДТ)", "Қазақстанның демократиялық таңдауы"),
        "gen": ("Қазақстанның демократиялық таңдауының",),
        "dat": ("Қазақстанның демократиялық таңдауына",),
        "acc": ("Қазақстанның демократиялық таңдауын",),
        "loc": ("Қазақстанның демократиялық таңдауында",),
        "abl": ("Қазақстанның демократиялық таңдауынан",),
        "ins": ("Қазақстанның демократиялық таңдауымен",),
    }),
    (5, {
        "nom": ("Өзбекстан ислам қозғалысы",),
        "gen": ("Өзбекстан ислам қозғалысының",),
        "dat": ("Өзбекстан ислам қозғалысына",),
        "acc": ("Өзбекстан ислам қозғалысын",),
        "loc": ("Өзбекстан ислам қозғалысында",),
        "abl": ("Өзбекстан ислам қозғалысынан",),
        "ins": ("Өзбекстан ислам қозғалысымен",),
    }),
    (5, {
        "nom": ("«Таблиғи жамағат»",),
        "gen": ("«Таблиғи жамағат» ұйымының", "Таблиғи жамағаттың"),
        "dat": ("«Таблиғи жамағат» ұйымына",),
        "acc": ("«Таблиғи жамағат» ұйымын",),
        "loc": ("«Таблиғи жамағат» ұйымында",),
        "abl": ("«Таблиғи жамағат» ұйымынан",),
        "ins": ("«Таблиғи жамағат» ұйымымен",),
    }),
    (2, {
        "nom": ("«Алға!» партиясы",),
        "gen": ("«Алға!» партиясының",),
        "dat": ("«Алға!» партиясына",),
        "acc": ("«Алға!» партиясын",),
        "loc": ("«Алға!» партиясында",),
        "abl": ("«Алға!» партиясынан",),
        "ins": ("«Алға!» партиясымен",),
    }),
)  # fmt: skip

_EN_ORGS: tuple[tuple[int, dict[str, tuple[str, ...]]], ...] = (
    (24, {
        "nom": ("the Islamic State", "Islamic State", "the Islamic State (IS)", "ISIS", "ISIL", "IS", "Daesh",
                "the Islamic State of Iraq and the Levant (ISIL)", "the so-called Islamic State"),
        "poss": ("ISIS’", "IS's", "the Islamic State's", "ISIL's", "Daesh's"),
        "attr": ("ISIS", "Islamic State", "IS", "ISIL"),
    }),
    (10, {
        "nom": ("al-Qaeda", "al-Qaida", "Al Qaeda", "al-Qa'ida"),
        "poss": ("al-Qaeda's", "al-Qaeda’s"),
        "attr": ("al-Qaeda",),
    }),
    (9, {
        "nom": ("the Taliban", "the Taliban movement", "the Taleban"),
        "poss": ("the Taliban's", "the Taliban’s"),
        "attr": ("Taliban",),
    }),
    (13, {
        "nom": ("Hizb ut-Tahrir", "Hizb-ut-Takhrir", "Hizbut-Tahrir", "Hizb ut-Tahrir al-Islami", "“Hizb ut-Tahrir”",
                "Hizb ut\u2011Tahrir"),
        "poss": ("Hizb ut-Tahrir's",),
        "attr": ("Hizb ut-Tahrir",),
    }),
    (6, {"nom": ("the Muslim Brotherhood",), "poss": ("the Muslim Brotherhood's",), "attr": ("Muslim Brotherhood",)}),
    (6, {
        "nom": ("Jabhat al-Nusra", "the al-Nusra Front", "the Nusra Front", "Jabhat Fatah al-Sham"),
        "poss": ("Jabhat al-Nusra's",),
        "attr": ("Nusra Front",),
    }),
    (5, {
        "nom": ("the Islamic Movement of Uzbekistan (IMU)", "the Islamic Movement of Uzbekistan", "the IMU"),
        "poss": ("the IMU's",),
        "attr": ("IMU",),
    }),
    (4, {
        "nom": ("the Democratic Choice of Kazakhstan (DVK)", "the Democratic Choice of Kazakhstan", "DVK"),
        "poss": ("DVK's",),
        "attr": ("DVK",),
    }),
    (4, {"nom": ("Koshe Partiyasy", "the Koshe Party"), "poss": ("Koshe Partiyasy's",), "attr": ("Koshe Partiyasy",)}),
    (5, {"nom": ("Tablighi Jamaat", "Tabligh Jamaat"), "poss": ("Tablighi Jamaat's",), "attr": ("Tablighi Jamaat",)}),
    (3, {
        "nom": ("the Kurdistan Workers' Party (PKK)", "the PKK", "Kongra-Gel"),
        "poss": ("the PKK's",),
        "attr": ("PKK",),
    }),
    (2, {"nom": ("Lashkar-e-Taiba",), "poss": ("Lashkar-e-Taiba's",), "attr": ("Lashkar-e-Taiba",)}),
    (2, {"nom": ("Aum Shinrikyo",), "poss": ("Aum Shinrikyo's",), "attr": ("Aum Shinrikyo",)}),
    (2, {"nom": ("the Grey Wolves",), "poss": ("the Grey Wolves'",), "attr": ("Grey Wolves",)}),
    (2, {
        "nom": ("the East Turkestan Islamic Movement (ETIM)",),
        "poss": ("ETIM's",),
        "attr": ("East Turkestan Islamic Movement",),
    }),
    (2, {"nom": ("Jund al-Khilafah",), "poss": ("Jund al-Khilafah's",), "attr": ("Jund al-Khilafah",)}),
    (2, {"nom": ("At-Takfir wal-Hijra",), "poss": ("Takfir wal-Hijra's",), "attr": ("Takfir wal-Hijra",)}),
    (2, {"nom": ("Asbat al-Ansar",), "poss": ("Asbat al-Ansar's",), "attr": ("Asbat al-Ansar",)}),
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Sentence templates, by topic
# ---------------------------------------------------------------------------------------

_RU_TOPICS: dict[str, tuple[str, ...]] = {
    "courts": (
        "{court} вынес приговор по делу о мошенничестве в особо крупном размере на сумму {money}.",
        "Подсудимый, {age}-летний житель города {city}, свою вину признал частично.",
        "Государственный обвинитель запросил для него {n} лет лишения свободы.",
        "Приговор не вступил в законную силу и может быть обжалован в апелляционном порядке.",
        "Заседание прошло в закрытом режиме по ходатайству стороны защиты.",
        "Адвокат обвиняемого заявил, что намерен обжаловать решение в кассационной инстанции.",
        "В {region} возбуждено {n} уголовных дел о взятках в сфере государственных закупок.",
        "По данным прокуратуры, ущерб государству возмещен в полном объеме.",
        "Следствие по делу длилось более {n} месяцев, в материалах дела {n_big} страниц.",
        "Суд также пожизненно лишил осужденного права занимать должности на государственной службе.",
        "{Title} {person} сообщил, что судебная практика по таким делам будет единой.",
    ),
    "economy": (
        "В {month_prep} годовая инфляция в Казахстане составила {pct}%.",
        "Национальный банк сохранил базовую ставку на уровне {pct}% годовых.",
        "Курс доллара на утренней сессии KASE составил {rate} тенге.",
        "Компания {company} увеличила чистую прибыль на {pct}% по сравнению с прошлым годом.",
        "Объем розничного кредитования достиг {money}, сообщает регулятор.",
        "Цена бензина АИ-92 на заправках города {city} выросла до {fuel} тенге за литр.",
        "Министерство национальной экономики прогнозирует рост ВВП на уровне {pct}%.",
        "Экспорт зерна с начала сельскохозяйственного года превысил {thousands} тонн.",
        "Правительство выделило {money} на модернизацию коммунальных сетей.",
        "По словам аналитиков, спрос на жилье в городе {city} остается высоким.",
        "Средняя стоимость квадратного метра нового жилья составила {n_big} тысяч тенге.",
        "Компания {company} объявила о размещении облигаций на {money}.",
    ),
    "sport": (
        "Футбольный клуб «{team}» обыграл соперника со счетом {score}.",
        "Матч {n}-го тура премьер-лиги посетили {thousands} зрителей.",
        "Главный тренер команды отметил слаженную игру обороны.",
        "Хоккейный клуб «Барыс» уступил в овертайме со счетом {score}.",
        "Казахстанский боксер завоевал золото чемпионата Азии в весе до {kg} килограммов.",
        "Сборная Казахстана по волейболу поднялась на {n}-е место в мировом рейтинге.",
        "Гонщики команды «Астана» финишировали в первой десятке на {n}-м этапе.",
        "Следующий матч «{team}» проведет на своем поле в городе {city}.",
        "Билеты на игру поступили в продажу по цене от {n_big} тенге.",
        "Казахстанская теннисистка вышла в четвертьфинал турнира в Дубае.",
    ),
    "weather": (
        "По прогнозу РГП «Казгидромет», в ближайшие три дня в {region} ожидаются снег и метель.",
        "Ночью температура воздуха опустится до минус {n_cold} градусов.",
        "Днем в городе {city} ожидается до {n_warm} градусов тепла.",
        "Из-за гололеда на трассе {road} ограничено движение автобусов.",
        "Синоптики предупреждают о порывах ветра до {n} метров в секунду.",
        "В горах Заилийского Алатау сохраняется лавинная опасность.",
        "Паводковая ситуация в {region} находится под контролем спасателей.",
        "МЧС рекомендует жителям воздержаться от поездок за город.",
        "Уровень воды в реке Урал за сутки поднялся на {n} сантиметров.",
    ),
    "religion": (
        "Духовное управление мусульман Казахстана установило размер фитр-садака в {n_big} тенге.",
        "В городе {city} открылась новая мечеть, рассчитанная на {n_big} прихожан.",
        "Верующие отметили Курбан айт, в мечетях прошли праздничные намазы.",
        "Главный имам области призвал прихожан помогать нуждающимся.",
        "Православные христиане готовятся к празднованию Рождества.",
        "Агентство по делам религий провело для молодежи семинар о традиционном исламе.",
        "Теологи отмечают, что деструктивные течения распространяются преимущественно в интернете.",
        "В этом году паломничество в Мекку совершили более {n_big} казахстанцев.",
        "Число зарегистрированных религиозных объединений выросло до {thousands}.",
    ),
    "city": (
        "Аким города {city} провел прием граждан по вопросам жилищно-коммунального хозяйства.",
        "Депутаты мажилиса одобрили в первом чтении поправки в Налоговый кодекс.",
        "Указом главы государства {person} назначен вице-министром энергетики.",
        "Сенат вернул законопроект в мажилис с поправками.",
        "{Title} {person} рассказал о планах расширить программу льготной ипотеки.",
        "На встрече обсуждались вопросы транспортной логистики и транзита через Каспий.",
        "В городе {city} начался капитальный ремонт {n} многоквартирных домов.",
        "Жители микрорайона жалуются, что горячей воды нет уже {n} дней.",
        "По словам акима, работы завершатся до конца {month_gen}.",
        "На строительство школы на {n_big} мест направят {money}.",
        "Центральная избирательная комиссия утвердила календарь выборов.",
        "Министр просвещения пообещал решить проблему трехсменного обучения к {year} году.",
    ),
    "health": (
        "В городе {city} за неделю зарегистрировано {n_big} случаев гриппа.",
        "Минздрав напомнил о необходимости вакцинации детей против кори.",
        "Единое национальное тестирование сдали более {thousands} выпускников.",
        "Средний балл ЕНТ в этом году составил {n_big} сотых от максимального.",
        "В областной больнице открылось отделение кардиохирургии.",
        "Врачи провели более {n_big} операций по квоте ОСМС.",
        "Студенты вузов города {city} смогут получать стипендию на банковскую карту.",
    ),
}

_KK_TOPICS: dict[str, tuple[str, ...]] = {
    "courts": (
        "{court} ірі көлемдегі алаяқтық туралы іс бойынша үкім шығарды, залал {money} құрады.",
        "Сотталушы, {city} қаласының {age} жастағы тұрғыны, кінәсін ішінара мойындады.",
        "Мемлекеттік айыптаушы оған {n} жыл бас бостандығынан айыру жазасын сұрады.",
        "Үкім заңды күшіне енген жоқ, оған апелляциялық тәртіппен шағым беруге болады.",
        "Сот отырысы қорғау тарапының өтінішімен жабық режимде өтті.",
        "Айыпталушының адвокаты шешімге кассациялық сатыда шағымданатынын мәлімдеді.",
        "{region} облысында мемлекеттік сатып алу саласындағы парақорлық бойынша {n} қылмыстық іс қозғалды.",
        "Прокуратураның мәліметінше, мемлекетке келтірілген залал толық өтелді.",
        "Іс бойынша тергеу {n} айдан астам уақытқа созылды.",
        "Сот сотталушыны мемлекеттік қызметте лауазым атқару құқығынан өмір бойы айырды.",
    ),
    "economy": (
        "Ұлттық статистика бюросының дерегінше, {month_loc} жылдық инфляция {pct} пайызды құрады.",
        "Ұлттық банк базалық мөлшерлемені {pct} пайыз деңгейінде сақтады.",
        "KASE-дегі таңғы саудада доллар бағамы {rate} теңге болды.",
        "{company} компаниясының таза пайдасы өткен жылмен салыстырғанда {pct} пайызға өсті.",
        "Бөлшек несиелеу көлемі {money} деңгейіне жетті.",
        "{city} қаласындағы жанармай бекеттерінде АИ-92 бензинінің литрі {fuel} теңгеге дейін қымбаттады.",
        "Ұлттық экономика министрлігі ЖІӨ өсімін {pct} пайыз деңгейінде болжап отыр.",
        "Ауыл шаруашылығы жылының басынан бері астық экспорты {thousands} тоннадан асты.",
        "Үкімет коммуналдық желілерді жаңғыртуға {money} бөлді.",
        "Сарапшылардың айтуынша, {city} қаласында тұрғын үйге сұраныс жоғары күйінде қалып отыр.",
        "Жаңа тұрғын үйдің бір шаршы метрінің орташа құны {n_big} мың теңге болды.",
        "{company} {money} көлемінде облигация шығаратынын жариялады.",
    ),
    "sport": (
        "«{team}» футбол клубы қарсыласын {score} есебімен жеңді.",
        "Премьер-лиганың {n}-турындағы матчты {thousands} көрермен тамашалады.",
        "Команданың бас бапкері қорғаныс шебінің үйлесімді ойынын атап өтті.",
        "«Барыс» хоккей клубы овертаймда {score} есебімен жеңіліп қалды.",
        "Қазақстандық боксшы Азия чемпионатында {kg} келіге дейінгі салмақта алтын медаль жеңіп алды.",
        "Қазақстанның волейбол құрамасы әлемдік рейтингте {n}-орынға көтерілді.",
        "«Астана» командасының велошабандоздары {n}-кезеңде алғашқы ондыққа енді.",
        "«{team}» келесі матчын {city} қаласындағы өз алаңында өткізеді.",
        "Ойынға билеттер {n_big} теңгеден бастап сатылымға шықты.",
        "Қазақстандық теннисші Дубайдағы турнирдің ширек финалына шықты.",
    ),
    "weather": (
        "«Қазгидромет» РМК болжамы бойынша, алдағы үш күнде {region} облысында қар жауып, боран соғады.",
        "Түнде аяз {n_cold} градусқа дейін күшейеді.",
        "Күндіз {city} қаласында ауа {n_warm} градусқа дейін жылиды.",
        "Көктайғаққа байланысты {road} тас жолында автобустардың қатынасы шектелді.",
        "Синоптиктер желдің екпіні секундына {n} метрге дейін жететінін ескертеді.",
        "Іле Алатауының тауларында қар көшкінінің қаупі сақталып отыр.",
        "{region} облысындағы су тасқыны жағдайы құтқарушылардың бақылауында.",
        "ТЖМ тұрғындарға қала сыртына шықпауға кеңес береді.",
        "Жайық өзеніндегі су деңгейі бір тәулікте {n} сантиметрге көтерілді.",
    ),
    "religion": (
        "Қазақстан мұсылмандары діни басқармасы пітір садақаның мөлшерін {n_big} теңге деп белгіледі.",
        "{city} қаласында {n_big} адамға арналған жаңа мешіт ашылды.",
        "Мұсылмандар Құрбан айт мерекесін атап өтті, мешіттерде айт намазы оқылды.",
        "Облыстың бас имамы жамағатты мұқтаж жандарға көмектесуге шақырды.",
        "Православ христиандар Рождество мерекесіне дайындалып жатыр.",
        "Дін істері агенттігі жастарға арналған дәстүрлі ислам туралы семинар өткізді.",
        "Теологтардың айтуынша, деструктивті ағымдар негізінен интернет арқылы таралады.",
        "Биыл {n_big} қазақстандық қажылыққа барып қайтты.",
        "Тіркелген діни бірлестіктер саны {thousands} жетті.",
    ),
    "city": (
        "{city} қаласының әкімі тұрғын үй-коммуналдық шаруашылық мәселелері бойынша азаматтарды қабылдады.",
        "Мәжіліс депутаттары Салық кодексіне енгізілетін түзетулерді бірінші оқылымда мақұлдады.",
        "Мемлекет басшысының жарлығымен {person} энергетика вице-министрі болып тағайындалды.",
        "Сенат заң жобасын түзетулермен мәжіліске қайтарды.",
        "{title} {person} жеңілдетілген ипотека бағдарламасын кеңейту жоспары туралы айтты.",
        "Кездесуде көлік логистикасы мен Каспий арқылы транзит мәселелері талқыланды.",
        "{city} қаласында {n} көппәтерлі үйді күрделі жөндеу басталды.",
        "Шағын аудан тұрғындары ыстық су {n} күннен бері жоқ екенін айтып шағымданады.",
        "Әкімнің айтуынша, жұмыстар {month} айының соңына дейін аяқталады.",
        "{n_big} орындық жаңа мектеп құрылысына {money} бөлінеді.",
        "Орталық сайлау комиссиясы сайлау күнтізбесін бекітті.",
        "Оқу-ағарту министрі үш ауысымды оқыту мәселесін {year} жылға дейін шешуге уәде берді.",
    ),
    "health": (
        "{city} қаласында бір аптада тұмаудың {n_big} жағдайы тіркелді.",
        "Денсаулық сақтау министрлігі балаларды қызылшаға қарсы егудің маңызын еске салды.",
        "Ұлттық бірыңғай тестілеуді {thousands} түлек тапсырды.",
        "Биыл ҰБТ-ның орташа балы {n_big} ұпайдың жүзден бір бөлігін құрады.",
        "Облыстық ауруханада кардиохирургия бөлімшесі ашылды.",
        "Дәрігерлер МӘМС квотасы бойынша {n_big} ота жасады.",
        "{city} қаласындағы жоғары оқу орындарының студенттері шәкіртақыны банк картасына алатын болады.",
    ),
}

_EN_TOPICS: dict[str, tuple[str, ...]] = {
    "courts": (
        "{court} handed down a verdict in a large-scale fraud case involving {money}.",
        "The defendant, a {age}-year-old resident of {city}, partially admitted his guilt.",
        "The prosecutor asked for a sentence of {n} years in prison.",
        "The verdict has not yet entered into force and may be appealed.",
        "The hearing was held behind closed doors at the request of the defence.",
        "The defendant's lawyer said he would file a cassation appeal.",
        "Police in the {region} have opened {n} criminal cases over bribes in public procurement.",
        "According to the prosecutor's office, the damage to the state has been fully repaid.",
        "The investigation lasted more than {n} months, and the case file runs to {n_big} pages.",
        "The court also barred the convict from holding public office for life.",
        "{title} {person} said courts would apply a uniform approach to such cases.",
    ),
    "economy": (
        "Annual inflation in Kazakhstan stood at {pct}% in {month}, the statistics bureau said.",
        "The National Bank kept its base rate at {pct}%.",
        "The dollar traded at {rate} tenge at the morning session on KASE.",
        "{company} said its net profit rose by {pct}% year on year.",
        "Retail lending reached {money}, according to the regulator.",
        "The price of AI-92 petrol at filling stations in {city} rose to {fuel} tenge a litre.",
        "The Ministry of National Economy expects GDP to grow by {pct}% this year.",
        "Grain exports since the start of the marketing year have exceeded {thousands} tonnes.",
        "The government allocated {money} to upgrade municipal utility networks.",
        "Analysts say demand for housing in {city} remains strong.",
        "The average price of a square metre of new housing reached {n_big} thousand tenge.",
        "{company} announced a bond issue worth {money}.",
        "Fuel traders in {city} blamed the rise on higher wholesale prices.",
    ),
    "sport": (
        "{team} beat their opponents {score} in front of a home crowd.",
        "The round {n} match of the Premier League drew {thousands} spectators.",
        "The head coach praised the team's defensive discipline.",
        "Barys lost {score} in overtime.",
        "A Kazakh boxer won gold at the Asian Championships in the {kg} kg category.",
        "Kazakhstan's volleyball team climbed to {n}th place in the world rankings.",
        "Riders of the Astana team finished in the top ten on stage {n}.",
        "{team} will play their next match at home in {city}.",
        "Tickets for the game went on sale from {n_big} tenge.",
        "A Kazakh tennis player reached the quarter-finals of the tournament in Dubai.",
    ),
    "weather": (
        "Kazhydromet forecasts snow and blizzards in the {region} over the next three days.",
        "Night temperatures will drop to minus {n_cold} degrees Celsius.",
        "Daytime temperatures in {city} are expected to reach {n_warm} degrees.",
        "Bus services on the {road} highway have been restricted because of black ice.",
        "Forecasters warn of wind gusts of up to {n} metres per second.",
        "The risk of avalanches remains in the mountains of the Trans-Ili Alatau.",
        "Rescue teams say the flood situation in the {region} is under control.",
        "The emergencies ministry advised residents not to travel out of town.",
        "The water level in the Ural River rose by {n} centimetres in a day.",
    ),
    "religion": (
        "The Spiritual Administration of Muslims of Kazakhstan set the fitr sadaqah at {n_big} tenge.",
        "A new mosque for {n_big} worshippers opened in {city}.",
        "Believers celebrated Kurban Ait, with festive prayers held in mosques across the country.",
        "The chief imam of the region urged worshippers to help those in need.",
        "Orthodox Christians are preparing to celebrate Christmas.",
        "The Agency for Religious Affairs held a seminar on traditional Islam for young people.",
        "Theologians say destructive movements spread mainly online.",
        "More than {n_big} Kazakh citizens made the pilgrimage to Mecca this year.",
        "The number of registered religious associations rose to {thousands}.",
    ),
    "city": (
        "The mayor of {city} received residents to discuss housing and utilities.",
        "Mazhilis deputies approved amendments to the Tax Code in the first reading.",
        "By presidential decree, {person} was appointed deputy energy minister.",
        "The Senate returned the bill to the Mazhilis with amendments.",
        "{title} {person} outlined plans to expand the subsidised mortgage programme.",
        "The meeting focused on transport logistics and transit across the Caspian Sea.",
        "Major repairs of {n} apartment blocks have begun in {city}.",
        "Residents of the neighbourhood complain that there has been no hot water for {n} days.",
        "According to the mayor, the work will be finished by the end of {month}.",
        "A new school for {n_big} pupils will receive {money}.",
        "The Central Election Commission approved the election calendar.",
        "The education minister promised to end three-shift schooling by {year}.",
    ),
    "health": (
        "{city} registered {n_big} cases of flu in a week.",
        "The health ministry reminded parents to vaccinate their children against measles.",
        "More than {thousands} school leavers sat the Unified National Test.",
        "The average UNT score this year was {n_big} hundredths of the maximum.",
        "A cardiac surgery unit opened at the regional hospital.",
        "Doctors performed more than {n_big} operations under the compulsory health insurance quota.",
        "University students in {city} will be able to receive their grants on a bank card.",
    ),
}

_RU_MENTIONS = (
    "{court} признал {n} жителей города {city} виновными в участии в деятельности {org_gen}.",
    "По данным следствия, обвиняемый распространял в мессенджерах материалы {org_gen}.",
    "Суд приговорил {age}-летнего жителя города {city} к {n} годам лишения свободы за пропаганду идей {org_gen}.",
    "В КНБ сообщили о задержании в городе {city} сторонника {org_gen}.",
    "Деятельность {org_gen} запрещена в Казахстане по решению суда.",
    "Он признался, что собирался выехать в Сирию, чтобы примкнуть к {org_dat}.",
    "Следователи установили связь подозреваемых с {org_ins}.",
    "Эксперты считают, что вербовщики {org_gen} действуют через закрытые чаты в социальных сетях.",
    "На допросе он отрицал свою причастность к {org_dat}.",
    "Суд признал {org_acc} запрещенной организацией еще в {year} году.",
    "Религиоведы сравнивают риторику новых проповедников с пропагандой {org_gen}.",
    "В квартире задержанного изъяли брошюры {org_gen} и несколько флеш-накопителей.",
    "Прокурор напомнил, что участие в {org_prep} является уголовным преступлением.",
    "По словам {title_gen}, за год выявлено {n} сторонников {org_gen}.",
    "Осужденный, по данным суда, финансировал {org_acc} через электронные кошельки.",
    "Ранее он уже отбывал наказание за участие в {org_prep}.",
    "Адвокат настаивает, что его подзащитный не имел отношения ни к {org_dat}, ни к {org_dat}.",
    "В обвинительном заключении упоминаются {org_nom} и {org_nom}.",
    "Бывшие боевики {org_gen} вернулись на родину в ходе операции «Жусан».",
    "Суд установил, что с {year} года подсудимый поддерживал связь с эмиссарами {org_gen}.",
    "Агентство по делам религий предупредило о распространении листовок {org_gen}.",
    "Видеоролики с символикой {org_gen} удалены из сети по требованию прокуратуры.",
    "Материалы, посвященные {org_dat}, суд признал экстремистскими.",
    "Как пояснил {title} {person}, {org_nom} остается в списке запрещенных в Казахстане организаций.",
)

_KK_MENTIONS = (
    "{court} {city} қаласының {n} тұрғынын {org_gen} қызметіне қатысқаны үшін кінәлі деп тапты.",
    "Тергеу деректеріне сәйкес, айыпталушы мессенджерлерде {org_gen} материалдарын таратқан.",
    "ҰҚК {city} қаласында {org_gen} жақтаушысы ұсталғанын хабарлады.",
    "Ол Сирияға барып, {org_dat} қосылмақ болғанын мойындады.",
    "Сот {org_acc} {year} жылы тыйым салынған ұйым деп таныды.",
    "Тергеушілер күдіктілердің {org_ins} байланысын анықтады.",
    "{Org_nom} Қазақстанда сот шешімімен тыйым салынған ұйымдар тізімінде тұр.",
    "Ол {org_loc} екі жылдай болғанын айтты.",
    "Сарапшылардың пікірінше, {org_gen} үгітшілері әлеуметтік желілердегі жабық чаттар арқылы әрекет етеді.",
    "Жауап алу кезінде ол {org_dat} қатысы жоқ екенін айтты.",
    "Прокурор {org_gen} құрамына кіру қылмыстық жауаптылыққа әкелетінін еске салды.",
    "Ұсталған адамның пәтерінен {org_gen} кітапшалары мен флеш-жинақтағыштар тәркіленді.",
    "Соттың дерегінше, ол {org_acc} электрондық әмиян арқылы қаржыландырған.",
    "Айыптау қорытындысында {org_nom} және {org_nom} аталады.",
    "{Org_gen} бұрынғы содырлары «Жусан» операциясы аясында елге оралды.",
    "Прокуратураның талабымен {org_gen} символикасы бар бейнежазбалар желіден жойылды.",
    "Дін істері агенттігі {org_gen} үнпарақтарының таралуы туралы ескертті.",
    "Ол {year} жылдан бері {org_gen} эмиссарларымен байланыста болған.",
    "{title} {person} {org_nom} тыйым салынған ұйымдар тізімінде қалатынын айтты.",
    "Дінтанушылар жаңа уағызшылардың риторикасын {org_gen} үгітімен салыстырады.",
    "Адвокаттың айтуынша, қорғауындағы адамның {org_ins} ешқандай байланысы болмаған.",
    "Бұл топ {org_abl} бөлініп шыққан деп саналады.",
)

_EN_MENTIONS = (
    "{court} found {n} residents of {city} guilty of taking part in the activities of {org}.",
    "Investigators said the defendant had shared {org_poss} propaganda in messaging apps.",
    "A {age}-year-old man from {city} was sentenced to {n} years in prison for promoting {org}.",
    "The KNB said it had detained a supporter of {org} in {city}.",
    "{Org} is banned in Kazakhstan by a court ruling.",
    "He admitted that he had planned to travel to Syria to join {org}.",
    "Investigators established links between the suspects and {org}.",
    "Experts say recruiters for {org} operate through closed chat groups.",
    "During questioning he denied any involvement with {org}.",
    "Prosecutors recalled that membership of {org} is a criminal offence.",
    "Leaflets of {org} and several flash drives were seized from his flat.",
    "According to the court, he financed {org} through e-wallets.",
    "The indictment mentions both {org} and {org}.",
    "Former {org_attr} fighters returned home as part of the Zhusan operation.",
    "Videos bearing {org_poss} symbols were removed at the prosecutor's request.",
    "{Org_poss} leaders have urged supporters to boycott elections, the agency said.",
    "Religious scholars compare the new preachers' rhetoric with {org_poss} propaganda.",
    "The lawyer insists his client had nothing to do with {org}.",
    "A court recognised {org} as a banned organisation in {year}.",
    "Since {year}, the defendant had kept in touch with {org_attr} emissaries abroad.",
    "The Agency for Religious Affairs warned of leaflets distributed by {org}.",
    "{title} {person} said {org} remained on the list of organisations banned in Kazakhstan.",
    "Officials say {org_attr} cells have been dismantled in {n} regions.",
)

# Lookalikes: none of these names a banned organisation.
_RU_LOOKALIKES = (
    "Ливанская «Хезболла» заявила о новых ударах по северу Израиля.",
    "Группировка «Джунд аш-Шам» не входит в казахстанский список запрещенных организаций.",
    "Проповедник рассказывал, что в средние века на этих землях существовало исламское государство.",
    "Ответственность за нападение в Пешаваре взяло на себя движение «Техрик-и-Талибан Пакистан».",
    "Делегация Исламского Эмирата Афганистан прибыла в Астану на переговоры о транзите.",
    "Имам обратился к прихожанам: «Дорогие братья мусульмане, помогайте нуждающимся».",
    "Группировка «ИГИЛ-Хорасан» — отдельная структура, которую казахстанский суд не запрещал.",
    "Боевики «Катибат Имам аль-Бухари» воюют на севере Сирии.",
    "Инициативная группа партии «Алга, Казахстан» так и не получила регистрацию.",
)
_KK_LOOKALIKES = (
    "Ливандық «Хезболла» Израильдің солтүстігіне соққы бергенін мәлімдеді.",
    "Имам жамағатқа: «Қадірлі мұсылман бауырлар, мұқтаждарға көмектесейік», — деп үндеді.",
    "Ел экономикасы алға қарай дамып келеді.",
    "Алға қойған мақсаттарға жету үшін үкімет жаңа бағдарлама қабылдады.",
    "Ауғанстан Ислам Әмірлігінің делегациясы Астанаға келді.",
    "Ислам ынтымақтастығы ұйымының саммиті Астанада өтті.",
    "Орта ғасырларда бұл өлкеде ислам мемлекеті болған деген болжам бар.",
    "«Алға, Қазақстан» бастамасы тіркеуден өтпеді.",
    "Команда жаңа маусымда тек алға ұмтылатынын айтты.",
)
_EN_LOOKALIKES = (
    "Hezbollah said it had fired rockets at northern Israel.",
    "Jund al-Sham, a different group, is not on the Kazakh list.",
    "The preacher spoke of an Islamic state that had existed in the region centuries ago.",
    "Tehrik-i-Taliban Pakistan claimed responsibility for the attack in Peshawar.",
    "A delegation of the Islamic Emirate of Afghanistan arrived in Astana for talks on transit.",
    "Palestinian Islamic Jihad said the ceasefire was holding.",
    "A tip from a neighbour led police to the warehouse.",
    'Fans unfurled a banner reading "THIS IS KAZAKHSTAN" before kick-off.',
    'Protesters chanted "ENOUGH IS ENOUGH" outside the akimat.',
    "Our Muslim brothers in the region need help, the imam said.",
)

# ---------------------------------------------------------------------------------------
# Headlines and datelines
# ---------------------------------------------------------------------------------------

_RU_HEADLINES = (
    "Суд в городе {city} вынес приговор по громкому делу",
    "Инфляция в Казахстане замедлилась до {pct}%",
    "«{team}» одержал победу в домашнем матче",
    "Синоптики обещают похолодание до минус {n_cold} градусов",
    "В городе {city} открылась новая школа",
    "Нацбанк сохранил базовую ставку",
    "Депутаты одобрили поправки в Налоговый кодекс",
    "КНБ задержал подозреваемых в пропаганде терроризма",
    "Цены на бензин выросли в {region}",
    "В городе {city} построят новую мечеть",
    "Как изменится оплата коммунальных услуг с {day} {month_gen}",
)
_KK_HEADLINES = (
    "{city} қаласында сот шулы іс бойынша үкім шығарды",
    "Қазақстанда инфляция {pct} пайызға дейін баяулады",
    "«{team}» өз алаңында жеңіске жетті",
    "Синоптиктер аяздың {n_cold} градусқа дейін күшейетінін айтты",
    "{city} қаласында жаңа мектеп ашылды",
    "Ұлттық банк базалық мөлшерлемені өзгеріссіз қалдырды",
    "Депутаттар Салық кодексіне түзетулерді мақұлдады",
    "ҰҚК терроризмді насихаттады деген күдіктілерді ұстады",
    "{region} облысында жанармай қымбаттады",
    "{city} қаласында жаңа мешіт салынады",
)
_EN_HEADLINES = (
    "Court in {city} delivers verdict in high-profile case",
    "Inflation in Kazakhstan slows to {pct}%",
    "{team} win at home",
    "Forecasters warn of frosts down to minus {n_cold}",
    "New school opens in {city}",
    "National Bank leaves base rate unchanged",
    "Deputies approve Tax Code amendments",
    "KNB detains suspects over terrorist propaganda",
    "Petrol prices rise in the {region}",
    "Utility bills to change from {month} {day}",
)
# capitals headlines in which IS is a verb, not the Islamic State
_EN_CAPS_HEADLINES = (
    "WHO IS BEHIND THE RISE IN FLOUR PRICES?",
    "INFLATION IS SLOWING, SAYS NATIONAL BANK",
    "WHAT IS NEXT FOR {TEAM}?",
    "WINTER IS COMING EARLY TO {CITY}",
    "THE CAPITAL IS GETTING A NEW RING ROAD",
)
_DATELINES = {
    "ru": "{CITY}, {day} {month_gen}. ",
    "kk": "{CITY}, {day} {month}. ",
    "en": "{CITY}, {month} {day} — ",
}


# ---------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------


@dataclass
class CorpusStats:
    """What the generator planted: by language, and in total."""

    bytes: int = 0
    articles: int = 0
    sentences: int = 0
    mentions: int = 0  # organisation names planted (a sentence may hold two)
    lookalikes: int = 0  # sentences with a lookalike that must not match
    by_language: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Language:
    code: str
    topics: dict[str, tuple[str, ...]]
    topic_names: tuple[str, ...]
    mentions: tuple[str, ...]
    lookalikes: tuple[str, ...]
    headlines: tuple[str, ...]
    slots: dict[str, Picker]
    orgs: tuple[tuple[int, dict[str, tuple[str, ...]]], ...]


class _Slots(dict[str, str]):
    """A mapping for str.format_map that draws a fresh value for every placeholder."""

    def __init__(self, rng: random.Random, lang: _Language, stats: CorpusStats) -> None:
        super().__init__()
        self.rng = rng
        self.lang = lang
        self.stats = stats
        self._org_weights = [w for w, _ in lang.orgs]

    def __missing__(self, key: str) -> str:
        if key.lower().startswith("org"):
            return self._org(key)
        if key.isupper():  # {CITY}: the capitals of a dateline or headline
            return self.lang.slots[key.lower()](self.rng).upper()
        if key[0].isupper():  # {Title}: at the start of a sentence
            value = self.lang.slots[key.lower()](self.rng)
            return value[0].upper() + value[1:]
        return self.lang.slots[key](self.rng)

    def _org(self, key: str) -> str:
        _, forms = self.rng.choices(self.lang.orgs, weights=self._org_weights)[0]
        case = key.partition("_")[2] or "nom"
        value = self.rng.choice(forms[case])
        self.stats.mentions += 1
        if key[0] == "O":  # {Org...}: at the start of a sentence
            value = value[0].upper() + value[1:]
        return value


def _language(code: str) -> _Language:
    slots = _common(code)
    if code == "ru":
        slots.update(
            city=_pick(_RU_CITIES),
            region=_pick(_RU_REGIONS),
            person=_pick(_RU_PEOPLE),
            title=_pick(_RU_TITLES),
            title_gen=_pick(_RU_TITLES_GEN),
            court=_pick(_RU_COURTS),
            company=_pick(_RU_COMPANIES),
            team=_pick(_RU_TEAMS),
            month_prep=_pick(_RU_MONTHS_PREP),
            month_gen=_pick(_RU_MONTHS_GEN),
            road=_pick(_RU_ROADS),
        )
        return _Language(
            code, _RU_TOPICS, tuple(_RU_TOPICS), _RU_MENTIONS, _RU_LOOKALIKES, _RU_HEADLINES, slots, _RU_ORGS
        )
    if code == "kk":
        slots.update(
            city=_pick(_KK_CITIES),
            region=_pick(_KK_REGIONS),
            person=_pick(_KK_PEOPLE),
            title=_pick(_KK_TITLES),
            court=_pick(_KK_COURTS),
            company=_pick(_KK_COMPANIES),
            team=_pick(_KK_TEAMS),
            month=_pick(_KK_MONTHS),
            month_loc=_pick(_KK_MONTHS_LOC),
            road=_pick(_KK_ROADS),
        )
        return _Language(
            code, _KK_TOPICS, tuple(_KK_TOPICS), _KK_MENTIONS, _KK_LOOKALIKES, _KK_HEADLINES, slots, _KK_ORGS
        )
    slots.update(
        city=_pick(_EN_CITIES),
        region=_pick(_EN_REGIONS),
        person=_pick(_EN_PEOPLE),
        title=_pick(_EN_TITLES),
        court=_pick(_EN_COURTS),
        company=_pick(_EN_COMPANIES),
        team=_pick(_EN_TEAMS),
        month=_pick(_EN_MONTHS),
        road=_pick(_EN_ROADS),
    )
    return _Language(code, _EN_TOPICS, tuple(_EN_TOPICS), _EN_MENTIONS, _EN_LOOKALIKES, _EN_HEADLINES, slots, _EN_ORGS)


_LANGUAGES = {code: _language(code) for code in LANGUAGE_WEIGHTS}


def template_counts() -> dict[str, dict[str, int]]:
    """How many templates of each kind each language has (for the README and the tests)."""
    return {
        code: {
            "sentences": sum(len(t) for t in lang.topics.values()),
            "mentions": len(lang.mentions),
            "lookalikes": len(lang.lookalikes),
            "headlines": len(lang.headlines) + (len(_EN_CAPS_HEADLINES) if code == "en" else 0),
        }
        for code, lang in _LANGUAGES.items()
    }


def generate_articles(size_bytes: int, seed: int = 1, stats: CorpusStats | None = None) -> list[str]:
    """Articles whose joined text (:data:`ARTICLE_SEPARATOR`) is ``size_bytes`` of UTF-8, give or
    take one sentence. ``stats``, when given, is filled with what was planted."""
    if size_bytes <= 0:
        return []
    rng = random.Random(seed)
    st = stats if stats is not None else CorpusStats()
    codes = list(LANGUAGE_WEIGHTS)
    weights = list(LANGUAGE_WEIGHTS.values())
    slots = {code: _Slots(rng, lang, st) for code, lang in _LANGUAGES.items()}
    sep_bytes = len(ARTICLE_SEPARATOR.encode())
    total = exact = 0  # bytes so far: estimated while an article grows, exact between articles
    next_mention = rng.randint(*MENTION_GAP)
    next_lookalike = rng.randint(*LOOKALIKE_GAP)
    articles: list[str] = []

    while total < size_bytes:
        code = rng.choices(codes, weights)[0]
        lang = _LANGUAGES[code]
        fill = slots[code]
        if articles:
            total += sep_bytes
            exact += sep_bytes
        if code == "en" and rng.random() < 0.15:
            headline = rng.choice(_EN_CAPS_HEADLINES).format_map(fill)
            st.lookalikes += 1
        else:
            headline = rng.choice(lang.headlines).format_map(fill)
        parts = [headline]
        total += len(headline.encode()) + 2
        topic = lang.topics[rng.choice(lang.topic_names)]
        used: set[str] = set()
        paragraphs = rng.randint(3, 12)
        for p in range(paragraphs):
            sentences: list[str] = []
            if p == 0 and rng.random() < 0.6:
                sentences.append(_DATELINES[code].format_map(fill).rstrip())
            for _ in range(rng.randint(3, 8)):
                if next_mention <= 0:
                    sentence = rng.choice(lang.mentions).format_map(fill)
                    next_mention = rng.randint(*MENTION_GAP)
                elif next_lookalike <= 0:
                    sentence = rng.choice(lang.lookalikes)
                    st.lookalikes += 1
                    next_lookalike = rng.randint(*LOOKALIKE_GAP)
                else:
                    for _ in range(4):  # an article seldom says the same thing twice
                        pool = topic if rng.random() < 0.6 else lang.topics[rng.choice(lang.topic_names)]
                        template = rng.choice(pool)
                        if template not in used:
                            break
                    used.add(template)
                    sentence = template.format_map(fill)
                size = len(sentence.encode()) + 1
                total += size
                next_mention -= size
                next_lookalike -= size
                st.sentences += 1
                sentences.append(sentence)
                if total >= size_bytes:
                    break
            parts.append(" ".join(sentences))
            if total >= size_bytes:
                break
            total += 1  # the blank line between paragraphs
        article = "\n\n".join(parts)
        articles.append(article)
        total = exact + len(article.encode())  # the running count above was an estimate
        exact = total
        st.articles += 1
        st.by_language[code] += 1
    st.bytes = total
    return articles


def generate(size_bytes: int, seed: int = 1) -> str:
    """A news-like corpus of about ``size_bytes`` bytes of UTF-8; the same for the same seed."""
    return ARTICLE_SEPARATOR.join(generate_articles(size_bytes, seed))


def split_articles(text: str) -> list[str]:
    """The articles of a generated corpus (or of any text whose articles are separated by two
    blank lines)."""
    return [a for a in text.split(ARTICLE_SEPARATOR) if a.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=20.0, help="size in MB (10^6 bytes of UTF-8; default 20)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, help="write here (default: standard output)")
    args = parser.parse_args(argv)
    stats = CorpusStats()
    text = ARTICLE_SEPARATOR.join(generate_articles(int(args.size_mb * 1_000_000), args.seed, stats))
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        langs = ", ".join(f"{k} {v}" for k, v in sorted(stats.by_language.items()))
        print(
            f"{args.out}: {stats.bytes / 1e6:.2f} MB, {stats.articles} articles ({langs}), "
            f"{stats.sentences} sentences, {stats.mentions} planted mentions, {stats.lookalikes} lookalikes",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
