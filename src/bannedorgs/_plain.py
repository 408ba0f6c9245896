"""Frozen attrs objects as plain data and back, for the on-disk cache.

Plain data is what :mod:`marshal` writes and reads without running code: None, booleans,
numbers, strings, bytes, lists, dicts with string keys and tuples. A tuple is always a node
with a tag, so reading is never ambiguous; an object is rebuilt only from a class the
reader names (a model class of its own), through that class's constructor, so its
validation runs again. An organisation inside another object is written as its id and read
back as the reader's own object with that id. Anything else is refused with a ValueError.

>>> from bannedorgs.model import Alias, PartialDate
>>> data = to_plain((Alias("ISIS", "en"), PartialDate(2014, 10)))
>>> from_plain(data, {"Alias": Alias, "PartialDate": PartialDate})
(Alias(value='ISIS', lang='en', ...), PartialDate(year=2014, month=10, day=None))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["from_plain", "to_plain"]

_TUPLE, _OBJECT, _FROZENSET, _DATE, _ORG = range(5)
_SCALARS = (str, int, float, bool, bytes, type(None))


def to_plain(value: Any, *, orgs_by_id: bool = False) -> Any:
    """``value`` as plain data; with ``orgs_by_id`` an Organisation is written as its id.
    Equal strings become one object, which marshal then writes once."""
    strings: dict[str, str] = {}

    def walk(v: Any) -> Any:
        if isinstance(v, str):
            return strings.setdefault(v, v)
        if isinstance(v, _SCALARS):
            return v
        if isinstance(v, tuple):
            return (_TUPLE, tuple(map(walk, v)))
        if isinstance(v, list):
            return list(map(walk, v))
        if isinstance(v, dict):
            if not all(isinstance(k, str) for k in v):
                raise ValueError("only dicts with string keys are plain data")
            return {walk(k): walk(x) for k, x in v.items()}
        if isinstance(v, frozenset):
            return (_FROZENSET, tuple(map(walk, v)))
        if type(v) is dt.date:
            return (_DATE, v.toordinal())
        if orgs_by_id and type(v).__name__ == "Organisation":
            return (_ORG, v.id)
        if attrs.has(type(v)):
            fields = {f.alias: walk(getattr(v, f.name)) for f in attrs.fields(type(v)) if f.init}
            return (_OBJECT, walk(type(v).__name__), fields)
        raise ValueError(f"{type(v).__name__} is not plain data")

    return walk(value)


def from_plain(data: Any, classes: Mapping[str, type], orgs: Mapping[str, Any] | None = None) -> Any:
    """The value :func:`to_plain` wrote; objects only of ``classes``, organisations from
    ``orgs``. Raises ValueError (or the error of a class's own validation) on anything else."""
    scalars = frozenset(_SCALARS)

    def walk(d: Any) -> Any:
        kind = type(d)
        if kind in scalars:
            return d
        if kind is list:
            return [x if type(x) in scalars else walk(x) for x in d]
        if kind is dict:
            return {k: x if type(x) in scalars else walk(x) for k, x in d.items() if type(k) is str}
        if kind is not tuple or not d:
            if isinstance(d, _SCALARS):  # a subclass of a scalar type: as isinstance let it pass before
                return d
            raise ValueError(f"{kind.__name__} is not plain data")
        tag = d[0]
        if tag == _OBJECT and len(d) == 3 and type(d[2]) is dict:
            cls = classes.get(d[1]) if type(d[1]) is str else None
            if cls is None:
                raise ValueError(f"{d[1]!r} is not a class this reader knows")
            return cls(**{k: x if type(x) in scalars else walk(x) for k, x in d[2].items() if type(k) is str})
        if tag == _TUPLE and len(d) == 2 and type(d[1]) is tuple:
            return tuple([x if type(x) in scalars else walk(x) for x in d[1]])
        if tag == _FROZENSET and len(d) == 2 and type(d[1]) is tuple:
            return frozenset(map(walk, d[1]))
        if tag == _DATE and len(d) == 2 and type(d[1]) is int:
            return dt.date.fromordinal(d[1])
        if tag == _ORG and len(d) == 2 and orgs is not None and d[1] in orgs:
            return orgs[d[1]]
        raise ValueError(f"{d!r:.80} is not a node of plain data")

    return walk(data)
