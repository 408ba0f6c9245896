"""OpenDocument text: a file as LibreOffice writes one (spans, a link, a table, a header, a
comment, an existing footnote, a tracked deletion), annotated in both footnote styles."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from bannedorgs.cli import main
from bannedorgs.odt import annotate_odt, check_odt, is_odt, odt_text

ON = "2024-01-10"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
NS = (
    f'xmlns:office="{OFFICE}" xmlns:text="{TEXT}" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"'
)
BODY = (
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>'
    "<dc:creator>Desk</dc:creator></office:change-info><text:p>Tablighi Jamaat</text:p></text:deletion>"
    "</text:changed-region></text:tracked-changes>"
    '<text:p text:style-name="P1">Members of Hizb <text:span text:style-name="T1">ut-</text:span>Tahrir were '
    'detained,<text:s text:c="2"/>the police said.<text:note text:id="ftn1" text:note-class="footnote">'
    '<text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">'
    "Figures from the court record.</text:p></text:note-body></text:note></text:p>"
    '<text:p text:style-name="P1">The court cited <text:a xlink:type="simple" xlink:href="https://example.org/is">'
    'Islamic State</text:a> propaganda.<text:change text:change-id="ct1"/></text:p>'
    '<table:table table:name="T"><table:table-row><table:table-cell><text:p text:style-name="P2">Group</text:p>'
    '</table:table-cell><table:table-cell><text:p text:style-name="P2">«Muslim Brotherhood»</text:p>'
    "</table:table-cell></table:table-row></table:table>"
    '<text:p text:style-name="P1">Officials declined<office:annotation><dc:creator>Desk</dc:creator>'
    "<text:p>Ask about Al-Qaeda too</text:p></office:annotation> to comment.</text:p>"
)
CONTENT = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}><office:automatic-styles>'
    '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
    f"</office:automatic-styles><office:body><office:text>{BODY}</office:text></office:body>"
    "</office:document-content>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS}><office:styles>'
    '<style:style style:name="Footnote" style:family="paragraph"/></office:styles>'
    '<office:automatic-styles><style:page-layout style:name="pm1"/></office:automatic-styles>'
    '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
    "<style:header><text:p>Special report: Yakyn Inkar</text:p></style:header>"
    "<style:footer><text:p>Footer about Hizb ut-Tahrir</text:p></style:footer>"
    "</style:master-page></office:master-styles></office:document-styles>"
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
META = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NS}><office:meta/></office:document-meta>'


def _odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        for name, text in (("content.xml", CONTENT), ("styles.xml", STYLES), ("meta.xml", META)):
            archive.writestr(name, text)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _paragraphs(xml: bytes) -> list[str]:
    """The text a reader sees: paragraphs outside notes, comments and deleted text."""
    root = etree.fromstring(xml)
    hidden = {f"{{{TEXT}}}note", f"{{{OFFICE}}}annotation", f"{{{TEXT}}}tracked-changes"}
    texts = []
    for p in root.iter(f"{{{TEXT}}}p"):
        if any(a.tag in hidden for a in p.iterancestors()):
            continue
        texts.append("".join(_visible(p, hidden)))
    return texts


def _visible(element: etree._Element, hidden: set[str]) -> list[str]:
    out = [element.text or ""]
    for child in element:
        if child.tag == f"{{{TEXT}}}s":
            out.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
        elif child.tag not in hidden:
            out += _visible(child, hidden)
        out.append(child.tail or "")
    return out


def test_the_text_is_read_through_spans_and_not_from_comments_notes_or_deletions() -> None:
    assert odt_text(_odt()) == (
        "Members of Hizb ut-Tahrir were detained,  the police said.*\n\nThe court cited Islamic State propaganda."
        "\n\nGroup\n\n«Muslim Brotherhood»\n\nOfficials declined to comment."
    )
    assert is_odt(_odt())


@pytest.mark.parametrize("style", ["word", "newsroom"])
def test_annotated_odt_keeps_everything_but_the_additions(style: str) -> None:
    before = _parts(_odt())
    result = annotate_odt(_odt(), on=ON, footnotes=style)
    after = _parts(result.data)
    assert list(after) == list(before)  # mimetype first …
    info = zipfile.ZipFile(io.BytesIO(result.data)).infolist()[0]
    assert (info.filename, info.compress_type) == ("mimetype", zipfile.ZIP_STORED)  # … and not compressed
    assert {n for n in before if before[n] != after[n]} == {"content.xml", "styles.xml"}
    mark = "*" if style == "newsroom" else ""
    expected = _paragraphs(before["content.xml"])
    expected[0] = expected[0].replace("Tahrir", f"Tahrir{mark}")
    expected[1] = expected[1].replace("Islamic State", f"Islamic State{mark}")
    expected[3] = expected[3].replace("»", f"»{mark}")
    got = _paragraphs(after["content.xml"])
    notes = got[len(expected) :]
    assert got[: len(expected)] == expected
    assert notes[-1].startswith("*Yakyn Inkar has been banned")  # the header's own name
    assert _paragraphs(after["styles.xml"]) == ["Special report: Yakyn Inkar*", "Footer about Hizb ut-Tahrir"]
    root = etree.fromstring(after["content.xml"])
    if style == "word":
        assert len(notes) == 1
        found = [
            (
                n.get(f"{{{TEXT}}}id"),
                n.findtext(f"{{{TEXT}}}note-citation"),
                "".join(n.find(f"{{{TEXT}}}note-body").itertext()),
            )
            for n in root.iter(f"{{{TEXT}}}note")
        ]
        assert [(i, c) for i, c, _ in found] == [("ftn2", "1"), ("ftn1", "2"), ("ftn3", "3"), ("ftn4", "4")]
        assert found[0][2].startswith("Hizb ut-Tahrir has been banned")
        assert found[1][2] == "Figures from the court record."
        link = next(root.iter(f"{{{TEXT}}}a"))
        assert link.find(f"{{{TEXT}}}note") is not None  # the note follows the linked name, inside the link
        bold = next(s for s in root.iter(f"{{{TEXT}}}span") if s.get(f"{{{TEXT}}}style-name") == "T1")
        assert (bold.text, bold.tail) == ("ut-", "Tahrir")  # the span and its tail are split only at the note
    else:
        assert [n[:2] for n in notes] == ["*H", "*T", "*T", "*Y"]
        assert all(p.get(f"{{{TEXT}}}style-name") == "P1" for p in list(root.iter(f"{{{TEXT}}}p"))[-4:])
    assert "Al-Qaeda" not in "".join(got)
    assert check_odt(result.data, on=ON) == []
    again = annotate_odt(result.data, on=ON, footnotes=style)
    assert (again.data, again.changed) == (result.data, False)


def test_superscript_markers_get_an_automatic_style() -> None:
    result = annotate_odt(_odt(), on=ON, footnotes="newsroom", superscript=True)
    root = etree.fromstring(_parts(result.data)["content.xml"])
    spans = [s for s in root.iter(f"{{{TEXT}}}span") if s.text == "*"]
    assert len(spans) == 3
    assert {s.get(f"{{{TEXT}}}style-name") for s in spans} == {"bannedorgs-superscript"}
    style = root.find(
        ".//{urn:oasis:names:tc:opendocument:xmlns:style:1.0}style[@{urn:oasis:names:tc:opendocument:xmlns:style:1.0}name='bannedorgs-superscript']"
    )
    assert style is not None
    assert annotate_odt(result.data, on=ON, footnotes="newsroom", superscript=True).data == result.data


def test_cli_annotates_and_checks_an_odt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.odt"
    original = _odt()  # built once: a zip carries the time it was written
    path.write_bytes(original)
    assert main(["check", "--on", ON, str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f'{path}: content.xml, paragraph 1: hizb-ut-tahrir: "Hizb ut-Tahrir" has no footnote marker'
    )
    assert main(["annotate", "--on", ON, "--in-place", str(path)]) == 0
    assert path.read_bytes() == annotate_odt(original, on=ON).data
    assert main(["check", "--on", ON, str(path)]) == 0


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)
@pytest.mark.parametrize("style", ["word", "newsroom"])
def test_libreoffice_reads_the_annotated_odt(style: str, tmp_path: Path) -> None:
    path = tmp_path / f"marked-{style}.odt"
    path.write_bytes(annotate_odt(_odt(), on=ON, footnotes=style).data)
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = (tmp_path / f"marked-{style}.txt").read_text(encoding="utf-8-sig")
    first = "Members of Hizb ut-Tahrir1 were" if style == "word" else "Members of Hizb ut-Tahrir* were"
    assert first in text  # (LibreOffice shows the tracked deletion, unmarked, as a paragraph of its own)
    assert "Yakyn Inkar has been banned in Kazakhstan" in text
