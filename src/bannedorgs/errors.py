"""The exception hierarchy: one root, and subclasses that also inherit the matching builtin.

Every module imports this one, the command line's quickest paths included, so it imports
nothing itself: :class:`Problem` is a small frozen class written out by hand rather than
an attrs class, which would make ``bannedorgs lookup`` load attrs for an error it never
raises.

>>> Problem("registry.yaml", 42, 7, "decided_on", "'2005-13-45' is not a date")
Problem(path='registry.yaml', line=42, column=7, field='decided_on', message="'2005-13-45' is not a date")
>>> str(_)
"registry.yaml:42:7: decided_on: '2005-13-45' is not a date"
"""

from __future__ import annotations

from ._value import Value

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "BannedOrgsError",
    "OrganisationNotFoundError",
    "Problem",
    "RegistryError",
    "UnclosedMarkupError",
    "UnclosedMarkupWarning",
]


class BannedOrgsError(Exception):
    """The root of every error this library raises on purpose."""


class Problem(Value):
    """One thing wrong in a registry file, with where it is: a frozen value (equal when its
    fields are, hashable), like the model's classes."""

    __slots__ = ("column", "field", "line", "message", "path")
    _FIELDS = ("path", "line", "column", "field", "message")
    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    field: str
    message: str

    def __init__(self, path: str, line: int, column: int, field: str, message: str) -> None:
        for name, value in zip(self._FIELDS, (path, line, column, field, message), strict=True):
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[str, int, int, str, str]:
        return self.path, self.line, self.column, self.field, self.message

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Problem cannot be changed (its {name!r} was being set)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Problem cannot be changed (its {name!r} was being deleted)")

    def __repr__(self) -> str:
        return "Problem(" + ", ".join(f"{n}={v!r}" for n, v in zip(self._FIELDS, self._fields(), strict=True)) + ")"

    def __reduce__(self) -> tuple[type[Problem], tuple[str, int, int, str, str]]:
        return type(self), self._fields()

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class RegistryError(BannedOrgsError, ValueError):
    """A registry file is not valid; ``errors`` lists every problem found in one pass."""

    def __init__(self, errors: Sequence[Problem]) -> None:
        self.errors: tuple[Problem, ...] = tuple(errors)
        count = len(self.errors)
        head = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"{head} in the registry:\n" + "\n".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[type[RegistryError], tuple[tuple[Problem, ...]]]:
        # rebuilt from its problems, not from the message (a process pool pickles errors)
        return type(self), (self.errors,)


class OrganisationNotFoundError(BannedOrgsError, LookupError):
    """No organisation in the registry has this id, name or alias."""

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        msg = f"no organisation in the registry is called {query!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(msg)

    def __reduce__(self) -> tuple[type[OrganisationNotFoundError], tuple[str, tuple[str, ...]]]:
        # rebuilt from the query, not from the message (a process pool pickles errors)
        return type(self), (self.query, self.suggestions)

    def __str__(self) -> str:
        return str(self.args[0])


class UnclosedMarkupError(BannedOrgsError, ValueError):
    """A document ends inside markup that is never closed (an HTML comment, a ``<script>``,
    a tag, an HTML block in Markdown), where footnotes would not be shown; ``offset`` is
    where that markup starts."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(f"{reason} (offset {offset}); footnotes appended there would not be shown")
        self.reason = reason
        self.offset = offset

    def __reduce__(self) -> tuple[type[UnclosedMarkupError], tuple[str, int]]:
        return type(self), (self.reason, self.offset)


class UnclosedMarkupWarning(UserWarning):
    """:func:`~bannedorgs.annotate` met a document that ends inside markup that is never
    closed: it annotated the document up to where that markup starts, put the footnotes
    there and left the rest as it was. ``offset``, ``line`` and ``column`` (1-based) say
    where the unclosed markup starts; ``reason`` names it."""

    def __init__(self, reason: str, offset: int, line: int, column: int) -> None:
        super().__init__(
            f"{reason}, which starts at line {line}, column {column}; "
            "the text before it is annotated and the footnotes are put there"
        )
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[UnclosedMarkupWarning], tuple[str, int, int, int]]:
        return type(self), (self.reason, self.offset, self.line, self.column)
