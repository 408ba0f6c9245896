"""Exports: the registry as JSON/YAML (read back to the same registry), CSV, FollowTheMoney
entities checked against the FtM schema, and the JSON Schema of the registry file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bannedorgs import export
from bannedorgs.cli import main
from bannedorgs.errors import RegistryError
from bannedorgs.registry import Registry, default_registry, load

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def same_registry(a: Registry, b: Registry) -> None:
    assert [o.id for o in a] == [o.id for o in b]
    for org in a:
        assert b.get(org.id) == org, org.id
    assert a.courts == b.courts
    assert a.not_mentions == b.not_mentions
    assert a.templates == b.templates
    assert (a.data_version, a.updated_on, a.schema_version) == (b.data_version, b.updated_on, b.schema_version)


# -- JSON and YAML: the registry file's own shape ----------------------------------------


@pytest.mark.parametrize("registry_path", [None, FIXTURES / "mini.yaml"], ids=["bundled", "mini"])
def test_json_round_trip_gives_the_same_registry(registry_path: Path | None) -> None:
    registry = load(registry_path)
    text = json.dumps(export.to_dict(registry), ensure_ascii=False)
    same_registry(registry, export.from_dict(json.loads(text)))


def test_an_exported_json_file_is_a_registry_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    path = tmp_path / "registry.json"
    path.write_text(out, encoding="utf-8")
    same_registry(default_registry(), load(path))


def test_an_exported_yaml_file_is_a_registry_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--registry", str(FIXTURES / "mini.yaml"), "export", "--format", "yaml")
    assert code == 0
    path = tmp_path / "registry.yaml"
    path.write_text(out, encoding="utf-8")
    same_registry(load(FIXTURES / "mini.yaml"), load(path))


def test_to_dict_keeps_what_the_file_says() -> None:
    # checked by hand against tests/fixtures/mini.yaml
    registry = load(FIXTURES / "mini.yaml")
    red = registry.get("red-banner")
    assert red is not None
    data = red.to_dict()
    assert data["names"]["en"] == "Red Banner"
    assert data["names"]["kk"] == {"value": "Қызыл ту", "verified": False, "note": "a test name"}
    assert data["aliases"]["en"] == ["RBF", "Red Banner Front"]  # RBF: case-sensitive by default, so bare
    ban, unban = data["decisions"]
    assert (ban["kind"], ban["decided_on"], ban["court"]) == ("ban", "2010-05-20", "test-court")
    assert ban["sources"] == [{"url": "https://example.org/ban", "says": "the court banned it"}]
    assert (unban["kind"], unban["decided_on"], unban["court"]) == ("unban", "2020-12", None)
    blue = registry.get("blue-circle")
    assert blue is not None
    assert blue.to_dict()["decisions"][0]["decided_on"] == "2012"  # a year stays a year
    assert blue.to_dict()["decisions"][0]["sources"][0] == {
        "url": None,
        "says": "banned in 2012",
        "source_note": "a printed bulletin",
    }
    green = registry.get("green-square")
    assert green is not None
    assert green.to_dict()["decisions"][0]["listed_by"] == "2015-03-01"
    assert green.to_dict()["names"]["ru"] == "Движение «Зелёный квадрат»"


def test_from_dict_validates_like_a_file() -> None:
    data = export.to_dict(load(FIXTURES / "mini.yaml"))
    data["organisations"][0]["decisions"][0]["decided_on"] = "2010-13-45"
    with pytest.raises(RegistryError, match=r"'2010-13-45' is not a date"):
        export.from_dict(data)


def test_export_on_a_date_keeps_the_banned(capsys: pytest.CaptureFixture[str]) -> None:
    # the Taliban were taken off the list in December 2023 (data/registry.yaml)
    code, out, _ = run(capsys, "export", "--on", "2024-06-01")
    assert code == 0
    ids = [o["id"] for o in json.loads(out)["organisations"]]
    assert "taliban" not in ids
    assert "hizb-ut-tahrir" in ids
    code, out, _ = run(capsys, "export", "--on", "2020-06-01")
    assert "taliban" in [o["id"] for o in json.loads(out)["organisations"]]


# -- CSV ---------------------------------------------------------------------------------


def test_csv_has_a_row_per_decision_with_its_precision(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--registry", str(FIXTURES / "mini.yaml"), "export", "--format", "csv", "--on", "2021-01-01"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == export.CSV_FIELDS
    red = [r for r in rows if r["id"] == "red-banner"]
    # unbanned in December 2020: on 1 January 2021 no longer banned, so --on leaves it out
    assert red == []
    code, out, _ = run(capsys, "--registry", str(FIXTURES / "mini.yaml"), "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    red = [r for r in rows if r["id"] == "red-banner"]
    assert [(r["kind"], r["decided_on"], r["precision"], r["court_name"]) for r in red] == [
        ("ban", "2010-05-20", "day", "Test District Court"),
        ("unban", "2020-12", "month", ""),
    ]
    assert red[0]["name_ru"] == "Красное знамя"
    assert red[0]["aliases"] == "RBF; Red Banner Front; КЗ"
    blue = [r for r in rows if r["id"] == "blue-circle"]
    assert [(r["decided_on"], r["precision"], r["sources"]) for r in blue] == [("2012", "year", "a printed bulletin")]


# -- FollowTheMoney ----------------------------------------------------------------------


def ftm_entities(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    code, out, _ = run(capsys, *argv, "export", "--format", "ftm")
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_ftm_entities_are_valid_followthemoney(capsys: pytest.CaptureFixture[str]) -> None:
    from followthemoney import model

    entities = ftm_entities(capsys)
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for entity in entities:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract
        unknown = set(entity["properties"]) - set(schema.properties)
        assert not unknown, (entity["id"], unknown)
        for required in schema.required:
            assert entity["properties"].get(required), (entity["id"], required)
        schema.validate(entity)  # raises InvalidData on a value its type rejects
        proxy = model.get_proxy(entity, cleaned=False)
        for name, values in entity["properties"].items():
            # cleaning keeps every value: none was malformed for its type (dates, urls, countries)
            assert sorted(proxy.get(name)) == sorted(values), (entity["id"], name)
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids  # references point at entities of the export
    schemas = [e["schema"] for e in entities]
    assert schemas.count("Organization") == len(default_registry())
    assert schemas.count("Sanction") == sum(len(o.bans) for o in default_registry())


def test_ftm_sanction_carries_court_and_dates_at_their_precision(capsys: pytest.CaptureFixture[str]) -> None:
    entities = {e["id"]: e for e in ftm_entities(capsys)}
    taliban = entities["bannedorgs-taliban"]
    assert taliban["schema"] == "Organization"
    assert "Талибан" in taliban["properties"]["name"]
    assert "crime.terror" in taliban["properties"]["topics"]
    ban = entities["bannedorgs-taliban-ban-1"]["properties"]
    # data/registry.yaml: banned by the Supreme Court on 15 March 2005, unbanned in December 2023
    assert ban["entity"] == ["bannedorgs-taliban"]
    assert ban["authority"] == ["Supreme Court of the Republic of Kazakhstan"]
    assert ban["startDate"] == ["2005-03-15"]
    assert ban["endDate"] == ["2023-12"]
    ipt = entities["bannedorgs-islamic-party-of-turkestan-ban-1"]["properties"]
    assert ipt["startDate"] == ["2008"]
    assert "endDate" not in ipt


def test_ftm_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    entities = ftm_entities(capsys, "--registry", str(FIXTURES / "mini.yaml"))
    assert "bannedorgs-red-banner" in {e["id"] for e in entities}
    assert list(export.iter_ftm(load(FIXTURES / "mini.yaml"), on=dt.date(2021, 1, 1)))
    assert "bannedorgs-red-banner" not in {
        e["id"] for e in export.iter_ftm(load(FIXTURES / "mini.yaml"), on=dt.date(2021, 1, 1))
    }


# -- the JSON Schema ---------------------------------------------------------------------


class _DatesAsText(yaml.SafeLoader):
    """A YAML reader that leaves dates as the text they are written as (as JSON has them)."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def validator() -> Any:
    import jsonschema

    schema = json.loads(export.schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def bundled_data() -> Any:
    return yaml.load((ROOT / "data" / "registry.yaml").read_text(encoding="utf-8"), Loader=_DatesAsText)


def test_schema_validates_the_bundled_registry(validator: Any) -> None:
    assert [e.message for e in validator.iter_errors(bundled_data())] == []
    mini = yaml.load((FIXTURES / "mini.yaml").read_text(encoding="utf-8"), Loader=_DatesAsText)
    assert [e.message for e in validator.iter_errors(mini)] == []


def test_schema_validates_an_export(validator: Any) -> None:
    assert [e.message for e in validator.iter_errors(export.to_dict(default_registry()))] == []


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("organisations", 0, "decisions", 0, "decided_on"), "2005-13-45", "decided_on"),
        (("organisations", 0, "decisions", 0, "sources"), [], "sources"),
        (("organisations", 0, "category"), "dangerous", "category"),
        (("organisations", 0, "id"), "Al Qaeda", "id"),
        (("organisations", 0, "decisions", 0, "kind"), "unban", "decisions"),  # no ban left
        (("organisations", 0, "colour"), "red", "organisations[0]"),
        (("data_version",), "2026", "data_version"),
    ],
)
def test_schema_rejects_a_broken_registry(validator: Any, path: tuple[Any, ...], value: Any, where: str) -> None:
    data = bundled_data()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = list(validator.iter_errors(data))
    assert errors
    assert any(where in e.json_path or where in e.message for e in errors), [e.json_path for e in errors]


def test_schema_command_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    shipped = ROOT / "src" / "bannedorgs" / "registry.schema.json"
    assert json.loads(out) == json.loads(shipped.read_text(encoding="utf-8"))


def test_schema_is_published_in_the_docs() -> None:
    page = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert "bannedorgs schema" in page
    assert "registry.schema.json" in page


# -- Wikidata ids ------------------------------------------------------------------------


def test_wikidata_ids_are_exported_where_the_registry_has_them(capsys: pytest.CaptureFixture[str]) -> None:
    registry = default_registry()
    # confirmed items only: https://www.wikidata.org/wiki/Q34490 and .../Q2429253
    assert {o.id: o.wikidata for o in registry if o.wikidata} == {"al-qaeda": "Q34490", "islamic-state": "Q2429253"}
    assert registry.get("al-qaeda").to_dict()["wikidata"] == "Q34490"  # type: ignore[union-attr]
    assert "wikidata" not in registry.get("taliban").to_dict()  # type: ignore[union-attr]
    entities = {e["id"]: e for e in ftm_entities(capsys)}
    assert entities["bannedorgs-islamic-state"]["properties"]["wikidataId"] == ["Q2429253"]
    assert "wikidataId" not in entities["bannedorgs-taliban"]["properties"]


@pytest.mark.parametrize("value", ["34490", "q34490", "Q0", "Q34490x"])
def test_a_malformed_wikidata_id_is_refused(tmp_path: Path, value: str) -> None:
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("    category: terrorist\n", f"    category: terrorist\n    wikidata: {value}\n", 1)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"    wikidata: {value}") + 1
    with pytest.raises(RegistryError, match=rf"r\.yaml:{line}:15: red-banner\.wikidata: '{value}' is not a Wikidata"):
        load(path)
