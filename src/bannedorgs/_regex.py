"""Compiling the matcher's many regular expressions, which share their character classes.

Most of the time ``re`` spends compiling a form of a name (about 70% for the registry's
forms) goes into turning its character classes into tables: a class with a character beyond
Latin-1 (``[еёэ]``, the separators between a name's words with their Unicode spaces and
dashes) becomes a table of 256 chunks of 256 characters, built in Python, for every class of
every pattern. The registry's 420 forms hold about ten such classes each, and only about 40
different ones. While :func:`compile` runs, the ``re`` function that builds those tables
(``re._compiler._optimize_charset``) remembers its answers, so a class met before costs a
dictionary look-up. That function's answer depends on its arguments alone, so a pattern
compiles to the same code either way (``tests/test_regex.py`` compares the code of every form
of the registry). Where ``re`` has no such function, :func:`compile` is ``re.compile``.

A new process still compiles every form it meets (an article: about 50 patterns, 20 ms).
:func:`recorded` keeps, for each pattern compiled while it runs, the arguments ``re`` hands
the matching engine (``_sre.compile``: the flags, the program as a list of integers, the
groups); :func:`install` takes such records back (read from the on-disk cache, where the
program is stored packed), and :func:`compile` then makes the pattern from them directly,
with the very arguments ``re`` gave, so the pattern is equal to what ``re.compile`` returns
(a pattern's equality compares its program). The engine checks a program before it takes it
(an invalid one raises, and the pattern is compiled instead); a record is only valid for the
Python that wrote it, so the cache files them under :data:`TAG`.
"""

from __future__ import annotations

import _thread
import re
import sys

TYPE_CHECKING = False  # the typing module is not imported at run time (normalize, on lookup's path, uses lazy())
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = [
    "TAG",
    "compile",
    "compile_declared",
    "compile_keeping",
    "defer",
    "install",
    "keep_new",
    "kept",
    "lazy",
    "recorded",
]

_compiler: Any = getattr(re, "_compiler", None)  # private to re: looked up, not imported
_engine: Any = getattr(_compiler, "_sre", None)  # the matching engine, as re._compiler calls it

_optimize: Any = getattr(_compiler, "_optimize_charset", None)
_MAX_TABLES = 4096  # distinct classes kept (the registry's forms have about 40)
_tables: dict[tuple[object, ...], Any] = {}
_lock = _thread.allocate_lock()  # _thread: threading costs an import
_users = [0]  # calls of compile() running now, in all threads


def _remembered(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
    try:
        key = (tuple(charset), iscased, fixup, id(fixes))
        found = _tables.get(key)
    except TypeError:  # a class of something unhashable: not remembered
        return _optimize(charset, iscased, fixup, fixes)
    if found is None:
        found = _optimize(charset, iscased, fixup, fixes)
        if len(_tables) < _MAX_TABLES:
            _tables[key] = found
    return found


#: What a record of :func:`recorded` is valid for (this Python, its engine, the byte order of
#: a program's integers), or None where no records are made.
TAG: str | None = None
if (
    _optimize is not None
    and callable(getattr(_engine, "compile", None))
    and getattr(_engine, "CODESIZE", 0) == memoryview(b"\0\0\0\0").cast("I").itemsize == 4
):
    TAG = f"{sys.implementation.cache_tag}-{getattr(_engine, 'MAGIC', 0)}-{sys.byteorder}"

_records: dict[Any, Any] = {}  # what install() took: _name(pattern, flags) -> (where the program is, arguments)
_recording: list[dict[bytes, tuple[int, tuple[Any, ...]]]] = []  # the dict recorded() fills
_recorded: dict[tuple[str, int], re.Pattern[str]] = {}  # and what it compiled (a form's tail serves many)
_record_lock = _thread.allocate_lock()
_pending: list[Callable[[], object]] = []  # where records are read before the next compile (see defer)
_keeping: list[Callable[[dict[bytes, Any]], object]] = []  # see keep_new
_MAX_KEPT = 4096  # patterns declared in all (the modules' own are about 60)
_declared: dict[tuple[str, int], None] = {}  # the source of every lazy() pattern made so far, in order


class _Recorder:
    """Stands in for the engine in ``re._compiler`` while :func:`recorded` runs: passes every
    call on, and keeps the arguments of the last ``compile`` of each pattern."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[Any, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(_engine, name)

    def compile(self, pattern: Any, *args: Any) -> Any:
        self.seen[pattern] = args
        return _engine.compile(pattern, *args)


_recorder = _Recorder()


def _name(pattern: str, flags: int) -> bytes:
    """What a record is filed under: a digest of the pattern and its flags (the patterns
    themselves would more than double what the cache reads)."""
    from _blake2 import blake2b

    return blake2b(f"{int(flags)}:{pattern}".encode(errors="surrogatepass"), digest_size=16).digest()


def _from_record(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern made from its record, or None (no record, or one the engine refuses)."""
    name = _name(pattern, flags)
    record = _records.get(name)
    if record is None:
        return None
    try:
        import zlib

        at, args = record
        program = memoryview(zlib.decompress(args[at])).cast("I").tolist()
        made = _engine.compile(pattern, *args[:at], program, *args[at + 1 :])
    except Exception:  # a damaged record: the pattern is compiled as if there were none
        made = None
    if type(made) is not re.Pattern or made.pattern != pattern:
        _records.pop(name, None)
        return None
    if _recording:  # recorded as well: it is one of the patterns asked for
        _recording[0][name] = record
    return made


def _record(pattern: str, flags: int, compiled: re.Pattern[str], into: dict[bytes, Any]) -> None:
    args = _recorder.seen.pop(pattern, None)
    if args is None:
        return
    at = next((i for i, a in enumerate(args) if type(a) is list), None)
    if at is None or _engine.compile(pattern, *args) != compiled:  # another thread's call
        return
    import array
    import zlib

    packed = zlib.compress(array.array("I", args[at]).tobytes())
    plain = tuple(int(a) if isinstance(a, int) else a for a in args)  # flags are re.RegexFlag: ints here
    into[_name(pattern, flags)] = (at, (*plain[:at], packed, *plain[at + 1 :]))


def defer(read: Callable[[], object]) -> None:
    """Have the records ``read()`` returns installed (see :func:`install`) before the next
    :func:`compile`: a process that reads its matcher from the cache reads the records only
    once a text needs a pattern, and then for every pattern, the modules' too."""
    _pending.append(read)


def keep_new(keep: Callable[[dict[bytes, Any]], object] | None) -> None:
    """Hand ``keep`` the record of each pattern :func:`compile_keeping` compiles for want of
    one (instead of the function handed before; None: record none)."""
    _keeping[:] = [keep] if keep is not None else []


def compile_keeping(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """:func:`compile`, for patterns too many to record ahead and too costly to compile in
    every process (a form's whole pattern, about 2.5 ms each, asked for by a few texts): one
    compiled for want of a record is recorded while it compiles, and its record is handed to
    the function of :func:`keep_new`, which keeps it where later processes find it."""
    _install_pending()
    if not _keeping or TAG is None or _name(pattern, flags) in _records:
        return compile(pattern, flags)
    made: list[re.Pattern[str]] = []
    found = recorded(lambda: made.append(compile(pattern, flags)))
    if found:
        _records.update(found)
        _keeping[0](found)
    return made[0]


def _install_pending() -> None:
    while _pending:
        try:
            read = _pending.pop()
        except IndexError:  # another thread took the last one
            break
        install(read())


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with the tables of the character classes shared across
    calls, or made from the pattern's record (see the module's text)."""
    _install_pending()
    if _records:
        made = _from_record(pattern, flags)
        if made is not None:
            return made
    if _optimize is None:
        return re.compile(pattern, flags)
    recording = _recording[0] if _recording else None
    if recording is not None and (pattern, flags) in _recorded:
        return _recorded[pattern, flags]
    with _lock:
        _users[0] += 1
        _compiler._optimize_charset = _remembered
        if recording is not None:
            _compiler._sre = _recorder
    try:
        if recording is None:
            return re.compile(pattern, flags)
        # past re's cache, so that the engine is called; with the flags as an int, as re passes them
        compiled: re.Pattern[str] = _compiler.compile(pattern, int(flags))
        _record(pattern, flags, compiled, recording)
        _recorded[pattern, flags] = compiled
        return compiled
    finally:
        with _lock:
            _users[0] -= 1
            if not _users[0]:  # no compile of this module runs in another thread
                _compiler._optimize_charset = _optimize
                _compiler._sre = _engine


def recorded(action: Callable[[], object]) -> dict[bytes, tuple[int, tuple[Any, ...]]]:
    """Run ``action`` and return the records of the patterns :func:`compile` compiled while it
    ran, as plain data with each program packed as bytes: ``{digest of the pattern and its
    flags: (place of the program, arguments)}``. Empty where no records are made (:data:`TAG`
    is None)."""
    found: dict[bytes, tuple[int, tuple[Any, ...]]] = {}
    if TAG is None:
        action()
        return found
    with _record_lock:
        _recording.append(found)
        try:
            action()
        finally:
            _recording.clear()
            _recorder.seen.clear()
            _recorded.clear()
    return found


def install(records: object) -> None:
    """Make later :func:`compile` calls use these records (what :func:`recorded` returned,
    read back from the cache under :data:`TAG`); what is not shaped like a record is skipped,
    and a record the engine refuses is compiled instead."""
    if TAG is None or type(records) is not dict:
        return
    for key, record in records.items():
        if (
            type(key) is bytes
            and len(key) == 16
            and type(record) is tuple
            and len(record) == 2
            and type(record[0]) is int
            and type(record[1]) is tuple
            and 0 <= record[0] < len(record[1])
            and type(record[1][record[0]]) is bytes
        ):
            _records[key] = record


# what a module's patterns are asked for: looked up once, then read as the object's own
_PATTERN_ATTRIBUTES = (
    "findall",
    "finditer",
    "flags",
    "fullmatch",
    "groupindex",
    "groups",
    "match",
    "pattern",
    "search",
    "split",
    "sub",
    "subn",
)


class _Lazy:
    """A pattern compiled when first used: a module's patterns cost a process nothing until
    it runs the code that needs them. After the first use its methods are the compiled
    pattern's own, kept in the object's dictionary, so a call costs what a call of the
    compiled pattern costs."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        _declared[pattern, int(flags)] = None

    def __getattr__(self, name: str) -> Any:  # asked only for what the object does not hold yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = compile(*self._source)  # from its record, when the cache had one
        for attribute in _PATTERN_ATTRIBUTES:
            self.__dict__[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r}, {self._source[1]})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` when first used (see _Lazy): for the patterns a module
    defines, which call their methods and are never handed to ``re``'s functions. The pattern
    is made from its record when one was installed (see :func:`compile_declared`)."""
    return _Lazy(pattern, flags)  # type: ignore[return-value]


def kept(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """:func:`compile` now, for a pattern a module builds at run time and keeps (a marker
    style's, a guard's): declared like a :func:`lazy` one, so a later recording includes it
    (the first ``_MAX_KEPT`` of them: a server meeting a new marker style in every request
    would otherwise keep every one's patterns for good)."""
    if len(_declared) < _MAX_KEPT:
        _declared[pattern, int(flags)] = None
    return compile_keeping(pattern, flags)


def compile_declared() -> None:
    """Compile the pattern of every :func:`lazy` object made so far (without touching the
    objects) and of every :func:`kept` call: run inside :func:`recorded`, it records the
    patterns of the modules imported by then, so that a later process makes them from their
    records as it makes the forms."""
    for pattern, flags in list(_declared):
        compile(pattern, flags)
