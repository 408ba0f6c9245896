"""Facts of the bundled registry, checked against what the sources say."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import bannedorgs
from bannedorgs import State
from bannedorgs.normalize import normalize
from bannedorgs.registry import Registry, default_registry

ROOT = Path(__file__).resolve().parents[1]

# The ids are public API: every one of them must stay.
IDS = {
    "al-qaeda", "islamic-party-of-east-turkestan", "kurdish-peoples-congress", "islamic-movement-of-uzbekistan",
    "asbat-al-ansar", "muslim-brotherhood", "taliban", "boz-gurd", "jamaat-of-central-asian-mujahideen",
    "lashkar-e-taiba", "social-reform-society", "east-turkestan-liberation-organization", "aum-shinrikyo",
    "islamic-party-of-turkestan", "jund-al-khilafah", "al-nusra-front", "islamic-state", "hizb-ut-tahrir",
    "tablighi-jamaat", "at-takfir-wal-hijra", "yakyn-inkar", "democratic-choice-of-kazakhstan",
    "koshe-partiyasy", "alga-peoples-party", "senim-bilim-omir",
}  # fmt: skip


@pytest.fixture(scope="module")
def reg() -> Registry:
    return default_registry()


def test_every_known_id_is_present(reg: Registry) -> None:
    assert {o.id for o in reg} >= IDS


def test_header(reg: Registry) -> None:
    assert re.fullmatch(r"\d{4}\.\d+", bannedorgs.DATA_VERSION)
    assert reg.schema_version == 1
    assert reg.updated_on <= dt.date.today()


def test_every_decision_has_a_source_and_every_org_a_ban(reg: Registry) -> None:
    for org in reg:
        assert org.bans, org.id
        assert org.category in ("terrorist", "extremist", None), org.id
        for decision in org.decisions:
            assert decision.sources, (org.id, decision)
            for source in decision.sources:
                assert source.says.strip(), org.id
                assert source.url or source.note, org.id


def test_names_in_three_languages(reg: Registry) -> None:
    for org in reg:
        assert {"en", "ru", "kk"} <= set(org.names), org.id
        for alias in org.names.values():
            assert "«" not in alias.value and "»" not in alias.value, org.id


@pytest.mark.parametrize(
    ("org_id", "day", "court_en"),
    [
        # the three facts of the Orda.kz footnotes, each confirmed by independent sources
        ("islamic-movement-of-uzbekistan", "2004-10-15", "Supreme Court"),
        ("muslim-brotherhood", "2005-03-15", "Supreme Court"),
        ("hizb-ut-tahrir", "2005-03-28", "Astana"),
        ("islamic-state", "2015-10-15", "Esil"),
        ("jund-al-khilafah", "2011-11-25", "Atyrau"),
        ("democratic-choice-of-kazakhstan", "2018-03-13", "Esil"),
        ("koshe-partiyasy", "2020-05-19", "Esil"),
        ("alga-peoples-party", "2012-12-21", "Almaly"),
    ],
)
def test_ban_dates_and_courts(reg: Registry, org_id: str, day: str, court_en: str) -> None:
    org = reg.get(org_id)
    assert org is not None
    ban = org.bans[0]
    assert str(ban.decided_on) == day
    assert ban.court is not None
    assert court_en in ban.court.name("en")


@pytest.mark.parametrize(
    ("org_id", "precision", "text"),
    [
        ("aum-shinrikyo", "month", "2006-11"),
        ("east-turkestan-liberation-organization", "month", "2006-11"),
        ("islamic-party-of-turkestan", "year", "2008"),
        ("tablighi-jamaat", "month", "2013-02"),
    ],
)
def test_partial_dates_keep_their_precision(reg: Registry, org_id: str, precision: str, text: str) -> None:
    org = reg.get(org_id)
    assert org is not None
    when = org.bans[0].decided_on
    assert when is not None
    assert (when.precision, str(when)) == (precision, text)


def test_unknown_dates_stay_unknown(reg: Registry) -> None:
    for org_id in ("al-nusra-front", "senim-bilim-omir"):
        org = reg.get(org_id)
        assert org is not None
        assert org.bans[0].decided_on is None


def test_taliban_history(reg: Registry) -> None:
    assert reg.status("Taliban", on="2020-06-01").state is State.BANNED
    assert reg.status("Талибан", on="2024-06-01").state is State.NOT_BANNED
    assert reg.status("taliban", on="2005-03-14").state is State.NOT_BANNED
    org = reg.get("taliban")
    assert org is not None
    unban = next(d for d in org.decisions if d.kind == "unban")
    assert unban.decided_on is not None and str(unban.decided_on).startswith("2023-12")
    assert unban.court is None  # the body that removed it is disputed
    assert unban.court_reported


def test_islamic_state_not_banned_before_its_ruling(reg: Registry) -> None:
    assert reg.status("ИГИЛ", on="2014-01-01").state is State.NOT_BANNED
    assert reg.status("ИГИЛ", on="2015-10-14").state is State.NOT_BANNED
    assert reg.status("ИГИЛ", on="2015-10-15").state is State.BANNED


def test_koshe_is_dvk_under_a_new_name(reg: Registry) -> None:
    koshe = reg.get("koshe-partiyasy")
    dvk = reg.get("democratic-choice-of-kazakhstan")
    assert koshe is not None and dvk is not None
    assert any(r.id == dvk.id for r in koshe.relations)
    assert any(d.kind == "rename" and d.renamed_to == koshe.id for d in dvk.decisions)


@pytest.mark.parametrize(
    ("name", "org_id"),
    [
        ("ИГИЛ", "islamic-state"),
        ("Daesh", "islamic-state"),
        ("Ислам мемлекеті", "islamic-state"),
        ("Хизб-ут-Тахрир", "hizb-ut-tahrir"),
        ("Hizbut-Tahrir", "hizb-ut-tahrir"),
        ("Аль-Каида", "al-qaeda"),
        ("Братья-мусульмане", "muslim-brotherhood"),
        ("ДВК", "democratic-choice-of-kazakhstan"),
        ("Коше партиясы", "koshe-partiyasy"),
        ("Jabhat al-Nusra", "al-nusra-front"),
        ("Таблиги Джамаат", "tablighi-jamaat"),
    ],
)
def test_lookup_of_common_spellings(reg: Registry, name: str, org_id: str) -> None:
    assert reg.lookup(name).id == org_id


def test_no_alias_normalises_to_two_organisations(reg: Registry) -> None:
    owner: dict[str, str] = {}
    for org in reg:
        for alias in org.all_aliases():
            key = normalize(alias.value)
            assert owner.setdefault(key, org.id) == org.id, (alias.value, owner[key], org.id)


def test_every_source_url_is_http(reg: Registry) -> None:
    for org in reg:
        for decision in org.decisions:
            for source in decision.sources:
                assert source.url is None or source.url.startswith(("http://", "https://"))


def test_candidates_are_not_entries(reg: Registry) -> None:
    for candidate in ("allah-ayat", "ata-zholy", "halyk-maidany", "hayat-tahrir-al-sham"):
        assert reg.get(candidate) is None
    text = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")
    assert "candidates:" in text


@pytest.mark.parametrize(
    ("query", "first"),
    [("Hizb ut Tahir", "hizb-ut-tahrir"), ("Tahrir", "hizb-ut-tahrir"), ("Nusra", "al-nusra-front"),
     ("Talibn", "taliban"), ("Аум Шинрикё", "aum-shinrikyo"), ("Ислам мемлекетi", "islamic-state")],
)  # fmt: skip
def test_search_finds_near_names(reg: Registry, query: str, first: str) -> None:
    assert reg.search(query)[0].org.id == first


@pytest.mark.parametrize(
    "query", ["Halyk Bank", "Jund al-Sham", "Red Cross", "Hezbollah", "Amanat", "Tehrik-i-Taliban Pakistan"]
)
def test_search_does_not_invent_resemblances(reg: Registry, query: str) -> None:
    assert reg.search(query) == []


def test_every_alias_is_found_in_running_text(reg: Registry) -> None:
    """Each alias, as written, is a mention in a sentence on a day its organisation is banned."""
    annotator = bannedorgs.Annotator(reg)
    for org in reg:
        day = next(
            (d for d in ("2026-06-01", "2020-06-01", "2016-06-01") if reg.status(org, on=d).state is State.BANNED),
            None,
        )
        if day is None:
            continue
        for alias in org.all_aliases():
            text = f"Суд упомянул «{alias.value}» в решении о террористической группе."
            found = [m.org.id for m in annotator.find(text, on=day)]
            assert found == [org.id], (org.id, alias.value, found)
