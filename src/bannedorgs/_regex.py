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
"""

from __future__ import annotations

import _thread
import re

TYPE_CHECKING = False  # the typing module is not imported at run time (normalize, on lookup's path, uses lazy())
if TYPE_CHECKING:
    from typing import Any

__all__ = ["compile", "lazy"]

_compiler: Any = getattr(re, "_compiler", None)  # private to re: looked up, not imported

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


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with the tables of the character classes shared across
    calls (see the module's text)."""
    if _optimize is None:
        return re.compile(pattern, flags)
    with _lock:
        _users[0] += 1
        _compiler._optimize_charset = _remembered
    try:
        return re.compile(pattern, flags)
    finally:
        with _lock:
            _users[0] -= 1
            if not _users[0]:  # no compile of this module runs in another thread
                _compiler._optimize_charset = _optimize


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

    def __getattr__(self, name: str) -> Any:  # asked only for what the object does not hold yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attribute in _PATTERN_ATTRIBUTES:
            self.__dict__[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r}, {self._source[1]})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` when first used (see _Lazy): for the patterns a module
    defines, which call their methods and are never handed to ``re``'s functions."""
    return _Lazy(pattern, flags)  # type: ignore[return-value]
