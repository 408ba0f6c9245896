"""detect_language counts words in one pass and tells English from Latin-script Kazakh by
bounds first; it must answer as the plain rule does."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bannedorgs import _guess, annotator, formats, kazakh_latin
from bannedorgs.annotator import (
    _KK_WORDS,
    _LANGUAGE_SAMPLE,
    _NOT_LATIN_LETTERS,
    _RU_WORDS,
    _byte_guess,
    _endings,
    _language_of,
    _language_of_sample,
    _language_of_view,
    _surely_english,
    detect_language,
)
from bannedorgs.language import lowered_prose_sample, prose_sample


def reference(text: str) -> Literal["en", "ru", "kk", "kk-Latn"]:
    """The rule written out plainly: letters and commonest words, then endings if unclear."""
    sample = text[:_LANGUAGE_SAMPLE].lower()
    ascii_part = sample.encode("ascii", "ignore")
    latin = len(ascii_part.translate(None, _NOT_LATIN_LETTERS))
    other = len(sample) - len(ascii_part)
    if other == 0 or other < latin:
        return "kk-Latn" if kazakh_latin.is_latin_kazakh(sample) else "en"
    words = sample.split()
    kk = sum(sample.count(c) for c in "әғқңөұүһі") + 3 * sum(w in _KK_WORDS for w in words)
    ru = sum(sample.count(c) for c in "ёщъэ") + 3 * sum(w in _RU_WORDS for w in words)
    if min(kk, ru) * 3 < max(kk, ru):
        return "kk" if kk > ru else "ru"
    kk_endings, ru_endings = _endings()
    kk += 2 * len(kk_endings.findall(sample))
    ru += 2 * len(ru_endings.findall(sample))
    return "kk" if kk > ru else "ru"


PIECES = [
    *sorted(_KK_WORDS | _RU_WORDS),
    "суд", "сот", "ұйым", "организация", "запрещённой", "тыйым", "the", "court", "Almaty", "ИГИЛ-ге",
    "әғқңөұүһі", "ёщъэ", "ого", "ның", " ", "  ", "\n", "\u00a0", ".", ",", "«", "»", "ДА", "Мен",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.sampled_from([" ", "\n", "\t", "\u2003"]))
def test_the_one_pass_count_answers_as_the_plain_one(pieces: list[str], joint: str) -> None:
    text = joint.join(pieces)
    assert detect_language(text) == reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("аеиоқңүіәabc ёщ\n.,"), max_size=3000))
def test_any_mix_of_letters(text: str) -> None:
    assert detect_language(text) == reference(text)


def test_examples() -> None:
    assert detect_language("Соттың шешімімен ұйымға тыйым салынды.") == "kk"
    assert detect_language("Суд запретил организацию.") == "ru"
    assert detect_language("The court banned the group.") == "en"
    assert detect_language("Суд запретил «Сенім. Білім. Өмір» и другие организации в этом году.") == "ru"


# --- the bounds that answer "en" without the Latin-Kazakh regexes ---------------------------

FIXTURES = Path(__file__).parent / "fixtures"
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
LATIN_PIECES = [
    *sorted(kazakh_latin._EN_WORDS | kazakh_latin._KK_WORDS | kazakh_latin._TR_WORDS),
    "court", "Almaty", "Taliban", "began", "taken", "saga", "latin", "boldy", "sottyn", "uiymga", "qazaq",
    "Iraq", "Qaeda", "quiet", "zhuz", "a", "i", "x", "ab", "q", "zh", "qu", "'", "’", "'s", "n't", "in'", "dyn'",
    "2015", "1st", "_", "__init__", "-", "—", "‑", "«", "»", "“", "”", ".", ",", "(", ")", "é", "ä", "ñ", "ı", "İ",
    "ş", "ç", "ǵ", "\u0301", "Ⅻ", "²", "THE", "JANE", "Dep",
]  # fmt: skip


def _says_no_when_sure(text: str) -> None:
    if _surely_english(text):
        assert not kazakh_latin.is_latin_kazakh(text), text
        assert not kazakh_latin.is_latin_kazakh(text.lower()), text


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LATIN_PIECES), max_size=150), st.sampled_from([" ", "", "\n", "-"]))
def test_sure_english_is_never_latin_kazakh_pieces(pieces: list[str], joint: str) -> None:
    text = joint.join(pieces)
    _says_no_when_sure(text)
    assert detect_language(text) == reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aeiouyqzhdgnkltrsj' ’.-—_1éñ"), max_size=2500))
def test_sure_english_is_never_latin_kazakh_letters(text: str) -> None:
    _says_no_when_sure(text)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is made
    spec.loader.exec_module(module)
    return module


def _real_texts() -> list[str]:
    lines = [line for path in sorted(FIXTURES.glob("heldout*.jsonl")) for line in path.read_text("utf-8").splitlines()]
    texts = [json.loads(line)["text"] for line in lines]
    latin = [
        kazakh_latin.to_latin(t, alphabet)
        for t in texts
        for alphabet in (None, kazakh_latin.APOSTROPHE_2017, kazakh_latin.ACUTE_2018)
    ]
    return texts + latin


def test_sure_english_on_real_sentences() -> None:
    texts = _real_texts()
    for text in texts:
        _says_no_when_sure(text)
        assert detect_language(text) == reference(text)
    english = [t for t in texts if reference(t) == "en"]
    # the bounds answer for most English sentences: the check above is not vacuous
    assert sum(map(_surely_english, english)) > 0.5 * len(english)


@pytest.mark.parametrize("name", ["corpus", "corpus_mixed"])
def test_sure_english_on_generated_articles(name: str) -> None:
    module = _module(name)
    text = module.generate(400_000, 5)
    samples = []
    for article in module.split_articles(text):
        fmt = formats.choose("auto", article)
        samples.append(prose_sample(fmt.view(article), _LANGUAGE_SAMPLE).lower())
    for sample in samples:
        _says_no_when_sure(sample)
        assert detect_language(sample) == reference(sample)
    english = [s for s in samples if reference(s) == "en"]
    # most articles of English prose are told at once (news always; the terse sentences of the
    # mixed corpus, with few of the commonest words, not always)
    assert sum(map(_surely_english, english)) >= 0.7 * len(english) > 0


def plain_prose_sample(view: str, size: int) -> str:
    """The sample as it was first written: 4 KiB chunks of the view, each without its markup."""
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


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["word", "слово", " ", "  ", "\n\n", "\x00" * 7, "\x00" * 900, " " * 300]), max_size=400),
    st.sampled_from([1, 10, 2000, 5000]),
)
def test_the_short_head_samples_as_the_chunks(pieces: list[str], size: int) -> None:
    view = "".join(pieces)
    assert prose_sample(view, size) == plain_prose_sample(view, size)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Word", "СЛОВО", "İstanbul", "ı", " ", "  ", "\n\n", "\x00" * 7, "\x00" * 900, " " * 300,
                         "x" * 2100, "Hizb", "ut-Tahrir", "ҚАЗАҚ"]),
        max_size=300,
    ),
    st.sampled_from([1, 2, 10, 2000, 5000]),
)  # fmt: skip
def test_the_lowered_sample_and_its_words(pieces: list[str], size: int) -> None:
    view = "".join(pieces)
    sample, words = lowered_prose_sample(view, size)
    assert sample == prose_sample(view, size).lower()
    if words is not None:
        assert words == sample.split()


# --- the guess counted on one byte per character (bannedorgs._guess) -------------------------


def usual_guess(view: str) -> Literal["en", "ru", "kk", "kk-Latn"]:
    """The guess as annotate() made it on the string: the lowered sample, then the rule."""
    return _language_of(*lowered_prose_sample(view, _LANGUAGE_SAMPLE))


def byte_guess(view: str) -> Literal["en", "ru", "kk", "kk-Latn"] | None:
    """The guess on the bytes, for a view of any length; None when the table lacks a character."""
    guess = _byte_guess()
    try:
        sample = guess.sample(view, _LANGUAGE_SAMPLE)
    except UnicodeEncodeError:
        return None
    assert guess.decode(sample) == lowered_prose_sample(view, _LANGUAGE_SAMPLE)[0]
    return _language_of_sample(guess, sample)


def test_the_spaces_are_what_split_splits_at() -> None:
    assert sorted(_guess.SPACES) == [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]


def test_the_table_lowers_as_str_lower() -> None:
    guess = _byte_guess()
    chars = [c for c in guess.table if c != "\ufffe"]
    assert len(chars) == len(set(chars))  # one byte each
    for c in chars:
        encoded = guess.encode(c)
        assert len(encoded) == 1
        if c.isspace() or c == formats.HARD:
            assert encoded == b" "
        else:
            assert guess.decode(encoded) == c.lower(), repr(c)
    assert not any(c.isalnum() for c in _guess.PUNCTUATION)
    # a character outside the table is refused, not read as another
    for c in "äİıñ中😀ß":
        with pytest.raises(UnicodeEncodeError):
            guess.encode(c)


GUESS_PIECES = [
    *PIECES, *LATIN_PIECES, "Суд", "СОТ", "Және", "THE", "The", "\u212a", "\x00", "\x00" * 900, " " * 300, "\u2003",
    "\u3000", "\x1c", "\r\n", "’s", "'", "ququ", "zhzh", "qqq", "aaa", "ab", "—", "…", "№", "\u00ad", "\ufeff",
    "Ә", "Ғ", "Ё", "Щ", "ЪЭ", "İ", "中", "x" * 2100,
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(GUESS_PIECES), max_size=700),
    st.sampled_from([" ", "", "\n", "\n\n", "-", "\t", "\u00a0", "\x00"]),
)
def test_the_byte_guess_answers_as_the_usual_one(pieces: list[str], joint: str) -> None:
    view = joint.join(pieces)
    fast = byte_guess(view)
    assert fast is None or fast == usual_guess(view)
    annotator._guesses[0] = annotator._STRING_GUESSES  # as in a process past its first texts
    assert _language_of_view(view) == usual_guess(view)


def test_a_process_guesses_its_first_long_views_from_the_string(monkeypatch: pytest.MonkeyPatch) -> None:
    """The byte guess's tables cost a new process more than a few dozen articles' guesses
    save: they are built only once it has guessed _STRING_GUESSES long views."""
    built: list[None] = []
    real = _byte_guess

    def counted() -> Any:
        built.append(None)
        return real()

    monkeypatch.setattr(annotator, "_guesses", [0])
    monkeypatch.setattr(annotator, "_byte_guess", counted)
    long_views = ["Суд запретил организацию. " * 40, "Соттың шешімімен ұйымға тыйым салынды. " * 30, "The court. " * 90]
    for i in range(annotator._STRING_GUESSES):
        view = long_views[i % 3]
        assert len(view) >= annotator._FAST_GUESS_FROM
        assert _language_of_view(view) == usual_guess(view) == ("ru", "kk", "en")[i % 3]
        assert _language_of_view("Суд запретил её.") == "ru"  # a short view is not counted
    assert built == []
    for i, view in enumerate(long_views):
        assert _language_of_view(view) == ("ru", "kk", "en")[i]
    assert len(built) == 3


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*_guess.SPACES, "\x00", "a", "Ә", "ж", "’", "."]), max_size=60))
def test_a_piece_collapses_as_its_words_joined(piece: str) -> None:
    guess = _byte_guess()
    assert guess._collapsed(piece) == b" ".join(guess.encode(piece).split())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("аеиоқңүіәёщъэabcqzhu' ’.,\n\x00КӘ"), min_size=400, max_size=6000))
def test_the_byte_guess_on_any_mix_of_letters(view: str) -> None:
    fast = byte_guess(view)
    assert fast is not None
    assert fast == usual_guess(view)


def _words_in(language: str, rng: random.Random, n: int) -> str:
    """Prose of ``n`` words in one language or script: its commonest words, then words made of
    its letters (capitalised now and then), with punctuation."""
    common = {
        "ru": sorted(_RU_WORDS),
        "kk": sorted(_KK_WORDS),
        "en": sorted(kazakh_latin._EN_WORDS),
        # the apostrophe alphabet's words, in ASCII (the other alphabets' letters are not in the table)
        "kk-Latn": sorted(w for w in kazakh_latin._KK_WORDS if w.isascii()),
    }[language]
    letters = {
        "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        "en": "abcdefghijklmnopqrstuvwxyz",
        "kk-Latn": "abdefghijklmnopqrstuvwyz'",
    }[language]
    out = []
    for _ in range(n):
        word = rng.choice(common) if rng.random() < 0.3 else "".join(rng.choices(letters, k=rng.randint(1, 11)))
        if rng.random() < 0.1:
            word = word.capitalize()
        out.append(word + rng.choice(["", "", "", ",", ".", "»", "”", " —"]))
    return " ".join(out)


@pytest.mark.parametrize("language", ["ru", "kk", "en", "kk-Latn"])
def test_the_byte_guess_on_prose_in_each_language(language: str) -> None:
    rng = random.Random(language)
    others = ["ru", "kk", "en", "kk-Latn"]
    counted = 0
    for _ in range(300):
        view = _words_in(language, rng, rng.randint(60, 700))
        if rng.random() < 0.3:  # a passage in another language inside
            view += "\n\n" + _words_in(rng.choice(others), rng, rng.randint(5, 300))
        fast = byte_guess(view)  # None for a passage with Latin Kazakh's ı, ū …, not in the table
        counted += fast is not None
        assert fast is None or fast == usual_guess(view)
        assert _language_of_view(view) == usual_guess(view)
    assert counted > 200


@pytest.mark.parametrize("name", ["corpus", "corpus_mixed"])
def test_the_byte_guess_on_generated_articles(name: str) -> None:
    module = _module(name)
    counted = 0
    for article in module.split_articles(module.generate(600_000, 7)):
        view = formats.choose("auto", article).view(article)
        fast = byte_guess(view)
        counted += fast is not None
        assert fast is None or fast == usual_guess(view)
        assert _language_of_view(view) == usual_guess(view)
    assert counted > 100  # the bytes answer for these articles: the check is not vacuous


# Latin-script text with Cyrillic words and letters inside (a link's «толығырақ», a glued
# letter): the English bound of the byte guess reads them as letters of its runs
LATIN_IN_TABLE = [p for p in LATIN_PIECES if all(c.isascii() or c in _guess.PUNCTUATION for c in p)]
CYRILLIC_BITS = ["толығырақ", "д", "қ", "и", "Сот", "ЖӘНЕ", "ның", "the", "jane", "ы"]


@settings(max_examples=1500, deadline=None)
@given(
    # English words weighed in, so that both answers and both sides of the bound come up often
    st.lists(
        st.sampled_from(sorted(kazakh_latin._EN_WORDS) * 3 + LATIN_IN_TABLE * 2 + CYRILLIC_BITS * 2),
        min_size=1,
        max_size=400,
    ),
    st.sampled_from([" ", "", "\n", "-", "'", "’"]),
)
def test_the_english_bound_past_cyrillic_letters(pieces: list[str], joint: str) -> None:
    view = joint.join(pieces)
    guess = _byte_guess()
    sample = guess.sample(view, _LANGUAGE_SAMPLE)
    latin, other, *_ = guess.counts(sample)
    if (other == 0 or other < latin) and guess.english_margin(sample) >= 0:
        assert not kazakh_latin.is_latin_kazakh(guess.decode(sample)), view
    assert byte_guess(view) == usual_guess(view)


def test_the_english_bound_past_cyrillic_letters_answers_for_some() -> None:
    guess = _byte_guess()
    english = "The court in Almaty said that the group was banned in 2005 and its members were held. "
    sample = guess.sample(english * 20 + "Толығырақ: сот шешімі.", _LANGUAGE_SAMPLE)
    assert guess.counts(sample)[4] > 0  # Cyrillic letters in the sample
    assert guess.english_margin(sample) >= 0  # and still told English by the bound
    assert _language_of_view(english * 20 + "Толығырақ: сот шешімі.") == "en"
