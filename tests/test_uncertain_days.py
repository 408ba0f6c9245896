"""One rule for a day inside a decision known only to its month or year, in every part of
the library: ``status`` says UNCERTAIN, and the organisation counts as banned for
``is_banned``, ``find``, ``annotate`` (marker and footnote) and ``check``.

Every such decision of the bundled registry is tried, in English, Russian and Kazakh, on
the first, a middle and the last day of its month or year, and on the days just outside.
"""

from __future__ import annotations

import datetime as dt

import pytest

import bannedorgs
from bannedorgs import Organisation, PartialDate, State
from bannedorgs.footnotes import format_date

SENTENCES = {
    "en": "The report mentions {name} twice.",
    "ru": "В докладе упомянута организация «{name}».",
    "kk": "Баяндамада «{name}» ұйымы аталды.",
}
# The sentence a footnote adds on a day inside the month or year of an unban, written here
# by hand; the date inside is the unban's, at its precision.
LIFTED = {
    "en": "The ban was lifted {on}.",
    "ru": "Запрет снят {on}.",
    "kk": "Тыйым {on} алынып тасталды.",
}


def _windows() -> list[tuple[Organisation, str, PartialDate]]:
    found = []
    for org in bannedorgs.default_registry():
        for decision in org.decisions:
            when = decision.decided_on
            if decision.kind in ("ban", "unban") and when is not None and when.precision != "day":
                found.append((org, decision.kind, when))
    return found


WINDOWS = _windows()
IDS = [f"{org.id}-{kind}-{when}" for org, kind, when in WINDOWS]


def test_the_registry_has_month_and_year_decisions_of_both_kinds() -> None:
    # otherwise the tests below would try nothing
    kinds = {(kind, when.precision) for _, kind, when in WINDOWS}
    assert {("ban", "month"), ("ban", "year"), ("unban", "month")} <= kinds


def _inside(when: PartialDate) -> list[dt.date]:
    first, last = when.first_day, when.last_day
    return [first, first + (last - first) // 2, last]


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize(("org", "kind", "when"), WINDOWS, ids=IDS)
def test_a_day_inside_counts_as_banned_everywhere(org: Organisation, kind: str, when: PartialDate, lang: str) -> None:
    text = SENTENCES[lang].format(name=org.name(lang))
    for day in _inside(when):
        status = bannedorgs.status(org, on=day)
        assert status.state is State.UNCERTAIN, (day, status.reason)
        assert status.banned and bannedorgs.is_banned(org, on=day)

        found = [m for m in bannedorgs.find(text, on=day) if m.org.id == org.id]
        assert found and all(m.state is State.UNCERTAIN for m in found), day

        result = bannedorgs.annotate(text, on=day, lang=lang)
        notes = [n for n in result.footnotes if n.org.id == org.id]
        assert len(notes) == 1, (day, result.text)
        assert any(i.text == "*" for i in result.insertions), result.text
        note = notes[0].text
        if kind == "ban":
            # the ban at its precision: "since November 2006", never an invented day
            assert format_date(when, lang, case="since") in note, note
        else:
            assert note.endswith(" " + LIFTED[lang].format(on=format_date(when, lang, case="on"))), note

        assert bannedorgs.check(result.text, on=day) == [], result.text
        assert [i.kind for i in bannedorgs.check(text, on=day) if i.mention.org.id == org.id] == ["unmarked"]
        assert bannedorgs.annotate(result.text, on=day, lang=lang).text == result.text


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize(("org", "kind", "when"), WINDOWS, ids=IDS)
def test_a_day_just_outside_is_judged_as_any_other(org: Organisation, kind: str, when: PartialDate, lang: str) -> None:
    text = SENTENCES[lang].format(name=org.name(lang))
    before, after = when.first_day - dt.timedelta(days=1), when.last_day + dt.timedelta(days=1)
    for day in (before, after):
        status = bannedorgs.status(org, on=day)
        assert status.state is not State.UNCERTAIN, (day, status.reason)
        result = bannedorgs.annotate(text, on=day, lang=lang)
        notes = [n for n in result.footnotes if n.org.id == org.id]
        if status.state is State.BANNED:
            assert len(notes) == 1 and "*" in result.text
            assert LIFTED[lang].split("{")[0] not in notes[0].text  # nothing about a lifting
        else:
            assert notes == [] and result.text == text
            assert not bannedorgs.is_banned(org, on=day)
        assert bannedorgs.check(result.text, on=day) == []
    # a ban's month or year starts a ban; an unban's ends it
    assert bannedorgs.status(org, on=after).state is (State.BANNED if kind == "ban" else State.NOT_BANNED)


def test_the_taliban_on_the_last_day_of_december_2023() -> None:
    # the reproduction: a marker and no footnote; now a marker and a footnote with both facts
    result = bannedorgs.annotate("Talks with the Taliban resumed.", on="2023-12-31")
    assert result.text == (
        "Talks with the Taliban* resumed.\n\n"
        "*The Taliban has been banned in Kazakhstan as a terrorist organisation since March 15, 2005, "
        "following a judgment by the Supreme Court of the Republic of Kazakhstan. The ban was lifted in December 2023."
    )
    assert bannedorgs.check(result.text, on="2023-12-31") == []
    assert bannedorgs.is_banned("Taliban", on="2023-12-31")
    assert bannedorgs.status("Taliban", on="2023-12-31").state is State.UNCERTAIN
    assert bannedorgs.annotate("Talks with the Taliban resumed.", on="2024-01-01").text == (
        "Talks with the Taliban resumed."
    )
    # a marker on that day is no longer a warning for check, nor is a missing one silent
    assert [i.kind for i in bannedorgs.check("Talks with the Taliban resumed.", on="2023-12-15")] == ["unmarked"]


def test_the_cli_follows_the_same_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from bannedorgs.cli import main

    assert main(["lookup", "Taliban", "--on", "2023-12-31"]) == 0
    out = capsys.readouterr().out
    assert "uncertain on 2023-12-31" in out
    assert "counts as banned" in out
