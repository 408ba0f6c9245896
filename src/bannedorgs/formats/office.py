"""HTML saved by office programs: Google Docs "Download → Web page" and Word "Save as Web
Page". Their prose is a soup of ``<span class="c1">`` or ``<span style='mso-…'>`` pieces that
the HTML view reads through (a span is inline markup, so a name split over three spans is one
name); what differs is where footnotes belong. The body of such a file is paragraphs in the
document's own classes (``<p class="c2">``, ``<p class=MsoNormal>``) inside a wrapper
(``<div class=WordSection1>``): footnotes appended before ``</body>`` would sit outside the
wrapper in the browser's default font. So they go after the document's last paragraph, as
paragraphs with the start tags (class, style, language) of the document's usual paragraph and
of the span that holds most of its text.

>>> page = ('<html><head><meta name=Generator content="Microsoft Word 15"></head><body>'
...         '<div class=WordSection1><p class=MsoNormal><span lang=EN-US>Members of Hizb ut-Tahrir were held.'
...         '</span></p></div></body></html>')
>>> offset, block = footnote_block(page, [("*", "Hizb ut-Tahrir is banned.")])
>>> page[:offset][-4:], block, page[offset:]
('</p>', '\\n<p class=MsoNormal><span lang=EN-US>*Hizb ut-Tahrir is banned.</span></p>', '</div></body></html>')
"""

from __future__ import annotations

import collections
import re
from collections.abc import Sequence
from html import escape

from . import DocumentFormat, in_line_endings
from .html import HTML, tokens, view

__all__ = ["FORMAT", "OfficeHTML", "footnote_block", "is_office_export"]

# Two searches: the first, whose alternatives all start with "<", is tried only where a "<"
# stands; in one pattern with an alternative that starts with a letter in any case, every
# character would be tried.
_SIGNS = (
    re.compile(
        r"""<(?:meta\s+name=["']?(?:Generator|ProgId)["']?\s+content=["']?(?:Microsoft\s+Word|Word\.Document)"""
        r"""|body[^>]*\bclass=["'][^"']*\b(?:doc-content|c[0-9]+)\b)""",  # Google Docs, newer and older
        re.I,
    ),
    re.compile(r"""[xX](?i:mlns:w=["']?urn:schemas-microsoft-com:office:word)"""),
)
_ID = re.compile(r"""\s+id\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_HEAD = 1 << 16  # the signs stand in the head


def is_office_export(text: str) -> bool:
    """Whether ``text`` is HTML that Word or Google Docs wrote."""
    if _SIGNS[0].search(text, 0, _HEAD) is not None:
        return True
    # the namespace declaration holds ":w=" (the only letter in it that re.I widens is w or W);
    # without it the search for an x before it, which stops at every x, is not needed
    if text.find(":w=", 0, _HEAD) < 0 and text.find(":W=", 0, _HEAD) < 0:
        return False
    return _SIGNS[1].search(text, 0, _HEAD) is not None


def footnote_block(text: str, notes: Sequence[tuple[str, str]]) -> tuple[int, str] | None:
    """Where the footnotes of an office export go and the HTML to insert there, or None when
    ``text`` is not one (or has no paragraph to model them on).

    ``notes`` are ``(marker, sentence)`` pairs, both plain text."""
    if not is_office_export(text):
        return None
    return _footnote_block(text, notes)


def _footnote_block(text: str, notes: Sequence[tuple[str, str]]) -> tuple[int, str] | None:
    """:func:`footnote_block` for a text known to be an export."""
    the_view = view(text)
    paragraphs: list[tuple[str, str, str]] = []  # (the <p> tag, the <span> tag holding most text, prose)
    last_end = -1
    open_p: tuple[int, str] | None = None
    spans: collections.Counter[str] = collections.Counter()
    span_stack: list[str] = []
    for tok in tokens(text):
        if tok.kind != "tag":
            continue
        if tok.name == "p":
            if not tok.closing:
                open_p, spans, span_stack = (tok.end, _ID.sub("", text[tok.start : tok.end])), collections.Counter(), []
            elif open_p is not None:
                prose = the_view[open_p[0] : tok.start].replace("\x00", " ").strip()
                span = spans.most_common(1)[0][0] if spans else ""
                paragraphs.append((open_p[1], span, prose))
                open_p, last_end = None, tok.end
        elif tok.name == "span" and open_p is not None:
            if tok.closing:
                if span_stack:
                    span_stack.pop()
            else:
                span_stack.append(_ID.sub("", text[tok.start : tok.end]))
        if open_p is not None and span_stack:
            spans[span_stack[-1]] += _prose_length(the_view, tok.end, text)
    written = [p for p in paragraphs if p[2]]
    if last_end < 0 or not written:
        return None
    usual = collections.Counter(p[0] for p in written).most_common(1)[0][0]
    p_tag, span_tag, _ = next(p for p in reversed(written) if p[0] == usual)
    close = "</span>" if span_tag else ""
    block = "".join(
        f"\n{p_tag}{span_tag}{escape(marker, quote=False)}{escape(sentence, quote=False)}{close}</p>"
        for marker, sentence in notes
    )
    return last_end, block


def _prose_length(the_view: str, start: int, text: str) -> int:
    """How much prose follows a tag up to the next ``<``: the weight of the span it opens."""
    end = text.find("<", start)
    end = len(text) if end < 0 else end
    return len(the_view[start:end].strip(" \x00"))


class OfficeHTML(HTML):
    """HTML that Word or Google Docs wrote (:func:`is_office_export`), the variant of
    :class:`~bannedorgs.formats.html.HTML` that places such a file's footnotes: read as HTML,
    with its footnotes in the document's own paragraphs (:func:`footnote_block`), unless
    ``into`` names an element or there is no paragraph to model them on."""

    def footnotes_insertion(
        self,
        text: str,
        notes: Sequence[tuple[str, str]],
        *,
        into: str | None = None,
        markdown_footnotes: bool = False,
    ) -> tuple[int, str]:
        placed = _footnote_block(text, notes) if into is None else None
        if placed is None:  # as in any HTML
            return DocumentFormat.footnotes_insertion(
                self, text, notes, into=into, markdown_footnotes=markdown_footnotes
            )
        offset, inserted = placed
        return offset, in_line_endings(text, inserted)


FORMAT = OfficeHTML()
