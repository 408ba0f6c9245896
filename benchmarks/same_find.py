"""This version and another find the same in random text: names, lookalikes, typos and noise.

A change made for speed must not change a result. digest.py compares the two corpora; this
script compares ``find()`` and ``annotate()`` of this version and another one (imported from
its source tree, as versus.py does) on texts built at random from the registry's names and
their written forms (cases and suffixes, capitals, lower case, a typo, a hyphen at a line
break, a hidden character, a Latin look-alike letter), its lookalike phrases, everyday words,
markup and noise, in English, Russian and Kazakh:

    git worktree add /tmp/before main
    python benchmarks/same_find.py /tmp/before/src --texts 2000 --seed 1

It prints how many texts it compared and exits 1 at the first text on which the versions
differ, after printing it and both answers.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import _harness as h

os.environ["BANNEDORGS_NO_CACHE"] = "1"  # neither version reads a matcher the other cached
h.import_bannedorgs()

import versus  # noqa: E402

import bannedorgs  # noqa: E402

WORDS = (
    "the of and in court banned members said group state party movement front people is was "
    "суд члены группировки заявил государство партия движение фронт народ было запрещено "
    "сот мүшелері топ мемлекет партиясы қозғалысы халық жамағат алға көше күрделі тыйым салынған "
    "Islamic Исламское Ислам Таблиғи жамағаттың Muslim Brotherhood Grey wolves secular теократия"
).split()
ENDINGS = ["", "", "", "а", "у", "ом", "ой", "ы", "ов", "ами", "-ге", "-тің", "дың", "ның", "ға", "ды", "'s", "’", "да"]
GLUE = [" ", " ", " ", ", ", ". ", "\n", "\n\n", "\r\n", " — ", " (", ") ", "«", "» ", '"', "“", "” ", ": "]
NOISE = ["<p>", "</p>", "<b>", "</b>", "**", "# ", "- ", "&laquo;", "&raquo;", "¹", "*", "[^1]", "(IS)", "(ABC)"]
HIDDEN = ["\u00ad", "\u200b", "\u0301"]
LOOKALIKE = str.maketrans("аеорсхАЕОРСХaeopcx", "aeopcxAEOPCXаеорсх")


def variants(rng: random.Random, name: str) -> str:
    """One way a text may write ``name``."""
    roll = rng.random()
    if roll < 0.15:
        name = name.upper()
    elif roll < 0.25:
        name = name.lower()
    elif roll < 0.35 and len(name) > 6:  # a typo: a letter left out, doubled or changed
        i = rng.randrange(1, len(name) - 1)
        name = rng.choice([name[:i] + name[i + 1 :], name[:i] + name[i] + name[i:], name[:i] + "x" + name[i + 1 :]])
    elif roll < 0.4 and " " in name:
        name = name.replace(" ", rng.choice(["-", "\u00a0", "  ", "-\n", " \r\n", "\u2011"]), 1)
    elif roll < 0.45 and len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        name = name[:i] + rng.choice(HIDDEN) + name[i:]
    elif roll < 0.5 and len(name) > 4:
        i = rng.randrange(0, len(name))
        name = name[:i] + name[i].translate(LOOKALIKE) + name[i + 1 :]
    elif roll < 0.55 and len(name) > 8:
        i = rng.randrange(3, len(name) - 3)
        name = name[:i] + "-\n" + name[i:]
    return name + rng.choice(ENDINGS)


def random_text(rng: random.Random, names: Sequence[str], lookalikes: Sequence[str]) -> str:
    parts: list[str] = []
    for _ in range(rng.randrange(1, 40)):
        roll = rng.random()
        if roll < 0.35:
            parts.append(variants(rng, rng.choice(names)))
        elif roll < 0.45:
            parts.append(variants(rng, rng.choice(lookalikes)))
        elif roll < 0.55:
            parts.append(rng.choice(NOISE))
        else:
            parts.append(rng.choice(WORDS))
        parts.append(rng.choice(GLUE))
    return "".join(parts)


def answers(module: Any, annotator: Any, text: str) -> tuple[Any, ...]:
    found = annotator.find(text, on="2023-06-01", include_unbanned=True)
    done = annotator.annotate(text, on="2023-06-01")
    return (
        [(m.org.id, m.start, m.end, m.surface, m.rule, m.score, m.alias, m.marked, str(m.state)) for m in found],
        done.text,
        [(m.org.id, m.start, m.end, m.rule) for m in done.mentions],
    )


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("other", type=Path, help="the src directory of the other version's source tree")
    p.add_argument("--texts", type=int, default=1000, help="how many random texts (default 1000)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    other = versus.load_other(args.other)
    this_annotator, other_annotator = bannedorgs.Annotator(), other.Annotator()
    registry = this_annotator.registry
    names = sorted({a.value for org in registry for a in org.all_aliases()})
    lookalikes = sorted({value for value, _lang, _reason in registry.not_mentions})
    rng = random.Random(args.seed)
    mentions = 0
    for n in range(1, args.texts + 1):
        text = random_text(rng, names, lookalikes)
        mine = answers(bannedorgs, this_annotator, text)
        theirs = answers(other, other_annotator, text)
        if mine != theirs:
            print(f"text {n} differs:\n{text!r}\nthis:  {mine}\nother: {theirs}")
            return 1
        mentions += len(mine[0])
    print(f"{args.texts} texts, {mentions} mentions: the same in both versions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
