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
from typing import Any

__all__ = ["compile"]

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
