"""A spaCy pipeline component that marks organisations banned by Kazakh courts.

Install with ``pip install "bannedorgs[spacy]"``; spaCy finds the factory through the
``spacy_factories`` entry point, so no import is needed:

>>> import spacy
>>> nlp = spacy.blank("ru")
>>> _ = nlp.add_pipe("bannedorgs", config={"on": "2024-06-01"})
>>> doc = nlp("Члены «Хизб ут-Тахрир» задержаны.")
>>> [(span.text, span._.bannedorgs_id, span._.bannedorgs_status) for span in doc.spans["bannedorgs"]]
[('Хизб ут-Тахрир', 'hizb-ut-tahrir', 'banned')]

Each mention that :func:`bannedorgs.find` finds becomes a span of ``doc.spans["bannedorgs"]``
(label ``BANNED_ORG``, ``kb_id_`` the organisation's id) with the extensions
``bannedorgs_id``, ``bannedorgs_status`` (``banned``, ``uncertain`` or, with
``include_unbanned``, ``not banned``, on the configured date) and ``bannedorgs_rule`` (how
the name was recognised). With ``set_ents`` the spans are also added to ``doc.ents``
where they overlap no entity already there: existing entities are never replaced.

Offsets. bannedorgs matches characters and spaCy's spans are whole tokens. A mention whose
ends fall on token boundaries (almost all: a name, or a name with its Russian or Kazakh
ending, is whole words) gives a span with exactly its characters. One that starts or ends
inside a token (``Taliban`` in ``Taliban-led``) gives the smallest span of whole tokens that
holds it (``Doc.char_span(..., alignment_mode="expand")``), and its exact characters stay in
``bannedorgs_start_char`` and ``bannedorgs_end_char``.

Languages. Russian (``spacy.blank("ru")``) and English (``"en"``) have spaCy classes; for
Kazakh use the multi-language ``spacy.blank("xx")``: spaCy has no Kazakh tokenizer rules or
morphology, and none is needed, since bannedorgs itself recognises the Kazakh suffix chains
(``Хизб ут-Тахрирдің``, ``Талибанға``) on the characters of the text.

The date (``on``, default: the day each text is processed), the registry (``registry``, a
path; default the bundled one) and ``extra`` files are config values. ``nlp.to_disk`` saves
the registry files beside the component, so a saved pipeline answers with the same data
wherever it is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ._dates import as_date
from .annotator import Annotator
from .registry import default_registry, load

__all__ = ["LABEL", "BannedOrgsComponent", "make_component"]

LABEL = "BANNED_ORG"
_EXTENSIONS = (
    "bannedorgs_id",
    "bannedorgs_status",
    "bannedorgs_rule",
    "bannedorgs_start_char",
    "bannedorgs_end_char",
)
_SAVED = "registry"  # the directory, inside the component's, that holds the registry files


def _register_extensions() -> None:
    for name in _EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class BannedOrgsComponent:
    """Writes the mentions of banned organisations to ``doc.spans[spans_key]`` (and ``doc.ents``)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "bannedorgs",
        *,
        on: str | None = None,
        registry: str | None = None,
        extra: Sequence[str] = (),
        spans_key: str = "bannedorgs",
        set_ents: bool = False,
        include_unbanned: bool = False,
    ) -> None:
        _register_extensions()
        self.name = name
        self.on = on
        self.day: dt.date | None = as_date(on) if on else None  # a bad date fails here, not per text
        self.registry_path = registry
        self.extra = list(extra)
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.include_unbanned = include_unbanned
        # (role, file name, bytes) of the registry files: to_disk saves them, from_disk reads them
        self._files: list[tuple[str, str, bytes]] = []
        self._missing: str | None = None
        self.annotator: Annotator | None = None
        try:
            files = [
                *([("registry", Path(registry).name, Path(registry).read_bytes())] if registry else []),
                *(("extra", Path(p).name, Path(p).read_bytes()) for p in self.extra),
            ]
        except FileNotFoundError as exc:
            # spacy.load() builds the component from its config before from_disk() gives it the
            # saved copy, so a file gone since the pipeline was saved is not an error yet
            self._missing = str(exc.filename)
            return
        self._use(files)

    def _use(self, files: list[tuple[str, str, bytes]]) -> None:
        """Load the registry these files make (the bundled one when there are none)."""
        import tempfile

        self._files = files
        if not files:
            self.annotator = Annotator(default_registry())
            return
        with tempfile.TemporaryDirectory(prefix="bannedorgs-spacy-") as tmp:
            paths: dict[str, list[Path]] = {"registry": [], "extra": []}
            for index, (role, name, data) in enumerate(files):
                path = Path(tmp) / f"{index:02d}-{name}"  # two files of one name stay apart
                path.write_bytes(data)
                paths[role].append(path)
            main = paths["registry"][0] if paths["registry"] else None
            self.annotator = Annotator(load(main, extra=paths["extra"]))

    # -- processing ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.annotator is None:
            raise FileNotFoundError(f"the registry file {self._missing!r} of the bannedorgs component does not exist")
        day = self.day or dt.date.today()
        mentions = self.annotator.find(doc.text, on=day, format="text", include_unbanned=self.include_unbanned)
        spans: list[Span] = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, label=LABEL, kb_id=mention.org.id, alignment_mode="expand")
            if span is None:  # pragma: no cover - "expand" finds tokens for any non-empty range in the text
                continue
            span._.bannedorgs_id = mention.org.id
            span._.bannedorgs_status = mention.state.value
            span._.bannedorgs_rule = mention.rule
            span._.bannedorgs_start_char = mention.start
            span._.bannedorgs_end_char = mention.end
            spans.append(span)
        doc.spans[self.spans_key] = spans
        if self.set_ents:
            doc.ents = _merged(doc.ents, spans)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # -- serialisation ------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        directory = Path(path) / _SAVED
        directory.mkdir(parents=True, exist_ok=True)
        for index, (role, name, data) in enumerate(self._files):
            (directory / f"{index:02d}-{role}-{name}").write_bytes(data)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> BannedOrgsComponent:
        directory = Path(path) / _SAVED
        saved = sorted(directory.iterdir()) if directory.is_dir() else []
        files = []
        for item in saved:
            _, role, name = item.name.split("-", 2)
            files.append((role, name, item.read_bytes()))
        self._use(files)
        return self


def _merged(ents: Sequence[Span], spans: Sequence[Span]) -> list[Span]:
    """The entities, plus every span that overlaps none of them nor an earlier span added."""
    taken = [(e.start, e.end) for e in ents]
    kept = list(ents)
    for span in spans:
        if all(span.end <= start or span.start >= end for start, end in taken):
            kept.append(span)
            taken.append((span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


@Language.factory(
    "bannedorgs",
    default_config={
        "on": None,
        "registry": None,
        "extra": [],
        "spans_key": "bannedorgs",
        "set_ents": False,
        "include_unbanned": False,
    },
    assigns=["doc.spans", "doc.ents"],
)
def make_component(
    nlp: Language,
    name: str,
    *,
    on: str | None,
    registry: str | None,
    extra: list[str],
    spans_key: str,
    set_ents: bool,
    include_unbanned: bool,
) -> BannedOrgsComponent:
    """The ``bannedorgs`` factory (``nlp.add_pipe("bannedorgs", config={...})``)."""
    return BannedOrgsComponent(
        nlp,
        name,
        on=on,
        registry=registry,
        extra=extra,
        spans_key=spans_key,
        set_ents=set_ents,
        include_unbanned=include_unbanned,
    )
