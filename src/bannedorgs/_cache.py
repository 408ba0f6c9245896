"""A small on-disk cache of the parsed registry, the compiled matcher and the records of its
compiled patterns (see :mod:`bannedorgs._regex`), as plain data.

Reading and validating the YAML and compiling the matcher take a few tenths of a second,
which a command run once per article would pay every time. Both are kept under the user's
cache directory as plain data (strings, numbers, bytes, tuples, lists and dicts written with
:mod:`marshal`; see :mod:`bannedorgs._plain`), keyed by a hash of the library version and of
every registry file's bytes, so any change to the code or the data builds them afresh. Set
``BANNEDORGS_CACHE_DIR`` to move the cache, or ``BANNEDORGS_NO_CACHE=1`` to turn it off.

A cache directory is not trusted further than it must be. Nothing read from it can run code:
the entries are plain data, never pickles, and each carries a keyed BLAKE2b checksum made
with a random per-user key (``key``, mode 0600, in the same directory) that is checked
before :mod:`marshal` reads a byte of it, since marshal is not made to read hostile input.
An entry, the key or the directory is refused (and the work is done without the cache) when
it is not a regular file (or directory), is a symbolic link, is not owned by the user, or is
writable by others (the directory: by its group or others); a file is opened without
following links and without blocking (a FIFO named like an entry does not hang a run), and
one larger than ``MAX_BYTES`` is not read. The directory is created 0700 and files 0600.
A cache that cannot be read or written is ignored: it only ever saves time. Only the entries
used most recently are kept (``KEEP`` of each kind), so upgrades and edited registries do not
pile up files.
"""

from __future__ import annotations

import os
import stat
import time

# BLAKE2 from CPython's own module (which hashlib.blake2b is), and the constant-time
# comparison hmac.compare_digest is built on: hashlib and hmac would load OpenSSL's library
# first, a tenth of a quick command's time
from _blake2 import blake2b
from _operator import _compare_digest as _same

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

__all__ = ["KEEP", "MAX_BYTES", "fingerprint", "get", "put"]

KEEP = 8  # entries of each kind; a reader touches its entry, a writer removes the oldest
MAX_BYTES = 64 << 20  # an entry is a few hundred KB; anything far larger is not ours
_SUFFIX = ".marshal"
_STALE = 3600  # seconds after which a temporary file is a dead writer's
_KEY = "key"
_KEY_BYTES = 32
_DIGEST = 32
_MARSHAL_VERSION = 4
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class _Quietly:
    """``contextlib.suppress(OSError)``, without importing contextlib on the quick paths."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, value: object, traceback: object) -> bool:
        return kind is not None and issubclass(kind, OSError)


_quietly = _Quietly()


def _directory() -> str | None:
    if os.environ.get("BANNEDORGS_NO_CACHE"):
        return None
    explicit = os.environ.get("BANNEDORGS_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "bannedorgs")


def _owned(info: os.stat_result) -> bool:
    geteuid = getattr(os, "geteuid", None)  # not on Windows, where a profile is per user
    return geteuid is None or info.st_uid == geteuid()


def _open_directory(path: str, *, create: bool) -> int | None:
    """A descriptor of the cache directory, or None when it is missing or not trusted: a
    symbolic link, not a directory, not the user's, or writable by its group or others."""
    if create:
        with _quietly:
            parent = os.path.dirname(os.path.abspath(path))
            os.makedirs(parent, exist_ok=True)
            os.mkdir(path, 0o700)
    try:
        fd = os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    if not stat.S_ISDIR(info.st_mode) or not _owned(info) or info.st_mode & 0o022:
        os.close(fd)
        return None
    return fd


def _read(name: str, directory: int, *, private: bool = False) -> bytes | None:
    """The bytes of a regular file of the user's in the directory, or None. ``private``: the
    file must not be readable by others either (the key)."""
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=directory)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        refused = 0o077 if private else 0o022
        if not stat.S_ISREG(info.st_mode) or not _owned(info) or info.st_mode & refused or info.st_size > MAX_BYTES:
            return None
        chunks = []
        left = info.st_size + 1  # one more: a file that grew meanwhile is not read in part
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) != info.st_size:
            return None
        with _quietly:
            os.utime(fd)  # recently used: the last to be pruned
        return data
    except OSError:
        return None
    finally:
        os.close(fd)


def _key(directory: int, *, create: bool) -> bytes | None:
    """The user's random checksum key, made on first write."""
    key = _read(_KEY, directory, private=True)
    if key is not None:
        return key if len(key) == _KEY_BYTES else None
    if not create:
        return None
    fresh = os.urandom(_KEY_BYTES)
    try:
        fd = os.open(_KEY, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=directory)
    except FileExistsError:  # another process made it first: use that one
        key = _read(_KEY, directory, private=True)
        return key if key is not None and len(key) == _KEY_BYTES else None
    except OSError:
        return None
    try:
        os.write(fd, fresh)
    finally:
        os.close(fd)
    return fresh


def _checksum(key: bytes, name: str, data: bytes | memoryview) -> bytes:
    """The keyed checksum of an entry, bound to its name (an entry moved to another name is a miss)."""
    digest = blake2b(name.encode() + b"\0", key=key, digest_size=_DIGEST)
    digest.update(data)
    return digest.digest()


def _code_stamp() -> bytes:
    """The version and the size and time of every module, so an edited checkout never
    reads what an older build of the code wrote."""
    from . import __version__

    stamps = [__version__]
    _stamp_folder(os.path.dirname(__file__), "", stamps)
    return "\n".join(stamps).encode()


def _stamp_folder(folder: str, prefix: str, stamps: list[str]) -> None:
    """Add ``path:size:mtime`` of every module under ``folder`` (bytecode folders are not
    walked: a command pays for every directory read)."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith(".py"):
            try:
                info = entry.stat()
            except OSError:
                continue
            stamps.append(f"{prefix}{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    for entry in entries:
        if entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
            _stamp_folder(entry.path, f"{prefix}{entry.name}/", stamps)


def fingerprint(parts: Iterable[bytes]) -> str:
    digest = blake2b(_code_stamp(), digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def get(kind: str, key: str) -> Any:
    """The plain data stored under ``kind`` and ``key``, or None."""
    path = _directory()
    if path is None:
        return None
    directory = _open_directory(path, create=False)
    if directory is None:
        return None
    name = f"{kind}-{key}{_SUFFIX}"
    try:
        secret = _key(directory, create=False)
        data = _read(name, directory) if secret is not None else None
    finally:
        os.close(directory)
    if secret is None or data is None or len(data) < _DIGEST:
        return None
    import marshal

    payload = memoryview(data)[_DIGEST:]  # not copied: an entry is hundreds of KB
    if not _same(data[:_DIGEST], _checksum(secret, name, payload)):
        return None  # not written by this user's library: never read further
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def put(kind: str, key: str, value: Any) -> bool:
    """Store plain data; never fails (a read-only home just means no cache). Whether it was
    stored."""
    path = _directory()
    if path is None:
        return False
    import marshal

    try:
        payload = marshal.dumps(value, _MARSHAL_VERSION)
    except ValueError:  # not plain data: a bug of the caller, but no reason to fail
        return False
    directory = _open_directory(path, create=True)
    if directory is None:
        return False
    try:
        secret = _key(directory, create=True)
        if secret is None:
            return False
        name = f"{kind}-{key}{_SUFFIX}"
        tmp = f".{kind}-{key}.{os.getpid()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=directory)
            try:
                with os.fdopen(fd, "wb", closefd=False) as fh:
                    fh.write(_checksum(secret, name, payload))
                    fh.write(payload)
            finally:
                os.close(fd)
            os.replace(tmp, name, src_dir_fd=directory, dst_dir_fd=directory)
        except OSError:
            with _quietly:
                os.unlink(tmp, dir_fd=directory)
            return False
        _prune(directory, kind)
    finally:
        os.close(directory)
    return True


def _prune(directory: int, kind: str) -> None:
    """Remove all but the ``KEEP`` most recently used entries of ``kind``."""
    entries = []
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if name.startswith(f".{kind}-") and name.endswith(".tmp"):  # a writer that died
            with _quietly:
                info = os.stat(name, dir_fd=directory, follow_symlinks=False)
                if time.time() - info.st_mtime > _STALE:
                    os.unlink(name, dir_fd=directory)
            continue
        if not name.startswith(f"{kind}-"):
            continue
        if name.endswith(".pickle"):  # left by an older version, which pickled its entries
            with _quietly:
                os.unlink(name, dir_fd=directory)
            continue
        if not name.endswith(_SUFFIX):
            continue
        try:
            entries.append((os.stat(name, dir_fd=directory, follow_symlinks=False).st_mtime_ns, name))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, name in entries[KEEP:]:
        with _quietly:
            os.unlink(name, dir_fd=directory)
