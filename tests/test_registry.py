"""Loading, validation, lookups and status on the small fixture registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bannedorgs import OrganisationNotFoundError, RegistryError, State
from bannedorgs.registry import Registry, load

FIXTURES = Path(__file__).parent / "fixtures"


def write(tmp_path: Path, text: str, name: str = "reg.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path, text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


# -- lookups ------------------------------------------------------------------------------
def test_get_never_raises(mini: Registry) -> None:
    assert mini.get("red-banner") is not None
    assert mini.get("no-such-id") is None
    sentinel = mini.get("blue-circle")
    assert mini.get("missing", sentinel) is sentinel


def test_lookup_by_every_kind_of_name(mini: Registry) -> None:
    for name in ("red-banner", "Red Banner", "RED BANNER", "red-banner front", "Красное  знамя", "КЗ", "Қызыл ту"):
        assert mini.lookup(name).id == "red-banner", name
    assert mini.lookup("«Синий круг»").id == "blue-circle"
    assert mini.lookup("Движение «Зеленый квадрат»").id == "green-square"  # ё/е


def test_lookup_unknown_raises_lookup_error_with_suggestion(mini: Registry) -> None:
    with pytest.raises(LookupError) as info:
        mini.lookup("Red Bammer")
    assert isinstance(info.value, OrganisationNotFoundError)
    assert "'Red Bammer'" in str(info.value)
    assert "red-banner" in str(info.value)
    with pytest.raises(OrganisationNotFoundError):
        mini.lookup("Yellow Triangle")


def test_search_ranks_and_explains(mini: Registry) -> None:
    results = mini.search("Red Bammer")
    assert results[0].org.id == "red-banner"
    assert results[0].method == "fuzzy"
    assert 80 < results[0].score < 100
    assert "Red Banner" in results[0].explanation
    exact = mini.search("Blue Circle")[0]
    assert (exact.org.id, exact.method, exact.score) == ("blue-circle", "exact", 100.0)
    assert mini.search("zzzz qqqq") == []
    assert len(mini.search("r", limit=1, score_cutoff=0)) <= 1


def test_iteration_and_len(mini: Registry) -> None:
    assert [o.id for o in mini] == ["red-banner", "blue-circle", "green-square"]
    assert len(mini) == 3
    assert "red-banner" in mini


# -- status -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "on", "state"),
    [
        ("Red Banner", "2010-05-19", State.NOT_BANNED),
        ("Red Banner", "2010-05-20", State.BANNED),  # the day of the decision counts
        ("Red Banner", "20.05.2015", State.BANNED),
        ("Red Banner", "2020-12-10", State.UNCERTAIN),  # removal known only to the month
        ("Red Banner", "2021-01-01", State.NOT_BANNED),
        ("Blue Circle", "2011-12-31", State.NOT_BANNED),
        ("Blue Circle", "2012-06-01", State.UNCERTAIN),  # ban known only to the year
        ("Blue Circle", "2013-01-01", State.BANNED),
        ("Green Square Movement", "2015-02-28", State.UNCERTAIN),  # unknown date, listed by March 2015
        ("Green Square Movement", "2015-03-01", State.BANNED),
    ],
)
def test_status_on_dates(mini: Registry, name: str, on: str, state: State) -> None:
    status = mini.status(name, on=on)
    assert status.state is state
    # a day inside a month or year of a decision known only to it counts as banned
    assert mini.is_banned(name, on=on) is (state is not State.NOT_BANNED)


def test_status_names_its_decision(mini: Registry) -> None:
    status = mini.status("red-banner", on=dt.date(2015, 1, 1))
    assert status.decision is not None
    assert status.decision.court is not None
    assert status.decision.court.name("ru") == "Тестовый районный суд"
    assert str(status.decision.decided_on) == "2010-05-20"
    assert "2010-05-20" in status.reason


def test_status_accepts_datetime_and_rejects_garbage(mini: Registry) -> None:
    assert mini.status("RBF", on=dt.datetime(2015, 1, 1, 12, 0)).banned
    with pytest.raises(ValueError, match="'next tuesday'"):
        mini.status("RBF", on="next tuesday")


# -- validation ---------------------------------------------------------------------------
def test_bad_date_is_reported_with_line_and_column(tmp_path: Path) -> None:
    path = broken(tmp_path, "decided_on: 2010-05-20", "decided_on: 2010-13-45")
    with pytest.raises(RegistryError) as info:
        load(path)
    (problem,) = info.value.errors
    assert problem.line == line_of(path, "2010-13-45")
    assert problem.column == 21
    assert str(problem).startswith(f"{path}:{problem.line}:21: ")
    assert "'2010-13-45' is not a date" in str(problem)
    assert isinstance(info.value, ValueError)


def test_every_problem_is_reported_in_one_pass(tmp_path: Path) -> None:
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("category: terrorist", "category: terrible", 1)
    text = text.replace("kind: unban", "kind: unbun", 1)
    text = text.replace("court: test-court", "court: no-such-court", 1)
    text = text.replace("    category: extremist", "    category: extremist\n    colour: blue", 1)
    with pytest.raises(RegistryError) as info:
        load(write(tmp_path, text))
    messages = [p.message for p in info.value.errors]
    assert any("'terrible' is not terrorist" in m for m in messages)
    assert any("'unbun' is not one of" in m for m in messages)
    assert any("'no-such-court' is not a court" in m for m in messages)
    assert any("unknown key 'colour'" in m for m in messages)
    assert all(p.line > 0 for p in info.value.errors)


def test_broken_yaml(tmp_path: Path) -> None:
    path = broken(tmp_path, "names: {en: Blue Circle,", "names: {en: Blue Circle,,: [")
    with pytest.raises(RegistryError) as info:
        load(path)
    (problem,) = info.value.errors
    assert problem.line == line_of(path, "Blue Circle,,")
    assert "YAML syntax error" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("id: blue-circle", "id: red-banner", "duplicate id 'red-banner'"),
        ("id: blue-circle", "id: Blue Circle", "is not a lowercase ASCII slug"),
        ("decided_on: 2020-12", "decided_on: 2009-12", "comes before any ban"),
        (
            "  - id: blue-circle\n    category: extremist",
            "  - id: blue-circle\n    category: extremist\n    category: terrorist",
            "duplicate key",
        ),
        (
            "aliases:\n      en: [RBF, Red Banner Front]",
            "aliases:\n      en: [RBF, Red Banner Front, Blue-Circle]",
            "already an alias of 'red-banner'",
        ),
        (
            '          - {url: "https://example.org/ban", says: "the court banned it"}\n',
            "          []\n",
            "needs at least one source",
        ),
        ('data_version: "2026.1"', 'data_version: "26.1"', "is not of the form YYYY.N"),
    ],
)
def test_validation_rules(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(RegistryError) as info:
        load(broken(tmp_path, old, new))
    assert any(message in str(p) for p in info.value.errors), info.value.errors


def test_scalars_stay_strings(tmp_path: Path) -> None:
    # an alias spelled like a YAML boolean must stay the text it is
    reg = load(broken(tmp_path, "ru: [КЗ]", "ru: [КЗ]\n      kk: [NO, ON]"))
    assert reg.lookup("ON").id == "red-banner"


def test_missing_file_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot be read"):
        load(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"schema_version: 1\nname: \xff\xfe\n")
    with pytest.raises(RegistryError, match="not UTF-8"):
        load(bad)


# -- extra registries ---------------------------------------------------------------------
def test_extra_adds_aliases_and_organisations(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        """
organisations:
  - id: red-banner
    aliases: {en: [The Banner]}
  - id: purple-star
    category: extremist
    names: {en: Purple Star}
    decisions:
      - kind: ban
        decided_on: 2019-04
        sources: [{url: "https://example.org/p", says: "banned in April 2019"}]
footnotes:
  en: {day: "{name}: banned since {since}."}
""",
        "extra.yaml",
    )
    reg = load(FIXTURES / "mini.yaml", extra=[extra])
    assert reg.lookup("The Banner").id == "red-banner"
    assert reg.lookup("RBF").id == "red-banner"  # the base aliases stay
    assert reg.lookup("Purple Star").id == "purple-star"
    assert reg.templates["en"]["day"].startswith("{name}")


def test_extra_alias_clash_is_an_error(tmp_path: Path) -> None:
    extra = write(tmp_path, "organisations:\n  - id: blue-circle\n    aliases: {en: [Red Banner]}\n", "extra.yaml")
    with pytest.raises(RegistryError) as info:
        load(FIXTURES / "mini.yaml", extra=[extra])
    (problem,) = info.value.errors
    assert problem.path.endswith("extra.yaml")
    assert problem.line == 3
    assert "already an alias of 'red-banner'" in problem.message


def test_quotes_inside_a_name_are_kept(mini: Registry) -> None:
    org = mini.get("green-square")
    assert org is not None
    assert org.name("ru") == "Движение «Зелёный квадрат»"
    assert mini.lookup("«Синий круг»").name("ru") == "Синий круг"  # quotes around a whole name go
