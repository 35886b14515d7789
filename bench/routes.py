"""Bench: trade records and supply routes on generated data (invented parties only).

1. Load rate: a generated CSV of ``--load-records`` records through ``trade load``'s loader
   into a fresh SQLite store (records/s, the whole transaction included).
2. A generated network of ``--parties`` parties and ``--records`` records (with planted routes
   and the invented sanctions list they reach): load, ``routes build`` (no screening: the
   planted consignees carry the listed entities' INN or are owned by one), graph load and its
   memory (the CSR arrays, and the process's peak RSS), then ``routes from`` every maker
   that has a planted route and ``--queries`` random makers: p50/p99 of the search alone and
   of the full answer (evidence read from the store and red flags).
3. Planted routes: every one found among the answer's routes to its listed entity (default
   limit 20), and every edge of every route returned checked against the data
   (:func:`tracewire.routes.verify.unsupported`).

Run: .venv/bin/python bench/routes.py                         (defaults below, ~3 min)
     .venv/bin/python bench/routes.py --parties 200000 --records 2000000
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tracewire.routes.build import build_graph
from tracewire.routes.generate import DATASET, generate, iter_csv_lines
from tracewire.routes.graph import graph_for
from tracewire.routes.load import load_trade
from tracewire.routes.paths import find_paths, start_nodes
from tracewire.routes.records import parse_columns
from tracewire.routes.service import routes_from
from tracewire.routes.verify import unsupported
from tracewire.store import open_store


def write_csv(path: Path, parties: int, records: int, planted: int, seed: int):  # type: ignore[no-untyped-def]
    data = generate(parties=parties, records=records, planted=planted, seed=seed)
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(iter_csv_lines(data.records))
    data.records.clear()
    return data


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-records", type=int, default=200_000)
    parser.add_argument("--parties", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--planted", type=int, default=20)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="tw-bench-routes-") as tmp:
        work = Path(tmp)
        # 1. load rate
        csv_path = work / "load.csv"
        write_csv(csv_path, max(100, args.load_records // 10), args.load_records, 0, args.seed)
        store = open_store(str(work / "load.db"))
        cpu = time.process_time()
        result = load_trade(store, str(csv_path), parse_columns(None))
        cpu = time.process_time() - cpu
        store.close()
        rows.append(
            (
                "trade load",
                f"{result.records:,} records in {result.seconds:.2f} s = "
                f"{result.records / result.seconds:,.0f} records/s "
                f"({result.records / cpu:,.0f} per CPU-second)",
            )
        )
        csv_path.unlink()
        # 2. the network
        net = work / "net.csv"
        started = time.perf_counter()
        data = write_csv(net, args.parties, args.records, args.planted, args.seed)
        rows.append(
            (
                "generate",
                f"{args.parties:,} parties, {args.records:,} records, "
                f"{len(data.planted)} planted routes in {time.perf_counter() - started:.1f} s",
            )
        )
        store = open_store(str(work / "net.db"))
        store.import_entities(
            dataset=DATASET, fmt="ftm", source="bench", sha256="bench", entities=data.entities
        )
        result = load_trade(store, str(net), parse_columns(None))
        rows.append(
            (
                "load network",
                f"{result.records:,} records, {result.parties:,} parties in {result.seconds:.1f} s",
            )
        )
        started = time.perf_counter()
        counts = build_graph(store, screen=False)
        edges = sum(v for k, v in counts.items() if k.startswith("edge:"))
        nodes = sum(v for k, v in counts.items() if k.startswith("node:"))
        rows.append(
            (
                "routes build",
                f"{nodes:,} nodes, {edges:,} edges in {time.perf_counter() - started:.1f} s",
            )
        )
        started = time.perf_counter()
        graph = graph_for(store)
        find_paths(graph, start_nodes(graph, data.makers[0])[0])  # hops to listed, once
        rows.append(
            (
                "graph load",
                f"{time.perf_counter() - started:.1f} s; CSR arrays "
                f"{graph.memory_bytes() / 2**20:.0f} MiB",
            )
        )
        rng = random.Random(args.seed)
        makers = sorted({p.maker for p in data.planted})
        makers += rng.sample(data.makers, min(args.queries, len(data.makers)))
        search: list[float] = []
        full: list[float] = []
        answers = {}
        for maker in makers:
            node = start_nodes(graph, maker)[0]
            t0 = time.perf_counter()
            find_paths(graph, node)
            search.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            answers[maker] = routes_from(store, maker)
            full.append(time.perf_counter() - t0)
        ms = 1000
        rows.append(
            (
                "routes from (search)",
                f"p50 {percentile(search, 0.5) * ms:.1f} ms, "
                f"p99 {percentile(search, 0.99) * ms:.1f} ms over {len(search)} makers",
            )
        )
        rows.append(
            (
                "routes from (answer)",
                f"p50 {percentile(full, 0.5) * ms:.1f} ms, "
                f"p99 {percentile(full, 0.99) * ms:.1f} ms (evidence and red flags)",
            )
        )
        # 3. planted routes
        found = 0
        for planted in data.planted:
            answer, _ = answers[planted.maker]
            for route in answer["routes"]:
                labels = [n["label"] for n in route["nodes"]]
                ends = route["nodes"][-1]["id"] == f"entity:{planted.listed_id}"
                text = "\x00".join(labels)
                if ends and "\x00".join(planted.parties) in text:
                    found += 1
                    break
        checked = bad = 0
        for _answer, routes in answers.values():
            for route in routes:
                checked += 1
                bad += bool(unsupported(store, route))
        rows.append(("planted routes found", f"{found} of {len(data.planted)}"))
        rows.append(("routes not supported", f"{bad} of {checked} routes returned"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(("peak RSS", f"{peak:,.0f} MiB (whole bench process)"))
        rows.append(
            (
                "mean routes/answer",
                f"{statistics.mean(a['total'] for a, _ in answers.values()):.1f}",
            )
        )
        store.close()
    width = max(len(k) for k, _ in rows)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
