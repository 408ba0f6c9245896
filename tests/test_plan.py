"""``bannedorgs lookup`` answers from a plan of plain data: the same answer as the registry
gives, with or without the cache, from a damaged cache too, and without the model."""

from __future__ import annotations

import datetime as dt
import json
import marshal
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from bannedorgs import _cache, _plan, cli
from bannedorgs.errors import Problem
from bannedorgs.registry import default_registry, load

FIXTURES = Path(__file__).parent / "fixtures"
DAYS = ["2005-03-28", "2010-05-19", "2010-05-20", "2020-11-30", "2020-12-15", "2021-01-01", "2023-12-31", "2024-06-01"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("BANNEDORGS_CACHE_DIR", str(directory))
    return directory


def _lookup(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_name_finds_what_the_registry_finds() -> None:
    registry = default_registry()
    plan = _plan.build(registry)
    names = {alias.value for org in registry for alias in org.all_aliases()} | {org.id for org in registry}
    names |= {"  Taliban ", "TALIBAN", "ХИЗБ-УТ-ТАХРИР", "Hizbut Tahrir", "Hizb ut-Takhrir", "Red Cross", "ИГИЛ"}
    for name in sorted(names):
        card = plan.find(name)
        match = registry._exact(name)
        assert (card["id"] if card else None) == (match.org.id if match else None), name


def test_the_status_is_the_registrys_on_every_day() -> None:
    registry = default_registry()
    plan = _plan.build(registry)
    for org in registry:
        card = plan.find(org.id)
        assert card is not None
        for day in [dt.date.fromisoformat(d) for d in DAYS]:
            state, shown, reason = plan.status(card, day)
            status = registry.status(org, on=day)
            assert (state, reason) == (status.state.value, status.reason), (org.id, day)
            assert (shown is None) == (status.decision is None)


def test_a_status_by_hand() -> None:
    """The fixture's Red Banner: banned on 2010-05-20, unbanned in December 2020."""
    plan = _plan.build(load(FIXTURES / "mini.yaml"))
    card = plan.find("Red Banner Front")
    assert card is not None and card["id"] == "red-banner"
    assert plan.status(card, dt.date(2010, 5, 19))[0] == "not banned"
    assert plan.status(card, dt.date(2010, 5, 20))[::2] == ("banned", "banned by the decision of 2010-05-20")
    state, shown, _ = plan.status(card, dt.date(2020, 12, 15))
    assert state == "uncertain" and shown is not None and shown["line"] == "unban of 2020-12 (known to the month)"
    assert plan.status(card, dt.date(2021, 1, 1))[0] == "not banned"


def test_a_plan_survives_the_cache(cache: Path) -> None:
    built = _plan.load(FIXTURES / "mini.yaml")
    assert len(list(cache.glob("plan-*.marshal"))) == 1
    read = _plan.load(FIXTURES / "mini.yaml")
    assert read._key is not None  # from the cache
    assert (read.data_version, read.updated_on, read.paths) == (built.data_version, built.updated_on, built.paths)
    for name in ["Red Banner", "КЗ", "red-banner", "blue-circle", "Nothing"]:
        assert read.find(name) == built.find(name)


@pytest.mark.parametrize(
    "argv",
    [
        ["lookup", "Taliban"],
        ["lookup", "Taliban", "--on", "2023-12-31", "--lang", "kk"],
        ["lookup", "Хизб-ут-Тахрир", "--on", "2024-01-10", "--json", "--lang", "ru"],
        ["lookup", "isis", "--json"],
        ["lookup", "Talibn"],
        ["--registry", str(FIXTURES / "mini.yaml"), "lookup", "Red Banner", "--on", "2020-12-01", "--json"],
    ],
)
def test_lookup_prints_the_same_with_and_without_the_cache(
    argv: list[str], cache: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _lookup(capsys, *argv)  # builds and stores the plan
    second = _lookup(capsys, *argv)  # reads it
    monkeypatch.setenv("BANNEDORGS_NO_CACHE", "1")
    uncached = _lookup(capsys, *argv)
    assert first == second == uncached
    assert list(cache.glob("plan-*.marshal"))


def test_lookup_json_agrees_with_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lookup(capsys, "lookup", "Taliban", "--on", "2023-12-31", "--json", "--lang", "ru")
    data = json.loads(out)
    status = default_registry().status("Taliban", on="2023-12-31")
    assert code == 0 and data["status"]["state"] == status.state.value == "uncertain"
    assert status.decision is not None
    assert data["status"]["decision"]["court"] == (
        {"id": status.decision.court.id, "name": status.decision.court.name("ru")} if status.decision.court else None
    )
    assert data["status"]["decision"]["decided_on"] == "2023-12"


def test_a_damaged_plan_is_built_afresh(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--registry", str(FIXTURES / "mini.yaml"), "lookup", "Red Banner", "--on", "2015-01-01"]
    expected = _lookup(capsys, *argv)
    assert "banned on 2015-01-01" in expected[1]
    [entry] = cache.glob("plan-*.marshal")
    key = entry.stem.split("-", 1)[1]
    good = _cache.get("plan", key)
    damaged = [
        {**good, "cards": [b"\x00garbage"] * len(good["cards"])},  # cards marshal cannot read
        {**good, "cards": [marshal.dumps({"id": "red-banner"})] * len(good["cards"])},  # not a card
        {**good, "names": {"Red Banner": 10**6}},  # a number that names no card
        {**good, "names": {"Red Banner": "0"}},
        {**good, "version": 0},
        {**good, "updated_on": "2026-01-15"},
        [good],
    ]
    for data in damaged:
        entry.unlink()
        _cache.put("plan", key, data)
        assert _lookup(capsys, *argv) == expected
        assert _cache.get("plan", key) == good  # rewritten whole


def test_a_plan_entry_without_the_users_checksum_is_not_read(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--registry", str(FIXTURES / "mini.yaml"), "lookup", "КЗ", "--json"]
    expected = _lookup(capsys, *argv)
    [entry] = cache.glob("plan-*.marshal")
    forged = marshal.loads(entry.read_bytes()[32:])
    forged["cards"] = [marshal.dumps({**marshal.loads(c), "category": "forged"}) for c in forged["cards"]]
    entry.write_bytes(bytes(32) + marshal.dumps(forged))
    assert _lookup(capsys, *argv) == expected
    entry.write_bytes(pickle.dumps(forged))
    assert _lookup(capsys, *argv) == expected


def _modules_after(argv: list[str], stdin: str = "") -> set[str]:
    script = (
        "import sys\n"
        "from bannedorgs.cli import main\n"
        f"code = main({argv!r})\n"
        "sys.stdout.flush()\n"
        "print('\\nMODULES', code, ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], input=stdin, capture_output=True, text=True, env=dict(os.environ), check=True
    )
    line = proc.stderr.rsplit("MODULES ", 1)[1].split()
    assert line[0] == "0", proc.stderr
    return set(line[1:])


def test_lookup_loads_neither_attrs_nor_the_model(cache: Path) -> None:
    first = _modules_after(["lookup", "Taliban"])  # builds the plan: the model is loaded
    assert "attrs" in first and "bannedorgs.model" in first
    quick = _modules_after(["lookup", "Taliban"])
    slow = {"attr", "attrs", "typing", "bannedorgs.model", "bannedorgs.registry", "bannedorgs.matcher", "yaml"}
    assert not quick & slow, quick & slow
    quick = _modules_after(["lookup", "Hizb-ut-Tahrir", "--on", "2024-01-10", "--json"])
    assert not quick & slow, quick & slow


def test_import_bannedorgs_loads_the_model_on_first_use() -> None:
    script = (
        "import sys, bannedorgs\n"
        "assert 'attrs' not in sys.modules and 'bannedorgs.model' not in sys.modules\n"
        "assert bannedorgs.PartialDate(2014, 10).last_day.day == 31\n"
        "assert bannedorgs.Organisation is sys.modules['bannedorgs.model'].Organisation\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_a_problem_is_a_frozen_value() -> None:
    problem = Problem("registry.yaml", 42, 7, "decided_on", "'2005-13-45' is not a date")
    same = Problem("registry.yaml", 42, 7, "decided_on", "'2005-13-45' is not a date")
    assert problem == same and hash(problem) == hash(same) and len({problem, same}) == 1
    assert problem != Problem("registry.yaml", 42, 8, "decided_on", "'2005-13-45' is not a date")
    assert problem != ("registry.yaml", 42, 7, "decided_on", "'2005-13-45' is not a date")
    assert str(problem) == "registry.yaml:42:7: decided_on: '2005-13-45' is not a date"
    assert str(Problem("r.yaml", 0, 0, "", "is empty")) == "r.yaml: is empty"
    with pytest.raises(AttributeError):
        problem.line = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del problem.message
    assert pickle.loads(pickle.dumps(problem)) == problem
