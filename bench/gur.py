"""Bench: import GUR's component record and say how well its makers meet the knowledge base.

    .venv/bin/python bench/gur.py [../shared/data/components/gur_components_2026-06-13.csv]

Prints one table: the import time (read, enrich, store into a fresh SQLite file), the share of
rows whose maker GUR names that resolve to a maker of the knowledge base, and the share of part
numbers the resolver attributes whose maker agrees with GUR's (same maker or same owner today).
Rows are split by their component id: those whose SHA-1 falls in the first fifth are the
*blind* split, kept out of sight while the maker data and rules were grown, and reported apart
from the *tune* split. :func:`measure` gives the numbers as a dict (``bench/routes.py`` may
call it).
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tracewire.store import open_store
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.gur import read_gur
from tracewire.teardowns.model import Component
from tracewire.teardowns.store import save_teardowns

SHARED = "shared/data/components/gur_components_2026-06-13.csv"
DEFAULT = Path(__file__).resolve().parents[2] / SHARED
COMMAND = f".venv/bin/python bench/gur.py ../{SHARED}"


def is_blind(component_id: str) -> bool:
    """True for the fifth of component ids held out (by SHA-1, so stable across runs)."""
    return int(hashlib.sha1(component_id.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def _shares(comps: list[Component]) -> dict[str, Any]:
    named = [c for c in comps if c.asserted_maker]
    in_kb = sum(1 for c in named if c.asserted_maker_id)
    parts = [c for c in comps if c.marking and c.resolved_maker_id and c.asserted_maker_id]
    agree = sum(1 for c in parts if c.attribution != "contested")
    return {
        "rows": len(comps),
        "maker_named": len(named),
        "maker_in_kb": in_kb,
        "maker_in_kb_share": in_kb / len(named) if named else None,
        "with_part_number": sum(1 for c in comps if c.marking),
        "part_resolved": len(parts),
        "part_agrees": agree,
        "part_agrees_share": agree / len(parts) if parts else None,
    }


def measure(path: str | Path = DEFAULT) -> dict[str, Any]:
    """Import ``path`` into a fresh store; times and shares by split."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        cpu = time.process_time()
        result = enrich_read(read_gur(path))
        store = open_store(str(Path(tmp) / "gur.db"))
        try:
            weapons = {row.weapon.id: row.weapon for row in result.read_rows}
            save_teardowns(store, result.teardowns.values(), weapons)
        finally:
            store.close()
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    comps = result.components
    return {
        "rows": result.rows,
        "rejected": len(result.errors),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "tune": _shares([c for c in comps if not is_blind(c.key)]),
        "blind": _shares([c for c in comps if is_blind(c.key)]),
    }


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else "n/a"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    out = measure(path)
    print(f"GUR import: {path.name}")
    print(
        f"  {out['rows']} rows, {out['rejected']} rejected, {out['seconds']:.1f} s wall "
        f"({out['cpu_seconds']:.1f} s CPU), target <= 20 s"
    )
    print(
        f"  {'split':<6} {'maker named -> KB maker':<28} {'part number: maker agrees with GUR':<36}"
    )
    for split in ("tune", "blind"):
        s = out[split]
        print(
            f"  {split:<6} {_pct(s['maker_in_kb'], s['maker_named']):<28} "
            f"{_pct(s['part_agrees'], s['part_resolved']):<36}"
        )
    print("  (part numbers: rows whose part number the resolver attributes and whose GUR maker")
    print("   is in the KB; 'agrees' = same maker or same owner today)")
    print(f"command: {COMMAND}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
