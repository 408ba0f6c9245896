"""Mark banned organisations in text and append the footnotes that explain the bans.

>>> from bannedorgs import annotate  # doctest: +ELLIPSIS
>>> result = annotate("Members of Hizb ut-Tahrir were detained.", on="2024-01-10")
>>> print(result.text)
Members of Hizb ut-Tahrir* were detained.
<BLANKLINE>
*Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since March 28, 2005, ...
>>> annotate(result.text, on="2024-01-10").text == result.text
True
"""

from __future__ import annotations

import _thread
import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from . import _regex, formats, kazakh_latin
from ._dates import DateLike, as_date
from ._status import State
from .errors import UnclosedMarkupError, UnclosedMarkupWarning
from .language import declared_language, language_tag, lowered_prose_sample, prose_sample
from .markers import Markers, MarkerStyle, check_style, marker_for, mask
from .matcher import Candidate, Matcher
from .normalize import fold, normalize

# Per thread, what takes the warning of a document that ends inside unclosed markup instead
# of the warnings module (see reporting_unclosed), which a quick command then never imports.
_reporters = _thread._local()

TYPE_CHECKING = False  # the typing module is not imported at run time (see _options)
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any, Literal, Unpack

    from ._guess import Guess
    from ._lean import LeanRegistry
    from ._options import AnnotateOptions, FormatOption
    from .model import Annotation, Footnote, Insertion, Issue, Mention, Organisation
    from .registry import Registry
else:
    from ._dates import dt  # datetime's classes without datetime.py (see _dates)

__all__ = [
    "AnnotateOptions",
    "Annotation",
    "Annotator",
    "DateLike",
    "FormatOption",
    "Insertion",
    "Issue",
    "default_annotator",
    "detect_language",
]

_LANGUAGE_SAMPLE = 2000
_CLOSERS = '»”"›‟」』〟'
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"  # may trail a name's last letter, unseen
_MAYBE_MARKED = _CLOSERS + ") \u00a0\\<["  # what may stand between a name and its marker


_RU_WORDS = frozenset(
    "и в во на не что по с со за из для о об от это как его её ее к у а но же бы то он она они был была было "
    "были также или при до после над под между который которая которые году года суд суда".split()
)
_KK_WORDS = frozenset(
    "және мен бен пен бұл деп үшін да де та те еді болып осы бойынша туралы сияқты тағы ал бірақ немесе "
    "екенін жылы жылғы соң кейін дейін сот соты".split()
)
_COMMON_WORDS = _KK_WORDS | _RU_WORDS
assert not _KK_WORDS & _RU_WORDS  # detect_language counts a word of the union as one or the other
# Endings common in one language and rare in the other.
_RU_ENDINGS = (
    "ого",
    "его",
    "ых",
    "их",
    "ый",
    "ий",
    "ая",
    "ое",
    "ие",
    "ыми",
    "ими",
    "ами",
    "ями",
    "ция",
    "ции",
    "ться",
    "ется",
)
_KK_ENDINGS = (
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ған",
    "ген",
    "қан",
    "кен",
    "лар",
    "лер",
    "дар",
    "дер",
    "ды",
    "ді",
    "мен",
    "ында",
    "інде",
)
_LETTER = "а-яёәғқңөұүһі"


@functools.cache
def _endings() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The Kazakh and the Russian endings, compiled when a text first needs them (most texts
    are told apart by their letters and words; a command line annotating one is spared this)."""
    kk, ru = (re.compile(rf"[{_LETTER}](?:{'|'.join(e)})(?![{_LETTER}])") for e in (_KK_ENDINGS, _RU_ENDINGS))
    return kk, ru


_NOT_LATIN_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def detect_language(text: str) -> Literal["en", "ru", "kk", "kk-Latn"]:
    """English unless the text is mostly Cyrillic; then Kazakh or Russian by their letters and
    commonest words (a Russian text may name «Сенім. Білім. Өмір» and stay Russian). A text
    in Latin letters is Kazakh in the Latin script (``kk-Latn``) when it reads as Kazakh.

    >>> detect_language("Соттың шешімімен ұйымға тыйым салынды."), detect_language("Суд запретил организацию.")
    ('kk', 'ru')
    >>> detect_language("Sottyñ şeşımımen ūiymğa tyiym salyndy.")
    'kk-Latn'
    """
    return _language_of(text[:_LANGUAGE_SAMPLE].lower())


def _language_of(sample: str, words: list[str] | None = None) -> Literal["en", "ru", "kk", "kk-Latn"]:
    """:func:`detect_language` of a lower-case sample, given its words (``sample.split()``)
    when the caller has them."""
    ascii_part = sample.encode("ascii", "ignore")
    latin = len(ascii_part.translate(None, _NOT_LATIN_LETTERS))
    other = len(sample) - len(ascii_part)  # mostly Cyrillic letters in a Cyrillic text
    if other == 0 or other < latin:
        return _latin_language(sample)
    # each word is looked up once (the two lists have no word in common), in C
    common = list(filter(_COMMON_WORDS.__contains__, sample.split() if words is None else words))
    kk_words = sum(map(_KK_WORDS.__contains__, common))
    kk = sum(map(sample.count, "әғқңөұүһі")) + 3 * kk_words
    ru = sum(map(sample.count, "ёщъэ")) + 3 * (len(common) - kk_words)
    if min(kk, ru) * 3 < max(kk, ru):  # clear enough without looking at endings
        return "kk" if kk > ru else "ru"
    kk_endings, ru_endings = _endings()
    kk += 2 * len(kk_endings.findall(sample))
    ru += 2 * len(ru_endings.findall(sample))
    return "kk" if kk > ru else "ru"


_FAST_GUESS_FROM = 512  # a shorter view is guessed from its string (a one-line command builds no tables)
# The byte guess's tables and automata take a new process about 3 ms to build, and spare
# about 16 us per article: its first texts are guessed from the string, so a command that
# annotates an article or a few builds none, and a process annotating many loses at most 1 ms.
_STRING_GUESSES = 64
_guesses = [0]  # long views guessed from the string so far (a race between threads only miscounts)


@functools.cache
def _byte_guess() -> Guess:
    from ._guess import Guess

    return Guess(_KK_WORDS, _RU_WORDS, _run_weights())


def _language_of_view(view: str) -> Literal["en", "ru", "kk", "kk-Latn"]:
    """``_language_of(*lowered_prose_sample(view, _LANGUAGE_SAMPLE))``, counted on a copy of
    the sample with one byte per character where the text allows (see :mod:`bannedorgs._guess`)
    once the process has guessed ``_STRING_GUESSES`` long views from the string."""
    if len(view) >= _FAST_GUESS_FROM:
        if _guesses[0] < _STRING_GUESSES:
            _guesses[0] += 1
        else:
            guess = _byte_guess()
            try:
                sample = guess.sample(view, _LANGUAGE_SAMPLE)
            except UnicodeEncodeError:  # a character the table lacks
                pass
            else:
                return _language_of_sample(guess, sample)
    return _language_of(*lowered_prose_sample(view, _LANGUAGE_SAMPLE))


def _language_of_sample(guess: Guess, sample: bytes) -> Literal["en", "ru", "kk", "kk-Latn"]:
    """:func:`_language_of` of the lowered sample ``guess.decode(sample)``: the same counts,
    taken on the bytes; the costlier tests, when the counts leave the answer open, on the string."""
    latin, other, kk, ru, _ = guess.counts(sample)
    if other == 0 or other < latin:
        if guess.english_margin(sample) >= 0:  # _surely_english, also past Cyrillic words
            return "en"
        return "kk-Latn" if kazakh_latin.is_latin_kazakh(guess.decode(sample)) else "en"
    kk_words, ru_words = guess.common_words(sample)
    kk += 3 * kk_words
    ru += 3 * ru_words
    if min(kk, ru) * 3 < max(kk, ru):
        return "kk" if kk > ru else "ru"
    return _language_of(guess.decode(sample))


def _latin_language(sample: str) -> Literal["en", "kk-Latn"]:
    """The language of a text in Latin letters: Latin-script Kazakh or English."""
    if _surely_english(sample):
        return "en"
    return "kk-Latn" if kazakh_latin.is_latin_kazakh(sample) else "en"


_NOT_LOWER_ASCII_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_NON_ASCII = _regex.lazy(r"[^\x00-\x7f]")


@functools.cache
def _run_weights() -> dict[bytes, int]:
    """What a run of letters adds to the margin :func:`_surely_english` sums: 6 for a common
    English word, -3 for a common Kazakh one, -1 for three letters or more; runs of one or two
    letters are all here, so a run not here adds -1."""
    weights = {bytes(p): 0 for n in (1, 2) for p in itertools.product(range(97, 123), repeat=n)}
    for word in kazakh_latin._KK_WORDS:
        if word.isascii():
            weights[word.encode()] = -3 - (len(word) > 2)
    for word in kazakh_latin._EN_WORDS:
        weights[word.encode()] = weights.get(word.encode(), -(len(word) > 2)) + 6
    return weights


def _surely_english(sample: str) -> bool:
    """Whether :func:`kazakh_latin.is_latin_kazakh` must say no to ``sample``, a text whose
    letters are all ASCII, judged from bounds that cost one split instead of its regex
    passes (English is most of the texts in Latin letters, and its pass over Kazakh endings
    was the dearest part of a guess).

    In the runs of letters of such a text, its score for Kazakh is at most: 3 per run that
    is a common Kazakh word (a word it counts is such a run), 2 per ``q`` not before ``u``
    and per ``zh``, 2 per apostrophe (' or ’; each marks at most one word), and 1 per run of
    three letters or more (an ending it counts ends in three letters that end a run, so two
    never share one); the text has none of the letters only Kazakh or Turkish alphabets have.
    Its score against is at least 3 per run that is a common English word, less two runs
    per apostrophe (which may join a run to the next into one word). When twice the latter
    is at least the former, it says no whatever its regexes find."""
    apostrophes = 0
    if not sample.isascii():  # dashes, quotes, ’: as good as ASCII punctuation; letters are not
        if any(ch.isalnum() for ch in set(_NON_ASCII.findall(sample))):
            return False
        apostrophes = sample.count("’")
    raw = sample.lower().encode("ascii", "replace")
    runs = raw.translate(_NOT_LOWER_ASCII_LETTERS).split()
    apostrophes += raw.count(b"'")
    pairs = raw.count(b"q") - raw.count(b"qu") + raw.count(b"zh")
    # twice the English score less the Kazakh one, each run weighed by _run_weights
    margin = sum(map(_run_weights().get, runs, itertools.repeat(-1))) - 2 * pairs - 14 * apostrophes
    return margin >= 0


_TAIL = 65536
_NAME_REACH = 300  # longer than any name with its inflections and spaces
_SENTENCE_END = _regex.lazy(r"(?<=[.!?…»”\"')])[ \t]")
_SPACE = _regex.lazy(r"[ \t]")


def _last(pattern: re.Pattern[str], text: str, limit: int) -> list[int]:
    """The offsets of the last few matches of ``pattern`` before ``limit``, last first."""
    return [m.start() for m in pattern.finditer(text, max(0, limit - 4096), limit)][::-1][:8]


def _soft_run(text: str, view: str, i: int) -> int:
    """Past markup the view shows as spaces (inline tags, emphasis delimiters) from ``i``."""
    n = len(view)
    while i < n and view[i] == " " and text[i] != " ":
        i += 1
    return i


def _marker_position(text: str, view: str, end: int) -> int:
    """Where a marker goes after a name: past closing quotes, the bracket of a bracketed unit,
    and inline markup that stands before them (``</b>»``, ``&raquo;``)."""
    i = end
    n = len(view)
    brackets = 1
    while i < n:
        j = _soft_run(text, view, i)
        if j < n and view[j] in _CLOSERS:
            i = j + 1
        elif j < n and view[j] == ")" and brackets:
            i, brackets = j + 1, brackets - 1
        else:
            return i
    return i


def _marked_after(text: str, view: str, end: int, markers: Markers) -> bool:
    """Whether a footnote marker (see :mod:`bannedorgs.markers`) already follows a mention
    ending at ``end``: past closers and markup, after at most one space."""
    n = len(view)
    # the usual case, decided at once: a plain character, or one plain space and then one
    maybe = markers.first_chars
    if end < n and view[end] not in _MAYBE_MARKED and text[end] not in maybe:
        return False
    if end + 1 < n and view[end] == " " == text[end] and view[end + 1] not in _MAYBE_MARKED:
        return text[end + 1] in maybe and markers.after.match(text, end + 1) is not None
    return _marked_after_walk(text, view, end, markers)


def _marked_after_walk(text: str, view: str, end: int, markers: Markers) -> bool:
    """:func:`_marked_after` without its shortcuts: past closers and markup, one space, a marker."""
    n = len(view)
    i = _marker_position(text, view, end)
    for spaced in (False, True):
        while i < n and view[i] == " " and text[i] != " ":  # markup shown as spaces (<sup>, </b>, **)
            i += 1
        if markers.after.match(text, i):
            return True
        if spaced or i >= n or view[i] not in " \u00a0":
            return False
        i += 1
    return False


class _Marking:
    """Which organisations a document has marked so far, and how to mark the next ones;
    one for a whole text, or kept across the pieces of a stream. ``results`` are the
    classes the insertions and footnotes are made of."""

    def __init__(  # noqa: PLR0917 (one call site, in this order)
        self,
        style: MarkerStyle,
        which: str,
        fmt: formats.DocumentFormat,
        superscript_html: bool,
        markdown_footnotes: bool,
        results: _Results,
    ) -> None:
        self.style = style
        self.which = which
        self.fmt = fmt
        self.superscript_html = superscript_html
        self.markdown_footnotes = markdown_footnotes
        self.results = results
        self.order: list[Organisation] = []
        self.markers: dict[str, str] = {}
        self.has_marker: set[str] = set()

    def _marker(self, org: Organisation) -> str:
        if org.id not in self.markers:
            index = len(self.order)
            self.order.append(org)
            own = self.fmt.reference_marker(org.id, markdown_footnotes=self.markdown_footnotes)
            self.markers[org.id] = own if own is not None else marker_for(self.style, index, org)
        return self.markers[org.id]

    def mark(self, text: str, view: str, body: Sequence[Mention]) -> list[Insertion]:
        """The markers to insert into ``text`` for these mentions (in text order)."""
        units = _units(text, body)
        by_org: dict[str, list[Mention]] = {}
        for m in body:
            self._marker(m.org)
            by_org.setdefault(m.org.id, []).append(m)
        insertions: list[Insertion] = []
        insertion = self.results.insertion
        for org_id, own in by_org.items():
            if self.which == "first":
                if org_id in self.has_marker or any(m.marked for m in own):
                    self.has_marker.add(org_id)
                    continue
                targets = own[:1]
            else:
                targets = [m for m in own if not m.marked and id(m) not in units.secondary]
            marker = self.fmt.marker_text(self.markers[org_id], superscript_html=self.superscript_html)
            for m in targets:
                unit = units.end.get(id(m))
                if unit is not None and unit.marked:
                    continue
                insertions.append(insertion(_marker_position(text, view, unit.end if unit else m.end), marker))
            self.has_marker.add(org_id)
        return insertions

    def footnotes(  # noqa: PLR0917
        self,
        registry: Registry | LeanRegistry,
        footnoted: set[str],
        lang: str,
        day: dt.date,
        templates: Mapping[str, Mapping[str, str]] | None,
        cache: dict[tuple[str, str, dt.date], str | None] | None = None,
    ) -> list[Footnote]:
        """A footnote for each organisation marked so far that the text does not explain yet,
        its sentence written by ``registry``.

        ``cache`` keeps sentences already written with the same templates (an Annotator's own)."""
        notes = []
        footnote = self.results.footnote
        for org in self.order:
            if org.id in footnoted:
                continue
            key = (org.id, lang, day)
            if cache is not None and key in cache:
                sentence = cache[key]
            else:
                sentence = registry._footnote_sentence(org, lang, day, templates)
                if cache is not None:
                    cache[key] = sentence
            if sentence:
                notes.append(footnote(self.markers[org.id], org, sentence))
        return notes


class Annotator:
    """Finds and marks the organisations of a registry; built once, reused, picklable.

    ``defaults`` are the keyword options of :meth:`annotate` (see :class:`AnnotateOptions`:
    ``on``, ``lang``, ``marker``, ``mentions``, ``footnotes``, ``format``, ``templates``,
    ``superscript_html``, ``markdown_footnotes``, ``footnote_into``, ``headings``), applied
    when a call does not give them; a call's own value wins. ``on``, ``format``, ``marker``
    and ``headings`` are defaults of :meth:`check` too.
    """

    _OPTIONS = frozenset(  # the keys of AnnotateOptions (a test holds them equal)
        (
            "on",
            "lang",
            "marker",
            "mentions",
            "footnotes",
            "format",
            "templates",
            "superscript_html",
            "markdown_footnotes",
            "footnote_into",
            "headings",
        )
    )

    def __init__(self, registry: Registry | LeanRegistry | None = None, **defaults: Unpack[AnnotateOptions]) -> None:
        unknown = set(defaults) - self._OPTIONS
        if unknown:
            raise TypeError(f"unknown Annotator option(s): {', '.join(sorted(unknown))}")
        if registry is None:
            from .registry import default_registry

            registry = default_registry()
        self.registry = registry
        self.defaults = defaults
        self._matcher: Matcher | None = None
        self._footnote_cache: dict[tuple[str, str, dt.date], str | None] = {}
        self._state_cache: dict[tuple[str, dt.date], State] = {}
        self._results = _Results(*registry._result_types())

    def __getstate__(self) -> dict[str, Any]:
        return {"registry": self.registry, "defaults": self.defaults, "matcher": self._matcher}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.registry = state["registry"]
        self.defaults = state["defaults"]
        self._matcher = state["matcher"]
        self._footnote_cache = {}
        self._state_cache = {}
        self._results = _Results(*self.registry._result_types())
        forms = self._forms_key()
        if self._matcher is not None and forms:
            # a process started afresh (spawn) reads the forms' records too, not only one that
            # loads its matcher from the cache; a forked one has them already
            from . import _cache

            _regex.defer(functools.partial(_cache.get, "forms", forms))
            _regex.keep_new(functools.partial(_keep_records, forms))

    def _forms_key(self) -> str | None:
        """The cache key of the records of the forms' compiled patterns (see _regex): only
        valid for the Python that made them, so an entry of their own for each."""
        from . import _regex

        key = self.registry.fingerprint
        return f"{key}-{_regex.TAG}" if key and _regex.TAG else None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            from . import _cache

            key = self.registry.fingerprint
            forms = self._forms_key()
            cached = _cache.get("matcher", key) if key else None
            if isinstance(cached, dict):
                try:  # the cache names organisations by id: this registry's own objects are used
                    orgs: dict[str, Any] = {org.id: org for org in self.registry}
                    # each part is checked where first used; one not as written means a compile
                    self._matcher = Matcher.from_plain(
                        cached, orgs, self.registry._alias_class(), rebuild=self._compiled_matcher
                    )
                except Exception:  # an entry that is not what we wrote is only a miss
                    self._matcher = None
                else:
                    if forms:  # read when the first pattern is compiled: a text may need none
                        _regex.defer(functools.partial(_cache.get, "forms", forms))
            if self._matcher is None:
                self._matcher = self._compiled_matcher()
            if forms:
                _regex.keep_new(functools.partial(_keep_records, forms))
        return self._matcher

    def _compiled_matcher(self) -> Matcher:
        """The registry's matcher compiled afresh, and kept in the cache for the next process."""
        matcher = Matcher(list(self.registry), self.registry.not_mentions)  # type: ignore[arg-type]
        key, forms = self.registry.fingerprint, self._forms_key()
        from . import _cache

        if key and _cache.put("matcher", key, matcher.to_plain()) and forms:
            # once per registry and version: every form compiled now (about 0.15 s), so
            # that later processes compile none
            _cache.put("forms", forms, matcher.recorded())
        return matcher

    def _sentences(self, options: Mapping[str, Any]) -> dict[tuple[str, str, dt.date], str | None] | None:
        """The cache of footnote sentences, unless this call brings templates of its own."""
        if options.get("templates") is not None:
            return None
        if len(self._footnote_cache) > 10000:
            self._footnote_cache.clear()
        return self._footnote_cache

    def _option(self, options: Mapping[str, Any], name: str, default: Any) -> Any:
        if name in options and options[name] is not None:
            return options[name]
        return self.defaults.get(name, default)

    # -- finding -------------------------------------------------------------------------
    def find(
        self,
        text: str,
        *,
        on: DateLike | None = None,
        format: FormatOption | None = None,
        include_unbanned: bool = False,
    ) -> list[Mention]:
        """Every mention, in text order, of every organisation banned (or possibly banned) on ``on``.

        With ``include_unbanned`` the organisations not banned that day are found too; their
        mentions carry ``state`` NOT_BANNED.
        """
        day, fmt = self._day_and_format(text, {"on": on, "format": format})
        markers = self._markers(self._option({}, "marker", "*"), fmt)
        return list(self._iter_mentions(text, day, fmt, markers, include_unbanned=include_unbanned))

    def check(
        self,
        text: str,
        *,
        on: DateLike | None = None,
        format: FormatOption | None = None,
        marker: MarkerStyle | None = None,
        headings: bool | None = None,
    ) -> list[Issue]:
        """What a pre-publish check reports, as :class:`Issue` objects in text order.

        - ``"unmarked"``: an organisation banned on ``on`` (or on a day inside the month or
          year of its decision, see :meth:`Registry.status <bannedorgs.registry.Registry.status>`)
          none of whose mentions carries a marker;
        - ``"no-footnote"``: a marked organisation with no footnote in the text's footnote block;
        - ``"marked-not-banned"``: a marker on an organisation not banned that day (a warning:
          ``issue.warning`` is True).

        ``marker`` is the style the text was annotated with (as for :meth:`annotate`; default
        the Annotator's, else ``"*"``); the common markers (``*``, ``¹``, ``†`` …) are read
        whatever the style. With ``headings=False`` names in headings need no marker. The
        output of :meth:`annotate` with the same date and marker checks clean:

        >>> from bannedorgs import Annotator
        >>> checker = Annotator(on="2024-01-10")
        >>> [(i.kind, i.mention.surface) for i in checker.check("Hizb ut-Tahrir met.")]
        [('unmarked', 'Hizb ut-Tahrir')]
        >>> checker.check(checker.annotate("Hizb ut-Tahrir met.").text)
        []
        >>> checker.check(checker.annotate("Hizb ut-Tahrir met.", marker="[*]").text, marker="[*]")
        []
        """
        day, fmt = self._day_and_format(text, {"on": on, "format": format})
        markers = self._markers(self._option({"marker": marker}, "marker", "*"), fmt)
        mentions = list(self._iter_mentions(text, day, fmt, markers, include_unbanned=True))
        block_start = fmt.block_start(text, markers=markers.note)
        footnoted = {m.org.id for m in mentions if m.start >= block_start}
        body = [m for m in mentions if m.start < block_start]
        if not self._option({"headings": headings}, "headings", True):
            body = _outside_headings(text, fmt, body)
        by_org: dict[str, list[Mention]] = {}
        for m in body:
            by_org.setdefault(m.org.id, []).append(m)
        issues: list[Issue] = []
        for org_id, own in by_org.items():
            marked = [m for m in own if m.marked]
            if own[0].state is State.NOT_BANNED:
                issues += [
                    _issue("marked-not-banned", m, f'"{m.surface}" is marked but not banned on {day.isoformat()}')
                    for m in marked
                ]
            elif not marked:
                issues.append(_issue("unmarked", own[0], f'"{own[0].surface}" has no footnote marker'))
            elif org_id not in footnoted:
                issues.append(_issue("no-footnote", marked[0], f'"{marked[0].surface}" is marked but has no footnote'))
        if any(i.kind == "no-footnote" for i in issues):
            try:  # the footnotes may stand before markup left open at the end, where annotate puts them
                fmt.block_insertion(text)
            except UnclosedMarkupError as exc:
                return self.check(text[: exc.offset], on=day, format=fmt.name, marker=marker, headings=headings)
        return sorted(issues, key=lambda i: i.mention.start)

    def _day_and_format(self, text: str, options: Mapping[str, Any]) -> tuple[dt.date, formats.DocumentFormat]:
        """The checked text's day and format (chosen once: see :func:`bannedorgs.formats.choose`),
        from the call's options or the defaults."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        day = _day_of(self._option(options, "on", None))
        return day, formats.choose(self._option(options, "format", "auto"), text)

    def _markers(self, style: object, fmt: formats.DocumentFormat) -> Markers:
        """The markers read in a ``fmt`` document annotated with ``style``."""
        orgs: Iterable[Any] = self.registry if callable(style) else ()
        return Markers.of(style, fmt.name, orgs)

    def _iter_mentions(
        self,
        text: str,
        day: dt.date,
        fmt: formats.DocumentFormat,
        markers: Markers,
        *,
        include_unbanned: bool = False,
        view: str | None = None,
        block_start: int | None = None,
    ) -> Iterator[Mention]:
        """Mentions of the body, then of an existing footnote block, each scanned on its own so
        that the wording of one never decides what counts as a mention in the other."""
        if view is None and block_start is None:
            view, block_start = fmt.view_and_block_start(text, markers=markers.note)
        if view is None:
            view = fmt.view(text)
        if block_start is None:
            block_start = fmt.block_start(text, markers=markers.note, view=view)
        yield from self._mentions_in(
            text, view, day, 0, block_start, markers=markers, include_unbanned=include_unbanned
        )
        if block_start < len(text):
            yield from self._mentions_in(
                text, view, day, block_start, len(text), markers=markers, include_unbanned=include_unbanned
            )

    def _mentions_in(
        self, text: str, view: str, day: dt.date, lo: int, hi: int, *, markers: Markers, include_unbanned: bool
    ) -> Iterator[Mention]:
        part = text if (lo, hi) == (0, len(text)) else text[lo:hi]
        # a marker glued to a name (¹Hizb ut-Tahrir in a footnote) is a boundary, not a letter
        part_view = mask(part if view is text else view[lo:hi], markers)
        states = self._state_cache  # the registry never changes: a state per (id, day) holds
        if len(states) > 10000:
            states.clear()
        new = object.__new__
        results = self._results
        mention_class = results.mention
        setters = results.setters
        set_org, set_start, set_end, set_surface, set_score, set_rule, set_alias, set_marked, set_state = setters
        registry = self.registry
        for cand in self.matcher.iter_matches(part, part_view):
            org = cand.org
            assert org is not None
            state = states.get((org.id, day))
            if state is None:
                state = states[org.id, day] = registry._state_on(org, day)
            if state is State.NOT_BANNED and not include_unbanned:
                continue
            end = cand.end
            while end > cand.start + 1 and (part[end - 1] == "`" or part[end - 1] in _INVISIBLE):
                end -= 1  # a backtick read as an apostrophe is Markdown's code mark: the name ends before it
            surface = part[cand.start : end]
            rule, score = _rule(cand, surface)
            marked = _marked_after(part, part_view, end, markers)
            # Mention(org, cand.start + lo, end + lo, surface, score, rule, alias, marked, state),
            # its slots filled directly: the same object, without attrs' frozen __init__ (one
            # call of object.__setattr__ per field); test_mentions_built.py holds them equal
            mention = new(mention_class)
            set_org(mention, org)
            set_start(mention, cand.start + lo)
            set_end(mention, end + lo)
            set_surface(mention, surface)
            set_score(mention, score)
            set_rule(mention, rule)
            set_alias(mention, cand.entry.alias.value)
            set_marked(mention, marked)
            set_state(mention, state)
            yield mention

    # -- annotating ----------------------------------------------------------------------
    def annotate(self, text: str, **options: Unpack[AnnotateOptions]) -> Annotation:
        """Insert a marker after the first mention of each organisation and append footnotes.

        Options (each falls back to the Annotator's defaults): ``on`` (date; default today),
        ``lang`` (en, ru, kk or a regional form such as ``ru-RU``; when None, the language
        the document declares, else the one its prose is in: see :mod:`bannedorgs.language`),
        ``marker`` ("*", "numbered", "superscript", any other non-blank marker such as "†" or
        "[*]", or a callable ``(index, org) -> str``; see :mod:`bannedorgs.markers`), ``mentions`` ("first" or
        "all"), ``footnotes`` (bool), ``format`` ("auto", "text", "markdown", "html"),
        ``templates`` (footnote templates per language), ``superscript_html`` (HTML markers
        in ``<sup>``), ``markdown_footnotes`` (``[^1]`` footnotes), ``footnote_into`` (the
        id of the HTML element to put footnotes in), ``headings`` (False: leave names in
        HTML ``<h1>``–``<h6>`` and Markdown headings unmarked; the first mention in the body
        is marked instead); see :class:`AnnotateOptions`.
        """
        unknown = set(options) - self._OPTIONS
        if unknown:
            raise TypeError(f"unknown annotate option(s): {', '.join(sorted(unknown))}")
        day, fmt = self._day_and_format(text, options)
        chosen = _language_option(self._option(options, "lang", None))
        style: MarkerStyle = check_style(self._option(options, "marker", "*"))
        markers = self._markers(style, fmt)
        view, block_start = fmt.view_and_block_start(text, markers=markers.note)
        lang = chosen or declared_language(text, fmt, view)
        lang = lang or _language_of_view(view)
        which = self._option(options, "mentions", "first")
        if which not in ("first", "all"):
            raise ValueError(f"mentions={which!r} is not 'first' or 'all'")
        want_footnotes = bool(self._option(options, "footnotes", True))
        templates = self._option(options, "templates", None) or self.registry.templates or None
        superscript_html = bool(self._option(options, "superscript_html", False))
        markdown_footnotes = bool(self._option(options, "markdown_footnotes", False))

        mentions = list(self._iter_mentions(text, day, fmt, markers, view=view, block_start=block_start))
        body = [m for m in mentions if m.start < block_start]
        if not self._option(options, "headings", True):
            body = _outside_headings(text, fmt, body)
        footnoted = {m.org.id for m in mentions if m.start >= block_start}
        marking = _Marking(style, which, fmt, superscript_html, markdown_footnotes, self._results)
        insertions = marking.mark(text, view, body)
        notes = (
            marking.footnotes(self.registry, footnoted, lang, day, templates, self._sentences(options))
            if want_footnotes
            else []
        )
        if notes:
            try:
                insertions.append(self._block(text, fmt, notes, marking, options))
            except UnclosedMarkupError as exc:
                return self._before_unclosed(text, exc, {**options, "on": day, "lang": lang, "format": fmt.name})
        out = _apply(text, insertions)
        result: Annotation = self._results.annotation(
            out, tuple(mentions), tuple(notes), tuple(insertions), lang, fmt.name
        )
        return result

    def _before_unclosed(self, text: str, exc: UnclosedMarkupError, options: dict[str, Any]) -> Annotation:
        """A document that ends inside unclosed markup is annotated up to where that markup
        starts, which is a hard end like the end of the text: no name reaches past it (the
        view already hides what follows), and the footnotes go before it. A warning says so."""
        at = exc.offset
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        head = self.annotate(text[:at], **options)
        warning = UnclosedMarkupWarning(exc.reason, at, line, column)
        report = getattr(_reporters, "report", None)
        if report is not None:  # a caller that takes the reports itself (the command line)
            report(warning)
        else:
            import warnings  # only here: a quick command spares the import

            warnings.warn(warning, stacklevel=3)
        return type(head)(head.text + text[at:], head.mentions, head.footnotes, head.insertions, head.lang, head.format)

    def _block(
        self,
        text: str,
        fmt: formats.DocumentFormat,
        notes: Sequence[Footnote],
        marking: _Marking,
        options: Mapping[str, Any],
    ) -> Insertion:
        pairs = [(n.marker, n.text) for n in notes]
        into = self._option(options, "footnote_into", None)
        offset, inserted = fmt.footnotes_insertion(
            text, pairs, into=into, markdown_footnotes=marking.markdown_footnotes
        )
        insertion: Insertion = self._results.insertion(offset, inserted)
        return insertion

    def annotate_stream(self, pieces: Iterable[str], **options: Unpack[AnnotateOptions]) -> Iterator[str]:
        """Annotate a long plain text given as pieces that each end where no name runs across
        (a paragraph break, or a cut :meth:`safe_cut` chose), yielding the annotated pieces;
        memory stays that of a few pieces.

        The output is what :meth:`annotate` gives for the whole text, with two differences
        that only a stream has: a marker an editor put on a later mention is not known when
        an earlier piece is marked, and an acronym is judged by its own piece. Options are
        those of :meth:`annotate` (the format is plain text).
        """
        for result in self.iter_stream_annotations(pieces, **options):
            yield result.text

    def iter_stream_annotations(
        self, pieces: Iterable[str], **options: Unpack[AnnotateOptions]
    ) -> Iterator[Annotation]:
        """:meth:`annotate_stream`, yielding for each piece of output its :class:`Annotation`,
        whose offsets count from the start of that piece of the input (the pieces of input
        are the annotations' texts without their insertions). The last 64 KiB are held back
        until the end, where a footnote block added earlier may stand; the language is known
        at the end too, so only the last annotation has ``lang`` (the others have "")."""
        unknown = set(options) - self._OPTIONS
        if unknown:
            raise TypeError(f"unknown annotate option(s): {', '.join(sorted(unknown))}")
        day = as_date(self._option(options, "on", None))
        which = self._option(options, "mentions", "first")
        if which not in ("first", "all"):
            raise ValueError(f"mentions={which!r} is not 'first' or 'all'")
        style: MarkerStyle = check_style(self._option(options, "marker", "*"))
        plain = formats.get("text")
        markers = self._markers(style, plain)
        marking = _Marking(style, which, plain, False, False, self._results)
        annotation = self._results.annotation
        lang: str | None = _language_option(self._option(options, "lang", None))
        sample = ""  # the start of the text, which decides its language as in annotate()
        pending: list[str] = []
        pending_size = 0
        for piece in pieces:
            if len(sample) < _LANGUAGE_SAMPLE:
                sample += piece[: _LANGUAGE_SAMPLE - len(sample)]
            pending.append(piece)
            pending_size += len(piece)
            while len(pending) > 1 and pending_size - len(pending[0]) > _TAIL:
                held = pending.pop(0)
                pending_size -= len(held)
                mentions = list(self._iter_mentions(held, day, plain, markers, view=held, block_start=len(held)))
                insertions = marking.mark(held, held, mentions)
                yield annotation(_apply(held, insertions), tuple(mentions), (), tuple(insertions), "", plain.name)
        if not pending:
            return
        held = "".join(pending)
        lang = lang or detect_language(prose_sample(sample, _LANGUAGE_SAMPLE))
        block_start = plain.block_start(held, markers=markers.note)
        mentions = list(self._iter_mentions(held, day, plain, markers, view=held, block_start=block_start))
        insertions = marking.mark(held, held, [m for m in mentions if m.start < block_start])
        notes: list[Footnote] = []
        if self._option(options, "footnotes", True):
            footnoted = {m.org.id for m in mentions if m.start >= block_start}
            templates = self._option(options, "templates", None) or self.registry.templates or None
            notes = marking.footnotes(self.registry, footnoted, lang, day, templates, self._sentences(options))
            if notes:
                insertions.append(self._block(held, plain, notes, marking, options))
        yield annotation(_apply(held, insertions), tuple(mentions), tuple(notes), tuple(insertions), lang, plain.name)

    def safe_cut(self, text: str, *, limit: int | None = None) -> int:
        """The last offset (at most ``limit``) where a plain text may be cut into pieces for
        :meth:`annotate_stream`: after a blank line, else after a line break, a sentence's end
        or a space that no name runs across (``Сенім. Білім. Өмір`` holds sentence ends);
        0 when there is none.

        >>> default_annotator().safe_cut("Members of Сенім. Білім. Өмір met. Then", limit=29)
        11
        """
        limit = len(text) if limit is None else min(limit, len(text))
        blank = max(text.rfind("\n\n", 0, limit), text.rfind("\n\r\n", 0, limit))
        if blank >= 0:
            return text.index("\n", blank + 1) + 1  # a name never spans a blank line
        for found in (text.rfind("\n", 0, limit), *_last(_SENTENCE_END, text, limit), *_last(_SPACE, text, limit)):
            if found >= 0 and not self._name_across(text, found + 1):
                return found + 1
        return 0

    def _name_across(self, text: str, cut: int) -> bool:
        lo, hi = max(0, cut - _NAME_REACH), min(len(text), cut + _NAME_REACH)
        return any(c.start < cut - lo < c.end for c in self.matcher.iter_matches(text[lo:hi]))

    def annotate_many(
        self,
        texts: Iterable[str],
        *,
        processes: int | None = None,
        chunksize: int | None = None,
        **options: Unpack[AnnotateOptions],
    ) -> Iterator[Annotation]:
        """Annotate many texts, in order, using ``processes`` worker processes (default: all cores)."""
        from .parallel import annotate_many

        return annotate_many(self, texts, processes=processes, chunksize=chunksize, **options)


def _day_of(value: DateLike | None) -> dt.date:
    """:func:`as_date` of an ``on=`` option; a string other than "today" is read once (a
    newsroom passes the same date with every article, and reading it was a tenth of a call)."""
    if isinstance(value, str) and value.strip().lower() != "today":
        return _date_of_string(value)
    return as_date(value)


@functools.lru_cache(maxsize=64)
def _date_of_string(value: str) -> dt.date:
    return as_date(value)


def _outside_headings(text: str, fmt: formats.DocumentFormat, mentions: list[Mention]) -> list[Mention]:
    """The mentions that stand in no heading of the document."""
    spans = fmt.headings(text)
    if not spans:
        return mentions
    starts = [a for a, _ in spans]
    kept = []
    for m in mentions:
        k = bisect.bisect_right(starts, m.start) - 1
        if k < 0 or m.start >= spans[k][1]:
            kept.append(m)
    return kept


def _language_option(value: object) -> str | None:
    """The ``lang`` option as ``en``, ``ru`` or ``kk`` (``ru-RU`` is ``ru``); None when not given."""
    if value is None or value == "":
        return None
    tag = language_tag(value) if isinstance(value, str) else None
    if tag is None:
        raise ValueError(f"lang {value!r} is not one of en, ru, kk, kk-Latn (or a regional form such as ru-RU)")
    return tag


#: The fields of a mention, in the order of Mention's (tests/test_mentions_built.py checks).
MENTION_FIELDS = ("org", "start", "end", "surface", "score", "rule", "alias", "marked", "state")


class _Results:
    """The classes an Annotator makes its results of, as its registry names them: the
    model's for a :class:`~bannedorgs.registry.Registry`, plain ones with the same fields for
    the command line's lean registry (see :mod:`bannedorgs._lean`), which imports no attrs.

    ``setters`` fill a mention's slots in the order of :data:`MENTION_FIELDS`: a mention is
    built by filling them, without its class's ``__init__`` (for Mention, attrs' frozen one
    sets each field through ``object.__setattr__``). Mention has no validators, converters
    or ``__attrs_post_init__`` (tests/test_mentions_built.py checks), so filling its slots
    builds what its ``__init__`` would."""

    __slots__ = ("annotation", "footnote", "insertion", "mention", "setters")

    def __init__(self, mention: type[Any], insertion: type[Any], footnote: type[Any], annotation: type[Any]) -> None:
        self.mention = mention
        self.insertion = insertion
        self.footnote = footnote
        self.annotation = annotation
        self.setters = tuple(mention.__dict__[name].__set__ for name in MENTION_FIELDS)


def _issue(kind: str, mention: Mention, message: str) -> Issue:
    from .model import Issue

    return Issue(kind, mention, message)  # type: ignore[arg-type]


def _rule(cand: Candidate, surface: str) -> tuple[str, float]:
    entry = cand.entry
    if entry.defined:
        return "abbreviation", 95.0  # defined by the text in brackets after the name
    if entry.fuzzy:
        from rapidfuzz import fuzz

        return "fuzzy", round(fuzz.ratio(normalize(surface), entry.key), 1)
    if entry.translit:
        return "transliterated", 90.0
    if surface == entry.alias.value:
        return "exact", 100.0
    folded, key = _keys_of(surface)
    if folded == entry.exact_key or key == entry.key:
        return "normalised", 98.0  # case, ё/е, dashes, quotes or spacing differ
    return "inflected", 95.0


@functools.lru_cache(maxsize=4096)
def _keys_of(surface: str) -> tuple[str, str]:
    """A mention's surface folded and normalised (news repeats the same few forms)."""
    return fold(surface), normalize(surface)


class _Units:
    __slots__ = ("end", "secondary")

    def __init__(self, end: dict[int, Mention], secondary: set[int]) -> None:
        self.end = end  # id of a mention -> the bracketed mention that ends its unit
        self.secondary = secondary  # ids of bracketed mentions that belong to the mention before them


_BRACKET_GAP = _regex.lazy(r"[^\S\n]*[»”\"]?[^\S\n]*\([^\S\n]*[«“\"]?")  # on one line


def _units(text: str, mentions: Sequence[Mention]) -> _Units:
    """Pair a name with a bracketed name of the same organisation right after it.

    "Islamic Movement of Uzbekistan (IMU)" is one unit: the marker follows the bracket.
    """
    units = _Units({}, set())
    for first, second in itertools.pairwise(mentions):
        if first.org.id == second.org.id and _BRACKET_GAP.fullmatch(text, first.end, second.start):
            units.end[id(first)] = second
            units.secondary.add(id(second))
    return units


def _apply(text: str, insertions: Sequence[Insertion]) -> str:
    if not insertions:
        return text
    parts: list[str] = []
    last = 0
    for ins in sorted(insertions, key=lambda x: x.offset):
        parts.append(text[last : ins.offset])
        parts.append(ins.text)
        last = ins.offset
    parts.append(text[last:])
    return "".join(parts)


def __getattr__(name: str) -> Any:
    # the result classes, defined with the model (their attrs classes are built only when asked for)
    if name in ("Annotation", "Insertion", "Issue"):
        from . import model

        return getattr(model, name)
    if name in ("AnnotateOptions", "FormatOption"):  # types: the typing module only when asked for
        from . import _options

        return getattr(_options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_KEPT_RECORDS = 2000  # the most records the cache's entry of them grows to (see _keep_records)


def _keep_records(key: str, found: dict[bytes, Any]) -> None:
    """Add the records of patterns a process had to compile (see _regex.compile_keeping) to
    the cache's entry of records under ``key``, which later processes read; never past
    ``_KEPT_RECORDS`` records, and not when there is no such entry (caching is off, or it
    cannot be read)."""
    from . import _cache

    kept = _cache.get("forms", key)
    if not isinstance(kept, dict) or len(kept) >= _KEPT_RECORDS:
        _regex.keep_new(None)  # nothing more to keep in this process: no reading the entry again
    elif not found.keys() <= kept.keys():
        _cache.put("forms", key, {**kept, **found})


@functools.lru_cache(maxsize=1)
def default_annotator() -> Annotator:
    """The Annotator of the bundled registry, built once."""
    return Annotator()


class reporting_unclosed:  # used as a function: ``with reporting_unclosed(f):``
    """Within the block, this thread's annotations hand the UnclosedMarkupWarning of a
    document that ends inside unclosed markup to ``report`` instead of warning."""

    __slots__ = ("_before", "_report")

    def __init__(self, report: Callable[[UnclosedMarkupWarning], object]) -> None:
        self._report = report
        self._before: object = None

    def __enter__(self) -> None:
        self._before = getattr(_reporters, "report", None)
        _reporters.report = self._report

    def __exit__(self, *exc: object) -> None:
        _reporters.report = self._before
