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

from collections.abc import Callable

from . import _regex, formats

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    from typing import Any, AnyStr, Literal

    Language = Literal["en", "ru", "kk", "kk-Latn"]

__all__ = ["Language", "declared_language", "language_tag", "lowered_prose_sample", "prose_sample", "sample_of"]

LANGUAGES: tuple[Language, ...] = ("en", "ru", "kk", "kk-Latn")
_TAGS: dict[str, Language] = {"en": "en", "ru": "ru", "kk": "kk", "kz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}
_TAG = _regex.lazy(r"([A-Za-z]{2,8})((?:[-_][A-Za-z0-9]{1,8})*)")


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
    return sample_of(view, size, _collapsed, " ")


def _collapsed(piece: str) -> str:
    return " ".join(piece.replace(formats.HARD, " ").split())


def sample_of(view: str, size: int, collapse: Callable[[str], AnyStr], space: AnyStr) -> AnyStr:
    """The first ``size`` characters of the view's pieces, each as ``collapse`` gives it (its
    runs of whitespace and markup as one ``space``), joined by ``space``: the prose sample, as
    a string or, collapsed to bytes, as the language guess reads it."""
    # Most views hold ``size`` characters of prose within a little more than ``size``: the
    # prose of a prefix is a prefix of the prose of the whole, so when that of a short head is
    # long enough, or is all there is, it starts the sample (a 4 KiB chunk cost more to split
    # than the guess that reads the sample).
    step = max(size, 4096)
    reach = min(size + size // 4, step)
    head = collapse(view[:reach])
    if len(head) >= size or len(view) <= reach:
        return head[:size]
    parts: list[AnyStr] = []
    got = 0
    for lo in range(0, len(view), step):
        chunk = collapse(view[lo : lo + step])
        if chunk:
            parts.append(chunk)
            got += len(chunk)
            if got >= size:
                break
    return space.join(parts)[:size]


def lowered_prose_sample(view: str, size: int) -> tuple[str, list[str] | None]:
    """``prose_sample(view, size).lower()`` and, when they come from the same split, its words
    (its ``split()``); else None for them. The guess of a language needs both, and a second
    split of the sample cost as much as the first."""
    if size <= 0:
        return "", []
    step = max(size, 4096)
    reach = min(size + size // 4, step)
    head = view[:reach]
    low = head.lower()
    if len(low) != len(head):  # a letter lowered to two (İ): the sample is cut before lowering
        return prose_sample(view, size).lower(), None
    # lowering one letter to one commutes with splitting, joining and cutting
    words = low.replace(formats.HARD, " ").split()
    joined = " ".join(words)
    if len(joined) <= size and len(view) <= reach:
        return joined, words
    if len(joined) < size:
        return prose_sample(view, size).lower(), None
    sample = joined[:size]
    # the words that start in the sample (one space before each but the first), the last cut
    # where the sample ends
    words = words[: 1 + joined.count(" ", 0, size - 1)]
    last = sample[sample.rfind(" ") + 1 :]
    if last:
        words[-1] = last
    return sample, words


def declared_language(text: str, fmt: str | formats.DocumentFormat, view: str) -> Language | None:
    """The language ``text`` declares for its prose (see the module doc), or None. ``fmt`` is
    the document's format (:class:`~bannedorgs.formats.DocumentFormat`) or its name."""
    if isinstance(fmt, str):
        if fmt not in formats.FORMATS:
            return None
        fmt = formats.get(fmt)
    declared = fmt.declared_language(text, view)
    return language_tag(declared) if declared is not None else None


def __getattr__(name: str) -> Any:
    if name == "Language":  # the type, made when asked for (typing.Literal of LANGUAGES)
        from typing import Literal

        globals()["Language"] = made = Literal[LANGUAGES]
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
