"""The registry as plain data: JSON, YAML, CSV rows and FollowTheMoney entities.

:func:`to_dict` gives the registry in the shape of the registry file itself (names,
aliases, every decision with its court, sources and notes, relations), so an export can be
read back with :func:`from_dict` or :func:`bannedorgs.load` and gives the same registry.
A date keeps its precision in its form: ``2004-10-15`` (a day), ``2006-11`` (a month) or
``2008`` (a year), never padded with an invented day.

>>> from bannedorgs import default_registry
>>> data = to_dict(default_registry())
>>> data["schema_version"], data["organisations"][0]["id"]
(1, 'al-qaeda')
>>> from_dict(data).get("al-qaeda") == default_registry().get("al-qaeda")
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .model import LANGUAGES, Alias, Court, Decision, Organisation, State

if TYPE_CHECKING:
    from .registry import Registry

__all__ = [
    "CSV_FIELDS",
    "FORMATS",
    "court_to_dict",
    "from_dict",
    "iter_csv_rows",
    "iter_ftm",
    "organisation_to_dict",
    "to_dict",
]

FORMATS = ("json", "yaml", "csv", "ftm")

# One row per decision: the organisation's columns repeat, so a spreadsheet filter on any of
# them keeps whole decisions.
CSV_FIELDS = (
    "id",
    "category",
    "name_en",
    "name_ru",
    "name_kk",
    "aliases",
    "status",
    "status_on",
    "decision",
    "kind",
    "decided_on",
    "precision",
    "court",
    "court_name",
    "court_reported",
    "case_number",
    "in_force_on",
    "reported_as",
    "sources",
)

# Where a FollowTheMoney id starts: ids of one dataset share a prefix, as OpenSanctions' do.
FTM_PREFIX = "bannedorgs"


def _alias_to_dict(alias: Alias) -> dict[str, Any] | str:
    """A bare string when nothing but the text is set (as the file writes most aliases)."""
    from .registry import _ACRONYM

    data: dict[str, Any] = {"value": alias.value}
    if not alias.verified:
        data["verified"] = False
    # the loader makes a short all-caps alias case-sensitive unless told: say so only when it is not
    if alias.case_sensitive != bool(_ACRONYM.fullmatch(alias.value) and not alias.value.isdigit()):
        data["case_sensitive"] = alias.case_sensitive
    if alias.quoted_only:
        data["quoted_only"] = True
    if alias.unless_near:
        data["unless_near"] = list(alias.unless_near)
    if alias.note is not None:
        data["note"] = alias.note
    return data if len(data) > 1 else alias.value


def _decision_to_dict(decision: Decision) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": decision.kind,
        "decided_on": str(decision.decided_on) if decision.decided_on else None,
        "court": decision.court.id if decision.court else None,
        "court_reported": decision.court_reported,
        "reported_as": decision.reported_as,
        "case_number": decision.case_number,
        "in_force_on": str(decision.in_force_on) if decision.in_force_on else None,
        "listed_by": decision.listed_by.isoformat() if decision.listed_by else None,
        "sources": [
            {"url": s.url, "says": s.says, **({"source_note": s.note} if s.note is not None else {})}
            for s in decision.sources
        ],
        "notes": list(decision.notes),
    }
    if decision.renamed_to is not None:
        data["renamed_to"] = decision.renamed_to
    return data


def organisation_to_dict(org: Organisation) -> dict[str, Any]:
    """One organisation as a registry-file record of plain JSON types."""
    aliases: dict[str, list[Any]] = {lang: [] for lang in LANGUAGES}
    for alias in org.aliases:
        aliases.setdefault(alias.lang, []).append(_alias_to_dict(alias))
    return {
        "id": org.id,
        "category": org.category,
        "names": {lang: _alias_to_dict(alias) for lang, alias in org.names.items()},
        "aliases": aliases,
        "decisions": [_decision_to_dict(d) for d in org.decisions],
        "relations": [
            {"kind": r.kind, "id": r.id, **({"note": r.note} if r.note is not None else {})} for r in org.relations
        ],
        "notes": list(org.notes),
        "confidence": org.confidence,
        **({"wikidata": org.wikidata} if org.wikidata else {}),
    }


def court_to_dict(court: Court) -> dict[str, Any]:
    data: dict[str, Any] = {"id": court.id, "names": dict(court.names)}
    if court.genitive:
        data["genitive"] = dict(court.genitive)
    if court.unverified:
        data["verified"] = dict.fromkeys(sorted(court.unverified), False)
    return data


def _selected(registry: Registry, on: dt.date | None) -> list[Organisation]:
    """Every organisation, or those banned (or possibly banned) on ``on``."""
    if on is None:
        return list(registry)
    return [org for org in registry if registry.status(org, on=on).state is not State.NOT_BANNED]


def to_dict(registry: Registry, *, on: dt.date | None = None) -> dict[str, Any]:
    """The registry as a registry file of plain JSON types.

    With ``on``, only the organisations banned on that day, or whose ban is known only to a
    month or year holding it; relations to organisations left out are left out too.
    """
    orgs = _selected(registry, on)
    kept = {org.id for org in orgs}
    records = []
    for org in orgs:
        record = organisation_to_dict(org)
        record["relations"] = [r for r in record["relations"] if r["id"] in kept]
        records.append(record)
    data: dict[str, Any] = {
        "schema_version": registry.schema_version,
        "data_version": registry.data_version,
        "updated_on": registry.updated_on.isoformat(),
        "courts": [court_to_dict(c) for c in registry.courts.values()],
        "organisations": records,
        "not_mentions": [
            {"value": value, **({"lang": lang} if lang else {}), **({"reason": reason} if reason else {})}
            for value, lang, reason in registry.not_mentions
        ],
    }
    if registry.templates:
        data["footnotes"] = {lang: dict(t) for lang, t in registry.templates.items()}
    return data


def from_dict(data: Mapping[str, Any], *, name: str = "<dict>") -> Registry:
    """The registry that :func:`to_dict` (or a JSON export) describes, validated as a file is.

    Raises RegistryError with every problem, as :func:`bannedorgs.load` does; positions
    are those of the JSON text the data is written as, one key per line.
    """
    import json

    from .registry import _merge, _parse_file

    text = json.dumps(data, ensure_ascii=False, indent=1)
    part, problems = _parse_file(text, name, base=None)
    return _merge([(name, part)], problems)  # raises RegistryError with every problem


# ---------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------


def iter_csv_rows(registry: Registry, *, on: dt.date, only_banned: bool = False) -> Iterator[dict[str, str]]:
    """One row per decision, with the organisation's status on ``on`` (all fields strings).

    ``only_banned`` leaves out the organisations not banned on ``on``.
    """
    for org in registry:
        status = registry.status(org, on=on)
        if only_banned and status.state is State.NOT_BANNED:
            continue
        base = {
            "id": org.id,
            "category": org.category or "",
            **{f"name_{lang}": org.names[lang].value if lang in org.names else "" for lang in LANGUAGES},
            "aliases": "; ".join(a.value for a in org.aliases),
            "status": status.state.value,
            "status_on": on.isoformat(),
        }
        for number, decision in enumerate(org.decisions, 1):
            when = decision.decided_on
            yield {
                **base,
                "decision": str(number),
                "kind": decision.kind,
                "decided_on": str(when) if when else "",
                "precision": when.precision if when else "",
                "court": decision.court.id if decision.court else "",
                "court_name": decision.court.name("en") if decision.court else "",
                "court_reported": decision.court_reported or "",
                "case_number": decision.case_number or "",
                "in_force_on": str(decision.in_force_on) if decision.in_force_on else "",
                "reported_as": decision.reported_as or "",
                "sources": " | ".join(s.url or s.note or s.says for s in decision.sources),
            }


# ---------------------------------------------------------------------------------------
# FollowTheMoney
# ---------------------------------------------------------------------------------------


def _ftm_id(*parts: str) -> str:
    return "-".join((FTM_PREFIX, *parts))


def iter_ftm(registry: Registry, *, on: dt.date | None = None) -> Iterator[dict[str, Any]]:
    """FollowTheMoney entities: an ``Organization`` per organisation, a ``Sanction`` per ban.

    A Sanction's authority is the court (its English name), its start date the day, month
    or year of the ban as precise as the registry knows it, and its end date that of the
    unban that ended it, if any. Entities come as dicts of ``id``, ``schema`` and
    ``properties`` (lists of strings), one per JSON line in ``bannedorgs export --format ftm``.
    """
    for org in _selected(registry, on):
        names = list(dict.fromkeys(alias.value for alias in org.names.values()))
        aliases = [a for a in dict.fromkeys(a.value for a in org.aliases) if a not in names]
        topics = ["sanction", "crime.terror"] if org.category == "terrorist" else ["sanction"]
        properties: dict[str, list[str]] = {"name": names, "topics": topics}
        if aliases:
            properties["alias"] = aliases
        if org.notes:
            properties["notes"] = list(org.notes)
        if org.wikidata:
            properties["wikidataId"] = [org.wikidata]
        org_key = _ftm_id(org.id)
        yield {"id": org_key, "schema": "Organization", "properties": properties}
        dated = sorted(
            (d for d in org.decisions if d.kind in ("ban", "unban")),
            key=lambda d: d.decided_on.first_day if d.decided_on else dt.date.min,
        )
        for number, decision in enumerate(org.decisions, 1):
            if decision.kind != "ban":
                continue
            sanction: dict[str, list[str]] = {
                "entity": [org_key],
                "country": ["kz"],
                "program": [f"Kazakhstan: organisations recognised as {org.category or 'terrorist or extremist'}"],
            }
            if decision.court is not None:
                sanction["authority"] = [decision.court.name("en")]
            elif decision.court_reported:
                sanction["authority"] = [decision.court_reported]
            if decision.decided_on is not None:
                sanction["startDate"] = [str(decision.decided_on)]
                later = dated[dated.index(decision) + 1 :]
                unban = next((d for d in later if d.kind == "unban"), None)
                if unban is not None and unban.decided_on is not None:
                    sanction["endDate"] = [str(unban.decided_on)]
            if decision.reported_as:
                sanction["reason"] = [decision.reported_as]
            urls = [s.url for s in decision.sources if s.url]
            if urls:
                sanction["sourceUrl"] = urls
            if decision.case_number:
                sanction["recordId"] = [decision.case_number]
            yield {"id": _ftm_id(org.id, "ban", str(number)), "schema": "Sanction", "properties": sanction}


# ---------------------------------------------------------------------------------------
# JSON Schema
# ---------------------------------------------------------------------------------------


def schema_text() -> str:
    """The JSON Schema of the registry file (``registry.schema.json``, shipped in the package)."""
    from importlib import resources

    return resources.files("bannedorgs").joinpath("registry.schema.json").read_text(encoding="utf-8")
