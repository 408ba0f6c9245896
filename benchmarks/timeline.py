"""Where the wall-clock time of ``annotate_many`` goes: a timeline of one call.

The parent records when it sends each chunk, when it starts and ends waiting for one, and
when the call returns; each process that annotates (each worker, and the parent, which
annotates a share itself) records when it starts and ends annotating each chunk
(``time.perf_counter`` is the system's monotonic clock, the same in every process). From
that: each worker's busy time and its idle time before its first chunk, between chunks and
at the end while another still works (the tail), and the parent's time blocked in
``recv``. Medians of ``--repeat`` calls with a warm Annotator (its second and later calls).

    python benchmarks/timeline.py --size-mb 5 --corpus news
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import _harness as h
import corpus
import corpus_mixed

h.import_bannedorgs()

import bannedorgs  # noqa: E402
from bannedorgs import parallel  # noqa: E402

DAY = "2023-06-01"


FOLDER = [Path(".")]  # where the workers of the current call write their records
LOG: dict[str, list[Any]] = {"send": [], "wait": []}  # the parent's records of the current call


def instrument() -> None:
    """Patch the pool and the chunk function to record times."""
    log = LOG
    chunk_fn = parallel._annotate_chunk
    send, receive = parallel._Pool.send, parallel._Pool.receive

    def timed_chunk(annotator: Any, texts: Any, *, options: Any, here: bool = False) -> Any:
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        start, cpu = time.perf_counter(), time.process_time()
        done = chunk_fn(annotator, texts, options=options, here=here)
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
        with open(FOLDER[0] / str(os.getpid()), "a") as out:
            out.write(f"{start} {time.perf_counter()} {time.process_time() - cpu} {faults}\n")
        return done

    def timed_send(self: Any, worker: int, job: Any) -> None:
        log["send"].append((worker, time.perf_counter()))
        send(self, worker, job)

    def timed_receive(self: Any, worker: int) -> Any:
        start = time.perf_counter()
        done = receive(self, worker)
        log["wait"].append((worker, start, time.perf_counter()))
        return done

    parallel._annotate_chunk = timed_chunk  # type: ignore[assignment]
    parallel._Pool.send = timed_send  # type: ignore[method-assign]
    parallel._Pool.receive = timed_receive  # type: ignore[method-assign]


def one_call(annotator: bannedorgs.Annotator, articles: list[str], n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = FOLDER[0] = Path(tmp)
        cpu_in_chunks: list[float] = []
        faults: list[float] = []
        LOG["send"].clear()
        LOG["wait"].clear()
        start = time.perf_counter()
        for result in annotator.annotate_many(articles, processes=n, on=DAY):
            result.text  # noqa: B018 - a caller reads the results
        end = time.perf_counter()
        spans = {}
        for path in folder.iterdir():
            rows = sorted(tuple(map(float, line.split())) for line in path.read_text().splitlines())
            spans[path.name] = [r[:2] for r in rows]
            cpu_in_chunks.append(sum(r[2] for r in rows))
            faults.append(sum(r[3] for r in rows))
    busy = [sum(b - a for a, b in s) for s in spans.values()]
    first = [s[0][0] - start for s in spans.values()]
    last = [s[-1][1] for s in spans.values()]
    gaps = [sum(s[i + 1][0] - s[i][1] for i in range(len(s) - 1)) for s in spans.values()]
    waited = sum(b - a for _, a, b in LOG["wait"])
    return {
        "wall": end - start,
        "busy_max": max(busy),
        "busy_sum": sum(busy),
        "first_chunk_max": max(first),
        "gaps_max": max(gaps),
        "tail": max(last) - min(last),
        "after_last": end - max(last),
        "parent_waiting": waited,
        "cpu_in_chunks_sum": sum(cpu_in_chunks),
        "minor_faults_in_chunks": sum(faults),
        "chunks": sum(len(s) for s in spans.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=5)
    parser.add_argument("--corpus", choices=("news", "mixed"), default="news")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    module = corpus if args.corpus == "news" else corpus_mixed
    articles = module.split_articles(module.generate(int(args.size_mb * h.MB), 1))
    instrument()
    annotator = bannedorgs.Annotator()
    for result in annotator.annotate_many(articles, processes=1, on=DAY):
        result.text  # noqa: B018
    with tempfile.TemporaryDirectory() as tmp:
        FOLDER[0] = Path(tmp)
        for _ in range(2):  # the second parallel call compiles every form before forking
            list(annotator.annotate_many(articles[:8], processes=args.processes, on=DAY))
    rows = []
    ones: list[float] = []
    ones_cpu: list[float] = []
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        for result in annotator.annotate_many(articles, processes=1, on=DAY):
            result.text  # noqa: B018
        ones.append(time.perf_counter() - t)
        ones_cpu.append(time.process_time() - c)
        rows.append(one_call(annotator, articles, args.processes))
    one = statistics.median(ones)
    print(f"{args.corpus}, {len(articles)} articles, {args.size_mb:g} MB; load average {os.getloadavg()[0]:.2f}")
    print(f"  one process (wall)          {one * 1000:8.1f} ms")
    print(f"  one process (CPU)           {statistics.median(ones_cpu) * 1000:8.1f} ms")
    for key in rows[0]:
        value = statistics.median(r[key] for r in rows)
        plain = key in ("chunks", "minor_faults_in_chunks")
        print(f"  {key:28}{value * (1 if plain else 1000):8.1f}{'' if plain else ' ms'}")
    print(f"  wall-clock speed-up         {one / statistics.median(r['wall'] for r in rows):8.2f}x")


if __name__ == "__main__":
    main()
