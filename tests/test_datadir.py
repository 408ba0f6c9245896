"""A newer registry installed in the user data directory answers instead of the bundled one;
an older or unreadable one is passed over; an invalid one is refused at install."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bannedorgs import _datadir, export
from bannedorgs._sources import _bundled_text
from bannedorgs.cli import main
from bannedorgs.registry import default_registry, load

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED_VERSION = re.search(r'data_version: "(\d{4}\.\d+)"', _bundled_text()[0]).group(1)  # type: ignore[union-attr]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    directory = tmp_path / "data"
    monkeypatch.setenv("BANNEDORGS_DATA_DIR", str(directory))
    default_registry.cache_clear()
    yield directory
    default_registry.cache_clear()


def registry_text(version: str, *, base: Path = FIXTURES / "mini.yaml") -> str:
    """The mini registry (whose organisations the bundled one lacks) with another data_version."""
    text = base.read_text(encoding="utf-8")
    replaced = re.sub(r'data_version: "[^"]+"', f'data_version: "{version}"', text, count=1)
    assert f'data_version: "{version}"' in replaced
    return replaced


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_bundled_data_answers_when_nothing_is_installed(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load().data_version == BUNDLED_VERSION
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.splitlines()[1].endswith("registry.yaml (bundled with the code)")


def test_a_newer_installed_registry_wins(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    newer = tmp_path / "newer.yaml"
    newer.write_text(registry_text("2099.1"), encoding="utf-8")
    code, out, err = run(capsys, "data", "install", str(newer))
    assert (code, err) == (0, "")
    installed = data_dir / "registry.yaml"
    assert out == f"installed data 2099.1 (3 organisations) as {installed}\n"
    assert installed.read_bytes() == newer.read_bytes()

    registry = load()
    assert registry.data_version == "2099.1"
    assert registry.get("red-banner") is not None  # only the installed file has it
    code, out, _ = run(capsys, "--version")
    assert out.splitlines() == [
        f"bannedorgs {__import__('bannedorgs').__version__} (data 2099.1)",
        f"data: {installed} (installed)",
    ]
    code, out, _ = run(capsys, "lookup", "Red Banner", "--json")
    assert code == 0
    assert json.loads(out)["data"] == {"version": "2099.1", "origin": "installed", "path": str(installed)}

    code, out, _ = run(capsys, "data", "remove")
    assert code == 0
    assert not installed.exists()
    default_registry.cache_clear()
    code, out, _ = run(capsys, "lookup", "Taliban", "--json")
    assert json.loads(out)["data"]["origin"] == "bundled"
    assert json.loads(out)["data"]["version"] == BUNDLED_VERSION


def test_an_installed_json_export_wins_too(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = export.to_dict(load(FIXTURES / "mini.yaml"))
    data["data_version"] = "2099.3"
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, _ = run(capsys, "data", "install", str(path))
    assert code == 0
    assert load().data_version == "2099.3"


@pytest.mark.parametrize("version", ["2000.1", BUNDLED_VERSION])
def test_an_older_or_equal_installed_registry_is_ignored(
    version: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # as after an upgrade of the code that bundles newer data than the file installed before
    data_dir.mkdir()
    (data_dir / "registry.yaml").write_text(registry_text(version), encoding="utf-8")
    registry = load()
    assert registry.data_version == BUNDLED_VERSION
    assert registry.get("red-banner") is None
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert "(bundled with the code)" in out


def test_an_older_registry_is_not_installed(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    older = tmp_path / "older.yaml"
    older.write_text(registry_text("2000.1"), encoding="utf-8")
    code, out, err = run(capsys, "data", "install", str(older))
    assert (code, out) == (1, "")
    assert err == (
        f"bannedorgs: {older} has data 2000.1, not newer than the bundled {BUNDLED_VERSION}; nothing installed\n"
    )
    assert not (data_dir / "registry.yaml").exists()


def test_an_invalid_registry_is_refused_with_its_errors(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    text = registry_text("2099.1").replace("decided_on: 2010-05-20", "decided_on: 2010-13-45")
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index("        decided_on: 2010-13-45") + 1
    code, out, err = run(capsys, "data", "install", str(bad))
    assert code == 1
    assert out == ""
    assert f"{bad}:{line}:21: " in err
    assert "'2010-13-45' is not a date" in err
    assert err.endswith(f"bannedorgs: {bad} is not a valid registry (1 problem); nothing installed\n")
    assert not (data_dir / "registry.yaml").exists()
    assert load().data_version == BUNDLED_VERSION


def test_an_installed_file_of_another_schema_is_passed_over(data_dir: Path) -> None:
    data_dir.mkdir()
    text = registry_text("2099.1").replace("schema_version: 1", "schema_version: 2")
    (data_dir / "registry.yaml").write_text(text, encoding="utf-8")
    assert load().data_version == BUNDLED_VERSION


def test_the_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BANNEDORGS_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert _datadir.installed() == tmp_path / "bannedorgs" / "registry.yaml"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert _datadir.installed() == tmp_path / ".local" / "share" / "bannedorgs" / "registry.yaml"


def test_a_new_process_reads_the_installed_data(tmp_path: Path, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "registry.yaml").write_text(registry_text("2099.2"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "import bannedorgs; print(bannedorgs.DATA_VERSION, bannedorgs.get('red-banner').id)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["2099.2", "red-banner"]
