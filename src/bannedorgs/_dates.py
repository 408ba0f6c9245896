"""Turn what a caller passes as ``on=`` into a date."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["as_date"]

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
_MONTH_WORD = re.compile(
    "|".join(f"(?P<m{n}>\\b(?:{ru}|{kk})\\w*)" for n, (ru, kk) in _MONTH_STEMS.items()),
    re.IGNORECASE,
)
_NOISE = re.compile(r"\b(?:года|год|г\.|жылғы|жыл|ж\.)(?=\W|$)", re.IGNORECASE)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def as_date(value: object, *, default: dt.date | None = None) -> dt.date:
    """Return ``value`` as a date; None means ``default`` or today.

    Accepts a date, a datetime (its date is used) or a string: ISO ``2005-03-28``,
    ``28.03.2005``, ``March 28, 2005``, ``28 марта 2005 года``, ``2005 жылғы 28 наурыз``.
    A string that cannot be read raises ValueError naming it.

    >>> as_date("28 марта 2005 года"), as_date("28.03.2005"), as_date("March 28, 2005")
    (datetime.date(2005, 3, 28), datetime.date(2005, 3, 28), datetime.date(2005, 3, 28))
    """
    if value is None:
        return default or dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"on= takes a date, a datetime or a string, not {type(value).__name__}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    m = _DOTTED.fullmatch(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{value!r} is not a date") from None
    month_word = _MONTH_WORD.search(text)
    if month_word:
        assert month_word.lastgroup is not None
        rest = _NOISE.sub(" ", text[: month_word.start()] + " " + text[month_word.end() :])
        nums = [int(n) for n in re.findall(r"\d+", rest)]
        if re.fullmatch(r"[\d\s,.]*", rest) and len(nums) == 2:
            year, day = (nums[0], nums[1]) if nums[0] > 31 else (nums[1], nums[0])
            try:
                return dt.date(year, int(month_word.lastgroup[1:]), day)
            except ValueError:
                raise ValueError(f"{value!r} is not a date") from None
    from dateutil import parser  # imported here: only free-form English dates need it

    try:
        # parsing with two different defaults shows whether the text gave every part
        first = parser.parse(text, default=dt.datetime(1, 1, 1), dayfirst=True)
        second = parser.parse(text, default=dt.datetime(2, 2, 2), dayfirst=True)
    except (ValueError, OverflowError):
        raise ValueError(f"{value!r} is not a date this library can read") from None
    if first != second:
        raise ValueError(f"{value!r} is not a full date (day, month and year)")
    return first.date()
