"""A small on-disk cache of the parsed registry and the compiled matcher.

Reading and validating the YAML and compiling the matcher take a few tenths of a second,
which a command run once per article would pay every time. Both are pickled under the
user's cache directory, keyed by a hash of the library version and of every registry file's
bytes, so any change to the code or the data builds them afresh. Set
``BANNEDORGS_CACHE_DIR`` to move the cache, or ``BANNEDORGS_NO_CACHE=1`` to turn it off.
A cache that cannot be read or written is ignored: it only ever saves time. Only the
entries used most recently are kept (``KEEP`` of each kind), so upgrades and edited
registries do not pile up files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["KEEP", "fingerprint", "get", "put"]

KEEP = 8  # entries of each kind; a reader touches its entry, a writer removes the oldest


def _directory() -> Path | None:
    if os.environ.get("BANNEDORGS_NO_CACHE"):
        return None
    explicit = os.environ.get("BANNEDORGS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bannedorgs"


def _code_stamp() -> bytes:
    """The version and the size and time of every module, so an edited checkout never
    reads what an older build of the code wrote."""
    from . import __version__

    here = Path(__file__).parent
    stamps = [__version__]
    for module in sorted(here.rglob("*.py")):
        try:
            info = module.stat()
        except OSError:
            continue
        stamps.append(f"{module.relative_to(here)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(stamps).encode()


def fingerprint(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256(_code_stamp())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


def get(kind: str, key: str) -> Any:
    """The object stored under ``kind`` and ``key``, or None."""
    directory = _directory()
    if directory is None:
        return None
    path = directory / f"{kind}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
    except Exception:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: the last to be pruned
    return value


def put(kind: str, key: str, value: Any) -> None:
    """Store ``value``; never fails (a read-only home just means no cache)."""
    directory = _directory()
    if directory is None:
        return
    try:
        import tempfile  # only a writer needs it (and it imports shutil, random ...)

        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, directory / f"{kind}-{key}.pickle")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return
    _prune(directory, kind)


def _prune(directory: Path, kind: str) -> None:
    """Remove all but the ``KEEP`` most recently used entries of ``kind``."""
    entries = []
    for path in directory.glob(f"{kind}-*.pickle"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[KEEP:]:
        try:
            path.unlink()
        except OSError:
            continue
