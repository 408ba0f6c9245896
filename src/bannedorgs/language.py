"""The language of a document's footnotes: the language the document declares, else the one
its prose is written in.

A declared language is read from ``lang`` (or ``xml:lang``) attributes in HTML, the one in
effect over most of the prose (an article's ``<article lang="ru">`` inside an ``<html lang="en">``
page decides), and from the ``lang:`` (or ``language:``) field of Markdown front matter. A tag
is read by its language and script: ``ru-RU`` is ``ru``, ``kk-KZ`` and ``kk-Cyrl`` are ``kk``,
``kk-Latn`` and ``kk-Latn-KZ`` are ``kk-Latn``; a language the library has no footnotes for
(``de``, ``uz``) is as if none were declared, and the prose decides. The prose is the
document's view (:mod:`bannedorgs.formats`): tags, styles, scripts, front matter, code and
URLs never count.

>>> [language_tag(tag) for tag in ("ru-RU", "kk_Latn", "kk-KZ", "de", "EN")]
['ru', 'kk-Latn', 'kk', None, 'en']
"""

from __future__ import annotations

import re
from typing import Literal

from . import formats

__all__ = ["Language", "declared_language", "language_tag", "prose_sample"]

Language = Literal["en", "ru", "kk", "kk-Latn"]
_TAGS: dict[str, Language] = {"en": "en", "ru": "ru", "kk": "kk", "kz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}
_TAG = re.compile(r"([A-Za-z]{2,8})((?:[-_][A-Za-z0-9]{1,8})*)")


def language_tag(value: str) -> Language | None:
    """``en``, ``ru``, ``kk`` or ``kk-Latn`` for a language tag (BCP 47, any case, ``-`` or
    ``_``); None for another language or what is not a tag."""
    tag = _TAG.fullmatch(value.strip())
    if tag is None:
        return None
    lang = _TAGS.get(tag.group(1).lower())
    if lang == "kk" and "latn" in tag.group(2).lower().replace("_", "-").split("-"):
        return "kk-Latn"
    return lang


def prose_sample(view: str, size: int) -> str:
    """About ``size`` characters of a document's prose, from its start: the view with the
    markup between pieces of prose shown as one space."""
    parts: list[str] = []
    got = 0
    step = max(size, 4096)
    for lo in range(0, len(view), step):
        chunk = " ".join(view[lo : lo + step].replace(formats.HARD, " ").split())
        if chunk:
            parts.append(chunk)
            got += len(chunk)
            if got >= size:
                break
    return " ".join(parts)[:size]


_LANG_ATTR = re.compile(r"(?:xml:)?lang[\s=]", re.I)


def declared_language(text: str, fmt: str, view: str) -> Language | None:
    """The language ``text`` declares for its prose (see the module doc), or None."""
    if fmt == "markdown":
        from .formats.markdown import front_matter

        fields = front_matter(text)
        for key in ("lang", "language", "locale"):
            if key in fields:
                return language_tag(fields[key][0])
        return None
    if fmt != "html" or _LANG_ATTR.search(text) is None:
        return None
    from .formats import html

    # the language in effect over each piece of character data: weigh it by its prose
    weight: dict[str, int] = {}
    stack: list[tuple[str, str | None]] = []  # (element, its declared language)
    current: str | None = None
    first: str | None = None  # the first declared, for a page without prose
    pos = 0
    for tok in html.tokens(text):
        if tok.start > pos and current is not None:
            piece = view[pos : tok.start]
            weight[current] = weight.get(current, 0) + len(piece) - piece.count(formats.HARD) - piece.count(" ")
        pos = tok.end
        if tok.kind != "tag":
            continue
        if tok.closing:
            names = [name for name, _ in stack]
            if tok.name in names:
                del stack[len(names) - 1 - names[::-1].index(tok.name) :]
        elif tok.name not in html.VOID and not html._self_closing(text, tok):
            lang: str | None = None
            if _LANG_ATTR.search(text, tok.attrs_start, tok.attrs_end):
                attrs = html.attributes(text, tok.attrs_start, tok.attrs_end)
                lang = attrs.get("lang") or attrs.get("xml:lang") or None
                first = first or lang
            stack.append((tok.name, lang))
        current = next((lang for _, lang in reversed(stack) if lang is not None), None)
    if pos < len(text) and current is not None:
        piece = view[pos:]
        weight[current] = weight.get(current, 0) + len(piece) - piece.count(formats.HARD) - piece.count(" ")
    if not weight:
        return language_tag(first) if first else None
    return language_tag(max(weight, key=lambda k: weight[k]))
