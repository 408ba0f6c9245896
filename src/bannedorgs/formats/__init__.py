"""Document formats: telling prose from markup, and where footnotes go.

The matcher never looks at a document directly but at its *view*: a string of exactly the same
length in which every character that is not prose has been replaced, so that offsets found in
the view are offsets into the document.

* :data:`HARD` (``"\\x00"``) replaces what a name can never span or sit in: block-level tags,
  ``<br>``, comments, the content of ``<script>``, ``<style>``, ``<pre>``, ``<code>`` …, attribute
  values, front matter, code blocks and spans, link destinations, URLs, HTML blocks in Markdown.
* :data:`SOFT` (``" "``) replaces markup inside running prose that may sit between the words of
  one name: inline tags (``<b>``, ``<a href=…>``, ``<span>`` …), Markdown emphasis delimiters,
  the brackets of a link text, heading marks, list bullets and quote marks.
* An HTML character reference (``&laquo;``, ``&#8209;``) becomes spaces followed by the decoded
  character at its last position; an unknown or malformed one stays as it is.
* Everything else, including Markdown backslash escapes (``\\*``), is unchanged.

For plain text the view is the text itself. The rules for each format are in
:mod:`bannedorgs.formats.html` and :mod:`bannedorgs.formats.markdown`.

Each format is one object, a :class:`DocumentFormat`, kept in its own module
(:mod:`~bannedorgs.formats.text`, :mod:`~bannedorgs.formats.markdown`,
:mod:`~bannedorgs.formats.html`, and :mod:`~bannedorgs.formats.office` for the footnotes of
HTML exported by Word or Google Docs). It owns its view, its headings, the language it
declares, how a marker is written, where an existing footnote block starts and how a new one
is built and inserted. :func:`get` gives the format of a name, :func:`choose` the one for a
``format=`` option and a text; the annotator chooses once per text and then only asks the
object. The functions below that take a format's name (:func:`view`, :func:`marker_text` …)
are shorthands for its methods.

>>> fmt = choose("auto", "<p>Members of Hizb ut-Tahrir met.</p><p>More.</p>")
>>> fmt.name, fmt.marker_text("*", superscript_html=True)
('html', '<sup>*</sup>')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from .. import _regex
from ..markers import render

HARD = "\x00"  # the same values as in .html, without importing it for plain text
SOFT = " "


__all__ = [
    "FORMATS",
    "HARD",
    "SOFT",
    "DocumentFormat",
    "Format",
    "block_insertion",
    "choose",
    "detect",
    "existing_block_start",
    "footnote_block",
    "get",
    "headings",
    "in_line_endings",
    "marker_text",
    "view",
]

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Literal

    Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")


def __getattr__(name: str) -> Any:
    if name == "Format":  # the type, made when asked for (typing.Literal of FORMATS)
        from typing import Literal

        globals()["Format"] = made = Literal[FORMATS]
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


# --- detection ------------------------------------------------------------------------------

_HTML_ROOT = _regex.lazy(
    r"\A\ufeff?\s*+(?:<!--.*?-->\s*+)*<(?:!doctype[ \t\r\n]+html|html|head|body)(?=[\s>])",
    re.I | re.S,
)
_KNOWN_TAGS = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|cite|code|dd|div|dl|dt|em|"
    "figcaption|figure|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|"
    "main|mark|meta|nav|ol|option|p|picture|pre|q|s|script|section|select|small|source|span|"
    "strong|style|sub|sup|table|tbody|td|textarea|th|thead|time|title|tr|u|ul|video"
)
_HTML_TAG = _regex.lazy(rf"</?(?:{_KNOWN_TAGS})(?:[\s/][^<>]*+)?>", re.I)
_MD_SIGNALS = (
    _regex.lazy(r"^ {0,3}#{1,6}[ \t]+\S", re.M),  # ATX heading
    _regex.lazy(r"^ {0,3}(?:`{3,}|~{3,})", re.M),  # code fence
    # inline link or image, not glued to a word or a closing quote or bracket (in Daesh[1](*)
    # and «Daesh»[1](*) the [1] is a marker); its text may hold escaped brackets (\[1\])
    _regex.lazy(r"(?<![^\W_])(?<![»”\"›‟」』〟)\]])!?\[(?:[^\[\]\n\\]|\\.)+\]\([^()\s]+[^()\n]*\)"),
    _regex.lazy(r"^ {0,3}\[[^\[\]\n]+\]:[ \t]*\S", re.M),  # reference or footnote definition
    # strong emphasis; an escaped \* inside (a footnote marker this library put there) is text.
    # After a letter, ** opens only before a letter (CommonMark's left-flanking rule), so the
    # numbered markers of "Daesh**: al-Qaeda***" are not emphasis.
    _regex.lazy(
        r"(?:(?<![^\W_])\*\*|\*\*(?=[^\W_]))(?:[^\s*\\]|\\.)(?:[^\n*\\]|\\.)*\*\*"
        r"|__(?:[^\s_\\]|\\.)(?:[^\n_\\]|\\.)*__"
    ),
    _regex.lazy(r"^ {0,3}>[ \t]?\S", re.M),  # block quote
    _regex.lazy(r"\A\ufeff?---[ \t]*\r?\n(?:[A-Za-z_][\w-]*:.*\r?\n)+---[ \t]*\r?(?:\n|\Z)"),  # YAML front matter
)
# Without these characters, or a list item's start on a line, a text has neither HTML nor
# Markdown structure. (One ``in`` per character is several times faster than a regex class.)
_MARKUP_CHARS = "<>`#*_[]~|"
_OWN_HTML_NOTE = 'class="bannedorgs-footnote"'  # a footnote this library wrote into HTML
_LIST_ITEM_SOURCE = r"[ \t]*(?:[-+]|\d+[.)])[ \t]"
_LIST_ITEM = _regex.lazy(_LIST_ITEM_SOURCE)
_LIST_ITEM_LINE = _regex.lazy(r"\n" + _LIST_ITEM_SOURCE)
_MD_LIST_ITEM = _regex.lazy(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+\S", re.M)


def _has_markdown(text: str) -> bool:
    if any(p.search(text) for p in _MD_SIGNALS):
        return True
    items = _MD_LIST_ITEM.finditer(text)
    return next(items, None) is not None and next(items, None) is not None


def detect(text: str) -> Format:
    """Guess the format of a document.

    * ``"html"`` when the text (after whitespace and comments) starts with ``<!DOCTYPE html>``,
      ``<html>``, ``<head>`` or ``<body>``, or holds a footnote paragraph this library wrote
      (``class="bannedorgs-footnote"``); or when it holds at least two tags of well-known
      HTML elements (``<p>``, ``</p>``, ``<br>``, ``<div …>``, ``<a href=…>``, ``<span>`` …) and
      either starts with such a tag or has no Markdown structure (below).
    * ``"markdown"`` when it is not HTML and has Markdown structure: an ATX heading (``# x``),
      a code fence, an inline link or image ``[x](y)`` (not right after a letter, a digit, a
      closing quote or bracket), a reference or footnote definition ``[x]: y``, strong
      emphasis ``**x**``/``__x__``, a block quote line ``> x``, or at least
      two list item lines (``- x``, ``* x``, ``+ x``, ``1. x``), or YAML front matter
      (``---``, ``key: value`` lines, ``---``) at the start.
    * ``"text"`` otherwise; a lone ``*`` after a word (a footnote marker) is plain text.
    """
    if (
        not any(ch in text for ch in _MARKUP_CHARS)
        and not (_LIST_ITEM.match(text) or _LIST_ITEM_LINE.search(text))
        and not text.lstrip("\ufeff").startswith("---")
    ):
        return "text"  # none of the characters either needs, nor a list: plain, without the searches
    if _HTML_ROOT.match(text) or _OWN_HTML_NOTE in text:
        return "html"
    tags = _HTML_TAG.finditer(text)
    if next(tags, None) is not None and next(tags, None) is not None:
        # a text that starts with a tag is HTML whatever Markdown it holds: not searched for
        first = len(text) - len(text.lstrip())
        if _HTML_TAG.match(text, first) or not _has_markdown(text):
            return "html"
        return "markdown"
    return "markdown" if _has_markdown(text) else "text"


# --- the formats ----------------------------------------------------------------------------


class DocumentFormat:
    """One document format: everything the annotator asks of a document of that kind.

    A format is chosen once per text (:func:`get` by name, :func:`choose` for an option and a
    text) and then asked, never told apart by its name: its view of the prose, its headings,
    the language it declares, how a marker is written into it, where a footnote block appended
    earlier starts, how a block is built and where it is inserted. Each format lives in one
    module with its object (:mod:`.text`, :mod:`.markdown`, :mod:`.html`, :mod:`.office`), the
    way python-stdnum keeps one module per number format.

    The methods here are those of plain text; a format overrides what differs.
    """

    name: Format = "text"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} format {self.name!r}>"

    def view(self, text: str) -> str:
        """The view of ``text`` (see the module doc); always exactly as long as ``text``."""
        return text

    def headings(self, text: str) -> list[tuple[int, int]]:
        """The spans of the document's headings, in order (see :func:`headings`)."""
        return []

    def declared_language(self, text: str, view: str) -> str | None:
        """The language tag the document declares for its prose (``lang`` in HTML, front
        matter in Markdown), as written; None when it declares none. ``view`` is its view."""
        return None

    def marker_text(self, marker: str, *, superscript_html: bool = False) -> str:
        """The text inserted after a mention for ``marker`` (see :func:`marker_text`)."""
        return render(marker, self.name)

    def reference_marker(self, org_id: str, *, markdown_footnotes: bool = False) -> str | None:
        """The marker of the format's own footnote references for an organisation (Markdown's
        ``[^id]`` when asked for), or None when the marker style decides."""
        return None

    def existing_block_start(self, text: str, *, markers: str = "", view: str | None = None) -> int:
        """Where a footnote block appended earlier starts, else ``len(text)`` (see
        :func:`existing_block_start`); ``view`` is the text's view when the caller has it."""
        return _paragraph_block_start(text, markers, _text_note_pattern(markers), None)

    def block_start(self, text: str, *, markers: str = "", view: str | None = None) -> int:
        """:meth:`existing_block_start` as annotate and check ask it: a format may look only
        where a block can stand."""
        return self.existing_block_start(text, markers=markers, view=view)

    def view_and_block_start(self, text: str, *, markers: str = "") -> tuple[str, int]:
        """:meth:`view` and :meth:`block_start`, for a format that can read both in one pass."""
        the_view = self.view(text)
        return the_view, self.block_start(text, markers=markers, view=the_view)

    def footnote_block(self, notes: Sequence[tuple[str, str]], *, markdown_footnotes: bool = False) -> str:
        """The footnote block for ``(marker, sentence)`` pairs (see :func:`footnote_block`)."""
        return "\n\n".join(f"{marker}{sentence}" for marker, sentence in notes)

    def block_insertion(self, text: str, *, into: str | None = None) -> tuple[int, str, str]:
        """Where the footnote block goes: ``(offset, prefix, suffix)`` (see :func:`block_insertion`)."""
        if into is not None:
            raise ValueError(f"into={into!r} only applies to HTML, not to {self.name}")
        offset = len(text.rstrip())
        return offset, ("\n\n" if offset else ""), ""

    def footnotes_insertion(
        self,
        text: str,
        notes: Sequence[tuple[str, str]],
        *,
        into: str | None = None,
        markdown_footnotes: bool = False,
    ) -> tuple[int, str]:
        """The footnote block for ``(marker, sentence)`` pairs placed in ``text``: the offset and
        what to insert there, in the document's line endings. Raises what
        :meth:`block_insertion` raises."""
        block = self.footnote_block(notes, markdown_footnotes=markdown_footnotes)
        offset, prefix, suffix = self.block_insertion(text, into=into)
        return offset, in_line_endings(text, prefix + block + suffix)


def in_line_endings(text: str, inserted: str) -> str:
    """``inserted`` with the line endings of ``text`` (``\\r\\n`` when it has any)."""
    # a search for one character is far quicker than for two (most texts have no \r at all)
    if "\r" in text and "\r\n" in text:
        # each \n not after a \r becomes \r\n (a \r\n stays one); quicker than re.sub
        return inserted.replace("\r\n", "\n").replace("\n", "\r\n")
    return inserted


_MODULES: dict[str, str] = {"text": ".text", "markdown": ".markdown", "html": ".html"}


def get(name: str) -> DocumentFormat:
    """The format called ``name`` ("text", "markdown" or "html"); ValueError for another.

    Its module is imported on first use: plain text needs neither HTML nor Markdown.

    >>> get("markdown").marker_text("*")
    '\\\\*'
    """
    _check(name)
    return _load(name)


@functools.cache
def _load(name: str) -> DocumentFormat:
    # __import__ rather than importlib.import_module: importlib (and the warnings module it
    # imports) would be loaded for this alone on a quick command's path
    found: DocumentFormat = __import__(f"{__name__}{_MODULES[name]}", fromlist=["FORMAT"]).FORMAT
    return found


def choose(option: str, text: str) -> DocumentFormat:
    """The format of ``text`` for a ``format=`` option: "auto" detects it from the text's start
    (:func:`detect`), a name is taken as it is. ValueError for an unknown option."""
    if option == "auto":
        # the signs of HTML or Markdown show early: a long text is judged by its start
        name: str = detect(text[:_DETECT_SAMPLE])
    elif option in FORMATS:
        name = option
    else:
        raise ValueError(f"format {option!r} is not one of auto, {', '.join(FORMATS)}")
    return get(name)


_DETECT_SAMPLE = 65536


# --- the functions of one format, by name ---------------------------------------------------


def view(text: str, fmt: Format) -> str:
    """The view of ``text`` (see the module doc); always exactly as long as ``text``.

    For ``"text"`` it is ``text`` itself (the same object).
    """
    return get(fmt).view(text)


def headings(text: str, fmt: Format) -> list[tuple[int, int]]:
    """The spans of the headings of a document, in order: HTML ``<h1>``–``<h6>`` elements
    (tags included), Markdown ATX (``# x``) and setext (``x`` over ``===`` or ``---``)
    headings; none in plain text."""
    return get(fmt).headings(text)


# --- markers and footnotes ------------------------------------------------------------------


def marker_text(marker: str, fmt: Format, *, superscript_html: bool = False) -> str:
    """The text to insert after a mention for ``marker`` in a document of format ``fmt``.

    * text: the marker as is;
    * markdown: with ``*``, ``_`` and the other characters Markdown would act on
      (``\\ ` [ ] < > ~ &``) backslash-escaped, so ``*`` becomes ``\\*``; a footnote reference
      ``[^1]`` is kept as it is;
    * html: with ``&``, ``<`` and ``>`` escaped (``*`` needs no escaping in HTML), wrapped in
      ``<sup>…</sup>`` when ``superscript_html``.
    """
    return get(fmt).marker_text(marker, superscript_html=superscript_html)


def footnote_block(notes: Sequence[tuple[str, str]], fmt: Format, *, markdown_footnotes: bool = False) -> str:
    """The footnote block for ``(marker, sentence)`` pairs, without what goes around it.

    * text: ``"{marker}{sentence}"`` paragraphs separated by a blank line;
    * markdown: the same with the marker escaped (``\\*Hizb…``); with ``markdown_footnotes``,
      footnote definitions ``[^label]: sentence`` where the label is the marker (``1``) or the
      marker is already the reference (``[^1]``);
    * html: one ``<p class="bannedorgs-footnote">`` per footnote, the sentence escaped.
    """
    return get(fmt).footnote_block(notes, markdown_footnotes=markdown_footnotes)


def block_insertion(text: str, fmt: Format, *, into: str | None = None) -> tuple[int, str, str]:
    """Where the footnote block goes: ``(offset, prefix, suffix)``; the caller inserts
    ``prefix + block + suffix`` at ``offset`` and changes nothing else.

    * text, markdown: before the trailing whitespace of the document, after ``"\\n\\n"``
      (nothing before it in an empty document). In Markdown, a fenced code block left open at
      the end is closed in the prefix; ending inside an HTML comment, ``<script>``, ``<pre>`` …
      block raises ValueError.
    * html: before the last ``</body>`` (else ``</html>``) when only whitespace, comments and
      end tags follow it, else before the trailing whitespace, after ``"\\n"``; an element
      whose content is not prose (``<pre>``, ``<code>``, ``<svg>`` …) left open there is
      closed in the prefix. With ``into="some-id"`` just before the close tag of the element
      with that id (ValueError naming the id when there is none, or it is void or never
      closed). Ending inside a comment, a ``<script>`` or an unfinished tag raises
      :class:`~bannedorgs.errors.UnclosedMarkupError` (a ValueError) with the offset where that
      markup starts; :meth:`~bannedorgs.Annotator.annotate` then puts the footnotes there.
    """
    return get(fmt).block_insertion(text, into=into)


# --- an existing footnote block -------------------------------------------------------------

_BLANK_LINES = _regex.lazy(r"\n(?:[ \t\r\f\v]*\n)+")
_NON_SPACE = _regex.lazy(r"\S")
_SUPERSCRIPT = "[¹²³⁰⁴⁵⁶⁷⁸⁹]++|[†‡]++"
_AFTER_MARKER = r"(?=[^\W_]|[\"'«“„‘‹])"
_LATER_STAR = _regex.lazy(r"(?<!\\)\*")
_MARKER_CHARS = "*¹²³⁰⁴⁵⁶⁷⁸⁹^†‡"  # one of them starts every common footnote: *, \*, ¹, †, [^1]:


@functools.lru_cache(maxsize=64)
def _text_note_pattern(extra: str) -> re.Pattern[str]:
    """A footnote's start in plain text: a marker (the style's ``extra`` ones first, then the
    common ones) touching a letter, a digit or a quote."""
    own = f"{extra}|" if extra else ""
    return _regex.kept(rf" {{0,3}}(?:{own}(\*++)|{_SUPERSCRIPT}){_AFTER_MARKER}")


def _paragraphs(text: str, since: int = 0) -> list[tuple[int, int]]:
    """(start, end) of the non-blank paragraphs from ``since`` on (0, or where a paragraph
    starts); a start is the start of a line."""
    bounds: list[int] = [since]
    for m in _BLANK_LINES.finditer(text, since):
        bounds += (m.start(), m.end())
    bounds.append(len(text))
    result: list[tuple[int, int]] = []
    for k in range(0, len(bounds), 2):
        start, end = bounds[k], bounds[k + 1]
        first = _NON_SPACE.search(text, start, end)
        if first is not None:
            result.append((max(start, text.rfind("\n", start, first.start()) + 1), end))
    return result


def _paragraph_block_start(
    text: str,
    markers: str,
    pattern: re.Pattern[str],
    view_of: Callable[[str], str] | None,
    view: str | None = None,
) -> int:
    """The block detection of plain text and Markdown (see :func:`existing_block_start`):
    the paragraphs at the end that each start with a footnote marker (``pattern``; a group
    2 is a Markdown definition's colon). With ``view_of``, a marker must be prose in the view
    (``view`` when the caller has it, else built by ``view_of`` once needed)."""
    if not markers and not any(ch in text for ch in _MARKER_CHARS):  # no marker anywhere: no block (fast)
        return len(text)
    # the block is at the end: the paragraphs after a blank line among the last few hundred
    # characters are read first, and all of them only when each of those starts a footnote
    blank = _BLANK_LINES.search(text, len(text) - _TAIL) if len(text) > _TAIL else None
    if blank is not None:
        found, every = _block_from(text, blank.end(), pattern, view_of, view)
        if not every:
            return found
    return _block_from(text, 0, pattern, view_of, view)[0]


_TAIL = 512


def _block_from(
    text: str,
    since: int,
    pattern: re.Pattern[str],
    view_of: Callable[[str], str] | None,
    view: str | None,
) -> tuple[int, bool]:
    """:func:`_paragraph_block_start` among the paragraphs from ``since`` on (where one starts),
    and whether every one of them starts a footnote."""
    the_view = view
    found = len(text)
    for start, end in reversed(_paragraphs(text, since)):
        m = pattern.match(text, start, end)
        if m is None:
            return found, False
        stars = m.group(1)
        if stars and _LATER_STAR.search(text, m.start(1) + len(stars), end):
            return found, False
        if view_of is not None:
            if the_view is None:
                the_view = view_of(text)
            probe = m.start(2) if m.group(2) is not None else m.end() - 1
            if the_view[probe] == HARD:
                return found, False
        found = start
    return found, True


def existing_block_start(text: str, fmt: Format, *, markers: str = "", view: str | None = None) -> int:
    """Where a footnote block appended earlier (by this library or by hand) starts; else
    ``len(text)``.

    * text, markdown: the first of the paragraphs at the end of the document that all start
      (after at most three spaces) with a marker directly followed by a letter, a digit or a
      quote: ``*``, ``**`` …, superscript digits ``¹²³``; in Markdown also ``\\*`` and footnote
      definitions ``[^1]:``. A paragraph starting with an unescaped ``*`` counts only when it has
      no other ``*`` (so ``*Photo: Reuters*`` is emphasis, not a footnote), and a bullet
      ``* item`` never counts (the marker must touch the word). In Markdown the marker must be
      prose, not inside code or an HTML block.
    * html: see :func:`bannedorgs.formats.html.existing_block_start`.

    ``markers`` is a regex of the markers of the chosen style (:class:`bannedorgs.markers.Markers`
    ``note``), read as footnote starts besides the common ones above and ``†``, ``‡``.
    ``view`` is the document's :func:`view` when the caller has it; otherwise it is built if
    needed.
    """
    return get(fmt).existing_block_start(text, markers=markers, view=view)
