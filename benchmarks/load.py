"""Load test of ``bannedorgs serve``: requests/s and latency percentiles of ``POST /api/v1/annotate``.

Starts the real server (``python -m bannedorgs serve``) on a free loopback port with 1 and then
2 worker processes, and sends 5 KB articles from 1, 10 and 50 concurrent clients, each on its
own keep-alive connection. Every level stops after ``--requests`` answers or ``--seconds``
seconds, whichever comes first; the script then stops the server and exits. Loopback only:
nothing leaves the machine.

The client is a small asyncio HTTP/1.1 client in this process (an HTTP library would cost more
client CPU than the server under test spends); it checks each answer's status and that its
body is the annotated text. Latency is from the first byte sent to the last byte read.

    python benchmarks/load.py                 # the full run (about two minutes)
    python benchmarks/load.py --quick         # a smoke run: 1 worker, few requests
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from _harness import Table, import_bannedorgs, machine, print_machine
from corpus import generate_articles

ARTICLE_BYTES = 5000
ON = "2024-01-10"


def articles(count: int, seed: int = 7) -> list[str]:
    """``count`` articles of about 5 KB of UTF-8 each, in the corpus's mix of languages, cut at paragraphs."""
    out: list[str] = []
    pool = generate_articles(count * ARTICLE_BYTES * 2, seed=seed)
    paragraphs = [p for a in pool for p in a.split("\n\n") if p.strip()]
    current: list[str] = []
    size = 0
    for paragraph in paragraphs:
        current.append(paragraph)
        size += len(paragraph.encode()) + 2
        if size >= ARTICLE_BYTES:
            out.append("\n\n".join(current))
            current, size = [], 0
            if len(out) == count:
                break
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """``bannedorgs serve`` in a child process; stopped on exit from the ``with`` block."""

    def __init__(self, workers: int, env: dict[str, str]) -> None:
        self.port = _free_port()
        cmd = [sys.executable, "-m", "bannedorgs", "serve", "--port", str(self.port), "--workers", str(workers)]
        self.child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.child.poll() is not None:
                raise RuntimeError(
                    f"the server stopped: {self.child.stderr.read().decode() if self.child.stderr else ''}"
                )
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not start within 120 s")

    def __exit__(self, *exc: object) -> None:
        self.child.terminate()
        try:
            self.child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.child.kill()
            self.child.wait()


@dataclass
class Level:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _request(port: int, text: str) -> bytes:
    body = json.dumps({"text": text, "on": ON}, ensure_ascii=False).encode()
    head = (
        f"POST /api/v1/annotate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _client(port: int, bodies: Sequence[bytes], level: Level, budget: list[int], stop_at: float) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = 0
    try:
        while budget[0] > 0 and time.perf_counter() < stop_at:
            budget[0] -= 1
            request = bodies[i % len(bodies)]
            i += 1
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            payload = await reader.readexactly(length)
            level.latencies.append(time.perf_counter() - start)
            status = head.split(b" ", 2)[1]
            if status != b"200" or not json.loads(payload).get("text"):
                level.errors.append(f"{status.decode()}: {payload[:200]!r}")
    finally:
        writer.close()


async def _level(port: int, bodies: Sequence[bytes], clients: int, requests: int, seconds: float) -> Level:
    level = Level()
    budget = [requests]
    start = time.perf_counter()
    await asyncio.gather(*(_client(port, bodies, level, budget, start + seconds) for _ in range(clients)))
    level.seconds = time.perf_counter() - start
    return level


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="answers per level at most (default 2000)")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds per level at most (default 20)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=[1, 10, 50], help="concurrent clients (default 1 10 50)"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 worker, 1 and 10 clients, 60 requests")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.requests, args.seconds, args.workers, args.clients = 60, 10.0, [1], [1, 10]

    env = import_bannedorgs()
    texts = articles(40)
    sizes = [len(t.encode()) for t in texts]
    info = machine()
    print_machine(info)
    table = Table(
        "Load: POST /api/v1/annotate",
        ["workers", "clients", "answers", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"],
        notes=[
            f"{len(texts)} articles of {min(sizes)}-{max(sizes)} bytes (UTF-8), sent in turn; at most "
            f"{args.requests} answers or {args.seconds:g} s per level; loopback, keep-alive connections",
        ],
    )
    results = []
    failed = False
    for workers in args.workers:
        with Server(workers, env) as server:
            bodies = [_request(server.port, t) for t in texts]
            asyncio.run(_level(server.port, bodies, max(args.clients), max(args.clients) * 4, 30))  # warm every worker
            for clients in args.clients:
                level = asyncio.run(_level(server.port, bodies, clients, args.requests, args.seconds))
                cuts = statistics.quantiles(level.latencies, n=100, method="inclusive")
                row = {
                    "workers": workers,
                    "clients": clients,
                    "answers": len(level.latencies),
                    "errors": len(level.errors),
                    "rps": len(level.latencies) / level.seconds,
                    "p50_ms": cuts[49] * 1000,
                    "p95_ms": cuts[94] * 1000,
                    "p99_ms": cuts[98] * 1000,
                }
                results.append(row)
                table.add(
                    workers,
                    clients,
                    row["answers"],
                    row["errors"],
                    f"{row['rps']:.0f}",
                    f"{row['p50_ms']:.1f}",
                    f"{row['p95_ms']:.1f}",
                    f"{row['p99_ms']:.1f}",
                )
                if level.errors:
                    failed = True
                    print(f"   errors at {workers} workers, {clients} clients: {level.errors[:3]}", file=sys.stderr)
    table.print()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"machine": info, "levels": results}, out, indent=2)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
