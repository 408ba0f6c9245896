"""Cold start of the command line: CPU time of a new process against bare ``python -c pass``.

Each command runs ``--runs`` times in turns with ``python -c pass`` (after one untimed run of
each); the CPU time (user + system, from ``RUSAGE_CHILDREN``) of the command is divided by
that of the bare Python run next to it, and the median of these ratios is reported. On a
machine that other work keeps busy both sides of a pair are slowed alike, and CPU time does
not count the time spent waiting for a core. The commands: two floors (``import attrs``, the
foundation of the model that results and footnotes are made of, and the standard-library
modules it brings, ``inspect`` and ``typing``), ``import bannedorgs``,
``bannedorgs annotate`` of one line and of one 4 KB news article (what an editor's hook or a
CMS passes it: the article meets more forms of names than the line), ``bannedorgs lookup``,
and ``annotate`` of the line with the on-disk cache turned off.

Then one run of each command under ``-X importtime`` splits its start into what its imports
cost (by package: bannedorgs, attrs, the standard library …; importtime's own overhead
included) and one in-process run splits the plan load into reading the cache and building
the answer's data.

    python benchmarks/coldstart.py                       # 15 pairs per command, ~20 s
    python benchmarks/coldstart.py --runs 5
    python benchmarks/coldstart.py --quick               # two pairs: only to see that it runs
    python benchmarks/coldstart.py --other /work/base/src   # also another checkout, in turns

With ``--other SRC`` each command also runs with ``PYTHONPATH=SRC`` (the same console
script then imports that checkout's code), in the same turns, so the before/after ratio
of the two versions comes from one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

import _harness as h

ENV = h.import_bannedorgs()
LINE = b"Members of Hizb ut-Tahrir were detained in Almaty.\n"
DAY = "2024-01-01"


def article() -> bytes:
    """A news article of 4-5 KB from the generated corpus (seed 1), as an editor's hook passes one."""
    import corpus

    articles = corpus.generate_articles(1_100_000, seed=1)
    return next(a for a in articles if 4000 <= len(a.encode()) <= 5000).encode() + b"\n"


def cpu_of(cmd: Sequence[str], env: dict[str, str], stdin: bytes | None) -> float:
    """CPU seconds (user + system) of one run of ``cmd``; a failure ends the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        list(cmd), input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        message = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["(no message)"]
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}: {message[0]}")
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def with_path(env: dict[str, str], src: str | None) -> dict[str, str]:
    if src is None:
        return env
    return dict(env, PYTHONPATH=os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p))


def imported(cmd: Sequence[str], env: dict[str, str], stdin: bytes | None) -> list[tuple[str, float]]:
    """(module, self ms) of every import of one run under ``-X importtime``."""
    if cmd[0] == sys.executable:
        cmd = cmd[1:]
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd], input=stdin, capture_output=True, env=env, check=False
    )
    found = []
    for line in proc.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        own, _, name = (part.strip() for part in line[len("import time:") :].split("|"))
        found.append((name, int(own) / 1000))
    return found


def import_breakdown(cmd: Sequence[str], env: dict[str, str], stdin: bytes | None) -> tuple[float, dict[str, float]]:
    """Import time (ms) of one run under ``-X importtime`` beyond what bare Python imports,
    and its self time by package."""
    bare = {name for name, _ in imported([sys.executable, "-c", "pass"], env, None)}
    groups: dict[str, float] = {}
    total = 0.0
    for name, own in imported(cmd, env, stdin):
        if name in bare:
            continue
        top = name.split(".")[0]
        group = {"attr": "attrs", "attrs": "attrs"}.get(top, top)
        if top not in ("bannedorgs", "attr", "attrs", "typing", "re", "calendar", "inspect", "ast", "dis"):
            group = "other standard library"
        groups[group] = groups.get(group, 0.0) + own
        total += own
    return total, groups


_PHASES = """
import resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t0 = cpu()
from bannedorgs import cli
t1 = cpu()
import bannedorgs._plan as plan
t2 = cpu()
p = plan.load()
t3 = cpu()
p.find("Taliban")
t4 = cpu()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f} {(t3 - t2) * 1000:.1f} {(t4 - t3) * 1000:.1f} {p is not None}")
"""


def plan_phases(env: dict[str, str]) -> str:
    """CPU ms of importing the CLI module, of the plan module, of loading the plan, and of
    decoding one organisation from it (best of five runs)."""
    best: list[float] | None = None
    found = "False"
    for _ in range(5):
        proc = subprocess.run([sys.executable, "-c", _PHASES], capture_output=True, env=env, check=False)
        if proc.returncode != 0:
            return "not measured (this version has no bannedorgs._plan)"
        *numbers, found = proc.stdout.decode().split()
        values = [float(n) for n in numbers]
        best = values if best is None else [min(a, b) for a, b in zip(best, values, strict=True)]
    assert best is not None
    cli, module, load, one = best
    state = "read from the cache" if found == "True" else "no cache entry: built afresh"
    return (
        f"import bannedorgs.cli {cli:.1f} ms, import bannedorgs._plan {module:.1f} ms, "
        f"plan.load() {load:.1f} ms ({state}), one organisation decoded {one:.2f} ms"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs per command (default 15)")
    parser.add_argument("--other", metavar="SRC", help="also time this checkout's src/ (PYTHONPATH), in turns")
    parser.add_argument("--quick", action="store_true", help="two pairs per command: only to see that it runs")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 2

    cli, note = h.cli_invocation(allow_fallback=True)
    assert cli is not None
    bare = [sys.executable, "-c", "pass"]
    commands: list[tuple[str, list[str], bytes | None, dict[str, str]]] = [
        # floors: what any path that builds the model's attrs classes pays before doing anything
        ('python -c "import attrs"', [sys.executable, "-c", "import attrs"], None, ENV),
        ('python -c "import inspect, typing"', [sys.executable, "-c", "import inspect, typing"], None, ENV),
        ('python -c "import bannedorgs"', [sys.executable, "-c", "import bannedorgs"], None, ENV),
        ("bannedorgs annotate < one line", [*cli, "annotate", "--on", DAY], LINE, ENV),
        ("bannedorgs annotate < one 4 KB article", [*cli, "annotate", "--on", DAY], article(), ENV),
        ("bannedorgs lookup Taliban", [*cli, "lookup", "Taliban", "--on", DAY], None, ENV),
        (
            "  annotate, BANNEDORGS_NO_CACHE=1",
            [*cli, "annotate", "--on", DAY],
            LINE,
            dict(ENV, BANNEDORGS_NO_CACHE="1"),
        ),
    ]
    versions = {"this": None} if args.other is None else {"this": None, "other": args.other}
    # warm-up: bytecode compiled (as pip does on install), cache entries written
    import bannedorgs

    for src in [os.path.dirname(bannedorgs.__file__), *([args.other + "/bannedorgs"] if args.other else [])]:
        subprocess.run([sys.executable, "-m", "compileall", "-q", src], capture_output=True, check=False)
    cpu_of(bare, ENV, None)
    for _, cmd, stdin, env in commands:
        for src in versions.values():
            cpu_of(cmd, with_path(env, src), stdin)

    ratios: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    bares: list[float] = []
    started = time.perf_counter()
    for _ in range(args.runs):
        for name, cmd, stdin, env in commands:
            for version, src in versions.items():
                base = cpu_of(bare, ENV, None)
                spent = cpu_of(cmd, with_path(env, src), stdin)
                bares.append(base)
                ratios.setdefault((name, version), []).append(spent / base)
                cpus.setdefault((name, version), []).append(spent)
    elapsed = time.perf_counter() - started

    headers = ["command", *(f"{v}: ms CPU" for v in versions), *(f"{v}: CPU vs python" for v in versions)]
    if args.other:
        headers.append("this / other")
    table = h.Table(f"Cold start, CPU time (median of {args.runs} pairs with python -c pass)", headers)
    table.add("python -c pass", *[h.fmt_ms(statistics.median(bares))] * len(versions), *["1.0×"] * len(versions),
              *(["1.00"] if args.other else []))  # fmt: skip
    for name, *_ in commands:
        row = [h.fmt_ms(statistics.median(cpus[name, v])) for v in versions]
        row += [f"{statistics.median(ratios[name, v]):.2f}×" for v in versions]
        if args.other:
            pairs = [a / b for a, b in zip(cpus[name, "this"], cpus[name, "other"], strict=True)]
            row.append(f"{statistics.median(pairs):.2f}")
        table.add(name, *row)
    table.notes.append(
        f"{len(bares)} pairs in {elapsed:.0f} s; the console script {cli[0]}" + (f"; {note}" if note else "")
    )
    table.print()

    print()
    for version, src in versions.items():
        where = f": {src}" if src else ""
        print(f"Imports beyond python -c pass under -X importtime ({version}{where}), self time by package, ms:")
        for name, cmd, stdin, env in commands[2:6]:
            if "article" in name:  # the same imports as the line's
                continue
            total, groups = import_breakdown(cmd, with_path(env, src), stdin)
            parts = ", ".join(f"{g} {ms:.1f}" for g, ms in sorted(groups.items(), key=lambda kv: -kv[1]))
            print(f"  {name}: {total:.1f} ms in all: {parts}")
        print(f"  plan: {plan_phases(with_path(ENV, src))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
