"""The long fuzz run: the properties of tests/test_fuzz.py with a large budget, for as long as asked.

    python benchmarks/fuzz.py --minutes 10
    python benchmarks/fuzz.py --minutes 60 --round 5000

Each round runs the properties in a fresh pytest process with ``--round`` inputs per property
and random seeds (the test run uses 40 and a fixed seed), until the time is up; the first
round with a failure stops the run and shows hypothesis's smallest failing input. At the end
the number of inputs each property passed is printed, and the total. The exit status is 1
when a property failed.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SECTION = re.compile(r"^tests/test_fuzz\.py::(\w+):$", re.M)
_PASSING = re.compile(r"- (\d+) passing")


def one_round(examples: int) -> tuple[dict[str, int], bool, str]:
    """(inputs passed per property, whether all passed, pytest's output) of one round."""
    env = {**os.environ, "BANNEDORGS_FUZZ_EXAMPLES": str(examples)}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
         "tests/test_fuzz.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    parts = _SECTION.split(proc.stdout)  # [before, name, statistics, name, statistics, …]
    sections = zip(parts[1::2], parts[2::2], strict=True)
    counts = {name: sum(map(int, _PASSING.findall(stats))) for name, stats in sections}
    return counts, proc.returncode == 0, proc.stdout + proc.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--round", type=int, default=2000, help="inputs per property and round (default 2000)")
    args = parser.parse_args(argv)
    totals: collections.Counter[str] = collections.Counter()
    start = time.monotonic()
    rounds = 0
    ok = True
    while time.monotonic() - start < args.minutes * 60:
        counts, ok, output = one_round(args.round)
        rounds += 1
        totals.update(counts)
        print(f"round {rounds}: {sum(counts.values()):,} inputs, {time.monotonic() - start:.0f} s", flush=True)
        if not ok:
            print(output[-6000:])
            break
    minutes = (time.monotonic() - start) / 60
    for name, count in sorted(totals.items()):
        print(f"{count:>10,}  {name}")
    print(f"{sum(totals.values()):>10,}  inputs in all, {rounds} rounds, {minutes:.1f} minutes, "
          f"{'no failure' if ok else 'FAILED'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
