"""Annotate many texts in worker processes, one Annotator per worker, order kept."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .annotator import Annotation, Annotator

__all__ = ["annotate_many", "annotate_partition"]

_WORKER: Annotator | None = None


def _init(annotator: Annotator) -> None:
    global _WORKER  # noqa: PLW0603 - one Annotator per worker process, set once
    _WORKER = annotator


def _work(job: tuple[str, dict[str, Any]]) -> Annotation:
    assert _WORKER is not None
    text, options = job
    return _WORKER.annotate(text, **options)


def annotate_many(
    annotator: Annotator,
    texts: Iterable[str],
    *,
    processes: int | None = None,
    chunksize: int = 16,
    **options: Any,
) -> Iterator[Annotation]:
    """Yield ``annotator.annotate(text, **options)`` for each text, in order.

    ``processes=None`` uses every core; ``processes=1`` works in this process. The
    Annotator is compiled here once and shipped to each worker once.
    """
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if processes == 1:
        for text in texts:
            yield annotator.annotate(text, **options)
        return
    annotator.matcher  # noqa: B018 - compile before forking so workers inherit it
    jobs = ((text, options) for text in texts)
    with multiprocessing.Pool(processes, initializer=_init, initargs=(annotator,)) as pool:
        yield from pool.imap(_work, jobs, chunksize)


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
