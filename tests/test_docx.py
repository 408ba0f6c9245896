"""Word documents: built with python-docx as an editor's file would be, annotated in both
footnote styles, reopened and compared part by part with the input."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from bannedorgs.cli import main
from bannedorgs.docx import annotate_docx, check_docx, docx_text

ON = "2024-01-10"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HIZB_EN = (
    "Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since March 28, 2005, "
    "following a judgment by the Astana City Court."
)
EXISTING_NOTE = "Figures from the court record."
FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
    f"{EXISTING_NOTE}</w:t></w:r></w:p></w:footnote></w:footnotes>"
)


# a 1×1 PNG: an image part that must come out byte for byte
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5e"
    "ab3f0000000049454e44ae426082"
)


def _hyperlink(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _footnote_reference(paragraph: docx.text.paragraph.Paragraph) -> None:
    run = OxmlElement("w:r")
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    run.append(ref)
    paragraph._p.append(run)


def _article() -> bytes:
    """An editor's article: the names the issue lists, each in a place Word puts text."""
    document = docx.Document()
    p = document.add_paragraph("Members of Hizb ")
    p.add_run("ut-").bold = True
    p.add_run("Tahrir were detained in Almaty, the police said.")
    _footnote_reference(p)  # an editor's own footnote on the sentence
    p = document.add_paragraph("The court cited ")
    _hyperlink(p, "Islamic State", "https://example.org/is")
    p.add_run(" propaganda.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Group"
    table.cell(0, 1).text = "Muslim Brotherhood"
    document.add_picture(io.BytesIO(PIXEL))
    commented = document.add_paragraph("Officials declined to comment.")
    document.add_comment(commented.runs, text="Ask about Tablighi Jamaat too", author="Desk", initials="D")
    document.sections[0].header.paragraphs[0].text = "Special report: Yakyn Inkar"
    document.sections[0].footer.paragraphs[0].text = "Page footer about Hizb ut-Tahrir"
    note = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        FOOTNOTES_XML.encode(),
        document.part.package,
    )
    document.part.relate_to(note, RT.FOOTNOTES)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def article() -> bytes:
    return _article()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _paragraph_texts(xml: bytes) -> list[str]:
    """What Word shows, paragraph by paragraph: the w:t of live runs (not deleted text)."""
    root = etree.fromstring(xml)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _formatting(xml: bytes) -> list[list[tuple[str, str]]]:
    """Each paragraph as (character, its run's properties) pairs: the formatting a reader sees."""
    root = etree.fromstring(xml)
    result = []
    for p in root.iter(f"{W}p"):
        chars = []
        for t in p.iter(f"{W}t"):
            props = t.getparent().find(f"{W}rPr")
            key = etree.tostring(props).decode() if props is not None else ""
            chars += [(ch, key) for ch in t.text or ""]
        result.append(chars)
    return result


@pytest.mark.parametrize("style", ["word", "newsroom"])
def test_annotated_article_keeps_everything_but_the_additions(article: bytes, style: str) -> None:
    result = annotate_docx(article, on=ON, footnotes=style)
    before, after = _parts(article), _parts(result.data)
    edited = {"word/document.xml", "word/header1.xml"}
    if style == "word":
        edited |= {"word/footnotes.xml", "word/styles.xml"}
    # every part but the edited ones is byte for byte the input's (comments, footer, settings …)
    assert set(after) == set(before)
    assert {name for name in before if before[name] != after[name]} == edited
    assert after["word/media/image1.png"] == PIXEL
    # the document reopens
    reopened = docx.Document(io.BytesIO(result.data))
    assert reopened.sections[0].header.paragraphs[0].text.startswith("Special report: Yakyn Inkar")

    texts_before = _paragraph_texts(before["word/document.xml"])
    texts_after = _paragraph_texts(after["word/document.xml"])
    mark = "*" if style == "newsroom" else ""
    expected = list(texts_before)
    expected[0] = expected[0].replace("Hizb ut-Tahrir", f"Hizb ut-Tahrir{mark}")
    expected[1] = expected[1].replace("Islamic State", f"Islamic State{mark}")
    expected[3] = expected[3].replace("Muslim Brotherhood", f"Muslim Brotherhood{mark}")
    if style == "newsroom":
        notes = texts_after[len(expected) :]
        assert [n[:1] for n in notes] == ["*"] * 4
        assert notes[0] == "*" + HIZB_EN
        assert "Yakyn Inkar" in notes[3]  # only the header names it: explained in the body
        texts_after = texts_after[: len(expected)]
    else:
        root = etree.fromstring(after["word/document.xml"])
        refs = [r.get(f"{W}id") for r in root.iter(f"{W}footnoteReference")]
        assert refs == ["2", "1", "3", "4"]  # the new ones after each name; the editor's kept
        notes_xml = etree.fromstring(after["word/footnotes.xml"])
        by_id = {
            n.get(f"{W}id"): "".join(t.text or "" for t in n.iter(f"{W}t")).strip()
            for n in notes_xml.iter(f"{W}footnote")
        }
        assert by_id["1"] == EXISTING_NOTE
        assert by_id["2"] == HIZB_EN
        assert by_id["3"].startswith("The Islamic State has been banned")
        assert by_id["4"].startswith("The Muslim Brotherhood has been banned")
        # the reference follows the run that ends the name, in the hyperlink for a linked name
        tahrir = next(t for t in root.iter(f"{W}t") if t.text and t.text.startswith("Tahrir"))
        assert tahrir.text == "Tahrir"  # the run was split after the name …
        assert tahrir.getparent().getnext().find(f"{W}footnoteReference") is not None
        link = next(root.iter(f"{W}hyperlink"))
        assert [t.text for t in link.iter(f"{W}t")] == ["Islamic State"]
        assert link.find(f"{W}r/{W}footnoteReference") is not None
        # the header's name has no Word footnote to point to: a paragraph at the end explains it
        assert texts_after[-1].startswith("*Yakyn Inkar")
        texts_after = texts_after[:-1]
    assert texts_after == expected
    # no character changed its formatting: the output minus the markers is the input
    formatting_after = [
        [(ch, props) for ch, props in chars if not (ch == "*" and style == "newsroom")]
        for chars in _formatting(after["word/document.xml"])[: len(texts_before)]
    ]
    assert formatting_after == _formatting(before["word/document.xml"])
    bold = [props for ch, props in _formatting(after["word/document.xml"])[0] if ch in "ut-"]
    assert bold and all("<w:b/>" in props for props in bold[:3])
    # the header: its own name, marked there as text (Word has no footnotes in headers)
    assert _paragraph_texts(after["word/header1.xml"]) == ["Special report: Yakyn Inkar*"]
    # the comment names an organisation: it is neither marked nor explained
    assert b"Tablighi" not in after["word/document.xml"]
    assert "Tablighi" not in "".join(_paragraph_texts(after.get("word/footnotes.xml", b"<x/>")))


@pytest.mark.parametrize("style", ["word", "newsroom"])
def test_second_run_changes_nothing_and_check_passes(article: bytes, style: str, tmp_path: Path) -> None:
    first = annotate_docx(article, on=ON, footnotes=style)
    again = annotate_docx(first.data, on=ON, footnotes=style)
    assert again.data == first.data
    assert not again.changed
    other = "newsroom" if style == "word" else "word"
    assert annotate_docx(first.data, on=ON, footnotes=other).data == first.data  # either style's file is done
    assert check_docx(first.data, on=ON) == []
    path = tmp_path / "marked.docx"
    path.write_bytes(first.data)
    assert main(["check", "--on", ON, str(path)]) == 0


def test_check_reports_the_unmarked_names_with_their_place(article: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    issues = check_docx(article, on=ON)
    assert [(i.where, i.issue.mention.org.id) for i in issues] == [
        ("word/document.xml, paragraph 1", "hizb-ut-tahrir"),
        ("word/document.xml, paragraph 2", "islamic-state"),
        ("word/document.xml, paragraph 4", "muslim-brotherhood"),
        ("word/header1.xml, paragraph 1", "yakyn-inkar"),
    ]


def test_cli_writes_a_new_file_and_in_place(article: bytes, tmp_path: Path) -> None:
    source = tmp_path / "article.docx"
    source.write_bytes(article)
    target = tmp_path / "marked.docx"
    assert main(["annotate", "--on", ON, str(source), "-o", str(target)]) == 0
    assert source.read_bytes() == article
    assert target.read_bytes() == annotate_docx(article, on=ON).data
    assert main(["annotate", "--on", ON, "--footnote-style", "newsroom", "--in-place", str(source)]) == 0
    assert source.read_bytes() == annotate_docx(article, on=ON, footnotes="newsroom").data
    assert main(["check", "--on", ON, str(source)]) == 0


def test_names_in_deleted_text_and_field_codes_are_not_prose() -> None:
    document = docx.Document()
    p = document.add_paragraph("Before ")
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "Desk")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "Hizb ut-Tahrir"
    run.append(text)
    deleted.append(run)
    p._p.append(deleted)
    for kind, instr in (("begin", None), (None, ' HYPERLINK "https://x" \\o "Muslim Brotherhood" '), ("end", None)):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            code = OxmlElement("w:instrText")
            code.text = instr
            run.append(code)
        p._p.append(run)
    p.add_run(" after.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = annotate_docx(buffer.getvalue(), on=ON)
    assert result.mentions == ()
    assert not result.changed
    assert result.data == buffer.getvalue()
    assert docx_text(buffer.getvalue()) == "Before  after."


def test_russian_document_gets_russian_footnotes_and_superscript_markers() -> None:
    document = docx.Document()
    p = document.add_paragraph("Суд признал «")
    p.add_run("Хизб ут-Тахрир").italic = True
    p.add_run("» экстремистской организацией.")
    document.add_paragraph("Организация действовала в нескольких городах, сообщили в суде.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = annotate_docx(buffer.getvalue(), on=ON, footnotes="newsroom", marker="superscript", superscript=True)
    assert result.lang == "ru"
    texts = _paragraph_texts(_parts(result.data)["word/document.xml"])
    assert texts[0] == "Суд признал «Хизб ут-Тахрир»¹ экстремистской организацией."  # after the quote
    assert texts[-1].startswith("¹Организация «Хизб ут-Тахрир» признана экстремистской")
    root = etree.fromstring(_parts(result.data)["word/document.xml"])
    marker = next(t for t in root.iter(f"{W}t") if t.text == "¹").getparent()
    assert marker.find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"
    assert marker.find(f"{W}rPr/{W}i") is None  # the quote's run, not the name's, precedes it


def test_not_a_word_file_is_a_sentence() -> None:
    with pytest.raises(ValueError, match=r"not a Word document \(\.docx\)"):
        annotate_docx(b"PK\x03\x04 broken", on=ON)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)
@pytest.mark.parametrize("style", ["word", "newsroom"])
def test_libreoffice_opens_the_output(article: bytes, style: str, tmp_path: Path) -> None:
    """On demand: LibreOffice converts the annotated file to text; the footnotes are in it."""
    path = tmp_path / f"marked-{style}.docx"
    path.write_bytes(annotate_docx(article, on=ON, footnotes=style).data)
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "odt",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    odt = tmp_path / f"marked-{style}.odt"
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    assert "has been banned in Kazakhstan" in content
    if style == "word":
        assert len(re.findall(r"<text:note ", content)) == 4


def test_a_zip_that_unpacks_to_more_than_a_document_may_hold_is_refused(
    article: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    unpacked = sum(len(data) for data in _parts(article).values())
    monkeypatch.setattr("bannedorgs._documents._LARGEST", unpacked - 1)
    with pytest.raises(ValueError, match=rf"^the document would unpack to {unpacked} bytes, more than the"):
        annotate_docx(article, on=ON)


def _saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_text_box_is_read_once_and_a_tracked_insertion_keeps_its_marker() -> None:
    document = docx.Document()
    p = document.add_paragraph("Police said ")
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "7")
    inserted.set(qn("w:author"), "Desk")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "Muslim Brotherhood members"
    run.append(t)
    inserted.append(run)
    p._p.append(inserted)
    p.add_run(" were held.")
    # a text box as Word writes it: the modern drawing, and a VML copy for old readers
    box = document.add_paragraph()._p
    choice = etree.SubElement(
        etree.SubElement(
            etree.SubElement(box, qn("w:r")),
            "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
        ),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice",
        Requires="wps",
    )
    fallback = etree.SubElement(
        choice.getparent(), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    )
    for holder in (choice, fallback):
        content = etree.SubElement(holder, qn("w:txbxContent"))
        etree.SubElement(
            etree.SubElement(etree.SubElement(content, qn("w:p")), qn("w:r")), qn("w:t")
        ).text = "Sidebar: Yakyn Inkar"
    data = _saved(document)
    result = annotate_docx(data, on=ON, footnotes="newsroom")
    assert [m.surface for m in result.mentions] == ["Muslim Brotherhood", "Yakyn Inkar"]
    root = etree.fromstring(_parts(result.data)["word/document.xml"])
    ins = next(root.iter(qn("w:ins")))
    assert [t.text for t in ins.iter(qn("w:t"))] == ["Muslim Brotherhood", "*", " members"]
    texts = [t.text for t in root.iter(qn("w:t"))]
    assert texts.count("*") == 2  # the text box's name is marked once, in the copy Word shows
    fallback_text = [t.text for t in root.iter(qn("w:t")) if _in_fallback(t)]
    assert fallback_text == ["Sidebar: Yakyn Inkar"]
    assert annotate_docx(result.data, on=ON, footnotes="newsroom").data == result.data


def _in_fallback(element: etree._Element) -> bool:
    return any(a.tag.endswith("}Fallback") for a in element.iterancestors())


def test_every_mention_marked_in_word_style_gets_its_own_footnote() -> None:
    document = docx.Document()
    document.add_paragraph("Hizb ut-Tahrir was banned in 2005.")
    document.add_paragraph("Members of Hizb ut-Tahrir were detained, the court said.")
    result = annotate_docx(_saved(document), on=ON, mentions="all")
    parts = _parts(result.data)
    root = etree.fromstring(parts["word/document.xml"])
    assert [r.get(qn("w:id")) for r in root.iter(qn("w:footnoteReference"))] == ["1", "2"]
    assert [f.marker for f in result.footnotes] == ["1", "2"]
    assert annotate_docx(result.data, on=ON, mentions="all").data == result.data


def test_kazakh_document_gets_kazakh_word_footnotes() -> None:
    document = docx.Document()
    document.add_paragraph("Сот «Хизб ут-Тахрир» ұйымының мүшелерін Таразда ұстады, деп хабарлады сот.")
    result = annotate_docx(_saved(document), on=ON)
    assert result.lang == "kk"
    notes = _paragraph_texts(_parts(result.data)["word/footnotes.xml"])
    assert notes[-1].startswith(" «Хизб ут-Тахрир» ұйымы")


def test_cli_reads_a_word_file_from_standard_input_and_reports_json(
    article: bytes, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import json
    import sys

    class Stdin:
        buffer = io.BytesIO(article)

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert main(["annotate", "--on", ON, "--json"]) == 0
    record = json.loads(capsysbinary.readouterr().out)
    assert [m["org"] for m in record["mentions"]] == ["hizb-ut-tahrir", "islamic-state", "muslim-brotherhood"]
    assert [f["org"] for f in record["footnotes"]] == [
        "hizb-ut-tahrir",
        "islamic-state",
        "muslim-brotherhood",
        "yakyn-inkar",  # named by the header only
    ]


def test_cli_check_prints_the_part_and_paragraph(
    article: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.docx"
    path.write_bytes(article)
    assert main(["check", "--on", ON, str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0] == f'{path}: word/document.xml, paragraph 1: hizb-ut-tahrir: "Hizb ut-Tahrir" has no footnote marker'
    )
    assert lines[-1] == f'{path}: word/header1.xml, paragraph 1: yakyn-inkar: "Yakyn Inkar" has no footnote marker'


def test_cli_diff_shows_the_text_that_changes(
    article: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.docx"
    path.write_bytes(article)
    assert main(["annotate", "--on", ON, "--footnote-style", "newsroom", "--diff", str(path)]) == 0
    diff = capsys.readouterr().out
    assert "+Members of Hizb ut-Tahrir* were detained" in diff
    assert path.read_bytes() == article


def test_a_damaged_file_is_a_sentence_never_a_crash(article: bytes) -> None:
    """Truncated and bit-flipped files (a broken download, a bad disk) give ValueError or a result."""
    import random

    rng = random.Random(13)
    damaged = [article[:cut] for cut in range(0, len(article), len(article) // 12)]
    for _ in range(30):
        data = bytearray(article)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        damaged.append(bytes(data))
    refused = 0
    for data in damaged:
        try:
            annotate_docx(data, on=ON)
            check_docx(data, on=ON)
        except ValueError as exc:
            message = str(exc)
            refused += 1
        else:
            continue
        assert re.match(r"(not a Word document \(\.docx\)|word/\S+ in the Word document)", message), message
    assert refused >= len(damaged) // 2


def test_a_document_without_footnotes_gets_the_part_its_relationship_type_and_styles(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Members of Hizb ut-Tahrir were detained.")
    before = _parts(_saved(document))
    assert "word/footnotes.xml" not in before
    after = _parts(annotate_docx(_saved(document), on=ON).data)
    rels = etree.fromstring(after["word/_rels/document.xml.rels"])
    [rel] = [r for r in rels if r.get("Type", "").endswith("/footnotes")]
    assert rel.get("Target") == "footnotes.xml"
    assert rel.get("Id") not in {r.get("Id") for r in etree.fromstring(before["word/_rels/document.xml.rels"])}
    types = etree.fromstring(after["[Content_Types].xml"])
    assert any(
        o.get("PartName") == "/word/footnotes.xml" and o.get("ContentType", "").endswith("footnotes+xml") for o in types
    )
    styles = etree.fromstring(after["word/styles.xml"])
    names = {(s.get(qn("w:type")), s.find(qn("w:name")).get(qn("w:val"))) for s in styles.iter(qn("w:style"))}
    assert {("paragraph", "footnote text"), ("character", "footnote reference")} <= names
    notes = etree.fromstring(after["word/footnotes.xml"])
    assert [n.get(qn("w:type")) for n in notes] == ["separator", "continuationSeparator", None]
    if SOFFICE is not None:  # on demand: LibreOffice finds the footnote
        path = tmp_path / "fresh.docx"
        path.write_bytes(annotate_docx(_saved(document), on=ON).data)
        subprocess.run(
            [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "odt",
             "--outdir", str(tmp_path), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        content = zipfile.ZipFile(tmp_path / "fresh.odt").read("content.xml").decode()
        assert len(re.findall(r"<text:note ", content)) == 1
        assert "has been banned in Kazakhstan" in content


@pytest.mark.parametrize("lang", [None, "kk-Latn"])
def test_latin_kazakh_document_gets_latin_kazakh_footnotes(lang: str | None) -> None:
    document = docx.Document()
    document.add_paragraph("Sot «Hizb ut-Tahrir» uıymynyñ müşelerın sottady. Bul uıym Qazaqstanda tyiym salynğan.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = annotate_docx(buffer.getvalue(), on="2024-05-01", lang=lang)  # type: ignore[arg-type]
    assert result.lang == "kk-Latn"
    notes = _paragraph_texts(_parts(result.data)["word/footnotes.xml"])
    sentence = next(n for n in notes if "Hizb ut-Tahrir" in n)
    # the Kazakh sentence in the 2021 Latin alphabet: no Cyrillic letter, the court and month in Latin
    assert not re.search("[а-яёәғқңөұүһі]", sentence, re.IGNORECASE)
    assert "Astana qalalyq sotynyñ" in sentence and "28 nauryzdan" in sentence


def test_the_same_input_gives_the_same_bytes_whatever_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    document = docx.Document()
    document.add_paragraph("Members of Hizb ut-Tahrir were detained.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert "word/footnotes.xml" not in _parts(buffer.getvalue())
    # the footnotes part is new here; its time in the zip must not come from the clock
    first = annotate_docx(buffer.getvalue(), on=ON).data
    assert "word/footnotes.xml" in _parts(first)
    monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)
    assert annotate_docx(buffer.getvalue(), on=ON).data == first


def _with_flag(data: bytes, name: str, flag: int) -> bytes:
    """``data`` with ``flag`` set in the general-purpose flags of part ``name``, in its local
    header and its central directory entry (bit 0: encrypted; zipfile cannot write that)."""
    out = bytearray(data)
    raw = name.encode()
    at = out.find(raw)
    while at >= 0:
        if out[at - 30 : at - 26] == b"PK\x03\x04":
            out[at - 24] |= flag
        elif out[at - 46 : at - 42] == b"PK\x01\x02":
            out[at - 38] |= flag
        at = out.find(raw, at + 1)
    return bytes(out)


def test_a_file_with_an_encrypted_part_is_refused_with_a_sentence(
    article: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = _with_flag(article, "word/document.xml", 0x1)
    with pytest.raises(ValueError, match="encrypted"):
        annotate_docx(locked, on=ON)
    path = tmp_path / "locked.docx"
    path.write_bytes(locked)
    assert main(["annotate", "--on", ON, "--in-place", str(path)]) == 2
    assert "locked.docx" in capsys.readouterr().err
    assert path.read_bytes() == locked
