"""What a footnote marker looks like: one definition, read by annotate, check, the footnote
block detector and every format, so that whatever marker a style writes is recognised when
the text is read again.

A style is ``"*"`` (the default), ``"numbered"`` (``*``, ``**``, ``***`` …), ``"superscript"``
(``¹``, ``²`` … ``¹⁰``), any other non-blank string written as it is (``†``, ``[*]``, ``¹``),
or a callable ``(index, organisation) -> str`` (``lambda i, org: f"[{i + 1}]"``).

Besides the markers of the chosen style, a text is always read as marked by the markers this
library or an editor commonly writes: runs of ``*`` (``\\*`` in Markdown), superscript digits,
``†`` and ``‡`` (also inside an HTML ``<sup>``), and a Markdown footnote reference ``[^1]``.

>>> from bannedorgs.markers import Markers
>>> from bannedorgs import default_registry
>>> m = Markers.of(lambda i, org: f"[{i + 1}]", "text", default_registry())
>>> bool(m.after.match("[12] said")), bool(m.after.match("(12) said"))
(True, False)
>>> Markers.of("  ", "text")
Traceback (most recent call last):
...
ValueError: marker '  ' is blank; a footnote marker must show (try '*', 'numbered' or 'superscript')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from . import _regex
from ._value import Value

TYPE_CHECKING = False  # the typing module is not imported at run time
if TYPE_CHECKING:
    from .model import Organisation

__all__ = ["SUPERSCRIPT_DIGITS", "MarkerStyle", "Markers", "check_style", "marker_for", "mask", "render", "superscript"]

MarkerStyle = str | Callable[[int, "Organisation"], str]

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_CLASS = "[⁰¹²³⁴⁵⁶⁷⁸⁹]"
# markers read as such in any document, whatever the style (as rendered in each format)
_COMMON = {
    "text": [r"\*+", f"{_SUP_CLASS}+", "[†‡]+"],
    "markdown": [r"\*+", r"(?:\\\*)+", f"{_SUP_CLASS}+", "[†‡]+", r"\[\^[^\[\]\s]+\]"],
    "html": [r"\*+", f"{_SUP_CLASS}+", "[†‡]+"],
}
_MD_SPECIAL = _regex.lazy(r"([\\`*_\[\]<>~&])")
_MD_FOOTNOTE_REF = _regex.lazy(r"\[\^([^\[\]\s]+)\]")
_SAMPLE_INDICES = (0, 1, 2, 8, 9, 10, 99)


def check_style(style: object) -> MarkerStyle:
    """``style`` if it is a marker style; else ValueError (blank) or TypeError naming it."""
    if callable(style):
        return style
    if not isinstance(style, str):
        raise TypeError(f"marker {style!r} is neither a string nor a callable (index, organisation) -> str")
    if not style.strip():
        raise ValueError(
            f"marker {style!r} is blank; a footnote marker must show (try '*', 'numbered' or 'superscript')"
        )
    return style


def superscript(number: int) -> str:
    """``12`` as ``¹²``."""
    return "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(number))


def marker_for(style: MarkerStyle, index: int, org: Organisation) -> str:
    """The marker of the ``index``-th (from 0) organisation a text marks."""
    if callable(style):
        value = style(index, org)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"the marker callable returned {value!r} for {org.id}; a marker must be a non-blank str")
        return value
    if style == "numbered":
        return "*" * (index + 1)
    if style == "superscript":
        return superscript(index + 1)
    return style


@functools.lru_cache(maxsize=256)  # a handful of markers, written again for every article
def render(marker: str, fmt: str) -> str:
    """``marker`` as written into a document of format ``fmt`` (see :func:`.formats.marker_text`)."""
    if fmt == "markdown" and not _MD_FOOTNOTE_REF.fullmatch(marker):
        return _MD_SPECIAL.sub(r"\\\1", marker)
    if fmt == "html":  # html (and its table of 2,000 entities) only loaded for HTML
        from html import escape

        return escape(marker, quote=False)
    return marker


def _pattern(sample: str) -> str:
    """A regex for a marker like ``sample`` with any number in place of its numbers: ``[1]``
    stands for ``[2]`` and ``[10]`` too."""
    parts = []
    for piece in re.split(r"([0-9]+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", sample):
        if not piece:
            continue
        if piece[0] in "0123456789":
            parts.append("[0-9]+")
        elif piece[0] in SUPERSCRIPT_DIGITS:
            parts.append(f"{_SUP_CLASS}+")
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


def _samples(style: MarkerStyle, orgs: Sequence[Organisation]) -> list[str]:
    if not callable(style):
        if style in ("*", "numbered", "superscript"):
            return []  # among the common markers
        return [style]
    found: list[str] = []
    for index, org in [(i, orgs[0]) for i in _SAMPLE_INDICES if orgs] + [(0, org) for org in orgs[1:]]:
        try:
            found.append(marker_for(style, index, org))
        except Exception:  # a callable may know only some organisations; it is asked again when marking
            continue
    return list(dict.fromkeys(found))


class Markers(Value):
    """The markers read in one format: ``after`` matches a marker at a position in the text
    (right after a name, past closing quotes and markup); ``note`` is the regex source of a
    marker that starts a footnote (rendered as in the format; in HTML as the view shows it);
    ``wordy`` matches, in the view, markers that a letter or digit begins or ends (``¹``),
    which would otherwise glue onto the name they follow or precede; ``first_chars`` holds
    the first character of every marker, ``wordy_chars`` one that starts every wordy marker.
    (A plain class, equal by its fields: the command line's annotate imports no attrs.)"""

    __slots__ = ("after", "first_chars", "note", "wordy", "wordy_chars")

    def __init__(
        self,
        *,
        after: re.Pattern[str],
        note: str,
        wordy: re.Pattern[str],
        first_chars: str,
        wordy_chars: str = SUPERSCRIPT_DIGITS,
    ) -> None:
        self.after = after
        self.note = note
        self.wordy = wordy
        self.first_chars = first_chars
        self.wordy_chars = wordy_chars

    def _fields(self) -> tuple[object, ...]:
        return (self.after, self.note, self.wordy, self.first_chars, self.wordy_chars)

    def __repr__(self) -> str:
        return f"Markers(after={self.after!r}, note={self.note!r}, wordy={self.wordy!r})"

    @classmethod
    def of(cls, style: object, fmt: str, orgs: Iterable[Organisation] = ()) -> Markers:
        """The markers of ``style`` (checked) and the common ones, in format ``fmt``; a callable
        style is sampled with ``orgs`` (a few indices with the first, index 0 with each)."""
        if isinstance(style, str):
            return _of_string(style, fmt)
        checked = check_style(style)
        samples = _samples(checked, list(orgs)) if callable(checked) else _samples(checked, ())
        return _build(tuple(samples), fmt)


@functools.lru_cache(maxsize=64)
def _of_string(style: str, fmt: str) -> Markers:
    """:meth:`Markers.of` a style that is a string, asked again for every article."""
    return _build(tuple(_samples(check_style(style), ())), fmt)


@functools.lru_cache(maxsize=64)
def _build(samples: tuple[str, ...], fmt: str) -> Markers:
    rendered = sorted({_pattern(render(s, fmt)) for s in samples}, key=len, reverse=True)
    raw = sorted({_pattern(s) for s in samples}, key=len, reverse=True)
    after = [*rendered, *_COMMON[fmt]]
    if fmt == "html":
        after += [f"<sup>{p}</sup>" for p in rendered]
    firsts = set("*\\†‡<[" + SUPERSCRIPT_DIGITS)
    for s in samples:
        for form in (render(s, fmt), s):
            firsts.add(form[0])
            if form[0] in "0123456789":
                firsts.update("0123456789")
    glued = [s for s in samples if s[0].isalnum() or s[-1].isalnum()]
    wordy = [f"{_SUP_CLASS}+"] + [_pattern(s) for s in glued]
    wordy_chars = set(SUPERSCRIPT_DIGITS)
    for s in glued:
        wordy_chars.update("0123456789" if s[0] in "0123456789" else s[0])
    return Markers(
        after=_regex.kept("|".join(after)),
        note="|".join(raw if fmt == "html" else rendered),
        wordy=_regex.kept("|".join(dict.fromkeys(wordy))),
        first_chars="".join(sorted(firsts)),
        wordy_chars="".join(sorted(wordy_chars)),
    )


def mask(view: str, markers: Markers) -> str:
    """``view`` with each wordy marker that touches a letter or digit made a boundary (HARD),
    so that ``¹Hizb ut-Tahrir`` in a footnote is read as the name. Same length as ``view``."""
    first = _first_window(view, markers.wordy_chars)
    if first < 0:  # the usual case, without the regex
        return view
    parts: list[str] = []
    last = 0
    for m in markers.wordy.finditer(view, first):  # one of the characters starts every marker
        i, j = m.span()
        if (i and view[i - 1].isalnum()) or (j < len(view) and view[j].isalnum()):
            parts += (view[last:i], "\x00" * (j - i))
            last = j
    if not parts:
        return view
    parts.append(view[last:])
    return "".join(parts)


_WINDOW = 1 << 16  # characters: a window's searches, one per character, find it in the caches


def _first_window(view: str, chars: str) -> int:
    """The start of the first window of ``view`` that holds one of ``chars``; -1 when none does.
    Searched window by window rather than for one character through all of a long text after
    another, which read a text larger than the caches from memory once per character."""
    find = view.find
    for lo in range(0, len(view), _WINDOW):
        hi = lo + _WINDOW
        for ch in chars:
            if find(ch, lo, hi) >= 0:
                return lo
    return -1
