"""The registry as ``bannedorgs annotate`` needs it, kept as plain data: annotating without the model.

Importing attrs and building the model's classes costs a command several times what
starting Python does, and annotating a text needs little of the model. An
:class:`~bannedorgs.annotator.Annotator` asks its registry for the organisations' names (to
read its compiled matcher from the cache), whether an organisation is banned on a day, the
footnote sentence about it, and the classes to make its results of. A :class:`LeanRegistry`
answers all four from plain data that :func:`build` writes once per registry and the
on-disk cache keeps (:mod:`bannedorgs._cache`: keyed by the registry's checksum, never
pickle):

- each organisation's aliases, in the order :meth:`Organisation.all_aliases
  <bannedorgs.model.Organisation.all_aliases>` gives them (the cached matcher names an alias
  by its place there), as :class:`LeanAlias` objects with the model's fields;
- its ban and unban decisions as the status rule reads them (:func:`bannedorgs._status.judge`,
  the rule :func:`bannedorgs.registry.status_of` uses);
- its footnote in each language, written by :func:`bannedorgs.footnotes.render` itself at
  build time for every stretch of days over which the sentence cannot change (the days a
  decision takes effect, and those where a month or a year of a partial date begins and
  ends, split them), so nothing is decided twice.

The results are made of plain classes with the model's field names (:class:`LeanMention`,
:class:`LeanFootnote` …). A cache entry is checked field by field before it is used; one
that is not exactly what :func:`build` writes is a miss, and the caller annotates with the
full registry.

>>> import bannedorgs, datetime as dt
>>> lean = LeanRegistry(build(bannedorgs.default_registry()))
>>> org = next(o for o in lean if o.id == "hizb-ut-tahrir")
>>> lean._state_on(org, dt.date(2004, 1, 1)).value, lean._state_on(org, dt.date(2024, 1, 1)).value
('not banned', 'banned')
>>> lean._footnote_sentence(org, "en", dt.date(2024, 1, 1), None)[:48]
'Hizb ut-Tahrir has been banned in Kazakhstan as '
"""

from __future__ import annotations

import bisect

from ._status import State, as_ordinals, from_ordinals, judge
from ._value import Value

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Mapping
    from typing import Any

    from ._status import Event
    from .registry import Registry

if not TYPE_CHECKING:
    from ._dates import dt  # datetime's classes without datetime.py (see _dates)

__all__ = ["KIND", "LeanAlias", "LeanOrganisation", "LeanRegistry", "build", "load"]

KIND = "lean"  # the cache's name for it
VERSION = 1  # of the layout below; an entry of another version is a miss
#: The languages a footnote is written in ahead of time (``lang=`` takes no other).
LANGS = ("en", "ru", "kk", "kk-Latn")
_ALIAS_FIELDS = ("value", "lang", "is_name", "verified", "case_sensitive", "quoted_only", "unless_near", "note")


class LeanAlias(Value):
    """A name or alias, with the fields of :class:`bannedorgs.model.Alias`."""

    __slots__ = _ALIAS_FIELDS

    def __init__(  # noqa: PLR0917 (the model's fields, in its order)
        self,
        value: str,
        lang: str,
        is_name: bool = False,
        verified: bool = True,
        case_sensitive: bool = False,
        quoted_only: bool = False,
        unless_near: tuple[str, ...] = (),
        note: str | None = None,
    ) -> None:
        self.value = value
        self.lang = lang
        self.is_name = is_name
        self.verified = verified
        self.case_sensitive = case_sensitive
        self.quoted_only = quoted_only
        self.unless_near = unless_near
        self.note = note
        if not (  # the model's types, each tested in turn (a few hundred aliases per command)
            isinstance(value, str)
            and isinstance(lang, str)
            and isinstance(is_name, bool)
            and isinstance(verified, bool)
            and isinstance(case_sensitive, bool)
            and isinstance(quoted_only, bool)
            and isinstance(unless_near, tuple)
            and (note is None or isinstance(note, str))
            and all(type(w) is str for w in unless_near)
        ):
            raise ValueError(f"not the fields of an alias: {self._fields()!r}")

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, f) for f in _ALIAS_FIELDS)

    def __repr__(self) -> str:
        return f"LeanAlias({self.value!r}, {self.lang!r})"


class LeanOrganisation(Value):
    """An organisation as annotating needs it: its id, category and aliases."""

    __slots__ = ("_aliases", "category", "id")

    def __init__(self, id: str, category: str | None, aliases: tuple[LeanAlias, ...]) -> None:
        self.id = id
        self.category = category
        self._aliases = aliases

    def all_aliases(self) -> tuple[LeanAlias, ...]:
        """Names first, then the other aliases (as the model's organisation gives them)."""
        return self._aliases

    def _fields(self) -> tuple[object, ...]:
        return (self.id, self.category, self._aliases)

    def __repr__(self) -> str:
        return f"<Organisation {self.id}>"


class LeanMention:
    """A mention, with the fields of :class:`bannedorgs.model.Mention`."""

    __slots__ = ("alias", "end", "marked", "org", "rule", "score", "start", "state", "surface")

    def __init__(  # noqa: PLR0917 (the model's fields, in its order)
        self,
        org: LeanOrganisation,
        start: int,
        end: int,
        surface: str,
        score: float,
        rule: str,
        alias: str,
        marked: bool = False,
        state: State = State.BANNED,
    ) -> None:
        self.org, self.start, self.end, self.surface, self.score = org, start, end, surface, score
        self.rule, self.alias, self.marked, self.state = rule, alias, marked, state

    @property
    def org_id(self) -> str:
        return self.org.id

    def __repr__(self) -> str:
        return f"LeanMention({self.org.id!r}, {self.start}, {self.end}, {self.surface!r})"


class LeanInsertion:
    """Text inserted at an offset of the input (:class:`bannedorgs.model.Insertion`'s fields)."""

    __slots__ = ("offset", "text")

    def __init__(self, offset: int, text: str) -> None:
        self.offset = offset
        self.text = text


class LeanFootnote:
    """A footnote (:class:`bannedorgs.model.Footnote`'s fields)."""

    __slots__ = ("marker", "org", "text")

    def __init__(self, marker: str, org: LeanOrganisation, text: str) -> None:
        self.marker = marker
        self.org = org
        self.text = text


class LeanAnnotation:
    """The result of annotating (:class:`bannedorgs.model.Annotation`'s fields)."""

    __slots__ = ("footnotes", "format", "insertions", "lang", "mentions", "text")

    def __init__(  # noqa: PLR0917 (the model's fields, in its order)
        self,
        text: str,
        mentions: tuple[LeanMention, ...],
        footnotes: tuple[LeanFootnote, ...],
        insertions: tuple[LeanInsertion, ...],
        lang: str,
        format: str,
    ) -> None:
        self.text, self.mentions, self.footnotes, self.insertions = text, mentions, footnotes, insertions
        self.lang, self.format = lang, format

    def __str__(self) -> str:
        return self.text


class LeanRegistry:
    """What an Annotator asks of a registry, answered from the plain data :func:`build` wrote."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.fingerprint: str | None = data["fingerprint"]
        self.data_version: str = data["data_version"]
        self.updated_on = dt.date.fromordinal(data["updated_on"])
        self.paths: tuple[str, ...] = tuple(data["paths"])
        self.templates: dict[str, dict[str, str]] = data["templates"]
        self.not_mentions: tuple[tuple[str, str, str], ...] = tuple(map(tuple, data["not_mentions"]))
        self._orgs: dict[str, LeanOrganisation] = {}
        self._events: dict[str, list[Event]] = {}
        self._sentences: dict[str, dict[str, tuple[list[int], list[str | None]]]] = {}
        for org_id, category, aliases, events, sentences in data["orgs"]:
            self._orgs[org_id] = LeanOrganisation(org_id, category, tuple(LeanAlias(*a) for a in aliases))
            self._events[org_id] = from_ordinals(events)
            self._sentences[org_id] = sentences

    def __iter__(self) -> Iterator[LeanOrganisation]:
        return iter(self._orgs.values())

    def __len__(self) -> int:
        return len(self._orgs)

    def __repr__(self) -> str:
        return f"<LeanRegistry {self.data_version}: {len(self)} organisations>"

    def _state_on(self, org: Any, day: dt.date) -> State:
        """The state of ``org`` on ``day``, by the rule :func:`bannedorgs.registry.status_of` uses."""
        return State(judge(self._events[org.id], day, known_by=self.updated_on)[0])

    def _footnote_sentence(
        self, org: Any, lang: str, day: dt.date, templates: Mapping[str, Mapping[str, str]] | None
    ) -> str | None:
        """The footnote :func:`bannedorgs.footnotes.render` wrote for the stretch of days holding ``day``."""
        if templates and templates != self.templates:
            raise ValueError("footnote templates other than the registry's need the full registry")
        days, texts = self._sentences[org.id][lang]
        return texts[bisect.bisect_right(days, day.toordinal()) - 1]

    @staticmethod
    def _result_types() -> tuple[type[Any], ...]:
        return LeanMention, LeanInsertion, LeanFootnote, LeanAnnotation

    @staticmethod
    def _alias_class() -> type[LeanAlias]:
        return LeanAlias


def _stretches(org: Any) -> list[int]:
    """The first days (as ordinals) of the stretches over which ``org``'s footnote cannot
    change: the footnote depends on the day only through the day a decision takes effect
    (the first day of its date, or the day after the last for an unban known to a month or
    year) and whether the day lies inside the month or year of such an unban."""
    firsts = {dt.date.min.toordinal()}
    for decision in org.decisions:
        when = decision.decided_on
        if when is None:
            continue
        firsts.add(when.first_day.toordinal())
        if when.last_day < dt.date.max:
            firsts.add(when.last_day.toordinal() + 1)
    return sorted(firsts)


def _plain(registry: Registry) -> dict[str, Any]:
    from .footnotes import render
    from .registry import event_of

    templates = registry.templates or None
    orgs = []
    for org in registry:
        firsts = _stretches(org)
        sentences = {
            lang: (firsts, [render(org, lang, on=dt.date.fromordinal(n), templates=templates) for n in firsts])
            for lang in LANGS
        }
        events = as_ordinals([event_of(d) for d in org.decisions if d.kind in ("ban", "unban")])
        aliases = [tuple(getattr(a, f) for f in _ALIAS_FIELDS) for a in org.all_aliases()]
        orgs.append((org.id, org.category, aliases, events, sentences))
    return {
        "version": VERSION,
        "fingerprint": registry.fingerprint,
        "data_version": registry.data_version,
        "updated_on": registry.updated_on.toordinal(),
        "paths": list(registry.paths),
        "templates": {lang: dict(table) for lang, table in registry.templates.items()},
        "not_mentions": [list(row) for row in registry.not_mentions],
        "orgs": orgs,
    }


def build(registry: Registry) -> dict[str, Any]:
    """The plain data of ``registry`` a :class:`LeanRegistry` is made of."""
    return _plain(registry)


def load(key: str) -> LeanRegistry | None:
    """The lean registry the cache holds under ``key`` (the registry's checksum), or None
    when it holds none or one that is not exactly what :func:`build` writes."""
    from . import _cache

    data = _cache.get(KIND, key)
    if data is None or not _sound(data, key):
        return None
    try:
        return LeanRegistry(data)
    except (ValueError, TypeError, OverflowError):
        return None


def store(registry: Registry) -> None:
    """Keep the lean form of ``registry`` in the cache for the next command (no-op when the
    registry has no checksum)."""
    from . import _cache

    if registry.fingerprint and _cache._directory() is not None:  # not built when caching is off
        _cache.put(KIND, registry.fingerprint, _plain(registry))


_MAX_DAY = dt.date.max.toordinal()


def _day(value: object) -> bool:
    return type(value) is int and 1 <= value <= _MAX_DAY


def _sound(data: Any, key: str) -> bool:
    """Whether ``data`` has the shape :func:`build` writes for the registry ``key``."""
    try:
        if not (
            type(data) is dict
            and data.get("version") == VERSION
            and data["fingerprint"] == key
            and type(data["data_version"]) is str
            and _day(data["updated_on"])
            and type(data["paths"]) is list
            and all(type(p) is str for p in data["paths"])
            and type(data["templates"]) is dict
            and all(
                type(lang) is str and type(t) is dict and all(type(k) is str and type(v) is str for k, v in t.items())
                for lang, t in data["templates"].items()
            )
            and type(data["not_mentions"]) is list
            and all(type(r) is list and len(r) == 3 and all(type(v) is str for v in r) for r in data["not_mentions"])
            and type(data["orgs"]) is list
        ):
            return False
        return all(map(_sound_org, data["orgs"]))
    except (KeyError, TypeError, ValueError):
        return False


def _sound_org(row: Any) -> bool:
    if not (type(row) is tuple and len(row) == 5):
        return False
    org_id, category, aliases, events, sentences = row
    if not (type(org_id) is str and category in (None, "terrorist", "extremist") and type(aliases) is list):
        return False
    if not all(type(a) is tuple and len(a) == len(_ALIAS_FIELDS) for a in aliases):
        return False
    if not (type(events) is list and type(sentences) is dict and set(sentences) == set(LANGS)):
        return False
    for event in events:
        if not (type(event) is list and len(event) == 5 and event[0] in ("ban", "unban")):
            return False
        if not (type(event[1]) in (str, type(None)) and all(d is None or _day(d) for d in event[2:])):
            return False
    for table in sentences.values():
        if not (type(table) is tuple and len(table) == 2):
            return False
        days, texts = table
        if not (type(days) is list and type(texts) is list and len(days) == len(texts) and days):
            return False
        if days[0] != 1 or not all(map(_day, days)) or days != sorted(set(days)):
            return False
        if not all(type(t) in (str, type(None)) for t in texts):
            return False
    return True
