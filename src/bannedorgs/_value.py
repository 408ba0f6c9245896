"""Equality and hashing by fields, for the plain classes on the start-up path.

A frozen attrs class is equal to another of its class when their fields are, and is hashed
by them. The classes a command builds before it answers (the errors, the forms, the
matcher's entries) are plain classes, because attrs costs time to import and to define a
class with; this is the part of attrs they keep.
"""

from __future__ import annotations

__all__ = ["Value"]


class Value:
    """Equal to an object of its own class whose :meth:`_fields` are equal; hashed by them."""

    __slots__ = ()

    def _fields(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Value)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())
