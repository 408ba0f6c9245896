"""The objects made per mention and per candidate: built the cheap way, they are what the
slow way builds."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bannedorgs
from bannedorgs.matcher import Candidate, _Entry, _in_order
from bannedorgs.model import Alias, Mention

TEXT = (
    "Члены «Талибана» и Хизб ут-Тахрир задержаны. The Taliban said so; "
    "«Таблиғи жамағат» ұйымының мүшелері. Исламское государство (ИГИЛ) и ИГИЛ снова."
)


def test_mention_has_nothing_its_slots_would_skip() -> None:
    # annotator.py fills a Mention's slots instead of calling its __init__: that is the same
    # only while the class validates, converts and post-processes nothing
    for field in attrs.fields(Mention):
        assert field.validator is None, field.name
        assert field.converter is None, field.name
    assert not hasattr(Mention, "__attrs_post_init__")
    assert not hasattr(Mention, "__attrs_pre_init__")
    assert "__dict__" not in dir(Mention)


def test_mentions_found_equal_mentions_built_by_their_constructor() -> None:
    found = bannedorgs.find(TEXT, on="2024-01-10")
    assert len(found) >= 5  # the text names five organisations; the test needs mentions to compare
    for m in found:
        assert type(m) is Mention
        built = Mention(*(getattr(m, f.name) for f in attrs.fields(Mention)))
        assert m == built and built == m
        assert _hash_or_error(m) == _hash_or_error(built)
        assert repr(m) == repr(built)
        assert attrs.asdict(m, recurse=False) == attrs.asdict(built, recurse=False)
        assert attrs.evolve(m) == m
        back = pickle.loads(pickle.dumps(m))
        assert back == m and repr(back) == repr(m) and type(back) is Mention
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            m.start = 0  # type: ignore[misc]
        assert m.surface == TEXT[m.start : m.end]


def test_each_field_holds_its_own_value() -> None:
    # checked by hand: «Талибана» is not banned on that day; "Члены «Талибана» и " is 19 characters
    first = bannedorgs.find(TEXT, on="2024-01-10")[0]
    assert first.org.id == "hizb-ut-tahrir"
    assert (first.start, first.end, first.surface) == (19, 33, "Хизб ут-Тахрир")
    assert (first.score, first.rule, first.alias) == (100.0, "exact", "Хизб ут-Тахрир")
    assert (first.marked, first.state) == (False, bannedorgs.State.BANNED)
    annotated = bannedorgs.annotate(TEXT, on="2024-01-10", marker="*").text
    again = bannedorgs.find(annotated, on="2024-01-10")
    assert annotated[again[0].end] == "*"
    # the marker stands after the name, after its closing quote, after the abbreviation in
    # brackets that follows it; the footnote block's three names carry none
    assert [m.marked for m in again] == [True, True, False, True, False, False, False, False]


def _hash_or_error(value: object) -> object:
    # an Organisation holds a dict of names, so hashing a Mention raises: the same either way
    try:
        return hash(value)
    except TypeError as exc:
        return str(exc)


def test_mentions_differ_where_their_fields_do() -> None:
    m = bannedorgs.find(TEXT, on="2024-01-10")[0]
    assert m != attrs.evolve(m, start=m.start + 1)
    assert m != attrs.evolve(m, marked=not m.marked)


_ALIAS = Alias("Талибан", "ru")


@given(st.lists(st.tuples(st.integers(0, 10**7), st.integers(1, 10**6), st.booleans(), st.booleans()), max_size=40))
def test_the_int_sort_key_orders_as_the_tuple(rows: list[tuple[int, int, bool, bool]]) -> None:
    cands = [
        Candidate(start, start + length, _Entry(None, _ALIAS, "талибан", translit, False, "талибан", fuzzy=fuzzy))
        for start, length, fuzzy, translit in rows
    ]
    by_tuple = sorted(cands, key=lambda c: (c.start, -c.end, c.entry.fuzzy, c.entry.translit))
    assert [id(c) for c in sorted(cands, key=_in_order)] == [id(c) for c in by_tuple]
