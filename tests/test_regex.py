"""The matcher compiles its forms with the tables of their character classes shared
(bannedorgs._regex): every pattern must compile to the same code as with ``re`` alone."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
import threading
import zlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bannedorgs import _regex
from bannedorgs.annotator import default_annotator
from bannedorgs.forms import SEP
from bannedorgs.matcher import Matcher

_compiler: Any = getattr(re, "_compiler", None)
_parser: Any = getattr(re, "_parser", None)
pytestmark = pytest.mark.skipif(_regex._optimize is None, reason="re builds no charset tables here")


def _patterns() -> list[tuple[str, int]]:
    """Every regular expression the matcher compiles for the bundled registry: heads, shared
    tails, whole patterns."""
    found: dict[tuple[str, int], None] = {}
    for e in default_annotator().matcher._entries:
        for source in (e.head, e.tail, e.pattern):
            if source:
                found[(source, e.flags)] = None
    return list(found)


def _code(pattern: str, flags: int) -> list[int]:
    """What ``re`` compiles ``pattern`` to (its program for the matching engine), uncached."""
    return list(_compiler._code(_parser.parse(pattern, flags), flags))


def test_every_form_compiles_to_the_same_code(monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = _patterns()
    assert len(patterns) > 800  # heads, whole patterns and the tails of 420 forms
    plain = [_code(p, f) for p, f in patterns]
    monkeypatch.setattr(_compiler, "_optimize_charset", _regex._remembered)
    shared = [_code(p, f) for p, f in patterns]
    again = [_code(p, f) for p, f in patterns]  # every table now comes from what was kept
    assert shared == plain
    assert again == plain
    assert 0 < len(_regex._tables) < len(patterns)  # classes were shared, not one per pattern


def test_compile_leaves_re_as_it_was() -> None:
    before = _compiler._optimize_charset
    compiled = _regex.compile(SEP + "[еёэ]x", re.IGNORECASE)
    assert _compiler._optimize_charset is before
    assert compiled.pattern == SEP + "[еёэ]x"
    assert compiled.flags & re.IGNORECASE
    assert compiled.match("  \u2011\nЁX")
    assert not compiled.match("  \n\nex")  # a paragraph break is no separator


def test_compile_in_threads_leaves_re_as_it_was() -> None:
    before = _compiler._optimize_charset
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                p = f"[аә{chr(0x430 + n)}]{{{i % 5}}}(?:{SEP}[іи]{i})"
                assert _regex.compile(p, re.IGNORECASE).pattern == p
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _compiler._optimize_charset is before


CLASSES = ["[еёэ]", "[аәa]", "[^\\Wа]", "[ \u2011-]", "[іи]", "x", "[\\d\u0660-\u0669]"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(CLASSES), max_size=4),
    st.sampled_from([0, re.IGNORECASE]),
    st.text(alphabet="еёэЁЭаәaAӘ \u2011-іиІИx1٣", max_size=6),
)
def test_shared_tables_match_as_re_does(parts: list[str], flags: int, text: str) -> None:
    # the same classes again and again, in either case, with negations and ranges
    pattern = "".join(parts)
    expected = _compiler.compile(pattern, flags).match(text)  # re's compiler, not its cache
    got = _regex.compile(pattern, flags).match(text)
    assert (got.span() if got else None) == (expected.span() if expected else None)


def _lazy_patterns() -> list[tuple[str, object]]:
    """Every pattern the scanning modules compile on first use, by where it is defined."""
    import importlib

    from bannedorgs._regex import _Lazy

    found = []
    for name in ("normalize", "kazakh_latin", "forms", "matcher", "footnotes"):
        module = importlib.import_module(f"bannedorgs.{name}")
        for attribute, value in vars(module).items():
            items = value if isinstance(value, list) else [value]
            for item in items:
                pattern = item[0] if isinstance(item, tuple) and item else item
                if isinstance(pattern, _Lazy):
                    found.append((f"{name}.{attribute}", pattern))
    return found


LAZY_TEXTS = [
    "", "Хизб ут-Тахрир , и  ИГИЛ ; Taliban’s envoy!", "Организация «Организация освобождения»",
    "«… азат ету ұйымы» ұйымы", "Zhabhat  an-Nusra, dzhihad; qazaqstan ı ö ü ğ ş ä ñ", "Tаliban Ислaм",
    "mеmlеkеtіnіñ dzh kh ph ck ou ye ts tz ce aa\n3.5 т.б. (ИГ) ab'cd", "\u00ad\u200b a\u0301",
]  # fmt: skip


@pytest.mark.parametrize(("where", "lazy"), _lazy_patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_pattern_compiled_on_first_use_answers_as_re_compile(where: str, lazy: Any) -> None:
    source, flags = lazy._source
    compiled = re.compile(source, flags)
    for text in LAZY_TEXTS:
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)], where
        assert lazy.findall(text) == compiled.findall(text)
        found, expected = lazy.search(text), compiled.search(text)
        assert (found and found.span()) == (expected and expected.span())
        assert lazy.split(text) == compiled.split(text)
        if not compiled.groups:
            assert lazy.sub("#", text) == compiled.sub("#", text)
    assert (lazy.pattern, lazy.flags, lazy.groups) == (compiled.pattern, compiled.flags, compiled.groups)
    assert lazy.search is not None and "search" in vars(lazy)  # kept: later calls go straight to re


def test_importing_the_scanning_modules_compiles_none_of_their_patterns() -> None:
    code = (
        "import bannedorgs.matcher, bannedorgs.footnotes\n"
        "from bannedorgs._regex import _Lazy\n"
        "import gc\n"
        "print(sum(1 for o in gc.get_objects() if isinstance(o, _Lazy)),"
        " sum(1 for o in gc.get_objects() if isinstance(o, _Lazy) and 'search' in vars(o)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 30 and out[1] == "0"


# -- records: patterns made from what re gave the engine ---------------------------------


def _form_patterns(matcher: Any) -> set[tuple[str, int]]:
    """The patterns the matcher compiles for its forms: heads (or whole unsplit patterns) and tails."""
    found = set()
    for e in matcher._entries:
        found.add((e.head if e.tail else e.pattern, int(e.flags)))
        if e.tail:
            found.add((e.tail, int(e.flags)))
    return found


@pytest.fixture
def no_records(monkeypatch: pytest.MonkeyPatch) -> dict[bytes, Any]:
    """The process's records, empty for the test and put back after it."""
    records: dict[bytes, Any] = {}
    monkeypatch.setattr(_regex, "_records", records)
    return records


@pytest.mark.skipif(_regex.TAG is None, reason="no records on this Python")
def test_every_form_is_made_from_its_record_equal_to_what_re_compiles(no_records: dict[bytes, Any]) -> None:
    registry = default_annotator().registry
    matcher = Matcher(list(registry), registry.not_mentions)
    records = matcher.recorded()
    forms = _form_patterns(matcher)
    declared = set(_regex._declared)  # the modules' own patterns (lazy and kept)
    assert len(forms) > 400 and len(declared) > 40
    patterns = forms | declared
    assert len(records) == len(patterns)
    no_records.clear()
    _regex.install(marshal.loads(marshal.dumps(records, 4)))  # as the cache writes and reads them
    for pattern, flags in patterns:
        made = _regex._from_record(pattern, flags)
        assert made is not None, pattern
        # equal patterns have equal programs for the engine (re.Pattern compares them)
        assert made == _compiler.compile(pattern, flags), pattern
    assert _compiler._sre is _regex._engine  # re is left as it was


def _one_record(pattern: str, flags: int) -> tuple[bytes, int, tuple[Any, ...]]:
    found = _regex.recorded(lambda: _regex.compile(pattern, flags))
    ((name, (at, args)),) = found.items()
    return name, at, args


@pytest.mark.skipif(_regex.TAG is None, reason="no records on this Python")
@pytest.mark.parametrize("damage", ["invalid program", "not zlib", "part of an integer", "flags not an int"])
def test_a_damaged_record_is_compiled_instead(no_records: dict[bytes, Any], damage: str) -> None:
    pattern, flags = SEP + "[еёэ]x(ов)?", re.IGNORECASE
    name, at, args = _one_record(pattern, flags)
    fields = list(args)
    if damage == "invalid program":
        code = bytearray(zlib.decompress(args[at]))
        code[4:8] = (0xFFFF).to_bytes(4, sys.byteorder)  # no such opcode: the engine refuses it
        fields[at] = zlib.compress(bytes(code))
    elif damage == "not zlib":
        fields[at] = b"\x00not compressed"
    elif damage == "part of an integer":
        fields[at] = zlib.compress(zlib.decompress(args[at])[:-1])
    else:
        fields[0] = "IGNORECASE"
    _regex.install({name: (at, tuple(fields))})
    assert name in no_records
    compiled = _regex.compile(pattern, flags)
    assert compiled == _compiler.compile(pattern, flags)
    assert compiled.match(" ЁX") and not compiled.match("ex")
    assert name not in no_records  # dropped: never tried again


@pytest.mark.skipif(_regex.TAG is None, reason="no records on this Python")
def test_what_is_not_a_record_is_not_installed(no_records: dict[bytes, Any]) -> None:
    name, at, args = _one_record("[аә]x", 0)
    _regex.install(
        {
            "a str key": (at, args),
            b"short": (at, args),
            name: (at + 5, args),  # the program's place out of range
            name[:15] + b"!": (at, [*args]),  # a list, not a tuple
            name[:15] + b"?": (at, (0,) * len(args)),  # no packed program at the place
        }
    )
    _regex.install(["not", "a", "dict"])
    assert not no_records
    _regex.install({name: (at, args)})
    assert list(no_records) == [name]
    assert _regex.compile("[аә]x", 0) == _compiler.compile("[аә]x", 0)


def test_nothing_is_recorded_where_records_are_not_made(
    no_records: dict[bytes, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_regex, "TAG", None)
    ran = []
    assert _regex.recorded(lambda: ran.append(_regex.compile("[іи]y", 0))) == {}
    assert ran and ran[0].match("иy")
    _regex.install({b"0123456789abcdef": (0, (b"",))})
    assert not no_records


@pytest.mark.skipif(_regex.TAG is None, reason="no records on this Python")
def test_recording_while_other_threads_compile(no_records: dict[bytes, Any]) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def other() -> None:  # compiles patterns of its own meanwhile, some of them the same
        try:
            i = 0
            while not stop.is_set():
                p = f"[аә]{{{i % 7}}}x"
                assert _regex.compile(p, re.IGNORECASE if i % 2 else 0).pattern == p
                i += 1
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=other) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        patterns = [(f"[аә]{{{i}}}x", re.IGNORECASE) for i in range(7)] + [(f"y[іи]{i}", 0) for i in range(20)]
        found = _regex.recorded(lambda: [_regex.compile(p, f) for p, f in patterns])
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    assert _compiler._sre is _regex._engine and _compiler._optimize_charset is _regex._optimize
    _regex.install(found)
    for p, f in patterns:  # each record is of its own pattern and flags, whatever ran beside it
        made = _regex._from_record(p, f)
        assert made is not None and made == _compiler.compile(p, f)


def test_patterns_kept_at_run_time_are_declared_up_to_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A marker style from every request (a server) does not grow the declared patterns for
    good; each pattern still compiles to what re makes of it."""
    monkeypatch.setattr(_regex, "_declared", dict(_regex._declared))
    monkeypatch.setattr(_regex, "_keeping", [])
    before = len(_regex._declared)
    for n in range(_regex._MAX_KEPT + 50):
        pattern = f"x{n}y"
        assert _regex.kept(pattern).fullmatch(pattern)
    assert len(_regex._declared) == max(before, _regex._MAX_KEPT)
