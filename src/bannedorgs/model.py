"""Frozen value classes: what the registry holds and what the lookups and the matcher return."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from ._dates import days_in
from ._status import State

__all__ = [
    "LANGUAGES",
    "Alias",
    "Annotation",
    "Court",
    "Decision",
    "Footnote",
    "Insertion",
    "Issue",
    "Match",
    "Mention",
    "Organisation",
    "PartialDate",
    "Relation",
    "Source",
    "State",
    "Status",
]

Lang = Literal["en", "ru", "kk"]
LANGUAGES: tuple[Lang, ...] = ("en", "ru", "kk")

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@attrs.frozen(order=False)
class PartialDate:
    """A date known to the day, the month or only the year.

    >>> PartialDate.from_string("2006-11")
    PartialDate(year=2006, month=11, day=None)
    >>> str(PartialDate.from_string("2008")), PartialDate.from_string("2008").precision
    ('2008', 'year')
    >>> PartialDate(2013, 2).last_day
    datetime.date(2013, 2, 28)
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError(f"a date with a day needs a month: {self.year}-??-{self.day}")
        # dt.date validates the ranges and raises a ValueError naming the bad part
        dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def from_string(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError naming the text."""
        m = _PARTIAL_DATE.fullmatch(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        try:
            return cls(year, month, day)
        except ValueError:
            raise ValueError(f"{text!r} is not a date") from None

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Literal["day", "month", "year"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, days_in(self.year, month))

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@attrs.frozen
class Source:
    """Where a fact comes from: an address (or a description when there is none) and what it says."""

    url: str | None
    says: str
    note: str | None = None


@attrs.frozen
class Court:
    """A court, with its name in each language and the genitive forms footnotes need."""

    id: str
    names: Mapping[str, str]
    genitive: Mapping[str, str] = attrs.field(factory=dict)
    unverified: frozenset[str] = frozenset()

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names["en"]


@attrs.frozen
class Alias:
    """A name or another spelling of an organisation, with how strictly it may match."""

    value: str
    lang: str
    is_name: bool = False
    verified: bool = True
    case_sensitive: bool = False
    quoted_only: bool = False
    unless_near: tuple[str, ...] = ()
    note: str | None = None


@attrs.frozen
class Decision:
    """A court decision (or a listing event) about one organisation."""

    kind: Literal["ban", "unban", "rename"]
    decided_on: PartialDate | None
    sources: tuple[Source, ...]
    court: Court | None = None
    court_reported: str | None = None
    reported_as: str | None = None
    case_number: str | None = None
    in_force_on: PartialDate | None = None
    listed_by: dt.date | None = None
    renamed_to: str | None = None
    notes: tuple[str, ...] = ()


@attrs.frozen
class Relation:
    kind: str
    id: str
    note: str | None = None


@attrs.frozen
class Organisation:
    """One organisation of the registry."""

    id: str
    category: Literal["terrorist", "extremist"] | None
    names: Mapping[str, Alias]
    aliases: tuple[Alias, ...]
    decisions: tuple[Decision, ...]
    relations: tuple[Relation, ...] = ()
    notes: tuple[str, ...] = ()
    confidence: str | None = None
    wikidata: str | None = None  # the Wikidata item (Q-id), where one was confirmed

    def name(self, lang: str = "en") -> str:
        """The organisation's name in ``lang`` (en, ru or kk), falling back to English."""
        alias = self.names.get(lang) or self.names.get("en")
        return alias.value if alias else self.id

    def all_aliases(self) -> tuple[Alias, ...]:
        """Names first, then the other aliases."""
        return tuple(self.names.values()) + self.aliases

    @property
    def bans(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.kind == "ban")

    def to_dict(self) -> dict[str, Any]:
        """The record as the registry file writes it, in plain JSON types (see bannedorgs.export)."""
        from .export import organisation_to_dict

        return organisation_to_dict(self)

    def __repr__(self) -> str:
        return f"<Organisation {self.id}>"


@attrs.frozen
class Status:
    """The legal state of one organisation on one day, and the decision it rests on."""

    org: Organisation
    on: dt.date
    state: State
    decision: Decision | None
    reason: str

    @property
    def banned(self) -> bool:
        """Whether the organisation counts as banned: ``BANNED``, or ``UNCERTAIN`` (a day inside
        the month or year of a decision known only to that precision, or before a ban of
        unknown date was seen in force). A compliance check errs towards flagging."""
        return self.state is not State.NOT_BANNED

    def __bool__(self) -> bool:
        return self.banned


@attrs.frozen
class Match:
    """A search result: an organisation, how well it matched, and why."""

    org: Organisation
    score: float
    alias: str
    lang: str
    method: Literal["id", "exact", "fuzzy"]
    query_normalized: str
    alias_normalized: str

    @property
    def explanation(self) -> str:
        if self.method == "id":
            return f"the query is the id {self.org.id!r}"
        how = "equals" if self.method == "exact" else f"resembles ({self.score:.0f}/100)"
        return (
            f"{self.query_normalized!r} {how} {self.alias_normalized!r}, the normalised form of "
            f"the {self.lang} alias {self.alias!r}"
        )


@attrs.frozen
class Mention:
    """An occurrence of an organisation in a text; offsets are half-open into the input."""

    org: Organisation
    start: int
    end: int
    surface: str
    score: float
    rule: str
    alias: str
    marked: bool = False
    state: State = State.BANNED

    @property
    def org_id(self) -> str:
        return self.org.id


@attrs.frozen
class Footnote:
    marker: str
    org: Organisation
    text: str


@attrs.frozen
class Insertion:
    """Text inserted at an offset of the input."""

    offset: int
    text: str


@attrs.frozen
class Issue:
    """A problem :meth:`Annotator.check` found: ``kind`` is "unmarked", "no-footnote" or
    "marked-not-banned" (a warning)."""

    kind: Literal["unmarked", "no-footnote", "marked-not-banned"]
    mention: Mention
    message: str

    @property
    def warning(self) -> bool:
        return self.kind == "marked-not-banned"


@attrs.frozen
class Annotation:
    """The result of :meth:`Annotator.annotate`."""

    text: str
    mentions: tuple[Mention, ...]
    footnotes: tuple[Footnote, ...]
    insertions: tuple[Insertion, ...]
    lang: str
    format: str

    def __str__(self) -> str:
        return self.text
