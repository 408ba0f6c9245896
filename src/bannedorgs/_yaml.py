"""Read YAML into nodes that remember their line and column.

The only module that imports PyYAML. Scalars stay strings (``ON`` is not ``True``,
``2005-03-28`` is not a date), null scalars become None, and duplicate keys are
reported rather than silently overwritten. Anchors and aliases (``&a``, ``*a``) are refused
with their position: the schema never needs them, and a few hundred bytes of nested aliases
would otherwise expand into gigabytes (or, ``&a [*a]``, into a cycle).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeAlias

import attrs
import yaml

from .errors import Problem

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["Node", "parse"]

_NULL_TAG = "tag:yaml.org,2002:null"
# An anchor or alias indicator can only follow the start of a line, a space or a flow
# indicator; a text without one is parsed without the extra pass over its events.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},])[&*][^\s\[\]{},]", re.M)

Value: TypeAlias = "dict[str, Node] | list[Node] | str | None"


@attrs.frozen
class Node:
    value: Value
    line: int  # 1-based
    column: int  # 1-based

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_str(self) -> bool:
        return isinstance(self.value, str)

    def items(self) -> Iterator[tuple[str, Node]]:
        assert isinstance(self.value, dict)
        return iter(self.value.items())

    def get(self, key: str) -> Node | None:
        if isinstance(self.value, dict):
            return self.value.get(key)
        return None


def parse(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """Parse ``text``; return the root node (None when unreadable) and the problems found."""
    problems: list[Problem] = []
    try:
        if _MAYBE_ANCHOR.search(text):
            problems = _anchors(text, path)
            if problems:
                return None, problems
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "not valid YAML"
        problems.append(Problem(path, line, col, "", f"YAML syntax error: {what}"))
        return None, problems
    except RecursionError:  # pragma: no cover - the pure-Python parser, without libyaml's depth limit
        problems.append(Problem(path, 0, 0, "", f"lists and mappings nest deeper than {MAX_DEPTH} levels"))
        return None, problems
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark are rare
        problems.append(Problem(path, 0, 0, "", f"YAML error: {exc}"))
        return None, problems
    if root is None:
        return None, problems
    return _convert(root, path, problems), problems


def _anchors(text: str, path: str) -> list[Problem]:
    """A problem for every anchor and alias, found in the parser's events (before any node
    is built, so neither a cycle nor an exponential expansion is ever composed)."""
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            continue
        what = f"an alias (*{anchor})" if isinstance(event, yaml.AliasEvent) else f"an anchor (&{anchor})"
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.append(Problem(path, line, col, "", f"{what} is not allowed: write the value out in full"))
    return problems


#: How deeply lists and mappings may nest (the schema needs five levels); deeper is refused
#: with its position rather than left to exhaust the interpreter's stack.
MAX_DEPTH = 64


def _convert(node: yaml.Node, path: str, problems: list[Problem], depth: int = 0) -> Node:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        value: Value = None if node.tag == _NULL_TAG else str(node.value)
        return Node(value, line, col)
    if depth >= MAX_DEPTH:
        problems.append(Problem(path, line, col, "", f"lists and mappings nest deeper than {MAX_DEPTH} levels here"))
        return Node(None, line, col)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, path, problems, depth + 1) for item in node.value], line, col)
    assert isinstance(node, yaml.MappingNode)
    mapping: dict[str, Node] = {}
    for key_node, value_node in node.value:
        kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, kline, kcol, "", "a key must be a plain string"))
            continue
        key = str(key_node.value)
        if key in mapping:
            first = mapping[key]
            problems.append(Problem(path, kline, kcol, key, f"duplicate key (first at line {first.line})"))
            continue
        mapping[key] = _convert(value_node, path, problems, depth + 1)
    return Node(mapping, line, col)
