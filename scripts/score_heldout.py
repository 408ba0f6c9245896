"""Score bannedorgs.find against the held-out set in tests/fixtures/heldout.jsonl.

Each case is run as ``bannedorgs.find(text, on=published)`` (today when ``published`` is
null). A predicted mention is a true positive when it overlaps an expected span of the same
organisation; an expected span is found when some predicted mention of the same
organisation overlaps it. A span marked ``optional`` (a grey zone) and a span of an
organisation the registry does not hold (an unconfirmed candidate) count neither way. Precision and
recall are printed per language and overall; ``-v`` lists every false positive and false
negative with the case id and surface.

    python scripts/score_heldout.py [-v] [--file PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import bannedorgs

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "heldout.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(cases: list[dict[str, Any]]) -> tuple[dict[str, dict[str, int]], list[tuple[str, ...]]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "found": 0, "fn": 0})
    errors: list[tuple[str, ...]] = []
    for case in cases:
        lang, text = case["lang"], case["text"]
        predicted = bannedorgs.find(text, on=case.get("published"))
        expected = [e for e in case["expect"] if not e.get("optional") and bannedorgs.get(e["org"]) is not None]
        grey = [e for e in case["expect"] if e not in expected]
        c = counts[lang]
        for m in predicted:
            hit = any(e["org"] == m.org.id and overlaps(m.start, m.end, e["start"], e["end"]) for e in expected)
            if not hit and any(overlaps(m.start, m.end, e["start"], e["end"]) for e in grey):
                continue
            if hit:
                c["tp"] += 1
            else:
                c["fp"] += 1
                errors.append(("FP", case["id"], m.org.id, text[m.start : m.end], f"{m.start}-{m.end}", m.rule))
        for e in expected:
            hit = any(e["org"] == m.org.id and overlaps(m.start, m.end, e["start"], e["end"]) for m in predicted)
            if hit:
                c["found"] += 1
            else:
                c["fn"] += 1
                errors.append(("FN", case["id"], e["org"], e["surface"], f"{e['start']}-{e['end']}", ""))
    return counts, errors


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every false positive and negative")
    parser.add_argument("--file", type=Path, default=DEFAULT, help="JSON Lines file (default: %(default)s)")
    args = parser.parse_args(argv)

    cases = load(args.file)
    counts, errors = score(cases)
    total = {"tp": 0, "fp": 0, "found": 0, "fn": 0}
    print(f"{'lang':<6}{'cases':>6}{'P':>8}{'R':>8}{'TP':>5}{'FP':>5}{'FN':>5}")
    for lang in sorted(counts, key=lambda x: ("en", "ru", "kk").index(x) if x in ("en", "ru", "kk") else 9):
        c = counts[lang]
        for key in total:
            total[key] += c[key]
        n = sum(1 for case in cases if case["lang"] == lang)
        p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["found"], c["found"] + c["fn"])
        print(f"{lang:<6}{n:>6}{p:>8.3f}{r:>8.3f}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}")
    p, r = ratio(total["tp"], total["tp"] + total["fp"]), ratio(total["found"], total["found"] + total["fn"])
    print(f"{'all':<6}{len(cases):>6}{p:>8.3f}{r:>8.3f}{total['tp']:>5}{total['fp']:>5}{total['fn']:>5}")
    if args.verbose and errors:
        print()
        for kind, case_id, org, surface, where, rule in errors:
            extra = f" [{rule}]" if rule else ""
            print(f"{kind} {case_id} {org} {surface!r} {where}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
