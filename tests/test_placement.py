"""Where markers and footnotes go in HTML and Markdown: never inside code, never above the
mention, never twice; a second run accepts the first run's output."""

from __future__ import annotations

import pytest

import bannedorgs
from bannedorgs import formats
from bannedorgs.annotator import default_annotator

ON = "2024-01-10"
NOTE = '<p class="bannedorgs-footnote">'


def twice(doc: str, **options: object) -> str:
    first = bannedorgs.annotate(doc, on=ON, **options)
    assert bannedorgs.annotate(first.text, on=ON, **options).text == first.text
    assert default_annotator().check(first.text, on=ON, **options) == []  # type: ignore[arg-type]
    return first.text


@pytest.mark.parametrize("marker", ["*", "numbered", "superscript"])
def test_content_after_body_and_html_puts_the_block_at_the_end(marker: str) -> None:
    for doc in (
        "<html><body><p>Hizb ut-Tahrir met.</p></body></html>\n<p>Daesh claimed it.</p>",
        "<html><body><p>Hizb ut-Tahrir met.</p></body>\n<p>Daesh claimed it.</p></html>",
    ):
        out = twice(doc, marker=marker, format="html")
        assert out.index(NOTE) > out.index("claimed it.</p>")
        assert out.count(NOTE) == 2


@pytest.mark.parametrize(
    ("ending", "closers"),
    [("<pre>code here", "</pre>"), ("<code>x = 1", "</code>"), ("<svg><text>x</text>", "</svg>"),
     ("<pre><code>y\n", "</code></pre>")],
)  # fmt: skip
def test_code_left_open_at_the_end_is_closed_before_the_block(ending: str, closers: str) -> None:
    doc = "<p>Hizb ut-Tahrir met.</p>" + ending
    out = twice(doc, format="html")
    end = out.index(ending.rstrip()) + len(ending.rstrip())
    assert out[end:].startswith(closers + "\n" + NOTE)
    assert formats.view(out, "html").count("Hizb ut-Tahrir") == 2  # the footnote is prose


@pytest.mark.parametrize("ending", ["<script>", "<script>var a = 1;"])
def test_a_script_left_open_gets_the_block_before_it_once(ending: str) -> None:
    doc = "<p>Hizb ut-Tahrir met.</p>\n" + ending
    with pytest.warns(bannedorgs.UnclosedMarkupWarning):
        first = bannedorgs.annotate(doc, on=ON, format="html")
    assert first.text.endswith("</p>\n" + ending)
    with pytest.warns(bannedorgs.UnclosedMarkupWarning):
        assert bannedorgs.annotate(first.text, on=ON, format="html").text == first.text


def test_a_backtick_after_a_name_is_not_crossed_by_the_marker() -> None:
    out = twice("Members of Hizb ut-Tahrir`s group and `code`.\n", format="markdown")
    assert out.startswith("Members of Hizb ut-Tahrir\\*`s group")


@pytest.mark.parametrize(("opening", "closing"), [("„", "‟"), ("「", "」"), ("『", "』"), ("«", "»")])
def test_the_marker_goes_after_closing_quotes(opening: str, closing: str) -> None:
    out = twice(f"Members of {opening}Hizb ut-Tahrir{closing} were here.", format="text")
    assert out.startswith(f"Members of {opening}Hizb ut-Tahrir{closing}* were")


def test_strong_emphasis_around_a_name() -> None:
    out = twice("Members of ***Hizb ut-Tahrir*** and **Daesh** were here.\n", format="markdown", marker="numbered")
    assert out.startswith("Members of ***Hizb ut-Tahrir\\**** and **Daesh\\*\\*** were here.")


def test_numbered_markers_keep_a_plain_text_plain() -> None:
    doc = "Hizb ut-Tahrir and Daesh: al-Qaeda, too."
    out = twice(doc, marker="numbered")
    assert out.startswith("Hizb ut-Tahrir* and Daesh**: al-Qaeda***, too.")
    assert formats.detect(out) == "text"
    assert formats.detect("a **bold** b") == formats.detect("foo**bar** b") == "markdown"


def test_a_marker_in_a_link_text_keeps_the_text_markdown() -> None:
    doc = "[Hizb ut-Tahrir](https://example.com/a)."
    out = twice(doc, marker=lambda i, org: f"[{i + 1}]")
    assert out.startswith("[Hizb ut-Tahrir\\[1\\]](https://example.com/a).")
    assert formats.detect(out) == "markdown"


@pytest.mark.parametrize("marker", ["*", "superscript", "[1]"])
def test_a_backtick_run_after_a_name_is_never_split(marker: str) -> None:
    out = twice("Members of Daesh```` and more.\n", format="markdown", marker=marker)
    assert "Daesh````" not in out  # marked
    assert "````" in out  # the run of backticks is whole
    found = bannedorgs.find("Members of Daesh` said.", on=ON)
    assert [m.surface for m in found] == ["Daesh"]


@pytest.mark.parametrize("marker", ["[*]", "numbered"])
def test_html_stays_html_once_it_has_footnotes(marker: str) -> None:
    doc = "Members of Hizb ut-Tahrir(*) met <b>here</b>, said ***Daesh</b>.</p>"
    first = bannedorgs.annotate(doc, on=ON, marker=marker)
    assert first.format == "html"
    assert formats.detect(first.text) == "html"
    assert bannedorgs.annotate(first.text, on=ON, marker=marker).text == first.text


@pytest.mark.parametrize(
    "doc", ["Hizb ut-Tahrir(*) met.", "«Hizb ut-Tahrir»(*) met.", "Hizb ut-Tahrir[see](http://x) met."]
)
def test_a_bracketed_marker_before_a_bracket_is_no_markdown_link(doc: str) -> None:
    out = twice(doc, marker=lambda i, org: f"[{i + 1}]")
    assert formats.detect(out) == "text"
    assert "[1]" in out


def test_closers_put_before_a_block_do_not_hide_a_footnote_written_by_hand() -> None:
    # the last paragraph reads as a footnote; the block added after it (with </pre> before it)
    # must not turn it back into body text on the next run
    doc = "<p>Daesh claimed it.</p><pre>x = 1</body><p>*Hizb ut-Tahrir is banned.</p>"
    out = twice(doc, format="html")
    assert out.count("Hizb ut-Tahrir") == 1  # no footnote added for it: it has one
    assert "</pre>\n" + NOTE in out


def test_an_invisible_character_and_a_backtick_after_a_name() -> None:
    out = twice("Hizb ut-Tahrir\ufeff``` and more.\n", format="text", marker="superscript")
    assert out.startswith("Hizb ut-Tahrir¹\ufeff```")
