"""Annotate many texts in worker processes, one Annotator per worker, order kept."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sized
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .annotator import Annotation, Annotator
    from .model import Organisation

__all__ = ["annotate_many", "annotate_partition"]

_WORKER: Annotator | None = None


def _init(annotator: Annotator) -> None:
    global _WORKER  # noqa: PLW0603 - one Annotator per worker process, set once
    _WORKER = annotator


Packed = tuple[str, list[tuple[Any, ...]], list[tuple[str, str, str]], list[tuple[int, str]], str, str]


def _work(job: tuple[str, dict[str, Any]]) -> Packed:
    assert _WORKER is not None
    text, options = job
    return _pack(_WORKER.annotate(text, **options))


def _pack(result: Annotation) -> Packed:
    """The result without its Organisation objects (ids instead): a fraction of the bytes
    to send back, which is what limits the speed-up of a process pool."""
    return (
        result.text,
        [(m.org.id, m.start, m.end, m.surface, m.score, m.rule, m.alias, m.marked, m.state) for m in result.mentions],
        [(f.marker, f.org.id, f.text) for f in result.footnotes],
        [(i.offset, i.text) for i in result.insertions],
        result.lang,
        result.format,
    )


def _unpack(packed: Packed, organisations: dict[str, Organisation]) -> Annotation:
    from .annotator import Annotation, Insertion
    from .model import Footnote, Mention

    text, mentions, footnotes, insertions, lang, fmt = packed
    org = organisations.__getitem__
    return Annotation(
        text,
        tuple(Mention(org(m[0]), m[1], m[2], m[3], m[4], m[5], m[6], marked=m[7], state=m[8]) for m in mentions),
        tuple(Footnote(marker, org(org_id), note) for marker, org_id, note in footnotes),
        tuple(Insertion(offset, inserted) for offset, inserted in insertions),
        lang,
        fmt,
    )


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
    """
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
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
    jobs = ((text, options) for text in texts)
    organisations = {org.id: org for org in annotator.registry}  # the parent unpacks every result
    with multiprocessing.Pool(workers, initializer=_init, initargs=(annotator,)) as pool:
        for packed in pool.imap(_work, jobs, chunksize):
            yield _unpack(packed, organisations)


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
