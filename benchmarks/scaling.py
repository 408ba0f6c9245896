"""How the time of hostile text shapes grows: each shape at n and at 4n, and the ratio.

Each shape is a text built to hit one path whose cost once grew with the square of the
input (a regular expression that backtracked over every long word, a search for a blank
line from every acronym, a stack searched at every closing tag, a list re-sorted every
32 additions, one whole-text search per abbreviation a text defines), or a long document whose
passes read it from memory more than once (a buffer of four bytes a character for the
Markdown view, one search per marker character through the whole text). Linear work makes
the 4n run cost about 4 times the n run; a quadratic path makes it 16 times. The check
passes when every ratio is at most 5. Then the peak memory of annotating tag-dense HTML is
printed beside that of plain text of the same size (it was once about 50 times higher).

    python benchmarks/scaling.py            # every shape, 5 pairs each (a few minutes)
    python benchmarks/scaling.py --quick    # small sizes, 1 pair (a few seconds)
    python benchmarks/scaling.py --only typo-pass --pairs 5

Each pair times the n run and the 4n run one after the other (one untimed warm-up call of
each first), in CPU time; the ratio printed is the median of the pairs' ratios. The exit status is 1
when a ratio is above 5.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from _harness import import_bannedorgs

import_bannedorgs()

import corpus_mixed  # noqa: E402 -- beside this script

import bannedorgs  # noqa: E402 -- after the harness has found it
from bannedorgs.formats import html as html_format  # noqa: E402 -- after the harness has found it
from bannedorgs.formats import markdown as markdown_format  # noqa: E402 -- after the harness has found it
from bannedorgs.markers import Markers, mask  # noqa: E402 -- after the harness has found it

LIMIT = 5.0
ON = "2024-01-10"


@dataclass(frozen=True)
class Shape:
    """A hostile input of size ``n`` (in units of the shape) and what runs on it."""

    name: str
    what: str
    build: Callable[[int], str]
    run: Callable[[str], object]
    n: int  # the default size: the n run takes some tens of milliseconds
    quick: int  # a size for the smoke test and --quick


def _abbreviations(count: int) -> list[str]:
    """``count`` distinct three-capital abbreviations, drawn in a fixed shuffled order, so
    that n and 4n of them are alike (in alphabetical order the later ones would start more
    often like a name of the registry, and cost more each)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    every = ["".join(p) for p in itertools.product(letters, repeat=3)]
    random.Random(1).shuffle(every)
    return every[:count]


def _defined(count: int) -> str:
    return "".join(f"Hizb ut-Tahrir ({abbr}) met. " for abbr in _abbreviations(count))


def _find(fmt: str = "auto") -> Callable[[str], object]:
    return lambda text: bannedorgs.find(text, on=ON, format=fmt)


def _search(text: str) -> object:
    return bannedorgs.search(text, limit=1)


def _mask(view: str) -> object:
    return mask(view, Markers.of("*", "text"))


def _markdown(n: int) -> str:
    unit = (
        "## Суд\n\nЧлены **Хизб ут-Тахрир** задержаны, сообщает [агентство](https://example.kz/a).\n\n"
        "- первый пункт с `кодом`\n- второй пункт, *курсив*\n\n"
    )
    return unit * n


def _html_with_markers(n: int) -> str:
    unit = "<p>Члены <b>Хизб ут-Тахрир</b> задержаны¹ в <a href='/x'>городе</a>.</p>\n"
    return f"<html><body>\n{unit * n}</body></html>\n"


SHAPES: tuple[Shape, ...] = (
    Shape(
        "mixed-script-word",
        "find(): one word in two scripts, then one long Latin word",
        lambda n: "Хизб ут-Тaхрир " + "b" * n,
        _find("text"),
        200_000,
        2_000,
    ),
    Shape(
        "mixed-script-query",
        "search(): a mixed-script word and a long word as the query",
        lambda n: "Тaлибан " + "b" * n,
        _search,
        20_000,
        2_000,
    ),
    Shape(
        "acronym-crlf",
        "find(): an acronym per paragraph of a CRLF text (no LF blank line)",
        lambda n: "The IS group said it.\r\n\r\n" * n,
        _find("text"),
        8_000,
        400,
    ),
    Shape(
        "html-tag-stack",
        "find(): n open <code> elements, then n close tags that match none",
        lambda n: "<code>" * n + "</pre>" * n,
        _find("html"),
        20_000,
        2_000,
    ),
    Shape(
        "html-view-only",
        "the HTML view alone on the same shape",
        lambda n: "<code>" * n + "</pre>" * n,
        html_format.view,
        20_000,
        2_000,
    ),
    Shape(
        "typo-pass",
        "find(): a name with a typo, n times",
        lambda n: "Jabhat al-Nusa and " * n,
        _find("text"),
        16_000,
        400,
    ),
    # Long documents of distinct text: the passes over a whole document (its view, the
    # footnote-block search, the marker mask) once cost more per character the longer it was
    Shape(
        "mixed-corpus",
        "find(): n bytes of the mixed corpus (HTML, Markdown and text articles; distinct text)",
        lambda n: corpus_mixed.generate(n, 2),
        _find(),
        1_000_000,
        50_000,
    ),
    Shape(
        "markdown-view",
        "the Markdown view alone: n sections of headings, emphasis, links and lists",
        _markdown,
        markdown_format.view,
        8_000,
        200,
    ),
    Shape(
        "html-view-and-block",
        "find(): n HTML paragraphs, each with a superscript digit (the footnote-block search runs)",
        _html_with_markers,
        _find("html"),
        10_000,
        200,
    ),
    Shape(
        "marker-mask",
        "the marker mask alone on n sentences of Cyrillic prose without a marker",
        lambda n: "Члены группы встретились сегодня в зале. " * n,
        _mask,
        200_000,
        2_000,
    ),
    Shape(
        "names-in-one-address",
        "find(): n names joined by dots into one run without spaces (each name asks whether it is a web address)",
        lambda n: "ИГИЛ." * n + "kz/x",
        _find("text"),
        20_000,
        1_000,
    ),
    Shape(
        "defined-abbreviations",
        "find(): n different abbreviations defined in brackets after a name",
        _defined,
        _find("text"),
        2_000,
        100,
    ),
)


def _time(func: Callable[[str], object], text: str) -> float:
    """CPU time of one call (what other processes on a shared machine do does not count)."""
    start = time.process_time()
    func(text)
    return time.process_time() - start


def measure(shape: Shape, n: int, pairs: int) -> tuple[float, float, float]:
    """(median seconds at n, median seconds at 4n, median ratio of the pairs)."""
    small, large = shape.build(n), shape.build(4 * n)
    shape.run(small)  # warm-up: the matcher is built, the caches are filled
    shape.run(large)
    times = [(_time(shape.run, small), _time(shape.run, large)) for _ in range(pairs)]
    ratios = [b / a if a > 0 else float("inf") for a, b in times]
    return statistics.median(a for a, _ in times), statistics.median(b for _, b in times), statistics.median(ratios)


def tag_dense_html(size: int) -> str:
    """About ``size`` characters of HTML that is mostly tags, with one banned name."""
    unit = '<p><b>a</b> <i>b</i> <span class="c">d</span></p>\n'
    body = unit * (size // len(unit))
    return f"<html><body>\n<p>Members of Hizb ut-Tahrir were detained.</p>\n{body}</body></html>\n"


def plain_text(size: int) -> str:
    """About ``size`` characters of plain text, with one banned name."""
    unit = "Members of the group met the others in the hall today.\n"
    return "Members of Hizb ut-Tahrir were detained.\n" + unit * (size // len(unit))


def peak_memory(text: str, fmt: str) -> int:
    """Peak bytes allocated (tracemalloc) while annotating ``text``, beyond what was held."""
    import tracemalloc

    bannedorgs.annotate("warm-up", on=ON)
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        bannedorgs.annotate(text, on=ON, format=fmt)
        return tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one pair")
    parser.add_argument("--pairs", type=int, default=5, help="timed (n, 4n) pairs per shape (default 5)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every default n by this")
    parser.add_argument("--only", action="append", help="run this shape only (repeatable)")
    args = parser.parse_args(argv)
    pairs = 1 if args.quick else args.pairs
    shapes = [s for s in SHAPES if not args.only or s.name in args.only]
    print(f"{'shape':<24} {'n':>8} {'t(n) s':>9} {'t(4n) s':>9} {'ratio':>6}")
    worst = 0.0
    for shape in shapes:
        n = shape.quick if args.quick else max(1, int(shape.n * args.scale))
        t_small, t_large, ratio = measure(shape, n, pairs)
        worst = max(worst, ratio)
        flag = "" if ratio <= LIMIT else "  above the limit"
        print(f"{shape.name:<24} {n:>8} {t_small:>9.4f} {t_large:>9.4f} {ratio:>6.2f}{flag}")
    print(f"worst ratio {worst:.2f} (limit {LIMIT:.0f}; linear is 4, quadratic 16)")
    if not args.only:
        size = 200_000 if args.quick else 2_000_000
        print(f"\nannotate(), peak memory per character of input ({size:,} characters; tracemalloc):")
        for label, text, fmt in (
            ("tag-dense HTML", tag_dense_html(size), "html"),
            ("plain text", plain_text(size), "text"),
        ):
            print(f"  {label:<16} {peak_memory(text, fmt) / len(text):6.1f} bytes")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
