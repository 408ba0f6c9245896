"""Footnotes in the document's language: declared, else that of its prose (not its markup)."""

from __future__ import annotations

import pytest

import bannedorgs
from bannedorgs.language import language_tag

ON = "2024-01-10"
RU_BODY = "Суд Астаны признал членов «Хизб ут-Тахрир» виновными."
HEAD = (
    '<head><meta charset="utf-8"><meta name="description" content="A story about the court decision">'
    "<title>Report on the case</title><style>body { font-family: Arial, sans-serif; margin: 0 auto; }"
    " p.MsoNormal { margin: 0; line-height: 1.5; } .footer { color: #666 }</style></head>"
)


def test_russian_article_in_a_styled_html_page_gets_russian_footnotes() -> None:
    page = f"<!DOCTYPE html><html>{HEAD}<body><p class=MsoNormal>{RU_BODY}</p></body></html>"
    result = bannedorgs.annotate(page, on=ON)
    assert (result.format, result.lang) == ("html", "ru")
    assert "признана экстремистской" in result.footnotes[0].text


def test_russian_markdown_with_front_matter_and_links_gets_russian_footnotes() -> None:
    md = (
        "---\ntitle: The court case report for today\nauthor: Editorial desk of the English edition\n---\n"
        "Суд признал членов [«Хизб ут-Тахрир»](https://example.com/hizb-ut-tahrir-english-page-about-it) "
        "виновными.\n"
    )
    result = bannedorgs.annotate(md, on=ON)
    assert (result.format, result.lang) == ("markdown", "ru")


@pytest.mark.parametrize(
    ("doc", "lang"),
    [
        ('<html lang="kk"><body><p>Hizb ut-Tahrir was banned.</p></body></html>', "kk"),
        ('<html lang="en"><body><article lang="ru-RU"><p>Hizb ut-Tahrir was banned.</p></article></body></html>', "ru"),
        ('<html lang="de"><body><p>Суд запретил «Хизб ут-Тахрир» в городе.</p></body></html>', "ru"),
        ("---\nlang: kk-KZ\n---\nHizb ut-Tahrir was banned.\n", "kk"),
        ("---\nlang: kk-Latn\n---\nHizb ut-Tahrir was banned.\n", "kk-Latn"),
        ("---\nlang: de\n---\nHizb ut-Tahrir was banned.\n", "en"),
    ],
)
def test_declared_language_wins_and_unknown_falls_back(doc: str, lang: str) -> None:
    assert bannedorgs.annotate(doc, on=ON).lang == lang


def test_lang_option_accepts_region_forms_and_names_a_bad_value() -> None:
    assert bannedorgs.annotate("Hizb ut-Tahrir.", on=ON, lang="ru-RU").lang == "ru"
    with pytest.raises(ValueError, match="'de'"):
        bannedorgs.annotate("Hizb ut-Tahrir.", on=ON, lang="de")


def test_language_tags() -> None:
    tags = ("ru-RU", "KK-kz", "kk-Latn", "kk_latn_KZ", "kk-Cyrl", "en_GB", "fr", "", "-")
    assert [language_tag(t) for t in tags] == [
        "ru", "kk", "kk-Latn", "kk-Latn", "kk", "en", None, None, None,
    ]  # fmt: skip
