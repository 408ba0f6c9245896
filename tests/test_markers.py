"""Every marker style is read back: a second run changes nothing and check passes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import bannedorgs
from bannedorgs.annotator import default_annotator
from bannedorgs.markers import Markers

ON = "2024-01-10"
TEXT = "Members of Hizb ut-Tahrir were detained. Daesh claimed it."
STYLES: list[Any] = ["*", "superscript", "numbered", "†", "‡", "¹", "[*]", "(*)", lambda i, org: f"[{i + 1}]"]
FORMATS = ["text", "markdown", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", STYLES)
def test_every_style_is_read_back(style: str | Callable[..., str], fmt: str) -> None:
    first = bannedorgs.annotate(TEXT, on=ON, marker=style, format=fmt)
    assert len(first.footnotes) == 2
    again = bannedorgs.annotate(first.text, on=ON, marker=style, format=fmt)
    assert again.text == first.text
    body = [m for m in again.mentions if m.start < first.text.index("claimed")]
    assert len(body) == 2
    assert all(m.marked for m in body)
    assert default_annotator().check(first.text, on=ON, format=fmt, marker=style) == []


def test_superscript_footnote_is_read_as_the_name() -> None:
    # ¹ is a digit to Python, so "¹Hizb" was one word and the footnote was not seen
    text = "Members of Hizb ut-Tahrir¹ were detained.\n\n¹Hizb ut-Tahrir has been banned."
    found = bannedorgs.find(text, on=ON)
    assert [(m.start, m.surface) for m in found] == [(11, "Hizb ut-Tahrir"), (44, "Hizb ut-Tahrir")]
    assert bannedorgs.annotate(text, on=ON, marker="superscript").text == text


@pytest.mark.parametrize("style", ["", " ", "\u00a0\t"])
def test_a_blank_marker_is_an_error_naming_it(style: str) -> None:
    with pytest.raises(ValueError, match=repr(style).replace("\\", "\\\\")):
        bannedorgs.annotate(TEXT, on=ON, marker=style)


def test_a_callable_returning_blank_is_an_error() -> None:
    with pytest.raises(ValueError, match="returned ''"):
        bannedorgs.annotate(TEXT, on=ON, marker=lambda i, org: "")


def test_marker_patterns_generalise_numbers() -> None:
    m = Markers.of("[1]", "markdown")
    assert m.after.match("\\[17\\] more")
    assert not m.after.match("[17] more")  # in Markdown the library writes it escaped
    assert Markers.of("superscript", "text").after.match("¹²")


def test_check_without_the_style_reports_an_unknown_marker() -> None:
    out = bannedorgs.annotate(TEXT, on=ON, marker="[*]", format="text").text
    issues = default_annotator().check(out, on=ON, format="text")
    assert {i.kind for i in issues} == {"unmarked"}
    assert default_annotator().check(out, on=ON, format="text", marker="[*]") == []


@pytest.mark.parametrize(
    ("doc", "fmt"),
    [
        ("# Hizb ut-Tahrir on trial\n\nMembers of Hizb ut-Tahrir were detained.\n", "markdown"),
        ("Hizb ut-Tahrir on trial\n===\n\nMembers of Hizb ut-Tahrir were detained.\n", "markdown"),
        ("Hizb ut-Tahrir on trial\n---\n\nMembers of **Hizb ut-Tahrir** were detained.\n", "markdown"),
        ("<h1>Hizb ut-<b>Tahrir</b> on trial</h1><p>Members of Hizb ut-Tahrir were detained.</p>", "html"),
    ],
)
def test_headings_can_stay_unmarked(doc: str, fmt: str) -> None:
    result = bannedorgs.annotate(doc, on=ON, format=fmt, headings=False)
    heading_end = doc.index("Members")
    assert result.text[:heading_end] == doc[:heading_end]
    assert heading_end < result.insertions[0].offset <= doc.index(" were")
    assert default_annotator().check(result.text, on=ON, format=fmt, headings=False) == []
    # by default the heading's mention is the first and is marked
    assert bannedorgs.annotate(doc, on=ON, format=fmt).insertions[0].offset < heading_end


def test_a_callable_that_knows_only_some_organisations_still_works() -> None:
    labels = {"hizb-ut-tahrir": "(a)", "islamic-state": "(b)"}
    out = bannedorgs.annotate(TEXT, on=ON, marker=lambda i, org: labels[org.id]).text
    assert out.startswith("Members of Hizb ut-Tahrir(a) were detained. Daesh(b) claimed it.")
    assert bannedorgs.annotate(out, on=ON, marker=lambda i, org: labels[org.id]).text == out


@pytest.mark.parametrize("style", ["*", "superscript", "numbered", "†", "[*]", "(*)", lambda i, org: f"[{i + 1}]"])
def test_the_module_level_check_takes_the_marker_style(style: Any) -> None:
    text = "Члены «Хизб ут-Тахрир» и ИГИЛ задержаны."
    marked = bannedorgs.annotate(text, on="2024-01-10", marker=style).text
    assert marked != text
    assert bannedorgs.check(marked, on="2024-01-10", marker=style) == []
    assert [i.kind for i in bannedorgs.check(text, on="2024-01-10", marker=style)] == ["unmarked", "unmarked"]
