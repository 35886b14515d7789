"""``/match`` latency over HTTP on 127.0.0.1 (issue 3, performance part 4).

Starts its own ``tracewire serve`` (one uvicorn worker) on a free port, waits until the
screening index is built, sends a bounded number of one-query ``POST /match/default``
requests (50 candidates scored per query) one after another on a keep-alive connection,
prints p50/p90/p99 and the command to reproduce, then stops the server it started.

Queries are names from ../shared/data/bench/candidates (positives_un_treated.csv and
negatives_global.csv), with birth date and nationality where given, in a seeded order.

    .venv/bin/python bench/http_latency.py [--db STORE] [--requests 1000]

Without ``--db`` it loads every list in ../shared/data/lists into a temporary store first.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRACEWIRE_SHARED_DATA", ROOT.parent / "shared" / "data"))
CANDIDATES = SHARED / "bench" / "candidates"
TRACEWIRE = [sys.executable, "-m", "tracewire.cli.main"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_queries(count: int, seed: int) -> list[dict[str, Any]]:
    """Person queries from the shared candidate files (names, birth dates, nationalities)."""
    rows: list[dict[str, str]] = []
    for name in ("positives_un_treated.csv", "negatives_global.csv"):
        with (CANDIDATES / name).open(encoding="utf-8", newline="") as handle:
            rows.extend(row for row in csv.DictReader(handle) if row.get("full_name", "").strip())
    random.Random(seed).shuffle(rows)
    queries = []
    for row in rows[:count]:
        props: dict[str, list[str]] = {"name": [row["full_name"].strip()]}
        if row.get("date_of_birth", "").strip():
            props["birthDate"] = [row["date_of_birth"].strip()]
        if row.get("nationality", "").strip():
            props["nationality"] = [row["nationality"].strip()]
        queries.append({"queries": {"q": {"schema": "Person", "properties": props}}})
    return queries


def build_store(path: Path) -> float:
    """Load every shared list into a new store; returns seconds taken."""
    started = time.perf_counter()
    lists = SHARED / "lists"
    for item in sorted(lists.iterdir()):
        if item.suffix == ".xsd":
            continue
        proc = subprocess.run(
            [*TRACEWIRE, "--db", str(path), "lists", "load", str(item)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"  (not loaded: {item.name}: {proc.stderr.strip()[:160]})", file=sys.stderr)
    return time.perf_counter() - started


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process (Linux), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def wait_ready(client: httpx.Client, proc: subprocess.Popen[bytes], timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            response = client.get("/readyz")
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server not ready after {timeout:.0f}s")


def server_timing(header: str) -> float:
    """The ``screen;dur=MS`` part of a Server-Timing header (0 when absent)."""
    for part in header.split(","):
        name, _, rest = part.strip().partition(";")
        if name == "screen" and rest.startswith("dur="):
            return float(rest[4:])
    return 0.0


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[rank]


def run(db: Path, requests: int, warmup: int, candidates: int, seed: int) -> dict[str, Any]:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [*TRACEWIRE, "--db", str(db), "serve", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30.0) as client:
            ready = wait_ready(client, proc, timeout=300)
            baseline = []
            for _ in range(200):
                started = time.perf_counter()
                client.get("/healthz")
                baseline.append((time.perf_counter() - started) * 1000)
            queries = load_queries(warmup + requests, seed)
            params = {"limit": 5, "candidates": candidates}
            timings: list[float] = []
            engine: list[float] = []
            hits = 0
            for number, body in enumerate(queries):
                started = time.perf_counter()
                response = client.post("/match/default", json=body, params=params)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise SystemExit(f"request failed: {response.status_code} {response.text}")
                if number >= warmup:
                    timings.append(elapsed * 1000)
                    engine.append(server_timing(response.headers.get("server-timing", "")))
                    results = response.json()["responses"]["q"]["results"]
                    hits += any(r["match"] for r in results)
            return {
                "requests": len(timings),
                "p50": percentile(timings, 50),
                "p90": percentile(timings, 90),
                "p99": percentile(timings, 99),
                "mean": statistics.fmean(timings),
                "healthz_p50": percentile(baseline, 50),
                "engine_p50": percentile(engine, 50),
                "engine_p99": percentile(engine, 99),
                "overhead_p50": percentile(
                    [t - e for t, e in zip(timings, engine, strict=True)], 50
                ),
                "max": max(timings),
                "rps": len(timings) / (sum(timings) / 1000),
                "with_match": hits,
                "index": ready.get("index", {}),
                "rss_mb": rss_mb(proc.pid),
            }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: load all lists)")
    parser.add_argument("--requests", type=int, default=1000, help="timed requests (≤ 5000)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--candidates", type=int, default=50, help="candidates scored per query")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    requests = max(1, min(args.requests, 5000))
    tmp: str | None = None
    load_seconds = None
    try:
        db = args.db
        if db is None:
            tmp = tempfile.mkdtemp(prefix="tracewire-http-bench-")
            db = Path(tmp) / "bench.db"
            print(f"loading every list in {SHARED / 'lists'} into {db} ...", file=sys.stderr)
            load_seconds = build_store(db)
        result = run(db, requests, args.warmup, args.candidates, args.seed)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    index = result["index"]
    rss = result["rss_mb"]
    print("\n/match over HTTP on 127.0.0.1 (one uvicorn worker, one query per request)")
    print(f"{'metric':<34}{'value':>12}  target")
    rows = [
        ("requests timed (after warm-up)", f"{result['requests']}", ""),
        ("candidates scored per query", f"{args.candidates}", ""),
        ("latency p50 (ms)", f"{result['p50']:.2f}", "<= 5"),
        ("latency p90 (ms)", f"{result['p90']:.2f}", ""),
        ("latency p99 (ms)", f"{result['p99']:.2f}", "<= 25"),
        ("latency mean / max (ms)", f"{result['mean']:.2f} / {result['max']:.1f}", ""),
        (
            "  of which engine p50 / p99 (ms)",
            f"{result['engine_p50']:.2f} / {result['engine_p99']:.1f}",
            "",
        ),
        ("  HTTP+API overhead p50 (ms)", f"{result['overhead_p50']:.2f}", ""),
        ("GET /healthz p50 (ms, HTTP floor)", f"{result['healthz_p50']:.2f}", ""),
        ("requests per second (sequential)", f"{result['rps']:.0f}", ""),
        ("queries with a match", f"{result['with_match']}", ""),
        ("index build (s, in the server)", f"{index.get('build_seconds', float('nan')):.2f}", ""),
        ("server resident memory (MB)", "n/a" if rss is None else f"{rss:.0f}", "<= 1024"),
    ]
    if load_seconds is not None:
        rows.append(("store load, all lists (s)", f"{load_seconds:.1f}", ""))
    for name, value, target in rows:
        print(f"{name:<34}{value:>12}  {target}")
    print(f"datasets indexed: {', '.join(index.get('datasets', []))}")
    again = f"--db {args.db} " if args.db else ""
    print(
        f"\nreproduce: .venv/bin/python bench/http_latency.py {again}--requests {requests} "
        f"--warmup {args.warmup} --candidates {args.candidates} --seed {args.seed}"
    )


if __name__ == "__main__":
    main()
