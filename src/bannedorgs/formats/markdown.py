"""Markdown (CommonMark with the GitHub extensions, simplified): the view and the footnote rules.

The view is built in two linear passes.

*Blocks*, line by line:

* front matter: ``---`` (or ``+++``) as the very first line, up to the next line that is the
  same fence (or ``...``): HARD; without a closing line it is no front matter;
* fenced code: a line (after any container marks) starting with three or more backticks or
  tildes; it runs to a line holding only a fence of the same character and at least the same
  length, indented at most three columns more than the opening one, or to the end: HARD;
* indented code: a line indented by four spaces or a tab that follows a blank line, a heading,
  a fence or the start of the document, outside a list (once a list item is seen, "in a list"
  lasts until a paragraph starts at the left margin after a blank line; inside a list an
  indented line is a continuation, i.e. prose), and the indented or blank lines after it:
  HARD. Indented code inside block quotes is not recognised (it stays prose);
* HTML blocks, the seven kinds of CommonMark (``<script>``/``<pre>``/``<style>``/
  ``<textarea>`` to their close tag, comments, processing instructions, declarations, CDATA,
  a line starting with a block-level tag such as ``<div>`` or ``<p>``, and a line holding only
  one complete tag) to their end condition, mostly a blank line: HARD, content included;
* link reference definitions ``[id]: url "title"`` (one line): HARD;
* block-quote marks ``>``, list bullets ``-`` ``+`` ``*`` ``1.`` ``1)`` at the start of a line,
  and the ``#`` marks of headings: SOFT.

*Inlines*, paragraph by paragraph (a heading is a paragraph of its own, and so is each list
item's first line with what follows it):

* backslash escapes stay as they are (``\\*`` is still ``\\*``);
* code spans (backtick runs of equal length), autolinks ``<https://…>``, raw inline HTML
  (comments, ``<!…>``, ``<?…?>``, CDATA, and tags; the tags of :data:`~.html.INLINE` elements
  are SOFT, others HARD, ``<code>``/``<kbd>``/``<script>``… with their content), footnote
  references ``[^1]``, bare URLs ``https://…`` ``www.…`` and e-mail addresses: HARD;
* links: the brackets of the text are SOFT, the text stays prose, ``(destination "title")``
  and ``[label]`` are HARD; a shortcut ``[text]`` counts only when a definition of ``text``
  exists; images ``![alt](src)`` are HARD as a whole, since the alt text is an attribute;
* emphasis: the ``*``, ``_`` and ``~~`` delimiters that the CommonMark delimiter algorithm pairs
  are SOFT; an unpaired one (``Hizb ut-Tahrir*``, a marker) stays;
* character references are decoded as in HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from . import DocumentFormat, _paragraph_block_start
from . import html as _html
from .html import HARD, SOFT

__all__ = ["FORMAT", "Blocks", "Markdown", "block_insertion", "blocks", "front_matter", "view"]


class _Canvas:
    """A same-length copy of the text, painted span by span.

    SOFT and decoded characters are painted as found; HARD spans are painted last, so HARD
    wins wherever constructs overlap, and of two other paintings of a character the later one
    wins. The paintings are kept as spans and applied at the end, text and painted pieces
    joined in order; only where spans overlap is a small stretch painted over in turn. (A
    buffer of the whole text, four bytes a character, made a long document's view cost more
    per megabyte the longer it was: every painting wrote into memory the caches no longer held.)
    """

    __slots__ = ("_hard", "_len", "_spans", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._len = len(text)
        # (start, end, what): ``what`` is the characters painted, or one character that fills the span
        self._spans: list[tuple[int, int, str]] = []
        self._hard: list[tuple[int, int, str]] = []

    def put(self, start: int, s: str) -> None:
        end = min(start + len(s), self._len)
        if end > start:
            self._spans.append((start, end, s[: end - start]))

    def soft(self, start: int, end: int) -> None:
        end = min(end, self._len)
        if end > start:
            self._spans.append((start, end, SOFT))

    def hard(self, start: int, end: int) -> None:
        end = min(end, self._len)
        if end > start:
            self._hard.append((start, end, HARD))

    def result(self) -> str:
        spans = self._spans + self._hard  # in the order they are painted
        text = self._text
        if not spans:
            return text
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])  # stable: ties in painting order
        out: list[str] = []
        last = 0  # the text before this is in ``out``
        k = 0
        n = len(order)
        while k < n:
            start, end, what = spans[order[k]]
            group_end = k + 1
            while group_end < n and spans[order[group_end]][0] < end:  # overlapping spans: one stretch
                end = max(end, spans[order[group_end]][1])
                group_end += 1
            out.append(text[last:start])
            if group_end == k + 1:
                out.append(what if len(what) == end - start else what * (end - start))
            else:
                out.append(_overlaid(text, start, end, [spans[i] for i in sorted(order[k:group_end])]))
            last = end
            k = group_end
        out.append(text[last:])
        return "".join(out)


def _overlaid(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    """``text[start:end]`` with ``spans`` (which lie inside it) painted over it in order."""
    buf = bytearray(text[start:end].encode("utf-32-le", "surrogatepass"))
    for a, b, what in spans:
        piece = what if len(what) == b - a else what * (b - a)
        buf[4 * (a - start) : 4 * (b - start)] = piece.encode("utf-32-le", "surrogatepass")
    return buf.decode("utf-32-le", "surrogatepass")


class _NullCanvas(_Canvas):
    """Paints nothing: for when only the block structure is wanted."""

    def __init__(self) -> None:
        super().__init__("")

    def put(self, start: int, s: str) -> None:
        pass

    def soft(self, start: int, end: int) -> None:
        pass

    def hard(self, start: int, end: int) -> None:
        pass


# --- blocks ---------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(?:.*?\n)??(?:\1|\.\.\.)[ \t]*\r?(?:\n|\Z)", re.S)
_CONTAINER = re.compile(r"[ \t]*+(?:(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*+)*+")
_LIST_MARK = re.compile(r"(?:^|[ \t>])(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_INDENTED = re.compile(r" {4}| {0,3}\t")
_FENCE_OPEN = re.compile(r"(`{3,})[^`]*$|(~{3,}).*$")
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|[ \t]*$")
_REF_DEF = re.compile(
    r"\[(?!\^)((?:\\.|[^\[\]\\])+)\]:[ \t]*(?:<[^<>\n]*>|\S+)"
    r"(?:[ \t]+(?:\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|\((?:\\.|[^()\\])*\)))?[ \t]*$"
)
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|"
    "param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_OPEN_TAG = (
    r"<[A-Za-z][A-Za-z0-9-]*+(?:\s++[A-Za-z_:][A-Za-z0-9_.:-]*+"
    r"(?:\s*+=\s*+(?:[^\s\"'=<>`]++|'[^']*+'|\"[^\"]*+\"))?+)*+\s*+/?>"
)
_CLOSE_TAG = r"</[A-Za-z][A-Za-z0-9-]*+\s*+>"
_HTML_BLOCK_1 = re.compile(r"<(?:script|pre|style|textarea)(?=[\s>]|$)", re.I)
_HTML_BLOCK_1_END = re.compile(r"</(?:script|pre|style|textarea)>", re.I)
_HTML_BLOCK_6 = re.compile(rf"</?(?:{_BLOCK_TAGS})(?=[\s>]|/>|$)", re.I)
_HTML_BLOCK_7 = re.compile(rf"(?!<(?:script|pre|style|textarea)\b)(?:{_OPEN_TAG}|{_CLOSE_TAG})[ \t]*$", re.I)
_HTML_BLOCK_SIMPLE = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"))
_DECLARATION = re.compile(r"<![A-Za-z]")


# What a line that starts anything but a paragraph starts with (or a decimal digit, for an
# ordered list item): indentation, a quote or list mark, a fence, a setext underline, a
# heading, HTML, a link reference definition.
_BLOCK_SIGNS = frozenset(" \t>-+*`~=#<[")


class Blocks(NamedTuple):
    """What the block pass found: inline regions, reference labels, how the document ends."""

    regions: list[tuple[int, int]]
    labels: frozenset[str]
    open_fence: str | None  # the fence to close when the document ends inside fenced code
    open_html: str | None  # what closes an HTML block the document ends inside (not a blank)
    open_html_at: int = -1  # where that HTML block starts
    headings: tuple[tuple[int, int], ...] = ()  # ATX and setext headings, their text


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, the end before any "\\r\\n"/"\\n"."""
    # found one at a time: splitting a long text at once makes all its lines before the
    # first is read, and by then the first is out of the caches
    pos = 0
    find = text.find
    while True:
        end = find("\n", pos)
        if end < 0:
            end = len(text)
            yield pos, end - 1 if end > pos and text[end - 1] == "\r" else end
            return
        yield pos, end - 1 if end > pos and text[end - 1] == "\r" else end
        pos = end + 1


def _label(raw: str) -> str:
    return " ".join(raw.split()).casefold()


def blocks(text: str, cv: _Canvas | None = None) -> Blocks:
    """Run the block pass, painting block-level HARD and SOFT spans onto ``cv``."""
    canvas = cv if cv is not None else _NullCanvas()
    regions: list[tuple[int, int]] = []
    headings: list[tuple[int, int]] = []
    labels: set[str] = set()
    front = _FRONT_MATTER.match(text)
    skip_to = 0
    if front is not None:
        canvas.hard(0, front.end())
        skip_to = front.end()

    fence: tuple[str, int, int] | None = None  # char, length, indentation of the opening fence
    html_end: re.Pattern[str] | str | None = None  # what ends the HTML block; "" = a blank line
    html_at = -1  # where the last HTML block started
    indented = False
    prev_blank = True
    para_open = False
    in_list = False
    region: list[int] | None = None

    def close_region() -> None:
        nonlocal region
        if region is not None:
            regions.append((region[0], region[1]))
            region = None

    for start, end in _lines(text):
        if start < skip_to:
            continue
        line = text[start:end]
        blank = not line.strip()

        if fence is not None:
            canvas.hard(start, end)
            close = _CONTAINER.match(text, start, end)
            p = close.end() if close is not None else start
            ch, length, indent = fence
            run = len(line) - len(line.lstrip(" \t>"))  # column of the fence characters
            body = text[p:end].rstrip()
            if body and body == ch * len(body) and len(body) >= length and run - indent <= 3:
                fence = None
            continue
        if html_end is not None:
            if html_end == "":
                if blank:
                    html_end = None
                    prev_blank = True
                else:
                    canvas.hard(start, end)
                continue
            canvas.hard(start, end)
            if isinstance(html_end, str):
                found = text.find(html_end, start, end) >= 0
            else:
                found = html_end.search(text, start, end) is not None
            if found:
                html_end = None
            continue
        if indented:
            if blank or _INDENTED.match(text, start, end):
                canvas.hard(start, end)
                continue
            indented = False
        if blank:
            close_region()
            prev_blank = True
            para_open = False
            continue

        if text[start] not in _BLOCK_SIGNS and not text[start].isdecimal():
            # a line of a paragraph (most lines): none of the patterns below matches it
            if prev_blank:
                in_list = False
            prev_blank = False
            if region is None:
                region = [start, end]
            else:
                region[1] = end
            para_open = True
            continue

        if not in_list and not para_open and _INDENTED.match(text, start, end):
            close_region()
            canvas.hard(start, end)
            indented = True
            prev_blank = False
            continue

        m = _CONTAINER.match(text, start, end)
        p = m.end() if m is not None else start
        prefix = text[start:p]
        has_item = _LIST_MARK.search(prefix) is not None
        if has_item:
            in_list = True
        elif prev_blank and ">" not in prefix and line[:1] not in (" ", "\t"):
            in_list = False
        canvas.soft(start, p)
        prev_blank = False

        fm = _FENCE_OPEN.match(text, p, end)
        if fm is not None:
            close_region()
            canvas.hard(p, end)
            marks = fm.group(1) or fm.group(2)
            fence = (marks[0], len(marks), len(line) - len(line.lstrip(" \t>")))
            para_open = False
            continue

        if para_open and region is not None and p == start and _SETEXT.match(text, p, end):
            headings.append((region[0], region[1]))  # the paragraph above is a heading
            close_region()
            para_open = False
            continue

        hm = _ATX.match(text, p, end)
        if hm is not None:
            close_region()
            canvas.soft(p, hm.end())
            tail = _ATX_CLOSE.search(text, hm.end(), end)
            stop = tail.start() if tail is not None else end
            if tail is not None:
                canvas.soft(tail.start(), tail.end())
            regions.append((hm.end(), max(stop, hm.end())))
            headings.append(regions[-1])
            para_open = False
            continue

        if text.startswith("<", p):
            kind = _html_block(text, p, end, para_open)
            if kind is not None:
                close_region()
                canvas.hard(p, end)
                html_at = start
                if kind == "":
                    html_end = ""
                elif isinstance(kind, str):
                    html_end = None if text.find(kind, p, end) >= 0 else kind
                else:
                    html_end = None if kind.search(text, p, end) else kind
                para_open = False
                continue

        if not para_open:
            rd = _REF_DEF.match(text, p, end)
            if rd is not None:
                close_region()
                canvas.hard(p, end)
                labels.add(_label(rd.group(1)))
                para_open = False
                continue

        if has_item or region is None:
            close_region()
            region = [p, end]
        else:
            region[1] = end
        para_open = True
    close_region()

    open_fence = None
    if fence is not None:
        open_fence = fence[0] * max(fence[1], 3)
    open_html = html_end if isinstance(html_end, str) and html_end else None
    if isinstance(html_end, re.Pattern):
        open_html = "</script>, </pre>, </style> or </textarea>"
    return Blocks(regions, frozenset(labels), open_fence, open_html, html_at if open_html else -1, tuple(headings))


def _html_block(text: str, p: int, end: int, para_open: bool) -> re.Pattern[str] | str | None:
    """The end condition of an HTML block starting at ``p``: a pattern or a string the block
    ends on a line containing, ``""`` for a blank line; None when no HTML block starts."""
    if _HTML_BLOCK_1.match(text, p, end):
        return _HTML_BLOCK_1_END
    for opener, closer in _HTML_BLOCK_SIMPLE:
        if text.startswith(opener, p):
            return closer
    if _DECLARATION.match(text, p, end):
        return ">"
    if _HTML_BLOCK_6.match(text, p, end):
        return ""
    if not para_open and _HTML_BLOCK_7.match(text, p, end):
        return ""
    return None


# --- inlines --------------------------------------------------------------------------------

_EMAIL = (
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_INLINE = re.compile(
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<code>`+)"
    rf"|(?P<auto><[A-Za-z][A-Za-z0-9+.-]{{1,31}}:[^\s<>]*>|<{_EMAIL}>)"
    r"|(?P<lt><[A-Za-z/!?])"
    r"|(?P<fnref>\[\^[^\]\s]+\])"
    r"|(?P<link>!?\[)"
    rf"|(?P<url>{_html.URL_PATTERN})"
    rf"|(?P<ref>{_html.REF_PATTERN})"
    r"|(?P<delim>\*+|_+|~+)"
)
# Where a kind of _INLINE may start. Trying _INLINE's alternatives at every character is most of
# the cost of a view; instead the next start is found by a search for one of these characters
# (a fast scan in C), bare URLs by their "://" or "www." (str.find), and e-mail addresses,
# which start with any letter, by their own search, run only in a region that holds "@". _INLINE then
# matches at the nearest of them: the same match as its search, since none starts elsewhere.
_INLINE_START = re.compile(r"[\\`<\[!&*_~]")
_EMAIL_ADDRESS = re.compile(_html.EMAIL_PATTERN)
_OPEN_TAG_RE = re.compile(_OPEN_TAG)
_CLOSE_TAG_RE = re.compile(_CLOSE_TAG)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_LINK_TEXT = re.compile(r"\[((?:\\.|`[^`]*`|[^\[\]\\]|\[(?:\\.|[^\[\]\\])*+\])*+)\]", re.S)
_LINK_DEST = re.compile(
    r"\(\s*+(?:<(?:\\.|[^<>\n\\])*+>|(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*+\))*+)"
    r"(?:\s++(?:\"(?:\\.|[^\"\\])*+\"|'(?:\\.|[^'\\])*+'|\((?:\\.|[^()\\])*+\)))?+\s*+\)",
    re.S,
)
_LINK_LABEL = re.compile(r"\[((?:\\.|[^\[\]\\])*+)\]", re.S)


def _plain(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` holds none of the characters that start inline markup, and no
    "@", "://" or "www." of a bare e-mail address or URL (one search for the characters and
    three finds cost less than one pattern for all of them, which tries its alternatives at
    every character)."""
    return (
        _INLINE_START.search(text, a, b) is None
        and text.find("@", a, b) < 0
        and text.find("://", a, b) < 0
        and text.find("www.", a, b) < 0
    )


@lru_cache(maxsize=64)
def _code_closer(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{n}}}(?!`)")


@lru_cache(maxsize=64)
def _close_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(name)}\s*>", re.I)


class _Delim:
    __slots__ = ("can_close", "can_open", "char", "count", "length", "start")

    def __init__(self, char: str, start: int, length: int, can_open: bool, can_close: bool) -> None:
        self.char = char
        self.start = start
        self.length = length
        self.count = length
        self.can_open = can_open
        self.can_close = can_close


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


class _Inline:
    """Scans the inline content of the regions of one document."""

    def __init__(self, text: str, cv: _Canvas, labels: frozenset[str]) -> None:
        self.text = text
        self.cv = cv
        self.labels = labels

    def region(self, a: int, b: int) -> None:
        text, cv = self.text, self.cv
        if _plain(text, a, b):
            return  # plain prose (most paragraphs): nothing below would start
        delims: list[_Delim] = []
        misses: dict[str, int] = {}  # a closer searched for from this offset on and not found
        pos = a
        # the next markup character, bare URL and e-mail address at or after pos (b: none;
        # -1: not searched yet); each is searched for again only once pos has passed it
        char_at = url_at = -1
        urls = _html.WebUrls(text, b)
        email_at = -1 if text.find("@", a, b) >= 0 else b
        while True:
            if char_at < pos:
                s = _INLINE_START.search(text, pos, b)
                char_at = s.start() if s is not None else b
            if url_at < pos:
                url_at = urls.next(pos)
            if email_at < pos:
                e = _EMAIL_ADDRESS.search(text, pos, b)
                email_at = e.start() if e is not None else b
            i = min(char_at, url_at, email_at)
            if i >= b:
                break
            m = _INLINE.match(text, i, b)
            if m is None:
                pos = i + 1
                continue
            j = m.end()
            kind = m.lastgroup
            pos = j
            if kind == "code":
                key = "`" * (j - i)
                if i < misses.get(key, b + 1):
                    c = _code_closer(j - i).search(text, j, b)
                    if c is not None:
                        cv.hard(i, c.end())
                        pos = c.end()
                    else:
                        misses[key] = i
            elif kind in ("auto", "fnref"):
                cv.hard(i, j)
            elif kind == "lt":
                pos = self._html(i, b, misses) or j
            elif kind == "link":
                pos = self._link(i, j, b) or j
            elif kind == "url":
                pos = _html.url_end(text, i, j)
                cv.hard(i, pos)
            elif kind == "ref":
                decoded = _html.ref_view(m.group())
                if decoded is not None:
                    cv.put(i, decoded)
            elif kind == "delim":
                self._delim(delims, i, j)
        _emphasis(cv, delims)

    def _delim(self, delims: list[_Delim], i: int, j: int) -> None:
        text = self.text
        char = text[i]
        if char == "~" and j - i != 2:
            return
        before = text[i - 1] if i > 0 else "\n"
        after = text[j] if j < len(text) else "\n"
        ws_b, ws_a = before.isspace(), after.isspace()
        p_b, p_a = _is_punct(before), _is_punct(after)
        left = not ws_a and (not p_a or ws_b or p_b)
        right = not ws_b and (not p_b or ws_a or p_a)
        if char == "_":
            can_open = left and (not right or p_b)
            can_close = right and (not left or p_a)
        else:
            can_open, can_close = left, right
        if can_open or can_close:
            delims.append(_Delim(char, i, j - i, can_open, can_close))

    def _find(self, needle: str, start: int, b: int, misses: dict[str, int]) -> int:
        if start >= misses.get(needle, b + 1):
            return -1
        k = self.text.find(needle, start, b)
        if k < 0:
            misses[needle] = start
        return k

    def _html(self, i: int, b: int, misses: dict[str, int]) -> int | None:
        """Inline raw HTML at ``i``: paint it and return its end, or None when there is none."""
        text, cv = self.text, self.cv
        if text.startswith("<!--", i):
            if text.startswith("<!-->", i) or text.startswith("<!--->", i):
                end = text.index(">", i) + 1
            else:
                k = self._find("-->", i + 4, b, misses)
                if k < 0:
                    return None
                end = k + 3
        elif text.startswith("<![CDATA[", i):
            k = self._find("]]>", i + 9, b, misses)
            if k < 0:
                return None
            end = k + 3
        elif text.startswith("<?", i):
            k = self._find("?>", i + 2, b, misses)
            if k < 0:
                return None
            end = k + 2
        elif text.startswith("<!", i):
            if not _DECLARATION.match(text, i, b):
                return None
            k = self._find(">", i + 2, b, misses)
            if k < 0:
                return None
            end = k + 1
        else:
            closing = text.startswith("</", i)
            t = (_CLOSE_TAG_RE if closing else _OPEN_TAG_RE).match(text, i, b)
            if t is None:
                return None
            end = t.end()
            nm = _TAG_NAME.match(text, i)
            assert nm is not None
            name = nm.group(1).lower()
            if not closing and (name in _html.RAW_TEXT or name in _html.HARD_CONTENT):
                if not text.startswith("/>", end - 2):
                    key = "</" + name
                    close = None
                    if end < misses.get(key, b + 1):
                        close = _close_tag(name).search(text, end, b)
                        if close is None:
                            misses[key] = end
                    end = close.end() if close is not None else b
            elif name in _html.INLINE:
                cv.soft(i, end)
                return end
        cv.hard(i, end)
        return end

    def _link(self, i: int, j: int, b: int) -> int | None:
        """A link or image at ``i`` (``j`` is after its ``[``): paint it, return its end."""
        text, cv = self.text, self.cv
        image = text[i] == "!"
        lt = _LINK_TEXT.match(text, j - 1, b)
        if lt is None:
            return None
        k = lt.end()
        tail = _LINK_DEST.match(text, k, b)
        if tail is None:
            tail = _LINK_LABEL.match(text, k, b)
        if tail is None and _label(lt.group(1)) in self.labels:
            tail_end = k
        elif tail is not None:
            tail_end = tail.end()
        else:
            return None
        if image:
            cv.hard(i, tail_end)
        else:
            cv.soft(i, j)
            cv.soft(k - 1, k)
            cv.hard(k, tail_end)
            self.region(j, k - 1)
        return tail_end


def _emphasis(cv: _Canvas, delims: list[_Delim]) -> None:
    """Pair emphasis delimiters as CommonMark's "process emphasis" does; paint pairs SOFT."""
    if not delims:
        return
    stacks: dict[str, list[_Delim]] = {"*": [], "_": [], "~": []}
    bottom: dict[tuple[str, bool, int], int] = {}
    for d in delims:
        if d.can_close:
            st = stacks[d.char]
            key = (d.char, d.can_open, d.length % 3)
            while d.count > 0:
                found = -1
                for idx in range(len(st) - 1, bottom.get(key, 0) - 1, -1):
                    o = st[idx]
                    if d.char == "~":
                        if o.length != d.length:
                            continue
                    elif (
                        (o.can_close or d.can_open)
                        and (o.length + d.length) % 3 == 0
                        and not (o.length % 3 == 0 and d.length % 3 == 0)
                    ):
                        continue
                    found = idx
                    break
                if found < 0:
                    bottom[key] = len(st)
                    break
                o = st[found]
                use = 2 if o.count >= 2 and d.count >= 2 else 1
                cv.soft(o.start + o.count - use, o.start + o.count)
                first = d.start + d.length - d.count
                cv.soft(first, first + use)
                o.count -= use
                d.count -= use
                del st[found + (1 if o.count else 0) :]
                for other, ost in stacks.items():
                    if other != d.char:
                        while ost and ost[-1].start > o.start:
                            ost.pop()
                for bkey, low in bottom.items():
                    bottom[bkey] = min(low, len(stacks[bkey[0]]))
        if d.can_open and d.count > 0:
            stacks[d.char].append(d)


# --- the view and the block position ---------------------------------------------------------


def view(text: str) -> str:
    """The view of a Markdown document (see the module doc)."""
    cv = _Canvas(text)
    found = blocks(text, cv)
    scanner = _Inline(text, cv, found.labels)
    for a, b in found.regions:
        scanner.region(a, b)
    return cv.result()


def block_insertion(text: str) -> tuple[int, str, str]:
    """Where the footnote block goes in a Markdown document: before its trailing whitespace,
    after a blank line; the fence of a code block left open at the end is closed first."""
    if "<" not in text and "```" not in text and "~~~" not in text:
        # no fence and no HTML block, so none left open: the block pass has nothing to say
        offset = len(text.rstrip())
        return (offset, "\n\n", "") if offset else (0, "", "")
    found = blocks(text)
    if found.open_html is not None:
        from ..errors import UnclosedMarkupError

        raise UnclosedMarkupError(
            f"the Markdown ends inside an HTML block that only {found.open_html!r} closes", found.open_html_at
        )
    offset = len(text.rstrip())
    if offset == 0:
        return 0, "", ""
    if found.open_fence is not None:
        return offset, f"\n{found.open_fence}\n\n", ""
    return offset, "\n\n", ""


_FRONT_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", re.M)


def front_matter(text: str) -> dict[str, tuple[str, int]]:
    """The top-level ``key: value`` (YAML) or ``key = value`` (TOML) fields of the front matter
    at the start of ``text``, each with the offset of its value; quotes around a value are
    dropped. Empty when there is no front matter.

    >>> front_matter('---\\ntitle: "Суд"\\nlang: ru\\n---\\nТекст')
    {'title': ('Суд', 12), 'lang': ('ru', 23)}
    """
    found = _FRONT_MATTER.match(text)
    if found is None:
        return {}
    fields: dict[str, tuple[str, int]] = {}
    for m in _FRONT_FIELD.finditer(text, text.index("\n") + 1, found.end()):
        value, start = m.group(2), m.start(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value, start = value[1:-1], start + 1
        fields.setdefault(m.group(1).lower(), (value, start))
    return fields


# --- the format -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _note_pattern(extra: str) -> re.Pattern[str]:
    """A footnote's start: a marker (the style's ``extra`` ones first, then the common ones,
    escaped ``\\*`` among them) touching a letter, a digit or a quote, or a definition ``[^1]:``."""
    from . import _AFTER_MARKER, _SUPERSCRIPT

    own = f"{extra}|" if extra else ""
    return re.compile(rf" {{0,3}}(?:{own}(\*++)|(?:\\\*)++|{_SUPERSCRIPT}){_AFTER_MARKER}| {{0,3}}\[\^[^\[\]\s]+\](:)")


_FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]+)\]")


def _footnote_label(marker: str) -> str:
    m = _FOOTNOTE_REF.fullmatch(marker)
    label = m.group(1) if m else marker
    if not label or re.search(r"[\s\[\]^]", label):
        raise ValueError(f"{marker!r} cannot be the label of a Markdown footnote")
    return label


_view_of = view  # the module's view, for methods whose argument is also called view


class Markdown(DocumentFormat):
    """Markdown (CommonMark with footnotes and front matter): the view above, markers escaped
    (``\\*``), footnotes as paragraphs or, when asked, as ``[^id]:`` definitions; the language
    declared by the front matter's ``lang:``."""

    name = "markdown"

    def view(self, text: str) -> str:
        return view(text)

    def headings(self, text: str) -> list[tuple[int, int]]:
        return list(blocks(text).headings)

    def declared_language(self, text: str, view: str) -> str | None:
        fields = front_matter(text)
        for key in ("lang", "language", "locale"):
            if key in fields:
                return fields[key][0]
        return None

    def reference_marker(self, org_id: str, *, markdown_footnotes: bool = False) -> str | None:
        return f"[^{org_id}]" if markdown_footnotes else None

    def existing_block_start(self, text: str, *, markers: str = "", view: str | None = None) -> int:
        return _paragraph_block_start(text, markers, _note_pattern(markers), _view_of, view)

    def footnote_block(self, notes: Sequence[tuple[str, str]], *, markdown_footnotes: bool = False) -> str:
        if markdown_footnotes:
            return "\n\n".join(f"[^{_footnote_label(m)}]: {s}" for m, s in notes)
        return "\n\n".join(f"{self.marker_text(m)}{s}" for m, s in notes)

    def block_insertion(self, text: str, *, into: str | None = None) -> tuple[int, str, str]:
        if into is not None:
            return super().block_insertion(text, into=into)  # which refuses it
        return block_insertion(text)


FORMAT = Markdown()
