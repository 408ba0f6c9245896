"""Load, validate and index the registry; look organisations up by id, name or alias.

>>> reg = default_registry()
>>> reg.lookup("Хизб-ут-Тахрир").id
'hizb-ut-tahrir'
>>> reg.status("Taliban", on="2024-06-01").state.value
'not banned'
"""

from __future__ import annotations

import _thread
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

from ._dates import DateLike, as_date
from ._sources import sources
from ._status import judge
from .errors import OrganisationNotFoundError, Problem, RegistryError
from .model import (
    LANGUAGES,
    Alias,
    Court,
    Decision,
    Match,
    Organisation,
    PartialDate,
    Relation,
    Source,
    State,
    Status,
)
from .normalize import normalize, skeleton

if TYPE_CHECKING:  # PyYAML is imported only when a file is parsed (the cache spares it)
    from . import _yaml

__all__ = ["Registry", "default_registry", "load", "status_of"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATA_VERSION = re.compile(r"\d{4}\.\d+")
_ACRONYM = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]{1,4}")

_TOP_KEYS = {
    "schema_version", "data_version", "updated_on", "courts", "organisations",
    "not_mentions", "candidates", "footnotes",
}  # fmt: skip
_ORG_KEYS = {
    "id", "category", "names", "aliases", "decisions", "relations", "notes", "confidence",
    "confidence_detail", "wikidata",
}  # fmt: skip
_DECISION_KEYS = {
    "kind", "decided_on", "reported_as", "court", "court_reported", "case_number",
    "in_force_on", "listed_by", "sources", "notes", "renamed_to",
}  # fmt: skip
_ALIAS_KEYS = {"value", "verified", "case_sensitive", "quoted_only", "unless_near", "note", "source"}
_SOURCE_KEYS = {"url", "says", "source_note"}
_COURT_KEYS = {"id", "names", "genitive", "verified", "note", "notes"}
_NOT_MENTION_KEYS = {"value", "lang", "reason"}
_CATEGORIES = {"terrorist", "extremist"}
_KINDS = {"ban", "unban", "rename"}
_CONFIDENCE = {"high", "medium", "low"}
_RELATION_KINDS = {"successor_of", "same_as_banned", "branch_of", "split_from", "renamed_to"}


class Registry:
    """The organisations, courts and lookalike phrases of one or more registry files."""

    def __init__(
        self,
        organisations: Iterable[Organisation],
        *,
        courts: Mapping[str, Court],
        data_version: str,
        updated_on: dt.date,
        schema_version: int = 1,
        not_mentions: Sequence[tuple[str, str, str]] = (),
        templates: Mapping[str, Mapping[str, str]] | None = None,
        paths: Sequence[str] = (),
    ) -> None:
        self._orgs: dict[str, Organisation] = {o.id: o for o in organisations}
        self.courts = dict(courts)
        self.data_version = data_version
        self.updated_on = updated_on
        self.schema_version = schema_version
        self.not_mentions = tuple(not_mentions)  # (value, lang, reason)
        self.templates: dict[str, dict[str, str]] = {k: dict(v) for k, v in (templates or {}).items()}
        self.paths = tuple(paths)
        self.fingerprint: str | None = None  # set by load(): a hash of the files it was read from
        self._index()

    def _index(self) -> None:
        """Build the lookup indexes: every alias normalised, skeletonised and split in words.
        Each is set whole once built, so another thread never sees one half filled."""
        keys: dict[str, list[tuple[Organisation, Alias]]] = {}
        skeletons: dict[str, list[tuple[Organisation, Alias]]] = {}
        for org in self._orgs.values():
            for alias in org.all_aliases():
                for index, key in ((keys, normalize(alias.value)), (skeletons, skeleton(alias.value))):
                    if key and all(o.id != org.id for o, _ in index.get(key, ())):
                        index.setdefault(key, []).append((org, alias))
        word_keys: dict[str, list[tuple[Organisation, Alias]]] = {}
        for org in self._orgs.values():
            for alias in org.all_aliases():
                word_keys.setdefault(_word_key(alias.value), []).append((org, alias))
        self._keys = keys
        self._skeletons = skeletons
        self._choices: list[str] = list(skeletons)
        self._word_keys = word_keys
        self._word_choices: list[str] = list(word_keys)

    def __getattr__(self, name: str) -> Any:
        # A registry read from the cache gets its indexes when a lookup first needs them
        # (annotating needs none): from the cache's (id, alias number) pairs, or, should
        # those not be what was written, built again from the organisations. One thread
        # builds them; another asking meanwhile waits for it.
        if name not in _LAZY:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with _INDEXING:
            if name not in self.__dict__:
                pending = self.__dict__.get("_pending_indexes")
                if pending is None:
                    raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
                try:
                    _restore_indexes(self, pending)
                except Exception:  # a cache entry that is not what we wrote only costs time
                    self._index()
                del self.__dict__["_pending_indexes"]
        return self.__dict__[name]

    # -- container protocol -------------------------------------------------------------
    def __iter__(self) -> Iterator[Organisation]:
        return iter(self._orgs.values())

    def __len__(self) -> int:
        return len(self._orgs)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._orgs

    def __repr__(self) -> str:
        return f"<Registry {self.data_version}: {len(self)} organisations>"

    # -- what an Annotator asks of its registry (bannedorgs._lean answers from plain data) ---
    def _state_on(self, org: Organisation, day: dt.date) -> State:
        """The state of ``org`` on ``day`` (see :func:`status_of`)."""
        return status_of(org, day, known_by=self.updated_on).state

    def _footnote_sentence(
        self, org: Organisation, lang: str, day: dt.date, templates: Mapping[str, Mapping[str, str]] | None
    ) -> str | None:
        """The footnote of ``org`` in ``lang`` on ``day`` (see :func:`bannedorgs.footnotes.render`)."""
        from .footnotes import render

        return render(org, lang, on=day, templates=templates)

    @staticmethod
    def _result_types() -> tuple[type[Any], ...]:
        """The classes of an Annotator's results: mention, insertion, footnote, annotation."""
        from .model import Annotation, Footnote, Insertion, Mention

        return Mention, Insertion, Footnote, Annotation

    @staticmethod
    def _alias_class() -> type[Alias]:
        """The class of an alias the cached matcher makes (a lookalike phrase's)."""
        return Alias

    # -- lookups -----------------------------------------------------------------------
    def get(self, org_id: str, default: Organisation | None = None) -> Organisation | None:
        """The organisation with this id, or ``default``; never raises."""
        return self._orgs.get(org_id, default)

    def lookup(self, name: str) -> Organisation:
        """The organisation whose id, name or alias equals ``name`` after normalisation.

        Raises OrganisationNotFoundError (a LookupError) when there is none.
        """
        match = self._exact(name)
        if match is None:
            suggestions = [m.org.id for m in self.search(name, limit=3, score_cutoff=70)]
            raise OrganisationNotFoundError(name, suggestions)
        return match.org

    def _exact(self, name: str) -> Match | None:
        if not isinstance(name, str):
            raise TypeError(f"a name must be a str, not {type(name).__name__}")
        stripped = name.strip()
        if stripped in self._orgs:
            org = self._orgs[stripped]
            return Match(org, 100.0, org.id, "id", "id", stripped, org.id)
        key = normalize(name)
        hits = self._keys.get(key)
        if hits and len(hits) == 1:
            org, alias = hits[0]
            return Match(org, 100.0, alias.value, alias.lang, "exact", key, normalize(alias.value))
        skel = skeleton(name)
        hits = self._skeletons.get(skel)
        if hits and len(hits) == 1:
            org, alias = hits[0]
            return Match(org, 99.0, alias.value, alias.lang, "exact", skel, skeleton(alias.value))
        return None

    def search(self, query: str, *, limit: int | None = 5, score_cutoff: float | None = None) -> list[Match]:
        """Organisations whose names resemble ``query``, best first (ties by id); never raises.

        ``score_cutoff`` (0–100, default 80) drops weaker matches: lower it to see more
        distant candidates.

        Each Match says which alias matched, its normalised form, the score (0–100) and
        whether it was exact or fuzzy.
        """
        from rapidfuzz import fuzz, process

        if not isinstance(query, str):
            raise TypeError(f"a query must be a str, not {type(query).__name__}")
        cutoff = 80.0 if score_cutoff is None else float(score_cutoff)
        best: dict[str, Match] = {}
        exact = self._exact(query)
        if exact is not None:
            best[exact.org.id] = exact
        skel = skeleton(query)
        if skel:
            # the whole name, letter by letter; and, for a query of whole words, its words
            # against the name's (Tahrir, Nusra), which a one-letter difference cannot fake
            passes = [(skel, self._choices, fuzz.ratio, self._skeletons)]
            words_key = _word_key(query)
            if len(skel) >= 5:
                passes.append((words_key, self._word_choices, fuzz.token_set_ratio, self._word_keys))
            for key, choices, scorer, index in passes:
                if scorer is fuzz.token_set_ratio and any(m.score >= 90 for m in best.values()):
                    break  # the name itself was found: the slower word pass has nothing to add
                for choice, raw, _ in process.extract(key, choices, scorer=scorer, limit=None, score_cutoff=cutoff):
                    if scorer is fuzz.token_set_ratio and choice.count(" ") < key.count(" "):
                        continue  # a part of the name finds it; a name inside a longer one does not
                    score = min(float(raw), 98.0)  # below the exact matches, whatever the folding
                    for org, alias in index[choice]:
                        if org.id not in best or (best[org.id].method == "fuzzy" and best[org.id].score < score):
                            best[org.id] = Match(org, score, alias.value, alias.lang, "fuzzy", key, choice)
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.org.id))
        ranked = [m for m in ranked if m.score >= cutoff]
        return ranked if limit is None else ranked[:limit]

    def resolve(self, name_or_id: str | Organisation) -> Organisation:
        if isinstance(name_or_id, Organisation):
            return name_or_id
        return self.lookup(name_or_id)

    # -- status ------------------------------------------------------------------------
    def status(self, name_or_id: str | Organisation, *, on: DateLike | None = None) -> Status:
        """Whether the organisation is banned on ``on`` (default today), and why.

        The state is ``UNCERTAIN`` on a day inside the month or year to which a ban or unban
        is known only (and before a ban of unknown date was seen in force). Such a day counts
        as banned everywhere (``Status.banned``, :meth:`is_banned`, ``find``, ``annotate`` and
        ``check``), so that a compliance check errs towards flagging; ``state`` tells it apart.
        """
        org = self.resolve(name_or_id)
        day = as_date(on)
        return status_of(org, day, known_by=self.updated_on)

    def is_banned(self, name_or_id: str | Organisation, *, on: DateLike | None = None) -> bool:
        """True when the organisation is banned on ``on`` (default today).

        A day inside a month or year to which a ban or an unban is known only (``uncertain``)
        gives True: on 2023-12-31 the Taliban, taken off the list in December 2023, counts as
        banned. Use :meth:`status` to tell "banned" from "uncertain".
        """
        return self.status(name_or_id, on=on).banned


def _word_key(name: str) -> str:
    """The words of a name, each reduced to its skeleton, space-separated."""
    return " ".join(filter(None, (skeleton(w) for w in re.findall(r"[^\W_]+", name))))


def status_of(org: Organisation, day: dt.date, *, known_by: dt.date) -> Status:
    """The status of ``org`` on ``day``; ``known_by`` is when a ban of unknown date was last seen."""
    decisions = [d for d in org.decisions if d.kind in ("ban", "unban")]
    state, basis, reason = judge([event_of(d) for d in decisions], day, known_by=known_by)
    return Status(org, day, State(state), None if basis is None else decisions[basis], reason)


def event_of(decision: Decision) -> tuple[str, str | None, dt.date | None, dt.date | None, dt.date | None]:
    """A ban or unban decision as the status rule reads it (see bannedorgs._status)."""
    when = decision.decided_on
    if when is None:
        return decision.kind, None, None, None, decision.listed_by
    return decision.kind, str(when), when.first_day, when.last_day, decision.listed_by


# ---------------------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------------------


class _Checker:
    """Collects problems with their positions while turning nodes into model objects."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, node: _yaml.Node | None, field: str, message: str) -> None:
        line, col = (node.line, node.column) if node else (0, 0)
        self.problems.append(Problem(self.path, line, col, field, message))

    def keys(self, node: _yaml.Node, allowed: set[str], where: str) -> None:
        for key, value in node.items():
            if key not in allowed:
                self.add(value, f"{where}.{key}" if where else key, f"unknown key {key!r}")

    def mapping(self, node: _yaml.Node | None, field: str) -> bool:
        if node is None or not node.is_map:
            self.add(node, field, f"must be a mapping, not {_describe(node)}")
            return False
        return True

    def listing(self, node: _yaml.Node | None, field: str, *, required: bool = False) -> list[_yaml.Node]:
        if node is None or node.value is None:
            if required:
                self.add(node, field, "is required")
            return []
        if not isinstance(node.value, list):
            self.add(node, field, f"must be a list, not {_describe(node)}")
            return []
        return node.value

    def text(self, node: _yaml.Node | None, field: str, *, required: bool = False) -> str | None:
        if node is None or node.value is None:
            if required:
                self.add(node, field, "is required")
            return None
        if not isinstance(node.value, str):
            self.add(node, field, f"must be text, not {_describe(node)}")
            return None
        return node.value

    def flag(self, node: _yaml.Node | None, field: str, default: bool) -> bool:
        value = self.text(node, field)
        if value is None:
            return default
        if value.lower() in ("true", "yes"):
            return True
        if value.lower() in ("false", "no"):
            return False
        self.add(node, field, f"{value!r} is not true or false")
        return default

    def partial_date(self, node: _yaml.Node | None, field: str) -> PartialDate | None:
        value = self.text(node, field)
        if value is None:
            return None
        try:
            return PartialDate.from_string(value)
        except ValueError:
            self.add(node, field, f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
            return None

    def date(self, node: _yaml.Node | None, field: str) -> dt.date | None:
        value = self.text(node, field)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.add(node, field, f"{value!r} is not a date (YYYY-MM-DD)")
            return None


def _describe(node: _yaml.Node | None) -> str:
    if node is None or node.value is None:
        return "nothing"
    if node.is_map:
        return "a mapping"
    if node.is_list:
        return "a list"
    return repr(node.value)


def _parse_alias(ck: _Checker, node: _yaml.Node, lang: str, field: str, *, is_name: bool) -> Alias | None:
    if node.is_str:
        value = str(node.value)
        extra: dict[str, Any] = {}
    elif node.is_map:
        ck.keys(node, _ALIAS_KEYS, field)
        value = ck.text(node.get("value"), f"{field}.value", required=True) or ""
        if not value and node.get("value") is None:
            return None
        near = [
            ck.text(n, f"{field}.unless_near") or ""
            for n in ck.listing(node.get("unless_near"), f"{field}.unless_near")
        ]
        extra = {
            "verified": ck.flag(node.get("verified"), f"{field}.verified", True),
            "case_sensitive": ck.flag(node.get("case_sensitive"), f"{field}.case_sensitive", False),
            "quoted_only": ck.flag(node.get("quoted_only"), f"{field}.quoted_only", False),
            "unless_near": tuple(n for n in near if n),
            "note": ck.text(node.get("note"), f"{field}.note"),
        }
    elif node.value is None:
        return None
    else:
        ck.add(node, field, f"must be text or a mapping with 'value', not {_describe(node)}")
        return None
    value = _unquote(value.strip())
    if not normalize(value):
        ck.add(node, field, f"{value!r} has no letters or digits to match")
        return None
    explicit = node.is_map and node.get("case_sensitive") is not None
    if _ACRONYM.fullmatch(value) and not value.isdigit() and not explicit:
        extra["case_sensitive"] = True  # short acronyms: IS is not "is", ИГ is not "иг"
    return Alias(value=value, lang=lang, is_name=is_name, **extra)


_QUOTE_PAIRS = {"«": "»", '"': '"', "“": "”", "„": "“"}


def _unquote(value: str) -> str:
    """Drop quotation marks around a whole name, keep those inside it (Движение «Зелёный квадрат»)."""
    if len(value) > 2 and _QUOTE_PAIRS.get(value[0]) == value[-1]:
        inner = value[1:-1]
        if value[0] not in inner and value[-1] not in inner:
            return inner
    return value


def _parse_courts(ck: _Checker, node: _yaml.Node | None) -> dict[str, Court]:
    courts: dict[str, Court] = {}
    for item in ck.listing(node, "courts"):
        if not ck.mapping(item, "courts[]"):
            continue
        ck.keys(item, _COURT_KEYS, "court")
        cid = ck.text(item.get("id"), "court.id", required=True)
        if cid is None:
            continue
        if cid in courts:
            ck.add(item.get("id"), "court.id", f"duplicate court id {cid!r}")
        names: dict[str, str] = {}
        genitive: dict[str, str] = {}
        for key, target in (("names", names), ("genitive", genitive)):
            sub = item.get(key)
            if sub is None:
                continue
            if ck.mapping(sub, f"court {cid}.{key}"):
                for lang, value_node in sub.items():
                    if lang not in LANGUAGES:
                        ck.add(value_node, f"court {cid}.{key}", f"unknown language {lang!r}")
                    value = ck.text(value_node, f"court {cid}.{key}.{lang}")
                    if value:
                        target[lang] = value
        if "en" not in names:
            ck.add(item, f"court {cid}.names", "needs at least an English name ('en')")
            names.setdefault("en", cid)
        unverified: set[str] = set()
        verified = item.get("verified")
        if verified is not None and ck.mapping(verified, f"court {cid}.verified"):
            for lang, flag in verified.items():
                if not ck.flag(flag, f"court {cid}.verified.{lang}", True):
                    unverified.add(lang)
        courts[cid] = Court(cid, names, genitive, frozenset(unverified))
    return courts


def _parse_decision(ck: _Checker, node: _yaml.Node, org_id: str, courts: Mapping[str, Court]) -> Decision | None:
    where = f"{org_id}.decisions[]"
    if not ck.mapping(node, where):
        return None
    ck.keys(node, _DECISION_KEYS, where)
    kind = ck.text(node.get("kind"), f"{where}.kind", required=True)
    if kind is not None and kind not in _KINDS:
        ck.add(node.get("kind"), f"{where}.kind", f"{kind!r} is not one of ban, unban, rename")
        kind = None
    decided_on = ck.partial_date(node.get("decided_on"), f"{where}.decided_on")
    court_id = ck.text(node.get("court"), f"{where}.court")
    court = None
    if court_id is not None:
        court = courts.get(court_id)
        if court is None:
            ck.add(node.get("court"), f"{where}.court", f"{court_id!r} is not a court listed under 'courts'")
    sources: list[Source] = []
    for snode in ck.listing(node.get("sources"), f"{where}.sources", required=True):
        if not ck.mapping(snode, f"{where}.sources[]"):
            continue
        ck.keys(snode, _SOURCE_KEYS, f"{where}.sources[]")
        url = ck.text(snode.get("url"), f"{where}.sources[].url")
        says = ck.text(snode.get("says"), f"{where}.sources[].says", required=True)
        note = ck.text(snode.get("source_note"), f"{where}.sources[].source_note")
        if url is None and note is None:
            ck.add(snode, f"{where}.sources[]", "a source needs a url or a source_note saying what it is")
        if url is not None and not re.match(r"https?://\S+$", url):
            ck.add(snode.get("url"), f"{where}.sources[].url", f"{url!r} is not an http(s) address")
        sources.append(Source(url, says or "", note))
    if not sources and node.get("sources") is not None:
        ck.add(node.get("sources"), f"{where}.sources", "a decision needs at least one source")
    elif node.get("sources") is None:
        ck.add(node, f"{where}.sources", "a decision needs at least one source")
    renamed_to = ck.text(node.get("renamed_to"), f"{where}.renamed_to")
    if kind == "rename" and renamed_to is None:
        ck.add(node, f"{where}.renamed_to", "a rename decision needs 'renamed_to' (the new id)")
    notes = tuple(t for n in ck.listing(node.get("notes"), f"{where}.notes") if (t := ck.text(n, f"{where}.notes")))
    if kind is None:
        return None
    return Decision(
        kind=kind,  # type: ignore[arg-type]
        decided_on=decided_on,
        sources=tuple(sources),
        court=court,
        court_reported=ck.text(node.get("court_reported"), f"{where}.court_reported"),
        reported_as=ck.text(node.get("reported_as"), f"{where}.reported_as"),
        case_number=ck.text(node.get("case_number"), f"{where}.case_number"),
        in_force_on=ck.partial_date(node.get("in_force_on"), f"{where}.in_force_on"),
        listed_by=ck.date(node.get("listed_by"), f"{where}.listed_by"),
        renamed_to=renamed_to,
        notes=notes,
    )


def _parse_org(
    ck: _Checker, node: _yaml.Node, courts: Mapping[str, Court], *, partial: bool
) -> tuple[Organisation | None, dict[str, _yaml.Node]]:
    """Parse one record; ``partial`` allows a record of only an id and aliases (an extension)."""
    positions: dict[str, _yaml.Node] = {}
    if not ck.mapping(node, "organisations[]"):
        return None, positions
    ck.keys(node, _ORG_KEYS, "organisation")
    org_id = ck.text(node.get("id"), "organisation.id", required=True)
    if org_id is None:
        return None, positions
    if not _SLUG.fullmatch(org_id):
        ck.add(node.get("id"), "id", f"{org_id!r} is not a lowercase ASCII slug like 'hizb-ut-tahrir'")
    category = ck.text(node.get("category"), f"{org_id}.category")
    if category is not None and category not in _CATEGORIES:
        ck.add(node.get("category"), f"{org_id}.category", f"{category!r} is not terrorist, extremist or null")
        category = None
    names: dict[str, Alias] = {}
    names_node = node.get("names")
    if names_node is not None and ck.mapping(names_node, f"{org_id}.names"):
        for lang, value in names_node.items():
            if lang not in LANGUAGES:
                ck.add(value, f"{org_id}.names", f"unknown language {lang!r} (en, ru or kk)")
                continue
            alias = _parse_alias(ck, value, lang, f"{org_id}.names.{lang}", is_name=True)
            if alias:
                names[lang] = alias
                positions[normalize(alias.value)] = value
    elif names_node is None and not partial:
        ck.add(node, f"{org_id}.names", "is required")
    if not partial and names_node is not None and "en" not in names:
        ck.add(names_node, f"{org_id}.names", "needs an English name ('en')")
    aliases: list[Alias] = []
    aliases_node = node.get("aliases")
    if aliases_node is not None and aliases_node.value is not None and ck.mapping(aliases_node, f"{org_id}.aliases"):
        for lang, items in aliases_node.items():
            if lang not in LANGUAGES:
                ck.add(items, f"{org_id}.aliases", f"unknown language {lang!r} (en, ru or kk)")
                continue
            for item in ck.listing(items, f"{org_id}.aliases.{lang}"):
                alias = _parse_alias(ck, item, lang, f"{org_id}.aliases.{lang}", is_name=False)
                if alias:
                    aliases.append(alias)
                    positions.setdefault(normalize(alias.value), item)
    decisions = []
    for dnode in ck.listing(node.get("decisions"), f"{org_id}.decisions", required=not partial):
        decision = _parse_decision(ck, dnode, org_id, courts)
        if decision:
            decisions.append(decision)
    if not partial and node.get("decisions") is not None and not any(d.kind == "ban" for d in decisions):
        ck.add(node.get("decisions"), f"{org_id}.decisions", "needs at least one 'ban' decision")
    _check_order(ck, node, org_id, decisions)
    relations = []
    for rnode in ck.listing(node.get("relations"), f"{org_id}.relations"):
        if not ck.mapping(rnode, f"{org_id}.relations[]"):
            continue
        ck.keys(rnode, {"kind", "id", "note"}, f"{org_id}.relations[]")
        kind = ck.text(rnode.get("kind"), f"{org_id}.relations[].kind", required=True)
        target = ck.text(rnode.get("id"), f"{org_id}.relations[].id", required=True)
        if kind is not None and kind not in _RELATION_KINDS:
            ck.add(
                rnode.get("kind"),
                f"{org_id}.relations[].kind",
                f"{kind!r} is not one of {', '.join(sorted(_RELATION_KINDS))}",
            )
        if kind and target:
            relations.append(Relation(kind, target, ck.text(rnode.get("note"), f"{org_id}.relations[].note")))
    notes = tuple(t for n in ck.listing(node.get("notes"), f"{org_id}.notes") if (t := ck.text(n, f"{org_id}.notes")))
    confidence = ck.text(node.get("confidence"), f"{org_id}.confidence")
    if confidence is not None and confidence not in _CONFIDENCE:
        ck.add(node.get("confidence"), f"{org_id}.confidence", f"{confidence!r} is not high, medium or low")
    wikidata = ck.text(node.get("wikidata"), f"{org_id}.wikidata")
    if wikidata is not None and not re.fullmatch(r"Q[1-9][0-9]*", wikidata):
        ck.add(node.get("wikidata"), f"{org_id}.wikidata", f"{wikidata!r} is not a Wikidata item id like 'Q34490'")
        wikidata = None
    org = Organisation(
        id=org_id,
        category=category,  # type: ignore[arg-type]
        names=names,
        aliases=tuple(aliases),
        decisions=tuple(decisions),
        relations=tuple(relations),
        notes=notes,
        confidence=confidence,
        wikidata=wikidata,
    )
    return org, positions


def _check_order(ck: _Checker, node: _yaml.Node, org_id: str, decisions: Sequence[Decision]) -> None:
    """An unban must come after a ban, and nothing may be unbanned twice in a row."""
    dated = sorted(
        ((d, i) for i, d in enumerate(decisions) if d.kind in ("ban", "unban") and d.decided_on),
        key=lambda pair: pair[0].decided_on.first_day if pair[0].decided_on else dt.date.min,
    )
    banned = any(d.kind == "ban" and d.decided_on is None for d in decisions)
    dnodes = ck.listing(node.get("decisions"), "")
    for decision, index in dated:
        if decision.kind == "unban" and not banned:
            where = dnodes[index].get("decided_on") if index < len(dnodes) else node
            ck.add(
                where, f"{org_id}.decisions[].decided_on", f"the unban of {decision.decided_on} comes before any ban"
            )
        banned = decision.kind == "ban"


def _parse_file(text: str, path: str, *, base: Registry | None) -> tuple[dict[str, Any], list[Problem]]:
    from . import _yaml

    root, problems = _yaml.parse(text, path)
    ck = _Checker(path)
    ck.problems.extend(problems)
    out: dict[str, Any] = {"orgs": [], "positions": {}, "courts": {}, "not_mentions": [], "templates": {}}
    if root is None:
        if not problems:
            ck.add(None, "", "the file is empty")
        return out, ck.problems
    if not ck.mapping(root, "(top level)"):
        return out, ck.problems
    ck.keys(root, _TOP_KEYS, "")
    extension = base is not None
    if not extension:
        for key in ("schema_version", "data_version", "updated_on", "organisations"):
            if root.get(key) is None:
                ck.add(root, key, "is required")
    version = ck.text(root.get("schema_version"), "schema_version")
    if version is not None and version != "1":
        ck.add(root.get("schema_version"), "schema_version", f"{version!r} is not a schema this version reads (1)")
    data_version = ck.text(root.get("data_version"), "data_version")
    if data_version is not None and not _DATA_VERSION.fullmatch(data_version):
        ck.add(root.get("data_version"), "data_version", f"{data_version!r} is not of the form YYYY.N")
    out["data_version"] = data_version
    out["updated_on"] = ck.date(root.get("updated_on"), "updated_on")
    courts = dict(base.courts) if base else {}
    courts.update(_parse_courts(ck, root.get("courts")))
    out["courts"] = courts
    seen: dict[str, _yaml.Node] = {}
    for onode in ck.listing(root.get("organisations"), "organisations"):
        oid_node = onode.get("id")
        oid = oid_node.value if oid_node is not None and isinstance(oid_node.value, str) else None
        partial = bool(base is not None and oid in base)
        org, positions = _parse_org(ck, onode, courts, partial=partial)
        if org is None:
            continue
        if org.id in seen:
            ck.add(onode.get("id"), "id", f"duplicate id {org.id!r} (first at line {seen[org.id].line})")
            continue
        seen[org.id] = onode
        out["orgs"].append((org, partial))
        out["positions"][org.id] = positions
    for nnode in ck.listing(root.get("not_mentions"), "not_mentions"):
        if nnode.is_str:
            out["not_mentions"].append((str(nnode.value), "", ""))
            continue
        if not ck.mapping(nnode, "not_mentions[]"):
            continue
        ck.keys(nnode, _NOT_MENTION_KEYS, "not_mentions[]")
        value = ck.text(nnode.get("value"), "not_mentions[].value", required=True)
        lang = ck.text(nnode.get("lang"), "not_mentions[].lang") or ""
        if lang and lang not in LANGUAGES:
            ck.add(nnode.get("lang"), "not_mentions[].lang", f"unknown language {lang!r}")
        if value:
            out["not_mentions"].append((value, lang, ck.text(nnode.get("reason"), "not_mentions[].reason") or ""))
    templates = root.get("footnotes")
    if templates is not None and ck.mapping(templates, "footnotes"):
        for lang, tnode in templates.items():
            if ck.mapping(tnode, f"footnotes.{lang}"):
                out["templates"][lang] = {k: _template(ck, lang, k, v) for k, v in tnode.items()}
    return out, ck.problems


def _template(ck: _Checker, lang: str, key: str, node: _yaml.Node) -> str:
    """A footnote template, checked now (where its line is known) rather than when used."""
    from .footnotes import template_problem

    field = f"footnotes.{lang}.{key}"
    text = ck.text(node, field) or ""
    problem = template_problem(lang, key, text)
    if problem is not None:
        ck.add(node, field, problem)
    return text


def _merge(parts: Sequence[tuple[str, dict[str, Any]]], problems: list[Problem]) -> Registry:
    orgs: dict[str, Organisation] = {}
    owner: dict[str, tuple[str, str, _yaml.Node | None, str]] = {}  # key -> (org id, alias, node, path)
    courts: dict[str, Court] = {}
    not_mentions: list[tuple[str, str, str]] = []
    templates: dict[str, dict[str, str]] = {}
    header: dict[str, Any] = {}
    for path, part in parts:
        for key in ("data_version", "updated_on"):
            if part.get(key) and key not in header:
                header[key] = part[key]
        courts.update(part["courts"])
        not_mentions.extend(part["not_mentions"])
        for lang, mapping in part["templates"].items():
            templates.setdefault(lang, {}).update(mapping)
        for parsed, partial in part["orgs"]:
            org = parsed
            if partial and org.id in orgs:
                base = orgs[org.id]
                org = Organisation(
                    id=base.id,
                    category=base.category,
                    names={**base.names, **org.names},
                    aliases=base.aliases + org.aliases,
                    decisions=base.decisions + org.decisions,
                    relations=base.relations + org.relations,
                    notes=base.notes + org.notes,
                    confidence=base.confidence,
                    wikidata=base.wikidata,
                )
            orgs[org.id] = org
            positions = part["positions"].get(org.id, {})
            for alias in org.all_aliases():
                key = normalize(alias.value)
                node = positions.get(key)
                if key in owner and owner[key][0] != org.id:
                    other_id, other_alias, _, other_path = owner[key]
                    line, col = (node.line, node.column) if node else (0, 0)
                    problems.append(
                        Problem(
                            path,
                            line,
                            col,
                            f"{org.id}.aliases",
                            f"{alias.value!r} normalises to {key!r}, "
                            f"already an alias of {other_id!r} ({other_alias!r} in {other_path})",
                        )
                    )
                elif key not in owner:
                    owner[key] = (org.id, alias.value, node, path)
    for org in orgs.values():
        for decision in org.decisions:
            if decision.renamed_to and decision.renamed_to not in orgs:
                problems.append(
                    Problem(
                        parts[0][0],
                        0,
                        0,
                        f"{org.id}.decisions[].renamed_to",
                        f"{decision.renamed_to!r} is not an organisation id",
                    )
                )
        for relation in org.relations:
            if relation.id not in orgs:
                problems.append(
                    Problem(parts[0][0], 0, 0, f"{org.id}.relations[].id", f"{relation.id!r} is not an organisation id")
                )
    if problems:
        raise RegistryError(problems)
    return Registry(
        orgs.values(),
        courts=courts,
        data_version=header.get("data_version") or "0000.0",
        updated_on=header.get("updated_on") or dt.date.today(),
        not_mentions=not_mentions,
        templates=templates,
        paths=[p for p, _ in parts],
    )


def load(path: str | PathLike[str] | None = None, *, extra: Iterable[str | PathLike[str]] = ()) -> Registry:
    """Read and validate a registry (the bundled one when ``path`` is None).

    ``extra`` files (one path, or several) are merged over it: they may add organisations, add aliases or
    decisions to existing ones (a record with only ``id`` and ``aliases``), add lookalike
    phrases, and override footnote templates. Every problem in every file is reported
    at once in a RegistryError (a ValueError) whose ``errors`` carry file, line and column.
    """
    return from_sources(*sources(path, extra))


def from_sources(main: tuple[str, str], extras: Sequence[tuple[str, str]], key: str) -> Registry:
    """The registry of the texts :func:`bannedorgs._sources.sources` read (``(text, name)``
    of the registry and of each extra file) and their cache key."""
    from . import _cache

    text, name = main
    cached = _from_plain(_cache.get("registry", key))
    if cached is not None:
        cached.fingerprint = key
        return cached
    problems: list[Problem] = []
    first, found = _parse_file(text, name, base=None)
    problems.extend(found)
    parts: list[tuple[str, dict[str, Any]]] = [(name, first)]
    if extras:
        base = Registry(
            (o for o, _ in first["orgs"]), courts=first["courts"], data_version="0000.0", updated_on=dt.date.today()
        )
        for etext, ename in extras:
            part, found = _parse_file(etext, ename, base=base)
            problems.extend(found)
            parts.append((ename, part))
    registry = _merge(parts, problems)
    registry.fingerprint = key
    _cache.put("registry", key, _to_plain(registry))
    return registry


# What a Registry is made of, for the on-disk cache (see _plain): its constructor's arguments.
_PLAIN_CLASSES: dict[str, type] = {
    cls.__name__: cls for cls in (Alias, Court, Decision, Organisation, PartialDate, Relation, Source)
}


# The lookup indexes a Registry builds from its organisations (normalising and transliterating
# every alias, most of the work of building one): kept in the cache as (id, alias number) pairs.
_INDEXES = ("_keys", "_skeletons", "_word_keys")


# The attributes built from them (see Registry.__getattr__), and the lock of that building.
_LAZY = (*_INDEXES, "_choices", "_word_choices")
_INDEXING = _thread.allocate_lock()


def _restore_indexes(registry: Registry, indexes: Any) -> None:
    """Set the indexes of a registry read from the cache from their plain form (all built
    before any is set: one that fails leaves the registry as it was)."""
    orgs = registry._orgs
    aliases = {org_id: org.all_aliases() for org_id, org in orgs.items()}
    built = {
        name: {key: [(orgs[org_id], aliases[org_id][n]) for org_id, n in pairs] for key, pairs in indexes[name].items()}
        for name in _INDEXES
    }
    for name, index in built.items():
        setattr(registry, name, index)
    registry._choices = list(registry._skeletons)
    registry._word_choices = list(registry._word_keys)


def _to_plain(registry: Registry) -> Any:
    from ._plain import to_plain

    number = {(org.id, id(alias)): n for org in registry for n, alias in reversed(list(enumerate(org.all_aliases())))}
    indexes = {
        name: {key: [[org.id, number[org.id, id(alias)]] for org, alias in pairs] for key, pairs in index.items()}
        for name in _INDEXES
        for index in [getattr(registry, name)]
    }
    return to_plain(
        {
            "orgs": list(registry),
            "courts": registry.courts,
            "data_version": registry.data_version,
            "updated_on": registry.updated_on,
            "schema_version": registry.schema_version,
            "not_mentions": [tuple(n) for n in registry.not_mentions],
            "templates": registry.templates,
            "paths": list(registry.paths),
            "indexes": indexes,
        }
    )


def _from_plain(data: Any) -> Registry | None:
    """The Registry the cache holds, or None when the entry is not one (any error: a miss).

    It is built empty and then given its organisations and their indexes as the cache has
    them, so that nothing is normalised again."""
    if not isinstance(data, dict):
        return None
    from ._plain import from_plain

    try:
        parts = from_plain({k: v for k, v in data.items() if k != "indexes"}, _PLAIN_CLASSES)
        registry = Registry(
            (),
            courts=parts["courts"],
            data_version=parts["data_version"],
            updated_on=parts["updated_on"],
            schema_version=parts["schema_version"],
            not_mentions=parts["not_mentions"],
            templates=parts["templates"],
            paths=parts["paths"],
        )
        orgs = {org.id: org for org in parts["orgs"]}
        if not all(type(org) is Organisation for org in orgs.values()):
            return None
        registry._orgs = orgs
        for name in _LAZY:  # built from the cache's indexes when first used
            del registry.__dict__[name]
        registry.__dict__["_pending_indexes"] = data["indexes"]
        return registry
    except Exception:  # a cache entry that is not what we wrote is only a miss
        return None


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The bundled registry, loaded once."""
    return load()
