"""What a fresh process spends compiling regular expressions, this version against another.

``re`` cannot keep a compiled pattern across processes, so every process compiles the forms
of the names its texts meet (a command-line run, each worker of ``annotate_many`` and of the
server), unless it makes them from the records of compiled forms the cache keeps. This
script starts fresh processes that load the (cached) Annotator and then do one thing:
compile every form (``Matcher.compile_all()``, what workers do before they start), annotate
one line, one 4 KB article, or 1 MB of the news corpus. Each child counts the CPU
time (``time.process_time``) spent inside ``re``'s compiler during that step, the time spent
making patterns from the records of compiled forms the cache holds (``bannedorgs._regex``;
versions without records show none), and the step's CPU time in all. Both versions run in
turns, ``--rounds`` times; the table gives medians:

    git worktree add /tmp/before main
    python benchmarks/compile.py /tmp/before/src --rounds 7

Without an argument only this version is measured; ``--quick`` takes one round without the
1 MB step.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import _harness as h

ROOT = Path(__file__).resolve().parent.parent
LINE = "Суд запретил «Хизб ут-Тахрир» в 2005 году.\n"

# The child: re's compiler timed, then the Annotator loaded and one step taken.
CHILD = r"""
import json, sys, time
from re import _compiler
spent = [0.0, 0]
_plain = _compiler.compile
def _timed(p, flags=0):
    t = time.process_time()
    try:
        return _plain(p, flags)
    finally:
        spent[0] += time.process_time() - t
        spent[1] += 1
_compiler.compile = _timed
try:
    from bannedorgs import _regex
except ImportError:  # a version before it
    _regex = None
made = [0.0, 0]
_from_record = getattr(_regex, "_from_record", None)  # versions that keep records of compiled forms
def _timed_from_record(p, flags):
    t = time.process_time()
    try:
        found = _from_record(p, flags)
    finally:
        made[0] += time.process_time() - t
    made[1] += found is not None
    return found
if _from_record is not None:
    _regex._from_record = _timed_from_record
from bannedorgs.annotator import Annotator
annotator = Annotator()
text = sys.stdin.read()
spent[:] = [0.0, 0]
made[:] = [0.0, 0]
t = time.process_time()
if sys.argv[1] == "all":
    matcher = annotator.matcher
    if hasattr(matcher, "compile_all"):
        matcher.compile_all()
    else:  # a version before compile_all: each form as compile_all would
        for index in range(len(matcher._entries)):
            matcher._compile(index)
else:
    annotator.annotate(text)
total = time.process_time() - t
print(json.dumps({"compile": spent[0], "compiles": spent[1], "made": made[0], "records": made[1], "total": total}))
"""


def _texts() -> dict[str, str]:
    import corpus

    articles = corpus.generate_articles(1_100_000, seed=1)
    article = next(a for a in articles if 4000 <= len(a.encode()) <= 5000)
    return {
        "compile_all()": "",
        "annotate one line": LINE,
        "annotate one 4 KB article": article,
        "annotate 1 MB of news": "\n\n".join(articles)[:1_000_000],
    }


def _child(src: str, cache: str, case: str, text: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=src, BANNEDORGS_CACHE_DIR=cache)
    env.pop("BANNEDORGS_NO_CACHE", None)
    mode = "all" if case == "compile_all()" else "annotate"
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], check=False, input=text, capture_output=True, text=True, env=env
    )
    if out.returncode:
        raise SystemExit(f"the child of {src} failed on {case!r}:\n{out.stderr}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", nargs="?", help="another version's src/ directory")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one round, without the 1 MB step")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds = 1
    versions = {"this": str(h.SRC)}
    if args.other:
        versions["other"] = str(Path(args.other).resolve())
    texts = _texts()
    if args.quick:
        del texts["annotate 1 MB of news"]
    h.print_machine(h.machine())
    with tempfile.TemporaryDirectory(prefix="bo-compile-") as tmp:
        caches = {name: str(Path(tmp) / name) for name in versions}
        for name, src in versions.items():  # each version writes its cached Annotator first
            _child(src, caches[name], "annotate one line", LINE)
        runs: dict[tuple[str, str], list[dict[str, float]]] = {}
        for _ in range(args.rounds):
            for case, text in texts.items():
                for name, src in versions.items():
                    runs.setdefault((case, name), []).append(_child(src, caches[name], case, text))
    print(f"\nCPU time in a fresh process, medians of {args.rounds} rounds (ms)")
    head = [
        "step",
        *(f"{n}: compiling (compiles)" for n in versions),
        *(f"{n}: from records (made)" for n in versions),
        *(f"{n}: the step" for n in versions),
    ]
    if args.other:
        head.append("compiling and making, this / other")
    print("| " + " | ".join(head) + " |")
    print("| " + " | ".join(["---"] + ["---:"] * (len(head) - 1)) + " |")
    for case in texts:
        keys = ("compile", "compiles", "made", "records", "total")
        med = {n: {k: statistics.median(r.get(k, 0.0) for r in runs[(case, n)]) for k in keys} for n in versions}
        row = [case]
        row += [f"{med[n]['compile'] * 1000:.1f} ({med[n]['compiles']:.0f})" for n in versions]
        row += [f"{med[n]['made'] * 1000:.1f} ({med[n]['records']:.0f})" for n in versions]
        row += [f"{med[n]['total'] * 1000:.1f}" for n in versions]
        if args.other:
            both = {n: med[n]["compile"] + med[n]["made"] for n in versions}
            row.append(f"{both['this'] / max(both['other'], 1e-9):.2f}×")
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
