"""What Word (``.docx``) and OpenDocument (``.odt``) files share: a zip of XML parts of which
only the edited ones are rewritten, their text read as paragraphs, and one way to annotate and
check that text. :mod:`bannedorgs.docx` and :mod:`bannedorgs.odt` say where a format keeps its
text, how a marker and a footnote are written into it, and where newsroom paragraphs go.

The text of a document is two *stories*: the body, and the headers and footers. A story is
its paragraphs joined by a blank line (no name spans two paragraphs, and a block of footnote
paragraphs at the end of the body is recognised as in plain text); each character points back
to the XML node it came from. The plain-text annotation decides where markers go and which
organisations need a footnote; the format then writes them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import os
import re
import zipfile
import zlib
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

import attrs

from ._dates import as_date
from .footnotes import render
from .model import Footnote, Mention, Organisation

if TYPE_CHECKING:
    from .annotator import Annotator, DateLike, Issue
    from .language import Language

__all__ = ["DocumentAnnotation", "DocumentIssue"]

Source = str | os.PathLike[str] | bytes | IO[bytes]
FootnoteStyle = Literal["word", "newsroom"]
PARAGRAPHS = "\n\n"  # between paragraphs: no name spans two of them
NOT_TEXT = "\x00"  # a drawing, a symbol, a field: nothing a name runs through
_LARGEST = 1 << 30  # unpacked bytes: a zip that claims more is not an article
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def etree() -> Any:
    """lxml's etree, or an error that says how to install it."""
    try:
        from lxml import etree as _etree
    except ImportError:  # pragma: no cover - the extra is installed wherever tests run
        raise ModuleNotFoundError(
            "reading Word and OpenDocument files needs lxml; install it with: pip install 'bannedorgs[docx]'",
            name="lxml",
        ) from None
    return _etree


def read(source: Source) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read()
    data = source.read()
    if not isinstance(data, bytes):
        raise TypeError(f"a document is read as bytes; the file gave {type(data).__name__}")
    return data


class Package:
    """The zip: parts by name, the parsed XML of the parts being read or edited, what changed.

    ``kind`` names the format in error messages (``"Word document (.docx)"``)."""

    def __init__(self, source: Source, kind: str) -> None:
        self.kind = kind
        data = self.raw = read(source)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            self.infos = archive.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
            raise ValueError(f"not a {kind}: the zip cannot be read ({exc})") from None
        unpacked = sum(info.file_size for info in self.infos)
        if unpacked > _LARGEST:
            raise ValueError(f"the document would unpack to {unpacked} bytes, more than the {_LARGEST} allowed")
        try:
            self.parts = {info.filename: archive.read(info) for info in self.infos}
        except (zipfile.BadZipFile, KeyError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
            raise ValueError(f"not a {kind}: the zip cannot be read ({exc})") from None
        except RuntimeError:  # zipfile's word for a part that is encrypted
            raise ValueError(f"not a {kind} this library can read: its parts are encrypted with a password") from None
        self._trees: dict[str, Any] = {}
        self.dirty: set[str] = set()

    def tree(self, name: str) -> Any:
        if name not in self._trees:
            if name not in self.parts:
                raise ValueError(f"not a {self.kind}: the part {name!r} is missing")
            lxml = etree()
            parser = lxml.XMLParser(resolve_entities=False, no_network=True)
            try:
                self._trees[name] = lxml.fromstring(self.parts[name], parser)
            except lxml.XMLSyntaxError as exc:
                raise ValueError(f"{name} in the {self.kind} is not well-formed XML: {exc}") from None
        return self._trees[name]

    def new_part(self, name: str, root: Any) -> None:
        self._trees[name] = root
        self.parts[name] = b""
        self.dirty.add(name)

    def save(self) -> bytes:
        """The zip with the edited parts serialised and every other part as it was, in the
        original order (an OpenDocument's uncompressed ``mimetype`` stays first)."""
        lxml = etree()
        out = io.BytesIO()
        names = {info.filename for info in self.infos}
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in self.infos:
                archive.writestr(info, self._bytes(info.filename, lxml), compress_type=info.compress_type)
            # a new part takes the newest time already in the file, not the clock's, so the same
            # input always gives the same bytes
            stamp = max((info.date_time for info in self.infos), default=(1980, 1, 1, 0, 0, 0))
            for name in sorted(self.dirty - names):
                archive.writestr(
                    zipfile.ZipInfo(name, stamp), self._bytes(name, lxml), compress_type=zipfile.ZIP_DEFLATED
                )
        return out.getvalue()

    def _bytes(self, name: str, lxml: Any) -> bytes:
        if name not in self.dirty:
            return self.parts[name]
        declaration = re.match(rb"<\?xml[^>]*\?>\s*", self.parts[name])
        head = declaration.group() if declaration else _DECLARATION
        body: bytes = lxml.tostring(self._trees[name], encoding="UTF-8", xml_declaration=False)
        return head + body


# --- stories ----------------------------------------------------------------------------------


@attrs.define
class Atom:
    """A piece of a story's text and the XML it came from (what ``node`` and ``slot`` are is
    the format's business: a run and its child, or an element and "text" or "tail")."""

    start: int
    end: int
    node: Any
    slot: Any


@attrs.define
class Story:
    """Paragraphs read as one text, an atom per piece of it."""

    text: str
    atoms: list[Atom]
    paragraphs: list[tuple[str, int, Any]]  # (part, start offset, paragraph element), in text order
    # for bisection: an edit never moves an atom's start or end, because the text after an
    # insertion point moves to a new node and the atom keeps the text before it
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

    def atom_before(self, offset: int) -> Atom:
        """The atom that holds the character before ``offset``."""
        i = bisect.bisect_left(self.ends, offset)
        while i < len(self.atoms) and self.atoms[i].start >= offset:
            i -= 1
        return self.atoms[min(i, len(self.atoms) - 1)]

    def paragraph_texts(self) -> dict[int, str]:
        """The text of each paragraph, by the id of its element."""
        texts = {}
        for i, (_, start, p) in enumerate(self.paragraphs):
            end = self.starts[i + 1] - len(PARAGRAPHS) if i + 1 < len(self.paragraphs) else len(self.text)
            texts[id(p)] = self.text[start:end]
        return texts


class StoryBuilder:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.atoms: list[Atom] = []
        self.paragraphs: list[tuple[str, int, Any]] = []
        self.length = 0

    def paragraph(self, part: str, element: Any) -> None:
        if self.paragraphs:
            self.pieces.append(PARAGRAPHS)
            self.length += len(PARAGRAPHS)
        self.paragraphs.append((part, self.length, element))

    def add(self, piece: str, node: Any, slot: Any) -> None:
        if piece:
            self.atoms.append(Atom(self.length, self.length + len(piece), node, slot))
            self.pieces.append(piece)
            self.length += len(piece)

    def build(self) -> Story:
        return Story("".join(self.pieces), self.atoms, self.paragraphs)


@attrs.frozen
class Edit:
    """A marker (``kind`` "mark", ``text`` the marker) or a footnote (``kind`` "note", ``text``
    the sentence) to write after the character before ``offset`` of a story."""

    story: Story
    offset: int
    kind: Literal["mark", "note"]
    text: str


class Document(Protocol):
    """A format's reading of one file (see the module doc)."""

    body: Story
    furniture: Story

    @property
    def package(self) -> Package:
        """The file's zip."""

    def notes_text(self) -> str:
        """The text of the footnotes the format keeps apart from the body (Word footnotes)."""

    def apply(self, edits: Sequence[Edit], *, superscript: bool) -> list[str]:
        """Write the edits (given in story order, then text order); the ids of the footnotes
        of the "note" edits, in the same order."""

    def append_paragraphs(self, notes: Sequence[tuple[str, str]]) -> None:
        """Add ``(marker, sentence)`` paragraphs at the end of the body, in its style."""


# --- annotating and checking ------------------------------------------------------------------


@attrs.frozen
class DocumentAnnotation:
    """The result of annotating a Word or OpenDocument file: its new bytes and what was found.

    ``text`` is the body as the library read it (paragraphs separated by a blank line); the
    offsets of ``mentions`` are into it. ``header_mentions`` are those of headers and footers.
    ``changed`` is false when there was nothing to add; ``data`` is then the input, unchanged.
    """

    data: bytes
    text: str
    mentions: tuple[Mention, ...]
    header_mentions: tuple[Mention, ...]
    footnotes: tuple[Footnote, ...]
    lang: str
    changed: bool


@attrs.frozen
class DocumentIssue:
    """A problem found by checking a document, with its place (``"word/document.xml, paragraph 3"``)."""

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


def _explained(finder: Annotator, document: Document, day: dt.date) -> set[str]:
    """The organisations a document explains: in footnotes of its own or in a block of
    footnote paragraphs at the end of the body."""
    from . import formats

    body = document.body.text
    start = formats.existing_block_start(body, "text")
    found = {m.org.id for m in finder.find(body[start:], on=day, format="text")} if start < len(body) else set()
    text = document.notes_text()
    if text:
        found |= {m.org.id for m in finder.find(text, on=day, format="text")}
    return found


def annotate_document(
    document: Document,
    *,
    on: DateLike | None,
    lang: Language | None,
    footnotes: FootnoteStyle,
    marker: str,
    superscript: bool,
    mentions: Literal["first", "all"],
    annotator: Annotator | None,
) -> DocumentAnnotation:
    """Mark and footnote a document; see :func:`bannedorgs.docx.annotate_docx`."""
    if footnotes not in ("word", "newsroom"):
        raise ValueError(f"footnotes={footnotes!r} is not 'word' or 'newsroom'")
    from .annotator import detect_language
    from .markers import marker_for as _marker_for

    finder = _annotator(annotator)
    day = as_date(on)
    body, furniture = document.body, document.furniture
    language = lang or detect_language(body.text)
    templates = finder.registry.templates or None
    sentences: dict[str, str] = {}

    def sentence_of(org: Organisation) -> str | None:
        if org.id not in sentences:
            sentences[org.id] = render(org, language, on=day, templates=templates) or ""
        return sentences[org.id] or None

    # the body: where the plain-text annotation puts markers, each organisation behind a token
    tokens: dict[str, Organisation] = {}

    def token(index: int, org: Organisation) -> str:
        tokens[f"\x01{index}"] = org
        return f"\x01{index}"

    result = finder.annotate(body.text, on=day, lang=language, marker=token, mentions=mentions, format="text")
    sentences.update({n.org.id: n.text for n in result.footnotes})
    real = {org.id: _marker_for(marker, int(key[1:]), org) for key, org in tokens.items()}
    footnoted = _explained(finder, document, day)
    edits: list[Edit] = []
    notes: list[tuple[str, Organisation, str]] = []  # (marker or "" for a footnote of the format's own)
    newsroom: list[tuple[str, str]] = []
    for ins in sorted(result.insertions, key=lambda x: x.offset):
        org = tokens.get(ins.text)
        if org is None:  # the footnote block of the plain-text annotation: written below instead
            continue
        if footnotes == "word":
            text = sentence_of(org)
            if text is not None:
                edits.append(Edit(body, ins.offset, "note", text))
                notes.append(("", org, text))
        else:
            edits.append(Edit(body, ins.offset, "mark", real[org.id]))
    if footnotes == "newsroom":
        for note in result.footnotes:
            if note.org.id not in footnoted:  # a footnote of the document's own explains it already
                notes.append((real[note.org.id], note.org, note.text))
                newsroom.append((real[note.org.id], note.text))

    # names that only a header or a footer holds: a text marker there, the note in the body
    # (a header has no footnotes); names the body holds are page furniture there
    in_body = {m.org.id for m in result.mentions}
    header_tokens: dict[str, Organisation] = {}

    def header_token(index: int, org: Organisation) -> str:
        header_tokens[f"\x02{index}"] = org
        return f"\x02{index}"

    header_result = finder.annotate(
        furniture.text, on=day, lang=language, marker=header_token, mentions=mentions, footnotes=False, format="text"
    )
    for ins in sorted(header_result.insertions, key=lambda x: x.offset):
        org = header_tokens[ins.text]
        if org.id not in in_body:
            real.setdefault(org.id, _marker_for(marker, len(real), org))
            edits.append(Edit(furniture, ins.offset, "mark", real[org.id]))
    for org in {m.org.id: m.org for m in header_result.mentions}.values():
        text = sentence_of(org)
        if org.id not in in_body and org.id not in footnoted and text is not None:
            real.setdefault(org.id, _marker_for(marker, len(real), org))
            notes.append((real[org.id], org, text))
            newsroom.append((real[org.id], text))

    ids = iter(document.apply(edits, superscript=superscript)) if edits else iter(())
    footnotes_out = tuple(Footnote(mark or next(ids), org, text) for mark, org, text in notes)
    if newsroom:
        document.append_paragraphs(newsroom)
    package = document.package
    data = package.save() if package.dirty else package.raw
    return DocumentAnnotation(
        data, body.text, result.mentions, header_result.mentions, footnotes_out, language, bool(package.dirty)
    )


def check_document(document: Document, *, on: DateLike | None, annotator: Annotator | None) -> list[DocumentIssue]:
    """What :meth:`Annotator.check` reports for a document; see :func:`bannedorgs.docx.check_docx`."""
    finder = _annotator(annotator)
    day = as_date(on)
    body, furniture = document.body, document.furniture
    footnoted = _explained(finder, document, day)
    found: list[DocumentIssue] = []
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
            found.append(DocumentIssue(f"{part}, paragraph {number}", issue))
    return found
