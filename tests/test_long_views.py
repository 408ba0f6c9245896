"""The pieces of the views and the marker mask that work in parts of a long text give what
painting or searching the whole text at once gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bannedorgs import formats
from bannedorgs.formats import html, markdown
from bannedorgs.markers import Markers, mask

# a few letters, line ends, a lone surrogate and a character beyond the BMP
_CHARS = st.sampled_from([*"ab \n\r*¹", "\ud800", "\U0001f600", "ж"])


_Paintings = list[tuple[str, int, int | str]]  # ("put", start, what), ("soft" or "hard", start, end)


def _painted(text: str, paintings: _Paintings) -> str:
    """The view painted character by character: the other paintings in order, HARD ones last."""
    chars = list(text)
    hard = []
    for kind, start, what in paintings:
        if kind == "hard":
            hard.append((start, what))
            continue
        piece = " " * (what - start) if kind == "soft" else what
        assert isinstance(piece, str)
        for k, ch in enumerate(piece):
            if start + k < len(chars):
                chars[start + k] = ch
    for start, end in hard:
        assert isinstance(end, int)
        for k in range(start, min(end, len(chars))):
            chars[k] = "\x00"
    return "".join(chars)


@st.composite
def _text_and_paintings(draw: st.DrawFn) -> tuple[str, _Paintings]:
    text = draw(st.text(_CHARS, max_size=60))
    n = len(text)
    paintings: _Paintings = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["put", "soft", "hard"]))
        start = draw(st.integers(0, max(0, n - 1)))
        if kind == "put" and start < n:  # what is put lies inside the text, as the view's passes put it
            paintings.append((kind, start, draw(st.text(_CHARS, min_size=1, max_size=n - start))))
        elif kind == "put":
            continue
        else:
            paintings.append((kind, start, draw(st.integers(start, n))))
    return text, paintings


@settings(max_examples=400, deadline=None)
@given(_text_and_paintings())
def test_the_markdown_canvas_paints_as_one_character_at_a_time(case: tuple[str, _Paintings]) -> None:
    text, paintings = case
    canvas = markdown._Canvas(text)
    for kind, start, what in paintings:
        if kind == "put":
            assert isinstance(what, str)
            canvas.put(start, what)
        elif kind == "soft":
            assert isinstance(what, int)
            canvas.soft(start, what)
        else:
            assert isinstance(what, int)
            canvas.hard(start, what)
    result = canvas.result()
    assert len(result) == len(text)
    assert result == _painted(text, paintings)


@settings(max_examples=300, deadline=None)
@given(st.text(_CHARS, max_size=80))
def test_lines_are_those_of_a_split(text: str) -> None:
    expected = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        expected.append((pos, end - 1 if line.endswith("\r") else end))
        pos = end + 1
    assert list(markdown._lines(text)) == expected


def _mask_at_once(view: str, markers: Markers) -> str:
    """The mask as one pass over the whole view."""
    out = list(view)
    for m in markers.wordy.finditer(view):
        i, j = m.span()
        if (i and view[i - 1].isalnum()) or (j < len(view) and view[j].isalnum()):
            out[i:j] = "\x00" * (j - i)
    return "".join(out)


def test_the_mask_finds_a_marker_in_any_window_of_a_long_view() -> None:
    markers = Markers.of("*", "text")
    filler = "Members met in the hall. " * 12000  # about 300,000 characters: several windows
    for at in (0, 65535, 65536, 100_000, len(filler)):
        view = filler[:at] + "¹Hizb ut-Tahrir a¹ b ¹ " + filler[at:]
        masked = mask(view, markers)
        assert masked == _mask_at_once(view, markers)
        assert masked.count("\x00") == 2  # ¹ before a letter and after one; not the one between spaces
    assert mask(filler, markers) is filler  # none: the view itself


def test_a_custom_marker_that_a_digit_starts_is_masked_in_a_later_window() -> None:
    markers = Markers.of("1)", "text")
    view = "x " * 70000 + "Taliban1) said"
    masked = mask(view, markers)
    assert masked == _mask_at_once(view, markers)
    assert masked.endswith("Taliban\x00\x00 said")


_HTML_PIECES = [
    "<p>",
    "</p>",
    "<p class='bannedorgs-footnote'>",
    "<div>",
    "</div>",
    "<h2>",
    "</h2>",
    "<sup>",
    "</sup>",
    "<!-- c -->",
    "<pre>",
    "</pre>",
    "</body>",
    "</html>",
    "<script>",
    "</script>",
    "*Hizb ut-Tahrir is banned.",
    "¹Taliban",
    "&sup1;Taliban",
    "† note",
    "Members met.",
    " ",
    "\n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=24), st.sampled_from(["", r"\[[0-9]+\]"]))
def test_html_view_and_block_start_in_one_pass_are_those_of_two(pieces: list[str], markers: str) -> None:
    text = "".join(pieces)
    assert html.view_and_block_start(text, markers) == (
        html.view(text),
        html.existing_block_start(text, markers=markers),
    )


def test_a_long_html_document_keeps_its_footnote_block_found_in_the_view_pass() -> None:
    body = "<p>Members of the group met.</p>\n" * 5000  # beyond the tokens kept for an article
    text = f"<html><body>{body}<p>¹Hizb ut-Tahrir is banned.</p>\n<p>*Taliban too.</p></body></html>"
    the_view, start = html.view_and_block_start(text)
    assert start == text.index("<p>¹Hizb") == html.existing_block_start(text)
    assert the_view == html.view(text)


_TEXT_PIECES = ["\n", "\n\n", " \n", "*Taliban is banned.", "¹Hizb ut-Tahrir", "* item", "Members met. " * 20]
_TEXT_PIECES.append("x" * 600)  # a paragraph longer than the tail read first


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=30))
def test_the_block_of_a_long_text_is_found_from_its_tail_as_from_its_start(pieces: list[str]) -> None:
    text = "".join(pieces)
    pattern = formats._text_note_pattern("")
    expected = formats._block_from(text, 0, pattern, None, None)[0]
    assert formats._paragraph_block_start(text, "", pattern, None) == expected
    assert formats.existing_block_start(text, "text") == expected
