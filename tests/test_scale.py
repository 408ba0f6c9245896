"""Scale-out: worker processes, and a Dask bag on the local process scheduler."""

from __future__ import annotations

import pytest

import bannedorgs
from bannedorgs.parallel import annotate_partition

TEXTS = [
    "Суд запретил «Хизб ут-Тахрир».",
    "Nothing to mark here.",
    "ИГИЛ-ге қосылған азаматтар сотталды.",
    "Members of al-Qaeda were named.",
] * 5


def expected(on: str) -> list[str]:
    return [bannedorgs.annotate(t, on=on).text for t in TEXTS]


def test_annotate_partition_matches_annotate() -> None:
    assert list(annotate_partition(TEXTS, on="2020-01-01")) == expected("2020-01-01")


def test_dask_bag_with_one_annotator_per_partition() -> None:
    db = pytest.importorskip("dask.bag", reason="dask is not installed (pip install bannedorgs[scale])")
    bag = db.from_sequence(TEXTS, npartitions=4)
    out = bag.map_partitions(lambda part: list(annotate_partition(part, on="2020-01-01")))
    result = out.compute(scheduler="processes", num_workers=2)
    assert result == expected("2020-01-01")
