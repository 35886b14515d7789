"""Screening is reproducible: the same lists and query give the same ranking in every
process, whatever Python's string hash seed (ties must not follow a set's order)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys
from tracewire.lists.registry import detect
from tracewire.match.running.engine import Screener
from tracewire.match.types import Query
entities = []
for proxy in detect(sys.argv[1]).entities():
    data = proxy.to_dict()
    data["caption"] = proxy.caption
    entities.append(data)
screener = Screener.from_entities(entities)
out = []
for name in ["彥廷 麗雪 何", "桂芝 蔡", "Li Wei", "Mohammad Hosseini", "Abdul Rahman", "Kim Jong"]:
    result = screener.screen(Query(names=(name,), schema="Person"), limit=15)
    out.append([(r.id, round(r.score, 6)) for r in result.results])
print(json.dumps(out))
"""


def test_same_ranking_under_different_hash_seeds(lists_dir: Path) -> None:
    un = str(lists_dir / "un_consolidated_2026-02-27.xml")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, un], capture_output=True, text=True, env=env, timeout=240
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
