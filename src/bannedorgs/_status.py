"""Whether an organisation is banned on a day: the rule, over its decisions as plain values.

:func:`bannedorgs.registry.status_of` asks it with the model's decisions, and the command
line's plan (:mod:`bannedorgs._plan`) with the same facts read from the cache, so both
answer by one rule.

An event is ``(kind, when, first_day, last_day, listed_by)`` of a ban or unban decision:
``when`` is how its date is written (``2005-03-28``, ``2023-12``) or None when it is unknown,
``first_day`` and ``last_day`` the days that date spans (equal for a date known to the day),
``listed_by`` the day the ban was seen in force, if recorded.

>>> import datetime as dt
>>> unban = ("unban", "2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31), None)
>>> judge([unban], dt.date(2023, 12, 5), known_by=dt.date(2026, 1, 1))[0]
'uncertain'
"""

from __future__ import annotations

from enum import StrEnum

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Any

    Event = tuple[str, str | None, dt.date | None, dt.date | None, dt.date | None]

if not TYPE_CHECKING:
    from ._dates import dt  # datetime's classes without datetime.py (see _dates)

__all__ = ["State", "as_ordinals", "from_ordinals", "judge"]

BANNED, NOT_BANNED, UNCERTAIN = "banned", "not banned", "uncertain"  # the values of State


class State(StrEnum):
    """Whether an organisation is banned on a given day."""

    BANNED = "banned"
    NOT_BANNED = "not banned"
    UNCERTAIN = "uncertain"


State.__module__ = "bannedorgs.model"  # where the model shows it (and pickles find it)


def _within(day: dt.date, first: dt.date, last: dt.date) -> str:
    """'before', 'inside' (the month or year of a partial date) or 'after' (on or after a day)."""
    if day < first:
        return "before"
    if first == last or day > last:
        return "after"
    return "inside"


def as_ordinals(events: Sequence[Event]) -> list[list[Any]]:
    """Events as plain data for a cache entry: each a list, its days as ordinals."""
    return [[kind, when, *(None if day is None else day.toordinal() for day in days)] for kind, when, *days in events]


def from_ordinals(rows: Sequence[Sequence[Any]]) -> list[Event]:
    """The events :func:`as_ordinals` wrote, with their days again."""
    return [(kind, when, *(None if n is None else dt.date.fromordinal(n) for n in days)) for kind, when, *days in rows]


def judge(events: Sequence[Event], day: dt.date, *, known_by: dt.date) -> tuple[str, int | None, str]:
    """``(state, basis, reason)`` on ``day``: the state's value, the index in ``events`` of
    the decision it rests on (None: none), and why. ``known_by`` is when a ban of unknown
    date was last seen."""
    order = sorted(range(len(events)), key=lambda i: events[i][2] or dt.date.min)
    state, basis, reason = NOT_BANNED, None, "no ban decision precedes this day"
    for index in order:
        kind, when, first, last, listed_by = events[index]
        if first is None or last is None:
            seen = listed_by or known_by
            position = "after" if day >= seen else "inside"
        else:
            position = _within(day, first, last)
        if position == "before":
            break
        banning = kind == "ban"
        if position == "after":
            state = BANNED if banning else NOT_BANNED
            reason = (
                f"banned by the decision of {when}"
                if banning and when
                else "banned by a decision of unknown date"
                if banning
                else f"removed from the list by the decision of {when or 'unknown date'}"
            )
        else:
            state = UNCERTAIN
            reason = (
                f"the {kind} decision is known only to {when}; a day inside it counts as banned"
                if when
                else f"the ban's date is unknown; it is known to be in force from {listed_by or known_by}"
                "; an earlier day counts as banned"
            )
        basis = index
    return state, basis, reason
