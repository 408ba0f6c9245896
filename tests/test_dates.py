"""How a date is read: ``on=`` everywhere and ``--on`` on the command line go through one reader."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bannedorgs
from bannedorgs import as_date
from bannedorgs.cli import main

NOV_2 = dt.date(2015, 11, 2)
UTC5 = dt.timezone(dt.timedelta(hours=5))


# -- ISO 8601 and what CMSs hand over ----------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        "2015-11-02",
        "2015-11-02 10:00:00",  # WordPress post_date, 1C-Bitrix in ISO mode
        "2015-11-02 00:00:00",
        "2015-11-02 23:59:59",
        "2015-11-02T10:00:00",
        "2015-11-02T10:00",
        "2015-11-02T10:00:00.123456",
        "2015-11-02 10:00:00.5",
        "2015-11-02T10:00:00Z",
        "2015-11-02T10:00:00+05:00",
        "2015-11-02T10:00:00+06:00",
        "2015-11-02T10:00:00+0600",
        "2015-11-02T10:00:00-03:00",
        "2015/11/02",
        "2015/11/02 10:00",
        "2015.11.02",
        "2015-11-2",
        "20151102",
        "20151102T100000Z",
        "  2015-11-02\n",
    ],
)
def test_year_first_dates_and_datetimes_are_read_exactly(value: str) -> None:
    assert as_date(value) == NOV_2


@pytest.mark.parametrize(
    ("value", "day"),
    [
        # isoformat() of the Python objects a program has at hand
        (dt.date(2015, 11, 2).isoformat(), NOV_2),
        (dt.datetime(2015, 11, 2, 10, 0).isoformat(), NOV_2),
        (dt.datetime(2015, 11, 2, 10, 0, 0, 250000).isoformat(), NOV_2),
        (dt.datetime(2015, 11, 2, 10, 0).isoformat(sep=" "), NOV_2),
        (dt.datetime(2015, 11, 2, 10, 0, tzinfo=dt.UTC).isoformat(), NOV_2),
        (dt.datetime(2015, 11, 2, 10, 0, tzinfo=UTC5).isoformat(timespec="milliseconds"), NOV_2),
        # offsets that cross midnight in Kazakhstan (UTC+5)
        ("2015-11-01T19:00:00Z", NOV_2),  # 00:00 on 2 November in Kazakhstan
        ("2015-11-01T18:59:59.999Z", dt.date(2015, 11, 1)),  # 23:59 on 1 November
        ("2015-11-01T20:30:00+00:00", NOV_2),
        ("2015-11-02T00:30:00+06:00", dt.date(2015, 11, 1)),  # 23:30 on 1 November
        ("2015-11-02T23:30:00-05:00", dt.date(2015, 11, 3)),  # 09:30 on 3 November
        ("2015-11-02T23:30:00+05:00", NOV_2),
        ("2015-12-31T20:00:00Z", dt.date(2016, 1, 1)),
        # a naive datetime keeps its date, whatever the hour
        ("2015-11-02T23:59:59", NOV_2),
        ("2015-11-02T00:00:00", NOV_2),
    ],
)
def test_isoformat_outputs_and_offsets(value: str, day: dt.date) -> None:
    assert as_date(value) == day


def test_datetime_objects() -> None:
    assert as_date(NOV_2) == NOV_2
    assert as_date(dt.datetime(2015, 11, 2, 23, 59)) == NOV_2  # naive: its own date
    assert as_date(dt.datetime(2015, 11, 1, 19, 0, tzinfo=dt.UTC)) == NOV_2
    assert as_date(dt.datetime(2015, 11, 2, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=6)))) == dt.date(2015, 11, 1)


@given(st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30)))
def test_any_naive_datetime_written_in_iso_keeps_its_date(moment: dt.datetime) -> None:
    assert as_date(moment.isoformat()) == moment.date()
    assert as_date(moment.isoformat(sep=" ")) == moment.date()


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30)),
    st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_any_datetime_with_an_offset_is_dated_in_kazakhstan(moment: dt.datetime, minutes: int) -> None:
    aware = moment.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    in_kazakhstan = (aware.astimezone(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=5)).date()
    assert as_date(aware.isoformat()) == in_kazakhstan
    assert as_date(aware) == in_kazakhstan


# -- day and month before the year ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("02.11.2015", NOV_2),
        ("2.11.2015", NOV_2),
        ("02.11.2015 10:00", NOV_2),  # 1C-Bitrix DD.MM.YYYY HH:MI:SS
        ("02.11.2015 10:00:00", NOV_2),
        ("13/02/2024", dt.date(2024, 2, 13)),  # 13 cannot be a month: one reading only
        ("02/13/2024", dt.date(2024, 2, 13)),
        ("05/05/2024", dt.date(2024, 5, 5)),  # both readings are the same day
    ],
)
def test_day_first_only_where_it_is_the_only_reading(value: str, day: dt.date) -> None:
    assert as_date(value) == day


@pytest.mark.parametrize("value", ["01/02/2024", "11/02/2015", "02-11-2015", "1/2/2024"])
def test_an_ambiguous_slashed_date_is_an_error_naming_it(value: str) -> None:
    with pytest.raises(ValueError, match=f"'{value}' may be .* \\(day first\\) or .* \\(month first\\)"):
        as_date(value)
    with pytest.raises(ValueError, match=f"'{value}'"):
        bannedorgs.annotate("Daesh claimed the attack.", on=value)


def test_the_caller_may_say_the_order() -> None:
    assert as_date("01/02/2024", order="dmy") == dt.date(2024, 2, 1)
    assert as_date("01/02/2024", order="mdy") == dt.date(2024, 1, 2)
    assert as_date("11-02-2015", order="mdy") == NOV_2
    assert as_date("02.11.2015", order="dmy") == NOV_2
    with pytest.raises(ValueError, match="'ymd'"):
        as_date("01/02/2024", order="ymd")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2025-13-01", "there is no month 13"),
        ("2025-00-10", "there is no month 0"),
        ("2020-02-30", "February 2020 has no day 30"),
        ("2019-02-29", "February 2019 has no day 29"),
        ("31.02.2020", "February 2020 has no day 31"),
        ("31.04.2020", "April 2020 has no day 31"),
        ("2015/13/02", "there is no month 13"),
        ("31/31/2020", "there is no month 31"),
        ("30 февраля 2020 года", "February 2020 has no day 30"),
        ("20251301", "there is no month 13"),
    ],
)
def test_an_impossible_date_is_an_error_naming_it(value: str, why: str) -> None:
    with pytest.raises(ValueError, match="is not a date") as info:
        as_date(value)
    assert str(info.value) == f"{value!r} is not a date: {why}"


@pytest.mark.parametrize(
    "value",
    ["", "yesterday", "2015-11", "2015", "02.11.15", "2 11 2015", "Monday 2015 3 4", "11/2015", "2015-11-02T25:00"],
)
def test_what_cannot_be_read_is_refused_not_guessed(value: str) -> None:
    with pytest.raises(ValueError, match="'" + value.replace("(", r"\(") + "'"):
        as_date(value)


# -- words ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        "2 ноября 2015 года",
        "2 ноября 2015 г.",
        "02 ноября 2015",
        "2015 жылғы 2 қараша",
        "2015 жылғы 2 қарашада",
        "2 November 2015",
        "November 2, 2015",
        "Nov 2, 2015",
        "Monday, November 2nd, 2015",
    ],
)
def test_months_in_words_keep_working(value: str) -> None:
    assert as_date(value) == NOV_2


def test_today_is_today_in_kazakhstan() -> None:
    before = dt.datetime.now(UTC5).date()
    got = as_date("today"), as_date("Today"), as_date(None)
    after = dt.datetime.now(UTC5).date()
    assert all(day in (before, after) for day in got)


def test_a_number_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError, match="20200101"):
        bannedorgs.annotate("Daesh", on=20200101)  # type: ignore[typeddict-item]


# -- every on= reads the same way ------------------------------------------------------------------
@pytest.mark.parametrize("on", ["2015-11-02 10:00:00", "2015-11-02T10:00:00Z", "2015/11/02", "02.11.2015"])
def test_daesh_is_judged_on_2_november_2015_everywhere(on: str) -> None:
    # read day-first, these were 11 February 2015, before the ban of 15 October 2015
    text = "Daesh claimed the attack."
    assert bannedorgs.annotate(text, on=on).text.startswith("Daesh* claimed the attack.\n\n*The Islamic State")
    assert [m.org.id for m in bannedorgs.find(text, on=on)] == ["islamic-state"]
    assert [i.kind for i in bannedorgs.check(text, on=on)] == ["unmarked"]
    assert bannedorgs.is_banned("Daesh", on=on)
    assert bannedorgs.status("Daesh", on=on).on == NOV_2
    assert bannedorgs.Annotator(on=on).annotate(text).text.startswith("Daesh*")


# -- the command line -------------------------------------------------------------------------------
def _run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_on_a_wordpress_date_marks_daesh(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _run(capsys, monkeypatch, "Daesh claimed the attack.\n", "annotate", "--on", "2015-11-02 10:00:00")
    assert (code, err) == (0, "")
    assert out.startswith("Daesh* claimed the attack.\n")
    assert "*The Islamic State has been banned" in out


def test_cli_on_an_impossible_date_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _run(capsys, monkeypatch, "Daesh claimed the attack.\n", "annotate", "--on", "2025-13-01")
    assert (code, out) == (2, "")
    assert err == "bannedorgs: --on: '2025-13-01' is not a date: there is no month 13\n"


def test_cli_on_today(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = _run(capsys, monkeypatch, "", "lookup", "Daesh", "--on", "today", "--json")
    assert code == 0
    assert '"on": "' + dt.datetime.now(UTC5).date().isoformat() in out


def test_cli_date_order(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = _run(capsys, monkeypatch, "Daesh.\n", "check", "--on", "01/02/2016")
    assert code == 2
    assert "'01/02/2016' may be 1 February 2016 (day first) or 2 January 2016 (month first)" in err
    for order, day in (("dmy", "2016-02-01"), ("mdy", "2016-01-02")):
        code, out, _ = _run(capsys, monkeypatch, "", "lookup", "Daesh", "--on", "01/02/2016", "--date-order", order)
        assert code == 0
        assert f"banned on {day}" in out
