"""A newer registry installed by the user, which answers instead of the bundled one.

The data is released apart from the code (``data_version``, ``YYYY.N``). A newsroom that
cannot wait for a code release installs a newer registry file with ``bannedorgs data install
FILE``: it is validated first, then copied to the user data directory
(``$BANNEDORGS_DATA_DIR``, else ``$XDG_DATA_HOME/bannedorgs``, else
``~/.local/share/bannedorgs``). From then on the newer of the two — the installed file or
the registry bundled with the code — answers, the way :mod:`zoneinfo` prefers the system's
time-zone data to the ``tzdata`` package: upgrading the code to one bundling newer data
makes the installed file idle again, with nothing to remove.

Only the header is read to choose (a regular expression, no YAML parse), so the choice costs
one small file read.
"""

from __future__ import annotations

import os
import re

TYPE_CHECKING = False  # pathlib is imported only when a Path is asked for: not to read the data
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["ENV", "FILENAME", "data_version", "directory", "installed", "newer_of"]

ENV = "BANNEDORGS_DATA_DIR"
FILENAME = "registry.yaml"  # a JSON export may be installed too: YAML reads JSON

# compiled (and kept by re) when a header is first read: not when no registry is installed
_HEADER = r"""(?:^|[{,])\s*["']?(data_version|schema_version)["']?\s*:\s*["']?([0-9.]+)["']?"""
_READS_SCHEMA = "1"


def directory() -> Path:
    """Where an installed registry lives."""
    from pathlib import Path

    return Path(_directory())


def _directory() -> str:
    explicit = os.environ.get(ENV)
    if explicit:
        return explicit
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "bannedorgs")


def installed() -> Path:
    """The path an installed registry has (it may not exist)."""
    return directory() / FILENAME


def _header(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in re.compile(_HEADER, re.MULTILINE).finditer(
        text, 0, 4096
    ):  # the header comes first in every file we write
        found.setdefault(match.group(1), match.group(2))
    return found


def data_version(text: str) -> tuple[int, int] | None:
    """``(year, n)`` of a registry's ``data_version``, or None when the header has none.

    >>> data_version('schema_version: 1\\ndata_version: "2026.12"\\n')
    (2026, 12)
    >>> data_version('{"schema_version": 1, "data_version": "2027.1"}')
    (2027, 1)
    """
    version = _header(text).get("data_version", "")
    year, _, number = version.partition(".")
    if not (year.isdigit() and number.isdigit()):
        return None
    return int(year), int(number)


def newer_of(bundled: tuple[str, str]) -> tuple[str, str]:
    """``(text, name)`` of the installed registry when it is newer than ``bundled``, else ``bundled``.

    An installed file the code cannot read (another ``schema_version``, no readable header,
    unreadable bytes) is passed over: the bundled data still answers.
    """
    try:  # the same file as installed() names, read without pathlib
        with open(os.path.join(_directory(), FILENAME), encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return bundled
    mine, theirs = data_version(text), data_version(bundled[0])
    if mine is None or _header(text).get("schema_version") != _READS_SCHEMA:
        return bundled
    if theirs is not None and mine <= theirs:
        return bundled
    return text, str(installed())


def origin(paths: tuple[str, ...], *, named: bool) -> dict[str, str]:
    """Which data answered: ``{"origin": "bundled" | "installed" | "file", "path": ...}``.

    ``paths`` are a registry's own (Registry.paths); ``named`` is true when the caller chose
    the file (``--registry``/``--extra``).
    """
    first = paths[0] if paths else ""
    if named:
        return {"origin": "file", "path": first}
    if first == str(installed()):
        return {"origin": "installed", "path": first}
    from pathlib import Path

    beside = Path(__file__).parent / "data" / FILENAME
    return {"origin": "bundled", "path": str(beside) if beside.is_file() else first}
