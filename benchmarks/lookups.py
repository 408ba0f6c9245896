"""Latency of ``bannedorgs.lookup`` and ``bannedorgs.search`` against a naive fuzzy match.

For each kind of query (exact names in Latin and Cyrillic script, names transliterated into
the other script, typos, names that are not in the registry) the median time per call of

* ``bannedorgs.search(query)`` (default limit and cutoff),
* the naive baseline ``rapidfuzz.process.extractOne(query, every_alias)`` (WRatio, default
  processor), measured in the same run on the same queries,
* ``bannedorgs.lookup(query)`` (exact after normalisation; a miss raises, and the error's
  suggestions cost a search),

with whether the best answer names the right organisation. Then the cold start of
``bannedorgs lookup`` against ``python -c pass``.

    python benchmarks/lookups.py
    python benchmarks/lookups.py --quick
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import _harness as h

ENV = h.import_bannedorgs()

from rapidfuzz import process  # noqa: E402

import bannedorgs  # noqa: E402

NAIVE_CUTOFF = 60.0  # the same cutoff as search's default, to call a naive answer a hit

# (query, the organisation it should find, or None when it names none)
QUERIES: dict[str, list[tuple[str, str | None]]] = {
    "exact, Latin": [
        ("Hizb ut-Tahrir", "hizb-ut-tahrir"),
        ("Islamic State", "islamic-state"),
        ("al-Qaeda", "al-qaeda"),
        ("Taliban", "taliban"),
        ("Muslim Brotherhood", "muslim-brotherhood"),
        ("Tablighi Jamaat", "tablighi-jamaat"),
        ("Aum Shinrikyo", "aum-shinrikyo"),
        ("Daesh", "islamic-state"),
        ("ISIS", "islamic-state"),
        ("Democratic Choice of Kazakhstan", "democratic-choice-of-kazakhstan"),
        ("Jabhat al-Nusra", "al-nusra-front"),
        ("Lashkar-e-Taiba", "lashkar-e-taiba"),
        ("Koshe Partiyasy", "koshe-partiyasy"),
        ("Islamic Movement of Uzbekistan", "islamic-movement-of-uzbekistan"),
        ("Grey Wolves", "boz-gurd"),
    ],
    "exact, Cyrillic": [
        ("Хизб ут-Тахрир", "hizb-ut-tahrir"),
        ("Исламское государство", "islamic-state"),
        ("ИГИЛ", "islamic-state"),
        ("Аль-Каида", "al-qaeda"),
        ("Талибан", "taliban"),
        ("Братья-мусульмане", "muslim-brotherhood"),
        ("Ислам мемлекеті", "islamic-state"),
        ("Мұсылман бауырлар", "muslim-brotherhood"),
        ("Көше партиясы", "koshe-partiyasy"),
        ("Таблиғи жамағат", "tablighi-jamaat"),
        ("ДАИШ", "islamic-state"),
        ("Демократический выбор Казахстана", "democratic-choice-of-kazakhstan"),
        ("Исламское движение Узбекистана", "islamic-movement-of-uzbekistan"),
        ("Әл-Каида", "al-qaeda"),
        ("Ән-Нұсра майданы", "al-nusra-front"),
    ],
    "other script": [
        ("Khizb ut-Takhrir", "hizb-ut-tahrir"),
        ("Islamskoe gosudarstvo", "islamic-state"),
        ("Al-Kaida", "al-qaeda"),
        ("Bratya-musulmane", "muslim-brotherhood"),
        ("Dzhabkhat an-Nusra", "al-nusra-front"),
        ("Islam memleketi", "islamic-state"),
        ("Musylman bauyrlar", "muslim-brotherhood"),
        ("Хизбут Тахрир", "hizb-ut-tahrir"),
        ("Таблиги Жамаат", "tablighi-jamaat"),
        ("Джабхат ал-Нусра", "al-nusra-front"),
        ("Аум Шинрикё", "aum-shinrikyo"),
        ("Лашкар-э-Тайба", "lashkar-e-taiba"),
    ],
    "typo": [
        ("Hizb ut Tahir", "hizb-ut-tahrir"),
        ("Al Qaida", "al-qaeda"),
        ("Talliban", "taliban"),
        ("Muslim Brotherhod", "muslim-brotherhood"),
        ("Islamic Stat", "islamic-state"),
        ("Исламское гасударство", "islamic-state"),
        ("Хизб ут Тахирр", "hizb-ut-tahrir"),
        ("Jabhat al-Nusrah", "al-nusra-front"),
        ("Aum Shinrikio", "aum-shinrikyo"),
        ("Lashkar-e-Toiba", "lashkar-e-taiba"),
        ("Kurdish Peoples Congres", "kurdish-peoples-congress"),
        ("Tablighi Jamat", "tablighi-jamaat"),
        ("Демократический выбор Казахстан", "democratic-choice-of-kazakhstan"),
        ("Талибанн", "taliban"),
    ],
    "not in the registry": [
        ("Red Cross", None),
        ("Greenpeace", None),
        ("Kazakhtelecom", None),
        ("Nur Otan", None),
        ("Amanat", None),
        ("Красный Крест", None),
        ("Қазақтелеком", None),
        ("Ак Жол", None),
        ("Halyk Bank", None),
        ("Hezbollah", None),
        ("Jund al-Sham", None),
        ("Tehrik-i-Taliban Pakistan", None),
        ("Islamic Jihad Union", None),
        ("Хезболла", None),
    ],
}


def lookup_or_none(query: str) -> Any:
    try:
        return bannedorgs.lookup(query)
    except LookupError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=7, help="timed runs per figure, after a warm-up (default 7)")
    p.add_argument("--json", type=Path, metavar="PATH", help="write every figure to this JSON file")
    p.add_argument("--quick", action="store_true", help="1 run of each, 3 cold starts (a smoke test)")
    args = p.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    min_seconds = 0.02 if args.quick else 0.3
    cold_runs = 3 if args.quick else 10

    info = h.machine()
    h.print_machine(info)
    reg = bannedorgs.default_registry()
    alias_to_org: dict[str, str] = {}
    for org in reg:
        for alias in org.all_aliases():
            alias_to_org.setdefault(alias.value, org.id)
    choices = list(alias_to_org)
    print(f"registry: {len(reg)} organisations, {len(choices)} distinct alias strings; median of {repeat} runs")

    def naive(query: str) -> Any:
        return process.extractOne(query, choices)

    def search_id(query: str) -> str | None:
        found = bannedorgs.search(query)
        return found[0].org.id if found else None

    def naive_id(query: str) -> str | None:
        best = naive(query)
        return alias_to_org[best[0]] if best is not None and best[1] >= NAIVE_CUTOFF else None

    def lookup_id(query: str) -> str | None:
        org = lookup_or_none(query)
        return org.id if org is not None else None

    def per_call(fn: Callable[[str], Any], queries: Sequence[str]) -> h.Timing:
        def batch() -> None:
            for q in queries:
                fn(q)

        timing = h.time_loop(batch, repeat, min_seconds=min_seconds)
        timing.calls *= len(queries)
        return timing

    table = h.Table(
        "Lookup and search latency (µs per call, median)",
        ["queries", "n", "search µs", "naive µs", "search/naive", "lookup µs", "search right", "naive right",
         "lookup right"],
    )  # fmt: skip
    results: dict[str, Any] = {"machine": info, "categories": {}}
    everything: list[tuple[str, str | None]] = []
    for category, pairs in QUERIES.items():
        everything.extend(pairs)
        rows = [(category, pairs)]
        if category == list(QUERIES)[-1]:
            rows.append(("all of the above", everything))
        for name, items in rows:
            queries = [q for q, _ in items]
            t_search = per_call(bannedorgs.search, queries)
            t_naive = per_call(naive, queries)
            t_lookup = per_call(lookup_or_none, queries)
            right = {
                "search": sum(search_id(q) == want for q, want in items),
                "naive": sum(naive_id(q) == want for q, want in items),
                "lookup": sum(lookup_id(q) == want for q, want in items),
            }
            table.add(
                name,
                len(items),
                f"{t_search.median * 1e6:.1f}",
                f"{t_naive.median * 1e6:.1f}",
                h.fmt_ratio(t_search.median / t_naive.median),
                f"{t_lookup.median * 1e6:.1f}",
                f"{right['search']}/{len(items)}",
                f"{right['naive']}/{len(items)}",
                f"{right['lookup']}/{len(items)}",
            )
            results["categories"][name] = {
                "queries": queries,
                "search": t_search.as_json(),
                "naive_extractone": t_naive.as_json(),
                "lookup": t_lookup.as_json(),
                "search_over_naive": t_search.median / t_naive.median,
                "right": right,
            }
    table.notes.append(
        "naive: rapidfuzz.process.extractOne(query, every alias string) with WRatio; its answer counts as "
        f"a hit at score >= {NAIVE_CUTOFF:g}"
    )
    table.notes.append(
        "right: the best answer names the expected organisation, or (not in the registry) nothing is "
        "answered; lookup answers only exact names, so it is not expected to get typos right"
    )
    table.print()

    cli, note = h.cli_invocation(allow_fallback=not args.quick)
    commands: list[h.ColdCommand] = [
        ("python -c pass", [sys.executable, "-c", "pass"], None, ENV),
        ("bannedorgs lookup Taliban", [*cli, "lookup", "Taliban"] if cli else None, None, ENV),
        ('bannedorgs search "Hizb ut Tahir"', [*cli, "search", "Hizb ut Tahir"] if cli else None, None, ENV),
    ]
    cold, figures = h.cold_start_table(commands, cold_runs, note)
    for name, value in figures.items():
        results.setdefault("cold_start", {})[name] = value
    cold.print()

    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
