"""OpenDocument text (``.odt``, LibreOffice Writer): the same as :mod:`bannedorgs.docx`, in
OpenDocument's terms.

The text is read from the paragraphs and headings of the body (tables, lists, sections and
text boxes included) and of the headers and footers of the page styles; spans and links are
read through, so a name split over three spans is one name. Not read: comments
(``office:annotation``), the bodies of existing notes, deleted text kept for tracked changes,
generated indexes (a table of contents), and fields.

The marker is text inside the span that holds the end of the name, so it has the name's
formatting (with ``superscript``, in a span of an automatic superscript style). Real footnotes
(``footnotes="word"``, the default) are ``text:note`` elements in the "Footnote" paragraph
style, numbered in document order; the newsroom style appends paragraphs to the body in the
paragraph style of its usual paragraph. Only ``content.xml`` (and ``styles.xml`` when a header
or a footer is marked) are rewritten; every other part of the zip, ``mimetype`` first and
uncompressed, is copied byte for byte.

>>> import io, zipfile
>>> from bannedorgs.odt import annotate_odt, check_odt
>>> article = _sample_odt("Members of Hizb ut-Tahrir were detained.")
>>> result = annotate_odt(article, on="2024-01-10")
>>> [m.surface for m in result.mentions]
['Hizb ut-Tahrir']
>>> content = zipfile.ZipFile(io.BytesIO(result.data)).read("content.xml").decode()
>>> "<text:note-citation>1</text:note-citation>" in content
True
>>> check_odt(result.data, on="2024-01-10"), annotate_odt(result.data, on="2024-01-10").changed
([], False)
"""

from __future__ import annotations

import collections
import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from ._documents import (
    NOT_TEXT,
    PARAGRAPHS,
    DocumentAnnotation,
    DocumentIssue,
    Edit,
    FootnoteStyle,
    Package,
    Source,
    Story,
    StoryBuilder,
    annotate_document,
    check_document,
    etree,
)

if TYPE_CHECKING:
    from .annotator import Annotator, DateLike
    from .language import Language

__all__ = ["annotate_odt", "check_odt", "is_odt", "odt_text"]

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_KIND = "OpenDocument text (.odt)"
_SUPER = "bannedorgs-superscript"


def _t(tag: str) -> str:
    return f"{{{_TEXT}}}{tag}"


_P, _H, _SPAN, _NOTE = _t("p"), _t("h"), _t("span"), _t("note")
_PARAGRAPH = frozenset({_P, _H})
_THROUGH = frozenset({_SPAN, _t("a"), _t("meta"), _t("ruby"), _t("ruby-base")})  # read through
_CHARS = {_t("tab"): "\t", _t("line-break"): "\n", _NOTE: "*"}  # a note marks the name before it
_INVISIBLE = frozenset(  # in a paragraph without taking room in its text
    {_t("soft-page-break"), _t("bookmark"), _t("bookmark-start"), _t("bookmark-end"), _t("change"),
     _t("change-start"), _t("change-end"), _t("reference-mark"), _t("reference-mark-start"),
     _t("reference-mark-end"), f"{{{_OFFICE}}}annotation", f"{{{_OFFICE}}}annotation-end",
     _t("alphabetical-index-mark"), _t("alphabetical-index-mark-start"), _t("alphabetical-index-mark-end"),
     _t("toc-mark"), _t("toc-mark-start"), _t("toc-mark-end")}
)  # fmt: skip
# paragraphs under these are not the document's prose
_NOT_PROSE = frozenset(
    {_t("tracked-changes"), _NOTE, f"{{{_OFFICE}}}annotation", _t("table-of-content"), _t("alphabetical-index"),
     _t("illustration-index"), _t("table-index"), _t("object-index"), _t("user-index"), _t("bibliography")}
)  # fmt: skip
_FURNITURE = tuple(
    f"{{{_STYLE}}}{name}" for name in ("header", "header-left", "header-first", "footer", "footer-left", "footer-first")
)
_NOTE_ID = re.compile(r"ftn([0-9]{1,9})")


def is_odt(data: bytes) -> bool:
    """Whether ``data`` looks like an OpenDocument text: a zip whose ``mimetype`` says so."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        return zipfile.ZipFile(io.BytesIO(data)).read("mimetype").strip() == _MIMETYPE
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        return False


def _read_story(package: Package, roots: Sequence[tuple[str, Any]]) -> Story:
    """The paragraphs under these roots; an atom per piece: (element, "text" | "tail" | "self")."""
    story = StoryBuilder()
    for part, root in roots:
        for p in root.iter(_P, _H):
            if any(a.tag in _NOT_PROSE for a in p.iterancestors()):
                continue
            story.paragraph(part, p)
            _walk(p, story)
    return story.build()


def _walk(element: Any, story: StoryBuilder) -> None:
    story.add(element.text or "", element, "text")
    for child in element:
        tag = child.tag
        if tag in _THROUGH:
            _walk(child, story)
        elif tag == _t("s"):
            count = child.get(_t("c"), "1")  # a run of spaces; a claim of millions is not believed
            story.add(" " * (min(int(count), 1024) if count.isdigit() else 1), child, "self")
        elif tag in _CHARS:
            story.add(_CHARS[tag], child, "self")
        elif tag not in _INVISIBLE and isinstance(tag, str):
            story.add(NOT_TEXT, child, "self")  # a frame, a field, an image
        story.add(child.tail or "", child, "tail")


def _insert(story: Story, offset: int, text: str | None, element: Any | None) -> None:
    """Put ``text`` or ``element`` right after the character before ``offset``."""
    atom = story.atom_before(offset)
    node, slot, index = atom.node, atom.slot, offset - atom.start
    if slot == "self":  # after an element: where its tail starts
        slot, index = "tail", 0
    before = (node.text if slot == "text" else node.tail) or ""
    if element is None:
        joined = before[:index] + (text or "") + before[index:]
        if slot == "text":
            node.text = joined
        else:
            node.tail = joined
        return
    element.tail = before[index:]
    if slot == "text":
        node.text = before[:index]
        node.insert(0, element)
    else:
        node.tail = before[:index]
        node.addnext(element)


class _OpenDocument:
    """An .odt file as :mod:`bannedorgs._documents` reads and writes documents."""

    def __init__(self, source: Source) -> None:
        self.package = package = Package(source, _KIND)
        if package.parts.get("mimetype", b"").strip() != _MIMETYPE:
            raise ValueError(f"not an {_KIND}: its mimetype is not {_MIMETYPE.decode()}")
        content = package.tree("content.xml")
        self.text_root = content.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
        if self.text_root is None:
            raise ValueError(f"not an {_KIND}: content.xml has no office:text")
        self.body = _read_story(package, [("content.xml", self.text_root)])
        furniture: list[tuple[str, Any]] = []
        if "styles.xml" in package.parts:
            styles = package.tree("styles.xml")
            furniture = [("styles.xml", e) for e in styles.iter(*_FURNITURE)]
        self.furniture = _read_story(package, furniture)

    def notes_text(self) -> str:
        paragraphs = []
        for note in self.text_root.iter(_NOTE):
            paragraphs += ["".join(p.itertext()) for p in note.iter(_P, _H)]
        return PARAGRAPHS.join(paragraphs)

    def apply(self, edits: Sequence[Edit], *, superscript: bool) -> list[str]:
        lxml = etree()
        taken = [int(m.group(1)) for n in self.text_root.iter(_NOTE) if (m := _NOTE_ID.fullmatch(n.get(_t("id"), "")))]
        next_id = max([0, *taken]) + 1
        ids: list[str] = []
        made: list[Any] = []
        for edit in edits:
            part = edit.story.where(edit.offset)[0]
            if edit.kind == "note":
                note = lxml.Element(_NOTE, {_t("id"): f"ftn{next_id}", _t("note-class"): "footnote"})
                lxml.SubElement(note, _t("note-citation"))
                body = lxml.SubElement(note, _t("note-body"))
                lxml.SubElement(body, _P, {_t("style-name"): "Footnote"}).text = edit.text
                ids.append(f"ftn{next_id}")
                next_id += 1
                made.append(note)
            elif superscript:
                span = lxml.Element(_SPAN, {_t("style-name"): self._superscript_style(part)})
                span.text = edit.text
                made.append(span)
            else:
                made.append(None)
            self.package.dirty.add(part)
        # last offsets first: the text before an insertion point stays where it was
        for edit, element in sorted(zip(edits, made, strict=True), key=lambda x: x[0].offset, reverse=True):
            _insert(edit.story, edit.offset, edit.text, element)
        if ids:
            self._number_footnotes()
        return ids

    def _number_footnotes(self) -> None:
        """Footnote citations in document order, as the word processor numbers them (a note
        with a label of its own keeps it)."""
        number = 0
        for note in self.text_root.iter(_NOTE):
            citation = note.find(_t("note-citation"))
            if note.get(_t("note-class")) != "footnote" or citation is None:
                continue
            number += 1
            if citation.get(_t("label")) is None and citation.text != str(number):
                citation.text = str(number)

    def _superscript_style(self, part: str) -> str:
        root = self.package.tree(part)
        automatic = root.find(f"{{{_OFFICE}}}automatic-styles")
        lxml = etree()
        if automatic is None:
            automatic = lxml.Element(f"{{{_OFFICE}}}automatic-styles")
            body = (
                root.find(f"{{{_OFFICE}}}body") if part == "content.xml" else root.find(f"{{{_OFFICE}}}master-styles")
            )
            if body is not None:
                body.addprevious(automatic)
            else:
                root.append(automatic)
        for style in automatic.iter(f"{{{_STYLE}}}style"):
            if style.get(f"{{{_STYLE}}}name") == _SUPER:
                return _SUPER
        style = lxml.SubElement(
            automatic, f"{{{_STYLE}}}style", {f"{{{_STYLE}}}name": _SUPER, f"{{{_STYLE}}}family": "text"}
        )
        lxml.SubElement(style, f"{{{_STYLE}}}text-properties", {f"{{{_STYLE}}}text-position": "super 58%"})
        return _SUPER

    def append_paragraphs(self, notes: Sequence[tuple[str, str]]) -> None:
        lxml = etree()
        texts = self.body.paragraph_texts()
        blocks = [c for c in self.text_root if c.tag in (_P, _H, _t("list"), _t("section"), f"{{{_TABLE}}}table")]

        def written(block: Any) -> bool:
            return any(texts.get(id(p), "").strip() for p in ([block] if block.tag in _PARAGRAPH else block.iter(_P)))

        filled = [b for b in blocks if written(b)]
        paragraphs = [b for b in filled if b.tag == _P]
        styles = collections.Counter(p.get(_t("style-name")) for p in paragraphs)
        usual = styles.most_common(1)[0][0] if styles else None
        after = filled[-1] if filled else None
        for marker, sentence in notes:
            p = lxml.Element(_P, {_t("style-name"): usual} if usual else {})
            p.text = marker + sentence
            if after is not None:
                after.addnext(p)
            else:
                self.text_root.append(p)
            after = p
        self.package.dirty.add("content.xml")


def odt_text(source: Source) -> str:
    """The body of an OpenDocument text as the library reads it: paragraphs separated by a
    blank line, a note read as ``*``."""
    return _OpenDocument(source).body.text


def annotate_odt(
    source: Source,
    *,
    on: DateLike | None = None,
    lang: Language | None = None,
    footnotes: FootnoteStyle = "word",
    marker: str = "*",
    superscript: bool = False,
    mentions: Literal["first", "all"] = "first",
    annotator: Annotator | None = None,
) -> DocumentAnnotation:
    """Mark the organisations banned on ``on`` in an OpenDocument text and add their footnotes;
    the options are those of :func:`bannedorgs.docx.annotate_docx` (``"word"`` footnotes are
    the word processor's own footnotes)."""
    return annotate_document(
        _OpenDocument(source),
        on=on,
        lang=lang,
        footnotes=footnotes,
        marker=marker,
        superscript=superscript,
        mentions=mentions,
        annotator=annotator,
    )


def check_odt(source: Source, *, on: DateLike | None = None, annotator: Annotator | None = None) -> list[DocumentIssue]:
    """What :meth:`Annotator.check` reports for an OpenDocument text, body first, then headers
    and footers."""
    return check_document(_OpenDocument(source), on=on, annotator=annotator)


def _sample_odt(*paragraphs: str, header: str | None = None) -> bytes:
    """A small OpenDocument text with these paragraphs (and a header): for examples and tests."""
    ns = (
        f'xmlns:office="{_OFFICE}" xmlns:text="{_TEXT}" xmlns:style="{_STYLE}" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"'
    )
    from html import escape

    body = "".join(f'<text:p text:style-name="Standard">{escape(p, quote=False)}</text:p>' for p in paragraphs)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns}><office:automatic-styles/>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    head = f"<style:header><text:p>{escape(header, quote=False)}</text:p></style:header>" if header else ""
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns}><office:styles>'
        '<style:style style:name="Standard" style:family="paragraph"/>'
        '<style:style style:name="Footnote" style:family="paragraph">'
        '<style:text-properties fo:font-size="10pt"/></style:style></office:styles>'
        '<office:automatic-styles><style:page-layout style:name="pm1"/></office:automatic-styles>'
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
        f"{head}</style:master-page></office:master-styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", _MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", styles)
        archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()
