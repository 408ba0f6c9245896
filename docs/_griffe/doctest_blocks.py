"""A Griffe extension for the API reference: docstrings written for ``doctest`` and Sphinx,
rendered as Markdown.

The docstrings of bannedorgs are plain prose with doctest sessions, reST roles and double
backquotes, and the odd reST table. Markdown would read ``>>>`` as
three nested block quotes and a doctest's ``['id']`` as a reference link, so before
mkdocstrings renders a docstring this extension

* puts every doctest session (a ``>>>`` line up to the next blank line) in a ``pycon`` fence,
  without its ``# doctest:`` directives;
* puts every reST simple table (``===  ===`` borders) in a ``text`` fence;
* turns a reST role (func, meth, class, data, mod …) into inline code;
* adds the blank line Markdown needs before a list that follows a paragraph line.

The source files are not changed; only the docs build (``mkdocs.yml``) loads this file.

>>> md = markdown_docstring('''Parse a date.
...
... >>> as_date("2005-03-28")  # doctest: +ELLIPSIS
... datetime.date(2005, 3, 28)
...
... See :func:`render`.
... - one
... - two''')
>>> md.splitlines()
['Parse a date.', '',
 '```pycon', '>>> as_date("2005-03-28")', 'datetime.date(2005, 3, 28)', '```', '',
 'See `render`.', '', '- one', '- two']
"""

from __future__ import annotations

import re
from typing import Any

try:
    from griffe import Extension
except ImportError:  # the docs extras are not installed; markdown_docstring still works
    Extension = object  # type: ignore[assignment,misc]

__all__ = ["DoctestBlocks", "markdown_docstring"]

_PROMPT = re.compile(r"^(\s*)>>>(?: |$)")
_DIRECTIVE = re.compile(r"\s*#\s*doctest:.*$")
_TABLE_BORDER = re.compile(r"^\s*=+(?: +=+)+\s*$")
_ROLE = re.compile(r":(?:py:)?(?:func|meth|class|data|attr|mod|exc|obj|const):`~?([^`]+)`")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]) +\S")


def markdown_docstring(text: str) -> str:
    """``text`` (a cleaned docstring) with its doctest sessions and reST tables fenced."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    in_fence = False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            out.append(line)
            i += 1
            continue
        prompt = None if in_fence else _PROMPT.match(line)
        if prompt:
            indent = prompt.group(1)
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(_DIRECTIVE.sub("", lines[i].removeprefix(indent)))
                i += 1
            _blank_before(out)
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        if not in_fence and _TABLE_BORDER.match(line):
            block, borders = [], 0
            while i < len(lines) and borders < 3:
                borders += bool(_TABLE_BORDER.match(lines[i]))
                block.append(lines[i])
                i += 1
            _blank_before(out)
            out += ["```text", *block, "```"]
            continue
        if not in_fence:
            line = _ROLE.sub(r"`\1`", line)
            previous = out[-1] if out else ""
            if _LIST_ITEM.match(line) and previous[:1].strip() and not _LIST_ITEM.match(previous):
                out.append("")  # a list right after a paragraph line (not after an indented one)
        out.append(line)
        i += 1
    return "\n".join(out)


def _blank_before(out: list[str]) -> None:
    if out and out[-1].strip():
        out.append("")


class DoctestBlocks(Extension):  # type: ignore[misc]
    """Rewrite each docstring with :func:`markdown_docstring` once the object tree is built."""

    def on_package(self, *, pkg: Any, **kwargs: Any) -> None:
        # on_object is fired for the members of a package, not for the package itself
        self.on_object(obj=pkg)

    def on_object(self, *, obj: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)
