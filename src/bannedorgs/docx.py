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

import bisect
import collections
import copy
import datetime as dt
import io
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs

from ._dates import as_date
from .footnotes import render
from .model import Footnote, Mention, Organisation

if TYPE_CHECKING:
    from .annotator import Annotator, DateLike, Issue

__all__ = ["DocxAnnotation", "DocxIssue", "annotate_docx", "check_docx", "docx_text", "is_docx"]

Source = str | os.PathLike[str] | bytes | IO[bytes]
FootnoteStyle = Literal["word", "newsroom"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT = _R + "/"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_LARGEST = 1 << 30  # unpacked bytes: a zip that claims more is not an article
_PARAGRAPHS = "\n\n"  # paragraphs are joined by a blank line: no name spans two of them


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
_NOT_TEXT = "\x00"  # a drawing, a symbol, an object: nothing a name runs through
# rPr children that come after w:vertAlign in the schema's order
_AFTER_VERT_ALIGN = frozenset(_w(t) for t in ("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"))


def _etree() -> Any:
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - the extra is installed wherever tests run
        raise ModuleNotFoundError(
            "reading Word files needs lxml; install it with: pip install 'bannedorgs[docx]'", name="lxml"
        ) from None
    return etree


# --- the package ------------------------------------------------------------------------------


class _Package:
    """The zip: parts by name, the parsed XML of the parts being edited, what changed."""

    def __init__(self, source: Source) -> None:
        data = self.raw = _read(source)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            self.infos = archive.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise ValueError(f"not a Word document (.docx): the zip cannot be read ({exc})") from None
        unpacked = sum(info.file_size for info in self.infos)
        if unpacked > _LARGEST:
            raise ValueError(f"the document would unpack to {unpacked} bytes, more than the {_LARGEST} allowed")
        try:
            self.parts = {info.filename: archive.read(info) for info in self.infos}
        except (zipfile.BadZipFile, KeyError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
            raise ValueError(f"not a Word document (.docx): the zip cannot be read ({exc})") from None
        self._trees: dict[str, Any] = {}
        self.dirty: set[str] = set()
        self.document = self._main_part()
        if self.document not in self.parts:
            raise ValueError(f"not a Word document (.docx): the part {self.document!r} is missing")

    def tree(self, name: str) -> Any:
        if name not in self._trees:
            if name not in self.parts:
                raise ValueError(f"not a Word document (.docx): the part {name!r} is missing")
            etree = _etree()
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            try:
                self._trees[name] = etree.fromstring(self.parts[name], parser)
            except etree.XMLSyntaxError as exc:
                raise ValueError(f"{name} in the Word document is not well-formed XML: {exc}") from None
        return self._trees[name]

    def new_part(self, name: str, root: Any) -> None:
        self._trees[name] = root
        self.parts[name] = b""
        self.dirty.add(name)

    def relationships(self, part: str) -> tuple[str, Any]:
        """The name of the relationships part of ``part`` and its tree."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self.parts:
            root = _etree().Element(f"{{{_PKG_RELS}}}Relationships", nsmap={None: _PKG_RELS})
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

    def save(self) -> bytes:
        etree = _etree()
        out = io.BytesIO()
        names = {info.filename for info in self.infos}
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in self.infos:
                archive.writestr(info, self._bytes(info.filename, etree), compress_type=info.compress_type)
            for name in sorted(self.dirty - names):
                archive.writestr(name, self._bytes(name, etree))
        return out.getvalue()

    def _bytes(self, name: str, etree: Any) -> bytes:
        if name not in self.dirty:
            return self.parts[name]
        original = self.parts[name]
        declaration = re.match(rb"<\?xml[^>]*\?>\s*", original)
        head = declaration.group() if declaration else _DECLARATION
        body: bytes = etree.tostring(self._trees[name], encoding="UTF-8", xml_declaration=False)
        return head + body


def _read(source: Source) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read()
    data = source.read()
    if not isinstance(data, bytes):
        raise TypeError(f"a Word document is read as bytes; the file gave {type(data).__name__}")
    return data


def is_docx(data: bytes) -> bool:
    """Whether ``data`` looks like a Word document: a zip holding ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        return "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


# --- the text of a story ----------------------------------------------------------------------


@attrs.define
class _Atom:
    start: int  # offsets into the story's text
    end: int
    run: Any
    child: Any


@attrs.define
class _Story:
    """Paragraphs read as one text: ``"\\n\\n"`` between paragraphs, an atom per piece of a run."""

    text: str
    atoms: list[_Atom]
    paragraphs: list[tuple[str, int, Any]]  # (part, start offset, w:p), in text order
    # the atoms' ends and the paragraphs' starts, for bisection (splitting a run keeps an
    # atom's start and end: the text after the split point simply moves to a new run)
    ends: list[int] = attrs.field(init=False)
    starts: list[int] = attrs.field(init=False)
    first: dict[str, int] = attrs.field(init=False)  # a part's paragraphs stand together

    def __attrs_post_init__(self) -> None:
        self.ends = [a.end for a in self.atoms]
        self.starts = [start for _, start, _ in self.paragraphs]
        self.first = {}
        for i, (part, _, _) in enumerate(self.paragraphs):
            self.first.setdefault(part, i)

    def where(self, offset: int) -> tuple[str, int]:
        """The part and the 1-based number of the paragraph (in that part) holding ``offset``."""
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        part = self.paragraphs[i][0]
        return part, i - self.first[part] + 1


def _runs(parent: Any) -> Iterator[Any]:
    """The runs of a paragraph in reading order, through hyperlinks, insertions, content
    controls and smart tags; not into the containers of :data:`_SKIPPED`."""
    for child in parent:
        if child.tag == _R_:
            yield child
        elif child.tag not in _SKIPPED and isinstance(child.tag, str):
            yield from _runs(child)


def _read_story(package: _Package, parts: Sequence[str]) -> _Story:
    pieces: list[str] = []
    atoms: list[_Atom] = []
    paragraphs: list[tuple[str, int, Any]] = []
    length = 0
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
            if paragraphs:
                pieces.append(_PARAGRAPHS)
                length += len(_PARAGRAPHS)
            paragraphs.append((part, length, p))
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
                    piece = (child.text or "") if tag == _T else _RUN_CHARS.get(tag, _NOT_TEXT)
                    if piece:
                        atoms.append(_Atom(length, length + len(piece), run, child))
                        pieces.append(piece)
                        length += len(piece)
    return _Story("".join(pieces), atoms, paragraphs)


# --- inserting runs ---------------------------------------------------------------------------


def _preserve(t: Any) -> None:
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _split_at(atom: _Atom, offset: int) -> Any:
    """Make the atom's run end at ``offset`` (inside or at the end of the atom), moving what
    follows into a new run with the same properties; return the run that now ends there."""
    etree = _etree()
    run, child = atom.run, atom.child
    rest: list[Any] = []
    index = offset - atom.start
    if child.tag == _T and index < len(child.text or ""):
        text = child.text or ""
        tail = etree.Element(_T, attrib=dict(child.attrib))
        tail.text = text[index:]
        child.text = text[:index]
        _preserve(child)
        _preserve(tail)
        rest.append(tail)
    following = list(child.itersiblings())
    if not rest and not any(c.tag != _RPR for c in following):
        return run
    second = etree.Element(_R_, attrib=dict(run.attrib))
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
    etree = _etree()
    props = run.find(_RPR)
    props = copy.deepcopy(props) if props is not None else etree.Element(_RPR)
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
    return _etree().Element(_w(tag), attrib={_w(k): v for k, v in attributes.items()})


def _text_run(text: str, props: Any | None) -> Any:
    run = _etree().Element(_R_)
    if props is not None and len(props):
        run.append(props)
    t = _etree().SubElement(run, _T)
    t.text = text
    _preserve(t)
    return run


def _insert_after(story: _Story, offset: int, make: Callable[[Any], Any]) -> None:
    """Insert the run ``make(name_run)`` into the story right after the character before
    ``offset``."""
    i = bisect.bisect_left(story.ends, offset)
    while i < len(story.atoms) and story.atoms[i].start >= offset:  # an atom that holds offset - 1
        i -= 1
    atom = story.atoms[min(i, len(story.atoms) - 1)]
    run = _split_at(atom, offset)
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
        return _PARAGRAPHS.join(paragraphs)

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
        etree = _etree()
        if text_id is None:
            text_id = _free_id("FootnoteText", ids)
            style = etree.SubElement(root, _w("style"), attrib={_w("type"): "paragraph", _w("styleId"): text_id})
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
            ppr = etree.SubElement(style, _PPR)
            ppr.append(_element("spacing", after="0", line="240", lineRule="auto"))
            rpr = etree.SubElement(style, _RPR)
            rpr.append(_element("sz", val="20"))
            rpr.append(_element("szCs", val="20"))
            package.dirty.add(part)
        if ref_id is None:
            ref_id = _free_id("FootnoteReference", ids)
            style = etree.SubElement(root, _w("style"), attrib={_w("type"): "character", _w("styleId"): ref_id})
            style.append(_element("name", val="footnote reference"))
            style.append(_element("uiPriority", val="99"))
            style.append(_element("unhideWhenUsed"))
            rpr = etree.SubElement(style, _RPR)
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
        etree = _etree()
        note = etree.SubElement(root, _w("footnote"), attrib={_w("id"): note_id})
        p = etree.SubElement(note, _P)
        if text_style:
            ppr = etree.SubElement(p, _PPR)
            ppr.append(_element("pStyle", val=text_style))
        ref = etree.SubElement(p, _R_)
        rpr = etree.SubElement(ref, _RPR)
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
        etree = _etree()
        folder = posixpath.dirname(package.document)
        self.part = posixpath.join(folder, "footnotes.xml")
        root = etree.Element(_w("footnotes"), nsmap={"w": W, "r": _R})
        for note_id, kind in (("-1", "separator"), ("0", "continuationSeparator")):
            note = etree.SubElement(root, _w("footnote"), attrib={_w("type"): kind, _w("id"): note_id})
            p = etree.SubElement(note, _P)
            ppr = etree.SubElement(p, _PPR)
            ppr.append(_element("spacing", after="0", line="240", lineRule="auto"))
            run = etree.SubElement(p, _R_)
            run.append(_element(kind))
        package.new_part(self.part, root)
        rels_name, rels = package.relationships(package.document)
        taken = {rel.get("Id") for rel in rels}
        rel_id = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
        etree.SubElement(
            rels,
            f"{{{_PKG_RELS}}}Relationship",
            attrib={"Id": rel_id, "Type": _RT + "footnotes", "Target": posixpath.relpath(self.part, folder)},
        )
        package.dirty.add(rels_name)
        types = package.tree("[Content_Types].xml")
        etree.SubElement(
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


def _block_paragraph(body: Any, story: _Story) -> tuple[Any, Any, Any]:
    """Where newsroom footnotes go and what they look like: (the element to insert after, the
    paragraph properties and the run properties of the body's usual paragraph)."""
    texts = {id(p): "" for _, _, p in story.paragraphs}
    for i, (_, start, p) in enumerate(story.paragraphs):
        end = story.paragraphs[i + 1][1] - len(_PARAGRAPHS) if i + 1 < len(story.paragraphs) else len(story.text)
        texts[id(p)] = story.text[start:end]
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


def _append_newsroom(package: _Package, story: _Story, notes: Sequence[tuple[str, str]]) -> None:
    body = package.tree(package.document).find(_w("body"))
    after, ppr, rpr = _block_paragraph(body, story)
    etree = _etree()
    for marker, sentence in notes:
        p = etree.Element(_P)
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


# --- the API ----------------------------------------------------------------------------------


@attrs.frozen
class DocxAnnotation:
    """The result of :func:`annotate_docx`: the new file's bytes and what was found.

    ``text`` is the body as the library read it (paragraphs separated by a blank line); the
    offsets of ``mentions`` are into it. ``header_mentions`` are those of headers and footers.
    """

    data: bytes
    text: str
    mentions: tuple[Mention, ...]
    header_mentions: tuple[Mention, ...]
    footnotes: tuple[Footnote, ...]
    lang: str
    changed: bool


@attrs.frozen
class DocxIssue:
    """A problem :func:`check_docx` found, with where it is (``"word/document.xml, paragraph 3"``)."""

    where: str
    issue: Issue

    @property
    def message(self) -> str:
        return self.issue.message


def _annotator(annotator: Annotator | None) -> Annotator:
    if annotator is not None:
        return annotator
    from .annotator import default_annotator

    return default_annotator()


def _stories(package: _Package) -> tuple[_Story, _Story]:
    if package.tree(package.document).tag != _w("document"):
        raise ValueError(f"not a Word document (.docx): its main part {package.document!r} is not a document")
    body = _read_story(package, [package.document])
    furniture = package.related(package.document, "header") + package.related(package.document, "footer")
    return body, _read_story(package, furniture)


def docx_text(source: Source) -> str:
    """The body of a Word document as the library reads it: paragraphs (tables and text boxes
    included) separated by a blank line, a footnote reference read as ``*``."""
    return _stories(_Package(source))[0].text


def annotate_docx(
    source: Source,
    *,
    on: DateLike | None = None,
    lang: Literal["en", "ru", "kk"] | None = None,
    footnotes: FootnoteStyle = "word",
    marker: str = "*",
    superscript: bool = False,
    mentions: Literal["first", "all"] = "first",
    annotator: Annotator | None = None,
) -> DocxAnnotation:
    """Mark the organisations banned on ``on`` in a Word document and add their footnotes.

    ``source`` is a path, the file's bytes or a binary file. ``footnotes`` is ``"word"`` (real
    Word footnotes) or ``"newsroom"`` (text markers and paragraphs at the end of the body);
    ``marker`` (``"*"``, ``"numbered"``, ``"superscript"`` or a literal) and ``superscript``
    (marker runs raised) apply to text markers. Returns the new file as bytes; ``changed`` is
    false when there was nothing to add (the bytes are then the input's, unchanged).
    """
    if footnotes not in ("word", "newsroom"):
        raise ValueError(f"footnotes={footnotes!r} is not 'word' or 'newsroom'")
    from .annotator import _marker_for, detect_language

    finder = _annotator(annotator)
    day = as_date(on)
    package = _Package(source)
    body, furniture = _stories(package)
    language = lang or detect_language(body.text)
    templates = finder.registry.templates or None
    notes_part = _WordNotes(package)
    sentences: dict[str, str] = {}

    def sentence_of(org: Organisation) -> str | None:
        if org.id not in sentences:
            sentences[org.id] = render(org, language, on=day, templates=templates) or ""
        return sentences[org.id] or None

    # the body: markers through the plain-text annotation, each org behind a token
    tokens: dict[str, Organisation] = {}

    def token(index: int, org: Organisation) -> str:
        tokens[f"\x01{index}"] = org
        return f"\x01{index}"

    result = finder.annotate(body.text, on=day, lang=language, marker=token, mentions=mentions, format="text")
    sentences.update({n.org.id: n.text for n in result.footnotes})
    real = {org.id: _marker_for(marker, int(key[1:]), org) for key, org in tokens.items()}
    footnoted = _explained(finder, body, notes_part, day)
    edits: list[tuple[_Story, int, Callable[[Any], Any]]] = []
    notes: list[Footnote] = []
    newsroom: list[tuple[str, str]] = []
    for ins in sorted(result.insertions, key=lambda x: x.offset):
        org = tokens.get(ins.text)
        if org is None:  # the footnote block of the plain-text annotation: written below instead
            continue
        if footnotes == "word":
            text = sentence_of(org)
            if text is None:
                continue
            note_id = notes_part.add(text)
            notes.append(Footnote(note_id, org, text))
            edits.append((body, ins.offset, _reference_maker(note_id, notes_part.styles()[1])))
        else:
            edits.append((body, ins.offset, _marker_maker(real[org.id], superscript)))
    if footnotes == "newsroom":
        for note in result.footnotes:
            if note.org.id in footnoted:  # a Word footnote explains it already
                continue
            notes.append(Footnote(real[note.org.id], note.org, note.text))
            newsroom.append((real[note.org.id], note.text))

    # names only a header or a footer holds: a text marker there, the note at the end of the body
    in_body = {m.org.id for m in result.mentions}
    header_tokens: dict[str, Organisation] = {}

    def header_token(index: int, org: Organisation) -> str:
        header_tokens[f"\x02{index}"] = org
        return f"\x02{index}"

    header_result = finder.annotate(
        furniture.text, on=day, lang=language, marker=header_token, mentions=mentions, footnotes=False, format="text"
    )
    for ins in header_result.insertions:
        org = header_tokens[ins.text]
        if org.id not in in_body:
            real.setdefault(org.id, _marker_for(marker, len(real), org))
            edits.append((furniture, ins.offset, _marker_maker(real[org.id], superscript)))
    for org in {m.org.id: m.org for m in header_result.mentions}.values():
        text = sentence_of(org)
        if org.id not in in_body and org.id not in footnoted and text is not None:
            real.setdefault(org.id, _marker_for(marker, len(real), org))
            notes.append(Footnote(real[org.id], org, text))
            newsroom.append((real[org.id], text))

    # last offsets first: a split run keeps the text before it where it was
    for story, offset, make in sorted(edits, key=lambda e: (id(e[0]), e[1]), reverse=True):
        _insert_after(story, offset, make)
        package.dirty.add(story.where(offset)[0])
    if newsroom:
        _append_newsroom(package, body, newsroom)
    data = package.save() if package.dirty else package.raw
    return DocxAnnotation(
        data, body.text, result.mentions, header_result.mentions, tuple(notes), language, bool(package.dirty)
    )


def _reference_maker(note_id: str, style: str | None) -> Callable[[Any], Any]:
    def make(run: Any) -> Any:
        new = _etree().Element(_R_)
        new.append(_marker_props(run, style=style, superscript=style is None))
        new.append(_element("footnoteReference", id=note_id))
        return new

    return make


def _marker_maker(marker: str, superscript: bool) -> Callable[[Any], Any]:
    def make(run: Any) -> Any:
        return _text_run(marker, _marker_props(run, style=None, superscript=superscript))

    return make


def _explained(finder: Annotator, body: _Story, notes: _WordNotes, day: dt.date) -> set[str]:
    """The organisations the document explains: in its Word footnotes or in a block of
    footnote paragraphs at the end of the body."""
    from . import formats

    start = formats.existing_block_start(body.text, "text")
    found = (
        {m.org.id for m in finder.find(body.text[start:], on=day, format="text")} if start < len(body.text) else set()
    )
    text = notes.text()
    if text:
        found |= {m.org.id for m in finder.find(text, on=day, format="text")}
    return found


def check_docx(source: Source, *, on: DateLike | None = None, annotator: Annotator | None = None) -> list[DocxIssue]:
    """What :meth:`Annotator.check` reports for a Word document, body first, then headers and
    footers; a marker may be a text marker or a Word footnote reference, a footnote a Word
    footnote or a paragraph at the end of the body.
    """
    finder = _annotator(annotator)
    day = as_date(on)
    package = _Package(source)
    body, furniture = _stories(package)
    footnoted = _explained(finder, body, _WordNotes(package), day)
    found: list[DocxIssue] = []
    in_body = {m.org.id for m in finder.find(body.text, on=day, format="text", include_unbanned=True)}
    for story, issues in (
        (body, finder.check(body.text, on=day, format="text")),
        (furniture, finder.check(furniture.text, on=day, format="text")),
    ):
        for issue in issues:
            org = issue.mention.org.id
            if issue.kind == "no-footnote" and org in footnoted:
                continue
            if story is furniture and org in in_body:
                continue  # page furniture: the body marks and explains it
            part, number = story.where(issue.mention.start)
            found.append(DocxIssue(f"{part}, paragraph {number}", issue))
    return found
