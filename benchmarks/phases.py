"""Where the time of annotate() goes, article by article: CPU time per step.

Each step that ``Annotator.annotate`` takes around the name scan (choosing the date and the
format, the view, the language guess, the footnote-block search, the scan, the markers, the
footnotes, where they go, the output) is timed where it runs, inside annotate(), by wrapping
the function that does it; the figures are microseconds of CPU time per article (other
processes on the machine do not count), the lowest of ``--passes`` passes over all the
articles of each corpus. Beside them: ``find()`` article by article, ``find()`` of each corpus as one
string divided by its articles, and the pyahocorasick baseline on the same articles.

    python benchmarks/phases.py --size-mb 2
    PYTHONPATH=/path/to/another/checkout/src python benchmarks/phases.py --size-mb 2

The steps add up to a little less than annotate() (its own lines are in no step; each step
also holds a clock reading, about a microsecond). A step called inside another (the view
inside "view and footnote block search", where a version reads both in one call) counts in
the outer one.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import _harness as h
import corpus
import corpus_mixed

h.import_bannedorgs()

import throughput  # noqa: E402

import bannedorgs  # noqa: E402
from bannedorgs import annotator, formats  # noqa: E402

# (where, attribute, step): the functions annotate() calls, in the order it calls them
STEPS: list[tuple[Any, str, str]] = [
    (annotator.Annotator, "_day_and_format", "date and format"),
    (formats.DocumentFormat, "view_and_block_start", "view and footnote block search"),
    (formats.DocumentFormat, "view", "view"),
    (annotator, "declared_language", "declared language"),
    (annotator, "_language_of_view", "language: prose sample and guess"),
    (annotator, "lowered_prose_sample", "language: prose sample"),
    (annotator, "prose_sample", "language: prose sample"),  # what earlier versions called
    (annotator, "_language_of", "language: guess"),
    (annotator, "detect_language", "language: guess"),  # what earlier versions called
    (annotator.Annotator, "_markers", "markers of the style"),
    (formats.DocumentFormat, "block_start", "footnote block search"),
    (annotator.Annotator, "_iter_mentions", "scan and mentions"),
    (annotator._Marking, "mark", "markers placed"),
    (annotator._Marking, "footnotes", "footnotes written"),
    (annotator.Annotator, "_block", "where the footnotes go"),
    (annotator, "_apply", "output text"),
]


@contextmanager
def timed_steps(spent: dict[str, float]) -> Iterator[None]:
    """Wrap each step so that its time (a generator's: all of its iteration) adds to ``spent``;
    the formats' own overrides of a method are wrapped too."""
    saved: list[tuple[Any, str, Any]] = []
    depth: list[str] = []  # the step being timed: a step it calls is part of it

    def wrap(owner: Any, name: str, step: str) -> None:
        original = owner.__dict__.get(name)
        if original is None or isinstance(original, staticmethod | classmethod):
            return  # not in this version

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if depth:  # inside another step (the view inside the view and block search): its time
                return original(*args, **kwargs)
            depth.append(step)
            try:
                t0 = time.process_time()
                result = original(*args, **kwargs)
                if step == "scan and mentions":
                    result = list(result)
                spent[step] = spent.get(step, 0.0) + time.process_time() - t0
            finally:
                depth.pop()
            return result

        saved.append((owner, name, original))
        setattr(owner, name, timed)

    for owner, name, step in STEPS:
        wrap(owner, name, step)
        if owner is formats.DocumentFormat:
            for fmt in formats.FORMATS:
                cls = type(formats.get(fmt))
                for klass in cls.__mro__:
                    if klass is formats.DocumentFormat:
                        break
                    if name in klass.__dict__:
                        wrap(klass, name, step)
    try:
        yield
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)


def cpu(fn: Callable[[], Any], passes: int) -> float:
    """The lowest CPU time of ``passes`` calls (one untimed call first)."""
    fn()
    best = float("inf")
    for _ in range(passes):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size-mb", type=float, default=2.0, help="size of each generated corpus (default 2)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--passes", type=int, default=7, help="passes over the articles (default 7)")
    p.add_argument("--on", default="2023-06-01")
    args = p.parse_args(argv)
    ann = bannedorgs.Annotator()
    ann.matcher  # noqa: B018 - compiled before timing
    aho = throughput.build_aho(throughput.all_aliases(ann.registry))
    size, day = int(args.size_mb * h.MB), args.on
    for name, module, seed in (("corpus.py", corpus, args.seed), ("corpus_mixed.py", corpus_mixed, args.seed + 1)):
        text = module.generate(size, seed)
        articles = module.split_articles(text)
        n = len(articles)

        def per_article(seconds: float, n: int = n) -> str:
            return f"{seconds / n * 1e6:.1f}"

        annotate_all = functools.partial(lambda arts: [ann.annotate(a, on=day) for a in arts], articles)
        totals = {
            "annotate() per article": cpu(annotate_all, args.passes),
            "find() per article": cpu(lambda arts=articles: [ann.find(a, on=day) for a in arts], args.passes),
            "find() of the whole corpus, per article": cpu(lambda t=text: ann.find(t, on=day), args.passes),
            "(a) pyahocorasick per article": cpu(lambda arts=articles: [aho(a) for a in arts], args.passes),
            "(a) pyahocorasick on the whole corpus": cpu(lambda t=text: aho(t), args.passes),
        }
        best: dict[str, float] = {}
        for _ in range(args.passes):
            spent: dict[str, float] = {}
            with timed_steps(spent):
                annotate_all()
            for step, seconds in spent.items():
                best[step] = min(best.get(step, float("inf")), seconds)
        kb = sum(throughput.nbytes(a) for a in articles) / n / 1000
        table = h.Table(
            f"{name}: {n} articles of {kb:.1f} KB on average; µs per article, the lowest of {args.passes} passes",
            ["what", "µs per article", "of annotate()"],
        )
        whole = totals["annotate() per article"]
        for label, seconds in totals.items():
            table.add(label, per_article(seconds), f"{seconds / whole:.0%}")
        for step in dict.fromkeys(step for _, _, step in STEPS):
            if step in best:
                table.add(f"  step: {step}", per_article(best[step]), f"{best[step] / whole:.0%}")
        table.notes.append(
            "CPU time (process_time), the lowest pass each; a step is timed inside annotate(); 'scan and "
            "mentions' is the matcher's scan with the mentions built from it"
        )
        table.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
