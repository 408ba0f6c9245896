"""What ``bannedorgs lookup`` prints, kept as plain data: the command's answer without the model.

Loading the model (attrs classes for organisations, decisions, courts …) and the registry
costs a command several times what starting Python does. ``lookup`` needs far less: which
organisation a name is, the facts of its ban and unban decisions, and the lines it prints
about them. A :class:`Plan` holds exactly that — the registry's exact-name index and one
*card* per organisation, built from the model by :func:`build` — and is kept in the on-disk
cache (:mod:`bannedorgs._cache`: plain data, keyed BLAKE2b checksum, never pickle) under the
same key as the registry it was built from, so ``lookup`` reads it and nothing else.

Nothing is decided twice: the status on a day is judged by :func:`bannedorgs._status.judge`
from the decision facts the card keeps, the rule :func:`bannedorgs.registry.status_of` uses;
the lines about a decision are made at build time by the command line's own formatting; a
name the index does not hold is answered by the registry itself (its suggestions need the
fuzzy search). A plan read from the cache is checked field by field before it is used, and
one that is not exactly what :func:`build` writes is a miss: it is built afresh.

>>> import bannedorgs, datetime as dt
>>> plan = build(bannedorgs.default_registry())
>>> card = plan.find("Талибан")
>>> card["id"], plan.status(card, dt.date(2024, 6, 1))[0]
('taliban', 'not banned')
>>> plan.find("Red Cross") is None
True
"""

from __future__ import annotations

from ._status import as_ordinals, from_ordinals, judge

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable
    from os import PathLike
    from typing import Any

    from .model import Decision, Organisation
    from .registry import Registry

if not TYPE_CHECKING:
    from ._dates import dt  # datetime's classes without datetime.py (see _dates)

__all__ = ["LANGS", "Plan", "build", "load"]

KIND = "plan"  # the cache's name for it
VERSION = 2  # of the layout below; a plan of another version is a miss
LANGS = ("en", "ru", "kk")
_STR, _OPT = (str,), (str, type(None))


class Plan:
    """The registry's facts for ``lookup``: its header, exact-name index and cards.

    ``ids``, ``keys`` and ``skeletons`` map an id, a normalised name and a cross-script
    skeleton to the number of a card (a key two organisations share is left out, as the
    registry's exact match leaves it); ``names`` holds the registry's answer for each of
    its names and aliases as written. A card is a dict: ``id``, ``category``, ``names``
    (per language, or None), ``events`` (see :mod:`bannedorgs._status`, days as ordinals)
    and ``shown`` (per event: ``line``, and per language ``court`` and ``json``, and
    ``sources``, the lines that name its sources).
    """

    def __init__(
        self, data: dict[str, Any], registry: Callable[[], Registry] | None = None, key: str | None = None
    ) -> None:
        self._registry = registry
        self._key = key  # None: built from the registry, not read from the cache
        self._adopt(data)

    def _adopt(self, data: dict[str, Any]) -> None:
        self.data_version: str = data["data_version"]
        self.updated_on = dt.date.fromordinal(data["updated_on"])
        self.paths: tuple[str, ...] = tuple(data["paths"])
        self._names: dict[str, int] = data["names"]
        self._ids: dict[str, int] = data["ids"]
        self._keys: dict[str, int] = data["keys"]
        self._skeletons: dict[str, int] = data["skeletons"]
        self._cards: list[bytes] = data["cards"]

    def registry(self) -> Registry:
        """The registry this plan was made from (loaded now if it was not: from the cache)."""
        if self._registry is None:
            raise ValueError("this plan does not know its registry")
        return self._registry()

    def find(self, name: str) -> dict[str, Any] | None:
        """The card of the organisation ``name`` names exactly (as Registry.lookup matches:
        id, then normalised name, then skeleton), or None."""
        number = self._names.get(name)  # a name as the registry writes it: known without folding
        if number is None:
            number = self._ids.get(name.strip())
        if number is None:
            from .normalize import normalize

            number = self._keys.get(normalize(name))
        if number is None:
            from .normalize import skeleton

            number = self._skeletons.get(skeleton(name))
        return None if number is None else self._card(number, name)

    def _card(self, number: object, name: str) -> dict[str, Any] | None:
        """Card ``number``, decoded now (the whole entry's checksum was checked when it was
        read) and checked field by field; a plan that fails the check is built afresh."""
        import marshal

        try:
            if type(number) is not int or not 0 <= number < len(self._cards):
                raise ValueError(f"{number!r} is not the number of a card")
            card = marshal.loads(self._cards[number])
            if not _sound_card(card):
                raise ValueError("not a card")
        except (ValueError, EOFError, TypeError, RecursionError):
            if self._registry is None or self._key is None:  # not from the cache: a bug, not damage
                raise
            from . import _cache

            data = _plain(self._registry())
            _cache.put(KIND, self._key, data)
            self._adopt(data)
            self._key = None  # built from the registry now: no second rebuild
            return self.find(name)
        return card  # type: ignore[no-any-return]

    def status(self, card: dict[str, Any], day: dt.date) -> tuple[str, dict[str, Any] | None, str]:
        """``(state, shown, reason)`` of the card's organisation on ``day``: the state's value,
        what is shown of the decision it rests on (or None), and why."""
        state, basis, reason = judge(from_ordinals(card["events"]), day, known_by=self.updated_on)
        return state, None if basis is None else card["shown"][basis], reason


def _decision_card(decision: Decision) -> dict[str, Any]:
    from . import cli

    return {
        "line": f"{decision.kind} of {cli._when(decision)}",
        "court": {lang: cli._court(decision, lang) for lang in LANGS},
        "json": {lang: cli._decision_json(decision, lang) for lang in LANGS},
        "sources": [
            cli._readable_url(source.url) or f"(no address) {source.note or source.says}" for source in decision.sources
        ],
    }


def _card(org: Organisation) -> dict[str, Any]:
    from . import cli
    from .registry import event_of

    decisions = [d for d in org.decisions if d.kind in ("ban", "unban")]
    events = as_ordinals(list(map(event_of, decisions)))
    return {
        "id": org.id,
        "category": org.category,
        "names": cli._names(org),
        "events": events,
        "shown": [_decision_card(d) for d in decisions],
    }


def build(registry: Registry) -> Plan:
    """The plan of ``registry``."""
    return Plan(_plain(registry))


def _plain(registry: Registry) -> dict[str, Any]:
    import marshal

    orgs = list(registry)
    number = {org.id: n for n, org in enumerate(orgs)}

    # the registry's own answer for every name and alias as it is written, so that such a
    # name is found without normalising it (and without importing normalize)
    names: dict[str, int] = {}
    for org in orgs:
        for alias in org.all_aliases():
            match = registry._exact(alias.value)
            if match is not None:
                names[alias.value] = number[match.org.id]

    def unique(index: dict[str, list[tuple[Organisation, Any]]]) -> dict[str, int]:
        return {key: number[hits[0][0].id] for key, hits in index.items() if len(hits) == 1}

    return {
        "version": VERSION,
        "data_version": registry.data_version,
        "updated_on": registry.updated_on.toordinal(),
        "paths": list(registry.paths),
        "names": names,
        "ids": dict(number),
        "keys": unique(registry._keys),
        "skeletons": unique(registry._skeletons),
        "cards": [marshal.dumps(_card(org), 4) for org in orgs],  # each decoded when it is asked for
    }


def load(path: str | PathLike[str] | None = None, *, extra: Iterable[str | PathLike[str]] = ()) -> Plan:
    """The plan of the registry :func:`bannedorgs.registry.load` would read with these
    arguments: from the cache when it holds a sound one, else built (and stored)."""
    from . import _cache
    from ._sources import sources

    first, extras, key = sources(path, extra)

    def registry() -> Registry:  # from the texts read above: a pipe cannot be read twice
        from . import registry as _registry

        if path is None and not extra:
            return _registry.default_registry()
        return _registry.from_sources(first, extras, key)

    data = _cache.get(KIND, key)
    if data is not None and _sound(data):
        return Plan(data, registry, key)
    data = _plain(registry())
    _cache.put(KIND, key, data)
    return Plan(data, registry)


def _sound(data: Any) -> bool:
    """Whether ``data`` has the shape :func:`_plain` writes (a cache entry is a miss
    otherwise). The cards, and the numbers the indexes give, are checked when used."""
    try:
        return (
            type(data) is dict
            and data.get("version") == VERSION
            and type(data["data_version"]) is str
            and type(data["updated_on"]) is int
            and 1 <= data["updated_on"] <= dt.date.max.toordinal()
            and type(data["paths"]) is list
            and all(type(p) is str for p in data["paths"])
            and all(type(data[index]) is dict for index in ("names", "ids", "keys", "skeletons"))
            and type(data["cards"]) is list
            and all(type(card) is bytes for card in data["cards"])
        )
    except (KeyError, TypeError):
        return False


def _sound_card(card: Any) -> bool:
    if type(card) is not dict or set(card) != {"id", "category", "names", "events", "shown"}:
        return False
    names, events, shown = card["names"], card["events"], card["shown"]
    if not (
        type(card["id"]) is str
        and type(card["category"]) in _OPT
        and type(names) is dict
        and set(names) == set(LANGS)
        and all(type(v) in _OPT for v in names.values())
        and type(events) is list
        and type(shown) is list
        and len(events) == len(shown)
    ):
        return False
    for event in events:
        if not (type(event) is list and len(event) == 5 and event[0] in ("ban", "unban") and type(event[1]) in _OPT):
            return False
        days = event[2:]
        if not all(d is None or (type(d) is int and 1 <= d <= dt.date.max.toordinal()) for d in days):
            return False
        if (event[1] is None) != (days[0] is None) or (days[0] is None) != (days[1] is None):
            return False
    return all(_sound_shown(s) for s in shown)


def _sound_shown(shown: Any) -> bool:
    return (
        type(shown) is dict
        and set(shown) == {"line", "court", "json", "sources"}
        and type(shown["line"]) is str
        and type(shown["court"]) is dict
        and set(shown["court"]) == set(LANGS)
        and all(type(v) is str for v in shown["court"].values())
        and type(shown["json"]) is dict
        and set(shown["json"]) == set(LANGS)
        and all(_plain_json(v) for v in shown["json"].values())
        and type(shown["sources"]) is list
        and all(type(v) is str for v in shown["sources"])
    )


def _plain_json(value: Any) -> bool:
    """Whether ``value`` is what json.dumps writes as it is: None, str, int, float, bool,
    lists and dicts with string keys of such values."""
    kind = type(value)
    if kind in (str, int, float, bool, type(None)):
        return True
    if kind is list:
        return all(map(_plain_json, value))
    if kind is dict:
        return all(type(k) is str and _plain_json(v) for k, v in value.items())
    return False
