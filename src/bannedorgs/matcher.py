"""Find the organisations of a registry in running text.

One pass of an Aho-Corasick automaton over the lower-cased text finds *anchors* (the
literal starts of every written form); at each anchor that starts a word, the form's
regular expression decides whether a whole name is there and how far it reaches. Acronyms
that are case-sensitive (IS, ИГ, DVK) are found by one regular expression over the original
text whose first character must be a capital letter, which is rare enough to be fast. No
Python code runs per character: per-character work happens in C (``str.lower``, the
automaton, ``re``), Python runs only at candidates.

Candidates then pass the guards that keep precision: a lookalike phrase of the registry's
``not_mentions`` cancels what it overlaps; a name written with capitals must be written
with a capital in the text unless it stands in quotation marks (so "an Islamic state" is
not Islamic State); ``quoted_only`` aliases need quotation marks; ``unless_near`` phrases in
the same sentence cancel an acronym; a two-letter acronym in an all-capitals line is a
word, not a name. Overlaps are resolved leftmost-longest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import ahocorasick
import attrs

from .forms import compile_form, compile_translit, words
from .model import Alias, Organisation
from .normalize import QUOTES, fold, mend_mixed, normalize

__all__ = ["Candidate", "Matcher"]

_OPEN_QUOTES = "«“„\"'‘‹「"
_CLOSE_QUOTES = "»”\"'’›」“"
_PARTICLE_WORDS = frozenset(
    [
        "ал",
        "аль",
        "әл",
        "эль",
        "ан",
        "ат",
        "ас",
        "аш",
        "ад",
        "ар",
        "аз",
        "уль",
        "ул",
        "ут",
        "ән",
        "әт",
        "al",
        "el",
        "ul",
        "an",
        "at",
        "as",
        "ash",
        "ad",
        "ar",
        "az",
        "ut",
        "un",
        "ud",
        "the",
        "of",
        "and",
        "in",
        "for",
        "wa",
        "wal",
        "и",
        "ва",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
_MIXED_SCRIPT = re.compile(r"[a-z][а-яё]|[а-яё][a-z]")


@attrs.frozen
class _Entry:
    """A compiled form and what it stands for."""

    org: Organisation | None  # None: a lookalike phrase (not a mention)
    alias: Alias
    regex: re.Pattern[str]
    translit: bool
    proper: bool  # the alias has a capitalised word: the text must capitalise too
    exact_key: str
    strict_caps: bool = False  # every capitalised word of the alias must be capitalised
    needs_context: bool = False  # a two-letter acronym: needs its full name or a cue nearby


@attrs.frozen
class Candidate:
    start: int
    end: int
    entry: _Entry

    @property
    def org(self) -> Organisation | None:
        return self.entry.org


def _is_proper(value: str) -> bool:
    return any(w[0].isupper() and w.lower() not in _PARTICLE_WORDS for w in _WORD.findall(value))


class Matcher:
    """Compiled patterns of every alias of some organisations, plus lookalike phrases."""

    def __init__(
        self,
        organisations: Sequence[Organisation],
        not_mentions: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        self._entries: list[_Entry] = []
        self._automaton = ahocorasick.Automaton()
        anchors: dict[str, set[int]] = {}
        case_sensitive: list[tuple[int, str]] = []
        seen: set[tuple[str | None, str, bool]] = set()

        def add(org: Organisation | None, alias: Alias) -> None:
            # Only one-word acronyms are matched case-sensitively against the original text;
            # a longer case-sensitive name is scanned like the others and must be written
            # with its capitals (the "proper" guard), which is what case-sensitivity means for it.
            acronym = alias.case_sensitive and len(words(alias.value)) == 1 and len(alias.value) <= 6
            key = (org.id if org else None, normalize(alias.value), acronym)
            if key in seen:
                return
            seen.add(key)
            forms = [compile_form(alias.value, case_sensitive=acronym)]
            if not acronym:
                translit = compile_translit(alias.value)
                if translit is not None:
                    forms.append(translit)
            proper = _is_proper(alias.value)
            for f in forms:
                index = len(self._entries)
                self._entries.append(
                    _Entry(
                        org,
                        alias,
                        f.regex,
                        f.translit,
                        proper,
                        fold(alias.value),
                        strict_caps=alias.case_sensitive and not acronym,
                        needs_context=acronym and len(normalize(alias.value)) <= 2,
                    )
                )
                if acronym:
                    case_sensitive.append((index, f.regex.pattern))
                else:
                    for anchor in f.anchors:
                        anchors.setdefault(anchor, set()).add(index)

        for org in organisations:
            for alias in org.all_aliases():
                add(org, alias)
        for value, lang, _reason in not_mentions:
            add(None, Alias(value=value, lang=lang or "en"))
        for anchor, indices in anchors.items():
            self._automaton.add_word(anchor, (len(anchor), tuple(sorted(indices))))
        self._automaton.make_automaton()
        self._case_sensitive: re.Pattern[str] | None = None
        self._cs_groups: dict[str, int] = {}
        if case_sensitive:
            branches = []
            for index, pattern in case_sensitive:
                name = f"e{index}"
                self._cs_groups[name] = index
                branches.append(f"(?P<{name}>{pattern})")
            self._case_sensitive = re.compile("|".join(branches))

    def __getstate__(self) -> dict[str, object]:
        return self.__dict__.copy()

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    # -- scanning ------------------------------------------------------------------------
    def candidates(self, text: str) -> list[Candidate]:
        """Every raw match of every form (before guards and overlap resolution)."""
        low = text.replace("İ", "I").lower() if "İ" in text else text.lower()
        if _MIXED_SCRIPT.search(low):
            low = mend_mixed(low)  # a Latin "a" typed inside a Cyrillic word, and the reverse
        found: dict[tuple[int, int], Candidate] = {}
        entries = self._entries
        for end, (length, indices) in self._automaton.iter(low):
            start = end - length + 1
            if start and low[start - 1].isalnum():
                continue
            for index in indices:
                m = entries[index].regex.match(low, start)
                if m and m.end() > start:
                    key = (start, index)
                    if key not in found:
                        found[key] = Candidate(start, m.end(), entries[index])
        if self._case_sensitive is not None:
            self._scan_case_sensitive(text, found)
        # at the same span a form of the name as written beats a transliteration of it
        return sorted(found.values(), key=lambda c: (c.start, -c.end, c.entry.translit))

    def _scan_case_sensitive(self, text: str, found: dict[tuple[int, int], Candidate]) -> None:
        assert self._case_sensitive is not None
        pos = 0
        regex = self._case_sensitive
        while True:
            m = regex.search(text, pos)
            if m is None:
                return
            start = m.start()
            pos = start + 1
            if start and text[start - 1].isalnum():
                continue
            # the alternation stops at its first matching branch; try every acronym here so
            # that a longer one (ISIS) is seen next to a shorter one (IS)
            for index in self._cs_groups.values():
                sub = self._entries[index].regex.match(text, start)
                if sub:
                    found[(start, index)] = Candidate(start, sub.end(), self._entries[index])

    def iter_matches(self, text: str, view: str | None = None) -> Iterator[Candidate]:
        """Accepted candidates, leftmost-longest, without overlaps, lookalikes removed."""
        scan = text if view is None else view
        cands = self.candidates(scan)
        blocked = [c for c in cands if c.org is None]
        accepted: list[Candidate] = []
        chosen_end = -1
        for cand in cands:
            if cand.org is None or cand.start < chosen_end:
                continue
            if any(b.start < cand.end and cand.start < b.end for b in blocked):
                continue
            if not self._accept(text, cand):
                continue
            chosen_end = cand.end
            accepted.append(cand)
        named = {c.org.id for c in accepted if c.org is not None and not c.entry.needs_context}
        for cand in accepted:
            assert cand.org is not None
            if cand.entry.needs_context and cand.org.id not in named and not _cue_near(scan, cand):
                continue
            yield cand

    # -- guards --------------------------------------------------------------------------
    def _accept(self, text: str, cand: Candidate) -> bool:
        entry = cand.entry
        surface = text[cand.start : cand.end]
        quoted = _is_quoted(text, cand.start, cand.end)
        if entry.alias.quoted_only and not quoted:
            return False
        if entry.proper and not quoted and not _is_proper(surface):
            return False
        if entry.strict_caps and not quoted and _capitals(surface) < _capitals(entry.alias.value):
            return False
        if entry.alias.case_sensitive and len(normalize(entry.alias.value)) <= 2 and _in_capitals(text, cand):
            return False
        return not (entry.alias.unless_near and _near(text, cand, entry.alias.unless_near))


def _capitals(value: str) -> int:
    return sum(1 for w in _WORD.findall(value) if w[0].isupper() and w.lower() not in _PARTICLE_WORDS)


# Words that show a text is about militant or banned groups: a two-letter acronym (IS, ИГ, HT)
# counts as a name only with its full name somewhere in the text or one of these nearby.
_CUES = re.compile(
    r"milit|fighter|terror|jihad|extrem|recruit|member|caliphat|syria|iraq|attack|ideolog|"
    r"propagand|insurgen|support|affiliat|banned|behead|suicide|bomb|cell|"
    r"боевик|террор|джихад|экстрем|вербов|член|халифат|сири|ирак|пропаганд|группиров|"
    r"запрещ|сторонник|идеолог|теракт|ячейк|"
    r"содыр|лаңкес|жиһад|экстремис|насихат|тыйым|жақтаушы",
    re.IGNORECASE,
)


def _cue_near(text: str, cand: Candidate) -> bool:
    """A cue word within 150 characters, in the same paragraph."""
    lo = max(0, cand.start - 150, text.rfind("\n\n", 0, cand.start) + 1)
    hi = text.find("\n\n", cand.end)
    hi = min(len(text), cand.end + 150, hi if hi >= 0 else len(text))
    return _CUES.search(text, lo, hi) is not None


def _is_quoted(text: str, start: int, end: int) -> bool:
    """Whether the name stands between quotation marks (an exclamation mark may end it: «Алга!»)."""
    before = text[start - 1] if start else ""
    i = end
    while i < len(text) and i - end < 2 and text[i] in "!?":
        i += 1
    after = text[i] if i < len(text) else ""
    return bool(before) and before in _OPEN_QUOTES + QUOTES and bool(after) and after in _CLOSE_QUOTES + QUOTES


def _in_capitals(text: str, cand: Candidate) -> bool:
    """Whether the neighbouring words are in capitals too (a headline: IS is a verb there)."""
    before = _WORD.findall(text[max(0, cand.start - 40) : cand.start])
    after = _WORD.findall(text[cand.end : cand.end + 40])
    neighbours = before[-1:] + after[:1]
    return any(len(w) >= 2 and w.isupper() for w in neighbours)


def _near(text: str, cand: Candidate, phrases: Sequence[str]) -> bool:
    lo = max(0, cand.start - 120)
    hi = min(len(text), cand.end + 120)
    window = text[lo:hi].lower()
    return any(p.lower() in window for p in phrases)
