"""The ``bannedorgs`` command: look organisations up, list them, validate registries, annotate
and check texts.

Exit status: 0 success; 1 nothing found, invalid registry data, or problems found by
``check``/``validate``; 2 bad usage or input that cannot be read. Every error is one line on
standard error that names the offending value; user errors never print a traceback.

Only argparse, os and sys are imported with this module (``bannedorgs lookup X`` should start
about as fast as Python itself); each command imports what it needs.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import Any

    from .annotator import Annotator
    from .model import Decision, Organisation, Status
    from .registry import Registry

__all__ = ["main"]

PROG = "bannedorgs"
OK, FOUND_PROBLEMS, USAGE = 0, 1, 2
_BOM = b"\xef\xbb\xbf"
_STDIN = "-"
_STDIN_NAME = "<stdin>"


class _Failure(Exception):
    """An error for the user: printed as ``bannedorgs: message``, exit status ``code``."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# ---------------------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    # the global options may also follow the command: they go to other attributes there,
    # so a subparser's default cannot overwrite the value given before the command
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("registry options")
    group.add_argument("--registry", dest="registry_sub", metavar="PATH", help="use this registry file")
    group.add_argument(
        "--extra", dest="extra_sub", metavar="PATH", action="append", help="merge this YAML file in (repeatable)"
    )

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Organisations banned by Kazakh courts as terrorist or extremist: look them up, "
        "list them, and mark them in news text with footnotes.",
        epilog="Exit status: 0 ok, 1 not found or problems found, 2 bad usage or unreadable input.",
    )
    parser.add_argument("--version", action="store_true", help="print the version of the code and of the data")
    parser.add_argument("--registry", metavar="PATH", help="use this registry file instead of the bundled one")
    parser.add_argument(
        "--extra", metavar="PATH", action="append", default=[], help="merge this YAML file in (repeatable)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func, registry_sub=None, extra_sub=None)
        return p

    p = command("lookup", _cmd_lookup, "show one organisation and whether it is banned on a date")
    p.add_argument("name", metavar="NAME", help="a name, alias or id, in any of the three languages")
    p.add_argument("--on", metavar="DATE", help="the date to judge the status on (default: today)")
    p.add_argument("--json", action="store_true", help="print a JSON object")

    p = command("search", _cmd_search, "organisations whose names resemble a query, best first")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=_positive, default=5, metavar="N", help="at most N results (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON array")

    p = command("list", _cmd_list, "every organisation of the registry, one row each")
    p.add_argument("--category", choices=["terrorist", "extremist"])
    p.add_argument("--lang", choices=["en", "ru", "kk"], default="en", help="language of the names (default en)")
    p.add_argument("--on", metavar="DATE", help="the date to judge the status on (default: today)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help="default: table")

    p = command("show", _cmd_show, "the full history of one organisation: decisions, courts, sources")
    p.add_argument("id", metavar="ID", help="an id (or a name)")

    p = command("validate", _cmd_validate, "validate registry files (default: the bundled registry)")
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="the registry, then extra files merged into it (default: the bundled one)",
    )

    text_help = "files to read (default, or -: standard input)"
    p = command("annotate", _cmd_annotate, "mark banned organisations in text and append footnotes")
    p.add_argument("files", nargs="*", metavar="FILE", help=text_help)
    _text_options(p)
    p.add_argument("--lang", choices=["en", "ru", "kk"], help="language of the footnotes (default: detected)")
    p.add_argument(
        "--marker", metavar="STYLE", default="*", help="'*' (default), 'numbered', 'superscript' or any literal marker"
    )
    p.add_argument("--all", action="store_true", help="mark every mention, not only the first of each organisation")
    p.add_argument("--no-footnotes", action="store_true", help="insert markers only")
    p.add_argument("--superscript", action="store_true", help="HTML: put markers in <sup>")
    p.add_argument("--markdown-footnotes", action="store_true", help="Markdown: write [^1] footnotes")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--diff", action="store_true", help="print a unified diff instead of the text; write nothing")
    out.add_argument("--json", action="store_true", help="print one JSON object per file (JSON Lines)")
    p.add_argument("--in-place", action="store_true", help="rewrite the files (atomically)")
    p.add_argument("--backup", metavar="SUFFIX", help="with --in-place: keep the original as FILE+SUFFIX")
    p.add_argument("--jobs", type=_positive, default=1, metavar="N", help="N worker processes (default 1)")

    p = command("check", _cmd_check, "report banned organisations without a footnote marker (a pre-publish lint)")
    p.add_argument("files", nargs="*", metavar="FILE", help=text_help)
    _text_options(p)
    return parser


def _text_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["auto", "text", "markdown", "html"], default="auto", help="default: auto")
    p.add_argument("--on", metavar="DATE", help="the publication date (default: today)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number")
    return value


# ---------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "registry_sub", None):
        args.registry = args.registry_sub
    args.extra = [*args.extra, *(getattr(args, "extra_sub", None) or [])]

    from .errors import OrganisationNotFoundError, RegistryError

    try:
        if args.version:
            return _version(args)
        if args.command is None:
            parser.print_usage(sys.stderr)
            print(f"{PROG}: a command is needed; see '{PROG} --help'", file=sys.stderr)
            return USAGE
        status: int = args.func(args)
        sys.stdout.flush()
        return status
    except _Failure as exc:
        _error(exc.message)
        return exc.code
    except OrganisationNotFoundError as exc:
        _error(str(exc))
        return FOUND_PROBLEMS
    except RegistryError as exc:
        _error(str(exc))
        return FOUND_PROBLEMS
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python from complaining at exit
        import contextlib

        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return FOUND_PROBLEMS
    except UnicodeDecodeError as exc:
        _error(f"input is not valid UTF-8 (byte {exc.start})")
        return USAGE
    except OSError as exc:
        name = f"{exc.filename}: " if exc.filename else ""
        _error(f"{name}{exc.strerror or exc}")
        return USAGE
    except ValueError as exc:
        _error(str(exc))
        return FOUND_PROBLEMS
    except KeyboardInterrupt:
        return 130


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _version(args: argparse.Namespace) -> int:
    from . import __version__

    print(f"{PROG} {__version__} (data {_registry(args).data_version})")
    return OK


def _registry(args: argparse.Namespace) -> Registry:
    """The bundled registry, or the one given by --registry, with every --extra merged in."""
    from .registry import default_registry, load

    if args.registry is None and not args.extra:
        return default_registry()
    for path in [args.registry, *args.extra]:
        if path is not None:
            _readable_registry(path)
    return load(args.registry, extra=args.extra)


def _readable_registry(path: str) -> None:
    """Raise _Failure (exit 2, like any input that cannot be read) unless ``path`` opens for
    reading; a pipe such as /dev/stdin does, without a byte of it being consumed."""
    if os.path.isdir(path):
        raise _Failure(f"the registry file {path!r} is a directory")
    try:
        os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
    except FileNotFoundError:
        raise _Failure(f"the registry file {path!r} does not exist") from None
    except OSError as exc:
        raise _Failure(f"the registry file {path!r} cannot be read ({exc.strerror or exc})") from None


def _date(value: str | None) -> dt.date:
    from ._dates import as_date

    try:
        return as_date(value)
    except ValueError as exc:
        raise _Failure(str(exc)) from None


def _print_json(obj: object, *, indent: int | None = 2) -> None:
    import json

    print(json.dumps(obj, ensure_ascii=False, indent=indent))


def _table(rows: Sequence[Sequence[str]], *, header: Sequence[str] | None = None) -> None:
    """Print rows in aligned columns (two spaces apart; the last column is not padded)."""
    every = ([list(header)] if header else []) + [list(r) for r in rows]
    if not every:
        return
    widths = [max(len(r[i]) for r in every) for i in range(len(every[0]))]
    for row in every:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=False)] + [row[-1]]
        print("  ".join(cells).rstrip())


# ---------------------------------------------------------------------------------------
# lookup, search, list, show, validate
# ---------------------------------------------------------------------------------------


def _decision_json(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    when = decision.decided_on
    court = decision.court
    return {
        "kind": decision.kind,
        "decided_on": str(when) if when else None,
        "precision": when.precision if when else None,
        "court": {"id": court.id, "name": court.name("en")} if court else None,
        "sources": [{"url": s.url, "says": s.says, "note": s.note} for s in decision.sources],
    }


def _names(org: Organisation) -> dict[str, str | None]:
    return {lang: (org.names[lang].value if lang in org.names else None) for lang in ("en", "ru", "kk")}


def _when(decision: Decision) -> str:
    when = decision.decided_on
    if when is None:
        return "date unknown"
    return str(when) if when.precision == "day" else f"{when} (known to the {when.precision})"


def _court(decision: Decision) -> str:
    if decision.court is not None:
        return decision.court.name("en")
    if decision.court_reported:
        return f"not established; reported: {decision.court_reported}"
    return "unknown"


def _cmd_lookup(args: argparse.Namespace) -> int:
    registry = _registry(args)
    day = _date(args.on)
    org = registry.lookup(args.name)
    status = registry.status(org, on=day)
    if args.json:
        _print_json(
            {
                "id": org.id,
                "category": org.category,
                "names": _names(org),
                "status": {
                    "on": status.on.isoformat(),
                    "state": status.state.value,
                    "reason": status.reason,
                    "decision": _decision_json(status.decision),
                },
            }
        )
        return OK
    rows = [["id", org.id], ["category", org.category or "unknown"]]
    rows += [[f"name ({lang})", name] for lang, name in _names(org).items() if name]
    rows += [["status", f"{status.state.value} on {status.on.isoformat()}"], ["", status.reason]]
    decision = status.decision
    if decision is not None:
        rows += [["decision", f"{decision.kind} of {_when(decision)}"], ["court", _court(decision)]]
        for i, source in enumerate(decision.sources):
            rows.append(["sources" if i == 0 else "", source.url or f"(no address) {source.note or source.says}"])
    _table(rows)
    return OK


def _cmd_search(args: argparse.Namespace) -> int:
    matches = _registry(args).search(args.query, limit=args.limit)
    if args.json:
        _print_json(
            [
                {
                    "score": round(m.score, 1),
                    "id": m.org.id,
                    "alias": m.alias,
                    "lang": m.lang,
                    "method": m.method,
                    "explanation": m.explanation,
                }
                for m in matches
            ]
        )
    else:
        _table([[f"{m.score:.0f}", m.org.id, m.alias, m.explanation] for m in matches])
    if not matches:
        _error(f"nothing in the registry resembles {args.query!r}")
        return FOUND_PROBLEMS
    return OK


def _ban_date(org: Organisation, status: Status) -> str | None:
    """The date of the ban the status rests on, else of the latest ban before the day, else the first."""
    if status.decision is not None and status.decision.kind == "ban":
        chosen: Decision | None = status.decision
    else:
        dated = sorted((d.decided_on for d in org.bans if d.decided_on), key=lambda when: when.first_day)
        before = [when for when in dated if when.first_day <= status.on]
        return str(before[-1]) if before else (str(dated[0]) if dated else None)
    return str(chosen.decided_on) if chosen is not None and chosen.decided_on else None


def _cmd_list(args: argparse.Namespace) -> int:
    registry = _registry(args)
    day = _date(args.on)
    fields = ["id", "category", "name", "status", "banned_on"]
    rows: list[dict[str, str | None]] = []
    for org in sorted(registry, key=lambda o: o.id):
        if args.category and org.category != args.category:
            continue
        status = registry.status(org, on=day)
        rows.append(
            {
                "id": org.id,
                "category": org.category,
                "name": org.name(args.lang),
                "status": status.state.value,
                "banned_on": _ban_date(org, status),
            }
        )
    if args.format == "json":
        _print_json(rows)
    elif args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: v or "" for k, v in row.items()} for row in rows)
    else:
        _table(
            [[row[f] or "unknown" for f in fields] for row in rows],
            header=["ID", "CATEGORY", "NAME", "STATUS", "BANNED ON"],
        )
    return OK


def _cmd_show(args: argparse.Namespace) -> int:
    registry = _registry(args)
    org = registry.get(args.id) or registry.lookup(args.id)
    status = registry.status(org)
    print(f"{org.id} ({org.category or 'category unknown'})")
    for lang, alias in org.names.items():
        print(f"  {lang}: {alias.value}")
    others = list(org.aliases)
    if others:
        print("aliases:")
        for lang in ("en", "ru", "kk"):
            values = [a.value for a in others if a.lang == lang]
            if values:
                print(f"  {lang}: " + "; ".join(values))
    if org.confidence:
        print(f"confidence: {org.confidence}")
    print(f"today ({status.on.isoformat()}): {status.state.value}: {status.reason}")
    print()
    print("decisions:")
    for number, decision in enumerate(org.decisions, 1):
        print(f"{number}. {decision.kind}, {_when(decision)}")
        if decision.reported_as:
            print(f"   reported as: {decision.reported_as}")
        print(f"   court: {decision.court.name('en') if decision.court else 'not established'}")
        if decision.court_reported:
            print(f"   court as reported: {decision.court_reported}")
        for label, value in (
            ("case number", decision.case_number),
            ("in force on", decision.in_force_on),
            ("listed by", decision.listed_by),
            ("renamed to", decision.renamed_to),
        ):
            if value:
                print(f"   {label}: {value}")
        print("   sources:")
        for source in decision.sources:
            print(f"     - {source.url or '(no address) ' + (source.note or '')}")
            print(f"       says: {source.says}")
        if decision.notes:
            print("   notes:")
            for note in decision.notes:
                print(f"     - {note}")
    if org.relations:
        print()
        print("relations:")
        for relation in org.relations:
            print(f"  - {relation.kind} {relation.id}" + (f" ({relation.note})" if relation.note else ""))
    if org.notes:
        print()
        print("notes:")
        for note in org.notes:
            print(f"  - {note}")
    return OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from .errors import RegistryError
    from .registry import load

    paths: list[str | None] = list(args.paths) or [args.registry, *args.extra]
    for path in paths:
        if path is not None:
            _readable_registry(path)
    try:
        registry = load(paths[0], extra=[p for p in paths[1:] if p is not None])
    except RegistryError as exc:
        for problem in exc.errors:
            print(problem)
        return FOUND_PROBLEMS
    print(f"ok: {len(registry)} organisations (data version {registry.data_version})")
    return OK


# ---------------------------------------------------------------------------------------
# Reading and writing texts
# ---------------------------------------------------------------------------------------


def _display(name: str) -> str:
    return _STDIN_NAME if name == _STDIN else name


# The most read into memory at once: standard input, a pipe or device, and any file not
# streamed (HTML, Markdown, --json, --diff). Endless input such as /dev/zero stops here.
MAX_READ = 256 * 1024 * 1024


def _too_large(display: str) -> _Failure:
    return _Failure(
        f"{display}: larger than {MAX_READ // (1024 * 1024)} MiB, the most read at once "
        "(plain-text files larger than 8 MiB are streamed instead)"
    )


def _read_bytes(name: str) -> bytes:
    """The bytes of a file, or raise _Failure with a sentence saying why they cannot be had."""
    return _read_document(name)[0]


def _read_document(name: str) -> tuple[bytes, tuple[int, int, int, int]]:
    """The bytes of a file and what identifies that version of it (see _version_of)."""
    if os.path.isdir(name):
        raise _Failure(f"{name}: is a directory, not a file")
    try:
        with open(name, "rb") as handle:
            version = _version_of(os.fstat(handle.fileno()))
            data = handle.read(MAX_READ + 1)
    except FileNotFoundError:
        raise _Failure(f"{name}: no such file") from None
    except PermissionError:
        raise _Failure(f"{name}: permission denied") from None
    except OSError as exc:
        raise _Failure(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_READ:
        raise _too_large(name)
    return data, version


def _read_stdin() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read(MAX_READ + 1)
    else:
        data = str(sys.stdin.read(MAX_READ + 1)).encode("utf-8")
    if len(data) > MAX_READ:
        raise _too_large(_STDIN_NAME)
    return data


def _decode(raw: bytes, display: str) -> tuple[str, bool]:
    """The text (newlines untouched) and whether it began with a byte order mark."""
    bom = raw.startswith(_BOM)
    body = raw[len(_BOM) :] if bom else raw
    try:
        return body.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        raise _Failure(f"{display}: not valid UTF-8 at byte {exc.start + (len(_BOM) if bom else 0)}") from None


def _write_stdout(data: bytes) -> None:
    """Write bytes as they are (no newline translation) to standard output."""
    if not data:
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _version_of(st: os.stat_result) -> tuple[int, int, int, int]:
    """Device, inode, size and modification time: what changes when another program writes
    the file or replaces it."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


_TMP_SUFFIX = ".bannedorgs-tmp"  # temporary files are .NAME.PID.RANDOM.bannedorgs-tmp
_CLEANED: set[str] = set()


def _clean_stale(directory: str) -> None:
    """Remove temporary files of this program left in ``directory`` by a run that was killed
    (its process no longer exists); once per directory and run."""
    import contextlib
    import re

    if directory in _CLEANED or os.name != "posix":  # elsewhere kill(pid, 0) is no probe
        return
    _CLEANED.add(directory)
    own = re.compile(r"\..+\.(\d+)\.[A-Za-z0-9_]+" + re.escape(_TMP_SUFFIX))
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            m = own.fullmatch(entry.name)
            if m is None or int(m.group(1)) == os.getpid() or not entry.is_file(follow_symlinks=False):
                continue
            try:
                os.kill(int(m.group(1)), 0)
            except ProcessLookupError:  # its writer is gone
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            except (PermissionError, OverflowError):  # alive (another user's), or no such pid
                continue


def _temp_beside(target: str) -> tuple[int, str]:
    import tempfile

    directory, base = os.path.split(target)
    return tempfile.mkstemp(prefix=f".{base}.{os.getpid()}.", suffix=_TMP_SUFFIX, dir=directory)


def _like_original(tmp: str, st: os.stat_result) -> None:
    """Give a new file the original's permission bits, and its owner where allowed."""
    import contextlib
    import stat

    with contextlib.suppress(OSError):  # only root may give a file to another user
        if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            os.chown(tmp, st.st_uid, st.st_gid)
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _locked(directory: str) -> Any:
    """An exclusive lock on a directory for the moment of checking and renaming, so two runs
    of this program never replace the same file at once (a no-op without flock)."""
    import contextlib

    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def lock() -> Iterator[None]:
        fd = os.open(directory, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    return lock()


def _write_atomically(
    name: str,
    data: bytes | Iterable[bytes],
    backup: str | None,
    *,
    original: bytes | None = None,
    read_as: tuple[int, int, int, int] | None = None,
    unchanged: bytes | None = None,
) -> bool:
    """Replace the file's content by ``data``: temp file beside it, fsync, rename over it.
    Returns False, and writes nothing, when ``data`` hashes to ``unchanged`` (the digest of
    what was read).

    The original is untouched on any error. The new file gets the original's permission
    bits and, where allowed, its owner; a symbolic link stays a link (its target is
    replaced); a hard link is broken (the other names keep the original), as with
    ``sed -i``. With ``backup``, FILE+SUFFIX is written from the bytes that were read
    (``original``; else the file as it is, known unchanged since it was read) to a temp file
    and renamed into place before the file is replaced, so an old backup is only ever
    replaced by a complete new one. When the file changed since it was read (``read_as``:
    another program wrote or replaced it), nothing is written and _Failure is raised.
    """
    import contextlib
    import hashlib
    import shutil

    target = os.path.realpath(name)
    directory = os.path.dirname(target)
    _clean_stale(directory)
    st = os.stat(target)
    temps: list[str] = []
    try:
        fd, tmp = _temp_beside(target)
        temps.append(tmp)
        digest = hashlib.blake2b()
        with os.fdopen(fd, "wb") as handle:
            for chunk in [data] if isinstance(data, bytes) else data:
                handle.write(chunk)
                digest.update(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if unchanged is not None and digest.digest() == unchanged:
            os.unlink(tmp)
            return False
        _like_original(tmp, st)
        backup_tmp = backup_path = None
        if backup:
            backup_path = target + backup
            fd, backup_tmp = _temp_beside(backup_path)
            temps.append(backup_tmp)
            with os.fdopen(fd, "wb") as handle:
                if original is not None:
                    handle.write(original)
                else:
                    with open(target, "rb") as source:
                        shutil.copyfileobj(source, handle, 1024 * 1024)
                handle.flush()
                os.fsync(handle.fileno())
            _like_original(backup_tmp, st)
        with _locked(directory):
            if read_as is not None and _version_of(os.stat(target)) != read_as:
                raise _Failure(
                    f"{name}: changed on disk while it was being annotated (another program wrote it); "
                    "left as it is, run again"
                )
            if backup_tmp is not None and backup_path is not None:
                os.replace(backup_tmp, backup_path)
            os.replace(tmp, target)
        temps.clear()
        with contextlib.suppress(OSError):  # the renames themselves reach the disk
            dir_fd = os.open(directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        return True
    except BaseException:
        for tmp in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def _lines(text: str) -> list[str]:
    """Lines with their endings (only \\n ends a line, so \\r\\n stays whole)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _diff(before: str, after: str, display: str) -> str:
    import difflib

    out: list[str] = []
    for line in difflib.unified_diff(_lines(before), _lines(after), fromfile=display, tofile=display):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# ---------------------------------------------------------------------------------------
# annotate
# ---------------------------------------------------------------------------------------

# (annotator, options) of a worker process, set by _init_worker
_WORKER: tuple[Annotator, dict[str, Any]] | None = None


def _init_worker(annotator: Annotator, options: dict[str, Any]) -> None:
    global _WORKER  # noqa: PLW0603 -- one annotator per worker process, built once
    _WORKER = (annotator, options)


def _run_job(job: tuple[str, bytes | None]) -> tuple[bytes, str | None, int]:
    assert _WORKER is not None
    return _annotate_file(_WORKER[0], _WORKER[1], *job)


# Plain-text files larger than this are annotated paragraph by paragraph, so memory stays
# that of a piece and not of the file.
_STREAM_AT = 8 * 1024 * 1024
_PIECE = 1024 * 1024
_LONGEST_PIECE = 16 * 1024 * 1024


def _streamable(name: str, raw: bytes | None, options: dict[str, Any]) -> bool:
    if raw is not None or options["json"] or options["diff"] or options["annotate"]["format"] not in ("auto", "text"):
        return False
    try:
        return os.path.isfile(name) and os.path.getsize(name) > _STREAM_AT
    except OSError:
        return False


def _pieces(name: str, display: str) -> Iterator[str]:
    """The text of a file in pieces that end at a blank line (or, in a paragraph longer than
    16 MiB, at a line break or a space); raises _Failure at the first byte that is not UTF-8."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    buffer = ""
    consumed = 0
    with open(name, "rb") as handle:
        data = handle.read(_PIECE)
        consumed = len(data)
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
        while True:
            pending = len(decoder.getstate()[0])
            try:
                buffer += decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                position = consumed - len(data) - pending + exc.start
                raise _Failure(f"{display}: not valid UTF-8 at byte {position}") from None
            if not data:
                break
            cut = max(buffer.rfind("\n\n"), buffer.rfind("\n\r\n"))
            if cut >= 0:
                cut = buffer.index("\n", cut + 1) + 1
            elif len(buffer) > _LONGEST_PIECE:
                cut = max(buffer.rfind("\n"), buffer.rfind(" ")) + 1
            if cut > 0:
                yield buffer[:cut]
                buffer = buffer[cut:]
            data = handle.read(_PIECE)
            consumed += len(data)
    if buffer:
        yield buffer


def _has_bom(name: str) -> bool:
    with open(name, "rb") as handle:
        return handle.read(len(_BOM)) == _BOM


def _stream_file(annotator: Annotator, options: dict[str, Any], name: str) -> tuple[bytes, str | None, int]:
    """Annotate a large plain-text file piece by piece (to stdout, or in place)."""
    display = _display(name)
    settings = {
        k: v for k, v in options["annotate"].items() if k not in ("format", "superscript_html", "markdown_footnotes")
    }
    import hashlib

    bom = _BOM if _has_bom(name) else b""
    try:
        read_as = _version_of(os.stat(name))
        digest = hashlib.blake2b(bom)
        for piece in _pieces(name, display):  # check every byte first: nothing is written from a bad file
            digest.update(piece.encode("utf-8"))
        encoded = (piece.encode("utf-8") for piece in annotator.annotate_stream(_pieces(name, display), **settings))
        if options["in_place"]:
            _write_atomically(
                name,
                itertools.chain([bom], encoded),
                options["backup"],
                read_as=read_as,
                unchanged=digest.digest(),
            )
        else:
            _write_stdout(bom)
            for chunk in encoded:
                _write_stdout(chunk)
    except _Failure as exc:
        return b"", exc.message, exc.code
    except OSError as exc:
        return b"", f"{display}: cannot be read or written ({exc.strerror or exc})", USAGE
    return b"", None, OK


def _annotate_file(
    annotator: Annotator, options: dict[str, Any], name: str, raw: bytes | None
) -> tuple[bytes, str | None, int]:
    """Annotate one file: (what to print on stdout, an error message or None, exit status)."""
    display = _display(name)
    if _streamable(name, raw, options):
        return _stream_file(annotator, options, name)
    try:
        data, read_as = _read_document(name) if raw is None else (raw, None)
        text, bom = _decode(data, display)
        result, warning = _annotate_text(annotator, text, options["annotate"], display)
        if options["json"]:
            import json

            record = {
                "file": display,
                "text": result.text,
                "mentions": [
                    {
                        "org": m.org.id,
                        "start": m.start,
                        "end": m.end,
                        "surface": m.surface,
                        "rule": m.rule,
                        "score": m.score,
                        "marked": m.marked,
                    }
                    for m in result.mentions
                ],
                "footnotes": [{"marker": f.marker, "org": f.org.id, "text": f.text} for f in result.footnotes],
            }
            out = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        elif options["diff"]:
            out = _diff(text, result.text, display).encode("utf-8")
        elif options["in_place"]:
            out = b""
        else:
            out = (_BOM if bom else b"") + result.text.encode("utf-8")
        # --diff is a dry run; --json with --in-place both writes and reports
        if options["in_place"] and not options["diff"] and result.text != text:
            new = (_BOM if bom else b"") + result.text.encode("utf-8")
            _write_atomically(name, new, options["backup"], original=data, read_as=read_as)
    except _Failure as exc:
        return b"", exc.message, exc.code
    except OSError as exc:
        return b"", f"{display}: cannot be written ({exc.strerror or exc})", USAGE
    except ValueError as exc:  # this document cannot be annotated (--footnote-into names no element …)
        return b"", f"{display}: {exc}", USAGE
    return out, warning, OK


def _annotate_text(annotator: Annotator, text: str, settings: dict[str, Any], display: str) -> tuple[Any, str | None]:
    """The annotation of one text, and the line to print for a document that ends inside
    unclosed markup (annotated up to it), as ``FILE:LINE:COL: warning: …``."""
    import warnings

    from .errors import UnclosedMarkupWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnclosedMarkupWarning)
        result = annotator.annotate(text, **settings)
    message = None
    for w in caught:
        if isinstance(w.message, UnclosedMarkupWarning):
            where = f"{display}:{w.message.line}:{w.message.column}"
            message = f"{where}: warning: {w.message.reason}; annotated up to there, the footnotes put before it"
        else:  # not ours to report: as if it had not been caught
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result, message


def _cmd_annotate(args: argparse.Namespace) -> int:
    from .annotator import Annotator

    files: list[str] = args.files or [_STDIN]
    if args.backup and not args.in_place:
        raise _Failure("--backup works only with --in-place")
    if args.in_place and _STDIN in files and not args.diff:
        raise _Failure("--in-place needs files; standard input cannot be rewritten")
    if files.count(_STDIN) > 1:
        raise _Failure("standard input ('-') can be read only once")
    annotator = Annotator(_registry(args))
    options: dict[str, Any] = {
        "annotate": {
            "on": _date(args.on),
            "lang": args.lang,
            "marker": args.marker,
            "mentions": "all" if args.all else "first",
            "footnotes": not args.no_footnotes,
            "format": args.format,
            "superscript_html": args.superscript,
            "markdown_footnotes": args.markdown_footnotes,
        },
        "json": args.json,
        "diff": args.diff,
        "in_place": args.in_place,
        "backup": args.backup,
    }
    jobs = [(name, _read_stdin() if name == _STDIN else None) for name in files]
    progress = len(files) > 1 and sys.stderr.isatty()
    status = OK

    def report(index: int, outcome: tuple[bytes, str | None, int]) -> None:
        nonlocal status
        out, message, code = outcome
        if progress:
            print(f"[{index}/{len(files)}] {_display(files[index - 1])}", file=sys.stderr)
        _write_stdout(out)
        if message is not None:
            _error(message)
        status = max(status, code)

    workers = min(args.jobs, len(jobs))
    if workers <= 1:
        for index, job in enumerate(jobs, 1):
            report(index, _annotate_file(annotator, options, *job))
        return status
    from concurrent.futures import ProcessPoolExecutor

    _ = annotator.matcher  # built once here: forked workers inherit it
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(annotator, options)) as pool:
        for index, outcome in enumerate(pool.map(_run_job, jobs), 1):
            report(index, outcome)
    return status


# ---------------------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------------------


def _check_text(finder: Annotator, text: str, day: dt.date, fmt: str) -> list[tuple[int, str]]:
    """(offset, message) of every problem in ``text``, in text order."""
    return [
        (i.mention.start, f"{'warning: ' if i.warning else ''}{i.mention.org.id}: {i.message}")
        for i in finder.check(text, on=day, format=fmt)
    ]


def _cmd_check(args: argparse.Namespace) -> int:
    files: list[str] = args.files or [_STDIN]
    if files.count(_STDIN) > 1:
        raise _Failure("standard input ('-') can be read only once")
    registry = _registry(args)
    day = _date(args.on)
    from .annotator import Annotator

    finder = Annotator(registry)
    status = OK
    for name in files:
        display = _display(name)
        try:
            raw = _read_stdin() if name == _STDIN else _read_bytes(name)
            text, _ = _decode(raw, display)
        except _Failure as exc:
            _error(exc.message)
            status = USAGE
            continue
        for offset, message in _check_text(finder, text, day, args.format):
            line, col = _line_col(text, offset)
            print(f"{display}:{line}:{col}: {message}")
            status = max(status, FOUND_PROBLEMS)
    return status
