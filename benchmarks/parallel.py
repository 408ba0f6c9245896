"""How well worker processes scale, measured by CPU accounting rather than by the clock.

On a shared or busy machine the wall-clock speed-up of N processes says little: the workers
wait for cores other programs hold. What the neighbours change much less is the CPU each part
spends, and from that the speed-up on N idle cores follows: the work shared by N cores can
take no less than (parent + workers) / N, and the parent's serial part caps it (Amdahl). So
for each case this script measures the CPU of one process, and with N processes the parent's
own CPU (``getrusage(RUSAGE_SELF)``) and the workers' (``RUSAGE_CHILDREN``, once they are
reaped), and predicts

    speed-up = one process / (before + max(parent', (parent' + workers) / N))

where ``before`` is the parent's CPU until the workers start (loading, forking: nothing runs
beside it) and parent' the rest of the parent's CPU.

(a) ``Annotator.annotate_many`` in a program that keeps its Annotator: the second and later
    calls (N processes: the parent, which annotates a share itself, and N - 1 workers). Also
    the floor: N forked children that annotate their share of the texts and send nothing
    back, i.e. what running N processes at once costs on this machine by itself.
(b) One call in a fresh program: ``Annotator()`` then ``annotate_many``, the start-up (loading
    the Annotator, each process compiling the forms it meets) included.
(c) ``bannedorgs annotate --jobs N`` over one file per article, in a fresh process.
(d) With ``--server``: ``bannedorgs serve --workers N`` under 10 concurrent clients sending
    5 KB articles (the client of benchmarks/load.py); the CPU of every server process per
    request, read from ``/proc``, predicts the requests per second on N idle cores given to
    the server alone.

Each figure is the median of ``--repeat`` runs, the one-process and N-process runs taken in
turns. When the load average is below ``--idle-load`` the measured wall-clock speed-up is
printed too, marked as such.

    python benchmarks/parallel.py                 # 2 MB of each corpus, 5 runs, N = 2
    python benchmarks/parallel.py --quick         # a smoke run
    python benchmarks/parallel.py --server        # add the web server (needs the server extra)
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import pickle
import resource
import statistics
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

import bannedorgs  # noqa: E402

DAY = "2023-06-01"
HERE = Path(__file__).resolve().parent

Spent = tuple[float, float, float]  # own CPU, reaped children's CPU, wall seconds


def cpu() -> Spent:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime, time.perf_counter()


def spent(fn: Callable[[], Any]) -> Spent:
    a = cpu()
    fn()
    b = cpu()
    return b[0] - a[0], b[1] - a[1], b[2] - a[2]


def medians(rows: Sequence[Sequence[float]]) -> tuple[float, ...]:
    return tuple(statistics.median(column) for column in zip(*rows, strict=True))


def predict(one: float, parent: float, workers: float, cores: int, *, before: float = 0.0) -> float:
    """The speed-up on ``cores`` idle cores (see the module's docstring); ``before`` is the
    part of the parent's CPU spent before the workers start, which nothing overlaps."""
    during = parent - before
    return one / (before + max(during, (during + workers) / cores))


def load_note(args: argparse.Namespace, one_wall: float, many_wall: float) -> str:
    load = os.getloadavg()[0]
    if load < args.idle_load:
        return f"measured wall-clock speed-up: {one_wall / many_wall:.2f}x (load average {load:.2f})"
    return f"wall clock not shown: load average {load:.2f} (>= --idle-load {args.idle_load:g})"


def cpu_table(title: str, size: float, n: int, *, one: float, parent: float, workers: float) -> h.Table:
    table = h.Table(title, ["", "CPU s", "CPU ms/MB", "vs one process"])
    for name, value in (
        ("one process", one),
        (f"{n} processes: parent", parent),
        (f"{n} processes: workers", workers),
        (f"{n} processes: all", parent + workers),
    ):
        table.add(name, f"{value:.3f}", f"{value / size * 1000:.1f}", f"{value / one:.2f}")
    return table


# ---------------------------------------------------------------------------------------
# (a) annotate_many with a warm Annotator
# ---------------------------------------------------------------------------------------


def print_fresh_table(
    title: str,
    args: argparse.Namespace,
    size: float,
    serial: tuple[float, float],
    many: tuple[float, float, float, float],
) -> float:
    """Print the CPU table of a run in fresh processes: one process (CPU, wall) against
    ``args.processes`` (the parent's CPU, the workers', the wall clock, the parent's CPU
    before its first worker started, counted as serial); return the predicted speed-up."""
    n = args.processes
    one, one_wall = serial
    parent, workers, wall, before = many
    table = cpu_table(title, size, n, one=one, parent=parent, workers=workers)
    table.add("parent: before the workers start", f"{before:.3f}", "", "")
    speedup = predict(one, parent, workers, n, before=before)
    table.notes.append(
        f"predicted speed-up on {n} idle cores: {speedup:.2f}x (what ran before the workers counted as serial)"
    )
    table.notes.append(load_note(args, one_wall, wall))
    table.print()
    return speedup


def _floor(annotator: bannedorgs.Annotator, articles: list[str], n: int) -> float:
    """CPU of ``n`` forked children annotating their share (received as one pickle, as the
    workers receive texts) and sending nothing back."""
    shares = [pickle.dumps(articles[k::n]) for k in range(n)]
    before = cpu()[1]
    children = []
    for share in shares:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                for text in pickle.loads(share):
                    annotator.annotate(text, on=DAY)
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    return cpu()[1] - before


def _round_trip(texts: list[str]) -> list[str]:
    copy: list[str] = pickle.loads(pickle.dumps(texts))
    return copy


def warm(args: argparse.Namespace, name: str, articles: list[str], res: dict[str, Any]) -> None:
    annotator = bannedorgs.Annotator()
    size = sum(len(a.encode()) for a in articles) / h.MB
    n = args.processes

    def consume(processes: int, texts: list[str]) -> None:
        for result in annotator.annotate_many(texts, processes=processes, on=DAY):
            result.text  # noqa: B018 - a caller reads the results

    consume(1, articles)  # every form this corpus needs compiled, as in a program that runs on
    consume(n, articles[: n * 4])  # the first parallel call lets the workers compile for themselves
    consume(n, articles[: n * 4])  # the second compiles everything once here
    serial, many, startup, floor, transport = [], [], [], [], []
    idle_cores = 0.0
    for _ in range(args.repeat):
        serial.append(spent(lambda: consume(1, articles)))
        many.append(spent(lambda: consume(n, articles)))
        startup.append(spent(lambda: consume(n, articles[:n])))
        if hasattr(os, "fork"):
            floor.append(_floor(annotator, articles, n))
        # what workers that outlive a call would pay instead of starting: the texts of their
        # share sent through a pipe (pickled and unpickled), where forked ones inherit them
        share = [text.encode().decode() for text in articles[1::n]]  # fresh strings, as a caller's are
        transport.append(spent(functools.partial(_round_trip, share))[0])
    one, _, one_wall = medians(serial)
    parent, workers, wall = medians(many)
    up_parent, up_workers, _ = medians(startup)
    table = cpu_table(
        f"(a) annotate_many, {name}: {len(articles)} articles, {size:.2f} MB, a warm Annotator; "
        f"median of {args.repeat} runs",
        size, n, one=one, parent=parent, workers=workers,
    )  # fmt: skip
    table.add(f"start-up: parent ({n} texts)", f"{up_parent:.3f}", "", "")
    table.add(f"start-up: {n - 1} worker{'s' if n > 2 else ''} ({n} texts)", f"{up_workers:.3f}", "", "")
    table.add("one worker's share of the texts pickled and unpickled", f"{statistics.median(transport):.3f}", "", "")
    if floor:
        low = statistics.median(floor)
        table.add(f"floor: {n} bare forked children", f"{low:.3f}", f"{low / size * 1000:.1f}", f"{low / one:.2f}")
    speedup = predict(one, parent, workers, n, before=up_parent)
    table.notes.append(
        f"predicted speed-up on {n} idle cores: {speedup:.2f}x (the parent's start-up counted as serial)"
    )
    if floor:
        # on idle cores N processes at once cost what one does: take the floor's excess away
        # from every process's work (the parent annotates a share too)
        idle_cores = predict(one, parent * one / low, workers * one / low, n, before=up_parent)
        table.notes.append(
            f"without the floor's excess over one process (as on idle cores, if running {n} at once "
            f"costs nothing more): {idle_cores:.2f}x"
        )
        table.notes.append(
            f"the parent and the workers spend {(parent + workers - low) / one * 100:+.0f}% of one process's CPU "
            "over the floor (packing, sending and rebuilding results, starting); the floor is this machine's "
            f"cost of running {n} processes at once"
        )
    table.notes.append(load_note(args, one_wall, wall))
    table.print()
    res[f"warm_{name}"] = {
        "mb": size, "articles": len(articles), "one_cpu": one, "parent_cpu": parent, "workers_cpu": workers,
        "startup_parent_cpu": up_parent, "startup_workers_cpu": up_workers,
        "share_transport_cpu": statistics.median(transport),
        "floor_cpu": statistics.median(floor) if floor else None, "predicted_speedup": speedup,
        "predicted_speedup_without_floor": idle_cores if floor else None,
        "wall_speedup": one_wall / wall, "load": os.getloadavg()[0],
    }  # fmt: skip


# ---------------------------------------------------------------------------------------
# (b) one call in a fresh program, (c) the command line
# ---------------------------------------------------------------------------------------

# Both scripts below count the parent's CPU up to its first worker (from ``_a``): this part of
# them records it.
_FIRST_START = """
import multiprocessing.process
_start, _first = multiprocessing.process.BaseProcess.start, []


def _recorded(self):  # the parent's CPU when the first worker starts: what ran before it is serial
    if not _first:
        _first.append(resource.getrusage(resource.RUSAGE_SELF))
    _start(self)


multiprocessing.process.BaseProcess.start = _recorded


def _before():
    if not _first:
        return 0.0
    return _first[0].ru_utime + _first[0].ru_stime - _a
"""

_FRESH = (
    """
import json, resource, sys, time
sys.path[:0] = {paths!r}
import corpus, corpus_mixed, bannedorgs
module = corpus if {name!r} == "news" else corpus_mixed
articles = module.split_articles(module.generate({size}, {seed}))

def cpu():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime, time.perf_counter()

a = cpu()
_a = a[0]
"""
    + _FIRST_START
    + """
annotator = bannedorgs.Annotator()
for result in annotator.annotate_many(articles, processes={processes}, on={day!r}):
    result.text
b = cpu()
print(json.dumps([b[0] - a[0], b[1] - a[1], b[2] - a[2], _before()]))
"""
)

_CLI = (
    """
import json, os, resource, sys, time
a = time.perf_counter()
_a = 0.0
"""
    + _FIRST_START
    + """
from bannedorgs.cli import main
code = main(sys.argv[2:])
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    spent = [own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime, time.perf_counter() - a]
    json.dump([*spent, _before(), code], out)
"""
)


def _run_json(cmd: list[str], *, report: Path | None = None) -> list[float]:
    out = subprocess.run(cmd, env=ENV, check=True, capture_output=True, text=True)
    figures: list[float] = json.loads(report.read_text() if report else out.stdout)
    return figures


def fresh(args: argparse.Namespace, name: str, seed: int, res: dict[str, Any]) -> None:
    n = args.processes
    size = args.size_mb

    def run(processes: int) -> list[float]:
        code = _FRESH.format(paths=[str(HERE)], name=name, size=int(size * h.MB), seed=seed,
                             processes=processes, day=DAY)  # fmt: skip
        return _run_json([sys.executable, "-c", code])

    serial, many = [], []
    for _ in range(args.repeat):
        serial.append(run(1))
        many.append(run(n))
    one, _, one_wall = medians([(own + kids, kids, wall) for own, kids, wall, _ in serial])
    parent, workers, wall, before = medians(many)
    speedup = print_fresh_table(
        f"(b) one call in a fresh program, {name}: Annotator() and annotate_many over {size:g} MB; "
        f"median of {args.repeat} runs",
        args,
        size,
        (one, one_wall),
        (parent, workers, wall, before),
    )
    res[f"fresh_{name}"] = {"mb": size, "one_cpu": one, "parent_cpu": parent, "workers_cpu": workers,
                            "predicted_speedup": speedup, "wall_speedup": one_wall / wall}  # fmt: skip


def cli(args: argparse.Namespace, name: str, articles: list[str], res: dict[str, Any]) -> None:
    n = args.processes
    size = sum(len(a.encode()) for a in articles) / h.MB
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, article in enumerate(articles):
            path = Path(tmp) / f"{i:05}.txt"
            path.write_text(article, encoding="utf-8")
            files.append(str(path))
        report = Path(tmp) / "report.json"

        def run(jobs: int, names: list[str]) -> list[float]:
            cmd = [sys.executable, "-c", _CLI, str(report), "annotate", "--on", DAY, "--jobs", str(jobs), *names]
            return _run_json(cmd, report=report)

        serial, many = [], []
        for _ in range(args.repeat):
            serial.append(run(1, files))
            many.append(run(n, files))
    one, _, one_wall = medians([(own + kids, kids, wall) for own, kids, wall, _, _ in serial])
    parent, workers, wall, before, _ = medians(many)
    speedup = print_fresh_table(
        f"(c) bannedorgs annotate --jobs {n}, {name}: {len(articles)} files, {size:.2f} MB, a fresh process; "
        f"median of {args.repeat} runs",
        args,
        size,
        (one, one_wall),
        (parent, workers, wall, before),
    )
    res[f"cli_{name}"] = {"mb": size, "files": len(articles), "one_cpu": one, "parent_cpu": parent,
                          "workers_cpu": workers, "predicted_speedup": speedup,
                          "wall_speedup": one_wall / wall}  # fmt: skip


# ---------------------------------------------------------------------------------------
# (d) the web server
# ---------------------------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux)."""
    out = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in children:
            out += _tree(int(child))
    return out


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server(args: argparse.Namespace, res: dict[str, Any]) -> None:
    import load

    texts = load.articles(40)
    requests = args.requests
    rows: dict[int, dict[str, Any]] = {}
    table = h.Table(
        f"(d) bannedorgs serve: POST /api/v1/annotate, 10 clients, {requests} requests per run; "
        f"median of {args.repeat} runs",
        ["workers", "server CPU ms/request", "busiest worker's share", "client CPU ms/request",
         "predicted req/s on that many idle cores", "measured req/s"],
    )  # fmt: skip
    for workers in (1, args.processes):
        with load.Server(workers, ENV) as running:
            bodies = [load._request(running.port, t) for t in texts]
            asyncio.run(load._level(running.port, bodies, 10, 200, 60))  # start-up and warm-up of every worker
            pids = _tree(running.child.pid)
            per_request, share, client, rate = [], [], [], []
            for _ in range(args.repeat):
                before = {pid: _cpu_of(pid) for pid in pids}
                mine = cpu()
                level = asyncio.run(load._level(running.port, bodies, 10, requests, 120))
                after_mine = cpu()
                used = {pid: _cpu_of(pid) - before[pid] for pid in pids}
                answers = len(level.latencies)
                if level.errors:
                    raise RuntimeError(f"the server answered with errors: {level.errors[:3]}")
                per_request.append(sum(used.values()) / answers)
                share.append(max(used.values()) / sum(used.values()))
                client.append((after_mine[0] - mine[0]) / answers)
                rate.append(answers / level.seconds)
        cost, busiest, client_cost, measured = medians(list(zip(per_request, share, client, rate, strict=True)))
        # the busiest worker takes `busiest` of the CPU: it runs out of its core first
        predicted = 1 / (cost * max(busiest, 1 / workers))
        rows[workers] = {"cpu_per_request": cost, "busiest_share": busiest, "client_cpu_per_request": client_cost,
                         "predicted_rps": predicted, "measured_rps": measured}  # fmt: skip
        table.add(workers, f"{cost * 1000:.2f}", f"{busiest:.2f}", f"{client_cost * 1000:.2f}", f"{predicted:.0f}",
                  f"{measured:.0f}")  # fmt: skip
    n = args.processes
    table.notes.append(
        f"predicted speed-up of {n} workers over 1 on idle cores: "
        f"{rows[n]['predicted_rps'] / rows[1]['predicted_rps']:.2f}x; CPU per request "
        f"{rows[n]['cpu_per_request'] / rows[1]['cpu_per_request']:.2f}x that of one worker"
    )
    table.notes.append("server CPU: the supervisor and every worker, from /proc; the client runs on the same cores")
    table.notes.append(
        f"measured req/s include the client's CPU competing for the cores (load average {os.getloadavg()[0]:.2f})"
    )
    table.print()
    res["server"] = {str(k): v for k, v in rows.items()}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size-mb", type=float, default=2.0, help="MB of each corpus (default 2)")
    p.add_argument("--repeat", type=int, default=5, help="runs per figure, the median is shown (default 5)")
    p.add_argument("--processes", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--idle-load", type=float, default=1.0, help="show wall-clock speed-ups below this load average")
    p.add_argument("--server", action="store_true", help="also measure bannedorgs serve (needs the server extra)")
    p.add_argument("--requests", type=int, default=1000, help="server: requests per run (default 1000)")
    p.add_argument("--no-cli", dest="cli", action="store_false", help="skip (b) and (c), the fresh processes")
    p.add_argument("--parts", default="abc", help="which of (a), (b) and (c) to run, as letters (default abc)")
    p.add_argument("--quick", action="store_true", help="a smoke run: 0.2 MB, 1 run, 100 requests")
    p.add_argument("--json", type=Path, metavar="PATH", help="write every figure to this JSON file")
    args = p.parse_args(argv)
    if args.quick:
        args.size_mb, args.repeat, args.requests = min(args.size_mb, 0.2), 1, 100
    if args.processes < 2:
        p.error("--processes must be at least 2")
    info = h.machine()
    h.print_machine(info)
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    res: dict[str, Any] = {"machine": info, "settings": {k: str(v) for k, v in vars(args).items()}}
    size = int(args.size_mb * h.MB)
    news = corpus.split_articles(corpus.generate(size, 1))
    mixed = corpus_mixed.split_articles(corpus_mixed.generate(size, 2))
    if "a" in args.parts:
        warm(args, "news", news, res)
        warm(args, "mixed", mixed, res)
    if args.cli and "b" in args.parts:
        fresh(args, "news", 1, res)
        fresh(args, "mixed", 2, res)
    if args.cli and "c" in args.parts:
        cli(args, "news", news, res)
    if args.server:
        server(args, res)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
