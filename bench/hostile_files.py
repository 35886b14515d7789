"""Benchmark: hostile list files (decompression bombs) are refused quickly in bounded memory.

Builds the bombs of issue 9 in a temporary folder (each about 1 MB on disk: a gzip CSV whose
second line is 1000 MiB, a workbook holding 1000 MiB of whitespace, a workbook with one
300 MiB string), loads a valid version of each dataset first, then loads every bomb in one
child process (imports done before timing) with the default limits and with the ratio limit
lifted, so the checks made while streaming are measured too. Prints one row per bomb:
refused or not, seconds, the process's peak RSS so far, the message; then whether the valid
versions are still the active ones, and the command to reproduce.

    .venv/bin/python bench/hostile_files.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from bombs import CSL_HEADER, bomb_cases, csl_row, ofsi_workbook, run_cases  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_MB = 300.0


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tracewire-hostile-") as tmp:
        folder = Path(tmp)
        db = folder / "store.db"
        valid_csl = folder / "csl_valid.csv"
        valid_csl.write_bytes(CSL_HEADER + csl_row("k1", "Invented Trading Co"))
        valid = [
            {"name": "valid CSL", "path": str(valid_csl), "env": {}},
            {"name": "valid OFSI", "path": str(ofsi_workbook(folder / "ofsi.xlsx")), "env": {}},
        ]
        rows = run_cases(db, valid + bomb_cases(folder))
        print(f"{'file':42} {'refused':>7} {'seconds':>8} {'peak MB':>8}  message")
        ok = True
        for row in rows:
            bomb = row["name"] not in ("after imports", "valid CSL", "valid OFSI")
            if bomb:
                ok &= row["refused"] and row["seconds"] <= TARGET_SECONDS
                ok &= row["peak_mb"] <= TARGET_MB
            print(
                f"{row['name']:42} {'yes' if row['refused'] else 'no':>7} "
                f"{row['seconds']:8.2f} {row['peak_mb']:8.0f}  {row['message'][-110:]}"
            )
        from tracewire.store import open_store

        store = open_store(str(db))
        active = {v.dataset: v.id for v in store.active_versions()}
        store.close()
        print(f"active versions after the bombs: {active} (the valid ones: 1 and 2)")
        ok &= active == {"us_csl": 1, "gb_hmt_ofsi": 2}
    print(
        f"targets: every bomb refused in <= {TARGET_SECONDS:g} s at <= {TARGET_MB:g} MB peak: "
        + ("met" if ok else "NOT met")
    )
    print("reproduce: .venv/bin/python bench/hostile_files.py")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
