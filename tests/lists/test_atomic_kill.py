"""A process killed in the middle of an import leaves the store consistent: the previous
version active, nothing of the killed import visible."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tracewire.store.sql import SqlStore

CHILD = r"""
import sys, time
from tracewire.store.sql import SqlStore
store = SqlStore(sys.argv[1])
def slow():
    for i in range(10_000_000):
        if i == 5000:
            print("importing", flush=True)
        if i > 5000:
            time.sleep(0.0001)
        yield {"id": f"k-{i}", "schema": "Person", "properties": {"name": [f"Person {i}"]}}
store.import_entities(dataset="test", fmt="ftm", source="big", sha256="b" * 64, entities=slow())
"""


def test_killed_import_leaves_previous_version(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    store = SqlStore(db)
    first = store.import_entities(
        dataset="test",
        fmt="ftm",
        source="small",
        sha256="a" * 64,
        entities=iter([{"id": "p-1", "schema": "Person", "properties": {"name": ["A"]}}]),
    )
    store.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, db], stdout=subprocess.PIPE, text=True, env=os.environ
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "importing"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()

    store = SqlStore(db)
    assert [v.id for v in store.versions("test")] == [first.id]
    assert store.get_version(first.id).active
    assert [e["id"] for e in store.iter_entities()] == ["p-1"]
    store.close()
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("SELECT count(*) FROM entities")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM list_versions")).scalar() == 1
    engine.dispose()
