"""The language guess of a long text, counted on a copy of its prose sample with one byte per
character.

:func:`bannedorgs.annotator.detect_language`'s rule reads a lower-cased sample of the prose
(its whitespace collapsed, 2,000 characters), counts its letters by kind and its words that are
the commonest of each language. Written on the string, lowering, splitting and joining the
sample and looking each word up cost more than the scan of a short article. Here the sample is
encoded once to one byte per character by a table that also lowers it (``str.lower`` of each
character in the table is one character, also in it), so its letters are counted by
``bytes.count`` and its common words by one automaton run over it; the numbers are those the
rule counts, so the answer is the same. A text with a character outside the table (Latin
Kazakh's ``ä``, a Chinese name, an emoji) raises :class:`UnicodeEncodeError`, and the caller
guesses the usual way; so does a text whose counts leave the rule to its costlier tests, with
the sample decoded back from the bytes.
"""

from __future__ import annotations

import codecs
import operator
import re
from collections.abc import Iterable, Mapping
from typing import Any

import ahocorasick_rs

from .language import sample_of

__all__ = ["KAZAKH", "PUNCTUATION", "RUSSIAN", "SPACES", "Guess"]

#: What ``str.split()`` splits at (``str.isspace``); tests/test_language.py checks the list
#: against every character.
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KAZAKH = "әғқңөұүһі"  # the letters of Kazakh's Cyrillic alphabet that Russian's lacks
RUSSIAN_ONLY = "ёщъэ"
# punctuation common in news text (none of it a letter or a digit); any other character sends
# the text the usual way
PUNCTUATION = "«»“”„‘’‹›–—‐‑−…•·№°\u00ad\u200b\u2060\ufeff"
KELVIN = "\u212a"  # lowers to an ASCII k
_HARD = "\x00"  # formats.HARD: the view's mark of a boundary, read as a space
_SPACES = re.compile(rb"  +")


class Guess:
    """The tables of one byte per character and the automata of the common words."""

    def __init__(self, kk_words: Iterable[str], ru_words: Iterable[str], run_weights: Mapping[bytes, int]) -> None:
        extra = [c for c in SPACES if ord(c) > 127]
        extra += [*RUSSIAN, *KAZAKH, *RUSSIAN.upper(), *KAZAKH.upper(), KELVIN, *PUNCTUATION]
        assert len(extra) <= 128
        self.table = "".join(map(chr, range(128))) + "".join(extra) + "\ufffe" * (128 - len(extra))
        self._map = codecs.charmap_build(self.table)
        byte = {c: i for i, c in enumerate(self.table) if c != "\ufffe"}
        fold = bytearray(range(256))
        for c, i in byte.items():
            fold[i] = 32 if c.isspace() or c == _HARD else byte[c.lower()]
        self._fold = bytes(fold)
        # kinds of character in the lowered sample: a (ASCII letter), k (Kazakh-only letter),
        # r (Russian-only letter), c (another Cyrillic letter), p (other non-ASCII), space
        kinds = bytearray(b" " * 256)
        for c, i in byte.items():
            if c.isascii():
                kinds[i] = ord("a") if c.isalpha() else 32
            elif c in KAZAKH:
                kinds[i] = ord("k")
            elif c in RUSSIAN_ONLY:
                kinds[i] = ord("r")
            else:
                kinds[i] = ord("c") if c.isalpha() else ord("p")
        self._kinds = bytes(kinds)
        # a run of letters, for the English margin: ASCII and Cyrillic letters (a Cyrillic
        # letter next to a common English word makes it another word)
        letters = set(range(97, 123)) | {byte[c] for c in RUSSIAN + KAZAKH}
        self._letters_only = bytes(i if i in letters else 32 for i in range(256))
        self._letter_kinds = bytes(97 if i in letters else 32 for i in range(256))
        self._apostrophe = bytes([byte["’"]])
        # a word of the sample is a run between spaces: " word " met in " " + sample + " "
        kk = [self.encode(w) for w in kk_words]
        ru = [self.encode(w) for w in ru_words]
        self._n_kk = len(kk)
        self._common = _automaton([b" " + w + b" " for w in kk + ru])
        # what a run of letters adds to the English margin beyond the -1 of any run of three
        # letters or more (see annotator._surely_english)
        special = {w: v + (len(w) > 2) for w, v in run_weights.items() if v != -(len(w) > 2)}
        # q not before u, and zh, take 2 each: a q, a qu and a zh are met in a run as they are
        pairs = {b"q": -2, b"qu": 2, b"zh": -2}
        self._runs = _automaton([*(b" " + w + b" " for w in special), *pairs])
        self._run_values = [*special.values(), *pairs.values()]

    def encode(self, text: str) -> bytes:
        """``text`` lowered, each space as ``b" "``, one byte per character; UnicodeEncodeError
        for a character not in the table."""
        return codecs.charmap_encode(text, "strict", self._map)[0].translate(self._fold)

    def decode(self, sample: bytes) -> str:
        """The lowered string an encoded sample stands for (each byte is one character)."""
        return codecs.charmap_decode(sample, "strict", self.table)[0]

    def sample(self, view: str, size: int) -> bytes:
        """``language.prose_sample(view, size).lower()``, encoded."""
        return sample_of(view, size, self._collapsed, b" ")

    def _collapsed(self, piece: str) -> bytes:
        """``b" ".join(self.encode(piece).split())``: the encoded piece has no whitespace but
        spaces (see encode), so its runs of spaces are made one and its ends stripped, which
        costs a third less than splitting it into words and joining them."""
        encoded = self.encode(piece)
        if b"  " in encoded:
            encoded = _SPACES.sub(b" ", encoded)
        return encoded.strip(b" ")

    def counts(self, sample: bytes) -> tuple[int, int, int, int, int]:
        """Of an encoded sample: its ASCII letters, its non-ASCII characters, its Kazakh-only
        and Russian-only letters, and its Cyrillic letters of either."""
        kinds = sample.translate(self._kinds)
        kk, ru, cyrillic = kinds.count(b"k"), kinds.count(b"r"), kinds.count(b"c")
        return kinds.count(b"a"), kk + ru + cyrillic + kinds.count(b"p"), kk, ru, cyrillic

    def common_words(self, sample: bytes) -> tuple[int, int]:
        """How many of the sample's words are common Kazakh words, and how many common Russian."""
        hits = self._common.find_matches_as_indexes(b" " + sample + b" ", overlapping=True)
        kk = sum(map(self._n_kk.__gt__, map(operator.itemgetter(0), hits)))
        return kk, len(hits) - kk

    def english_margin(self, sample: bytes) -> int:
        """``annotator._surely_english``'s margin for an encoded sample: its runs of letters
        weighed, less its pairs and apostrophes. Its bounds hold for the Cyrillic letters of
        the table too (the string version gives up on them): the Latin-Kazakh test counts
        none of its letters in them, a word of them is none of its common words, and one of
        its endings (three Latin letters or more before a boundary) still ends a run; so a
        run here is of ASCII and Cyrillic letters, and one that holds a Cyrillic letter is
        no common word."""
        runs = b" " + sample.translate(self._letters_only) + b" "
        # the ends of runs of three letters or more (a search for a space is quick: few are)
        long_runs = (sample.translate(self._letter_kinds) + b" ").count(b"aaa ")
        # the weighed runs, and each q, qu and zh inside a run (their weights are the pairs')
        hits = self._runs.find_matches_as_indexes(runs, overlapping=True)
        weight = sum(map(self._run_values.__getitem__, map(operator.itemgetter(0), hits))) - long_runs
        return weight - 14 * (sample.count(b"'") + sample.count(self._apostrophe))


def _automaton(patterns: list[bytes]) -> Any:
    return ahocorasick_rs.BytesAhoCorasick(patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
