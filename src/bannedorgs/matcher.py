"""Find the organisations of a registry in running text.

One pass of an Aho-Corasick automaton (ahocorasick-rs, over a one-byte-per-character copy
of the text in which capitals read as small letters and every separator as a space, so its
offsets are the text's) finds *anchors* (the literal starts of every written form) where
they start a word; there the form's regular expression, written in lower case and matched
ignoring case, decides whether a whole name is there and how far it reaches. Acronyms that
are case-sensitive (IS, ИГ, DVK) are anchored like the rest, and their regular expression
then checks the capitals. No Python code runs per character: per-character work happens in
compiled code (the one-byte encoding, the automaton, ``re``), Python runs only at hits.

Candidates then pass the guards that keep precision: a lookalike phrase of the registry's
``not_mentions`` cancels what it overlaps; a name written with capitals must be written
with a capital in the text unless it stands in quotation marks (so "an Islamic state" is
not Islamic State); ``quoted_only`` aliases need quotation marks; ``unless_near`` phrases in
the same sentence cancel an acronym; a two-letter acronym in an all-capitals line is a
word, not a name. Overlaps are resolved leftmost-longest.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import itertools
import marshal
import operator
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence

from . import _regex, kazakh_latin
from ._value import Value
from .forms import (
    SEP,
    SEPARATORS,
    compile_cyrillic_family,
    compile_form,
    compile_kazakh_latin,
    compile_latin_family,
    compile_translit,
    ending,
    foreign_in_russian,
    is_common,
    quotes_between_words,
    stem_of,
    words,
)
from .normalize import DASHES, QUOTES, fold, mend_mixed, normalize

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:  # the model is imported where an alias is made (see from_plain)
    import array
    from typing import Any

    from .model import Alias, Organisation

__all__ = ["Candidate", "Matcher"]

_OPEN_QUOTES = "«“„\"'‘‹「"
_CLOSE_QUOTES = "»”\"'’›」“"
_PARTICLE_WORDS = frozenset(
    [
        "ал",
        "аль",
        "әл",
        "эль",
        "ан",
        "ат",
        "ас",
        "аш",
        "ад",
        "ар",
        "аз",
        "уль",
        "ул",
        "ут",
        "ән",
        "әт",
        "al",
        "el",
        "ul",
        "an",
        "at",
        "as",
        "ash",
        "ad",
        "ar",
        "az",
        "ut",
        "un",
        "ud",
        "the",
        "of",
        "and",
        "in",
        "for",
        "wa",
        "wal",
        "и",
        "ва",
    ]
)
_WORD = _regex.lazy(r"[^\W\d_]+")
_TOKEN = _regex.lazy(r"[^\W_]+")
# The separators a name may hold (forms.SEPARATORS: "аль‑Каида" with U+2011) are spaces in
# the automaton's one-byte copy of the text; quotation marks, which stand next to names,
# are too while bytes are left: as spaces they spare a check in Python, as "?" they cost one.
_BOUNDARIES = "".join(dict.fromkeys("«»“”„‘’…" + _OPEN_QUOTES + _CLOSE_QUOTES + QUOTES))
_GAP = _regex.lazy(SEP)
_NEVER = r"(?!)"  # the pattern of a near-miss entry: it is never matched by regex
_FUZZY_MIN = 10  # letters: shorter names are too easy to hit by accident
_QUOTE_BEFORE = "".join(dict.fromkeys(_OPEN_QUOTES + QUOTES))  # as _is_quoted reads them
_LATIN_LOOKALIKES = "aceopxyi"
_CYRILLIC_LOOKALIKES = "асеорхуіә"  # ә: left in Latin text by some converters (see normalize)
_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
_LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _mixed_pairs() -> list[tuple[str, str]]:
    """Pairs of a look-alike letter and a letter of the other script (made when a matcher is
    compiled, not when the module is imported: a process reading the matcher from the cache
    never needs them)."""
    return sorted(
        {(a, b) for a in _LATIN_LOOKALIKES for b in _CYRILLIC_LETTERS}  # a Latin "a" before a Cyrillic letter
        | {(b, a) for a in _LATIN_LOOKALIKES for b in _CYRILLIC_LETTERS}  # ... or after one
        | {(a, b) for a in _CYRILLIC_LOOKALIKES for b in _LATIN_LETTERS}
        | {(b, a) for a in _CYRILLIC_LOOKALIKES for b in _LATIN_LETTERS}
    )


_MIXED: tuple[int, tuple[int, ...], tuple[int, ...]] = (0, (), ())


class _Entry(Value):
    """A compiled form and what it stands for (a plain class: a process that reads the
    matcher from the cache builds hundreds of them, and an attrs class costs more to define
    and to build; equal and hashed by its fields, as a frozen attrs class would be)."""

    __slots__ = (
        "_everyday",
        "_key",
        "_pattern",
        "alias",
        "backtracks",
        "defined",
        "exact_key",
        "fuzzy",
        "head",
        "needs_context",
        "org",
        "original",
        "proper",
        "strict_caps",
        "tail",
        "translit",
    )

    def __init__(  # noqa: PLR0917 (the fields in order, as the cache's rows hold them)
        self,
        org: Organisation | None,  # None: a lookalike phrase (not a mention)
        alias: Alias,
        pattern: str,
        translit: bool,
        proper: bool,  # the alias has a capitalised word: the text must capitalise too
        exact_key: str,
        strict_caps: bool = False,  # every capitalised word of the alias must be capitalised
        needs_context: bool = False,  # a two-letter acronym: needs its full name or a cue nearby
        fuzzy: bool = False,  # found by the typo-tolerant pass
        original: bool = False,  # matched against the original text (case-sensitive acronyms)
        defined: bool = False,  # an abbreviation the text itself defines: "Name (ABBR)"
        head: str = "",  # pattern split as head + tail (see forms.Form); "" when not split
        tail: str = "",
        backtracks: bool = False,  # see forms.Form
    ) -> None:
        self.org = org
        self.alias = alias
        # a split pattern is kept as its head and tail alone (see the property): a process
        # that reads hundreds of entries from the cache does not join them until asked
        self._pattern = "" if tail and pattern == head + tail else pattern
        self.translit = translit
        self.proper = proper
        self.exact_key = exact_key
        self.strict_caps = strict_caps
        self.needs_context = needs_context
        self.fuzzy = fuzzy
        self.original = original
        self.defined = defined
        self.head = head
        self.tail = tail
        self.backtracks = backtracks
        self._key: str | None = None
        self._everyday: bool | None = None

    def fields(self) -> tuple[Any, ...]:
        """The fields, in the order of the constructor's arguments."""
        return (
            self.org,
            self.alias,
            self.pattern,
            self.translit,
            self.proper,
            self.exact_key,
            self.strict_caps,
            self.needs_context,
            self.fuzzy,
            self.original,
            self.defined,
            self.head,
            self.tail,
            self.backtracks,
        )

    _fields = fields  # what equality and the hash compare

    @property
    def pattern(self) -> str:
        """The form's whole regular expression (its head and tail joined, when split)."""
        if not self._pattern and self.tail:
            self._pattern = self.head + self.tail  # joined once, when first asked
        return self._pattern

    def copy(self) -> _Entry:
        """An equal entry that is another object."""
        return _Entry(*self.fields())

    @property
    def key(self) -> str:
        """normalize(alias.value), asked per mention (computed when first asked)."""
        if self._key is None:
            self._key = normalize(self.alias.value)
        return self._key

    @property
    def everyday(self) -> bool:
        """Every word of the alias is an everyday word (and there are several)."""
        if self._everyday is None:
            ws = words(self.alias.value)
            self._everyday = len(ws) > 1 and all(map(is_common, ws))
        return self._everyday

    @property
    def flags(self) -> int:
        """The forms are written in lower case; an acronym's form is matched as written."""
        return 0 if self.original else re.IGNORECASE

    def __repr__(self) -> str:
        return f"_Entry({self.org and self.org.id!r}, {self.alias.value!r}, {self.pattern!r})"


class _Target(Value):
    """A long alias the typo-tolerant pass looks for."""

    __slots__ = ("entry", "key", "max_distance", "stems", "words")

    def __init__(self, entry: _Entry, key: str, words: int, max_distance: int, stems: tuple[str, ...]) -> None:
        self.entry = entry
        self.key = key  # the alias folded, letters and digits only
        self.words = words
        self.max_distance = max_distance
        self.stems = stems  # the stem of each word, for a typo in an inflected name

    def _fields(self) -> tuple[object, ...]:
        return (self.entry, self.key, self.words, self.max_distance, self.stems)


_LAYOUT = 5  # the layout of the matcher's cache entry (see Matcher.to_plain)
_ALIAS_FIELDS = ("value", "lang", "is_name", "verified", "case_sensitive", "quoted_only", "unless_near", "note")
_ROW_TYPES = (str, bool, bool, str, bool, bool, bool, bool, bool, str, str, bool)  # the fields after the alias


_KeyValue = tuple[int, tuple[int, ...], tuple[int, ...]]  # an anchor's length, its forms, its typo targets


def _packed(numbers: Iterable[int]) -> bytes:
    """Numbers below 2**32 as four little-endian bytes each, as the cache keeps them."""
    packed = _uints(numbers)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _uints(numbers: Iterable[int] | bytes) -> array.array[int]:
    import array  # where a matcher is compiled or written: one read from the cache needs none

    return array.array("I", numbers)


def _unpacked(data: bytes) -> Sequence[int]:
    """The numbers :func:`_packed` wrote (``len(data)`` a multiple of four): on a
    little-endian machine a view of ``data``, not a copy."""
    if sys.byteorder == "big":
        numbers = _uints(data)
        numbers.byteswap()
        return numbers
    return memoryview(data).cast("I")


class _Values(Value):
    """What each key of the automaton stands for (see Matcher._scan): the 14,000 keys have
    some 800 different values, kept once each (``distinct``) with the place of each key's
    value (``slots``), so that a process reading the matcher from the cache makes no object
    per key."""

    __slots__ = ("distinct", "slots")

    def __init__(self, distinct: list[_KeyValue], slots: Sequence[int]) -> None:
        self.distinct = distinct
        self.slots = slots  # an array, or a view of the cache entry's bytes (see _unpacked)

    @classmethod
    def of(cls, values: Iterable[_KeyValue]) -> _Values:
        places: dict[_KeyValue, int] = {}
        slots = _uints([places.setdefault(v, len(places)) for v in values])
        return cls(list(places), slots)

    def _fields(self) -> tuple[object, ...]:
        return (self.distinct, list(self.slots))

    def __reduce__(self) -> tuple[object, ...]:  # a view of bytes is not pickled: an array is
        return (_Values, (self.distinct, _uints(self.slots)))

    def to_plain(self) -> tuple[list[_KeyValue], bytes]:
        return (self.distinct, _packed(self.slots))

    @classmethod
    def from_plain(cls, distinct: Any, packed: Any, *, keys: int, entries: int, targets: int) -> _Values:
        """The values :meth:`to_plain` wrote for ``keys`` keys, each naming forms among
        ``entries`` and typo targets among ``targets``; ValueError for anything else."""
        if not (
            type(distinct) is list
            and type(packed) is bytes
            and len(packed) == 4 * keys
            and set(map(type, distinct)) <= {tuple}
            and set(map(len, distinct)) <= {3}
        ):
            raise ValueError("not the key values of a compiled matcher")
        # every index of an entry or a target in range, checked in C's loops
        lengths = list(map(operator.itemgetter(0), distinct))
        found = list(map(operator.itemgetter(1), distinct))
        near = list(map(operator.itemgetter(2), distinct))
        for column, limit in ((found, entries), (near, targets)):
            if not set(map(type, column)) <= {tuple}:
                raise ValueError("not the key values of a compiled matcher")
            flat = list(itertools.chain.from_iterable(column))
            if flat and not (set(map(type, flat)) == {int} and min(flat) >= 0 and max(flat) < limit):
                raise ValueError("not the key values of a compiled matcher: an index out of range")
        if not set(map(type, lengths)) <= {int}:
            raise ValueError("not the key values of a compiled matcher")
        # a slot past the values is an IndexError where the scan first meets it (which the
        # matcher answers by compiling itself afresh, see Matcher._candidates) or in check()
        return cls(distinct, _unpacked(packed))

    def check(self) -> None:
        """_Damaged unless every key's slot names a value."""
        if self.slots and max(self.slots) >= len(self.distinct):
            raise _Damaged("not the key values of a compiled matcher: a key without a value")


_BOUNDARY_BYTES = b" ?"  # what a key of an anchor starts with (see Matcher.__init__)


def _prefix(key: bytes) -> int:
    """What a key is filed under for looking it up (see _Keys): its first two bytes when it
    starts with a word boundary (a space or "?", then the anchor's first letter), else its
    first byte (a look-alike pair, the hidden byte)."""
    return (key[0] << 8) | key[1] if len(key) > 1 and key[0] in _BOUNDARY_BYTES else key[0]


class _Keys(Value):
    """The automaton's keys, as one string of bytes and where each ends, with what a fresh
    process looks its first texts up by (see Matcher._looked_up): for each prefix (see
    _prefix) the lengths of its keys, shortest first, and the range of their indices (keys
    filed under a boundary prefix are sorted, so each prefix's keys are together; the
    others, a few hundred, make one range). A process that reads the matcher from the cache
    makes no object per key: a look-up table is made for a prefix when a text first needs
    it, and the list of keys only when an automaton is built."""

    __slots__ = ("_buckets", "_checked", "_list", "blob", "ends", "lengths", "ranges")

    def __init__(
        self,
        blob: bytes,
        ends: Sequence[int],
        lengths: dict[int, list[int]],
        ranges: dict[int, tuple[int, int]],
        *,
        checked: bool = True,
    ) -> None:
        self.blob = blob
        self.ends = ends  # ends[i] is where key i starts, ends[i + 1] where it ends
        self.lengths = lengths
        self.ranges = ranges
        self._list: list[bytes] | None = None
        self._buckets: dict[tuple[int, int], dict[bytes, int]] = {}
        # read from the cache: each prefix's lengths and range are checked when first looked
        # up (see bucket), the ends of a range of keys when first sliced; None: all checked
        self._checked: set[int] | None = None if checked else set()

    @classmethod
    def of(cls, keys: list[bytes]) -> _Keys:
        ends = [0]
        for key in keys:
            ends.append(ends[-1] + len(key))
        lengths: dict[int, set[int]] = {}
        ranges: dict[int, tuple[int, int]] = {}
        sorted_end = next((i for i, k in enumerate(keys) if _prefix(k) < 256), len(keys))
        for index, key in enumerate(keys):
            prefix = _prefix(key)
            lengths.setdefault(prefix, set()).add(len(key))
            if index >= sorted_end:
                ranges[prefix] = (sorted_end, len(keys))
            else:
                lo, _ = ranges.get(prefix, (index, index))
                ranges[prefix] = (lo, index + 1)
        made = cls(b"".join(keys), ends, {p: sorted(ls) for p, ls in lengths.items()}, ranges)
        made._list = keys
        return made

    def _fields(self) -> tuple[object, ...]:
        return (self.blob, list(self.ends), self.lengths, self.ranges)

    def __reduce__(self) -> tuple[object, ...]:  # the look-up tables are made again where needed
        self.check()
        return (_Keys, self._fields())

    def check(self) -> None:
        """Check every prefix's lengths and range and every key's ends now (a matcher read
        from the cache checks each when first used); _Damaged when one is not what
        :meth:`to_plain` writes."""
        if self._checked is not None:
            for prefix in self.lengths:
                self._check(prefix)
            every = self._slices(0, len(self))  # checks every key's ends
            if self._list is None:
                self._list = every  # kept for the automaton rather than sliced again
            self._checked = None

    def _check(self, prefix: int) -> None:
        checked = self._checked
        if checked is None or prefix in checked:
            return
        ls, r = self.lengths.get(prefix), self.ranges.get(prefix)
        if not (
            type(ls) is list
            and ls
            and set(map(type, ls)) == {int}
            and ls == sorted(set(ls))
            and ls[0] > 0
            and type(r) is tuple
            and len(r) == 2
            and type(r[0]) is int
            and type(r[1]) is int
            and 0 <= r[0] < r[1] <= len(self)
        ):
            raise _Damaged(f"the key look-ups of prefix {prefix} are not what the cache writes")
        checked.add(prefix)

    def __len__(self) -> int:
        return len(self.ends) - 1

    def every(self) -> list[bytes]:
        """Every key, in order (what the automaton is built of)."""
        if self._list is None:
            self._list = self._slices(0, len(self))
        return self._list

    def _slices(self, lo: int, hi: int) -> list[bytes]:
        ends = self.ends
        if self._checked is not None:  # read from the cache: the ends of these keys ascend
            seg = list(ends[lo : hi + 1])
            if seg != sorted(seg):
                raise _Damaged("the keys' ends are out of order")
        return list(map(self.blob.__getitem__, map(slice, ends[lo:hi], ends[lo + 1 : hi + 1])))

    def bucket(self, prefix: int) -> dict[bytes, int]:
        """The keys filed under ``prefix`` and their indices."""
        self._check(prefix)  # a no-op once checked
        lo, hi = self.ranges[prefix]
        found = self._buckets.get((lo, hi))
        if found is None:
            found = self._buckets[lo, hi] = dict(zip(self._slices(lo, hi), range(lo, hi), strict=True))
        return found

    def to_plain(self) -> tuple[bytes, bytes, dict[int, list[int]], dict[int, tuple[int, int]]]:
        return (self.blob, _packed(self.ends), self.lengths, self.ranges)

    @classmethod
    def from_plain(cls, data: Any) -> _Keys:
        """The keys :meth:`to_plain` wrote; ValueError for anything else."""
        if not (type(data) is tuple and len(data) == 4):
            raise ValueError("not the keys of a compiled matcher")
        blob, packed, lengths, ranges = data
        if not (type(blob) is bytes and type(packed) is bytes and len(packed) % 4 == 0 and packed):
            raise ValueError("not the keys of a compiled matcher")
        ends = _unpacked(packed)
        if ends[0] != 0 or ends[-1] != len(blob):
            raise ValueError("not the keys of a compiled matcher: their ends are out of order")
        if not (
            type(lengths) is dict
            and type(ranges) is dict
            and lengths.keys() == ranges.keys()
            and set(map(type, lengths)) <= {int}
        ):
            raise ValueError("not the key look-ups of a compiled matcher")
        # each prefix's lengths and range, and the order of the ends, are checked where they
        # are first used (see _check, _slices): a line looks up a few dozen of a thousand
        return cls(blob, ends, lengths, ranges, checked=False)


def _entry_row(entry: _Entry) -> tuple[Any, ...]:
    """An entry as plain data: its organisation's id, its alias's place among the
    organisation's aliases (or the alias's fields), its other fields; a split pattern is
    its head and tail, not written twice."""
    org, alias, pattern, *rest = entry.fields()
    if entry.tail and pattern == entry.head + entry.tail:
        pattern = ""
    place: Any = None
    if org is not None:
        names = org.all_aliases()
        place = next((i for i, a in enumerate(names) if a is alias), None)
        if place is None and alias in names:
            place = names.index(alias)
    if place is None:
        place = tuple(getattr(alias, f) for f in _ALIAS_FIELDS)
    return (org.id if org is not None else None, place, pattern, *rest)


def _entry_of(
    row: Any,
    organisations: dict[str, Organisation],
    aliases: dict[str, tuple[Alias, ...]],
    alias_class: Callable[..., Any],
) -> _Entry:
    """The entry :func:`_entry_row` wrote, a lookalike's alias made by ``alias_class``;
    raises ValueError (or another error) on anything else."""
    if type(row) is not tuple or len(row) != 14:
        raise ValueError("not an entry of a compiled matcher")
    org_id, place, rest = row[0], row[1], row[2:]
    if tuple(map(type, rest)) != _ROW_TYPES:
        raise ValueError("not an entry of a compiled matcher")
    org = organisations[org_id] if org_id is not None else None  # an unknown id: KeyError
    if type(place) is int and org is not None:
        names = aliases.get(org.id)
        if names is None:
            names = aliases[org.id] = org.all_aliases()
        if not 0 <= place < len(names):
            raise ValueError(f"{org.id} has no alias {place}")
        alias = names[place]
    elif type(place) is tuple and len(place) == len(_ALIAS_FIELDS):
        alias = alias_class(**dict(zip(_ALIAS_FIELDS, place, strict=True)))  # its own validation runs
    else:
        raise ValueError("not an alias of an entry")
    return _Entry(org, alias, *rest)  # a pattern written as "" is its head and tail (see _entry_row)


class Candidate(Value):
    """A span of the text where a form matched (a plain class: tens of thousands are made
    per MB, and a frozen attrs class costs twice as much to create)."""

    __slots__ = ("end", "entry", "start")

    def __init__(self, start: int, end: int, entry: _Entry) -> None:
        self.start = start
        self.end = end
        self.entry = entry

    @property
    def org(self) -> Organisation | None:
        return self.entry.org

    def __repr__(self) -> str:
        return f"Candidate({self.start}, {self.end}, {self.entry.alias.value!r})"

    def _fields(self) -> tuple[object, ...]:
        return (self.start, self.end, self.entry)


_UNKNOWN = ord("?")  # the byte of a character the one-byte copy does not know

# Characters that a text may hold inside a word without changing it: the soft hyphen, the
# zero-width space, joiners and the byte-order mark, and the combining accents of stress
# marks (Исла́мское) and of letters written in two code points. Where the scan meets one,
# the text is read without them and offsets are mapped back (spans still index the text).
HIDDEN = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u0300\u0301\u0306\u0308"
_HIDDEN = _regex.lazy(f"[{HIDDEN}]")
_HIDDEN_BYTE = b"\x01"  # a control byte: the one-byte copy has no other use for it
_HIDDEN_KEY: tuple[int, tuple[int, ...], tuple[int, ...]] = (-1, (), ())


class _Hidden(Exception):
    """The scan met a hidden character (raised to the caller that can drop them)."""


class _Damaged(ValueError):
    """A part of a matcher read from the cache is not what :meth:`Matcher.to_plain` writes."""


# What a matcher read from the cache may raise where it first uses a part that is not what
# was written (see Matcher._candidates): it is then compiled afresh and the call repeated.
_DAMAGE = (_Damaged, IndexError, KeyError, TypeError, ValueError, re.error)


class _Rows:
    """Rows of a cache entry, each written by marshal on its own, made into objects by
    ``decode`` when first asked for: a line of text meets a handful of the matcher's 450
    forms, and a new process makes only those."""

    __slots__ = ("_blob", "_decode", "_ends", "_made")

    def __init__(self, blob: bytes, ends: Sequence[int], decode: Callable[[Any], Any]) -> None:
        self._blob = blob
        self._ends = ends
        self._decode = decode
        self._made: list[Any] = [None] * (len(ends) - 1)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, index: int) -> Any:
        made = self._made[index]
        if made is None:
            if index < 0:
                raise _Damaged(f"no row {index}")
            lo, hi = self._ends[index], self._ends[index + 1]
            if not 0 <= lo <= hi <= len(self._blob):
                raise _Damaged(f"row {index} is out of its entry")
            try:
                made = self._decode(marshal.loads(self._blob[lo:hi]))
            except _DAMAGE as exc:
                raise _Damaged(f"row {index} is not what the cache writes: {exc}") from None
            self._made[index] = made
        return made

    def __iter__(self) -> Iterator[Any]:
        return map(self.__getitem__, range(len(self)))


def _rows_of(rows: Iterable[Any]) -> tuple[bytes, bytes]:
    """Rows as _Rows reads them: each written by marshal, one after the other, and their ends."""
    pieces = [marshal.dumps(row, 4) for row in rows]
    ends = [0, *itertools.accumulate(map(len, pieces))]
    return b"".join(pieces), _packed(ends)


def _rows_from(data: Any) -> tuple[bytes, Sequence[int]]:
    """The rows :func:`_rows_of` wrote, checked as far as their ends go; ValueError else."""
    if not (type(data) is tuple and len(data) == 2 and type(data[0]) is bytes and type(data[1]) is bytes):
        raise ValueError("not the rows of a compiled matcher")
    blob, packed = data
    if not packed or len(packed) % 4:
        raise ValueError("not the rows of a compiled matcher")
    ends = _unpacked(packed)
    if ends[0] != 0 or ends[-1] != len(blob):
        raise ValueError("not the rows of a compiled matcher: their ends are out of place")
    return blob, ends


def _drop(text: str, marks: list[int]) -> str:
    """``text`` without the characters at ``marks`` (ascending)."""
    out, lo = [], 0
    for mark in marks:
        out.append(text[lo:mark])
        lo = mark + 1
    out.append(text[lo:])
    return "".join(out)


def _shift_back(found: list[Candidate], marks: list[int]) -> None:
    """Offsets into a text from which the characters at ``marks`` (ascending) were dropped,
    moved back to the text's own."""
    shifted = [mark - i for i, mark in enumerate(marks)]  # where each stood in the shorter text
    for c in found:
        c.start += bisect.bisect_right(shifted, c.start)
        c.end += bisect.bisect_right(shifted, c.end - 1)


# A hyphen at the end of a line between two runs of small letters breaks one word in two
# (государ-\nстве, мем-\nлекеті); the hyphen and the line break are not the word's.
@functools.lru_cache(maxsize=8)
def _line_hyphens(hyphens: str) -> re.Pattern[str]:
    # one literal per sequence: re finds a pattern of literals faster than one with a class
    return re.compile("|".join(re.escape(h) + brk for h in hyphens for brk in ("\n", "\r\n")))


def _broken_words(text: str) -> list[int]:
    """The positions of the characters that break words across lines (see _line_hyphens)."""
    hyphens = "-" + "".join(h for h in "\u2010\u00ad" if h in text)  # a single character is found fastest
    marks: list[int] = []
    for m in _line_hyphens(hyphens).finditer(text):
        at, end = m.span()
        if at and end < len(text) and text[at - 1].islower() and text[end].islower():
            marks.extend(range(at, end))
    return marks


_DFA_FROM = 1 << 21  # characters scanned: from then on the faster automaton pays for its build
_SHORT = 1 << 13  # characters scanned without an automaton (see Matcher._hits)


class _OneByte:
    """Text as one byte per character, so the automaton runs over bytes and its offsets
    are the text's (plus one: a space is put in front, so the text's start is a boundary).

    ASCII letters and digits stay themselves (capitals as small letters) and every other
    ASCII character but ``?`` becomes a space, as do the ``separators`` (spaces and dashes
    of other kinds) and, while bytes are left, the ``boundaries`` (quotation marks); the
    anchors' other letters and their capitals get the bytes 128-255 (a capital its small
    letter's byte, after ``translate``), the most used letters first; any other character
    becomes ``?`` (a boundary or not: the caller checks). A letter left without a byte
    becomes ``?`` in the anchors too, so an anchor still meets every text that holds it;
    it only meets some more, and every hit is checked against the text.
    """

    def __init__(self, anchors: Iterable[str], separators: str = "", boundaries: str = "", hidden: str = "") -> None:
        used_by: dict[str, int] = {}
        for anchor in anchors:
            for c in set(anchor.lower()):
                if ord(c) > 127 and c.isalnum():
                    used_by[c] = used_by.get(c, 0) + 1
        unseen = list(dict.fromkeys(hidden))  # each becomes the byte _HIDDEN_BYTE
        spaces = [c for c in dict.fromkeys(separators) if ord(c) > 127 and not c.isalnum() and c not in unseen]
        room = 128 - len(spaces) - len(unseen) - 1  # one for İ (below)
        # a letter takes its byte together with its capital's (translate() folds the capital),
        # so the text itself is encoded, not a lower-cased copy of it
        letters: list[str] = []
        capitals: dict[str, str] = {}
        # Cyrillic letters first, then the quotation marks, then other letters (ä, ş of Latin
        # Kazakh): a letter without a byte reads as "?", which Cyrillic text seldom holds
        quotes = sum(1 for c in dict.fromkeys(boundaries) if ord(c) > 127 and not c.isalnum() and c not in spaces)
        for c in sorted(used_by, key=lambda c: (c not in _CYRILLIC_LETTERS, -used_by[c], c)):
            big = c.upper()
            has_capital = len(big) == 1 and big != c and big.lower() == c
            if room - (0 if c in _CYRILLIC_LETTERS else quotes) < 1 + has_capital:
                continue
            letters.append(c)
            if has_capital:
                capitals[big] = c
            room -= 1 + has_capital
        capitals["İ"] = "i"  # dotted capital (Turkish, Latin Kazakh): lower() would give two characters
        spaces += [c for c in dict.fromkeys(boundaries) if ord(c) > 127 and not c.isalnum() and c not in spaces][:room]
        extra = "".join(letters) + "".join(capitals) + "".join(unseen) + "".join(spaces)
        self._table = "".join(map(chr, range(128))) + extra + "\ufffe" * (128 - len(extra))
        byte = {c: i for i, c in enumerate(self._table) if i < 128 + len(extra)}
        fold = {ord(c): ord(c.lower()) for c in map(chr, range(128)) if c.isalpha()}
        fold |= {byte[big]: byte[small] for big, small in capitals.items()}
        fold |= {byte[c]: _HIDDEN_BYTE[0] for c in unseen}
        last_letter = 128 + len(letters) + len(capitals) + len(unseen)
        self._bounds = bytes(
            fold.get(b, b) if (b < 128 and (chr(b).isalnum() or b == _UNKNOWN)) or 128 <= b < last_letter else 32
            for b in range(128 + len(extra))
        ) + bytes([_UNKNOWN]) * (128 - len(extra))
        self._map: Any = None

    def __getstate__(self) -> dict[str, object]:
        return {"_table": self._table, "_bounds": self._bounds, "_map": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def encode(self, text: str, *, lead: bool = True) -> bytes:
        if self._map is None:
            self._map = codecs.charmap_build(self._table)
        copy: bytes = codecs.charmap_encode(text, "replace", self._map)[0].translate(self._bounds)
        return b" " + copy if lead else copy


_Match = Callable[[str, int], "re.Match[str] | None"]
# head, tail, reads the original, quoted only, gaps between the words
_Compiled = tuple[_Match, "_Tail | None", bool, bool, int, _Entry]  # see Matcher._compile


@functools.lru_cache(maxsize=64)
def _shared_tail(tail: str, flags: int) -> _Match:
    """A compiled tail (a word's endings, Kazakh suffix chains, the end of the word): a few of
    them serve every form, and they are the costly part of a form to compile."""
    return _regex.compile(tail, flags).match


# The end of a word as forms.py writes it (no letter or digit follows; a footnote marker may).
# A tail that is optional groups and then this end matches nothing but its end after a
# character that is neither a word character nor any character of its groups.
_WORD_END = "(?![^\\W_\u00b9\u00b2\u00b3\u2070-\u2079])"


def _starts_of(body: str) -> frozenset[str] | None:
    """Every character of ``body`` (and its other case) when ``body`` is a run of optional
    groups ``(...)?`` that hold only literal characters and classes of them (no escapes, no
    ranges, no ``.``): no other character can start a match of it. Else None."""
    if "\\" in body or "." in body or "[^" in body:
        return None
    depth, in_class, optional = 0, False, False
    for i, c in enumerate(body):
        if optional:  # the "?" that makes the group just closed optional
            optional = False
        elif in_class:
            if c == "]":
                in_class = False
            elif c == "-":
                return None  # a range: its characters are not all written out
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                if body[i + 1 : i + 2] != "?" or body[i + 2 : i + 3] in ("?", "+"):
                    return None  # a group that must match (or a lazy or possessive one)
                optional = True
        elif depth == 0:
            return None  # a character outside any group must match
    if depth or in_class:
        return None
    return frozenset(body) | frozenset(body.lower()) | frozenset(body.upper())


class _Tail:
    """A shared tail, compiled when a text first needs more than the end of the word: where
    the stem is followed by the end of the text or by a character that is not a word
    character and cannot start the tail (a space, a full stop, a closing quote), the tail
    matches nothing but its end, which is known without the regex."""

    __slots__ = ("_match", "flags", "source", "starts")

    def __init__(self, source: str, flags: int, starts: frozenset[str] | None) -> None:
        self.source = source
        self.flags = flags
        self._match: _Match | None = None
        self.starts = starts  # see _tail_starts

    def ends_at(self, text: str, pos: int) -> bool:
        """Whether the tail is known to match the empty string at ``pos``."""
        if self.starts is None:
            return False
        if pos >= len(text):
            return True
        c = text[pos]
        return c not in self.starts and c != "_" and not c.isalnum()

    def __call__(self, text: str, pos: int) -> re.Match[str] | None:
        if self._match is None:
            self._match = _shared_tail(self.source, self.flags)
        return self._match(text, pos)


@functools.lru_cache(maxsize=1024)  # more than a registry has forms: none is compiled twice
def _whole(pattern: str, flags: int) -> _Match:
    """A form's whole pattern (see Matcher._full_match), kept here: ``re``'s own cache of 512
    patterns is shared with all other code of the process, and once it had dropped one, each
    call compiled it again (12 ms for a name's pattern in every alphabet of Kazakh). Made
    from its record when an earlier process kept one (see _regex.compile_keeping)."""
    return _regex.compile_keeping(pattern, flags).match


@functools.lru_cache(maxsize=64)
def _tail_of(source: str, flags: int, starts: str | None) -> _Tail:
    return _Tail(source, flags, None if starts is None else frozenset(starts))


def _tail_starts(source: str) -> str | None:
    """The characters that may start a tail that ends a word (see _starts_of), in order, or
    None: what a matcher keeps for each of its tails (a fresh process reading the matcher
    from the cache is spared reading the tails character by character)."""
    body = source[: -len(_WORD_END)] if source.endswith(_WORD_END) else None
    starts = _starts_of(body) if body is not None else None
    return None if starts is None else "".join(sorted(starts))


# A head whose words are all apart (something not a letter in each gap) can be read one way
# only, so where its tail fails the whole pattern fails too.
_GAPS = _regex.lazy(r"[\W_]+")
_ALWAYS = 1 << 30  # gaps of a head that may end in more than one place: ask the whole pattern


class _Spans:
    """Half-open spans, asked whether a span overlaps any of them (in log time; memory in
    proportion to the spans, not to the text). Spans added one by one wait in a short list
    of up to ``_MERGE`` spans; then they become a sorted level of the index, merged with the
    smaller levels before it, so that each span is re-sorted a logarithmic number of times
    (re-sorting everything every ``_MERGE`` spans made many additions quadratic)."""

    _MERGE = 32

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        # sorted (spans, their starts, the furthest end so far), larger levels first
        self._levels: list[tuple[list[tuple[int, int]], list[int], list[int]]] = []
        first = sorted(spans)
        if first:
            self._levels.append(self._level(first))
        self._added: list[tuple[int, int]] = []

    @staticmethod
    def _level(spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        return spans, [s for s, _ in spans], list(itertools.accumulate((e for _, e in spans), max))

    def add(self, start: int, end: int) -> None:
        if self._levels:  # spans often come in text order: then the last level simply grows
            spans, starts, reach = self._levels[-1]
            if start >= starts[-1]:
                spans.append((start, end))
                starts.append(start)
                reach.append(max(reach[-1], end))
                return
        self._added.append((start, end))
        if len(self._added) >= self._MERGE:
            merged, self._added = self._added, []
            while self._levels and len(self._levels[-1][0]) <= len(merged):
                merged += self._levels.pop()[0]
            self._levels.append(self._level(sorted(merged)))

    def overlaps(self, start: int, end: int) -> bool:
        for _, starts, reach in self._levels:
            i = bisect.bisect_left(starts, end) - 1
            if i >= 0 and reach[i] > start:
                return True
        # most asks find no span waiting: building the generator would cost them more than the bisects
        return bool(self._added) and any(s < end and start < e for s, e in self._added)


_START = operator.attrgetter("start")
_END_OF = operator.attrgetter("end")


def _in_order(c: Candidate) -> int:
    """Candidates in text order, the longest first; at the same span a form of the name as
    written before a transliteration or a near miss. One int orders as the tuple (start,
    -end, fuzzy, translit) would for any end below 2**62: a sort of thousands of candidates
    then makes no tuples for the garbage collector to count."""
    entry = c.entry
    return (((c.start << 62) - c.end) << 2) | (entry.fuzzy << 1) | entry.translit


def _lower(text: str) -> str:
    """Lower case, one character for one (``İ`` would become two)."""
    return text.replace("İ", "I").lower() if "İ" in text else text.lower()


def _capital_word_start(value: str) -> bool:
    """Whether the first word is capitalised and is not a particle ("Al", "The" do not count)."""
    if not value[:1].isupper():
        return False
    if len(value) >= 4 and value[:4].isalpha():  # four letters or more: no particle (three at most)
        return True
    first = _WORD.match(value)
    return first is not None and first.group().lower() not in _PARTICLE_WORDS


_DISTINCTIVE = 8  # letters: a name this long of words no everyday text uses is itself in any case


def _distinctive(alias: Alias) -> bool:
    """Whether a name is found in any case ("members of hizb ut-tahrir"): long, of words no
    everyday text uses, and not marked case-sensitive or quoted-only in the data. Short names
    and names of everyday words keep their capitals (Islamic State, Grey Wolves, Taliban)."""
    if alias.case_sensitive or alias.quoted_only:
        return False
    ws = words(alias.value)
    return len(normalize(alias.value)) >= _DISTINCTIVE and len(ws) > 1 and not any(map(is_common, ws))


def _is_proper(value: str) -> bool:
    return any(w[0].isupper() and w.lower() not in _PARTICLE_WORDS for w in _WORD.findall(value))


class Matcher:
    """Compiled patterns of every alias of some organisations, plus lookalike phrases."""

    def __init__(
        self,
        organisations: Sequence[Organisation],
        not_mentions: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        self._entries: list[_Entry] = []
        anchors: dict[str, set[int]] = {}
        seen: set[tuple[str | None, tuple[str, ...], bool, bool, bool]] = set()
        families: dict[str, list[re.Pattern[str]]] = {}  # the Cyrillic families of each organisation

        def add(org: Organisation | None, alias: Alias, *, kazakh: bool = False) -> None:
            # ``kazakh``: a Kazakh name (or one Kazakh writes the same), also looked for in
            # the Latin alphabets of Kazakh
            # Only one-word acronyms are matched case-sensitively against the original text;
            # a longer case-sensitive name is scanned like the others and must be written
            # with its capitals (the "proper" guard), which is what case-sensitivity means for it.
            acronym = alias.case_sensitive and len(words(alias.value)) == 1 and len(alias.value) <= 6
            key = (org.id if org else None, tuple(words(alias.value)), acronym, alias.quoted_only, alias.case_sensitive)
            if key in seen:
                return
            seen.add(key)
            forms = [compile_form(alias.value, case_sensitive=acronym)]
            if org is None:  # «Аль-Каида» на Аравийском полуострове is the branch as much as without quotes
                forms = [quotes_between_words(forms[0])]
            if not acronym and org is not None:  # a lookalike needs no transliteration
                translit = compile_translit(alias.value)
                if translit is not None:
                    forms.append(translit)
            if org is not None and not acronym and not alias.quoted_only:  # al-Qa'ida, Jabhat an-Nusrah
                family = compile_latin_family(alias.value)
                cyrillic = None if family else compile_cyrillic_family(alias.value)
                # a name already in a family of its organisation (Аль-Каеда in Аль-Каида's)
                # adds little with its own: the family of the first is enough
                if cyrillic is not None and not any(f.fullmatch(fold(alias.value)) for f in families.get(org.id, ())):
                    families.setdefault(org.id, []).append(re.compile(cyrillic.pattern, re.IGNORECASE))
                    family = cyrillic
                if family is not None:
                    forms.append(family)
            if kazakh and not alias.value.isascii():  # Latin-script Kazakh, by the alphabets' tables
                latin = compile_kazakh_latin(alias.value, case_sensitive=acronym)
                if latin is not None:
                    forms.append(latin if org is not None else quotes_between_words(latin))
            proper = _is_proper(alias.value) and not _distinctive(alias)
            for f in forms:
                index = len(self._entries)
                self._entries.append(
                    _Entry(
                        org,
                        alias,
                        f.pattern,
                        f.translit,
                        proper,
                        fold(alias.value),
                        strict_caps=alias.case_sensitive and not acronym,
                        needs_context=acronym and len(normalize(alias.value)) <= 2,
                        original=acronym,
                        head=f.head,
                        tail=f.tail,
                        backtracks=f.backtracks,
                    )
                )
                # an acronym's anchor is its lower-case form: the automaton's copy of the text
                # has no capitals, and the acronym's regex then checks them in the text
                for anchor in {a.lower() for a in f.anchors}:
                    anchors.setdefault(anchor, set()).add(index)

        for org in organisations:
            # Kazakh names, and Russian renderings of foreign ones, which Kazakh text also
            # uses (Front an-Nusra)
            names = org.all_aliases()
            kazakh_words = frozenset(fold(w) for a in names if a.lang == "kk" for w in words(a.value))
            kazakh = {
                tuple(words(a.value))
                for a in names
                if a.lang == "kk" or (a.lang == "ru" and foreign_in_russian(a.value, kazakh_words))
            }
            for alias in org.all_aliases():
                add(org, alias, kazakh=tuple(words(alias.value)) in kazakh)
        self._targets: list[_Target] = []
        fuzzy_anchors: dict[str, set[int]] = {}
        for org in organisations:
            for alias in org.all_aliases():
                self._add_target(org, alias, fuzzy_anchors)
        for value, lang, _reason in not_mentions:
            # a Russian lookalike is as likely as a Kazakh one in Latin-script Kazakh text
            add(None, _model_alias(value=value, lang=lang or "en"), kazakh=lang in ("kk", "ru"))
        self._bytes = _OneByte([*anchors, *fuzzy_anchors, _CYRILLIC_LETTERS], SEPARATORS, _BOUNDARIES, HIDDEN)
        # Every anchor starts a word, so each key is the anchor after a word boundary: a
        # space (the one-byte copy turns every other ASCII non-letter into one, and the text
        # gets one in front) or "?" (a character the copy does not know, checked in Python).
        bodies: dict[bytes, tuple[int, set[int], set[int]]] = {}
        for anchor in anchors.keys() | fuzzy_anchors.keys():
            slot = bodies.setdefault(self._bytes.encode(anchor, lead=False), (len(anchor), set(), set()))
            if anchor in anchors:
                slot[1].update(anchors[anchor])
            if anchor in fuzzy_anchors:
                slot[2].update(fuzzy_anchors[anchor])
        # An entry reached by an anchor need not be reached by a longer anchor that starts
        # with it: every hit of the longer one is a hit of the shorter one at the same place
        # (the scan reports overlapping hits), where the entry would only be tried twice.
        for body, (_, exact, _) in bodies.items():
            for cut in range(1, len(body)):
                shorter = bodies.get(body[:cut])
                if shorter is not None and shorter[1]:
                    exact.difference_update(shorter[1])
                    if not exact:
                        break
        merged = {
            boundary + body: value
            for body, (n, ex, nr) in bodies.items()
            if ex or nr
            for value in [(n, tuple(sorted(ex)), tuple(sorted(nr)))]
            for boundary in (b" ", b"?")
        }
        keys = sorted(merged)
        values = list(map(merged.__getitem__, keys))
        # A Latin look-alike next to a Cyrillic letter (or the reverse) only occurs inside a
        # word typed in two scripts; spotting the pairs in the same pass costs nothing, and
        # only a text that has one is mended and scanned again.
        for first, second in _mixed_pairs():
            keys.append(self._bytes.encode(first + second, lead=False))
            values.append(_MIXED)
        # Hidden characters have a byte of their own, so the same pass spots them too.
        keys.append(_HIDDEN_BYTE)
        values.append(_HIDDEN_KEY)
        self._values = _Values.of(values)
        self._nfa: Any = None  # automata over the one-byte text, built when first needed
        self._dfa: Any = None
        self._scanned = 0
        self._keys = _Keys.of(keys)
        self._starts = {tail: _tail_starts(tail) for tail in {e.tail for e in self._entries if e.tail}}
        self._compiled: list[_Compiled | None] = [None] * len(self._entries)
        self._translations: dict[str, list[Alias]] = {}  # by organisation id, see _translations_of
        self._rebuild: Callable[[], Matcher] | None = None  # see from_plain

    def __getstate__(self) -> dict[str, object]:
        self._settle()  # a copy holds every part, checked, and no way back to its annotator
        state = self.__dict__.copy()
        state["_compiled"] = [None] * len(self._entries)  # recompiled lazily where it is used
        state["_nfa"] = state["_dfa"] = None  # rebuilt from the keys where it is used
        state["_scanned"] = 0
        state["_translations"] = {}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_translations", {})
        self.__dict__.setdefault("_rebuild", None)

    def _settle(self) -> None:
        """Read every part of a matcher read from the cache now (see from_plain), and compile
        it afresh when one is not what was written."""
        rebuild = self._rebuild
        if rebuild is None:
            return
        try:
            self._check_everything()
        except _DAMAGE:
            self._adopt(rebuild())
        self._rebuild = None

    def _check_everything(self) -> None:
        entries, targets = list(self._entries), list(self._targets)
        self._keys.check()
        self._values.check()
        self._entries, self._targets = entries, targets

    def _adopt(self, fresh: Matcher) -> None:
        """Become ``fresh`` (a matcher compiled in place of a damaged one read from the cache)."""
        self.__dict__.update(fresh.__dict__)
        self._rebuild = None

    def to_plain(self) -> dict[str, Any]:
        """The compiled matcher as plain data for the on-disk cache: each entry a tuple of
        its fields, its organisation by id and its alias by its place among the
        organisation's aliases (a lookalike's alias by its fields), its tail by its place
        among ``tails``, written by marshal on its own (see _Rows), and so each typo target;
        the automaton's keys as _Keys keeps them, with the look-up lengths and ranges as
        computed; the keys' values (about 14,000, of which some 800 differ) once each, with
        the place of each key's value in four bytes (``slots``, see _Values)."""
        self._settle()
        tails = sorted(self._starts)  # the few tails many forms share, written once each
        place = {tail: i for i, tail in enumerate(tails)}

        def row(entry: _Entry) -> tuple[Any, ...]:
            *head, tail, backtracks = _entry_row(entry)
            return (*head, place[tail] if tail else -1, backtracks)

        distinct, slots = self._values.to_plain()
        return {
            "layout": _LAYOUT,
            "entries": _rows_of(map(row, self._entries)),
            "targets": _rows_of((row(t.entry), t.key, t.words, t.max_distance, t.stems) for t in self._targets),
            "tails": tails,
            "starts": [self._starts[tail] for tail in tails],
            "one_byte": (self._bytes._table, self._bytes._bounds),
            "keys": self._keys.to_plain(),
            "values": distinct,
            "slots": slots,
        }

    @classmethod
    def from_plain(
        cls,
        data: Any,
        organisations: dict[str, Organisation],
        alias_class: Callable[..., Any] | None = None,
        *,
        rebuild: Callable[[], Matcher] | None = None,
    ) -> Matcher:
        """The matcher :meth:`to_plain` wrote, using these organisation objects (and for a
        lookalike phrase an alias made by ``alias_class``, by default the model's
        :class:`~bannedorgs.model.Alias`); raises ValueError (or another error) when ``data``
        is not such a matcher.

        With ``rebuild`` (what compiles the matcher afresh), only the entry's outline is
        checked now: each form, typo target and look-up is made and checked when a text
        first needs it, and a part that is not what was written makes the matcher compile
        itself with ``rebuild`` and repeat the call (see _candidates)."""
        if type(data) is not dict or data.get("layout") != _LAYOUT:
            raise ValueError("not a compiled matcher of this layout")
        if alias_class is None:
            alias_class = _model_alias
        tails, starts = data["tails"], data["starts"]
        if not (
            type(tails) is list
            and type(starts) is list
            and len(tails) == len(starts)
            and set(map(type, tails)) <= {str}
            and all(tails)
            and set(map(type, starts)) <= {str, type(None)}
        ):
            raise ValueError("not the tails of a compiled matcher")
        aliases: dict[str, tuple[Alias, ...]] = {}

        def entry(row: Any) -> _Entry:
            if type(row) is not tuple or len(row) != 14:
                raise ValueError("not an entry of a compiled matcher")
            at = row[12]
            if type(at) is not int or not -1 <= at < len(tails):
                raise ValueError("not the tail of an entry")
            return _entry_of((*row[:12], tails[at] if at >= 0 else "", row[13]), organisations, aliases, alias_class)

        def target(row: Any) -> _Target:
            if not (type(row) is tuple and len(row) == 5):
                raise ValueError("not a target of the typo pass")
            form, key, n_words, max_distance, stems = row
            if not (
                type(key) is str
                and type(n_words) is int
                and type(max_distance) is int
                and type(stems) is tuple
                and set(map(type, stems)) <= {str}
            ):
                raise ValueError("not a target of the typo pass")
            return _Target(entry(form), key, n_words, max_distance, stems)

        entries = _Rows(*_rows_from(data["entries"]), entry)
        targets = _Rows(*_rows_from(data["targets"]), target)
        table, bounds = data["one_byte"]
        if not (type(table) is str and type(bounds) is bytes and len(table) == len(bounds) == 256):
            raise ValueError("not a compiled matcher")
        keys = _Keys.from_plain(data["keys"])
        values = _Values.from_plain(
            data["values"], data["slots"], keys=len(keys), entries=len(entries), targets=len(targets)
        )
        one_byte = _OneByte.__new__(_OneByte)
        one_byte.__setstate__({"_table": table, "_bounds": bounds, "_map": None})
        matcher = cls.__new__(cls)
        matcher.__setstate__(
            {
                "_entries": entries,
                "_targets": targets,
                "_bytes": one_byte,
                "_keys": keys,
                "_values": values,
                "_starts": dict(zip(tails, starts, strict=True)),
                "_nfa": None,
                "_dfa": None,
                "_scanned": 0,
                "_compiled": [None] * len(entries),
                "_rebuild": rebuild,
            }
        )
        if rebuild is None:
            matcher._check_everything()
        return matcher

    def _compile(self, index: int) -> _Compiled:
        """The form's compiled head and tail (see forms.Form), whether it reads the original
        text, whether it is quoted only (made from the records of the patterns when the cache
        had them; see _regex.defer)."""
        entry = self._entries[index]
        if not entry.tail:
            match = _regex.compile(entry.pattern, entry.flags).match
            return match, None, entry.original, _needs_quote(entry.alias), 0, entry
        return (
            _regex.compile(entry.head, entry.flags).match,
            _tail_of(entry.tail, entry.flags, self._starts[entry.tail]),
            entry.original,
            _needs_quote(entry.alias),
            _ALWAYS if entry.backtracks else len(words(entry.alias.value)) - 1,
            entry,
        )

    def compile_all(self) -> None:
        """Compile every form and the automaton now rather than when first met: worker
        processes forked afterwards share them instead of each compiling its own."""
        self._settle()
        compiled = self._compiled
        for index, form in enumerate(compiled):
            if form is None:
                compiled[index] = self._compile(index)
        self._automaton(0)

    def recorded(self) -> dict[bytes, tuple[int, tuple[Any, ...]]]:
        """Compile every form and shared tail now (see compile_all) and return the records of
        their patterns, and of the patterns the modules imported so far declared (see
        _regex.compile_declared), as plain data for the on-disk cache (see _regex.recorded);
        this process makes the tails from them when it first meets them."""

        self._settle()

        def everything() -> None:  # every pattern _compile and the tails compile, already compiled or not
            for entry in self._entries:
                _regex.compile(entry.head if entry.tail else entry.pattern, entry.flags)
                if entry.tail:
                    _regex.compile(entry.tail, entry.flags)
            _regex.compile_declared()  # and the modules' own patterns (markers, formats, guards)

        found = _regex.recorded(everything)
        _regex.install(found)
        self.compile_all()  # from the records just made
        return found

    def _full_match(self, index: int, text: str, start: int) -> re.Match[str] | None:
        """The whole pattern at ``start``: what head and tail stand for, asked when a head ran
        two words together and so might have been read another way."""
        entry = self._entries[index]
        return _whole(entry.pattern, entry.flags)(text, start)

    def _hits(self, copy: bytes) -> Iterable[tuple[int, int, int]]:
        """Every key in the one-byte copy, overlapping, as (key, start, stop) in the
        automaton's order. The first texts of a process, up to ``_SHORT`` characters in all,
        are looked up key length by key length instead: building the automaton of 14,000
        keys costs a fresh process more (about 7 ms) than a line or an article's look-ups."""
        if self._nfa is None and self._dfa is None and self._scanned + len(copy) <= _SHORT:
            self._scanned += len(copy)
            return self._looked_up(copy)
        hits: list[tuple[int, int, int]] = self._automaton(len(copy)).find_matches_as_indexes(copy, True)
        return hits

    def _looked_up(self, copy: bytes) -> list[tuple[int, int, int]]:
        """What the automaton would report for ``copy`` (see _hits): ordered by where a key
        ends and, of those ending at one place, the longest first."""
        keys = self._keys
        lengths = keys.lengths
        tables: dict[int, dict[bytes, int]] = {}  # by prefix, for this text
        found = []
        size = len(copy)
        for start, first in enumerate(copy):
            if first in _BOUNDARY_BYTES:
                if start + 1 == size:
                    continue
                prefix = (first << 8) | copy[start + 1]
            else:
                prefix = first
            filed = lengths.get(prefix)
            if filed is None:
                continue
            table = tables.get(prefix)
            if table is None:
                table = tables[prefix] = keys.bucket(prefix)
            get = table.get
            for length in filed:
                if start + length > size:
                    break  # the lengths ascend
                key = get(copy[start : start + length])
                if key is not None:
                    found.append((start + length, start, key))
        found.sort()  # by end, then start: the longest first (one key per span, so never by key)
        return [(key, start, stop) for stop, start, key in found]

    def _automaton(self, size: int) -> Any:
        """The automaton of the anchors: a contiguous NFA (~3 ms to build) for the first
        texts, a DFA (~10 ms to build, about twice as fast) once a few MB have been scanned.
        The extension is imported here: a process that looks its texts up (see _hits) loads
        none of its megabyte of machine code."""
        import ahocorasick_rs

        self._scanned += size
        if self._dfa is None and self._scanned >= _DFA_FROM:
            self._dfa = ahocorasick_rs.BytesAhoCorasick(
                self._keys.every(), implementation=ahocorasick_rs.Implementation.DFA
            )
        if self._dfa is not None:
            return self._dfa
        if self._nfa is None:
            self._nfa = ahocorasick_rs.BytesAhoCorasick(
                self._keys.every(), implementation=ahocorasick_rs.Implementation.ContiguousNFA
            )
        return self._nfa

    def _add_target(self, org: Organisation, alias: Alias, anchors: dict[str, set[int]]) -> None:
        """Register a long alias for the typo-tolerant pass, anchored on its rarer words.

        With at most ``d`` typos and more than ``d`` anchor pieces, one piece is intact
        (the pigeonhole principle); long words are also split in halves for that reason.
        """
        key = normalize(alias.value)
        if len(key) < _FUZZY_MIN or alias.quoted_only or (alias.case_sensitive and len(words(alias.value)) == 1):
            return
        pieces = []
        for word in words(alias.value):
            if len(word) >= 4 and not is_common(word):
                pieces.append(word)
            if len(word) >= 10 and not is_common(word):  # a typo may sit in the rest of it
                pieces.append(word[:5])
        ws = words(alias.value)
        # A name of everyday words only: a long one (East Turkestan Liberation Organization)
        # is anchored on its first two words together; a short one (Islamic State) is left to
        # the exact forms, since a near miss of it is more often another phrase than a typo.
        if not pieces and len(ws) >= 3:
            pieces = [ws[0] + sep + ws[1][:2] for sep in ("", " ", "-")]
        if not pieces:
            return
        index = len(self._targets)
        entry = _Entry(org, alias, _NEVER, False, _is_proper(alias.value), fold(alias.value),
                       strict_caps=alias.case_sensitive, fuzzy=True)  # fmt: skip
        stems = tuple(stem_of(w) for w in ws)  # lower-case as the text is scanned, not folded
        self._targets.append(_Target(entry, key, len(ws), 1 if len(key) < 16 else 2, stems))
        for piece in pieces:
            anchors.setdefault(piece, set()).add(index)

    # -- scanning ------------------------------------------------------------------------
    def candidates(self, text: str) -> list[Candidate]:
        """Every raw match of every form (before guards and overlap resolution); in a text
        with hidden characters (see _HIDDEN), of the text without them."""
        try:
            return self._candidates(text)
        except _Hidden:
            marks = [m.start() - i for i, m in enumerate(_HIDDEN.finditer(text))]
            found = self._candidates(_HIDDEN.sub("", text))
            for c in found:
                c.start += bisect.bisect_right(marks, c.start)
                c.end += bisect.bisect_right(marks, c.end - 1)
            return found

    def _candidates(self, text: str) -> list[Candidate]:
        if self._rebuild is not None:  # read from the cache: its parts are checked as they are met
            try:
                return self._candidates_in(text)
            except _DAMAGE:  # one is not what was written: compiled afresh, and asked again
                self._adopt(self._rebuild())
        return self._candidates_in(text)

    def _candidates_in(self, text: str) -> list[Candidate]:
        # The text is not lower-cased: the one-byte copy folds case and the forms ignore it.
        low = text
        scanned = self._scan(text, low)
        if scanned is None:  # a word in two scripts: mend the look-alike letters, then scan again
            low = mend_mixed(_lower(text))
            scanned = self._scan(text, low, mended=True)
            assert scanned is not None
        found, near = scanned
        cands = sorted(found.values(), key=_in_order)
        if near:  # the typo pass looks where no exact form matched; what it finds is sorted in
            fuzzy = self._near_misses(low, near, cands)
            if len(fuzzy) > 16:  # each insertion moves the list's tail: many are sorted in at once
                cands = sorted([*cands, *fuzzy], key=_in_order)
            else:
                for c in fuzzy:
                    bisect.insort(cands, c, key=_in_order)  # after its equals, as sorting them all would
        return cands

    def _scan(
        self, text: str, low: str, *, mended: bool = False
    ) -> tuple[dict[int, Candidate], list[tuple[int, int, tuple[int, ...]]]] | None:
        """Candidates of the forms in ``low``: the text itself, or its lower-cased copy with
        look-alike letters mended (``mended``); acronyms are always read in ``text``. Also
        the anchors of the typo pass that were met (see _near_misses)."""
        found: dict[int, Candidate] = {}  # by start * width + the form's index
        width = len(self._entries)
        compiled = self._compiled
        distinct, slots = self._values.distinct, self._values.slots
        near: list[tuple[int, int, tuple[int, ...]]] = []
        copy = self._bytes.encode(low)  # a space in front: copy[i + 1] is low[i]
        for key, start, stop in self._hits(copy):
            length, indices, targets = distinct[slots[key]]
            if length < 0:  # a hidden character: the caller reads the text without them
                raise _Hidden
            if length == 0:  # a look-alike pair
                if mended:
                    continue
                return None
            # the key's first byte is the boundary before the anchor: the anchor is low[start:stop - 1]
            if copy[start] == _UNKNOWN and low[start - 1].isalnum():
                continue
            if targets:
                near.append((start, stop - 1, targets))
            for index in indices:
                form = compiled[index]
                if form is None:  # compiled on first use: most forms never meet a candidate
                    form = compiled[index] = self._compile(index)
                head, tail, original, quoted_only, gaps, entry = form
                if quoted_only and not (start and low[start - 1] in _QUOTE_BEFORE):
                    continue  # «Алга» only: not алғашқы or Алға!
                hay = text if original else low
                m = head(hay, start)
                if m is None:
                    continue
                end = m.end()
                if tail is not None and not tail.ends_at(hay, end):
                    stem_end = end
                    m = tail(hay, stem_end)
                    if m is None and gaps and len(_GAPS.findall(hay, start, stem_end)) < gaps:
                        m = self._full_match(index, hay, start)  # words run together: ask the whole
                    if m is None:
                        continue
                    end = m.end()
                if end > start:
                    at = start * width + index  # (start, index) as one int: no tuple per hit
                    if at not in found:
                        found[at] = Candidate(start, end, entry)
        return found, near

    def _near_misses(
        self, text: str, hits: list[tuple[int, int, tuple[int, ...]]], exact: list[Candidate]
    ) -> list[Candidate]:
        """Names with a typo or two: whole words around an anchor, compared by edit distance
        (in a lower-cased window around the anchor; offsets below are the window's), where
        none of the ``exact`` candidates (in text order) matched."""
        starts = list(map(_START, exact))
        first_at = set(starts)  # most anchors of the pass start a form's match
        hits = [hit for hit in hits if hit[0] not in first_at]
        if not hits:
            return []
        # where an exact form matched: the exact candidates' starts and the furthest end so far
        furthest = list(itertools.accumulate(map(_END_OF, exact), max))

        def in_exact(at: int) -> bool:
            i = bisect.bisect_right(starts, at) - 1
            return i >= 0 and furthest[i] > at

        covered = _Spans()  # where this pass found a name
        found: dict[tuple[int, int], Candidate] = {}
        done: set[tuple[int, int]] = set()
        for a_start, a_end, t in ((s, e, t) for s, e, ts in hits if not in_exact(s) for t in ts):
            if (a_start, t) in done or (found and covered.overlaps(a_start, a_start + 1)):
                continue  # covered by a near miss found
            done.add((a_start, t))
            target = self._targets[t]
            reach = len(target.key) + 12
            lo = max(0, a_start - reach)
            low = _lower(text[lo : min(len(text), a_end + reach)])
            # every run of words below starts at or before the anchor with a word that starts
            # with the name's first letter (see below): without one, none can be the name
            if _at_word_start(target.key[0]).search(low, 0, a_start - lo + 1) is None:
                continue
            tokens = [m.span() for m in _TOKEN.finditer(low)]
            # the token holding the anchor, and runs of about as many words as the alias has
            at = next((i for i, (s, e) in enumerate(tokens) if s <= a_start - lo < e), None)
            if at is None:
                continue
            # a run of words that could be the name starts with the name's first letter
            if all(low[s] != target.key[0] for s, _ in tokens[max(0, at - target.words) : at + 1]):
                continue
            best: tuple[int, int, int] | None = None
            for count in (target.words - 1, target.words, target.words + 1):
                for first in range(max(0, at - count + 1), at + 1):
                    last = first + count - 1
                    if count < 1 or last >= len(tokens) or low[tokens[first][0]] != target.key[0]:
                        continue
                    start, end = tokens[first][0], tokens[last][1]
                    if end - start > len(target.key) * 2 + 8 or not all(
                        _GAP.fullmatch(low, tokens[k][1], tokens[k + 1][0]) for k in range(first, last)
                    ):
                        continue  # only the separators a name may have: no quotes, commas, breaks
                    joined = "".join(low[s:e] for s, e in tokens[first : last + 1])
                    if joined[:1] != target.key[:1]:
                        continue
                    d = target.max_distance + 1
                    if joined[-2:] == target.key[-2:]:
                        d = _distance()(target.key, joined, score_cutoff=target.max_distance)
                    if d and count == target.words:  # maybe inflected: word by word, stems only
                        total = 0
                        for stem, (s, e) in zip(target.stems, tokens[first : last + 1], strict=True):
                            # what is left of the distance allowed: a word further than that ends the run
                            total += _stem_distance(stem, low[s:e], target.max_distance - total)
                            if total > target.max_distance:
                                break  # too far already
                        d = min(d, total)
                    if d <= target.max_distance and (best is None or d < best[0]):
                        best = (d, start, end)
            if best is not None:
                d, start, end = best
                start, end = start + lo, end + lo
                entry = target.entry.copy()
                found.setdefault((start, -t - 1), Candidate(start, end, entry))
                covered.add(start, end)
        return list(found.values())

    def iter_matches(self, text: str, view: str | None = None) -> Iterator[Candidate]:
        """Accepted candidates, leftmost-longest, without overlaps, lookalikes removed.

        A long text is scanned in pieces that end at blank lines (a name never spans one),
        so the work per MB stays flat; what depends on the whole text (an acronym's full
        name elsewhere, abbreviations the text defines) is decided over all pieces.
        """
        scan = text if view is None else view
        found = self._visible_matches(text, scan)
        breaks = _broken_words(scan)
        if breaks:  # a word hyphenated across lines (государ-\nстве): read it joined as well
            joined = self._visible_matches(_drop(text, breaks), _drop(scan, breaks))
            _shift_back(joined, breaks)
            across = [c for c in joined if bisect.bisect_left(breaks, c.start) < bisect.bisect_left(breaks, c.end)]
            if across:
                taken = _Spans((c.start, c.end) for c in across)
                kept = [c for c in found if not taken.overlaps(c.start, c.end)]
                found = sorted([*across, *kept], key=lambda c: c.start)
        yield from found

    def _visible_matches(self, text: str, scan: str) -> list[Candidate]:
        try:
            return self._matches(text, scan)
        except _Hidden:  # a soft hyphen, zero-width space or stress mark: read the text without them
            marks = [m.start() for m in _HIDDEN.finditer(scan)]
            found = self._matches(_drop(text, marks), _drop(scan, marks))
            _shift_back(found, marks)
            return found

    def _matches(self, text: str, scan: str) -> list[Candidate]:
        accepted: list[Candidate] = []
        for lo, hi in _pieces(scan):
            if (lo, hi) == (0, len(scan)):
                accepted = self._accepted(text, scan)
                break
            part = text[lo:hi]
            for c in self._accepted(part, part if scan is text else scan[lo:hi]):  # one copy for plain text
                c.start += lo  # to the whole text's offsets (in place: no new objects)
                c.end += lo
                accepted.append(c)
        contextual = [c for c in accepted if c.entry.needs_context]
        if contextual:  # a two-letter acronym stays if its full name or a cue is in the text
            names = [c for c in accepted if c.entry.org is not None and not c.entry.needs_context]
            named = {c.entry.org.id for c in names if c.entry.org is not None}
            starts = [c.start for c in names]
            dropped = {
                id(c)
                for c in contextual
                if c.entry.org is not None
                and c.entry.org.id not in named
                and not _cue_near(scan, c)
                and not _other_name_near(scan, c, names, starts)
            }
            accepted = [c for c in accepted if id(c) not in dropped]
        translated = _with_translations_named_again(scan, _with_glosses(scan, accepted), self._translations_of)
        return _with_defined_abbreviations(scan, translated)

    def _translations_of(self, org: Organisation) -> list[Alias]:
        """The organisation's translations that may stand unquoted once it is named (see
        _translation_aliases), worked out once per organisation: texts ask per mention."""
        found = self._translations.get(org.id)
        if found is None:
            found = self._translations[org.id] = _translation_aliases(org)
        return found

    def _accepted(self, text: str, scan: str) -> list[Candidate]:
        cands = self._candidates(scan)
        blocked = _Spans((c.start, c.end) for c in cands if c.entry.org is None)  # lookalike phrases
        otherwise = _defined_otherwise(text, cands)
        accepted: list[Candidate] = []
        chosen_end = -1
        for cand in cands:
            if cand.entry.org is None or cand.start < chosen_end:
                continue
            if blocked.overlaps(cand.start, cand.end):
                continue
            if otherwise and cand.entry.original and _letters_of(text, cand) in otherwise:
                continue
            if not self._accept(text, cand):
                continue
            chosen_end = cand.end
            accepted.append(cand)
        return accepted

    # -- guards --------------------------------------------------------------------------
    def _accept(self, text: str, cand: Candidate) -> bool:
        entry = cand.entry
        alias = entry.alias
        surface = text[cand.start : cand.end]
        # a name in single quotes: the closing quote was read as a plural's possessive
        # apostrophe ('Street Party'); it is the quotation's, outside the name
        if surface[-1:] in "'’" and cand.start and text[cand.start - 1] in "'‘":
            cand.end -= 1
            surface = surface[:-1]
        quoted: bool | None = None  # asked only when a guard needs it
        if alias.quoted_only:
            quoted = _is_quoted(text, cand.start, cand.end)
            if not quoted:
                if _exclaimed(text, alias, cand.end) or _party_named(text, alias, cand.start):
                    cand.end += 1  # the exclamation mark is the name's: a marker goes after it
                elif not (entry.proper and surface.endswith(("'s", "’s"))):  # "Alga's leaders"
                    return False
        # (a capital first letter that is not a particle's settles it without a regex)
        if entry.proper and not (_capital_word_start(surface) or _is_proper(surface)):
            if quoted is None:
                quoted = _is_quoted(text, cand.start, cand.end)
            if not quoted:
                return False
        # a name of everyday words keeps its capitals even in quotes («солдаты халифата» is
        # how IS fighters are described); "Islamic state" in quotes has an alias of its own
        if entry.strict_caps and _capitals(surface) < _alias_capitals(alias.value):
            return False
        # a headline in capitals: a two-letter acronym there may be a word (IS, ИМ) unless it
        # stands in quotation marks, as a name does («ИГ»)
        if alias.case_sensitive and len(entry.key) <= 2 and _in_capitals(text, cand):
            if quoted is None:
                quoted = _is_quoted(text, cand.start, cand.end)
            if not quoted:
                return False
        # one of three letters may be a word there too (Я ИДУ!): it needs its context, unless
        # a suffix after a hyphen shows it is an abbreviation (ҚДТ-ДАҒЫ)
        suffixed = text[cand.end : cand.end + 1] in _DASH_SET and text[cand.end + 1 : cand.end + 2].isalpha()
        if entry.original and len(entry.key) == 3 and not suffixed and _in_capitals(text, cand):
            if quoted is None:
                quoted = _is_quoted(text, cand.start, cand.end)
            if not quoted:
                entry = _needing_context(cand)
        # "HT @handle" ends a post as a hat tip, not as Hizb ut-Tahrir's initials
        if alias.case_sensitive and len(entry.key) <= 2 and _HANDLE.match(text, cand.end):
            return False
        # an acronym with a number is a model's name (the computer ДВК-3)
        if entry.original and _MODEL_NUMBER.match(text, cand.end):
            return False
        # a name inside a web address is part of the address (a link's slug, a domain)
        if _joined(text, cand.start, cand.end) and _in_address(text, cand.start, cand.end):
            return False
        if alias.unless_near and _near(text, cand, alias.unless_near):
            return False
        if _another_name_follows(text, cand.end):
            return False
        # a name of everyday words opening a quotation that goes on may owe its capital to the
        # quotation («Мұсылман бауырлар, ...», «Ислам мемлекеті құрамыз»): it counts as the
        # name only as a two-letter acronym does, with the organisation named otherwise in the
        # text or a cue nearby («Исламское государство убило брата», — и далее о ДАИШ)
        # a name of everyday words called out to («Братья-мусульмане, ассаляму алейкум!»,
        # «Мұсылман бауырлар!»): believers addressed, not the organisation
        if entry.everyday and _addressed(text, cand.end):
            return False
        opens = entry.everyday and not entry.needs_context and _opens_quote(text, cand.start)
        if opens and not _is_quoted(text, cand.start, cand.end):
            entry = _needing_context(cand)
        # an acronym written as a name (Даиш, Игил) may be a person's name: quotes or context
        if entry.original and not _capitals_only(surface):
            if quoted is None:
                quoted = _is_quoted(text, cand.start, cand.end)
            return quoted or _cue_near(text, cand)
        return True


def _model_alias(**fields: Any) -> Alias:
    """An alias of the model (imported when the first is made)."""
    from .model import Alias

    return Alias(**fields)


def _needing_context(cand: Candidate) -> _Entry:
    """Make ``cand`` count only as a two-letter acronym does, with its organisation named
    otherwise in the text or a cue near it (see Matcher._matches), through a copy of its
    entry: the entry itself is shared by every candidate of the form."""
    entry = cand.entry.copy()
    entry.needs_context = True
    cand.entry = entry
    return entry


# An acronym the text spells out as other words: "Қалалық дене тәрбиесі (ҚДТ)", "QDT
# (qalalyq dene tärbiesı)" are not the organisation's, there or anywhere else in the text.
_LETTERS = _regex.lazy(r"[^\W\d_]+")
_OPENING = _regex.lazy(r"[ \u00a0]?\([ \u00a0]?")


def _letters_of(text: str, cand: Candidate) -> str:
    """The acronym of an acronym's candidate, without a suffix it carries (ҚДТ-ның: ҚДТ)."""
    m = _LETTERS.match(text, cand.start, cand.end)
    return m.group() if m else ""


def _initials(phrase: str) -> str:
    return fold("".join(w[0] for w in _LETTERS.findall(phrase)))


@functools.lru_cache(maxsize=16)
def _words_at_end(n: int) -> re.Pattern[str]:
    """``n`` words at the end of a string."""
    return re.compile(r"(?:[^\W\d_]+[ \u00a0-]+){" + str(n - 1) + r"}[^\W\d_]+$")


@functools.lru_cache(maxsize=16)
def _words_bracketed(n: int) -> re.Pattern[str]:
    """``n`` words and the closing bracket after them."""
    return re.compile(r"(?:[^\W\d_]+[ \u00a0-]+){" + str(n - 1) + r"}[^\W\d_]+[ \u00a0]?\)")


def _spelled_out(text: str, cand: Candidate, abbr: str) -> tuple[int, int] | None:
    """The span of the words the acronym stands for where the text spells them out next to it,
    in brackets after them or after it, or None."""
    n = len(abbr)
    key = fold(abbr)
    before = text.rfind("(", max(0, cand.start - 2), cand.start)
    if before >= 0 and not text[before + 1 : cand.start].strip(" \u00a0"):  # "... words (ABBR"
        head = text[max(0, before - 40 * n) : before].rstrip(" \u00a0")
        m = _words_at_end(n).search(head)
        if m is not None and _initials(m.group()) == key:
            start = before - len(head) + m.start()
            return start, start + len(m.group())
    end = cand.start + len(abbr)
    opening = _OPENING.match(text, end)
    if opening is not None:  # "ABBR (words)"
        m = _words_bracketed(n).match(text, opening.end())
        if m is not None and _initials(m.group()) == key:
            return m.start(), m.end()
    return None


def _defined_otherwise(text: str, cands: list[Candidate]) -> set[str]:
    """The acronyms of an organisation that the text spells out as words that are not that
    organisation's name (no name of it among those words)."""
    found: set[str] = set()
    starts: list[int] | None = None  # of the candidates, in order: made when first needed
    for cand in cands:
        if not cand.entry.original or cand.entry.org is None:
            continue
        abbr = _letters_of(text, cand)
        if len(abbr) < 2 or abbr in found:
            continue
        span = _spelled_out(text, cand, abbr)
        if span is None:
            continue
        lo, hi = span
        if starts is None:
            starts = [c.start for c in cands]
        # the candidates that may overlap the words (a name is far shorter than 400 characters)
        near = cands[bisect.bisect_left(starts, lo - 400) : bisect.bisect_left(starts, hi)]
        if not any(c.entry.org is cand.entry.org and c.start < hi and lo < c.end for c in near if c is not cand):
            found.add(abbr)
    return found


# "Lashkar-e-Taiba (LeT)": an abbreviation in brackets right after a name is that name's, in
# this text, wherever it stands. Agencies and country codes in brackets are not.
_DEFINED = _regex.lazy(r"[ \u00a0]?\([ \u00a0]?([^\W\d_](?:[^\W\d_]|-){1,7})[ \u00a0]?\)")
_BRACKET_OPENINGS = ("(", " (", "\u00a0(")
_AFTER_NAME = frozenset(_CLOSE_QUOTES + QUOTES) - {""}  # a closing quotation mark
_NOT_DEFINED = frozenset(
    "AP AFP UPI DPA RIA TASS ТАСС РИА ИА КАЗТАГ KAZTAG US USA UK EU UN RF KZ РФ РК КР РБ ЕС ООН ҚР США".split()
)


_PIECE = 1 << 20  # characters; a text up to four times this is scanned whole


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Spans of about _PIECE characters ending at blank lines (else line breaks, else spaces)."""
    if len(text) <= 4 * _PIECE:
        yield 0, len(text)
        return
    lo = 0
    while lo < len(text):
        hi = min(len(text), lo + _PIECE)
        if hi < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, lo + _PIECE // 2, hi)
                if cut >= 0:
                    hi = cut + len(sep)
                    break
        yield lo, hi
        lo = hi


_GLOSS_NEXT = (*_BRACKET_OPENINGS, ")")  # what follows a name with a gloss after it or before it
_GLOSS_AFTER = _regex.lazy(r"[ \u00a0]?\([ \u00a0]?([^()\n]{2,80}?)[ \u00a0]?\)")


def _with_glosses(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """The accepted candidates plus translations that stand in brackets next to a name of the
    same organisation: "Koshe Partiyasy (Street Party)", "Street Party (Koshe Partiyasy)". A
    translation alias (quoted only: unquoted it is an everyday phrase) counts there unquoted,
    written with its capitals."""
    extra: list[Candidate] = []
    for cand in accepted:
        if not text.startswith(_GLOSS_NEXT, cand.end):  # neither case below (most names): one check
            continue
        after = text.startswith(_BRACKET_OPENINGS, cand.end)
        bracketed = text.startswith(")", cand.end) and "(" in text[cand.start - 2 : cand.start]
        org = cand.org
        if not (after or bracketed) or org is None:
            continue
        glosses = [a for a in org.all_aliases() if a.quoted_only and _is_proper(a.value)]
        if not glosses:
            continue
        if after and (m := _GLOSS_AFTER.match(text, cand.end)) and m.group(1)[0] not in _QUOTE_BEFORE:
            for alias in glosses:
                if normalize(m.group(1)) == normalize(alias.value) and _capitals(m.group(1)) >= _capitals(alias.value):
                    extra.append(Candidate(m.start(1), m.end(1), _gloss_entry(org, alias)))
                    break
        if bracketed:
            opening = text.rfind("(", 0, cand.start)
            base = max(0, opening - 80)
            head = text[base:opening].rstrip(" \u00a0")
            for alias in glosses:
                n = len(words(alias.value))
                m = re.search(r"(?:[^\W\d_]+[ \u00a0-]+){" + str(n - 1) + r"}[^\W\d_]+$", head)
                same = m is not None and normalize(m.group()) == normalize(alias.value)
                if m and same and _capitals(m.group()) >= _capitals(alias.value):
                    start = base + m.start()
                    extra.append(Candidate(start, start + len(m.group()), _gloss_entry(org, alias)))
                    break
    if not extra:
        return accepted
    return _leftmost_longest([*accepted, *extra])


def _with_translations_named_again(
    text: str, accepted: list[Candidate], translations: Callable[[Organisation], list[Alias]]
) -> list[Candidate]:
    """The accepted candidates plus a translation alias written without quotation marks
    within ``_TRANSLATION_REACH`` characters after a mention of its organisation (a few
    paragraphs): "Koshe Partiyasy … The Street Party, as it is also known". A
    translation needs quotes on its own (unquoted, "street party" is an everyday phrase);
    once the organisation is named, its capitals say it is the name. Translations that only
    differ in case from another name (Islamic state) are left out."""
    spans: dict[str, tuple[Organisation, list[tuple[int, int]]]] = {}
    for cand in accepted:
        org = cand.entry.org
        if org is None or cand.entry.needs_context or not translations(org):  # most have none
            continue
        _, windows = spans.setdefault(org.id, (org, []))
        hi = cand.end + _TRANSLATION_REACH
        if windows and cand.end <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)  # overlapping windows become one
        else:
            windows.append((cand.end, hi))
    extra: list[Candidate] = []
    taken: _Spans | None = None
    for org, windows in spans.values():
        for alias in translations(org):
            for lo, hi in windows:
                for m in _translation_matches(text, alias.value, lo, min(hi, len(text))):
                    surface = m.group()
                    if _capitals(surface) < _alias_capitals(alias.value):
                        continue
                    cand = Candidate(m.start(), m.end(), _gloss_entry(org, alias))
                    # a capital the sentence gives its first word says nothing
                    if _capitals(alias.value) < len(words(alias.value)) and _opens_sentence(text, cand):
                        continue
                    if alias.unless_near and _near(text, cand, alias.unless_near):
                        continue
                    if taken is None:
                        taken = _Spans((c.start, c.end) for c in accepted)
                    if not taken.overlaps(cand.start, cand.end):
                        extra.append(cand)
    if not extra:
        return accepted
    return _leftmost_longest([*accepted, *extra])


_TRANSLATION_REACH = 2_000


def _opens_sentence(text: str, cand: Candidate) -> bool:
    """Whether no word stands between the start of the candidate's sentence and it."""
    lo = _sentence_of(text, cand)[0]
    return not any(ch.isalnum() for ch in text[lo : cand.start])


def _translation_aliases(org: Organisation) -> list[Alias]:
    """An organisation's translation aliases that may stand unquoted once it is named: quoted
    only, of several words, capitalised, and not another name of it in other letter case."""
    others = {normalize(a.value) for a in org.all_aliases() if not a.quoted_only}
    return [
        a
        for a in org.all_aliases()
        if a.quoted_only and _is_proper(a.value) and len(words(a.value)) > 1 and normalize(a.value) not in others
    ]


def _translation_matches(text: str, value: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Where ``value`` starts between ``lo`` and ``hi``, a word of its own, in any case whose
    first word is capitalised as in ``value`` or in capitals: found from that word by
    ``str.find`` (a regular expression ignoring case over a whole long text cost a third of
    ``find()``)."""
    pattern = _translation_pattern(value)
    first = _WORD.findall(value)[0]
    found: dict[int, re.Match[str]] = {}
    for word in {first, first.upper()}:
        at = text.find(word, lo, hi)
        while at >= 0:
            if not (at and text[at - 1].isalnum()) and (m := pattern.match(text, at)):
                found[at] = m
            at = text.find(word, at + 1, hi)
    return [found[at] for at in sorted(found)]


@functools.lru_cache(maxsize=64)
def _translation_pattern(value: str) -> re.Pattern[str]:
    return re.compile(r"[ \u00a0-]+".join(map(re.escape, _WORD.findall(value))) + r"(?![^\W_])", re.IGNORECASE)


def _leftmost_longest(cands: list[Candidate]) -> list[Candidate]:
    """``cands`` in text order without overlaps: at one start the longest, then what follows it."""
    out: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.start, -c.end)):
        if not out or cand.start >= out[-1].end:
            out.append(cand)
    return out


def _gloss_entry(org: Organisation, alias: Alias) -> _Entry:
    return _Entry(org, alias, re.escape(alias.value), False, True, fold(alias.value))


def _with_defined_abbreviations(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """The accepted candidates plus the abbreviations the text defines for them, in order."""
    found: dict[str, Candidate] = {}
    taken: _Spans | None = None  # built when first needed: most texts define nothing
    for cand in accepted:
        # «Name» (ABBR) and "Name" (ABBR) define it as well as Name (ABBR) does
        at = cand.end + 1 if text[cand.end : cand.end + 1] in _AFTER_NAME else cand.end
        if not text.startswith(_BRACKET_OPENINGS, at):  # what _DEFINED needs, checked fast
            continue
        m = _DEFINED.match(text, at)
        if m is None or cand.org is None:
            continue
        abbr = m.group(1)
        if sum(ch.isupper() for ch in abbr) < 2 or abbr.upper() in _NOT_DEFINED or abbr in found:
            continue
        if taken is None:
            taken = _Spans((c.start, c.end) for c in accepted)
        if taken.overlaps(m.start(1), m.end(1)):
            continue  # the registry knows it already (Islamic State (IS))
        # an alias of the class of the name's own (the model's, or the command line's plain one)
        alias = type(cand.entry.alias)(value=abbr, lang="", case_sensitive=True, note="defined in the text")
        entry = _Entry(cand.org, alias, re.escape(abbr), False, False, abbr.lower(), defined=True)
        found[abbr] = Candidate(m.start(1), m.end(1), entry)
    if not found:
        return accepted
    assert taken is not None
    extra = list(found.values())
    for abbr, i, j in _later_uses(text, found):
        if not ((i and text[i - 1].isalnum()) or (j < len(text) and text[j].isalnum()) or taken.overlaps(i, j)):
            extra.append(Candidate(i, j, found[abbr].entry))
    return _leftmost_longest([*accepted, *extra])


_FEW_ABBREVIATIONS = 8


def _later_uses(text: str, found: dict[str, Candidate]) -> Iterator[tuple[str, int, int]]:
    """(abbreviation, start, end) of each occurrence in the text, before its definition too (a
    headline's «ÖİQ-tyñ tarihy» ahead of "Özbekstan islam qozğalysy (ÖİQ)"); the occurrences
    of one abbreviation do not overlap each other (as repeated ``str.find`` gives them)."""
    if len(found) <= _FEW_ABBREVIATIONS:
        # str.find runs at memory speed (a regex with a look-behind tries every position)
        for abbr in found:
            i = text.find(abbr)
            while i >= 0:
                yield abbr, i, i + len(abbr)
                i = text.find(abbr, i + len(abbr))
        return
    # many: one pass of an automaton, not one pass over the text per abbreviation
    import ahocorasick_rs

    abbrs = list(found)
    automaton = ahocorasick_rs.AhoCorasick(abbrs)
    free_from = dict.fromkeys(abbrs, 0)
    for index, i, j in automaton.find_matches_as_indexes(text, overlapping=True):
        abbr = abbrs[index]
        if i >= free_from[abbr]:
            free_from[abbr] = j
            yield abbr, i, j


@functools.cache
def _distance() -> Callable[..., int]:
    """rapidfuzz's Levenshtein distance, imported where first needed (an import statement
    run per comparison cost more than the comparison)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance


@functools.lru_cache(maxsize=256)
def _at_word_start(letter: str) -> re.Pattern[str]:
    """``letter`` where a word (a run of letters and digits) starts."""
    return re.compile(r"(?<![^\W_])" + re.escape(letter))


@functools.lru_cache(maxsize=4096)
def _stem_distance(stem: str, token: str, limit: int) -> int:
    """Edit distance from a stem to the token without the ending it may carry (the same
    everyday words stand next to a name's anchor again and again: the answers are kept)."""
    distance = _distance()
    best = limit + 1
    # a cut further than ``limit`` letters from the stem's length is already too far
    lo, hi = max(1, len(token) - 10, len(stem) - limit), min(len(token), len(stem) + limit)
    for cut in range(lo, hi + 1):
        d = distance(stem, token[:cut], score_cutoff=limit + 1)
        # the ending's regex is the costly part: asked only where the cut would lower the best
        if d < best and (cut == len(token) or ending().fullmatch(token, cut)):
            best = d
    return best


def _capitals_only(value: str) -> bool:
    """Whether the first word is written as an acronym: in capitals, or all but a letter of a
    Latin pair (DAISh for ДАИШ)."""
    letters = _WORD.findall(value)
    return bool(letters) and (letters[0].isupper() or sum(map(str.isupper, letters[0])) >= len(letters[0]) - 1 >= 2)


@functools.lru_cache(maxsize=1024)
def _alias_capitals(value: str) -> int:
    """_capitals of an alias (asked for every candidate of a case-sensitive name)."""
    return _capitals(value)


def _capitals(value: str) -> int:
    return sum(1 for w in _WORD.findall(value) if w[0].isupper() and w.lower() not in _PARTICLE_WORDS)


# Words that show a text is about militant or banned groups: a two-letter acronym (IS, ИГ, HT)
# counts as a name only with its full name somewhere in the text or one of these nearby.
@functools.cache
def _cues() -> re.Pattern[str]:
    return _regex.kept(_CUE_WORDS, re.IGNORECASE)


_CUE_WORDS = (
    r"milit|fighter|terror|jihad|extrem|recruit|member|caliphat|syria|iraq|attack|ideolog|"
    r"propagand|insurgen|support|affiliat|banned|behead|suicide|bomb|cell|allegiance|"
    r"боевик|террор|джихад|экстрем|вербов|вербу|член|халифат|сири|ирак|пропаганд|группиров|"
    r"запрещ|сторонник|идеолог|теракт|ячейк|присяг|"
    r"содыр|лаңкес|жиһад|экстремис|насихат|тыйым|жақтаушы|ант бер|"
    r"sodyr|lañkes|lan'kes|ekstrem|tyiym|tyıym|jaqtau"
)


def _cue_near(text: str, cand: Candidate) -> bool:
    """A cue word within 150 characters, in the same paragraph."""
    # a blank line further than 150 characters away changes nothing: look no further (a text
    # without LF blank lines, CRLF say, was searched from every acronym to its ends)
    lo = max(0, cand.start - 150, text.rfind("\n\n", max(0, cand.start - 150), cand.start) + 1)
    hi = text.find("\n\n", cand.end, cand.end + 152)
    hi = min(len(text), cand.end + 150, hi if hi >= 0 else len(text))
    return _cues().search(text, lo, hi) is not None


def _window(text: str, cand: Candidate) -> tuple[int, int]:
    """150 characters either side of a candidate, within its paragraph (searched no further
    than that, as _cue_near is)."""
    lo = max(0, cand.start - 150, text.rfind("\n\n", max(0, cand.start - 150), cand.start) + 1)
    hi = text.find("\n\n", cand.end, cand.end + 152)
    return lo, min(len(text), cand.end + 150, hi if hi >= 0 else len(text))


def _other_name_near(text: str, cand: Candidate, names: Sequence[Candidate], starts: Sequence[int]) -> bool:
    """Whether another banned organisation is named near a two-letter acronym (a list of
    banned groups, "ИДУ присягнуло ИГ"): the sentence is about the acronym's world.
    ``names`` are the accepted full names in text order, ``starts`` their starts."""
    lo, hi = _window(text, cand)
    for i in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)):
        if names[i].org is not cand.org and names[i].end <= hi:
            return True
    return False


def _opens_quote(text: str, start: int) -> bool:
    """Whether a quotation opens right before ``start`` (an opening mark after a space, a
    bracket or the start of the text)."""
    return bool(start) and text[start - 1] in _OPEN_QUOTES and (start == 1 or not text[start - 2].isalnum())


def _needs_quote(alias: Alias) -> bool:
    """Whether the scan may skip a quoted-only alias where no quotation mark opens it: a
    name with its own exclamation mark (Alga!) may also stand unquoted (see _exclaimed)."""
    return alias.quoted_only and not alias.value.endswith("!")


_AFTER_EXCLAMATION = _regex.lazy(r"![*†‡¹²³⁴-⁹⁰]*(?:[,;:)\]]|[ \u00a0]+(?:[^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]|[–—]))")
# an address: an exclamation mark, or a greeting after a comma
_CLAUSE_END = _regex.lazy(r"[.!?\n]")
_ADDRESS = _regex.lazy(
    r"[ \u00a0]?!|,[ \u00a0]*(?:ас-?сал[ая]м|сал[ая]м|сәлем|as-?salam|salam|sälem|здравствуй|привет|дорог|қымбатты)",
    re.IGNORECASE,
)
_HANDLE = _regex.lazy(r"[ \u00a0]+@\w")
_MODEL_NUMBER = _regex.lazy(r"[-\u2010\u2011]?\d")
# a domain with a path or a common ending, in a run of text without spaces
_DOMAIN = _regex.lazy(
    r"\.(?<=[\w-]\.)(?:[a-z]{2,}/|(?:com|org|net|info|kz|ru|uz|kg|tj|az|ua|by|io|tv)\b)", re.IGNORECASE
)
_ADDRESS_REACH = 120  # how far either side of a name the ends of an address are looked for
_BREAKS = " \n\t\r\u00a0([<\"'«"
_NEXT_BREAK = _regex.lazy(r"[\s)\]>\"'»]")


def _joined(text: str, start: int, end: int) -> bool:
    """Whether the span is joined to the text around it by an address's punctuation: a name
    between spaces, or ending a sentence with a full stop, is not (the common case)."""
    after = text[end + 1 : end + 2]
    if after and text[end] in _JOINERS and not after.isspace():
        return True
    return start > 1 and text[start - 1] in _JOINERS and not text[start - 2].isspace()


_JOINERS = "/-_.=?&#%+"


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the span lies inside a run of text without spaces that is a web address."""
    floor = max(0, start - _ADDRESS_REACH)
    lo = max(text.rfind(c, floor, start) for c in _BREAKS) + 1 or floor
    m = _NEXT_BREAK.search(text, end, min(len(text), end + _ADDRESS_REACH))
    hi = m.start() if m else min(len(text), end + _ADDRESS_REACH)
    if text.find(".", lo, hi) < 0:  # every address this knows has a dot: most runs stop here
        return False
    # a scheme, www., or a domain with a path or a common ending (rferl.org/a/…, site.kz)
    run = text[lo:hi].lower()  # at most 240 characters
    www = run.find("www.")
    if "://" in run or (www >= 0 and (www == 0 or not run[www - 1].isalnum())):
        return True
    return _DOMAIN.search(text, lo, hi) is not None


def _addressed(text: str, end: int) -> bool:
    """Whether the words before ``end`` are called out to: an exclamation mark or a greeting
    follows, or a comma and then a sentence that ends in one («Мұсылман бауырлар, үлес
    қосайық!»)."""
    if _ADDRESS.match(text, end):
        return True
    if not text.startswith(",", end):
        return False
    m = _CLAUSE_END.search(text, end + 1, min(len(text), end + 200))
    return m is not None and m.group() == "!"


_PARTY_BEFORE = _regex.lazy(r"(?:party|парти[яиюей]|партиясы)[ \u00a0]+$", re.IGNORECASE)


def _party_named(text: str, alias: Alias, start: int) -> bool:
    """A name with its own exclamation mark right after the word "party" ("the opposition
    party Alga!", «партия Алга!»): the party's name even where the sentence ends with it."""
    return alias.value.endswith("!") and _PARTY_BEFORE.search(text[max(0, start - 12) : start]) is not None


def _exclaimed(text: str, alias: Alias, end: int) -> bool:
    """A name with its own exclamation mark written unquoted mid-sentence: "the liquidation
    of Alga!, the party of ..." (the mark, then a comma or a word in small letters)."""
    return alias.value.endswith("!") and _AFTER_EXCLAMATION.match(text, end) is not None


# What makes a name part of a longer one: a dash and a capitalised word (ИГИЛ-Хорасан, IS-K;
# not a Kazakh suffix, which is in small letters, or in capitals in a headline: ДАИШ-ТІҢ),
# capitalised words ending in Province (Islamic State West Africa Province), and "in the"
# with a capitalised word (Al-Qaeda in the Indian Subcontinent): a branch or another group.
_LONGER_NAME = _regex.lazy(
    r"(?:[ \u00a0][A-Z][\w-]*){1,3}[ \u00a0](?:Province|Wilayah|Wilayat)\b|[ \u00a0]in[ \u00a0]the[ \u00a0][A-Z]"
)
_DASH_SET = frozenset(DASHES)
# what a headline in title case writes after a name and a dash as a compound, not a branch
_COMPOUND_WORDS = frozenset(
    "run led linked backed held ruled controlled affiliated inspired allied aligned style "
    "era occupied sponsored supported designated related leaning".split()
)
_LETTERS = _regex.lazy(r"[^\W\d_]+")


def _another_name_follows(text: str, end: int) -> bool:
    """Whether the name goes on into a longer name (see _LONGER_NAME)."""
    after = text[end : end + 1]
    if after in _DASH_SET and after:
        word = _LETTERS.match(text, end + 1)
        if word is None or word.group().lower() in _COMPOUND_WORDS:  # Taliban-Run, ISIS-Linked
            return False
        return word.group()[0].isupper() and (len(word.group()) == 1 or not word.group().isupper())
    if after in (" ", "\u00a0"):
        # both of _LONGER_NAME's branches go on with a capital A-Z or the "i" of "in"
        following = text[end + 1 : end + 2]
        return ("A" <= following <= "Z" or following == "i") and _LONGER_NAME.match(text, end) is not None
    return False


def _is_quoted(text: str, start: int, end: int) -> bool:
    """Whether the name stands between quotation marks (an exclamation mark may end it: «Алга!»)."""
    before = text[start - 1] if start else ""
    i = end
    while i < len(text) and i - end < 2 and text[i] in "!?":
        i += 1
    after = text[i] if i < len(text) else ""
    return bool(before) and before in _OPEN_QUOTES + QUOTES and bool(after) and after in _CLOSE_QUOTES + QUOTES


def _in_capitals(text: str, cand: Candidate) -> bool:
    """Whether the neighbouring words are in capitals too and so is the whole sentence (a
    headline: IS is a verb there, also when the article's first sentence follows it on the
    same line), not a list of acronyms in a sentence (ИГ, ИДУ, ДВК)."""
    before = _WORD.findall(text[max(0, cand.start - 40) : cand.start])
    after = _WORD.findall(text[cand.end : cand.end + 40])
    neighbours = before[-1:] + after[:1]
    if not any(len(w) >= 2 and w.isupper() for w in neighbours):
        return False
    lo, hi = _sentence_of(text, cand)
    return not any(len(w) >= 3 and not w.isupper() for w in _WORD.findall(text, lo, hi))


_SENTENCE_END = _regex.lazy(r"[.!?…](?=\s+[«\"“„(\[]?[^\W\d_])|\n")
_SENTENCE_ENDS = "\n.!?…"  # the characters _SENTENCE_END starts with


def _sentence_of(text: str, cand: Candidate) -> tuple[int, int]:
    """Where the sentence of the candidate starts and ends (at most 200 characters either side)."""
    lo = _sentence_start(text, max(0, cand.start - 200), cand.start, cand.end)
    after = _SENTENCE_END.search(text, cand.end, min(len(text), cand.end + 200))
    return lo, after.start() if after else min(len(text), cand.end + 200)


def _near(text: str, cand: Candidate, phrases: Sequence[str]) -> bool:
    """Whether one of the phrases stands in the sentence of the candidate."""
    lo, hi = _sentence_of(text, cand)
    # a phrase counts where a word starts with it: "ойын" (game) is not the one in "мойындады"
    return _phrases(tuple(phrases), cand.entry.translit).search(text, lo, hi) is not None


def _sentence_start(text: str, lo: int, start: int, end: int) -> int:
    """Where the sentence of a name at ``start`` begins, not before ``lo``: after the last
    sentence end that _SENTENCE_END finds between ``lo`` and ``start``, searched up to the
    end of the name (``end``: the look-ahead after a full stop must see it); searched back
    from the name (forwards, each sentence end of the 200 characters was a match object)."""
    last = [text.rfind(c, lo, start) for c in _SENTENCE_ENDS]  # the last of each before the name
    while True:
        at = max(last)
        if at < 0:
            return lo
        if _SENTENCE_END.match(text, at, end):
            return at + 1
        i = last.index(at)  # a full stop that ends no sentence (3.5, т.б.): the one before it
        last[i] = text.rfind(_SENTENCE_ENDS[i], lo, at)


@functools.lru_cache(maxsize=256)
def _phrases(phrases: tuple[str, ...], latin: bool = False) -> re.Pattern[str]:
    """One pattern for an alias's ``unless_near`` phrases, each at the start of a word; for a
    form in Latin letters (``latin``), Cyrillic phrases also in the Latin alphabets of Kazakh,
    as its name is (a guard in Cyrillic only would let the Latin namesake through)."""
    parts = [re.escape(p) for p in phrases]
    if latin:
        parts += [kazakh_latin.word_pattern(p.lower()) for p in phrases if not p.isascii()]
    return _regex.kept(r"(?<![^\W_])(?:" + "|".join(parts) + ")", re.IGNORECASE)
