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
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Literal

from ..markers import render

HARD = "\x00"  # the same values as in .html, without importing it for plain text
SOFT = " "


__all__ = [
    "FORMATS",
    "HARD",
    "SOFT",
    "Format",
    "block_insertion",
    "detect",
    "existing_block_start",
    "footnote_block",
    "headings",
    "marker_text",
    "view",
]

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


# --- detection ------------------------------------------------------------------------------

_HTML_ROOT = re.compile(
    r"\A\ufeff?\s*+(?:<!--.*?-->\s*+)*<(?:!doctype[ \t\r\n]+html|html|head|body)(?=[\s>])",
    re.I | re.S,
)
_KNOWN_TAGS = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|cite|code|dd|div|dl|dt|em|"
    "figcaption|figure|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|"
    "main|mark|meta|nav|ol|option|p|picture|pre|q|s|script|section|select|small|source|span|"
    "strong|style|sub|sup|table|tbody|td|textarea|th|thead|time|title|tr|u|ul|video"
)
_HTML_TAG = re.compile(rf"</?(?:{_KNOWN_TAGS})(?:[\s/][^<>]*+)?>", re.I)
_MD_SIGNALS = (
    re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M),  # ATX heading
    re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M),  # code fence
    # inline link or image, not glued to a word or a closing quote or bracket (in Daesh[1](*)
    # and «Daesh»[1](*) the [1] is a marker); its text may hold escaped brackets (\[1\])
    re.compile(r"(?<![^\W_])(?<![»”\"›‟」』〟)\]])!?\[(?:[^\[\]\n\\]|\\.)+\]\([^()\s]+[^()\n]*\)"),
    re.compile(r"^ {0,3}\[[^\[\]\n]+\]:[ \t]*\S", re.M),  # reference or footnote definition
    # strong emphasis; an escaped \* inside (a footnote marker this library put there) is text.
    # After a letter, ** opens only before a letter (CommonMark's left-flanking rule), so the
    # numbered markers of "Daesh**: al-Qaeda***" are not emphasis.
    re.compile(
        r"(?:(?<![^\W_])\*\*|\*\*(?=[^\W_]))(?:[^\s*\\]|\\.)(?:[^\n*\\]|\\.)*\*\*"
        r"|__(?:[^\s_\\]|\\.)(?:[^\n_\\]|\\.)*__"
    ),
    re.compile(r"^ {0,3}>[ \t]?\S", re.M),  # block quote
    re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:[A-Za-z_][\w-]*:.*\r?\n)+---[ \t]*\r?(?:\n|\Z)"),  # YAML front matter
)
# Without these characters, or a list item's start on a line, a text has neither HTML nor
# Markdown structure. (One ``in`` per character is several times faster than a regex class.)
_MARKUP_CHARS = "<>`#*_[]~|"
_OWN_HTML_NOTE = 'class="bannedorgs-footnote"'  # a footnote this library wrote into HTML
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+]|\d+[.)])[ \t]")
_LIST_ITEM_LINE = re.compile(r"\n" + _LIST_ITEM.pattern)
_MD_LIST_ITEM = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+\S", re.M)


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


# --- the view -------------------------------------------------------------------------------


def view(text: str, fmt: Format) -> str:
    """The view of ``text`` (see the module doc); always exactly as long as ``text``.

    For ``"text"`` it is ``text`` itself (the same object).
    """
    if fmt == "text":
        return text
    if fmt == "markdown":
        from . import markdown as _markdown  # imported on first use: plain text needs neither

        return _markdown.view(text)
    if fmt == "html":
        from . import html as _html  # imported on first use: plain text needs neither

        return _html.view(text)
    _check(fmt)
    raise AssertionError  # pragma: no cover


def headings(text: str, fmt: Format) -> list[tuple[int, int]]:
    """The spans of the headings of a document, in order: HTML ``<h1>``–``<h6>`` elements
    (tags included), Markdown ATX (``# x``) and setext (``x`` over ``===`` or ``---``)
    headings; none in plain text."""
    _check(fmt)
    if fmt == "markdown":
        from . import markdown as _markdown  # imported on first use: plain text needs neither

        return list(_markdown.blocks(text).headings)
    if fmt == "html":
        from . import html as _html  # imported on first use: plain text needs neither

        return _html.headings(text)
    return []


# --- markers and footnotes ------------------------------------------------------------------

_MD_FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]+)\]")


def marker_text(marker: str, fmt: Format, *, superscript_html: bool = False) -> str:
    """The text to insert after a mention for ``marker`` in a document of format ``fmt``.

    * text: the marker as is;
    * markdown: with ``*``, ``_`` and the other characters Markdown would act on
      (``\\ ` [ ] < > ~ &``) backslash-escaped, so ``*`` becomes ``\\*``; a footnote reference
      ``[^1]`` is kept as it is;
    * html: with ``&``, ``<`` and ``>`` escaped (``*`` needs no escaping in HTML), wrapped in
      ``<sup>…</sup>`` when ``superscript_html``.
    """
    _check(fmt)
    written = render(marker, fmt)
    return f"<sup>{written}</sup>" if superscript_html and fmt == "html" else written


def _footnote_label(marker: str) -> str:
    m = _MD_FOOTNOTE_REF.fullmatch(marker)
    label = m.group(1) if m else marker
    if not label or re.search(r"[\s\[\]^]", label):
        raise ValueError(f"{marker!r} cannot be the label of a Markdown footnote")
    return label


def footnote_block(notes: Sequence[tuple[str, str]], fmt: Format, *, markdown_footnotes: bool = False) -> str:
    """The footnote block for ``(marker, sentence)`` pairs, without what goes around it.

    * text: ``"{marker}{sentence}"`` paragraphs separated by a blank line;
    * markdown: the same with the marker escaped (``\\*Hizb…``); with ``markdown_footnotes``,
      footnote definitions ``[^label]: sentence`` where the label is the marker (``1``) or the
      marker is already the reference (``[^1]``);
    * html: one ``<p class="bannedorgs-footnote">`` per footnote, the sentence escaped.
    """
    _check(fmt)
    if fmt == "text":
        return "\n\n".join(f"{marker}{sentence}" for marker, sentence in notes)
    if fmt == "markdown":
        if markdown_footnotes:
            return "\n\n".join(f"[^{_footnote_label(m)}]: {s}" for m, s in notes)
        return "\n\n".join(f"{marker_text(m, 'markdown')}{s}" for m, s in notes)
    from . import html as _html  # imported on first use: plain text needs neither

    return "\n".join(_html.footnote_paragraph(marker_text(m, "html"), s) for m, s in notes)


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
    _check(fmt)
    if fmt == "html":
        from . import html as _html  # imported on first use: plain text needs neither

        return _html.block_insertion(text, into)
    if into is not None:
        raise ValueError(f"into={into!r} only applies to HTML, not to {fmt}")
    if fmt == "markdown":
        from . import markdown as _markdown  # imported on first use: plain text needs neither

        return _markdown.block_insertion(text)
    offset = len(text.rstrip())
    return offset, ("\n\n" if offset else ""), ""


# --- an existing footnote block -------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_NON_SPACE = re.compile(r"\S")
_SUPERSCRIPT = "[¹²³⁰⁴⁵⁶⁷⁸⁹]++|[†‡]++"
_AFTER_MARKER = r"(?=[^\W_]|[\"'«“„‘‹])"
_LATER_STAR = re.compile(r"(?<!\\)\*")
_MARKER_CHARS = "*¹²³⁰⁴⁵⁶⁷⁸⁹^†‡"  # one of them starts every common footnote: *, \*, ¹, †, [^1]:


@functools.lru_cache(maxsize=64)
def _note_pattern(fmt: Format, extra: str) -> re.Pattern[str]:
    """A footnote's start: a marker (the style's ``extra`` ones first, then the common ones)
    touching a letter, a digit or a quote; in Markdown also a definition ``[^1]:``."""
    own = f"{extra}|" if extra else ""
    if fmt == "markdown":
        return re.compile(
            rf" {{0,3}}(?:{own}(\*++)|(?:\\\*)++|{_SUPERSCRIPT}){_AFTER_MARKER}| {{0,3}}\[\^[^\[\]\s]+\](:)"
        )
    return re.compile(rf" {{0,3}}(?:{own}(\*++)|{_SUPERSCRIPT}){_AFTER_MARKER}")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the non-blank paragraphs; a start is the start of a line."""
    bounds: list[int] = [0]
    for m in _BLANK_LINES.finditer(text):
        bounds += (m.start(), m.end())
    bounds.append(len(text))
    result: list[tuple[int, int]] = []
    for k in range(0, len(bounds), 2):
        start, end = bounds[k], bounds[k + 1]
        first = _NON_SPACE.search(text, start, end)
        if first is not None:
            result.append((max(start, text.rfind("\n", start, first.start()) + 1), end))
    return result


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
    _check(fmt)
    if fmt == "html":
        from . import html as _html  # imported on first use: plain text needs neither

        return _html.existing_block_start(text, markers=markers, view=view)
    if not markers and not any(ch in text for ch in _MARKER_CHARS):  # no marker anywhere: no block (fast)
        return len(text)
    pattern = _note_pattern(fmt, markers)
    the_view = view
    found = len(text)
    for start, end in reversed(_paragraphs(text)):
        m = pattern.match(text, start, end)
        if m is None:
            break
        stars = m.group(1)
        if stars and _LATER_STAR.search(text, m.start(1) + len(stars), end):
            break
        if fmt == "markdown":
            if the_view is None:
                from . import markdown as _markdown  # imported on first use: plain text needs neither

                the_view = _markdown.view(text)
            probe = m.start(2) if m.group(2) is not None else m.end() - 1
            if the_view[probe] == HARD:
                break
        found = start
    return found
