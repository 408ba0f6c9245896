"""Annotation: markers, footnotes, idempotence, insertions only, dates, languages."""

from __future__ import annotations

import itertools
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bannedorgs
from bannedorgs import Annotator
from bannedorgs.annotator import Annotation, detect_language
from bannedorgs.registry import Registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ON = "2025-03-12"


def strip_insertions(result: Annotation) -> str:
    """Remove every insertion from the output: what is left must be the input."""
    out = result.text
    shift = 0
    for ins in sorted(result.insertions, key=lambda i: i.offset):
        start = ins.offset + shift
        assert out[start : start + len(ins.text)] == ins.text
        shift += len(ins.text)
    pieces = []
    last = 0
    shift = 0
    for ins in sorted(result.insertions, key=lambda i: i.offset):
        pieces.append(out[last : ins.offset + shift])
        last = ins.offset + shift + len(ins.text)
        shift += len(ins.text)
    pieces.append(out[last:])
    return "".join(pieces)


# -- the example articles -----------------------------------------------------------------
ARTICLES = {
    "en": (
        ["Hizb ut‑Tahrir", "Islamic State (IS)", "Jabhat al-Nusra", "Islamic Movement of Uzbekistan (IMU)",
         "al-Qaeda's", "Muslim Brotherhood", "Tablighi Jamaat"],
        ["Hezbollah", "Jund al-Sham", "Katibat Imam al-Bukhari", "Taliban", "Islamic State of Afghanistan"],
        "since March 28, 2005",
    ),
    "ru": (
        ["«Хизб ут‑Тахрир»", "«Исламского государства» (ИГ)", "«Джабхат ан-Нусры»",
         "Исламского движения Узбекистана (ИДУ)", "«Аль-Каиды»", "«Братьях-мусульманах»", "«Таблиги Джамаат»"],
        ["Хезболл", "Джунд аш-Шам", "Катиба имама", "Талибан", "Исламское государство Афганистан"],
        "с 28 марта 2005 года",
    ),
    "kk": (
        ["«Хизб ут‑Тахрир»", "«Ислам мемлекеті» (ДАИШ)", "«Джабхат ан-Нусра»", "Өзбекстан ислам қозғалысының",
         "«Әл-Каиданың»", "«Мұсылман бауырлар»", "«Таблиғи жамағат»"],
        ["Хезболла", "Джунд аш-Шам", "Бұхари", "Талибан"],
        "2005 жылғы 28 наурыздан бастап",
    ),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_example_article(lang: str) -> None:
    source = (EXAMPLES / f"article-{lang}.txt").read_text(encoding="utf-8")
    expected, lookalikes, date_phrase = ARTICLES[lang]
    result = bannedorgs.annotate(source, on=ON)
    assert result.lang == lang
    markers = [i for i in result.insertions if "\n" not in i.text]
    assert [i.text for i in markers] == ["*"] * len(expected)
    for ins, name in zip(markers, expected, strict=True):
        assert source[: ins.offset].endswith(name), (source[ins.offset - 40 : ins.offset], name)
    for name in lookalikes:
        for m in re.finditer(re.escape(name), source):
            assert not any(m.start() <= mm.start < m.end() + 12 for mm in result.mentions), name
    assert len(result.footnotes) == len(expected)
    assert date_phrase in result.footnotes[0].text
    assert result.text.startswith(source.rstrip("\n")[:50])
    assert bannedorgs.annotate(result.text, on=ON).text == result.text
    assert strip_insertions(result) == source


def test_english_article_has_a_non_breaking_hyphen() -> None:
    assert "\u2011" in (EXAMPLES / "article-en.txt").read_text(encoding="utf-8")


# -- behaviour ------------------------------------------------------------------------------
def test_first_mention_only_and_all() -> None:
    text = "ИГИЛ-ге қосылғандар сотталды. ИГИЛ содырлары туралы айтылды."
    first = bannedorgs.annotate(text, on="2020-01-01")
    assert first.text.count("*") == 2  # one marker, one footnote
    every = bannedorgs.annotate(text, on="2020-01-01", mentions="all")
    assert every.text.startswith("ИГИЛ-ге* қосылғандар сотталды. ИГИЛ* содырлары")


def test_marker_styles() -> None:
    text = "Al-Qaeda and the Muslim Brotherhood were named."
    numbered = bannedorgs.annotate(text, on="2010-01-01", marker="numbered").text
    assert numbered.startswith("Al-Qaeda* and the Muslim Brotherhood** were named.")
    assert "\n\n**The Muslim Brotherhood" in numbered
    sup = bannedorgs.annotate(text, on="2010-01-01", marker="superscript").text
    assert sup.startswith("Al-Qaeda¹ and the Muslim Brotherhood² were named.")
    custom = bannedorgs.annotate(text, on="2010-01-01", marker=lambda i, org: f"[{org.id}]").text
    assert custom.startswith("Al-Qaeda[al-qaeda] and")


def test_no_footnotes_option() -> None:
    result = bannedorgs.annotate("Hizb ut-Tahrir met.", on="2010-01-01", footnotes=False)
    assert result.text == "Hizb ut-Tahrir* met."
    assert result.footnotes == ()


def test_dates_decide_what_is_a_mention() -> None:
    text = "Талибан и ИГИЛ упомянуты в докладе."
    assert [m.org.id for m in bannedorgs.find(text, on="2014-01-01")] == ["taliban"]
    assert [m.org.id for m in bannedorgs.find(text, on="2016-01-01")] == ["taliban", "islamic-state"]
    assert [m.org.id for m in bannedorgs.find(text, on="2025-01-01")] == ["islamic-state"]


def test_already_marked_mentions_are_not_marked_again() -> None:
    for text in ("«Ислам мемлекеті» * ұйымы", "«Ислам мемлекеті»* ұйымы", "Islamic State* fighters", "ИГ¹ и ИГИЛ"):
        result = bannedorgs.annotate(text, on="2020-01-01", footnotes=False)
        assert result.text == text


def test_existing_footnote_block_is_recognised() -> None:
    text = "Hizb ut-Tahrir* was named.\n\n*Hizb ut-Tahrir is banned in Kazakhstan.\n"
    assert bannedorgs.annotate(text, on="2010-01-01").text == text


def test_footnote_language_follows_the_text_or_the_option() -> None:
    ru = bannedorgs.annotate("Суд запретил «Хизб ут-Тахрир».", on="2010-01-01")
    assert ru.lang == "ru" and "Организация «Хизб ут-Тахрир»" in ru.text
    en = bannedorgs.annotate("Суд запретил «Хизб ут-Тахрир».", on="2010-01-01", lang="en")
    assert "has been banned in Kazakhstan" in en.text
    with pytest.raises(ValueError, match="'de'"):
        bannedorgs.annotate("x", lang="de")


def test_detect_language() -> None:
    assert detect_language("The court banned the group.") == "en"
    assert detect_language("Суд запретил организацию «Сенім.Білім.Өмір» и её филиалы в регионах.") == "ru"
    assert detect_language("Сот ұйымның қызметіне тыйым салды.") == "kk"
    assert detect_language("Запрещёнными признаны «Көше партиясы», «Қызыл ту» и РОО «Сенім.Білім.Өмір».") == "ru"
    assert detect_language("ДВК мен «Көше партиясы» экстремистік деп танылды.") == "kk"


def test_bad_options_are_errors() -> None:
    with pytest.raises(TypeError, match="colour"):
        bannedorgs.annotate("x", colour="red")
    with pytest.raises(ValueError, match="'sometimes'"):
        bannedorgs.annotate("x", mentions="sometimes")
    with pytest.raises(ValueError, match="'yesterday'"):
        bannedorgs.annotate("x", on="yesterday")
    with pytest.raises(TypeError):
        bannedorgs.annotate(b"bytes")  # type: ignore[arg-type]


def test_annotator_is_picklable_and_reusable(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01")
    before = annotator.annotate("The Red Banner Front marched.")
    clone = pickle.loads(pickle.dumps(annotator))
    after = clone.annotate("The Red Banner Front marched.")
    assert before.text == after.text
    assert before.text.startswith("The Red Banner Front* marched.")
    assert "since May 20, 2010" in before.text


def test_annotate_many_keeps_order(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01", footnotes=False)
    texts = [f"Text {i}: Red Banner." if i % 2 else f"Text {i}: nothing." for i in range(40)]
    serial = [a.text for a in annotator.annotate_many(texts, processes=1)]
    parallel = [a.text for a in annotator.annotate_many(texts, processes=2, chunksize=4)]
    assert serial == parallel
    assert serial[1] == "Text 1: Red Banner*."


# -- properties -----------------------------------------------------------------------------
WORDS = ["Hizb ut-Tahrir", "«Исламского государства»", "ИГИЛ-ге", "IS", "Талибан", " ", ", ", ". ", "\n\n",
         "суд", "court", "*", "»", "(", ")", "Аль-Каидой", "Islamic State (IS)", "<b>", "`", "ДВК"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS), max_size=30).map("".join)))
def test_insertions_only_idempotent_and_sorted(text: str) -> None:
    result = bannedorgs.annotate(text, on="2020-01-01")
    assert strip_insertions(result) == text
    assert bannedorgs.annotate(result.text, on="2020-01-01").text == result.text
    spans = [(m.start, m.end) for m in result.mentions]
    assert spans == sorted(spans)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface


# -- streams --------------------------------------------------------------------------------
def paragraphs(text: str) -> list[str]:
    """Split after each blank line, keeping every character."""
    parts = re.split(r"(?<=\n\n)", text)
    return [p for p in parts if p]


PARAGRAPH_WORDS = ["Hizb ut-Tahrir", "«Исламского государства»", "ИГИЛ-ге", "Талибан", " ", ", ", ". ",
                   "\n\n", "суд", "court", "»", "(", ")", "Аль-Каидой", "Islamic State (ISIS)", "ДВК"]  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPH_WORDS), max_size=40).map("".join))
def test_a_stream_of_paragraphs_gives_what_the_whole_text_gives(text: str) -> None:
    annotator = bannedorgs.Annotator()
    whole = annotator.annotate(text, on="2020-01-01", format="text").text
    streamed = "".join(annotator.annotate_stream(paragraphs(text), on="2020-01-01"))
    assert streamed == whole


def test_stream_of_the_example_article() -> None:
    source = (EXAMPLES / "article-ru.txt").read_text(encoding="utf-8")
    annotator = bannedorgs.Annotator()
    whole = annotator.annotate(source, on=ON).text
    assert "".join(annotator.annotate_stream(paragraphs(source), on=ON)) == whole
    assert list(annotator.annotate_stream([], on=ON)) == []


def test_existing_footnote_block_after_a_long_text() -> None:
    body = "Члены «Хизб ут-Тахрир» задержаны в Таразе. " + "Суд рассмотрел дело. " * 5000
    text = body + "\n\n*Организация «Хизб ут-Тахрир» запрещена в Казахстане.\n"
    result = bannedorgs.annotate(text, on="2020-01-01")
    assert [i.text for i in result.insertions] == ["*"]  # the marker only: the block is there
    assert bannedorgs.annotate(result.text, on="2020-01-01").text == result.text


def test_footnote_templates_from_an_extra_registry_file(tmp_path: Path) -> None:
    from bannedorgs.registry import load

    extra = tmp_path / "newsroom.yaml"
    extra.write_text(
        'footnotes:\n  en:\n    day_court: "{name} is banned in Kazakhstan ({since}; {court})."\n',
        encoding="utf-8",
    )
    reg = load(Path(__file__).parent / "fixtures" / "mini.yaml", extra=[extra])
    result = Annotator(reg).annotate("The Red Banner Front marched.", on="2015-01-01")
    assert result.footnotes[0].text.startswith("Red Banner is banned in Kazakhstan (since May 20, 2010; ")
    own = Annotator(reg, templates={"en": {"day_court": "{name}: banned."}}).annotate(
        "The Red Banner Front marched.", on="2015-01-01"
    )
    assert own.footnotes[0].text == "Red Banner: banned."


MARKER_PIECES = ["Name", " ", "  ", "\u00a0", "*", "\\*", "¹", "»", ")", "<sup>", "</b>", "[^1]", "x", ",", "\n", "†"]
MARKER_PIECES += ["[1]", "(*)", "\\[2\\]", "**"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(MARKER_PIECES), max_size=8),
    st.sampled_from(["text", "markdown", "html"]),
    st.sampled_from(["*", "superscript", "(*)", "[1]"]),
)
def test_the_marker_test_shortcuts_change_nothing(pieces: list[str], fmt: str, style: str) -> None:
    from bannedorgs import formats
    from bannedorgs.annotator import _marked_after, _marked_after_walk
    from bannedorgs.markers import Markers

    text = "Name" + "".join(pieces)
    view = formats.view(text, fmt)  # type: ignore[arg-type]
    markers = Markers.of(style, fmt)
    for end in range(len(text) + 1):
        fast, walk = _marked_after(text, view, end, markers), _marked_after_walk(text, view, end, markers)
        assert fast == walk, (text, fmt, end)


def test_annotate_many_in_processes_gives_whole_annotations() -> None:
    # results travel between processes without their Organisation objects; what arrives must
    # equal what annotate() gives in this process: text, mentions, footnotes, insertions
    annotator = Annotator(on="2022-01-01")
    texts = [
        "Суд запретил «Хизб ут-Тахрир» и движение Талибан.",
        "Nothing to see here.",
        "Сот «Ислам мемлекетінің» қызметіне тыйым салды.",
        "The Taliban* said so.\n\n*The Taliban has been banned in Kazakhstan.",
    ] * 6
    serial = [annotator.annotate(t) for t in texts]
    parallel = list(annotator.annotate_many(texts, processes=2, chunksize=3))
    assert parallel == serial
    assert {m.state for a in parallel for m in a.mentions} >= {bannedorgs.State.BANNED}
