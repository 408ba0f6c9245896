"""Where the registry's text comes from, and the key of what is built from it.

Kept apart from :mod:`bannedorgs.registry` (which builds the model's attrs classes) so that
the command line's quick paths can find their cached plan from the files' bytes alone.
"""

from __future__ import annotations

import os

from .errors import Problem, RegistryError

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

__all__ = ["MAX_REGISTRY_BYTES", "sources"]


#: The largest registry file read (the bundled one is under 100 KiB); a larger file, or an
#: endless one such as /dev/zero, is refused once this much has been read.
MAX_REGISTRY_BYTES = 64 * 1024 * 1024


def _read(path: Path) -> tuple[str, str]:
    try:
        with open(path, "rb") as handle:  # a pipe or /dev/stdin too, once
            raw = handle.read(MAX_REGISTRY_BYTES + 1)
        if len(raw) > MAX_REGISTRY_BYTES:
            limit = f"{MAX_REGISTRY_BYTES // (1024 * 1024)} MiB"
            raise RegistryError([Problem(str(path), 0, 0, "", f"is larger than {limit}, the most a registry may be")])
        return raw.decode("utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise RegistryError(
            [Problem(str(path), 0, 0, "", f"not UTF-8 text (byte {exc.start}): {exc.reason}")]
        ) from None
    except OSError as exc:
        raise RegistryError([Problem(str(path), 0, 0, "", f"cannot be read: {exc.strerror or exc}")]) from None


def _default_text() -> tuple[str, str]:
    """The registry that answers when none is named: the bundled one, or a newer one the user
    installed (``bannedorgs data install``; see _datadir)."""
    from ._datadir import newer_of

    return newer_of(_bundled_text())


def _path(path: str | os.PathLike[str]) -> Path:
    from pathlib import Path  # only for a file the caller names: the bundled one needs none

    return Path(path)


def _text_of(path: str) -> str:
    with open(path, encoding="utf-8") as handle:  # text mode, as Path.read_text reads
        return handle.read()


def _bundled_text() -> tuple[str, str]:
    here = os.path.dirname(__file__)
    beside = os.path.join(here, "data", "registry.yaml")  # an installed wheel: a plain file
    if os.path.isfile(beside):
        return _text_of(beside), "registry.yaml"
    # an editable install or a source checkout: the file lives at the repository root (looked
    # for before importlib.resources, whose import costs a command more than reading the file)
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    root = os.path.join(top, "data", "registry.yaml")
    if os.path.isfile(root) and os.path.isdir(os.path.join(top, "src", "bannedorgs")):
        return _text_of(root), root
    from importlib import resources  # inside a zip, say: only importlib can read it

    ref = resources.files("bannedorgs").joinpath("data/registry.yaml")
    if ref.is_file():
        return ref.read_text(encoding="utf-8"), "registry.yaml"
    return _text_of(root), root


def sources(
    path: str | os.PathLike[str] | None, extra: Iterable[str | os.PathLike[str]] | str | os.PathLike[str] = ()
) -> tuple[tuple[str, str], list[tuple[str, str]], str]:
    """``(text, name)`` of the registry (the bundled one when ``path`` is None) and of each
    ``extra`` file, and the cache key of them all (see :func:`bannedorgs._cache.fingerprint`)."""
    from . import _cache

    if isinstance(extra, str | os.PathLike):  # one path, not a sequence of one-letter names
        extra = [extra]
    first = _default_text() if path is None else _read(_path(path))
    extras = [_read(_path(p)) for p in extra]
    key = _cache.fingerprint(piece.encode("utf-8") for pair in [first, *extras] for piece in pair)
    return first, extras, key
