"""Annotate many texts in worker processes, one Annotator per worker, order kept."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from .annotator import Annotation, Annotator
    from .model import Organisation

__all__ = ["IN_FLIGHT", "annotate_many", "annotate_partition"]

_WORKER: Annotator | None = None
_INPUT: Sequence[str] = ()  # a forked worker's copy of the parent's list of texts


def _init(annotator: Annotator, texts: Sequence[str]) -> None:
    global _WORKER, _INPUT  # one Annotator (and input) per worker process, set once
    _WORKER, _INPUT = annotator, texts


# A result as it travels back: the annotated text (None when it is the input with the
# insertions applied, which the parent can do itself), its mentions as tuples of plain values
# (organisation id, start, end, score, rule, alias, marked, state), footnotes as (marker,
# organisation id, text), insertions as (offset, text), the language and the format. The
# parent has the input, so neither a mention's surface nor the text is sent back.
Packed = tuple[
    str | None, tuple[tuple[Any, ...], ...], tuple[tuple[str, str, str], ...], tuple[tuple[int, str], ...], str, str
]
# A chunk of work: the texts themselves, or (with fork) the range of them in the input the
# worker inherited, so the parent spends nothing on sending them.
Job = tuple[list[str] | range, dict[str, Any]]


def _work(job: Job) -> list[Packed]:
    from .annotator import _apply

    assert _WORKER is not None
    texts, options = job
    packed = []
    for text in texts if isinstance(texts, list) else map(_INPUT.__getitem__, texts):
        result = _WORKER.annotate(text, **options)
        derived = result.text == _apply(text, result.insertions)
        packed.append(_pack(result, send_text=not derived))
    return packed


def _pack(result: Annotation, *, send_text: bool = True) -> Packed:
    """The result without its objects: a fraction of the bytes to send back, and plain
    values are what pickles fastest."""
    return (
        result.text if send_text else None,
        tuple((m.org.id, m.start, m.end, m.score, m.rule, m.alias, m.marked, m.state.value) for m in result.mentions),
        tuple((f.marker, f.org.id, f.text) for f in result.footnotes),
        tuple((i.offset, i.text) for i in result.insertions),
        result.lang,
        result.format,
    )


def _unpacker(organisations: dict[str, Organisation]) -> Callable[[str, Packed], Annotation]:
    from .annotator import Annotation, Insertion, _apply
    from .model import Footnote, Mention, State

    org = organisations.__getitem__
    state = {s.value: s for s in State}.__getitem__
    notes: dict[tuple[str, str, str], Footnote] = {}  # the same few footnotes come back again and again

    def note(marker: str, org_id: str, sentence: str) -> Footnote:
        key = (marker, org_id, sentence)
        found = notes.get(key)
        if found is None:
            if len(notes) > 4096:
                notes.clear()
            found = notes[key] = Footnote(marker, org(org_id), sentence)
        return found

    def unpack(text: str, packed: Packed) -> Annotation:
        out, mentions, footnotes, insertions, lang, fmt = packed
        inserted = tuple(Insertion(offset, piece) for offset, piece in insertions)
        return Annotation(
            _apply(text, inserted) if out is None else out,
            tuple(
                Mention(org(i), s, e, text[s:e], score, rule, alias, marked, state(st))
                for i, s, e, score, rule, alias, marked, st in mentions
            ),
            tuple(note(*f) for f in footnotes),
            inserted,
            lang,
            fmt,
        )

    return unpack


IN_FLIGHT = 2  # chunks per worker sent and not yet handed out: enough to keep a worker busy


def annotate_many(
    annotator: Annotator,
    texts: Iterable[str],
    *,
    processes: int | None = None,
    chunksize: int | None = None,
    **options: Any,
) -> Iterator[Annotation]:
    """Yield ``annotator.annotate(text, **options)`` for each text, in order.

    ``processes=None`` uses every core; ``processes=1`` works in this process. The
    Annotator is compiled here once and shipped to each worker once. ``chunksize`` (texts
    per message) defaults to a quarter of each worker's share, between 16 and 1024.
    Texts are read from ``texts`` only as results are taken: at most ``IN_FLIGHT`` chunks
    per worker are sent and not yet handed out, so a slow consumer holds memory for those
    only, however long the input.
    """
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if chunksize is not None and chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    if processes == 1:
        for text in texts:
            yield annotator.annotate(text, **options)
        return
    annotator.matcher  # noqa: B018 - compile before forking so workers inherit it
    workers = processes or os.cpu_count() or 1
    if chunksize is None:
        # large chunks: sending texts and results between processes costs more than
        # annotating a short article, so fewer, bigger messages scale better
        count = len(texts) if isinstance(texts, Sized) else 4096
        chunksize = max(16, min(1024, count // (workers * 4) or 1))
    unpack = _unpacker({org.id: org for org in annotator.registry})
    # a list or tuple given to forked workers is theirs already: only ranges of it are sent
    shared = texts if isinstance(texts, list | tuple) and multiprocessing.get_start_method() == "fork" else ()
    source = iter(texts)
    pending: deque[tuple[list[str], AsyncResult[list[Packed]]]] = deque()
    # Forked workers share the parent's memory until they write to it, and a garbage
    # collection writes to every object it visits: frozen objects are not visited, so the
    # workers do not copy the whole heap page by page.
    gc.freeze()
    try:
        pool = multiprocessing.Pool(workers, initializer=_init, initargs=(annotator, shared))
    finally:
        gc.unfreeze()
    with pool:
        taken = 0

        def send() -> None:
            nonlocal taken
            chunk = list(itertools.islice(source, chunksize))
            if chunk:
                job: Job = (range(taken, taken + len(chunk)) if shared else chunk, options)
                pending.append((chunk, pool.apply_async(_work, (job,))))
                taken += len(chunk)

        for _ in range(IN_FLIGHT * workers):
            send()
        while pending:
            chunk, result = pending.popleft()
            packed = result.get()
            send()  # the workers go on while this chunk is handed out
            for text, one in zip(chunk, packed, strict=True):
                yield unpack(text, one)


def annotate_partition(
    texts: Iterable[str],
    *,
    registry: str | None = None,
    extra: Iterable[str] = (),
    **options: Any,
) -> Iterator[str]:
    """Annotate the texts of one partition of a distributed collection, in order.

    Made for ``dask.bag.Bag.map_partitions`` and PySpark's ``RDD.mapPartitions``: each
    partition builds one Annotator (from the on-disk cache when the worker has one) and
    yields the annotated texts. ``registry`` and ``extra`` are file paths, so only strings
    travel to the workers.
    """
    from .annotator import Annotator, default_annotator
    from .registry import load

    annotator = Annotator(load(registry, extra=list(extra))) if registry or extra else default_annotator()
    for text in texts:
        yield annotator.annotate(text, **options).text
