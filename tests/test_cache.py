"""The on-disk cache only ever saves time: same results, rebuilt on any change, and nothing
found in a cache directory can run code, hang a run or change an answer."""

from __future__ import annotations

import itertools
import marshal
import os
import pickle
import re
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bannedorgs import Annotator, _cache, _regex, formats
from bannedorgs.model import Organisation
from bannedorgs.registry import Registry, load

FIXTURES = Path(__file__).parent / "fixtures"


def _regex_tag() -> str | None:
    from bannedorgs import _regex

    return _regex.TAG


TEXT = "Members of the Red Banner Front and Красного знамени met."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("BANNEDORGS_CACHE_DIR", str(directory))
    return directory


def _spans(annotator: Annotator, text: str = TEXT) -> list[tuple[str, int, int]]:
    return [(m.org.id, m.start, m.end) for m in annotator.find(text, on="2015-01-01")]


def _fresh_spans() -> list[tuple[str, int, int]]:
    return _spans(Annotator(load(FIXTURES / "mini.yaml")))


def test_second_load_comes_from_the_cache(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "reg.yaml"
    path.write_bytes((FIXTURES / "mini.yaml").read_bytes())
    first = load(path)
    assert first.fingerprint
    assert len(list(cache.glob("registry-*.marshal"))) == 1
    second = load(path)
    assert [o.id for o in second] == [o.id for o in first]
    assert list(second) == list(first)  # every field of every organisation survives
    assert second.courts == first.courts and second.templates == first.templates
    assert second.not_mentions == first.not_mentions and second.updated_on == first.updated_on
    assert second.lookup("Red Banner").id == "red-banner"
    # a changed file is a new key, never a stale hit
    path.write_text(path.read_text(encoding="utf-8").replace("Red Banner", "Red Flag"), encoding="utf-8")
    changed = load(path)
    assert changed.lookup("Red Flag").id == "red-banner"
    assert len(list(cache.glob("registry-*.marshal"))) == 2


def test_cached_matcher_gives_the_same_mentions(cache: Path) -> None:
    reg = load(FIXTURES / "mini.yaml")
    fresh = Annotator(reg).find(TEXT, on="2015-01-01")
    assert list(cache.glob("matcher-*.marshal"))
    again = Annotator(load(FIXTURES / "mini.yaml")).find(TEXT, on="2015-01-01")
    assert [(m.org.id, m.start, m.end, m.rule) for m in again] == [(m.org.id, m.start, m.end, m.rule) for m in fresh]
    reg2 = load(FIXTURES / "mini.yaml")
    mention = Annotator(reg2).find(TEXT, on="2015-01-01")[0]
    assert mention.org is reg2.get("red-banner")  # the registry's own objects, not copies


def test_the_bundled_registry_answers_alike_from_the_cache(cache: Path) -> None:
    text = "Суд запретил «Хизб ут-Тахрир». ИГИЛ-ге қосылғандар. Members of the Taliban and al-Qaida."
    fresh = Annotator(load()).annotate(text, on="2020-01-01")
    assert list(cache.glob("matcher-*.marshal"))
    cached = Annotator(load()).annotate(text, on="2020-01-01")
    assert cached.text == fresh.text and cached.mentions == fresh.mentions


def test_a_broken_cache_file_is_a_miss(cache: Path) -> None:
    reg = load(FIXTURES / "mini.yaml")
    for file in cache.glob("registry-*.marshal"):
        file.write_bytes(b"not marshal data")
    again = load(FIXTURES / "mini.yaml")
    assert [o.id for o in again] == [o.id for o in reg]


def test_no_cache_when_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANNEDORGS_NO_CACHE", "1")
    load(FIXTURES / "mini.yaml")
    assert not cache.exists()


def test_old_entries_are_pruned_and_a_used_one_is_kept(cache: Path) -> None:
    for i in range(_cache.KEEP + 4):
        _cache.put("thing", f"k{i:02d}", i)
        stamp = 1_000_000_000 + i  # distinct, increasing times: k00 is the oldest
        os.utime(cache / f"thing-k{i:02d}.marshal", (stamp, stamp))
    assert _cache.get("thing", "k00") is None  # removed while the later ones were written
    assert _cache.get("thing", "k05") == 5  # read now: the most recently used
    _cache.put("thing", "new", "x")
    names = sorted(p.name for p in cache.glob("thing-*.marshal"))
    assert len(names) == _cache.KEEP
    assert "thing-k05.marshal" in names and "thing-new.marshal" in names
    assert "thing-k04.marshal" not in names  # the oldest left (k00-k03 went during the loop)
    _cache.put("other", "a", 1)  # another kind is not counted against this one
    assert len(list(cache.glob("thing-*.marshal"))) == _cache.KEEP


def test_pickles_of_older_versions_are_removed_unread(cache: Path) -> None:
    _cache.put("thing", "a", 1)
    old = cache / "thing-0123.pickle"
    old.write_bytes(pickle.dumps(2))
    _cache.put("thing", "b", 2)
    assert not old.exists()


# -- what the cache trusts --------------------------------------------------------------


def test_directory_and_files_are_private(cache: Path) -> None:
    load(FIXTURES / "mini.yaml")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    files = list(cache.iterdir())
    assert {p.name for p in files} >= {"key"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    assert len((cache / "key").read_bytes()) == 32


class _Payload:
    """Unpickling this runs a shell command that leaves a file behind."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.proof}",))


def test_a_pickle_payload_runs_nothing(cache: Path, tmp_path: Path) -> None:
    expected = _fresh_spans()
    proof = tmp_path / "ran"
    payload = pickle.dumps(_Payload(proof))
    entries = list(cache.glob("*-*.marshal"))
    kinds = {"registry", "matcher"} | ({"forms"} if _regex_tag() else set())
    assert {p.name.split("-")[0] for p in entries} == kinds
    for entry in entries:
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)  # where an older version looked
    assert _fresh_spans() == expected
    assert not proof.exists()


def test_an_entry_without_the_users_checksum_is_not_read(cache: Path, tmp_path: Path) -> None:
    _cache.put("thing", "k", {"a": 1})
    entry = cache / "thing-k.marshal"
    # plain marshal data, and the same with a checksum made with another key
    entry.write_bytes(marshal.dumps({"a": 2}))
    assert _cache.get("thing", "k") is None
    entry.write_bytes(bytes(32) + marshal.dumps({"a": 2}))
    assert _cache.get("thing", "k") is None
    # an entry moved to another name is not that name's
    _cache.put("thing", "other", {"a": 3})
    os.replace(cache / "thing-other.marshal", entry)
    assert _cache.get("thing", "k") is None


def test_code_in_a_checked_entry_is_never_run(cache: Path, tmp_path: Path) -> None:
    """Even an entry the user's own key vouches for holds plain data only: a code object
    there is refused as a registry or matcher, not called."""
    expected = _fresh_spans()
    proof = tmp_path / "ran"
    code = compile(f"open({str(proof)!r}, 'w')", "<cache>", "exec")
    for entry in cache.glob("*-*.marshal"):
        kind, key = entry.stem.split("-", 1)
        entry.unlink()
        _cache.put(kind, key, {"orgs": code, "entries": code, "keys": [code], "values": [code]})
        assert entry.exists()
    assert _fresh_spans() == expected
    assert not proof.exists()


def test_a_symbolic_link_is_not_followed(cache: Path, tmp_path: Path) -> None:
    _cache.put("thing", "k", "value")
    target = tmp_path / "elsewhere.marshal"
    os.replace(cache / "thing-k.marshal", target)
    (cache / "thing-k.marshal").symlink_to(target)
    assert _cache.get("thing", "k") is None
    # and for the registry: the link is refused, the answer is still right
    expected = _fresh_spans()
    for entry in cache.glob("*-*.marshal"):
        moved = tmp_path / entry.name
        os.replace(entry, moved)
        entry.symlink_to(moved)
    assert _fresh_spans() == expected


def test_a_fifo_named_like_an_entry_does_not_hang(cache: Path) -> None:
    expected = _fresh_spans()
    for entry in cache.glob("*-*.marshal"):
        entry.unlink()
        os.mkfifo(entry)
    script = textwrap.dedent(
        f"""
        from bannedorgs import Annotator
        from bannedorgs.registry import load
        reg = load({str(FIXTURES / "mini.yaml")!r})
        print([(m.org.id, m.start, m.end) for m in Annotator(reg).find({TEXT!r}, on="2015-01-01")])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=dict(os.environ), check=True
    )
    assert done.stdout.strip() == str(expected)


def test_a_directory_others_may_write_is_not_used(cache: Path) -> None:
    expected = _fresh_spans()
    _cache.put("thing", "k", "value")
    for mode in (0o777, 0o770, 0o702):
        cache.chmod(mode)
        assert _cache.get("thing", "k") is None
        _cache.put("thing", "new", "value")
        assert not (cache / "thing-new.marshal").exists()
    cache.chmod(0o700)
    assert _cache.get("thing", "k") == "value"
    cache.chmod(0o777)
    assert _fresh_spans() == expected  # still answers, from the YAML


def test_a_file_others_may_write_is_not_read(cache: Path) -> None:
    _cache.put("thing", "k", "value")
    (cache / "thing-k.marshal").chmod(0o666)
    assert _cache.get("thing", "k") is None


def test_a_key_others_may_read_is_not_used(cache: Path) -> None:
    _cache.put("thing", "k", "value")
    (cache / "key").chmod(0o644)
    assert _cache.get("thing", "k") is None


def test_an_entry_larger_than_the_bound_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _cache.put("thing", "k", "x" * 1000)
    monkeypatch.setattr(_cache, "MAX_BYTES", 100)
    assert _cache.get("thing", "k") is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_files_of_another_user_are_not_trusted(cache: Path) -> None:
    nobody = 65534
    expected = _fresh_spans()
    _cache.put("thing", "k", "value")
    os.chown(cache / "thing-k.marshal", nobody, nobody)
    assert _cache.get("thing", "k") is None
    os.chown(cache / "thing-k.marshal", 0, 0)
    assert _cache.get("thing", "k") == "value"
    os.chown(cache / "key", nobody, nobody)
    assert _cache.get("thing", "k") is None
    os.chown(cache / "key", 0, 0)
    os.chown(cache, nobody, nobody)
    assert _cache.get("thing", "k") is None
    assert _fresh_spans() == expected


def test_a_cached_registry_is_the_registry_it_was(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every attribute, the indexes included: a cached registry is built without indexing, so
    an attribute added to Registry must be carried by the cache too (or this test fails)."""
    from bannedorgs import registry

    fresh = load()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the second load parses the YAML: the cache was not used")

    monkeypatch.setattr(registry, "_parse_file", no_parsing)
    cached = load()
    assert list(cache.glob("registry-*.marshal"))
    assert cached is not fresh
    assert "_keys" not in vars(cached)  # the lookup indexes wait for a lookup (annotating needs none)
    assert cached._keys  # and are there when one asks
    assert vars(cached).keys() == vars(fresh).keys()
    for name, value in vars(fresh).items():
        assert getattr(cached, name) == value, name
    # the pairs of an index hold the registry's own objects
    pairs = next(iter(cached._keys.values()))
    assert pairs[0][0] is cached.get(pairs[0][0].id)
    assert pairs[0][1] in pairs[0][0].all_aliases()
    assert cached.lookup("ИГИЛ").id == "islamic-state" and cached.search("Hizb ut Tahir", limit=1)[0].org.id == (
        "hizb-ut-tahrir"
    )


def test_damaged_cached_indexes_are_built_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bannedorgs import registry

    fresh = load()
    [entry] = cache.glob("registry-*.marshal")
    key = entry.stem.split("-", 1)[1]
    data = _cache.get("registry", key)
    for name, broken in [("_keys", {"isil": [["no-such-org", 0]]}), ("_skeletons", {"x": [["islamic-state", 10**6]]})]:
        _cache.put("registry", key, {**data, "indexes": {**data["indexes"], name: broken}})
        with monkeypatch.context() as patch:
            patch.setattr(registry, "_parse_file", None)  # read from the cache, not parsed
            cached = load()
        assert cached._keys == fresh._keys and cached._skeletons == fresh._skeletons, name
        assert cached._word_choices == fresh._word_choices
        assert cached.lookup("ИГИЛ").id == "islamic-state"


def test_threads_looking_up_at_once_in_a_cached_registry(cache: Path) -> None:
    """The first lookups of a registry read from the cache build its indexes: threads that
    ask at once all get the answer, never a half-built index or a missing attribute."""
    from concurrent.futures import ThreadPoolExecutor

    def first_found(registry: Registry, names: list[str]) -> list[str]:
        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(lambda name: registry.search(name, limit=1)[0].org.id, names))

    load()
    for _ in range(5):
        cached = load()
        assert "_keys" not in vars(cached)
        found = first_found(cached, ["ИГИЛ", "Daesh", "Hizb ut Tahir", "Талибан", "ISIS"] * 4)
        assert found == ["islamic-state", "islamic-state", "hizb-ut-tahrir", "taliban", "islamic-state"] * 4


def test_a_cached_matcher_is_the_matcher_it_was(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every attribute but the lazily built ones: a cached matcher is put together from plain
    data, so an attribute added to Matcher must be carried by the cache too (or this fails)."""
    from bannedorgs import matcher

    fresh = Annotator(load()).matcher
    monkeypatch.setattr(matcher.Matcher, "__init__", None)  # a cached matcher is never compiled
    cached = Annotator(load()).matcher
    assert cached is not fresh
    assert vars(cached).keys() == vars(fresh).keys()
    lazy = {"_nfa", "_dfa", "_compiled", "_scanned", "_rebuild"}  # built on first use
    assert fresh._rebuild is None and cached._rebuild is not None  # the cached one can compile itself
    for name, value in vars(fresh).items():
        if name == "_bytes":
            assert vars(cached._bytes) == {**vars(value), "_map": None}
        elif name in ("_entries", "_targets"):  # read row by row when first asked for
            assert type(getattr(cached, name)) is matcher._Rows
            assert list(getattr(cached, name)) == value, name
        elif name not in lazy:
            assert getattr(cached, name) == value, name


def _plain_matcher() -> tuple[dict[str, object], dict[str, Organisation]]:
    """The bundled registry's matcher as the cache stores it (through marshal), and its organisations."""
    registry = load()
    plain = marshal.loads(marshal.dumps(Annotator(registry).matcher.to_plain()))
    return plain, {org.id: org for org in registry}


def test_the_matchers_rows_round_trip_with_the_registrys_own_aliases() -> None:
    from bannedorgs.matcher import Matcher

    registry = load()
    fresh = Annotator(registry).matcher
    orgs = {org.id: org for org in registry}
    cached = Matcher.from_plain(marshal.loads(marshal.dumps(fresh.to_plain())), orgs)
    assert len(cached._entries) == len(fresh._entries) > 400
    for old, new in zip(fresh._entries, cached._entries, strict=True):
        assert new.fields() == old.fields()
        assert (new.key, new.everyday) == (old.key, old.everyday)
        if new.org is not None:  # the organisation's own alias object, not a copy
            assert any(a is new.alias for a in new.org.all_aliases())
    assert [(t.entry.fields(), t.key, t.words, t.max_distance, t.stems) for t in cached._targets] == [
        (t.entry.fields(), t.key, t.words, t.max_distance, t.stems) for t in fresh._targets
    ]
    assert (cached._keys, cached._values) == (fresh._keys, fresh._values)
    assert cached._keys.every() == fresh._keys.every() and len(cached._keys) > 10_000
    text = "Хизб ут-Тахрир, ИГИЛ и Taliban; Islamic Party of East Turkistn."
    assert [(c.start, c.end, c.entry) for c in cached.iter_matches(text)] == [
        (c.start, c.end, c.entry) for c in fresh.iter_matches(text)
    ]


def _read_rows(data: Any) -> list[Any]:
    """The rows of a matcher's cache entry, each as marshal wrote it (see matcher._Rows)."""
    from bannedorgs.matcher import _unpacked

    blob, packed = data
    ends = _unpacked(packed)
    return [marshal.loads(blob[lo:hi]) for lo, hi in itertools.pairwise(ends)]


def _damaged(plain: dict[str, object], how: str) -> dict[str, object]:
    from bannedorgs.matcher import _rows_of

    data = dict(plain)
    entries = _read_rows(data["entries"])
    targets = _read_rows(data["targets"])
    values = list(data["values"])  # type: ignore[call-overload]
    tails, starts = list(data["tails"]), list(data["starts"])  # type: ignore[call-overload]
    split = next(i for i, row in enumerate(entries) if row[12] >= 0)  # an entry with a tail
    if how == "index past the entries":
        values[5] = (values[5][0], (len(entries),), values[5][2])
    elif how == "negative index":
        values[7] = (values[7][0], (-1,), values[7][2])
    elif how == "target past the targets":
        values[9] = (values[9][0], values[9][1], (10**6,))
    elif how == "index not an int":
        values[3] = (values[3][0], ("0",), values[3][2])
    elif how == "alias past the organisation's":
        entries[0] = (entries[0][0], 999, *entries[0][2:])
    elif how == "unknown organisation":
        entries[0] = ("no-such-org", *entries[0][1:])
    elif how == "a flag not a bool":
        entries[0] = (*entries[0][:3], 1, *entries[0][4:])
    elif how == "a short row":
        entries[0] = entries[0][:5]
    elif how == "a tail past the tails":
        entries[split] = (*entries[split][:12], len(tails), entries[split][13])
    elif how == "a target's stems not words":
        targets[0] = (*targets[0][:4], (1, 2))
    elif how == "a target's form not a row":
        targets[-1] = ("x", *targets[-1][1:])
    elif how == "another layout":
        data["layout"] = 1
    elif how == "a key's value past the values":
        slots = bytearray(data["slots"])  # type: ignore[arg-type]
        slots[-4:] = len(values).to_bytes(4, sys.byteorder)
        data["slots"] = bytes(slots)
    elif how == "a key without a slot":
        data["slots"] = data["slots"][:-4]  # type: ignore[index]
    elif how in ("key lengths not ascending", "a key length not an int", "a key range past the keys", "key ends"):
        blob, ends, lengths, ranges = data["keys"]  # type: ignore[misc]
        lengths, ranges = dict(lengths), dict(ranges)
        first = next(f for f, ls in lengths.items() if len(ls) > 1)
        if how == "key lengths not ascending":
            lengths[first] = lengths[first][::-1]
        elif how == "a key length not an int":
            lengths[first] = [str(n) for n in lengths[first]]
        elif how == "a key range past the keys":
            ranges[first] = (0, len(ends) // 4 + 5)
        else:  # two ends swapped
            ends = ends[:4] + ends[8:12] + ends[4:8] + ends[12:]
        data["keys"] = (blob, ends, lengths, ranges)
    elif how == "a tail's starts not a string":
        starts[0] = ["a"]
    elif how == "a tail without its starts":
        starts = starts[:-1]
    elif how == "rows' ends out of place":
        blob, packed = data["entries"]  # type: ignore[misc]
        data["entries"] = (blob + b"x", packed)
        return data
    data["entries"], data["targets"] = _rows_of(entries), _rows_of(targets)
    data["values"], data["tails"], data["starts"] = values, tails, starts
    return data


# damage the outline shows: refused when the entry is read, before any text
OUTLINE_DAMAGES = [
    "index past the entries",
    "negative index",
    "target past the targets",
    "index not an int",
    "another layout",
    "a key without a slot",
    "a tail's starts not a string",
    "a tail without its starts",
    "rows' ends out of place",
]
# damage found where the part is first used (or by Matcher.from_plain without ``rebuild``)
PART_DAMAGES = [
    "alias past the organisation's",
    "unknown organisation",
    "a flag not a bool",
    "a short row",
    "a tail past the tails",
    "a target's stems not words",
    "a target's form not a row",
    "a key's value past the values",
    "key lengths not ascending",
    "a key length not an int",
    "a key range past the keys",
    "key ends",
]
DAMAGES = OUTLINE_DAMAGES + PART_DAMAGES


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_matcher_row_is_refused(how: str) -> None:
    from bannedorgs.matcher import Matcher

    plain, orgs = _plain_matcher()
    Matcher.from_plain(plain, orgs)  # the undamaged data is read
    with pytest.raises((ValueError, KeyError)):
        Matcher.from_plain(_damaged(plain, how), orgs)


@pytest.fixture(scope="module")
def compiled_matcher() -> Any:
    from bannedorgs.matcher import Matcher

    registry = load()
    return Matcher(list(registry), registry.not_mentions)


def _counted(compiled: Any, calls: list[None]) -> Callable[[], Any]:
    """A ``rebuild`` that counts its calls and gives a copy of ``compiled``."""

    def rebuild() -> Any:
        calls.append(None)
        return pickle.loads(pickle.dumps(compiled))

    return rebuild


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_part_read_as_needed_makes_the_matcher_compile_itself(how: str, compiled_matcher: Any) -> None:
    """Read with a way to compile afresh, a matcher checks its outline at once and each part
    when it is first used; a part that is not what was written makes it compile itself, once,
    and it is then the compiled matcher in every part."""
    from bannedorgs.matcher import Matcher

    plain, orgs = _plain_matcher()
    calls: list[None] = []
    sound = Matcher.from_plain(plain, orgs, rebuild=_counted(compiled_matcher, calls))
    sound.compile_all()  # every part checked: nothing to compile
    assert calls == []
    if how in OUTLINE_DAMAGES:
        with pytest.raises((ValueError, KeyError)):
            Matcher.from_plain(_damaged(plain, how), orgs, rebuild=_counted(compiled_matcher, calls))
        return
    lazy = Matcher.from_plain(_damaged(plain, how), orgs, rebuild=_counted(compiled_matcher, calls))
    assert calls == []  # nothing read yet
    lazy.compile_all()
    assert calls == [None]
    assert list(lazy._entries) == list(compiled_matcher._entries)
    assert (lazy._keys, lazy._values, lazy._starts) == (
        compiled_matcher._keys,
        compiled_matcher._values,
        compiled_matcher._starts,
    )
    lazy.compile_all()
    assert calls == [None]  # once


@pytest.mark.parametrize("part", ["the form", "its pattern", "its value", "its look-up", "its key's ends"])
def test_a_text_that_meets_a_damaged_part_gets_the_compiled_matchers_answer(part: str, compiled_matcher: Any) -> None:
    """Damage met in the middle of a scan: the matcher compiles itself and scans again, and
    the caller sees what the compiled matcher finds."""
    from bannedorgs.matcher import Matcher, _rows_of

    plain, orgs = _plain_matcher()
    text = "Сторонники Хизб ут-Тахрир задержаны; members of Hizb ut-Tahrir and the Taliban."
    expected = [(c.start, c.end, c.entry) for c in compiled_matcher.iter_matches(text)]
    assert {c[2].org.id for c in expected} >= {"hizb-ut-tahrir", "taliban"}
    prefix = (ord(" ") << 8) | ord("h")  # the anchors of Hizb ut-Tahrir: a boundary, then h
    keys = compiled_matcher._keys
    index = keys.bucket(prefix)[next(k for k in keys.bucket(prefix) if k.startswith(b" hizb"))]
    data = dict(plain)
    if part == "the form":  # every form of the anchor: its organisation unknown
        entries = _read_rows(data["entries"])
        _, forms, _ = compiled_matcher._values.distinct[compiled_matcher._values.slots[index]]
        assert forms
        for form in forms:
            entries[form] = ("no-such-org", *entries[form][1:])
        data["entries"] = _rows_of(entries)
    elif part == "its pattern":  # every form of the anchor: a head that is no regular expression
        entries = _read_rows(data["entries"])
        _, forms, _ = compiled_matcher._values.distinct[compiled_matcher._values.slots[index]]
        for form in forms:
            row = entries[form]
            entries[form] = (*row[:2], "(" if not row[12] >= 0 else row[2], *row[3:11], "(", *row[12:])
        data["entries"] = _rows_of(entries)
    elif part == "its value":
        slots = bytearray(data["slots"])  # type: ignore[arg-type]
        slots[4 * index : 4 * index + 4] = (10**6).to_bytes(4, sys.byteorder)
        data["slots"] = bytes(slots)
    else:
        blob, ends, lengths, ranges = data["keys"]  # type: ignore[misc]
        lengths, ranges = dict(lengths), dict(ranges)
        lo, hi = ranges[prefix]
        if part == "its look-up":
            ranges[prefix] = (hi, lo)
        else:  # two ends of its prefix's keys swapped
            at = 4 * (lo + 1)
            ends = ends[:at] + ends[at + 4 : at + 8] + ends[at : at + 4] + ends[at + 8 :]
        data["keys"] = (blob, ends, lengths, ranges)
    calls: list[None] = []
    lazy = Matcher.from_plain(data, orgs, rebuild=_counted(compiled_matcher, calls))
    assert [(c.start, c.end, c.entry) for c in lazy.iter_matches(text)] == expected
    assert calls == [None]
    assert [(c.start, c.end, c.entry) for c in lazy.iter_matches(text)] == expected
    assert calls == [None]


@pytest.mark.parametrize("how", ["negative index", "unknown organisation", "a key's value past the values"])
def test_a_forged_matcher_entry_with_the_users_checksum_is_built_again(
    cache: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry that passes the checksum but is not a matcher this code wrote is a miss:
    the matcher is compiled afresh and finds what it always does."""
    from bannedorgs.matcher import Matcher

    registry = load(FIXTURES / "mini.yaml")
    expected = _spans(Annotator(registry))
    key = registry.fingerprint
    assert key
    plain = _cache.get("matcher", key)
    assert isinstance(plain, dict)
    _cache.put("matcher", key, _damaged(plain, how))
    again = Annotator(load(FIXTURES / "mini.yaml"))
    assert _spans(again) == expected
    again.matcher.compile_all()  # every part read: a damaged one was compiled afresh
    assert again.matcher._rebuild is None and _spans(again) == expected
    # and the next process reads the compiled one, which needs no compile
    assert isinstance(_cache.get("matcher", key), dict)
    monkeypatch.setattr(Matcher, "__init__", None)
    assert _spans(Annotator(load(FIXTURES / "mini.yaml"))) == expected


# -- the records of the forms' compiled patterns ------------------------------------------


def _clear_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process starts with: no records, no compiled pattern kept anywhere."""
    from bannedorgs import _regex, matcher

    monkeypatch.setattr(_regex, "_records", {})
    monkeypatch.setattr(_regex, "_pending", [])
    re.purge()
    for cached in (matcher._shared_tail, matcher._tail_of, matcher._whole):
        cached.cache_clear()


def _compiled_while(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object]) -> set[str]:
    """The patterns re compiled while ``action`` ran."""
    compiler: Any = re._compiler  # type: ignore[attr-defined]
    real = compiler.compile
    seen: set[str] = set()

    def counting(p: Any, flags: int = 0) -> Any:
        seen.add(p)
        return real(p, flags)

    monkeypatch.setattr(compiler, "compile", counting)
    try:
        action()
    finally:
        monkeypatch.setattr(compiler, "compile", real)
    return seen


@pytest.mark.skipif(_regex_tag() is None, reason="no records on this Python")
def test_a_new_process_makes_the_forms_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _fresh_spans()  # builds the matcher and writes its entries
    assert len(list(cache.glob("forms-*.marshal"))) == 1
    _clear_compiled(monkeypatch)
    annotator = Annotator(load(FIXTURES / "mini.yaml"))
    assert annotator.matcher is not None
    assert _regex._pending  # read when the first pattern is compiled
    spans: list[tuple[str, int, int]] = []
    # a module's pattern (as a process that has not used it yet holds it) is made from its record too
    blank = _regex.lazy(*formats._BLANK_LINES._source)  # type: ignore[attr-defined]
    compiled = _compiled_while(monkeypatch, lambda: (spans.extend(_spans(annotator)), blank.search("a\n\nb")))
    assert spans == expected
    assert not _regex._pending
    forms = {e.head if e.tail else e.pattern for e in annotator.matcher._entries}
    assert not compiled & forms  # every form met was made from its record
    assert blank.pattern not in compiled

    # the same without the entry: the forms are compiled (what makes the check above mean something)
    for file in cache.glob("forms-*.marshal"):
        file.unlink()
    _clear_compiled(monkeypatch)
    other = Annotator(load(FIXTURES / "mini.yaml"))
    spans.clear()
    compiled = _compiled_while(monkeypatch, lambda: spans.extend(_spans(other)))
    assert spans == expected
    assert compiled & forms
    blank = _regex.lazy(*formats._BLANK_LINES._source)  # type: ignore[attr-defined]
    compiled = _compiled_while(monkeypatch, lambda: blank.search("a\n\nb"))
    assert blank.pattern in compiled


_WHOLE_TEXT = "The leaflets repeated al-Qaeda’s propaganda."  # the head runs "al" and "qaeda" together


def _whole_patterns_unkept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], str, object]:
    """Annotate _WHOLE_TEXT once with every whole pattern asked for noted in the list
    returned, then take their records out of the cache's entry again, as before any process
    needed them; the list (emptied), the entry's key and the spans found."""
    from bannedorgs import matcher

    asked: list[str] = []
    whole = matcher._whole

    def asking(pattern: str, flags: int) -> object:
        asked.append(pattern)
        return whole(pattern, flags)

    asking.cache_clear = whole.cache_clear  # type: ignore[attr-defined]  # what _clear_compiled calls
    monkeypatch.setattr(matcher, "_whole", asking)
    _clear_compiled(monkeypatch)  # whatever earlier tests compiled in this process
    expected = _spans(Annotator(load()), _WHOLE_TEXT)
    assert asked
    (entry,) = cache.glob("forms-*.marshal")
    key = entry.name.removeprefix("forms-").removesuffix(".marshal")
    kept = _cache.get("forms", key)
    assert isinstance(kept, dict)
    for pattern in asked:  # this process kept them already
        kept.pop(_regex._name(pattern, re.IGNORECASE))
    assert _cache.put("forms", key, kept)
    asked.clear()
    _clear_compiled(monkeypatch)
    return asked, key, expected


@pytest.mark.skipif(_regex_tag() is None, reason="no records on this Python")
def test_a_whole_pattern_compiled_once_is_made_from_its_record_later(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A form's whole pattern is recorded when first asked for (not ahead: there are hundreds,
    and few texts need one), and the next process makes it from that record."""
    asked, key, expected = _whole_patterns_unkept(cache, monkeypatch)
    first = Annotator(load())
    spans: list[tuple[str, int, int]] = []
    compiled = _compiled_while(monkeypatch, lambda: spans.extend(_spans(first, _WHOLE_TEXT)))
    assert spans == expected
    assert asked and set(asked) <= compiled  # compiled for want of a record
    kept = _cache.get("forms", key)
    assert isinstance(kept, dict)
    assert all(_regex._name(p, re.IGNORECASE) in kept for p in asked)

    asked.clear()
    _clear_compiled(monkeypatch)
    second = Annotator(load())
    spans.clear()
    compiled = _compiled_while(monkeypatch, lambda: spans.extend(_spans(second, _WHOLE_TEXT)))
    assert spans == expected
    assert asked and not set(asked) & compiled  # made from the records the first process kept


@pytest.mark.skipif(_regex_tag() is None, reason="no records on this Python")
def test_the_kept_records_stop_growing_at_their_limit(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bannedorgs import annotator as annotator_module

    asked, key, expected = _whole_patterns_unkept(cache, monkeypatch)
    kept = _cache.get("forms", key)
    assert isinstance(kept, dict)
    monkeypatch.setattr(annotator_module, "_KEPT_RECORDS", len(kept))  # the entry is full
    (entry,) = cache.glob("forms-*.marshal")
    before = entry.read_bytes()
    again = Annotator(load())
    assert _regex._keeping
    spans: list[tuple[str, int, int]] = []
    compiled = _compiled_while(monkeypatch, lambda: spans.extend(_spans(again, _WHOLE_TEXT)))
    assert spans == expected
    assert asked and set(asked) <= compiled  # compiled for want of a record
    assert entry.read_bytes() == before  # nothing added to a full entry
    assert not _regex._keeping  # and this process stopped reading the entry to add to it


@pytest.mark.skipif(_regex_tag() is None, reason="no records on this Python")
def test_damaged_records_in_the_cache_change_no_answer(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Суд запретил «Хизб ут-Тахрир». ИГИЛ-ге қосылғандар. Members of the Taliban and al-Qaida."
    fresh = Annotator(load()).annotate(text, on="2020-01-01")
    (entry,) = cache.glob("forms-*.marshal")
    key = entry.name.removeprefix("forms-").removesuffix(".marshal")
    records = _cache.get("forms", key)
    assert isinstance(records, dict) and len(records) > 400
    for name, (at, args) in list(records.items()):  # every program replaced by one the engine refuses
        records[name] = (at, (*args[:at], b"\x00" * 8, *args[at + 1 :]))
    assert _cache.put("forms", key, records)  # written by the library: the checksum holds
    _clear_compiled(monkeypatch)
    again = Annotator(load()).annotate(text, on="2020-01-01")
    assert again.text == fresh.text and again.mentions == fresh.mentions


@pytest.mark.skipif(_regex_tag() is None, reason="no records on this Python")
def test_an_unpickled_annotator_makes_its_forms_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # what a worker started afresh (spawn) receives: the Annotator pickled, its matcher with it
    annotator = Annotator(load(FIXTURES / "mini.yaml"))
    expected = _spans(annotator)
    _clear_compiled(monkeypatch)
    copy = pickle.loads(pickle.dumps(annotator))
    assert _regex._pending  # read when its first pattern is compiled
    copy.matcher._compiled = [None] * len(copy.matcher._entries)
    spans: list[tuple[str, int, int]] = []
    compiled = _compiled_while(monkeypatch, lambda: spans.extend(_spans(copy)))
    assert spans == expected
    assert not compiled & {e.head if e.tail else e.pattern for e in copy.matcher._entries}
