"""What the benchmark scripts share: finding bannedorgs, timing, child processes, tables.

Timing rules, the same for every contender: ``time.perf_counter``; one untimed warm-up call
first; then N timed calls and their median. The garbage collector is left as it is.
"""

from __future__ import annotations

import gc
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
MB = 1_000_000  # a megabyte here is 10^6 bytes of UTF-8


def import_bannedorgs() -> dict[str, str]:
    """Import bannedorgs (from the work tree's src/ when it is not installed).

    Returns the environment for child processes: with PYTHONPATH pointing at src/ when that
    was needed, so that children import the same code.
    """
    env = dict(os.environ)
    try:
        import bannedorgs
    except ImportError:
        sys.path.insert(0, str(SRC))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
        import bannedorgs  # noqa: F401
    return env


def console_script() -> Path | None:
    """The ``bannedorgs`` console script of this interpreter's environment, if installed."""
    bindir = Path(sys.executable).parent  # not resolved: a venv's python is a symlink
    for name in ("bannedorgs", "bannedorgs.exe"):
        path = bindir / name
        if path.is_file():
            return path
    return None


def cli_invocation(*, allow_fallback: bool) -> tuple[list[str] | None, str]:
    """The command that runs the bannedorgs CLI, and a note on what it is.

    Without the console script, ``python -m bannedorgs`` stands in when ``allow_fallback``
    (it runs the same ``main``), else None.
    """
    script = console_script()
    if script is not None:
        return [str(script)], ""
    if allow_fallback:
        return [sys.executable, "-m", "bannedorgs"], "console script not installed: ran python -m bannedorgs"
    return None, "skipped: the bannedorgs console script is not installed next to this python"


@dataclass
class Timing:
    """Seconds of each timed run (one call, or ``calls`` calls in a loop)."""

    runs: list[float]
    calls: int = 1
    note: str = ""

    @property
    def median(self) -> float:
        """Median seconds per call."""
        return statistics.median(self.runs) / self.calls

    def spread(self) -> float:
        """(max - min) / median of the runs, as a fraction."""
        med = statistics.median(self.runs)
        return (max(self.runs) - min(self.runs)) / med if med else 0.0

    def as_json(self) -> dict[str, Any]:
        return {"median_s": self.median, "runs_s": self.runs, "calls_per_run": self.calls, "note": self.note}


def time_call(fn: Callable[[], Any], repeat: int, *, budget: float = float("inf")) -> tuple[Timing, Any]:
    """Warm up with one call, then time ``repeat`` calls (fewer when one call takes so long that
    ``repeat`` of them would exceed ``budget`` seconds; the note says so). Returns the timing and
    the result of the last call."""
    t0 = time.perf_counter()
    result = fn()
    warm = time.perf_counter() - t0
    runs = repeat
    note = ""
    if warm * repeat > budget:
        runs = max(1, int(budget / warm)) if warm else repeat
        if runs < repeat:
            note = f"{runs} of {repeat} runs: one takes {warm:.0f} s (--budget {budget:.0f})"
    times = []
    for _ in range(runs):
        # each run starts from a collected heap without the last run's result, so no run
        # pays for the garbage or the live objects of another (the collector stays on)
        result = None
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return Timing(times, note=note), result


def paired_ratios(baseline: Callable[[], Any], contender: Callable[[], Any], pairs: int) -> dict[str, Any]:
    """Run the two in turns (after a warm-up each) and return the speed of ``contender``
    over that of ``baseline`` (their time ratio) for each pair, and the median."""
    baseline()
    contender()
    ratios = []
    for _ in range(pairs):
        gc.collect()
        t0 = time.perf_counter()
        baseline()
        base = time.perf_counter() - t0
        gc.collect()
        t0 = time.perf_counter()
        contender()
        ratios.append(base / (time.perf_counter() - t0))
    return {"median": statistics.median(ratios), "ratios": ratios}


def time_loop(fn: Callable[[], Any], repeat: int, *, min_seconds: float = 0.2) -> Timing:
    """Median time of one call of a fast ``fn``: each run loops enough calls to last ``min_seconds``."""
    fn()  # warm-up
    t0 = time.perf_counter()
    fn()
    once = max(time.perf_counter() - t0, 1e-7)
    calls = max(1, int(min_seconds / once))
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append(time.perf_counter() - t0)
    return Timing(times, calls=calls)


def time_process(cmd: Sequence[str], runs: int, *, env: dict[str, str], stdin: bytes | None = None) -> Timing:
    """Wall time of a child process, started ``runs`` times after one warm-up run (which also
    fills the page cache and __pycache__). Raises RuntimeError when the command fails."""
    return time_process_both(cmd, runs, env=env, stdin=stdin)[0]


def time_process_both(
    cmd: Sequence[str], runs: int, *, env: dict[str, str], stdin: bytes | None = None
) -> tuple[Timing, Timing]:
    """Wall time and CPU time (user + system, from ``RUSAGE_CHILDREN``) of a child process, as
    :func:`time_process`. On a machine other processes keep busy the CPU time varies far less
    than the wall time: a process waiting for a core spends wall time, not CPU time."""
    import resource

    def once() -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(
            list(cmd), input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
        )
        elapsed = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            message = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["(no message)"]
            raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}: {message[0]}")
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        return elapsed, cpu

    once()
    both = [once() for _ in range(runs)]
    return Timing([w for w, _ in both]), Timing([c for _, c in both])


_CHILD_PEAK = (
    "import resource, subprocess, sys\n"
    "proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(proc.returncode, peak)\n"
    "sys.stderr.write(proc.stderr.decode(errors='replace')[-500:])\n"
)


def child_peak_rss(cmd: Sequence[str], *, env: dict[str, str]) -> tuple[float, float]:
    """(peak RSS in MB, wall seconds) of one run of ``cmd``, standard output to /dev/null.

    ``getrusage(RUSAGE_CHILDREN)`` reports the largest of *all* waited-for children, so it is
    read in a fresh wrapper process whose only child is ``cmd`` (this process may have forked
    workers as big as itself already).
    """
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD_PEAK, *cmd], capture_output=True, text=True, env=env, check=False
    )
    elapsed = time.perf_counter() - t0
    fields = proc.stdout.split()
    if proc.returncode != 0 or len(fields) != 2 or fields[0] != "0":
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.strip()[-300:]}")
    return rss_mb(int(fields[1])), elapsed


def rss_mb(maxrss: int) -> float:
    """ru_maxrss in MB: kilobytes on Linux, bytes on macOS."""
    return maxrss / MB if sys.platform == "darwin" else maxrss * 1024 / MB


def self_peak_rss_mb() -> float:
    return rss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def machine() -> dict[str, Any]:
    import bannedorgs

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "bannedorgs": getattr(bannedorgs, "__version__", "?"),
        "bannedorgs_path": str(Path(bannedorgs.__file__).parent),
        "data_version": str(bannedorgs.DATA_VERSION),
    }


def print_machine(info: dict[str, Any]) -> None:
    print(
        f"python {info['python']} ({info['implementation']}) on {info['platform']}, {info['cpus']} CPUs; "
        f"bannedorgs {info['bannedorgs']} (data {info['data_version']}) from {info['bannedorgs_path']}"
    )


@dataclass
class Table:
    """A plain-text table: the first column left-aligned, the others right-aligned."""

    title: str
    headers: Sequence[str]
    rows: list[Sequence[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([str(c) for c in cells])

    def print(self) -> None:
        widths = [len(h) for h in self.headers]
        for row in self.rows:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], len(cell))

        def line(cells: Sequence[str]) -> str:
            out = [cells[0].ljust(widths[0])]
            out += [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=False)]
            return "  ".join(out).rstrip()

        print()
        print(f"== {self.title} ==")
        print(line(list(self.headers)))
        print("  ".join("-" * w for w in widths))
        for row in self.rows:
            print(line(row))
        for note in self.notes:
            print(f"  {note}")
        sys.stdout.flush()


def fmt_rate(mbps: float) -> str:
    return f"{mbps:.3g}" if mbps < 10 else f"{mbps:.1f}"


def fmt_ratio(value: float) -> str:
    return f"{value:.3g}×" if value < 10 else f"{value:.1f}×"


def fmt_ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.3g}" if ms < 100 else f"{ms:.0f}"


ColdCommand = tuple[str, "Sequence[str] | None", "bytes | None", "dict[str, str]"]


def cold_start_table(commands: Sequence[ColdCommand], runs: int, note: str | None) -> tuple[Table, dict[str, Any]]:
    """Time each (name, command, stdin, env) in new processes, the first being bare Python;
    return the printed-ready table and the figures per name (ratio to bare Python)."""
    table = Table(
        f"Cold start: wall and CPU time of a new process (medians of {runs} after a warm-up)",
        ["command", "ms", "vs python -c pass", "ms CPU", "CPU vs python"],
    )
    figures: dict[str, Any] = {}
    bare = bare_cpu = None
    # An installed package has bytecode (pip compiles it); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module on every start instead.
    import bannedorgs

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", os.path.dirname(bannedorgs.__file__)],
        check=False,
        capture_output=True,
    )
    table.notes.append("the package's bytecode is compiled first, as pip does on install")
    for name, cmd, stdin, env in commands:
        if cmd is None:
            table.add(name, "skipped", "", "", "")
            continue
        try:
            timing, cpu = time_process_both(cmd, runs, env=env, stdin=stdin)
        except RuntimeError as exc:
            table.add(name, "failed", "", "", "")
            table.notes.append(str(exc))
            continue
        bare = bare or timing.median
        bare_cpu = bare_cpu or cpu.median
        table.add(name, fmt_ms(timing.median), fmt_ratio(timing.median / bare), fmt_ms(cpu.median),
                  fmt_ratio(cpu.median / bare_cpu))  # fmt: skip
        figures[name] = {"vs_python": timing.median / bare, "cpu_vs_python": cpu.median / bare_cpu,
                         "cpu_median_s": cpu.median, **timing.as_json()}  # fmt: skip
    if note:
        table.notes.append(note)
    return table, figures
