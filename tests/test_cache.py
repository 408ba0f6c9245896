"""The on-disk cache only ever saves time: same results, rebuilt on any change."""

from __future__ import annotations

from pathlib import Path

import pytest

from bannedorgs import Annotator
from bannedorgs.registry import load

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("BANNEDORGS_CACHE_DIR", str(directory))
    return directory


def test_second_load_comes_from_the_cache(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "reg.yaml"
    path.write_bytes((FIXTURES / "mini.yaml").read_bytes())
    first = load(path)
    assert first.fingerprint
    assert len(list(cache.glob("registry-*.pickle"))) == 1
    second = load(path)
    assert [o.id for o in second] == [o.id for o in first]
    assert second.lookup("Red Banner").id == "red-banner"
    # a changed file is a new key, never a stale hit
    path.write_text(path.read_text(encoding="utf-8").replace("Red Banner", "Red Flag"), encoding="utf-8")
    changed = load(path)
    assert changed.lookup("Red Flag").id == "red-banner"
    assert len(list(cache.glob("registry-*.pickle"))) == 2


def test_cached_matcher_gives_the_same_mentions(cache: Path) -> None:
    reg = load(FIXTURES / "mini.yaml")
    text = "Members of the Red Banner Front and Красного знамени met."
    fresh = Annotator(reg).find(text, on="2015-01-01")
    assert list(cache.glob("matcher-*.pickle"))
    again = Annotator(load(FIXTURES / "mini.yaml")).find(text, on="2015-01-01")
    assert [(m.org.id, m.start, m.end) for m in again] == [(m.org.id, m.start, m.end) for m in fresh]
    reg2 = load(FIXTURES / "mini.yaml")
    mention = Annotator(reg2).find(text, on="2015-01-01")[0]
    assert mention.org is reg2.get("red-banner")


def test_a_broken_cache_file_is_a_miss(cache: Path) -> None:
    reg = load(FIXTURES / "mini.yaml")
    for file in cache.glob("registry-*.pickle"):
        file.write_bytes(b"not a pickle")
    again = load(FIXTURES / "mini.yaml")
    assert [o.id for o in again] == [o.id for o in reg]


def test_no_cache_when_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANNEDORGS_NO_CACHE", "1")
    load(FIXTURES / "mini.yaml")
    assert not cache.exists()


def test_old_entries_are_pruned_and_a_used_one_is_kept(cache: Path) -> None:
    import os

    from bannedorgs import _cache

    for i in range(_cache.KEEP + 4):
        _cache.put("thing", f"k{i:02d}", i)
        stamp = 1_000_000_000 + i  # distinct, increasing times: k00 is the oldest
        os.utime(cache / f"thing-k{i:02d}.pickle", (stamp, stamp))
    assert _cache.get("thing", "k00") is None  # removed while the later ones were written
    assert _cache.get("thing", "k05") == 5  # read now: the most recently used
    _cache.put("thing", "new", "x")
    names = sorted(p.name for p in cache.glob("thing-*.pickle"))
    assert len(names) == _cache.KEEP
    assert "thing-k05.pickle" in names and "thing-new.pickle" in names
    assert "thing-k04.pickle" not in names  # the oldest left (k00-k03 went during the loop)
    _cache.put("other", "a", 1)  # another kind is not counted against this one
    assert len(list(cache.glob("thing-*.pickle"))) == _cache.KEEP
