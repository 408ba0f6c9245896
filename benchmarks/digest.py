"""A digest of everything bannedorgs reports on the benchmark corpora, to compare two versions.

A speed-up must not change a result. Run this with each version of the library on the same
machine and compare the lines: equal digests mean equal annotated texts, mentions (organisation,
offsets, rule, score, marker, state), footnotes and formats, article by article, and equal
mentions from find() on each corpus as one string.

    python benchmarks/digest.py --size-mb 2
    PYTHONPATH=/path/to/other/src python benchmarks/digest.py --size-mb 2
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import corpus_mixed

import bannedorgs


def digest(annotator: bannedorgs.Annotator, text: str, articles: Sequence[str], day: str) -> tuple[str, str, int]:
    """The digests of annotate() article by article and of find() on the whole text."""
    each = hashlib.sha256()
    count = 0
    for article in articles:
        result = annotator.annotate(article, on=day)
        each.update(result.text.encode("utf-8", "surrogatepass"))
        each.update(repr((result.lang, result.format)).encode())
        for m in result.mentions:
            each.update(repr((m.org.id, m.start, m.end, m.rule, m.score, m.alias, m.marked, m.state.value)).encode())
        for f in result.footnotes:
            each.update(repr((f.marker, f.org.id, f.text)).encode())
        count += len(result.mentions)
    whole = hashlib.sha256()
    for m in annotator.find(text, on=day):
        whole.update(repr((m.org.id, m.start, m.end, m.rule, m.marked)).encode())
    return each.hexdigest()[:16], whole.hexdigest()[:16], count


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size-mb", type=float, default=2.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--on", default="2023-06-01")
    args = p.parse_args(argv)
    annotator = bannedorgs.Annotator()
    size = int(args.size_mb * 1_000_000)
    news = corpus.generate(size, args.seed)
    mixed = corpus_mixed.generate(size, args.seed + 1)
    for name, text, articles in (
        ("corpus.py", news, corpus.split_articles(news)),
        ("corpus_mixed.py", mixed, corpus_mixed.split_articles(mixed)),
    ):
        per_article, whole, count = digest(annotator, text, articles, args.on)
        print(f"{name}: {len(articles)} articles, {count} mentions; annotate() {per_article}, find() {whole}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
