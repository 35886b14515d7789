"""The shipped demo set: every row sourced, loads cleanly, covers the weapons it claims."""

from __future__ import annotations

import csv
from importlib import resources

from teardown_fakes import FakeParts
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.reading import read_teardowns

DEMO = resources.files("tracewire").joinpath("data/teardowns/demo.csv")


def test_demo_rows_all_have_public_sources() -> None:
    with DEMO.open("r", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["source_url"].startswith("https://") for r in rows)
    assert all(r["source_publisher"] for r in rows)


def test_demo_loads_without_errors() -> None:
    with DEMO.open("r", encoding="utf-8") as handle:
        result = enrich_read(read_teardowns(handle, fmt="csv"), FakeParts())
    assert result.errors == []
    weapons = {t.weapon_id for t in result.teardowns.values()}
    assert {"shahed-136", "shahed-131", "mohajer-6", "orlan-10", "kh-101"} <= weapons
    assert sum(c.quantity for c in result.components) >= 60
