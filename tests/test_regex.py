"""The matcher compiles its forms with the tables of their character classes shared
(bannedorgs._regex): every pattern must compile to the same code as with ``re`` alone."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bannedorgs import _regex
from bannedorgs.annotator import default_annotator
from bannedorgs.forms import SEP

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
