"""Word documents (``.docx``): find, mark and footnote banned organisations inside the file.

A ``.docx`` is a zip of XML parts. The text is read the way Word shows it: the runs of each
paragraph joined (Word splits one word into several runs for spelling marks, revisions and
formatting, so a name is found across runs), in the body, in tables, in text boxes, and in
headers and footers. Deleted text of tracked changes, field codes and field results (a table
of contents, a cross-reference: Word rewrites them), comments and footnotes are not prose to
mark.

A marker is a run of its own right after the name (after a closing quote or bracket), with the
formatting of the name's last run; a run the name ends inside is split in two, both halves
keeping their formatting. Nothing else changes: only the parts that receive a marker or a
footnote are rewritten, and every other part of the zip is copied byte for byte.

Footnotes come in two styles:

* ``footnotes="word"`` (the default): real Word footnotes, numbered by Word: a
  ``w:footnoteReference`` after the name and the sentence in ``word/footnotes.xml`` (created
  with its relationship, content type and the two footnote styles when the document has none).
* ``footnotes="newsroom"``: the markers of the plain-text annotation (``*``, ``numbered``,
  ``superscript``) as text, and the sentences as paragraphs at the end of the body, in the
  style of the body's paragraphs.

Both are idempotent and :func:`check_docx` understands both. A name that only a header or a
footer holds is marked there with a text marker and explained at the end of the body (Word has
no footnotes in headers). The footnotes' language is detected from the body text, as for plain
text.

>>> import io, zipfile
>>> import docx  # python-docx, here only to write a small document
>>> from bannedorgs.docx import annotate_docx, check_docx
>>> document = docx.Document()
>>> _ = document.add_paragraph("Members of Hizb ut-Tahrir were detained.")
>>> buffer = io.BytesIO(); document.save(buffer); article = buffer.getvalue()
>>> [i.message for i in check_docx(article, on="2024-01-10")]
['"Hizb ut-Tahrir" has no footnote marker']
>>> result = annotate_docx(article, on="2024-01-10")
>>> [(m.org.id, m.surface) for m in result.mentions]
[('hizb-ut-tahrir', 'Hizb ut-Tahrir')]
>>> print(result.footnotes[0].text)
Hizb ut-Tahrir has been banned in Kazakhstan as an extremist organisation since March 28, 2005, ...
>>> "word/footnotes.xml" in zipfile.ZipFile(io.BytesIO(result.data)).namelist()
True
>>> check_docx(result.data, on="2024-01-10")
[]
>>> annotate_docx(result.data, on="2024-01-10").data == result.data  # a second run changes nothing
True

Reading and writing needs ``lxml`` (``pip install 'bannedorgs[docx]'``).
"""

from __future__ import annotations

import collections
import copy
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from ._documents import (
    NOT_TEXT,
    PARAGRAPHS,
    Atom,
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

__all__ = ["DocumentAnnotation", "DocumentIssue", "annotate_docx", "check_docx", "docx_text", "is_docx"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT = _R + "/"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_KIND = "Word document (.docx)"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _R_, _T, _RPR, _PPR = _w("p"), _w("r"), _w("t"), _w("rPr"), _w("pPr")
# Containers whose runs are not the text as it reads: deleted or moved-away text, field
# results (simple fields), the fallback copy of a text box, and paragraphs of their own.
_SKIPPED = frozenset({_w("del"), _w("moveFrom"), _w("fldSimple"), f"{{{_MC}}}Fallback", _P, _PPR, _RPR})
# What a run holds besides text, as the text it stands for ("" is invisible).
_RUN_CHARS = {
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("br"): "\n",
    _w("cr"): "\n",
    _w("noBreakHyphen"): "\u2011",
    _w("softHyphen"): "",
    _w("footnoteReference"): "*",  # a footnote reference marks the name before it
    _w("endnoteReference"): "*",
    _w("commentReference"): "",
    _w("lastRenderedPageBreak"): "",
    _w("rPr"): "",
}
_NUMBER = re.compile(r"-?[0-9]{1,9}")
# rPr children that come after w:vertAlign in the schema's order
_AFTER_VERT_ALIGN = frozenset(_w(t) for t in ("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"))


# --- the package ------------------------------------------------------------------------------


class _Package(Package):
    """A Word package: its main document part and the relationships between parts."""

    def __init__(self, source: Source) -> None:
        super().__init__(source, _KIND)
        self.document = self._main_part()
        if self.tree(self.document).tag != _w("document"):
            raise ValueError(f"not a {_KIND}: its main part {self.document!r} is not a document")

    def relationships(self, part: str) -> tuple[str, Any]:
        """The name of the relationships part of ``part`` and its tree."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self.parts:
            root = etree().Element(f"{{{_PKG_RELS}}}Relationships", nsmap={None: _PKG_RELS})
            self.new_part(name, root)
        return name, self.tree(name)

    def related(self, part: str, kind: str) -> list[str]:
        """The parts ``part`` refers to with relationships of this kind (``header``, …)."""
        folder = posixpath.dirname(part)
        _, rels = self.relationships(part)
        found = []
        for rel in rels:
            if rel.get("Type", "").rsplit("/", 1)[-1] == kind and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                name = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                if name in self.parts:
                    found.append(name)
        return found

    def _main_part(self) -> str:
        if "_rels/.rels" not in self.parts:
            return "word/document.xml"
        for rel in self.tree("_rels/.rels"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return str(rel.get("Target", "")).lstrip("/")
        return "word/document.xml"


def is_docx(data: bytes) -> bool:
    """Whether ``data`` looks like a Word document: a zip holding ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        return "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        return False


# --- the text of a story ----------------------------------------------------------------------


def _runs(parent: Any) -> Iterator[Any]:
    """The runs of a paragraph in reading order, through hyperlinks, insertions, content
    controls and smart tags; not into the containers of :data:`_SKIPPED`."""
    for child in parent:
        if child.tag == _R_:
            yield child
        elif child.tag not in _SKIPPED and isinstance(child.tag, str):
            yield from _runs(child)


def _read_story(package: _Package, parts: Sequence[str]) -> Story:
    """The paragraphs of these parts; an atom per piece of a run: (run, its child)."""
    story = StoryBuilder()
    for part in parts:
        root = package.tree(part)
        if root.tag == _w("document"):
            root = root.find(_w("body"))
            if root is None:
                continue
        field_depth = 0  # inside a complex field (code and result): not prose
        for p in root.iter(_P):
            if any(a.tag == f"{{{_MC}}}Fallback" for a in p.iterancestors()):
                continue
            story.paragraph(part, p)
            for run in _runs(p):
                for child in run:
                    tag = child.tag
                    if tag == _w("fldChar"):
                        kind = child.get(_w("fldCharType"))
                        field_depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                        field_depth = max(field_depth, 0)
                        continue
                    if field_depth or tag in (_w("instrText"), _w("delText")) or not isinstance(tag, str):
                        continue
                    story.add((child.text or "") if tag == _T else _RUN_CHARS.get(tag, NOT_TEXT), run, child)
    return story.build()


# --- inserting runs ---------------------------------------------------------------------------


def _preserve(t: Any) -> None:
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _split_at(atom: Atom, offset: int) -> Any:
    """Make the atom's run end at ``offset`` (inside or at the end of the atom), moving what
    follows into a new run with the same properties; return the run that now ends there."""
    lxml = etree()
    run, child = atom.node, atom.slot
    rest: list[Any] = []
    index = offset - atom.start
    if child.tag == _T and index < len(child.text or ""):
        text = child.text or ""
        tail = lxml.Element(_T, attrib=dict(child.attrib))
        tail.text = text[index:]
        child.text = text[:index]
        _preserve(child)
        _preserve(tail)
        rest.append(tail)
    following = list(child.itersiblings())
    if not rest and not any(c.tag != _RPR for c in following):
        return run
    second = lxml.Element(_R_, attrib=dict(run.attrib))
    props = run.find(_RPR)
    if props is not None:
        second.append(copy.deepcopy(props))
    for element in rest:
        second.append(element)
    for element in following:
        second.append(element)  # moves it out of the first run
    run.addnext(second)
    return run


def _marker_props(run: Any, *, style: str | None, superscript: bool) -> Any:
    """The properties of a marker run: those of the name's run, without a record of a tracked
    formatting change, with a character style or superscript when asked."""
    lxml = etree()
    props = run.find(_RPR)
    props = copy.deepcopy(props) if props is not None else lxml.Element(_RPR)
    for change in props.findall(_w("rPrChange")):
        props.remove(change)
    if style is not None:
        for old in props.findall(_w("rStyle")):
            props.remove(old)
        props.insert(0, _element("rStyle", val=style))
    if superscript:
        for old in props.findall(_w("vertAlign")):
            props.remove(old)
        position = next((i for i, c in enumerate(props) if c.tag in _AFTER_VERT_ALIGN), len(props))
        props.insert(position, _element("vertAlign", val="superscript"))
    return props


def _element(tag: str, **attributes: str) -> Any:
    return etree().Element(_w(tag), attrib={_w(k): v for k, v in attributes.items()})


def _text_run(text: str, props: Any | None) -> Any:
    run = etree().Element(_R_)
    if props is not None and len(props):
        run.append(props)
    t = etree().SubElement(run, _T)
    t.text = text
    _preserve(t)
    return run


def _insert_after(story: Story, offset: int, make: Callable[[Any], Any]) -> None:
    """Insert the run ``make(name_run)`` right after the character before ``offset``."""
    run = _split_at(story.atom_before(offset), offset)
    run.addnext(make(run))


# --- footnotes part and styles ----------------------------------------------------------------


class _WordNotes:
    """The document's footnotes part, created on first need, and the two footnote styles."""

    def __init__(self, package: _Package) -> None:
        self.package = package
        found = package.related(package.document, "footnotes")
        self.part: str | None = found[0] if found else None
        self._styles: tuple[str | None, str | None] | None = None
        self._last_id: int | None = None

    def text(self) -> str:
        if self.part is None:
            return ""
        paragraphs: list[str] = []
        for note in self.package.tree(self.part).iter(_w("footnote")):
            if note.get(_w("type")) in (None, "normal"):
                paragraphs.extend("".join(t.text or "" for t in p.iter(_T)) for p in note.iter(_P))
        return PARAGRAPHS.join(paragraphs)

    def styles(self) -> tuple[str | None, str | None]:
        """The style ids of "footnote text" and "footnote reference" (added when missing)."""
        if self._styles is None:
            self._styles = self._find_styles()
        return self._styles

    def _find_styles(self) -> tuple[str | None, str | None]:
        package = self.package
        found = package.related(package.document, "styles")
        if not found:
            return None, None
        part = found[0]
        root = package.tree(part)
        by_name = {}
        ids = set()
        for style in root.iter(_w("style")):
            ids.add(style.get(_w("styleId")))
            name = style.find(_w("name"))
            if name is not None:
                by_name[(style.get(_w("type")), (name.get(_w("val")) or "").lower())] = style.get(_w("styleId"))
        text_id = by_name.get(("paragraph", "footnote text"))
        ref_id = by_name.get(("character", "footnote reference"))
        lxml = etree()
        if text_id is None:
            text_id = _free_id("FootnoteText", ids)
            style = lxml.SubElement(root, _w("style"), attrib={_w("type"): "paragraph", _w("styleId"): text_id})
            style.append(_element("name", val="footnote text"))
            normal = next(
                (s.get(_w("styleId")) for s in root.iter(_w("style"))
                 if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true", "on")),
                None,
            )  # fmt: skip
            if normal:
                style.append(_element("basedOn", val=normal))
            style.append(_element("uiPriority", val="99"))
            style.append(_element("unhideWhenUsed"))
            ppr = lxml.SubElement(style, _PPR)
            ppr.append(_element("spacing", after="0", line="240", lineRule="auto"))
            rpr = lxml.SubElement(style, _RPR)
            rpr.append(_element("sz", val="20"))
            rpr.append(_element("szCs", val="20"))
            package.dirty.add(part)
        if ref_id is None:
            ref_id = _free_id("FootnoteReference", ids)
            style = lxml.SubElement(root, _w("style"), attrib={_w("type"): "character", _w("styleId"): ref_id})
            style.append(_element("name", val="footnote reference"))
            style.append(_element("uiPriority", val="99"))
            style.append(_element("unhideWhenUsed"))
            rpr = lxml.SubElement(style, _RPR)
            rpr.append(_element("vertAlign", val="superscript"))
            package.dirty.add(part)
        return text_id, ref_id

    def add(self, sentence: str) -> str:
        """Add a footnote with this sentence; its id."""
        root = self._root()
        if self._last_id is None:
            ids = [int(n.get(_w("id"))) for n in root.iter(_w("footnote")) if _NUMBER.fullmatch(n.get(_w("id"), ""))]
            self._last_id = max([0, *ids])
        self._last_id += 1
        note_id = str(self._last_id)
        text_style, ref_style = self.styles()
        lxml = etree()
        note = lxml.SubElement(root, _w("footnote"), attrib={_w("id"): note_id})
        p = lxml.SubElement(note, _P)
        if text_style:
            ppr = lxml.SubElement(p, _PPR)
            ppr.append(_element("pStyle", val=text_style))
        ref = lxml.SubElement(p, _R_)
        rpr = lxml.SubElement(ref, _RPR)
        rpr.append(_element("rStyle", val=ref_style) if ref_style else _element("vertAlign", val="superscript"))
        ref.append(_element("footnoteRef"))
        p.append(_text_run(" " + sentence, None))
        self.package.dirty.add(self._part_name())
        return note_id

    def _part_name(self) -> str:
        assert self.part is not None
        return self.part

    def _root(self) -> Any:
        if self.part is not None:
            return self.package.tree(self.part)
        package = self.package
        lxml = etree()
        folder = posixpath.dirname(package.document)
        self.part = posixpath.join(folder, "footnotes.xml")
        root = lxml.Element(_w("footnotes"), nsmap={"w": W, "r": _R})
        for note_id, kind in (("-1", "separator"), ("0", "continuationSeparator")):
            note = lxml.SubElement(root, _w("footnote"), attrib={_w("type"): kind, _w("id"): note_id})
            p = lxml.SubElement(note, _P)
            ppr = lxml.SubElement(p, _PPR)
            ppr.append(_element("spacing", after="0", line="240", lineRule="auto"))
            run = lxml.SubElement(p, _R_)
            run.append(_element(kind))
        package.new_part(self.part, root)
        rels_name, rels = package.relationships(package.document)
        taken = {rel.get("Id") for rel in rels}
        rel_id = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
        lxml.SubElement(
            rels,
            f"{{{_PKG_RELS}}}Relationship",
            attrib={"Id": rel_id, "Type": _RT + "footnotes", "Target": posixpath.relpath(self.part, folder)},
        )
        package.dirty.add(rels_name)
        types = package.tree("[Content_Types].xml")
        lxml.SubElement(
            types,
            f"{{{_CONTENT_TYPES}}}Override",
            attrib={"PartName": "/" + self.part, "ContentType": _FOOTNOTES_TYPE},
        )
        package.dirty.add("[Content_Types].xml")
        return root


def _free_id(wanted: str, taken: set[Any]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}{n}"
    return candidate


# --- the newsroom block -----------------------------------------------------------------------


def _block_paragraph(body: Any, story: Story) -> tuple[Any, Any, Any]:
    """Where newsroom footnotes go and what they look like: (the element to insert after, the
    paragraph properties and the run properties of the body's usual paragraph)."""
    texts = story.paragraph_texts()
    top = [child for child in body if child.tag in (_P, _w("tbl"), _w("sdt"))]
    written = [c for c in top if any(texts.get(id(p), "").strip() for p in ([c] if c.tag == _P else c.iter(_P)))]
    after = written[-1] if written else (top[-1] if top else None)
    paragraphs = [c for c in written if c.tag == _P]
    styles = collections.Counter(_style_of(p) for p in paragraphs)
    usual = styles.most_common(1)[0][0] if styles else None
    model = next((p for p in reversed(paragraphs) if _style_of(p) == usual), None)
    ppr = rpr = None
    if model is not None:
        ppr = model.find(_PPR)
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            for tag in ("numPr", "sectPr", "pPrChange"):
                for old in ppr.findall(_w(tag)):
                    ppr.remove(old)
        longest = max(_runs(model), key=lambda r: sum(len(t.text or "") for t in r.iter(_T)), default=None)
        if longest is not None and longest.find(_RPR) is not None:
            rpr = copy.deepcopy(longest.find(_RPR))
            for old in rpr.findall(_w("rPrChange")):
                rpr.remove(old)
    return after, ppr, rpr


def _style_of(p: Any) -> str | None:
    style = p.find(f"{_PPR}/{_w('pStyle')}")
    return None if style is None else str(style.get(_w("val")))


def _append_newsroom(package: _Package, story: Story, notes: Sequence[tuple[str, str]]) -> None:
    body = package.tree(package.document).find(_w("body"))
    after, ppr, rpr = _block_paragraph(body, story)
    lxml = etree()
    for marker, sentence in notes:
        p = lxml.Element(_P)
        if ppr is not None:
            p.append(copy.deepcopy(ppr))
        p.append(_text_run(marker + sentence, copy.deepcopy(rpr) if rpr is not None else None))
        if after is None:
            sect = body.find(_w("sectPr"))
            if sect is not None:
                sect.addprevious(p)
            else:
                body.append(p)
        else:
            after.addnext(p)
        after = p
    package.dirty.add(package.document)


# --- the document -----------------------------------------------------------------------------


class _WordDocument:
    """A Word file as :mod:`bannedorgs._documents` reads and writes documents."""

    def __init__(self, source: Source) -> None:
        self.package = package = _Package(source)
        self.body = _read_story(package, [package.document])
        furniture = package.related(package.document, "header") + package.related(package.document, "footer")
        self.furniture = _read_story(package, furniture)
        self.notes = _WordNotes(package)

    def notes_text(self) -> str:
        return self.notes.text()

    def apply(self, edits: Sequence[Edit], *, superscript: bool) -> list[str]:
        ids = [self.notes.add(e.text) if e.kind == "note" else "" for e in edits]  # numbered in text order
        style = self.notes.styles()[1] if any(ids) else None
        # last offsets first: a split run keeps the text before the split where it was
        for edit, note_id in sorted(zip(edits, ids, strict=True), key=lambda x: x[0].offset, reverse=True):
            make = _reference_maker(note_id, style) if note_id else _marker_maker(edit.text, superscript)
            _insert_after(edit.story, edit.offset, make)
            self.package.dirty.add(edit.story.where(edit.offset)[0])
        return [i for i in ids if i]

    def append_paragraphs(self, notes: Sequence[tuple[str, str]]) -> None:
        _append_newsroom(self.package, self.body, notes)


# --- the API ----------------------------------------------------------------------------------


def docx_text(source: Source) -> str:
    """The body of a Word document as the library reads it: paragraphs (tables and text boxes
    included) separated by a blank line, a footnote reference read as ``*``."""
    return _WordDocument(source).body.text


def annotate_docx(
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
    """Mark the organisations banned on ``on`` in a Word document and add their footnotes.

    ``source`` is a path, the file's bytes or a binary file. ``footnotes`` is ``"word"`` (real
    Word footnotes) or ``"newsroom"`` (text markers and paragraphs at the end of the body);
    ``marker`` (``"*"``, ``"numbered"``, ``"superscript"`` or a literal) and ``superscript``
    (marker runs raised) apply to text markers. Returns the new file as bytes; ``changed`` is
    false when there was nothing to add (the bytes are then the input's, unchanged).
    """
    return annotate_document(
        _WordDocument(source),
        on=on,
        lang=lang,
        footnotes=footnotes,
        marker=marker,
        superscript=superscript,
        mentions=mentions,
        annotator=annotator,
    )


def check_docx(
    source: Source, *, on: DateLike | None = None, annotator: Annotator | None = None
) -> list[DocumentIssue]:
    """What :meth:`Annotator.check` reports for a Word document, body first, then headers and
    footers; a marker may be a text marker or a Word footnote reference, a footnote a Word
    footnote or a paragraph at the end of the body.
    """
    return check_document(_WordDocument(source), on=on, annotator=annotator)


def _reference_maker(note_id: str, style: str | None) -> Callable[[Any], Any]:
    def make(run: Any) -> Any:
        new = etree().Element(_R_)
        new.append(_marker_props(run, style=style, superscript=style is None))
        new.append(_element("footnoteReference", id=note_id))
        return new

    return make


def _marker_maker(marker: str, superscript: bool) -> Callable[[Any], Any]:
    def make(run: Any) -> Any:
        return _text_run(marker, _marker_props(run, style=None, superscript=superscript))

    return make
