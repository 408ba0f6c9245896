"""Footnote sentences in English, Russian and Kazakh, and the dates inside them.

Month names and case endings come from tables here, never from the ``locale`` module, so
the output does not depend on the machine.

>>> march_28 = PartialDate(2005, 3, 28)
>>> format_date(march_28, "en"), format_date(march_28, "ru"), format_date(march_28, "kk")
('March 28, 2005', '28 марта 2005 года', '2005 жылғы 28 наурыз')
>>> format_date(PartialDate(2006, 11), "ru", case="since")
'с ноября 2006 года'
>>> format_date(PartialDate(2006, 11), "kk", case="since")
'2006 жылғы қарашадан бастап'
>>> format_date(PartialDate(2008), "kk", case="since")
'2008 жылдан бастап'

A footnote states the ban in force on a given day:

>>> from bannedorgs.model import Alias
>>> court = Court(
...     "astana-city-court",
...     names={"en": "Astana city court", "ru": "Суд города Астаны", "kk": "Астана қалалық соты"},
...     genitive={"ru": "суда города Астаны", "kk": "Астана қалалық сотының"},
... )
>>> ban = Decision("ban", PartialDate(2005, 3, 28), sources=(), court=court)
>>> ht = Organisation(
...     "hizb-ut-tahrir", "extremist",
...     names={lang: Alias("Hizb ut-Tahrir" if lang == "en" else "Хизб ут-Тахрир", lang, is_name=True)
...            for lang in ("en", "ru", "kk")},
...     aliases=(), decisions=(ban,),
... )
>>> print(render(ht, "en", on=dt.date(2024, 1, 1)))  # doctest: +NORMALIZE_WHITESPACE
Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since March 28, 2005,
following a judgment by the Astana city court.
>>> print(render(ht, "ru", on=dt.date(2024, 1, 1)))  # doctest: +NORMALIZE_WHITESPACE
Организация «Хизб ут-Тахрир» признана экстремистской и запрещена в Казахстане
с 28 марта 2005 года по решению суда города Астаны.
>>> print(render(ht, "kk", on=dt.date(2024, 1, 1)))  # doctest: +NORMALIZE_WHITESPACE
«Хизб ут-Тахрир» ұйымы Астана қалалық сотының шешімімен экстремистік деп танылып,
2005 жылғы 28 наурыздан бастап Қазақстандағы қызметіне тыйым салынған.
>>> render(ht, "en", on=dt.date(2000, 1, 1)) is None
True
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping

from . import _regex, kazakh_latin
from .model import Court, Decision, Organisation, PartialDate

__all__ = [
    "CASES",
    "DEFAULT_TEMPLATES",
    "LATIN_KAZAKH",
    "ban_decision",
    "format_date",
    "lifting_decision",
    "render",
    "template_problem",
]

#: The code of Kazakh in the Latin script: its footnotes are the Kazakh ones in the 2021
#: Latin alphabet (:func:`bannedorgs.kazakh_latin.to_latin`), unless ``templates`` has its own.
LATIN_KAZAKH = "kk-Latn"

#: The grammatical frames :func:`format_date` knows: the bare date, "since <date>" and
#: "on / in <date>" (en "on March 28, 2005" / "in November 2006", ru "в ноябре 2006 года",
#: kk "2006 жылғы қарашада").
CASES = ("nominative", "since", "on")

_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_RU_MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
_RU_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_RU_MONTHS_PREPOSITIONAL = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)  # fmt: skip
_KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)  # fmt: skip

# Kazakh suffixes harmonise with the word's last vowel (back → а, front → е) and assimilate
# to its last sound: д- after vowels and voiced consonants, т- after voiceless ones, and
# for the ablative н- after the nasals м, н, ң (ақпан → ақпаннан, but ақпанда).
_KK_BACK_VOWELS = frozenset("аоұыя")
_KK_FRONT_VOWELS = frozenset("әөүіеэ")
_KK_VOICELESS = frozenset("бвгдкқпстфхцчшщ")  # б, в, г, д devoice at the end of a word
_KK_NASALS = frozenset("мнң")


def _kk_suffix(word: str, case: str) -> str:
    """``word`` with the Kazakh ablative (``"abl"``, -дан/-нан/-тан…) or locative (``"loc"``) ending.

    >>> [_kk_suffix(w, "abl") for w in ("наурыз", "маусым", "қыркүйек", "шілде")]
    ['наурыздан', 'маусымнан', 'қыркүйектен', 'шілдеден']
    """
    vowel = next((c for c in reversed(word.lower()) if c in _KK_BACK_VOWELS | _KK_FRONT_VOWELS), "а")
    front = vowel in _KK_FRONT_VOWELS
    last = word[-1].lower()
    if last in _KK_VOICELESS:
        head = "т"
    elif case == "abl" and last in _KK_NASALS:
        head = "н"
    else:
        head = "д"
    tail = ("ен" if front else "ан") if case == "abl" else ("е" if front else "а")
    return word + head + tail


def format_date(date: PartialDate, lang: str, *, case: str = "nominative") -> str:
    """``date`` written out in ``lang`` (en, ru or kk), to its precision, in one of :data:`CASES`.

    ===========  ====================  ========================  ===============================
    precision    en                    ru                        kk
    ===========  ====================  ========================  ===============================
    nominative
    day          March 28, 2005        28 марта 2005 года        2005 жылғы 28 наурыз
    month        November 2006         ноябрь 2006 года          2006 жылғы қараша
    year         2008                  2008 год                  2008 жыл
    since
    day          since March 28, 2005  с 28 марта 2005 года      2005 жылғы 28 наурыздан бастап
    month        since November 2006   с ноября 2006 года        2006 жылғы қарашадан бастап
    year         since 2008            с 2008 года               2008 жылдан бастап
    on
    day          on March 28, 2005     28 марта 2005 года        2005 жылғы 28 наурызда
    month        in November 2006      в ноябре 2006 года        2006 жылғы қарашада
    year         in 2008               в 2008 году               2008 жылы
    ===========  ====================  ========================  ===============================

    Russian writes "со" before the 2nd ("со 2 марта", read "со второго"), as the norm asks.
    Kazakh numerals take no ending here: "жыл" or the month name carries it, with vowel
    harmony (қаңтардан, ақпаннан, наурыздан, сәуірден, мамырдан, маусымнан, шілдеден,
    тамыздан, қыркүйектен, қазаннан, қарашадан, желтоқсаннан).

    An unknown ``lang`` or ``case`` raises ValueError.
    """
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    year, month, day = date.year, date.month, date.day
    if lang == "en":
        if month is None:
            text = str(year)
        elif day is None:
            text = f"{_EN_MONTHS[month - 1]} {year}"
        else:
            text = f"{_EN_MONTHS[month - 1]} {day}, {year}"
        if case == "since":
            return f"since {text}"
        if case == "on":
            return f"on {text}" if day is not None else f"in {text}"
        return text
    if lang == "ru":
        if month is None:
            return {"nominative": f"{year} год", "since": f"с {year} года", "on": f"в {year} году"}[case]
        if day is None:
            return {
                "nominative": f"{_RU_MONTHS_NOMINATIVE[month - 1]} {year} года",
                "since": f"с {_RU_MONTHS_GENITIVE[month - 1]} {year} года",
                "on": f"в {_RU_MONTHS_PREPOSITIONAL[month - 1]} {year} года",
            }[case]
        text = f"{day} {_RU_MONTHS_GENITIVE[month - 1]} {year} года"
        if case == "since":
            return ("со " if day == 2 else "с ") + text
        return text
    if lang == "kk":
        if month is None:
            return {"nominative": f"{year} жыл", "since": f"{year} жылдан бастап", "on": f"{year} жылы"}[case]
        word = _KK_MONTHS[month - 1]
        if case == "since":
            word = _kk_suffix(word, "abl") + " бастап"
        elif case == "on":
            word = _kk_suffix(word, "loc")
        return f"{year} жылғы {word}" if day is None else f"{year} жылғы {day} {word}"
    raise ValueError(f"no date tables for language {lang!r}; expected en, ru or kk")


# -- which decision is in force --------------------------------------------------------------


def _takes_effect(decision: Decision) -> dt.date:
    # A ban known only to its month or year counts from the first day of it and an unban
    # from the day after the last, so the footnote errs on the side of being shown: every
    # day inside such a month or year counts as banned. An undated decision sorts before
    # every dated one: a ban of unknown date is in force from the start.
    when = decision.decided_on
    if when is None:
        return dt.date.min
    if decision.kind == "ban" or when.precision == "day":
        return when.first_day
    return when.last_day + dt.timedelta(days=1) if when.last_day < dt.date.max else dt.date.max


def ban_decision(org: Organisation, on: dt.date) -> Decision | None:
    """The ban decision in force on ``on``, or None when ``org`` is not banned that day.

    Bans and unbans are taken in the order they take effect (ties in the order of
    ``org.decisions``); the answer is the latest ban not followed by an unban that took
    effect on or before ``on``. Renames are ignored. Partial dates:

    - a ban dated to a month or a year takes effect on the first day of it;
    - an unban dated to a month or a year takes effect on the day *after* it: an unban of
      2023-12 leaves the organisation banned on 2023-12-31 and not on 2024-01-01 (the
      footnote for a day inside it also says the ban was lifted then; see
      :func:`lifting_decision`);
    - a decision of unknown date counts as taking effect before every dated one. So a ban
      of unknown date is in force (its date is unknown, not absent) until a dated unban;
      an unban of unknown date ends only the undated bans listed before it, which means
      an unban needs at least a year for this function to see it.
    """
    events = sorted(
        ((_takes_effect(d), i, d) for i, d in enumerate(org.decisions) if d.kind in ("ban", "unban")),
        key=lambda event: (event[0], event[1]),
    )
    current: Decision | None = None
    for takes_effect, _, decision in events:
        if takes_effect > on:
            break
        current = decision if decision.kind == "ban" else None
    return current


def lifting_decision(org: Organisation, on: dt.date) -> Decision | None:
    """The unban known only to a month or year that holds ``on``, while a ban is in force.

    On such a day the organisation counts as banned (the unban may fall later in the month),
    and its footnote says both: the ban, and that it was lifted in that month or year.
    """
    if ban_decision(org, on) is None:
        return None
    for decision in org.decisions:
        when = decision.decided_on
        in_window = when is not None and when.precision != "day" and when.first_day <= on <= when.last_day
        if decision.kind == "unban" and in_window:
            return decision
    return None


# -- templates --------------------------------------------------------------------------------

#: Footnote templates, by language and then by key. The sentence keys are ``day``,
#: ``month``, ``year`` and ``unknown_date`` (the precision of the ban's date), each also with
#: ``_court`` (when the court is named). ``lifted`` is the sentence added on a day inside the
#: month or year of an unban known only to that precision; its date fields (``{on}``,
#: ``{since}``, ``{date}``, ``{iso}``, ``{year}``, ``{month}``, ``{day}``) are the unban's.
#: ``category_terrorist``, ``category_extremist`` and
#: ``category_none`` give the ``{category}`` phrase; ``court_from_name`` gives ``{court}``
#: from the court's nominative name when no genitive form is recorded for the language.
#: Spaces left doubled by an empty field are collapsed, and the first letter is capitalised.
DEFAULT_TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "day": "{the_name} has been banned in Kazakhstan {category} {since}, following a court decision.",
        "day_court": "{the_name} has been banned in Kazakhstan {category} {since}, following a judgment by {court}.",
        "month": "{the_name} has been banned in Kazakhstan {category} {since}, following a court decision.",
        "month_court": (
            "{the_name} has been banned in Kazakhstan {category} {since}, following a judgment by {court}."
        ),
        "year": "{the_name} has been banned in Kazakhstan {category} {since}, following a court decision.",
        "year_court": "{the_name} has been banned in Kazakhstan {category} {since}, following a judgment by {court}.",
        "unknown_date": "{the_name} has been banned in Kazakhstan {category} by a court decision.",
        "unknown_date_court": "{the_name} has been banned in Kazakhstan {category} by a decision of {court}.",
        "category_terrorist": "as a terrorist organisation",
        "category_extremist": "as an extremist organisation",
        "category_none": "",
        "court_from_name": "the {court_name}",
        "lifted": "The ban was lifted {on}.",
    },
    "ru": {
        "day": "Организация {quoted} {category} запрещена в Казахстане {since} по решению суда.",
        "day_court": "Организация {quoted} {category} запрещена в Казахстане {since} по решению {court}.",
        "month": "Организация {quoted} {category} запрещена в Казахстане {since} по решению суда.",
        "month_court": "Организация {quoted} {category} запрещена в Казахстане {since} по решению {court}.",
        "year": "Организация {quoted} {category} запрещена в Казахстане {since} по решению суда.",
        "year_court": "Организация {quoted} {category} запрещена в Казахстане {since} по решению {court}.",
        "unknown_date": "Организация {quoted} {category} запрещена в Казахстане по решению суда.",
        "unknown_date_court": "Организация {quoted} {category} запрещена в Казахстане по решению {court}.",
        "category_terrorist": "признана террористической и",
        "category_extremist": "признана экстремистской и",
        "category_none": "",
        "court_from_name": "суда ({court_name})",
        "lifted": "Запрет снят {on}.",
    },
    "kk": {
        "day": "{quoted} ұйымы сот шешімімен {category} {since} Қазақстандағы қызметіне тыйым салынған.",
        "day_court": "{quoted} ұйымы {court} шешімімен {category} {since} Қазақстандағы қызметіне тыйым салынған.",
        "month": "{quoted} ұйымы сот шешімімен {category} {since} Қазақстандағы қызметіне тыйым салынған.",
        "month_court": "{quoted} ұйымы {court} шешімімен {category} {since} Қазақстандағы қызметіне тыйым салынған.",
        "year": "{quoted} ұйымы сот шешімімен {category} {since} Қазақстандағы қызметіне тыйым салынған.",
        "year_court": "{quoted} ұйымы {court} шешімімен {category} {since} Қазақстандағы қызметіне тыйым салынған.",
        "unknown_date": "{quoted} ұйымы сот шешімімен {category} Қазақстандағы қызметіне тыйым салынған.",
        "unknown_date_court": "{quoted} ұйымы {court} шешімімен {category} Қазақстандағы қызметіне тыйым салынған.",
        "category_terrorist": "террористік деп танылып,",
        "category_extremist": "экстремистік деп танылып,",
        "category_none": "",
        "court_from_name": "сот ({court_name})",
        "lifted": "Тыйым {on} алынып тасталды.",
    },
}

# Fields every template may use; the sentence templates may also use {category} and {court}.
_PHRASE_FIELDS = frozenset(
    {"name", "quoted", "the_name", "since", "date", "on", "year", "month", "day", "iso", "court_name"}
)
_SENTENCE_FIELDS = _PHRASE_FIELDS | {"category", "court"}
_PHRASE_KEYS = frozenset({"category_terrorist", "category_extremist", "category_none", "court_from_name", "lifted"})
_KEYS = frozenset(DEFAULT_TEMPLATES["en"])
_FORMATTER = string.Formatter()


def template_problem(lang: str, key: str, template: str) -> str | None:
    """What is wrong with one footnote template, as a sentence; None when it is fine.

    A template may name only the documented fields of its key, each plainly (``{name}``):
    no format spec (``{name:>20}`` would pad to any width), no conversion (``{name!r}``), no
    attribute or index; braces are balanced, and ``{{``/``}}`` write a literal brace."""
    if key not in _KEYS:
        return f"unknown footnote template {key!r} for {lang!r}; known templates: {', '.join(sorted(_KEYS))}"
    allowed = _PHRASE_FIELDS if key in _PHRASE_KEYS else _SENTENCE_FIELDS
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError as e:
        return f"footnote template {key!r} for {lang!r} is not a valid format string: {e}"
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in allowed:
            return (
                f"footnote template {key!r} for {lang!r} names an unknown field {{{field}}}; "
                f"it may use {', '.join('{' + f + '}' for f in sorted(allowed))}"
            )
        if spec or conversion:
            written = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return (
                f"footnote template {key!r} for {lang!r} writes {written}; "
                f"a field is written plainly, as {{{field}}}, without a format spec or conversion"
            )
    return None


def _check_template(lang: str, key: str, template: object) -> None:
    if key in _KEYS and not isinstance(template, str):
        raise TypeError(f"footnote template {key!r} for {lang!r} is {type(template).__name__}, not str")
    problem = template_problem(lang, key, str(template))
    if problem is not None:
        raise ValueError(problem)


def _templates_for(lang: str, templates: Mapping[str, Mapping[str, str]] | None) -> tuple[str, dict[str, str]]:
    """The language to write in (``lang``, or English when nothing covers it) and its templates."""
    overrides = templates or {}
    for tlang, table in overrides.items():
        for key, template in table.items():
            _check_template(tlang, key, template)
    if lang in DEFAULT_TEMPLATES:
        return lang, {**DEFAULT_TEMPLATES[lang], **overrides.get(lang, {})}
    if lang in overrides:
        # A language of the caller's own: only its templates; a sentence it lacks makes
        # the whole footnote English (see render), and the phrases default to neutral.
        phrases = {
            "category_terrorist": "",
            "category_extremist": "",
            "category_none": "",
            "court_from_name": "{court_name}",
        }
        return lang, {**phrases, **overrides[lang]}
    return "en", {**DEFAULT_TEMPLATES["en"], **overrides.get("en", {})}


# -- names ------------------------------------------------------------------------------------

# Head nouns after which an English name takes "the": the Muslim Brotherhood, the Islamic
# Movement of Uzbekistan, the Taliban; but Hizb ut-Tahrir, al-Qaeda, Aum Shinrikyo.
_EN_ARTICLE_HEADS = frozenset(
    {
        "alliance", "army", "association", "battalion", "brigade", "brigades", "brotherhood",
        "centre", "center", "church", "committee", "community", "congress", "council",
        "emirate", "foundation", "front", "fund", "group", "league", "movement", "network",
        "order", "organisation", "organization", "party", "society", "state", "taliban",
        "union", "wolves",
    }
)  # fmt: skip


def _the(name: str) -> str:
    """``name`` with "the" when an English name of its shape takes one."""
    if not name or name.lower().startswith("the "):
        return name
    words = re.split(r"\s+of\s+", name, maxsplit=1)[0].split()
    head = words[-1].strip(".,!?\"'()").lower() if words else ""
    return f"the {name}" if head in _EN_ARTICLE_HEADS else name


def _guillemets(name: str) -> str:
    """«name», with quotation marks already inside it turned into the inner „ “ pair."""
    if name.startswith("«") and name.endswith("»") and name.count("«") == 1:
        return name
    return "«" + name.replace("«", "„").replace("»", "“") + "»"


def _court_form(
    court: Court | None, lang: str, court_name: str, table: Mapping[str, str], fields: dict[str, str]
) -> str:
    """What follows "by" / "по решению" / precedes "шешімімен"; "" to leave the court out."""
    if court is None:
        return ""
    genitive = court.genitive.get(lang)
    if genitive:
        return genitive
    if not court_name:
        return ""  # no name in this language: better no court than one in another script
    return table["court_from_name"].format(**fields)


_SPACES = _regex.lazy(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = _regex.lazy(r"[ \t]+([,.;:!?])")


# A name that already says what it is: no second type word around it
# ("Организация «Организация освобождения …»", "«… азат ету ұйымы» ұйымы").
_DOUBLED_TYPE = [
    (_regex.lazy(r"\bОрганизация («Организация\b)"), r"\1"),
    (_regex.lazy(r"(ұйымы») ұйымы\b"), r"\1"),
]


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    for pattern, repl in _DOUBLED_TYPE:
        text = pattern.sub(repl, text)
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1 :]
        if char not in "«„“\"'(":
            break
    return text


def render(
    org: Organisation,
    lang: str,
    *,
    on: dt.date,
    templates: Mapping[str, Mapping[str, str]] | None = None,
) -> str | None:
    """The footnote for ``org`` in ``lang`` as of ``on`` (without the marker); None if not banned.

    The ban is the one :func:`ban_decision` finds. The sentence says the organisation's
    category (terrorist, extremist, or neither when unknown), the date to its precision (no
    date when unknown) and the court when the decision names one: in ru and kk its genitive
    form from ``court.genitive``, else its name in brackets after the word for "court", else
    nothing; in en ``court.genitive["en"]`` if given, else "the" and its name.

    ``templates`` overrides any of :data:`DEFAULT_TEMPLATES`, language by language. Fields:
    ``{name}`` (``org.name(lang)``), ``{quoted}`` («name» in ru and kk, the name elsewhere),
    ``{the_name}`` (en: with "the" where the name takes one), ``{since}``, ``{date}``,
    ``{on}`` (:func:`format_date` in each case; the ISO date in a language without date
    tables), ``{year}``, ``{month}``, ``{day}``, ``{iso}`` (empty when unknown),
    ``{court_name}``, and in sentences ``{category}`` and ``{court}``. A template naming any
    other field, or an unknown template key, raises ValueError (whichever language it is
    for). A language outside en, ru and kk is written only if ``templates`` has it: its
    sentence for the case at hand (the ``_court`` one, else the plain one), its category
    phrases (empty unless given) and ``court_from_name`` (the bare name unless given); when
    it lacks the sentence, or ``templates`` has no such language, the footnote is English.
    ``kk-Latn`` (:data:`LATIN_KAZAKH`) is the Kazakh footnote in the 2021 Latin alphabet.
    """
    if lang == LATIN_KAZAKH and LATIN_KAZAKH not in (templates or {}):
        # Latin-script Kazakh: the Kazakh footnote (names, court, month) by the 2021 alphabet
        sentence = render(org, "kk", on=on, templates=templates)
        return None if sentence is None else kazakh_latin.to_latin(sentence)
    lang, table = _templates_for(lang, templates)
    decision = ban_decision(org, on)
    if decision is None:
        return None
    when = decision.decided_on
    name = org.name(lang)
    court = decision.court
    court_name = court.names.get(lang, "") if court else ""
    if lang == "en" and court_name.lower().startswith("the "):
        court_name = court_name[4:]
    fields = {
        "name": name,
        "quoted": _guillemets(name) if lang in ("ru", "kk") else name,
        "the_name": _the(name) if lang == "en" else name,
        "since": "",
        "date": "",
        "on": "",
        "year": "",
        "month": "",
        "day": "",
        "iso": "",
        "court_name": court_name,
    }
    if when is not None:
        fields.update(_date_fields(when, lang))
    court_text = _court_form(court, lang, court_name, table, fields)
    category = org.category if org.category in ("terrorist", "extremist") else "none"
    fields["category"] = table[f"category_{category}"].format(**fields)
    fields["court"] = court_text
    key: str = when.precision if when else "unknown_date"
    if court_text and f"{key}_court" in table:
        key = f"{key}_court"
    lifted = lifting_decision(org, on)
    if key not in table or (lifted and "lifted" not in table):  # a language of the caller's own without it
        return render(org, "en", on=on, templates=templates)
    sentence = _tidy(table[key].format(**fields))
    if lifted is not None and lifted.decided_on is not None:
        fields.update(_date_fields(lifted.decided_on, lang))
        sentence += " " + _tidy(table["lifted"].format(**fields))
    return sentence


def _date_fields(when: PartialDate, lang: str) -> dict[str, str]:
    """The date fields of a template for ``when``, written in ``lang``."""
    fields = {"year": str(when.year), "month": str(when.month or ""), "day": str(when.day or ""), "iso": str(when)}
    for field, case in (("since", "since"), ("date", "nominative"), ("on", "on")):
        fields[field] = format_date(when, lang, case=case) if lang in ("en", "ru", "kk") else str(when)
    return fields
