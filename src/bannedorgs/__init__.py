"""bannedorgs: organisations banned by Kazakh courts as terrorist or extremist.

The registry (names in English, Russian and Kazakh, court decisions with sources), lookups
that answer "is X banned, since when, by which court?", and annotation of running text
with footnote markers and footnotes in the text's language.

>>> import bannedorgs
>>> bannedorgs.lookup("ИГИЛ").id
'islamic-state'
>>> bannedorgs.is_banned("Taliban", on="2020-06-01"), bannedorgs.is_banned("Taliban", on="2024-06-01")
(True, False)
"""

from __future__ import annotations

from .errors import BannedOrgsError, OrganisationNotFoundError, Problem, RegistryError, UnclosedMarkupWarning

# Nothing else is imported here: the model (attrs classes), the registry and the annotator
# load on first use (see __getattr__ below), so that ``import bannedorgs`` and the command
# line's quick paths cost little more than starting Python.
TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Unpack

    from ._dates import as_date
    from .annotator import AnnotateOptions, Annotation, Annotator, DateLike, FormatOption, Issue
    from .docx import annotate_docx, check_docx
    from .markers import MarkerStyle
    from .model import (
        Alias,
        Court,
        Decision,
        Footnote,
        Match,
        Mention,
        Organisation,
        PartialDate,
        Relation,
        Source,
        State,
        Status,
    )
    from .odt import annotate_odt, check_odt
    from .registry import Registry

_MODEL = frozenset(
    {
        "Alias", "Court", "Decision", "Footnote", "Match", "Mention", "Organisation", "PartialDate",
        "Relation", "Source", "State", "Status",
    }
)  # fmt: skip

__version__ = "0.1.0"

__all__ = [
    "DATA_VERSION",
    "Alias",
    "AnnotateOptions",
    "Annotation",
    "Annotator",
    "BannedOrgsError",
    "Court",
    "Decision",
    "Footnote",
    "Issue",
    "Match",
    "Mention",
    "Organisation",
    "OrganisationNotFoundError",
    "PartialDate",
    "Problem",
    "Registry",
    "RegistryError",
    "Relation",
    "Source",
    "State",
    "Status",
    "UnclosedMarkupWarning",
    "__version__",
    "annotate",
    "annotate_docx",
    "annotate_odt",
    "as_date",
    "banned_on",
    "check",
    "check_docx",
    "check_odt",
    "default_registry",
    "find",
    "get",
    "is_banned",
    "load",
    "lookup",
    "search",
    "status",
]


def default_registry() -> Registry:
    """The bundled registry, loaded on first use and cached."""
    from .registry import default_registry as _default

    return _default()


def load(path: Any = None, *, extra: Any = ()) -> Registry:
    """Read and validate a registry file; see :func:`bannedorgs.registry.load`."""
    from .registry import load as _load

    return _load(path, extra=extra)


def get(org_id: str, default: Organisation | None = None) -> Organisation | None:
    """The organisation with this id, or ``default``.

    >>> get("hizb-ut-tahrir").name("ru")
    'Хизб ут-Тахрир'
    >>> get("red-cross") is None
    True
    """
    return default_registry().get(org_id, default)


def lookup(name: str) -> Organisation:
    """The organisation with this name, alias or id (exact after normalisation).

    >>> lookup("Daesh").id
    'islamic-state'
    >>> lookup("Red Cross")
    Traceback (most recent call last):
    ...
    bannedorgs.errors.OrganisationNotFoundError: no organisation in the registry is called 'Red Cross'
    """
    return default_registry().lookup(name)


def search(query: str, *, limit: int | None = 5, score_cutoff: float | None = None) -> list[Match]:
    """Organisations whose names resemble ``query``, best first, with scores and explanations.

    >>> [m.org.id for m in search("Hizb ut Tahir", limit=1)]
    ['hizb-ut-tahrir']
    """
    return default_registry().search(query, limit=limit, score_cutoff=score_cutoff)


def status(name_or_id: str | Organisation, *, on: DateLike | None = None) -> Status:
    """Banned, not banned or uncertain on ``on`` (a date, datetime or string; default today);
    see :meth:`Registry.status <bannedorgs.registry.Registry.status>`.

    On a day inside the month or year to which a decision is known only, the state is
    ``UNCERTAIN`` and the organisation counts as banned (``status.banned`` is True).
    """
    return default_registry().status(name_or_id, on=on)


def is_banned(name_or_id: str | Organisation, *, on: DateLike | None = None) -> bool:
    """True when the organisation counts as banned on ``on`` (default today): banned, or on
    a day inside the month or year of a decision known only to the month or year.

    >>> is_banned("Taliban", on="2023-12-31"), status("Taliban", on="2023-12-31").state.value
    (True, 'uncertain')
    """
    return default_registry().is_banned(name_or_id, on=on)


def banned_on(on: DateLike | None = None) -> list[Organisation]:
    """The organisations banned on ``on`` (a date, datetime or string; default today), by id,
    as :func:`is_banned` judges each.

    >>> [o.id for o in banned_on("2024-06-01")][:3]
    ['al-nusra-front', 'al-qaeda', 'alga-peoples-party']
    >>> "taliban" in {o.id for o in banned_on("2020-06-01")} - {o.id for o in banned_on("2024-06-01")}
    True
    """
    registry = default_registry()
    return sorted((org for org in registry if registry.is_banned(org, on=on)), key=lambda org: org.id)


def find(
    text: str, *, on: DateLike | None = None, format: FormatOption | None = None, include_unbanned: bool = False
) -> list[Mention]:
    """Every mention in ``text`` of an organisation banned on ``on``; see :meth:`Annotator.find`."""
    from .annotator import default_annotator

    return default_annotator().find(text, on=on, format=format, include_unbanned=include_unbanned)


def annotate(text: str, **options: Unpack[AnnotateOptions]) -> Annotation:
    """Mark the organisations in ``text`` and append footnotes; see :meth:`Annotator.annotate`
    and :class:`AnnotateOptions` for the options."""
    from .annotator import default_annotator

    return default_annotator().annotate(text, **options)


def check(
    text: str,
    *,
    on: DateLike | None = None,
    format: FormatOption | None = None,
    marker: MarkerStyle | None = None,
    headings: bool | None = None,
) -> list[Issue]:
    """What a pre-publish check finds in ``text``; see :meth:`Annotator.check`.

    >>> [i.kind for i in check("Daesh claimed the attack.", on="2016-01-01")]
    ['unmarked']
    >>> marked = annotate("Daesh claimed the attack.", on="2016-01-01", marker="†").text
    >>> check(marked, on="2016-01-01", marker="†")
    []
    """
    from .annotator import default_annotator

    return default_annotator().check(text, on=on, format=format, marker=marker, headings=headings)


def __getattr__(name: str) -> Any:
    if name in _MODEL:
        from . import model as _model

        return getattr(_model, name)
    if name == "as_date":
        from ._dates import as_date as _as_date

        return _as_date
    if name == "DATA_VERSION":
        return default_registry().data_version
    if name in ("Annotator", "Annotation", "AnnotateOptions", "Issue"):
        from . import annotator as _annotate

        return getattr(_annotate, name)
    if name in ("annotate_docx", "check_docx", "annotate_odt", "check_odt"):  # lxml only for them
        from . import docx as _docx
        from . import odt as _odt

        return getattr(_docx if name.endswith("docx") else _odt, name)
    if name == "Registry":
        from .registry import Registry as _Registry

        return _Registry
    raise AttributeError(f"module 'bannedorgs' has no attribute {name!r}")
