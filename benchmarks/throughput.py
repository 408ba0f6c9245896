"""Throughput, scaling, memory and start-up time of bannedorgs against naive gazetteer scans.

One process, one run, the same text for every contender:

(a) pyahocorasick: every alias of the registry, casefolded, in one automaton; the text
    casefolded once; word boundaries checked in Python at each hit. Exact aliases only: no
    inflection, no guards, so it also reports "is" for IS and misses «Аль-Каидой».
(b) flashtext: the same aliases, case-insensitive, on a slice (it is pure Python).
(c) re: one alternation of the escaped aliases, longest first, IGNORECASE, \\b...\\b; on the
    slice when the whole corpus would take too long.
(d) bannedorgs ``Annotator().find(text, on=...)`` on the whole corpus.
(e) bannedorgs ``annotate`` (markers and footnotes) and ``find`` article by article.
(f) find() time per MB at 1 KB, 1 MB, 10 MB (and 100 MB with --big).
(g) peak RSS of this process; with --cli-memory, of ``bannedorgs annotate`` on a big file.
(h) cold start of python, of ``import bannedorgs`` and of the CLI.
(i) registry load and matcher compile time.
(j) ``Annotator.annotate_many`` with 1 and 2 processes.

    python benchmarks/throughput.py                 # 20 MB corpus, 5 repetitions
    python benchmarks/throughput.py --quick         # everything, tiny, in seconds
    python benchmarks/throughput.py --size-mb 5 --json results.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import _harness as h
import corpus
import corpus_mixed

ENV = h.import_bannedorgs()

import ahocorasick  # noqa: E402

import bannedorgs  # noqa: E402
from bannedorgs import registry as _registry  # noqa: E402

DEFAULT_DAY = "2023-06-01"  # every organisation of the registry is banned (the Taliban until Dec 2023)
CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
COLD_SAMPLE = b"Members of Hizb ut-Tahrir were detained in Almaty.\n"


# ---------------------------------------------------------------------------------------
# The contenders
# ---------------------------------------------------------------------------------------


def all_aliases(reg: Any) -> list[str]:
    """Every alias value of the registry (names included), once each."""
    seen: dict[str, str] = {}
    for org in reg:
        for alias in org.all_aliases():
            seen.setdefault(alias.value, alias.value)
    return sorted(seen)


def build_aho(aliases: Sequence[str]) -> Callable[[str], list[tuple[int, int]]]:
    automaton = ahocorasick.Automaton()
    for alias in aliases:
        key = alias.casefold()
        automaton.add_word(key, len(key))
    automaton.make_automaton()

    def scan(text: str) -> list[tuple[int, int]]:
        low = text.casefold()
        n = len(low)
        found = []
        for end, length in automaton.iter(low):
            start = end - length + 1
            if start > 0 and low[start - 1].isalnum():
                continue
            if end + 1 < n and low[end + 1].isalnum():
                continue
            found.append((start, end + 1))
        return found

    return scan


def build_flashtext(aliases: Sequence[str]) -> Callable[[str], list[tuple[str, int, int]]]:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    # flashtext's word characters are [A-Za-z0-9_]: without Cyrillic ones, "ИГ" would be found
    # inside "ИГИЛ" and in the middle of any Russian word
    kp.non_word_boundaries = set(kp.non_word_boundaries) | set(CYRILLIC_LETTERS) | set(CYRILLIC_LETTERS.upper())
    for alias in aliases:
        kp.add_keyword(alias)

    def scan(text: str) -> list[tuple[str, int, int]]:
        return kp.extract_keywords(text, span_info=True)  # type: ignore[no-any-return]

    return scan


def build_regex(aliases: Sequence[str]) -> Callable[[str], list[tuple[int, int]]]:
    ordered = sorted(set(aliases), key=lambda a: (-len(a), a))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in ordered) + r")\b", re.IGNORECASE)

    def scan(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    return scan


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


def prefix(text: str, size: int) -> str:
    """The first ``size`` bytes of ``text`` (UTF-8), cut back to a whitespace."""
    head = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    cut = max(head.rfind(" "), head.rfind("\n"))
    return head[:cut] if cut > 0 else head


def articles_up_to(articles: Sequence[str], size: int) -> list[str]:
    """Whole articles from the start, until ``size`` bytes are reached."""
    out: list[str] = []
    total = 0
    for article in articles:
        if total >= size:
            break
        out.append(article)
        total += nbytes(article) + len(corpus.ARTICLE_SEPARATOR)
    return out


def label_size(size: int) -> str:
    if size >= h.MB:
        return f"{size / h.MB:g} MB"
    return f"{size / 1000:g} KB"


class Results:
    """Everything measured, for --json."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def put(self, section: str, key: str, value: Any) -> None:
        self.data.setdefault(section, {})[key] = value


# ---------------------------------------------------------------------------------------
# The sections
# ---------------------------------------------------------------------------------------


def throughput(
    args: argparse.Namespace,
    text: str,
    articles: list[str],
    annotator: Any,
    res: Results,
    *,
    section: str = "throughput",
    label: str = "",
) -> None:
    reg = annotator.registry
    aliases = all_aliases(reg)
    aho = build_aho(aliases)
    flash = build_flashtext(aliases)
    regex = build_regex(aliases)
    size = nbytes(text)
    sliced = corpus.ARTICLE_SEPARATOR.join(articles_up_to(articles, int(args.slice_mb * h.MB)))
    slice_size = nbytes(sliced)
    day = args.on

    article_bytes = sum(nbytes(a) for a in articles)
    sizes = {"corpus": size, "slice": slice_size, "articles": article_bytes}
    rows: list[dict[str, Any]] = []
    notes: list[str] = []

    def measure(key: str, name: str, where: str, fn: Callable[[], Any], count: Callable[[Any], int]) -> None:
        timing, result = h.time_call(fn, args.repeat, budget=args.budget)
        rate = sizes[where] / h.MB / timing.median
        rows.append({"key": key, "name": name, "input": where, "bytes": sizes[where], "mb_per_s": rate,
                     "mentions": count(result), **timing.as_json()})  # fmt: skip
        if timing.note:
            notes.append(f"{name}: {timing.note}")

    def find_each() -> int:
        return sum(len(annotator.find(a, on=day)) for a in articles)

    def annotate_each() -> list[Any]:
        return [annotator.annotate(a, on=day) for a in articles]

    def mentions_of(out: list[Any]) -> int:
        return sum(len(r.mentions) for r in out)

    use_slice = slice_size < size
    measure("pyahocorasick", "(a) pyahocorasick, exact aliases", "corpus", lambda: aho(text), len)
    if use_slice:
        measure("pyahocorasick_slice", "(a) pyahocorasick, exact aliases", "slice", lambda: aho(sliced), len)
    # flashtext always runs on the slice; re only when the whole corpus would take too long
    measure("flashtext", "(b) flashtext", "slice" if use_slice else "corpus", lambda: flash(sliced), len)
    t0 = time.perf_counter()
    regex(sliced)
    predicted = (time.perf_counter() - t0) * size / slice_size * (args.repeat + 1)
    if use_slice and predicted > args.regex_seconds:
        measure("regex", "(c) re alternation", "slice", lambda: regex(sliced), len)
        notes.append(f"(c) ran on the slice: on the whole corpus it would take about {predicted:.0f} s")
    else:
        measure("regex", "(c) re alternation", "corpus", lambda: regex(text), len)
    measure("bannedorgs_find", "(d) bannedorgs find()", "corpus", lambda: annotator.find(text, on=day), len)
    measure("bannedorgs_find_per_article", "(e) bannedorgs find() per article", "articles", find_each, int)
    measure("bannedorgs_annotate_per_article", "(e) bannedorgs annotate() per article", "articles", annotate_each,
            mentions_of)  # fmt: skip

    # The same two, run in turns: on a noisy machine a ratio of runs made side by side
    # drifts less than a ratio of two medians taken a minute apart.
    paired = h.paired_ratios(lambda: aho(text), lambda: annotator.find(text, on=day), args.repeat)
    res.put(section, "find_vs_pyahocorasick_paired", paired)
    notes.append(
        f"(d) and (a) run in turns, {len(paired['ratios'])} pairs: find() at {h.fmt_ratio(paired['median'])} "
        f"the speed of (a) (median; pairs from {h.fmt_ratio(min(paired['ratios']))} to "
        f"{h.fmt_ratio(max(paired['ratios']))})"
    )

    baseline = {r["input"]: r["mb_per_s"] for r in rows if r["key"].startswith("pyahocorasick")}
    baseline["articles"] = baseline["corpus"]
    table = h.Table(
        f"Throughput{label}: median of {args.repeat} runs after a warm-up (MB = 10^6 bytes of UTF-8)",
        ["contender", "input", "MB", "runs", "MB/s", "vs (a)", "mentions"],
    )
    for r in rows:
        r["vs_baseline"] = r["mb_per_s"] / baseline[r["input"]]
        table.add(r["name"], r["input"], f"{r['bytes'] / h.MB:.2f}", len(r["runs_s"]), h.fmt_rate(r["mb_per_s"]),
                  h.fmt_ratio(r["vs_baseline"]), r["mentions"])  # fmt: skip
        res.put(section, r.pop("key"), r)
    table.notes.extend(notes)
    table.notes.append(
        f"corpus: {size / h.MB:.2f} MB, {len(articles)} articles; slice: the first {slice_size / h.MB:.2f} MB "
        "of whole articles; 'vs (a)' = MB/s over (a)'s MB/s on the same input (for articles: on the corpus)"
    )
    table.notes.append(
        "mentions: as reported; (a)-(c) know exact aliases only: they miss inflected forms and also count "
        "lookalikes and the English word 'is'"
    )
    table.print()


def scaling(
    args: argparse.Namespace,
    text: str,
    annotator: Any,
    res: Results,
    *,
    section: str = "scaling",
    label: str = "",
    distinct: Callable[[int], str] | None = None,
) -> None:
    """find() per MB by size; sizes beyond the corpus repeat it, or with ``distinct`` are
    generated afresh (distinct text of the same mix)."""
    day = args.on
    sizes = [1000, 10_000, 100_000] if args.quick else [1000, h.MB, 10 * h.MB]
    if args.big:
        sizes.append(100 * h.MB)
    reference = h.MB if h.MB in sizes else max(s for s in sizes if s <= h.MB)
    table = h.Table(
        f"Scaling{label}: find() time per MB by text size",
        ["size", "runs × calls", "ms per call", "s per MB", "vs " + label_size(reference)],
    )
    have = nbytes(text)
    per_mb: dict[int, float] = {}
    for size in sizes:
        if size > have and distinct is not None:
            sample, made = prefix(distinct(size), size), "generated to this size: distinct text of the same mix"
        elif size > have:
            # the corpus over again, so a larger size has the same mix of names and templates
            # as the smaller ones (prefixes of the corpus) and only the size differs
            copies = math.ceil(size / have)
            sample = prefix(corpus.ARTICLE_SEPARATOR.join([text] * copies), size)
            made = f"the corpus repeated {copies} times, so only the size differs"
        else:
            sample, made = prefix(text, size), ""
        actual = nbytes(sample)
        if size >= 100 * h.MB and per_mb:
            # extrapolate from the two largest sizes measured, with the growth seen between them
            (s1, p1), (s2, p2) = sorted(per_mb.items())[-2:]
            exponent = max(0.0, math.log(p2 / p1) / math.log(s2 / s1))  # per-MB time ~ size ** exponent
            predicted = p2 * (actual / s2) ** exponent * actual / h.MB
            if predicted > args.big_limit:
                table.add(label_size(size), "skipped", "", "", "")
                table.notes.append(
                    f"{label_size(size)}: skipped, one call would take about {predicted:.0f} s "
                    f"(> --big-limit {args.big_limit:.0f} s) at the growth seen so far"
                )
                res.put(section, str(size), {"skipped": True, "predicted_s": predicted})
                continue
        if size <= 100_000:
            timing = h.time_loop(lambda s=sample: annotator.find(s, on=day), args.repeat,
                                 min_seconds=0.05 if args.quick else 0.3)  # fmt: skip
        else:
            timing, _ = h.time_call(lambda s=sample: annotator.find(s, on=day), args.repeat, budget=args.budget)
        per_mb[size] = timing.median / (actual / h.MB)
        if timing.note:
            table.notes.append(f"{label_size(size)}: {timing.note}")
        if made:
            table.notes.append(f"{label_size(size)}: larger than the corpus, {made}")
        res.put(section, str(size), {"bytes": actual, "s_per_mb": per_mb[size], **timing.as_json()})
    for size in sizes:
        if size not in per_mb:
            continue
        spread = per_mb[size] / per_mb[reference] - 1 if reference in per_mb else 0.0
        runs = res.data[section][str(size)]
        table.add(
            label_size(size),
            f"{len(runs['runs_s'])} × {runs['calls_per_run']}",
            h.fmt_ms(runs["median_s"]),
            f"{per_mb[size]:.3g}",
            f"{spread * 100:+.0f}%",
        )
        res.data[section][str(size)]["vs_reference"] = spread
    table.notes.append("a linear-time finder keeps the per-MB time flat; growth with size means superlinear work")
    table.print()


def parallel(args: argparse.Namespace, articles: list[str], annotator: Any, res: Results) -> None:
    day = args.on
    size = sum(nbytes(a) for a in articles)
    table = h.Table(
        f"annotate_many over {len(articles)} articles ({size / h.MB:.2f} MB); {os.cpu_count()} CPUs",
        ["processes", "runs", "seconds", "MB/s", "speed-up"],
    )
    times: dict[int, float] = {}
    for procs in (1, 2):

        def run(p: int = procs) -> int:
            return sum(len(r.mentions) for r in annotator.annotate_many(articles, processes=p, on=day))

        timing, mentions = h.time_call(run, args.repeat, budget=args.budget)
        times[procs] = timing.median
        table.add(procs, len(timing.runs), f"{timing.median:.3g}", h.fmt_rate(size / h.MB / timing.median),
                  h.fmt_ratio(times[1] / timing.median))  # fmt: skip
        if timing.note:
            table.notes.append(f"processes={procs}: {timing.note}")
        res.put("annotate_many", str(procs), {"mentions": mentions, **timing.as_json()})
    res.put("annotate_many", "speedup_2", times[1] / times[2])
    table.notes.append("processes=2 includes starting the pool; processes=1 runs in this process")
    table.print()


_FRESH_LOAD = """
import time
t0 = time.perf_counter()
from bannedorgs import registry
from bannedorgs.annotator import Annotator
t1 = time.perf_counter()
reg = registry.load()
t2 = time.perf_counter()
Annotator(reg).matcher
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def loading(args: argparse.Namespace, res: Results) -> None:
    runs = 3 if args.quick else 10
    table = h.Table(
        f"Registry load and matcher compile (median of {runs})",
        ["step", "ms, cache on", "ms, BANNEDORGS_NO_CACHE=1"],
    )
    # the library keeps the parsed registry and the compiled matcher in an on-disk cache;
    # both ways are measured: with it (a user's second and later runs) and without (the first)
    in_process: list[h.Timing] = []
    for no_cache in (False, True):
        saved = os.environ.get("BANNEDORGS_NO_CACHE")
        if no_cache:
            os.environ["BANNEDORGS_NO_CACHE"] = "1"
        try:
            in_process.append(h.time_loop(_registry.load, runs, min_seconds=0.0))
        finally:
            if saved is None:
                os.environ.pop("BANNEDORGS_NO_CACHE", None)
            else:
                os.environ["BANNEDORGS_NO_CACHE"] = saved
    table.add("bannedorgs.registry.load(), in this process", *(h.fmt_ms(t.median) for t in in_process))
    res.put("load", "registry_load", in_process[0].as_json())
    res.put("load", "registry_load_no_cache", in_process[1].as_json())
    # compiling again in the same process is cheaper (re caches compiled patterns): the figures
    # that matter for a command or a worker are those of a fresh interpreter
    steps = (
        ("fresh_import", "import bannedorgs.registry + annotator, fresh process"),
        ("fresh_registry_load", "registry.load(), fresh process"),
        ("fresh_matcher", "Annotator(registry).matcher, fresh process"),
    )
    fresh: dict[bool, list[list[float]]] = {}
    for no_cache in (False, True):
        env = dict(ENV, BANNEDORGS_NO_CACHE="1") if no_cache else ENV
        values: list[list[float]] = [[] for _ in steps]
        for _ in range(runs + 1):  # the first run fills the cache and is not counted
            proc = subprocess.run(
                [sys.executable, "-c", _FRESH_LOAD], capture_output=True, text=True, env=env, check=False
            )
            if proc.returncode != 0:
                table.notes.append(f"fresh-process timing failed: {proc.stderr.strip()[-200:]}")
                table.print()
                return
            for k, value in enumerate(proc.stdout.split()):
                values[k].append(float(value))
        fresh[no_cache] = [v[1:] for v in values]
    for k, (key, name) in enumerate(steps):
        cached, uncached = h.Timing(fresh[False][k]), h.Timing(fresh[True][k])
        table.add(name, h.fmt_ms(cached.median), h.fmt_ms(uncached.median))
        res.put("load", key, cached.as_json())
        res.put("load", key + "_no_cache", uncached.as_json())
    table.notes.append("the matcher compiles its regular expressions lazily: the first find() pays for those it uses")
    table.print()


def cold_start(args: argparse.Namespace, res: Results) -> None:
    runs = 3 if args.quick else 10
    cli, note = h.cli_invocation(allow_fallback=not args.quick)
    annotate = [*cli, "annotate", "--on", args.on] if cli else None
    # a whole article, as a publishing hook sends it: every form its names meet is compiled
    article = max(corpus.generate_articles(40_000, args.seed), key=len).encode()
    commands: list[h.ColdCommand] = [
        ("python -c pass", [sys.executable, "-c", "pass"], None, ENV),
        ('python -c "import bannedorgs"', [sys.executable, "-c", "import bannedorgs"], None, ENV),
        ("bannedorgs annotate < one line", annotate, COLD_SAMPLE, ENV),
        ("  the same, BANNEDORGS_NO_CACHE=1", annotate, COLD_SAMPLE, dict(ENV, BANNEDORGS_NO_CACHE="1")),
        (f"bannedorgs annotate < one article ({len(article) / 1000:.0f} KB)", annotate, article, ENV),
        ("bannedorgs lookup Taliban", [*cli, "lookup", "Taliban"] if cli else None, None, ENV),
    ]
    table, figures = h.cold_start_table(commands, runs, note)
    for name, value in figures.items():
        res.put("cold_start", name, value)
    table.print()


def memory(args: argparse.Namespace, res: Results) -> None:
    table = h.Table("Peak memory (resident set size)", ["process", "MB", "note"])
    if args.cli_memory:
        cli, note = h.cli_invocation(allow_fallback=True)
        assert cli is not None
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"corpus-{args.cli_mb:g}mb.txt"
            path.write_text(corpus.generate(int(args.cli_mb * h.MB), args.seed), encoding="utf-8")
            size = path.stat().st_size
            try:
                peak, wall = h.child_peak_rss([*cli, "annotate", "--on", args.on, str(path)], env=ENV)
            except RuntimeError as exc:
                table.add(f"bannedorgs annotate, {size / h.MB:.0f} MB file", "failed", str(exc)[:80])
            else:
                detail = f"{wall:.1f} s wall (start-up included), {size / h.MB / wall:.3g} MB/s"
                table.add(f"bannedorgs annotate, {size / h.MB:.0f} MB file", f"{peak:.0f}", detail)
                res.put("memory", "cli_annotate", {"bytes": size, "peak_rss_mb": peak, "wall_s": wall})
            if note:
                table.notes.append(note)
    own = h.self_peak_rss_mb()
    table.add("this benchmark process (ru_maxrss)", f"{own:.0f}", "corpus, copies, all contenders")
    res.put("memory", "self_peak_rss_mb", own)
    table.print()


# ---------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, help="a text file (articles separated by two blank lines); default: generate")
    p.add_argument("--size-mb", type=float, default=20.0, help="size of the generated corpus (default 20)")
    p.add_argument("--seed", type=int, default=1, help="seed of the generated corpus (default 1)")
    p.add_argument("--repeat", type=int, default=5, help="timed runs per measurement, after a warm-up (default 5)")
    p.add_argument("--on", default=DEFAULT_DAY, help=f"the date passed to find/annotate (default {DEFAULT_DAY})")
    p.add_argument("--slice-mb", type=float, default=2.0, help="size of the slice for flashtext and re (default 2)")
    p.add_argument(
        "--regex-seconds",
        type=float,
        default=30.0,
        help="run re on the slice when the whole corpus would take longer (default 30)",
    )
    p.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds per measurement: fewer runs when one is slower than budget/repeat (default 120)",
    )
    p.add_argument("--big", action="store_true", help="add 100 MB to the scaling series")
    p.add_argument(
        "--big-limit",
        type=float,
        default=900.0,
        help="skip the 100 MB run when one call is predicted to take longer (default 900 s)",
    )
    p.add_argument(
        "--cli-memory", action="store_true", help="measure the peak RSS of bannedorgs annotate on a big file"
    )
    p.add_argument("--cli-mb", type=float, default=100.0, help="size of that file in MB (default 100)")
    p.add_argument("--json", type=Path, metavar="PATH", help="write every figure to this JSON file")
    p.add_argument(
        "--no-mixed",
        dest="mixed",
        action="store_false",
        help="skip the second corpus (corpus_mixed.py: Kazakh-heavy, Markdown and HTML, CRLF)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="everything on a ≈200 KB corpus, 1 run, no CLI memory, no 100 MB (a smoke test)",
    )
    args = p.parse_args(argv)
    if args.quick:
        args.size_mb = min(args.size_mb, 0.2)
        args.repeat = 1
        args.slice_mb = min(args.slice_mb, 0.1)
        args.big = False
        args.cli_memory = False
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    res = Results()
    info = h.machine()
    h.print_machine(info)
    res.data["machine"] = info
    res.data["settings"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}

    t0 = time.perf_counter()
    if args.corpus is not None:
        text = args.corpus.read_text(encoding="utf-8")
        origin = str(args.corpus)
    else:
        text = corpus.generate(int(args.size_mb * h.MB), args.seed)
        origin = f"generated, seed {args.seed}"
    articles = corpus.split_articles(text)
    print(f"corpus: {nbytes(text) / h.MB:.2f} MB, {len(articles)} articles ({origin}, "
          f"{time.perf_counter() - t0:.1f} s); find/annotate on={args.on}; {args.repeat} runs per figure")  # fmt: skip
    res.put("corpus", "bytes", nbytes(text))
    res.put("corpus", "articles", len(articles))
    res.put("corpus", "origin", origin)

    annotator = bannedorgs.Annotator()
    annotator.matcher  # noqa: B018 - compiled before timing; its cost is in the load section

    throughput(args, text, articles, annotator, res, label=" - corpus.py (news)")
    scaling(args, text, annotator, res, label=" - corpus.py (news)")
    if args.mixed:
        t0 = time.perf_counter()
        mixed = corpus_mixed.generate(int(args.size_mb * h.MB), args.seed + 1)
        mixed_articles = corpus_mixed.split_articles(mixed)
        print(f"\nsecond corpus: {nbytes(mixed) / h.MB:.2f} MB, {len(mixed_articles)} articles (corpus_mixed.py, "
              f"seed {args.seed + 1}, {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        res.put("corpus_mixed", "bytes", nbytes(mixed))
        res.put("corpus_mixed", "articles", len(mixed_articles))
        label = " - corpus_mixed.py (Kazakh-heavy, Markdown/HTML, CRLF)"
        throughput(args, mixed, mixed_articles, annotator, res, section="throughput_mixed", label=label)
        scaling(args, mixed, annotator, res, section="scaling_mixed", label=label,
                distinct=lambda size: corpus_mixed.generate(size, args.seed + 1))  # fmt: skip
    parallel(args, articles, annotator, res)
    loading(args, res)
    cold_start(args, res)
    memory(args, res)

    total = time.perf_counter() - started
    res.put("run", "seconds", total)
    print(f"\ntotal {total:.1f} s")
    if args.json is not None:
        args.json.write_text(json.dumps(res.data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
