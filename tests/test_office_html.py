"""HTML as office programs export it: Google Docs "Download → Web page" and Word "Save as
Web Page", with their style-heavy heads and span soup."""

from __future__ import annotations

import re

import pytest

import bannedorgs
from bannedorgs.formats.office import is_office_export

ON = "2024-01-10"

# Google Docs: every run a <span class="cN">, the styles in a long head, the body a class.
GOOGLE_STYLE = (
    "@import url(https://themes.googleusercontent.com/fonts/css?kit=fpjTOVmNbO4Lz34iLyptLUXza5VhXFlb5w);"
    "ol{margin:0;padding:0}table td,table th{padding:0}"
    ".c1{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;font-size:11pt;"
    'font-family:"Arial";font-style:normal}'
    ".c2{padding-top:0pt;padding-bottom:0pt;line-height:1.15;orphans:2;widows:2;text-align:left;height:11pt}"
    ".c3{background-color:#ffffff;max-width:468pt;padding:72pt 72pt 72pt 72pt}.c4{font-weight:700}"
    ".c5{height:11pt}.title{padding-top:0pt;color:#000000;font-size:26pt;padding-bottom:3pt;"
    'font-family:"Arial";line-height:1.15;page-break-after:avoid;orphans:2;widows:2;text-align:left}'
) * 8  # a real head runs to several kilobytes of CSS before the first word of prose


def google_docs(*paragraphs: str) -> str:
    body = "".join(f'<p class="c2">{p}</p>' for p in paragraphs)
    return (
        '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
        f'<style type="text/css">{GOOGLE_STYLE}</style></head>'
        f'<body class="c3 doc-content">{body}<p class="c2 c5"><span class="c1"></span></p></body></html>'
    )


def word_export(*paragraphs: str, lang: str = "EN-US") -> str:
    body = "\n".join(f"<p class=MsoNormal>{p}<o:p></o:p></p>" for p in paragraphs)
    return f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml>
 <o:DocumentProperties><o:Author>Desk</o:Author></o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;mso-style-qformat:yes;margin-top:0cm;margin-bottom:8.0pt;
	font-size:11.0pt;font-family:"Calibri",sans-serif;mso-ansi-language:{lang};}}
-->
</style>
</head>
<body lang={lang[:2]} style='tab-interval:35.4pt;word-wrap:break-word'>
<div class=WordSection1>
{body}
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
</div>
</body>
</html>
"""


def span(text: str, style: str = "mso-ansi-language:EN-US") -> str:
    return f"<span lang=EN-US style='{style}'>{text}</span>"


GOOGLE_EN = google_docs(
    '<span class="c1">Members of Hizb </span><span class="c1 c4">ut-</span>'
    '<span class="c1">Tahrir were detained in Almaty, the police said.</span>',
    '<span class="c1">The group denies the charges.</span>',
)
WORD_EN = word_export(
    span("Members of Hizb ") + "<b>" + span("ut-") + "</b><span class=SpellE>" + span("Tahrir") + "</span>"
    + span(" were detained in Almaty, the police said."),
    span("The group denies the charges."),
)  # fmt: skip


def test_the_exports_are_recognised() -> None:
    assert is_office_export(GOOGLE_EN)
    assert is_office_export(WORD_EN)
    assert is_office_export(GOOGLE_EN.replace("c3 doc-content", "c3"))  # exports before the doc-content class
    assert not is_office_export("<html><body><p>Members of Hizb ut-Tahrir</p></body></html>")
    assert not is_office_export('<html><body class="article"><p>Members of Hizb ut-Tahrir</p></body></html>')


@pytest.mark.parametrize("page", [GOOGLE_EN, WORD_EN], ids=["google-docs", "word"])
def test_names_are_found_through_the_span_soup(page: str) -> None:
    [mention] = bannedorgs.find(page, on=ON)
    assert mention.org.id == "hizb-ut-tahrir"
    assert re.sub(r"<[^>]*>", "", mention.surface) == "Hizb ut-Tahrir"


def test_google_docs_footnote_is_a_paragraph_of_the_document() -> None:
    result = bannedorgs.annotate(GOOGLE_EN, on=ON)
    out = result.text
    # the marker sits right after the name, inside the name's own span
    assert '<span class="c1">Tahrir* were detained' in out
    # the footnote: after the last paragraph, inside <body>, with the paragraph's and the span's classes
    note = (
        '<p class="c2"><span class="c1">*Hizb ut-Tahrir has been banned in Kazakhstan as an extremist '
        "organisation since March 28, 2005, following a judgment by the Astana City Court.</span></p>"
    )
    assert out == GOOGLE_EN.replace("Tahrir were", "Tahrir* were").replace("</body>", f"\n{note}</body>")
    assert bannedorgs.annotate(out, on=ON).text == out
    assert bannedorgs.Annotator().check(out, on=ON) == []


def test_word_export_footnote_stays_in_the_word_section() -> None:
    result = bannedorgs.annotate(WORD_EN, on=ON)
    out = result.text
    assert "<span lang=EN-US style='mso-ansi-language:EN-US'>Tahrir*</span></span>" in out
    note = (
        "<p class=MsoNormal><span lang=EN-US style='mso-ansi-language:EN-US'>*Hizb ut-Tahrir has been banned in "
        "Kazakhstan as an extremist organisation since March 28, 2005, following a judgment by the Astana City "
        "Court.</span></p>"
    )
    assert out.index(note) > out.index("<o:p>&nbsp;</o:p></p>")  # after the last paragraph …
    assert out.index(note) < out.index("</div>")  # … inside the section, not after it
    assert out.replace("\n" + note, "").replace("Tahrir*", "Tahrir") == WORD_EN
    assert bannedorgs.annotate(out, on=ON).text == out
    assert bannedorgs.Annotator().check(out, on=ON) == []


GOOGLE_RU = google_docs(
    '<span class="c1">Члены «Хизб </span><span class="c1 c4">ут-</span>'
    '<span class="c1">Тахрир» задержаны в Таразе, сообщили в суде.</span>',
    '<span class="c1">Организация действовала в нескольких городах области.</span>',
)


def test_russian_google_docs_export_gets_russian_footnotes() -> None:
    out = bannedorgs.annotate(GOOGLE_RU, on=ON).text
    assert '<span class="c1">Тахрир»* задержаны' in out
    assert '<p class="c2"><span class="c1">*Организация «Хизб ут-Тахрир» признана экстремистской' in out


def test_russian_google_docs_export_with_the_language_named() -> None:
    out = bannedorgs.annotate(GOOGLE_RU, on=ON, lang="ru").text
    assert '<span class="c1">Тахрир»* задержаны' in out  # after the closing quote, in the same span
    note = '<p class="c2"><span class="c1">*Организация «Хизб ут-Тахрир» признана экстремистской'
    assert out.index(note) < out.index("</body>")
    assert bannedorgs.annotate(out, on=ON, lang="ru").text == out


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<html xmlns:w="urn:schemas-microsoft-com:office:word">', True),
        ("<html XMLNS:W='URN:SCHEMAS-MICROSOFT-COM:OFFICE:WORD'>", True),
        ("<html Xmlns:W=urn:schemas-microsoft-com:office:word>", True),
        ('<html xmlns:o="urn:schemas-microsoft-com:office:office">', False),
        ("<p>x:w= y</p>", False),
    ],
)
def test_the_word_namespace_in_any_case(head: str, expected: bool) -> None:
    assert is_office_export(head + "<body><p>Hizb ut-Tahrir.</p></body></html>") is expected
