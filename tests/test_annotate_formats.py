"""Annotation of HTML and Markdown: only prose changes."""

from __future__ import annotations

import bannedorgs
from test_annotate import strip_insertions

ON = "2020-01-01"

HTML = """<!DOCTYPE html>
<html><head><title>Хизб ут-Тахрир: суд</title>
<script>var org = "Хизб ут-Тахрир"; if (a < b) { track("Хизб ут-Тахрир"); }</script>
<style>.x::after { content: "Хизб ут-Тахрир"; }</style></head>
<body>
<p title="Хизб ут-Тахрир" data-org="Хизб ут-Тахрир">Суд запретил
<a href="https://example.org/Хизб ут-Тахрир">движение</a> &laquo;<b>Хизб</b> ут&#8209;Тахрир&raquo; в 2005 году.</p>
<!-- Хизб ут-Тахрир -->
<pre>Хизб ут-Тахрир</pre>
</body></html>
"""


def test_html_only_the_text_node_is_marked() -> None:
    result = bannedorgs.annotate(HTML, on=ON)
    assert result.format == "html"
    (mention,) = [m for m in result.mentions if m.start < HTML.index("<!--")]
    assert HTML[mention.start : mention.end] == "Хизб</b> ут&#8209;Тахрир"
    markers = [i for i in result.insertions if "<p" not in i.text]
    assert len(markers) == 1
    assert HTML[: markers[0].offset].endswith("&raquo;")  # after the closing quote
    # everything else is byte-identical: remove the two insertions and the input is back
    assert strip_insertions(result) == HTML
    footnote = next(i for i in result.insertions if "<p" in i.text)
    assert result.text.index(footnote.text) < result.text.index("</body>")
    assert 'class="bannedorgs-footnote"' in footnote.text
    assert bannedorgs.annotate(result.text, on=ON).text == result.text


def test_html_superscript_marker() -> None:
    result = bannedorgs.annotate("<p>Члены «Хизб ут-Тахрир» задержаны.</p>", on=ON, superscript_html=True)
    assert result.text.startswith("<p>Члены «Хизб ут-Тахрир»<sup>*</sup> задержаны.</p>")
    assert bannedorgs.annotate(result.text, on=ON, superscript_html=True).text == result.text


MARKDOWN = """---
title: Хизб ут-Тахрир
---
# Суд в Таразе

Суд запретил **«Хизб ут-Тахрир»**, пишет [агентство](https://example.org/Хизб-ут-Тахрир).

Код `Хизб ут-Тахрир` и блок:

```
Хизб ут-Тахрир
```
"""


def test_markdown_code_links_and_front_matter_untouched() -> None:
    result = bannedorgs.annotate(MARKDOWN, on=ON)
    assert result.format == "markdown"
    body = list(result.mentions)
    assert len(body) == 1
    assert MARKDOWN[body[0].start : body[0].end] == "Хизб ут-Тахрир"
    assert "**«Хизб ут-Тахрир»\\***" in result.text or "«Хизб ут-Тахрир»\\***" in result.text
    assert "`Хизб ут-Тахрир`" in result.text
    assert "(https://example.org/Хизб-ут-Тахрир)" in result.text
    assert result.text.rstrip().endswith("Астанинского городского суда.")
    assert "\n\\*Организация «Хизб ут-Тахрир»" in result.text
    assert bannedorgs.annotate(result.text, on=ON).text == result.text


def test_markdown_footnotes_option() -> None:
    text = "# Новости\n\nЧлены **«Хизб ут-Тахрир»** задержаны.\n"
    result = bannedorgs.annotate(text, on=ON, markdown_footnotes=True)
    assert "«Хизб ут-Тахрир»[^hizb-ut-tahrir]" in result.text
    assert "\n[^hizb-ut-tahrir]: Организация «Хизб ут-Тахрир»" in result.text
    assert bannedorgs.annotate(result.text, on=ON, markdown_footnotes=True).text == result.text


def test_crlf_text_keeps_its_line_endings() -> None:
    text = "Суд запретил «Хизб ут-Тахрир».\r\nДругие новости.\r\n"
    result = bannedorgs.annotate(text, on=ON)
    assert "\n" not in result.text.replace("\r\n", "")
    assert result.text.endswith("\r\n")
    assert bannedorgs.annotate(result.text, on=ON).text == result.text


def test_check_reports_and_passes() -> None:
    annotator = bannedorgs.Annotator()
    text = "Члены «Хизб ут-Тахрир» задержаны. Талибан* тоже упомянут."
    issues = annotator.check(text, on="2025-01-01")
    assert [(i.kind, i.mention.org.id) for i in issues] == [
        ("unmarked", "hizb-ut-tahrir"),
        ("marked-not-banned", "taliban"),
    ]
    fixed = annotator.annotate("Члены «Хизб ут-Тахрир» задержаны.", on="2025-01-01").text
    assert annotator.check(fixed, on="2025-01-01") == []
    no_note = annotator.check("Члены «Хизб ут-Тахрир»* задержаны.", on="2025-01-01")
    assert [i.kind for i in no_note] == ["no-footnote"]


def _tags(html: str) -> list[str]:
    from html.parser import HTMLParser

    seen: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            seen.append(tag)

        def handle_endtag(self, tag: str) -> None:
            seen.append("/" + tag)

    Collect().feed(html)
    return seen


def test_html_footnotes_into_an_element_and_well_formed_output() -> None:
    page = (
        '<html><body><article><p>Суд запретил «Хизб ут-Тахрир».</p></article><aside id="notes"></aside></body></html>'
    )
    result = bannedorgs.annotate(page, on=ON, superscript_html=True, footnote_into="notes")
    assert '<aside id="notes">\n<p class="bannedorgs-footnote">' in result.text
    assert result.text.endswith("</p></aside></body></html>")
    # the tags of the output are the input's, plus the <sup> and <p> that were inserted
    inserted = ["sup", "/sup", "p", "/p"]
    out = _tags(result.text)
    assert [t for t in out if t not in inserted] == [t for t in _tags(page) if t not in inserted]
    assert out.count("sup") == out.count("/sup") == 1
    assert out.count("p") == out.count("/p") == 2


def test_a_name_inside_a_web_address_is_left_alone_in_every_format() -> None:
    # a marker inside an address would break the link; the name in the prose is marked
    url = "https://rferl.org/a/kazakhstan-bans-hizb-ut-tahrir/24912890.html"
    texts = {
        "text": f"Source: {url} on Hizb ut-Tahrir.",
        "markdown": f"Source: [{url}]({url}) on Hizb ut-Tahrir.",
        "html": f'<p>Source: <a href="{url}">{url}</a> on Hizb ut-Tahrir.</p>',
    }
    for fmt, text in texts.items():
        result = bannedorgs.annotate(text, on=ON, format=fmt)
        assert [text[m.start : m.end] for m in result.mentions] == ["Hizb ut-Tahrir"], fmt
        assert result.text.count(url) == text.count(url), fmt
