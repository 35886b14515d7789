"""The decompression bombs of issue 9 are refused, each in <= 5 s at <= 300 MB peak memory,
with the limit named, and the previous versions stay active.

All loads run in one child process, imports done before timing. Its peak is its own
``VmHWM``, not ``ru_maxrss``, which keeps the high-water mark of the parent it was forked
from. Each bomb is tried with the default limits and with the ratio limit lifted, so the
checks made while streaming are tested as well as the check of declared sizes.
"""

from __future__ import annotations

from pathlib import Path

from bombs import CSL_HEADER, bomb_cases, csl_row, ofsi_workbook, run_cases

from tracewire.store import open_store

MAX_SECONDS = 5.0
MAX_PEAK_MB = 300.0
EXPECTED_LIMIT = {
    "gzip CSV, line 2 of 1000 MiB": "TRACEWIRE_MAX_LINE",
    "xlsx, 1000 MiB of whitespace": "TRACEWIRE_MAX_RATIO",
    "xlsx, one 300 MiB string": "TRACEWIRE_MAX_RATIO",
    "  same, ratio and strings limits lifted": "TRACEWIRE_MAX_FIELD",
}


def test_bombs_are_refused_fast_in_bounded_memory(tmp_path: Path) -> None:
    valid_csl = tmp_path / "csl_valid.csv"
    valid_csl.write_bytes(CSL_HEADER + csl_row("k1", "Invented Trading Co"))
    valid = [
        {"name": "valid CSL", "path": str(valid_csl), "env": {}},
        {"name": "valid OFSI", "path": str(ofsi_workbook(tmp_path / "ofsi.xlsx")), "env": {}},
    ]
    cases = bomb_cases(tmp_path)
    rows = run_cases(tmp_path / "store.db", valid + cases)
    assert [r["name"] for r in rows] == ["after imports"] + [c["name"] for c in valid + cases]
    assert not rows[1]["refused"] and not rows[2]["refused"], rows[1:3]
    for row in rows[3:]:
        assert row["refused"], row
        assert row["seconds"] <= MAX_SECONDS, row
        assert row["peak_mb"] <= MAX_PEAK_MB, row
        assert "is over the limit of" in row["message"], row
        if row["name"] in EXPECTED_LIMIT:
            assert EXPECTED_LIMIT[row["name"]] in row["message"], row
    lifted = [r for r in rows if r["name"] == "  same, ratio limit lifted"]
    assert "TRACEWIRE_MAX_FIELD" in lifted[1]["message"]  # the whitespace, found streaming
    assert "TRACEWIRE_MAX_XLSX_STRINGS" in lifted[2]["message"]
    store = open_store(str(tmp_path / "store.db"))
    assert {v.dataset: v.id for v in store.active_versions()} == {"us_csl": 1, "gb_hmt_ofsi": 2}
    assert len(store.versions()) == 2
    store.close()
