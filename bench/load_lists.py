"""Benchmark: load every list in ../shared/data/lists into a fresh SQLite store, re-load
(unchanged files must be skipped), then export everything.

Loads run in one process, as ``tracewire lists load DIR`` does; per file it prints entities,
seconds, entities/s and the process's peak resident memory so far, then totals and the command
to reproduce. The first country lookup of a process builds rigour's territory index (~1-2 s):
that one-off cost lands on the first file.

    .venv/bin/python bench/load_lists.py [LISTS_DIR]
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LISTS = ROOT.parent / "shared" / "data" / "lists"


@dataclass
class Row:
    file: str
    dataset: str
    format: str
    entities: int
    skipped: bool
    seconds: float
    peak_mb: float


@dataclass
class Exported:
    entities: int
    seconds: float
    peak_mb: float


def _load_all(db: str, paths: list[str]) -> list[Row]:
    return [_load_one(db, path) for path in paths]


def _load_one(db: str, path: str) -> Row:
    from tracewire.lists.importer import load_path
    from tracewire.store.sql import SqlStore

    store = SqlStore(db)
    started = time.perf_counter()
    result = load_path(store, path)
    seconds = time.perf_counter() - started
    store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Row(
        Path(path).name,
        result.dataset,
        result.format,
        result.version.total,
        result.skipped,
        seconds,
        peak_mb,
    )


def _export(db: str) -> Exported:
    from tracewire.store.sql import SqlStore

    store = SqlStore(db)
    started = time.perf_counter()
    count = 0
    with open(os.devnull, "w", encoding="utf-8") as out:
        for entity in store.iter_entities():
            out.write(json.dumps(entity, ensure_ascii=False))
            out.write("\n")
            count += 1
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Exported(count, time.perf_counter() - started, peak)


def run(lists_dir: Path) -> int:
    from tracewire.lists.importer import expand

    sources = [str(p) for p in expand([str(lists_dir)])]
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        with ctx.Pool(1) as pool:
            rows = pool.apply(_load_all, (db, sources))
        total = sum(r.seconds for r in rows)
        with ctx.Pool(1) as pool:
            reload_rows = pool.apply(_load_all, (db, sources))
        reload_total = sum(r.seconds for r in reload_rows)
        with ctx.Pool(1) as pool:
            exported = pool.apply(_export, (db,))

    print(f"{'file':44} {'dataset':18} {'entities':>9} {'seconds':>8} {'ent/s':>9} {'peak MB':>8}")
    for row in rows:
        print(
            f"{row.file:44} {row.dataset:18} {row.entities:>9,} {row.seconds:>8.2f} "
            f"{row.entities / row.seconds:>9,.0f} {row.peak_mb:>8.0f}"
        )
    n = sum(r.entities for r in rows)
    peak = max(r.peak_mb for r in rows)
    label = "TOTAL (first load, one process)"
    print(f"{label:63} {n:>9,} {total:>8.2f} {n / total:>9,.0f} {peak:>8.0f}")
    slowest = max(r.seconds for r in reload_rows)
    skipped = sum(1 for r in reload_rows if r.skipped)
    print(
        f"re-load of {len(reload_rows)} unchanged sources: {reload_total:.2f}s in all, "
        f"slowest {slowest:.3f}s, {skipped}/{len(reload_rows)} skipped (hash matched)"
    )
    print(
        f"export: {exported.entities:,} entities in {exported.seconds:.2f}s "
        f"({exported.entities / exported.seconds:,.0f}/s), peak {exported.peak_mb:.0f} MB"
    )
    print("targets: all lists < 20 s, peak < 800 MB, unchanged re-load < 1 s")
    print(f"reproduce: .venv/bin/python bench/load_lists.py {lists_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_LISTS))
