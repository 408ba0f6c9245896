"""The documentation site: the generated list of organisations is up to date, and the site
builds with ``mkdocs build --strict`` (when the docs extras are installed).

The examples on the pages themselves are doctests, collected from ``docs/`` by pytest.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_organisations_page_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_organisations.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, (
        "docs/organisations.md does not match data/registry.yaml; "
        f"run: python scripts/gen_organisations.py\n{proc.stderr}"
    )


def test_site_builds_strict(tmp_path: Path) -> None:
    missing = [name for name in ("mkdocs", "material", "mkdocstrings_handlers.python") if not _importable(name)]
    if missing:
        pytest.skip(f"the docs extras are not installed ({', '.join(missing)}): pip install -e '.[docs]'")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=_env(),
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    assert (tmp_path / "site" / "organisations" / "index.html").is_file()
    assert (tmp_path / "site" / "reference" / "index.html").is_file()


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about its successor, not a build problem
    return env
