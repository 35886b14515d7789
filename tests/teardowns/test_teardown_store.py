"""The teardowns package creates its own tables on a store; the store knows nothing of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from sqlalchemy import inspect
from tracewire.store import open_store

store = open_store(sys.argv[1])
before = set(inspect(store.engine).get_table_names())
assert "tracewire.teardowns.tables" not in sys.modules, "the store imported the teardown tables"
from tracewire.teardowns.model import Component, SourceReport, Teardown
from tracewire.teardowns.store import load_teardowns, save_teardowns

teardown = Teardown(id="T1", weapon_id="shahed-136", weapon_name="Shahed-136")
comp = Component(teardown_id="T1", key="c1", function="engine",
                 source=SourceReport(url="https://example.org/r"))
teardown.add_source(comp.source)
teardown.components.append(comp)
counts = save_teardowns(store, [teardown])
after = set(inspect(store.engine).get_table_names())
print(sorted(after - before), counts["inserted"], [t.id for t in load_teardowns(store)])
store.close()
"""


def test_teardown_tables_are_created_by_the_teardowns_package(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "t.db")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[0] == (
        "['components', 'teardown_sources', 'teardowns', 'weapons'] 1 ['T1']"
    )
