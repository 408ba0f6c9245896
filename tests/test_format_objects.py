"""Tests of the format objects of bannedorgs.formats: one object per format, chosen once, that
the annotator asks instead of telling formats apart by name."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import bannedorgs
from bannedorgs import formats
from bannedorgs.formats.html import HTML
from bannedorgs.formats.markdown import Markdown
from bannedorgs.formats.office import OfficeHTML
from bannedorgs.formats.text import PlainText
from bannedorgs.language import declared_language

SRC = Path(bannedorgs.__file__).parent
NOTE = [("*", "Hizb ut-Tahrir is banned.")]
WORD_PAGE = (
    '<html><head><meta name=Generator content="Microsoft Word 15"></head><body>'
    "<div class=WordSection1><p class=MsoNormal><span lang=EN-US>Members of Hizb ut-Tahrir were held."
    "</span></p></div></body></html>"
)


def test_get_gives_one_object_per_format() -> None:
    for name, kind in (("text", PlainText), ("markdown", Markdown), ("html", HTML)):
        fmt = formats.get(name)
        assert type(fmt) is kind
        assert fmt.name == name
        assert formats.get(name) is fmt  # chosen once, the same object every time


def test_get_refuses_an_unknown_name() -> None:
    with pytest.raises(ValueError, match=r"unknown format 'docx'; expected one of text, markdown, html"):
        formats.get("docx")


def test_choose_detects_or_takes_the_named_format() -> None:
    assert formats.choose("auto", "Members of Hizb ut-Tahrir met.") is formats.get("text")
    assert formats.choose("auto", "# Title\n\nText.") is formats.get("markdown")
    assert formats.choose("auto", "<p>One.</p><p>Two.</p>") is formats.get("html")
    assert formats.choose("auto", WORD_PAGE) is formats.get("html")  # an export is HTML
    assert formats.choose("text", WORD_PAGE) is formats.get("text")  # a forced format is kept
    with pytest.raises(ValueError, match=r"format 'docx' is not one of auto, text, markdown, html"):
        formats.choose("docx", "x")


def test_markers_are_written_by_the_format() -> None:
    assert formats.get("text").marker_text("*") == "*"
    assert formats.get("markdown").marker_text("*_") == "\\*\\_"
    assert formats.get("html").marker_text("*<", superscript_html=True) == "<sup>*&lt;</sup>"
    assert formats.get("text").marker_text("*", superscript_html=True) == "*"  # an HTML option
    assert formats.get("markdown").reference_marker("hizb", markdown_footnotes=True) == "[^hizb]"
    assert formats.get("markdown").reference_marker("hizb") is None
    assert formats.get("html").reference_marker("hizb", markdown_footnotes=True) is None


def test_footnotes_insertion_keeps_the_line_endings() -> None:
    text = "Members of Hizb ut-Tahrir* met.\r\nAgain.\r\n"
    assert formats.get("text").footnotes_insertion(text, NOTE) == (39, "\r\n\r\n*Hizb ut-Tahrir is banned.")
    page = "<body>\r\n<p>Hizb ut-Tahrir* met.</p>\r\n</body>"
    offset, inserted = formats.get("html").footnotes_insertion(page, NOTE)
    assert page[offset:] == "</body>"
    assert inserted == '\r\n<p class="bannedorgs-footnote">*Hizb ut-Tahrir is banned.</p>'


def test_markdown_footnotes_insertion_writes_definitions() -> None:
    text = "Members of Hizb ut-Tahrir[^hizb] met.\n"
    fmt = formats.get("markdown")
    assert fmt.footnotes_insertion(text, [("[^hizb]", "Banned.")], markdown_footnotes=True) == (
        37,
        "\n\n[^hizb]: Banned.",
    )
    assert fmt.footnotes_insertion(text, NOTE) == (37, "\n\n\\*Hizb ut-Tahrir is banned.")


def test_office_export_puts_footnotes_in_its_own_paragraphs_unless_told_where() -> None:
    html = formats.get("html")
    expected = (
        WORD_PAGE.index("</div>"),
        "\n<p class=MsoNormal><span lang=EN-US>*Hizb ut-Tahrir is banned.</span></p>",
    )
    assert html.footnotes_insertion(WORD_PAGE, NOTE) == expected  # handed to the variant
    office = OfficeHTML()
    assert office.name == "html"
    assert office.footnotes_insertion(WORD_PAGE, NOTE) == expected
    page = WORD_PAGE.replace("<div class=WordSection1>", '<div class=WordSection1 id="notes">')
    for fmt in (html, office):
        offset, inserted = fmt.footnotes_insertion(page, NOTE, into="notes")
        assert page[offset:] == "</div></body></html>"
        assert inserted == '\n<p class="bannedorgs-footnote">*Hizb ut-Tahrir is banned.</p>'  # not in its style
    bare = "<html><head><meta name=Generator content='Microsoft Word 15'></head><body>Hizb ut-Tahrir*</body></html>"
    assert office.footnotes_insertion(bare, NOTE) == (  # no paragraph to model them on: as in any HTML
        bare.index("</body>"),
        '\n<p class="bannedorgs-footnote">*Hizb ut-Tahrir is banned.</p>',
    )


def test_only_html_takes_into() -> None:
    for name in ("text", "markdown"):
        with pytest.raises(ValueError, match=f"into='notes' only applies to HTML, not to {name}"):
            formats.get(name).footnotes_insertion("Text.", NOTE, into="notes")


def test_declared_language_is_the_tag_as_written() -> None:
    page = '<html lang="en"><body><article lang="ru-RU"><p>Суд запретил организацию.</p></article></body></html>'
    html = formats.get("html")
    assert html.declared_language(page, html.view(page)) == "ru-RU"
    assert declared_language(page, html, html.view(page)) == "ru"  # read by language.py
    assert declared_language(page, "html", html.view(page)) == "ru"  # or by name
    front = "---\ntitle: x\nlanguage: kk_Latn\n---\nText."
    assert formats.get("markdown").declared_language(front, front) == "kk_Latn"
    assert formats.get("text").declared_language(front, front) is None


def test_plain_text_block_is_sought_in_the_tail_only() -> None:
    body = ("Hizb ut-Tahrir met. " * 50 + "\n\n") * 80  # over 64 KiB
    text = body + "*Hizb ut-Tahrir is banned."
    plain = formats.get("text")
    assert plain.block_start(text) == plain.existing_block_start(text) == len(body)
    no_blank_line = "x" * 70000 + "\n*Hizb ut-Tahrir is banned."
    assert plain.block_start(no_blank_line) == len(no_blank_line)  # no blank line in the tail


def test_annotator_and_language_never_switch_on_a_format_name() -> None:
    names = set(formats.FORMATS)
    for module in ("annotator.py", "language.py"):
        tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                compared = [node.left, *node.comparators]
                literals = {c.value for c in compared if isinstance(c, ast.Constant)}
                assert not literals & names, f"{module}:{node.lineno} compares with a format name"


def test_plain_text_imports_neither_markdown_nor_html() -> None:
    code = (
        "import sys, bannedorgs; bannedorgs.annotate('Members of Hizb ut-Tahrir met.', on='2024-01-10'); "
        "print(sorted(m for m in sys.modules if m.startswith('bannedorgs.formats.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['bannedorgs.formats.text']"
