"""Two versions of bannedorgs on the same text, in one process, in turns.

A change meant to make the library faster is judged by its ratio to the version before it.
Two runs of throughput.py a minute apart on a shared machine differ by more than most
changes do; here both versions run in the same process, one right after the other, each
round also timing the pyahocorasick baseline, and the figures are medians of the ratios of
each round's pair. The other version is imported from its source tree under another name
(``bannedorgs_other``), with its own registry; both compile their matchers afresh (no cache).

    git worktree add /tmp/before main      # or: git archive main | tar -x -C /tmp/before
    python benchmarks/versus.py /tmp/before/src --size-mb 2

Check that both report the same with digest.py; this script only times them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import _harness as h
import corpus
import corpus_mixed

os.environ["BANNEDORGS_NO_CACHE"] = "1"  # neither version reads a matcher the other cached
h.import_bannedorgs()

import throughput  # noqa: E402

import bannedorgs  # noqa: E402


def load_other(src: Path) -> ModuleType:
    """The bannedorgs package of another source tree, as the module ``bannedorgs_other``."""
    init = src / "bannedorgs" / "__init__.py"
    if not init.is_file():
        raise SystemExit(f"{src}: no bannedorgs/__init__.py here; give the src directory of a source tree")
    spec = importlib.util.spec_from_file_location(
        "bannedorgs_other", init, submodule_search_locations=[str(init.parent)]
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bannedorgs_other"] = module
    spec.loader.exec_module(module)
    return module


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("other", type=Path, help="the src directory of the other version's source tree")
    p.add_argument("--size-mb", type=float, default=2.0, help="size of each generated corpus (default 2)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--rounds", type=int, default=7, help="rounds of timed runs after a warm-up (default 7)")
    p.add_argument("--on", default="2023-06-01")
    p.add_argument(
        "--cpu",
        action="store_true",
        help="time CPU time of this process instead of wall time (steadier on a machine other work keeps busy)",
    )
    args = p.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter
    other = load_other(args.other)
    versions = {"this": bannedorgs.Annotator(), "other": other.Annotator()}
    for annotator in versions.values():
        annotator.matcher  # noqa: B018 - compiled before timing
    size, day = int(args.size_mb * h.MB), args.on
    print(f"this: {Path(bannedorgs.__file__).parent}\nother: {Path(other.__file__).parent}")
    for name, module, seed in (("corpus.py", corpus, args.seed), ("corpus_mixed.py", corpus_mixed, args.seed + 1)):
        text = module.generate(size, seed)
        articles = module.split_articles(text)
        aho = throughput.build_aho(throughput.all_aliases(versions["this"].registry))
        nbytes = {"corpus": throughput.nbytes(text), "articles": sum(throughput.nbytes(a) for a in articles)}
        jobs: dict[str, tuple[str, Callable[[Any], Any]]] = {
            "find()": ("corpus", lambda a, t=text: a.find(t, on=day)),
            "find() per article": ("articles", lambda a, arts=articles: [a.find(x, on=day) for x in arts]),
            "annotate() per article": ("articles", lambda a, arts=articles: [a.annotate(x, on=day) for x in arts]),
        }
        table = h.Table(
            f"{name}: {nbytes['corpus'] / h.MB:.2f} MB, {len(articles)} articles; medians of {args.rounds} rounds"
            + (", CPU time" if args.cpu else ""),
            ["contender", "this MB/s", "other MB/s", "this vs (a)", "other vs (a)", "this / other"],
        )
        for label, (where, job) in jobs.items():
            for annotator in versions.values():
                job(annotator)  # warm-up: forms compiled, caches filled
            ratios: dict[str, list[float]] = {"this": [], "other": [], "pair": []}
            rates: dict[str, list[float]] = {"this": [], "other": []}
            for turn in range(args.rounds):
                t0 = clock()
                aho(text)
                base = nbytes["corpus"] / (clock() - t0)
                took = {}
                order = list(versions.items())
                for key, annotator in order if turn % 2 else order[::-1]:  # each goes first in turn
                    t0 = clock()
                    job(annotator)
                    took[key] = clock() - t0
                    rates[key].append(nbytes[where] / took[key])
                    ratios[key].append(rates[key][-1] / base)
                ratios["pair"].append(took["other"] / took["this"])
            table.add(
                label,
                h.fmt_rate(statistics.median(rates["this"]) / h.MB),
                h.fmt_rate(statistics.median(rates["other"]) / h.MB),
                h.fmt_ratio(statistics.median(ratios["this"])),
                h.fmt_ratio(statistics.median(ratios["other"])),
                h.fmt_ratio(statistics.median(ratios["pair"])),
            )
        table.notes.append(
            "(a) = pyahocorasick, exact aliases, on the whole corpus, timed in the same round; "
            "'this / other' = the other's time over this one's in each round (above 1×: this is faster)"
        )
        table.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
