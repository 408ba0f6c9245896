"""Time per MB of a long text and of its first megabyte: the steps over the whole text.

Each corpus is generated to ``--size-mb`` (distinct text; a larger size has the same start),
and its first megabyte is the small text, so both have the same mix of articles and only the
size differs. Each step (the view, the marker mask, the footnote-block search, ``find()``,
``annotate()``) is timed in CPU time on the small text (three calls, averaged) and on the
large one, in turns, ``--pairs`` times; the growth printed is the median of the pairs'
ratios of time per MB, less one. A linear step stays near +0%; a step that reads a long text
from memory more than once, or keeps more objects alive for the garbage collector the longer
the text, grows.

    python benchmarks/per_mb.py --size-mb 10
    python benchmarks/per_mb.py --size-mb 100 --corpus news --steps mask,find
    PYTHONPATH=/path/to/another/checkout/src python benchmarks/per_mb.py --size-mb 10
    python benchmarks/per_mb.py --size-mb 10 --no-gc   # the collector off while timing
    python benchmarks/per_mb.py --size-mb 10 --corpus mixed --seed 2   # read whole as Markdown
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

import _harness as h
import corpus
import corpus_mixed

h.import_bannedorgs()

import bannedorgs  # noqa: E402 -- after the harness has found it
from bannedorgs import formats, markers  # noqa: E402 -- after the harness has found it

ON = "2024-01-10"


def _prefix(text: str, size: int) -> str:
    return text.encode()[:size].decode(errors="ignore")


def _mb(text: str) -> float:
    return len(text.encode()) / h.MB


def _steps(fmt: formats.DocumentFormat, views: dict[int, str]) -> dict[str, Callable[[str], Any]]:
    """What each step runs on a text (whose view is in ``views`` by the text's id)."""
    style = markers.Markers.of("*", fmt.name)
    return {
        "view": fmt.view,
        "mask": lambda t: markers.mask(views[id(t)], style),
        "block": lambda t: fmt.block_start(t, markers=style.note, view=views[id(t)]),
        "find": lambda t: bannedorgs.find(t, on=ON, format=fmt.name),
        "annotate": lambda t: bannedorgs.annotate(t, on=ON, format=fmt.name),
    }


def _cpu(run: Callable[[str], Any], text: str, no_gc: bool) -> float:
    """CPU time of one call, from a collected heap."""
    gc.collect()
    if no_gc:
        gc.disable()
    try:
        start = time.process_time()
        run(text)
        return time.process_time() - start
    finally:
        gc.enable()


def measure(name: str, args: argparse.Namespace) -> None:
    """Print each step's time per MB at 1 MB and at ``--size-mb`` of one corpus."""
    size = int(args.size_mb * h.MB)
    large = corpus_mixed.generate(size, args.seed + 1) if name == "mixed" else corpus.generate(size, args.seed)
    small = _prefix(large, h.MB)
    fmt = formats.choose("auto", large)
    steps = _steps(fmt, {id(small): fmt.view(small), id(large): fmt.view(large)})
    for step in args.steps.split(","):
        run = steps[step]
        _cpu(run, small, args.no_gc), _cpu(run, large, args.no_gc)  # warm-up
        pairs = []
        for _ in range(args.pairs):
            a = sum(_cpu(run, small, args.no_gc) for _ in range(3)) / 3 / _mb(small)
            pairs.append((a, _cpu(run, large, args.no_gc) / _mb(large)))
        growth = statistics.median(b / a for a, b in pairs) - 1
        print(
            f"{name} ({fmt.name}) {step:<9} 1 MB {statistics.median(a for a, _ in pairs) * 1000:6.2f} ms/MB"
            f"  {args.size_mb:g} MB {statistics.median(b for _, b in pairs) * 1000:6.2f} ms/MB"
            f"  growth {growth * 100:+5.1f}%",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size-mb", type=float, default=10.0, help="the large text (default 10)")
    p.add_argument("--corpus", choices=["mixed", "news", "both"], default="both")
    p.add_argument("--steps", default="view,mask,block,find,annotate", help="comma-separated")
    p.add_argument("--pairs", type=int, default=5)
    p.add_argument("--seed", type=int, default=1, help="news corpus seed; the mixed one's is one more (default 1)")
    p.add_argument("--no-gc", action="store_true", help="the garbage collector off while timing")
    args = p.parse_args(argv)
    print(f"bannedorgs from {bannedorgs.__file__}")
    for name in ["mixed", "news"] if args.corpus == "both" else [args.corpus]:
        measure(name, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
