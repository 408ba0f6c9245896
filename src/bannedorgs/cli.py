"""The ``bannedorgs`` command: look organisations up, list them, validate registries, annotate
and check texts.

Exit status: 0 success; 1 nothing found, invalid registry data, or problems found by
``check``/``validate``; 2 bad usage or input that cannot be read. Every error is one line on
standard error that names the offending value; user errors never print a traceback.

Only argparse, os and sys are imported with this module (``bannedorgs lookup X`` should start
about as fast as Python itself); each command imports what it needs.
"""

from __future__ import annotations

import itertools
import os
import sys

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    import argparse  # imported where a parser is built: the quick paths of annotate and lookup need none
    import datetime as dt
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import Any

    from ._dates import DateOrder
    from ._encoding import Encoding
    from ._lean import LeanRegistry
    from ._plan import Plan
    from .annotator import Annotation, Annotator, FormatOption, Insertion
    from .errors import UnclosedMarkupWarning
    from .model import Decision, Footnote, Mention, Organisation, Status
    from .registry import Registry

__all__ = ["main", "program"]

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


class _Unused:
    """Stands for the parser of a command that does not run: what is defined on it is dropped,
    so a run builds the arguments of its own command only (``argv=None``: of every command)."""

    def __getattr__(self, name: str) -> Callable[..., _Unused]:
        return lambda *args, **kwargs: self


_VALUED = ("--registry", "--extra")  # the global options that take the next word as their value


def _value_follows(word: str) -> bool:
    """Whether ``word`` is a global option whose value is the next word: ``--registry``,
    ``--extra``, or a prefix argparse reads as one of them (``--reg``, ``--ex``); not
    ``--registry=PATH``, which holds its value."""
    return len(word) > 2 and word.startswith("--") and any(option.startswith(word) for option in _VALUED)


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word of ``argv``: the first word that is not an option or its value."""
    words = iter(argv)
    for word in words:
        if _value_follows(word):
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            return next(words, None) if word == "--" else word
    return None


def _terminal_columns() -> int:
    """The terminal's width as shutil.get_terminal_size() gives it (COLUMNS, else the
    terminal of standard output, else 80), without importing shutil and the compression
    modules it loads: argparse makes a formatter for every argument it adds."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _formatter(prog: str) -> argparse.HelpFormatter:
    import argparse

    return argparse.HelpFormatter(prog, width=_terminal_columns() - 2)  # as HelpFormatter computes it


def _name_only(sub: Any, name: str, help_: str, stand_in: argparse.ArgumentParser) -> None:
    """Name a command that does not run in --help and in errors (argparse's choices), with
    ``stand_in`` (a parser already made) for its parser: a parser costs a command about a
    tenth of a millisecond, most of it in gettext. Where argparse lacks the internals this
    relies on, an empty parser of its own is made."""
    pseudo = getattr(sub, "_ChoicesPseudoAction", None)
    if pseudo is None or not isinstance(getattr(sub, "_name_parser_map", None), dict):
        sub.add_parser(name, help=help_, add_help=False, formatter_class=_formatter)
        return
    sub._choices_actions.append(pseudo(name, (), help_))
    sub._name_parser_map[name] = stand_in  # never parsed: the command word chose another parser


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    import argparse

    # the global options may also follow the command: they go to other attributes there,
    # so a subparser's default cannot overwrite the value given before the command
    common = argparse.ArgumentParser(add_help=False, formatter_class=_formatter)
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
        formatter_class=_formatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version of the code and of the data")
    parser.add_argument("--registry", metavar="PATH", help="use this registry file instead of the bundled one")
    parser.add_argument(
        "--extra", metavar="PATH", action="append", default=[], help="merge this YAML file in (repeatable)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    running = _command_in(argv) if argv is not None else None

    def command(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        if argv is not None and name != running:
            _name_only(sub, name, help_, common)
            return _Unused()  # type: ignore[return-value]
        p = sub.add_parser(name, parents=[common], help=help_, description=help_, formatter_class=_formatter)
        p.set_defaults(func=func, registry_sub=None, extra_sub=None)
        return p

    p = command("lookup", _cmd_lookup, "show one organisation and whether it is banned on a date")
    p.add_argument("name", metavar="NAME", help="a name, alias or id, in any of the three languages")
    _date_options(p, "the date to judge the status on")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.add_argument("--lang", choices=["en", "ru", "kk"], default="en", help="language of court names (default en)")

    p = command("search", _cmd_search, "organisations whose names resemble a query, best first")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=_positive, default=5, metavar="N", help="at most N results (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON array")

    p = command("list", _cmd_list, "every organisation of the registry, one row each")
    p.add_argument("--category", choices=["terrorist", "extremist", "none"], help="none: category unknown")
    p.add_argument("--lang", choices=["en", "ru", "kk"], default="en", help="language of the names (default en)")
    _date_options(p, "the date to judge the status on")
    p.add_argument(
        "--banned-on", metavar="DATE", help="only the organisations banned on this date (read as --on; implies it)"
    )
    p.add_argument(
        "--format", choices=["table", "json", "csv", "markdown", "md"], default="table", help="default: table"
    )

    p = command("show", _cmd_show, "the full history of one organisation: decisions, courts, sources")
    p.add_argument("id", metavar="ID", help="an id (or a name)")
    p.add_argument("--lang", choices=["en", "ru", "kk"], default="en", help="language of court names (default en)")

    p = command("validate", _cmd_validate, "validate registry files (default: the bundled registry)")
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="the registry, then extra files merged into it (default: the bundled one)",
    )

    p = command("export", _cmd_export, "the whole registry as JSON, YAML, CSV or FollowTheMoney entities")
    p.add_argument(
        "--format",
        choices=["json", "yaml", "csv", "ftm"],
        default="json",
        help="json or yaml: the registry file's own shape; csv: a row per decision; "
        "ftm: FollowTheMoney entities, one JSON object a line (default json)",
    )
    p.add_argument("--on", metavar="DATE", help="only the organisations banned on this date (csv: status on it)")

    p = command("schema", _cmd_schema, "print the JSON Schema of the registry file")

    p = command("data", _cmd_data, "install a newer registry file without a new release of the code")
    p.add_argument(
        "action",
        choices=["status", "install", "remove"],
        help="status: which data answers; install FILE: validate it and make it answer while it is "
        "newer than the bundled data; remove: go back to the bundled data",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="with install: the registry file (YAML or JSON)")

    p = command("completion", _cmd_completion, "print a shell completion script (bash, zsh or tcsh)")
    p.add_argument("shell", choices=["bash", "zsh", "tcsh"])

    text_help = "files to read (default, or -: standard input)"
    p = command(
        "annotate",
        _cmd_annotate,
        "mark banned organisations in text, Markdown, HTML, .docx and .odt files and add footnotes",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help=text_help)
    _text_options(p)
    p.add_argument(
        "--lang",
        metavar="LANG",
        help="language of the footnotes: en, ru, kk, kk-Latn (Kazakh in the Latin script) or a "
        "regional form such as ru-RU (default: the one the document declares, else that of its prose)",
    )
    _marker_option(p)
    p.add_argument("--all", action="store_true", help="mark every mention, not only the first of each organisation")
    p.add_argument("--no-footnotes", action="store_true", help="insert markers only")
    p.add_argument("--superscript", action="store_true", help="HTML: put markers in <sup>; Word: raise text markers")
    p.add_argument("--markdown-footnotes", action="store_true", help="Markdown: write [^1] footnotes")
    p.add_argument(
        "--footnote-into",
        metavar="ID",
        help="HTML: put the footnotes at the end of the element with this id ('notes' or '#notes'; "
        "default: before </body>)",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--diff", action="store_true", help="print a unified diff instead of the text; write nothing")
    out.add_argument("--json", action="store_true", help="print one JSON object per file (JSON Lines)")
    p.add_argument("--in-place", action="store_true", help="rewrite the files (atomically)")
    p.add_argument("--backup", metavar="SUFFIX", help="with --in-place: keep the original as FILE+SUFFIX")
    p.add_argument("--jobs", type=_positive, default=1, metavar="N", help="annotate in N processes at once (default 1)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the annotated file here (one input file)")
    p.add_argument(
        "--footnote-style",
        choices=["word", "newsroom"],
        default="word",
        help=".docx and .odt files: real footnotes (default) or '*' markers and paragraphs at the end",
    )

    p = command("check", _cmd_check, "report banned organisations without a footnote marker (a pre-publish lint)")
    p.add_argument("files", nargs="*", metavar="FILE", help=text_help)
    _text_options(p, extra_formats=["github"])
    _marker_option(p)
    report = p.add_mutually_exclusive_group()
    report.add_argument(
        "--output",
        choices=["lines", "json", "github"],
        default="lines",
        help="lines: FILE:LINE:COL: message (default); json: one JSON array; "
        "github: GitHub Actions ::error/::warning annotations",
    )
    report.add_argument("--json", dest="output", action="store_const", const="json", help="same as --output json")

    p = command("serve", _cmd_serve, "run the web page and the JSON API (needs the 'server' extra)")
    p.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=_positive, default=8000, help="default 8000")
    p.add_argument("--workers", type=_positive, default=1, metavar="N", help="N worker processes (default 1)")
    p.add_argument("--token", help="require 'Authorization: Bearer TOKEN' on the API (or set BANNEDORGS_TOKEN)")
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages of ORIGIN call the API (repeatable)",
    )
    p.add_argument(
        "--max-body", type=_positive, default=5 * 1024 * 1024, metavar="BYTES", help="largest request (default 5 MB)"
    )
    return parser


def _text_options(p: argparse.ArgumentParser, extra_formats: Sequence[str] = ()) -> None:
    p.add_argument(
        "--format",
        choices=["auto", "text", "markdown", "html", *extra_formats],
        type=_format_name,
        default="auto",
        help="auto, text, markdown (or md) or html (default: auto)"
        + ("; 'github' means auto and --output github" if extra_formats else ""),
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the files' encoding, e.g. cp1251 or kz1048 (default: UTF-8, or UTF-16 with a byte order mark); "
        "output is written in the same encoding",
    )
    _date_options(p, "the publication date")
    p.add_argument(
        "--date-from-front-matter",
        action="store_true",
        help="without --on, take the publication date from the 'date:' field of Markdown front matter",
    )
    p.add_argument(
        "--no-headings",
        action="store_true",
        help="leave names in headings (HTML <h1>-<h6>, Markdown # and setext headings) unmarked"
        + ("; check asks no marker of them" if extra_formats else ""),
    )


def _marker_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--marker",
        metavar="STYLE",
        default="*",
        help="'*' (default), 'numbered', 'superscript' or any literal marker such as '†' or '[*]'",
    )


def _date_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--on",
        metavar="DATE",
        help=f"{what}: 2015-11-02, 2015-11-02T10:00:00+06:00 (a time with an offset is taken in "
        "Kazakhstan's time, UTC+5), 2015/11/02, 02.11.2015 (day first), '2 November 2015', "
        "'2 ноября 2015 года' or 'today' (the default)",
    )
    p.add_argument(
        "--date-order",
        choices=["dmy", "mdy"],
        help="how to read a date like 01/02/2024, which is otherwise refused: day first (dmy) or month first (mdy)",
    )


def _format_name(text: str) -> str:
    """A format's name as the library spells it: 'md' is Markdown's usual short name."""
    return "markdown" if text.lower() == "md" else text


def _positive(text: str) -> int:
    import argparse

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


# The annotate command as a publishing system or an editor's hook runs it, on standard input
# with options that take a word or none, and the lookup of one name, are read without
# argparse (whose import and parser cost such a run a tenth of its time, and lookup more):
# anything else, a file, an abbreviated option, a value that starts with "-" or is not among
# an option's choices, goes to argparse, which reads the same words to the same values
# (tests/test_cli_start.py holds the two equal).
_QUICK_SWITCHES = {
    "--all": "all",
    "--no-footnotes": "no_footnotes",
    "--superscript": "superscript",
    "--markdown-footnotes": "markdown_footnotes",
    "--no-headings": "no_headings",
    "--date-from-front-matter": "date_from_front_matter",
}
_QUICK_VALUES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--on": ("on", None),
    "--lang": ("lang", None),
    "--marker": ("marker", None),
    "--format": ("format", ("auto", "text", "markdown", "html")),
    "--footnote-into": ("footnote_into", None),
    "--date-order": ("date_order", ("dmy", "mdy")),
    "--encoding": ("encoding", None),
}
_QUICK_LOOKUP_SWITCHES = {"--json": "json"}
_QUICK_LOOKUP_VALUES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--on": ("on", None),
    "--date-order": ("date_order", ("dmy", "mdy")),
    "--lang": ("lang", ("en", "ru", "kk")),
}


def _quick_args(argv: Sequence[str]) -> Any:
    """The arguments argparse would make of ``argv`` when it is the annotate command with
    only the options above, or the lookup of one name, else None."""
    if not argv or argv[0] not in ("annotate", "lookup"):
        return None
    values: dict[str, Any] = {
        "version": False,
        "registry": None,
        "extra": [],
        "command": argv[0],
        "registry_sub": None,
        "extra_sub": None,
    }
    if argv[0] == "lookup":
        switches, options, positional = _QUICK_LOOKUP_SWITCHES, _QUICK_LOOKUP_VALUES, "name"
        values.update(on=None, date_order=None, json=False, lang="en", func=_cmd_lookup)
    else:
        switches, options, positional = _QUICK_SWITCHES, _QUICK_VALUES, None
        values.update(
            files=[],
            format="auto",
            encoding=None,
            on=None,
            date_order=None,
            date_from_front_matter=False,
            no_headings=False,
            lang=None,
            marker="*",
            all=False,
            no_footnotes=False,
            superscript=False,
            markdown_footnotes=False,
            footnote_into=None,
            diff=False,
            json=False,
            in_place=False,
            backup=None,
            jobs=1,
            output=None,
            footnote_style="word",
            func=_cmd_annotate,
        )
    words = iter(argv[1:])
    for word in words:
        if not word.startswith("-"):  # the one name of a lookup (a file of annotate: argparse's)
            if positional is None or positional in values or not word:
                return None
            values[positional] = word
            continue
        name, equals, value = word.partition("=")
        if name in switches and not equals:
            values[switches[name]] = True
            continue
        if name not in options:
            return None
        if not equals:
            following = next(words, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        dest, choices = options[name]
        if dest == "format":
            value = _format_name(value)
        if choices is not None and value not in choices:
            return None
        values[dest] = value
    if positional is not None and positional not in values:
        return None
    from types import SimpleNamespace

    return SimpleNamespace(**values)


def program() -> None:
    """The ``bannedorgs`` program (and ``python -m bannedorgs``): :func:`main` on the process's
    arguments, ending the process with its status.

    A run of the quick path (see _quick_args) ends the process as soon as its output is
    flushed, without the interpreter's teardown, which frees every object of the run one by
    one (the matcher's keys and entries, every module): about a tenth of such a run's time.
    It does so only when nothing is registered to run at exit; anything that went wrong
    while flushing is left to the ordinary exit."""
    argv = sys.argv[1:]
    if _quick_args(argv) is not None:
        # Nor does a quick run collect cyclic garbage while it imports and reads the cache
        # (twenty-odd passes over objects that all stay alive, a twentieth of the run), or
        # while it looks one name up or annotates a text of at most _PAUSED_UP_TO bytes: what
        # such a run can leave behind is bounded by the registry and the text, and the
        # process ends right after.
        import gc

        gc.disable()
        _collector_paused[0] = True
    raise SystemExit(_main(argv, ending=True))


_PAUSED_UP_TO = 1 << 20  # bytes of input a quick run annotates with the collector paused
_collector_paused = [False]  # whether program() paused it (a program embedding main() decides for itself)


def _resume_collector_for(jobs: Sequence[tuple[str, bytes | None]]) -> None:
    """Collect cyclic garbage again when the program paused it and the input is large."""
    if _collector_paused[0] and sum(len(data or b"") for _, data in jobs) > _PAUSED_UP_TO:
        import gc

        gc.enable()
        _collector_paused[0] = False


def _end_now(status: int) -> None:
    """End the process with ``status`` once standard output and error are flushed (see
    :func:`program`); return instead when they cannot be, or when something is to run at exit."""
    import atexit

    if getattr(atexit, "_ncallbacks", lambda: 1)():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no stream, a closed one, a reader gone
        return
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    return _main(sys.argv[1:] if argv is None else argv, ending=False)


def _main(argv: Sequence[str], *, ending: bool) -> int:
    """:func:`main`; ``ending``: a quick run may end the process (see :func:`program`)."""
    args = _quick_args(argv)
    quick = args is not None
    if args is None:
        parser = _parser(argv)
        unknown = _unknown_command(parser, list(argv))
        if unknown is not None:
            parser.print_usage(sys.stderr)
            _error(unknown)
            return USAGE
        args = parser.parse_args(argv)
    if getattr(args, "registry_sub", None):
        args.registry = args.registry_sub
    args.extra = [*args.extra, *(getattr(args, "extra_sub", None) or [])]

    from .errors import OrganisationNotFoundError, RegistryError

    try:
        if args.version:
            return _version(args)
        if args.command is None:
            _parser(argv).print_usage(sys.stderr)
            print(f"{PROG}: a command is needed; see '{PROG} --help'", file=sys.stderr)
            return USAGE
        status: int = args.func(args)
        sys.stdout.flush()
        if quick and ending:
            _end_now(status)
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


def _unknown_command(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """A sentence naming a mistyped command and the commands it resembles, or None."""
    import argparse

    commands: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands = list(action.choices)
    words = iter(argv)
    for word in words:
        if word == "--":
            return None
        if _value_follows(word):
            next(words, None)
            continue
        if word.startswith("-"):
            continue
        if word in commands:
            return None
        import difflib

        close = difflib.get_close_matches(word, commands, n=2, cutoff=0.6)
        hint = "did you mean " + " or ".join(repr(c) for c in close) + "?" if close else f"see '{PROG} --help'"
        return f"unknown command {word!r}; {hint}"
    return None


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _version(args: argparse.Namespace) -> int:
    from . import __version__

    registry = _registry(args)
    print(f"{PROG} {__version__} (data {registry.data_version})")
    where = _data_origin(args, registry)
    what = {"bundled": "bundled with the code", "installed": "installed", "file": "named"}[where["origin"]]
    print(f"data: {where['path']} ({what})")
    return OK


def _data_origin(args: argparse.Namespace, registry: Registry | Plan) -> dict[str, str]:
    from ._datadir import origin

    return origin(registry.paths, named=args.registry is not None or bool(args.extra))


def _registry(args: argparse.Namespace) -> Registry:
    """The bundled registry, or the one given by --registry, with every --extra merged in."""
    from .registry import default_registry, load

    if args.registry is None and not args.extra:
        return default_registry()
    for path in [args.registry, *args.extra]:
        if path is not None:
            _readable_registry(path)
    return load(args.registry, extra=args.extra)


def _annotating_registry(args: argparse.Namespace) -> Registry | LeanRegistry:
    """The registry ``annotate`` marks names of: when the cache holds the lean form of the
    registry :func:`_registry` would load (see :mod:`bannedorgs._lean`), that, which spares
    the command importing the model; else the registry itself, whose lean form is then kept
    for the next command."""
    from . import _lean
    from ._sources import sources

    for path in [args.registry, *args.extra]:
        if path is not None:
            _readable_registry(path)
    try:
        key = sources(args.registry, args.extra)[2]
    except (OSError, ValueError):  # _registry says what is wrong with the files
        return _registry(args)
    found = _lean.load(key)
    if found is not None:
        return found
    registry = _registry(args)
    _lean.store(registry)
    return registry


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


def _date(value: str | None, order: DateOrder | None = None) -> dt.date:
    from ._dates import as_date

    try:
        return as_date(value, order=order)
    except ValueError as exc:
        raise _Failure(f"--on: {exc}") from None


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


def _decision_json(decision: Decision | None, lang: str = "en") -> dict[str, Any] | None:
    if decision is None:
        return None
    when = decision.decided_on
    court = decision.court
    return {
        "kind": decision.kind,
        "decided_on": str(when) if when else None,
        "precision": when.precision if when else None,
        "court": {"id": court.id, "name": court.name(lang)} if court else None,
        "sources": [{"url": s.url, "says": s.says, "note": s.note} for s in decision.sources],
    }


def _names(org: Organisation) -> dict[str, str | None]:
    return {lang: (org.names[lang].value if lang in org.names else None) for lang in ("en", "ru", "kk")}


def _when(decision: Decision) -> str:
    when = decision.decided_on
    if when is None:
        return "date unknown"
    return str(when) if when.precision == "day" else f"{when} (known to the {when.precision})"


def _court(decision: Decision, lang: str = "en") -> str:
    if decision.court is not None:
        return decision.court.name(lang)
    if decision.court_reported:
        return f"not established; reported: {decision.court_reported}"
    return "unknown"


def _readable_url(url: str | None) -> str | None:
    """An address with its percent-escapes decoded (…/кто-защитит… rather than …/%d0%ba%d1%82%d0%be…),
    as a browser's address bar shows it; left as it is when the escapes are not UTF-8 text."""
    if url is None or "%" not in url:
        return url
    from urllib.parse import unquote

    try:
        decoded = unquote(url, errors="strict")
    except UnicodeDecodeError:
        return url
    # an escaped space, quote or control character would break the address where it is shown
    return url if any(c.isspace() or not c.isprintable() or c in '"<>' for c in decoded) else decoded


def _cmd_lookup(args: argparse.Namespace) -> int:
    # answered from the plan (plain data, see _plan): no model, no registry when cached
    from . import _plan

    for path in [args.registry, *args.extra]:
        if path is not None:
            _readable_registry(path)
    plan = _plan.load(args.registry, extra=args.extra)
    day = _date(args.on, args.date_order)
    card = plan.find(args.name)
    if card is None:  # not an exact name: the registry says so, with its suggestions
        card = plan.find(plan.registry().lookup(args.name).id)
        assert card is not None
    state, shown, reason = plan.status(card, day)
    if args.json:
        _print_json(
            {
                "id": card["id"],
                "category": card["category"],
                "names": card["names"],
                "status": {
                    "on": day.isoformat(),
                    "state": state,
                    "reason": reason,
                    "decision": shown["json"][args.lang] if shown else None,
                },
                "data": {"version": plan.data_version, **_data_origin(args, plan)},
            }
        )
        return OK
    rows = [["id", card["id"]], ["category", card["category"] or "unknown"]]
    rows += [[f"name ({lang})", name] for lang, name in card["names"].items() if name]
    rows += [["status", f"{state} on {day.isoformat()}"], ["", reason]]
    if shown is not None:
        rows += [["decision", shown["line"]], ["court", shown["court"][args.lang]]]
        rows += [["sources" if i == 0 else "", line] for i, line in enumerate(shown["sources"])]
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


def _unban_date(org: Organisation, banned_on: str | None) -> str | None:
    """The date of the first unban after the ban dated ``banned_on`` (after any ban when unknown)."""
    from .model import PartialDate

    start = PartialDate.from_string(banned_on).first_day if banned_on else None
    unbans = sorted((d.decided_on for d in org.decisions if d.kind == "unban" and d.decided_on), key=str)
    later = [when for when in unbans if start is None or when.first_day > start]
    return str(later[0]) if later else None


def _cmd_list(args: argparse.Namespace) -> int:

    registry = _registry(args)
    if args.banned_on and args.on and _date(args.on, args.date_order) != _date(args.banned_on, args.date_order):
        raise _Failure("--on and --banned-on name two different dates; give one")
    day = _date(args.banned_on or args.on, args.date_order)
    fields = ["id", "category", "name", "status", "banned_on", "unbanned_on"]
    rows: list[dict[str, str | None]] = []
    for org in sorted(registry, key=lambda o: o.id):
        if args.category and org.category != (None if args.category == "none" else args.category):
            continue
        status = registry.status(org, on=day)
        if args.banned_on and not status.banned:  # as is_banned: a day inside a ban's month counts
            continue
        banned_on = _ban_date(org, status)
        rows.append(
            {
                "id": org.id,
                "category": org.category,
                "name": org.name(args.lang),
                "status": status.state.value,
                "banned_on": banned_on,
                "unbanned_on": _unban_date(org, banned_on),
            }
        )
    if args.format == "json":
        _print_json(rows)
    elif args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: v or "" for k, v in row.items()} for row in rows)
    elif args.format in ("markdown", "md"):
        print("| ID | CATEGORY | NAME | STATUS | BANNED ON | UNBANNED ON |")
        print("| --- | --- | --- | --- | --- | --- |")
        for row in rows:
            cells = [row[f] or ("" if f == "unbanned_on" else "unknown") for f in fields]
            print("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    else:
        _table(
            [[row[f] or ("" if f == "unbanned_on" else "unknown") for f in fields] for row in rows],
            header=["ID", "CATEGORY", "NAME", "STATUS", "BANNED ON", "UNBANNED ON"],
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
        print(f"   court: {decision.court.name(args.lang) if decision.court else 'not established'}")
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
            print(f"     - {_readable_url(source.url) or '(no address) ' + (source.note or '')}")
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


def _cmd_export(args: argparse.Namespace) -> int:
    import json

    from . import export

    registry = _registry(args)
    day = _date(args.on) if args.on else None
    if args.format == "json":
        _print_json(export.to_dict(registry, on=day))
    elif args.format == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(export.to_dict(registry, on=day), allow_unicode=True, sort_keys=False))
    elif args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=export.CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(export.iter_csv_rows(registry, on=day or _date(None), only_banned=day is not None))
    else:
        for entity in export.iter_ftm(registry, on=day):
            print(json.dumps(entity, ensure_ascii=False))
    return OK


def _cmd_data(args: argparse.Namespace) -> int:
    from . import _datadir
    from ._sources import _bundled_text
    from .errors import RegistryError
    from .registry import default_registry, load

    target = _datadir.installed()
    bundled = _datadir.data_version(_bundled_text()[0])
    bundled_text = ".".join(map(str, bundled)) if bundled else "unknown"
    if args.action == "install":
        if args.file is None:
            raise _Failure("data install needs a FILE: a registry file to install")
        if not os.path.isfile(args.file):
            raise _Failure(f"the registry file {args.file!r} does not exist")
        try:
            candidate = load(args.file)
        except RegistryError as exc:
            for problem in exc.errors:
                print(problem, file=sys.stderr)
            count = len(exc.errors)
            _error(
                f"{args.file} is not a valid registry ({count} problem{'' if count == 1 else 's'}); nothing installed"
            )
            return FOUND_PROBLEMS
        version = _datadir.data_version(f'data_version: "{candidate.data_version}"')
        if bundled is not None and (version is None or version <= bundled):
            raise _Failure(
                f"{args.file} has data {candidate.data_version}, not newer than the bundled {bundled_text}; "
                "nothing installed",
                FOUND_PROBLEMS,
            )
        with open(args.file, "rb") as handle:
            raw = handle.read()
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            _write_atomically(str(target), raw, None)
        else:
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(raw)
            os.replace(tmp, target)
        print(f"installed data {candidate.data_version} ({len(candidate)} organisations) as {target}")
        return OK
    if args.file is not None:
        raise _Failure(f"data {args.action} takes no FILE")
    if args.action == "remove":
        if not target.exists():
            print(f"no data installed ({target} does not exist)")
            return OK
        target.unlink()
        print(f"removed {target}; the bundled data {bundled_text} answers")
        return OK
    registry = default_registry()
    where = _data_origin(args, registry)
    print(f"answering: data {registry.data_version} from {where['path']} ({where['origin']})")
    print(f"bundled: data {bundled_text}")
    print(f"installed: {target}" + ("" if target.exists() else " (none)"))
    return OK


def _cmd_completion(args: argparse.Namespace) -> int:
    # shtab writes a static script from this parser: nothing of Python runs on a Tab press
    # (argcomplete runs the program itself on every press, costing the import each time)
    try:
        import shtab
    except ImportError:
        raise _Failure("completion needs shtab: pip install 'bannedorgs[completion]'") from None
    parser = _parser()
    _mark_files(parser, shtab.FILE)
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return OK


def _mark_files(parser: argparse.ArgumentParser, files: Any) -> None:
    """Tell shtab which arguments name files (it completes them as paths)."""
    import argparse

    for action in parser._actions:
        if action.metavar in ("PATH", "FILE"):
            action.complete = files  # type: ignore[attr-defined]
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_files(sub, files)


def _cmd_schema(args: argparse.Namespace) -> int:
    from .export import schema_text

    sys.stdout.write(schema_text())
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


def _decode(raw: bytes, display: str, encoding: str | None = None) -> tuple[str, Encoding]:
    """The text (newlines untouched) and how to write it back (encoding, byte order mark)."""
    from ._encoding import decode

    try:
        return decode(raw, display, encoding)
    except ValueError as exc:
        raise _Failure(str(exc)) from None


def _encode(text: str, codec: Encoding, display: str) -> bytes:
    try:
        return codec.encode(text, display)
    except ValueError as exc:
        raise _Failure(str(exc)) from None


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


def _annotate_files(
    annotator: Annotator, options: dict[str, Any], jobs: Iterable[tuple[str, bytes | None]], *, here: bool = False
) -> tuple[list[tuple[bytes, str | None, int]], list[Any], Exception | None]:
    """The outcomes of a batch of files, up to one that raised, and what it raised (kept, so
    that the files before it are reported as they are with one process)."""
    outcomes = []
    try:
        for job in jobs:
            outcomes.append(_annotate_file(annotator, options, *job))
    except Exception as exc:  # raised once the files before it are reported
        return outcomes, [], exc
    return outcomes, [], None


# Plain-text files larger than this are annotated piece by piece, so memory stays that of a
# few pieces and not of the file. HTML and Markdown are annotated whole: their structure
# (an open <script>, a code fence) runs across any cut.
_STREAM_AT = 8 * 1024 * 1024
_PIECE = 1024 * 1024
_LONGEST_PIECE = 1024 * 1024
_DETECT_BYTES = 4 * 65536  # enough bytes for the 64 Ki characters annotate() detects a format by


def _streamable(name: str, raw: bytes | None, options: dict[str, Any]) -> bool:
    fmt = options["annotate"]["format"]
    if raw is not None or fmt not in ("auto", "text"):
        return False
    if options["encoding"] is not None or options["output"] or name.lower().endswith(".docx"):
        return False  # streaming reads UTF-8 only
    try:
        if not (os.path.isfile(name) and os.path.getsize(name) > _STREAM_AT):
            return False
        with open(name, "rb") as handle:
            start = handle.read(_DETECT_BYTES)
        if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return False  # UTF-16 is read whole
        if fmt == "auto":
            from .formats import detect

            return detect(start.decode("utf-8", "ignore").removeprefix("\ufeff")[:65536]) == "text"
    except OSError:
        return False
    return True


def _pieces(name: str, display: str, cut: Callable[[str, int], int]) -> Iterator[str]:
    """The text of a file in pieces of about 1 MiB that end where ``cut`` says no name runs
    across (a blank line, else a line or sentence end or a space); raises _Failure at the
    first byte that is not UTF-8."""
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
            while len(buffer) > _LONGEST_PIECE:
                at = cut(buffer, _LONGEST_PIECE)
                if at <= 0 and len(buffer) > 16 * _LONGEST_PIECE:
                    at = _LONGEST_PIECE  # 16 MiB without a space or a line break: no name is there
                if at <= 0:
                    break  # no safe cut in reach: read on (a name is short, so one comes soon)
                yield buffer[:at]
                buffer = buffer[at:]
            data = handle.read(_PIECE)
            consumed += len(data)
    if buffer:
        yield buffer


def _has_bom(name: str) -> bool:
    with open(name, "rb") as handle:
        return handle.read(len(_BOM)) == _BOM


def _stream_file(annotator: Annotator, options: dict[str, Any], name: str) -> tuple[bytes, str | None, int]:
    """Annotate a large plain-text file piece by piece: the same pieces for every output
    (stdout, --in-place, --diff, --json), so they all show the same annotation."""
    display = _display(name)
    settings = {
        k: v for k, v in options["annotate"].items() if k not in ("format", "superscript_html", "markdown_footnotes")
    }
    import hashlib

    bom = _BOM if _has_bom(name) else b""

    def cut(text: str, limit: int) -> int:
        return annotator.safe_cut(text, limit=limit)

    try:
        read_as = _version_of(os.stat(name))
        digest = hashlib.blake2b(bom)
        # every byte first: nothing is written from a bad file
        for piece in _pieces(name, display, lambda text, limit: limit):
            digest.update(piece.encode("utf-8"))
        results = annotator.iter_stream_annotations(_pieces(name, display, cut), **settings)
        if options["json"] or options["diff"]:
            return _stream_report(options, display, results), None, OK
        encoded = (result.text.encode("utf-8") for result in results)
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


def _stream_report(options: dict[str, Any], display: str, results: Iterable[Annotation]) -> bytes:
    """--json or --diff of a streamed annotation, from the pieces' annotations."""
    import attrs

    before: list[str] = []
    after: list[str] = []
    mentions: list[Mention] = []
    footnotes: list[Footnote] = []
    offset = 0
    for result in results:
        added = sum(len(ins.text) for ins in result.insertions)
        original = _without(result.text, result.insertions) if options["diff"] else ""
        before.append(original)
        after.append(result.text)
        mentions += [attrs.evolve(m, start=m.start + offset, end=m.end + offset) for m in result.mentions]
        footnotes += result.footnotes
        offset += len(result.text) - added
    text = "".join(after)
    if options["diff"]:
        return _diff("".join(before), text, display).encode("utf-8")
    return _json_record(display, text, mentions, footnotes)


def _without(text: str, insertions: Sequence[Insertion]) -> str:
    """The input of a piece: its output without the insertions."""
    parts: list[str] = []
    last = shift = 0
    for ins in sorted(insertions, key=lambda i: i.offset):
        parts.append(text[last : ins.offset + shift])
        last = ins.offset + shift + len(ins.text)
        shift += len(ins.text)
    parts.append(text[last:])
    return "".join(parts)


def _json_record(display: str, text: str, mentions: Iterable[Mention], footnotes: Iterable[Footnote]) -> bytes:
    import json

    record = {
        "file": display,
        "text": text,
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
            for m in mentions
        ],
        "footnotes": [{"marker": f.marker, "org": f.org.id, "text": f.text} for f in footnotes],
    }
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def _annotate_file(
    annotator: Annotator, options: dict[str, Any], name: str, raw: bytes | None
) -> tuple[bytes, str | None, int]:
    """Annotate one file: (what to print on stdout, an error message or None, exit status)."""
    display = _display(name)
    if _streamable(name, raw, options):
        return _stream_file(annotator, options, name)
    try:
        data, read_as = _read_document(name) if raw is None else (raw, None)
        if _office_kind(name, data):
            from ._lean import LeanRegistry

            if isinstance(annotator.registry, LeanRegistry):  # see _annotating_registry
                annotator = options["full"]()
            return _annotate_docx(annotator, options, name, data, read_as)
        text, codec = _decode(data, display, options["encoding"])
        settings = options["annotate"]
        if options["front_matter_date"]:
            settings = {**settings, "on": _front_matter_date(text, display, settings["on"], options["date_order"])}
        result, warning = _annotate_text(annotator, text, settings, display)
        if options["json"]:
            out = _json_record(display, result.text, result.mentions, result.footnotes)
        elif options["diff"]:
            out = _diff(text, result.text, display).encode("utf-8")
        elif options["in_place"] or options["output"]:
            out = b""
        else:
            out = _encode(result.text, codec, display)
        if options["output"] and not options["diff"]:
            _write_output(options["output"], _encode(result.text, codec, display))
        # --diff is a dry run; --json with --in-place both writes and reports
        if options["in_place"] and not options["diff"] and result.text != text:
            new = _encode(result.text, codec, display)
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
    from .annotator import reporting_unclosed

    caught: list[UnclosedMarkupWarning] = []
    with reporting_unclosed(caught.append):  # not through the warnings module: see there
        result = annotator.annotate(text, **settings)
    message = None
    for w in caught:
        where = f"{display}:{w.line}:{w.column}"
        message = f"{where}: warning: {w.reason}; annotated up to there, the footnotes put before it"
    return result, message


def _office_kind(name: str, data: bytes) -> str | None:
    """ "docx" or "odt" for a Word or OpenDocument file (by its name or its bytes), else None."""
    lower = name.lower()
    if not data.startswith(b"PK\x03\x04") and not lower.endswith((".odt", ".docx")):
        return None  # not a zip: neither (and a text costs no import of the office modules)
    from .docx import is_docx
    from .odt import is_odt

    if lower.endswith(".odt") or is_odt(data):
        return "odt"
    if lower.endswith(".docx") or is_docx(data):
        return "docx"
    return None


def _write_output(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise _Failure(f"{path}: cannot be written ({exc.strerror or exc})") from None


def _annotate_docx(
    annotator: Annotator,
    options: dict[str, Any],
    name: str,
    data: bytes,
    read_as: tuple[int, int, int, int] | None = None,
) -> tuple[bytes, str | None, int]:
    """Annotate a Word or OpenDocument file: to --output, in place, or (not to a terminal) to
    standard output."""
    from .docx import annotate_docx, docx_text
    from .odt import annotate_odt, odt_text

    annotate_office, office_text = (annotate_odt, odt_text) if _office_kind(name, data) == "odt" else (
        annotate_docx, docx_text
    )  # fmt: skip

    display = _display(name)
    settings = options["annotate"]
    if not settings["footnotes"]:
        raise _Failure(f"{display}: --no-footnotes does not apply to Word or OpenDocument files")
    if not (options["output"] or options["in_place"] or options["json"] or options["diff"]) and sys.stdout.isatty():
        raise _Failure(f"{display}: a Word or OpenDocument file is binary; write it with -o FILE or --in-place")
    try:
        result = annotate_office(
            data,
            on=settings["on"],
            lang=settings["lang"],
            footnotes=options["footnote_style"],
            marker=settings["marker"],
            superscript=settings["superscript_html"],
            mentions=settings["mentions"],
            annotator=annotator,
        )
    except (ValueError, ModuleNotFoundError) as exc:
        raise _Failure(f"{display}: {exc}") from None
    out = b""
    if options["json"]:
        import json

        record = {
            "file": display,
            "mentions": [
                {"org": m.org.id, "start": m.start, "end": m.end, "surface": m.surface, "marked": m.marked}
                for m in result.mentions
            ],
            "footnotes": [{"marker": f.marker, "org": f.org.id, "text": f.text} for f in result.footnotes],
        }
        out = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    elif options["diff"]:
        out = _diff(result.text, office_text(result.data), display).encode("utf-8")
    elif not (options["output"] or options["in_place"]):
        out = result.data
    if options["diff"]:
        return out, None, OK
    if options["output"]:
        _write_output(options["output"], result.data)
    elif options["in_place"] and result.changed:
        _write_atomically(name, result.data, options["backup"], original=data, read_as=read_as)
    return out, None, OK


def _cmd_annotate(args: argparse.Namespace) -> int:
    from .annotator import Annotator

    files: list[str] = args.files or [_STDIN]
    if args.backup and not args.in_place:
        raise _Failure("--backup works only with --in-place")
    if args.in_place and _STDIN in files and not args.diff:
        raise _Failure("--in-place needs files; standard input cannot be rewritten")
    if files.count(_STDIN) > 1:
        raise _Failure("standard input ('-') can be read only once")
    if args.output and (len(files) != 1 or args.in_place):
        raise _Failure("-o/--output takes one input file and no --in-place")
    # --json and --diff report mentions with the model's objects; anything else, one file or
    # many, over one process or several, is annotated with the lean registry when cached
    lean = not (args.json or args.diff)
    annotator = Annotator(_annotating_registry(args) if lean else _registry(args))
    _check_options(args)
    options: dict[str, Any] = {
        "full": lambda: Annotator(_registry(args)),  # for a Word or OpenDocument file (see _annotate_file)
        "annotate": {
            "on": _date(args.on, args.date_order),
            "lang": args.lang,
            "marker": args.marker,
            "headings": not args.no_headings,
            "mentions": "all" if args.all else "first",
            "footnotes": not args.no_footnotes,
            "format": args.format,
            "superscript_html": args.superscript,
            "markdown_footnotes": args.markdown_footnotes,
            "footnote_into": args.footnote_into.removeprefix("#") if args.footnote_into else None,
        },
        "json": args.json,
        "diff": args.diff,
        "in_place": args.in_place,
        "backup": args.backup,
        "front_matter_date": args.date_from_front_matter and args.on is None,
        "date_order": args.date_order,
        "encoding": args.encoding,
        "output": args.output,
        "footnote_style": args.footnote_style,
    }
    jobs = [(name, _read_stdin() if name == _STDIN else None) for name in files]
    _resume_collector_for(jobs)
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

    processes = min(args.jobs, len(jobs))
    if processes <= 1:
        for index, job in enumerate(jobs, 1):
            report(index, _annotate_file(annotator, options, *job))
        return status
    import functools
    import multiprocessing

    from .parallel import in_order

    # Built once here, so that forked workers inherit it. Each process compiles the forms its
    # files meet, as one process does: all of them at the same time, which is sooner than this
    # process compiling every form before they start.
    _ = annotator.matcher
    # files go out in batches (a few messages per worker, not one per file), small enough
    # for the processes to stay evenly busy; this process annotates batches too
    size = max(1, min(64, len(jobs) // (processes * 8)))
    source = iter(jobs)
    work = functools.partial(_annotate_files, annotator, options)
    shared = jobs if multiprocessing.get_start_method() == "fork" else ()
    batches = in_order(work, lambda: list(itertools.islice(source, size)), processes=processes, shared=shared)
    for index, outcome in enumerate(batches, 1):
        report(index, outcome)
    return status


# ---------------------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------------------


def _check_options(args: argparse.Namespace) -> None:
    """Reject a blank --marker (or a --lang the library does not know) before any file is read."""
    from .markers import check_style

    try:
        check_style(args.marker)
    except ValueError as exc:
        raise _Failure(f"--marker: {exc}") from None
    lang = getattr(args, "lang", None)
    if lang is not None:
        from .language import language_tag

        if language_tag(lang) is None:
            raise _Failure(f"--lang {lang!r} is not one of en, ru, kk (or a regional form such as ru-RU)")


def _front_matter_date(text: str, display: str, default: dt.date, order: DateOrder | None = None) -> dt.date:
    """The ``date:`` of the Markdown front matter of ``text``, else ``default``."""
    from ._dates import as_date
    from .formats.markdown import front_matter

    field = front_matter(text).get("date")
    if field is None:
        return default
    value, offset = field
    try:
        return as_date(value, order=order)
    except (ValueError, TypeError) as exc:
        line, col = _line_col(text, offset)
        raise _Failure(f"{display}:{line}:{col}: front matter date: {exc}") from None


def _gh_escape(value: str, *, prop: bool = False) -> str:
    """A value as GitHub Actions workflow commands need it escaped."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _check_docx(finder: Annotator, raw: bytes, day: dt.date, display: str) -> int:
    from .docx import check_docx
    from .odt import check_odt

    check_office = check_odt if _office_kind(display, raw) == "odt" else check_docx
    try:
        issues = check_office(raw, on=day, annotator=finder)
    except (ValueError, ModuleNotFoundError) as exc:
        raise _Failure(f"{display}: {exc}") from None
    for found in issues:
        issue = found.issue
        print(
            f"{display}: {found.where}: {'warning: ' if issue.warning else ''}{issue.mention.org.id}: {issue.message}"
        )
    return FOUND_PROBLEMS if issues else OK


def _cmd_check(args: argparse.Namespace) -> int:
    files: list[str] = args.files or [_STDIN]
    if files.count(_STDIN) > 1:
        raise _Failure("standard input ('-') can be read only once")
    registry = _registry(args)
    day = _date(args.on, args.date_order)
    _check_options(args)
    output = "github" if args.format == "github" else args.output
    fmt: FormatOption = "auto" if args.format == "github" else args.format
    from .annotator import Annotator

    finder = Annotator(registry)
    status = OK
    records: list[dict[str, Any]] = []
    for name in files:
        display = _display(name)
        try:
            raw = _read_stdin() if name == _STDIN else _read_bytes(name)
            if _office_kind(name, raw):
                status = max(status, _check_docx(finder, raw, day, display))
                continue
            text, _ = _decode(raw, display, args.encoding)
            on = day
            if args.date_from_front_matter and args.on is None:
                on = _front_matter_date(text, display, day, args.date_order)
            issues = finder.check(text, on=on, format=fmt, marker=args.marker, headings=not args.no_headings)
        except _Failure as exc:
            _error(exc.message)
            status = USAGE
            continue
        for issue in issues:
            line, col = _line_col(text, issue.mention.start)
            message = f"{issue.mention.org.id}: {issue.message}"
            if output == "json":
                records.append(
                    {
                        "file": display,
                        "line": line,
                        "col": col,
                        "kind": issue.kind,
                        "severity": "warning" if issue.warning else "error",
                        "org": issue.mention.org.id,
                        "surface": issue.mention.surface,
                        "start": issue.mention.start,
                        "end": issue.mention.end,
                        "message": issue.message,
                    }
                )
            elif output == "github":
                level = "warning" if issue.warning else "error"
                print(f"::{level} file={_gh_escape(display, prop=True)},line={line},col={col}::{_gh_escape(message)}")
            else:
                print(f"{display}:{line}:{col}: {'warning: ' if issue.warning else ''}{message}")
            status = max(status, FOUND_PROBLEMS)
    if output == "json":
        _print_json(records)
    return status


# ---------------------------------------------------------------------------------------
# serve
# ---------------------------------------------------------------------------------------


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from .server import serve
    except ImportError as exc:
        raise _Failure(
            f"serve needs the server extra ({exc.name} is missing): pip install 'bannedorgs[server]'"
        ) from None
    serve(
        host=args.host,
        port=args.port,
        workers=args.workers,
        token=args.token,
        cors_origins=args.cors_origin,
        max_body=args.max_body,
        registry=args.registry,
        extra=args.extra,
    )
    return OK
