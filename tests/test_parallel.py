"""annotate_many in worker processes: the same results as in this process, and a bounded
number of texts taken from the input and not yet handed out, however slow the consumer."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from bannedorgs import Annotator
from bannedorgs.parallel import IN_FLIGHT
from bannedorgs.registry import Registry

TEXTS = ["Text {}: the Red Banner Front marched.", "Text {}: nothing.", "Text {}: Красного знамени."]


class _Source:
    """An endless-looking input that counts how many texts were taken from it."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.taken = 0

    def __iter__(self) -> Iterator[str]:
        for i in range(self.count):
            self.taken += 1
            yield TEXTS[i % len(TEXTS)].format(i)


def test_a_slow_consumer_keeps_the_input_read_ahead_bounded(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01")
    chunk, workers = 4, 2
    bound = (IN_FLIGHT * workers + 1) * chunk  # chunks sent and the one being handed out
    source = _Source(2000)
    results = annotator.annotate_many(source, processes=workers, chunksize=chunk)
    seen: list[str] = []
    ahead = []
    for result in results:
        seen.append(result.text)
        ahead.append(source.taken - len(seen))
        if len(seen) in (1, 50, 51):
            time.sleep(0.3)  # a slow consumer: the workers would race ahead if they could
        if len(seen) == 60:
            break
    results.close()  # type: ignore[attr-defined]
    assert max(ahead) <= bound
    assert source.taken <= 60 + bound  # far from the 2,000 texts a greedy reader takes
    assert seen[0] == "Text 0: the Red Banner Front* marched.\n\n" + seen[0].split("\n\n", 1)[1]


def test_results_equal_those_made_in_this_process(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01", marker="numbered")
    texts = [t.format(i) for i in range(30) for t in TEXTS]
    serial = [annotator.annotate(t) for t in texts]
    parallel = list(annotator.annotate_many(iter(texts), processes=2, chunksize=5))
    assert parallel == serial
    assert sum(len(a.mentions) for a in parallel) == 60
    # the parent rebuilds mentions on its own organisation objects
    assert all(m.org is mini.get(m.org.id) for a in parallel for m in a.mentions)


def test_a_bad_chunksize_is_refused(mini: Registry) -> None:
    with pytest.raises(ValueError, match="chunksize must be at least 1, not 0"):
        list(Annotator(mini).annotate_many(["x"], processes=2, chunksize=0))
