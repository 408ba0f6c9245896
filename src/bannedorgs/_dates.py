"""Turn what a caller passes as ``on=`` (or ``--on``) into a date: the one place a date is read.

The rules, in the order they are tried on a string:

- ``today``: today in Kazakhstan.
- ISO 8601, year first: ``2015-11-02``, ``2015-11-02 10:00:00``, ``2015-11-02T10:00:00Z``,
  ``2015-11-02T23:30:00+06:00``, fractional seconds, ``20151102T100000Z``; also ``2015/11/02`` and
  ``2015.11.02``. Read exactly, never day-first.
- Day and month before a four-digit year: dotted ``02.11.2015`` is day first (as Russian and
  Kazakh write dates); slashed or dashed ``01/02/2024`` is read only when the order is given
  (``order="dmy"`` or ``"mdy"``) or when one of the two numbers cannot be a month (13-31).
  A time after the date (``02.11.2015 10:00``, as 1C-Bitrix writes it) is allowed.
- A month in words: ``28 марта 2005 года``, ``2005 жылғы 28 наурыз``, ``March 28, 2005``.

A date that does not exist (``2025-13-01``, ``31.02.2020``) and a string none of these
reads raise ValueError naming the value. A datetime that carries an offset (a string with
``Z`` or ``+06:00``, or an aware ``datetime``) is first converted to Kazakhstan's time
(UTC+5, the country's one time zone since March 2024); a naive one keeps its date.

>>> as_date("2015-11-02 10:00:00"), as_date("2015/11/02"), as_date("02.11.2015")
(datetime.date(2015, 11, 2), datetime.date(2015, 11, 2), datetime.date(2015, 11, 2))
>>> as_date("2015-11-01T20:30:00Z")  # 01:30 on 2 November in Kazakhstan
datetime.date(2015, 11, 2)
>>> as_date("01/02/2024", order="mdy")
datetime.date(2024, 1, 2)
>>> as_date("01/02/2024")
Traceback (most recent call last):
...
ValueError: '01/02/2024' may be 1 February 2024 (day first) or 2 January 2024 (month first); write 2024-02-01
or 2024-01-02, or give the order (...; --date-order dmy|mdy on the command line)
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # neither typing nor calendar is imported: the command line reads dates
if TYPE_CHECKING:
    import datetime as dt
    from typing import Literal
else:
    # The C module the datetime module re-exports (the same classes): importing datetime.py
    # first runs its pure-Python copy of every class, a millisecond of a quick command.
    try:
        import _datetime as dt
    except ImportError:  # pragma: no cover - an interpreter without the C module
        import datetime as dt

__all__ = ["KAZAKHSTAN", "DateLike", "DateOrder", "as_date", "days_in", "today"]

#: Kazakhstan's time, UTC+5: the date of a datetime with an offset is taken here.
KAZAKHSTAN = dt.timezone(dt.timedelta(hours=5), "UTC+05:00")

#: What ``on=`` takes: a date, a datetime (a date subclass) or a string such as "2015-11-02".
DateLike = dt.date | str

#: The order of day and month in a date like ``01/02/2024``: day first or month first.
if TYPE_CHECKING:
    DateOrder = Literal["dmy", "mdy"]
else:
    DateOrder = str

# Month stems in Russian and Kazakh, matched at the start of a word, so every case form
# (марта, мартом; наурыз, наурызда) is recognised.
_MONTH_STEMS = {
    1: ("январ", "қаңтар"),
    2: ("феврал", "ақпан"),
    3: ("март", "наурыз"),
    4: ("апрел", "сәуір"),
    5: ("ма[йяе]", "мамыр"),
    6: ("июн", "маусым"),
    7: ("июл", "шілде"),
    8: ("август", "тамыз"),
    9: ("сентябр", "қыркүйек"),
    10: ("октябр", "қазан"),
    11: ("ноябр", "қараша"),
    12: ("декабр", "желтоқсан"),
}
# The patterns are compiled by re when first used (re keeps them compiled): a command given
# an ISO date compiles one, a command given none compiles none.
_MONTH_WORD = "|".join(f"(?P<m{n}>\\b(?:{ru}|{kk})\\w*)" for n, (ru, kk) in _MONTH_STEMS.items())
_NOISE = r"\b(?:года|год|г\.|жылғы|жыл|ж\.)(?=\W|$)"
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_EN_MONTH_WORD = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
_TIME = r"(?:[ T,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)?"
_YEAR_FIRST = r"(?s)(?P<year>\d{4})(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})(?P<rest>.*)"
_YEAR_LAST = rf"(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}){_TIME}"
_HINT = "write it as 2015-11-02, 02.11.2015, 2 November 2015 or today"
_BASIC = r"\d{8}(?:T[\d:.,]+(?:Z|[+-]\d\d(?::?\d\d)?)?)?"  # ISO 8601 basic: 20151102T100000Z
_NUMERIC = r"[\d\s./:+\-TZ,]*"  # what only the numeric rules may read


def today() -> dt.date:
    """Today's date in Kazakhstan."""
    return dt.datetime.now(KAZAKHSTAN).date()


def as_date(value: DateLike | None, *, default: dt.date | None = None, order: DateOrder | None = None) -> dt.date:
    """Return ``value`` as a date: how ``on=`` and ``--on`` are read everywhere.

    None (or ``"today"``) means ``default`` or today in Kazakhstan. A date is itself; a
    datetime gives its date, an aware one after conversion to Kazakhstan's time (UTC+5). A
    string is read by these rules:

    - ISO 8601, year first, read exactly: ``2015-11-02``, ``2015-11-02 10:00:00``,
      ``2015-11-02T10:00:00.5Z``, ``2015-11-02T23:30:00+06:00`` (a time with ``Z`` or an
      offset is converted to Kazakhstan's time first; one without keeps its date),
      ``2015/11/02``, ``2015.11.02``, ``20151102``;
    - ``02.11.2015`` (dotted, with or without a time) is day first;
    - ``01/02/2024`` or ``01-02-2024`` is read only with ``order`` (``"dmy"`` day first,
      ``"mdy"`` month first), or when one number cannot be a month (``13/02/2024``);
    - a month in Russian, Kazakh or English words: ``28 марта 2005 года``,
      ``2005 жылғы 28 наурыз``, ``March 28, 2005``.

    A string none of these reads, or one that is not a real date (``2025-13-01``), raises
    ValueError naming it; a value of another type raises TypeError.

    >>> as_date("28 марта 2005 года"), as_date("28.03.2005"), as_date("March 28, 2005")
    (datetime.date(2005, 3, 28), datetime.date(2005, 3, 28), datetime.date(2005, 3, 28))
    """
    if order not in (None, "dmy", "mdy"):
        raise ValueError(f"order={order!r} is not 'dmy' or 'mdy'")
    if value is None:
        return default or today()
    if isinstance(value, dt.datetime):
        return value.astimezone(KAZAKHSTAN).date() if value.utcoffset() is not None else value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"on= takes a date, a datetime or a string, not {type(value).__name__}: {value!r}")
    text = value.strip()
    if text.lower() == "today":
        return today()
    m = re.fullmatch(_YEAR_FIRST, text)
    if m:
        return _year_first(value, m)
    m = re.fullmatch(_YEAR_LAST, text)
    if m:
        return _year_last(value, m, order)
    if re.fullmatch(_BASIC, text):
        _real_date(value, int(text[:4]), int(text[4:6]), int(text[6:8]))
        try:
            return as_date(dt.datetime.fromisoformat(text))
        except ValueError:
            pass
    if re.fullmatch(_NUMERIC, text):
        # digits alone are read by the rules above or not at all: no guessing of their order
        raise ValueError(f"{value!r} is not a date this library can read; {_HINT}")
    return _in_words(value, text)


def days_in(year: int, month: int) -> int:
    """The number of days of the month (as calendar.monthrange gives it, without the import)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def _real_date(value: str, year: int, month: int, day: int) -> dt.date:
    """The date, or a ValueError that says why ``value`` is none."""
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r} is not a date: there is no month {month}")
    if not 1 <= day <= days_in(year, month):
        raise ValueError(f"{value!r} is not a date: {_EN_MONTHS[month - 1]} {year} has no day {day}")
    return dt.date(year, month, day)


def _year_first(value: str, m: re.Match[str]) -> dt.date:
    year, month, day = int(m["year"]), int(m["a"]), int(m["b"])
    _real_date(value, year, month, day)
    iso = f"{year:04d}-{month:02d}-{day:02d}{m['rest']}"
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a date and time this library can read (ISO 8601: 2015-11-02T10:00:00+05:00)"
        ) from None
    return as_date(moment)


def _year_last(value: str, m: re.Match[str], order: DateOrder | None) -> dt.date:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if m["hour"] is not None and (int(m["hour"]) > 23 or int(m["minute"]) > 59 or int(m["second"] or 0) > 59):
        raise ValueError(f"{value!r} is not a date and time: {m['hour']}:{m['minute']} is not a time of day")
    if order is None and m["sep"] == ".":
        order = "dmy"  # the dotted form is day first wherever it is written
    if order is None and a != b and a <= 12 and b <= 12:
        first = f"{a} {_EN_MONTHS[b - 1]} {year}"
        second = f"{b} {_EN_MONTHS[a - 1]} {year}"
        raise ValueError(
            f"{value!r} may be {first} (day first) or {second} (month first); write "
            f"{year:04d}-{b:02d}-{a:02d} or {year:04d}-{a:02d}-{b:02d}, or give the order "
            "(bannedorgs.as_date(..., order='dmy' or 'mdy'); --date-order dmy|mdy on the command line)"
        )
    if order is None:
        order = "mdy" if b > 12 else "dmy"  # the other reading has no such month
    day, month = (a, b) if order == "dmy" else (b, a)
    return _real_date(value, year, month, day)


def _in_words(value: str, text: str) -> dt.date:
    """A date with the month in Russian, Kazakh or English words."""
    month_word = re.search(_MONTH_WORD, text, re.IGNORECASE)
    if month_word:
        assert month_word.lastgroup is not None
        rest = re.sub(_NOISE, " ", text[: month_word.start()] + " " + text[month_word.end() :], flags=re.IGNORECASE)
        nums = [int(n) for n in re.findall(r"\d+", rest)]
        if re.fullmatch(r"[\d\s,.]*", rest) and len(nums) == 2:
            year, day = (nums[0], nums[1]) if nums[0] > 31 else (nums[1], nums[0])
            return _real_date(value, year, int(month_word.lastgroup[1:]), day)
    if not (re.search(_EN_MONTH_WORD, text, re.IGNORECASE) and re.search(r"\d{4}", text)):
        raise ValueError(f"{value!r} is not a date this library can read; {_HINT}")
    from dateutil import parser  # imported here: only dates with English month names need it

    try:
        # parsing with two different defaults shows whether the text gave every part; the
        # month is a word here, so the order of day and month is never guessed
        first = parser.parse(text, default=dt.datetime(1, 1, 1))
        second = parser.parse(text, default=dt.datetime(2, 2, 2))
    except (ValueError, OverflowError):
        raise ValueError(f"{value!r} is not a date this library can read; {_HINT}") from None
    if first != second:
        raise ValueError(f"{value!r} is not a full date (day, month and year)")
    return as_date(first)
