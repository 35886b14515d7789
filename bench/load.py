"""``/match`` under concurrent load, with worst-case requests and a health probe (issue 9).

Starts ``tracewire serve`` on a free port of 127.0.0.1 (one worker, then ``--workers 2``),
waits until every worker's index is built, then drives it for a fixed time with N concurrent
clients (default 32) on keep-alive connections. Each request is one query: a listed name
from the store (a hit) or an invented name (a miss), half and half in a seeded order; a share
of requests (default 2%) are the worst the limits accept (``max_names`` names of
``max_name_chars`` characters, ``limit=max_limit``, ``candidates=max_candidates``). A
separate process probes ``GET /healthz`` every 50 ms. Each server is driven twice: first with
ordinary requests only (throughput and p99 of /match), then with the worst-case share. It
prints throughput, p50/p95/p99 of ordinary requests and of the worst-case ones, errors, the
probe's worst wait, the server's memory (resident memory of the server processes: now, and
the sum of their peaks) and the command to reproduce; then stops the server. Bounded: at
most 300 s per run, 256 clients.

    .venv/bin/python bench/load.py [--db STORE] [--clients 32] [--seconds 20]

Without ``--db`` it loads every list in ../shared/data/lists into a temporary store first
(as ``bench/http_latency.py`` does).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import httpx

from http_latency import SHARED, TRACEWIRE, build_store, free_port, percentile
from tracewire.api.settings import ApiSettings
from tracewire.store import open_store

LIMITS = ApiSettings()
#: syllables of the invented names (misses: no listed party is named)
SYLLABLES = ("ka", "lo", "mir", "ten", "sha", "dov", "ri", "nek", "zu", "bar", "tol", "ve")
SCREENED = ("Person", "Company", "Organization", "LegalEntity")


def invented(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def listed_names(db: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(schema, name) of ``count`` listed parties, sampled from the store."""
    store = open_store(str(db))
    try:
        rows = [
            (str(entity["schema"]), str(names[0]))
            for entity in store.iter_entities(schemata=SCREENED)
            if (names := (entity.get("properties") or {}).get("name"))
        ]
    finally:
        store.close()
    return rng.sample(rows, min(count, len(rows)))


def ordinary_bodies(db: Path, count: int, seed: int) -> list[bytes]:
    """One-query bodies: listed names (hits) and invented names (misses), half and half."""
    import orjson

    rng = random.Random(seed)
    hits = listed_names(db, count // 2, rng)
    misses = [("Person", invented(rng, rng.randint(2, 3))) for _ in range(count - len(hits))]
    pairs = hits + misses
    rng.shuffle(pairs)
    return [
        orjson.dumps({"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}})
        for schema, name in pairs
    ]


def worst_body(seed: int) -> bytes:
    """One query at every per-query limit, of common name words (each reaches far)."""
    import orjson

    rng = random.Random(seed)
    words = [
        "mohammad",
        "ali",
        "hassan",
        "trading",
        "company",
        "industries",
        "aviation",
        "bank",
        "international",
    ]
    words += ["petrov", "ivan", "al", "bin", "sergei", "nikolai"]
    names = []
    for _ in range(LIMITS.max_names):
        text = ""
        while len(text) < LIMITS.max_name_chars - 15:
            text += rng.choice(words) + " "
        names.append(text.strip())
    return orjson.dumps({"queries": {"w": {"schema": "Person", "properties": {"name": names}}}})


def probe_health(url: str, stop: Event, out: Any) -> None:
    """In its own process: GET /healthz every 50 ms until ``stop``; sends the waits (s)."""
    waits: list[float] = []
    with httpx.Client(base_url=url, timeout=30.0) as client:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                ok = client.get("/healthz").status_code == 200
            except httpx.TransportError:
                ok = False
            waits.append(time.perf_counter() - started if ok else float("inf"))
            time.sleep(0.05)
    out.put(waits)


@dataclass
class Tally:
    ordinary: list[float] = field(default_factory=list)
    worst: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


class Connection:
    """One keep-alive HTTP/1.1 connection, written by hand: httpx's client costs about a
    millisecond of CPU a request, which on a small machine the server would miss."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, target: str, body: bytes) -> int:
        """POST ``body`` as JSON; the response's status (its body is read and dropped)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = (
            f"POST {target} HTTP/1.1\r\nHost: {self.host}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode("ascii") + body)
        await self.writer.drain()
        header = await self.reader.readuntil(b"\r\n\r\n")
        status = int(header.split(b" ", 2)[1])
        length = 0
        for line in header.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
            elif name.strip().lower() == b"connection" and value.strip().lower() == b"close":
                self.close()
        if length:
            await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def client_loop(
    url: str, bodies: list[bytes], worst: bytes, share: float, until: float, seed: int, tally: Tally
) -> None:
    rng = random.Random(seed)
    ordinary_target = "/match/default?limit=5"
    worst_target = f"/match/default?limit={LIMITS.max_limit}&candidates={LIMITS.max_candidates}"
    host, _, port = url.removeprefix("http://").partition(":")
    connection = Connection(host, int(port))
    try:
        while time.monotonic() < until:
            is_worst = rng.random() < share
            body = worst if is_worst else rng.choice(bodies)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(
                    connection.post(worst_target if is_worst else ordinary_target, body), 60
                )
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                tally.error(type(exc).__name__)
                connection.close()
                continue
            elapsed = time.perf_counter() - started
            if status != 200:
                tally.error(str(status))
                continue
            (tally.worst if is_worst else tally.ordinary).append(elapsed)
    finally:
        connection.close()


def server_pids(root: int) -> list[int]:
    """The server process and its descendants (uvicorn's workers)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def memory_mb(pids: list[int]) -> tuple[float, float]:
    """(resident now, sum of peak resident) of the processes, in MB."""
    now = peak = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    now += int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak += int(line.split()[1]) / 1024
        except OSError:
            continue
    return now, peak


def wait_all_ready(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Until /readyz answered 200 twenty times in a row (every worker built its index)."""
    deadline = time.monotonic() + timeout
    streak = 0
    with httpx.Client(base_url=url, timeout=10.0) as client:
        while streak < 20:
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode}")
            if time.monotonic() > deadline:
                raise SystemExit(f"server not ready after {timeout:.0f}s")
            try:
                ready = client.get("/readyz", headers={"connection": "close"}).status_code == 200
            except httpx.TransportError:
                ready = False
            streak = streak + 1 if ready else 0
            time.sleep(0.05 if ready else 0.5)


async def drive(url: str, args: argparse.Namespace, bodies: list[bytes], worst: bytes) -> Tally:
    tally = Tally()
    until = time.monotonic() + args.seconds
    await asyncio.gather(
        *(
            client_loop(url, bodies, worst, args.worst_share, until, args.seed + n, tally)
            for n in range(args.clients)
        )
    )
    return tally


def run(db: Path, workers: int, args: argparse.Namespace, bodies: list[bytes]) -> dict[str, Any]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [*TRACEWIRE, "--db", str(db), "serve", "--port", str(port), "--workers", str(workers)]
    cmd += ["--log-level", "info"]  # uvicorn says when a worker died
    handle, name = tempfile.mkstemp(prefix="tracewire-load-serve-", suffix=".log")
    log = Path(name)
    with os.fdopen(handle, "wb") as sink:  # the server keeps its own copy of the descriptor
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=sink)
    try:
        try:
            wait_all_ready(url, proc, timeout=300)
        except SystemExit:
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        warm = argparse.Namespace(**{**vars(args), "seconds": 2, "worst_share": 0.0})
        asyncio.run(drive(url, warm, bodies, b""))
        # first ordinary requests only, then with the share of worst-case ones
        plain = argparse.Namespace(**{**vars(args), "worst_share": 0.0})
        started = time.perf_counter()
        only = asyncio.run(drive(url, plain, bodies, b""))
        only_seconds = time.perf_counter() - started
        stop = multiprocessing.Event()
        out: Any = multiprocessing.Queue()
        prober = multiprocessing.Process(target=probe_health, args=(url, stop, out))
        prober.start()
        started = time.perf_counter()
        tally = asyncio.run(drive(url, args, bodies, worst_body(args.seed)))
        seconds = time.perf_counter() - started
        stop.set()
        waits: list[float] = out.get(timeout=60)
        prober.join(timeout=10)
        now, peak = memory_mb(server_pids(proc.pid))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        restarts = log.read_text(errors="replace").count("died")
        log.unlink()
    done = len(tally.ordinary) + len(tally.worst)
    return {
        "workers": workers,
        "only_requests": len(only.ordinary),
        "only_rps": len(only.ordinary) / only_seconds,
        "only_p50": percentile(only.ordinary, 50) * 1000,
        "only_p95": percentile(only.ordinary, 95) * 1000,
        "only_p99": percentile(only.ordinary, 99) * 1000,
        "requests": done,
        "rps": done / seconds,
        "p50": percentile(tally.ordinary, 50) * 1000,
        "p99": percentile(tally.ordinary, 99) * 1000,
        "worst_n": len(tally.worst),
        "worst_p50": percentile(tally.worst, 50) * 1000 if tally.worst else float("nan"),
        "worst_max": max(tally.worst) * 1000 if tally.worst else float("nan"),
        "errors": sum(tally.errors.values()) + sum(only.errors.values()),
        "error_kinds": {**only.errors, **tally.errors},
        "health_n": len(waits),
        "health_p99": percentile(waits, 99) * 1000,
        "health_max": max(waits) * 1000,
        "rss_now": now,
        "rss_peak": peak,
        "restarts": restarts,
    }


ROWS = [
    ("ordinary only: requests", "only_requests", "{:.0f}", ""),
    ("  throughput (requests/s)", "only_rps", "{:.0f}", "2 workers >= 1.6x"),
    ("  p50 / p95 (ms)", ("only_p50", "only_p95"), "{:.1f} / {:.1f}", ""),
    ("  p99 (ms)", "only_p99", "{:.1f}", "<= 250 (1 worker)"),
    ("with worst-case: requests", "requests", "{:.0f}", ""),
    ("  throughput (requests/s)", "rps", "{:.0f}", ""),
    ("  ordinary p50 / p99 (ms)", ("p50", "p99"), "{:.1f} / {:.1f}", ""),
    ("  worst-case requests", "worst_n", "{:.0f}", ""),
    ("  worst-case p50 / max (ms)", ("worst_p50", "worst_max"), "{:.0f} / {:.0f}", ""),
    ("  /healthz probes", "health_n", "{:.0f}", ""),
    ("  /healthz p99 / worst (ms)", ("health_p99", "health_max"), "{:.1f} / {:.1f}", "<= 100"),
    ("errors (non-200 or transport)", "errors", "{:.0f}", "0"),
    ("server RSS now / peak sum (MB)", ("rss_now", "rss_peak"), "{:.0f} / {:.0f}", ""),
    ("worker restarts (uvicorn)", "restarts", "{:.0f}", "0"),
]


def print_table(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    print(
        f"\n/match under load on 127.0.0.1: {args.clients} clients, {args.seconds:.0f} s of "
        f"ordinary requests only, then {args.seconds:.0f} s with {args.worst_share:.0%} "
        f"worst-case requests (names {LIMITS.max_names} x "
        f"{LIMITS.max_name_chars} chars, limit {LIMITS.max_limit}, candidates "
        f"{LIMITS.max_candidates})"
    )
    head = "".join(f"{str(r['workers']) + ' worker(s)':>18}" for r in results)
    print(f"{'metric':<34}{head}  target")
    for label, key, fmt, target in ROWS:
        keys = key if isinstance(key, tuple) else (key,)
        cells = "".join(f"{fmt.format(*(r[k] for k in keys)):>18}" for r in results)
        print(f"{label:<34}{cells}  {target}")
    if len(results) == 2:
        ratio = results[1]["only_rps"] / results[0]["only_rps"]
        print(f"{'ordinary throughput, 2 workers / 1':<34}{ratio:>36.2f}  >= 1.6")
    for result in results:
        if result["error_kinds"]:
            print(f"errors with {result['workers']} worker(s): {result['error_kinds']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: load all lists)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (<= 256)")
    parser.add_argument("--seconds", type=float, default=20.0, help="per run (<= 300)")
    parser.add_argument("--worst-share", type=float, default=0.02, help="share of worst-case")
    parser.add_argument("--workers", default="1,2", help="runs: uvicorn workers, e.g. 1,2")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 256))
    args.seconds = max(1.0, min(args.seconds, 300.0))
    args.worst_share = max(0.0, min(args.worst_share, 1.0))
    runs = [max(1, min(int(n), 8)) for n in args.workers.split(",")]
    tmp: str | None = None
    try:
        db = args.db
        if db is None:
            tmp = tempfile.mkdtemp(prefix="tracewire-load-bench-")
            db = Path(tmp) / "bench.db"
            print(f"loading every list in {SHARED / 'lists'} into {db} ...", file=sys.stderr)
            build_store(db)
        bodies = ordinary_bodies(db, 2000, args.seed)
        results = [run(db, workers, args, bodies) for workers in runs]
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print_table(results, args)
    again = f"--db {args.db} " if args.db else ""
    print(
        f"\nreproduce: .venv/bin/python bench/load.py {again}--clients {args.clients} "
        f"--seconds {args.seconds:g} --worst-share {args.worst_share:g} "
        f"--workers {args.workers} --seed {args.seed}"
    )
    print(f"machine: {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
