"""The source distribution holds everything its own tests need, and they run from it.

Running the whole suite again from the unpacked sdist would double the time of the test run,
so this test proves the tree complete in three cheaper ways: every file git tracks is in the
sdist; pytest collects exactly as many tests from the unpacked tree as from this one; and the
tests that read files beyond the package (the benchmarks, the scripts, mkdocs.yml and the docs,
the held-out fixtures) pass there, with the package imported from the unpacked ``src``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# the tests that need more than src/ and tests/, minus the two timed smoke runs of the benchmarks
NEEDS_THE_TREE = [
    "tests/test_docs.py",
    "tests/test_heldout_scores.py",
    "tests/test_benchmarks_smoke.py",
    "tests/test_cli_ux.py::test_pre_commit_hook_selects_articles_only",
    "tests/test_export.py::test_schema_is_published_in_the_docs",
    "docs/data.md",
    "README.md",
]


def _pytest(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _collected(done: subprocess.CompletedProcess[str]) -> int:
    found = re.search(r"(\d+) tests? collected", done.stdout)
    assert found, done.stdout[-2000:] + done.stderr[-2000:]
    return int(found.group(1))


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (archive,) = out.glob("bannedorgs-*.tar.gz")
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(out, filter="data")
        else:  # pragma: no cover - an archive we just built
            tar.extractall(out)
    (tree,) = (p for p in out.iterdir() if p.is_dir())
    return tree


def test_sdist_holds_every_tracked_file(unpacked: Path) -> None:
    for name in ("benchmarks", "scripts", "docs", "tests", "data", "mkdocs.yml", ".pre-commit-hooks.yaml"):
        assert (unpacked / name).exists(), name
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist, say): the tracked files are unknown")
    tracked = subprocess.run([git, "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    missing = [name for name in tracked.splitlines() if (ROOT / name).is_file() and not (unpacked / name).is_file()]
    assert missing == []


def test_the_sdist_collects_every_test(unpacked: Path) -> None:
    here = _collected(_pytest(ROOT, "--collect-only", "-q"))
    there = _collected(_pytest(unpacked, "--collect-only", "-q"))
    assert there == here


def test_the_tests_that_need_the_whole_tree_pass_from_the_sdist(unpacked: Path) -> None:
    probe = _pytest(unpacked, "--version")  # the package under test is the unpacked one
    assert probe.returncode == 0
    where = subprocess.run(
        [sys.executable, "-c", "import bannedorgs; print(bannedorgs.__file__)"],
        cwd=unpacked,
        env={**os.environ, "PYTHONPATH": str(unpacked / "src")},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(unpacked)
    done = _pytest(unpacked, "-x", "-q", "-k", "not quick", *NEEDS_THE_TREE)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
