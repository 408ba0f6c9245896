"""Where the matcher skips a form's tail (the stem is followed by a character that cannot
start it), the compiled tail would have matched the empty string there."""

from __future__ import annotations

import re

import pytest

from bannedorgs.annotator import default_annotator
from bannedorgs.matcher import _starts_of, _Tail, _tail_of, _tail_starts

AFTER = ["", "x", "s", "ға", "-ге", "ның", "'s", " ", "1", "¹"]


def _tails() -> list[_Tail]:
    """The tails as the matcher makes them, with the starts it keeps for them (a cached
    matcher's are held equal to a compiled one's in test_cache)."""
    matcher = default_annotator().matcher
    entries = matcher._entries
    tails = sorted({(e.tail, e.flags) for e in entries if e.tail})
    assert all(matcher._starts[source] == _tail_starts(source) for source, _ in tails)
    return [_tail_of(source, flags, matcher._starts[source]) for source, flags in tails]


def test_the_bundled_tails_can_be_skipped() -> None:
    assert _tails()
    assert all(t.starts is not None for t in _tails())


@pytest.mark.parametrize("index", range(4))
def test_a_skipped_tail_matches_only_its_end(index: int) -> None:
    tails = _tails()
    if index >= len(tails):
        pytest.skip("fewer distinct tails")
    tail = tails[index]
    compiled = re.compile(tail.source, tail.flags)
    skipped = 0
    for code in [*range(0x3000), *range(0xFE30, 0xFF70)]:
        c = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        for rest in AFTER:
            text = "stem" + c + rest
            if tail.ends_at(text, 4):
                skipped += 1
                m = compiled.match(text, 4)
                assert m is not None and m.end() == 4, (tail.source[:40], c, rest)
    assert skipped > 1000  # spaces, punctuation, quotes, brackets: the common case


def test_the_end_of_the_text() -> None:
    for tail in _tails():
        assert tail.ends_at("stem", 4)
        assert re.compile(tail.source, tail.flags).match("stem", 4) is not None


@pytest.mark.parametrize(
    "body",
    ["", "(?:ы|і)?", "(?:(?:['’]s?)|-?(?:[лд][ае]))?(?:а|я)?"],
)
def test_bodies_of_optional_groups_of_literals_are_understood(body: str) -> None:
    starts = _starts_of(body)
    assert starts is not None and set(body) <= starts


@pytest.mark.parametrize(
    "body",
    ["(?:a)", "a(?:b)?", "(?:[а-я])?", "(?:\\w)?", "(?:.)?", "(?:[^a])?", "(?:a)??", "(?:a", "(?:a)?b"],
)
def test_anything_else_is_not_skipped(body: str) -> None:
    assert _starts_of(body) is None
