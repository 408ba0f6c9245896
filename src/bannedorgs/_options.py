"""The annotating options as types: :data:`FormatOption` and :class:`AnnotateOptions`,
importable from :mod:`bannedorgs.annotator` (and ``AnnotateOptions`` from
:mod:`bannedorgs`).

They live apart so that importing the annotator does not import the typing module, which
costs a quick command about a tenth of its time; this module is imported when one of them
is asked for at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._dates import DateLike
    from .markers import MarkerStyle

__all__ = ["AnnotateOptions", "FormatOption"]

#: What ``format=`` takes: "auto" (decided from the text) or one format.
FormatOption = Literal["auto", "text", "markdown", "html"]


class AnnotateOptions(TypedDict, total=False):
    """The keyword options of :meth:`bannedorgs.annotator.Annotator.annotate`, of :func:`bannedorgs.annotate` and
    the defaults of an :class:`~bannedorgs.annotator.Annotator`; a type checker rejects a misspelt name or a value
    of the wrong type (``markr="*"``, ``on=20200101``). An option left out, or given as
    None, falls back to the Annotator's default and then to the value below.

    - ``on``: the publication date (a date, a datetime or a string; default today in
      Kazakhstan); see :func:`bannedorgs.as_date` for the strings it reads.
    - ``lang``: the footnotes' language, "en", "ru" or "kk" (default: the one the document
      declares, else that of its prose; at run time regional forms such as "ru-RU" are read
      too).
    - ``marker``: "*" (default), "numbered", "superscript", any other non-blank marker, or a
      callable ``(index, org) -> str`` (see :mod:`bannedorgs.markers`).
    - ``mentions``: "first" (default) or "all".
    - ``footnotes``: False to insert markers only (default True).
    - ``format``: "auto" (default), "text", "markdown" or "html".
    - ``templates``: footnote templates by language (default: the registry's, else the
      built-in ones).
    - ``superscript_html``: in HTML, markers in ``<sup>`` (default False).
    - ``markdown_footnotes``: in Markdown, ``[^id]`` footnotes (default False).
    - ``footnote_into``: in HTML, the id of the element to put the footnotes in (default:
      before ``</body>``, else at the end).
    - ``headings``: False to leave names in headings unmarked (default True).
    """

    on: DateLike | None
    lang: Literal["en", "ru", "kk", "kk-Latn"] | None
    marker: MarkerStyle | None
    mentions: Literal["first", "all"] | None
    footnotes: bool | None
    format: FormatOption | None
    templates: Mapping[str, Mapping[str, str]] | None
    superscript_html: bool | None
    markdown_footnotes: bool | None
    footnote_into: str | None
    headings: bool | None
