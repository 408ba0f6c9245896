"""HTML: a tokenizer that tells prose from markup, the view, and where footnotes go.

The tokenizer follows the HTML tokenizer closely enough for this purpose, in linear time:

* ``<`` starts markup only when followed by an ASCII letter, ``/``, ``!`` or ``?``; any other
  ``<`` (``a < b``) is text.
* A tag runs to the first ``>`` that is not inside a quoted attribute value; a quote opens a
  value only after ``=``, as in HTML (``<p class=x">`` is fine). A tag that never ends swallows
  the rest of the input, as it does in a browser.
* Comments (``<!-- -->``, also unclosed, running to the end), ``<!DOCTYPE>``, ``<![CDATA[ ]]>``,
  processing instructions and other "bogus comments" are one piece each.
* The content of the raw-text elements (:data:`RAW_TEXT`: script, style, textarea, title …)
  runs to the matching close tag (to the end of the input when there is none) and holds no tags.

In the view (see :mod:`bannedorgs.formats`) every tag, comment and declaration is HARD, except
the tags of :data:`INLINE` elements (``<b>``, ``<a href=…>``, ``<span>`` …), which are SOFT as a
whole, attributes included. The content of :data:`RAW_TEXT` and :data:`HARD_CONTENT` elements
is HARD up to the matching close tag (an end tag closes the innermost open element of its name
and those inside it; ``</body>`` and ``</html>`` close them all; without one, the rest of the
document is HARD). In character data, references are decoded and bare URLs (``https://…``,
``www.…``) and e-mail addresses are HARD.

This module also holds what the Markdown module shares with it: :data:`HARD`, :data:`SOFT`,
character references and bare URLs.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from html import escape, unescape
from html.entities import html5
from typing import Literal, NamedTuple

from . import DocumentFormat

__all__ = [
    "FOOTNOTE_CLASS",
    "FORMAT",
    "HARD",
    "HARD_CONTENT",
    "HTML",
    "INLINE",
    "RAW_TEXT",
    "REF_PATTERN",
    "SOFT",
    "URL_PATTERN",
    "VOID",
    "Token",
    "attributes",
    "block_insertion",
    "existing_block_start",
    "footnote_paragraph",
    "headings",
    "prose_view",
    "ref_view",
    "tokens",
    "url_end",
    "view",
]

HARD = "\x00"
"""A boundary no name can span: replaces markup, code, URLs, attribute values …"""
SOFT = " "
"""Markup inside running prose (``<b>``, ``**``): a name may span it, like a space."""

RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
)
"""Elements whose content is text up to their close tag: no tags inside, never prose."""

HARD_CONTENT = frozenset(
    {
        "pre",
        "code",
        "kbd",
        "samp",
        "var",
        "template",
        "svg",
        "math",
        "object",
        "select",
        "datalist",
        "canvas",
        "audio",
        "video",
    }
)
"""Elements whose content holds ordinary HTML that is nevertheless not prose (code, graphics,
form controls); HARD from the start tag to the matching close tag."""

INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "mark",
        "nobr",
        "q",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "wbr",
    }
)
"""Tags that sit inside running prose: the whole tag (attributes too) becomes SOFT."""

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
"""Elements that have no content and no close tag."""

TokenKind = Literal["tag", "markup", "raw", "broken"]


class Token(NamedTuple):
    """A piece of markup; the text between tokens is character data.

    ``kind`` is ``"tag"`` (a start or end tag), ``"markup"`` (comment, doctype, CDATA,
    processing instruction), ``"raw"`` (the content of a :data:`RAW_TEXT` element) or
    ``"broken"`` (a tag cut off by the end of the input). ``complete`` is false for a comment,
    CDATA section or raw-text content that the end of the input cut off.
    """

    kind: TokenKind
    start: int
    end: int
    name: str = ""  # lower-case tag or raw-text element name
    closing: bool = False
    attrs_start: int = 0
    attrs_end: int = 0
    complete: bool = True


_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>|.*)", re.S)
_CDATA = re.compile(r"<!\[CDATA\[(?:.*?\]\]>|.*)", re.S)
_BOGUS = re.compile(r"<[!?/][^>]*+>?")
_WS = "\\t\\n\\f\\r "
_TAG = re.compile(
    rf"<(/?)([A-Za-z][^{_WS}/>]*+)"
    rf"((?:[{_WS}/]++"
    rf"|(?:=[^{_WS}/>=]*+|[^{_WS}/>=]++)"
    rf"(?:[{_WS}]*+=[{_WS}]*+(?:\"[^\"]*+\"?|'[^']*+'?|[^{_WS}>]*+))?+"
    rf")*+)(>)?"
)
_ATTR = re.compile(
    rf"[{_WS}/]*+(=[^{_WS}/>=]*+|[^{_WS}/>=]*+)"
    rf"(?:[{_WS}]*+=[{_WS}]*+(\"[^\"]*+\"?|'[^']*+'?|[^{_WS}>]*+))?+"
)
# where markup starts: "<" and an ASCII letter (a tag, matched in the same search), "!", "?" or "/"
_NEXT = re.compile(rf"{_TAG.pattern}|<[!?/]")
_RAW_END = {name: re.compile(rf"</{name}(?=[{_WS}/>]|\Z)", re.I) for name in RAW_TEXT if name != "plaintext"}


def tokens(text: str) -> Iterator[Token]:
    """The markup of an HTML document in order, found in one linear pass.

    Annotating a document reads its tokens up to four times (the view, the declared
    language, an existing footnote block, where a new block goes): the tokens of the last
    document of an article's size are kept, and the next reading of that same string takes
    them (a tag-dense page of megabytes is read afresh each time instead, not held)."""
    if len(text) > _KEEP_TOKENS_UP_TO:
        return _scan(text)
    text_then, kept = _KEPT[0]  # one tuple, swapped whole: threads see one pair or the other
    if text_then is text:
        return iter(kept)
    found = tuple(_scan(text))
    _KEPT[0] = (text, found)
    return iter(found)


_new_tuple = tuple.__new__
_KEEP_TOKENS_UP_TO = 1 << 16  # characters: an article's tokens are a few hundred kilobytes at most
_KEPT: list[tuple[str | None, tuple[Token, ...]]] = [(None, ())]


def _scan(text: str) -> Iterator[Token]:
    """:func:`tokens`, each time."""
    n = len(text)
    pos = 0
    while True:
        m = _NEXT.search(text, pos)
        if m is None:
            return
        i = m.start()
        c = text[i + 1]
        if c in "!?":
            if text.startswith("<!--", i):
                t = _COMMENT.match(text, i)
                # closed by "-->" (or "<!-->"), not by a ">" of whatever it swallowed up to the end
                done = t is not None and (t.group().endswith(("-->", "--!>")) or t.group() in ("<!-->", "<!--->"))
            elif text.startswith("<![CDATA[", i):
                t = _CDATA.match(text, i)
                done = t is not None and t.group().endswith("]]>")
            else:
                t = _BOGUS.match(text, i)
                done = t is not None and t.group().endswith(">")
            assert t is not None
            yield Token("markup", i, t.end(), complete=done)
            pos = t.end()
            continue
        if c == "/":
            if i + 2 >= n:  # "</" at the very end is text
                return
            d = text[i + 2]
            if not (d.isascii() and d.isalpha()):  # "</>" or "</ x>": a bogus comment
                t = _BOGUS.match(text, i)
                assert t is not None
                yield Token("markup", i, t.end(), complete=t.group().endswith(">"))
                pos = t.end()
                continue
        t = m  # "<" + letter always starts a tag, which the search matched
        closing = bool(t.group(1))
        name = t.group(2).lower()
        if t.group(4) is None:
            yield Token("broken", i, n, name, closing, t.start(3), t.end(3), complete=False)
            return
        # Token("tag", i, t.end(), name, closing, t.start(3), t.end(3)), built as the tuple it is:
        # a NamedTuple with defaults fills them in a Python function, a cost per tag
        yield _new_tuple(Token, ("tag", i, t.end(), name, closing, t.start(3), t.end(3), True))
        pos = t.end()
        if not closing and name in RAW_TEXT:
            end_re = _RAW_END.get(name)
            e = end_re.search(text, pos) if end_re is not None else None
            if e is None:
                if pos < n:
                    yield Token("raw", pos, n, name, complete=False)
                return
            if e.start() > pos:
                yield Token("raw", pos, e.start(), name)
            pos = e.start()


def attributes(text: str, start: int, end: int) -> dict[str, str]:
    """The attributes in ``text[start:end]`` (a tag's attribute part), names lower-cased,
    values unquoted and with character references decoded; the first of duplicates wins."""
    result: dict[str, str] = {}
    pos = start
    while pos < end:
        m = _ATTR.match(text, pos, end)
        if m is None or m.end() == pos:
            break
        name = m.group(1).lower()
        value = m.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        if name and name not in result:
            result[name] = unescape(value)
        pos = m.end()
    return result


_WS_CHARS = "\t\n\f\r "


def _self_closing(text: str, tok: Token) -> bool:
    return text[tok.attrs_start : tok.attrs_end].rstrip(_WS_CHARS).endswith("/")


# --- character references and bare URLs -----------------------------------------------------

REF_PATTERN = r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
WEB_URL_PATTERN = r"(?<![\w/.@-])(?:(?:https?|ftp)://|www\.)[^\s<>\"«»“”]+"
EMAIL_PATTERN = r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
URL_PATTERN = f"{WEB_URL_PATTERN}|{EMAIL_PATTERN}"
"""Bare URLs (``https://…``, ``www.…``) and e-mail addresses."""
_PROSE = re.compile(rf"(?P<ref>{REF_PATTERN})|(?P<url>{URL_PATTERN})")
_EMAIL = re.compile(EMAIL_PATTERN)
_URL_TRAILING = ".,:;!?*_~'\""


def ref_view(ref: str) -> str | None:
    """What the view holds for one character reference (``&laquo;``, ``&#171;``, ``&#xAB;``):
    the decoded character at the last position and spaces before it; None when unknown."""
    if ref[1] == "#":
        decoded = unescape(ref)  # handles 0, surrogates, > 0x10FFFF and the cp1252 range
    else:
        found = html5.get(ref[1:])
        if found is None:
            return None
        decoded = found
    if len(decoded) > len(ref):  # cannot happen with the HTML5 table; be safe
        return None
    return SOFT * (len(ref) - len(decoded)) + decoded


def url_end(text: str, start: int, end: int) -> int:
    """Where a bare URL matched as ``text[start:end]`` really ends: trailing punctuation and an
    unbalanced closing parenthesis are not part of it (as in GitHub-flavoured Markdown)."""
    surplus = text.count(")", start, end) - text.count("(", start, end)
    while end > start:
        ch = text[end - 1]
        if ch == ")" and surplus > 0:
            surplus -= 1
        elif ch not in _URL_TRAILING:
            break
        end -= 1
    return end


def _prose_piece(m: re.Match[str]) -> str:
    s = m.group()
    if m.lastgroup == "ref":
        return ref_view(s) or s
    end = url_end(s, 0, len(s))
    return HARD * end + s[end:]


def prose_view(segment: str) -> str:
    """The view of character data: references decoded, bare URLs and e-mail addresses HARD."""
    if "&" not in segment and "://" not in segment and "www." not in segment and "@" not in segment:
        return segment
    # as _PROSE.sub, trying _PROSE only where one of its kinds may start: searching with it
    # tries every alternative at every character
    out: list[str] = []
    n = len(segment)
    last = pos = 0
    ref_at = web_at = -1  # the next candidate at or after pos; -1: not searched yet
    web = WebUrls(segment, n)
    email_at = -1 if "@" in segment else n
    while True:
        if ref_at < pos:
            ref_at = segment.find("&", pos)
            if ref_at < 0:
                ref_at = n
        if web_at < pos:
            web_at = web.next(pos)
        if email_at < pos:
            e = _EMAIL.search(segment, pos)
            email_at = e.start() if e is not None else n
        i = min(ref_at, web_at, email_at)
        if i >= n:
            break
        m = _PROSE.match(segment, i)
        if m is None:
            pos = i + 1
            continue
        out += (segment[last:i], _prose_piece(m))
        last = pos = m.end()
    if not out:
        return segment
    out.append(segment[last:])
    return "".join(out)


class WebUrls:
    """Where bare URLs of :data:`WEB_URL_PATTERN` may start in ``text[:end]``, asked for at
    offsets that never decrease; found with ``str.find``, each part of the text searched once:
    a URL starts with the ``ftp``, ``http`` or ``https`` before its ``://``, or at its ``www.``."""

    __slots__ = ("_end", "_scheme", "_text", "_www")

    def __init__(self, text: str, end: int) -> None:
        self._text, self._end = text, end
        self._scheme = self._www = -1  # the next of each kind; -1: not searched yet

    def next(self, pos: int) -> int:
        """An offset in ``[pos, end]`` before which none starts at or after ``pos``."""
        text, end = self._text, self._end
        if self._scheme < pos:
            self._scheme = 1 << 62
            k = text.find("://", pos + 3, end)
            while k >= 0:
                start = next((k - len(s) for s in ("https", "http", "ftp") if text.startswith(s, k - len(s))), -1)
                if start >= pos:
                    self._scheme = start
                    break
                k = text.find("://", k + 1, end)
        if self._www < pos:
            w = text.find("www.", pos, end)
            self._www = w if w >= 0 else 1 << 62
        return min(self._scheme, self._www, end)


# --- the view -------------------------------------------------------------------------------


def view(text: str, paragraphs: _Paragraphs | None = None) -> str:
    """The view of an HTML document: same length, only prose left readable (see package doc).
    ``paragraphs``, when given, is fed the tags the footnote-block search reads, in the same
    pass."""
    out: list[str] = []
    done: list[str] = []  # ``out`` joined every _JOIN pieces: tag-dense HTML makes millions of them
    pos = 0
    stack: list[str] = []  # open HARD_CONTENT elements, innermost last
    open_count: dict[str, int] = {}  # how many of each name the stack holds
    for tok in tokens(text):
        if tok.start > pos:
            out.append(HARD * (tok.start - pos) if stack else prose_view(text[pos : tok.start]))
        size = tok.end - tok.start
        soft = False
        if tok.kind == "tag":
            name = tok.name
            if paragraphs is not None and (name == "p" or name in _BLOCK_ENDS_P):
                paragraphs.feed(tok)
            if tok.closing:
                if open_count.get(name):
                    # found from the innermost: each step passes an element this tag closes,
                    # so a close tag that matches nothing no longer walks the whole stack
                    i = len(stack) - 1
                    while stack[i] != name:
                        i -= 1
                    for gone in stack[i:]:
                        open_count[gone] -= 1
                    del stack[i:]
                elif name in ("body", "html"):
                    stack.clear()
                    open_count.clear()
                else:
                    soft = name in INLINE and not stack
            elif name in HARD_CONTENT:
                if not (name in ("svg", "math") and _self_closing(text, tok)):
                    stack.append(name)
                    open_count[name] = open_count.get(name, 0) + 1
            else:
                soft = name in INLINE and not stack
        out.append((SOFT if soft else HARD) * size)
        pos = tok.end
        if len(out) >= _JOIN:
            done.append("".join(out))
            out.clear()
    if pos < len(text):
        out.append(HARD * (len(text) - pos) if stack else prose_view(text[pos:]))
    if not done:
        return "".join(out)
    done.append("".join(out))
    return "".join(done)


_JOIN = 4096


_view = view  # for the functions that take a view as a parameter of that name


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def headings(text: str) -> list[tuple[int, int]]:
    """The spans of the ``<h1>``–``<h6>`` elements, from the start tag to the end tag (or to
    the next heading or the end of the document when it is missing)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for tok in tokens(text):
        if tok.kind != "tag" or tok.name not in _HEADINGS:
            continue
        if tok.closing:
            if start is not None:
                spans.append((start, tok.end))
                start = None
        else:
            if start is not None:
                spans.append((start, tok.start))
            start = tok.start
    if start is not None:
        spans.append((start, len(text)))
    return spans


# --- footnotes ------------------------------------------------------------------------------

FOOTNOTE_CLASS = "bannedorgs-footnote"


def footnote_paragraph(marker: str, sentence: str) -> str:
    """One footnote as an HTML paragraph; ``marker`` is already HTML."""
    return f'<p class="{FOOTNOTE_CLASS}">{marker}{escape(sentence, quote=False)}</p>'


class HTML(DocumentFormat):
    """HTML: the view above, markers escaped (in ``<sup>`` when asked for), footnotes as
    ``<p class="bannedorgs-footnote">`` paragraphs before ``</body>`` or in the element
    ``into`` names; the language declared by ``lang`` attributes. The footnotes of an export
    of Word or Google Docs are placed by its variant :class:`~bannedorgs.formats.office.OfficeHTML`."""

    name = "html"

    def view(self, text: str) -> str:
        return view(text)

    def headings(self, text: str) -> list[tuple[int, int]]:
        return headings(text)

    def declared_language(self, text: str, view: str) -> str | None:
        """The ``lang`` (or ``xml:lang``) in effect over most of the prose, else the first
        one declared (for a page without prose); None when there is none."""
        if _LANG_ATTR.search(text) is None:
            return None
        # the language in effect over each piece of character data: weigh it by its prose
        weight: dict[str, int] = {}
        stack: list[tuple[str, str | None]] = []  # (element, its declared language)
        current: str | None = None
        first: str | None = None  # the first declared, for a page without prose
        pos = 0
        for tok in tokens(text):
            if tok.start > pos and current is not None:
                piece = view[pos : tok.start]
                weight[current] = weight.get(current, 0) + len(piece) - piece.count(HARD) - piece.count(" ")
            pos = tok.end
            if tok.kind != "tag":
                continue
            if tok.closing:
                names = [name for name, _ in stack]
                if tok.name in names:
                    del stack[len(names) - 1 - names[::-1].index(tok.name) :]
            elif tok.name not in VOID and not _self_closing(text, tok):
                lang: str | None = None
                if _LANG_ATTR.search(text, tok.attrs_start, tok.attrs_end):
                    attrs = attributes(text, tok.attrs_start, tok.attrs_end)
                    lang = attrs.get("lang") or attrs.get("xml:lang") or None
                    first = first or lang
                stack.append((tok.name, lang))
            current = next((lang for _, lang in reversed(stack) if lang is not None), None)
        if pos < len(text) and current is not None:
            piece = view[pos:]
            weight[current] = weight.get(current, 0) + len(piece) - piece.count(HARD) - piece.count(" ")
        if not weight:
            return first or None
        return max(weight, key=lambda k: weight[k])

    def marker_text(self, marker: str, *, superscript_html: bool = False) -> str:
        written = super().marker_text(marker)
        return f"<sup>{written}</sup>" if superscript_html else written

    def existing_block_start(self, text: str, *, markers: str = "", view: str | None = None) -> int:
        return existing_block_start(text, markers=markers, view=view)

    def view_and_block_start(self, text: str, *, markers: str = "") -> tuple[str, int]:
        return view_and_block_start(text, markers)

    def footnote_block(self, notes: Sequence[tuple[str, str]], *, markdown_footnotes: bool = False) -> str:
        return "\n".join(footnote_paragraph(self.marker_text(m), s) for m, s in notes)

    def block_insertion(self, text: str, *, into: str | None = None) -> tuple[int, str, str]:
        return block_insertion(text, into)

    def footnotes_insertion(
        self,
        text: str,
        notes: Sequence[tuple[str, str]],
        *,
        into: str | None = None,
        markdown_footnotes: bool = False,
    ) -> tuple[int, str]:
        """As for any format; but an export of Word or Google Docs, unless ``into`` names an
        element, is handed to :class:`~bannedorgs.formats.office.OfficeHTML`. (An export is told
        here, where it differs, not when the format is chosen: most texts never need to know.)"""
        if into is None:
            is_office_export, office = _office()
            if is_office_export(text):
                return office.footnotes_insertion(text, notes, markdown_footnotes=markdown_footnotes)
        return super().footnotes_insertion(text, notes, into=into, markdown_footnotes=markdown_footnotes)


@functools.cache
def _office() -> tuple[Callable[[str], bool], DocumentFormat]:
    """The test of an office export and its format, imported on first use (an import statement
    run on every call cost several microseconds an article)."""
    from . import office

    return office.is_office_export, office.FORMAT


# a lang or xml:lang attribute may stand here; spelt out letter by letter, the search skips
# to an "l" or "L" (with re.I and the optional prefix it tried every character: ~40 µs an article)
_LANG_ATTR = re.compile(r"[lL][aA][nN][gG][\s=]")
FORMAT = HTML()


def block_insertion(text: str, into: str | None = None) -> tuple[int, str, str]:
    """Where the footnote block goes in an HTML document; see the package function.

    Before the last ``</body>`` (else ``</html>``) when only whitespace, comments and end tags
    follow it, else at the end, so that the block always follows the last prose. Elements left
    open there whose content is not prose but HTML (``<pre>``, ``<code>``, ``<svg>`` …) are
    closed first, so the footnotes are shown as text; ending inside a ``<script>`` or another
    raw-text element, a comment or a tag raises UnclosedMarkupError. One pass over the tokens,
    none of them kept (tag-dense HTML has millions)."""
    if into is not None:
        return _into(text, tokens(text), into)
    closing: dict[str, tuple[Token, str]] = {}  # the last </body> and </html>, what is open there
    before = last = None  # the last two tokens
    open_now = _Open(text)
    for tok in tokens(text):
        if tok.kind == "tag":
            if tok.closing:
                if tok.name in ("body", "html"):
                    closing[tok.name] = (tok, open_now.closers())
                if open_now.browser or open_now.seen:  # else an end tag closes nothing
                    open_now.feed(tok)
            elif tok.name in HARD_CONTENT:  # no other start tag opens what feed() keeps
                open_now.feed(tok)
        before, last = last, tok
    tail = [t for t in (before, last) if t is not None]
    for wanted in ("body", "html"):
        if wanted in closing:
            tok, closers = closing[wanted]
            after = _AFTER.match(text, tok.start)
            if after is not None and after.end() == len(text):
                return tok.start, closers + "\n", ""
    unclosed = _unclosed(tail)
    if unclosed is not None:
        from ..errors import UnclosedMarkupError

        last, start = unclosed
        what = f"<{last.name}>" if last.name else "a comment or CDATA section"
        if last.kind == "broken":
            what = f"an unfinished <{'/' if last.closing else ''}{last.name}> tag"
        raise UnclosedMarkupError(f"the HTML ends inside {what}", start)
    offset = len(text.rstrip())
    closers = open_now.closers()
    return offset, closers + ("\n" if offset or closers else ""), ""


class _Open:
    """The :data:`HARD_CONTENT` elements (``<pre>``, ``<code>`` …) open as the tokens go by,
    as a browser reads them and as :func:`view` reads them (where ``</body>`` closes them all)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.browser: list[str] = []
        self.seen: list[str] = []  # as the view sees it

    def feed(self, tok: Token) -> None:
        if tok.kind != "tag":
            return
        if tok.closing:
            _close(self.browser, tok.name)
            if tok.name in ("body", "html") and tok.name not in self.seen:
                self.seen.clear()
            _close(self.seen, tok.name)
        elif tok.name in HARD_CONTENT and not (tok.name in ("svg", "math") and _self_closing(self.text, tok)):
            self.browser.append(tok.name)
            self.seen.append(tok.name)

    def closers(self) -> str:
        """The end tags that close all of it, innermost first."""
        seen = list(self.seen)
        for name in reversed(self.browser):
            _close(seen, name)
        return "".join(f"</{name}>" for name in [*reversed(self.browser), *reversed(seen)])


def _close(stack: list[str], name: str) -> None:
    """An end tag: it closes the innermost open element of its name and those inside it."""
    if name in stack:
        del stack[len(stack) - 1 - stack[::-1].index(name) :]


def _unclosed(toks: Sequence[Token]) -> tuple[Token, int] | None:
    """The last token when the input ends inside it, and where the unclosed markup starts
    (for the content of a raw-text element: its start tag, which may be the very end)."""
    if not toks:
        return None
    last = toks[-1]
    if last.kind == "tag" and not last.closing and last.name in RAW_TEXT:
        return last, last.start
    if last.complete:
        return None
    if last.kind == "raw" and len(toks) > 1:
        return last, toks[-2].start
    return last, last.start


def _into(text: str, toks: Iterable[Token], into: str) -> tuple[int, str, str]:
    toks = iter(toks)  # one pass: the close tag is searched from where the element starts
    for tok in toks:
        if tok.kind != "tag" or tok.closing or "id" not in text[tok.attrs_start : tok.attrs_end]:
            continue
        if attributes(text, tok.attrs_start, tok.attrs_end).get("id") != into:
            continue
        if tok.name in VOID or tok.name in RAW_TEXT:
            raise ValueError(f"the element with id {into!r} is a <{tok.name}>, which cannot hold footnotes")
        depth = 0
        for other in toks:
            if other.kind != "tag" or other.name != tok.name:
                continue
            if not other.closing:
                depth += 1
            elif depth:
                depth -= 1
            else:
                return other.start, "\n", ""
        raise ValueError(f"the element with id {into!r} (<{tok.name}>) has no closing tag")
    raise ValueError(f"no element in the HTML has the id {into!r}")


@functools.lru_cache(maxsize=64)
def _marker_start(extra: str) -> re.Pattern[str]:
    """A footnote's start in the view: a marker (the style's ``extra`` ones, ``*``, ``†``,
    ``‡`` or superscript digits) before a letter, a digit or a quote."""
    own = f"{extra}|" if extra else ""
    return re.compile(rf"[\s\x00]*+(?:{own}\*++|[¹²³⁰⁴-⁹]++|[†‡]++)[ \xa0]*(?=[^\W_]|[\"'«“„‘‹])")


# what a common marker in the view is, or is decoded from (a character reference)
_MARKER_OR_REF = "*¹²³⁰⁴⁵⁶⁷⁸⁹†‡&"
# a reference the view may decode into a marker: any numeric one, and the named ones whose
# character is one (&ast; &sup1; &dagger; …)
_MARKER_REF = re.compile(
    "&(?:#|"
    + "|".join(sorted(re.escape(k) for k, v in html5.items() if k.endswith(";") and set(v) & set(_MARKER_OR_REF[:-1])))
    + ")"
)
_BETWEEN = re.compile(r"(?:\s++|<!--.*?-->|</[A-Za-z][^>]*+>)*+", re.S)  # end tags: closers put before a block
_AFTER = re.compile(r"(?:\s++|<!--.*?-->|</[A-Za-z][^>]*+>)*+", re.S)
_BLOCK_ENDS_P = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "pre",
        "section",
        "table",
        "ul",
        "body",
        "html",
    }
)


def _between_only(text: str, end: int, start: int) -> bool:
    """Whether only whitespace and comments stand between two paragraphs."""
    if end >= start:
        return True
    between = _BETWEEN.match(text, end, start)
    return between is not None and between.end() == start


def _may_hold_block(text: str, markers: str) -> bool:
    """Whether ``text`` may end in a footnote block: it has the class, a common marker (written
    or as a reference the view may decode into one), or the style has markers of its own."""
    return bool(
        markers
        or FOOTNOTE_CLASS in text
        or any(ch in text for ch in _MARKER_OR_REF[:-1])
        or ("&" in text and _MARKER_REF.search(text) is not None)
    )


class _Paragraphs:
    """The paragraphs of a document as its tags go by, for the footnote-block search: per
    paragraph six numbers, <p> start and end, its attributes' start and end, content end,
    element end (an array, not objects: tag-dense HTML has hundreds of thousands). Only the
    last run of paragraphs with nothing but whitespace, comments and end tags between them is
    kept. Fed the tags named ``p`` or in :data:`_BLOCK_ENDS_P` (others change nothing), by the
    search or by :func:`view` in its own pass."""

    __slots__ = ("_open", "_paras", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._paras = array("q")
        self._open: Token | None = None

    def _add(self, p_tag: Token, c_end: int, end: int) -> None:
        paras = self._paras
        if paras and not _between_only(self._text, paras[-1], p_tag.start):
            del paras[:]  # a block is a run of paragraphs with nothing between them: not these
        paras.extend((p_tag.start, p_tag.end, p_tag.attrs_start, p_tag.attrs_end, c_end, end))

    def feed(self, tok: Token) -> None:
        """One tag (``tok.kind == "tag"``), in document order."""
        open_p = self._open
        if tok.name == "p" and not tok.closing:
            if open_p is not None:
                self._add(open_p, tok.start, tok.start)
            self._open = tok
        elif open_p is not None and ((tok.name == "p" and tok.closing) or (tok.name in _BLOCK_ENDS_P)):
            self._add(open_p, tok.start, tok.end if tok.name == "p" else tok.start)
            self._open = None

    def finish(self) -> array[int]:
        """The numbers of the last run, a paragraph left open at the end running to the end."""
        paras = array("q", self._paras)
        open_p, n = self._open, len(self._text)
        if open_p is not None:
            paras.extend((open_p.start, open_p.end, open_p.attrs_start, open_p.attrs_end, n, n))
        return paras


def view_and_block_start(text: str, markers: str = "") -> tuple[str, int]:
    """:func:`view` and :func:`existing_block_start` of ``text``, its tags read once for both."""
    if not _may_hold_block(text, markers):
        return view(text), len(text)
    paragraphs = _Paragraphs(text)
    the_view = view(text, paragraphs)
    return the_view, existing_block_start(text, markers=markers, view=the_view, paragraphs=paragraphs)


def existing_block_start(
    text: str, *, markers: str = "", view: str | None = None, paragraphs: _Paragraphs | None = None
) -> int:
    """Where footnote paragraphs that a previous run appended start; ``len(text)`` if none.

    A footnote paragraph is a ``<p>`` with the class ``bannedorgs-footnote`` or whose text
    starts with a marker (``*``, ``**``, ``¹`` … directly or after a ``<sup>``, followed by a
    letter, a digit or a quote; ``†``, ``‡`` and the ``markers`` of the chosen style, a regex
    over the view, count too). The block is the run of such paragraphs, separated only by
    whitespace, comments and end tags, after which only whitespace, comments and end tags follow.
    ``view`` is the document's view when the caller has it; otherwise it is built if needed;
    ``paragraphs``, the paragraphs :func:`view` read when it was built (else they are read here).
    """
    if not _may_hold_block(text, markers):
        return len(text)  # neither the class nor a common marker, written or as a reference: no footnote
    if paragraphs is None:
        paragraphs = _Paragraphs(text)
        for tok in tokens(text):
            if tok.kind == "tag":
                paragraphs.feed(tok)
    paras = paragraphs.finish()
    marker_start = _marker_start(markers)
    if not paras:
        return len(text)
    gap = _AFTER.match(text, paras[-1])
    if gap is None or gap.end() != len(text):
        return len(text)
    the_view = view
    found = len(text)
    limit = paras[-1]
    for i in range(len(paras) - 6, -1, -6):
        p_start, p_end, attrs_start, attrs_end, c_end, end = paras[i : i + 6]
        if end < limit:
            between = _BETWEEN.match(text, end, limit)
            if between is None or between.end() != limit:
                break
        classes = attributes(text, attrs_start, attrs_end).get("class", "")
        is_note = FOOTNOTE_CLASS in classes.split()
        # a common marker in the view is a marker character of the text or a reference decoded
        # into one: a paragraph without either needs no view (a style's own markers may be
        # anything, so with them the view is read)
        if not is_note and (markers or any(ch in text[p_end:c_end] for ch in _MARKER_OR_REF)):
            if the_view is None:
                the_view = _view(text)
            is_note = marker_start.match(the_view, p_end, c_end) is not None
        if not is_note:
            break
        found = limit = p_start
    return found
